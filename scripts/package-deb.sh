#!/usr/bin/env bash
# Builds voterroll_<version>_amd64.deb: a release binary with the Swift standard library and
# Foundation linked in (--static-swift-stdlib), so a clerk's machine needs no Swift toolchain,
# only Debian's own libraries (ICU, libxml2, …, found by dpkg-shlibdeps); its manual page
# and shell completions, made from the argument parser; example pipelines; and the nightly
# systemd units, installed but not enabled (docs/OPERATIONS.md).
#
#   bash scripts/package-deb.sh [--out DIR]      (default DIR: dist/)
#
# The version is VoterRollVersion.current, plus `git describe`'s distance and commit when the
# commit is not the release's tag v<version>: 0.1.0 at the tag, 0.1.0+git134.gd617365 after.
# Prints the .deb's path as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$(pwd)
# What is staged is installed as staged: folders 0755 and pages 0644, whatever the caller's umask.
umask 022

out_dir="$root_dir/dist"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out_dir=$(realpath -m "$2"); shift 2 ;;
        *) echo "usage: $0 [--out DIR]" >&2; exit 2 ;;
    esac
done

for tool in dpkg-deb dpkg-shlibdeps strip; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing (apt-get install dpkg-dev binutils)" >&2; exit 2; }
done

# --- the version -----------------------------------------------------------------------
base=$(sed -n 's/.*static let current = "\([^"]*\)".*/\1/p' Sources/VoterRollKit/VoterRollVersion.swift)
[ -n "$base" ] || { echo "$0: no version in VoterRollVersion.swift" >&2; exit 1; }
version=$base
if git rev-parse --git-dir >/dev/null 2>&1; then
    hash=$(git rev-parse --short=7 HEAD)
    if described=$(git describe --tags --long --match "v$base" 2>/dev/null); then
        distance=$(echo "$described" | sed 's/.*-\([0-9]*\)-g[0-9a-f]*$/\1/')
        [ "$distance" = 0 ] || version="$base+$distance.g$hash"
    else
        # No release tag yet: the commit count orders snapshots of one branch.
        version="$base+git$(git rev-list --count HEAD).g$hash"
    fi
    if [ -n "$(git status --porcelain --untracked-files=no)" ]; then version="$version.dirty"; fi
fi

# --- the binary ----------------------------------------------------------------------------
echo "building voterroll $version (release, static Swift standard library)…" >&2
build_flags=(-c release --static-swift-stdlib)
start=$(date +%s)
swift build "${build_flags[@]}" --product voterroll >&2
echo "release build: $(( $(date +%s) - start )) s" >&2
bin_dir=$(swift build "${build_flags[@]}" --show-bin-path)
binary="$bin_dir/voterroll"

# A clerk's machine has no toolchain: nothing of Swift's may be loaded at run time.
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|lib_FoundationICU|not found'; then
    echo "$0: the binary still needs the libraries above; it would not run without the toolchain" >&2
    exit 1
fi

# --- the staged root ---------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/voterroll-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
stage="$work/voterroll_${version}_amd64"
doc="$stage/usr/share/doc/voterroll"
install -d "$stage/DEBIAN" "$stage/usr/bin" "$doc/examples" "$stage/usr/share/man/man1" \
    "$stage/usr/share/bash-completion/completions" "$stage/usr/share/zsh/vendor-completions" \
    "$stage/usr/share/fish/vendor_completions.d" "$stage/usr/lib/systemd/system"

# Debug sections are a large share of a Swift binary and of no use to an office.
install -m 0755 "$binary" "$stage/usr/bin/voterroll"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/voterroll"

# One page per subcommand (voterroll.1, voterroll.run.1, …: `man voterroll.run`), made from
# the binary's own help.
bash scripts/make-manual-pages.sh "$stage/usr/bin/voterroll" "$work/man"
for page in "$work/man"/*.1; do
    gzip -9n -c "$page" > "$stage/usr/share/man/man1/$(basename "$page").gz"
done
[ -s "$stage/usr/share/man/man1/voterroll.1.gz" ] || { echo "$0: no manual page was made" >&2; exit 1; }

"$stage/usr/bin/voterroll" --generate-completion-script bash > "$stage/usr/share/bash-completion/completions/voterroll"
"$stage/usr/bin/voterroll" --generate-completion-script zsh > "$stage/usr/share/zsh/vendor-completions/_voterroll"
"$stage/usr/bin/voterroll" --generate-completion-script fish > "$stage/usr/share/fish/vendor_completions.d/voterroll.fish"

install -m 0644 packaging/systemd/voterroll-nightly@.service packaging/systemd/voterroll-nightly@.timer \
    "$stage/usr/lib/systemd/system/"

install -m 0644 README.md docs/OPERATIONS.md catalog/findings.tsv "$doc/"
# The demo, laid out as in the repository so its pipeline's relative paths hold: copy the
# folder somewhere writable and run `voterroll run demo/pipelines/demo.yaml`.
install -d "$doc/examples/demo/pipelines" "$doc/examples/demo/fixtures/demo"
install -m 0644 pipelines/demo.yaml "$doc/examples/demo/pipelines/"
find fixtures/demo -maxdepth 1 -type f \( -name '*.csv' -o -name '*.xlsx' -o -name '*.xml' \) \
    -exec install -m 0644 {} "$doc/examples/demo/fixtures/demo/" \;
install -m 0644 packaging/examples/township.yaml "$doc/examples/"

# --- control ---------------------------------------------------------------------------------
# dpkg-shlibdeps names Debian's package (and lowest version) of every library the binary loads.
mkdir -p "$work/shlibs/debian"
printf 'Source: voterroll\n\nPackage: voterroll\nArchitecture: amd64\n' > "$work/shlibs/debian/control"
shlibs=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$stage/usr/bin/voterroll" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "$0: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@DEPENDS@/adduser, $shlibs/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
    packaging/debian/control.in > "$stage/DEBIAN/control"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$stage/DEBIAN/"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"

mkdir -p "$out_dir"
deb="$out_dir/voterroll_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
echo "$(du -h "$deb" | cut -f1) $deb; Depends: adduser, $shlibs" >&2
echo "$deb"
