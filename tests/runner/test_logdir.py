# SPDX-License-Identifier: GPL-2.0-only
"""Run log directories: lock held for the run's lifetime, `latest`, pruning by completion."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import unittest

import support
from hvtest import logdir


def finished(path: str, when: float) -> None:
    marker = os.path.join(path, logdir.FINISHED)
    open(marker, "w").close()
    os.utime(marker, (when, when))


class LogDirTest(unittest.TestCase):
    def setUp(self) -> None:
        self.d = support.tempdir(self)

    def runs(self, n: int) -> list[str]:
        names = [f"20261121-1100{i:02d}-{100 + i}" for i in range(n)]
        for r in names:
            os.makedirs(os.path.join(self.d, r))
        return names

    def test_create_locks_and_points_latest(self) -> None:
        run = logdir.RunDir.create(self.d)
        self.assertTrue(logdir.is_live(run.path))
        self.assertEqual(os.readlink(os.path.join(self.d, "latest")), run.run_id)
        again = logdir.RunDir.create(self.d)        # same process, same second
        self.assertNotEqual(again.run_id, run.run_id)
        self.assertEqual(os.readlink(os.path.join(self.d, "latest")), again.run_id)
        run.finish()
        again.finish()
        self.assertFalse(logdir.is_live(run.path))
        self.assertTrue(os.path.isfile(os.path.join(run.path, logdir.FINISHED)))
        self.assertEqual(sorted(os.listdir(self.d)), sorted([run.run_id, again.run_id, "latest"]))

    def test_live_run_is_never_pruned(self) -> None:
        old = self.runs(3)
        live = logdir.RunDir.create(self.d)
        self.addCleanup(live.finish)
        os.utime(live.path, (0, 0))
        self.assertEqual(logdir.prune_logs(self.d, 1), old)
        self.assertTrue(os.path.isdir(live.path))

    def test_lock_held_by_another_process(self) -> None:
        old = self.runs(2)
        code = ("import sys, time; sys.path.insert(0, sys.argv[1]); from hvtest import logdir; "
                "r = logdir.RunDir.create(sys.argv[2]); print(r.run_id, flush=True); time.sleep(60)")
        with subprocess.Popen([sys.executable, "-c", code, support.SCRIPTS, self.d],
                              stdout=subprocess.PIPE, text=True) as other:
            try:
                assert other.stdout is not None
                theirs = other.stdout.readline().strip()
                finished(os.path.join(self.d, theirs), 1.0)   # even an old-looking marker
                self.assertEqual(logdir.prune_logs(self.d, 1), old)
                self.assertEqual(os.listdir(self.d).count(theirs), 1)
            finally:
                other.kill()
        self.assertFalse(logdir.is_live(os.path.join(self.d, theirs)))   # the kernel dropped it

    def test_order_by_completion_then_start(self) -> None:
        a, b, c, d = self.runs(4)                     # started 1 s apart
        start = logdir.completed_at(os.path.join(self.d, a))
        finished(os.path.join(self.d, a), start + 100)  # started first, finished last
        finished(os.path.join(self.d, c), start + 50)
        # b and d never finished: they count from their start, before c and a ended
        self.assertEqual(logdir.prune_logs(self.d, 2), [b, d])
        self.assertEqual(sorted(os.listdir(self.d)), [a, c])
        self.assertEqual(logdir.prune_logs(self.d, 1), [c])

    def test_name_fallback_and_foreign_entries(self) -> None:
        runs = self.runs(5)
        os.makedirs(os.path.join(self.d, "mine"))
        os.symlink(runs[-1], os.path.join(self.d, "latest"))
        self.assertEqual(logdir.prune_logs(self.d, 2), runs[:3])
        self.assertEqual(sorted(os.listdir(self.d)), sorted(runs[3:] + ["mine", "latest"]))
        self.assertEqual(logdir.prune_logs(self.d, 0), [])

    def test_completed_at(self) -> None:
        run = os.path.join(self.d, "20261121-110000-7")
        os.makedirs(run)
        self.assertEqual(logdir.completed_at(run), time.mktime((2026, 11, 21, 11, 0, 0, 0, 0, -1)))
        finished(run, 1234.0)
        self.assertEqual(logdir.completed_at(run), 1234.0)


if __name__ == "__main__":
    unittest.main()
