"""Citations and source notes: only confirmed identifiers, and references that parse."""

import re
from dataclasses import replace

from peptide_cli.catalog.loading import load_catalog
from peptide_cli.catalog.models import ConfidenceInterval
from peptide_cli.render import forest

from helpers import CLAIMS

# The DOIs and PMIDs confirmed in shared/research/sources.md when this test was written. The
# list is copied here so the test runs where shared/ is not present.
CONFIRMED_DOIS = {
    "10.1002/14651858.CD008900.pub2",
    "10.1002/14651858.CD008900.pub3",
    "10.1007/s00702-007-0630-y",
    "10.1007/s007020200092",
    "10.1159/000377672",
    "10.1007/s10072-017-3037-z",
    "10.1007/s10072-017-3214-0",
    "10.1007/s10072-019-04181-y",
    "10.3390/medicina58050648",
    "10.1186/s40001-022-00889-4",
    "10.1097/FBP.0000000000000722",
    # confirmed on 2026-11-26 (#11)
    "10.25122/jml-2025-0087",
    "10.3389/fphar.2019.01245",
    "10.3390/life12111791",
    "10.1007/s10072-020-04974-6",
    # seen in cerebrolysin-completeness.md (#27)
    "10.1002/14651858.CD007026.pub7",
    "10.1161/STROKEAHA.111.628537",
    "10.2147/DDDT.S124273",
    "10.1155/2017/4191670",
    "10.1186/s12883-016-0553-z",
    "10.1007/s10072-019-04053-5",
}
CONFIRMED_PMIDS = {
    "31710397",
    "17318304",
    "25832905",
    "28707130",
    "29248999",
    "31897941",
    "36411485",
    # confirmed on 2026-11-26 (#11)
    "40405935",
    "36362945",
    "33620612",
    # seen in cerebrolysin-completeness.md (#27)
    "22282884",
    "28656143",
    "26934986",
    "31494820",
}

# Studies whose primary publication sources.md confirms, and those it looked for in vain.
CONFIRMED = {
    "vad-meta-analysis": "chen-2013",
    "ad-meta-analysis-cgi": "jnt-2007",
    "ad-meta-analysis-smd": "gauthier-2015",
    "cars": "guekht-2017",
    "captain-ii": "muresanu-2020",
    "tbi-hads-anxiety": "muresanu-2022",
    "hair-case-series": "villarreal-2022",
    "ptsd-mice": "hosseini-2023",
    # confirmed on 2026-11-26 (#11)
    "captain-ii-cost-effectiveness": "strilciuc-2025",
    "ketamine-mice": "hosseini-ketamine",
    "lps-liver-animal": "abdel-salam-2013",
    "stroke-liver-ast": "morega-2022",
    # seen in cerebrolysin-completeness.md (#27)
    "cochrane-stroke-2023": "ziganshina-2023",
    "casta": "heiss-2012",
    "wang-2017": "wang-2017",
    "zhang-2017": "zhang-2017",
    "chang-2016": "chang-2016",
    "captain-i": "poon-2020",
}
NOT_FOUND = {
    "stroke-pneumonia-rct",
    "neuropathy-rct",
    "cadasil-mice",
    "mci-immune",
    "rat-stroke-mitochondria",
}
PROBABLE = {"rat-ischaemia-inflammation": "guan-2019"}


def test_every_doi_and_pmid_is_a_confirmed_one():
    compound = load_catalog(CLAIMS).compounds[0]
    dois = {p.doi for p in compound.publications if p.doi}
    pmids = {p.pmid for p in compound.publications if p.pmid}
    assert dois <= CONFIRMED_DOIS
    assert pmids <= CONFIRMED_PMIDS
    assert dois == CONFIRMED_DOIS  # and none was left out
    assert pmids == CONFIRMED_PMIDS


