# SPDX-License-Identifier: GPL-2.0-only
"""Per host configuration: its expectations, whether it has a baseline, and
how each item was used by a run (docs/results.md, "Host configurations and
baselines", "Stale items").
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any

from . import expect
from .hostconf import HostConfig
from .model import TestResult, Verdict


@dataclass
class Configuration:
    host: HostConfig
    path: str                           # expectations file (may not exist)
    items: list[expect.Item] = field(default_factory=list)    # everything parsed
    active: list[expect.Item] = field(default_factory=list)   # gates hold here
    baseline: expect.Item | None = None                       # matching @verified-on
    ignored: bool = False               # --no-expectations

    @property
    def failures(self) -> list[expect.Item]:
        return expect.failures(self.active)

    @property
    def default_cpu(self) -> expect.Item | None:
        return expect.default_cpu(self.active)

    @property
    def has_baseline(self) -> bool:
        """--no-expectations judges raw verdicts strictly: every result counts."""
        return self.ignored or self.baseline is not None

    def baseline_text(self) -> str:
        if self.ignored:
            return "expectations ignored (--no-expectations): every unexpected result counts"
        if self.baseline is not None:
            return f"baseline {self.baseline.where} (verified {self.baseline.value}: {self.baseline.reason})"
        return ("NO BASELINE: no @verified-on line of this list matches this host; "
                "unexpected results are new findings for triage (docs/results.md)")

    def to_json(self) -> dict[str, Any]:
        return {"host": self.host.to_json(), "expectations": self.path,
                "baseline": self.baseline.where if self.baseline else None,
                "baseline_date": self.baseline.value if self.baseline else None,
                "description": self.host.describe(), "gates": self.host.gates(),
                "ignored": self.ignored}


def load(directory: str, host: HostConfig, names: list[str], ignore_baseline: bool,
         root: str | None = None) -> tuple[Configuration, list[str]]:
    """The configuration of HOST with its list; (config, warnings). Raises expect.ExpectError."""
    path, items = expect.load(directory, *host.key, root=root)
    errors, warnings = expect.check_names(items, names)
    if errors:
        raise expect.ExpectError("\n".join(errors))
    facts = host.facts()
    conf = Configuration(host=host, path=path, items=items, active=expect.active(items, facts))
    if not ignore_baseline:
        conf.baseline = next(iter(expect.verified_on(conf.active)), None)
    unconfirmed = [it for it in conf.active if it.unconfirmed]
    if unconfirmed:
        warnings.append(f"{path}: {len(unconfirmed)} unconfirmed items active (drafts: "
                        "confirm each against the manual, then drop the flag)")
    return conf, warnings


def mark(conf: Configuration | None, res: TestResult) -> None:
    """Records the baseline on RES; an unexpected result without one is new on this host.

    ERROR is the harness's own failure, never a hypervisor finding.
    """
    if conf is None:
        return
    res.baseline = conf.baseline.where if conf.baseline else None
    res.new_on_host = (not conf.has_baseline and res.verdict.unexpected
                       and res.verdict != Verdict.ERROR)


@dataclass
class ItemUse:
    item: expect.Item
    masked: int
    status: str          # "used", "stale", "passed" (intermittent), "not run", "incomplete"

    def to_json(self) -> dict[str, Any]:
        return {"where": self.item.where, "pattern": self.item.pattern, "masked": self.masked,
                "status": self.status}


_INCOMPLETE = (Verdict.SKIP, Verdict.ERROR, Verdict.CRASH, Verdict.TIMEOUT)


def _case_ran(it: expect.Item, r: TestResult) -> bool:
    """False when every case the item names was skipped in R, or left out by the
    case= filter R's guest was given (the item could not apply: not stale). Without
    a filter, a case name that no case of R has (renamed, removed) counts as ran:
    such an item is stale."""
    if it.case is None:
        return True
    named = [c for c in r.cases if fnmatch.fnmatchcase(c.name, it.case)]
    if not named:
        return not r.case_filter
    return any(c.verdict != Verdict.SKIP for c in named)


def usage(conf: Configuration, results: list[TestResult], all_cases: bool) -> list[ItemUse]:
    """How each active item of CONF was used by RESULTS.

    An item is stale when its test ran to completion with every case
    (no --case) and the item masked nothing: the list no longer describes
    this host.  An intermittent item that masked nothing just passed.
    Runs its per-test gates (cpu=, guest-vendor=) exclude do not count: an
    item for another CPU model is "not run" here.
    """
    out = []
    mine = [r for r in results if (r.vmm, r.accel, r.arch) == conf.host.key]
    for it in conf.failures:
        runs = [r for r in mine if fnmatch.fnmatchcase(r.name, it.test) and expect.applies(it, r)]
        masked = sum(r.masked.get(it.where, 0) for r in runs)
        complete = [r for r in runs if (r.verdict not in _INCOMPLETE and _case_ran(it, r))
                    or r.masked.get(it.where)]
        if masked:
            status = "used"
        elif not runs:
            status = "not run"
        elif not complete or not all_cases:
            status = "incomplete"
        else:
            status = "passed" if it.intermittent else "stale"
        out.append(ItemUse(it, masked, status))
    return out
