# SPDX-License-Identifier: GPL-2.0-only
"""HTML reports: the run page (every verdict, failure details, hostile guest text, timeline,
log links), the matrix of several runs (rows that differ first), the --html, --html-from and
--html-matrix options, and, when Chromium is installed, the pages in a headless browser."""
from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import unittest
import xml.etree.ElementTree as ET
from typing import Any

import support
from hvtest import app
from hvtest.model import Assertion, CaseResult, TestResult, Verdict
from hvtest.report import html, html_matrix, html_page, html_timeline, jsonfile

NS = {"h": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/2000/svg"}
T0 = 1_800_000_000.0
EVIL = "<script>alert(1)</script> \x1b[2J\u202eevil & \"q\""


def _result(name: str, v: Verdict, start: float, end: float, log: bool = True, **kw: Any) -> TestResult:
    return TestResult(test_id=name, name=name, arch="x86_64", vmm="qemu", accel="tcg", iteration=1,
                      verdict=v, start=T0 + start, end=T0 + end,
                      log=f"logs/run1/{name}.log" if log else "", **kw)


def synthetic(cwd: str) -> dict[str, Any]:
    """A report with every verdict, hostile guest text everywhere a guest can put it, and
    timings that need three slots: pass [0,1] fail [0,2] xpass [.5,1.5] xfail [1,3]
    crash [1.5,2.5] timeout [2,4]; skip and error were never started."""
    fail_case = CaseResult("efer" + EVIL, Verdict.FAIL, "EFER bit 20 " + EVIL, [
        Assertion(1, "reads back", Verdict.PASS),
        Assertion(2, "EFER bit 20 reserved " + EVIL, Verdict.FAIL,
                  diag={"file": "x86/msr.c", "line": "88", "expected": "#GP(0)", "actual": EVIL})])
    xfail_item = "expectations/qemu-tcg-x86_64.txt:7: TCG ignores it " + EVIL
    xfail_case = CaseResult("pat", Verdict.XFAIL, "TCG ignores it", [
        Assertion(1, "PAT type 2 #GP", Verdict.XFAIL, xfail_item,
                  {"file": "x86/msr.c", "line": "263", "expected": "#GP(0)", "actual": "no exception"})],
        expectation=xfail_item)
    results = [
        _result("pass", Verdict.PASS, 0, 1, cases=[CaseResult("one", Verdict.PASS, "",
                                                              [Assertion(1, "ok", Verdict.PASS)])]),
        _result("fail", Verdict.FAIL, 0, 2, reason="failed: efer", cases=[fail_case], new_on_host=True,
                seed=42, cmdline=["qemu-system-x86_64", "-append", EVIL], exit_code=3),
        _result("skip", Verdict.SKIP, 0, 0, log=False, reason="entry runs on vmm bochs only"),
        _result("xfail", Verdict.XFAIL, 1, 3, reason="known failures: pat", cases=[xfail_case],
                masked={"expectations/qemu-tcg-x86_64.txt:7": 1}),
        _result("xpass", Verdict.XPASS, 0.5, 1.5, reason="unexpectedly passed: tsc",
                cases=[CaseResult("tsc", Verdict.XPASS, "", [Assertion(1, "tsc", Verdict.PASS)],
                                  expectation="expectations/qemu-tcg-x86_64.txt:9: listed")]),
        _result("timeout", Verdict.TIMEOUT, 2, 4, reason="timed out in case " + EVIL),
        _result("crash", Verdict.CRASH, 1.5, 2.5, reason="Bail out! " + EVIL,
                detail=["RAX=0000000000000000 " + EVIL, "backtrace: 0x1000"]),
        _result("error", Verdict.ERROR, 0, 0, log=False, reason="VMM binary not found"),
    ]
    manifest = {
        "run_id": "run1", "date": "2026-12-03T08:00:00+0000", "command_line": ["run_tests.sh", "-g", "quick"],
        "cwd": cwd, "suite_commit": "0123456789abcdef-dirty",
        "host": {"hostname": "box" + EVIL, "kernel": "Linux 6.18.44-test", "python": "3.11.7",
                 "cpu": {"model": "AMD EPYC", "vendor": "AuthenticAMD", "family": "25", "model_number": "1",
                         "stepping": "1", "microcode": "0x1000065", "flags": ["fpu", "vmx"], "count": 2}},
        "kvm": {"vendor_module": "kvm_pvm", "modules": {"kvm": {"ignore_msrs": "N"}}},
        "vmms": {"/usr/bin/qemu-system-x86_64": {"vmm": "qemu", "path": "/usr/bin/qemu-system-x86_64",
                                                 "version": "7.2.22"}},
        "accelerators": {"x86_64": {"accel": "tcg", "why": "requested with --accel tcg"}},
        "host_configurations": [
            {"host": {"vmm": "qemu", "accel": "tcg", "arch": "x86_64"}, "description": "qemu 7.2.22, tcg",
             "expectations": "expectations/qemu-tcg-x86_64.txt",
             "baseline": "expectations/qemu-tcg-x86_64.txt:3", "baseline_date": "2026-12-03", "ignored": False},
            {"host": {"vmm": "qemu", "accel": "kvm", "arch": "x86_64"},
             "description": "qemu 7.2.22, kvm, new CPU", "expectations": "expectations/qemu-kvm-x86_64.txt",
             "baseline": None, "ignored": False}],
    }
    lists = "expectations/qemu-tcg-x86_64.txt"
    uses = [{"where": f"{lists}:7", "pattern": "msr/pat", "masked": 1, "status": "used"},
            {"where": f"{lists}:8", "pattern": "msr/old", "masked": 0, "status": "stale"}]
    doc = jsonfile.document(manifest, results, True, False, None, uses)
    return json.loads(json.dumps(doc))        # exactly what a saved --json file holds


def parse(page: str) -> ET.Element:
    """The page as XML (it must be well-formed), after the HTML5 doctype."""
    assert page.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(page)


def text(e: ET.Element) -> str:
    return "".join(e.itertext())


def one(parent: ET.Element, path: str) -> ET.Element:
    """The element at PATH below PARENT, which must exist (a found element without children is
    false, so `find() or default` cannot be used)."""
    e = parent.find(path, NS)
    assert e is not None, path
    return e


class RunPageTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = support.tempdir(self)
        self.doc = synthetic(self.tmp)
        self.path = os.path.join(self.tmp, "report.html")
        self.page = html.render(self.doc, self.path)
        self.root = parse(self.page)

    def section(self, test_index: int) -> ET.Element:
        return one(self.root, f".//h:details[@id='t{test_index}']")

    def test_every_verdict_counted_and_coloured(self) -> None:
        tiles = {text(t).strip(): t.get("class") for t in self.root.iterfind(".//h:div[@class]", NS)
                 if "tile" in (t.get("class") or "")}
        for v in ("PASS", "FAIL", "SKIP", "XFAIL", "XPASS", "TIMEOUT", "CRASH", "ERROR"):
            self.assertIn(f"1{v}", tiles)
            self.assertIn(f"c-{v}", tiles[f"1{v}"] or "")
            self.assertIn(f'class="v v-{v}"', self.page)
            self.assertIn(f".v-{v}{{background:", self.page)
        self.assertIn("5 unexpected results: 4 counted in the exit status, 1 new on this host",
                      text(self.root))

    def test_tests_and_failure_details(self) -> None:
        names = [text(one(s, "h:summary/h:span[@class='tid']"))
                 for s in self.root.iterfind(".//h:details[@id]", NS)]
        self.assertEqual(names, ["pass", "fail", "skip", "xfail", "xpass", "timeout", "crash", "error"])
        fail = self.section(1)
        self.assertEqual(fail.get("open"), "open")           # unexpected: open
        self.assertIsNone(self.section(0).get("open"))
        self.assertIsNone(self.section(3).get("open"))       # XFAIL: collapsed
        body = text(fail)
        for want in ("x86/msr.c:88", "#GP(0)", "EFER bit 20 reserved", "new on this host", "seed", "42",
                     "status 3"):
            self.assertIn(want, body)
        xfail = text(self.section(3))
        self.assertIn("expectations/qemu-tcg-x86_64.txt:7: TCG ignores it", xfail)   # the item applied
        self.assertIn("expectation", xfail)
        self.assertIn("x86/msr.c:263", xfail)
        self.assertIn("no exception", xfail)
        self.assertIn("expectations/qemu-tcg-x86_64.txt:9: listed", text(self.section(4)))
        self.assertIn("backtrace: 0x1000", text(self.section(6)))
        self.assertIn("VMM binary not found", text(self.section(7)))

    def test_hostile_guest_text_escaped_and_visible(self) -> None:
        self.assertEqual(len(self.root.findall(".//h:script", NS)), 1)    # ours only
        self.assertNotIn("<script>alert", self.page)
        self.assertNotIn("\x1b", self.page)
        self.assertNotIn("\u202e", self.page)
        body = text(self.root)
        self.assertIn("<script>alert(1)</script>", body)      # shown as text
        self.assertIn("\\x1b[2J", body)
        self.assertIn("\\u202eevil", body)
        self.assertIn('& "q"', body)
        self.assertNotIn("\x1b", html.render(self.doc, self.path))

    def test_csp_allows_only_the_inline_style_and_script(self) -> None:
        csp = one(self.root, ".//h:meta[@http-equiv='Content-Security-Policy']").get("content") or ""
        self.assertIn("default-src 'none'", csp)
        for tag, directive in (("style", "style-src"), ("script", "script-src")):
            body = one(self.root, f".//h:{tag}").text or ""
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            self.assertIn(f"{directive} 'sha256-{digest}'", csp)
        self.assertNotRegex(self.page, r"\bsrc=|<link|@import|url\(")   # nothing loaded

    def test_timeline_svg(self) -> None:
        svg = one(self.root, ".//s:svg")
        bars = svg.findall("s:a", NS)
        self.assertEqual(len(bars), 6)                        # skip and error never started
        titles = [text(one(a, "s:title")) for a in bars]
        self.assertTrue(all(a.find("s:rect", NS) is not None for a in bars))
        self.assertTrue(any(t.startswith("fail: FAIL") for t in titles), titles)
        self.assertTrue(all("\x1b" not in t for t in titles))
        self.assertEqual({a.get("href") for a in bars}, {f"#t{i}" for i in (0, 1, 3, 4, 5, 6)})
        fills = {a.get("href"): one(a, "s:rect").get("fill") for a in bars}
        self.assertEqual(fills["#t1"], html_page.COLOURS["FAIL"][0])
        self.assertIn("2 tests not started", text(self.root))
        slots = {b.test["id"]: b.slot for b in html_timeline.bars(self.doc["tests"])}
        self.assertEqual(slots, {"pass": 0, "fail": 1, "xpass": 2, "xfail": 0, "crash": 2, "timeout": 1})

    def test_host_configurations_and_manifest(self) -> None:
        body = text(self.root)
        for want in ("qemu 7.2.22, tcg", "baseline expectations/qemu-tcg-x86_64.txt:3 (verified 2026-12-03)",
                     "qemu 7.2.22, kvm, new CPU", "no baseline", "Linux 6.18.44-test", "AMD EPYC",
                     "microcode 0x1000065", "7.2.22 (/usr/bin/qemu-system-x86_64)", "0123456789abcdef-dirty",
                     "kvm_pvm", "ignore_msrs=N", "msr/old", "1 stale"):
            self.assertIn(want, body)

    def test_log_links(self) -> None:
        links = {a.get("href") for a in self.root.iterfind(".//h:a", NS)}
        self.assertIn("logs/run1/fail.log", links)            # the page is next to logs/
        elsewhere = os.path.join(self.tmp, "pages", "deep", "r.html")
        far = parse(html.render(self.doc, elsewhere))
        links = {a.get("href") for a in far.iterfind(".//h:a", NS)}
        self.assertIn("file://" + os.path.join(self.tmp, "logs/run1/fail.log"), links)

    def test_interrupted_and_empty(self) -> None:
        doc = dict(self.doc, complete=False, interrupted=True)
        self.assertIn("Interrupted", text(parse(html.render(doc, self.path))))
        empty = parse(html.render({"format": "hvtest-results", "tests": []}, self.path))
        self.assertIn("No test was started.", text(empty))
        self.assertIn("Nothing unexpected.", text(empty))


def _doc(name: str, accel: str, tests: list[tuple[str, str, list[tuple[str, str]]]]) -> dict[str, Any]:
    return {"format": "hvtest-results", "version": 1, "complete": True,
            "manifest": {"host_configurations": [{"description": f"qemu 7.2.22, {accel} on {name}"}],
                         "host": {"hostname": name}},
            "tests": [{"id": t, "arch": "x86_64", "vmm": "qemu", "accel": accel, "verdict": v,
                       "cases": [{"name": c, "verdict": cv} for c, cv in cases]} for t, v, cases in tests]}


class MatrixTest(unittest.TestCase):
    A = _doc("hostA", "tcg", [("a", "PASS", [("x", "PASS"), ("y", "PASS")]), ("b", "FAIL", [("z", "FAIL")])])
    B = _doc("hostB", "kvm", [("a", "FAIL", [("x", "PASS"), ("y", "FAIL"), ("v", "SKIP")]),
                              ("b", "FAIL", [("z", "FAIL")]), ("c", "PASS", [("w", "PASS")])])

    def test_rows_that_differ_first_cases_under_their_test(self) -> None:
        page = html_matrix.render(["/r/a.json", "/r/b.json"], [self.A, self.B], "/r/m.html")
        root = parse(page)
        tables = root.findall(".//h:table[@class='matrix']", NS)
        self.assertEqual(len(tables), 2)

        def names(t: ET.Element) -> list[str]:
            return [text(one(tr, "h:td")) for tr in t.findall("h:tr", NS)[1:]]
        self.assertEqual(names(tables[0]), ["x86_64/a", "x86_64/a/y", "x86_64/a/v", "x86_64/c", "x86_64/c/w"])
        self.assertEqual(names(tables[1]), ["x86_64/a/x", "x86_64/b", "x86_64/b/z"])
        same = one(root, ".//h:details")                      # the rows that agree, collapsed
        self.assertIs(same.find("h:table", NS), tables[1])
        self.assertIsNone(same.get("open"))
        cells = [td.get("class") for td in tables[0].findall("h:tr", NS)[3].findall("h:td", NS)]
        self.assertEqual(cells[1:], ["c c-absent", "c c-SKIP"])     # a/v: not in run 1
        body = text(root)
        for want in ("5 differ", "a.json", "b.json", "qemu/tcg", "qemu/kvm", "qemu 7.2.22, kvm on hostB"):
            self.assertIn(want, body)

    def test_no_difference(self) -> None:
        root = parse(html_matrix.render(["a.json", "b.json"], [self.A, self.A], "m.html"))
        self.assertIn("No difference", text(root))
        self.assertEqual(len(root.findall(".//h:table[@class='matrix']", NS)), 1)


CFG = support.GROUPS + """
[pass]
file = guest
args = mode=pass
[fail]
file = guest
args = mode=fail
"""


class OptionsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = support.tempdir(self)
        build = support.fake_build(self.tmp, ["guest"])
        cfg = support.write(os.path.join(self.tmp, "t.cfg"), CFG)
        self.base = ["--config", cfg, "--build-dir", build, "--log-dir", os.path.join(self.tmp, "logs"),
                     "--vmm-binary", f"qemu={support.FAKE}", "--accel", "tcg", "--no-expectations",
                     "--color", "never"]
        self.j = os.path.join(self.tmp, "r.json")
        self.h = os.path.join(self.tmp, "r.html")

    def main(self, *args: str) -> tuple[int, str]:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            rc = app.main([*args])
        return rc, buf.getvalue()

    def test_html_of_a_run_and_rebuilt_from_its_json(self) -> None:
        rc, out = self.main(*self.base, "--json", self.j, "--html", self.h, "pass", "fail")
        self.assertEqual(rc, 1, out)
        page = support.read(self.h)
        root = parse(page)
        self.assertEqual(one(root, ".//h:details[@id='t1']").get("open"), "open")
        self.assertIn("x86/harness.c:42", text(root))
        self.assertRegex(page, r'href="logs/[0-9-]+/fail\.log"')
        os.unlink(self.h)
        rc, out = self.main("--html-from", self.j, self.h)
        self.assertEqual(rc, 0, out)
        self.assertEqual(support.read(self.h), page)

    def test_matrix_option(self) -> None:
        self.main(*self.base, "--json", self.j, "pass", "fail")
        j2 = os.path.join(self.tmp, "r2.json")
        self.main(*self.base, "--json", j2, "pass")
        m = os.path.join(self.tmp, "m.html")
        rc, out = self.main("--html-matrix", m, self.j, j2)
        self.assertEqual(rc, 0, out)
        root = parse(support.read(m))
        self.assertIn("x86_64/fail", text(root.findall(".//h:table[@class='matrix']", NS)[0]))

    def test_bad_input_and_unwritable_page(self) -> None:
        self.main(*self.base, "--json", self.j, "pass")
        for args in (["--html-matrix", self.h, self.j],                        # one report
                     ["--html-matrix", self.j, self.j, self.j],                # page is a report
                     ["--html-from", self.h, self.j],                          # swapped
                     ["--html-from", os.path.join(self.tmp, "none.json"), self.h],
                     ["--html-from", self.j, self.tmp]):                       # a directory
            with self.subTest(args=args):
                rc, out = self.main(*args)
                self.assertEqual(rc, 2, out)
                self.assertIn("hvtest:", out)
        self.assertTrue(json.loads(support.read(self.j))["complete"])          # not overwritten
        rc, out = self.main(*self.base, "--html", self.tmp, "pass")           # refused before the run
        self.assertEqual(rc, 2)
        self.assertIn("--html", out)


def _chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


@unittest.skipIf(_chromium() is None, "Chromium is not installed (apt-get install chromium): "
                                      "the pages are not checked in a browser")
class BrowserTest(unittest.TestCase):
    """Headless Chromium loads each page: no console message (script error, CSP violation,
    blocked load) and a screenshot is written."""

    def shoot(self, page: str) -> None:
        tmp = support.tempdir(self)
        path = os.path.join(tmp, "page.html")
        support.write(path, page)
        png = os.path.join(tmp, "shot.png")
        p = subprocess.run([str(_chromium()), "--headless", "--disable-gpu", "--no-sandbox",
                            f"--user-data-dir={os.path.join(tmp, 'profile')}", f"--screenshot={png}",
                            "--window-size=1400,1000", "--enable-logging=stderr", "--v=0",
                            "file://" + path], capture_output=True, text=True, timeout=120,
                           stdin=subprocess.DEVNULL)
        console = [ln for ln in p.stderr.splitlines() if re.search(r":CONSOLE|Uncaught", ln)]
        self.assertEqual(console, [])
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_run_page(self) -> None:
        tmp = support.tempdir(self)
        self.shoot(html.render(synthetic(tmp), os.path.join(tmp, "r.html")))

    def test_matrix_page(self) -> None:
        self.shoot(html_matrix.render(["a.json", "b.json"], [MatrixTest.A, MatrixTest.B], "m.html"))


if __name__ == "__main__":
    unittest.main()
