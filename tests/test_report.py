"""The HTML evidence report: complete, inert, escaped, drawn to scale, and shown by a browser."""

import hashlib
import math
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import html5lib
import pytest

from peptide_cli import __version__
from peptide_cli.catalog.loading import load_catalog
from peptide_cli.catalog.reading import bundled_path
from peptide_cli.evidence.regulatory import status_on
from peptide_cli.render import figures as fmt
from peptide_cli.render.safe import clean

from helpers import CLAIMS
from minimal import MINIMAL, edit

SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CLI = [sys.executable, "-m", "peptide_cli"]
LINKS = ("#", "https://doi.org/", "https://pubmed.ncbi.nlm.nih.gov/")


def parse(text: str):
    """TEXT as a document tree; html5lib's strict mode raises at the first parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(text)


def words(tree) -> str:
    """The page's text as a reader sees it: its pieces joined, each run of spaces one space."""
    return " ".join("".join(tree.itertext()).split())


EPOCH, MADE = 1796601600, date(2026, 12, 7)  # the day the report is made on, for a fixed page


def report(run, tmp_path, *args, name="report.html") -> str:
    out = tmp_path / name
    result = run("report", *args, "-o", str(out), env={"SOURCE_DATE_EPOCH": str(EPOCH)})
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    return out.read_text(encoding="utf-8")


# What the page holds ---------------------------------------------------------------------------


def holds_everything(tree, compound) -> None:
    """Every goal, study, outcome, figure and citation of COMPOUND is on the page TREE."""
    text = words(tree)
    for goal in compound.goals:
        assert " ".join(goal.name.split()) in text
        for study in compound.studies_of(goal):
            assert study.label in text
            for outcome in goal.outcomes_of(study):
                assert outcome.measure in text
                assert " ".join(fmt.result(outcome).split()) in text, outcome.measure
                if outcome.ci is not None:
                    assert fmt.interval(outcome.ci, outcome.decimals) in text
                if outcome.p is not None:
                    assert f"p {fmt.p_value(outcome.p)}" in text
    hrefs = [a.get("href") for a in tree.iter(f"{XHTML}a")]
    for publication in compound.publications:
        if publication.doi:
            assert f"https://doi.org/{publication.doi}" in hrefs
        if publication.pmid:
            assert f"https://pubmed.ncbi.nlm.nih.gov/{publication.pmid}/" in hrefs
    # the status as of the day the report is made: each entry then in effect, and each event
    # reported since; not the entries they replaced
    for track in status_on(compound, MADE):
        for entry in [track.current, *track.reported]:
            if entry is not None:
                assert " ".join(entry.status.split()) in text
    assert f"Regulatory status as of {MADE.isoformat()}" in text or not compound.regulatory
    if compound.evidence is not None:
        assert f"Evidence last searched {compound.evidence.searched}" in text
    for harm in compound.harms:
        assert harm.text in text


def test_the_cerebrolysin_report_holds_every_goal_outcome_figure_and_citation(run, tmp_path):
    tree = parse(report(run, tmp_path))  # the catalog has one compound: no --compound needed
    text = words(tree)
    digest = hashlib.sha256(CLAIMS.read_bytes()).hexdigest()
    assert (
        f"Made by peptide-cli {__version__} on 2026-12-07. Cerebrolysin is from the claims file "
        f"claims.yaml (SHA-256 {digest})." in text
    )
    [compound] = load_catalog(CLAIMS).compounds
    holds_everything(tree, compound)
    # each study points at its own publication's number in the reference list
    listed = [li.get("id") for li in tree.iter(f"{XHTML}li") if li.get("id", "").startswith("ref-")]
    for study in compound.studies:
        if study.publication is not None:
            number = listed.index(f"ref-{study.publication}") + 1
            assert f"{study.label}:" in text
            assert f"Reference [{number}]." in text
    number = listed.index("ref-muresanu-2020") + 1
    assert "CAPTAIN II: RCT, human, n=139; " in text
    assert (
        text.split("CAPTAIN II: RCT, human, n=139; ")[1].split("Reference [")[1][:2] == f"{number}]"
    )
    # the computed tier heads each goal, the stated one beside it (#26)
    assert "Tier 2 · Plausible Efficacy (computed: some-evidence) Stated: Tier 3 · Probable" in text
    assert "Summary of findings" in text


