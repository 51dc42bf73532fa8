"""Retractions and corrections (#30, item 3): a publication's own retraction record, or a
snapshot of a retraction database's notices, marks its studies; a retracted one is listed but
counts toward no tier or certainty, and validate, show, audit and the report say so.

The DOIs below are invented test data (10.1000 is the DOI handbook's example prefix)."""

import json
from pathlib import Path

import pytest

from minimal import edit

DOI = "10.1000/test.one"
PUBLISHED = edit(
    "        n: 10\n",
    "        n: 10\n        publication: one-2020\n",
) + (
    "    publications:\n"
    f"      - {{id: one-2020, authors: [Doe J], title: One, journal: J, year: 2020, doi: {DOI},"
    ' pmid: "123"}\n'
)


def snapshot(kind="retraction", doi="10.1000/TEST.ONE", pmid=None):
    """A snapshot of one notice (by default of DOI, written in capitals: matched all the same)."""
    match = f"doi: {doi}" if doi else f'pmid: "{pmid}"'
    return (
        "schema_version: 3\n"
        "notices:\n"
        '  taken: "2026-12-01"\n'
        "  source: a test snapshot\n"
        "  covers: the test catalog's DOIs\n"
        "  notices:\n"
        f'    - {{kind: {kind}, {match}, date: "2025-03-02", notice: 10.1000/test.notice}}\n'
    )


@pytest.fixture
def folder(tmp_path):
    def make(claims=PUBLISHED, notices=None):
        where = tmp_path / "catalog"
        where.mkdir(exist_ok=True)
        (where / "claims.yaml").write_text(claims, encoding="utf-8")
        if notices is not None:
            (where / "retractions.yaml").write_text(notices, encoding="utf-8")
        return str(where)

    return make


NOTICE = "retraction notice 10.1000/test.notice of 2025-03-02, in a test snapshot as of 2026-12-01"


def test_a_retracted_publication_is_listed_but_counts_toward_nothing(run, folder):
    clean = folder()
    before = run.json("--data", clean, "show", "focus", "--json")
    assert before["tier"] == 2 and before["certainty"] is not None
    retracted = folder(notices=snapshot())
    after = run.json("--data", retracted, "show", "focus", "--json")
    assert after["tier"] < before["tier"]
    assert after["certainty"] is None
    [study] = after["studies"]
    assert (study["retracted"], study["notices"]) == (True, [NOTICE])
    shown = " ".join(
        run("--data", retracted, "show", "focus", env={"COLUMNS": "300"}).stdout.split()
    )
    assert (
        f"Listed, but not counted for this goal: its publication was retracted ({NOTICE})." in shown
    )


def test_validate_warns_at_the_study_and_still_passes(run, folder):
    path = folder(notices=snapshot())
    result = run("validate", path)
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if "warning" in line)
    assert line == (
        f"{path}/claims.yaml:33:22: compounds[0].studies[0].publication: warning: study "
        f"'trial-one': {NOTICE}; it counts toward no tier or certainty"
    )


def test_audit_and_the_report_flag_it(run, folder, tmp_path):
    path = folder(notices=snapshot())
    [focus] = [g for g in run.json("--data", path, "audit", "--json") if g["id"] == "focus"]
    [flag] = [f for f in focus["flags"] if f["code"] == "retracted-publication"]
    assert flag["severity"] == "high"
    assert flag["studies"] == ["trial-one"]
    out = tmp_path / "r.html"
    assert run("--data", path, "report", "focus", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "retracted-publication" in page
    assert "its publication was retracted" in page


def test_a_correction_notice_is_shown_and_the_study_still_counts(run, folder):
    path = folder(notices=snapshot(kind="correction"))
    goal = run.json("--data", path, "show", "focus", "--json")
    assert goal["tier"] == run.json("--data", folder(), "show", "focus", "--json")["tier"]
    assert [f["code"] for f in goal["flags"] if "notice" in f["code"]] == ["publication-notice"]
    shown = " ".join(run("--data", path, "show", "focus", env={"COLUMNS": "300"}).stdout.split())
    assert "Notice: correction notice 10.1000/test.notice of 2025-03-02" in shown


def test_a_notice_is_matched_by_pmid_too(run, folder):
    path = folder(notices=snapshot(doi=None, pmid="123"))
    [study] = run.json("--data", path, "show", "focus", "--json")["studies"]
    assert study["retracted"] is True
    other = folder(notices=snapshot(doi=None, pmid="124"))
    [study] = run.json("--data", other, "show", "focus", "--json")["studies"]
    assert (study["retracted"], study["notices"]) == (False, [])


def test_a_retraction_recorded_in_the_claims_file_has_the_same_effect(run, folder):
    recorded = PUBLISHED.replace(
        ' pmid: "123"}\n',
        ' pmid: "123", corrections: [{kind: retraction, read: true, note: retracted in 2025}]}\n',
    )
    path = folder(claims=recorded)
    [study] = run.json("--data", path, "show", "focus", "--json")["studies"]
    assert study["retracted"] is True
    assert study["notices"] == ["its publication's retraction is recorded here: retracted in 2025"]


def test_a_claims_file_cannot_set_a_study_retracted_itself(run, folder):
    path = folder(
        claims=PUBLISHED.replace("        n: 10\n", "        n: 10\n        retracted: true\n")
    )
    result = run("validate", path)
    assert result.exit_code == 3
    assert "retracted" in result.stdout


def test_the_schema_does_not_offer_the_marks_set_when_a_catalog_is_merged(run):
    schema = json.loads(run("schema").stdout)
    study = schema["$defs"]["Study"]["properties"]
    assert "retracted" not in study and "notices" not in study
    assert "notices" in schema["properties"]  # the snapshot a claims file may hold


def test_a_snapshot_taken_away_takes_its_marks_with_it_even_through_the_cache(run, folder):
    """The claims files of a folder are kept in the cache one by one: a file kept while a
    snapshot marked its studies must not keep the marks once the snapshot is gone."""
    path = folder(notices=snapshot())
    assert run.json("--data", path, "show", "focus", "--json")["studies"][0]["retracted"]
    Path(path, "retractions.yaml").unlink()
    [study] = run.json("--data", path, "show", "focus", "--json")["studies"]
    assert (study["retracted"], study["notices"]) == (False, [])
