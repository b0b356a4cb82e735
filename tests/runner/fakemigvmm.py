#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Fake migrating VMM for the migration session tests (test_migration.py).

Takes the part of a QEMU command line the session builds: `-qmp
unix:PATH,server=on,wait=off`, `-incoming unix:SOCK` (or `exec:cat FILE`) for a destination,
`-append "mode=NAME ..."`. It serves QMP (qmp_capabilities, query-status,
migrate-set-parameters, migrate, query-migrate, quit) and plays a guest whose state (the next
migration point) travels from source to destination over SOCK (or
through FILE, for `migrate` to `exec:cat > FILE`) as one JSON line. Modes:

    mig       one case, one migration point
    mig2      one case, two migration points
    migfail   query-migrate reports status "failed" with an error-desc
    migerr    the migrate command gets a QMP error reply
    destdies  the destination exits (status 1) once the state arrived
    stuck     query-migrate stays "active" forever
"""
from __future__ import annotations

import json
import os
import shlex
import socket
import sys
import threading
from typing import Any

state: dict[str, Any] = {"status": "running", "migration": "none", "point": 0}
lock = threading.Lock()
arrived = threading.Event()     # destination: the state came in


def out(s: str) -> None:
    sys.stdout.write(s)
    sys.stdout.flush()


def arg(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv[:-1] else None


def send_state(uri: str, mode: str) -> None:
    if mode == "stuck":
        with lock:
            state["migration"] = "active"
        return
    data = json.dumps({"point": state["point"]}).encode() + b"\n"
    if uri.startswith("exec:"):                 # exec:cat > FILE (save)
        with open(shlex.split(uri[5:])[-1], "wb") as f:
            f.write(data)
    else:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(uri[5:])
            s.sendall(data)
    with lock:
        state["migration"] = "failed" if mode == "migfail" else "completed"
        state["status"] = "running" if mode == "migfail" else "postmigrate"


def reply(cmd: dict[str, Any], mode: str) -> dict[str, Any]:
    name = cmd.get("execute")
    if name == "qmp_capabilities":
        return {"return": {}}
    if name == "query-status":
        with lock:
            return {"return": {"status": state["status"], "running": state["status"] == "running"}}
    if name == "migrate-set-parameters":
        out(f"    # max-bandwidth {cmd['arguments']['max-bandwidth']}\n")
        return {"return": {}}
    if name == "migrate":
        if mode == "migerr":
            return {"error": {"class": "GenericError", "desc": "fake: migration refused"}}
        threading.Thread(target=send_state, args=(cmd["arguments"]["uri"], mode), daemon=True).start()
        return {"return": {}}
    if name == "query-migrate":
        with lock:
            info: dict[str, Any] = {"status": state["migration"]}
        if info["status"] == "failed":
            info["error-desc"] = "fake: stream broken"
        if info["status"] == "completed":
            info.update({"total-time": 5, "downtime": 1, "ram": {"transferred": 4096}})
        return {"return": info}
    if name == "quit":
        os._exit(0)
    return {"error": {"class": "CommandNotFound", "desc": f"no {name}"}}


def serve_qmp(path: str, mode: str) -> None:
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(1)
    while True:
        conn, _ = srv.accept()
        conn.sendall(b'{"QMP": {"version": {}, "capabilities": []}}\n')
        for line in conn.makefile("rb"):
            conn.sendall(json.dumps(reply(json.loads(line), mode)).encode() + b"\n")
        conn.close()


def receive_state(uri: str, mode: str) -> None:
    if uri.startswith("exec:"):                 # exec:cat FILE (restore)
        with open(shlex.split(uri[5:])[-1], "rb") as f:
            got = json.loads(f.readline())
    else:
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(uri[5:])
        srv.listen(1)
        conn, _ = srv.accept()
        got = json.loads(conn.makefile("rb").readline())
    if mode == "destdies":
        os._exit(1)
    if mode == "destends":              # the guest runs on to its end at once
        report(got["point"], f"hvtest-migrated {got['point']}")
        out("    1..1\nok 1 - c\n1..1\n")
        out("# hvtest-end status=0 pass=1 fail=0 skip=0 xfail=0 xpass=0\n")
        os._exit(1)
    with lock:
        state["point"] = got["point"]
        state["status"] = "running"
    arrived.set()


def report(k: int, answer: str) -> None:
    if answer.startswith(f"hvtest-migrated {k}"):
        out(f"    ok {k} - migrated at point {k}\n")
    elif answer.startswith(f"hvtest-stay {k}"):
        out(f"    ok {k} # SKIP {answer.strip()}\n")
    else:
        out(f"    not ok {k} - answer {answer.strip()!r}\n")


def guest(points: int, first: int) -> None:
    """Runs the guest after migration point FIRST (0: from boot)."""
    if first == 0:
        out("TAP version 14\n# Subtest: c\n")
    for k in range(first + 1, points + 1):
        with lock:
            state["point"] = k
        out(f"    # hvtest-migrate n={k}\n")
        # A migrated-away source blocks here until `quit` ends it.
        answer = sys.stdin.readline()
        while answer.startswith(f"hvtest-migrating {k}"):
            out(f"    # transfer {k} started\n")
            answer = sys.stdin.readline()
        report(k, answer)
    out(f"    1..{points}\nok 1 - c\n1..1\n")
    out("# hvtest-end status=0 pass=1 fail=0 skip=0 xfail=0 xpass=0\n")
    sys.exit(1)


def main(argv: list[str]) -> None:
    words = (arg(argv, "-append") or "").split()
    mode = next((w[5:] for w in words if w.startswith("mode=")), "mig")
    qmp = arg(argv, "-qmp")
    incoming = arg(argv, "-incoming")
    points = 2 if mode == "mig2" else 1
    if incoming is not None:
        state["status"] = "inmigrate"
        threading.Thread(target=receive_state, args=(incoming, mode), daemon=True).start()
    if qmp is not None:
        threading.Thread(target=serve_qmp, args=(qmp[5:].split(",")[0], mode), daemon=True).start()
    if incoming is not None:
        arrived.wait()
        with lock:
            first = state["point"]
        report(first, sys.stdin.readline())
        guest(points, first)
    guest(points, 0)


if __name__ == "__main__":
    main(sys.argv[1:])
