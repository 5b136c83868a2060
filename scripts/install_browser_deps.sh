#!/usr/bin/env bash
# What the browser tests (tests/browser/) need: Debian's Chromium at /usr/bin/chromium and the pinned npm packages
# (playwright-core, axe-core; see package.json / package-lock.json). Never downloads a browser of its own:
# playwright-core drives the system Chromium, and a test tool's own browser download fails on our machines.
#
# Idempotent and quick when everything is present: apt-get runs only when /usr/bin/chromium is missing, `npm ci`
# only when node_modules is older than package-lock.json (or missing).
# Without root/apt-get or npm it warns and exits 0: the browser tests then skip with a hint.
set -uo pipefail
cd "$(dirname "$0")/.."
say() { echo "install_browser_deps: $*" >&2; }

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "warning: /usr/bin/chromium is missing; install Debian's chromium package (browser tests will skip)"
  else
    say "installing chromium and chromium-driver from Debian packages"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver \
        >/dev/null 2>&1; then
      apt-get update -q >/dev/null 2>&1 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver \
        >/dev/null || say "warning: could not install chromium (browser tests will skip)"
    fi
  fi
fi

if ! command -v npm >/dev/null 2>&1; then
  say "warning: npm is missing; the browser tests need node and npm (they will skip)"
  exit 0
fi
stamp=node_modules/.package-lock.json  # written by npm ci/install
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ] \
    || [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/axe-core/package.json ]; then
  say "npm ci (playwright-core, axe-core)"
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: belt and braces; playwright-core itself downloads nothing.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error 2>&1 \
    | grep -v 'Unknown user config' >&2 || true
  [ -f node_modules/playwright-core/package.json ] || say "warning: npm ci failed (browser tests will skip)"
fi
exit 0
