#!/usr/bin/env bash
# Install the Debian packages the tests need beyond the build's, when they
# are missing: Chromium, which opens report.html headless in
# tests/e2e/report_html.sh, and the DejaVu fonts the charts are drawn
# with.  Idempotent like scripts/install-deps.sh (`make test` runs both).
set -euo pipefail

packages=(
  chromium             # headless browser for the report.html test
  fonts-dejavu-core    # the charts' font (cairo draws glyph outlines)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "cibscan: installing Debian packages for the tests: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "cibscan: not root and no sudo; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
