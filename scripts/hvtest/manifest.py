# SPDX-License-Identifier: GPL-2.0-only
"""Host manifest: what exactly was tested, recorded with every run."""
from __future__ import annotations

import glob
import os
import platform
import subprocess
import sys
import time
from typing import Any


def _read(path: str) -> str:
    try:
        with open(path, errors="replace") as f:
            return f.read().strip()
    except OSError:
        return ""


# /proc/cpuinfo keys of the first CPU -> manifest keys (x86 names; other
# arches fill what they have).
_CPU_KEYS = {"vendor_id": "vendor", "cpu family": "family", "model": "model_number",
             "stepping": "stepping", "microcode": "microcode", "CPU implementer": "vendor",
             "CPU part": "model_number", "CPU variant": "stepping", "revision": "stepping"}


def cpu_info(text: str | None = None) -> dict[str, Any]:
    """Identity of the host CPU: vendor, family, model number and name, stepping, microcode, flags."""
    info: dict[str, Any] = {"model": "unknown", "vendor": "unknown", "family": "", "model_number": "",
                            "stepping": "", "microcode": "", "flags": []}
    for line in (_read("/proc/cpuinfo") if text is None else text).splitlines():
        key, _, val = line.partition(":")
        key, val = key.strip(), val.strip()
        if key == "model name" and info["model"] == "unknown":
            info["model"] = val
        elif key in _CPU_KEYS and info[_CPU_KEYS[key]] in ("", "unknown"):
            info[_CPU_KEYS[key]] = val
        elif key in ("flags", "Features") and not info["flags"]:
            info["flags"] = val.split()
        elif key in ("cpu", "processor") and info["model"] == "unknown" and not val.isdigit():
            info["model"] = val
    info["count"] = os.cpu_count() or 1
    return info


def kvm_modules() -> dict[str, dict[str, str]]:
    """Every loaded kvm* module with its parameters (/sys/module/<mod>/parameters)."""
    mods: dict[str, dict[str, str]] = {}
    for d in sorted(glob.glob("/sys/module/kvm*")):
        params: dict[str, str] = {}
        for p in sorted(glob.glob(os.path.join(d, "parameters", "*"))):
            params[os.path.basename(p)] = _read(p)
        mods[os.path.basename(d)] = params
    return mods


def vendor_module(mods: dict[str, dict[str, str]]) -> str:
    vendors = [m for m in mods if m != "kvm"]
    return ", ".join(vendors) if vendors else ("none" if not mods else "kvm only")


def suite_commit(root: str) -> str:
    try:
        p = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True,
                           text=True, timeout=5, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    if p.returncode != 0:
        return "unknown"
    commit = p.stdout.strip()
    try:
        d = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, timeout=5, stdin=subprocess.DEVNULL)
        if d.returncode == 0 and d.stdout.strip():
            commit += "-dirty"
    except (OSError, subprocess.TimeoutExpired):
        pass
    return commit


def collect(root: str, argv: list[str], vmms: dict[str, dict[str, str]],
            accels: dict[str, dict[str, str]], run_id: str) -> dict[str, Any]:
    mods = kvm_modules()
    u = os.uname()
    return {
        "run_id": run_id,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command_line": argv,
        "cwd": os.getcwd(),     # what relative paths in the reports (test logs) are relative to
        "suite_commit": suite_commit(root),
        "host": {
            "hostname": u.nodename,
            "kernel": f"{u.sysname} {u.release} {u.version}",
            "kernel_release": u.release,
            "machine": u.machine,
            "python": platform.python_version(),
            "cpu": cpu_info(),
        },
        "kvm": {"vendor_module": vendor_module(mods), "modules": mods},
        "vmms": vmms,
        "accelerators": accels,
        "python_executable": sys.executable,
    }
