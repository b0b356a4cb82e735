#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check-weak.sh: run after a guest is linked. Fails when the guest kept a
# weak definition (e.g. a uniprocessor default of lib/smp.c) of a symbol
# that an archive member defines strongly: a weak definition does not pull
# a member in, so that member, reached through no other symbol, was left
# out and the guest would silently run the default. Such an object belongs
# in the arch's ARCH_LINK_ALWAYS (mk/arch-*.mk).
# Usage: check-weak.sh NM ELF ARCHIVE...
nm=$1 elf=$2
shift 2
weak=" $("$nm" "$elf" | awk '$2 == "W" || $2 == "V" { print $3 }' | tr '\n' ' ')"
status=0
for def in $("$nm" -A --defined-only -g "$@" |
	awk '$2 !~ /^[WVwv]$/ { sub(/:[0-9a-f]+$/, "", $1); print $1 ":" $3 }'); do
	sym=${def##*:}
	case "$weak" in
	*" $sym "*)
		echo "$elf: uses the weak $sym although ${def%:*} defines it:" \
			"add that object to ARCH_LINK_ALWAYS" >&2
		status=1
		;;
	esac
done
exit $status
