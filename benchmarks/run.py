"""Benchmark peptide-cli: warm and cold start-up against like-for-like floors, and large catalogs.

    python benchmarks/run.py              # everything up to 100,000 studies: about 15 minutes
    python benchmarks/run.py --quick      # fewer runs, up to 10,000 studies
    python benchmarks/run.py --million    # also 1,000,000 studies (about 2 GiB of memory)
    python benchmarks/run.py --only scale --million --million-runs 3   # medians at 1,000,000 too

Run it with the Python of an environment where peptide-cli is installed from its wheel (an
editable install has no prebuilt catalog, so its first run is a cold one). It prints Markdown
tables. Every timing is the CPU time (user + system) of a separate process, which varies far
less than its wall clock on a shared machine; a command and its yardstick run in turn
(A B A B ...) and the ratio is of their medians, so drift of the machine hits both alike.

The floors are like-for-like: `python -c "import typer, os; os._exit(0)"` is what every command
cannot avoid (the interpreter, Typer, and leaving without the interpreter's teardown, as the
tool does); for tables, the same Typer import and a small Rich table printed. The targets are
the speed budget of docs/performance.md. Nothing here asserts: the tests hold the behaviour,
never its timings.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import catalog  # the generator beside this file

PYTHON = sys.executable
CLI = shutil.which("peptide-cli", path=str(Path(PYTHON).parent)) or "peptide-cli"
JQ = shutil.which("jq")

FLOOR = [PYTHON, "-c", "import typer, os; os._exit(0)"]
FLOOR_TABLE = [
    PYTHON,
    "-c",
    "import typer, os; from rich.console import Console; from rich.table import Table; "
    "t = Table('goal', 'tier'); t.add_row('Stroke', '3'); Console().print(t); os._exit(0)",
]
WARM_LIMIT = 1.5  # a warm run, against its floor
FIRST_LIMIT = 1.3  # the first run after install, against a warm run
EDIT_LIMIT = 2.0  # a run after an edit of a user's claims file, against a warm run
SCALE_LIMIT = 1.15  # 1,000,000 studies, against 10 times the time at 100,000
MEMORY_LIMIT = 2.0  # peak memory at 100,000 studies, against the claims files' size
QUESTION = ".[] | select(.tier >= 3) | .name"  # the README's jq example

WARM = [
    # (command, floor, the ratio it must stay within)
    (["goals", "--json"], FLOOR, WARM_LIMIT),
    (["filter", "--min-tier", "3", "--json"], FLOOR, WARM_LIMIT),
    (["show", "stroke", "--json"], FLOOR, WARM_LIMIT),
    (["goals", "--format", "table"], FLOOR_TABLE, WARM_LIMIT),
    (["show", "stroke"], FLOOR_TABLE, WARM_LIMIT),
    (["--version"], FLOOR, WARM_LIMIT),
    (["--help"], FLOOR, WARM_LIMIT),
]
SCALE = [
    ["validate"],
    ["goals", "--json"],
    ["filter", "--min-tier", "2", "--json"],
    ["search", "synthetic study 9", "--json"],
    ["studies", "--format", "jsonl"],
]


class Run:
    """One finished process: its wall time, time to its first line of output, peak memory."""

    def __init__(self, command: list[str], env: dict[str, str], *, first_line: bool = False):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, bufsize=0
        )
        assert process.stdout is not None
        self.first = None
        if first_line:
            process.stdout.readline()
            self.first = time.perf_counter() - start
        while process.stdout.read(1 << 20):
            pass
        _, status, usage = os.wait4(process.pid, 0)
        self.wall = time.perf_counter() - start
        # CPU time (user + system) of the process and the children it waited for: what the
        # budget compares, as it varies far less than the wall clock on a shared machine
        self.seconds = usage.ru_utime + usage.ru_stime
        self.peak = usage.ru_maxrss * 1024  # bytes
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            error = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"{' '.join(command)} failed ({code}): {error}")


def paired(
    ours: list[str], theirs: list[str], runs: int, env: dict[str, str]
) -> tuple[float, float, int]:
    """Medians of OURS and THEIRS run in turn RUNS times, and OURS' largest peak memory."""
    a, b, peaks = [], [], []
    for _ in range(runs):
        done = Run(ours, env)
        a.append(done.seconds)
        peaks.append(done.peak)
        b.append(Run(theirs, env).seconds)
    return statistics.median(a), statistics.median(b), max(peaks)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def mib(size: float) -> str:
    return f"{size / 2**20:.0f} MiB"


def met(ratio: float, limit: float) -> str:
    return "yes" if ratio <= limit else "**no**"


def warm(runs: int, env: dict[str, str]) -> list[list[str]]:
    rows = []
    for arguments, floor, limit in WARM:
        command = [CLI, *arguments]
        Run(command, env)  # warm the cache and the bytecode
        ours, theirs, peak = paired(command, floor, runs, env)
        rows.append(
            [
                f"`peptide-cli {' '.join(arguments)}`",
                "`import typer`" if floor is FLOOR else "`import typer`, a Rich table printed",
                ms(ours),
                ms(theirs),
                f"{ours / theirs:.2f}",
                f"{limit:.2f}",
                met(ours / theirs, limit),
                mib(peak),
            ]
        )
    return rows


