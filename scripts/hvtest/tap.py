# SPDX-License-Identifier: GPL-2.0-only
"""Incremental, forgiving TAP 14 parser for guest consoles.

Feed it console lines as they arrive; it never raises on bad input.  Lines
before `TAP version` are ignored (firmware banners).  Structure follows
docs/output-protocol.md: top-level test points are cases; the indented
subtest before each is the case's assertions.  Deeper subtests are
flattened into the case's assertions with `parent: child` descriptions.
"""
from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field

_POINT_RE = re.compile(r"(not ok|ok)\b\s*([0-9]+)?\s*(.*)\Z")
_DIRECTIVE_RE = re.compile(r"(?<!\\)#\s*(skip|todo)\S*\b\s*(.*)\Z", re.IGNORECASE)
_PLAN_RE = re.compile(r"1\.\.([0-9]+)\s*(?:#\s*(?:(skip)\S*\s*)?(.*))?\Z", re.IGNORECASE)
_BAIL_RE = re.compile(r"Bail out!\s*(.*)\Z")
_SUBTEST_RE = re.compile(r"# Subtest(?::\s*(.*))?\Z")
_END_RE = re.compile(r"# hvtest-end\b(.*)\Z")
_KV_RE = re.compile(r"([a-z_]+)=(-?[0-9]+)")
_CPU_KV_RE = re.compile(r"\b(vendor|family|model|stepping)=([A-Za-z0-9_.-]+)")
MAX_COMMENTS = 200


@dataclass
class Point:
    ok: bool
    number: int | None
    description: str
    directive: str = ""       # "", "SKIP" or "TODO"
    reason: str = ""
    diag: dict[str, str] = field(default_factory=dict)
    child: "Block | None" = None


@dataclass
class Block:
    depth: int
    name: str | None = None
    points: list[Point] = field(default_factory=list)
    plan: int | None = None
    plan_skip: str | None = None
    comments: list[str] = field(default_factory=list)
    pending_child: "Block | None" = None
    pending_name: str | None = None


def _unquote(value: str) -> str:
    v = value.strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        try:
            out = json.loads(v)
            return out if isinstance(out, str) else v
        except ValueError:
            return v[1:-1]
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1].replace("''", "'")
    return v


def _parse_yaml(lines: list[str]) -> dict[str, str]:
    """Flat `key: value` YAML subset; nested/other lines kept under 'raw'."""
    out: dict[str, str] = {}
    extra: list[str] = []
    for ln in lines:
        m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_-]*):\s*(.*)\Z", ln)
        if m:
            out[m.group(1)] = _unquote(m.group(2))
            continue
        if ln.strip():
            extra.append(ln.strip())
    if extra:
        out["raw"] = "\n".join(extra)
    return out


