#!/usr/bin/env bash
# Installs every Debian package maaltal's build, tests and sample run use.
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

packages=(
  g++ clang libclang-rt-14-dev cmake ninja-build pkg-config git
  nlohmann-json3-dev libxlsxwriter-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  catch2 libkainjow-mustache-dev libcli11-dev libicu-dev libssl-dev libglpk-dev libzip-dev libexpat1-dev
  python3 python3-openpyxl python3-scipy cmark-gfm
  python3-pandas python3-jinja2 python3-xlsxwriter
  chromium fonts-dejavu-core default-jre-headless libreoffice-calc-nogui
  poppler-utils fonts-crosextra-carlito dpkg-dev groff-base man-db zsh
)

# Node.js runs the browser tests; the machine's own is used when it has one.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
else
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# axe-core, playwright-core and vnu-jar for the browser tests, at the versions
# in package-lock.json. --ignore-scripts: vnu-jar's own install step would
# fetch a Java runtime; Debian's is used instead.
browser_dir="$(cd "$(dirname "$0")/../tests/browser" && pwd)"
stamp="$browser_dir/node_modules/.maaltal-installed"
if [ ! -f "$stamp" ] || [ "$browser_dir/package-lock.json" -nt "$stamp" ]; then
  echo "install-deps: npm ci in tests/browser"
  (cd "$browser_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi
