# SPDX-License-Identifier: GPL-2.0-only
"""VMM execution: process groups, timeouts, floods, internal errors, console files, end-marker grace."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
import unittest

import support
from hvtest import execute, verdict as V
from hvtest.model import Verdict
from hvtest.procs import REGISTRY
from hvtest.vmm.qemu import _debug_exit_check


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


class ExecuteTest(unittest.TestCase):
    def run_fake(self, args: str, timeout: float = 5.0, cap: int = 1 << 20,
                 grace: float = 2.0, interrupted: threading.Event | None = None
                 ) -> tuple[V.Judgement, V.Outcome, str, float]:
        tmp = support.tempdir(self)
        log = os.path.join(tmp, "t.log")
        p = execute.ExecParams(argv=[sys.executable, support.FAKE, "-append", args], log_path=log,
                               timeout=timeout, log_cap=cap, end_grace=grace)
        t0 = time.monotonic()
        tap, out = execute.run(p, interrupted)
        dt = time.monotonic() - t0
        with open(log, errors="replace") as f:
            text = f.read()
        return V.judge(tap, out, _debug_exit_check), out, text, dt

    def test_console_file_not_mixed_with_stdout(self) -> None:
        tmp = support.tempdir(self)
        con = os.path.join(tmp, "com1")
        open(con, "w").close()
        script = ("import sys, time\n"
                  f"c = open({con!r}, 'a')\n"
                  "c.write('TAP version 14\\n# Subtest: a\\n    ok 1 - x\\n    1..1\\nok 1 - a\\n1.')\n"
                  "c.flush(); time.sleep(0.2)\n"
                  "sys.stdout.write('display noise\\n'); sys.stdout.flush(); time.sleep(0.2)\n"
                  "c.write('.1\\n# hvtest-end status=0\\n'); c.flush()\n")
        p = execute.ExecParams(argv=[sys.executable, "-c", script], log_path=os.path.join(tmp, "t.log"),
                               timeout=5, log_cap=1 << 20, end_grace=2, console_file=con)
        tap, out = execute.run(p, None)
        self.assertEqual(tap.plan, 1)
        self.assertIsNotNone(tap.end)
        self.assertIn("display noise", "".join(out.stderr_tail))

    def test_pass_and_log(self) -> None:
        j, out, log, _ = self.run_fake("mode=pass")
        self.assertEqual(j.verdict, Verdict.PASS)
        self.assertEqual(out.returncode, 1)
        self.assertIn("command: ", log)
        self.assertIn("--- console ---", log)
        self.assertIn("# hvtest-end status=0", log)
        self.assertIn("--- VMM stderr ---", log)
        self.assertEqual(len(REGISTRY), 0)

    def test_timeout_kills_group_including_grandchild(self) -> None:
        tmp = support.tempdir(self)
        pidfile = os.path.join(tmp, "pids")
        j, out, _, dt = self.run_fake(f"mode=grandchild pidfile={pidfile}", timeout=0.5)
        self.assertEqual(j.verdict, Verdict.TIMEOUT)
        self.assertLess(dt, 3.0)
        pids = [int(x) for x in support.read(pidfile).split()]
        self.assertEqual(len(pids), 2)
        time.sleep(0.05)
        for pid in pids:
            self.assertFalse(alive(pid), f"pid {pid} survived")

    def test_sigterm_ignored_escalates_to_sigkill(self) -> None:
        j, out, _, dt = self.run_fake("mode=ignoreterm", timeout=0.3)
        self.assertEqual(j.verdict, Verdict.TIMEOUT)
        self.assertLess(dt, 0.3 + execute.TERM_GRACE + 1.0)

    def test_flood_cut_at_cap(self) -> None:
        j, out, log, dt = self.run_fake("mode=flood", cap=100_000)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("console flood", j.reason)
        self.assertEqual(out.killed_by, V.KILL_FLOOD)
        self.assertLess(len(log), 100_000 + 5000)
        self.assertIn("console cut at 100000 bytes", log)

    def test_internal_error_detected_at_once(self) -> None:
        j, out, _, dt = self.run_fake("mode=internal", timeout=30)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("KVM internal error", j.reason)
        self.assertTrue(any("RIP=" in d for d in j.detail), j.detail)
        self.assertLess(dt, 3.0)

    def test_end_marker_grace(self) -> None:
        j, out, _, dt = self.run_fake("mode=noexit", timeout=30, grace=0.2)
        self.assertEqual(out.killed_by, V.KILL_END_GRACE)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertLess(dt, 3.0)

    def test_vmm_abort_signal(self) -> None:
        j, out, _, _ = self.run_fake("mode=sigabrt")
        self.assertEqual(out.signal, signal.SIGABRT)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("SIGABRT", j.reason)

    def test_missing_binary(self) -> None:
        tmp = support.tempdir(self)
        p = execute.ExecParams(argv=["/nonexistent/qemu"], log_path=os.path.join(tmp, "l"), timeout=1)
        tap, out = execute.run(p)
        self.assertEqual(V.judge(tap, out, None).verdict, Verdict.ERROR)

    def kill_on_cleanup(self, pidfile: str) -> None:
        def kill() -> None:
            for pid in support.read(pidfile).split() if os.path.exists(pidfile) else []:
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except OSError:
                    pass
        self.addCleanup(kill)

    def test_leader_exit_does_not_wait_for_pipe_holders(self) -> None:
        pidfile = os.path.join(support.tempdir(self), "pids")
        self.kill_on_cleanup(pidfile)
        j, out, _, dt = self.run_fake(f"mode=holdexit pidfile={pidfile}", timeout=3)
        self.assertEqual(j.verdict, Verdict.PASS)
        self.assertIsNone(out.killed_by)
        self.assertLess(dt, execute.EXIT_DRAIN + 1.5)
        self.assertTrue(alive(int(support.read(pidfile).split()[1])))   # the holder still runs

    def test_timeout_honoured_while_pipes_held(self) -> None:
        pidfile = os.path.join(support.tempdir(self), "pids")
        self.kill_on_cleanup(pidfile)
        j, out, _, dt = self.run_fake(f"mode=holdhang pidfile={pidfile}", timeout=0.5)
        self.assertEqual(j.verdict, Verdict.TIMEOUT)
        self.assertLess(dt, 0.5 + execute.TERM_GRACE + 1.0)

    def test_log_written_as_the_run_goes(self) -> None:
        tmp = support.tempdir(self)
        log = os.path.join(tmp, "t.log")
        # The VMM prints the log as it finds it when it starts: the header must be there.
        script = (f"import time; print(open({log!r}).read().endswith('--- con' + 'sole ---\\n'), "
                  "flush=True); time.sleep(3600)")
        p = execute.ExecParams(argv=[sys.executable, "-c", script], log_path=log, timeout=30)
        ev = threading.Event()
        t = threading.Thread(target=execute.run, args=(p, ev))
        t.start()
        try:
            deadline = time.monotonic() + 5
            text = ""
            while time.monotonic() < deadline and "--- console ---\nTrue\n" not in text:
                time.sleep(0.02)
                text = support.read(log)
            self.assertIn("--- console ---\nTrue\n", text)
        finally:
            ev.set()
            REGISTRY.kill_all(signal.SIGKILL)
            t.join(10)

    def test_interrupt(self) -> None:
        ev = threading.Event()
        threading.Timer(0.3, lambda: (ev.set(), REGISTRY.kill_all(signal.SIGTERM))).start()
        j, out, _, dt = self.run_fake("mode=hang", timeout=30, interrupted=ev)
        self.assertEqual(out.killed_by, V.KILL_INTERRUPT)
        self.assertEqual(j.verdict, Verdict.ERROR)
        self.assertLess(dt, 3.0)


if __name__ == "__main__":
    unittest.main()
