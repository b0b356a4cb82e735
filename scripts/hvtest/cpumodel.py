# SPDX-License-Identifier: GPL-2.0-only
"""The CPUID feature words a VMM says its CPU model gives the guest.

For QEMU the answer comes from QEMU itself: QMP `query-cpu-model-expansion`
(type "full") on a `-machine none` instance with the test's accelerator
returns every property of the model as configured (`max,-popcnt` is the
model `max` with the property `popcnt` false). The properties that name a
CPUID bit (FEATURES: QEMU's flag names, each at its leaf, subleaf, register
and bit per the Intel SDM vol. 2A CPUID tables 3-8 to 3-20 and AMD APM vol.
3 appendix E) become the guest argument `want=W,W,...`, one
`LEAF:SUB:REG:VALUE:MASK` (hex) per CPUID word, which x86/cpuid/model.c
compares bit by bit. An entry
asks for this with the guest argument `cpumodel=expand` (docs/cpuid.md).
Answers are cached per (binary, version, accelerator, model).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from typing import Any

from .vmm.qmp import QMPClient, QMPError

REQUEST = "cpumodel=expand"

# QEMU flag name -> (leaf, subleaf, register, bit). Only bits whose value
# does not depend on guest state (OSXSAVE, OSPKE) or on the VM's CPU count
# (HTT; AMD CmpLegacy, which QEMU sets with more than one core or thread)
# are listed.
FEATURES: dict[str, tuple[int, int, str, int]] = {
    # CPUID.1:EDX (SDM table 3-11)
    "fpu": (0x1, 0, "d", 0), "vme": (0x1, 0, "d", 1), "de": (0x1, 0, "d", 2),
    "pse": (0x1, 0, "d", 3), "tsc": (0x1, 0, "d", 4), "msr": (0x1, 0, "d", 5),
    "pae": (0x1, 0, "d", 6), "mce": (0x1, 0, "d", 7), "cx8": (0x1, 0, "d", 8),
    "apic": (0x1, 0, "d", 9), "sep": (0x1, 0, "d", 11), "mtrr": (0x1, 0, "d", 12),
    "pge": (0x1, 0, "d", 13), "mca": (0x1, 0, "d", 14), "cmov": (0x1, 0, "d", 15),
    "pat": (0x1, 0, "d", 16), "pse36": (0x1, 0, "d", 17), "clflush": (0x1, 0, "d", 19),
    "ds": (0x1, 0, "d", 21), "acpi": (0x1, 0, "d", 22), "mmx": (0x1, 0, "d", 23),
    "fxsr": (0x1, 0, "d", 24), "sse": (0x1, 0, "d", 25), "sse2": (0x1, 0, "d", 26),
    "ss": (0x1, 0, "d", 27), "tm": (0x1, 0, "d", 29), "pbe": (0x1, 0, "d", 31),
    # CPUID.1:ECX (SDM table 3-10)
    "pni": (0x1, 0, "c", 0), "pclmulqdq": (0x1, 0, "c", 1), "dtes64": (0x1, 0, "c", 2),
    "monitor": (0x1, 0, "c", 3), "ds-cpl": (0x1, 0, "c", 4), "vmx": (0x1, 0, "c", 5),
    "smx": (0x1, 0, "c", 6), "est": (0x1, 0, "c", 7), "tm2": (0x1, 0, "c", 8),
    "ssse3": (0x1, 0, "c", 9), "cid": (0x1, 0, "c", 10), "fma": (0x1, 0, "c", 12),
    "cx16": (0x1, 0, "c", 13), "xtpr": (0x1, 0, "c", 14), "pdcm": (0x1, 0, "c", 15),
    "pcid": (0x1, 0, "c", 17), "dca": (0x1, 0, "c", 18), "sse4.1": (0x1, 0, "c", 19),
    "sse4.2": (0x1, 0, "c", 20), "x2apic": (0x1, 0, "c", 21), "movbe": (0x1, 0, "c", 22),
    "popcnt": (0x1, 0, "c", 23), "tsc-deadline": (0x1, 0, "c", 24), "aes": (0x1, 0, "c", 25),
    "xsave": (0x1, 0, "c", 26), "avx": (0x1, 0, "c", 28), "f16c": (0x1, 0, "c", 29),
    "rdrand": (0x1, 0, "c", 30), "hypervisor": (0x1, 0, "c", 31),
    # CPUID.6:EAX
    "arat": (0x6, 0, "a", 2),
    # CPUID.(7,0):EBX (SDM table 3-8, leaf 07H)
    "fsgsbase": (0x7, 0, "b", 0), "tsc-adjust": (0x7, 0, "b", 1), "sgx": (0x7, 0, "b", 2),
    "bmi1": (0x7, 0, "b", 3), "hle": (0x7, 0, "b", 4), "avx2": (0x7, 0, "b", 5),
    "smep": (0x7, 0, "b", 7), "bmi2": (0x7, 0, "b", 8), "erms": (0x7, 0, "b", 9),
    "invpcid": (0x7, 0, "b", 10), "rtm": (0x7, 0, "b", 11), "mpx": (0x7, 0, "b", 14),
    "avx512f": (0x7, 0, "b", 16), "avx512dq": (0x7, 0, "b", 17), "rdseed": (0x7, 0, "b", 18),
    "adx": (0x7, 0, "b", 19), "smap": (0x7, 0, "b", 20), "avx512ifma": (0x7, 0, "b", 21),
    "clflushopt": (0x7, 0, "b", 23), "clwb": (0x7, 0, "b", 24), "intel-pt": (0x7, 0, "b", 25),
    "avx512pf": (0x7, 0, "b", 26), "avx512er": (0x7, 0, "b", 27), "avx512cd": (0x7, 0, "b", 28),
    "sha-ni": (0x7, 0, "b", 29), "avx512bw": (0x7, 0, "b", 30), "avx512vl": (0x7, 0, "b", 31),
    # CPUID.(7,0):ECX
    "avx512vbmi": (0x7, 0, "c", 1), "umip": (0x7, 0, "c", 2), "pku": (0x7, 0, "c", 3),
    "avx512vbmi2": (0x7, 0, "c", 6), "gfni": (0x7, 0, "c", 8), "vaes": (0x7, 0, "c", 9),
    "vpclmulqdq": (0x7, 0, "c", 10), "avx512vnni": (0x7, 0, "c", 11),
    "avx512bitalg": (0x7, 0, "c", 12), "avx512-vpopcntdq": (0x7, 0, "c", 14),
    "la57": (0x7, 0, "c", 16), "rdpid": (0x7, 0, "c", 22), "bus-lock-detect": (0x7, 0, "c", 24),
    "cldemote": (0x7, 0, "c", 25), "movdiri": (0x7, 0, "c", 27), "movdir64b": (0x7, 0, "c", 28),
    "sgxlc": (0x7, 0, "c", 30), "pks": (0x7, 0, "c", 31),
    # CPUID.(7,0):EDX
    "avx512-4vnniw": (0x7, 0, "d", 2), "avx512-4fmaps": (0x7, 0, "d", 3),
    "fsrm": (0x7, 0, "d", 4), "avx512-vp2intersect": (0x7, 0, "d", 8),
    "md-clear": (0x7, 0, "d", 10), "serialize": (0x7, 0, "d", 14),
    "tsx-ldtrk": (0x7, 0, "d", 16), "arch-lbr": (0x7, 0, "d", 19),
    "avx512-fp16": (0x7, 0, "d", 23), "spec-ctrl": (0x7, 0, "d", 26),
    "stibp": (0x7, 0, "d", 27), "arch-capabilities": (0x7, 0, "d", 29),
    "core-capability": (0x7, 0, "d", 30), "ssbd": (0x7, 0, "d", 31),
    # CPUID.(7,1):EAX
    "avx-vnni": (0x7, 1, "a", 4), "avx512-bf16": (0x7, 1, "a", 5),
    # CPUID.(0xD,1):EAX (SDM 13.2)
    "xsaveopt": (0xd, 1, "a", 0), "xsavec": (0xd, 1, "a", 1),
    "xgetbv1": (0xd, 1, "a", 2), "xsaves": (0xd, 1, "a", 3),
    # CPUID.80000001H:ECX (APM E.4.2)
    "lahf-lm": (0x80000001, 0, "c", 0),
    "svm": (0x80000001, 0, "c", 2), "extapic": (0x80000001, 0, "c", 3),
    "cr8legacy": (0x80000001, 0, "c", 4), "abm": (0x80000001, 0, "c", 5),
    "sse4a": (0x80000001, 0, "c", 6), "misalignsse": (0x80000001, 0, "c", 7),
    "3dnowprefetch": (0x80000001, 0, "c", 8), "osvw": (0x80000001, 0, "c", 9),
    "ibs": (0x80000001, 0, "c", 10), "xop": (0x80000001, 0, "c", 11),
    "skinit": (0x80000001, 0, "c", 12), "wdt": (0x80000001, 0, "c", 13),
    "lwp": (0x80000001, 0, "c", 15), "fma4": (0x80000001, 0, "c", 16),
    "tce": (0x80000001, 0, "c", 17), "nodeid-msr": (0x80000001, 0, "c", 19),
    "tbm": (0x80000001, 0, "c", 21), "topoext": (0x80000001, 0, "c", 22),
    "perfctr-core": (0x80000001, 0, "c", 23), "perfctr-nb": (0x80000001, 0, "c", 24),
    # CPUID.80000001H:EDX
    "syscall": (0x80000001, 0, "d", 11), "nx": (0x80000001, 0, "d", 20),
    "mmxext": (0x80000001, 0, "d", 22), "fxsr-opt": (0x80000001, 0, "d", 25),
    "pdpe1gb": (0x80000001, 0, "d", 26), "rdtscp": (0x80000001, 0, "d", 27),
    "lm": (0x80000001, 0, "d", 29), "3dnowext": (0x80000001, 0, "d", 30),
    "3dnow": (0x80000001, 0, "d", 31),
    # CPUID.80000007H:EDX (APM E.4.6)
    "invtsc": (0x80000007, 0, "d", 8),
    # CPUID.80000008H:EBX (APM E.4.7)
    "clzero": (0x80000008, 0, "b", 0), "xsaveerptr": (0x80000008, 0, "b", 2),
    "wbnoinvd": (0x80000008, 0, "b", 9), "ibpb": (0x80000008, 0, "b", 12),
    "ibrs": (0x80000008, 0, "b", 14), "amd-stibp": (0x80000008, 0, "b", 15),
    "amd-ssbd": (0x80000008, 0, "b", 24), "virt-ssbd": (0x80000008, 0, "b", 25),
    "amd-no-ssb": (0x80000008, 0, "b", 26),
}

# KVM's feature leaf (Linux Documentation/virt/kvm/x86/cpuid.rst): EAX of
# 0x40000001, or 0x40000101 when Hyper-V's leaves take 0x40000000 up.
KVM_FEATURES: dict[str, int] = {
    "kvmclock": 0, "kvm-nopiodelay": 1, "kvm-mmu": 2, "kvm-asyncpf": 4,
    "kvm-steal-time": 5, "kvm-pv-eoi": 6, "kvm-pv-unhalt": 7, "kvm-pv-tlb-flush": 9,
    "kvm-asyncpf-vmexit": 10, "kvm-pv-ipi": 11, "kvm-poll-control": 12,
    "kvm-pv-sched-yield": 13, "kvm-asyncpf-int": 14, "kvm-msi-ext-dest-id": 15,
    "kvmclock-stable-bit": 24,
}

# Hyper-V enlightenments (Hyper-V TLFS 6.0 2.4.4 partition privileges,
# CPUID 0x40000003 EAX; 2.4.5 recommendations, 0x40000004 EAX) -> bits.
HYPERV_FEATURES: dict[str, tuple[int, tuple[int, ...]]] = {
    "hv-runtime": (0x40000003, (0,)), "hv-time": (0x40000003, (1, 9)),
    "hv-synic": (0x40000003, (2,)), "hv-stimer": (0x40000003, (3,)),
    "hv-vapic": (0x40000003, (4,)), "hv-vpindex": (0x40000003, (6,)),
    "hv-reset": (0x40000003, (7,)), "hv-frequencies": (0x40000003, (11,)),
    "hv-relaxed": (0x40000004, (5,)), "hv-tlbflush": (0x40000004, (2,)),
}

Word = tuple[int, int, str]


class ModelError(Exception):
    """The VMM could not expand the model (bad model name, QMP failure)."""


def parse_cpu(spec: str) -> tuple[str, dict[str, bool]]:
    """Splits a -cpu value into the model name and its feature switches:
    `max,-popcnt,+avx,sse4.2=off` -> ("max", {"popcnt": False, ...});
    options that are not booleans (`family=6`) are left out."""
    name, *opts = spec.split(",")
    props: dict[str, bool] = {}
    for o in opts:
        if o.startswith(("+", "-")):
            props[o[1:]] = o[0] == "+"
        elif "=" in o:
            k, v = o.split("=", 1)
            if v in ("on", "off", "true", "false"):
                props[k] = v in ("on", "true")
    return name, props


def _add(words: dict[Word, tuple[int, int]], word: Word, bit: int, on: bool) -> None:
    value, mask = words.get(word, (0, 0))
    words[word] = (value | (on << bit), mask | (1 << bit))


def hyperv_enabled(props: dict[str, Any]) -> bool:
    return any(props.get(name) is True for name in HYPERV_FEATURES)


def feature_words(props: dict[str, Any], accel: str = "tcg") -> dict[Word, tuple[int, int]]:
    """Per CPUID word (leaf, subleaf, register): (value, mask) of the
    features the expansion names; properties QEMU does not report are not
    in the mask. The KVM and Hyper-V leaves exist only under KVM (QEMU
    builds them only with kvm_enabled())."""
    words: dict[Word, tuple[int, int]] = {}
    for name, (leaf, sub, reg, bit) in FEATURES.items():
        v = props.get(name)
        if isinstance(v, bool):
            _add(words, (leaf, sub, reg), bit, v)
    if accel != "kvm":
        return words
    hv = hyperv_enabled(props)
    kvm_leaf = 0x40000101 if hv else 0x40000001
    for name, bit in KVM_FEATURES.items():
        v = props.get(name)
        if isinstance(v, bool):
            _add(words, (kvm_leaf, 0, "a"), bit, v)
    if hv:
        for name, (leaf, bits) in HYPERV_FEATURES.items():
            v = props.get(name)
            for bit in bits:
                _add(words, (leaf, 0, "a"), bit, v is True)
    return words


def guest_words(model: str, words: dict[Word, tuple[int, int]],
                hyperv: bool = False) -> list[str]:
    """The guest arguments for WORDS: cpumodel=MODEL and want=W,W,...;
    hyperv=on when the model enables Hyper-V enlightenments."""
    parts = [f"{leaf:x}:{sub:x}:{reg}:{value:x}:{mask:x}"
             for (leaf, sub, reg), (value, mask) in sorted(words.items())]
    out = [f"cpumodel={model}", "want=" + ",".join(parts)]
    if hyperv:
        out.append("hyperv=on")
    return out


def query_expansion(binary: str, accel: str, cpu: str, timeout: float = 20.0) -> dict[str, Any]:
    """Starts BINARY with -machine none under ACCEL and returns the
    properties of the full expansion of CPU."""
    name, props = parse_cpu(cpu)
    tmp = tempfile.mkdtemp(prefix="hvtest-qmp-")
    sock = os.path.join(tmp, "qmp.sock")
    argv = [binary, "-machine", "none", "-accel", accel, "-nodefaults",
            "-display", "none", "-qmp", f"unix:{sock},server=on,wait=off"]
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ModelError(f"cannot start {binary}: {e}") from e
    try:
        with QMPClient(sock, timeout=timeout) as qmp:
            qmp.connect(wait=timeout)
            model: dict[str, Any] = {"name": name}
            if props:
                model["props"] = props
            ret = qmp.execute("query-cpu-model-expansion",
                              {"type": "full", "model": model})
            defs = qmp.execute("query-cpu-definitions")
    except QMPError as e:
        err = b""
        if proc.poll() is not None and proc.stderr is not None:
            err = proc.stderr.read()
        raise ModelError(f"query-cpu-model-expansion of {cpu} under {accel}: {e} "
                         f"{err.decode(errors='replace').strip()}".strip()) from e
    finally:
        proc.kill()
        proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
        shutil.rmtree(tmp, ignore_errors=True)
    result = ret.get("model", {}).get("props") if isinstance(ret, dict) else None
    if not isinstance(result, dict):
        raise ModelError(f"query-cpu-model-expansion of {cpu}: no properties in {ret!r}")
    return drop_unavailable(result, name, defs)


def drop_unavailable(props: dict[str, Any], name: str, defs: Any) -> dict[str, Any]:
    """PROPS with the features QEMU cannot give model NAME under this
    accelerator (query-cpu-definitions' unavailable-features) turned off:
    QEMU filters them out when it starts the VM ("TCG doesn't support
    requested feature"), so the guest must not see them. The expansion
    alone still names them as on."""
    out = dict(props)
    for d in defs if isinstance(defs, list) else []:
        if isinstance(d, dict) and d.get("name") == name:
            for feature in d.get("unavailable-features") or []:
                if isinstance(out.get(feature), bool):
                    out[feature] = False
    return out


# Part of the cache key: a new format (what the cached properties mean) never
# reads an older one.
CACHE_FORMAT = 2


def cache_path(cache_dir: str, binary: str, version: str, accel: str, cpu: str) -> str:
    key = json.dumps([CACHE_FORMAT, os.path.realpath(binary), version, accel, cpu])
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return os.path.join(cache_dir, "cpumodel", f"{digest}.json")


def expansion(binary: str, version: str, accel: str, cpu: str, cache_dir: str) -> dict[str, Any]:
    """query_expansion(), remembered in CACHE_DIR/cpumodel/."""
    path = cache_path(cache_dir, binary, version, accel, cpu)
    try:
        with open(path, encoding="utf-8") as f:
            cached = json.load(f)
        if isinstance(cached, dict):
            return cached
    except (OSError, ValueError):
        pass
    props = query_expansion(binary, accel, cpu)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(props, f, sort_keys=True)
    os.replace(tmp, path)
    return props


def expand_guest_args(guest_args: str, binary: str, version: str, accel: str,
                      cpu: str, cache_dir: str) -> str:
    """GUEST_ARGS with the word REQUEST replaced by the model's words."""
    props = expansion(binary, version, accel, cpu, cache_dir)
    words = guest_words(cpu, feature_words(props, accel),
                        accel == "kvm" and hyperv_enabled(props))
    out: list[str] = []
    for w in guest_args.split():
        out.extend(words if w == REQUEST else [w])
    return " ".join(out)
