# SPDX-License-Identifier: GPL-2.0-only
"""--json FILE: one JSON document, rewritten after every test (report/output.py)."""
from __future__ import annotations

import json
from typing import Any

from ..model import TestResult
from .output import write_text

FORMAT = "hvtest-results"
VERSION = 1


def document(manifest: dict[str, Any], results: list[TestResult], complete: bool,
             interrupted: bool, summary: dict[str, Any] | None,
             expectations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "complete": complete,
            "interrupted": interrupted, "manifest": manifest,
            "tests": [r.to_json() for r in results], "summary": summary or {},
            "expectations": expectations or []}


def write_document(path: str, doc: dict[str, Any]) -> None:
    write_text(path, json.dumps(doc, indent=1) + "\n")


def write(path: str, manifest: dict[str, Any], results: list[TestResult], complete: bool,
          interrupted: bool, summary: dict[str, Any] | None = None,
          expectations: list[dict[str, Any]] | None = None) -> None:
    write_document(path, document(manifest, results, complete, interrupted, summary, expectations))
