# SPDX-License-Identifier: GPL-2.0-only
"""The QMP client against a scripted server on a UNIX socket."""
from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))

from hvtest.vmm.qmp import QMPClient, QMPError  # noqa: E402


def serve(path: str, replies: list[bytes], ready: threading.Event) -> None:
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(1)
    ready.set()
    conn, _ = srv.accept()
    conn.sendall(b'{"QMP": {"version": {"qemu": {"major": 7}}, "capabilities": []}}\n')
    f = conn.makefile("rb")
    for reply in replies:
        if not f.readline():
            break
        conn.sendall(reply)
    conn.close()
    srv.close()


class QMPTest(unittest.TestCase):
    def run_server(self, replies: list[bytes]) -> str:
        d = tempfile.mkdtemp()
        path = os.path.join(d, "qmp.sock")
        ready = threading.Event()
        t = threading.Thread(target=serve, args=(path, replies, ready), daemon=True)
        t.start()
        ready.wait(5)
        return path

    def test_return_and_events(self) -> None:
        path = self.run_server([
            b'{"return": {}}\n',
            b'{"event": "STOP", "data": {}}\n{"return": {"status": "paused"}}\n',
        ])
        with QMPClient(path, timeout=5) as q:
            greeting = q.connect()
            self.assertEqual(greeting["version"]["qemu"]["major"], 7)
            self.assertEqual(q.execute("query-status"), {"status": "paused"})
            self.assertEqual(q.wait_event("STOP", 1)["event"], "STOP")

    def test_error_reply_raises_with_class(self) -> None:
        err = {"error": {"class": "GenericError", "desc": "no such thing"}}
        path = self.run_server([b'{"return": {}}\n', json.dumps(err).encode() + b"\n"])
        with QMPClient(path, timeout=5) as q:
            q.connect()
            with self.assertRaisesRegex(QMPError, "GenericError: no such thing"):
                q.execute("bogus")

    def test_closed_socket_raises(self) -> None:
        path = self.run_server([b'{"return": {}}\n'])
        with QMPClient(path, timeout=5) as q:
            q.connect()
            with self.assertRaisesRegex(QMPError, "closed"):
                q.execute("query-status")

    def test_missing_socket_raises(self) -> None:
        with self.assertRaisesRegex(QMPError, "cannot connect"):
            QMPClient("/nonexistent/qmp.sock").connect(wait=0.05)


if __name__ == "__main__":
    unittest.main()
