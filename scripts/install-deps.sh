#!/usr/bin/env bash
# Installs every Debian package maaltal's build, tests and sample run use.
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git
  nlohmann-json3-dev libxlsxwriter-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  catch2 libkainjow-mustache-dev libcli11-dev libicu-dev libssl-dev
  python3 python3-openpyxl cmark-gfm
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
