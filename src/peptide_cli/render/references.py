"""Publications as references: plain text, BibTeX, RIS and CSL-JSON, for reading or a reference
manager."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from peptide_cli.catalog.models import plain
from peptide_cli.evidence.citations import source_status
from peptide_cli.render.safe import clean

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Compound, Publication, Study

Unsourced = list[tuple["Compound", "Study"]]
VANCOUVER_AUTHORS = 6


def data(form: str, publications: list[Publication], unsourced: Unsourced) -> Any:
    """The references as FORM asks, ready for JSON: `csl-json` as CSL-JSON items, `json` as
    `record` gives them; None for the text forms (see `written`)."""
    if form == "csl-json":
        return csl_json(publications)
    if form == "json":
        return record(publications, unsourced)
    return None


def written(
    form: str, publications: list[Publication], unsourced: Unsourced, *, unicode: bool = False
) -> str:
    """The references as text in FORM: `bibtex` (its non-ASCII characters as LaTeX, unless
    UNICODE, for biber), `ris`, or `text` (numbered references, then the studies with no
    confirmed source)."""
    if form == "bibtex":
        return bibtex(publications, unicode=unicode)
    if form == "ris":
        return ris(publications)
    return listing(publications, unsourced)


def listing(publications: list[Publication], unsourced: Unsourced) -> str:
    """The numbered references, then the studies that have no confirmed source."""
    lines = [f"[{number}] {text(p)}" for number, p in enumerate(publications, 1)]
    if unsourced:
        if publications:
            lines.append("")
        lines.append("No confirmed source:")
        lines += [f"  {study.label} ({source_status(study)})" for _, study in unsourced]
    return "".join(clean(" ".join(line.splitlines())) + "\n" for line in lines)


def record(publications: list[Publication], unsourced: Unsourced) -> dict[str, Any]:
    """The publications in full, and the studies with no confirmed source, as JSON."""
    return {
        "publications": [plain(p) for p in publications],
        "unsourced": [
            {
                "compound": compound.id,
                "study": study.id,
                "label": study.label,
                "source_status": source_status(study),
            }
            for compound, study in unsourced
        ],
    }


def text(publication: Publication) -> str:
    """A reference in the Vancouver style medical journals use."""
    parts = []
    if publication.authors:
        # Vancouver lists the first six authors, then "et al".
        shown = publication.authors[:VANCOUVER_AUTHORS]
        more = publication.et_al or len(publication.authors) > VANCOUVER_AUTHORS
        parts.append(", ".join(shown) + (", et al" if more else ""))
    if publication.title:
        parts.append(publication.title.rstrip("."))
    if publication.journal:
        parts.append(publication.journal)
    where = "" if publication.year is None else str(publication.year)
    if publication.volume:
        where += f";{publication.volume}"
    if publication.issue:
        where += f"({publication.issue})" if publication.volume else f";({publication.issue})"
    if publication.pages or publication.article:
        where += f":{publication.pages or publication.article}"
    if where:
        parts.append(where.lstrip(";"))
    if publication.doi:
        parts.append(f"doi:{publication.doi}")
    if publication.pmid:
        parts.append(f"PMID: {publication.pmid}")
    if publication.pmcid:
        parts.append(f"PMCID: {publication.pmcid}")
    if publication.registration:
        parts.append(f"Trial registration: {publication.registration}")
    return ". ".join(parts) + "."


def bibtex(publications: list[Publication], *, unicode: bool = False) -> str:
    """The publications as BibTeX entries: ASCII, with every other character written as LaTeX
    (`{$\\alpha$}`, `{\\"o}`), which pdfLaTeX and BibTeX read; with UNICODE, as UTF-8 for
    biber and LuaLaTeX or XeLaTeX."""
    keyed = zip(publications, keys(publications), strict=True)
    entries = "\n".join(_bibtex_entry(publication, key) for publication, key in keyed)
    return entries if unicode else _ascii(entries)


def keys(publications: list[Publication]) -> list[str]:
    """Each publication's citation key: its id, or, where an earlier one has the same id (two
    compounds' records of different papers), its id with `-2`, `-3` ... so that no key repeats."""
    seen: dict[str, int] = {}
    found = []
    for publication in publications:
        seen[publication.id] = seen.get(publication.id, 0) + 1
        count = seen[publication.id]
        found.append(publication.id if count == 1 else f"{publication.id}-{count}")
    return found


