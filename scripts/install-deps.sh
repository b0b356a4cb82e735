#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# install-deps.sh: install what hvtest needs on Debian/Ubuntu. Idempotent:
# does nothing when everything is present. As root it runs apt-get; as
# another user it prints the exact command to run. libfdt for the arm64 and
# ppc64le guests comes from Debian's multiarch libfdt-dev packages, unpacked
# into deps/<arch>/ (nothing is installed system-wide for foreign arches);
# deps/stamp is touched after each fetch so that make re-runs ./configure.

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)

# Bochs (scripts/hvtest/vmm/bochs.py) needs its term display plugin
# (bochs-term: asked for together with bochs, it also stands for the GUI
# bochs depends on, so apt does not pull in the wxWidgets one), its BIOS and
# VGA BIOS images (bochsbios, vgabios); it boots our own loader
# (x86/boot/diskboot.S) from a disk image the runner writes.
packages="make gcc binutils python3 git
	gcc-aarch64-linux-gnu gcc-powerpc64le-linux-gnu gcc-s390x-linux-gnu
	qemu-system-x86 qemu-system-arm qemu-system-ppc qemu-system-misc
	bochs bochs-term bochsbios vgabios
	perl"

missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done

# <hvtest arch>:<Debian arch>:<GNU triplet>
fdt_archs="arm64:arm64:aarch64-linux-gnu ppc64le:ppc64el:powerpc64le-linux-gnu"
fdt_missing=""
for t in $fdt_archs; do
	a=${t%%:*}
	triplet=${t##*:}
	[ -f "$srcdir/deps/$a/usr/lib/$triplet/libfdt.a" ] || fdt_missing="$fdt_missing $t"
done

if [ -z "$missing" ] && [ -z "$fdt_missing" ]; then
	echo "install-deps: everything is installed"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-deps: not a Debian/Ubuntu system; install by hand:$missing" >&2
	[ -z "$fdt_missing" ] || echo "  and libfdt (static) for:$fdt_missing" >&2
	exit 1
fi

if [ "$(id -u)" != 0 ]; then
	[ -z "$missing" ] || echo "install-deps: run as root: apt-get install$missing"
	[ -z "$fdt_missing" ] || echo "install-deps: run as root to fetch libfdt for:$fdt_missing"
	exit 1
fi

apt_updated=0
apt_update() {
	if [ $apt_updated = 0 ]; then
		# A partial index failure (a mirror mid-sync) is not fatal: the
		# install or download below fails clearly if a package is absent.
		apt-get update -q || echo "install-deps: apt-get update reported errors; continuing" >&2
		apt_updated=1
	fi
}

if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	apt_update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi

for t in $fdt_missing; do
	a=${t%%:*}
	rest=${t#*:}
	debarch=${rest%%:*}
	if ! dpkg --print-foreign-architectures | grep -qx "$debarch"; then
		dpkg --add-architecture "$debarch"
		apt_updated=0
	fi
	apt_update
	tmp=$(mktemp -d)
	# apt downloads as its sandbox user _apt, who must be able to write here.
	if id _apt >/dev/null 2>&1; then
		chown _apt "$tmp"
	else
		chmod 755 "$tmp"
	fi
	(cd "$tmp" && apt-get download -q "libfdt-dev:$debarch" "libfdt1:$debarch")
	mkdir -p "$srcdir/deps/$a"
	for deb in "$tmp"/*.deb; do
		dpkg-deb -x "$deb" "$srcdir/deps/$a"
	done
	rm -rf "$tmp"
	touch "$srcdir/deps/stamp"
	echo "install-deps: libfdt for $a in deps/$a"
done
