"""Validating and merging claims files into one catalog, from their bytes (read by `reading`),
the wheel's snapshot (`prebuilt`) or the cache (`cache`)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from peptide_cli.catalog import reading
from peptide_cli.catalog.problems import Problem
from peptide_cli.errors import CatalogError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pydantic_core import SchemaValidator

    from peptide_cli.catalog import cache
    from peptide_cli.catalog.models import Catalog, ClaimsFile
    from peptide_cli.catalog.validation import Finding
    from peptide_cli.catalog.yaml_reader import YamlDocument


bundled_path = reading.bundled_path  # where it was first defined: scripts may still call it


class Loaded(NamedTuple):
    """A valid catalog, and the warnings that did not stop it loading."""

    catalog: Catalog
    warnings: list[Problem]


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
    from peptide_cli.catalog import cache, models

    bundled = path is None
    path = reading.bundled_path() if path is None else path
    files = reading.claims_files(path)
    if not bundled:  # the bundled retraction snapshot, if it ships one, checks these too
        files += reading.bundled_snapshot(path)
    raw = reading.read_all(files)  # the one read of the files' bytes
    fingerprint = _fingerprint()
    if bundled:  # checked when the package was built, if these are still the files it checked
        from peptide_cli.catalog import prebuilt

        catalog = prebuilt.read(path, raw, fingerprint)
        if catalog is not None:
            return Loaded(catalog, [])
    entry, hashes = "", None
    if cache_folder is not None:
        hashes = _hashes(raw)
        entry = cache.catalog_key(hashes.items(), fingerprint)
        loaded = _from_cache(cache.read(cache_folder, entry, fingerprint, models.loads))
        if loaded is not None:
            return loaded
    loaded = _validate(raw, cache_folder, fingerprint, hashes)
    del raw  # the files' bytes are no longer needed: let them go before the cache is written
    if cache_folder is not None:
        catalog = loaded.catalog
        # the compounds are sections of their own, each read only when it is used
        head = models.Catalog(
            tier_scale=catalog.tier_scale, compounds=[], mcids=catalog.mcids, files=catalog.files
        )
        value = {"catalog": head, "warnings": [p.as_dict() for p in loaded.warnings]}
        cache.write(cache_folder, entry, fingerprint, value, models.dumps, catalog.compounds)
    return loaded


def prebuild(folder: Path) -> bytes:
    """The bundled catalog in FOLDER checked, as the snapshot a wheel ships (see `prebuilt`).
    Raises CatalogError when it is not valid, and ValueError when it has warnings: the bundled
    catalog must be clean."""
    from peptide_cli.catalog import prebuilt

    raw = reading.read_all(reading.claims_files(folder))
    loaded = _validate(raw)
    if loaded.warnings:
        raise ValueError(f"the bundled catalog has warnings: {loaded.warnings[0]}")
    return prebuilt.snapshot(loaded.catalog, raw, _fingerprint())


def _from_cache(hit: cache.Hit | None) -> Loaded | None:
    """A Loaded from what the cache held (its compounds read as they are used), or None for
    anything else (a miss)."""
    from peptide_cli.catalog.models import Catalog

    if hit is None or not isinstance(hit.value, dict):
        return None
    value = hit.value
    if not isinstance(value.get("catalog"), Catalog):
        return None
    try:
        warnings = [Problem(**problem) for problem in value["warnings"]]
    except (TypeError, KeyError):
        return None
    catalog = value["catalog"]
    catalog.compounds = hit.sections
    return Loaded(catalog, warnings)


def _fingerprint() -> str:
    """The shape of everything an entry holds: the models' fields and their types."""
    from peptide_cli.catalog import models

    shape = ",".join(f"{name}:{kind}" for name, kind in Problem.__annotations__.items())
    return models.fingerprint() + ":" + shape


