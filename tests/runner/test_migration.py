# SPDX-License-Identifier: GPL-2.0-only
"""The migration session (scripts/hvtest/migration.py) against a fake
migrating VMM (fakemigvmm.py), and the cfg key `migrate`."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
import unittest

from support import HERE

from hvtest import cfg, migration, verdict
from hvtest.execute import ExecParams
from hvtest.model import Verdict
from hvtest.procs import ProcRegistry
from hvtest.tap import TapParser

FAKE_MIG = os.path.join(HERE, "fakemigvmm.py")
GROUPS = "[groups]\nmigration = m\n\n"


class MigrateKeyTest(unittest.TestCase):
    def parse(self, body: str) -> cfg.Config:
        return cfg.parse_text(GROUPS + "[t]\n" + body, "u.cfg")

    def test_count_and_continuous(self) -> None:
        self.assertEqual(self.parse("vmm = qemu\nmigrate = 3\n").entries[0].migrate, 3)
        self.assertEqual(self.parse("vmm = qemu\nmigrate = continuous\n").entries[0].migrate,
                         cfg.MIGRATE_CONTINUOUS)
        self.assertIsNone(self.parse("vmm = qemu\n").entries[0].migrate)

    def test_bad_values(self) -> None:
        for bad in ("0", "-1", "two", "1 2"):
            with self.assertRaises(cfg.CfgError) as cm:
                self.parse(f"vmm = qemu\nmigrate = {bad}\n")
            self.assertIn("u.cfg:6: migrate:", str(cm.exception))

    def test_via(self) -> None:
        self.assertEqual(self.parse("vmm = qemu\nmigrate = 1\n").entries[0].migrate_via, "socket")
        e = self.parse("vmm = qemu\nmigrate = 1\nmigrate_via = file\n").entries[0]
        self.assertEqual(e.migrate_via, "file")
        with self.assertRaises(cfg.CfgError):
            self.parse("vmm = qemu\nmigrate = 1\nmigrate_via = tape\n")
        with self.assertRaises(cfg.CfgError) as cm:
            self.parse("vmm = qemu\nmigrate_via = file\n")
        self.assertIn("needs a migrate key", str(cm.exception))

    def test_bandwidth(self) -> None:
        self.assertIsNone(self.parse("vmm = qemu\nmigrate = 1\n").entries[0].migrate_bandwidth)
        e = self.parse("vmm = qemu\nmigrate = 1\nmigrate_bandwidth = 8\n").entries[0]
        self.assertEqual(e.migrate_bandwidth, 8)
        for bad in ("0", "8M", "fast"):
            with self.assertRaises(cfg.CfgError) as cm:
                self.parse(f"vmm = qemu\nmigrate = 1\nmigrate_bandwidth = {bad}\n")
            self.assertIn("migrate_bandwidth: expected MiB/s", str(cm.exception))
        with self.assertRaises(cfg.CfgError) as cm:
            self.parse("vmm = qemu\nmigrate_bandwidth = 8\n")
        self.assertIn("needs a migrate key", str(cm.exception))

    def test_qemu_only(self) -> None:
        with self.assertRaises(cfg.CfgError) as cm:
            self.parse("migrate = 1\n")
        self.assertIn("only valid for QEMU", str(cm.exception))


class SessionTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="hvtest-mig-test-")
        self.registry = ProcRegistry()

    def tearDown(self) -> None:
        self.assertEqual(len(self.registry), 0, "a VMM is still registered")
        shutil.rmtree(self.tmp, ignore_errors=True)

    def session(self, mode: str, count: int, timeout: float = 20.0,
                interrupted: threading.Event | None = None, via: str = "socket",
                bandwidth: int | None = None
                ) -> tuple[TapParser, verdict.Outcome, int, verdict.Judgement]:
        p = ExecParams(argv=[sys.executable, FAKE_MIG, "-append", f"mode={mode} migration=runner"],
                       log_path=os.path.join(self.tmp, "t.log"), timeout=timeout, end_grace=2.0)
        tap, out, done = migration.run(migration.SessionParams(p, count, via, bandwidth),
                                       interrupted, self.registry)
        return tap, out, done, verdict.judge(tap, out, None)

    def log(self) -> str:
        with open(os.path.join(self.tmp, "t.log")) as f:
            return f.read()

    def test_one_migration_one_stream(self) -> None:
        tap, out, done, j = self.session("mig", 1)
        self.assertEqual(j.verdict, Verdict.PASS, j.reason)
        self.assertEqual(done, 1)
        self.assertEqual(out.returncode, 1)     # the destination's exit
        self.assertIn("query-migrate status=completed", self.log())
        self.assertIn("migrated at point 1", self.log())
        self.assertIn("# transfer 1 started", self.log())   # hvtest-migrating 1 on the source

    def test_bandwidth_set_before_migrate(self) -> None:
        tap, out, done, j = self.session("mig", 1, bandwidth=8)
        self.assertEqual((done, j.verdict), (1, Verdict.PASS), j.reason)
        self.assertIn(f"# max-bandwidth {8 << 20}", self.log())
        self.assertRegex(self.log(), r"\[hvtest: max-bandwidth 8 MiB/s \(at \d+\.\d{3} s\)\]")

    def test_count_spent_answers_stay(self) -> None:
        tap, out, done, j = self.session("mig2", 1)
        self.assertEqual(done, 1)
        self.assertEqual(j.verdict, Verdict.PASS, j.reason)
        self.assertIn("ok 2 # SKIP hvtest-stay 2 migrate = 1: 1 done", self.log())

    def test_two_migrations(self) -> None:
        tap, out, done, j = self.session("mig2", 2)
        self.assertEqual((done, j.verdict), (2, Verdict.PASS), j.reason)

    def test_save_restore_through_a_file(self) -> None:
        tap, out, done, j = self.session("mig2", 2, via="file")
        self.assertEqual((done, j.verdict), (2, Verdict.PASS), j.reason)
        self.assertIn("[hvtest: save 2: query-migrate status=completed", self.log())
        self.assertRegex(self.log(), r"\[hvtest: restore 2: destination running \(at \d+\.\d{3} s\)\]")

    def test_status_failed_is_crash_with_qmp_message(self) -> None:
        tap, out, done, j = self.session("migfail", 1)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("query-migrate status=failed: fake: stream broken", j.reason)
        self.assertEqual(done, 0)

    def test_qmp_error_is_crash(self) -> None:
        tap, out, done, j = self.session("migerr", 1)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("GenericError: fake: migration refused", j.reason)

    def test_destination_dies(self) -> None:
        tap, out, done, j = self.session("destdies", 1)
        self.assertEqual(j.verdict, Verdict.CRASH)
        self.assertIn("migration 1: destination", j.reason)

    def test_destination_ending_before_it_answers_is_the_guests_end(self) -> None:
        tap, out, done, j = self.session("destends", 1)
        self.assertEqual(j.verdict, Verdict.PASS, j.reason)
        self.assertEqual(done, 1)

    def test_timeout_covers_the_session(self) -> None:
        t0 = time.monotonic()
        tap, out, done, j = self.session("stuck", 1, timeout=2.0)
        self.assertEqual(j.verdict, Verdict.TIMEOUT)
        self.assertLess(time.monotonic() - t0, 6.0)

    def test_interrupt_kills_every_vmm(self) -> None:
        ev = threading.Event()
        threading.Timer(1.0, ev.set).start()
        tap, out, done, j = self.session("stuck", 1, interrupted=ev)
        self.assertEqual(j.verdict, Verdict.ERROR)
        self.assertEqual(j.reason, "interrupted")


if __name__ == "__main__":
    unittest.main()
