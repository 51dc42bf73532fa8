"""Errors a user can cause, shared by every layer.

Each is one line of plain words and carries, as data, what a front-end needs to word its own
hint (the candidates, the compounds to choose from). No error names a command-line option: the
front-ends add that (see `cli/exits.py`, which also maps each error to an exit code).
"""

from __future__ import annotations

from typing import Any


class PeptideCliError(Exception):
    """Base of every error the tool reports to the user as one line."""


class NotFoundError(PeptideCliError):
    """Nothing matches what the user asked for: no goal, or no compound, of that name.

    `candidates` are the closest names, if any were close.
    """

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class AmbiguousError(NotFoundError):
    """More than one goal or compound matches what the user asked for."""


class CompoundNeeded(AmbiguousError):
    """The answer depends on which compound is meant: `compounds` are the ids to choose from."""

    def __init__(self, message: str, compounds: tuple[str, ...]) -> None:
        super().__init__(message, compounds)
        self.compounds = compounds


class UsageProblem(PeptideCliError):
    """A value that cannot be used, such as a tier that is not on the scale."""


class UnknownField(UsageProblem):
    """A field name that a kind of record does not have: `available` lists those it has.

    `purpose` says what the field was wanted for: "select" or "sort".
    """

    def __init__(self, name: str | None, available: tuple[str, ...], purpose: str) -> None:
        what = f"unknown field {name!r}" if name is not None else "no fields given"
        super().__init__(f"{what}; available: {', '.join(available)}")
        self.what, self.name, self.available, self.purpose = what, name, available, purpose


class CatalogError(PeptideCliError):
    """The claims file is missing, unreadable or invalid.

    `problems` lists what is wrong (with any warnings), in file order; the message is the first
    error. `source` is the path the catalog was asked for, when known.
    """

    def __init__(self, problems: list[Any], source: Any = None) -> None:
        self.problems = problems
        self.source = source
        errors = [problem for problem in problems if problem.severity == "error"]
        super().__init__(str(errors[0] if errors else problems[0]))

    @property
    def errors(self) -> list[Any]:
        return [problem for problem in self.problems if problem.severity == "error"]


class ServiceError(PeptideCliError):
    """A network service (`update`'s PubMed, ClinicalTrials.gov, Crossref) could not be reached,
    or did not answer as documented."""
