# SPDX-License-Identifier: GPL-2.0-only
"""The --json report of a real (fake-VMM) run validates against
docs/results.schema.json: every documented key present, with its type."""
from __future__ import annotations

import contextlib
import io
import json
import os
import unittest
from typing import Any

import support
from hvtest import app
from support import GROUPS

SCHEMA = os.path.join(support.ROOT, "docs", "results.schema.json")
TYPES: dict[str, tuple[type, ...]] = {"object": (dict,), "array": (list,), "string": (str,),
                                      "integer": (int,), "number": (int, float),
                                      "boolean": (bool,), "null": (type(None),)}
CFG = GROUPS + "".join(f"[{m}]\nfile = guest\nargs = mode={m}\n"
                       for m in ("pass", "fail", "skip", "xfail", "triple", "hostile"))


def errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """The JSON Schema subset the schema file uses: type, enum, required,
    properties, additionalProperties, items."""
    out: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not one of {schema['enum']}"]
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(isinstance(value, TYPES[n]) and not (n in ("integer", "number") and isinstance(value, bool))
                 for n in names)
        if not ok:
            return [f"{where}: {type(value).__name__} is not {'/'.join(names)}"]
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{where}: missing '{key}'")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, v in value.items():
            if key in props:
                out += errors(v, props[key], f"{where}.{key}")
            elif extra is False:
                out.append(f"{where}: unexpected key '{key}'")
            elif isinstance(extra, dict):
                out += errors(v, extra, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += errors(v, schema["items"], f"{where}[{i}]")
    return out


class JsonSchemaTest(unittest.TestCase):
    def test_real_report_validates(self) -> None:
        tmp = support.tempdir(self)
        build = support.fake_build(tmp, ["guest"])
        cfg = support.write(os.path.join(tmp, "t.cfg"), CFG)
        out = os.path.join(tmp, "r.json")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            app.main(["--config", cfg, "--build-dir", build, "--log-dir", os.path.join(tmp, "logs"),
                      "--vmm-binary", f"qemu={support.FAKE}", "--accel", "tcg", "--json", out,
                      "--expectations", tmp, "--color", "never"])
        with open(SCHEMA) as f:
            schema = json.load(f)
        doc = support.jload(out)
        self.assertEqual(len(doc["tests"]), 6)
        self.assertEqual(errors(doc, schema), [])

    def test_validator_catches_a_missing_key(self) -> None:
        with open(SCHEMA) as f:
            schema = json.load(f)
        self.assertIn("$: missing 'tests'", errors({"format": "hvtest-results"}, schema))


if __name__ == "__main__":
    unittest.main()
