"""The evidence layer: the questions every front-end asks of a catalog, as a small API.

The command line, and later an HTML report and an assistant server, call these functions the
same way; each returns typed records (named tuples of catalog records) and raises the typed
errors of `peptide_cli.errors`. `queries` finds and selects, `appraisal` judges the evidence
behind a goal, `citations` finds the publications behind it.
"""

from peptide_cli.evidence.appraisal import (
    Appraisal,
    Flag,
    Profile,
    appraise,
    audit,
    not_shown,
    select_outcomes,
)
from peptide_cli.evidence.citations import for_entries, source_status, used_by
from peptide_cli.evidence.queries import (
    Entry,
    Hit,
    OutcomeRow,
    chosen_compound,
    compare,
    counts,
    each_entry,
    entries,
    filter_by_tier,
    find_compound,
    find_goal,
    goal_names,
    outcome_rows,
    search,
    the_compound,
)

__all__ = [
    "Appraisal",
    "Entry",
    "Flag",
    "Hit",
    "OutcomeRow",
    "Profile",
    "appraise",
    "audit",
    "chosen_compound",
    "compare",
    "counts",
    "each_entry",
    "entries",
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
