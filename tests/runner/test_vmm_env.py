# SPDX-License-Identifier: GPL-2.0-only
"""VMM binary overrides: HVTEST_<VMM>_<ARCH> per arch, plain HVTEST_<VMM> for one arch only."""
from __future__ import annotations

import importlib
import os
import stat
import tempfile
import unittest
from unittest import mock

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest import vmm

ALL = ["x86_64", "arm64", "ppc64le", "s390x"]


def clean_env(**extra: str) -> dict[str, str]:
    """The current environment without any HVTEST_QEMU*/HVTEST_BOCHS* variable, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HVTEST_QEMU", "HVTEST_BOCHS"))}
    env.update(extra)
    return env


class EnvVarNameTest(unittest.TestCase):
    def test_names(self) -> None:
        self.assertEqual(vmm.env_var("qemu"), "HVTEST_QEMU")
        self.assertEqual(vmm.env_var("bochs"), "HVTEST_BOCHS")
        self.assertEqual([vmm.env_var("qemu", a) for a in ALL],
                         ["HVTEST_QEMU_X86_64", "HVTEST_QEMU_ARM64",
                          "HVTEST_QEMU_PPC64LE", "HVTEST_QEMU_S390X"])


class EnvOverrideErrorTest(unittest.TestCase):
    def error(self, vmm_name: str, arches: list[str], **env: str) -> str | None:
        with mock.patch.dict(os.environ, clean_env(**env), clear=True):
            return vmm.env_override_error(vmm_name, arches)

    def test_unset_or_empty_is_never_an_error(self) -> None:
        self.assertIsNone(self.error("qemu", ALL))
        self.assertIsNone(self.error("qemu", ALL, HVTEST_QEMU=""))

    def test_plain_with_one_arch(self) -> None:
        self.assertIsNone(self.error("qemu", ["arm64"], HVTEST_QEMU="/opt/q/qemu-system-aarch64"))
        self.assertIsNone(self.error("qemu", [], HVTEST_QEMU="/opt/q/qemu-system-aarch64"))

    def test_plain_with_several_arches_names_the_per_arch_variables(self) -> None:
        err = self.error("qemu", ["x86_64", "arm64"], HVTEST_QEMU="/opt/q/qemu-system-x86_64")
        if err is None:
            self.fail("plain HVTEST_QEMU accepted for two arches")
        self.assertIn("HVTEST_QEMU ", err)
        self.assertIn("x86_64, arm64", err)
        self.assertIn("HVTEST_QEMU_X86_64=PATH", err)
        self.assertIn("HVTEST_QEMU_ARM64=PATH", err)
        self.assertIn("--arch", err)

    def test_per_arch_variables_alone_are_fine(self) -> None:
        self.assertIsNone(self.error("qemu", ALL, HVTEST_QEMU_ARM64="/a", HVTEST_QEMU_S390X="/s"))

    def test_bochs_counts_only_the_arch_it_runs(self) -> None:
        self.assertIsNone(self.error("bochs", ALL, HVTEST_BOCHS="/opt/bochs/bin/bochs"))


class ResolveBinaryTest(unittest.TestCase):
    def setUp(self) -> None:
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)
        self.tmp = self._tmp.name
        self.empty_dir = os.path.join(self.tmp, "empty")
        os.mkdir(self.empty_dir)

    def exe(self, name: str) -> str:
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write("#!/bin/sh\n")
        os.chmod(path, stat.S_IRWXU)
        return path

    def resolve(self, vmm_name: str, arch: str, overrides: dict[str, str] | None = None,
                path: str | None = None, **env: str) -> tuple[str | None, str]:
        """resolve_binary() with only `env` set and PATH = `path` (default: an empty directory)."""
        with mock.patch.dict(os.environ, clean_env(PATH=path or self.empty_dir, **env), clear=True):
            return vmm.resolve_binary(vmm_name, arch, overrides or {})

    def test_per_arch_variable_picks_that_arch_only(self) -> None:
        arm = self.exe("qemu-arm")
        self.assertEqual(self.resolve("qemu", "arm64", HVTEST_QEMU_ARM64=arm), (arm, arm))
        self.assertEqual(self.resolve("qemu", "x86_64", HVTEST_QEMU_ARM64=arm),
                         (None, "qemu-system-x86_64"))

    def test_per_arch_variable_beats_plain(self) -> None:
        arm, plain = self.exe("qemu-arm"), self.exe("qemu-any")
        self.assertEqual(self.resolve("qemu", "arm64", HVTEST_QEMU_ARM64=arm, HVTEST_QEMU=plain)[0], arm)
        self.assertEqual(self.resolve("qemu", "s390x", HVTEST_QEMU_ARM64=arm, HVTEST_QEMU=plain)[0], plain)

    def test_command_line_beats_environment(self) -> None:
        cli, env = self.exe("qemu-cli"), self.exe("qemu-env")
        self.assertEqual(self.resolve("qemu", "ppc64le", {"qemu-system-ppc64": cli},
                                      HVTEST_QEMU_PPC64LE=env)[0], cli)
        self.assertEqual(self.resolve("qemu", "ppc64le", {"qemu": cli}, HVTEST_QEMU_PPC64LE=env)[0], cli)

    def test_bochs_plain_variable(self) -> None:
        bochs = self.exe("bochs-2.8")
        self.assertEqual(self.resolve("bochs", "x86_64", HVTEST_BOCHS=bochs), (bochs, bochs))

    def test_binary_name_searched_on_path(self) -> None:
        found = self.exe("qemu-system-s390x")
        self.assertEqual(self.resolve("qemu", "s390x", path=self.tmp), (found, "qemu-system-s390x"))

    def test_override_that_is_not_executable(self) -> None:
        missing = os.path.join(self.tmp, "nosuch")
        self.assertEqual(self.resolve("qemu", "arm64", HVTEST_QEMU_ARM64=missing), (None, missing))


if __name__ == "__main__":
    unittest.main()
