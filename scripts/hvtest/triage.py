# SPDX-License-Identifier: GPL-2.0-only
"""Triage of a new host (docs/results.md, "A new host"):

--write-expectations FILE  a draft list with one unconfirmed item per
                           unexpected result, gated to this host
--compare A.json B.json..  verdicts per test and case side by side, only
                           the rows that differ
"""
from __future__ import annotations

import json
import os
import re
import time
from typing import Any, TextIO

from .baseline import Configuration
from .expect import file_name
from .model import CaseResult, TestResult, Verdict
from .report.output import write_text

MAX_ASSERTION_ITEMS = 5     # more failed assertions in a case: one case item


def _glob_literal(text: str) -> str:
    """TEXT as an fnmatch pattern matching itself; a double quote becomes '?'."""
    out = []
    for ch in text:
        out.append(f"[{ch}]" if ch in "*?[" else "?" if ch == '"' else ch)
    return "".join(out)


def _run_values(pattern: str) -> str:
    """Long hex numbers (a TSC, an address) differ from run to run: a draft globs them."""
    return re.sub(r"0x[0-9a-fA-F]{9,}", "*", pattern)


def _flag_text(text: str) -> str:
    """A crash= text: no comma or bracket (they end a flag), at most 60 characters."""
    for stop in ",]":
        text = text.split(stop, 1)[0]
    return text.strip()[:60]


def _diag(diag: dict[str, Any]) -> str:
    where = f" ({diag['file']}:{diag.get('line', '?')})" if "file" in diag else ""
    vals = "".join(f"; {k}: {diag[k]}" for k in ("expected", "actual") if k in diag)
    return f"{where}{vals}"


def _case_items(r: TestResult, c: CaseResult, flags: str) -> list[str]:
    if c.verdict == Verdict.XPASS:
        return [f"# XPASS {r.name}/{c.name}: {c.expectation}: gate that item away from this "
                "host or remove it"]
    failed = [a for a in c.assertions if a.verdict == Verdict.FAIL]
    if not failed or len(failed) > MAX_ASSERTION_ITEMS:
        first = _diag(failed[0].diag) if failed else ""
        n = f"{len(failed)} failed assertions; first: {failed[0].description}" if failed else c.reason
        return [f"{r.name}/{_glob_literal(c.name)} [{flags}] FAIL: {n}{first}"]
    return [f'"{r.name}/{_glob_literal(c.name)}/{_run_values(_glob_literal(a.description))}" '
            f"[{flags}] FAIL: {a.description}{_diag(a.diag)}" for a in failed]


def draft_items(r: TestResult, gates: str) -> list[str]:
    """Draft lines for one result (none when nothing about it is unexpected), gated to
    this host and, when one was asked for, the guest CPU model it ran with."""
    cpu = f"cpu={_glob_literal(r.cpu_model).replace(',', '?')}" if r.cpu_model else ""
    flags = ", ".join(f for f in ("unconfirmed", gates, cpu) if f)
    if r.verdict == Verdict.CRASH:
        return [f"{r.name} [crash={_flag_text(r.reason)}, {flags}] CRASH: {r.reason}"]
    if r.verdict == Verdict.TIMEOUT:
        return [f"{r.name} [timeout, {flags}] TIMEOUT: {r.reason}"]
    if r.verdict == Verdict.XPASS and not any(c.verdict == Verdict.XPASS for c in r.cases):
        return [f"# XPASS {r.name}: {r.expectation}: gate that item away from this host or remove it"]
    out: list[str] = []
    for c in r.cases:
        if c.verdict in (Verdict.FAIL, Verdict.XPASS):
            out.extend(_case_items(r, c, flags))
    return out


def render(configs: list[Configuration], results: list[TestResult], run_id: str) -> str:
    day = time.strftime("%Y-%m-%d")
    out = [f"# Draft expectations written by run {run_id} (run_tests.sh --write-expectations).",
           "# Every item is UNCONFIRMED: check it against the manual and put the section in its",
           "# reason, widen or narrow its gates to what the deviation depends on, drop the",
           "# `unconfirmed` flag, then move it into the list named in its section."]
    for conf in configs:
        mine = [r for r in results if (r.vmm, r.accel, r.arch) == conf.host.key
                and r.verdict.unexpected and r.verdict != Verdict.ERROR]
        lines = [ln for r in mine for ln in draft_items(r, conf.host.gates())]
        if not lines:
            continue
        out += ["", f"# ---- expectations/{file_name(*conf.host.key)}",
                f"# host configuration: {conf.host.describe()}",
                "# once every item of this host is confirmed, record it as a baseline:",
                f"# @verified-on {day} [{conf.host.gates()}] {conf.host.describe()}", *lines]
    return "\n".join(out) + "\n"


def write_expectations(path: str, configs: list[Configuration], results: list[TestResult],
                       run_id: str) -> None:
    write_text(path, render(configs, results, run_id))


class CompareError(Exception):
    pass


