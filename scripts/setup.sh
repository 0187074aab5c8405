#!/usr/bin/env bash
# Installs what voicelint needs to build and test, from Debian's packages.
# (python3-jsonschema and python3-yaml check the SARIF output and the CI samples in tests.)
# Run as root (or with sudo) on Debian 12 or later. Idempotent: does nothing
# when everything is already installed.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libicu-dev libre2-dev libyaml-dev libmd4c-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev
  python3 python3-jsonschema python3-yaml
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
