# SPDX-License-Identifier: GPL-2.0-only
"""Host unit tests of the hvtest runner (scripts/hvtest).

Run from the repository root:

    python3 -m unittest discover -s tests/runner -p 'test_*.py'

(the whole suite takes a few seconds; fakevmm.py stands in for QEMU).
"""
