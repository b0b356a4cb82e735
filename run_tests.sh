#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run hvtest guests; see docs/running.md or ./run_tests.sh --help.
exec python3 "$(dirname "$0")/scripts/runner.py" "$@"
