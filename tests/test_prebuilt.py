"""The bundled catalog's snapshot, made when the wheel is built: used only while it matches the
files, the version and the models it was made from, and equal to the catalog it stands for."""

import shutil

import pytest

from peptide_cli.catalog import loading, prebuilt, reading, yaml_reader
from peptide_cli.catalog.problems import Problem
from peptide_cli.errors import CatalogError

from helpers import REPO


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """A copy of the bundled folder with its snapshot, as a wheel installs it."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    (folder / prebuilt.PREBUILT).write_bytes(loading.prebuild(folder))
    monkeypatch.setattr(reading, "bundled_path", lambda: folder)
    return folder


# The files the bundled catalog was built with; a compound added later adds a file.
KNOWN_FILES = [
    "claims.yaml",
    "compound-bpc-157.yaml",
    "compound-elamipretide.yaml",
    "compound-oxytocin.yaml",
    "compound-semaglutide.yaml",
    "compound-tesamorelin.yaml",
    "compound-thymosin-alpha-1.yaml",
]


def fresh(folder):
    """The catalog of FOLDER read and checked from its files, as without a snapshot."""
    return loading.load(folder).catalog


def test_the_snapshot_is_the_catalog_its_files_make(bundled, monkeypatch):
    expected = fresh(bundled)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the bundled files were parsed although the snapshot matches")

    monkeypatch.setattr(yaml_reader, "parse", no_parsing)
    loaded = loading.load()
    assert loaded.catalog == expected
    assert loaded.warnings == []
    files = [f.file for f in loaded.catalog.files]
    # every claims file of the folder, in the order of their names
    assert files == sorted(str(p) for p in bundled.iterdir() if p.suffix in (".yaml", ".yml"))
    assert {str(bundled / name) for name in KNOWN_FILES} <= set(files)


def test_an_edited_file_is_read_and_checked_instead(bundled):
    path = bundled / "claims.yaml"
    path.write_bytes(path.read_bytes().replace(b"label: CARS\n", b"label: CARZ\n"))
    catalog = loading.load().catalog
    assert catalog.compounds[0].study("cars").label == "CARZ"


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "compound-bpc-157.yaml").unlink(),
        lambda folder: (folder / "extra.yaml").write_bytes(
            (folder / "compound-bpc-157.yaml").read_bytes().replace(b"bpc-157", b"bpc-158")
        ),
    ],
)
def test_a_removed_or_added_file_is_read_and_checked_instead(bundled, monkeypatch, change):
    change(bundled)
    calls = []
    validate = loading._validate
    monkeypatch.setattr(
        loading, "_validate", lambda raw, *rest: calls.append(len(raw)) or validate(raw, *rest)
    )
    loading.load()
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("__version__", "0.0.0-another"), ("_fingerprint", lambda: "other models")],
)
def test_a_snapshot_of_another_version_or_other_models_is_not_used(
    bundled, monkeypatch, attribute, value
):
    monkeypatch.setattr(prebuilt if attribute == "__version__" else loading, attribute, value)
    calls = []
    validate = loading._validate
    monkeypatch.setattr(
        loading, "_validate", lambda raw, *rest: calls.append(1) or validate(raw, *rest)
    )
    assert loading.load().catalog == fresh(bundled)
    assert calls == [1, 1]  # the load, and fresh()


@pytest.mark.parametrize("damage", [lambda data: data[:100], lambda data: b"", lambda data: b"x"])
def test_a_damaged_snapshot_is_not_used(bundled, damage):
    path = bundled / prebuilt.PREBUILT
    path.write_bytes(damage(path.read_bytes()))
    assert loading.load().catalog == fresh(bundled)


def test_a_catalog_with_warnings_makes_no_snapshot(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    validate = loading._validate

    def with_a_warning(raw):
        loaded = validate(raw)
        warning = Problem("claims.yaml", "no goal refers to study 'x'", severity="warning")
        return loading.Loaded(loaded.catalog, [warning])

    monkeypatch.setattr(loading, "_validate", with_a_warning)
    with pytest.raises(ValueError, match=r"^the bundled catalog has warnings: claims\.yaml: "):
        loading.prebuild(folder)


def test_an_invalid_bundled_catalog_fails_the_build(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    path = folder / "claims.yaml"
    path.write_bytes(path.read_bytes().replace(b"\ncompounds:", b"\nunknown_key: 1\ncompounds:", 1))
    with pytest.raises(CatalogError) as raised:
        loading.prebuild(folder)
    assert "unknown_key" in str(raised.value.errors[0])


def snapshot_of(folder):
    """What `prebuilt.read` makes of FOLDER's snapshot, as a run over it would."""
    raw = reading.read_all(reading.claims_files(folder))
    return prebuilt.read(folder, raw, loading._fingerprint())


def test_a_snapshot_damaged_inside_its_pickle_is_not_used(bundled):
    """One effect size changed in place (8 bytes of the pickle): with its digest made again it
    would be read, and serve the wrong figure; with the digest it shipped with it is refused."""
    import hashlib
    import struct

    path = bundled / prebuilt.PREBUILT
    data = path.read_bytes()
    shipped = snapshot_of(bundled)
    assert shipped == fresh(bundled)
    old = b"G" + struct.pack(">d", 1.1)  # a float as pickle writes it
    assert old in data
    damaged = data.replace(old, b"G" + struct.pack(">d", 9.9), 1)
    start = len(prebuilt.MAGIC) + prebuilt.DIGEST
    resigned = prebuilt.MAGIC + hashlib.sha256(damaged[start:]).digest() + damaged[start:]
    path.write_bytes(resigned)
    assert snapshot_of(bundled) not in (None, shipped)  # the damage matters ...
    path.write_bytes(damaged)
    assert snapshot_of(bundled) is None  # ... and the digest catches it
    assert loading.load().catalog == fresh(bundled)


def test_a_snapshot_that_is_not_a_regular_file_or_too_large_is_not_read(bundled, monkeypatch):
    import os

    path = bundled / prebuilt.PREBUILT
    data = path.read_bytes()
    monkeypatch.setattr(prebuilt, "MAX_BYTES", len(data) - 1)
    assert snapshot_of(bundled) is None  # one byte over the limit
    monkeypatch.setattr(prebuilt, "MAX_BYTES", len(data))
    assert snapshot_of(bundled) == fresh(bundled)  # at the limit
    path.unlink()
    os.mkfifo(path)  # a FIFO with no writer: refused at once, never waited on
    assert snapshot_of(bundled) is None
    path.unlink()
    path.symlink_to("/dev/zero")  # endless: refused, never read
    assert snapshot_of(bundled) is None
    assert loading.load().catalog == fresh(bundled)
