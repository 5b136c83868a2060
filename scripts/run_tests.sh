#!/usr/bin/env bash
# The test suite: static checks first (architecture contracts, lint, types), then pytest.
# pytest's "no tests" (exit 5) is a failure here.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/lint-imports || exit 1
.venv/bin/ruff check archive ingest anonymise search_index app tests scripts || exit 1
.venv/bin/mypy archive ingest anonymise search_index app || exit 1
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then echo "no tests were collected" >&2; exit 1; fi
exit "$rc"
