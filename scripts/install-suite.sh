#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# install-suite.sh DESTDIR PREFIX: install the built suite (guests, runner,
# cfg, expectations, docs) under DESTDIR/PREFIX/share/hvtest and a command
# DESTDIR/PREFIX/bin/hvtest-run that runs it from anywhere, with logs in the
# current directory (docs/ci.md, "Installing"). Called by `make install`.
set -eu

destdir=$1
prefix=$2
srcdir=$(cd "$(dirname "$0")/.." && pwd)
share=$destdir$prefix/share/hvtest
bin=$destdir$prefix/bin

[ -d "$srcdir/build" ] || { echo "install-suite: nothing built (run make)" >&2; exit 1; }
rm -rf "$share"
mkdir -p "$share/scripts" "$share/build" "$bin"
cp -R "$srcdir/scripts/hvtest" "$share/scripts/"
find "$share/scripts" -name __pycache__ -prune -exec rm -rf {} +
cp "$srcdir/scripts/runner.py" "$share/scripts/"
cp "$srcdir/run_tests.sh" "$srcdir/unittests.cfg" "$srcdir/README.md" "$share/"
cp -R "$srcdir/expectations" "$srcdir/docs" "$share/"
for d in "$srcdir"/build/*/; do
	a=$(basename "$d")
	mkdir -p "$share/build/$a"
	find "$d" -maxdepth 1 -type f \( -name '*.elf' -o -name '*.img' -o -name '*.bin' \) \
		-exec cp {} "$share/build/$a/" \;
done
# The runner reads this: logs (and the Bochs disk cache) go to the current
# directory, since an installed tree is usually not writable.
git -C "$srcdir" rev-parse HEAD > "$share/INSTALLED" 2>/dev/null || echo unknown > "$share/INSTALLED"
cat > "$bin/hvtest-run" <<WRAPPER
#!/bin/sh
# hvtest-run: the installed hvtest runner (./run_tests.sh --help).
exec python3 "$prefix/share/hvtest/scripts/runner.py" "\$@"
WRAPPER
chmod 755 "$bin/hvtest-run"
echo "install-suite: $share, $bin/hvtest-run"
