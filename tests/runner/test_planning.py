# SPDX-License-Identifier: GPL-2.0-only
"""Without --arch, --accel kvm and --vmm bochs keep the built arches they
can run (the rest would be one ERROR or SKIP per entry); with --arch every
named arch stays."""
from __future__ import annotations

import types
import unittest
from typing import Any, cast
from unittest import mock

from support import SCRIPTS

from hvtest import planning
from hvtest.planning import UsageError

BUILT = ["x86_64", "arm64", "ppc64le", "s390x"]


def opts(vmm: str = "qemu", accel: str = "auto") -> Any:
    return cast(Any, types.SimpleNamespace(vmm=vmm, accel=accel))


class ImpliedArchesTest(unittest.TestCase):
    def implied(self, built: list[str], **kw: str) -> list[str]:
        with mock.patch("hvtest.accel.host_arch", return_value="x86_64"):
            return planning._implied_arches(opts(**kw), built, None)

    def test_the_repository_runner_is_tested(self) -> None:
        self.assertTrue(planning.__file__.startswith(SCRIPTS))

    def test_kvm_keeps_the_host_arch(self) -> None:
        self.assertEqual(self.implied(BUILT, accel="kvm"), ["x86_64"])

    def test_tcg_and_auto_keep_every_arch(self) -> None:
        for accel in ("tcg", "auto"):
            self.assertEqual(self.implied(BUILT, accel=accel), BUILT)

    def test_bochs_keeps_x86_64(self) -> None:
        self.assertEqual(self.implied(BUILT, vmm="bochs", accel="tcg"), ["x86_64"])

    def test_nothing_left_is_a_usage_error(self) -> None:
        with self.assertRaises(UsageError) as cm:
            self.implied(["arm64"], accel="kvm")
        self.assertIn("no built guest arch runs", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
