"""The regulatory timeline (#27 item 3): the status of each track on a date, events reported
only in the news, and entries not checked for a while; `peptide-cli status`."""

from datetime import date

import pytest

from peptide_cli.catalog.models import Regulatory
from peptide_cli.evidence import regulatory

from helpers import TWO, invented_compound


def entry(kind="approval", when=None, **fields):
    fields.setdefault("track", "FDA list")
    return Regulatory(
        body="FDA",
        jurisdiction="Testland",
        kind=kind,
        status=f"{kind} {when or 'undated'}",
        date=when,
        source="a test",
        **fields,
    )


LISTED = entry("safety-risk-list", "2023-09-29", grade="A", checked="2026-11-26")
REMOVED = entry("removed-from-list", "2026-04-22", grade="C")


def statuses(*entries, on):
    found = regulatory.status_on(
        invented_compound(regulatory=list(entries)), date.fromisoformat(on)
    )
    return [
        (t.name, t.current.status if t.current else None, [e.status for e in t.reported])
        for t in found
    ]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2023-09-28", []),  # the day before it took effect: nothing yet
        ("2023-09-29", [("FDA list", "safety-risk-list 2023-09-29", [])]),  # the day itself
        ("2026-04-21", [("FDA list", "safety-risk-list 2023-09-29", [])]),
        # news never sets a status: the listing stands, with the reported removal beside it
        (
            "2026-04-22",
            [("FDA list", "safety-risk-list 2023-09-29", ["removed-from-list 2026-04-22"])],
        ),
    ],
)
def test_a_tracks_status_is_its_latest_confirmed_entry_by_then(on, expected):
    assert statuses(LISTED, REMOVED, on=on) == expected


def test_a_confirmed_later_entry_replaces_the_earlier_one():
    confirmed = entry("removed-from-list", "2026-04-22", grade="A")
    assert statuses(LISTED, confirmed, on="2026-04-22") == [
        ("FDA list", "removed-from-list 2026-04-22", [])
    ]


def test_a_reported_event_of_another_kind_makes_the_status_possibly_out_of_date():
    on = date(2026, 5, 1)
    [track] = regulatory.status_on(invented_compound(regulatory=[LISTED, REMOVED]), on)
    assert track.possibly_out_of_date
    agreeing = entry("safety-risk-list", "2026-04-22", grade="C")
    [track] = regulatory.status_on(invented_compound(regulatory=[LISTED, agreeing]), on)
    assert track.reported == [agreeing]
    assert not track.possibly_out_of_date
    [track] = regulatory.status_on(invented_compound(regulatory=[REMOVED]), on)
    assert (track.current, track.possibly_out_of_date) == (None, False)  # nothing to doubt


@pytest.mark.parametrize(
    ("written", "first_day"),
    [("2026", date(2026, 1, 1)), ("2026-05", date(2026, 5, 1)), ("2026-05-03", date(2026, 5, 3))],
)
def test_a_date_as_precise_as_its_source_takes_effect_on_its_first_day(written, first_day):
    assert regulatory.day(written) == first_day


def test_an_undated_entry_is_in_effect_throughout_and_comes_first():
    undated = entry("approval", None)
    dated = entry("approval", "2021-06-04")
    assert regulatory.timeline(invented_compound(regulatory=[dated, undated])) == [undated, dated]
    assert statuses(undated, on="1990-01-01") == [("FDA list", "approval undated", [])]


def test_tracks_default_to_the_body_jurisdiction_and_product():
    made = Regulatory(
        body="EMA", jurisdiction="EU", kind="approval", status="s", product="X", source="t"
    )
    assert regulatory.track(made) == "EMA (EU): X"
    bare = Regulatory(body="EMA", jurisdiction="EU", kind="approval", status="s", source="t")
    assert regulatory.track(bare) == "EMA (EU)"


@pytest.mark.parametrize(
    ("today", "stale"),
    [(date(2027, 5, 25), False), (date(2027, 5, 26), True)],  # 180 days after, then 181
)
def test_an_entry_not_checked_for_more_than_180_days_is_stale(today, stale):
    assert (today - date(2026, 11, 26)).days == 180 + stale
    assert regulatory.stale(LISTED, today) is stale
    assert regulatory.stale(LISTED, today, after=181) is False
    assert regulatory.stale(REMOVED, today) is True  # never checked


def test_the_status_is_as_current_as_its_least_recent_check():
    other = entry("approval", "2020-01-01", track="other", checked="2026-10-01")
    compound = invented_compound(regulatory=[LISTED, other])
    assert regulatory.checked_on(compound, date(2026, 12, 1)) == "2026-10-01"
    unchecked = entry("approval", "2020-01-01", track="third")
    compound = invented_compound(regulatory=[LISTED, unchecked])
    assert regulatory.checked_on(compound, date(2026, 12, 1)) is None


# The command ----------------------------------------------------------------------------------


def test_status_on_two_dates_differs_by_the_2026_change(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    before = run("status", "bpc-157", "--as-of", "2025-01-01")
    after = run("status", "bpc-157", "--as-of", "2026-06-01")
    assert before.exit_code == after.exit_code == 0
    assert before.stdout.startswith("BPC-157: regulatory status as of 2025-01-01\n")
    assert "possibly out of date: reported removed from category 2" not in before.stdout
    assert "  possibly out of date: reported removed from category 2" in after.stdout
    # the timeline marks what came after the date
    assert "[after this date]" in before.stdout.split("Timeline (oldest first)")[1]


def test_status_json_gives_each_track_and_the_timeline(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    found = run.json("status", "bpc-157", "--as-of", "2026-06-01", "--json")
    assert (found["compound"], found["as_of"]) == ("bpc-157", "2026-06-01")
    track = next(t for t in found["tracks"] if t["track"] == "FDA 503A category 2")
    assert (track["status"]["kind"], track["status"]["grade"]) == ("safety-risk-list", "A")
    assert track["possibly_out_of_date"] is True
    assert [(e["kind"], e["confirmed"]) for e in track["reported"]] == [
        ("removed-from-list", False)
    ]
    assert [e["date"] for e in found["timeline"]] == sorted(e["date"] for e in found["timeline"])
    every = run.json("status", "--as-of", "2026-06-01", "--json")
    assert [c["compound"] for c in every] == [c["id"] for c in run.json("compounds", "--json")]


def test_wada_classes_are_shown_where_a_compound_has_one(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    for compound, category in (("bpc-157", "S0"), ("tesamorelin", "S2")):
        found = run.json("status", compound, "--json")
        wada = [
            t["status"] for t in found["tracks"] if t["status"] and t["status"]["body"] == "WADA"
        ]
        assert [(e["kind"], e["category"]) for e in wada] == [("prohibited", category)]


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026/05/01"])
def test_a_bad_date_is_a_usage_error(run, bad):
    result = run("status", "--as-of", bad)
    assert result.exit_code == 2
    assert f"{bad!r} is not a date such as 2026-05-01" in result.stderr
    assert result.stdout == ""


def test_a_compound_without_entries_says_its_status_is_not_known(run):
    out = run("--data", str(TWO), "status", "alphatide")
    assert out.exit_code == 0
    assert out.stdout.splitlines()[1:] == [
        "",
        "No regulatory entry is recorded: its status is not known.",
    ]
