#!/usr/bin/env bash
# Install the Debian packages cibscan needs to build and test, when they are
# missing.  Idempotent: on a machine that has them all it changes nothing and
# prints nothing.  Runs apt-get directly as root, through sudo otherwise.
# With arguments, installs those packages instead of the build's list
# (scripts/install-test-deps.sh uses this for the test-only packages).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libigraph-dev        # graph and Leiden communities
  libutf8proc-dev      # Unicode normalisation
  libxxhash-dev        # hashing
  libpsl-dev           # registrable domains
  liburiparser-dev     # URL parsing
  libjansson-dev       # JSON out
  libcairo2-dev libfontconfig-dev  # charts of report.html
  zlib1g-dev libzstd-dev  # compressed inputs
  libcmocka-dev        # unit tests
  clang libclang-rt-14-dev  # libFuzzer targets (make fuzz, make test)
  tzdata               # IANA time zones for the rhythm stage
  python3              # end-to-end tests read outputs with the standard library
)

[ $# -gt 0 ] && packages=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "cibscan: installing Debian packages: ${missing[*]}" >&2
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
