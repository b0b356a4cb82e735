# SPDX-License-Identifier: GPL-2.0-only
"""The weighted scheduler: vCPU slots, smp > -j, no overlap of tests that need all slots."""
from __future__ import annotations

import importlib
import threading
import time
import unittest

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest.schedule import Scheduler


class ScheduleTest(unittest.TestCase):
    def run_sched(self, weights: list[int], slots: int, dur: float = 0.03) -> list[tuple[int, float, float]]:
        spans: list[tuple[int, float, float]] = []
        lock = threading.Lock()
        live = [0]
        peak = [0]

        def work(i: int) -> int:
            t0 = time.monotonic()
            with lock:
                live[0] += min(weights[i], slots)
                peak[0] = max(peak[0], live[0])
            time.sleep(dur)
            with lock:
                live[0] -= min(weights[i], slots)
            spans.append((i, t0, time.monotonic()))
            return i

        done: list[int] = []
        s: Scheduler[int, int] = Scheduler(slots, lambda i: weights[i], work, lambda i: None,
                                           lambda i, r: done.append(r))
        left = s.run(list(range(len(weights))))
        self.assertEqual(left, [])
        self.assertEqual(sorted(done), list(range(len(weights))))
        self.assertLessEqual(peak[0], slots)
        return spans

    def test_smp2_never_overlap_with_j2(self) -> None:
        spans = self.run_sched([2, 2, 2], 2)
        spans.sort(key=lambda s: s[1])
        for a, b in zip(spans, spans[1:]):
            self.assertLessEqual(a[2], b[1] + 1e-3)

    def test_parallel_singles(self) -> None:
        spans = self.run_sched([1, 1], 2, dur=0.1)
        (_, s0, e0), (_, s1, e1) = spans
        self.assertLess(max(s0, s1), min(e0, e1))     # they overlapped

    def test_heavier_than_slots_runs_alone(self) -> None:
        spans = self.run_sched([1, 8, 1], 4)
        big = next(s for s in spans if s[0] == 1)
        for i, s, e in spans:
            if i != 1:
                self.assertTrue(e <= big[1] + 1e-3 or s >= big[2] - 1e-3)

    def test_stop_leaves_pending(self) -> None:
        s: Scheduler[int, int] = Scheduler(1, lambda i: 1, lambda i: i, lambda i: None,
                                           lambda i, r: s.stop.set())
        self.assertEqual(s.run([1, 2, 3]), [2, 3])


if __name__ == "__main__":
    unittest.main()
