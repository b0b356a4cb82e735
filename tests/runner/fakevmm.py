#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Fake VMM for runner tests: accepts a QEMU-like command line and acts like
the harness guest would, chosen by `mode=NAME` in the -append string.

Harness modes: pass fail skip xfail hang triple exception garbage flood
abort noend.  Extra modes for execute-path tests: internal (KVM internal
error on stderr, then paused forever), grandchild (spawns a sleeping
grandchild, then hangs), ignoreterm (ignores SIGTERM, hangs), sigabrt (dies
on SIGABRT), noexit (prints a complete stream but never exits), sleep
(prints a passing stream after `sleep=SECONDS`), holdexit and holdhang
(start a sleeping child in a session of its own, out of reach of a group
kill, that keeps stdout and stderr open; then the leader prints a passing
stream and exits, or hangs).  `pidfile=PATH` appends the pids it creates
to PATH.  Exit codes follow isa-debug-exit: (status<<1)|1.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time


def out(s: str) -> None:
    sys.stdout.write(s)
    sys.stdout.flush()


def end(status: int, p: int = 0, f: int = 0, s: int = 0, x: int = 0) -> None:
    out(f"# hvtest-end status={status} pass={p} fail={f} skip={s} xfail={x} xpass=0\n")
    sys.exit((status << 1) | 1)


def hang() -> None:
    while True:
        time.sleep(3600)


def tap_pass(seed: str = "1") -> None:
    out(f"TAP version 14\n# hvtest harness (x86_64) seed={seed}\n# Subtest: one\n    ok 1 - first\n"
        "    ok 2 - second\n    1..2\nok 1 - one\n# Subtest: two\n    ok 1 - third\n    1..1\n"
        "ok 2 - two\n1..2\n")


def main(argv: list[str]) -> None:
    cmdline = ""
    cpu = ""
    for i, a in enumerate(argv):
        if a == "-append" and i + 1 < len(argv):
            cmdline = argv[i + 1]
        if a == "-cpu" and i + 1 < len(argv):
            cpu = argv[i + 1]
        if a == "-kernel" and i + 1 < len(argv) and not os.path.exists(argv[i + 1]):
            sys.stderr.write(f"qemu: could not load kernel '{argv[i + 1]}'\n")
            sys.exit(1)
    if "not-a-property" in cpu:
        sys.stderr.write("qemu-system-x86_64: can't apply global max-x86_64-cpu.not-a-property=on:"
                         " Property 'not-a-property' not found\n")
        sys.exit(1)
    opts = dict(w.split("=", 1) for w in cmdline.split() if "=" in w)
    if "pidfile" in opts:
        with open(opts["pidfile"], "a") as f:
            f.write(f"{os.getpid()}\n")
    mode = opts.get("mode", "pass")
    out("SeaBIOS-like banner\r\nBooting from ROM...\n")
    if mode == "pass":
        tap_pass(opts.get("seed", "1"))
        end(0, p=2)
    if mode == "sleep":
        time.sleep(float(opts.get("sleep", "0.1")))
        tap_pass()
        end(0, p=2)
    if mode == "fail":
        out("TAP version 14\n# Subtest: good\n    ok 1 - fine\n    1..1\nok 1 - good\n"
            "# Subtest: run\n    ok 1 - fine\n    not ok 2 - EFER bit 20 reserved\n      ---\n"
            "      file: x86/harness.c\n      line: 42\n      expected: \"#GP(0)\"\n"
            "      actual: \"no exception\"\n      ...\n    1..2\nnot ok 2 - run\n1..2\n")
        end(1, p=1, f=1)
    if mode == "hostile":
        out("TAP version 14\n# Subtest: run\n    not ok 1 - hostile \x1b[2J\x1b[1;1H\u202e desc "
            "\ufffe \x1b]0;owned\x07 end\n    1..1\nnot ok 1 - run\n1..1\n")
        end(1, f=1)
    if mode == "skip":
        out("TAP version 14\n# Subtest: a\n    1..0 # SKIP feature not exposed\n"
            "ok 1 - a # SKIP feature not exposed\n1..1\n")
        end(0, s=1)
    if mode == "xfail":
        out("TAP version 14\n# Subtest: a\n    ok 1 - fine\n    not ok 2 - known # TODO known bug\n"
            "    1..2\nok 1 - a\n1..1\n")
        end(0, p=0, x=1)
    if mode in ("hang", "grandchild", "ignoreterm"):
        out("TAP version 14\n# Subtest: spin\n    ok 1 - before the spin\n")
        if mode == "grandchild":
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
            if "pidfile" in opts:
                with open(opts["pidfile"], "a") as f:
                    f.write(f"{child.pid}\n")
        if mode == "ignoreterm":
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        hang()
    if mode in ("holdexit", "holdhang"):
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"],
                                 start_new_session=True)
        if "pidfile" in opts:
            with open(opts["pidfile"], "a") as f:
                f.write(f"{child.pid}\n")
        if mode == "holdexit":
            tap_pass()
            end(0, p=2)
        out("TAP version 14\n# Subtest: spin\n")
        hang()
    if mode == "triple":
        out("TAP version 14\n# Subtest: tf\n")
        sys.exit(0)
    if mode in ("exception", "abort"):
        out("TAP version 14\n# Subtest: boom\n    ok 1 - before\n")
        out("# RAX=0000000000000000 RBX=0000000000000001\n# RIP=0000000000102a4f\n# backtrace: 102a4f 1003b0\n")
        what = "unexpected exception #UD at rip=0x102a4f in case boom" if mode == "exception" \
            else "abort() called in case boom"
        out(f"Bail out! {what}\n")
        end(3)
    if mode == "garbage":
        rnd = random.Random(1)
        for _ in range(50):
            out("".join(chr(rnd.randint(33, 126)) for _ in range(rnd.randint(0, 70))) + "\n")
        out("TAP version 14\n# Subtest: x\n    ok 1 - half\n    not ok\n  ---\nok 7 junk # TODO\n"
            "\x00\x01\xff garbage\n        ok 1 - deep\n")
        sys.exit(1)
    if mode == "flood":
        out("TAP version 14\n")
        line = "# flood " + "x" * 100 + "\n"
        while True:
            out(line * 100)
    if mode == "noend":
        out("TAP version 14\n# Subtest: a\n    ok 1 - x\n    1..1\nok 1 - a\n1..1\n")
        sys.exit(1)
    if mode == "noexit":
        tap_pass()
        out("# hvtest-end status=0 pass=2 fail=0 skip=0 xfail=0 xpass=0\n")
        hang()
    if mode == "internal":
        out("TAP version 14\n# Subtest: vmx\n    ok 1 - vmxon\n")
        time.sleep(0.05)
        sys.stderr.write("KVM internal error. Suberror: 1\nextra data[0]: 0x0000000000000000\n"
                         "emulation failure\nRAX=0000000000000000 RBX=0000000000000000\n"
                         "RIP=0000000000102000 RFL=00000002\n")
        sys.stderr.flush()
        hang()
    if mode == "sigabrt":
        out("TAP version 14\n")
        sys.stderr.write("qemu: kvm.c:3183: kvm_buf_set_msrs: Assertion failed.\n")
        sys.stderr.flush()
        os.abort()
    sys.stderr.write(f"fakevmm: unknown mode {mode}\n")
    sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
