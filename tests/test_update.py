"""`peptide-cli update` (#30, item 4): it asks PubMed, ClinicalTrials.gov and Crossref, and
writes what is new as candidates for review; it never edits the evidence. No test touches the
network: requests go to httpx's MockTransport, which answers from tests/data/update/recorded.json
or as each test makes it fail."""

import json
from pathlib import Path

import httpx
import pytest
import yaml

from minimal import edit

RECORDED = json.loads((Path(__file__).parent / "data/update/recorded.json").read_text("utf-8"))
CLAIMS = edit(
    "        n: 10\n",
    "        n: 10\n        publication: one-2020\n",
    edit(
        "    administration: {routes: [oral]}\n",
        "    administration: {routes: [oral]}\n"
        '    evidence: {searched: "2026-11-01", up_to: "2026-10"}\n',
    ),
) + (
    "    publications:\n"
    '      - {id: one-2020, authors: [Doe J], year: 2020, doi: 10.1000/test.one, pmid: "123",\n'
    "         registration: NCT00000001}\n"
)


class Recorded:
    """A MockTransport handler: the recorded answer for each URL (without its query), the
    requests it was asked, and a way to fail some of them first."""

    def __init__(self, failures=None, answers=None):
        self.requests = []
        self.failures = dict(failures or {})  # host: [what to do instead, first]
        self.answers = {**{k: v for k, v in RECORDED.items() if k != "_about"}, **(answers or {})}

    def __call__(self, request):
        self.requests.append(request)
        host = request.url.host
        pending = self.failures.get(host)
        if pending:
            failure = pending.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return failure
        found = self.answers.get(host + request.url.path)
        if found is None:
            return httpx.Response(404, json={})
        if "text" in found:
            return httpx.Response(found["status"], text=found["text"])
        return httpx.Response(found["status"], json=found["json"])


