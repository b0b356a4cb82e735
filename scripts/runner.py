#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""hvtest runner entry point: ./run_tests.sh --help (docs/running.md)."""
import os
import sys

# The package uses `X | None` in runtime type aliases (Python 3.10). This
# file itself stays parseable by any Python 3 so that it can say so.
MIN_PYTHON = (3, 10)

if sys.version_info < MIN_PYTHON:
    sys.stderr.write("hvtest: the runner needs Python >= %d.%d, this is %d.%d.%d (%s)\n"
                     % (MIN_PYTHON + tuple(sys.version_info[:3]) + (sys.executable,)))
    sys.exit(2)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from hvtest.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
