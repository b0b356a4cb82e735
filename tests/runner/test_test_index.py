# SPDX-License-Identifier: GPL-2.0-only
"""scripts/gen-test-index.py: header comments, sources of one file or a
directory, entries per arch, and --check failing on a stale docs/tests.md."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
import tempfile
import unittest

import support
from support import GROUPS, write

_spec = importlib.util.spec_from_file_location(
    "gen_test_index", os.path.join(support.SCRIPTS, "gen-test-index.py"))
assert _spec and _spec.loader
gti = importlib.util.module_from_spec(_spec)
sys.modules["gen_test_index"] = gti   # dataclasses look their module up there
_spec.loader.exec_module(gti)

TESTDIRS = {"x86_64": "x86", "arm64": "arm", "ppc64le": "powerpc", "s390x": "s390x"}


def tree(tmp: str, cfg_text: str, sources: dict[str, str]) -> str:
    """A source tree in TMP: mk/arch-*.mk, unittests.cfg, docs/, SOURCES."""
    for d in ("mk", "docs", *TESTDIRS.values()):
        os.makedirs(os.path.join(tmp, d), exist_ok=True)
    for arch, tdir in TESTDIRS.items():
        write(os.path.join(tmp, "mk", f"arch-{arch}.mk"), f"LIBDIR := x\nTESTDIR := {tdir}\n")
    write(os.path.join(tmp, "unittests.cfg"), GROUPS + cfg_text)
    for path, text in sources.items():
        os.makedirs(os.path.dirname(os.path.join(tmp, path)), exist_ok=True)
        write(os.path.join(tmp, path), text)
    return tmp


def run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        rc = gti.main(argv)
    return rc, err.getvalue()


class HeaderTest(unittest.TestCase):
    def test_paragraphs_spdx_and_hyphenation(self) -> None:
        text = ("/* SPDX-License-Identifier: GPL-2.0-only */\n"
                "/*\n * msr: architectural MSR behaviour, little-\n * endian or not\n"
                " *\n * Second paragraph (SDM 4.5).\n */\nint x; /* later */\n")
        self.assertEqual(gti.header_paragraphs(text),
                         ["msr: architectural MSR behaviour, little-endian or not",
                          "Second paragraph (SDM 4.5)."])

    def test_no_comment(self) -> None:
        self.assertEqual(gti.header_paragraphs("int x;\n"), [])

    def test_markdown_escapes(self) -> None:
        self.assertEqual(gti.md_text("PTE_* <n> a_b _x"), r"PTE\_\* \<n> a_b \_x")


class IndexTest(unittest.TestCase):
    def test_entries_per_arch_and_multi_file_test(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            tree(tmp, "[msr]\narch = x86_64\ngroups = quick\n\n"
                      "[msr_tcg]\nfile = msr\narch = x86_64\naccel = tcg\nargs = a|b\n\n"
                      "[big]\narch = x86_64\n\n[selftest]\narch = arm64 s390x\n",
                 {"x86/msr.c": "/* msr: MSRs. */\nTEST_CASE(one)\n{\n}\nTEST_CASE(two)\n",
                  "x86/big/big.c": "/* big: from two files. */\n",
                  "x86/big/more.c": "TEST_CASE(three)\n",
                  "x86/lonely.c": "/* lonely: no entry. */\n",
                  "arm/selftest.c": "/* selftest: arm. */\n",
                  "s390x/selftest.c": "/* selftest: s390x. */\n"})
            index = gti.collect(gti.cfgmod.load(os.path.join(tmp, "unittests.cfg")), tmp)
            x86 = {s.file: s for s in index["x86_64"].sources}
            self.assertEqual(sorted(x86), ["big", "lonely", "msr"])
            self.assertEqual([e.name for e in x86["msr"].entries], ["msr", "msr_tcg"])
            self.assertEqual(x86["msr"].cases, ["one", "two"])
            self.assertEqual(x86["msr"].header, ["MSRs."])
            self.assertEqual(x86["big"].paths, ["x86/big/big.c", "x86/big/more.c"])
            self.assertEqual(x86["big"].cases, ["three"])
            self.assertEqual([s.file for s in index["s390x"].sources], ["selftest"])
            text = gti.render(index)
            self.assertIn("| `msr_tcg` | — | `a\\|b` | 1 | — | tcg | qemu bochs | — |", text)
            self.assertIn("| `selftest` | — | — | 1 | — | kvm tcg | qemu | — |", text)
            self.assertIn("No entry in unittests.cfg runs it.", text)

    def test_entry_without_source_is_an_error(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            tree(tmp, "[gone]\narch = arm64\n", {})
            rc, err = run(["--top", tmp])
            self.assertEqual(rc, 2)
            self.assertIn("[gone] runs 'gone' on arm64", err)

    def test_check_fails_when_stale(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            tree(tmp, "[msr]\narch = x86_64\n", {"x86/msr.c": "/* msr: MSRs. */\n"})
            self.assertEqual(run(["--top", tmp, "--check"])[0], 1)   # no file yet
            self.assertEqual(run(["--top", tmp])[0], 0)
            self.assertEqual(run(["--top", tmp, "--check"]), (0, ""))
            write(os.path.join(tmp, "x86", "msr.c"), "/* msr: model-specific registers. */\n")
            rc, err = run(["--top", tmp, "--check"])
            self.assertEqual(rc, 1)
            self.assertIn("docs/tests.md is stale", err)
            self.assertIn("+Model-specific registers.", err)


if __name__ == "__main__":
    unittest.main()
