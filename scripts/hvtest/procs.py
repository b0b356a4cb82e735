# SPDX-License-Identifier: GPL-2.0-only
"""Live VMM process groups, so that every exit path can kill them all,
including the runner's own death (through an attached watchdog).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from .watchdog import Watchdog


class ProcRegistry:
    """VMMs run as session (and process-group) leaders; the group id is the pid.

    A pid stays registered until its owner reaps it under the lock, so a
    group id here never refers to a recycled pid.  With a watchdog attached,
    every add and reap is forwarded to it (one pipe write each).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._procs: dict[int, subprocess.Popen[bytes]] = {}
        self._watchdog: Watchdog | None = None

    def attach(self, watchdog: Watchdog) -> None:
        with self.lock:
            self._watchdog = watchdog

    def detach(self) -> None:
        """Stop the attached watchdog (it kills whatever is left registered)."""
        with self.lock:
            watchdog, self._watchdog = self._watchdog, None
        if watchdog is not None:
            watchdog.close()

    def child_env(self, env: dict[str, str] | None) -> dict[str, str] | None:
        """The environment to start a VMM with: tagged for the watchdog, if any."""
        with self.lock:
            return env if self._watchdog is None else self._watchdog.env(env)

    def add(self, proc: subprocess.Popen[bytes]) -> None:
        with self.lock:
            self._procs[proc.pid] = proc
            self._tell(f"+{proc.pid}")

    def reap(self, proc: subprocess.Popen[bytes]) -> int:
        """Kill what is left of the group, unregister and reap the leader."""
        with self.lock:
            killpg(proc.pid, signal.SIGKILL)
            self._procs.pop(proc.pid, None)
            self._tell(f"-{proc.pid}")
        return proc.wait()

    def _tell(self, line: str) -> None:
        if self._watchdog is not None and not self._watchdog.tell(line):
            print("hvtest: warning: the watchdog is gone; VMMs would outlive a killed runner",
                  file=sys.stderr)
            self._watchdog.close()
            self._watchdog = None

    def kill_all(self, sig: int) -> int:
        with self.lock:
            for pid in self._procs:
                killpg(pid, sig)
            return len(self._procs)

    def __len__(self) -> int:
        with self.lock:
            return len(self._procs)


def killpg(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


REGISTRY = ProcRegistry()
