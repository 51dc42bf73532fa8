"""Errors a user can cause, each with the exit code the command line reports for it."""

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA = 3


class PeptideCliError(Exception):
    """Base of every error the tool reports to the user as one line."""

    exit_code = EXIT_NOT_FOUND


class GoalNotFoundError(PeptideCliError):
    """No goal, or more than one, matches what the user asked for."""

    exit_code = EXIT_NOT_FOUND


class UsageProblem(PeptideCliError):
    """An option value that cannot be used, such as a tier that is not on the scale."""

    exit_code = EXIT_USAGE


class CatalogError(PeptideCliError):
    """The claims file is missing, unreadable or invalid."""

    exit_code = EXIT_DATA
