# SPDX-License-Identifier: GPL-2.0-only
"""--html FILE / --html-from RUN.json OUT.html: one self-contained page per run.

Rendered from the JSON report document (jsonfile.document()), so a page can
be rebuilt from a saved --json file.  Sections: summary (counts per
verdict, unexpected results, new findings), host configurations, timeline,
every test with its cases and failure details, expectations items, host
manifest.
"""
from __future__ import annotations

import re
import shlex
from typing import Any

from ..triage import vmm_accels
from .html_page import (ORDER, UNEXPECTED, as_dict, as_list, badge, counts_text, esc, fmt_seconds,
                        href, page, tally, vclass)
from .html_timeline import svg
from .output import write_text

# An expectations item as a result quotes it: "expectations/FILE.txt:LINE: reason".
_ITEM = re.compile(r"^\S+\.txt:[0-9]+: ")
_SHOWN = ("FAIL", "XFAIL", "XPASS", "TIMEOUT", "CRASH", "ERROR")   # assertions detailed


def _kv(rows: list[tuple[str, str]]) -> str:
    """A two-column table; values are markup already."""
    return ('<table class="kv">' + "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows)
            + "</table>")


def _new_tag(t: dict[str, Any]) -> str:
    return ' <span class="new" title="unexpected on a host configuration without a baseline">' \
           "new on this host</span>" if t.get("new_on_host") else ""


def _summary(doc: dict[str, Any], tests: list[dict[str, Any]]) -> str:
    counts = tally(tests)
    cases = tally(c for t in tests for c in as_list(t.get("cases")))
    tiles = []
    for v in ORDER + sorted(set(counts) - set(ORDER)):
        n = counts.get(v, 0)
        tiles.append(f'<div class="tile c-{vclass(v)}{"" if n else " zero"}"><b>{n}</b>{esc(v)}</div>')
    bad = [(i, t) for i, t in enumerate(tests) if t.get("verdict") in UNEXPECTED]
    new = sum(1 for _, t in bad if t.get("new_on_host"))
    state = ""
    if doc.get("interrupted"):
        state = '<div class="banner warn">Interrupted: only the tests that finished are shown.</div>'
    elif not doc.get("complete"):
        state = '<div class="banner warn">Incomplete report: the run was still going or was killed.</div>'
    if not bad:
        verdict = '<div class="banner ok">Nothing unexpected.</div>'
    else:
        counted = len(bad) - new
        verdict = (f'<div class="banner bad">{len(bad)} unexpected result{"s" if len(bad) > 1 else ""}: '
                   f"{counted} counted in the exit status, {new} new on this host (not counted "
                   "unless --strict).</div>") if new else \
            f'<div class="banner bad">{len(bad)} unexpected result{"s" if len(bad) > 1 else ""}.</div>'
    items = "".join(f'<li>{badge(str(t.get("verdict")))} <a href="#t{i}" class="tid">{esc(t.get("id"))}'
                    f'</a>{_new_tag(t)} {esc(t.get("reason", ""))}</li>' for i, t in bad)
    return (f'<h2>Summary</h2>\n{state}{verdict}<div class="tiles">{"".join(tiles)}</div>\n'
            f'<p>{len(tests)} tests; cases: {esc(counts_text(cases)) or "none"}.</p>\n'
            + (f"<ul>{items}</ul>\n" if items else ""))


def _configurations(man: dict[str, Any]) -> str:
    rows = []
    for c in as_list(man.get("host_configurations")):
        c = as_dict(c)
        h = as_dict(c.get("host"))
        key = f"{h.get('vmm')}/{h.get('accel')}/{h.get('arch')}"
        if c.get("ignored"):
            base = "expectations ignored (--no-expectations)"
        elif c.get("baseline"):
            base = f"baseline {esc(c['baseline'])} (verified {esc(c.get('baseline_date'))})"
        else:
            base = '<span class="new">no baseline</span>: unexpected results are new findings'
        rows.append(f'<tr><td class="mono">{esc(key)}</td><td>{esc(c.get("description", ""))}</td>'
                    f'<td class="mono nowrap">{esc(c.get("expectations") or "-")}</td><td>{base}</td></tr>')
    if not rows:
        return "<h2>Host configurations</h2>\n<p>None recorded (no test ran).</p>\n"
    return ('<h2>Host configurations</h2>\n<table class="confs"><tr><th>vmm/accel/arch</th>'
            "<th>description</th><th>expectations</th><th>baseline</th></tr>"
            f"{''.join(rows)}</table>\n")


