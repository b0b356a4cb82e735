# SPDX-License-Identifier: GPL-2.0-only
"""Result data model shared by the parser, the verdict logic and the reports."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Verdict(str, enum.Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    SKIP = "SKIP"
    XFAIL = "XFAIL"
    XPASS = "XPASS"
    TIMEOUT = "TIMEOUT"
    CRASH = "CRASH"
    ERROR = "ERROR"

    @property
    def unexpected(self) -> bool:
        """True for verdicts that make the run exit non-zero."""
        return self in UNEXPECTED

    def __str__(self) -> str:
        return self.value


UNEXPECTED = frozenset({Verdict.FAIL, Verdict.XPASS, Verdict.TIMEOUT,
                        Verdict.CRASH, Verdict.ERROR})

# Severity when several verdicts are folded into one (highest wins).
SEVERITY: dict[Verdict, int] = {
    Verdict.SKIP: 0, Verdict.PASS: 1, Verdict.XFAIL: 2, Verdict.XPASS: 3,
    Verdict.FAIL: 4, Verdict.TIMEOUT: 5, Verdict.CRASH: 6, Verdict.ERROR: 7,
}


def worst(verdicts: list[Verdict], default: Verdict) -> Verdict:
    return max(verdicts, key=SEVERITY.__getitem__) if verdicts else default


@dataclass
class Assertion:
    """One test point inside a case (a report() call in the guest)."""
    number: int
    description: str
    verdict: Verdict
    reason: str = ""              # SKIP/TODO reason, expectation reason
    diag: dict[str, str] = field(default_factory=dict)  # YAML: file, line, expected, actual

    def to_json(self) -> dict[str, Any]:
        diag: dict[str, Any] = dict(self.diag)
        if "line" in diag:
            line = str(diag["line"])
            diag["line"] = int(line) if line.isdigit() else line
        return {"number": self.number, "description": self.description,
                "verdict": self.verdict.value, "reason": self.reason, "diag": diag}


@dataclass
class CaseResult:
    name: str
    verdict: Verdict
    reason: str = ""
    assertions: list[Assertion] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    expectation: str = ""         # text of the expectations item that applied

    def failed_assertions(self) -> list[Assertion]:
        return [a for a in self.assertions
                if a.verdict in (Verdict.FAIL, Verdict.XFAIL, Verdict.XPASS)]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "verdict": self.verdict.value, "reason": self.reason,
                "expectation": self.expectation, "comments": list(self.comments),
                "assertions": [a.to_json() for a in self.assertions]}


@dataclass
class TestResult:
    test_id: str                  # display id: name, arch/name, name#iter
    name: str
    arch: str
    vmm: str
    accel: str
    iteration: int
    verdict: Verdict
    reason: str = ""
    detail: list[str] = field(default_factory=list)   # register dump, VMM stderr excerpt
    cases: list[CaseResult] = field(default_factory=list)
    start: float = 0.0            # wall-clock epoch seconds
    end: float = 0.0
    cmdline: list[str] = field(default_factory=list)
    log: str = ""
    exit_code: int | None = None
    exit_signal: int | None = None
    end_marker: dict[str, int] | None = None
    expectation: str = ""
    masked: dict[str, int] = field(default_factory=dict)   # expectations item -> results it made XFAIL
    baseline: str | None = None   # the @verified-on line this configuration matched, if any
    new_on_host: bool = False     # unexpected, on a configuration without a baseline
    seed: int | None = None       # the guest's PRNG seed (replay: --seed N)
    cpu_model: str = ""           # the guest CPU model the VMM was asked for ("" = its default)
    guest_cpu: dict[str, str] = field(default_factory=dict)  # the guest's hvtest-cpu line
    case_filter: str = ""         # the case= globs the guest was given (entry args, --case)

    @property
    def counts_against_run(self) -> bool:
        """Unexpected, and not merely new on a host without a baseline (docs/results.md)."""
        return self.verdict.unexpected and not self.new_on_host

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)

    def counts(self) -> dict[str, int]:
        c: dict[str, int] = {}
        for case in self.cases:
            c[case.verdict.value] = c.get(case.verdict.value, 0) + 1
        return c

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.test_id, "name": self.name, "arch": self.arch,
            "vmm": self.vmm, "accel": self.accel, "iteration": self.iteration,
            "verdict": self.verdict.value, "unexpected": self.verdict.unexpected,
            "reason": self.reason, "detail": self.detail,
            "expectation": self.expectation,
            "baseline": self.baseline, "new_on_host": self.new_on_host,
            "masked": dict(self.masked), "seed": self.seed, "cpu_model": self.cpu_model,
            "guest_cpu": dict(self.guest_cpu),
            "start": round(self.start, 6), "end": round(self.end, 6),
            "duration": round(self.duration, 6),
            "cmdline": self.cmdline, "log": self.log,
            "exit_code": self.exit_code, "exit_signal": self.exit_signal,
            "end_marker": self.end_marker,
            "cases": [c.to_json() for c in self.cases],
        }
