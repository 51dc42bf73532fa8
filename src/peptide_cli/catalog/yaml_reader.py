"""Reading one YAML file safely, in one pass over PyYAML's events.

Plain data only, with `yaml.safe_load` semantics for scalars (PyYAML's own implicit resolvers
and constructors), parsed by PyYAML's C parser when present. Building the data straight from the
parser's events keeps no node tree in memory, and lets every check run in the same pass: a
duplicate key, a tag that would build an object, an alias that would expand without bound or
that contains itself, nesting deeper than MAX_DEPTH. Where each value stands (line and column)
is found again only when a problem has to be reported (`YamlDocument.problems`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

import yaml
import yaml.reader
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from peptide_cli.catalog.problems import TYPED, Location, Problem, Severity, dotted
from peptide_cli.errors import CatalogError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

MAX_DEPTH = 50
"""Collections nested deeper than this are refused (the claims schema needs about ten)."""

MAX_ALIAS_NODES = 100_000
"""How many values aliases may add, in all, by repeating anchored ones."""

MAX_ALIAS_CHARACTERS = 4 * 1024 * 1024
"""How much text (in characters) aliases may add, in all: a small file must not stand for a
huge one."""

CORE = "tag:yaml.org,2002:"
PLAIN_TAGS = frozenset(
    CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
MERGE = "<<"
SHORT_TEXT = 40  # scalars up to this long are interned: claims files repeat them a lot

Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDocument:
    """A file's name and bytes, to find where any of its values stands when that is needed."""

    file: str
    raw: bytes

    def problems(self, findings: Iterable[tuple[Location, str, bool, Severity]]) -> list[Problem]:
        """Problems for FINDINGS: (location, message, at the key?, severity) each."""
        findings = list(findings)
        texts: dict[Location, str] = {}
        wanted = {location for location, *_ in findings}
        marks = _locate(self.raw.decode("utf-8-sig"), wanted, texts)
        problems = []
        for location, message, at_key, severity in findings:
            value, key = _nearest(marks, location)
            mark = key if at_key and key is not None else value
            if TYPED in message:  # the value as the file writes it, not as YAML read it
                written = texts.get(location)
                message = message.replace(TYPED, repr(written) if written is not None else "it")
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
            path = dotted(location)
            problems.append(Problem(self.file, message, path, line, column, severity))
        return problems