def test_exactly_the_confirmed_studies_have_a_publication(run):
    studies = {
        s["id"]: (s["publication"] or {}).get("id")
        for goal in run.json("goals", "--json")
        for s in run.json("show", goal["id"], "--json")["studies"]
    }
    assert {k: v for k, v in studies.items() if v} == CONFIRMED
    statuses = {
        s["id"]: s["source_status"]
        for goal in run.json("goals", "--json")
        for s in run.json("show", goal["id"], "--json")["studies"]
    }
    assert {k for k, v in statuses.items() if v == "not found"} == NOT_FOUND
    assert {k for k, v in statuses.items() if v == "confirmed"} == set(CONFIRMED)
    assert {k for k, v in statuses.items() if v == "probable"} == set(PROBABLE)


def test_cars_note_carries_both_publications(run):
    cars = next(s for s in run.json("show", "stroke", "--json")["studies"] if s["id"] == "cars")
    [note] = cars["source_notes"]
    assert note["kind"] == "departs"
    assert note["publications"] == ["guekht-2017", "bornstein-2018"]
    figures = {f["label"]: (f["value"], f["publication"]) for f in note["figures"]}
    assert figures["patients in the CARS pooled analysis"] == (442, "guekht-2017")
    assert figures["patients in the nine-trial meta-analysis"] == (1879, "bornstein-2018")
    assert figures["NIHSS Mann-Whitney effect in that meta-analysis"] == (0.6, "bornstein-2018")
    nnt = next(f for f in note["figures"] if f["label"] == "NNT for early NIHSS improvement")
    assert (nnt["value"], nnt["ci"]) == (7.1, {"low": 4, "high": 22, "level": 0.95})
    # The document's own figures stay as they are beside the note.
    assert (cars["n"], cars["n_max"]) == (442, 1879)


def test_the_notes_of_the_other_departures(run):
    notes = {}
    for goal in ("memory", "mood", "longevity", "stroke"):
        for study in run.json("show", goal, "--json")["studies"]:
            for note in study["source_notes"]:
                notes[(study["id"], None)] = note
            for outcome in study["outcomes"]:
                for note in outcome["source_notes"]:
                    notes[(study["id"], outcome["measure"])] = note
    assert notes[("vad-meta-analysis", None)]["publications"] == ["cui-2019"]
    assert notes[("vad-meta-analysis", None)]["kind"] == "later"  # the 2019 update (#11)
    responders = next(
        n
        for n in run.json("show", "memory", "--json")["studies"][1]["outcomes"][1]["source_notes"]
        if n["kind"] == "departs"
    )
    assert responders["figures"][0]["value"] == 192
    assert notes[("tbi-hads-anxiety", None)]["kind"] == "departs"
    smd = run.json("show", "longevity", "--json")["studies"][0]["outcomes"][0]["source_notes"]
    six_months = smd[0]["figures"][1]
    assert (six_months["value"], six_months["p"]) == (
        -0.37,
        {"relation": "=", "value": 0.171, "decimals": 4},  # reported as 0.1710
    )
    assert six_months["ci"] == {"low": -0.9, "high": 0.16, "level": 0.95}
    captain = next(
        s for s in run.json("show", "tbi", "--json")["studies"] if s["id"] == "captain-ii"
    )
    day90, day10 = captain["outcomes"]
    assert day90["source_notes"][0]["figures"][0]["ci"] == {
        "low": 0.52,
        "high": 0.66,
        "level": 0.95,
    }
    assert [n["kind"] for n in day10["source_notes"]] == ["unconfirmed"]  # no day-10 result (#11)


def test_show_lists_the_source_under_each_study(run):
    out = " ".join(run("show", "sleep", env={"COLUMNS": "200"}).stdout.split())
    assert "Source: no confirmed source (looked for, none found)" in out
    out = " ".join(run("show", "athletic", env={"COLUMNS": "200"}).stdout.split())
    assert "Source: no confirmed source (not looked up)" in out
    out = " ".join(run("show", "hair", env={"COLUMNS": "200"}).stdout.split())
    assert (
        "Source: Villarreal-Reyna G, et al. Cerebrolysin induces hair repigmentation associated "
        "to MART-1/Melan-A reactivation. European Journal of Medical Research. 2022;27:257. "
        "doi:10.1186/s40001-022-00889-4. PMID: 36411485. Trial registration: NCT05288465."
    ) in out


# cite ---------------------------------------------------------------------------------------


