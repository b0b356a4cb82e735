# SPDX-License-Identifier: GPL-2.0-only
"""What the HTML pages share: escaping, verdict colours, CSS, the page frame.

A page is one self-contained file: inline CSS, a few lines of inline script
(expand/collapse all, open the test a link points at) that the page does
not need to be read, and a Content-Security-Policy that allows nothing else
(no network, no other script, style or image).  The markup is also
well-formed XML (every element closed, attributes quoted, no named entity,
no `<` or `&` in the CSS or the script), so tests parse it with
xml.etree.ElementTree.

Every string goes through esc(): HTML-escaped, and with control, format
and other invisible characters shown as `\\x1b`-style escapes, since a
guest controls every byte of its console.
"""
from __future__ import annotations

import base64
import hashlib
import html
import os
import pathlib
import urllib.parse
from typing import Any, Iterable

from ..model import UNEXPECTED as _UNEXPECTED, Verdict
from .sanitize import visible

# verdict -> (strong colour, text on it, light tint for table cells, text on the tint)
COLOURS: dict[str, tuple[str, str, str, str]] = {
    "PASS": ("#1a7f37", "#ffffff", "#dafbe1", "#116329"),
    "FAIL": ("#cf222e", "#ffffff", "#ffebe9", "#a40e26"),
    "SKIP": ("#d4a72c", "#1f2328", "#fff8c5", "#7d4e00"),
    "XFAIL": ("#2f6fb0", "#ffffff", "#ddeaf8", "#1d4f85"),
    "XPASS": ("#8250df", "#ffffff", "#efe5ff", "#6639ba"),
    "TIMEOUT": ("#bc4c00", "#ffffff", "#fff1e5", "#953800"),
    "CRASH": ("#82071e", "#ffffff", "#ffcecb", "#82071e"),
    "ERROR": ("#24292f", "#ffffff", "#e6e9ed", "#24292f"),
    "unknown": ("#8c959f", "#ffffff", "#f6f8fa", "#59636e"),
}
ORDER = [v.value for v in Verdict]
UNEXPECTED = frozenset(v.value for v in _UNEXPECTED)


def esc(value: object) -> str:
    """VALUE as HTML text or attribute value, invisible characters shown as escapes."""
    return html.escape(visible(str(value)), quote=True)


