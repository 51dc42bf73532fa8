"""The fixed words of a claims file and of the command line, in one light module.

Both the models and the command line use them; this module imports nothing, so the command
line can name the choices of an option without loading the models.
"""

from typing import Literal

Design = Literal[
    "meta-analysis",
    "rct",
    "observational",
    "case-series",
    "animal",
    "cost-effectiveness",
    "review",
]
Species = Literal["human", "rat", "mouse", "animal"]
EffectType = Literal[
    "mean-difference",
    "smd",
    "log-odds-ratio",
    "mann-whitney",
    "nnt",
    "responder-rate",
    "before-after",
    "probability",
    "effect-size",
    "qualitative",
]
Format = Literal["table", "plain", "json", "jsonl", "csv", "tsv", "yaml", "markdown"]
CiteFormat = Literal["text", "bibtex", "ris", "json"]
CacheAction = Literal["info", "clear"]
