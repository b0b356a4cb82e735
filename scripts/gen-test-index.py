#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Generate docs/tests.md, the index of every test, from unittests.cfg and
the header comment of each test's source.

    scripts/gen-test-index.py            write docs/tests.md
    scripts/gen-test-index.py --check    exit 1 when docs/tests.md is stale

Per arch, per test source (<TESTDIR>/<file>.c, or the directory
<TESTDIR>/<file>/ for a test built from several files), the index shows
the source's header comment (what it covers, the spec sections it
follows), its TEST_CASE names and every unittests.cfg entry that runs it,
with the entry's variant keys (groups, args, smp, cpu, accel, VMMs and
the rest). The cfg is read with the runner's own strict parser
(scripts/hvtest/cfg.py); TESTDIR comes from mk/arch-<arch>.mk, the one
place that maps arch names to directories (docs/porting.md).
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from dataclasses import dataclass, field

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "scripts"))

from hvtest import cfg as cfgmod  # noqa: E402
from hvtest import vmm as vmmmod  # noqa: E402

OUTPUT = os.path.join("docs", "tests.md")
CFG = "unittests.cfg"

_TESTDIR_RE = re.compile(r"^TESTDIR\s*:?=\s*(\S+)\s*$", re.M)
_CASE_RE = re.compile(r"^\s*TEST_CASE\w*\(\s*([A-Za-z_][A-Za-z0-9_]*)", re.M)
_COMMENT_RE = re.compile(r"/\*(.*?)\*/", re.S)
_SPDX_RE = re.compile(r"^\s*SPDX-License-Identifier:")


class IndexBuildError(Exception):
    """The index cannot be built: a message naming the file."""


@dataclass
class Source:
    arch: str
    file: str                        # the cfg `file` (binary base name)
    paths: list[str]                 # sources, relative to TOP
    header: list[str]                # paragraphs of the header comment
    cases: list[str]
    entries: list[cfgmod.Entry] = field(default_factory=list)