class TapParser:
    def __init__(self) -> None:
        self.version_seen = False
        self.restarts = 0
        self.bail: str | None = None
        self.bail_case: str | None = None
        self.end: dict[str, int] | None = None
        self.header = ""
        self.guest_cpu: dict[str, str] = {}
        self.junk = 0
        self.comments: deque[str] = deque(maxlen=MAX_COMMENTS)
        self.stack: list[Block] = [Block(0)]
        self._yaml: list[str] | None = None
        self._yaml_indent = 0
        self._yaml_point: Point | None = None
        self._finished = False

    # -- feeding -----------------------------------------------------------
    def feed(self, line: str) -> None:
        raw = line.rstrip("\r\n").replace("\r", "")
        if not self.version_seen:
            i = raw.find("TAP version ")
            if i >= 0:
                self.version_seen = True
            return
        if self._yaml is not None:
            stripped = raw.strip()
            ind = len(raw) - len(raw.lstrip(" "))
            if stripped == "..." and ind == self._yaml_indent:
                self._close_yaml()
                return
            if not stripped or ind >= self._yaml_indent:
                self._yaml.append(raw[self._yaml_indent:] if ind >= self._yaml_indent else "")
                return
            self._close_yaml()  # unterminated block: fall through
        indent = len(raw) - len(raw.lstrip(" "))
        body = raw[indent:].rstrip()
        if not body:
            return
        if "TAP version " in body and indent == 0:
            self.restarts += 1
            return
        if self.bail is not None and self.end is not None:
            return
        m = _BAIL_RE.match(body)
        if m:
            if self.bail is None:
                self.bail = m.group(1).strip() or "(no reason)"
                self.bail_case = self.open_case()
            return
        if indent % 4:
            self._maybe_yaml_start(body, indent)
            return
        depth = indent // 4
        if body.startswith("#"):
            self._comment(depth, body)
            return
        if body == "---" or body == "...":
            self.junk += 1
            return
        m = _POINT_RE.match(body)
        if m:
            self._point(depth, m)
            return
        m = _PLAN_RE.match(body)
        if m:
            blk = self._block_at(depth)
            blk.plan = int(m.group(1))
            if m.group(2) or (blk.plan == 0 and m.group(3)):
                blk.plan_skip = (m.group(3) or "").strip()
            return
        if body.startswith("pragma "):
            return
        self.junk += 1

    def _maybe_yaml_start(self, body: str, indent: int) -> None:
        last = self._last_point_indent
        if body == "---" and self._last_point is not None and indent == last + 2:
            self._yaml = []
            self._yaml_indent = indent
            self._yaml_point = self._last_point
        else:
            self.junk += 1

    _last_point: Point | None = None
    _last_point_indent = -1

    def _close_yaml(self) -> None:
        if self._yaml_point is not None and self._yaml is not None:
            self._yaml_point.diag.update(_parse_yaml(self._yaml))
        self._yaml = None
        self._yaml_point = None

    def _comment(self, depth: int, body: str) -> None:
        m = _END_RE.match(body)
        if m and depth == 0:
            if self.end is None:
                self.end = {k: int(v) for k, v in _KV_RE.findall(m.group(1))}
            return
        m = _SUBTEST_RE.match(body)
        if m:
            blk = self._block_at(depth)
            blk.pending_name = (m.group(1) or "").strip() or None
            return
        text = body[1:].strip()
        if depth == 0:
            if not self.header and text.startswith("hvtest "):
                self.header = text
            elif not self.guest_cpu and text.startswith("hvtest-cpu "):
                self.guest_cpu = dict(_CPU_KV_RE.findall(text))
            self.comments.append(text)
        else:
            # A subtest's comments before its first point are its own too.
            blk = self._block_at(depth) if self.stack[-1].pending_name is not None \
                else self.stack[min(depth, len(self.stack) - 1)]
            if len(blk.comments) < MAX_COMMENTS:
                blk.comments.append(text)
            self.comments.append(text)

    def _block_at(self, depth: int) -> Block:
        while len(self.stack) - 1 > depth:
            done = self.stack.pop()
            self.stack[-1].pending_child = done
        while len(self.stack) - 1 < depth:
            parent = self.stack[-1]
            blk = Block(len(self.stack), name=parent.pending_name)
            parent.pending_name = None
            self.stack.append(blk)
        return self.stack[depth]

    def _point(self, depth: int, m: re.Match[str]) -> None:
        blk = self._block_at(depth)
        desc = m.group(3)
        directive, reason = "", ""
        d = _DIRECTIVE_RE.search(desc)
        if d:
            directive = d.group(1).upper()
            reason = d.group(2).strip()
            desc = desc[:d.start()]
        desc = desc.strip()
        if desc.startswith("- "):
            desc = desc[2:]
        elif desc == "-":
            desc = ""
        pt = Point(ok=m.group(1) == "ok",
                   number=int(m.group(2)) if m.group(2) else None,
                   description=desc.replace("\\#", "#"), directive=directive,
                   reason=reason)
        if blk.pending_child is not None:
            pt.child = blk.pending_child
            blk.pending_child = None
        blk.pending_name = None
        blk.points.append(pt)
        self._last_point = pt
        self._last_point_indent = depth * 4

    # -- queries -----------------------------------------------------------
    def open_case(self) -> str | None:
        """Name of the case whose subtest is being printed, if any."""
        if len(self.stack) > 1:
            return self.stack[1].name or "(unnamed subtest)"
        root = self.stack[0]
        if root.pending_child is not None:
            return root.pending_child.name or "(unnamed subtest)"
        return root.pending_name

    def finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        if self._yaml is not None:
            self._close_yaml()
        while len(self.stack) > 1:
            done = self.stack.pop()
            self.stack[-1].pending_child = done

    @property
    def root(self) -> Block:
        return self.stack[0]

    @property
    def plan(self) -> int | None:
        return self.stack[0].plan
