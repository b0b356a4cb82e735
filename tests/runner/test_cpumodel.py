# SPDX-License-Identifier: GPL-2.0-only
"""scripts/hvtest/cpumodel.py: -cpu parsing, the feature words passed to
the guest, the expansion over QMP (a scripted stand-in for QEMU), the
cache, and the agreement of its bit tables with x86/cpuid/names.c."""
from __future__ import annotations

import importlib
import json
import os
import re
import stat
import sys
import tempfile
import unittest

importlib.import_module("support")  # puts scripts/ on sys.path
from hvtest import cpumodel  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")

# A stand-in for qemu-system-x86_64: serves QMP on the -qmp socket, answers
# query-cpu-model-expansion with the props it was asked for on top of
# {"popcnt": true, "avx": false}, and records the request in $FAKE_LOG.
FAKE_QEMU = r'''
import json, os, socket, sys
path = next(a for a in sys.argv if a.startswith("unix:"))[5:].split(",")[0]
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(1)
conn, _ = srv.accept()
conn.sendall(b'{"QMP": {"version": {}, "capabilities": []}}\n')
f = conn.makefile("rb")
for line in f:
    msg = json.loads(line)
    if msg["execute"] == "query-cpu-model-expansion":
        with open(os.environ["FAKE_LOG"], "a") as log:
            log.write(json.dumps({"argv": sys.argv[1:], "msg": msg}) + "\n")
        model = msg["arguments"]["model"]
        if model["name"] == "bogus":
            conn.sendall(b'{"error": {"class": "GenericError", "desc": "bad model"}}\n')
            continue
        props = {"popcnt": True, "avx": False}
        props.update(model.get("props", {}))
        reply = {"return": {"model": {"name": model["name"], "props": props}}}
        conn.sendall(json.dumps(reply).encode() + b"\n")
    else:
        conn.sendall(b'{"return": {}}\n')
'''


class ParseTest(unittest.TestCase):
    def test_switches(self) -> None:
        self.assertEqual(cpumodel.parse_cpu("max,-popcnt,+avx,sse4.2=off,family=6,hv-time=on"),
                         ("max", {"popcnt": False, "avx": True, "sse4.2": False,
                                  "hv-time": True}))
        self.assertEqual(cpumodel.parse_cpu("host"), ("host", {}))


class WordsTest(unittest.TestCase):
    def test_words_and_mask(self) -> None:
        words = cpumodel.feature_words({"popcnt": True, "movbe": False, "fpu": True,
                                        "family": 6, "kvmclock": True})
        self.assertEqual(words[(1, 0, "c")], ((1 << 23), (1 << 23) | (1 << 22)))
        self.assertEqual(words[(1, 0, "d")], (1, 1))
        self.assertNotIn((0x40000001, 0, "a"), words, "KVM leaf only under KVM")

    def test_kvm_and_hyperv_leaves(self) -> None:
        words = cpumodel.feature_words({"kvmclock": True}, "kvm")
        self.assertEqual(words[(0x40000001, 0, "a")], (1, 1))
        words = cpumodel.feature_words({"kvmclock": True, "hv-time": True,
                                        "hv-relaxed": False}, "kvm")
        self.assertEqual(words[(0x40000101, 0, "a")], (1, 1))
        self.assertEqual(words[(0x40000003, 0, "a")][0], (1 << 1) | (1 << 9))
        self.assertEqual(words[(0x40000004, 0, "a")], (0, (1 << 5) | (1 << 2)))

    def test_unavailable_features_are_off(self) -> None:
        defs = [{"name": "EPYC-Milan", "unavailable-features": ["pcid", "rdseed", "no-such"]},
                {"name": "max", "unavailable-features": []}]
        props = {"pcid": True, "rdseed": True, "avx": True}
        self.assertEqual(cpumodel.drop_unavailable(props, "EPYC-Milan", defs),
                         {"pcid": False, "rdseed": False, "avx": True})
        self.assertEqual(cpumodel.drop_unavailable(props, "max", defs), props)
        self.assertEqual(cpumodel.drop_unavailable(props, "EPYC-Milan", {}), props)

    def test_guest_words(self) -> None:
        out = cpumodel.guest_words("max,-popcnt", {(7, 0, "b"): (8, 0x18),
                                                   (1, 0, "c"): (0, 1 << 23)}, True)
        self.assertEqual(out, ["cpumodel=max,-popcnt", "want=1:0:c:0:800000,7:0:b:8:18",
                               "hyperv=on"])


class ExpansionTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.mkdtemp()
        self.qemu = os.path.join(self.dir, "qemu-system-x86_64")
        with open(self.qemu, "w", encoding="utf-8") as f:
            f.write(f"#!{sys.executable}\n{FAKE_QEMU}")
        os.chmod(self.qemu, stat.S_IRWXU)
        self.log = os.path.join(self.dir, "requests.log")
        os.environ["FAKE_LOG"] = self.log

    def requests(self) -> list[dict[str, object]]:
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def test_expand_replaces_the_request_word_and_caches(self) -> None:
        cache = os.path.join(self.dir, "cache")
        args = f"cpus=2 {cpumodel.REQUEST} case=configured_model"
        got = cpumodel.expand_guest_args(args, self.qemu, "7.2.22", "tcg",
                                         "max,-popcnt", cache)
        words = got.split()
        self.assertEqual(words[0], "cpus=2")
        self.assertEqual(words[1], "cpumodel=max,-popcnt")
        self.assertTrue(words[2].startswith("want="))
        self.assertIn("1:0:c:0:", words[2])
        self.assertEqual(words[-1], "case=configured_model")
        req = self.requests()
        self.assertEqual(len(req), 1)
        argv = req[0]["argv"]
        assert isinstance(argv, list)
        self.assertEqual(argv[:4], ["-machine", "none", "-accel", "tcg"])
        self.assertEqual(req[0]["msg"], {"execute": "query-cpu-model-expansion",
                                         "arguments": {"type": "full", "model": {
                                             "name": "max", "props": {"popcnt": False}}}})
        again = cpumodel.expand_guest_args(args, self.qemu, "7.2.22", "tcg",
                                           "max,-popcnt", cache)
        self.assertEqual(again, got)
        self.assertEqual(len(self.requests()), 1, "the second answer comes from the cache")
        cpumodel.expand_guest_args(args, self.qemu, "8.0.0", "tcg", "max,-popcnt", cache)
        self.assertEqual(len(self.requests()), 2, "another version is asked again")

    def test_qmp_error_is_a_model_error(self) -> None:
        with self.assertRaisesRegex(cpumodel.ModelError, "bad model"):
            cpumodel.query_expansion(self.qemu, "tcg", "bogus", timeout=5)

    def test_missing_binary(self) -> None:
        with self.assertRaisesRegex(cpumodel.ModelError, "cannot start"):
            cpumodel.query_expansion(os.path.join(self.dir, "none"), "tcg", "max")


class NamesTest(unittest.TestCase):
    def test_guest_table_matches(self) -> None:
        """x86/cpuid/names.c names exactly the bits of the runner's tables."""
        want: dict[tuple[int, int, str, int], str] = {}
        for name, (leaf, sub, reg, bit) in cpumodel.FEATURES.items():
            want[(leaf, sub, reg, bit)] = name
        for name, bit in cpumodel.KVM_FEATURES.items():
            want[(0x40000001, 0, "a", bit)] = name
            want[(0x40000101, 0, "a", bit)] = name
        for name, (leaf, bits) in cpumodel.HYPERV_FEATURES.items():
            for bit in bits:
                want[(leaf, 0, "a", bit)] = name
        with open(os.path.join(ROOT, "x86", "cpuid", "names.c"), encoding="utf-8") as f:
            text = f.read()
        got = {(int(leaf, 16), int(sub), reg.lower(), int(bit)): name
               for leaf, sub, reg, bit, name in re.findall(
                   r'\{(0x[0-9a-f]+), (\d+), CPUID_E([ABCD])X, (\d+), "([^"]+)"\}', text)}
        self.assertEqual(got, want)


if __name__ == "__main__":
    unittest.main()