def parse(raw: bytes, file: str) -> tuple[Any, YamlDocument]:
    """The YAML document in RAW, the bytes of FILE, as plain data. Raises CatalogError."""
    text = _decode(raw, file)
    builder = _Builder(file)
    loader = Parser(text)
    try:
        builder.build(_events(loader))
    except yaml.MarkedYAMLError as error:
        raise CatalogError([_yaml_problem(file, error)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow in a file
        raise CatalogError([_reader_problem(file, text, error)]) from None
    except yaml.YAMLError as error:
        raise CatalogError([Problem(file, f"invalid YAML: {error}")]) from None
    except _Stop:
        pass
    finally:
        loader.dispose()
    if builder.problems:
        raise CatalogError(builder.problems)
    if builder.empty:
        raise CatalogError([Problem(file, "is empty: it holds no YAML document")])
    return builder.root, YamlDocument(file, raw)


def _events(loader: Any) -> Iterator[Any]:
    """LOADER's events, in order: one call to the parser each (it gives None at the end)."""
    return iter(loader.get_event, None)


def _decode(raw: bytes, file: str) -> str:
    def fail(message: str, line: int | None = None, column: int | None = None) -> CatalogError:
        return CatalogError([Problem(file, message, line=line, column=column)])

    if not raw.strip():
        raise fail("is empty: it holds no YAML document")
    if b"\x00" in raw:
        raise fail("is a binary file, not YAML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise fail(f"is not UTF-8 text (byte 0x{raw[error.start]:02x})", line, column) from None


def _reader_problem(file: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    at = min(max(error.position, 0), len(text))
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    character = error.character if isinstance(error.character, int) else 0
    message = (
        f"invalid YAML: the control character U+{character:04X} is not allowed in a claims "
        "file (write it escaped in a double-quoted string)"
    )
    return Problem(file, message, line=line, column=column)


def _yaml_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = f"invalid YAML: {error.problem or error}"
    if mark is None:
        return Problem(file, message)
    return Problem(file, message, line=mark.line + 1, column=mark.column + 1)


class _Stop(Exception):
    """Ends the build once a problem makes going on pointless or unsafe."""


class _Frame:
    """A mapping or sequence being built: its value, path, size so far and pending key."""

    __slots__ = ("anchor", "characters", "key", "key_event", "keys", "path", "size", "value")

    def __init__(self, value: Any, path: Location, anchor: str | None) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.size = 1
        self.characters = 0
        self.key: Any = None
        self.key_event: events.ScalarEvent | None = None
        self.keys: dict[Any, int] = {}  # key -> line it was first given on


class _Builder:
    """Plain data from a stream of events, with every check the reader makes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        # name -> (value, values in it or None while it is open, characters in it)
        self.anchors: dict[str, tuple[Any, int | None, int]] = {}
        self.alias_values = 0
        self.alias_characters = 0
        self.documents = 0
        self.root: Any = None
        self.empty = True
        self.scalars: dict[str, Any] = {}  # plain scalar text -> its value (all immutable)
        self.constructor = SafeConstructor()

    def build(self, stream: Iterator[Any]) -> None:
        for event in stream:
            kind = type(event)
            if kind is events.ScalarEvent:
                value = self._scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, len(event.value))
                self._add(value, event, 1, len(event.value))
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                self._check_tag(event, self._path())
                path = self._path()
                opened: Any = {} if kind is events.MappingStartEvent else []
                if len(self.stack) >= MAX_DEPTH:
                    self._stop(event, path, f"nested more than {MAX_DEPTH} levels deep")
                frame = _Frame(opened, path, event.anchor)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (opened, None, 0)
                self.stack.append(frame)
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                frame = self.stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.value, frame.size, frame.characters)
                self._add(frame.value, event, frame.size, frame.characters)
            elif kind is events.AliasEvent:
                self._alias(event)
            elif kind is events.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    message = "invalid YAML: expected a single document, found another"
                    self._stop(event, (), message)

    def _path(self) -> Location:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return (*frame.path, len(frame.value))
        return frame.path if frame.key_event is None else (*frame.path, frame.key)

    def _scalar(self, event: events.ScalarEvent) -> Any:
        tag, text = event.tag, event.value
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return sys.intern(text) if len(text) <= SHORT_TEXT else text
            known = self.scalars.get(text, self)
            if known is not self:
                return known
            value, read = self._construct(_implicit_tag(text), text, event)
            if isinstance(value, str) and len(value) <= SHORT_TEXT:
                value = sys.intern(value)
            if read:
                self.scalars[text] = value
            return value
        if not self._check_tag(event, self._path()):
            return text
        return self._construct(tag, text, event)[0]

    def _construct(self, tag: str, text: str, event: Any) -> tuple[Any, bool]:
        """The value TEXT stands for as TAG, and whether it could be read: a text that TAG
        cannot read is reported where it stands (and kept as text, so checking goes on)."""
        method = self.constructor.yaml_constructors.get(tag)
        if tag == CORE + "str" or method is None:  # `=` and `<<` as values are text
            return text, True
        try:
            return method(self.constructor, ScalarNode(tag, text)), True
        except Exception as error:  # PyYAML raises many kinds for text a tag cannot read
            self._report(event, self._path(), _unreadable(tag, text, error))
            return text, False

    def _check_tag(self, event: Any, path: Location) -> bool:
        tag = event.tag
        if tag is None or tag == "!" or tag in PLAIN_TAGS:
            return True
        shown = "!!" + tag.removeprefix(CORE) if tag.startswith(CORE) else tag
        self._report(event, path, f"tag {shown} is not allowed: only plain data is")
        return False

    def _alias(self, event: Any) -> None:
        path = self._path()
        found = self.anchors.get(event.anchor)
        if found is None:
            self._stop(event, path, f"alias *{event.anchor} refers to no anchor")
        value, size, characters = found
        if size is None:
            self._stop(event, path, "an alias refers to a value that contains it")
        self.alias_values += size
        self.alias_characters += characters
        if self.alias_characters > MAX_ALIAS_CHARACTERS:
            self._stop(
                event,
                path,
                f"aliases expand to more than {MAX_ALIAS_CHARACTERS // 2**20} MiB of text; "
                "write the data out instead",
            )
        if self.alias_values > MAX_ALIAS_NODES:
            self._stop(
                event,
                path,
                f"aliases expand to more than {MAX_ALIAS_NODES:,} values; "
                "write the data out instead",
            )
        self._add(value, event, size, characters)

    def _add(self, value: Any, event: Any, size: int, characters: int) -> None:
        """Put VALUE (SIZE values and CHARACTERS of text in all) where the open collection
        expects its next item."""
        if not self.stack:
            self.root, self.empty = value, False
            return
        frame = self.stack[-1]
        frame.size += size
        frame.characters += characters
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        if frame.key_event is None:
            self._key(frame, value, event)
            return
        key, key_event = frame.key, frame.key_event
        frame.key, frame.key_event = None, None
        if key == MERGE and key_event.implicit[0]:
            self._merge(frame, value, key_event)
        else:
            frame.value[key] = value

    def _key(self, frame: _Frame, key: Any, event: Any) -> None:
        if isinstance(key, dict | list):
            self._report(event, frame.path, "a mapping key must be plain text or a number")
            key = repr(key)
        elif key in frame.keys and key != MERGE:
            first = frame.keys[key]
            message = f"duplicate key {key!r} (first given on line {first})"
            self._report(event, (*frame.path, key), message)
        frame.keys.setdefault(key, event.start_mark.line + 1)
        frame.key, frame.key_event = key, event

    def _merge(self, frame: _Frame, value: Any, event: Any) -> None:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                self._report(event, frame.path, "a merge key (<<) needs a mapping to merge")
                return
            for key, item in source.items():
                frame.value.setdefault(key, item)

    def _report(self, event: Any, path: Location, message: str) -> None:
        mark = event.start_mark
        self.problems.append(
            Problem(self.file, message, dotted(path), mark.line + 1, mark.column + 1)
        )

    def _stop(self, event: Any, path: Location, message: str) -> NoReturn:
        self._report(event, path, message)
        raise _Stop


def _unreadable(tag: str, text: str, error: Exception) -> str:
    shown = "!!" + tag.removeprefix(CORE)
    if "digits" in str(error) and "limit" in str(error):
        return f"a number of {len(text.strip().lstrip('+-'))} digits is longer than allowed"
    quoted = repr(text if len(text) <= SHORT_TEXT else text[:SHORT_TEXT] + "…")
    return f"{quoted} cannot be read as {shown}"


def _implicit_tag(text: str) -> str:
    """The tag PyYAML's safe loader gives a plain scalar: int, float, bool, null, ... or str."""
    resolvers = Resolver.yaml_implicit_resolvers
    candidates = resolvers.get(text[0] if text else "", []) + resolvers.get(None, [])
    for tag, pattern in candidates:
        if pattern.match(text):
            return tag
    return CORE + "str"


def _locate(
    text: str, wanted: set[Location], texts: dict[Location, str] | None = None
) -> dict[Location, tuple[Any, Any]]:
    """Where each path on the way to a WANTED location stands: (value mark, key mark); and, in
    TEXTS, each WANTED scalar's text as the file writes it (`yes`, where YAML reads true)."""
    prefixes = {location[:length] for location in wanted for length in range(len(location) + 1)}
    marks: dict[Location, tuple[Any, Any]] = {}
    stack: list[list[Any]] = []  # [path, is mapping, pending key, key mark, next index]
    loader = Parser(text)
    try:
        for event in _events(loader):
            kind = type(event)
            if kind in (events.MappingEndEvent, events.SequenceEndEvent):
                stack.pop()
                continue
            if not isinstance(event, events.NodeEvent):
                continue
            path: Location = ()
            key_mark = None
            if stack:
                parent = stack[-1]
                if parent[1] and parent[2] is None:  # a mapping's key
                    parent[3] = event.start_mark
                    if kind is events.ScalarEvent or kind is events.AliasEvent:
                        if isinstance(event, events.ScalarEvent):
                            parent[2] = event.value
                        else:
                            parent[2] = f"*{event.anchor}"
                        continue
                    parent[2] = "<a collection as a key>"  # its insides are never wanted
                    stack.append([(parent[2],), kind is events.MappingStartEvent, None, None, 0])
                    continue
                if parent[1]:
                    path, key_mark = (*parent[0], parent[2]), parent[3]
                    parent[2] = None
                else:
                    path = (*parent[0], parent[4])
                    parent[4] += 1
            if path in prefixes:
                marks.setdefault(path, (event.start_mark, key_mark))
                if texts is not None and path in wanted and isinstance(event, events.ScalarEvent):
                    texts.setdefault(path, event.value)
            if kind in (events.MappingStartEvent, events.SequenceStartEvent):
                stack.append([path, kind is events.MappingStartEvent, None, None, 0])
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return marks


def _nearest(marks: dict[Location, tuple[Any, Any]], location: Location) -> tuple[Any, Any]:
    """The marks of LOCATION, or of the deepest path on the way to it that the file has."""
    for length in range(len(location), -1, -1):
        found = marks.get(location[:length])
        if found is not None:
            return found if length == len(location) else (found[0], None)
    return (None, None)
