#!/usr/bin/env bash
# Runs each fuzz target for FUZZTIME (default 5m) and keeps what it found:
# the KEEP (default 40) smallest inputs of the go command's fuzz cache are
# copied into the package's testdata/fuzz/<target>, which every go test
# replays as seeds.
#
#   FUZZTIME=10m bench/fuzz.sh
#   bench/fuzz.sh FuzzResolve
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-5m}
keep=${KEEP:-40}
module=$(go list -m)
for spec in internal/directive:FuzzParse internal/contract:FuzzResolve internal/robust:FuzzAnalyzers; do
	pkg=${spec%%:*} fn=${spec#*:}
	if [ $# -gt 0 ] && [[ " $* " != *" $fn "* ]]; then
		continue
	fi
	echo "== $fn ($pkg, $fuzztime)"
	# Minimizing a large new input can take the default minute of a short
	# run; a few seconds keep the run fuzzing.
	go test -run '^$' -fuzz "^$fn\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s "./$pkg"
	cache="$(go env GOCACHE)/fuzz/$module/$pkg/$fn"
	[ -d "$cache" ] || continue
	mkdir -p "$pkg/testdata/fuzz/$fn"
	ls -S -r "$cache" | head -n "$keep" | while read -r f; do cp "$cache/$f" "$pkg/testdata/fuzz/$fn/"; done
	echo "kept $(ls "$pkg/testdata/fuzz/$fn" | wc -l) inputs in $pkg/testdata/fuzz/$fn"
done