def _ascii(text: str) -> str:
    """TEXT with each non-ASCII character as LaTeX in braces, by latexcodec; one LaTeX has no
    command for stays as it is (a biber run, `--unicode`, takes those)."""
    import codecs

    import latexcodec  # noqa: F401  # registers the "latex" codec

    def latex(found: re.Match[str]) -> str:
        try:
            written = codecs.encode(found.group(), "latex").decode("ascii")
        except UnicodeEncodeError:
            return found.group()
        return f"{{{written}}}"

    return re.sub(r"[^\x00-\x7f]", latex, text)


def _bibtex_entry(publication: Publication, key: str) -> str:
    kind = _kind(publication)
    authors = [_inverted(name) for name in publication.authors]
    if publication.et_al:
        authors.append("others")
    fields = [
        ("author", " and ".join(authors)),
        ("title", publication.title and _protected(publication.title)),
        ("journal", publication.journal),
        ("year", None if publication.year is None else str(publication.year)),
        ("volume", publication.volume),
        # an issue without a volume (a Cochrane review's) is said in the note: the styles
        # warn of a number with no volume
        ("number", publication.issue if publication.volume else None),
        ("pages", (publication.pages or "").replace("-", "--") or publication.article),
        ("doi", publication.doi),
        ("pmid", publication.pmid),
        ("pmcid", publication.pmcid),
        ("note", _bibtex_note(publication, kind)),
        # BibTeX's styles sort (and alpha labels) by `key` where there is no author
        ("key", None if authors else publication.title or key),
    ]
    lines = [
        f"  {name} = {{{value if name == 'title' else _bibtex_escape(value)}}},"
        for name, value in fields
        if value
    ]
    # BibTeX styles require an article's author, title, journal and year; an entry that lacks
    # one of them is written as @misc, with the journal (if any) as `howpublished`, so no style
    # fails on it.
    if kind == "misc":
        lines = [line.replace("  journal = ", "  howpublished = ", 1) for line in lines]
    return "\n".join([f"@{kind}{{{key},", *lines, "}"]) + "\n"


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",  # not \{: BibTeX counts that brace all the same
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{char: "\\" + char for char in "&%$#_"},
}


def _bibtex_escape(value: str) -> str:
    """VALUE as the text of a BibTeX field: on one line, no control characters, and every
    character that BibTeX or LaTeX would read as syntax escaped (braces among them, so a value
    cannot close its field and open another)."""
    flat = clean(" ".join(value.split()))
    return re.sub(r"[\\{}~^&%$#_]", lambda found: _BIBTEX_SPECIAL[found.group()], flat)


def _protected(title: str) -> str:
    """A title whose capitals survive the styles that lower-case titles: each word with a
    capital letter in braces (`{Cerebrolysin}`)."""
    words = _bibtex_escape(title).split(" ")
    return " ".join(f"{{{word}}}" if any(c.isupper() for c in word) else word for word in words)


def ris(publications: list[Publication]) -> str:
    keyed = zip(publications, keys(publications), strict=True)
    return "".join(_ris_record(publication, key) for publication, key in keyed)


def _bibtex_note(publication: Publication, kind: str) -> str | None:
    """The note of an entry: its trial registration; for a @misc, which the classic styles
    print by its note, its identifiers too, so that an entry without a title still says
    which publication it is."""
    parts = [TOPLINE_NOTE] if publication.kind == "topline" else []
    if publication.issue and not publication.volume:
        parts.append(f"Issue {publication.issue}")
    if kind == "misc":
        parts += [f"PMID: {publication.pmid}"] if publication.pmid else []
        parts += [f"PMCID: {publication.pmcid}"] if publication.pmcid else []
        parts += [f"doi:{publication.doi}"] if publication.doi else []
    if publication.registration:
        parts.append(f"Trial registration: {publication.registration}")
    return ". ".join(parts) or None


def _kind(publication: Publication) -> str:
    """The BibTeX entry type: `article` for a journal article whose every field the styles
    require of one is known (author, title, journal, year), else `misc` (topline results among
    them: a press release or conference abstract is not a journal article)."""
    complete = publication.authors and publication.title and publication.journal
    journal_article = publication.kind == "article"
    return "article" if journal_article and complete and publication.year is not None else "misc"