def _assertion(a: dict[str, Any]) -> str:
    diag = as_dict(a.get("diag"))
    where = f' <span class="sub mono">{esc(diag["file"])}:{esc(diag.get("line", "?"))}</span>' \
        if "file" in diag else ""
    rows = [(k, f"<code>{esc(diag[k])}</code>") for k in ("expected", "actual") if k in diag]
    rows += [(k, f"<code>{esc(v)}</code>") for k, v in diag.items()
             if k not in ("file", "line", "expected", "actual")]
    reason = str(a.get("reason") or "")
    if reason:
        rows.append(("expectation" if _ITEM.match(reason) else "reason", esc(reason)))
    table = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return (f'<div class="as">{badge(str(a.get("verdict")))} {esc(a.get("number", "?"))} - '
            f'{esc(a.get("description", ""))}{where}{f"<table>{table}</table>" if table else ""}</div>')


def _case(c: dict[str, Any]) -> str:
    v = str(c.get("verdict"))
    asserts = [as_dict(a) for a in as_list(c.get("assertions"))]
    shown = [a for a in asserts if a.get("verdict") in _SHOWN]
    reason, exp = str(c.get("reason") or ""), str(c.get("expectation") or "")
    what = [esc(reason)] if reason and v != "PASS" and not exp.endswith(reason) else []
    if exp and not any(a.get("reason") == exp for a in shown):
        what.append(f'<span class="sub">expectation:</span> {esc(exp)}')
    what.append(f'<span class="sub">{len(asserts)} assertion{"" if len(asserts) == 1 else "s"}'
                f'{f", {len(shown)} shown" if shown else ""}</span>')
    return (f'<tr><td class="mono">{esc(c.get("name"))}</td><td>{badge(v)}</td>'
            f'<td>{"<br/>".join(what)}{"".join(_assertion(a) for a in shown)}</td></tr>')


def _test(i: int, t: dict[str, Any], page_path: str, cwd: str) -> str:
    v = str(t.get("verdict"))
    cases = [as_dict(c) for c in as_list(t.get("cases"))]
    counts = tally(cases)
    dur = t.get("duration")
    head = (f'{badge(v)} <span class="tid">{esc(t.get("id"))}</span> <span class="sub">'
            f'{esc(t.get("vmm"))}/{esc(t.get("accel"))}/{esc(t.get("arch"))}'
            f'{", " + fmt_seconds(dur) if isinstance(dur, (int, float)) and (dur or t.get("log")) else ""}'
            f'{"; " + esc(counts_text(counts)) if counts else ""}</span>{_new_tag(t)}'
            f'{" " + esc(t["reason"]) if t.get("reason") else ""}')
    log = str(t.get("log") or "")
    meta = [("log", f'<a href="{esc(href(log, page_path, cwd))}">{esc(log)}</a>' if log else "none")]
    if t.get("seed") is not None:
        meta.append(("seed", f'{esc(t["seed"])} (replay: <code>--seed {esc(t["seed"])}</code>)'))
    if t.get("exit_code") is not None or t.get("exit_signal") is not None:
        meta.append(("VMM exit", esc(f"status {t.get('exit_code')}" if t.get("exit_signal") is None
                                     else f"signal {t.get('exit_signal')}")))
    if t.get("expectation"):
        meta.append(("expectation", esc(t["expectation"])))
    masked = as_dict(t.get("masked"))
    if masked:
        meta.append(("masked by", ", ".join(f'{esc(k)} ({esc(n)})' for k, n in masked.items())))
    if t.get("baseline"):
        meta.append(("baseline", esc(t["baseline"])))
    cmd = [str(w) for w in as_list(t.get("cmdline"))]
    if cmd:
        meta.append(("command", f"<details><summary>{len(cmd)} words</summary>"
                                f"<pre>{esc(shlex.join(cmd))}</pre></details>"))
    detail = "".join(f"{esc(d)}\n" for d in as_list(t.get("detail")))
    body = _kv(meta) + (f"<pre>{detail}</pre>" if detail else "")
    if cases:
        body += ('<table class="cases"><tr><th>case</th><th>verdict</th><th>details</th></tr>'
                 + "".join(_case(c) for c in cases) + "</table>")
    opened = " open=\"open\"" if v in UNEXPECTED else ""
    return (f'<details class="test t-{vclass(v)}" id="t{i}"{opened}>'
            f"<summary>{head}</summary><div>{body}</div></details>")


