"""hvtest runner: reads unittests.cfg, boots guests under a VMM, judges TAP."""
