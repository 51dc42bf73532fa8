"""Reading one YAML file safely, keeping where every value stands in it.

Plain data only (`yaml.safe_load` semantics, with PyYAML's C parser when present), and a clear
problem for every way a file can be unusable: too large, binary, not UTF-8, bad syntax, duplicate
keys, tags that would build objects, aliases that expand without bound, nesting too deep.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from peptide_cli.errors import CatalogError
from peptide_cli.problems import Location, Problem, dotted

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A claims file larger than this (64 MiB) is refused before it is read."""

MAX_DEPTH = 50
"""Collections nested deeper than this are refused (the claims schema needs about ten)."""

MAX_ALIAS_NODES = 100_000
"""How many values aliases may add, in all, by repeating anchored ones."""

PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")
)

Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDocument:
    """A file's data together with its node tree, to find the line of any value."""

    file: str
    data: Any
    root: Node

    def problem(self, location: Location, message: str, *, key: bool = False, **extra) -> Problem:
        """A problem at LOCATION; with KEY, at the key of its last step rather than its value."""
        mark = _node_at(self.root, location, key=key).start_mark
        return Problem(
            self.file, message, dotted(location), mark.line + 1, mark.column + 1, **extra
        )


def read(path: Path, file: str) -> YamlDocument:
    """Read PATH (shown to the user as FILE) into plain data. Raises CatalogError."""
    text = _text(path, file)
    loader = Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise CatalogError([Problem(file, "is empty: it holds no YAML document")])
        problems = _check_nodes(root, file)
        if problems:
            raise CatalogError(problems)
        return YamlDocument(file, loader.construct_document(root), root)
    except yaml.MarkedYAMLError as error:
        raise CatalogError([_yaml_problem(file, error)]) from None
    except yaml.YAMLError as error:
        raise CatalogError([Problem(file, f"invalid YAML: {error}")]) from None
    except RecursionError:
        message = f"invalid YAML: nested more than {MAX_DEPTH} levels deep"
        raise CatalogError([Problem(file, message)]) from None
    finally:
        loader.dispose()


def _text(path: Path, file: str) -> str:
    def fail(message: str, line: int | None = None, column: int | None = None) -> CatalogError:
        return CatalogError([Problem(file, message, line=line, column=column)])

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(
                f"is {size / 2**20:.1f} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit "
                "for a claims file"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("claims file not found") from None
    except IsADirectoryError:
        raise fail("is a folder, not a claims file") from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None

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


def _yaml_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or str(error)
    if mark is None:
        return Problem(file, f"invalid YAML: {message}")
    return Problem(file, f"invalid YAML: {message}", line=mark.line + 1, column=mark.column + 1)


def _check_nodes(root: Node, file: str) -> list[Problem]:
    """Duplicate keys, object-building tags, runaway aliases and deep nesting, without expanding."""
    walk = _NodeWalk(file)
    with contextlib.suppress(_Stop):
        walk.run(root)
    return walk.problems


class _Stop(Exception):
    """Ends the node walk once a problem makes going on pointless or unsafe."""


class _NodeWalk:
    """A depth-first walk over a node graph that visits each distinct node once.

    A node met again is an alias of an anchored value: its size and height were measured on the
    first visit, and repeating it is charged to the alias budget instead of walking it again.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.measured: dict[int, tuple[int, int]] = {}  # id(node) -> (values in it, height)
        self.open: set[int] = set()
        self.alias_values = 0

    def run(self, root: Node) -> None:
        # A frame: [node, depth, children left to visit, values so far, height so far].
        stack: list[list[Any]] = [[None, -1, iter([(root, ())]), 0, 0]]
        while stack:
            parent = stack[-1]
            child = next(parent[2], None)
            if child is None:
                stack.pop()
                if parent[0] is not None:
                    self.open.discard(id(parent[0]))
                    self.measured[id(parent[0])] = (parent[3], parent[4])
                    self._count(stack[-1], parent[3], parent[4])
                continue
            node, path = child
            depth = parent[1] + 1
            if id(node) in self.open:
                self._stop(node, path, "an alias refers to a value that contains it")
            if id(node) in self.measured:
                size, height = self.measured[id(node)]
                self.alias_values += size
                if self.alias_values > MAX_ALIAS_NODES:
                    self._stop(
                        node,
                        path,
                        f"aliases expand to more than {MAX_ALIAS_NODES:,} values; "
                        "write the data out instead",
                    )
                if depth + height > MAX_DEPTH:
                    self._stop(node, path, f"nested more than {MAX_DEPTH} levels deep")
                self._count(parent, size, height)
                continue
            if depth > MAX_DEPTH:
                self._stop(node, path, f"nested more than {MAX_DEPTH} levels deep")
            self.open.add(id(node))
            stack.append([node, depth, iter(self._children(node, path)), 1, 1])

    def _children(self, node: Node, path: Location) -> list[tuple[Node, Location]]:
        if node.tag not in PLAIN_TAGS:
            self._add(node, path, f"tag {_short(node.tag)} is not allowed: only plain data is")
        if isinstance(node, SequenceNode):
            return [(item, (*path, index)) for index, item in enumerate(node.value)]
        if not isinstance(node, MappingNode):
            return []
        children: list[tuple[Node, Location]] = []
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, ScalarNode) else None
            if name is not None and key_node.tag != "tag:yaml.org,2002:merge":
                if name in seen:
                    first = seen[name].start_mark.line + 1
                    message = f"duplicate key {name!r} (first given on line {first})"
                    self._add(key_node, (*path, name), message)
                seen.setdefault(name, key_node)
            children.append((key_node, path))
            children.append((value_node, path if name is None else (*path, name)))
        return children

    @staticmethod
    def _count(frame: list[Any], size: int, height: int) -> None:
        frame[3] += size
        frame[4] = max(frame[4], height + 1)

    def _add(self, node: Node, path: Location, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file, message, dotted(path), mark.line + 1, mark.column + 1)
        )

    def _stop(self, node: Node, path: Location, message: str) -> None:
        self._add(node, path, message)
        raise _Stop


def _short(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` as it is written in YAML: `!!python/object`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _node_at(root: Node, location: Location, *, key: bool) -> Node:
    """The node at LOCATION, or the deepest one on the way there that exists."""
    node = root
    for step, part in enumerate(location):
        last = step == len(location) - 1
        if isinstance(node, MappingNode):
            found = next(
                (pair for pair in node.value if getattr(pair[0], "value", None) == part), None
            )
            if found is None:
                return node
            node = found[0] if key and last else found[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node
