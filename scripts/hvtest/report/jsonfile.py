"""--json FILE: one JSON document, rewritten atomically after every test."""
from __future__ import annotations

import json
import os
import tempfile
from typing import Any

from ..model import TestResult

FORMAT = "hvtest-results"
VERSION = 1


def atomic_write(path: str, text: str) -> None:
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=d)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def document(manifest: dict[str, Any], results: list[TestResult], complete: bool,
             interrupted: bool, summary: dict[str, Any] | None,
             expectations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "complete": complete,
            "interrupted": interrupted, "manifest": manifest,
            "tests": [r.to_json() for r in results], "summary": summary or {},
            "expectations": expectations or []}


def write_document(path: str, doc: dict[str, Any]) -> None:
    atomic_write(path, json.dumps(doc, indent=1) + "\n")


def write(path: str, manifest: dict[str, Any], results: list[TestResult], complete: bool,
          interrupted: bool, summary: dict[str, Any] | None = None,
          expectations: list[dict[str, Any]] | None = None) -> None:
    write_document(path, document(manifest, results, complete, interrupted, summary, expectations))
