# SPDX-License-Identifier: GPL-2.0-only
"""Gates: conditions on the host configuration that expectations items and
directives carry in their [FLAGS] group (docs/results.md, "Gates").

    key=GLOB[|GLOB...]   the fact matches one of the fnmatch globs
    key OP VERSION       numeric comparison, OP one of >= <= > < == !=
                         (only for the numeric keys below)

A fact may have several values (two KVM modules loaded): the gate holds
when one of them satisfies it.  A fact the host does not have never
satisfies a gate.
"""
from __future__ import annotations

import fnmatch
import operator
import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

# Every key a gate may name, with what it is compared against.
KEYS: dict[str, str] = {
    "vmm": "VMM version (from its --version)",
    "kernel": "host kernel release (uname -r)",
    "vendor": "host CPU vendor (/proc/cpuinfo vendor_id)",
    "cpu-model": "host CPU model name (/proc/cpuinfo model name)",
    "family": "host CPU family (decimal)",
    "model": "host CPU model number (decimal)",
    "stepping": "host CPU stepping",
    "microcode": "host CPU microcode revision",
    "kvm-module": "loaded KVM vendor module (kvm_intel, kvm_amd, kvm_pvm)",
    "cpu": "the test's guest CPU model (QEMU -cpu, Bochs model; empty: the VMM default)",
    "guest-vendor": "the CPU vendor the guest reads (x86 CPUID leaf 0; the hvtest-cpu line)",
    "guest-family": "the CPU family the guest reads (decimal, x86 CPUID leaf 1)",
    "guest-model": "the CPU model number the guest reads (decimal, x86 CPUID leaf 1)",
}
# Facts of one test run rather than of the host: such gates are decided per test.
# The guest-* facts come from the guest's hvtest-cpu line (docs/output-protocol.md):
# a guest that stops before printing it has none, so those gates do not hold.
RUN_KEYS = ("cpu", "guest-vendor", "guest-family", "guest-model")
NUMERIC_KEYS = ("vmm", "kernel", "family", "model", "stepping", "guest-family", "guest-model")

Facts = Mapping[str, Sequence[str]]

_GATE_RE = re.compile(r"([a-z-]*)\s*(>=|<=|==|!=|>|<|=)\s*(.*)\Z")
_VERSION_RE = re.compile(r"[0-9]+(\.[0-9]+)*\Z")
_OPS: dict[str, Callable[[tuple[int, ...], tuple[int, ...]], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
    "==": operator.eq, "!=": operator.ne}


class GateError(Exception):
    pass


def version_tuple(v: str) -> tuple[int, ...]:
    """The leading dotted number of V: '7.2.22 (Debian ...)' -> (7, 2, 22)."""
    m = re.search(r"[0-9]+(\.[0-9]+)*", v)
    return tuple(int(x) for x in m.group(0).split(".")) if m else ()


@dataclass(frozen=True)
class Gate:
    key: str
    op: str         # "=" (glob alternatives) or a comparison operator
    value: str

    def holds(self, facts: Facts) -> bool:
        have = [h for h in facts.get(self.key, ()) if h]
        if self.op == "=":
            alts = self.value.split("|")
            return any(fnmatch.fnmatchcase(h, a) for h in have for a in alts)
        want = version_tuple(self.value)
        return any(_OPS[self.op](version_tuple(h), want) for h in have if version_tuple(h))

    def __str__(self) -> str:
        return f"{self.key}={self.value}" if self.op == "=" else f"{self.key}{self.op}{self.value}"


def parse(flag: str, last_key: str | None) -> Gate | None:
    """A gate from one flag, or None when FLAG is not a gate.

    A comparison without a key continues LAST_KEY: `vmm>=7.0,<8.1`.
    """
    m = _GATE_RE.match(flag)
    if not m:
        return None
    key, op, value = m.group(1) or last_key, m.group(2), m.group(3).strip()
    if op == "=":
        if key not in KEYS or not m.group(1):
            return None
        if any(not a.strip() for a in value.split("|")):
            raise GateError(f"{key}= has an empty alternative in '{value}'")
        return Gate(key, op, value)
    if key is None:
        raise GateError(f"comparison '{flag}' without a key ({', '.join(NUMERIC_KEYS)})")
    if key not in NUMERIC_KEYS:
        raise GateError(f"unknown gate key '{key}' for a comparison (numeric keys: "
                        f"{', '.join(NUMERIC_KEYS)})")
    if not _VERSION_RE.match(value):
        raise GateError(f"bad version '{value}'")
    return Gate(key, op, value)


def all_hold(gates: Sequence[Gate], facts: Facts) -> bool:
    return all(g.holds(facts) for g in gates)


def host_gates_hold(gates: Sequence[Gate], facts: Facts) -> bool:
    """The gates on host facts hold; gates on RUN_KEYS are left for each test."""
    return all_hold([g for g in gates if g.key not in RUN_KEYS], facts)


def run_gates_hold(gates: Sequence[Gate], facts: Facts) -> bool:
    """The gates on RUN_KEYS hold for one test's FACTS."""
    return all_hold([g for g in gates if g.key in RUN_KEYS], facts)
