"""Finding, reading, validating and merging claims files into one catalog."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from peptide_cli.errors import CatalogError
from peptide_cli.problems import Problem

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from peptide_cli.models import Catalog, ClaimsFile
    from peptide_cli.yaml_reader import YamlDocument

BUNDLED_NAME = "claims.yaml"
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Loaded:
    """A valid catalog, the files it came from, and warnings that did not stop it loading."""

    catalog: Catalog
    files: list[str]
    warnings: list[Problem]


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
    """The catalog in PATH (a file or a folder of them; the bundled file by default).

    Raises CatalogError listing every problem when it cannot be used.
    """
    return load(path).catalog


def load(path: Path | None = None) -> Loaded:
    """Like load_catalog, also giving the files read and any warnings."""
    path = bundled_path() if path is None else path
    files = _claims_files(path)
    documents, problems = [], []
    for file_path, shown in files:
        try:
            documents.append(_read(file_path, shown))
        except CatalogError as error:
            problems += error.problems
    if problems:
        raise CatalogError(problems)
    catalog, problems = _merge(documents)
    order = {shown: index for index, (_, shown) in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.file, 0), p.line or 0, p.column or 0))
    if any(problem.severity == "error" for problem in problems):
        raise CatalogError(problems)
    return Loaded(catalog, [shown for _, shown in files], problems)


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


def _read(path: Path, shown: str) -> _Read:
    from pydantic import ValidationError

    from peptide_cli import yaml_reader
    from peptide_cli.validation import from_pydantic

    document = yaml_reader.read(path, shown)
    if document.data is None:
        raise CatalogError([Problem(shown, "is empty: it holds no YAML document")])
    if not isinstance(document.data, dict):
        message = "the top level must be a mapping of keys to values"
        raise CatalogError([document.problem((), message)])
    try:
        claims = _adapter().validate_python(document.data)
    except ValidationError as error:
        findings = from_pydantic(error, document.data, _schema_keys())
        raise CatalogError(
            [document.problem(f.location, f.message, key=f.at_key) for f in findings]
        ) from None
    return _Read(document, claims)


def _merge(files: list[_Read]) -> tuple[Catalog, list[Problem]]:
    """One catalog from every file, with the problems only the whole set can show."""
    from peptide_cli.models import Catalog
    from peptide_cli.validation import check_file

    problems: list[Problem] = []
    scale_from: _Read | None = None
    for read in files:
        if read.claims.tier_scale is None:
            continue
        if scale_from is None:
            scale_from = read
        elif read.claims.tier_scale != scale_from.claims.tier_scale:
            message = f"differs from the tier scale in {scale_from.document.file}"
            problems.append(read.document.problem(("tier_scale",), message))
    if scale_from is None or not scale_from.claims.tier_scale:
        message = "no tier_scale: a claims file must define the tiers its goals are graded on"
        raise CatalogError([files[0].document.problem((), message)])
    scale = sorted({tier.tier for tier in scale_from.claims.tier_scale})

    defined: dict[str, str] = {}
    for read in files:
        for index, compound in enumerate(read.claims.compounds):
            where = defined.get(compound.id)
            if where is not None and where != read.document.file:
                message = f"compound {compound.id!r} is already defined in {where}"
                problems.append(read.document.problem(("compounds", index, "id"), message))
            defined.setdefault(compound.id, read.document.file)
        problems += [
            read.document.problem(f.location, f.message, key=f.at_key, severity=f.severity)
            for f in check_file(read.claims, scale)
        ]

    catalog = Catalog(
        tier_scale=scale_from.claims.tier_scale,
        compounds=[compound for read in files for compound in read.claims.compounds],
    )
    return catalog, problems


def _schema_keys() -> set[str]:
    """Every key any part of a claims file may have, to suggest one for a misspelt key."""
    from peptide_cli import models

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

        from peptide_cli.models import ClaimsFile

        _ADAPTER = TypeAdapter(ClaimsFile)
    return _ADAPTER


_ADAPTER: TypeAdapter[ClaimsFile] | None = None
