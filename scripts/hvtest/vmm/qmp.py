# SPDX-License-Identifier: GPL-2.0-only
"""A QEMU Machine Protocol client over a UNIX socket (QEMU docs:
"QEMU Machine Protocol Specification", interop/qmp-spec).

The client reads the greeting, negotiates capabilities, then sends one
command at a time and returns its "return" member; an "error" reply raises
QMPError with the server's class and description. Asynchronous events that
arrive meanwhile are kept in `events` in arrival order. Every read has a
deadline: a VMM that stops answering raises QMPError, never hangs the
runner.
"""
from __future__ import annotations

import json
import socket
import time
from typing import Any


class QMPError(Exception):
    """A QMP failure: an error reply, a closed socket, a timeout, bad JSON."""


class QMPClient:
    def __init__(self, path: str, timeout: float = 10.0) -> None:
        self.path = path
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        self._sock: socket.socket | None = None
        self._buf = b""

    def connect(self, wait: float = 10.0) -> dict[str, Any]:
        """Connects (retrying until WAIT seconds pass while the VMM creates
        the socket), negotiates, and returns the greeting's QMP member."""
        deadline = time.monotonic() + wait
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(self.path)
                break
            except OSError as e:
                sock.close()
                if time.monotonic() >= deadline:
                    raise QMPError(f"cannot connect to {self.path}: {e}") from e
                time.sleep(0.02)
        self._sock = sock
        greeting = self._read_message()
        if "QMP" not in greeting:
            raise QMPError(f"not a QMP greeting: {greeting!r}")
        self.execute("qmp_capabilities")
        qmp: dict[str, Any] = greeting["QMP"]
        return qmp

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def __enter__(self) -> QMPClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, command: str, arguments: dict[str, Any] | None = None) -> Any:
        """Runs COMMAND and returns its "return" member."""
        if self._sock is None:
            raise QMPError("not connected")
        msg: dict[str, Any] = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        try:
            self._sock.sendall(json.dumps(msg).encode() + b"\n")
        except OSError as e:
            raise QMPError(f"{command}: {self.path}: connection closed by "
                           f"the VMM ({e})") from e
        while True:
            reply = self._read_message()
            if "event" in reply:
                self.events.append(reply)
                continue
            if "error" in reply:
                err = reply["error"]
                raise QMPError(f"{command}: {err.get('class', '?')}: "
                               f"{err.get('desc', '')}")
            if "return" in reply:
                return reply["return"]
            raise QMPError(f"{command}: unexpected reply {reply!r}")

    def wait_event(self, name: str, timeout: float) -> dict[str, Any]:
        """Returns the first event NAME not yet consumed, waiting up to
        TIMEOUT seconds for it."""
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("event") == name:
                    return self.events.pop(i)
            left = deadline - time.monotonic()
            if left <= 0:
                raise QMPError(f"no {name} event within {timeout:g} s")
            msg = self._read_message(left)
            if "event" in msg:
                self.events.append(msg)

    def _read_message(self, timeout: float | None = None) -> dict[str, Any]:
        assert self._sock is not None
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise QMPError(f"{self.path}: no reply within the deadline")
            self._sock.settimeout(left)
            try:
                chunk = self._sock.recv(65536)
            except socket.timeout as e:
                raise QMPError(f"{self.path}: no reply within the deadline") from e
            except OSError as e:
                raise QMPError(f"{self.path}: connection closed by the VMM "
                               f"({e})") from e
            if not chunk:
                raise QMPError(f"{self.path}: connection closed by the VMM")
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        try:
            msg = json.loads(line)
        except ValueError as e:
            raise QMPError(f"{self.path}: bad JSON {line[:200]!r}") from e
        if not isinstance(msg, dict):
            raise QMPError(f"{self.path}: not a JSON object: {line[:200]!r}")
        return msg
