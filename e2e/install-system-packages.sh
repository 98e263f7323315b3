#!/usr/bin/env bash
# Debian packages the e2e suite needs, installed when missing (as root; otherwise it says what
# to install): chromium, the browser the editor test drives; libsqlite3-dev, so that n8n's
# sqlite3 module builds against Debian's SQLite in seconds instead of compiling its own copy;
# g++, make and python3 for that build (node-gyp); postgresql and redis-server, the database
# and the queue the queue-mode test starts throw-away copies of (their system services are not
# used: the test runs its own cluster and server on free ports).
set -euo pipefail
needed=(chromium libsqlite3-dev g++ make python3 postgresql redis-server)
missing=()
for package in "${needed[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$package")
	fi
done
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "The e2e suite needs these Debian packages: ${missing[*]}" >&2
	echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