def _expectations(doc: dict[str, Any]) -> str:
    uses = [as_dict(u) for u in as_list(doc.get("expectations"))]
    if not uses:
        return ""
    stale = sum(1 for u in uses if u.get("status") == "stale")
    rows = "".join(f'<tr><td class="mono">{esc(u.get("where"))}</td><td class="mono">'
                   f'{esc(u.get("pattern"))}</td><td>{esc(u.get("masked"))}</td><td>'
                   f'{"<b>stale</b>" if u.get("status") == "stale" else esc(u.get("status"))}</td></tr>'
                   for u in uses)
    note = f", <b>{stale} stale</b> (masked nothing although its test ran in full)" if stale else ""
    return (f"<h2>Expectations items</h2>\n<details><summary>{len(uses)} active items, "
            f"{sum(1 for u in uses if u.get('masked'))} used{note}</summary><table><tr><th>item</th>"
            f"<th>pattern</th><th>masked</th><th>status</th></tr>{rows}</table></details>\n")


def _manifest(man: dict[str, Any]) -> str:
    host = as_dict(man.get("host"))
    cpu = as_dict(host.get("cpu"))
    kvm = as_dict(man.get("kvm"))
    rows = [("suite commit", f'<span class="mono">{esc(man.get("suite_commit", "unknown"))}</span>'),
            ("host", esc(host.get("hostname", "?"))),
            ("kernel", esc(host.get("kernel", "?"))),
            ("CPU", esc(f"{cpu.get('model', '?')} ({cpu.get('vendor', '?')} family {cpu.get('family', '?')} "
                        f"model {cpu.get('model_number', '?')} stepping {cpu.get('stepping', '?')}, "
                        f"microcode {cpu.get('microcode') or '?'}), {cpu.get('count', '?')} CPUs")),
            ("KVM module", esc(kvm.get("vendor_module", "?")))]
    for v in as_dict(man.get("vmms")).values():
        v = as_dict(v)
        rows.append((f"VMM {v.get('vmm', '?')}", esc(f"{v.get('version', '?')} ({v.get('path', '?')})")))
    for arch, a in as_dict(man.get("accelerators")).items():
        a = as_dict(a)
        rows.append((f"accel {arch}", esc(f"{a.get('accel', '?')} ({a.get('why', '')})")))
    rows += [("Python", esc(host.get("python", "?"))),
             ("command", f'<code>{esc(shlex.join(str(w) for w in as_list(man.get("command_line"))))}</code>'),
             ("directory", f'<code>{esc(man.get("cwd", "?"))}</code>')]
    flags = " ".join(str(f) for f in as_list(cpu.get("flags")))
    params = "".join(f"{esc(m)}: " + " ".join(f"{esc(k)}={esc(v)}" for k, v in as_dict(p).items()) + "\n"
                     for m, p in as_dict(kvm.get("modules")).items())
    extra = ""
    if flags:
        extra += f"<details><summary>CPU flags</summary><pre>{esc(flags)}</pre></details>"
    if params:
        extra += f"<details><summary>KVM module parameters</summary><pre>{params}</pre></details>"
    return f"<h2>Host manifest</h2>\n{_kv(rows)}{extra}\n"


def render(doc: dict[str, Any], page_path: str) -> str:
    """The page for the JSON report DOC, to be written at PAGE_PATH (log links are relative to it)."""
    man = as_dict(doc.get("manifest"))
    tests = [as_dict(t) for t in as_list(doc.get("tests"))]
    cwd = str(man.get("cwd") or ".")
    run_id = str(man.get("run_id", "?"))
    head = (f"<h1>hvtest run {esc(run_id)}</h1>\n<p class=\"sub\">{esc(man.get('date', '?'))} on "
            f"{esc(as_dict(man.get('host')).get('hostname', '?'))}; "
            f"{esc(', '.join(vmm_accels(doc)))}; "
            f"suite {esc(str(man.get('suite_commit', 'unknown'))[:12])}</p>\n")
    body = (head + _summary(doc, tests) + _configurations(man)
            + f"<h2>Timeline</h2>\n{svg(tests)}\n"
            + '<h2>Tests</h2>\n<p class="toggles" data-target="details.test"></p>\n'
            + "\n".join(_test(i, t, page_path, cwd) for i, t in enumerate(tests)) + "\n"
            + _expectations(doc) + _manifest(man))
    return page(f"hvtest run {run_id}", body)


def write(path: str, doc: dict[str, Any]) -> None:
    write_text(path, render(doc, path))