def _validate(
    raw: list[tuple[str, bytes]],
    cache_folder: Path | None = None,
    fingerprint: str = "",
    hashes: dict[str, str] | None = None,
) -> Loaded:
    """The catalog RAW (each file's shown name and bytes; HASHES: their SHA-256s, if already
    known) makes, checked.

    With CACHE_FOLDER the validator is kept there (see `_validator`), and so is each file of a
    valid catalog of several files, checked on its own (FINGERPRINT: the models'): after an
    edit of one file of a folder, only that file is parsed and validated again. Checks across
    files, and every check of `validation.check_file`, run on every file each time.
    """
    from peptide_cli.catalog import cache, models

    hashes = hashes or _hashes(raw)
    reads, fresh, problems = [], [], []
    several = cache_folder is not None and len(raw) > 1  # one file is kept as its catalog
    for shown, content in raw:
        kept = _kept_file(cache_folder, hashes[shown], fingerprint) if several else None
        if kept is not None:
            reads.append(_Read(shown, content, kept))
            continue
        try:
            read = _read(content, shown, _validator(cache_folder))
        except CatalogError as error:
            problems += error.problems
            continue
        reads.append(read)
        fresh.append(read)
    if problems:
        raise CatalogError(problems)
    catalog, problems = _merge(reads, hashes)
    order = {shown: index for index, (shown, _) in enumerate(raw)}
    problems.sort(key=lambda p: (order.get(p.file, 0), p.line or 0, p.column or 0))
    if any(problem.severity == "error" for problem in problems):
        raise CatalogError(problems)
    if several and cache_folder is not None:  # only the files of a valid catalog are kept
        for read in fresh:
            name = cache.file_key(hashes[read.file], fingerprint)
            cache.write(cache_folder, name, fingerprint, read.claims, models.dumps)
    return Loaded(catalog, problems)


def _hashes(raw: list[tuple[str, bytes]]) -> dict[str, str]:
    """The SHA-256 (hex) of each file's bytes, by its shown name."""
    import hashlib

    return {shown: hashlib.sha256(content).hexdigest() for shown, content in raw}


def _kept_file(folder: Path | None, sha256: str, fingerprint: str) -> ClaimsFile | None:
    """What the claims file of this SHA-256 holds, as checked before and kept in FOLDER, or
    None."""
    from peptide_cli.catalog import cache, models

    if folder is None:
        return None
    name = cache.file_key(sha256, fingerprint)
    hit = cache.read(folder, name, fingerprint, models.loads)
    return hit.value if hit is not None and isinstance(hit.value, models.ClaimsFile) else None


class _Read(NamedTuple):
    """A claims file read and validated: its shown name, its bytes, and what it holds."""

    file: str
    raw: bytes
    claims: ClaimsFile

    def problems(self, findings: Iterable[Finding]) -> list[Problem]:
        """Problems for FINDINGS in this file, each where it stands (the file is parsed again
        for that, only when there is a problem to place)."""
        from peptide_cli.catalog.yaml_reader import YamlDocument

        return _problems(YamlDocument(self.file, self.raw), findings)


def _read(content: bytes, shown: str, validator: SchemaValidator) -> _Read:
    from pydantic_core import ValidationError

    from peptide_cli.catalog import yaml_reader

    data, document = yaml_reader.parse(content, shown)
    if data is None:
        raise CatalogError([Problem(shown, "is empty: it holds no YAML document")])
    if not isinstance(data, dict):
        message = "the top level must be a mapping of keys to values"
        raise CatalogError([Problem(shown, message, line=1, column=1)])
    try:
        claims = validator.validate_python(data)
    except ValidationError as error:
        from peptide_cli.catalog.validation import from_pydantic

        findings = from_pydantic(error, data, _schema_keys())
        raise CatalogError(_problems(document, findings)) from None
    return _Read(shown, content, claims)


def _problems(document: YamlDocument, findings: Iterable[Finding]) -> list[Problem]:
    return document.problems((f.location, f.message, f.at_key, f.severity) for f in findings)


