# SPDX-License-Identifier: GPL-2.0-only
"""hvtest runner: reads unittests.cfg, boots guests under a VMM, judges TAP."""
