"""Data releases (#30): the changelog, `whats-new`, the data version, and how a release's changes
are found by comparing two catalogs."""

from datetime import date

import pytest

from peptide_cli.catalog.history import PRACTICE_CHANGING, read_changelog
from peptide_cli.catalog.loading import load_catalog
from peptide_cli.catalog.reading import data_version
from peptide_cli.evidence.changes import compare

from helpers import REPO
from minimal import MINIMAL, edit

BUNDLED = read_changelog(REPO / "data")
DAY = date(2026, 12, 6)


def catalog(tmp_path, text, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_catalog(path)


def changes(tmp_path, new_text, old_text=MINIMAL, shown_before=None):
    old = catalog(tmp_path, old_text, "old")
    new = catalog(tmp_path, new_text, "new")
    return [vars_of(c) for c in compare(old, new, DAY, shown_before)]


def vars_of(change):
    return {k: getattr(change, k) for k in change.__dataclass_fields__ if getattr(change, k)}


# Comparing two catalogs ------------------------------------------------------------------------


def test_the_same_catalog_has_no_changes(tmp_path):
    assert changes(tmp_path, MINIMAL) == []


def test_a_changed_figure_is_listed_with_its_old_and_new_value(tmp_path):
    new = edit("value: 1.5", "value: 1.6")
    assert changes(tmp_path, new) == [
        {
            "kind": "figure-changed",
            "compound": "testium",
            "study": "trial-one",
            "figure": "Score",
            "old": "1.5, CI 0.5 to 2.5, p < 0.05",
            "new": "1.6, CI 0.5 to 2.5, p < 0.05",
            "summary": "Testium: Trial One, Score: 1.5, CI 0.5 to 2.5, p < 0.05 is now 1.6, "
            "CI 0.5 to 2.5, p < 0.05.",
        }
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [("high: 2.5", "high: 2.6"), ('relation: "<", value: 0.05', 'relation: "=", value: 0.05')],
)
def test_an_interval_or_a_p_value_that_moves_is_a_change(tmp_path, old, new):
    [change] = changes(tmp_path, edit(old, new))
    assert change["kind"] == "figure-changed"


def test_a_study_added_and_removed_each_say_so_with_the_source(tmp_path):
    added = edit(
        "studies: [trial-one]",
        "studies: [trial-one, trial-two]",
        MINIMAL
        + """\
      - id: trial-two
        label: Trial Two
        design: rct
        species: human
        population: test subjects
        n: 20
        publication: two-2020
    publications:
      - {id: two-2020, authors: [Doe J], year: 2020, doi: 10.1000/test.2}
""",
    )
    found = changes(tmp_path, added)
    assert found[0] == {
        "kind": "study-added",
        "compound": "testium",
        "study": "trial-two",
        "new": "Trial Two",
        "summary": "Testium: study Trial Two added (rct, n=20).",
        "source": "Doe 2020, doi:10.1000/test.2",
    }
    removed = changes(tmp_path, MINIMAL, old_text=added)
    assert removed[0] == {
        "kind": "study-removed",
        "compound": "testium",
        "study": "trial-two",
        "old": "Trial Two",
        "summary": "Testium: study Trial Two removed.",
        "source": "the curator's edit of the claims files (the old release's entry is in git "
        "history)",
    }


def test_a_tier_and_certainty_are_compared_as_shown_before(tmp_path):
    """The old release's tool may have printed another tier (its rules differed): that is the
    value a reader saw, and the one the change starts from."""
    same = changes(tmp_path, MINIMAL)
    assert same == []
    shown = {("testium", "focus"): (3, "moderate"), ("testium", "calm"): (1, None)}
    found = changes(tmp_path, MINIMAL, shown_before=shown)
    now = load_catalog_goal(tmp_path)
    assert [c["kind"] for c in found] == ["tier-changed", "certainty-changed"]
    assert (found[0]["old"], found[0]["new"]) == ("3", str(now.tier.tier))
    assert (found[1]["old"], found[1]["new"]) == ("moderate", now.certainty or "none")
    assert all(c["goal"] == "focus" for c in found)


def load_catalog_goal(tmp_path):
    from peptide_cli.evidence import appraise, find_goal

    loaded = catalog(tmp_path, MINIMAL, "now")
    return appraise(loaded, find_goal(loaded, "focus"))


def test_a_compound_added_and_a_goal_removed(tmp_path):
    second = MINIMAL.replace(
        "compounds:\n",
        "compounds:\n  - {id: other, name: Other, kind: k, "
        "summary: s., source: s, composition: c, administration: {routes: [oral]}}\n",
        1,
    )
    found = changes(tmp_path, second)
    assert found == [
        {
            "kind": "compound-added",
            "compound": "other",
            "new": "Other",
            "summary": "Other added, with no goal.",
            "source": "s",
        }
    ]
    without_calm = edit(
        "      - id: calm\n        name: Calm\n        aliases: [relaxation]\n        tier: 1\n"
        "        summary: Another test goal.\n",
        "",
    )
    [gone] = changes(tmp_path, without_calm)
    assert (gone["kind"], gone["goal"], gone["old"]) == ("goal-removed", "calm", "Calm")


STATUS = """\
    regulatory:
      - {body: FDA, jurisdiction: United States, kind: KIND, status: STATUS, date: "DATE",
         source: a page, url: "https://example.org/URL", grade: A}
"""


def regulated(kind, status, day, url="a"):
    entry = STATUS.replace("KIND", kind).replace("STATUS", status).replace("DATE", day)
    return edit("    goals:\n", entry.replace("URL", url) + "    goals:\n")


def test_a_status_first_recorded_is_not_a_regulators_change(tmp_path):
    [found] = changes(tmp_path, regulated("warning", "warned", "2026-01-01"))
    assert found == {
        "kind": "status-recorded",
        "compound": "testium",
        "figure": "FDA (United States)",
        "new": "warned",
        "summary": "Testium, FDA (United States): recorded as warned.",
        "source": "https://example.org/a",
    }
    assert found["kind"] not in PRACTICE_CHANGING


def test_a_status_that_changed_is_practice_changing_and_counts_on_the_day(tmp_path):
    old = regulated("warning", "warned", "2026-01-01")
    new = regulated("warning", "warned", "2026-01-01").replace(
        "    goals:\n",
        "      - {body: FDA, jurisdiction: United States, kind: approval, status: approved, "
        'date: "2026-12-06", source: a page, url: "https://example.org/b", grade: A}\n'
        "    goals:\n",
        1,
    )
    [found] = changes(tmp_path, new, old_text=old)
    assert (found["kind"], found["old"], found["new"]) == ("status-changed", "warned", "approved")
    assert found["source"] == "https://example.org/b"
    assert "status-changed" in PRACTICE_CHANGING
    # a day before it takes effect, nothing has changed yet
    day_before = date(2026, 12, 5)
    assert compare(catalog(tmp_path, old, "o"), catalog(tmp_path, new, "n"), day_before) == []


# The bundled changelog and the data version --------------------------------------------------


def test_the_bundled_changelog_reads_and_its_latest_release_is_the_data_version():
    assert BUNDLED is not None and len(BUNDLED.releases) >= 2
    assert data_version(REPO / "data") == (BUNDLED.latest.version, BUNDLED.latest.date)


def test_every_change_of_the_bundled_changelog_names_a_compound_of_the_catalog_or_a_removed_one():
    ids = {c.id for c in load_catalog(REPO / "data").compounds}
    for release in BUNDLED.releases:
        for change in release.changes:
            assert change.compound in ids or change.kind == "compound-removed"


def test_every_change_names_its_source():
    """What was read for it (a publication, a page), the rule that computed it, or, for a
    removal, the curator's edit."""
    for release in BUNDLED.releases:
        for change in release.changes:
            assert change.source, change.summary
            if change.kind in ("tier-changed", "goal-added"):
                assert change.source.startswith("the tier rules (")
            if change.kind == "certainty-changed":
                assert change.source.startswith("the certainty rules (")


# whats-new ---------------------------------------------------------------------------------


def test_whats_new_without_since_lists_the_latest_release(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    found = run.json("whats-new", "--json")
    assert found and {c["version"] for c in found} == {BUNDLED.latest.version}
    assert len(found) == len(BUNDLED.latest.changes)


def test_whats_new_since_the_previous_version_lists_every_change_after_it(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    previous = BUNDLED.releases[-2]
    found = run.json("whats-new", "--since", previous.version, "--json")
    expected = [c for r in reversed(BUNDLED.releases[-1:]) for c in r.changes]
    assert [f["summary"] for f in found] == [c.summary for c in expected]
    assert run.json("whats-new", "--since", previous.date, "--json") == found
    assert run.json("whats-new", "--since", BUNDLED.latest.date, "--json") == []


def test_practice_changing_keeps_tier_certainty_and_status_changes_only(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    every = run.json("whats-new", "--since", BUNDLED.releases[0].version, "--json")
    narrowed = run.json(
        "whats-new", "--since", BUNDLED.releases[0].version, "--practice-changing", "--json"
    )
    assert narrowed == [c for c in every if c["practice_changing"]]
    assert {c["kind"] for c in narrowed} <= PRACTICE_CHANGING
    assert 0 < len(narrowed) < len(every)


def test_whats_new_for_one_compound(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    every = run.json("whats-new", "--json")
    found = run.json("whats-new", "--compound", "Cerebrolysin", "--json")
    assert found == [c for c in every if c["compound"] == "cerebrolysin"]


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("1999.01.01", "no data version '1999.01.01'; the releases are: "),
        ("last week", "'last week' is neither a data version (2026.11.26) nor a date (2026-11-26)"),
    ],
)
def test_a_since_that_is_not_a_release_or_a_date_is_a_usage_error(run, monkeypatch, since, message):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    result = run("whats-new", "--since", since)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("peptide-cli: " + message)


def test_a_catalog_without_a_changelog_exits_1(run, tmp_path):
    (tmp_path / "claims.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("--data", str(tmp_path), "whats-new")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"peptide-cli: {tmp_path} has no changelog (history/changelog.yaml)\n"


def test_a_broken_changelog_is_a_located_error(run, tmp_path):
    (tmp_path / "claims.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "history").mkdir()
    (tmp_path / "history" / "changelog.yaml").write_text(
        'releases:\n  - version: "2026.01.01"\n    date: "2026-01-01"\n    summary: s\n'
        "    changes:\n      - {kind: invented, compound: testium, summary: s}\n",
        encoding="utf-8",
    )
    result = run("--data", str(tmp_path), "whats-new")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"peptide-cli: {tmp_path / 'history' / 'changelog.yaml'}:6:")


def test_the_report_names_the_data_release(run, tmp_path, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    out = tmp_path / "r.html"
    assert run("report", "--compound", "semaglutide", "-o", str(out)).exit_code == 0
    latest = BUNDLED.latest
    assert f", from data release {latest.version} of {latest.date}." in out.read_text("utf-8")
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "claims.yaml").write_text(MINIMAL, encoding="utf-8")
    mine = tmp_path / "mine.html"
    assert run("--data", str(tmp_path / "own"), "report", "-o", str(mine)).exit_code == 0
    assert "from data release" not in mine.read_text("utf-8")


def test_a_retraction_in_the_new_catalog_is_a_practice_changing_change(tmp_path):
    published = edit("        n: 10\n", "        n: 10\n        publication: one-2020\n") + (
        "    publications:\n      - {id: one-2020, authors: [Doe J], year: 2020, "
        "doi: 10.1000/test.one}\n"
    )
    old = catalog(tmp_path, published, "old")
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "claims.yaml").write_text(published, encoding="utf-8")
    (folder / "retractions.yaml").write_text(
        'schema_version: 3\nnotices:\n  taken: "2026-12-01"\n  source: a test snapshot\n'
        "  covers: test DOIs\n  notices:\n    - {kind: retraction, doi: 10.1000/test.one, "
        'date: "2025-03-02", notice: 10.1000/test.notice}\n',
        encoding="utf-8",
    )
    found = [vars_of(c) for c in compare(old, load_catalog(folder), DAY)]
    retracted = next(c for c in found if c["kind"] == "retracted")
    assert retracted == {
        "kind": "retracted",
        "compound": "testium",
        "study": "trial-one",
        "new": "retraction notice 10.1000/test.notice of 2025-03-02, in a test snapshot as of "
        "2026-12-01",
        "summary": "Testium: Trial One: retraction notice 10.1000/test.notice of 2025-03-02, in "
        "a test snapshot as of 2026-12-01; it no longer counts toward any tier or certainty.",
        "source": "Doe 2020, doi:10.1000/test.one",
    }
    assert "retracted" in PRACTICE_CHANGING
    # the study no longer counts: the goal it was the evidence of falls to what is left
    assert [c["kind"] for c in found] == ["retracted", "tier-changed", "certainty-changed"]
