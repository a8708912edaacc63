#!/usr/bin/env bash
# Issue #10's test against a real Slurm, on this one machine.
#
#   sudo bash scripts/slurm-test.sh
#
# As root, it installs Debian's slurm-wlm and munge when missing, starts its
# own munged, slurmctld and slurmd (no systemd: everything lives in a
# temporary directory, the daemons read a generated slurm.conf through
# SLURM_CONF and listen on ports of their own), and stops exactly those
# processes at the end, also on failure. Then:
#
#  1. same bits: a small study submitted with "hebbrnn sweep slurm --submit"
#     (in two arrays: slurm.conf's MaxArraySize is 4) gives the same
#     results.csv (times aside) and the same weights, run by run, as the
#     same study run with "hebbrnn sweep run";
#  2. a fault: one array task of a longer study is cancelled mid-run
#     (scancel: Slurm sends SIGTERM), "sweep status" shows its run
#     interrupted, "sweep slurm --submit" again sends only that index, and
#     the results equal those of an uninterrupted "sweep run".
#
# Without root it says so and exits 0 (CI runs as root). It takes about a
# minute on 2 cores; every wait is bounded and prints the logs when it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
	echo "skipped: the real-Slurm test starts munged, slurmctld and slurmd, which needs root (CI runs as root)"
	exit 0
fi

