# SPDX-License-Identifier: GPL-2.0-only
"""Report files: atomic replacement of regular files only, write-through for
FIFOs and devices, symbolic links followed, standard output, file mode."""
from __future__ import annotations

import os
import stat
import threading
import unittest

import support
from hvtest.report import output


class OutputTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = support.tempdir(self)

    def test_regular_file_replaced_with_umask_mode(self) -> None:
        p = os.path.join(self.tmp, "r.json")
        output.write_text(p, "one\n")
        output.write_text(p, "two\n")
        self.assertEqual(support.read(p), "two\n")
        old = os.umask(0o022)
        os.umask(old)
        self.assertEqual(stat.S_IMODE(os.stat(p).st_mode), 0o666 & ~old)
        self.assertEqual(os.listdir(self.tmp), ["r.json"])    # no temporary left behind

    def test_symlink_kept_and_target_written(self) -> None:
        target = os.path.join(self.tmp, "real.tap")
        link = os.path.join(self.tmp, "link.tap")
        os.symlink(target, link)
        output.write_text(link, "TAP version 13\n")
        self.assertTrue(os.path.islink(link))
        self.assertEqual(support.read(target), "TAP version 13\n")

    def test_fifo_written_through(self) -> None:
        fifo = os.path.join(self.tmp, "pipe")
        os.mkfifo(fifo)
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(support.read(fifo)))
        reader.start()
        self.assertFalse(output.replaceable(fifo))
        output.write_text(fifo, "through\n")
        reader.join(5)
        self.assertEqual(got, ["through\n"])
        self.assertTrue(stat.S_ISFIFO(os.stat(fifo).st_mode))

    def test_dev_null_is_not_replaced(self) -> None:
        self.assertFalse(output.replaceable(os.devnull))
        output.write_text(os.devnull, "x")
        self.assertTrue(stat.S_ISCHR(os.stat(os.devnull).st_mode))

    def test_dash_is_stdout(self) -> None:
        self.assertTrue(output.is_stdout("-"))
        self.assertFalse(output.replaceable("-"))


if __name__ == "__main__":
    unittest.main()
