"""Loading and validating a claims file; a bad file is exit 3 with one line on stderr."""

import hashlib

import pytest
import yaml
from conftest import CLAIMS

from peptide_cli.errors import CatalogError
from peptide_cli.loader import bundled_path, load_catalog

# PyYAML's C loader (used when present) and its pure-Python loader word this error differently.
FLOW_ERROR = (
    "did not find expected ',' or ']'"
    if yaml.__with_libyaml__
    else "expected ',' or ']', but got '<stream end>'"
)

MINIMAL = """\
schema_version: 1
tier_scale:
  - {tier: 1, label: None, meaning: Nothing found.}
  - {tier: 2, label: Some, meaning: Something found.}
  - {tier: 3, label: Much, meaning: Much found.}
compounds:
  - id: testium
    name: Testium
    kind: invented test compound
    summary: Test data, not a real compound.
    source: a test
    composition: nothing
    administration: {routes: [oral]}
    goals:
      - id: focus
        name: Focus
        tier: 2
        summary: Test goal.
        studies: [trial-one]
    studies:
      - id: trial-one
        label: Trial One
        design: rct
        species: human
        population: test subjects
        n: 10
        outcomes:
          - measure: Score
            effect_type: mean-difference
            value: 1.5
            ci: {low: 0.5, high: 2.5}
"""


def test_bundled_file_is_found_and_valid():
    assert bundled_path().name == "claims.yaml"
    catalog = load_catalog()
    assert [c.id for c in catalog.compounds] == ["cerebrolysin"]
    assert len(catalog.compounds[0].goals) == 13
    assert len(catalog.compounds[0].studies) == 20


def test_a_minimal_file_loads(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    catalog = load_catalog(path)
    assert catalog.compounds[0].goals[0].name == "Focus"


def test_an_empty_filter_result_through_the_cli_is_success(run, claims_file):
    claims_file(MINIMAL)
    result = run("filter", "--min-tier", "3", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")
    result = run("filter", "--min-tier", "3")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No goals match.\n")


@pytest.mark.parametrize(
    ("text", "suffix"),
    [
        (None, ": claims file not found"),
        ("", ": the top level must be a mapping of keys to values"),
        ("- a\n- b\n", ": the top level must be a mapping of keys to values"),
        ("a: [1, 2\n", f":2:1: invalid YAML: {FLOW_ERROR}"),
        (b"\xff\xfe\x00binary", ": is not UTF-8 text"),
        (
            "!!python/object:os.system {}\n",
            ":1:1: invalid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'",
        ),
        (
            MINIMAL.replace("        tier: 2\n", "        teir: 2\n"),
            ": compounds[0].goals[0].tier: Field required (and 1 more problem)",
        ),
        (
            MINIMAL.replace("        tier: 2\n", "        tier: three\n"),
            ": compounds[0].goals[0].tier: Input should be a valid integer, unable to parse "
            "string as an integer",
        ),
        (
            MINIMAL.replace("        tier: 2\n", "        tier: 7\n"),
            ": goal 'focus': tier 7 is not on the tier scale (1, 2, 3)",
        ),
        (
            MINIMAL.replace("        tier: 2\n", "        tier: 2\n        tier_max: 1\n"),
            ": goal 'focus': tier_max 1 is below tier 2",
        ),
        (
            MINIMAL.replace("studies: [trial-one]", "studies: [trial-two]"),
            ": compounds[0]: goal 'focus' refers to unknown study 'trial-two'",
        ),
        (
            MINIMAL.replace("        n: 10\n", "        n: 0\n"),
            ": compounds[0].studies[0].n: Input should be greater than 0",
        ),
        (
            MINIMAL.replace("{low: 0.5, high: 2.5}", "{low: 2.5, high: 0.5}"),
            ": compounds[0].studies[0].outcomes[0].ci: low end 2.5 is above high end 0.5",
        ),
        (
            MINIMAL.replace("{low: 0.5, high: 2.5}", "{low: 2.0, high: 2.5}"),
            ": compounds[0].studies[0].outcomes[0]: confidence interval 2.0 to 2.5 excludes "
            "its own estimate 1.5",
        ),
        (
            MINIMAL.replace(
                "{low: 0.5, high: 2.5}", "{low: 0.5, high: 2.5}\n            p: {value: 1.5}"
            ),
            ": compounds[0].studies[0].outcomes[0].p.value: "
            "Input should be less than or equal to 1",
        ),
        (
            MINIMAL + MINIMAL[MINIMAL.index("  - id: testium") :],
            ": duplicate compound id 'testium'",
        ),
    ],
)
def test_a_bad_claims_file_exits_3_with_one_line(run, claims_file, text, suffix):
    path = claims_file(text)
    for args in (("goals",), ("goals", "--json"), ("show", "focus", "--json"), ("info",)):
        result = run(*args)
        assert result.exit_code == 3, result.stderr
        assert result.stdout == ""
        assert result.stderr == f"peptide-cli: {path}{suffix}\n"


def test_yaml_syntax_errors_give_line_and_column(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("schema_version: 1\ntier_scale: [1, 2\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert str(caught.value) == (f"{path}:3:1: invalid YAML: {FLOW_ERROR}")


def test_a_folder_is_not_a_claims_file(tmp_path):
    with pytest.raises(CatalogError, match=r": is a folder, not a claims file$"):
        load_catalog(tmp_path)


def test_commands_never_write_to_the_claims_file(run):
    before = hashlib.sha256(CLAIMS.read_bytes()).hexdigest()
    for args in (
        ["goals"],
        ["goals", "--json"],
        ["show", "stroke"],
        ["filter", "--min-tier", "3"],
        ["info", "--json"],
        ["show", "nothing-like-this"],
    ):
        run(*args)
    assert hashlib.sha256(CLAIMS.read_bytes()).hexdigest() == before
