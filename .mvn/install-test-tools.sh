#!/usr/bin/env bash
# Installs the Debian packages a module's tests drive (tshark, freediameter, chromium with its driver,
# sipp) when they are missing. Every module that has such tests runs this from its own POM before its
# tests (property test.tools, phase process-test-resources), so the README's `mvn -B verify` works on
# a fresh machine whatever order or subset of modules Maven builds (-pl, -rf, -T).
#
# Usage: install-test-tools.sh SKIP_TESTS MAVEN_TEST_SKIP PACKAGE...
#   (either flag "true": the module's tests are skipped, nothing to do)
# Idempotent and quiet when everything is there. Needs root or password-less sudo to install; without
# either it names the missing packages and the command that installs them, and fails the build.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 SKIP_TESTS MAVEN_TEST_SKIP PACKAGE..." >&2; exit 2; }
[ "$1" = "true" ] || [ "$2" = "true" ] && exit 0
shift 2
[ $# -eq 0 ] && exit 0

missing() {
  local p out=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out+=("$p")
  done
  echo "${out[@]:-}"
}

read -r -a todo <<<"$(missing "$@")"
[ ${#todo[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "[test-tools] These tests need the Debian packages: ${todo[*]}" >&2
  echo "[test-tools] Install them as root, then run the build again:" >&2
  echo "[test-tools]   echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections" >&2
  echo "[test-tools]   apt-get install -y --no-install-recommends ${todo[*]}" >&2
  exit 1
fi

# Two modules built side by side (-T) must not run apt at once: one waits for the other, then
# installs only what is still missing.
lock=${TMPDIR:-/tmp}/mip-aaa-test-tools.lock
exec 9>"$lock"
flock 9
read -r -a todo <<<"$(missing "$@")"
[ ${#todo[@]} -eq 0 ] && exit 0

echo "[test-tools] Installing ${todo[*]} for the tests (apt-get)"
# dumpcap without setuid: the capture tests run as root
echo 'wireshark-common wireshark-common/install-setuid boolean false' | "${as_root[@]}" debconf-set-selections
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
  --no-install-recommends "${todo[@]}"
