# SPDX-License-Identifier: GPL-2.0-only
"""Every source file of the repository carries the SPDX line of the
project's license (LICENSE: GPL-2.0-only) within its first three lines."""
from __future__ import annotations

import os
import subprocess
import unittest

import support

TAG = "SPDX-License-Identifier: GPL-2.0-only"
SOURCE_ENDINGS = (".c", ".h", ".S", ".s", ".lds", ".py", ".sh", ".mk")
SOURCE_NAMES = ("Makefile", "configure", "run")


def sources() -> list[str]:
    out = subprocess.run(["git", "-C", support.ROOT, "ls-files"], capture_output=True,
                         text=True, check=True).stdout.split()
    return [f for f in out if f.endswith(SOURCE_ENDINGS) or os.path.basename(f) in SOURCE_NAMES]


class LicenseTest(unittest.TestCase):
    def test_every_source_file_has_the_spdx_line(self) -> None:
        if not os.path.isdir(os.path.join(support.ROOT, ".git")):
            self.skipTest("not a git checkout (an installed copy): no file list")
        missing = []
        for f in sources():
            with open(os.path.join(support.ROOT, f), encoding="utf-8", errors="replace") as fh:
                head = [fh.readline() for _ in range(3)]
            if not any(TAG in line for line in head):
                missing.append(f)
        self.assertEqual(missing, [])
        self.assertTrue(os.path.isfile(os.path.join(support.ROOT, "LICENSE")))


if __name__ == "__main__":
    unittest.main()