def cold(runs: int, folder: Path, env: dict[str, str]) -> list[list[str]]:
    """A first run after install (an empty cache folder), and a run after an edit of a user's
    claims file, each against a warm run of the same command."""
    from peptide_cli.catalog import loading, prebuilt

    rows = []
    command = [CLI, "goals", "--json"]
    empty = folder / "empty-cache"
    first_env = {**env, "PEPTIDE_CLI_CACHE_DIR": str(empty)}

    Run(command, env)  # warm
    firsts, warms, peaks = [], [], []
    for _ in range(runs):
        shutil.rmtree(empty, ignore_errors=True)  # as just installed: nothing cached
        done = Run(command, first_env)
        firsts.append(done.seconds)
        peaks.append(done.peak)
        warms.append(Run(command, env).seconds)
    first, warm_time, peak = statistics.median(firsts), statistics.median(warms), max(peaks)
    shipped = (loading.bundled_path() / prebuilt.PREBUILT).exists()
    rows.append(
        [
            "first run after install: `goals --json`, empty cache"
            + ("" if shipped else " (no prebuilt catalog: an editable install?)"),
            ms(first),
            ms(warm_time),
            f"{first / warm_time:.2f}",
            f"{FIRST_LIMIT:.2f}",
            met(first / warm_time, FIRST_LIMIT),
            mib(peak),
        ]
    )

    user = folder / "user-claims"
    shutil.copytree(loading.bundled_path(), user, ignore=shutil.ignore_patterns("*.prebuilt"))
    edited = user / "compound-bpc-157.yaml"
    original = edited.read_bytes()
    count = iter(range(10**9))

    def edit() -> None:  # a new comment: new bytes, so the cache misses this catalog
        edited.write_bytes(original + f"# edit {next(count)}\n".encode())

    command = [CLI, "--data", str(user), "goals", "--json"]
    Run(command, env)  # the validator is cached by a first cold run, as after any first use
    cold_times, peaks = [], []
    warm_times = []
    for _ in range(runs):
        edit()
        done = Run(command, env)
        cold_times.append(done.seconds)
        peaks.append(done.peak)
        warm_times.append(Run(command, env).seconds)
    ours, theirs = statistics.median(cold_times), statistics.median(warm_times)
    rows.append(
        [
            "after an edit of a user's claims file: `--data DIR goals --json`",
            ms(ours),
            ms(theirs),
            f"{ours / theirs:.2f}",
            f"{EDIT_LIMIT:.2f}",
            met(ours / theirs, EDIT_LIMIT),
            mib(max(peaks)),
        ]
    )
    edited.write_bytes(original)
    return rows


def jq(runs: int, folder: Path, env: dict[str, str]) -> list[list[str]]:
    """The README's question asked of the tool and of jq over the tool's saved answer."""
    if JQ is None:
        return [["jq is not installed", "", "", "", ""]]
    saved = folder / "goals.json"
    saved.write_bytes(subprocess.run([CLI, "goals", "--json"], capture_output=True).stdout)
    script = f"{CLI} goals --json | {JQ} '{QUESTION}' > /dev/null"
    ours, theirs, _ = paired(
        ["sh", "-c", script], ["sh", "-c", f"{JQ} '{QUESTION}' {saved} > /dev/null"], runs, env
    )
    return [
        [
            f"`peptide-cli goals --json | jq '{QUESTION}'`",
            f"`jq '{QUESTION}' goals.json`",
            ms(ours),
            ms(theirs),
            f"{ours / theirs:.2f}",
        ]
    ]


def scale(
    sizes: list[int], runs: int, folder: Path, env: dict[str, str], million_runs: int = 1
) -> list[list[str]]:
    rows = []
    times: dict[tuple[str, int], float] = {}
    for size in sizes:
        data = folder / f"catalog-{size}"
        if not data.exists():
            catalog.write(data, size)
        size_bytes = sum(p.stat().st_size for p in data.iterdir())
        cache = folder / f"cache-{size}"
        shutil.rmtree(cache, ignore_errors=True)
        own = {**env, "PEPTIDE_CLI_CACHE_DIR": str(cache)}
        first = Run([CLI, "--data", str(data), "validate"], own)  # fills the cache: cold
        rows.append(row("validate", "cold", size, size_bytes, [first], times))
        os.sync()  # the new entry on disk, so that writing it back does not slow the warm runs
        Run([CLI, "--data", str(data), "validate"], own)  # untimed, as before the warm start-ups
        for arguments in SCALE:
            command = [CLI, "--data", str(data), *arguments]
            streaming = arguments[0] == "studies"
            count = runs if size <= 100_000 else million_runs
            done = [Run(command, own, first_line=streaming) for _ in range(count)]
            rows.append(row(" ".join(arguments), "warm", size, size_bytes, done, times))
        # a curator's edit: one file changed (10,000 studies a file), the others as cached
        edited = sorted(data.glob("*.yaml"))[0]
        original = edited.read_bytes()
        edited.write_bytes(original + b"# an edit\n")
        try:
            done = [Run([CLI, "--data", str(data), "validate"], own)]
        finally:
            edited.write_bytes(original)
        rows.append(row("validate", "one file edited", size, size_bytes, done, times))
        shutil.rmtree(cache, ignore_errors=True)
    return rows


