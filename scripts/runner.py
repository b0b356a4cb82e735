#!/usr/bin/env python3
"""hvtest runner entry point: ./run_tests.sh --help (docs/running.md)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from hvtest.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
