# SPDX-License-Identifier: GPL-2.0-only
"""A migration session (docs/migration.md): one test run that spans a
source VMM and the destinations it migrates to, for cfg entries with a
`migrate` key (QEMU only).

Every VMM gets a QMP socket (QEMU docs, interop/qmp-spec); a destination
is the same command line plus `-incoming unix:SOCKET` (QEMU docs,
"Migration framework"). The guest asks for a migration with the console
line `# hvtest-migrate n=K`; the session migrates (QMP `migrate`, polled
with `query-migrate` until `completed`), waits until the destination runs,
quits the source, and answers `hvtest-migrated K` on the destination's
console input (docs/output-protocol.md, "Migration"). The consoles of all
VMMs feed one TAP parser and one log, in order, so the test has one TAP
stream. `migrate = continuous` migrates again as soon as a destination
runs, until the guest prints its end marker. `migrate_via = file` saves
the VM to a file instead (QMP `migrate` to `exec:cat > FILE`), quits the
source, and restores a new VMM from it (`-incoming exec:cat FILE`).

Verdict rules: the source ending after a completed migration is expected;
the exit cross-check applies to the last destination; a failed migration
(QMP error, a destination that does not start or aborts, status `failed`)
sets Outcome.migration_error, which verdict.judge turns into CRASH. One
timeout covers the whole session, and every VMM is registered with the
process registry, so Ctrl-C and the watchdog reach all of them.
"""
from __future__ import annotations

import os
import re
import selectors
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any, BinaryIO

from . import verdict as V
from .cfg import MIGRATE_CONTINUOUS, MIGRATE_VIA
from .execute import EXIT_DRAIN, TERM_GRACE, ExecParams, _Run, _write_header
from .procs import REGISTRY, ProcRegistry, killpg
from .tap import TapParser
from .vmm.qmp import QMPClient, QMPError

CONTINUOUS = MIGRATE_CONTINUOUS   # Entry.migrate value of `migrate = continuous`
GUEST_FLAG = "migration=runner"  # guest option: a migrating runner answers (lib/migrate.c)
START_WAIT = 15.0               # seconds for a VMM to open its QMP socket
RUN_WAIT = 15.0                 # seconds for a destination to run after `completed`
QUIT_WAIT = 5.0                 # seconds for a migrated-away source to exit
POLL = 0.05
_REQUEST_RE = re.compile(r"\s*# hvtest-migrate n=([0-9]+)\s*\Z")
_DECLINE_RE = re.compile(r"\s*# hvtest-migrate-skip\s*(.*)\Z")
VIA_SOCKET, VIA_FILE = MIGRATE_VIA
_DONE = ("completed",)
_FAILED = ("failed", "cancelled", "cancelling")


class MigrationFailed(Exception):
    """The session cannot continue: the message becomes the CRASH reason."""


class _Stopped(Exception):
    """The runner stopped the session (timeout or interrupt): killed_by says which."""


@dataclass
class SessionParams:
    exec: ExecParams            # argv of the source (no -qmp, no -incoming), log, timeout
    count: int                  # migrations to perform; CONTINUOUS for `continuous`
    via: str = VIA_SOCKET       # VIA_SOCKET: live; VIA_FILE: save, quit, restore
    bandwidth: int | None = None  # MiB/s: QMP max-bandwidth (None: QEMU's default)


@dataclass
class _Vm:
    role: str
    proc: subprocess.Popen[bytes]
    qmp: QMPClient

    def _peek(self) -> os.waitid_result | None:
        """How the VMM ended, or None while it runs. Does not reap it: its
        pid stays registered (procs.py) until the session reaps it."""
        try:
            return os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return None

    @property
    def alive(self) -> bool:
        return self.proc.returncode is None and self._peek() is None

    def exit_text(self) -> str:
        code = self.proc.returncode
        if code is not None:
            return f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        r = self._peek()
        if r is None:
            return "still running"
        if r.si_code == os.CLD_EXITED:
            return f"exit status {r.si_status}"
        return f"killed by signal {r.si_status}"


