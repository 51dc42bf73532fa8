"""Print a pip constraints file that pins each runtime dependency of the project to the lowest
version its requirement allows: `name>=X` becomes `name==X`. With it, installing the project
gets the oldest versions pyproject.toml claims to work with, so the test suite can prove the
floors (as `uv --resolution lowest-direct` would). `--extra NAME` pins that extra's
dependencies instead (the `mcp` extra's own floors may raise the core's: mcp 2.3 needs a newer
pydantic than the core does, so it is tested on its own floor separately; see .ci/run)."""

import argparse
import re
import sys
import tomllib
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--extra", help="pin this optional extra's dependencies instead")
parser.add_argument(
    "--tools",
    action="store_true",
    help="print the test extra's requirements but those of the mcp extra, unpinned, instead",
)
chosen = parser.parse_args()
project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
extras = project["project"]["optional-dependencies"]
if chosen.tools:
    served = {re.split(r"[<>=\[ ]", requirement)[0] for requirement in extras["mcp"]}
    print("\n".join(r for r in extras["test"] if re.split(r"[<>=\[ ]", r)[0] not in served))
    sys.exit()
if chosen.extra:
    requirements = extras[chosen.extra]
else:
    requirements = project["project"]["dependencies"]
for requirement in requirements:
    found = re.match(r"^([A-Za-z0-9_.-]+)(\[[^]]*\])?\s*>=\s*([0-9][0-9A-Za-z.]*)", requirement)
    if found is None:
        sys.exit(f"no lower bound to pin in {requirement!r}: give every dependency a floor")
    print(f"{found.group(1)}=={found.group(3)}")
