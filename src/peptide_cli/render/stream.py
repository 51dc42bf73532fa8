"""The output stream, described once: is it a terminal, can it write UTF-8, how wide, in colour.

Front-ends describe their stream with `Stream.of(sys.stdout)` and pass it to every writer, so
tests can describe a terminal (or an ASCII one) without a pseudo-terminal. On a stream that
cannot encode a character (an ASCII or Latin-1 locale, say), Greek letters and signs fall back
to ASCII spellings (TNF-a, IL-1b, +/-) instead of raising UnicodeEncodeError: see
`safe_streams`.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING, Any, TextIO

from peptide_cli.vocabulary import FALLBACKS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from rich.console import Console

ERROR_HANDLER = "peptide-cli-fallback"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_ascii(char) for char in text), error.end


def _ascii(char: str) -> str:
    """CHAR in ASCII: its usual spelling, or the letter without its accent (ö as o), or `?`."""
    if char in FALLBACKS:
        return FALLBACKS[char]
    import unicodedata

    bare = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return bare or "?"


codecs.register_error(ERROR_HANDLER, _fallback)


def safe_streams(*streams: Any) -> None:
    """Give STREAMS (text streams) the ASCII fallback when their encoding is not UTF-8."""
    for stream in streams:
        if hasattr(stream, "reconfigure") and not is_utf8(stream):
            stream.reconfigure(errors=ERROR_HANDLER)


class Stream:
    """Where output goes and what it can show.

    TERMINAL: a person reads it (tables by default, indented JSON). UTF8: it can write every
    character (else JSON escapes them). WIDTH: columns, or None to let Rich find out. COLOR:
    False turns colour off whatever the terminal can do. (A plain class, not a named tuple,
    which would take a fifth of a millisecond of every start to make.)
    """

    __slots__ = ("color", "file", "terminal", "utf8", "width")

    def __init__(
        self,
        file: TextIO,
        terminal: bool = False,
        utf8: bool = True,
        width: int | None = None,
        color: bool = True,
    ) -> None:
        self.file = file
        self.terminal = terminal
        self.utf8 = utf8
        self.width = width
        self.color = color

    @classmethod
    def of(cls, file: TextIO, *, color: bool = True) -> Stream:
        """FILE as it is: a terminal or not, UTF-8 or not."""
        isatty = getattr(file, "isatty", None)
        return cls(file, bool(isatty and isatty()), is_utf8(file), None, color)

    def write(self, text: str) -> None:
        self.file.write(text)

    def console(self) -> Console:
        """A Rich console on this stream. A stream that is not a terminal lets Rich decide (it
        honours FORCE_COLOR, and NO_COLOR); with colour off there is no styling at all. Strings
        are never read as markup, emoji codes or highlighted: data is text."""
        from rich.console import Console

        options: dict[str, Any] = {} if self.color else {"color_system": None}
        return Console(
            file=self.file,
            force_terminal=True if self.terminal else None,
            width=self.width or _width(),
            markup=False,
            emoji=False,
            highlight=False,
            **options,
        )

    def show(self, renderable: Any, console: Console | None = None, *, page: bool = False) -> None:
        """Print RENDERABLE (a Rich view or table) on CONSOLE (default: a new one). Off a
        terminal, lines carry no trailing spaces. With PAGE, a view taller than the terminal
        goes through the pager ($PAGER, as `man` and `git` use it) when a person reads it at a
        terminal."""
        console = console or self.console()
        if console.is_terminal:
            command = _pager_command() if page else None
            if command and _taller(console, renderable):
                with console.pager(_pager(command), styles=console.color_system is not None):
                    console.print(renderable)
                return
            console.print(renderable)
            return
        with console.capture() as captured:
            console.print(renderable)
        text = captured.get()
        self.write("".join(line.rstrip() + "\n" for line in text.splitlines()))


def _pager_command() -> str | None:
    """The pager to run, or None: one runs only when a person is at the keyboard (stdin is a
    terminal too). PAGER names it, as for `man` and `git`; empty or `cat` turns paging off;
    unset, `less` when installed."""
    import os
    import shutil
    import sys

    if not sys.stdin.isatty():
        return None
    pager = os.environ.get("PAGER")
    if pager is None:
        return "less" if shutil.which("less") else None
    return None if pager.strip() in ("", "cat") else pager


def _pager(command: str) -> Any:
    """A Rich pager that pipes a view to COMMAND through the shell (PAGER may hold options).
    `less` gets git's options unless LESS sets others: quit when the view fits, pass colours,
    leave the screen as it was."""
    import os
    import subprocess

    from rich.pager import Pager

    class CommandPager(Pager):
        def show(self, content: str) -> None:
            environment = {"LESS": "FRX", **os.environ}
            process = subprocess.Popen(  # PAGER is a shell command by convention
                command, shell=True, stdin=subprocess.PIPE, env=environment, text=True
            )
            assert process.stdin is not None
            try:
                with process.stdin as pipe:
                    pipe.write(content)
            except BrokenPipeError:
                pass  # the reader quit the pager before the end
            while True:
                try:
                    process.wait()
                    return
                except KeyboardInterrupt:
                    continue  # the pager has the terminal; Ctrl-C is its to handle

    return CommandPager()


def _taller(console: Console, renderable: Any) -> bool:
    """Whether RENDERABLE takes more lines than CONSOLE shows at once."""
    lines = console.render_lines(renderable, console.options, pad=False)
    return len(lines) > console.height


MAX_WIDTH = 1000
"""Wider than this (from COLUMNS, say) is taken as this: nobody reads a wider line."""
MIN_WIDTH = 20
"""Narrower than this (COLUMNS=0 or 1, say) is taken as this: a narrow terminal, on which a word
still fits a line, not one so narrow that every letter takes a line of its own."""


def _width() -> int | None:
    """MAX_WIDTH when COLUMNS asks for more, MIN_WIDTH when it asks for less, else None (Rich
    finds the width itself)."""
    import os

    columns = os.environ.get("COLUMNS", "")
    if not columns.isdigit():
        return None
    return min(MAX_WIDTH, max(MIN_WIDTH, int(columns))) if int(columns) != 0 else MIN_WIDTH


def is_utf8(stream: Any) -> bool:
    """Whether STREAM writes UTF-8, and so every character the tool may write."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


