# SPDX-License-Identifier: GPL-2.0-only
"""Paths as reports show them: relative to the repository (they move with
the checkout), resolved again where a file is read."""
from __future__ import annotations

import os

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# make install writes this file: the tree is read-only, work files go to the cwd.
INSTALLED = os.path.isfile(os.path.join(REPO_ROOT, "INSTALLED"))


def repo_path(path: str) -> str:
    """Relative to the repository when below it, else absolute."""
    rel = os.path.relpath(path, REPO_ROOT)
    return os.path.abspath(path) if rel.startswith("..") else rel


def resolve(path: str) -> str:
    """A path from a report (repo_path) as an absolute path."""
    return path if os.path.isabs(path) else os.path.join(REPO_ROOT, path)


def show_path(path: str) -> str:
    """For the terminal: relative to the current directory when below it, else absolute."""
    rel = os.path.relpath(resolve(path))
    return os.path.abspath(resolve(path)) if rel.startswith("..") else rel