@pytest.fixture
def catalog_folder(tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    return folder


@pytest.fixture
def services(monkeypatch):
    """Route `update`'s requests to a Recorded handler; the sleeps it asks for, kept."""
    from peptide_cli.cli.commands import update
    from peptide_cli.curation import services as module

    state = {"handler": Recorded(), "slept": []}
    monkeypatch.setattr(update, "_transport", lambda: httpx.MockTransport(state["handler"]))
    monkeypatch.setattr(module.time, "sleep", state["slept"].append)
    return state


EXPECTED = [
    ("new-publication", "999", "PMID 999, naming Testium in its title or abstract"),
    ("registry-status", "NCT00000001", "completed, no results posted (last update 2024-03-01)"),
    (
        "results-not-posted",
        "NCT00000001",
        "completed 2023-01, and no results posted more than a year on",
    ),
    ("notice", "10.1000/test.one", "retraction notice 10.1000/test.notice of 2025-03-02"),
]


def test_a_dry_run_lists_the_candidates_and_writes_nothing(run, catalog_folder, services):
    result = run("--data", str(catalog_folder), "update", "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(c["kind"], c["about"], c["found"]) for c in found] == EXPECTED
    assert found[0]["where"] == "https://pubmed.ncbi.nlm.nih.gov/999/"
    assert not (catalog_folder / "review").exists()
    # PMID 123 is the catalog's own publication: not proposed
    assert all(c["about"] != "123" for c in found)


def test_the_services_are_asked_politely(run, catalog_folder, services):
    run("--data", str(catalog_folder), "update", "--dry-run", "--contact", "me@example.org")
    pubmed, trial, crossref = services["handler"].requests
    assert pubmed.url.params["term"] == (
        '"Testium"[Title/Abstract] AND ("2026/10"[PDAT] : "3000"[PDAT])'
    )
    assert (pubmed.url.params["tool"], pubmed.url.params["email"]) == (
        "peptide-cli",
        "me@example.org",
    )
    assert trial.url.path == "/api/v2/studies/NCT00000001"
    assert crossref.url.params["filter"] == "updates:10.1000/test.one"
    assert crossref.url.params["mailto"] == "me@example.org"
    assert all(
        r.headers["User-Agent"].endswith("(mailto:me@example.org)")
        for r in (pubmed, trial, crossref)
    )


def test_candidates_go_to_the_review_file_once(run, catalog_folder, services):
    review = catalog_folder / "review" / "candidates.yaml"
    first = run("--data", str(catalog_folder), "update", "--json")
    assert first.exit_code == 0, first.stderr
    assert first.stderr == f"{review}: 4 new candidate(s), 4 in all\n"
    written = yaml.safe_load(review.read_text(encoding="utf-8"))["candidates"]
    assert [(c["kind"], c["about"], c["found"]) for c in written] == EXPECTED
    # a person rejects one; the next run, finding nothing new, writes nothing
    written[0]["decision"] = "rejected"
    review.write_text(yaml.safe_dump({"candidates": written}), encoding="utf-8")
    before = review.read_bytes()
    second = run("--data", str(catalog_folder), "update", "--json")
    assert (second.exit_code, second.stdout, second.stderr) == (0, "[]\n", "")
    assert review.read_bytes() == before


def test_an_empty_answer_is_nothing_new(run, catalog_folder, services):
    services["handler"] = Recorded(
        answers={
            "eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi": {
                "status": 200,
                "json": {"esearchresult": {"idlist": []}},
            },
            "api.crossref.org/works": {"status": 200, "json": {"message": {"items": []}}},
        }
    )
    # the registry has no such trial: a 404, which is nothing, not an error
    services["handler"].answers.pop("clinicaltrials.gov/api/v2/studies/NCT00000001")
    result = run("--data", str(catalog_folder), "update", "--format", "table")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Nothing new.\n")
    assert not (catalog_folder / "review").exists()


def test_a_429_is_retried_after_the_wait_it_asks_for(run, catalog_folder, services):
    busy = httpx.Response(429, headers={"Retry-After": "7"})
    services["handler"] = Recorded(failures={"api.crossref.org": [busy]})
    result = run("--data", str(catalog_folder), "update", "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4
    assert 7.0 in services["slept"]


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (
            httpx.ReadTimeout("slow"),
            "eutils.ncbi.nlm.nih.gov did not answer within 20 seconds, 4 times",
        ),
        (
            httpx.ConnectError("refused"),
            "eutils.ncbi.nlm.nih.gov could not be reached (ConnectError), 4 times",
        ),
        (httpx.Response(503), "eutils.ncbi.nlm.nih.gov answered 503, 4 times"),
    ],
)
def test_a_service_that_keeps_failing_ends_with_exit_5_and_writes_nothing(
    run, catalog_folder, services, failure, message
):
    services["handler"] = Recorded(failures={"eutils.ncbi.nlm.nih.gov": [failure] * 4})
    result = run("--data", str(catalog_folder), "update")
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == f"peptide-cli: {message}\n"
    assert services["slept"].count(2.0) == 1 and 8.0 in services["slept"]  # backing off
    assert not (catalog_folder / "review").exists()


def test_malformed_json_ends_with_exit_5(run, catalog_folder, services):
    services["handler"] = Recorded(
        answers={"api.crossref.org/works": {"status": 200, "text": "{not json"}}
    )
    result = run("--data", str(catalog_folder), "update")
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == "peptide-cli: api.crossref.org answered with what is not JSON\n"


def test_a_wait_longer_than_two_minutes_is_not_waited_for(run, catalog_folder, services):
    busy = httpx.Response(429, headers={"Retry-After": "3600"})
    services["handler"] = Recorded(failures={"eutils.ncbi.nlm.nih.gov": [busy]})
    result = run("--data", str(catalog_folder), "update")
    assert result.exit_code == 5
    assert result.stderr == (
        "peptide-cli: eutils.ncbi.nlm.nih.gov answered 429, and asks to wait 3600 seconds\n"
    )


def test_without_the_extra_it_says_how_to_install_it(run, catalog_folder, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "httpx" else real(name, *a)
    )
    result = run("--data", str(catalog_folder), "update")
    assert result.exit_code == 2
    assert result.stderr == (
        "peptide-cli: update needs the update extra: from a clone of the repository, "
        "pip install '.[update]'\n"
    )


def test_what_the_catalog_holds_already_is_not_proposed(run, catalog_folder, services):
    """A trial's status as recorded, and a notice already in the catalog's snapshot."""
    recorded = CLAIMS.replace(
        "         registration: NCT00000001}\n",
        "         registration: NCT00000001, registered: {status: completed, results_posted: false,"
        ' completed: "2023-01", last_update: "2024-03-01", checked: "2026-12-01"}}\n',
    )
    (catalog_folder / "claims.yaml").write_text(recorded, encoding="utf-8")
    (catalog_folder / "retractions.yaml").write_text(
        'schema_version: 3\nnotices:\n  taken: "2026-12-01"\n  source: a test snapshot\n'
        "  covers: test DOIs\n  notices:\n    - {kind: retraction, doi: 10.1000/test.one, "
        'date: "2025-03-02", notice: 10.1000/TEST.notice}\n',
        encoding="utf-8",
    )
    found = run.json("--data", str(catalog_folder), "update", "--dry-run", "--json")
    assert [(c["kind"], c["about"]) for c in found] == [("new-publication", "999")]
