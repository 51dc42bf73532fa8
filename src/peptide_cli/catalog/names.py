"""How names compare: the one normal form in which ids, names and aliases are matched."""

from __future__ import annotations

import re


def normalize(text: str) -> str:
    """Lower-case words joined by hyphens: `Alzheimer's Disease` becomes `alzheimers-disease`."""
    text = re.sub(r"['’]", "", text.casefold())
    return re.sub(r"[^0-9a-z]+", "-", text).strip("-")
