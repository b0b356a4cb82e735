"""Report writers: terminal, TAP 14, JUnit XML, JSON."""
