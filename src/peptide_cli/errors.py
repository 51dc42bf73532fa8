"""Errors a user can cause, each with the exit code the command line reports for it."""

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA = 3


class PeptideCliError(Exception):
    """Base of every error the tool reports to the user as one line."""

    exit_code = EXIT_NOT_FOUND


class NotFoundError(PeptideCliError):
    """Nothing matches what the user asked for: no goal, or no compound, of that name."""

    exit_code = EXIT_NOT_FOUND


class AmbiguousError(NotFoundError):
    """More than one goal or compound matches what the user asked for."""


class UsageProblem(PeptideCliError):
    """An option value that cannot be used, such as a tier that is not on the scale."""

    exit_code = EXIT_USAGE


class CatalogError(PeptideCliError):
    """The claims file is missing, unreadable or invalid.

    `problems` lists what is wrong (with any warnings), in file order; the message is the first
    error.
    """

    exit_code = EXIT_DATA

    def __init__(self, problems: list) -> None:
        self.problems = problems
        errors = [problem for problem in problems if problem.severity == "error"]
        super().__init__(str(errors[0] if errors else problems[0]))

    @property
    def errors(self) -> list:
        return [problem for problem in self.problems if problem.severity == "error"]