def test_cite_text_for_a_goal(run):
    result = run("cite", "memory")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "[1] Chen N, Yang M, Guo J, Zhou M, Zhu C, He L. Cerebrolysin for vascular dementia. "
        "Cochrane Database of Systematic Reviews. 2013;(1):CD008900. "
        "doi:10.1002/14651858.CD008900.pub2.",
        # Vancouver: the first six authors, then et al. Titles and authors from #11.
        "[2] Cui S, Chen N, Yang M, Guo J, Zhou M, Zhu C, et al. Cerebrolysin for vascular "
        "dementia. Cochrane Database of Systematic Reviews. 2019. "
        "doi:10.1002/14651858.CD008900.pub3. PMID: 31710397. PMCID: PMC6844361.",
        "[3] Wei Z-H, He Q-B, Wang H, Su B-H, Chen H-Z. Meta-analysis: the efficacy of "
        "nootropic agent Cerebrolysin in the treatment of Alzheimer's disease. Journal of Neural "
        "Transmission. 2007;114(5):629-634. doi:10.1007/s00702-007-0630-y. PMID: 17318304.",
        "[4] Panisset M, Gauthier S, Moessler H, Windisch M. Cerebrolysin in Alzheimer's "
        "disease: a randomized, double-blind, placebo-controlled trial with a neurotrophic "
        "agent. Journal of Neural Transmission. 2002;109:1089-1104. doi:10.1007/s007020200092.",
    ]


def test_cite_says_when_there_is_no_confirmed_source(run):
    assert run("cite", "sleep").stdout == (
        "No confirmed source:\n  Diabetic neuropathy trial (not found)\n"
    )


def test_cite_all_goals_lists_every_publication_once(run):
    result = run("cite", "--json")
    cited = result.stdout
    import json

    report = json.loads(cited)
    ids = [p["id"] for p in report["publications"]]
    assert len(ids) == len(set(ids))  # each once
    assert set(ids) == {p.id for p in load_catalog(CLAIMS).compounds[0].publications}
    assert {u["study"] for u in report["unsourced"]} >= NOT_FOUND


def parse_bibtex(text: str) -> list[dict[str, str]]:
    """A small BibTeX reader: @type{key, field = {value}, ...} entries with balanced braces."""
    entries = []
    for match in re.finditer(r"@(\w+)\{([^,]+),\n(.*?)\n\}", text, re.S):
        fields = {"ENTRYTYPE": match.group(1), "ID": match.group(2)}
        for line in match.group(3).splitlines():
            name, value = re.fullmatch(r"\s+(\w+) = \{(.*)\},", line).groups()
            assert value.count("{") == value.count("}")
            fields[name] = value
        entries.append(fields)
    assert text.count("@") == len(entries)
    return entries


def test_cite_bibtex_parses(run):
    entries = parse_bibtex(run("cite", "stroke", "--format", "bibtex").stdout)
    assert [e["ID"] for e in entries] == [
        "guekht-2017",
        "bornstein-2018",
        "muresanu-2020",
        "vester-2021",  # later evidence, cited by a source note (#11)
        # the independent and negative evidence (#27), in the goal's order of studies
        "ziganshina-2023",
        "chang-2016",
        "heiss-2012",
        "wang-2017",
        "zhang-2017",
        "poon-2020",
    ]
    guekht = entries[0]
    assert guekht == {
        "ENTRYTYPE": "article",
        "ID": "guekht-2017",
        "author": "Guekht, A. and Vester, J. and Heiss, W. D. and Gusev, E. and Hoemberg, V. and "
        "Rahlfs, V. W. and Bajenaru, O. and Popescu, B. O. and Doppler, E. and Winter, S. and "
        "Moessler, H. and Muresanu, D.",
        # Capitals are in braces, so that styles which lower-case titles keep them.
        "title": "{Safety} and efficacy of {Cerebrolysin} in motor function recovery after "
        "stroke: a meta-analysis of the {CARS} trials",
        "journal": "Neurological Sciences",
        "year": "2017",
        "volume": "38",
        "number": "10",
        "pages": "1761--1769",
        "doi": "10.1007/s10072-017-3037-z",
        "pmid": "28707130",
    }
    # non-ASCII as LaTeX by default, for pdfLaTeX and BibTeX (#28)
    assert entries[2]["author"].startswith('Muresanu, D. F. and Florian, S. and H{\\"o}mberg, V. ')
    assert entries[2]["author"].endswith(" and Strilciuc, S. and Vester, J.")


