"""The documentation: every command and option has help text and is in the generated reference
(docs/cli-reference.md), the reference is current, every command has a guide, and every link
between the pages leads somewhere."""

import importlib.util
import re
from pathlib import Path

import pytest
from cogapp import Cog

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
REFERENCE_PAGE = DOCS / "cli-reference.md"
REGENERATE = ".venv/bin/cog -r docs/cli-reference.md"


def generator():
    """docs/cli_reference.py, the module cog runs to write the reference."""
    spec = importlib.util.spec_from_file_location("cli_reference", DOCS / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = generator()
COMMANDS = {" ".join(path): command for path, command in GENERATOR.commands() if path}
ROOT = next(command for path, command in GENERATOR.commands() if not path)
REFERENCE = REFERENCE_PAGE.read_text(encoding="utf-8")
GUIDES = (DOCS / "commands.md").read_text(encoding="utf-8")


def options_of(command):
    return [param for param in command.params if param.param_type_name == "option"]


def test_the_reference_is_current(capsys):
    status = Cog().main(["cog", "--check", str(REFERENCE_PAGE)])
    assert status == 0, (
        f"docs/cli-reference.md is not what the code says (cog exited {status}): run "
        f"`{REGENERATE}`\n{capsys.readouterr().out}"
    )


def test_the_quoted_facts_in_sources_md_are_the_datas(capsys):
    status = Cog().main(["cog", "--check", str(DOCS / "sources.md")])
    assert status == 0, (
        "docs/sources.md's quoted facts are not the data's: run "
        f"`.venv/bin/cog -r docs/sources.md`\n{capsys.readouterr().out}"
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_a_reference_and_a_guide(name):
    command = COMMANDS[name]
    assert command.help and len(command.help.split("\n")[0]) > 20
    assert f"## `peptide-cli {name}`\n" in REFERENCE, f"run `{REGENERATE}`"
    top = name.split()[0]
    assert f"## `peptide-cli {top}" in GUIDES, f"docs/commands.md has no section for {top}"


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, option)
        for name, command in [("", ROOT), *sorted(COMMANDS.items())]
        for option in options_of(command)
    ],
    ids=lambda value: getattr(value, "name", value),
)
def test_every_option_has_help_and_is_in_the_reference(command, option):
    assert option.help, f"{command} {option.opts} has no help"
    for flag in option.opts:
        if flag.startswith("--"):
            assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", REFERENCE), (
                f"docs/cli-reference.md never names {flag}: run `{REGENERATE}`"
            )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_argument_has_help(name):
    for param in COMMANDS[name].params:
        if param.param_type_name == "argument":
            assert getattr(param, "help", None), f"{name} {param.name} has no help"


PAGES = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the headings of PAGE (those outside code blocks)."""
    found: set[str] = set()
    fenced = False
    for line in page.read_text(encoding="utf-8").split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and (heading := re.match(r"#{1,6} (.*)", line)):
            slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
            number, unique = 0, slug
            while unique in found:
                number += 1
                unique = f"{slug}-{number}"
            found.add(unique)
    return found


def links(page: Path) -> list[str]:
    """The targets of PAGE's links and images that are not web addresses."""
    text = re.sub(r"(?ms)^\s*```.*?^\s*```", "", page.read_text(encoding="utf-8"))
    return [
        target
        for target in re.findall(r"\]\(([^)\s]+)\)", text)
        if not re.match(r"[a-z]+:", target)
    ]


def test_the_readme_links_to_every_page_of_the_docs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        assert f"](docs/{page.name})" in readme, f"README.md does not link to docs/{page.name}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(REPO).as_posix())
def test_every_link_leads_somewhere(page):
    for target in links(page):
        name, _, anchor = target.partition("#")
        file = (page.parent / name).resolve() if name else page
        assert file.exists(), f"{page.name} links to {target}, which does not exist"
        if anchor and file.suffix == ".md":
            assert anchor in anchors(file), f"{page.name} links to {target}: no such heading"


def test_the_readme_is_a_short_tour():
    """The README is read in five minutes; the rest is in docs/ (issue 25)."""
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) < 400
