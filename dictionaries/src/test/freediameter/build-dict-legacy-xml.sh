#!/usr/bin/env bash
# Builds freeDiameter's dict_legacy_xml.fdx extension for the freeDiameter installed here.
#
# Debian's freediameter-extensions package does not ship it (upstream's CMake option
# BUILD_DICT_LEGACY_XML defaults to OFF), but the extension is part of the same source package. This
# script fetches that source package, for exactly the installed version, from Debian's archive with
# apt itself (a private deb-src list and state directory: the system's apt configuration is not
# touched; apt checks the archive's signatures and the files' checksums), then compiles the
# extension against the installed libfreediameter-dev headers, as upstream's CMakeLists does.
#
# Usage: build-dict-legacy-xml.sh OUTPUT_DIR
#   writes OUTPUT_DIR/dict_legacy_xml.fdx (and keeps the fetched source under OUTPUT_DIR/src).
# Needs: freediameterd, libfreediameter-dev, libxml2-dev, bison, flex, gcc, libc6-dev, dpkg-dev
# (the "test.tools" of the dictionaries module).
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 OUTPUT_DIR" >&2; exit 2; }
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$(dpkg-query -W -f='${source:Version}' freediameterd)   # e.g. 1.2.1-8 (a binNMU's +b1 is not in it)
upstream=${version%-*}
. /etc/os-release
suite=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || { echo "missing $keyring (package debian-archive-keyring)" >&2; exit 1; }

# one build at a time per output directory (parallel module builds, several worktrees sharing a cache)
exec 9>"$out/.lock"
flock 9
[ -f "$out/dict_legacy_xml.fdx" ] && [ "$(cat "$out/version" 2>/dev/null)" = "$version" ] && { echo "$out/dict_legacy_xml.fdx (cached)"; exit 0; }

apt_dir=$out/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$out/src"
echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian $suite main" > "$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/none"
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "Debug::NoLocking=1"
          -o "APT::Sandbox::User=$(id -un)" -q)

if [ ! -d "$out/src/freediameter-$upstream" ]; then
  apt-get "${apt_opts[@]}" update >&2
  (cd "$out/src" && apt-get "${apt_opts[@]}" source "freediameter=$version" >&2)
fi
ext=$out/src/freediameter-$upstream/extensions/dict_legacy_xml
[ -f "$ext/dict_lxml_xml.c" ] || { echo "no dict_legacy_xml in the freediameter $version source" >&2; exit 1; }

build=$out/build
mkdir -p "$build"
# the same generated parser files and options as upstream's CMake macros (BISON_FILE, FLEX_FILE)
bison --name-prefix=dict_lxml --defines --output-file="$build/dict_lxml.tab.c" "$ext/dict_lxml.y" 2>/dev/null
flex -Pdict_lxml -o"$build/lex.dict_lxml.c" "$ext/dict_lxml.l"
gcc -shared -fPIC -O2 -D_GNU_SOURCE -I"$ext" -I"$build" -I/usr/include/libxml2 \
    "$ext/dict_lxml.c" "$ext/dict_lxml_xml.c" "$build/lex.dict_lxml.c" "$build/dict_lxml.tab.c" \
    -o "$build/dict_legacy_xml.fdx.tmp" -lxml2
mv "$build/dict_legacy_xml.fdx.tmp" "$out/dict_legacy_xml.fdx"
echo "$version" > "$out/version"
echo "$out/dict_legacy_xml.fdx (freeDiameter $version)"
