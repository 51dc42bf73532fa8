"""`studies`, `search`, `schema` and shell completion."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from peptide_cli.catalog.loading import load_catalog
from peptide_cli.catalog.schema import claims_schema
from peptide_cli.cli import options
from peptide_cli.cli.options import complete_goal

from helpers import CLAIMS

SHIPPED_SCHEMA = CLAIMS.parent / "claims.schema.json"


def rows(run, *args):
    return [(r["goal"], r["study"], r["measure"]) for r in run.json("studies", *args, "--json")]


def test_studies_lists_every_outcome_under_every_goal(run):
    everything = run.json("studies", "--json")
    compound = load_catalog(CLAIMS).compounds[0]
    # each outcome once under every goal it bears on (CAPTAIN II's under two)
    assert len(everything) == sum(
        len(goal.outcomes_of(study))
        for goal in compound.goals
        for study in compound.studies_of(goal)
    )
    first = everything[0]
    assert {k: first[k] for k in ("goal", "study", "design", "species", "n", "measure")} == {
        "goal": "cognition-memory",
        "study": "vad-meta-analysis",
        "design": "meta-analysis",
        "species": "human",
        "n": 597,
        "measure": "MMSE",
    }
    assert (first["value"], first["ci_low"], first["ci_high"], first["ci_level"]) == (
        1.1,
        0.37,
        1.82,
        0.95,
    )
    assert first["ci"] == "0.37 to 1.82 (95%)"


def test_studies_for_one_goal(run):
    found = rows(run, "--goal", "tbi")  # an alias of the goal
    assert found == rows(run, "--goal", "stroke-injury-recovery")
    assert found[:4] == [
        ("stroke-injury-recovery", "cars", "ARAT"),
        ("stroke-injury-recovery", "cars", "NIHSS"),
        ("stroke-injury-recovery", "captain-ii", "Multidimensional ensemble of outcome scales"),
        ("stroke-injury-recovery", "captain-ii", "Multidimensional ensemble of outcome scales"),
    ]
    assert {goal for goal, _, _ in found} == {"stroke-injury-recovery"}


def test_studies_by_design_and_species(run):
    assert {r[1] for r in rows(run, "--design", "rct")} == {
        "captain-ii",
        "tbi-hads-anxiety",  # a secondary analysis of an RCT, as published (#11)
        "stroke-pneumonia-rct",
        "neuropathy-rct",
        "casta",  # the independent and negative evidence (#27)
        "chang-2016",
        "captain-i",
    }
    assert {r[1] for r in rows(run, "--species", "mouse")} == {
        "ptsd-mice",
        "cadasil-mice",
        "ketamine-mice",
    }
    assert {r[1] for r in rows(run, "--design", "animal", "--species", "animal")} == {
        "excitotoxicity-animal",
    }
    assert {r[1] for r in rows(run, "--species", "rat")} == {
        "rat-ischaemia-inflammation",
        "rat-stroke-mitochondria",
        "lps-liver-animal",  # one rat study, as published (#11)
    }


def test_human_is_short_for_species_human(run):
    assert rows(run, "--human") == rows(run, "--species", "human")
    assert {r["species"] for r in run.json("studies", "--human", "--json")} == {"human"}
    result = run("studies", "--human", "--species", "rat")
    assert result.exit_code == 2
    assert result.stderr == "peptide-cli: --human and --species rat disagree\n"


def test_min_n_counts_a_range_by_its_lower_bound(run):
    studies = {(r["study"], r["n"]) for r in run.json("studies", "--min-n", "140", "--json")}
    assert studies == {
        ("vad-meta-analysis", 597),
        ("cars", 442),  # its n is 442 to 1879: counted by 442
        ("stroke-pneumonia-rct", 140),
        ("cochrane-stroke-2023", 1773),
        ("casta", 1070),
        ("wang-2017", 1649),
        ("zhang-2017", 1779),
    }
    assert rows(run, "--min-n", "1780", "--goal", "stroke") == []  # none reaches 1780


def test_studies_with_no_match_is_success(run):
    result = run("studies", "--goal", "gut", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_bad_design_is_a_usage_error(run):
    result = run("studies", "--design", "anecdote")
    assert result.exit_code == 2
    assert result.stderr.startswith("peptide-cli: Invalid value for '--design': ")


# search ------------------------------------------------------------------------------------


def hits(run, text, *args):
    return [(h["kind"], h["id"], h["field"]) for h in run.json("search", text, *args, "--json")]


def test_search_says_where_each_hit_matched(run):
    assert hits(run, "tnf") == [
        ("goal", "anti-inflammatory", "summary"),
        ("outcome", "rat-ischaemia-inflammation", "measure"),
    ]
    assert hits(run, "CREB") == [
        ("goal", "energy-mitochondria", "summary"),
        ("study", "rat-ischaemia-inflammation", "source note"),
        ("study", "ketamine-mice", "source note"),
        ("outcome", "ketamine-mice", "measure"),
        ("publication", "guan-2019", "title"),
        ("publication", "hosseini-ketamine", "title"),
        ("mechanism", "molecular-signalling", "summary"),
        ("mechanism", "molecular-signalling", "effect"),
        ("mechanism", "molecular-signalling", "target"),
    ]


def test_search_covers_aliases_labels_populations_and_measure_names(run):
    assert ("goal", "cognition-memory", "alias") in hits(run, "dementia")
    assert hits(run, "captain") == [
        ("goal", "stroke-injury-recovery", "summary"),
        ("goal", "stroke-injury-recovery", "limitation"),
        ("goal", "mood-stress", "summary"),
        ("study", "captain-ii", "label"),
        ("study", "captain-ii", "source note"),  # source notes are searched too (#10)
        ("study", "captain-i", "label"),
        ("study", "tbi-hads-anxiety", "source note"),
        ("study", "captain-ii-cost-effectiveness", "label"),
        ("publication", "muresanu-2020", "title"),  # and publications
        ("publication", "muresanu-2022", "title"),
        ("publication", "vester-2021", "title"),  # its title was found (#28)
        ("publication", "poon-2020", "title"),
    ]
    assert hits(run, "diabetic neuropathy") == [
        ("goal", "sleep", "summary"),
        ("goal", "sleep", "limitation"),  # limitations are searched too (#10)
        ("study", "neuropathy-rct", "label"),
        ("study", "neuropathy-rct", "population"),
    ]
    assert hits(run, "action research") == [("outcome", "cars", "measure name")]


def test_search_hit_gives_text_and_snippet(run):
    [hit] = run.json("search", "action research", "--json")
    assert hit["text"] == "Action Research Arm Test"
    assert hit["snippet"] == "Action Research Arm Test"
    [first, *_] = run.json("search", "ischaemia/reperfusion", "--json")
    assert first["snippet"] == (
        "In rats after ischaemia/reperfusion stroke, the document reports lower…"
    )


@pytest.mark.parametrize(
    ("query", "spelled"),
    [("tnf-a", "TNF-α"), ("TNF-α", "TNF-α"), ("homberg", "Hömberg"), ("nf-kb", "NF-κB")],
)
def test_search_finds_what_an_ascii_terminal_prints_and_the_original(run, query, spelled):
    """N9: an ASCII terminal prints TNF-α as TNF-a and Hömberg as Homberg; searching either
    spelling finds the same places, and the snippet shows the text as it is."""
    hits = run.json("search", query, "--json")
    assert hits and all(spelled.casefold() in hit["text"].casefold() for hit in hits)
    assert hits == run.json("search", spelled, "--json")
    assert all(spelled.casefold() in hit["snippet"].casefold() for hit in hits)


def test_fold_keeps_what_has_no_ascii_spelling():
    from peptide_cli.vocabulary import fold

    assert fold("中文") == "中文"
    assert fold("Hömberg TNF-α ≥ 5 ±1") == "homberg tnf-a >= 5 +/-1"


def test_search_miss_is_success_with_nothing(run):
    result = run("search", "quantum", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    result = run("search", "quantum", "--format", "table")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "Nothing matches 'quantum'.\n",
    )


def test_search_for_nothing_is_a_usage_error(run):
    result = run("search", "  ")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "peptide-cli: give some text to search for\n"


# schema ------------------------------------------------------------------------------------


def test_the_shipped_schema_is_the_generated_one(run):
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == claims_schema()
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == result.stdout, (
        "data/claims.schema.json is stale: run `peptide-cli schema > data/claims.schema.json`"
    )


def test_the_schema_validates_the_bundled_file():
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(CLAIMS.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("compounds", 0, "goals", 0, "tier"), "three"),
        (("compounds", 0, "goals", 0, "teir"), 3),
        (("compounds", 0, "studies", 0, "design"), "anecdote"),
    ],
)
def test_the_schema_rejects_what_validate_rejects(path, value):
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    data = yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# completion --------------------------------------------------------------------------------


class FakeContext:
    def __init__(self, data=None):
        self.params = {"data": data}

    def find_root(self):
        return self


def test_goal_completion_offers_ids_and_aliases():
    # Cerebrolysin's file, as the rest of these tests (conftest)
    assert complete_goal(FakeContext(CLAIMS), "str") == [
        ("stroke-injury-recovery", "Stroke & Injury Recovery"),
        ("stroke", "Stroke & Injury Recovery"),
        ("stress", "Mood & Stress Resilience"),
        ("strength", "Muscle Growth"),
    ]
    assert complete_goal(FakeContext(CLAIMS), "LIV") == [
        ("liver-heart", "Liver & Heart Health"),
        ("liver", "Liver & Heart Health"),
    ]
    assert complete_goal(FakeContext(Path("/nowhere.yaml")), "s") == []


def test_completion_through_the_shell_protocol(run):
    result = run(
        env={
            "_PEPTIDE_CLI_COMPLETE": "complete_bash",
            "COMP_WORDS": "peptide-cli show gu",
            "COMP_CWORD": "2",
        }
    )
    assert result.stdout.split() == ["gut"]
    result = run(
        env={
            "_PEPTIDE_CLI_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "peptide-cli studies --goal mem",
        }
    )
    assert '"memory":"Cognition & Memory"' in result.stdout


def test_search_and_filter_refuse_bad_input_before_giving_anything(catalog):
    """Both give their results one at a time, but check what they were asked first: the error
    comes from the call itself, not from the first item taken."""
    from peptide_cli import evidence
    from peptide_cli.errors import UsageProblem

    with pytest.raises(UsageProblem, match=r"^give some text to search for$"):
        evidence.search(catalog, "   ")
    with pytest.raises(UsageProblem, match=r"^minimum tier 3 is above maximum tier 2$"):
        evidence.filter_by_tier(catalog, 3, 2)
    hits = evidence.search(catalog, "MMSE")
    first = next(hits)
    assert (first.kind, first.field) == ("goal", "summary")
    assert len([first, *hits]) == len(list(evidence.search(catalog, "mmse")))


def complete(run, words):
    result = run(
        env={
            "_PEPTIDE_CLI_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
    )
    return result.stdout.split()


def test_compound_fields_and_sort_complete(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    assert complete(run, "peptide-cli goals --compound sem") == ["semaglutide", "semax"]
    assert complete(run, "peptide-cli goals --compound semag") == ["semaglutide"]
    assert complete(run, "peptide-cli studies --fields study,meas") == [
        "study,measure",
        "study,measure_name",
    ]
    assert "study,study" not in complete(run, "peptide-cli studies --fields study,stu")
    assert complete(run, "peptide-cli goals --sort tier_stated_r") == ["tier_stated_range"]


@pytest.mark.parametrize(("command", "kind"), sorted(options.LISTING_KINDS.items()))
def test_each_listing_command_completes_the_fields_it_writes(run, command, kind):
    from peptide_cli.render import records

    args = {"compare": ["compare", "sleep"], "search": ["search", "stroke"]}.get(command, [command])
    said = run(*args, "--fields", "bogus").stderr
    listed = said.split("available: ")[1].strip().split(", ")
    assert listed == list(getattr(records, kind).fields)
