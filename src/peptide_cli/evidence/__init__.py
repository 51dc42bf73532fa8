"""The evidence layer: the questions every front-end asks of a catalog, as a small API.

The command line, and later an HTML report and an assistant server, call these functions the
same way; each returns typed records (named tuples of catalog records) and raises the typed
errors of `peptide_cli.errors`. `queries` finds and selects, `appraisal` judges the evidence
behind a goal, `citations` finds the publications behind it.

Each name is imported from its module when it is first used, so that a command that only finds
goals by name (`queries`) does not pay for importing the appraisal and certainty rules.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the API as a type checker sees it
    from peptide_cli.evidence.appraisal import (
        Appraisal,
        Flag,
        Profile,
        appraise,
        audit,
        filter_by_tier,
        not_shown,
        select_outcomes,
    )
    from peptide_cli.evidence.check import UNJUDGED, Checked, check_claim
    from peptide_cli.evidence.citations import (
        for_entries,
        source_status,
        used_by,
    )
    from peptide_cli.evidence.queries import (
        Entry,
        Hit,
        OutcomeRow,
        chosen_compound,
        compare,
        counts,
        each_entry,
        entries,
        entries_for,
        find_compound,
        find_goal,
        goal_names,
        outcome_rows,
        search,
        the_compound,
    )

__all__ = [
    "UNJUDGED",
    "Appraisal",
    "Checked",
    "Entry",
    "Flag",
    "Hit",
    "OutcomeRow",
    "Profile",
    "appraise",
    "audit",
    "check_claim",
    "chosen_compound",
    "compare",
    "counts",
    "each_entry",
    "entries",
    "entries_for",
    "filter_by_tier",
    "find_compound",
    "find_goal",
    "for_entries",
    "goal_names",
    "not_shown",
    "outcome_rows",
    "search",
    "select_outcomes",
    "source_status",
    "the_compound",
    "used_by",
]

MODULES = ("queries", "citations", "appraisal", "check")
"""The modules the API comes from, lightest first: a name is looked for in each in turn."""


def __getattr__(name: str) -> Any:
    if name in __all__:
        from importlib import import_module

        for module in MODULES:
            value = getattr(import_module(f"{__name__}.{module}"), name, None)
            if value is not None:
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
