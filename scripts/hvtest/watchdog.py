# SPDX-License-Identifier: GPL-2.0-only
"""Watchdog: kills the runner's VMMs when the runner dies, however it dies.

The runner starts one watchdog per run (`Watchdog.start()`), in a session of
its own so that a terminal hangup or a kill of the runner's process group
does not reach it.  Its stdin is the read end of a pipe whose only write end
the runner holds; the runner writes one ASCII line per event:

    +PGID   a VMM process group started
    -PGID   that group was killed and its leader reaped
    end     orderly shutdown (sent just before the runner closes the pipe)

Every VMM also carries `HVTEST_RUN=<token>` in its environment.  When the
pipe reaches end of file (orderly close, exit, kill -9, OOM kill: the kernel
closes the write end in every case), the watchdog SIGKILLs every group still
registered, then kills every process that still carries the token (a VMM
forked but not yet registered, a helper that left its group), and exits.
Without the `end` line it sweeps a few more times, to catch a VMM that was
between fork and exec when the runner died.

    python3 watchdog.py TOKEN        (standard library only, no package imports)
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

ENV_KEY = "HVTEST_RUN"
STOP_WAIT = 5.0              # seconds the runner waits for an orderly exit
LATE_SWEEPS = (0.05, 0.2, 0.5)  # extra sweeps after an abrupt runner death
MAX_SWEEPS = 5


class Watchdog:
    """The runner's end: tells the watchdog process about VMM groups."""

    def __init__(self, proc: subprocess.Popen[bytes], fd: int, token: str) -> None:
        self.proc = proc
        self.fd: int | None = fd
        self.token = token

    @classmethod
    def start(cls) -> "Watchdog":
        token = f"{os.getpid()}-{os.urandom(8).hex()}"
        r, w = os.pipe()           # both ends non-inheritable: no VMM gets the write end
        try:
            proc = subprocess.Popen([sys.executable, "-I", "-S", os.path.abspath(__file__), token],
                                    stdin=r, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True, close_fds=True, cwd="/")
        except OSError:
            os.close(w)
            raise
        finally:
            os.close(r)
        return cls(proc, w, token)

    def env(self, env: dict[str, str] | None) -> dict[str, str]:
        """The environment for a VMM: ENV (or the runner's) plus the run token."""
        return {**(os.environ if env is None else env), ENV_KEY: self.token}

    def tell(self, line: str) -> bool:
        """Send one event; False when the watchdog is gone."""
        if self.fd is None:
            return False
        try:
            os.write(self.fd, (line + "\n").encode())
            return True
        except OSError:
            return False

    def close(self) -> None:
        """Orderly shutdown: the watchdog sweeps once and exits; wait for it."""
        if self.fd is None:
            return
        self.tell("end")
        os.close(self.fd)
        self.fd = None
        try:
            self.proc.wait(STOP_WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _kill_group(pgid: int) -> None:
    if pgid > 1:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except OSError:
            pass


def _kill_tagged(needle: bytes) -> int:
    """SIGKILL every process whose environment holds NEEDLE; return how many.

    The pidfd pins the process between reading its environment and the
    kill, so a recycled pid is never signalled.
    """
    hits = 0
    me = os.getpid()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            pidfd = os.pidfd_open(int(name))
        except OSError:
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                tagged = needle in f.read().split(b"\0")
            if tagged:
                signal.pidfd_send_signal(pidfd, signal.SIGKILL)
                hits += 1
        except OSError:
            pass
        finally:
            os.close(pidfd)
    return hits


def _watch(fd: int) -> tuple[set[int], bool]:
    """Follow the event stream until EOF; return the live groups and whether it ended orderly."""
    groups: set[int] = set()
    orderly = False
    buf = b""
    while True:
        data = os.read(fd, 4096)
        if not data:
            return groups, orderly
        buf += data
        *lines, buf = buf.split(b"\n")
        for ln in lines:
            word = ln.decode("ascii", "replace").strip()
            if word == "end":
                orderly = True
            elif word[:1] == "+" and word[1:].isdigit():
                groups.add(int(word[1:]))
            elif word[:1] == "-" and word[1:].isdigit():
                groups.discard(int(word[1:]))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0]:
        print("usage: watchdog.py TOKEN (the runner starts it)", file=sys.stderr)
        return 2
    for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_IGN)
    groups, orderly = _watch(0)
    for pgid in groups:
        _kill_group(pgid)
    needle = f"{ENV_KEY}={argv[0]}".encode()
    sweeps = 0
    while _kill_tagged(needle) and sweeps < MAX_SWEEPS:   # again: one may have forked meanwhile
        sweeps += 1
    if not orderly:
        for delay in LATE_SWEEPS:
            time.sleep(delay)
            _kill_tagged(needle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
