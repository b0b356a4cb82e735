"""Live VMM process groups, so that every exit path can kill them all."""
from __future__ import annotations

import os
import signal
import subprocess
import threading


class ProcRegistry:
    """VMMs run as session (and process-group) leaders; the group id is the pid.

    A pid stays registered until its owner reaps it under the lock, so a
    group id here never refers to a recycled pid.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._procs: dict[int, subprocess.Popen[bytes]] = {}

    def add(self, proc: subprocess.Popen[bytes]) -> None:
        with self.lock:
            self._procs[proc.pid] = proc

    def reap(self, proc: subprocess.Popen[bytes]) -> int:
        """Kill what is left of the group, unregister and reap the leader."""
        with self.lock:
            killpg(proc.pid, signal.SIGKILL)
            self._procs.pop(proc.pid, None)
        return proc.wait()

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
