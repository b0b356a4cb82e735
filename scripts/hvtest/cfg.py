# SPDX-License-Identifier: GPL-2.0-only
"""Strict parser for unittests.cfg (schema: docs/unittests-cfg.md).

Hand-written line parser so that every error names file:line.  The format is
INI: a `[groups]` section first (group name = one-line description), then one
section per test entry.  ` #` (or a line starting with `#` or `;`) starts a
comment.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from .registry import ACCELS, ARCHES, VMMS

FIRMWARES = ("qboot", "seabios")
DEFAULT_TIMEOUT = 60.0

_NAME_RE = re.compile(r"[A-Za-z0-9_.-]+\Z")
_GROUP_RE = re.compile(r"[A-Za-z0-9_-]+\Z")
_SECTION_RE = re.compile(r"\[([^\]]*)\]\Z")
_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\Z")
_WORD_RE = re.compile(r"\S+\Z")

KEYS = ("file", "arch", "groups", "smp", "timeout", "cpu", "accel", "vmm",
        "args", "extra_params", "machine", "firmware", "migrate", "migrate_via",
        "migrate_bandwidth")
MIGRATE_CONTINUOUS = -1       # `migrate = continuous` (scripts/hvtest/migration.py)
MIGRATE_VIA = ("socket", "file")   # live over a UNIX socket; save to a file and restore


class CfgError(Exception):
    """One or more schema errors; str() lists them as file:line: message."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Entry:
    name: str
    file: str
    arch: tuple[str, ...] = ARCHES
    groups: tuple[str, ...] = ()
    smp: int = 1
    timeout: float = DEFAULT_TIMEOUT
    cpu: str | None = None
    accel: tuple[str, ...] = ACCELS
    vmm: tuple[str, ...] = VMMS
    args: str = ""
    extra_params: tuple[str, ...] = ()
    machine: str | None = None
    firmware: str | None = None
    migrate: int | None = None    # migrations to perform, or MIGRATE_CONTINUOUS
    migrate_via: str = MIGRATE_VIA[0]
    migrate_bandwidth: int | None = None  # MiB/s: QMP max-bandwidth of each migration
    where: str = ""               # file:line of the section header


@dataclass
class Config:
    path: str
    groups: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def entry(self, name: str) -> Entry | None:
        for e in self.entries:
            if e.name == name:
                return e
        return None


def _strip_comment(line: str) -> str:
    s = line.strip()
    if s.startswith("#") or s.startswith(";"):
        return ""
    m = re.search(r"\s#", s)
    if m:
        s = s[:m.start()]
    return s.rstrip()


def _word_list(value: str, allowed: tuple[str, ...] | None, what: str) -> tuple[str, ...]:
    words = value.split()
    if not words:
        raise ValueError(f"{what}: empty value")
    seen: set[str] = set()
    for w in words:
        if allowed is not None and w not in allowed:
            raise ValueError(f"{what}: unknown value '{w}' (expected one of: {' '.join(allowed)})")
        if w in seen:
            raise ValueError(f"{what}: '{w}' listed twice")
        seen.add(w)
    return tuple(words)


def _one_word(value: str, what: str) -> str:
    if not _WORD_RE.match(value):
        raise ValueError(f"{what}: expected one word without spaces, got '{value}'")
    return value


def _convert(key: str, value: str, groups: dict[str, str]) -> object:
    """Validate one key's raw value; raise ValueError with a message."""
    if key == "file":
        if not _NAME_RE.match(value):
            raise ValueError(f"file: '{value}' is not a valid binary base name")
        return value
    if key == "arch":
        return _word_list(value, ARCHES, "arch")
    if key == "accel":
        return _word_list(value, ACCELS, "accel")
    if key == "vmm":
        return _word_list(value, VMMS, "vmm")
    if key == "groups":
        words = _word_list(value, None, "groups")
        for g in words:
            if g not in groups:
                raise ValueError(f"groups: group '{g}' is not declared in [groups]")
        return words
    if key == "smp":
        if not re.fullmatch(r"[0-9]+", value) or int(value) < 1:
            raise ValueError(f"smp: expected an integer >= 1, got '{value}'")
        return int(value)
    if key == "timeout":
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", value) or float(value) <= 0:
            raise ValueError(f"timeout: expected a positive number of seconds, got '{value}'")
        return float(value)
    if key in ("cpu", "machine"):
        return _one_word(value, key)
    if key == "firmware":
        if value not in FIRMWARES:
            raise ValueError(f"firmware: unknown value '{value}' (expected one of: {' '.join(FIRMWARES)})")
        return value
    if key == "args":
        return value
    if key == "migrate_via":
        if value not in MIGRATE_VIA:
            raise ValueError(f"migrate_via: unknown value '{value}' (expected one of: "
                             f"{' '.join(MIGRATE_VIA)})")
        return value
    if key == "migrate_bandwidth":
        if not re.fullmatch(r"[0-9]+", value) or int(value) < 1:
            raise ValueError(f"migrate_bandwidth: expected MiB/s as an integer >= 1, got '{value}'")
        return int(value)
    if key == "migrate":
        if value == "continuous":
            return MIGRATE_CONTINUOUS
        if not re.fullmatch(r"[0-9]+", value) or int(value) < 1:
            raise ValueError(f"migrate: expected a number of migrations >= 1 or 'continuous', "
                             f"got '{value}'")
        return int(value)
    if key == "extra_params":
        try:
            words = tuple(shlex.split(value))
        except ValueError as exc:
            raise ValueError(f"extra_params: {exc}") from None
        _no_accel_switch(words)
        return words
    raise ValueError(f"unknown key '{key}' (known keys: {', '.join(KEYS)})")