def row(
    name: str,
    kind: str,
    size: int,
    size_bytes: int,
    done: list[Run],
    times: dict[tuple[str, int], float],
) -> list[str]:
    seconds = statistics.median(run.seconds for run in done)
    key = (f"{name} {kind}", size)
    times[key] = seconds
    previous = times.get((key[0], size // 10))
    firsts = [run.first for run in done if run.first is not None]
    first = statistics.median(firsts) if firsts else None
    peak = max(run.peak for run in done)
    growth = seconds / previous if previous else None
    return [
        f"`{name}`",
        kind,
        f"{size:,}",
        f"{size_bytes / 2**20:.1f} MiB",
        str(len(done)),
        f"{seconds:.2f} s",
        f"{growth:.1f}" if growth else "",
        # the budget: 1,000,000 studies within SCALE_LIMIT of 10 times the time at 100,000
        met(growth, 10 * SCALE_LIMIT) if growth and size == 1_000_000 else "",
        f"{first:.2f} s ({first / seconds:.0%})" if first is not None else "",
        mib(peak),
        f"{peak / size_bytes:.1f}",
        # and warm runs at 100,000 studies within MEMORY_LIMIT times the files' size
        met(peak / size_bytes, MEMORY_LIMIT) if size == 100_000 and kind == "warm" else "",
    ]


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; a `|` inside a cell (a jq program) is escaped."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return "\n".join([line(headers), "|" + "---|" * len(headers), *map(line, rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller catalogs")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 studies")
    parser.add_argument("--runs", type=int, default=None, help="runs of each start-up command")
    parser.add_argument("--keep", type=Path, help="a folder to keep generated catalogs in")
    parser.add_argument(
        "--million-runs",
        type=int,
        default=1,
        help="warm runs of each command at 1,000,000 studies (the median is shown)",
    )
    parser.add_argument(
        "--only", choices=["warm", "cold", "jq", "scale"], help="run one part of the benchmark"
    )
    options = parser.parse_args()
    runs = options.runs or (7 if options.quick else 21)
    sizes = [1_000, 10_000] if options.quick else [1_000, 10_000, 100_000]
    if options.million:
        sizes.append(1_000_000)

    with tempfile.TemporaryDirectory(prefix="peptide-cli-bench-") as temporary:
        folder = Path(temporary)
        catalogs = options.keep or folder
        env = {**os.environ, "PEPTIDE_CLI_CACHE_DIR": str(folder / "cache"), "COLUMNS": "100"}
        env.pop("PEPTIDE_CLI_DATA", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as users run it: with cached bytecode
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        print(
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {memory:.0f} GiB, "
            f"Linux {platform.release()}; Python {platform.python_version()}; "
            f"{time.strftime('%Y-%m-%d', time.gmtime())}\n"
        )
        if options.only in (None, "warm"):
            print(f"Warm runs against their floors (medians of {runs} interleaved runs):\n")
            headers = ["command", "floor", "command", "floor", "ratio", "target", "met", "peak"]
            print(table(headers, warm(runs, env)))
        if options.only in (None, "cold"):
            print(f"\nCold runs against warm ones (medians of {runs} interleaved runs):\n")
            headers = ["case", "cold", "warm", "ratio", "target", "met", "peak"]
            print(table(headers, cold(runs, folder, env)))
        if options.only in (None, "jq"):
            print(f"\nThe same question, of the tool and of jq (medians of {runs} runs):\n")
            headers = ["the tool", "jq over its saved answer", "tool", "jq", "ratio"]
            print(table(headers, jq(runs, folder, env)))
        if options.only in (None, "scale"):
            print(
                "\nLarge catalogs: the first run (cold: read, checked and cached), then warm "
                "runs from the cache, then `validate` after an edit of one file. `first line` is "
                "when `studies` wrote its first record:\n"
            )
            headers = [
                "command",
                "run",
                "studies",
                "files",
                "runs",
                "time",
                "x 10 times fewer",
                f"within {10 * SCALE_LIMIT:.1f}",
                "first line",
                "peak",
                "peak / size",
                f"within {MEMORY_LIMIT:.1f}",
            ]
            runs_each = 3 if options.quick else 5
            rows = scale(sizes, runs_each, catalogs, env, options.million_runs)
            print(table(headers, rows))


if __name__ == "__main__":
    main()
