# SPDX-License-Identifier: GPL-2.0-only
"""The run's timeline as inline SVG: which test ran in which parallel slot, when.

Each test that was started is a bar from its `start` to its `end` (epoch
seconds in the JSON report), coloured by verdict, with a tooltip (<title>)
and a link to the test on the page.  Slots are assigned greedily: a test
takes the lowest slot that is free when it starts, so the number of rows
is the run's peak parallelism.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .html_page import COLOURS, badge, esc, fmt_seconds, vclass

LEFT, WIDTH, RIGHT = 58, 1000, 14     # slot labels, plot, margin (SVG user units)
TOP, ROW, GAP = 24, 22, 5             # time axis, bar height, space between rows
SLACK = 1e-3                          # seconds: a test starting as another ends reuses its slot
CHAR = 6.4                            # approximate width of a label character
_STEPS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)


@dataclass
class Bar:
    index: int            # the test's position in the report (its anchor is t<index>)
    test: dict[str, Any]
    start: float
    end: float
    slot: int = 0


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def bars(tests: list[dict[str, Any]]) -> list[Bar]:
    """Bars of the tests that were started (they have a log or took time), slots assigned."""
    out = []
    for i, t in enumerate(tests):
        start, end = _number(t.get("start")), _number(t.get("end"))
        if start is None or end is None or start <= 0 or not (t.get("log") or end > start):
            continue
        out.append(Bar(i, t, start, max(start, end)))
    ends: list[float] = []
    for b in sorted(out, key=lambda b: (b.start, b.end)):
        free = [k for k, e in enumerate(ends) if e <= b.start + SLACK]
        b.slot = free[0] if free else len(ends)
        if free:
            ends[b.slot] = b.end
        else:
            ends.append(b.end)
    return out


def _step(span: float) -> float:
    return next((s for s in _STEPS if span / s <= 10), _STEPS[-1])


def _tick_label(t: float, step: float) -> str:
    if step < 1:
        return f"{t:.1f}s"
    if step >= 60:
        return f"{int(t) // 60}:{int(t) % 60:02d}"
    return f"{t:.0f}s"


def _bar(b: Bar, t0: float, scale: float) -> str:
    t = b.test
    v = str(t.get("verdict", "?"))
    strong, text, _, _ = COLOURS[vclass(v)]
    x, y = LEFT + (b.start - t0) * scale, TOP + b.slot * (ROW + GAP)
    w = max(2.0, (b.end - b.start) * scale)
    name = str(t.get("id", "?"))
    tip = [f"{esc(name)}: {esc(v)}",
           esc(f"{t.get('vmm')}/{t.get('accel')}/{t.get('arch')}, slot {b.slot + 1}"),
           f"+{b.start - t0:.2f} s to +{b.end - t0:.2f} s ({fmt_seconds(b.end - b.start)})"]
    if t.get("reason"):
        tip.append(esc(t["reason"]))
    label = ""
    if w >= len(name) * CHAR + 8:
        label = f'<text x="{x + 4:.1f}" y="{y + 15:.1f}" fill="{text}">{esc(name)}</text>'
    return (f'<a href="#t{b.index}"><title>{chr(10).join(tip)}</title>'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{ROW}" rx="3" '
            f'fill="{strong}" stroke="#ffffff" stroke-width="0.5"/>{label}</a>')


def svg(tests: list[dict[str, Any]]) -> str:
    """The timeline section's markup: the SVG, a legend and a caption."""
    bs = bars(tests)
    if not bs:
        return "<p>No test was started.</p>"
    t0, t1 = min(b.start for b in bs), max(b.end for b in bs)
    span = max(t1 - t0, 0.01)
    scale = WIDTH / span
    slots = max(b.slot for b in bs) + 1
    height = TOP + slots * (ROW + GAP) + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEFT + WIDTH + RIGHT} {height}" '
           f'width="100%" role="img" aria-label="timeline of the run: {len(bs)} tests in {slots} slots">']
    step = _step(span)
    k = 0
    while k * step <= span + 1e-9:
        x = LEFT + k * step * scale
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 2}" '
                   'stroke="#d0d7de" stroke-width="1"/>'
                   f'<text x="{x:.1f}" y="{TOP - 10}" text-anchor="middle" fill="#59636e">'
                   f"{_tick_label(k * step, step)}</text>")
        k += 1
    for s in range(slots):
        out.append(f'<text x="{LEFT - 8}" y="{TOP + s * (ROW + GAP) + 15}" text-anchor="end" '
                   f'fill="#59636e">slot {s + 1}</text>')
    out.extend(_bar(b, t0, scale) for b in bs)
    out.append("</svg>")
    seen = sorted({vclass(str(b.test.get("verdict"))) for b in bs}, key=list(COLOURS).index)
    not_run = len(tests) - len(bs)
    caption = (f"{len(bs)} tests in {slots} parallel slot{'s' if slots > 1 else ''} over "
               f"{fmt_seconds(t1 - t0)}; hover a bar for its times, click it for the test.")
    if not_run:
        caption += f" {not_run} test{'s' if not_run > 1 else ''} not started (not drawn)."
    return ("\n".join(out) + f'\n<p class="sub">{" ".join(badge(v) for v in seen)} '
            f"{caption}</p>")
