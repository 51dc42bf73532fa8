"""CSL-JSON citations: valid against the CSL data schema, and formatted by a CSL processor."""

import json

import jsonschema
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from peptide_cli.catalog.loading import load_catalog
from peptide_cli.catalog.models import Publication
from peptide_cli.catalog.reading import bundled_path
from peptide_cli.render.references import csl_json

from helpers import DATA

SCHEMA = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))


def _bibliography(items):
    """ITEMS formatted by citeproc-py in the style it ships, one plain-text entry each."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_a_goal_as_csl_json(run):
    items = run.json("cite", "stroke", "--format", "csl-json")
    jsonschema.validate(items, SCHEMA)
    assert [item["id"] for item in items] == [
        "guekht-2017",
        "bornstein-2018",
        "muresanu-2020",
        "vester-2021",
        "ziganshina-2023",
        "chang-2016",
        "heiss-2012",
        "wang-2017",
        "zhang-2017",
        "poon-2020",
    ]
    assert items[1] == {
        "id": "bornstein-2018",
        "type": "article-journal",
        "title": "Safety and efficacy of Cerebrolysin in early post-stroke recovery: a "
        "meta-analysis of nine randomized clinical trials",
        "container-title": "Neurological Sciences",
        "author": [
            {"family": family, "given": given}
            for family, given in [
                ("Bornstein", "N. M."),
                ("Guekht", "A."),
                ("Vester", "J."),
                ("Heiss", "W. D."),
                ("Gusev", "E."),
                ("Hömberg", "V."),
                ("Rahlfs", "V. W."),
                ("Bajenaru", "O."),
                ("Popescu", "B. O."),
                ("Muresanu", "D."),
            ]
        ],
        "issued": {"date-parts": [[2018]]},
        "DOI": "10.1007/s10072-017-3214-0",
        "PMID": "29248999",
        "PMCID": "PMC5884916",
    }
    assert items[3]["note"] == "The author list is incomplete (et al.)."


def test_every_publication_of_the_bundled_catalog_is_valid_and_formats(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    items = run.json("cite", "--format", "csl-json")
    jsonschema.validate(items, SCHEMA)
    publications = {p.id: p for c in load_catalog(bundled_path()).compounds for p in c.publications}
    # Every publication in the catalog stands behind some goal, and appears once.
    assert sorted(item["id"] for item in items) == sorted(publications)
    assert len(items) == len(publications)
    for item in items:
        publication = publications[item["id"]]
        assert item.get("DOI") == publication.doi
        assert item.get("PMID") == publication.pmid
        assert item.get("PMCID") == publication.pmcid
        assert item.get("title") == publication.title
    assert sum("PMID" in item for item in items) == sum(bool(p.pmid) for p in publications.values())
    entries = _bibliography(items)
    assert len(entries) == len(items)  # every publication formats
    chen = next(entry for entry in entries if entry.startswith("Chen, N."))
    assert chen == (
        "Chen, N. et al. (2013) “Cerebrolysin for vascular dementia”, Cochrane Database of "
        "Systematic Reviews [Preprint], (1). Available at: "
        "https://doi.org/10.1002/14651858.CD008900.pub2."
    )


def test_names_split_into_family_and_given_or_stay_literal():
    publication = Publication(
        id="x",
        authors=["Wei Z-H", "Strilciuc Ș", "van Beek AP", "World Health Organization"],
        title="T",
        journal="J",
        year=2020,
        article="CD008900",
        registration="NCT00000000",
    )
    [item] = csl_json([publication])
    assert item["author"] == [
        {"family": "Wei", "given": "Z.-H."},
        {"family": "Strilciuc", "given": "Ș."},
        {"family": "van Beek", "given": "A. P."},
        {"literal": "World Health Organization"},
    ]
    assert (item["number"], item["note"]) == ("CD008900", "Trial registration: NCT00000000")
    jsonschema.validate([item], SCHEMA)


def test_an_item_without_a_journal_is_an_article(run):
    [item] = csl_json([Publication(id="y", title="Only a title")])
    assert item == {"id": "y", "type": "article", "title": "Only a title"}
    assert _bibliography([item]) == ["“Only a title” (no date) “Only a title”."]


def test_json_and_csl_json_are_different_formats(run):
    result = run("cite", "stroke", "--json", "--format", "csl-json")
    assert result.exit_code == 2
    assert result.stderr == "peptide-cli: --json and --format csl-json ask for different formats\n"


def test_json_and_an_explicit_text_format_conflict_as_in_every_command(run):
    result = run("cite", "hair", "--json", "--format", "text")
    assert result.exit_code == 2
    assert result.stderr == "peptide-cli: --json and --format text ask for different formats\n"
    assert run("cite", "hair").stdout == run("cite", "hair", "--format", "text").stdout
