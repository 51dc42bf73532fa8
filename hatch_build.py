"""Build hook: check the bundled claims files while building the wheel, and ship the checked
catalog with them (see `src/peptide_cli/catalog/prebuilt.py`), so that a first run after
installing needs no validation. A build whose bundled catalog is not valid fails."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltCatalog(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads data/ from the checkout, which may change
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from peptide_cli.catalog import loading, prebuilt

            made = {prebuilt.PREBUILT: loading.prebuild(root / "data")}
        finally:
            sys.path.remove(str(root / "src"))
        self._folder = tempfile.TemporaryDirectory(prefix="peptide-cli-build-")
        for name, content in made.items():
            target = Path(self._folder.name) / name
            target.write_bytes(content)
            build_data["force_include"][str(target)] = f"peptide_cli/data/{name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