class Session:
    def __init__(self, sp: SessionParams, st: _Run, out: V.Outcome, log: BinaryIO,
                 interrupted: threading.Event | None, registry: ProcRegistry) -> None:
        self.sp = sp
        self.st = st
        self.out = out
        self.log = log
        self.interrupted = interrupted
        self.registry = registry
        self.dir = tempfile.mkdtemp(prefix="hvtest-mig-")   # short: UNIX socket paths
        self.vms: list[_Vm] = []
        self.started = 0
        self.done = 0
        self.pending: list[int] = []        # guest requests not yet answered
        self.declined: str | None = None
        self.partial = b""
        self.t0 = time.monotonic()
        self.deadline = self.t0 + sp.exec.timeout

    # --- VMMs -----------------------------------------------------------

    def _spawn(self, incoming: str | None) -> _Vm:
        n = self.started
        self.started += 1
        qmp_path = os.path.join(self.dir, f"vm{n}.qmp")
        argv = list(self.sp.exec.argv) + ["-qmp", f"unix:{qmp_path},server=on,wait=off"]
        if incoming is not None:
            argv += ["-incoming", incoming]
        role = "source" if n == 0 else f"destination {n}"
        self.note(f"{role}: {' '.join(argv)}")
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True,
                                    env=self.registry.child_env(self.sp.exec.env), close_fds=True)
        except OSError as exc:
            raise MigrationFailed(f"cannot start the {role} VMM {argv[0]}: {exc.strerror}") from None
        self.registry.add(proc)
        vm = _Vm(role, proc, QMPClient(qmp_path, timeout=10.0))
        self.vms.append(vm)
        os.set_blocking(proc.stdout.fileno(), False)     # type: ignore[union-attr]
        os.set_blocking(proc.stderr.fileno(), False)     # type: ignore[union-attr]
        self._connect(vm)
        return vm

    def _connect(self, vm: _Vm) -> None:
        """Connects to VM's QMP socket, failing early when the VMM exits first."""
        end = min(time.monotonic() + START_WAIT, self.deadline)
        while True:
            self._check_stop()
            self.pump(vm)
            if not vm.alive:
                raise MigrationFailed(f"the {vm.role} VMM exited before it opened QMP "
                                      f"({vm.exit_text()}){self._stderr_hint()}")
            try:
                vm.qmp.connect(wait=0.2)
                return
            except QMPError as exc:
                if time.monotonic() >= end:
                    raise MigrationFailed(f"the {vm.role} VMM did not open QMP within "
                                          f"{START_WAIT:g} s: {exc}") from None

    def _stderr_hint(self) -> str:
        lines = [s.strip() for s in self.st.stderr_lines if s.strip()]
        return f": {lines[-1]}" if lines else ""

    def pump(self, vm: _Vm) -> None:
        """Takes whatever VM's pipes hold now, without waiting."""
        for f, kind in ((vm.proc.stdout, "out"), (vm.proc.stderr, "err")):
            assert f is not None
            if f.closed:
                continue
            while True:
                try:
                    data = os.read(f.fileno(), 65536)
                except BlockingIOError:
                    break
                if not data:
                    break
                self.take(kind, data)

    def take(self, kind: str, data: bytes) -> None:
        if kind == "err":
            self.st.err(data, time.monotonic())
            return
        self.st.console(data)
        buf = self.partial + data
        *lines, self.partial = buf.split(b"\n")
        self.partial = self.partial[-4096:]
        for raw in lines:
            line = raw.decode("utf-8", "replace").rstrip("\r")
            m = _REQUEST_RE.match(line)
            if m:
                self.pending.append(int(m.group(1)))
                continue
            m = _DECLINE_RE.match(line)
            if m and self.declined is None:
                self.declined = m.group(1) or "(no reason)"
                self.note(f"guest declined migration: {self.declined}")

    def note(self, text: str) -> None:
        """A runner line in the log, with the time since the first VMM started."""
        at = time.monotonic() - self.t0
        self.log.write(f"\n[hvtest: {text} (at {at:.3f} s)]\n".encode())
        self.log.flush()

    def answer(self, vm: _Vm, line: str) -> None:
        assert vm.proc.stdin is not None
        try:
            vm.proc.stdin.write(line.encode() + b"\n")
            vm.proc.stdin.flush()
        except OSError:
            pass    # the VMM is gone: its exit decides the verdict

    def _check_stop(self) -> None:
        if self.interrupted is not None and self.interrupted.is_set():
            self.out.killed_by = V.KILL_INTERRUPT
            raise _Stopped()
        if time.monotonic() >= self.deadline:
            self.out.killed_by = V.KILL_TIMEOUT
            raise _Stopped()

    # --- one migration ----------------------------------------------------

    def migrate(self, src: _Vm) -> _Vm:
        n = self.done + 1
        if self.sp.via == VIA_FILE:
            return self._save_restore(n, src)
        sock = os.path.join(self.dir, f"mig{n}.sock")
        dst = self._spawn(incoming=f"unix:{sock}")
        self._start_migration(n, src, f"unix:{sock}")
        info = self._wait_completed(n, src, dst)
        self._note_status(f"migration {n}", info)
        self._wait_running(n, dst)
        self._retire(src)
        self.done = n
        return dst

    def _save_restore(self, n: int, src: _Vm) -> _Vm:
        """Saves the VM to a file, quits the source, restores from the file."""
        path = shlex.quote(os.path.join(self.dir, f"state{n}"))
        self._start_migration(n, src, f"exec:cat > {path}")
        info = self._wait_completed(n, src, None)
        self._note_status(f"save {n}", info)
        self._retire(src)
        dst = self._spawn(incoming=f"exec:cat {path}")
        self._wait_running(n, dst)
        self.note(f"restore {n}: destination running")
        self.done = n
        return dst

    def _start_migration(self, n: int, src: _Vm, uri: str) -> None:
        """Starts the transfer and tells the waiting guest (`hvtest-migrating K`)."""
        try:
            if self.sp.bandwidth is not None:
                src.qmp.execute("migrate-set-parameters",
                                {"max-bandwidth": self.sp.bandwidth << 20})
                if n == 1:
                    self.note(f"max-bandwidth {self.sp.bandwidth} MiB/s")
            src.qmp.execute("migrate", {"uri": uri})
        except QMPError as exc:
            raise MigrationFailed(f"migration {n}: source: {exc}{self._stderr_hint()}") from None
        for k in self.pending:
            self.answer(src, f"hvtest-migrating {k}")

    def _note_status(self, what: str, info: dict[str, Any]) -> None:
        ram = info.get("ram", {})
        self.note(f"{what}: query-migrate status={info.get('status')} "
                  f"total-time={info.get('total-time', '?')} ms "
                  f"downtime={info.get('downtime', '?')} ms "
                  f"setup-time={info.get('setup-time', '?')} ms "
                  f"ram-transferred={ram.get('transferred', '?')} bytes "
                  f"normal-pages={ram.get('normal', '?')} "
                  f"zero-pages={ram.get('duplicate', '?')} "
                  f"dirty-sync-count={ram.get('dirty-sync-count', '?')} "
                  f"dirty-pages-rate={ram.get('dirty-pages-rate', '?')}/s")

    def _wait_completed(self, n: int, src: _Vm, dst: _Vm | None) -> dict[str, Any]:
        while True:
            self._check_stop()
            self.pump(src)
            if dst is not None:
                self.pump(dst)
            try:
                info: dict[str, Any] = src.qmp.execute("query-migrate")
            except QMPError as exc:
                raise MigrationFailed(f"migration {n}: source VMM ({src.exit_text()}): "
                                      f"{exc}{self._stderr_hint()}") from None
            status = info.get("status", "")
            if status in _DONE:
                return info
            if status in _FAILED:
                desc = info.get("error-desc", "")
                raise MigrationFailed(f"migration {n}: query-migrate status={status}"
                                      + (f": {desc}" if desc else "") + self._stderr_hint())
            if dst is not None and not dst.alive:
                self._drain(dst)
                if self.st.tap.end is not None and src.alive:
                    # The destination ran the guest to its end before the
                    # source's query-migrate said "completed".
                    return info
                raise MigrationFailed(f"migration {n}: destination VMM ended during the "
                                      f"migration ({dst.exit_text()}){self._stderr_hint()}")
            time.sleep(POLL)

    def _wait_running(self, n: int, dst: _Vm) -> None:
        end = min(time.monotonic() + RUN_WAIT, self.deadline)
        status = "?"
        while True:
            self._check_stop()
            self.pump(dst)
            try:
                status = dst.qmp.execute("query-status").get("status", "?")
            except QMPError as exc:
                if self._exits(dst) and self.st.tap.end is not None:
                    return      # it ran the guest to its end before it answered
                raise MigrationFailed(f"migration {n}: destination VMM ({dst.exit_text()}): "
                                      f"{exc}{self._stderr_hint()}") from None
            if status == "running":
                return
            if status not in ("inmigrate", "prelaunch", "paused", "postmigrate", "restore-vm") \
                    or time.monotonic() >= end:
                raise MigrationFailed(f"migration {n}: destination not running after the "
                                      f"migration completed (status {status})")
            time.sleep(POLL)

    def _exits(self, vm: _Vm) -> bool:
        """True when VM's process ends within QUIT_WAIT (its QMP socket just
        closed). With the guest's end marker seen, that is a destination whose
        guest ran on and ended while the runner asked for its status: the run
        loop then takes its exit as the guest's."""
        end = time.monotonic() + QUIT_WAIT
        while vm.alive and time.monotonic() < end:
            self.pump(vm)
            time.sleep(POLL / 5)
        return not vm.alive

    def _retire(self, src: _Vm) -> None:
        """Quits a migrated-away source and takes the last of its output."""
        try:
            src.qmp.execute("quit")
        except QMPError:
            pass        # QEMU may close the socket before it answers
        src.qmp.close()
        end = time.monotonic() + QUIT_WAIT
        while src.alive and time.monotonic() < end:
            self.pump(src)
            time.sleep(POLL / 5)
        self.pump(src)
        self._reap(src)

    def _reap(self, vm: _Vm) -> int:
        vm.qmp.close()
        code = self.registry.reap(vm.proc)
        self.pump(vm)
        for f in (vm.proc.stdin, vm.proc.stdout, vm.proc.stderr):
            if f is not None:
                try:
                    f.close()
                except OSError:
                    pass
        return code

    # --- the run ------------------------------------------------------------

    def wants_migration(self) -> bool:
        if self.declined is not None or self.st.tap.end is not None:
            return False
        if self.sp.count == CONTINUOUS:
            return self.st.tap.version_seen
        return bool(self.pending) and self.done < self.sp.count

    def run(self) -> None:
        vm = self._spawn(incoming=None)
        try:
            vm.qmp.execute("query-status")
        except QMPError as exc:
            raise MigrationFailed(f"source VMM: {exc}") from None
        end_at: float | None = None
        while True:
            self._check_stop()
            self._wait_output(vm)
            self.pump(vm)
            if not vm.alive:
                self._drain(vm)
                break
            if self.st.flooded:
                self.out.killed_by = V.KILL_FLOOD
                raise _Stopped()
            if self.st.internal:
                self.out.killed_by = V.KILL_INTERNAL
                raise _Stopped()
            if self.st.tap.end is not None:
                if end_at is None:
                    end_at = time.monotonic() + self.sp.exec.end_grace
                elif time.monotonic() >= end_at:
                    self.out.killed_by = V.KILL_END_GRACE
                    raise _Stopped()
            if self.wants_migration():
                try:
                    vm = self.migrate(vm)
                except MigrationFailed:
                    if not self._ended_meanwhile(vm):
                        raise
                    continue
                for k in self.pending:
                    self.answer(vm, f"hvtest-migrated {k}")
                self.pending.clear()
            elif self.pending:
                why = self.declined or f"migrate = {self.sp.count}: {self.done} done"
                for k in self.pending:
                    self.answer(vm, f"hvtest-stay {k} {why}")
                self.pending.clear()
        self._finish(vm)

    def _ended_meanwhile(self, src: _Vm) -> bool:
        """True when a migration failed because the guest ended on SRC
        (continuous migration races the guest's exit): then the started
        destination is discarded and SRC's exit is the guest's."""
        self._drain(src)
        if src.alive or self.st.tap.end is None:
            return False
        for vm in self.vms:
            if vm is not src and vm.proc.returncode is None:
                killpg(vm.proc.pid, signal.SIGKILL)
                self._reap(vm)
        self.note("the guest ended during the migration: the destination was discarded")
        return True

    def _wait_output(self, vm: _Vm) -> None:
        """Waits up to POLL seconds for VM to print something."""
        with selectors.DefaultSelector() as sel:
            for f in (vm.proc.stdout, vm.proc.stderr):
                assert f is not None
                sel.register(f, selectors.EVENT_READ)
            sel.select(POLL)

    def _drain(self, vm: _Vm) -> None:
        """After VM's exit: its output until the pipes fall silent (EXIT_DRAIN at most)."""
        end = time.monotonic() + EXIT_DRAIN
        while time.monotonic() < end:
            before = self.st.console_bytes + len(self.st.stderr)
            time.sleep(POLL / 5)
            self.pump(vm)
            if self.st.console_bytes + len(self.st.stderr) == before:
                return

    def _finish(self, vm: _Vm) -> None:
        code = self._reap(vm)
        if code < 0:
            self.out.signal = -code
        else:
            self.out.returncode = code

    def stop_all(self) -> None:
        """Kills every VMM still running (TERM, then KILL) and reaps it."""
        live = [vm for vm in self.vms if vm.proc.returncode is None]
        for vm in live:
            killpg(vm.proc.pid, signal.SIGTERM)
        end = time.monotonic() + TERM_GRACE
        while any(vm.alive for vm in live) and time.monotonic() < end:
            time.sleep(POLL / 5)
        last = self.vms[-1] if self.vms else None
        for vm in live:
            code = self._reap(vm)
            if vm is last and self.out.returncode is None and self.out.signal is None:
                if code < 0 and -code not in (signal.SIGTERM, signal.SIGKILL):
                    self.out.signal = -code
                elif code >= 0:
                    self.out.returncode = code
        shutil.rmtree(self.dir, ignore_errors=True)


