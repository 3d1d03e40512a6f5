#!/usr/bin/env bash
# The whole rtlint test suite, as CI runs it: installs the programs the
# integration tests drive for real (when missing and we may), then go test.
set -euo pipefail
cd "$(dirname "$0")"

# The integration tests (pre-commit, Neovim) skip when the program they
# drive is missing, unless CI is set. This script is how CI runs the tests,
# so it is always strict: a missing program fails instead of skipping.
export CI="${CI:-1}"

need=()
command -v git >/dev/null 2>&1 || need+=(git)
command -v pre-commit >/dev/null 2>&1 || need+=(pre-commit)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "test.sh: installing ${need[*]}" >&2
	apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

exec go test -timeout 80m "$@" ./...
