# SPDX-License-Identifier: GPL-2.0-only
"""Shared helpers for the runner unit tests: import path and fixtures."""
from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(ROOT, "scripts")
FAKE = os.path.join(HERE, "fakevmm.py")
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)

GROUPS = "[groups]\nquick = quick tests\nnodefault = explicit only\nslow = slow ones\n\n"


def fake_build(tmp: str, names: list[str]) -> str:
    build = os.path.join(tmp, "build")
    os.makedirs(os.path.join(build, "x86_64"), exist_ok=True)
    for n in names:
        open(os.path.join(build, "x86_64", f"{n}.elf"), "w").close()
    return build


def write(path: str, text: str) -> str:
    with open(path, "w") as f:
        f.write(text)
    return path


def read(path: str) -> str:
    with open(path) as f:
        return f.read()


def jload(path: str) -> Any:
    import json
    return json.loads(read(path))


def tempdir(test: Any) -> str:
    d = tempfile.TemporaryDirectory(prefix="hvtest-ut-")
    test.addCleanup(d.cleanup)
    return d.name
