# SPDX-License-Identifier: GPL-2.0-only
"""Run one VMM: stream its console into the TAP parser and a capped log,
watch for timeout, console flood, hypervisor internal errors and the end
marker, and kill its whole process group when it must stop.
"""
from __future__ import annotations

import os
import re
import selectors
import shlex
import signal
import subprocess
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import BinaryIO, Callable

from . import verdict as V
from .procs import REGISTRY, ProcRegistry, killpg
from .tap import TapParser

INTERNAL_ERROR_MARKERS = ("KVM internal error", "KVM: entry failed", "kvm run failed",
                          "KVM_EXIT_INTERNAL_ERROR")
INTERNAL_ERROR_COLLECT = 0.25   # seconds to collect QEMU's register dump before killing
TERM_GRACE = 1.0                # SIGTERM -> SIGKILL
EXIT_DRAIN = 0.5                # output still collected after the VMM leader exits
DRAIN_READS = 32                # 64 KiB reads of what the pipes buffer at the end
FILE_POLL = 0.02                # console-file follow interval (Bochs)
MAX_LINE = 64 * 1024
STDERR_KEEP = 256 * 1024
STDERR_TAIL = 60
# VMM chatter kept in the log but not in verdict details (Bochs info-level lines).
_NOISE = re.compile(r"[0-9]{11}i\[|ALSA lib |Bochs connected to screen")


@dataclass
class ExecParams:
    argv: list[str]
    log_path: str
    timeout: float
    log_cap: int = 2 * 1024 * 1024
    end_grace: float = 2.0
    env: dict[str, str] | None = None
    console_file: str | None = None
    header: list[str] = field(default_factory=list)


class _Run:
    def __init__(self, p: ExecParams, log: BinaryIO, tap: TapParser) -> None:
        self.p = p
        self.log = log
        self.tap = tap
        self.console_bytes = 0
        self.partial = b""
        self.err_partial = b""
        self.stderr = bytearray()
        self.stderr_lines: deque[str] = deque(maxlen=STDERR_TAIL)
        self.internal: list[str] = []
        self.internal_at: float | None = None
        self.flooded = False

    def console(self, data: bytes) -> None:
        if self.flooded:
            return
        room = self.p.log_cap - self.console_bytes
        if len(data) > room:
            data = data[:max(room, 0)]
            self.flooded = True
        self.console_bytes += len(data)
        self.log.write(data)
        self.log.flush()
        buf = self.partial + data
        lines = buf.split(b"\n")
        self.partial = lines.pop()
        if len(self.partial) > MAX_LINE:
            lines.append(self.partial)
            self.partial = b""
        for ln in lines:
            self.tap.feed(ln.decode("utf-8", "replace"))
        if self.flooded:
            self.log.write(f"\n[hvtest: console cut at {self.p.log_cap} bytes]\n".encode())
            self.log.flush()

    def err(self, data: bytes, now: float) -> None:
        if len(self.stderr) < STDERR_KEEP:
            self.stderr += data[:STDERR_KEEP - len(self.stderr)]
        buf = self.err_partial + data
        lines = buf.split(b"\n")
        self.err_partial = lines.pop()[-MAX_LINE:]
        for ln in lines:
            self._err_line(ln.decode("utf-8", "replace").rstrip("\r"), now)

    def _err_line(self, line: str, now: float) -> None:
        if line.strip() and not _NOISE.match(line):
            self.stderr_lines.append(line)
        if not self.internal and any(m in line for m in INTERNAL_ERROR_MARKERS):
            self.internal_at = now
        if (self.internal_at is not None or self.internal) and len(self.internal) < 200:
            self.internal.append(line)

    def finish(self, now: float) -> None:
        if self.partial and not self.flooded:
            self.tap.feed(self.partial.decode("utf-8", "replace"))
        if self.err_partial:
            self._err_line(self.err_partial.decode("utf-8", "replace"), now)


def _write_header(log: BinaryIO, p: ExecParams) -> None:
    lines = list(p.header) + [f"command: {shlex.join(p.argv)}",
                              f"started: {time.strftime('%Y-%m-%dT%H:%M:%S%z')}",
                              "--- console ---"]
    log.write(("\n".join(lines) + "\n").encode())
    log.flush()                 # on disk before the VMM starts


def run(p: ExecParams, interrupted: threading.Event | None = None,
        registry: ProcRegistry = REGISTRY) -> tuple[TapParser, V.Outcome]:
    tap = TapParser()
    out = V.Outcome(timeout=p.timeout, log_cap=p.log_cap)
    os.makedirs(os.path.dirname(p.log_path) or ".", exist_ok=True)
    with open(p.log_path, "wb") as log:
        _write_header(log, p)
        if interrupted is not None and interrupted.is_set():
            out.killed_by = V.KILL_INTERRUPT
            return tap, out
        try:
            proc = subprocess.Popen(p.argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True,
                                    env=registry.child_env(p.env), close_fds=True)
        except OSError as exc:
            out.start_error = f"cannot start VMM {p.argv[0]}: {exc.strerror}"
            log.write(f"[hvtest: {out.start_error}]\n".encode())
            return tap, out
        registry.add(proc)
        st = _Run(p, log, tap)
        try:
            _loop(proc, st, out, p, interrupted)
        finally:
            code = registry.reap(proc)
        now = time.monotonic()
        st.finish(now)
        if code < 0:
            out.signal = -code
        else:
            out.returncode = code
        if out.killed_by is not None and out.signal in (signal.SIGTERM, signal.SIGKILL):
            out.signal = None          # our own kill is reported by killed_by
        if st.internal:
            out.internal_error = st.internal
        out.stderr_tail = list(st.stderr_lines)
        log.write(b"\n--- VMM stderr ---\n")
        log.write(bytes(st.stderr))
        status = f"signal {out.signal}" if out.signal else f"status {out.returncode}"
        log.write(f"\n--- end: VMM {status}; killed by runner: {out.killed_by or 'no'} ---\n".encode())
    return tap, out