def merge(out_path: str, paths: list[str], out: TextIO) -> int:
    """--merge OUT.json A.json B.json ...: one report of several (CI shards).

    Tests are concatenated in the given order; the summary is recomputed;
    the first report's manifest is kept and every report's is listed under
    manifest.merged_from. 0 on success, 2 on bad input.
    """
    try:
        docs = [load(p) for p in paths]
    except CompareError as exc:
        print(f"hvtest: {exc}", file=out)
        return 2
    tests = [t for d in docs for t in d.get("tests", [])]
    ids = [(t.get("arch"), t.get("vmm"), t.get("accel"), t.get("id")) for t in tests]
    if len(ids) != len(set(ids)):
        print("hvtest: --merge: the reports share tests (shards of one run never do)", file=out)
        return 2
    counts: dict[str, int] = {}
    for t in tests:
        counts[t["verdict"]] = counts.get(t["verdict"], 0) + 1
    merged = dict(docs[0])
    merged["manifest"] = {**docs[0].get("manifest", {}),
                          "merged_from": [{"file": p, "manifest": d.get("manifest", {})}
                                          for p, d in zip(paths, docs)]}
    merged["tests"] = tests
    merged["complete"] = all(d.get("complete") for d in docs)
    merged["interrupted"] = any(d.get("interrupted") for d in docs)
    merged["summary"] = {"tests": len(tests), "counts": counts,
                         "unexpected": sum(1 for t in tests if t.get("unexpected")),
                         "new_on_host": sum(1 for t in tests if t.get("new_on_host")),
                         "counted": sum(1 for t in tests if t.get("unexpected") and not t.get("new_on_host"))}
    merged["expectations"] = [u for d in docs for u in d.get("expectations", [])]
    write_text(out_path, json.dumps(merged, indent=1) + "\n")
    print(f"hvtest: {len(tests)} tests from {len(paths)} reports written to {out_path}", file=out)
    return 0


def load(path: str) -> dict[str, Any]:
    """An hvtest --json report; CompareError names the file and what is wrong with it."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as exc:
        raise CompareError(f"{path}: cannot read: {exc.strerror}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise CompareError(f"{path}: not a JSON report: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != "hvtest-results":
        raise CompareError(f"{path}: not an hvtest --json report")
    return doc


def vmm_accels(doc: dict[str, Any]) -> list[str]:
    """The "vmm/accel" pairs a report's tests ran on, sorted."""
    return sorted({f"{t.get('vmm')}/{t.get('accel')}" for t in doc.get("tests", [])})


def _label(path: str, doc: dict[str, Any]) -> str:
    return f"{os.path.basename(path)} ({', '.join(vmm_accels(doc)) or 'empty'})"


def row_key(test: dict[str, Any]) -> str:
    """A test's row in table(): "arch/name", "#N" under --repeat (its cases are
    "arch/name/case"), the same whether or not the run's ids carried the arch."""
    rep = f"#{test.get('iteration')}" if "#" in str(test.get("id", "")) else ""
    name = test.get("name") or str(test.get("id", "")).split("#")[0]
    return f"{test.get('arch')}/{name}{rep}"


def table(docs: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """(row name, verdict per document) for every test and case, in first-seen order."""
    rows: dict[str, list[str]] = {}
    for i, doc in enumerate(docs):
        for t in doc.get("tests", []):
            base = row_key(t)
            keys = [(base, t.get("verdict", "?"))]
            keys += [(f"{base}/{c.get('name')}", c.get("verdict", "?")) for c in t.get("cases", [])]
            for k, v in keys:
                rows.setdefault(k, ["-"] * len(docs))[i] = str(v)
    return list(rows.items())


def compare(paths: list[str], out: TextIO) -> int:
    """Prints the rows whose verdicts differ; 0 when none differ, 1 otherwise, 2 on bad input."""
    if len(paths) < 2:
        print("hvtest: --compare needs at least two JSON reports", file=out)
        return 2
    try:
        docs = [load(p) for p in paths]
    except CompareError as exc:
        print(f"hvtest: {exc}", file=out)
        return 2
    rows = table(docs)
    differ = [(k, vs) for k, vs in rows if len(set(vs)) > 1]
    labels = [_label(p, d) for p, d in zip(paths, docs)]
    for i, lab in enumerate(labels):
        print(f"[{i + 1}] {lab}", file=out)
    if not differ:
        print(f"no difference in {len(rows)} tests and cases", file=out)
        return 0
    w = max(len(k) for k, _ in differ)
    cw = max(8, *(len(v) for _, vs in differ for v in vs))
    print(f"{'test/case':<{w}}  " + "  ".join(f"[{i + 1}]".ljust(cw) for i in range(len(docs))),
          file=out)
    for k, vs in differ:
        print(f"{k:<{w}}  " + "  ".join(v.ljust(cw) for v in vs), file=out)
    print(f"{len(differ)} of {len(rows)} tests and cases differ", file=out)
    return 1