def _merge(files: list[_Read], hashes: dict[str, str]) -> tuple[Catalog, list[Problem]]:
    """One catalog from every file (HASHES: each file's SHA-256), with the problems only the
    whole set can show."""
    from peptide_cli.catalog.models import Catalog, SourceFile
    from peptide_cli.catalog.validation import Finding, check_file, notice_findings

    problems: list[Problem] = []
    scale_from: _Read | None = None
    for read in files:
        if read.claims.tier_scale is None:
            continue
        if scale_from is None:
            scale_from = read
        elif read.claims.tier_scale != scale_from.claims.tier_scale:
            message = f"differs from the tier scale in {scale_from.file}"
            problems += read.problems([Finding(("tier_scale",), message)])
    if scale_from is None or not scale_from.claims.tier_scale:
        message = "no tier_scale: a claims file must define the tiers its goals are graded on"
        raise CatalogError([Problem(files[0].file, message, line=1, column=1)])
    scale = sorted({tier.tier for tier in scale_from.claims.tier_scale})

    defined: dict[str, str] = {}
    for read in files:
        findings = list(check_file(read.claims, scale))
        for index, compound in enumerate(read.claims.compounds):
            where = defined.get(compound.id)
            if where is not None and where != read.file:
                message = f"compound {compound.id!r} is already defined in {where}"
                findings.append(Finding(("compounds", index, "id"), message))
            defined.setdefault(compound.id, read.file)
        if findings:
            problems += read.problems(findings)

    catalog = Catalog(
        tier_scale=scale_from.claims.tier_scale,
        compounds=[compound for read in files for compound in read.claims.compounds],
        mcids=[mcid for read in files for mcid in read.claims.mcids],
        files=[
            SourceFile(
                file=read.file,
                sha256=hashes[read.file],
                compounds=[compound.id for compound in read.claims.compounds],
            )
            for read in files
        ],
        notices=[read.claims.notices for read in files if read.claims.notices is not None],
    )
    for read in files:
        findings = list(notice_findings(read.claims.compounds, catalog.notices))
        if findings:
            problems += read.problems(findings)
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


def _validator(cache_folder: Path | None) -> SchemaValidator:
    """The validator for a claims file: pydantic-core's, built from the models once.

    Building it from the model definitions means importing pydantic and generating a schema
    (most of a cold run's time); with CACHE_FOLDER, the built validator is kept there (signed,
    as catalogs are) for this pydantic-core and this shape of the models, so later cold runs
    load it instead, and import only pydantic-core.
    """
    global _VALIDATOR
    if _VALIDATOR is not None:
        return _VALIDATOR
    from pydantic_core import SchemaValidator

    from peptide_cli.catalog import cache, models

    fingerprint = _validator_fingerprint()
    name = cache.key([], fingerprint)
    if cache_folder is not None:
        hit = cache.read(cache_folder, name, fingerprint, models.loads_validator)
        found = None if hit is None else hit.value
        if isinstance(found, SchemaValidator):
            _VALIDATOR = found
            return found
    from pydantic import TypeAdapter

    from peptide_cli.catalog.models import ClaimsFile

    built: Any = TypeAdapter(ClaimsFile).validator
    # with pydantic plugins installed it is a wrapper of pydantic's, which is not kept
    if cache_folder is not None and isinstance(built, SchemaValidator):
        cache.write(cache_folder, name, fingerprint, built, models.dumps)
    _VALIDATOR = built
    return built


def validator_entry() -> str:
    """The name of the validator's entry in a cache folder (see `_validator`)."""
    from peptide_cli.catalog import cache

    return cache.key([], _validator_fingerprint())


def _validator_fingerprint() -> str:
    import pydantic_core

    return f"validator:{pydantic_core.__version__}:{_fingerprint()}"


_VALIDATOR: SchemaValidator | None = None
