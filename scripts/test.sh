#!/usr/bin/env bash
# The whole test suite: what CI runs, and what a developer runs before a
# commit. It installs what the tests need (Debian packages, staticcheck)
# when missing.
#
#   bash scripts/test.sh          # everything (about 10 minutes on 2 cores)
#   QUICK=1 bash scripts/test.sh  # skip Slurm, emulation, cross-builds and fuzzing
#   FUZZCOUNT=1000000 bash scripts/test.sh  # fuzz each target longer
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# --- what the tests need -------------------------------------------------
need=()
command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
/usr/bin/python3 -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
/usr/bin/python3 -c 'import scipy.io' 2>/dev/null || need+=(python3-scipy)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
if ((${#need[@]})); then
	step "installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- static checks -------------------------------------------------------
step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted"
	exit 1
fi

step "go vet (amd64, arm64, purego)"
GOARCH=amd64 go vet ./...
GOARCH=arm64 go vet ./...
go vet -tags purego ./...
(cd bench/compare && go vet ./...)

step "no (FP) operand inside a #define in kernel/*.s, kernel/*.h"
# go vet's asmdecl check reads TEXT bodies, not macro bodies: a wrong
# argument offset inside a #define would pass it. So arguments are loaded
# in the TEXT body and handed to the macros in registers or as macro
# arguments. A #define runs from its line through the lines that end in \.
shopt -s nullglob
asmfiles=(kernel/*.s kernel/*.h)
shopt -u nullglob
awk '
FNR == 1 { indef = 0 }
/^[ \t]*#[ \t]*define[ \t]/ { indef = 1 }
indef {
	line = $0
	gsub(/\/\*[^*]*\*+([^\/*][^*]*\*+)*\//, "", line) # /* comments */
	if (line ~ /\(FP\)/) {
		printf "%s:%d: (FP) operand inside a #define: load it in the TEXT body and pass it to the macro\n", FILENAME, FNR
		bad = 1
	}
	if ($0 !~ /\\[ \t]*$/) indef = 0
}
END { exit bad }' "${asmfiles[@]}"

step "staticcheck (amd64, arm64, purego)"
# Pinned; installed into GOPATH/bin when missing or another version.
staticcheck_version=0.8.2 # staticcheck 2026.2.2, for Go 1.26
staticcheck="$(go env GOPATH | cut -d: -f1)/bin/staticcheck"
if ! "$staticcheck" -version 2>/dev/null | grep -qF "($staticcheck_version)"; then
	GOBIN="$(dirname "$staticcheck")" go install "honnef.co/go/tools/cmd/staticcheck@v$staticcheck_version"
fi
GOARCH=amd64 "$staticcheck" ./...
GOARCH=arm64 "$staticcheck" ./...
"$staticcheck" -tags purego ./...
(cd bench/compare && "$staticcheck" ./...)

if [ -z "${QUICK:-}" ]; then
	step "cross-builds, with and without purego"
	for target in linux/amd64 linux/arm64 linux/386 linux/riscv64 js/wasm wasip1/wasm; do
		for tags in "" purego; do
			GOOS=${target%/*} GOARCH=${target#*/} go build -tags "$tags" ./... || {
				echo "build failed: $target tags=$tags"
				exit 1
			}
		done
	done
	echo "ok"
fi

# --- tests ---------------------------------------------------------------
step "go test ./... (every kernel tier this CPU has)"
go test -count=1 ./...

step "kernel tiers"
# One line per assembly tier this CPU cannot run (AVX-512 needs a machine
# that has it: no emulator here runs it), so that none passes silently.
missing=$(go test -count=1 -run '^TestMissingTiers$' -v ./kernel/ | sed -n 's/^ *kernel_test.go:[0-9]*: //p')
echo "tested: $(go run ./cmd/hebbrnn info 2>/dev/null | sed -n 's/^kernels *//p')"
if [ -n "$missing" ]; then echo "SKIPPED: $missing"; fi

step "AVX2 tier forced at run time (GODEBUG=cpu.avx512f=off)"
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
	GODEBUG=cpu.avx512f=off go test -count=1 ./kernel/ ./mat/ ./rnn/ ./linalg/ ./analysis/
else
	echo "skipped: this CPU has no AVX-512, so the run above already used the AVX2 tier"
fi

step "generic kernels forced at run time (GODEBUG=cpu.avx2=off)"
GODEBUG=cpu.avx2=off,cpu.fma=off go test -count=1 ./kernel/ ./mat/ ./rnn/ ./linalg/ ./analysis/

step "pure-Go build (-tags purego)"
go test -count=1 -tags purego ./kernel/ ./mat/ ./rnn/ ./linalg/ ./analysis/

step "checkptr"
go test -count=1 -gcflags=all=-d=checkptr ./kernel/ ./mat/ ./rnn/

step "race detector"
go test -count=1 -race ./rnn/

step "a real Slurm: sweep slurm against our own slurmctld and slurmd"
if [ -n "${QUICK:-}" ]; then
	echo "skipped: QUICK=1"
else
	bash scripts/slurm-test.sh
fi

if [ -z "${QUICK:-}" ]; then
	step "arm64 under qemu-aarch64 (NEON and generic)"
	GOARCH=arm64 go test -count=1 -short -exec qemu-aarch64 ./kernel/ ./internal/limits/ ./mat/ ./rnn/ ./internal/npy/ ./internal/matfile/ ./linalg/ ./analysis/

	step "fuzzing, ${FUZZCOUNT:-20000} inputs per target"
	for pkg in $(go list ./...); do
		dir=$(go list -f '{{.Dir}}' "$pkg")
		for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
			# A count, not a duration: with a duration Go 1.26's fuzzing
			# coordinator can fail a target with "context deadline exceeded"
			# when a loaded machine delays a worker (go.dev/issue/75804).
			go test -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZCOUNT:-20000}x" "$pkg" >/tmp/hebbrnn-fuzz.log 2>&1 || {
				cat /tmp/hebbrnn-fuzz.log
				echo "fuzz target $target of $pkg failed"
				exit 1
			}
			echo "$pkg $target: ok"
		done
	done
fi

step "all tests passed"
