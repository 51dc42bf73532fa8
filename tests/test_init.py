"""`peptide-cli init` (#28): a small claims file of your own, which `validate` passes."""

from helpers import version_line


def test_init_writes_a_file_that_validates_and_reads(run, tmp_path):
    path = tmp_path / "mine.yaml"
    result = run("init", str(path))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == (
        "",
        f"Wrote {path}: check it with `peptide-cli validate {path}`.\n",
    )
    checked = run("validate", str(path))
    assert checked.exit_code == 0
    assert checked.stdout == f"{path}: valid: 1 compound, 1 goal, 1 study, 1 outcome\n"
    [goal] = run.json("--data", str(path), "goals", "--json")
    assert (goal["compound"], goal["id"]) == ("examplotide", "sleep")
    assert path.read_text(encoding="utf-8").startswith("# A claims file of your own")


def test_init_keeps_an_existing_file_unless_forced(run, tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("mine")
    result = run("init", str(path))
    assert (result.exit_code, result.stderr) == (
        2,
        f"peptide-cli: {path} exists: add --force to overwrite it\n",
    )
    assert path.read_text() == "mine"
    assert run("init", str(path), "--force").exit_code == 0
    assert run("validate", str(path)).exit_code == 0


def test_init_to_standard_output(run, tmp_path):
    result = run("init", "-")
    assert result.exit_code == 0
    path = tmp_path / "piped.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    assert run("validate", str(path)).exit_code == 0


def test_dash_v_is_the_version(run):
    assert run("-V").stdout == run("--version").stdout == version_line()