def testdir(arch: str, top: str) -> str:
    """TESTDIR of mk/arch-<arch>.mk."""
    path = os.path.join(top, "mk", f"arch-{arch}.mk")
    try:
        with open(path, encoding="utf-8") as f:
            m = _TESTDIR_RE.search(f.read())
    except OSError as exc:
        raise IndexBuildError(f"{path}: cannot read: {exc.strerror}") from None
    if not m:
        raise IndexBuildError(f"{path}: no TESTDIR := line")
    return m.group(1)


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one line; a word hyphenated at a line end is rejoined."""
    out = lines[0]
    for ln in lines[1:]:
        out += ln if re.search(r"[A-Za-z]-$", out) else " " + ln
    return out


def header_paragraphs(text: str) -> list[str]:
    """The first block comment that is not only an SPDX line, as paragraphs."""
    for m in _COMMENT_RE.finditer(text):
        lines = [re.sub(r"^\s*\*? ?", "", ln).rstrip() for ln in m.group(1).splitlines()]
        if all(not ln or _SPDX_RE.match(ln) for ln in lines):
            continue
        paras: list[str] = []
        cur: list[str] = []
        for ln in lines + [""]:
            if ln.strip():
                cur.append(ln.strip())
            elif cur:
                paras.append(_join(cur))
                cur = []
        return paras
    return []


def read_source(arch: str, file: str, tdir: str, top: str) -> Source | None:
    """The test FILE of ARCH in TDIR, or None when it has no source there."""
    single = os.path.join(tdir, f"{file}.c")
    multi = os.path.join(tdir, file)
    if os.path.isfile(os.path.join(top, single)):
        paths = [single]
    elif os.path.isdir(os.path.join(top, multi)):
        paths = sorted(os.path.join(multi, n) for n in os.listdir(os.path.join(top, multi))
                       if n.endswith(".c"))
        main = os.path.join(multi, f"{file}.c")
        if main in paths:
            paths.remove(main)
            paths.insert(0, main)
        if not paths:
            return None
    else:
        return None
    texts = []
    for p in paths:
        with open(os.path.join(top, p), encoding="utf-8") as f:
            texts.append(f.read())
    header = header_paragraphs(texts[0])
    if header:
        first = re.sub(rf"^{re.escape(file)}:\s*", "", header[0])
        header[0] = first[:1].upper() + first[1:]
    cases = [c for t in texts for c in _CASE_RE.findall(t)]
    return Source(arch=arch, file=file, paths=paths, header=header, cases=cases)


@dataclass
class ArchIndex:
    testdir: str
    sources: list[Source]


def collect(config: cfgmod.Config, top: str) -> dict[str, ArchIndex]:
    """Per arch, its test sources (sorted by name) with their entries."""
    out: dict[str, ArchIndex] = {}
    for arch in cfgmod.ARCHES:
        tdir = testdir(arch, top)
        found: dict[str, Source] = {}
        names = {os.path.splitext(n)[0] for n in os.listdir(os.path.join(top, tdir))
                 if n.endswith(".c") or os.path.isdir(os.path.join(top, tdir, n))}
        for name in sorted(names):
            src = read_source(arch, name, tdir, top)
            if src:
                found[name] = src
        for e in config.entries:
            if arch not in e.arch:
                continue
            if e.file not in found:
                raise IndexBuildError(f"{e.where}: [{e.name}] runs '{e.file}' on {arch}, "
                                  f"but neither {tdir}/{e.file}.c nor {tdir}/{e.file}/ exists")
            found[e.file].entries.append(e)
        out[arch] = ArchIndex(tdir, [found[n] for n in sorted(found)])
    return out


def md_text(s: str) -> str:
    """S as Markdown text: characters that would format escaped."""
    s = re.sub(r"([\\`*<\[\]|])", r"\\\1", s)
    return re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", s)


def md_code(s: str) -> str:
    """S as inline code in a table cell."""
    return "`" + s.replace("|", "\\|") + "`" if s else "—"


def vmms(e: cfgmod.Entry, arch: str) -> list[str]:
    return [v for v in e.vmm if vmmmod.get(v).supports(arch)]


def other_keys(e: cfgmod.Entry) -> str:
    parts = []
    if e.machine:
        parts.append(f"machine={e.machine}")
    if e.firmware:
        parts.append(f"firmware={e.firmware}")
    if e.timeout != cfgmod.DEFAULT_TIMEOUT:
        parts.append(f"timeout={e.timeout:g}")
    if e.extra_params:
        parts.append("extra_params=" + " ".join(e.extra_params))
    return "<br>".join(md_code(p) for p in parts) if parts else "—"


def entry_row(e: cfgmod.Entry, arch: str) -> str:
    cells = [
        md_code(e.name),
        " ".join(e.groups) or "—",
        md_code(e.args),
        str(e.smp),
        md_code(e.cpu or ""),
        " ".join(e.accel),
        " ".join(vmms(e, arch)) or "none",
        other_keys(e),
    ]
    return "| " + " | ".join(cells) + " |"


def render(index: dict[str, ArchIndex]) -> str:
    out = [
        "# Test index",
        "",
        "<!-- Generated by scripts/gen-test-index.py from unittests.cfg and the",
        "     header comment of each test source. Do not edit: run the script. -->",
        "",
        "Every test source of every arch, what its header comment says it covers",
        "(and the spec sections it follows), its cases, and the",
        "[unittests.cfg](unittests-cfg.md) entries that run it with their",
        "variant keys. A cpu of — is the per-accelerator default; VMMs are those",
        "of the entry that support the arch. `make check` fails when this",
        "file is out of date: run `scripts/gen-test-index.py` after changing a",
        "test's header, its cases or unittests.cfg.",
        "",
        "| arch | tests in | sources | entries |",
        "|---|---|---|---|",
    ]
    for arch, ai in index.items():
        out.append(f"| [{arch}](#{arch}) | `{ai.testdir}/` | {len(ai.sources)} | "
                   f"{sum(len(s.entries) for s in ai.sources)} |")
    for arch, ai in index.items():
        out += ["", f"## {arch}"]
        for s in ai.sources:
            out += ["", f"### {arch}: {s.file}", ""]
            where = ", ".join(f"`{p}`" for p in s.paths)
            cases = ", ".join(f"`{c}`" for c in s.cases) or "none found"
            out += [f"Source: {where}. Cases: {cases}.", ""]
            for para in s.header or ["(no header comment)"]:
                out += [md_text(para), ""]
            if not s.entries:
                out.append("No entry in unittests.cfg runs it.")
                continue
            out += ["| entry | groups | args | smp | cpu | accel | VMMs | other keys |",
                    "|---|---|---|---|---|---|---|---|"]
            out += [entry_row(e, arch) for e in s.entries]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help=f"exit 1 when {OUTPUT} differs from what would be generated")
    ap.add_argument("--top", default=TOP, help="source tree (default: this script's)")
    args = ap.parse_args(argv)
    top: str = args.top
    try:
        config = cfgmod.load(os.path.join(top, CFG))
        text = render(collect(config, top))
    except (cfgmod.CfgError, IndexBuildError) as exc:
        print(f"gen-test-index: {exc}", file=sys.stderr)
        return 2
    path = os.path.join(top, OUTPUT)
    if args.check:
        try:
            with open(path, encoding="utf-8") as f:
                current = f.read()
        except OSError:
            current = ""
        if current == text:
            return 0
        diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(),
                                         OUTPUT, "generated", lineterm="", n=1))
        print(f"gen-test-index: {OUTPUT} is stale (unittests.cfg or a test header "
              f"changed): run scripts/gen-test-index.py and commit the result", file=sys.stderr)
        for line in diff[:40]:
            print(line, file=sys.stderr)
        if len(diff) > 40:
            print(f"... {len(diff) - 40} more diff lines", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
