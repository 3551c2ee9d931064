#!/usr/bin/env bash
# Install the Debian packages the tests need beyond the build's, when they
# are missing: Chromium, which opens report.html headless in
# tests/e2e/report_html.sh, and the DejaVu fonts the charts are drawn
# with.  Idempotent: the same installer as the build's (`make test` runs
# both).
set -euo pipefail

exec bash "$(dirname "$0")/install-deps.sh" \
  chromium \
  fonts-dejavu-core
