# SPDX-License-Identifier: GPL-2.0-only
"""Weighted parallel execution: a test takes min(smp, slots) of the -j slots."""
from __future__ import annotations

import queue
import threading
import time
from typing import Callable, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Scheduler(Generic[T, R]):
    """Runs `work(item)` on threads, FIFO, never exceeding `slots` total weight.

    A test heavier than all slots runs alone.  `stop` prevents new starts.
    `tick()` is called at least every `tick_interval` seconds from the
    calling thread (heartbeat, interrupt escalation).
    """

    def __init__(self, slots: int, weight: Callable[[T], int], work: Callable[[T], R],
                 on_start: Callable[[T], None], on_done: Callable[[T, R], None],
                 tick: Callable[[], None] | None = None, tick_interval: float = 1.0) -> None:
        self.slots = max(1, slots)
        self.weight = weight
        self.work = work
        self.on_start = on_start
        self.on_done = on_done
        self.tick = tick
        self.tick_interval = tick_interval
        self.stop = threading.Event()
        self.running: dict[int, tuple[T, float]] = {}

    def _cost(self, item: T) -> int:
        return min(max(1, self.weight(item)), self.slots)

    def run(self, items: list[T]) -> list[T]:
        """Run everything (unless stopped); return the items never started."""
        pending = list(items)
        done_q: queue.Queue[tuple[int, T, R | BaseException]] = queue.Queue()
        used = 0
        serial = 0

        def body(n: int, item: T) -> None:
            try:
                res: R | BaseException = self.work(item)
            except BaseException as exc:  # reported by the caller's thread
                res = exc
            done_q.put((n, item, res))

        while pending or self.running:
            while pending and not self.stop.is_set() and used + self._cost(pending[0]) <= self.slots:
                item = pending.pop(0)
                used += self._cost(item)
                serial += 1
                self.running[serial] = (item, time.monotonic())
                self.on_start(item)
                threading.Thread(target=body, args=(serial, item), daemon=True).start()
            if not self.running:
                break
            try:
                n, item, res = done_q.get(timeout=self.tick_interval)
            except queue.Empty:
                if self.tick is not None:
                    self.tick()
                continue
            del self.running[n]
            used -= self._cost(item)
            if isinstance(res, BaseException):
                raise res
            self.on_done(item, res)
            if self.tick is not None:
                self.tick()
        return pending
