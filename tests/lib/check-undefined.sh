#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check-undefined.sh: fail when objects reference a symbol that none of
# them defines and that is not in the allowed list.
# Usage: check-undefined.sh NM "ALLOWED SYMBOLS" OBJ...
nm=$1 allowed=$2
shift 2
defined=$("$nm" --defined-only -g "$@" | awk 'NF == 3 { print $3 }')
status=0
for sym in $("$nm" -u "$@" | awk '$1 == "U" { print $2 }' | sort -u); do
	case " $allowed $(echo $defined) " in
	*" $sym "*) ;;
	*) echo "$*: unexpected external reference: $sym" >&2; status=1 ;;
	esac
done
exit $status
