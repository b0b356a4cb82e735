# SPDX-License-Identifier: GPL-2.0-only
"""The plan of a run: which (entry, arch, iteration) runs where, with which
accelerator (decided once per arch), VMM binary and guest image, and why
anything will not run."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from . import accel as accel_mod
from . import selection, vmm
from .cfg import Config, Entry
from .cli import Options
from .report.terminal import Terminal
from .selection import Planned


class UsageError(Exception):
    pass


@dataclass
class Plan:
    items: list[Planned]
    accels: dict[str, accel_mod.AccelChoice]    # per arch, decided once here


def environment_limits(entry: Entry, args: Options) -> tuple[Entry, list[str]]:
    """The entry as TIMEOUT= and MAX_SMP= (kvm-unit-tests' variables) change it, and notes."""
    notes = []
    if args.timeout_override is not None and args.timeout_override != entry.timeout:
        notes.append(f"timeout {args.timeout_override:g} s from TIMEOUT= (cfg: {entry.timeout:g} s)")
        entry = dataclasses.replace(entry, timeout=args.timeout_override)
    if args.max_smp is not None and entry.smp > args.max_smp:
        notes.append(f"smp {args.max_smp} from MAX_SMP= (cfg: {entry.smp})")
        entry = dataclasses.replace(entry, smp=args.max_smp)
    return entry, notes


def _implied_arches(args: Options, built: list[str], term: Terminal | None) -> list[str]:
    """Without --arch: the built arches that --accel kvm / --vmm can run at all.

    An explicit --arch keeps every arch it names (a foreign arch under
    --accel kvm is then an ERROR, under Bochs a SKIP)."""
    adapter = vmm.get(args.vmm)
    keep = [a for a in built if adapter.supports(a)
            and (args.accel != "kvm" or a == accel_mod.host_arch())]
    left = [a for a in built if a not in keep]
    if left and keep and term is not None:
        why = (f"--accel kvm runs {accel_mod.host_arch()} guests here" if args.accel == "kvm"
               else f"{args.vmm} runs {', '.join(keep)} only")
        term.info(f"no --arch: {', '.join(keep)} ({why}; not {', '.join(left)})")
    if not keep:
        raise UsageError(f"no built guest arch runs with --vmm {args.vmm} --accel {args.accel} "
                         f"on this {accel_mod.host_arch()} host (built: {', '.join(built)})")
    return keep


def plan(args: Options, cfg: Config, term: Terminal | None) -> Plan:
    arches = selection.parse_arches(args.arch, args.build_dir)
    if not arches:
        raise UsageError(f"no guest binaries built (no {args.build_dir}/<arch>/ directory); "
                         "run make or pass --arch")
    if args.vmm == "bochs" and args.accel == "kvm":
        raise UsageError("--vmm bochs has no KVM accelerator (Bochs always emulates)")
    if args.arch is None:
        arches = _implied_arches(args, arches, term)
    pairs = selection.shard(selection.select(cfg, args.tests, args.group, arches, args.all_entries), args.shard)
    overrides: dict[str, str] = dict(args.vmm_binary)
    selected = list(dict.fromkeys(a for _, a in pairs))
    env_error = vmm.env_override_error(args.vmm, selected)
    if env_error is not None:
        raise UsageError(env_error)
    adapter = vmm.get(args.vmm)
    choices: dict[str, accel_mod.AccelChoice] = {}
    binaries: dict[str, tuple[str | None, str]] = {}
    multi_arch = len({a for _, a in pairs}) > 1
    out: list[Planned] = []
    for it in range(1, args.repeat + 1):
        for entry, arch in pairs:
            entry, notes = environment_limits(entry, args)
            if arch not in choices:
                choices[arch] = accel_mod.choose(args.accel, arch, args.vmm)
                if term is not None:
                    c = choices[arch]
                    term.info(f"accel {c.accel} for {arch} ({c.why})" + (f" ERROR: {c.error}" if c.error else ""))
            ch = choices[arch]
            p = Planned(entry=entry, arch=arch, vmm=args.vmm, accel=ch.accel, iteration=it,
                        test_id=selection.test_id(entry.name, arch, it, multi_arch, args.repeat),
                        notes=notes)
            if not adapter.supports(arch):
                p.skip = f"{args.vmm} does not support {arch}"
            elif args.vmm not in entry.vmm:
                p.skip = f"entry runs on vmm {' '.join(entry.vmm)} only"
            elif ch.error is not None:
                p.error = ch.error
            elif ch.accel not in entry.accel:
                p.skip = f"accel {ch.accel} not allowed (entry accel = {' '.join(entry.accel)})"
            if p.runnable:
                if arch not in binaries:
                    binaries[arch] = vmm.resolve_binary(args.vmm, arch, overrides)
                path, name = binaries[arch]
                p.binary = path
                p.image = vmm.image_path(args.build_dir, arch, entry.file)
                if path is None:
                    p.error = f"VMM binary not found: {name}"
                elif not os.path.isdir(os.path.join(args.build_dir, arch)):
                    p.error = f"arch {arch} not built ({os.path.join(args.build_dir, arch)} missing)"
                elif not os.path.isfile(p.image):
                    p.error = f"guest binary {p.image} missing (run make)"
            out.append(p)
    return Plan(out, choices)


def list_plan(items: list[Planned]) -> None:
    w = max([len(p.test_id) for p in items] + [8])
    for p in items:
        e = p.entry
        status = "run" if p.runnable else (f"SKIP: {p.skip}" if p.skip else f"ERROR: {p.error}")
        print(f"{p.test_id:<{w}}  {p.arch:<8} {p.vmm:<5} {p.accel:<4} smp={e.smp} "
              f"timeout={e.timeout:g} groups={','.join(e.groups) or '-'}  {status}")


def guest_args(p: Planned, case: str | None, extra: list[str]) -> str:
    """The entry's guest arguments; EXTRA (--args, --seed) replaces words with the same key."""
    keys = {w.split("=", 1)[0] for w in extra}
    words = [w for w in p.entry.args.split() if w.split("=", 1)[0] not in keys] + extra
    if case:
        words.append(f"case={case}")
    return " ".join(words)
