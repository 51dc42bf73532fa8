"""The root command group: imports and builds a subcommand only when it is run.

Typer would build every command (reading each signature) on every start; `peptide-cli
--version` or `goals` needs none of the others. So each command lives in a module of its own,
which a subclass of `LazyGroup` names (`modules`); the group imports a command's module only
when that command is run or described, the module's `command` decorator keeps it aside as a
Typer app of that one command (COMMANDS), and `LazyGroup.get_command` builds the one asked for
with `typer.main.get_command`, Typer's public way to make a click command of an app. Typer's
own `TyperGroup` is the documented base for a custom group.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from typer.core import TyperCommand, TyperGroup

from peptide_cli.cli import exits
from peptide_cli.render.stream import safe_streams

if TYPE_CHECKING:
    from collections.abc import Sequence


class Registered:
    """A command of the app as its module registers it: its function, and a Typer app of that
    one command, from which the click command is built when it is needed."""

    __slots__ = ("app", "callback")

    def __init__(self, name: str, callback: Callable[..., Any]) -> None:
        import typer

        self.callback = callback
        self.app = typer.Typer(
            add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False
        )
        self.app.command(name=name, cls=OnceCommand)(callback)


class OnceCommand(TyperCommand):
    """A command whose options that take a value may each be given once: click keeps the last
    of `--fields id --fields tier` without a word, which hides a mistake."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        named = {
            opt: param
            for param in self.params
            if param.param_type_name == "option"
            and not param.multiple
            and not getattr(param, "is_flag", False)
            for opt in param.opts
        }
        given: dict[str, int] = {}
        for arg in args:
            if arg == "--":
                break
            param = named.get(arg.split("=", 1)[0])
            if param is not None:
                given[param.name or ""] = given.get(param.name or "", 0) + 1
                if given[param.name or ""] == 2:
                    ctx.fail(f"{max(param.opts, key=len)} is given twice: give it once")
        return super().parse_args(ctx, args)


COMMANDS: dict[str, Registered] = {}  # name -> each command of the modules imported so far


def command(name: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command of the app, to be built only when it is run (see LazyGroup)."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        chosen = name or function.__name__.replace("_", "-")
        COMMANDS[chosen] = Registered(chosen, function)
        return function

    return register


class LazyGroup(TyperGroup):
    """The root command: lists every command of `modules`, imports and builds only the one
    that runs, and turns what it raises into an exit code (see `exits`)."""

    # each command's name -> the module that defines it, in the package of the subclass that
    # sets this (so `commands`), in the order `--help` lists them
    modules: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.modules)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.modules:
            return None
        if cmd_name not in self.commands:
            from typer.main import get_command

            self.commands[cmd_name] = get_command(self._info(cmd_name).app)
        return self.commands[cmd_name]

    def _info(self, name: str) -> Registered:
        """Command NAME as its module registers it, the module imported first if need be."""
        if name not in COMMANDS:
            from importlib import import_module

            import_module(f"{type(self).__module__}.{self.modules[name]}")
        return COMMANDS[name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As click does, with the closest command suggested for a typo (`gaols`)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in self.modules:
            from difflib import get_close_matches

            close = get_close_matches(name, list(self.modules), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands in --help, from their docstrings, without building them."""
        rows = [(name, _first_line(self._info(name).callback)) for name in self.modules]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        safe_streams(sys.stdout, sys.stderr)
        code = exits.outcome(
            lambda: super(LazyGroup, self).main(
                args, prog_name or exits.PROG, complete_var, standalone_mode=False, **extra
            )
        )
        if standalone_mode:
            sys.exit(code)
        return code


def _first_line(function: Any) -> str:
    return (function.__doc__ or "").strip().split("\n", 1)[0]