TOPLINE_NOTE = (
    "Topline results (press release, conference abstract or registry posting), not peer-reviewed"
)
"""What every citation format says of a publication of kind `topline`."""


RIS_TYPES = {"article": "JOUR", "misc": "GEN"}
"""The RIS type of each BibTeX entry type: a reference manager files them alike."""


def _ris_record(publication: Publication, key: str) -> str:
    tags: list[tuple[str, str | None]] = [("TY", RIS_TYPES[_kind(publication)])]
    tags += [("AU", _inverted(name)) for name in publication.authors]
    first, _, last = (publication.pages or "").partition("-")
    tags += [
        ("TI", publication.title),
        ("T2", publication.journal),
        ("PY", None if publication.year is None else str(publication.year)),
        ("VL", publication.volume),
        ("IS", publication.issue),
        ("SP", first or publication.article),
        ("EP", last or None),
        ("DO", publication.doi),
        ("AN", publication.pmid and f"PMID:{publication.pmid}"),
        ("N1", publication.pmcid and f"PMCID: {publication.pmcid}"),
        ("N1", "et al.: the author list is incomplete" if publication.et_al else None),
        ("N1", publication.registration and f"Trial registration: {publication.registration}"),
        ("N1", TOPLINE_NOTE if publication.kind == "topline" else None),
        ("ID", key),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {_ris_value(value)}\n" for tag, value in tags if value is not None)


def _ris_value(value: str) -> str:
    """VALUE on one line without control characters, so it cannot start a tag of its own."""
    return clean(" ".join(value.split()))


def csl_json(publications: list[Publication]) -> list[dict[str, Any]]:
    """The publications as CSL-JSON items, the input of citeproc, pandoc, Quarto and Zotero.

    PMID and PMCID keep fields of their own. An article number (CD008900) is the item's
    `number`; a trial registration and an author list cut short are said in its `note`.
    """
    keyed = zip(publications, keys(publications), strict=True)
    return [_csl_item(publication, key) for publication, key in keyed]


def _csl_item(publication: Publication, key: str) -> dict[str, Any]:
    notes = [
        publication.registration and f"Trial registration: {publication.registration}",
        publication.et_al and "The author list is incomplete (et al.).",
        publication.kind == "topline" and TOPLINE_NOTE + ".",
    ]
    journal_article = publication.journal and publication.kind == "article"
    fields: dict[str, Any] = {
        "id": key,
        "type": "article-journal" if journal_article else "article",
        "title": publication.title,
        "container-title": publication.journal,
        "author": [_csl_name(name) for name in publication.authors] or None,
        "issued": None if publication.year is None else {"date-parts": [[publication.year]]},
        "volume": publication.volume,
        "issue": publication.issue,
        "page": publication.pages,
        "number": publication.article,
        "DOI": publication.doi,
        "PMID": publication.pmid,
        "PMCID": publication.pmcid,
        "note": " ".join(note for note in notes if note) or None,
    }
    return {key: value for key, value in fields.items() if value is not None}


def _csl_name(name: str) -> dict[str, str]:
    """`Heiss WD` as family `Heiss`, given `W. D.`; a name not written surname-then-initials
    stays whole, as a literal."""
    surname, _, initials = name.rpartition(" ")
    letters = initials.replace("-", "")
    if not surname or not (letters.isalpha() and letters.isupper() and len(letters) <= 4):
        return {"literal": name}
    first, _, second = initials.partition("-")
    given = " ".join(f"{letter}." for letter in first)
    if second:
        given += "-" + " ".join(f"{letter}." for letter in second)
    return {"family": surname, "given": given}


def _inverted(name: str) -> str:
    """`Heiss WD` as `Heiss, W. D.`, `Wei Z-H` as `Wei, Z.-H.`: surname, then initials."""
    surname, _, initials = name.rpartition(" ")
    if not surname or not re.fullmatch(r"[A-Z]{1,3}(-[A-Z]{1,2})?", initials):
        return name
    first, _, second = initials.partition("-")
    spelled = " ".join(f"{letter}." for letter in first)
    if second:
        spelled += "-" + " ".join(f"{letter}." for letter in second)
    return f"{surname}, {spelled}"
