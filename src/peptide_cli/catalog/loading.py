"""Finding, reading, validating and merging claims files into one catalog."""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from peptide_cli.catalog.problems import Problem
from peptide_cli.errors import CatalogError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pydantic import TypeAdapter

    from peptide_cli.catalog.models import Catalog, ClaimsFile
    from peptide_cli.catalog.validation import Finding
    from peptide_cli.catalog.yaml_reader import YamlDocument

BUNDLED_NAME = "claims.yaml"
SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 64 * 1024 * 1024
"""A claims file larger than this (64 MiB) is refused before it is read."""


@dataclass(frozen=True)
class Loaded:
    """A valid catalog, and the warnings that did not stop it loading."""

    catalog: Catalog
    warnings: list[Problem]


def bundled_path() -> Path:
    """The claims file shipped with the package.

    An installed wheel carries it as `peptide_cli/data/claims.yaml`; a source checkout (an
    editable install) has it at the top of the repository, in `data/claims.yaml`.
    """
    packaged = resources.files("peptide_cli").joinpath("data", BUNDLED_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "data" / BUNDLED_NAME


def load_catalog(path: Path | None = None, *, cache_folder: Path | None = None) -> Catalog:
    """The catalog in PATH (a file or a folder of them; the bundled file by default).

    Raises CatalogError listing every problem when it cannot be used, with PATH as its source.
    CACHE_FOLDER: see load.
    """
    return load(path, cache_folder=cache_folder).catalog


def load(path: Path | None = None, *, cache_folder: Path | None = None) -> Loaded:
    """Like load_catalog, also giving any warnings.

    With CACHE_FOLDER, a catalog validated before from the same bytes is read from there
    instead of being parsed and validated again (see `cache.py`), and a new one is stored.
    """
    # Loading makes a great many objects and frees almost none of them, so the cyclic garbage
    # collector's passes over them are wasted: for a large catalog they cost more than the
    # load itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(path, cache_folder)
    except CatalogError as error:
        error.source = path
        raise
    finally:
        if collecting:
            gc.enable()


def _load(path: Path | None, cache_folder: Path | None) -> Loaded:
    from peptide_cli.catalog import cache

    path = bundled_path() if path is None else path
    files = _claims_files(path)
    entry = ""
    if cache_folder is not None:
        # Hash the files one at a time, keeping none of them: on a hit they are not needed.
        entry = cache.key((shown, _read_bytes(file_path, shown)) for file_path, shown in files)
        cached = _joined(cache.read(cache_folder, entry))
        if cached is not None:
            return cached
    raw, problems = [], []
    for file_path, shown in files:
        try:
            raw.append((shown, _read_bytes(file_path, shown)))
        except CatalogError as error:
            problems += error.problems
    if problems:
        raise CatalogError(problems)
    loaded = _validate(raw)
    del raw  # the files' bytes are no longer needed: let them go before the cache is written
    if cache_folder is not None:
        cache.write(cache_folder, entry, _parts(loaded))
    return loaded


def _parts(loaded: Loaded) -> list[object]:
    """LOADED in parts for the cache: the catalog without its compounds, then each compound."""
    head = replace(loaded, catalog=replace(loaded.catalog, compounds=[]))
    return [head, *loaded.catalog.compounds]


def _joined(parts: list[object] | None) -> Loaded | None:
    """A Loaded from the parts `_parts` made, or None for anything else (a miss)."""
    from peptide_cli.catalog.models import Compound

    if not parts or not isinstance(parts[0], Loaded):
        return None
    head = parts[0]
    compounds = [part for part in parts[1:] if isinstance(part, Compound)]
    if len(compounds) != len(parts) - 1:
        return None
    return replace(head, catalog=replace(head.catalog, compounds=compounds))


def _validate(raw: list[tuple[str, bytes]]) -> Loaded:
    documents, problems = [], []
    for shown, content in raw:
        try:
            documents.append(_read(content, shown))
        except CatalogError as error:
            problems += error.problems
    if problems:
        raise CatalogError(problems)
    catalog, problems = _merge(documents)
    order = {shown: index for index, (shown, _) in enumerate(raw)}
    problems.sort(key=lambda p: (order.get(p.file, 0), p.line or 0, p.column or 0))
    if any(problem.severity == "error" for problem in problems):
        raise CatalogError(problems)
    return Loaded(catalog, problems)


def _read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of PATH, unless it is missing, unreadable or over the size limit."""

    def fail(message: str) -> CatalogError:
        return CatalogError([Problem(shown, message)])

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(
                f"is {size / 2**20:.1f} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit "
                "for a claims file"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise fail("claims file not found") from None
    except IsADirectoryError:
        raise fail("is a folder, not a claims file") from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None


def _claims_files(path: Path) -> list[tuple[Path, str]]:
    if not path.is_dir():
        return [(path, str(path))]
    try:
        found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and not p.is_dir())
    except OSError as error:
        message = f"cannot be read: {error.strerror or error}"
        raise CatalogError([Problem(str(path), message)]) from None
    if not found:
        raise CatalogError([Problem(str(path), "is a folder with no .yaml or .yml files in it")])
    return [(p, str(p)) for p in found]


@dataclass(frozen=True)
class _Read:
    document: YamlDocument
    claims: ClaimsFile


def _read(content: bytes, shown: str) -> _Read:
    from pydantic import ValidationError

    from peptide_cli.catalog import yaml_reader
    from peptide_cli.catalog.validation import from_pydantic

    data, document = yaml_reader.parse(content, shown)
    if data is None:
        raise CatalogError([Problem(shown, "is empty: it holds no YAML document")])
    if not isinstance(data, dict):
        message = "the top level must be a mapping of keys to values"
        raise CatalogError([Problem(shown, message, line=1, column=1)])
    try:
        claims = _adapter().validate_python(data)
    except ValidationError as error:
        findings = from_pydantic(error, data, _schema_keys())
        raise CatalogError(_problems(document, findings)) from None
    return _Read(document, claims)


def _problems(document: YamlDocument, findings: Iterable[Finding]) -> list[Problem]:
    return document.problems((f.location, f.message, f.at_key, f.severity) for f in findings)


def _merge(files: list[_Read]) -> tuple[Catalog, list[Problem]]:
    """One catalog from every file, with the problems only the whole set can show."""
    from peptide_cli.catalog.models import Catalog
    from peptide_cli.catalog.validation import Finding, check_file

    problems: list[Problem] = []
    scale_from: _Read | None = None
    for read in files:
        if read.claims.tier_scale is None:
            continue
        if scale_from is None:
            scale_from = read
        elif read.claims.tier_scale != scale_from.claims.tier_scale:
            message = f"differs from the tier scale in {scale_from.document.file}"
            problems += _problems(read.document, [Finding(("tier_scale",), message)])
    if scale_from is None or not scale_from.claims.tier_scale:
        message = "no tier_scale: a claims file must define the tiers its goals are graded on"
        raise CatalogError([Problem(files[0].document.file, message, line=1, column=1)])
    scale = sorted({tier.tier for tier in scale_from.claims.tier_scale})

    defined: dict[str, str] = {}
    for read in files:
        findings = list(check_file(read.claims, scale))
        for index, compound in enumerate(read.claims.compounds):
            where = defined.get(compound.id)
            if where is not None and where != read.document.file:
                message = f"compound {compound.id!r} is already defined in {where}"
                findings.append(Finding(("compounds", index, "id"), message))
            defined.setdefault(compound.id, read.document.file)
        if findings:
            problems += _problems(read.document, findings)

    catalog = Catalog(
        tier_scale=scale_from.claims.tier_scale,
        compounds=[compound for read in files for compound in read.claims.compounds],
    )
    return catalog, problems


def _schema_keys() -> set[str]:
    """Every key any part of a claims file may have, to suggest one for a misspelt key."""
    from peptide_cli.catalog import models

    return {
        name
        for item in vars(models).values()
        if isinstance(item, type) and issubclass(item, models.Record) and item is not models.Record
        for name in item.__dataclass_fields__
    }


def _adapter() -> TypeAdapter[ClaimsFile]:
    """Pydantic's validator for a claims file, built once, on the first file read."""
    global _ADAPTER
    if _ADAPTER is None:
        from pydantic import TypeAdapter

        from peptide_cli.catalog.models import ClaimsFile

        _ADAPTER = TypeAdapter(ClaimsFile)
    return _ADAPTER


_ADAPTER: TypeAdapter[ClaimsFile] | None = None
