"""The fixed words of a claims file and of the command line, in one light module.

Both the models and the command line use them; this module imports nothing, so the command
line can name the choices of an option without loading the models.
"""

from typing import Literal

Design = Literal[
    "meta-analysis",
    "rct",
    "crossover-rct",
    "observational",
    "before-after",
    "case-series",
    "animal",
    "cost-effectiveness",
    "review",
    # the body's own peptide measured (a level in blood), not the peptide taken: never a tier's
    "endogenous-level",
]
Species = Literal["human", "rat", "mouse", "animal"]
EffectType = Literal[
    "mean-difference",
    "smd",
    "log-odds-ratio",
    "odds-ratio",
    "risk-ratio",
    "hazard-ratio",
    "percent-change",
    "percentage-points",
    "mann-whitney",
    "nnt",
    "responder-rate",
    "before-after",
    "probability",
    "effect-size",
    "qualitative",
]
Format = Literal["table", "plain", "json", "jsonl", "csv", "csv-raw", "tsv", "yaml", "markdown"]
ViewFormat = Literal["text", "markdown", "json"]
CiteFormat = Literal["text", "bibtex", "ris", "csl-json", "json"]
CacheAction = Literal["info", "clear"]
TierBasis = Literal["computed", "stated"]  # which tier `filter --by` selects on

NO_EFFECT = {
    "mean-difference": 0.0,
    "smd": 0.0,
    "log-odds-ratio": 0.0,
    "percentage-points": 0.0,
    "mann-whitney": 0.5,
    "odds-ratio": 1.0,
    "risk-ratio": 1.0,
    "hazard-ratio": 1.0,
}
"""Where an effect of each type means no difference: 0 for differences, 0.5 for a Mann-Whitney
effect, 1 for ratios."""

RATIOS = frozenset({"odds-ratio", "risk-ratio", "hazard-ratio"})


# The ASCII spelling of characters an ASCII terminal cannot show (TNF-α as TNF-a): the output
# writes them so, and search finds either spelling (see `fold`).
FALLBACKS = {
    # One character for one where ASCII has a usual spelling, so table columns stay aligned.
    "α": "a",
    "β": "b",
    "γ": "g",
    "κ": "k",
    "µ": "u",
    "·": "-",
    "•": "*",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "×": "x",
    "±": "+/-",
    "→": "->",
    "…": "...",
    "≤": "<=",
    "≥": ">=",
}
_FOLDED = str.maketrans({char: spelling for char, spelling in FALLBACKS.items()})


def fold(text: str) -> str:
    """TEXT as search compares it: case folded, each character of FALLBACKS in its ASCII
    spelling, and accents dropped (Hömberg as homberg); other characters kept as they are."""
    spelled = text.translate(_FOLDED)
    if spelled.isascii():
        return spelled.casefold()
    import unicodedata

    bare = unicodedata.normalize("NFKD", spelled)
    return "".join(char for char in bare if not unicodedata.combining(char)).casefold()
