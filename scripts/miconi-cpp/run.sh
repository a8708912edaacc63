#!/bin/bash
# Runs Miconi's own DNMS program (dnms/net.cpp of
# github.com/ThomasMiconi/BiologicallyPlausibleLearningRNN), unmodified and
# with the settings of its subsingle.sh (which are its defaults), for the
# given seeds, one after the other, each until its errs file holds LIMIT
# trials (default 3000); then criterion.py reads the trials to criterion.
# Needs g++ and Eigen 3 (Debian: libeigen3-dev).
#
#   bash scripts/miconi-cpp/run.sh CLONE WORKDIR SEED...
#   python3 scripts/miconi-cpp/criterion.py WORKDIR [LIMIT]
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: run.sh CLONE WORKDIR SEED... (CLONE: a clone of BiologicallyPlausibleLearningRNN)" >&2
  exit 2
fi
clone=$1 work=$2
shift 2
limit=${LIMIT:-3000}
mkdir -p "$work"
work=$(cd "$work" && pwd)
# -DNDEBUG drops Eigen's index checks (3.4x faster here, same numbers).
g++ -O3 -march=native -DNDEBUG -std=c++11 -I /usr/include/eigen3 "$clone/dnms/net.cpp" -o "$work/net"
for s in "$@"; do
  mkdir -p "$work/seed$s"
  cd "$work/seed$s"
  start=$(date +%s)
  "$work/net" RNGSEED "$s" > out.txt 2>&1 &
  pid=$!
  while kill -0 "$pid" 2> /dev/null; do
    sleep 5
    f=$(ls errs*.txt 2> /dev/null | head -1 || true)
    if [ -n "$f" ] && [ "$(grep -c . "$f")" -ge "$limit" ]; then
      kill "$pid"
      break
    fi
  done
  wait "$pid" 2> /dev/null || true
  echo "seed $s: $(($(date +%s) - start)) s" >> "$work/times.txt"
done
