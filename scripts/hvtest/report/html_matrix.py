# SPDX-License-Identifier: GPL-2.0-only
"""--html-matrix OUT.html A.json B.json ...: several runs side by side on one page.

Rows are the tests and their cases (triage.table(), the rows of
--compare), columns the runs (TCG vs KVM vs Bochs, or two hosts), each
cell coloured by verdict.  The rows that differ come first; the rows that
are the same in every run follow, collapsed.
"""
from __future__ import annotations

import os
from typing import Any

from ..triage import row_key, table, vmm_accels
from .html_page import ORDER, as_dict, as_list, badge, counts_text, esc, href, page, tally, vclass
from .output import write_text

Row = tuple[str, list[str]]


def ordered(rows: list[Row], tests: set[str]) -> tuple[list[Row], list[Row]]:
    """(rows that differ, rows that agree); a case row follows its test's row (first-seen
    order of the tests), even when the case was first seen in a later run."""
    test_order = {k: i for i, (k, _) in enumerate(r for r in rows if r[0] in tests)}

    def base(key: str) -> str:
        if key in tests:
            return key
        return max((t for t in tests if key.startswith(t + "/")), key=len, default=key)

    grouped = sorted(rows, key=lambda r: (test_order.get(base(r[0]), len(test_order)), r[0] not in tests))
    return ([r for r in grouped if len(set(r[1])) > 1], [r for r in grouped if len(set(r[1])) == 1])


def _run(n: int, path: str, doc: dict[str, Any], page_path: str) -> str:
    """The row of run N in the table of runs."""
    man = as_dict(doc.get("manifest"))
    descs = [str(as_dict(c).get("description", "")) for c in as_list(man.get("host_configurations"))]
    counts = tally(as_list(doc.get("tests")))
    return (f'<tr><td>[{n}]</td><td><a href="{esc(href(path, page_path, os.getcwd()))}">'
            f'{esc(os.path.basename(path))}</a></td><td class="mono">{esc(", ".join(vmm_accels(doc)))}</td>'
            f'<td class="desc">{"<br/>".join(esc(d) for d in descs) or "none"}</td>'
            f'<td>{esc(as_dict(man.get("host")).get("hostname", "?"))}</td>'
            f'<td>{esc(man.get("date", "?"))}</td>'
            f'<td class="mono">{esc(str(man.get("suite_commit", "unknown"))[:12])}</td>'
            f'<td>{sum(counts.values())}: {esc(counts_text(counts)) or "none"}</td></tr>')


def _head(n: int, path: str, doc: dict[str, Any]) -> str:
    """The column header of run N: its number, file name and VMM/accelerator."""
    return (f'<th>[{n}] {esc(os.path.basename(path))}<br/>'
            f'<span class="mono">{esc(", ".join(vmm_accels(doc)) or "empty")}</span></th>')


def _row(row: Row, tests: set[str]) -> str:
    key, verdicts = row
    if key in tests:
        name = f'<td class="name mono">{esc(key)}</td>'
    else:
        test = max((t for t in tests if key.startswith(t + "/")), key=len, default="")
        name = (f'<td class="name mono"><span class="pre">{esc(key[:len(test) + 1])}</span>'
                f"{esc(key[len(test) + 1:])}</td>")
    cells = "".join('<td class="c c-absent" title="not in this run">-</td>' if v == "-"
                    else f'<td class="c c-{vclass(v)}">{esc(v)}</td>' for v in verdicts)
    return f'<tr class="{"test" if key in tests else "case"}">{name}{cells}</tr>'


def _table(head: str, rows: list[Row], tests: set[str], ncols: int) -> str:
    return (f'<table class="matrix"><colgroup><col class="name"/>{"<col/>" * ncols}</colgroup>'
            f'<tr><th>test / case</th>{head}</tr>{"".join(_row(r, tests) for r in rows)}</table>')


def render(paths: list[str], docs: list[dict[str, Any]], page_path: str) -> str:
    """The matrix of the JSON reports DOCS (read from PATHS), to be written at PAGE_PATH."""
    rows = table(docs)
    tests = {row_key(t) for d in docs for t in d.get("tests", [])}
    differ, same = ordered(rows, tests)
    head = "".join(_head(n, p, d) for n, (p, d) in enumerate(zip(paths, docs), 1))
    runs = "".join(_run(n, p, d, page_path) for n, (p, d) in enumerate(zip(paths, docs), 1))
    ntests = sum(1 for k, _ in rows if k in tests)
    dtests = sum(1 for k, _ in differ if k in tests)
    legend = " ".join(badge(v) for v in ORDER)
    body = [f"<h1>hvtest matrix: {len(docs)} runs</h1>",
            f'<p>{len(rows)} rows ({ntests} tests, {len(rows) - ntests} cases): <b>{len(differ)} differ</b> '
            f"({dtests} tests, {len(differ) - dtests} cases), {len(same)} are the same in every run. "
            '"-": not in that run.</p>',
            f'<p class="sub">{legend}</p>',
            "<h2>Runs</h2>", '<table class="runs"><tr><th></th><th>report</th><th>vmm/accel</th>'
            "<th>host configuration</th><th>host</th><th>date</th><th>suite</th><th>tests</th></tr>"
            f"{runs}</table>"]
    if differ:
        body += [f"<h2>Rows that differ ({len(differ)})</h2>", _table(head, differ, tests, len(docs))]
    else:
        body.append('<div class="banner ok">No difference: every row has the same verdict in every run.'
                    "</div>")
    if same:
        body += [f"<h2>Rows that are the same ({len(same)})</h2>",
                 f"<details><summary>show {len(same)} rows</summary>"
                 f"{_table(head, same, tests, len(docs))}</details>"]
    return page(f"hvtest matrix: {', '.join(os.path.basename(p) for p in paths)}", "\n".join(body))


def write(path: str, paths: list[str], docs: list[dict[str, Any]]) -> None:
    write_text(path, render(paths, docs, path))
