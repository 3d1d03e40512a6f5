#!/usr/bin/env bash
# The whole rtlint test suite: style checks, then go test ./..., summarized
# (internal/testsum), ending with the list of tests that were skipped.
#
# For a contributor (CI unset): installs nothing unless run as root; a test
# that needs a program this machine lacks (pre-commit, nvim, patch,
# unshare) or a toolchain it cannot fetch is skipped and listed at the end.
# In CI (CI set, as .ci/run does): installs what the tests drive (as root,
# with apt-get), and any skipped test fails the run: a check that did not
# run must not pass.
#
# Needs the Go module proxy (first run), about 3 GB of build and module
# cache, and 15-25 minutes on 2 cores the first time (a few minutes warm).
# Arguments are passed to go test (e.g. ./test.sh -short, -run TestX).
set -euo pipefail
cd "$(dirname "$0")"

need=()
for pair in git:git patch:patch pre-commit:pre-commit nvim:neovim unshare:util-linux; do
	command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "test.sh: installing ${need[*]}" >&2
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
	else
		echo "test.sh: not installed: ${need[*]} (installing needs root: apt-get install -y ${need[*]}); the tests that drive them will be skipped" >&2
	fi
fi

echo "test.sh: style checks (gofmt, go vet, staticcheck, rtlint on itself)" >&2
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*'))
if [ -n "$unformatted" ]; then
	echo "gofmt -l: these files need gofmt -w:" >&2
	echo "$unformatted" >&2
	exit 1
fi
go vet ./...
go tool staticcheck ./...
go run ./cmd/rtlint ./... || { echo "test.sh: rtlint reports findings in its own code (exit $?)" >&2; exit 1; }

go test -json -timeout 80m "$@" ./... | go run ./internal/testsum
