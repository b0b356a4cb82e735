# SPDX-License-Identifier: GPL-2.0-only
"""Report writers: terminal, TAP 14, JUnit XML, JSON."""
