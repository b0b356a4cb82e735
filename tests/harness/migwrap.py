#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A stand-in for qemu-system-x86_64 that breaks migration sessions on
purpose, for the harness check's migration rows (tests/harness/check.py).

It runs the real QEMU (HVTEST_MIGWRAP_QEMU, default qemu-system-x86_64
from PATH) unchanged, except for a destination (a command line with
-incoming) when HVTEST_MIGWRAP says:

    dest-absent   the destination exits at once with status 1 (never starts)
    dest-abort    the destination gets twice the source's RAM, so loading
                  the migration stream fails and it exits
    source-dies   the destination first SIGKILLs the session's source VMM
                  (the process whose command line has the vm0.qmp socket
                  of the same session directory), then starts
"""
from __future__ import annotations

import os
import signal
import sys


def qmp_dir(argv: list[str]) -> str | None:
    for i, a in enumerate(argv[:-1]):
        if a == "-qmp" and argv[i + 1].startswith("unix:"):
            return os.path.dirname(argv[i + 1][5:].split(",", 1)[0])
    return None


def kill_source(session_dir: str) -> None:
    needle = f"unix:{session_dir}/vm0.qmp".encode()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as f:
                if any(w.startswith(needle) for w in f.read().split(b"\0")):
                    os.kill(int(name), signal.SIGKILL)
        except OSError:
            continue


def main(argv: list[str]) -> int:
    qemu = os.environ.get("HVTEST_MIGWRAP_QEMU", "qemu-system-x86_64")
    mode = os.environ.get("HVTEST_MIGWRAP", "")
    if "-incoming" in argv:
        if mode == "dest-absent":
            print("migwrap: this destination never starts", file=sys.stderr)
            return 1
        if mode == "dest-abort" and "-m" in argv:
            i = argv.index("-m")
            argv = argv[:i + 1] + [str(2 * int(argv[i + 1]))] + argv[i + 2:]
        if mode == "source-dies":
            d = qmp_dir(argv)
            if d is not None:
                kill_source(d)
    os.execvp(qemu, [qemu, *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
