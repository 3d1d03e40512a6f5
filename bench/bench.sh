#!/usr/bin/env bash
# Benchmarks rtlint against go vet and staticcheck v0.8.2, and prints the
# figures bench/RESULTS.md records:
#
#   1. timing: rtlint standalone, go vet -vettool=rtlint, plain go vet and
#      staticcheck on the same packages, alternating, warm build cache
#      (median of RUNS) and, with COLD=1, cold (one run from empty caches);
#      wall time, CPU time, peak RSS and the target ratios (bench/run);
#   2. cost: each analyzer's share of rtlint's analysis time, and the
#      shared passes' (bench/cost).
#
# Targets: the standard library and three concurrency-heavy modules
# (grpc, nats-server, etcd server), copied out of the module cache into
# $BENCH_DIR with their dependencies downloaded (the Go module proxy is
# needed the first time). Choose others with TARGETS="std grpc".
#
#   bench/bench.sh                       # warm, 3 runs, all targets
#   COLD=1 RUNS=5 TARGETS=grpc bench/bench.sh
#   TOOLS=rtlint,staticcheck-fresh TARGETS=std bench/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
RUNS=${RUNS:-3}
COLD=${COLD:-0}
TARGETS=${TARGETS:-std grpc nats etcd}
BENCH_DIR=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rtlint-bench}
mkdir -p "$BENCH_DIR/bin"

declare -A module=(
	[grpc]=google.golang.org/grpc@v1.85.0
	[nats]=github.com/nats-io/nats-server/v2@v2.15.2
	[etcd]=go.etcd.io/etcd/server/v3@v3.7.3
)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "go: $(go version)"

go build -o "$BENCH_DIR/bin/rtlint" ./cmd/rtlint
go build -o "$BENCH_DIR/bin/cost" ./bench/cost
go build -o "$BENCH_DIR/bin/run" ./bench/run
if ! "$BENCH_DIR/bin/staticcheck" -version 2>/dev/null | grep -q '(0.8.2)'; then
	GOBIN="$BENCH_DIR/bin" GOFLAGS=-mod=mod go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi
echo "staticcheck: $("$BENCH_DIR/bin/staticcheck" -version)"

# prepare NAME: a writable copy of the module with its dependencies, so that
# go vet and staticcheck (which refuse the read-only module cache) run on it.
prepare() {
	local name=$1 mv=${module[$1]} dir="$BENCH_DIR/$1"
	if [ ! -f "$dir/.ready" ]; then
		local src
		src=$(go mod download -json "$mv" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
		rm -rf "$dir" && cp -r "$src" "$dir" && chmod -R u+w "$dir"
		# Relative replace directives point into a repository we do not
		# have: drop them, so the required versions are used.
		(cd "$dir" && go mod edit -json | awk '
			/"Old"/ { old = 1 } /"New"/ { old = 0 }
			/"Path"/ { match($0, /"Path": "[^"]*"/); p = substr($0, RSTART + 9, RLENGTH - 10)
				if (old) o = p; else if (p ~ /^\./) print o }' |
			while read -r p; do go mod edit -dropreplace="$p"; done)
		(cd "$dir" && GOFLAGS=-mod=mod go mod download all && GOFLAGS=-mod=mod go list ./... >/dev/null)
		touch "$dir/.ready"
	fi
	echo "$dir"
}

args=()
for t in $TARGETS; do
	case $t in
	std) args+=("std=$(go env GOROOT)/src:std") ;;
	*)
		[ -n "${module[$t]:-}" ] || { echo "bench.sh: unknown target $t (std ${!module[*]})" >&2; exit 2; }
		args+=("$t=$(prepare "$t"):./...")
		;;
	esac
done

cold=()
[ "$COLD" = 1 ] && cold=(-cold)
tools=()
[ -n "${TOOLS:-}" ] && tools=(-tools "$TOOLS")
"$BENCH_DIR/bin/run" "${tools[@]}" -rtlint "$BENCH_DIR/bin/rtlint" -staticcheck "$BENCH_DIR/bin/staticcheck" -runs "$RUNS" "${cold[@]}" "${args[@]}"

echo "== per-analyzer cost (sequential, tests included)"
for a in "${args[@]}"; do
	name=${a%%=*} rest=${a#*=}
	echo "-- $name"
	(cd "${rest%%:*}" && "$BENCH_DIR/bin/cost" "${rest#*:}")
done
