#!/usr/bin/env bash
# deps.sh - installs the Debian packages nirakaran needs, only those missing.
set -eu
need=(build-essential pkg-config libsqlite3-dev sqlite3 libutf8proc-dev libxlsxwriter-dev
	libminizip-dev libexpat1-dev liboath-dev libinih-dev libssl-dev libqrencode-dev zip unzip)
missing=()
for p in "${need[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all packages present"
	exit 0
fi
echo "deps: installing ${missing[*]}"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
