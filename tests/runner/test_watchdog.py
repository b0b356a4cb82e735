# SPDX-License-Identifier: GPL-2.0-only
"""Watchdog: VMM groups die with the runner, however the runner dies."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import unittest

import support
from hvtest.watchdog import Watchdog
from test_execute import alive

# A runner in miniature: watchdog attached, one fake VMM (with a grandchild)
# started from a worker thread, as the scheduler does; then it waits.
PARENT = """
import sys, threading, time
sys.path.insert(0, sys.argv[1])
from hvtest import execute
from hvtest.procs import REGISTRY
from hvtest.watchdog import Watchdog
REGISTRY.attach(Watchdog.start())
argv = [sys.executable, sys.argv[2], "-append", "mode=grandchild pidfile=" + sys.argv[3]]
p = execute.ExecParams(argv=argv, log_path=sys.argv[4], timeout=600)
threading.Thread(target=execute.run, args=(p,)).start()
time.sleep(600)
"""


def wait_dead(pids: list[int], within: float) -> list[int]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.02)
    return [p for p in pids if alive(p)]


def kill_alive(pids: list[int]) -> None:
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def watchdog_pids(parent: int) -> list[int]:
    with open(f"/proc/{parent}/task/{parent}/children") as f:
        kids = [int(x) for x in f.read().split()]
    out = []
    for k in kids:
        try:
            with open(f"/proc/{k}/cmdline", "rb") as f:
                if b"watchdog.py" in f.read():
                    out.append(k)
        except OSError:
            pass
    return out


class WatchdogTest(unittest.TestCase):
    def sleeper(self, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                             start_new_session=True, env=env)
        self.addCleanup(p.wait)
        self.addCleanup(p.kill)
        return p

    def test_kill_9_of_the_runner_kills_its_vmm_groups(self) -> None:
        tmp = support.tempdir(self)
        pidfile = os.path.join(tmp, "pids")
        parent = subprocess.Popen([sys.executable, "-c", PARENT, support.SCRIPTS, support.FAKE,
                                   pidfile, os.path.join(tmp, "t.log")], start_new_session=True)
        self.addCleanup(parent.wait)
        self.addCleanup(parent.kill)
        deadline = time.monotonic() + 10
        pids: list[int] = []
        while time.monotonic() < deadline and len(pids) < 2:
            time.sleep(0.02)
            pids = [int(x) for x in support.read(pidfile).split()] if os.path.exists(pidfile) else []
        self.addCleanup(kill_alive, pids)
        self.assertEqual(len(pids), 2, "fake VMM and grandchild did not start")
        dogs = watchdog_pids(parent.pid)
        self.assertEqual(len(dogs), 1)
        os.killpg(parent.pid, signal.SIGKILL)          # the runner's whole group, like a CI cancel
        self.assertEqual(wait_dead(pids + dogs, 3.0), [])

    def test_tagged_but_unregistered_process_swept_on_abrupt_end(self) -> None:
        wd = Watchdog.start()
        tagged = self.sleeper(wd.env(None))
        untagged = self.sleeper()
        assert wd.fd is not None
        os.close(wd.fd)                               # EOF without "end": the runner died
        wd.fd = None
        wd.proc.wait(5)
        self.assertEqual(wait_dead([tagged.pid], 2.0), [])
        self.assertIsNone(untagged.poll())

    def test_orderly_close_kills_registered_groups_only(self) -> None:
        wd = Watchdog.start()
        registered, reaped = self.sleeper(), self.sleeper()
        self.assertTrue(wd.tell(f"+{registered.pid}"))
        wd.tell(f"+{reaped.pid}")
        wd.tell(f"-{reaped.pid}")
        t0 = time.monotonic()
        wd.close()
        self.assertLess(time.monotonic() - t0, 1.0)
        self.assertEqual(registered.wait(2), -signal.SIGKILL)
        self.assertIsNone(reaped.poll())
        self.assertFalse(wd.tell("+1"))


if __name__ == "__main__":
    unittest.main()
