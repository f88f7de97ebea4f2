#!/usr/bin/env bash
# Installs what Tocsin's tests need and is missing, from Debian (apt-get) and, for a python3
# that is not Debian's, PyPI (pip); nothing else is needed beside the repository:
#   prometheus-alertmanager   the real Alertmanager 0.25 + amtool (reference peer and client)
#   prometheus (+ promtool)   the end-to-end test and the deploy config checks
#   golang-go, golang-github-prometheus-alertmanager-dev
#                             Go 1.19 and Alertmanager's 0.25 source: scripts/acceptance
#                             compiles its acceptance suite from them
#   python3-aiosmtpd, python3-pytest, python3-yaml
#                             the SMTP sink (Tests/interop/smtp_sink.py), the interop tests
#   openssl                   the SMTP sink's self-signed STARTTLS certificate, the CA and
#                             certificates of the web config tests (test_web_security.py)
#   python3-bcrypt            bcrypt hashes for those tests when Python's `crypt` is gone (3.13+)
#   iptables, iproute2        the chaos tests' loopback partition (Tests/interop/test_chaos.py)
#   schemathesis (PyPI)       API conformance fuzzing against Alertmanager's OpenAPI spec
#   chromium, chromium-driver, selenium (PyPI)
#                             the web UI's browser tests (Tests/interop/test_web_ui.py)
#   zlib1g-dev, libcurl4-openssl-dev      linking (the static release links FoundationNetworking,
#                             which needs libcurl)
#   curl, ca-certificates, git   scripts, the benchmark report
set -euo pipefail
pkgs=(prometheus-alertmanager prometheus golang-go golang-github-prometheus-alertmanager-dev
      python3-aiosmtpd python3-pytest python3-yaml python3-bcrypt openssl iptables iproute2 zlib1g-dev libcurl4-openssl-dev
      curl ca-certificates git chromium chromium-driver)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "# installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
fi
# Debian's packages serve /usr/bin/python3; another python3 first in PATH (pyenv, a venv)
# gets the three modules from PyPI.
if ! python3 -c 'import aiosmtpd, yaml, pytest' 2>/dev/null; then
  python3 -m pip install -q aiosmtpd pyyaml pytest
fi
# botocore recomputes SNS's SigV4 signatures in test_receivers_vs_alertmanager.py.
if ! python3 -c 'import botocore' 2>/dev/null; then
  python3 -m pip install -q botocore || python3 -m pip install -q --break-system-packages botocore
fi
if ! python3 -W ignore -c 'import crypt' 2>/dev/null && ! python3 -c 'import bcrypt' 2>/dev/null; then
  python3 -m pip install -q bcrypt || python3 -m pip install -q --break-system-packages bcrypt
fi
# schemathesis is on PyPI only; Debian's own python3 refuses pip without the override.
if ! python3 -c 'import schemathesis' 2>/dev/null; then
  python3 -m pip install -q schemathesis || python3 -m pip install -q --break-system-packages schemathesis
fi
if ! python3 -c 'import selenium' 2>/dev/null; then
  python3 -m pip install -q selenium || python3 -m pip install -q --break-system-packages selenium
fi
