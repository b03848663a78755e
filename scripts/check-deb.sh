#!/usr/bin/env bash
# Checks a voterroll .deb the way a county's server would meet it, without installing it on
# this machine: unpacked into a throw-away root (dpkg -x), its binary run on the demo pipeline
# with no Swift toolchain on the PATH, its files where Debian expects them, and its systemd
# units verified when systemd-analyze is present. Fails (exit 1) on the first thing wrong.
#
#   bash scripts/check-deb.sh dist/voterroll_<version>_amd64.deb
set -euo pipefail
deb=$(realpath "${1:?usage: $0 voterroll_VERSION_amd64.deb}")
work=$(mktemp -d "${TMPDIR:-/tmp}/voterroll-check-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "check-deb: $*" >&2; exit 1; }

dpkg-deb --info "$deb"
echo "size: $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)"
depends=$(dpkg-deb --field "$deb" Depends)
case "$depends" in *swift*|*Swift*) fail "depends on a Swift package: $depends" ;; esac
for library in libicu libxml2 libc6; do
    [[ "$depends" == *"$library"* ]] || fail "Depends names no $library: $depends"
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
binary="$root/usr/bin/voterroll"
for path in usr/bin/voterroll usr/share/man/man1/voterroll.1.gz usr/share/man/man1/voterroll.run.1.gz \
    usr/share/bash-completion/completions/voterroll usr/share/zsh/vendor-completions/_voterroll \
    usr/share/fish/vendor_completions.d/voterroll.fish \
    usr/lib/systemd/system/voterroll-nightly@.service usr/lib/systemd/system/voterroll-nightly@.timer \
    usr/share/doc/voterroll/OPERATIONS.md usr/share/doc/voterroll/examples/township.yaml \
    usr/share/doc/voterroll/examples/demo/pipelines/demo.yaml; do
    [ -s "$root/$path" ] || fail "$path is missing or empty"
done
# No unit for a command that does not exist: `voterroll serve` comes with issue 22.
if [ -e "$root/usr/lib/systemd/system/voterroll-serve.service" ] && ! "$binary" serve --help >/dev/null 2>&1; then
    fail "voterroll-serve.service is installed but voterroll has no serve command"
fi
zcat "$root/usr/share/man/man1/voterroll.run.1.gz" | grep -q 'Fl -log-format' || fail "the manual page of run lacks --log-format"
# The help's Chinese terms survive into the pages (generate-manual alone drops them).
zcat "$root/usr/share/man/man1/voterroll.run.1.gz" | grep -q '(乡镇)' || fail "the manual page of run lost its Chinese terms"
grep -q 'voterroll' "$root/usr/share/bash-completion/completions/voterroll" || fail "the bash completion names no voterroll"

# Nothing of Swift's is loaded at run time.
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|not found'; then
    fail "the installed binary needs the libraries above"
fi

# The demo as a clerk would run it: a copy of the example, the toolchain out of reach.
clean_path=/usr/sbin:/usr/bin:/sbin:/bin
if env -i PATH="$clean_path" sh -c 'command -v swift swiftc' >/dev/null; then
    fail "swift is on $clean_path: this check could not show the binary runs without it"
fi
cp -r "$root/usr/share/doc/voterroll/examples/demo" "$work/demo"
run() { env -i PATH="$clean_path" HOME="$work" LANG=C.UTF-8 "$binary" "$@"; }
version=$(run --version) || fail "voterroll --version failed"
echo "voterroll --version: $version"
status=0
run run "$work/demo/pipelines/demo.yaml" --quiet --log-format json 2> "$work/demo.log" || status=$?
cat "$work/demo.log"
[ "$status" -eq 1 ] || fail "the installed binary ran the demo with exit $status (expected 1: the demo holds errors on purpose)"
[ -s "$work/demo/out/demo/report.html" ] && [ -s "$work/demo/out/demo/voterroll.sqlite" ] || fail "the demo wrote no report or store"
run history --store "$work/demo/out/demo/voterroll.sqlite" | grep -q '某某镇' || fail "history of the demo's store shows no run"
echo "the installed binary ran the demo: exit 1 as expected, report and store written"

# The units, when systemd's analyzer is here (it needs no running systemd). A template is
# verified through an instance; the binary it names must exist, so the unpacked root is given.
if command -v systemd-analyze >/dev/null; then
    units="$work/units"
    mkdir -p "$units"
    cp "$root/usr/lib/systemd/system/voterroll-nightly@.service" "$units/voterroll-nightly@demo.service"
    cp "$root/usr/lib/systemd/system/voterroll-nightly@.timer" "$units/voterroll-nightly@demo.timer"
    sed -i "s#ExecStart=/usr/bin/voterroll#ExecStart=$binary#" "$units/voterroll-nightly@demo.service"
    if ! SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no "$units/voterroll-nightly@demo.service" \
        "$units/voterroll-nightly@demo.timer" 2> "$work/verify.log"; then
        cat "$work/verify.log" >&2
        fail "systemd-analyze verify found faults in the units"
    fi
    # An unknown or misspelt setting is only a warning to systemd (exit 0): fail on it too.
    if grep -q . "$work/verify.log"; then
        cat "$work/verify.log" >&2
        fail "systemd-analyze verify warned about the units"
    fi
    echo "systemd-analyze verify: the nightly units are sound"
else
    echo "systemd-analyze is not here: the units were not verified (apt-get install systemd to check them)"
fi
echo "check-deb: $(basename "$deb") is sound"