def test_every_compounds_report_holds_everything_and_its_harms(run, tmp_path, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    texts = {}
    for compound in load_catalog(bundled_path()).compounds:
        page = report(run, tmp_path, "--compound", compound.id, name=f"{compound.id}.html")
        tree = parse(page)
        holds_everything(tree, compound)
        texts[compound.id] = text = words(tree)
        for study in compound.studies:
            for harm in study.harms:
                assert " ".join(fmt.harm(harm).split()) in text
    assert (
        "Harm (adverse events): nausea, in STEP 1 to 3 pooled (2117 on semaglutide, 1262 on "
        "placebo): semaglutide 43.9%; placebo 16.1% [see gi-pool]" in texts["semaglutide"]
    )
    assert "the evidence is about adults with HIV on antiretroviral therapy" in texts["tesamorelin"]


def test_the_page_is_inert_and_self_contained(run, tmp_path, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    page = report(run, tmp_path, "--compound", "thymosin-alpha-1")
    tree = parse(page)
    assert list(tree.iter(f"{XHTML}script")) == []
    assert list(tree.iter(f"{XHTML}link")) == []
    assert list(tree.iter(f"{XHTML}img")) == []
    for element in tree.iter():
        for name in ("href", "src", "action", "{http://www.w3.org/1999/xlink}href"):
            value = element.get(name)
            assert value is None or value.startswith(LINKS), value
    assert "url(" not in page and "@import" not in page
    policy = next(
        m.get("content")
        for m in tree.iter(f"{XHTML}meta")
        if m.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy.startswith("default-src 'none';")


def test_every_string_from_a_claims_file_is_text(run, tmp_path):
    hostile = '"<script>alert(1)</script> \\" & </svg> \\e[31m"'  # YAML: a real ESC
    text = edit("summary: Test goal.", f"summary: {hostile}")
    text = edit("label: Trial One", 'label: "</svg><script>x()</script>"', text)
    text = edit("measure: Score", 'measure: "Score <b>bold</b> & \\"quoted\\""', text)
    text = edit(
        "    administration: {routes: [oral]}\n",
        "    administration: {routes: [oral]}\n"
        "    publications:\n"
        "      - id: p1\n"
        "        title: T\n"
        "        doi: '10.1234/x\"><script>alert(1)</script>?#'\n",
        text,
    )
    text = edit("        n: 10\n", "        n: 10\n        publication: p1\n", text)
    claims = tmp_path / "hostile.yaml"
    claims.write_text(text, encoding="utf-8")
    tree = parse(report(run, tmp_path, "--data", str(claims)))
    assert list(tree.iter(f"{XHTML}script")) == []
    assert list(tree.iter(f"{XHTML}b")) == []
    page_text = words(tree)
    assert '<script>alert(1)</script> " & </svg> ' + clean("\x1b") + "[31m" in page_text
    assert "\x1b" not in page_text
    assert "</svg><script>x()</script>" in page_text
    assert 'Score <b>bold</b> & "quoted"' in page_text
    [link] = [a for a in tree.iter(f"{XHTML}a") if a.text == "doi.org"]
    assert (
        link.get("href") == "https://doi.org/10.1234/x%22%3E%3Cscript%3Ealert(1)%3C/script%3E%3F%23"
    )
    assert '10.1234/x"><script>alert(1)</script>?#' in page_text  # shown as text
    [svg] = tree.iter(f"{SVG}svg")  # the hostile label did not close the plot
    assert "</svg><script>x()</script>: Score" in " ".join(svg.itertext())


# The forest plot's geometry --------------------------------------------------------------------


def axis(svg):
    """The panel's x position of VALUE, from the scale the SVG itself declares."""
    low, high = float(svg.get("data-low")), float(svg.get("data-high"))
    left, right = float(svg.get("data-left")), float(svg.get("data-right"))
    log = svg.get("data-scale") == "log"
    scale = math.log10 if log else float

    def x(value: float) -> float:
        return left + (scale(value) - scale(low)) / (scale(high) - scale(low)) * (right - left)

    return x


def panels(tree):
    return [svg for svg in tree.iter(f"{SVG}svg") if "forest" in svg.get("class", "")]


def test_the_plot_of_one_difference_is_where_arithmetic_puts_it(run, tmp_path):
    claims = tmp_path / "claims.yaml"
    claims.write_text(MINIMAL, encoding="utf-8")
    [svg] = panels(parse(report(run, tmp_path, "--data", str(claims))))
    # The interval 0.5 to 2.5 and the null line at 0 span 0 to 2.5; 5% of that either side
    # gives an axis from -0.125 to 2.625 across x = 270 to 630.
    assert (svg.get("data-low"), svg.get("data-high"), svg.get("data-scale")) == (
        "-0.125",
        "2.625",
        "linear",
    )
    null = next(line for line in svg.iter(f"{SVG}line") if line.get("class") == "null")
    assert null.get("x1") == "286.36"  # 270 + 360 * 0.125 / 2.75
    [row] = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "row"]
    ci = next(line for line in row.iter(f"{SVG}line") if line.get("class") == "ci")
    assert (ci.get("x1"), ci.get("x2")) == ("351.82", "613.64")
    assert next(row.iter(f"{SVG}circle")).get("cx") == "482.73"
    assert row.get("data-crosses") == "no"
    description = next(svg.iter(f"{SVG}desc")).text
    assert description == (
        "Mean difference: 1 outcome, line of no effect at 0; 0 of 1 intervals cross it. "
        "Trial One: Score: 1.5 (95% CI 0.5 to 2.5, 10 participants); the interval does not "
        "cross the line of no effect at 0."
    )


@pytest.mark.parametrize(
    ("effect", "figures", "axis_ends", "scale", "null_x", "ends_x"),
    [
        # Mann-Whitney: no effect at 0.5; 0.5 to 0.65 padded by 0.0075 either side.
        (
            "mann-whitney",
            (0.6, 0.55, 0.65),
            ("0.4925", "0.6575"),  # 4 significant digits
            "linear",
            "286.36",
            ("395.45", "613.64"),
        ),
        # A hazard ratio on a log axis: log10(0.5) = -0.30103 to log10(1.25) = 0.09691, padded
        # by 0.019897 either side; 1 is at 270 + 360 * 0.320927 / 0.437734.
        (
            "hazard-ratio",
            (0.8, 0.5, 1.25),
            ("0.4776", "1.309"),
            "log",
            "533.94",
            ("286.36", "613.64"),
        ),
    ],
)
def test_mann_whitney_and_ratio_plots_are_placed_by_hand(
    run, tmp_path, effect, figures, axis_ends, scale, null_x, ends_x
):
    text = edit("effect_type: mean-difference", f"effect_type: {effect}")
    value, low, high = figures
    text = edit("value: 1.5\n            unit: points\n", f"value: {value}\n", text)
    text = edit("{low: 0.5, high: 2.5, level: 0.95}", f"{{low: {low}, high: {high}}}", text)
    claims = tmp_path / "claims.yaml"
    claims.write_text(text, encoding="utf-8")
    [svg] = panels(parse(report(run, tmp_path, "--data", str(claims))))
    low, high = float(svg.get("data-low")), float(svg.get("data-high"))
    assert (f"{low:.4g}", f"{high:.4g}", svg.get("data-scale")) == (*axis_ends, scale)
    null = next(line for line in svg.iter(f"{SVG}line") if line.get("class") == "null")
    assert null.get("x1") == null_x
    ci = next(line for line in svg.iter(f"{SVG}line") if line.get("class") == "ci")
    assert (ci.get("x1"), ci.get("x2")) == ends_x


def test_every_plot_of_the_catalog_is_drawn_to_its_own_scale(run, tmp_path, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    seen = set()
    for compound in load_catalog(bundled_path()).compounds:
        tree = parse(report(run, tmp_path, "--compound", compound.id, name=f"{compound.id}.html"))
        for svg in panels(tree):
            x = axis(svg)
            null = float(svg.get("data-null"))
            seen.add((svg.get("data-effect"), null, svg.get("data-scale")))
            line = next(line for line in svg.iter(f"{SVG}line") if line.get("class") == "null")
            assert float(line.get("x1")) == pytest.approx(x(null), abs=0.01)
            for row in (g for g in svg.iter(f"{SVG}g") if g.get("class") == "row"):
                low, high = float(row.get("data-low")), float(row.get("data-high"))
                value = x(float(row.get("data-value")))
                crosses = low <= null <= high
                assert row.get("data-crosses") == ("yes" if crosses else "no")
                said = "crosses" if crosses else "does not cross"
                assert f"the interval {said} the line of no effect" in row.find(f"{SVG}title").text
                diamonds = list(row.iter(f"{SVG}polygon"))
                if diamonds:  # a pooled result: its points are its interval and estimate
                    [diamond] = diamonds
                    xs = [float(point.split(",")[0]) for point in diamond.get("points").split()]
                    assert xs == pytest.approx([x(low), value, x(high), value], abs=0.01)
                    continue
                ci = next(ln for ln in row.iter(f"{SVG}line") if ln.get("class") == "ci")
                assert float(ci.get("x1")) == pytest.approx(x(low), abs=0.01)
                assert float(ci.get("x2")) == pytest.approx(x(high), abs=0.01)
                circle = next(row.iter(f"{SVG}circle"))
                assert float(circle.get("cx")) == pytest.approx(value, abs=0.01)
    # The kinds of plot the bundled catalog was built with are all drawn (a compound added later
    # may bring more), and every kind drawn has the null and scale of its kind: ratios at 1 on a
    # log scale, a Mann-Whitney effect at 0.5 and differences at 0 on a linear one.
    assert seen >= {
        ("mean-difference", 0.0, "linear"),
        ("log-odds-ratio", 0.0, "linear"),
        ("percentage-points", 0.0, "linear"),
        ("hazard-ratio", 1.0, "log"),
        ("risk-ratio", 1.0, "log"),
        ("odds-ratio", 1.0, "log"),
    }
    for effect, null, scale in seen:
        if effect in ("hazard-ratio", "risk-ratio", "odds-ratio"):
            assert (null, scale) == (1.0, "log"), effect
        else:
            assert (null, scale) == (0.5 if effect == "mann-whitney" else 0.0, "linear"), effect


# Where it goes, and what it refuses ------------------------------------------------------------


def test_without_o_the_page_goes_to_standard_output(run):
    result = run("report", "sleep")
    assert result.exit_code == 0
    assert result.stdout.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Sleep Quality" in words(parse(result.stdout))


def test_it_will_not_write_html_to_a_terminal():
    main, secondary = pty.openpty()
    try:
        done = subprocess.run(
            [*CLI, "report", "sleep"],
            stdout=secondary,
            stderr=subprocess.PIPE,
            env={**os.environ, "PEPTIDE_CLI_DATA": str(CLAIMS)},
            timeout=60,
            check=False,
        )
    finally:
        os.close(main)
        os.close(secondary)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "peptide-cli: the report is an HTML page: write it to a file with -o FILE, or redirect "
        "standard output\n"
    )


def test_it_will_not_overwrite_a_file_without_force(run, tmp_path):
    out = tmp_path / "mine.html"
    out.write_text("keep me")
    result = run("report", "sleep", "-o", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"peptide-cli: {out} exists: add --force to overwrite it\n"
    assert out.read_text() == "keep me"
    out.chmod(0o640)
    assert run("report", "sleep", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert oct(out.stat().st_mode & 0o777) == "0o640"  # the replaced file's mode is kept
    assert [p.name for p in tmp_path.iterdir()] == ["mine.html"]  # no temporary file left


def test_a_file_it_cannot_write_exits_4_and_leaves_nothing(run, tmp_path):
    out = tmp_path / "missing" / "report.html"
    result = run("report", "sleep", "-o", str(out))
    assert result.exit_code == 4
    assert result.stderr == (
        f"peptide-cli: cannot write the output: {out}: No such file or directory\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_whole_catalog_is_one_page_with_a_contents_list(run, monkeypatch, tmp_path):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    tree = parse(report(run, tmp_path, name="all.html"))  # html5lib's strict parser
    catalog = load_catalog(bundled_path())
    [nav] = [n for n in tree.iter(f"{XHTML}nav") if n.get("class") == "contents"]
    links = [a.get("href") for a in nav.iter(f"{XHTML}a")]
    expected = []
    for compound in catalog.compounds:
        expected.append(f"#compound-{compound.id}")
        expected += [f"#goal-{compound.id}-{goal.id}" for goal in compound.goals]
    assert links == [*expected, "#references"]
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    assert {link[1:] for link in links} <= ids  # every entry leads somewhere
    for compound in catalog.compounds:
        holds_everything(tree, compound)
    # a compound or goals narrow it, in the order named, each once
    tree = parse(report(run, tmp_path, "sepsis", "stroke", "sepsis"))
    names = [h.text for h in tree.iter(f"{XHTML}h3")]
    assert names == ["Survival in Sepsis", "Stroke & Injury Recovery"]


def test_a_stream_without_utf8_gets_character_references():
    done = subprocess.run(
        [*CLI, "report", "cognition"],
        capture_output=True,
        env={**os.environ, "PEPTIDE_CLI_DATA": str(CLAIMS), "PYTHONIOENCODING": "ascii"},
        timeout=60,
        check=True,
    )
    done.stdout.decode("ascii")  # every byte is ASCII
    assert "Tier 3 &#183; Probable Efficacy" in done.stdout.decode("ascii")
    assert "Tier 3 · Probable Efficacy" in words(parse(done.stdout.decode("ascii")))


# A real browser --------------------------------------------------------------------------------

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


def browse(page: Path, shot: Path) -> str:
    """Open PAGE in headless Chromium, save a screenshot to SHOT; what it logged."""
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--log-level=0",
            "--window-size=1000,1400",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(shot.parent)},
    )
    assert shot.exists(), done.stderr[-2000:]
    return done.stderr


def console_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def shades(png: Path) -> int:
    """How many different byte values the screenshot's pixel data holds: a blank page has a
    handful (white, and the row filters), a page with text and plots has many."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    return len(set(zlib.decompress(b"".join(chunks))))


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here: apt-get install chromium")
def test_a_browser_shows_the_page_without_console_errors(run, tmp_path):
    page = tmp_path / "report.html"
    assert run("report", "-o", str(page)).exit_code == 0
    log = browse(page, tmp_path / "report.png")
    assert console_lines(log) == []
    assert shades(tmp_path / "report.png") > 50
    # The checks can fail: a blank page and a page that logs an error are caught.
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>")
    assert console_lines(browse(blank, tmp_path / "blank.png")) == []
    assert shades(tmp_path / "blank.png") <= 8
    noisy = tmp_path / "noisy.html"
    noisy.write_text("<!DOCTYPE html><title>x</title><script>console.error('broken')</script>")
    assert any("broken" in line for line in console_lines(browse(noisy, tmp_path / "n.png")))


MEASURE = """<script>
addEventListener("load", () => {
  const boxes = (cells) => cells.map((cell) => cell.getBoundingClientRect());
  let overlaps = 0;
  let overflowing = 0;
  for (const row of document.querySelectorAll("table.sof tr")) {
    const cells = boxes([...row.children]);
    for (let i = 0; i < cells.length; i++) {
      for (let j = i + 1; j < cells.length; j++) {
        const a = cells[i], b = cells[j];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps++;
      }
    }
    for (const cell of row.children) if (cell.scrollWidth > cell.clientWidth + 1) overflowing++;
  }
  const wide = document.documentElement.scrollWidth > innerWidth + 1 ? 1 : 0;
  const sides = [...document.querySelectorAll("svg.forest")].filter(
    (svg) => !svg.querySelector("text.side")).length;
  document.body.setAttribute("data-layout", [overlaps, overflowing, wide, sides].join(" "));
});
</script>"""


def layout(page: Path, width: int) -> list[int]:
    """PAGE laid out by Chromium WIDTH pixels wide: how many Summary of findings cells overlap
    another, how many cells overflow, whether the page scrolls sideways, and how many forest
    plots do not name their sides (boxes, not pixels). The report forbids scripts, so a copy
    without that rule carries the measuring one."""
    html = page.read_text(encoding="utf-8")
    measured = page.with_name(f"measured-{width}.html")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', html).group()
    measured.write_text(html.replace(policy, "").replace("</body>", MEASURE + "</body>"), "utf-8")
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={width},2000",
            "--virtual-time-budget=10000",
            "--dump-dom",
            measured.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(page.parent)},
    )
    found = re.search(r'data-layout="(\d+) (\d+) (\d+) (\d+)"', done.stdout)
    assert found, done.stderr[-2000:]
    return [int(value) for value in found.groups()]


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here: apt-get install chromium")
def test_the_whole_catalog_lays_out_at_desktop_and_phone_widths(run, tmp_path, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    page = tmp_path / "all.html"
    assert run("report", "-o", str(page)).exit_code == 0
    for width in (1200, 390):
        assert layout(page, width) == [0, 0, 0, 0], width
    # the measure can fail: a table wider than the window, and cells drawn over each other
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="x">'
        "<style>td{width:900px;display:inline-block;margin-right:-850px}</style></head><body>"
        '<table class="sof"><tr><td>a</td><td>b</td></tr></table></body></html>'
    )
    overlaps, _, wide, _ = layout(broken, 390)
    assert overlaps >= 1 and wide == 1


def test_a_goal_without_a_certainty_says_none_as_show_does(run, tmp_path):
    """N19: one word for no certainty, in show and in the report."""
    goals = run.json("goals", "--json")
    without = [g["id"] for g in goals if g["certainty"] is None]
    rated = [g["id"] for g in goals if g["certainty"] is not None]
    assert without and rated
    page = report(run, tmp_path, without[0])
    assert "<span>Certainty: none</span>" in page
    assert "Certainty, that of its lowest critical outcome: none" in run("show", without[0]).stdout
    page = report(run, tmp_path, rated[0], name="rated.html")
    assert "<span>Certainty: none</span>" not in page


def test_a_report_of_several_compounds_folds_their_files_away(run, tmp_path, monkeypatch):
    """One claims file is named in the page's first lines; a whole catalog's, one a compound,
    in a list the reader opens (details)."""
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    tree = parse(report(run, tmp_path))
    [folded] = [d for d in tree.iter(f"{XHTML}details") if "meta" in d.get("class", "")]
    items = list(folded.iter(f"{XHTML}li"))
    assert len(items) == len(run.json("compounds", "--json"))
    first = next(tree.iter(f"{XHTML}p"))
    assert "SHA-256" not in "".join(first.itertext())


def test_the_title_names_up_to_three_compounds_and_counts_more(run, tmp_path, monkeypatch):
    from peptide_cli.render import report as page

    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    names = [c["name"] for c in run.json("compounds", "--json")]
    assert page.TITLED == 3 and len(names) > 3
    three = report(run, tmp_path, "--compound", "semaglutide", name="one.html")
    assert "<title>Evidence report: Semaglutide</title>" in three
    whole = report(run, tmp_path, name="all.html")
    assert f"<title>Evidence report: {len(names)} compounds</title>" in whole


def test_the_audit_table_says_none_where_json_says_null(run, monkeypatch):
    """N19: a goal with no certainty reads `none` in a table, as in show and the report; JSON
    keeps null and CSV an empty cell, for scripts."""
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    audited = run.json("audit", "--json")
    without = {g["name"] for g in audited if g["certainty"] is None}
    assert without
    table = run("audit", "--format", "table", "--fields", "name,certainty", env={"COLUMNS": "200"})
    rows = [line.split() for line in table.stdout.splitlines()[2:] if line.strip()]
    nones = [" ".join(row[:-1]) for row in rows if row[-1] == "none"]
    assert set(nones) == without
    csv_rows = run("audit", "--format", "csv", "--fields", "name,certainty").stdout.splitlines()
    assert sum(1 for line in csv_rows[1:] if line.endswith(",")) == len(without)
