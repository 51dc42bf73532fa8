"""A trial's registry record (#30, item 5): entered from an `update` candidate, shown with its
study by `show` and the report, and flagged when a trial completed over a year ago has posted no
results. (The registry records below are invented test data.)"""

import pytest

from minimal import edit


def claims(status="completed", posted="false", completed='"2020-01"'):
    return edit("        n: 10\n", "        n: 10\n        publication: one-2020\n") + (
        "    publications:\n"
        "      - id: one-2020\n"
        "        registration: NCT00000001\n"
        f"        registered: {{status: {status}, results_posted: {posted}, completed: {completed},"
        ' last_update: "2024-03-01", checked: "2026-12-01"}\n'
    )


@pytest.fixture
def catalog(tmp_path):
    def make(**record):
        path = tmp_path / "claims.yaml"
        path.write_text(claims(**record), encoding="utf-8")
        return str(path)

    return make


def flags(run, path):
    return {f["code"]: f for f in run.json("--data", path, "show", "focus", "--json")["flags"]}


def test_show_gives_the_registry_record_with_the_day_it_was_read(run, catalog):
    path = catalog()
    out = " ".join(run("--data", path, "show", "focus", env={"COLUMNS": "300"}).stdout.split())
    assert (
        "Registered NCT00000001: completed, no results posted; completed 2020-01; last updated "
        "2024-03-01; read 2026-12-01"
    ) in out


def test_a_trial_completed_over_a_year_ago_without_results_is_flagged(run, catalog):
    flag = flags(run, catalog())["results-not-posted"]
    assert flag["severity"] == "medium"
    assert flag["studies"] == ["trial-one"]
    assert flag["reason"] == (
        "Completed over a year ago with no results posted on its registry: Trial One."
    )


@pytest.mark.parametrize(
    "record",
    [
        {"posted": "true"},  # results are posted
        {"status": "recruiting"},  # not completed
        {"completed": "null"},  # no completion date to count from
    ],
)
def test_no_flag_with_results_posted_or_before_completion(run, catalog, record):
    assert "results-not-posted" not in flags(run, catalog(**record))


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        ("2020-01", "2021-01-30"),
        ("2020-01-15", "2021-01-14"),
        ("2020", "2021-12-31"),
        ("2020-12", "2021-12-31"),
    ],
)
def test_results_are_due_a_year_after_the_last_day_the_completion_date_can_mean(completed, due):
    """Counted from the last day (2020-01 is 2020-01-31), so a trial is never flagged early."""
    from datetime import date, timedelta

    from peptide_cli.evidence import appraisal
    from peptide_cli.evidence.regulatory import last_day

    assert last_day(completed) + timedelta(appraisal.RESULTS_DUE_DAYS) == date.fromisoformat(due)


def test_the_report_gives_it_too(run, catalog, tmp_path):
    out = tmp_path / "r.html"
    assert run("--data", catalog(), "report", "focus", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "Registered NCT00000001: completed, no results posted" in page
    assert "results-not-posted" in page