def parse_ris(text: str) -> list[list[tuple[str, str]]]:
    """A small RIS reader: `TAG  - value` lines, records from TY to ER."""
    records, current = [], None
    for line in text.splitlines():
        tag, value = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line).groups()
        if tag == "TY":
            assert current is None
            current = [(tag, value)]
        elif tag == "ER":
            records.append(current)
            current = None
        else:
            current.append((tag, value))
    assert current is None
    return records


def test_cite_ris_parses(run):
    records = parse_ris(run("cite", "--format", "ris").stdout)
    assert len(records) == len(load_catalog(CLAIMS).compounds[0].publications)
    chen = dict(records[0][:1] + [t for t in records[0] if t[0] != "AU"])
    assert [value for tag, value in records[0] if tag == "AU"] == [
        "Chen, N.",
        "Yang, M.",
        "Guo, J.",
        "Zhou, M.",
        "Zhu, C.",
        "He, L.",
    ]
    assert chen["TY"] == "JOUR"
    assert chen["T2"] == "Cochrane Database of Systematic Reviews"
    assert (chen["PY"], chen["IS"], chen["SP"]) == ("2013", "1", "CD008900")
    assert chen["DO"] == "10.1002/14651858.CD008900.pub2"
    gauthier = dict(next(r for r in records if ("ID", "gauthier-2015") in r))
    assert (gauthier["SP"], gauthier["EP"], gauthier["AN"]) == ("332", "347", "PMID:25832905")


def test_cite_an_unknown_goal_exits_1(run):
    result = run("cite", "nothing-like-it")
    assert (result.exit_code, result.stdout) == (1, "")


# forest plots -------------------------------------------------------------------------------


def outcome(study_id, measure):
    compound = load_catalog(CLAIMS).compounds[0]
    return next(o for o in compound.study(study_id).outcomes if o.measure == measure)


def test_forest_plot_lines():
    mmse = outcome("vad-meta-analysis", "MMSE")
    assert forest.plot(mmse, "Cerebrolysin") == (
        "│     ├───────────●───────────┤  │ no effect at 0; → favours Cerebrolysin"
    )
    adas = outcome("vad-meta-analysis", "ADAS-cog+")
    assert forest.plot(adas, "Cerebrolysin") == (
        "├───────●──────┤              │  │ no effect at 0; ← favours Cerebrolysin"
    )
    cgi = outcome("ad-meta-analysis-cgi", "CGI")
    assert forest.plot(cgi, "Cerebrolysin", glyphs=forest.ASCII) == (
        "|             [-------o-------]  | no effect at 0; -> favours Cerebrolysin"
    )


def test_mann_whitney_is_drawn_against_one_half():
    interval = ConfidenceInterval(low=0.55, high=0.70, level=0.95)
    arat = replace(outcome("cars", "ARAT"), ci=interval)
    assert forest.plot(arat, "Cerebrolysin", width=21) == (
        "│    ├──────●───────┤  │ no effect at 0.5; → favours Cerebrolysin"
    )


def test_show_draws_plots_in_ascii_when_piped(run):
    out = run("show", "memory", env={"COLUMNS": "200"}).stdout
    plot = "|     [-----------o-----------] | no effect at 0; -> favours Cerebrolysin"
    assert f"\n  MMSE      {plot}" in out
    assert "├" not in out


def test_an_entry_without_its_title_or_journal_is_misc_so_bibtex_styles_accept_it(run):
    entries = {e["ID"]: e for e in parse_bibtex(run("cite", "--format", "bibtex").stdout)}
    assert entries["vester-2021"]["ENTRYTYPE"] == "article"  # its title was found (#28)
    ketamine = entries["hosseini-ketamine"]
    assert ketamine["ENTRYTYPE"] == "misc"  # no journal or year seen
    assert "journal" not in ketamine and "year" not in ketamine
    assert ketamine["note"] == "PMCID: PMC12595893"  # so a style prints which one it is
    articles = [e for e in entries.values() if e["ENTRYTYPE"] == "article"]
    assert all("title" in e and "journal" in e and "year" in e for e in articles)
    complete = [p for p in load_catalog(CLAIMS).compounds[0].publications if p.title and p.journal]
    assert len(articles) == len(complete)