def run(sp: SessionParams, interrupted: threading.Event | None = None,
        registry: ProcRegistry = REGISTRY) -> tuple[TapParser, V.Outcome, int]:
    """Runs the session; returns the TAP stream, how it ended, migrations done."""
    p = sp.exec
    tap = TapParser()
    out = V.Outcome(timeout=p.timeout, log_cap=p.log_cap)
    os.makedirs(os.path.dirname(p.log_path) or ".", exist_ok=True)
    with open(p.log_path, "wb") as log:
        _write_header(log, p)
        st = _Run(p, log, tap)
        sess = Session(sp, st, out, log, interrupted, registry)
        try:
            if interrupted is not None and interrupted.is_set():
                out.killed_by = V.KILL_INTERRUPT
            else:
                sess.run()
        except MigrationFailed as exc:
            out.migration_error = str(exc)
            sess.note(f"migration failed: {exc}")
        except _Stopped:
            pass
        finally:
            sess.stop_all()
        st.finish(time.monotonic())
        if st.internal:
            out.internal_error = st.internal
        out.stderr_tail = list(st.stderr_lines)
        log.write(b"\n--- VMM stderr (all VMMs of the session) ---\n")
        log.write(bytes(st.stderr))
        status = f"signal {out.signal}" if out.signal else f"status {out.returncode}"
        log.write(f"\n--- end: migrations completed: {sess.done}; last VMM {status}; "
                  f"killed by runner: {out.killed_by or 'no'} ---\n".encode())
    return tap, out, sess.done