def _no_accel_switch(words: tuple[str, ...]) -> None:
    """The runner chooses the accelerator and reports it; extra_params must not change it."""
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in ("-accel", "--accel", "-enable-kvm", "--enable-kvm") or \
                (w in ("-machine", "--machine", "-M") and "accel=" in nxt):
            raise ValueError(f"extra_params: '{w}' would switch the accelerator behind the "
                             "runner's back; use the accel key (and --accel)")


def parse_text(text: str, path: str) -> Config:
    cfg = Config(path=path)
    errors: list[str] = []
    section: str | None = None
    section_line = 0
    seen_sections: dict[str, int] = {}
    keys: dict[str, tuple[int, object]] = {}
    sections: list[tuple[str, int, dict[str, tuple[int, object]]]] = []

    def err(lineno: int, msg: str) -> None:
        errors.append(f"{path}:{lineno}: {msg}")

    def close() -> None:
        if section is not None and section != "groups":
            sections.append((section, section_line, keys))

    for lineno, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and raw.strip() and not raw.strip().startswith(("#", ";")):
            err(lineno, "unexpected indented line (continuation lines are not supported)")
            continue
        line = _strip_comment(raw)
        if not line:
            continue
        m = _SECTION_RE.match(line)
        if m:
            close()
            name = m.group(1).strip()
            keys = {}
            section, section_line = name, lineno
            if name in seen_sections:
                err(lineno, f"duplicate section [{name}] (first at line {seen_sections[name]})")
                section = None
                continue
            seen_sections[name] = lineno
            if name == "groups":
                if len(seen_sections) != 1:
                    err(lineno, "[groups] must be the first section of the file")
            elif not _NAME_RE.match(name):
                err(lineno, f"invalid section name [{name}] (allowed: letters, digits, _ . -)")
                section = None
            continue
        m = _KEY_RE.match(line)
        if not m:
            err(lineno, f"syntax error: expected '[section]' or 'key = value', got '{line}'")
            continue
        key, value = m.group(1), m.group(2).strip()
        if section is None:
            if not seen_sections:
                err(lineno, f"key '{key}' outside of any section")
            continue  # inside a rejected section: already reported
        if section == "groups":
            if not _GROUP_RE.match(key):
                err(lineno, f"invalid group name '{key}'")
            elif key in cfg.groups:
                err(lineno, f"duplicate group '{key}'")
            elif not value:
                err(lineno, f"group '{key}' needs a one-line description")
            else:
                cfg.groups[key] = value
            continue
        if key in keys:
            err(lineno, f"duplicate key '{key}' in [{section}] (first at line {keys[key][0]})")
            continue
        if key not in KEYS:
            err(lineno, f"unknown key '{key}' in [{section}] (known keys: {', '.join(KEYS)})")
            continue
        if not value and key != "args":
            err(lineno, f"{key}: empty value")
            continue
        try:
            keys[key] = (lineno, _convert(key, value, cfg.groups))
        except ValueError as exc:
            err(lineno, str(exc))
    close()

    for name, sec_line, kv in sections:
        vals = {k: v for k, (_, v) in kv.items()}
        vals.setdefault("file", name)
        entry = Entry(name=name, where=f"{path}:{sec_line}", **vals)  # type: ignore[arg-type]
        if entry.firmware is not None and any(a != "x86_64" for a in entry.arch):
            err(kv["firmware"][0], "firmware: only valid for x86_64 entries (set arch = x86_64)")
        if entry.migrate is not None and entry.vmm != ("qemu",):
            err(kv["migrate"][0], "migrate: only valid for QEMU (set vmm = qemu)")
        if "migrate_via" in kv and entry.migrate is None:
            err(kv["migrate_via"][0], "migrate_via: needs a migrate key")
        if "migrate_bandwidth" in kv and entry.migrate is None:
            err(kv["migrate_bandwidth"][0], "migrate_bandwidth: needs a migrate key")
        cfg.entries.append(entry)
    if errors:
        raise CfgError(errors)
    return cfg


def load(path: str) -> Config:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as exc:
        raise CfgError([f"{path}: cannot read: {exc.strerror}"]) from None
    except UnicodeDecodeError as exc:
        raise CfgError([f"{path}: not UTF-8 text: {exc}"]) from None
    return parse_text(text, path)
