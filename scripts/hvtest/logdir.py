# SPDX-License-Identifier: GPL-2.0-only
"""Run log directories under the log dir: creation, a lock held for the
run's lifetime, the `latest` link, and pruning of finished runs.

A run directory is named `YYYYmmdd-HHMMSS-PID` (its start).  It holds
`.lock`, flock()ed exclusively by the run while it lives (the kernel drops
the lock when the runner dies, however it dies), and `.finished`, written
when the run ends: its mtime is the run's completion time.  Pruning never
removes a directory whose lock is held, and removes the oldest by
completion time; a run that never finished counts from its start time.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import time

LOCK = ".lock"
FINISHED = ".finished"
LATEST = "latest"
_RUN_DIR_RE = re.compile(r"(\d{8}-\d{6})-\d+(?:\.\d+)?\Z")


class RunDir:
    """A run's log directory, locked until finish()."""

    def __init__(self, run_id: str, path: str, lock_fd: int) -> None:
        self.run_id = run_id
        self.path = path
        self._lock_fd: int | None = lock_fd

    @classmethod
    def create(cls, log_dir: str) -> "RunDir":
        """Create and lock a new run directory, then point `latest` at it.

        The directory is built under a hidden name and renamed into place with
        its lock already held, so no pruner ever sees it unlocked.  A second run
        of the same process within a second gets a `.N` suffix.
        """
        os.makedirs(log_dir, exist_ok=True)
        base = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"
        tmp = os.path.join(log_dir, f".{base}.new")
        os.mkdir(tmp)
        fd = os.open(os.path.join(tmp, LOCK), os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        for n in range(1, 1000):
            run_id = base if n == 1 else f"{base}.{n}"
            path = os.path.join(log_dir, run_id)
            if os.path.lexists(path):
                continue
            try:
                os.rename(tmp, path)
                break
            except OSError:
                continue
        else:
            os.close(fd)
            shutil.rmtree(tmp, ignore_errors=True)
            raise FileExistsError(f"no free run directory name for {base} in {log_dir}")
        _point_latest(log_dir, run_id)
        return cls(run_id, path, fd)

    def finish(self) -> None:
        """Record the completion time and release the lock (idempotent)."""
        if self._lock_fd is None:
            return
        try:
            with open(os.path.join(self.path, FINISHED), "w") as f:
                f.write(time.strftime("%Y-%m-%dT%H:%M:%S%z\n"))
        except OSError:
            pass
        os.close(self._lock_fd)
        self._lock_fd = None


def _point_latest(log_dir: str, run_id: str) -> None:
    latest = os.path.join(log_dir, LATEST)
    if os.path.exists(latest) and not os.path.islink(latest):
        return                               # not ours to replace
    tmp = os.path.join(log_dir, f".{LATEST}.{os.getpid()}")
    try:
        os.symlink(run_id, tmp)
        os.replace(tmp, latest)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def is_live(path: str) -> bool:
    """True while a run holds PATH's lock (a shared probe: probes never block each other)."""
    try:
        fd = os.open(os.path.join(path, LOCK), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def completed_at(path: str) -> float:
    """The run's completion time; its start time (from the name) if it never finished."""
    try:
        return os.stat(os.path.join(path, FINISHED)).st_mtime
    except OSError:
        pass
    m = _RUN_DIR_RE.match(os.path.basename(path))
    try:
        return time.mktime(time.strptime(m.group(1), "%Y%m%d-%H%M%S")) if m else 0.0
    except (ValueError, OverflowError):
        return 0.0


def prune_logs(log_dir: str, keep: int) -> list[str]:
    """Remove run directories beyond the newest KEEP by completion (0 keeps all).

    Live runs count among the newest and are never removed.  Returns the
    names removed, oldest first.
    """
    if keep <= 0:
        return []
    try:
        names = [d for d in os.listdir(log_dir)
                 if _RUN_DIR_RE.match(d) and os.path.isdir(os.path.join(log_dir, d))
                 and not os.path.islink(os.path.join(log_dir, d))]
    except OSError:
        return []
    order = sorted((float("inf") if is_live(p) else completed_at(p), d)
                   for d, p in ((d, os.path.join(log_dir, d)) for d in names))
    gone = []
    for when, d in order[:max(len(order) - keep, 0)]:
        if when != float("inf"):
            shutil.rmtree(os.path.join(log_dir, d), ignore_errors=True)
            gone.append(d)
    return gone