def as_list(value: Any) -> list[Any]:
    """VALUE if it is a list, else [] (a report from elsewhere may lack a key)."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    """VALUE if it is a dict, else {}."""
    return value if isinstance(value, dict) else {}


def vclass(verdict: str) -> str:
    """The CSS class suffix of VERDICT ("unknown" for anything a report should not hold)."""
    return verdict if verdict in COLOURS else "unknown"


def badge(verdict: str) -> str:
    return f'<span class="v v-{vclass(verdict)}">{esc(verdict)}</span>'


def tally(items: Iterable[Any]) -> dict[str, int]:
    """How many of ITEMS (tests or cases of a report) have each verdict."""
    counts: dict[str, int] = {}
    for it in items:
        v = str(as_dict(it).get("verdict"))
        counts[v] = counts.get(v, 0) + 1
    return counts


def counts_text(counts: dict[str, int]) -> str:
    """"8 pass, 3 skip" in verdict order (the terminal's wording)."""
    known = [v for v in ORDER if counts.get(v)]
    other = sorted(v for v in counts if v not in ORDER and counts[v])
    return ", ".join(f"{counts[v]} {v.lower()}" for v in known + other)


def fmt_seconds(s: float) -> str:
    return f"{s:.2f} s" if s < 100 else f"{s:.0f} s"


def href(path: str, page: str, cwd: str) -> str:
    """A link to PATH (relative to CWD unless absolute) from the page written at PAGE:
    relative when PATH lies below the page's directory (a page next to logs/), else an
    absolute file: URI."""
    target = os.path.abspath(os.path.join(cwd, path))
    rel = os.path.relpath(target, os.path.dirname(os.path.abspath(page)))
    if rel.startswith(".."):
        return pathlib.PurePosixPath(target).as_uri()
    return urllib.parse.quote(rel)


def _verdict_css() -> str:
    out = []
    for v, (strong, text, tint, tint_text) in COLOURS.items():
        out.append(f".v-{v}{{background:{strong};color:{text}}}"
                   f".c-{v}{{background:{tint};color:{tint_text}}}"
                   f".t-{v}{{border-left:6px solid {strong}}}")
    return "\n".join(out)


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;
 margin:0 auto;max-width:1400px;padding:16px 24px 48px;background:#fff}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
a{color:#0969da}
.sub{color:#59636e}
code,pre,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:8px 10px;margin:6px 0;
 white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #eaeef2}
th{background:#f6f8fa;font-weight:600}
table.kv th{background:none;color:#59636e;font-weight:normal;white-space:nowrap}
.v{display:inline-block;min-width:4.6em;text-align:center;padding:0 6px;border-radius:4px;
 font:600 12px/1.6 ui-monospace,"DejaVu Sans Mono",monospace}
.tiles{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.tile{border-radius:8px;padding:6px 14px;min-width:84px}
.tile b{display:block;font-size:24px;line-height:1.2}
.tile.zero{opacity:.3}
.banner{border-radius:6px;padding:8px 12px;margin:8px 0;font-weight:600}
.ok{background:#dafbe1;color:#1a7f37}
.bad{background:#ffebe9;color:#cf222e}
.warn{background:#fff8c5;color:#7d4e00}
.new{display:inline-block;border:1px dashed #bc4c00;color:#bc4c00;border-radius:4px;padding:0 5px;
 font-size:12px;font-weight:600;white-space:nowrap}
details.test{border:1px solid #d0d7de;border-radius:6px;margin:6px 0}
details.test>summary{padding:5px 10px;cursor:pointer}
details.test[open]>summary{border-bottom:1px solid #d0d7de;background:#f6f8fa}
details.test>div{padding:6px 12px 10px}
details.test table.cases{width:100%}
table.cases td:first-child{width:14em;overflow-wrap:anywhere}
.tid{font-weight:600;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.as{margin:4px 0 8px}
.as table{margin:2px 0 0 2em}
.as th{background:none;color:#59636e;font-weight:normal;padding:1px 8px 1px 0;border:0}
.as td{padding:1px 0;border:0}
table.confs{width:100%}
.nowrap{white-space:nowrap}
.toggles button{margin-right:6px;font:inherit;padding:2px 10px}
svg text{font:11px system-ui,sans-serif}
.matrix{table-layout:fixed;width:100%}
.matrix col.name{width:30%}
table.runs{width:100%}
.runs td{white-space:nowrap}
.runs td.desc{white-space:normal}
.matrix th{position:sticky;top:0;font-weight:normal;border-bottom:1px solid #d0d7de}
.matrix td,.matrix th{overflow-wrap:anywhere}
.matrix td.c{text-align:center;font:600 12px ui-monospace,"DejaVu Sans Mono",monospace}
.matrix tr.test td{border-top:1px solid #d0d7de}
.matrix tr.test td.name{font-weight:600}
.matrix .pre{color:#8c959f}
.c-absent{background:#fff;color:#8c959f}
""" + _verdict_css()

# Opens the <details> a #fragment points at; adds "expand all"/"collapse all" buttons to
# every .toggles box (data-target: which <details>).  No "<" and no "&": the page stays XML.
SCRIPT = """
(function () {
  function reveal() {
    var e = document.getElementById(location.hash.slice(1));
    if (e !== null) { if (e.tagName === "DETAILS") { e.open = true; } e.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  if (location.hash) { reveal(); }
  document.querySelectorAll(".toggles").forEach(function (box) {
    [["Expand all", true], ["Collapse all", false]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b[0];
      button.addEventListener("click", function () {
        document.querySelectorAll(box.dataset.target).forEach(function (d) { d.open = b[1]; });
      });
      box.appendChild(button);
    });
  });
})();
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CSP = f"default-src 'none'; style-src {_sha256(CSS)}; script-src {_sha256(SCRIPT)}"


def page(title: str, body: str) -> str:
    """The whole document: TITLE (escaped here) and BODY (markup built with esc())."""
    return ('<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en">\n<head>\n'
            '<meta charset="utf-8"/>\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}"/>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