class JsonText(str):
    """A value already written as the JSON a UTF-8 pipe is given (see `piped_json`), kept as
    that text: `to_json` and `json_array` write it as it is wherever that is the JSON wanted,
    and read it back (`value`) wherever anything else is."""

    __slots__ = ()

    def value(self) -> Any:
        import json

        return json.loads(self)


def value_of(item: Any) -> Any:
    """ITEM, or the value it holds if it is a JsonText."""
    return item.value() if isinstance(item, JsonText) else item


def piped_json(value: Any) -> JsonText:
    """VALUE as `to_json` writes it for a pipe that takes UTF-8."""
    import json

    from peptide_cli.render.safe import escaped

    return JsonText(escaped(json.dumps(value, separators=(",", ":"), ensure_ascii=False)))


def to_json(value: Any, stream: Stream) -> str:
    """JSON for STREAM: indented for a terminal, compact for a pipe (as gh does), which is also
    many times faster to write. Non-ASCII characters (α, ±) are escaped when the stream cannot
    encode them."""
    if isinstance(value, JsonText) and _piped_utf8(stream):
        return str(value)
    import json

    from peptide_cli.render.safe import escaped

    value = value_of(value)
    if stream.terminal:
        return escaped(json.dumps(value, indent=2, ensure_ascii=not stream.utf8))
    return escaped(json.dumps(value, separators=(",", ":"), ensure_ascii=not stream.utf8))


def json_array(items: Iterable[Any], stream: Stream) -> Iterator[str]:
    """`to_json` of a list of ITEMS, one item at a time: the same text, in pieces, each made
    as soon as its item is."""
    from peptide_cli.render.safe import escaped

    ascii_only = not stream.utf8
    empty = True
    for item in items:
        start = ("[\n  " if empty else ",\n  ") if stream.terminal else "[" if empty else ","
        empty = False
        if isinstance(item, JsonText) and _piped_utf8(stream):
            yield start + item
            continue
        import json

        value = value_of(item)
        if stream.terminal:  # as json.dumps(..., indent=2) lays out an item of a list
            text = json.dumps(value, indent=2, ensure_ascii=ascii_only).replace("\n", "\n  ")
        else:
            text = json.dumps(value, separators=(",", ":"), ensure_ascii=ascii_only)
        yield escaped(start + text)
    yield "[]" if empty else "\n]" if stream.terminal else "]"


def _piped_utf8(stream: Stream) -> bool:
    """Whether STREAM is given JSON as `piped_json` writes it."""
    return stream.utf8 and not stream.terminal
