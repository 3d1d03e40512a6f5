#!/usr/bin/env bash
# Runs bench/compare (driver against the x/tools checker, intact and with
# one package made not to compile) over std, cmd and every module given,
# under a timeout each, and prints one line per run. Modules: the
# arguments, or every directory with a go.mod under $CORPUS (default
# /work/corpus/src), each a writable copy with its dependencies downloaded.
#
#   bench/compare.sh                      # std, cmd, the corpus
#   bench/compare.sh ~/src/mymodule
set -uo pipefail
cd "$(dirname "$0")/.."
go build -o "${TMPDIR:-/tmp}/rtlint-compare" ./bench/compare || exit 1
bin="${TMPDIR:-/tmp}/rtlint-compare"
targets=("$(go env GOROOT)/src:std" "$(go env GOROOT)/src:cmd/...")
if [ $# -gt 0 ]; then
	for d in "$@"; do targets+=("$d:./..."); done
else
	for m in "${CORPUS:-/work/corpus/src}"/*/go.mod; do targets+=("$(dirname "$m"):./..."); done
fi
fail=0
for t in "${targets[@]}"; do
	dir=${t%%:*} pattern=${t#*:}
	for mode in intact -break; do
		args=("$pattern")
		[ "$mode" = -break ] && args=(-break "$pattern")
		start=$(date +%s)
		out=$(cd "$dir" && timeout "${TIMEOUT:-3600}" "$bin" "${args[@]}" 2>&1)
		code=$?
		end=$(date +%s)
		summary=$(echo "$out" | grep -E '^(driver|checker|broken):' | tr '\n' ';')
		verdict=$(echo "$out" | tail -1)
		[ $code = 124 ] && verdict="TIMEOUT (hang?)"
		echo "$(basename "$dir") $pattern $mode: exit $code, $((end - start)) s: $verdict | $summary"
		if [ $code != 0 ]; then
			fail=1
			echo "$out" | grep -vE '^(driver|checker|broken):' | head -20 | sed 's/^/    /'
		fi
	done
done
exit $fail