def test_bibtex_is_ascii_with_latex_unless_unicode_is_asked_for(run):
    latex = run("cite", "--format", "bibtex").stdout
    assert latex.isascii()
    assert "PGC-1{$\\alpha$}" in latex and 'H{\\"o}mberg' in latex
    unicode = run("cite", "--format", "bibtex", "--unicode").stdout
    assert "PGC-1α" in unicode and "Hömberg" in unicode
    assert unicode.encode("ascii", "replace").decode() != unicode


def test_every_bibtex_entry_formats_in_pybtexs_four_styles(run, monkeypatch):
    """As a reference manager or a BibTeX run would: an entry that lacks a field a style
    requires of an article (author, title, journal, year) is a @misc, so none fails (#28)."""
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    monkeypatch.delenv("PEPTIDE_CLI_DATA")  # every compound
    bib = parse_string(run("cite", "--format", "bibtex").stdout, "bibtex")
    assert len(bib.entries) == len(parse_ris(run("cite", "--format", "ris").stdout))
    for style in ("plain", "unsrt", "alpha", "unsrtalpha"):
        formatter = find_plugin("pybtex.style.formatting", style)()
        formatted = list(formatter.format_entries(bib.entries.values()))
        assert len(formatted) == len(bib.entries), style
        assert all(entry.text.render_as("text") for entry in formatted)


def test_ris_types_follow_the_bibtex_types(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    bibtex = {
        e["ID"]: e["ENTRYTYPE"] for e in parse_bibtex(run("cite", "--format", "bibtex").stdout)
    }
    ris = {dict(r)["ID"]: dict(r)["TY"] for r in parse_ris(run("cite", "--format", "ris").stdout)}
    assert ris == {key: {"article": "JOUR", "misc": "GEN"}[kind] for key, kind in bibtex.items()}
    assert set(ris.values()) == {"JOUR", "GEN"}


def test_topline_results_are_never_cited_as_journal_articles(run, monkeypatch):
    """A conference abstract with every field of an article is still @misc / GEN / `article`,
    and each format says it is not peer-reviewed."""
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    args = ("cite", "--compound", "bremelanotide", "--format")
    bibtex = {e["ID"]: e for e in parse_bibtex(run(*args, "bibtex").stdout)}
    ris = {dict(r)["ID"]: r for r in parse_ris(run(*args, "ris").stdout)}
    csl = {item["id"]: item for item in run.json(*args, "csl-json")}
    note = (
        "Topline results (press release, conference abstract or registry posting),"
        " not peer-reviewed"
    )
    abstract = "clayton-issm-abstract"
    assert bibtex[abstract]["ENTRYTYPE"] == "misc" and bibtex[abstract]["note"] == note
    assert dict(ris[abstract])["TY"] == "GEN" and ("N1", note) in ris[abstract]
    assert csl[abstract]["type"] == "article" and csl[abstract]["note"] == note + "."
    # a journal article of the same compound stays one
    assert bibtex["simon-2019"]["ENTRYTYPE"] == "article"
    assert csl["simon-2019"]["type"] == "article-journal"


def test_bibtex_gives_a_sort_key_where_there_is_no_author_and_no_number_without_a_volume(
    run, monkeypatch
):
    """What BibTeX's own styles warn of: an entry they cannot sort (no author, no key), and a
    number with no volume (a Cochrane review's issue), which is said in the note instead."""
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    entries = parse_bibtex(run("cite", "--format", "bibtex").stdout)
    assert all(("author" in e) != ("key" in e) for e in entries)
    assert all("volume" in e for e in entries if "number" in e)
    chen = next(e for e in entries if e["ID"] == "chen-2013")
    assert "number" not in chen and chen["note"] == "Issue 1"
    [ris] = [
        r for r in parse_ris(run("cite", "--format", "ris").stdout) if ("ID", "chen-2013") in r
    ]
    assert ("IS", "1") in ris  # RIS has a place of its own for an issue