need=()
command -v slurmctld >/dev/null || need+=(slurm-wlm)
command -v munged >/dev/null || need+=(munge)
[ -x /usr/bin/python3 ] || need+=(python3)
if ((${#need[@]})); then
	echo "installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

SECONDS=0 # the test proper has 4 minutes (budget, in every wait loop)
tmp=$(mktemp -d)
daemons=() # pids of the daemons this script started, in start order
cleanup() {
	local rc=$? pid i
	trap - EXIT
	# Cancel what still runs on our private cluster, so that no slurmstepd
	# outlives slurmd, then stop our daemons, last started first.
	if ((${#daemons[@]} >= 2)) && kill -0 "${daemons[1]}" 2>/dev/null; then
		local jobs
		jobs=$(squeue -h -o %A 2>/dev/null || true)
		if [ -n "$jobs" ]; then
			# shellcheck disable=SC2086
			scancel $jobs 2>/dev/null || true
			for ((i = 0; i < 30; i++)); do
				[ -z "$(squeue -h -o %A 2>/dev/null)" ] && break
				sleep 0.5
			done
		fi
	fi
	for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do
		pid=${daemons[i]}
		kill "$pid" 2>/dev/null || true
		for ((t = 0; t < 50; t++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
# bash runs no EXIT trap when a signal kills it: exit instead, which does.
trap 'exit 130' INT
trap 'exit 143' TERM HUP

logs() {
	for f in "$tmp"/log/*.log; do
		echo "--- $f (last 40 lines)"
		tail -n 40 "$f"
	done
	echo "--- squeue"
	squeue 2>&1 || true
}

fail() {
	echo "FAIL: $*"
	logs
	exit 1
}

budget() { ((SECONDS < 240)) || fail "over the test's 4 minutes (at: $*)"; }

# --- munged, slurmctld, slurmd -------------------------------------------
mkdir -p "$tmp/munge" "$tmp/log" "$tmp/state" "$tmp/spool" "$tmp/bin" "$tmp/studies"
chmod 0700 "$tmp/munge"
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 0400 "$tmp/munge/munge.key"
socket="$tmp/munge/munge.socket"
munged -F --force --key-file "$tmp/munge/munge.key" --socket "$socket" \
	--pid-file "$tmp/munge/munged.pid" --log-file "$tmp/log/munged.log" \
	--seed-file "$tmp/munge/munged.seed" >"$tmp/log/munged.stderr.log" 2>&1 &
daemons+=($!)
for ((i = 0; i < 50; i++)); do
	[ -S "$socket" ] && break
	kill -0 "${daemons[0]}" 2>/dev/null || fail "munged exited"
	sleep 0.2
	budget "munged"
done
[ -S "$socket" ] || fail "munged's socket did not appear within 10 s"

host=$(hostname -s)
# Ports of our own (not the defaults), so that a Slurm already on this
# machine is neither reached nor disturbed.
port=$((20000 + $$ % 20000))
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=hebbrnntest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
KillWait=10
# Small, so that study 1 (6 runs) goes in two arrays, the second with an offset.
MaxArraySize=4
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -f "$SLURM_CONF" >"$tmp/log/slurmctld.stderr.log" 2>&1 &
daemons+=($!)
slurmd -D -f "$SLURM_CONF" >"$tmp/log/slurmd.stderr.log" 2>&1 &
daemons+=($!)

for ((i = 0; i < 120; i++)); do
	state=$(sinfo -h -o %T 2>/dev/null || true)
	[ "$state" = idle ] && break
	kill -0 "${daemons[1]}" 2>/dev/null || fail "slurmctld exited"
	kill -0 "${daemons[2]}" 2>/dev/null || fail "slurmd exited"
	sleep 0.5
	budget "waiting for the node"
done
[ "$state" = idle ] || fail "the node is not idle after 60 s (sinfo: ${state:-nothing})"
echo "slurm: $(sinfo -h -o '%N %T %c CPUs' 2>&1), $(sbatch --version)"

# --- the studies ---------------------------------------------------------
# The sbatch script runs the binary that "sweep slurm" ran: build it here.
go build -o "$tmp/bin/hebbrnn" ./cmd/hebbrnn
export PATH="$tmp/bin:$PATH"
cd "$tmp/studies"

# wait_done STUDY SECONDS: until no job runs and every run of STUDY is done.
wait_done() {
	local i last n
	for ((i = 0; i < $2 * 2; i++)); do
		last=$(hebbrnn sweep status --dir "$1" | tail -n 1)
		if [ -z "$(squeue -h -o %A)" ]; then
			n=$(($(wc -l <"$1/runs.tsv") - 1))
			[ "$last" = "$n runs: $n done, 0 running, 0 interrupted, 0 failed, 0 pending" ] && return 0
			hebbrnn sweep status --dir "$1"
			cat "$1"/slurm/*.out 2>/dev/null || true
			fail "$1: no job left in squeue, but not every run is done"
		fi
		sleep 0.5
		budget "waiting for $1"
	done
	hebbrnn sweep status --dir "$1"
	fail "$1: not done after $2 s"
}

# same STUDY_A STUDY_B [N]: results.csv equal but for the seconds column,
# every run's arrays (model.npz) byte for byte, and its log.jsonl but for
# the times and at most N more lines in STUDY_A (evaluations logged where an
# interrupted run stopped).
same() {
	/usr/bin/python3 - "$1" "$2" "${3:-0}" <<'EOF' || fail "$1 and $2 differ"
import csv, json, os, sys, zipfile
a, b, interruptions = sys.argv[1], sys.argv[2], int(sys.argv[3])
def rows(d):
    with open(os.path.join(d, "results.csv"), newline="") as f:
        return [{k: v for k, v in r.items() if k != "seconds"} for r in csv.DictReader(f)]
ra, rb = rows(a), rows(b)
if ra != rb:
    for x, y in zip(ra, rb):
        if x != y:
            print("results.csv:", x, "!=", y)
    sys.exit("results.csv differ")
if any(r["status"] != "done" for r in ra):
    sys.exit("not every run is done")
for r in ra:
    i = r["index"]
    za = zipfile.ZipFile(os.path.join(a, "runs", i, "model.npz"))
    zb = zipfile.ZipFile(os.path.join(b, "runs", i, "model.npz"))
    arrays = [n for n in za.namelist() if n.endswith(".npy")]
    if "J.npy" not in arrays or arrays != [n for n in zb.namelist() if n.endswith(".npy")]:
        sys.exit(f"run {i}: arrays {arrays} differ")
    for n in arrays:
        if za.read(n) != zb.read(n):
            sys.exit(f"run {i}: {n} differs")
    # An interrupted run logs one more evaluation, where it stopped and
    # saved, and the weight-change statistics of the next evaluation
    # (meanAbsDJ, pctClipped: averages since the last evaluation) cover
    # only the passes since the resumption; all else equals the
    # uninterrupted run's log (times aside).
    def log(d):
        with open(os.path.join(d, "runs", i, "log.jsonl")) as f:
            return {e["pass"]: e for e in ({k: v for k, v in json.loads(l).items() if k != "elapsedSec"} for l in f)}
    la, lb = log(a), log(b)
    extra = set(la) - set(lb)
    if not set(lb) <= set(la) or len(extra) > interruptions:
        sys.exit(f"run {i}: log.jsonl: passes {sorted(set(la) ^ set(lb))} are logged in one study only")
    after = {min((q for q in lb if q > p), default=None) for p in extra}
    for p in lb:
        diff = {k for k in set(la[p]) | set(lb[p]) if la[p].get(k) != lb[p].get(k)}
        if diff and not (p in after and diff <= {"meanAbsDJ", "pctClipped"}):
            sys.exit(f"run {i}: log.jsonl differs at pass {p} in {sorted(diff)} (times aside)")
print(f"{len(ra)} runs: results.csv (but seconds), every weight array and log.jsonl (but times) identical")
EOF
}

echo
echo "== 1. same bits: a study on Slurm and under sweep run"
cat >small.json <<'EOF'
{"task": "co", "seeds": [1, 2], "grid": {"eta": [0.1, 0.3, 1.0]},
 "network": {"neurons": 40}, "options": {"evalEvery": 20}, "maxPasses": 300}
EOF
hebbrnn sweep plan --spec small.json --dir slurm1
hebbrnn sweep slurm --dir slurm1 --submit
# MaxArraySize=4: array tasks 0-3, then 4-5 as indices 0-1 with offset 4.
[ "$(cut -f2,3 slurm1/slurm/jobs.tsv | tr '\t\n' ' ;')" = "0 0-3;4 0-1;" ] ||
	fail "study 1 was not split in two arrays at MaxArraySize 4: $(cat slurm1/slurm/jobs.tsv)"
wait_done slurm1 90
hebbrnn sweep collect --dir slurm1 --complete
hebbrnn sweep plan --spec small.json --dir local1
hebbrnn sweep run --dir local1 -j 2 2>/dev/null
hebbrnn sweep collect --dir local1 --complete
same slurm1 local1

echo
echo "== 2. a fault: scancel one array task mid-run, resubmit"
# No tolerance: each run trains all its passes (some seconds).
cat >long.json <<'EOF'
{"task": "co", "seeds": [1, 2], "network": {"neurons": 40},
 "options": {"evalEvery": 200, "tolerance": 0}, "maxPasses": 30000}
EOF
hebbrnn sweep plan --spec long.json --dir slurm2
hebbrnn sweep slurm --dir slurm2 --submit
job=$(cut -f1 slurm2/slurm/jobs.tsv)
# Submitted again while Slurm holds both tasks (queued or running): nothing.
again=$(hebbrnn sweep slurm --dir slurm2 --submit)
echo "$again"
[[ $again == *"nothing to submit"* ]] && [ "$(wc -l <slurm2/slurm/jobs.tsv)" = 1 ] ||
	fail "a second submission while both tasks are in Slurm sent: $(cat slurm2/slurm/jobs.tsv)"
# Wait until run 1 (array task 1) has trained and logged a while.
logged() { cat slurm2/runs/1/log.jsonl 2>/dev/null | wc -l; }
for ((i = 0; i < 120; i++)); do
	[ "$(logged)" -ge 3 ] && break
	sleep 0.5
	budget "waiting for array task 1"
done
[ "$(logged)" -ge 3 ] || fail "array task 1 did not start training within 60 s"
scancel "${job}_1"
for ((i = 0; i < 60; i++)); do
	squeue -h -j "${job}_1" -o %A 2>/dev/null | grep -q . || break
	sleep 0.5
	budget "waiting for the cancelled task to end"
done
status=$(hebbrnn sweep status --dir slurm2)
echo "$status"
echo "$status" | awk -F'\t' '$1 == 1 { found = 1; if ($NF != "interrupted") exit 1 } END { exit !found }' ||
	fail "run 1 is not shown interrupted after scancel"
# Slurm's SIGTERM let the run save and record itself interrupted (a kill
# would have left "running" in run.json, which status also reads as
# interrupted once squeue no longer lists the job).
grep -q '"state": "interrupted"' slurm2/runs/1/run.json ||
	fail "run 1 did not record its interruption: $(cat slurm2/runs/1/run.json)"
passes=$(tail -n 1 slurm2/runs/1/log.jsonl | sed 's/^{"pass":\([0-9]*\).*/\1/')
[ "$passes" -lt 30000 ] || fail "run 1 had finished (pass $passes) before scancel: nothing was interrupted"
echo "run 1 interrupted at pass $passes of 30000"
hebbrnn sweep slurm --dir slurm2 --submit
array=$(tail -n 1 slurm2/slurm/jobs.tsv | cut -f3)
[ "$(wc -l <slurm2/slurm/jobs.tsv)" = 2 ] && [ "$array" = 1 ] ||
	fail "the resubmission sent --array=$array, not only the interrupted index 1: $(cat slurm2/slurm/jobs.tsv)"
wait_done slurm2 120
hebbrnn sweep collect --dir slurm2 --complete
hebbrnn sweep plan --spec long.json --dir local2
hebbrnn sweep run --dir local2 -j 2 2>/dev/null
hebbrnn sweep collect --dir local2 --complete
same slurm2 local2 1

echo
echo "slurm test: ok"
