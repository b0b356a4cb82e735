# SPDX-License-Identifier: GPL-2.0-only
"""Where a report goes (docs/results.md, "Report files").

- `-` is standard output;
- a regular file (or a path that does not exist yet) is replaced
  atomically: written beside it, then renamed over it, so a reader never
  sees half a report;
- a symbolic link is followed and its target handled by these rules (the
  link stays a link);
- anything else (a terminal, /dev/stdout, a FIFO, a device) is written
  through, never replaced.

New files get mode 0666 less the umask, like any file a shell redirection
creates, so an artifact server running as another user can read them.
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile

STDOUT = "-"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()


def target(path: str) -> str:
    """PATH with symbolic links resolved (what is written in the end)."""
    return os.path.realpath(path) if os.path.islink(path) else path


def replaceable(path: str) -> bool:
    """True when PATH is written by atomic replacement (and so may be rewritten during a run)."""
    if path == STDOUT:
        return False
    try:
        return stat.S_ISREG(os.stat(target(path)).st_mode)
    except FileNotFoundError:
        return True


def is_stdout(path: str) -> bool:
    """True when writing PATH writes this process's standard output."""
    if path == STDOUT:
        return True
    try:
        a, b = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError):
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def write_text(path: str, text: str) -> None:
    if path == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    dest = target(path)
    if not replaceable(dest):
        with open(dest, "w", encoding="utf-8") as f:
            f.write(text)
        return
    d = os.path.dirname(os.path.abspath(dest))
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=d)
    try:
        os.fchmod(fd, _MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
