"""Benchmark peptide-cli: start-up against the import floor, and large catalogs.

    python benchmarks/run.py            # everything: about five minutes on a small machine
    python benchmarks/run.py --quick    # fewer runs and no 100,000-study catalog

Run it with the Python of an environment where peptide-cli is installed. It prints Markdown
tables: medians over interleaved runs of each command and its floor, the ratio to the floor,
peak memory, and how time grows with the size of a catalog. Every timing is a wall-clock median
of separate processes; each command runs with a cache folder of the benchmark's own, warmed by
one run first, except where a table says --no-cache.
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

FLOOR_JSON = [PYTHON, "-c", "import typer, pydantic, yaml"]
FLOOR_TABLE = [PYTHON, "-c", "import typer, pydantic, yaml, rich.console, rich.table"]
FLOOR_TYPER = [PYTHON, "-c", "import typer"]

STARTUP = [
    # (command, floor, the ratio it must stay within)
    (["goals", "--json"], FLOOR_JSON, 1.10),
    (["filter", "--min-tier", "3", "--json"], FLOOR_JSON, 1.10),
    (["show", "stroke", "--json"], FLOOR_JSON, 1.10),
    (["goals", "--format", "table"], FLOOR_TABLE, 1.10),
    (["show", "stroke"], FLOOR_TABLE, 1.10),
    (["--version"], FLOOR_TYPER, 1.05),
    (["--help"], FLOOR_TYPER, 1.05),
]
SCALE = [
    ["validate"],
    ["goals", "--json"],
    ["filter", "--min-tier", "2", "--json"],
    ["search", "synthetic study 9", "--json"],
]


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall-clock seconds and peak memory (KiB) of one run of COMMAND."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read() if process.stderr else b""
    if process.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {error.decode()}")
    return elapsed, usage.ru_maxrss


def startup(runs: int, env: dict[str, str]) -> list[list[str]]:
    rows = []
    for arguments, floor, limit in STARTUP:
        command = [CLI, *arguments]
        run(command, env)  # warm the cache and the bytecode
        ours, theirs, memory = [], [], []
        for _ in range(runs):  # interleaved, so that drift hits both alike
            seconds, peak = run(command, env)
            ours.append(seconds)
            memory.append(peak)
            theirs.append(run(floor, env)[0])
        ratio = statistics.median(ours) / statistics.median(theirs)
        rows.append(
            [
                f"`peptide-cli {' '.join(arguments)}`",
                f"`{floor[-1]}`",
                f"{statistics.median(ours) * 1000:.0f} ms",
                f"{statistics.median(theirs) * 1000:.0f} ms",
                f"{ratio:.2f}",
                f"{limit:.2f}",
                "yes" if ratio <= limit else "**no**",
                f"{max(memory) / 1024:.0f} MiB",
            ]
        )
    return rows


def scale(sizes: list[int], runs: int, folder: Path, env: dict[str, str]) -> list[list[str]]:
    rows = []
    for arguments in SCALE:
        seconds_by_size = {}
        for size in sizes:
            data = catalog.write(folder / f"catalog-{size}", size)
            megabytes = sum(p.stat().st_size for p in data.iterdir()) / 2**20
            command = [CLI, "--no-cache", "--data", str(data), *arguments]
            times, memory = [], []
            for _ in range(runs if size < 100_000 else max(1, runs // 3)):
                seconds, peak = run(command, env)
                times.append(seconds)
                memory.append(peak)
            seconds_by_size[size] = statistics.median(times)
            growth = ""
            if size // 10 in seconds_by_size:
                growth = f"{seconds_by_size[size] / seconds_by_size[size // 10]:.1f}"
            rows.append(
                [
                    f"`{' '.join(arguments)}`",
                    f"{size:,}",
                    f"{megabytes:.1f} MiB",
                    f"{statistics.median(times):.2f} s",
                    growth,
                    f"{max(memory) / 1024:.0f} MiB",
                    f"{max(memory) / 1024 / megabytes:.1f}",
                ]
            )
    return rows


def cached(size: int, folder: Path, env: dict[str, str]) -> list[list[str]]:
    data = catalog.write(folder / f"catalog-{size}", size)
    rows = []
    for arguments in (["validate"], ["goals", "--json"]):
        cache = folder / f"cache-{arguments[0]}"
        shutil.rmtree(cache, ignore_errors=True)
        own = {**env, "PEPTIDE_CLI_CACHE_DIR": str(cache)}
        command = [CLI, "--data", str(data), *arguments]
        first, first_memory = run(command, own)
        second, second_memory = run(command, own)
        rows.append(
            [
                f"`{' '.join(arguments)}`",
                f"{size:,}",
                f"{first:.2f} s",
                f"{second:.2f} s",
                f"{second / first:.2f}",
                f"{max(first_memory, second_memory) / 1024:.0f} MiB",
            ]
        )
    return rows


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller catalogs")
    parser.add_argument("--runs", type=int, default=None, help="runs of each start-up command")
    parser.add_argument(
        "--only", choices=["startup", "scale", "cache"], help="run one part of the benchmark"
    )
    options = parser.parse_args()
    runs = options.runs or (7 if options.quick else 21)
    sizes = [1_000, 10_000] if options.quick else [1_000, 10_000, 100_000]

    with tempfile.TemporaryDirectory(prefix="peptide-cli-bench-") as temporary:
        folder = Path(temporary)
        env = {
            **os.environ,
            "PEPTIDE_CLI_CACHE_DIR": str(folder / "cache"),
            "COLUMNS": "100",
        }
        env.pop("PEPTIDE_CLI_DATA", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as users run it: with cached bytecode
        print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Linux {platform.release()}")
        print(f"Python {platform.python_version()}; median of {runs} interleaved runs\n")
        if options.only in (None, "startup"):
            print("Start-up, against the cost of importing the stack alone:\n")
            headers = ["command", "floor", "command", "floor", "ratio", "target", "met", "peak"]
            print(table(headers, startup(runs, env)))
        if options.only in (None, "scale"):
            print("\nLarge catalogs, read and checked afresh (`--no-cache`):\n")
            headers = ["command", "studies", "files", "time", "x previous", "peak", "peak / size"]
            print(table(headers, scale(sizes, 3 if options.quick else 5, folder, env)))
        if options.only in (None, "cache"):
            print("\nThe cache: a first run over a new catalog, then a second one:\n")
            headers = ["command", "studies", "first", "second", "second / first", "peak"]
            print(table(headers, cached(sizes[-1], folder, env)))


if __name__ == "__main__":
    main()
