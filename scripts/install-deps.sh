#!/usr/bin/env bash
# Installs the system packages Tocsin's tests need, only those that are missing:
# the real Alertmanager 0.25 + amtool (reference peer and client), Prometheus,
# Go + Alertmanager's 0.25 source (its own acceptance suite), aiosmtpd, zlib headers.
set -euo pipefail
pkgs=(prometheus-alertmanager prometheus golang-go golang-github-prometheus-alertmanager-dev
      python3-aiosmtpd python3-yaml zlib1g-dev curl ca-certificates)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "# installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# Debian's packages serve /usr/bin/python3; another python3 first in PATH needs them too.
if ! python3 -c 'import aiosmtpd, yaml, pytest' 2>/dev/null; then
  python3 -m pip install -q aiosmtpd pyyaml pytest
fi
