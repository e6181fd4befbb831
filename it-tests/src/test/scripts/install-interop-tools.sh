#!/usr/bin/env bash
# Installs the Debian packages the interop tests drive (tshark, freediameter, chromium with its driver)
# when they are missing.
# Idempotent and quiet when everything is there. Needs root or password-less sudo to install.
set -euo pipefail

# chromium + chromium-driver: the presence page's real-browser test (PresencePageBrowserTest)
packages=(tshark freediameter freediameter-extensions chromium chromium-driver)
# sipp, the SIP UAS of CorrespondentConfirmationTest
packages+=(sip-tester)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "The interop tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them (apt-get install ${missing[*]}) or run the tests as root." >&2
  exit 1
fi

echo "Installing ${missing[*]} for the interop tests"
# dumpcap without setuid: the capture tests run as root
echo 'wireshark-common wireshark-common/install-setuid boolean false' | "${as_root[@]}" debconf-set-selections
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
