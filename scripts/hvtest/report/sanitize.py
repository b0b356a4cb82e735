# SPDX-License-Identifier: GPL-2.0-only
"""Guest text made harmless where a report re-emits it.

A guest controls every byte of its console, so a description, reason or
register dump may hold escape sequences that would move the cursor or
rewrite earlier lines of a terminal, bidirectional overrides that reorder
text, or characters XML 1.0 cannot carry.  These helpers show such
characters as visible escapes (`\\x1b`, `\\u202e`) instead of dropping
them, so the report still says what the guest printed.
"""
from __future__ import annotations

import unicodedata

# Unicode categories never shown as themselves: controls, format characters
# (bidi overrides, zero-width), surrogates, private use, unassigned.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def _escape(ch: str) -> str:
    o = ord(ch)
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"


def visible(text: str) -> str:
    """One line for a terminal: tabs become spaces, other hidden characters escapes."""
    if text.isprintable():
        return text
    return "".join(" " if ch == "\t" else _escape(ch) if unicodedata.category(ch) in _HIDDEN
                   else ch for ch in text)


def _xml_ok(ch: str) -> bool:
    o = ord(ch)
    return (o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD
            or 0x10000 <= o <= 0x10FFFF) and not 0x7F <= o <= 0x9F


def xml_text(text: str) -> str:
    """TEXT with every character XML 1.0 forbids (or discourages: C1 controls) escaped."""
    return "".join(ch if _xml_ok(ch) else _escape(ch) for ch in text)