def _loop(proc: subprocess.Popen[bytes], st: _Run, out: V.Outcome, p: ExecParams,
          interrupted: threading.Event | None) -> None:
    """Stream output until the VMM leader has exited and its pipes are drained.

    After the leader exits, output is collected for EXIT_DRAIN seconds at
    most and never past the timeout, even when a process outside its group
    still holds the pipes: a run lasts at most timeout + TERM_GRACE.
    """
    sel = selectors.DefaultSelector()
    assert proc.stdout is not None and proc.stderr is not None
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(proc.stderr, selectors.EVENT_READ, "err")
    pidfd: int | None = None
    try:
        pidfd = os.pidfd_open(proc.pid)
        sel.register(pidfd, selectors.EVENT_READ, "exit")
    except (AttributeError, OSError):
        pidfd = None
    cfile = open(p.console_file, "rb") if p.console_file else None
    start = time.monotonic()
    limit = start + p.timeout
    deadline = limit
    end_deadline: float | None = None
    kill_at: float | None = None        # SIGKILL escalation
    drain_end: float | None = None      # set when the leader exits
    open_pipes = 2

    def take(kind: str, data: bytes) -> None:
        if kind == "out" and cfile is None:
            st.console(data)
        else:
            # With a console file (Bochs COM1), stdout is the VMM's
            # own display: never part of the guest's TAP stream.
            st.err(data, time.monotonic())

    def leader_exited(now: float) -> float:
        killpg(proc.pid, signal.SIGKILL)   # leftovers (grandchildren)
        return min(now + EXIT_DRAIN, max(limit, now))

    try:
        while open_pipes or drain_end is None:
            now = time.monotonic()
            waits = [deadline, end_deadline, kill_at, drain_end,
                     st.internal_at + INTERNAL_ERROR_COLLECT if st.internal_at is not None else None]
            wait = min(min((w for w in waits if w is not None), default=now + 1.0) - now, 1.0)
            if cfile is not None or pidfd is None:
                wait = min(wait, FILE_POLL if cfile is not None else 0.05)
            for key, _ in sel.select(max(wait, 0.0)):
                if key.data == "exit":
                    sel.unregister(key.fileobj)
                    drain_end = leader_exited(time.monotonic())
                    continue
                data = os.read(key.fd, 65536)
                if not data:
                    sel.unregister(key.fileobj)
                    open_pipes -= 1
                else:
                    take(key.data, data)
            if cfile is not None:
                data = cfile.read(65536)
                while data:
                    st.console(data)
                    data = cfile.read(65536) if not st.flooded else b""
            if pidfd is None and drain_end is None and proc.poll() is not None:
                drain_end = leader_exited(time.monotonic())
            exited = drain_end is not None
            if exited and out.killed_by is None and interrupted is not None and interrupted.is_set():
                out.killed_by = V.KILL_INTERRUPT
            now = time.monotonic()
            if drain_end is not None and (open_pipes == 0 or now >= drain_end):
                break
            reason: str | None = None
            if st.flooded:
                reason = V.KILL_FLOOD
            elif st.internal_at is not None and now >= st.internal_at + INTERNAL_ERROR_COLLECT:
                reason = V.KILL_INTERNAL
            elif now >= deadline:
                reason = V.KILL_TIMEOUT
            elif interrupted is not None and interrupted.is_set():
                reason = V.KILL_INTERRUPT
            elif st.tap.end is not None and end_deadline is None:
                end_deadline = now + p.end_grace
            elif end_deadline is not None and now >= end_deadline:
                reason = V.KILL_END_GRACE
            if reason is not None and out.killed_by is None and not exited:
                out.killed_by = reason
                killpg(proc.pid, signal.SIGTERM)
                kill_at = now + TERM_GRACE
                deadline = end_deadline = float("inf")
                st.internal_at = None if reason == V.KILL_INTERNAL else st.internal_at
            if kill_at is not None and now >= kill_at:
                killpg(proc.pid, signal.SIGKILL)
                kill_at = None
        for key in list(sel.get_map().values()):
            if key.data != "exit":
                _read_buffered(key.fd, key.data, take)
    finally:
        sel.close()
        proc.stdout.close()
        proc.stderr.close()
        if pidfd is not None:
            os.close(pidfd)
        if cfile is not None:
            if not st.flooded:
                rest = cfile.read()
                if rest:
                    st.console(rest)
            cfile.close()


def _read_buffered(fd: int, kind: str, take: Callable[[str, bytes], None]) -> None:
    """Take what a pipe still buffers, without waiting for its writers."""
    os.set_blocking(fd, False)
    for _ in range(DRAIN_READS):
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return
        if not data:
            return
        take(kind, data)
