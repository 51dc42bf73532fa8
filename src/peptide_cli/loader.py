"""Finding, reading and validating a claims file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from peptide_cli.errors import CatalogError

if TYPE_CHECKING:
    from pydantic import ValidationError

    from peptide_cli.models import Catalog

BUNDLED_NAME = "claims.yaml"


def bundled_path() -> Path:
    """The claims file shipped with the package.

    An installed wheel carries it as `peptide_cli/data/claims.yaml`; a source checkout (an
    editable install) has it at the top of the repository, in `data/claims.yaml`.
    """
    packaged = resources.files("peptide_cli").joinpath("data", BUNDLED_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data" / BUNDLED_NAME


def load_catalog(path: Path | None = None) -> Catalog:
    """Read and validate a claims file (the bundled one by default).

    Raises CatalogError, with a one-line message naming the file, for anything that stops the
    file from being used.
    """
    path = bundled_path() if path is None else path
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: the top level must be a mapping of keys to values")

    from pydantic import ValidationError

    from peptide_cli.models import Catalog

    try:
        return Catalog.model_validate(data)
    except ValidationError as error:
        raise CatalogError(f"{path}: {_first_problem(error)}") from None


def _read_yaml(path: Path) -> object:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"{path}: claims file not found") from None
    except IsADirectoryError:
        raise CatalogError(f"{path}: is a folder, not a claims file") from None
    except UnicodeDecodeError:
        raise CatalogError(f"{path}: is not UTF-8 text") from None
    except OSError as error:
        raise CatalogError(f"{path}: cannot be read ({error.strerror})") from None

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader: the C one or the pure-Python one
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise CatalogError(f"{where}: invalid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise CatalogError(f"{path}: invalid YAML: {error}") from None


def _first_problem(error: ValidationError) -> str:
    problems = error.errors(include_url=False)
    first = problems[0]
    message = first["msg"].removeprefix("Value error, ")
    location = _dotted(first["loc"])
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{location}: {message}{suffix}" if location else f"{message}{suffix}"


def _dotted(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text
