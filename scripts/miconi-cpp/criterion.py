"""Trials to criterion of the runs of Miconi's DNMS program (run.sh).

For each WORKDIR/seedN/errs*.txt (one trial's error per line) holding at
least LIMIT trials, prints two counts over its first LIMIT trials:
  ours: the first trial (1-based) at which 95 of the last 100 had an
        error below 1 (hebbrnn's trialsToCriterion, the paper's text);
  his:  what his plotting script (dnms/ploterr_single.py) computes: the
        0-based index of the first trial at which more than 95 of the
        last 100 (so 96) had an error below 1.
Then the quartiles (R's type 7) of both over the runs, a run that never
reached it counting as later than all.
"""
import glob
import math
import os
import sys


def criterion(errs, need, zero_based):
    below = [1 if e < 1.0 else 0 for e in errs]
    hits = 0
    for i, b in enumerate(below):
        hits += b
        if i >= 100:
            hits -= below[i - 100]
        if i >= 99 and hits >= need:
            return i if zero_based else i + 1
    return math.inf


def quartiles(xs):
    xs = sorted(xs)
    out = []
    for q in (0.25, 0.5, 0.75):
        h = q * (len(xs) - 1)
        i = int(h)
        if i + 1 >= len(xs) or h == i:
            out.append(xs[i])
        elif math.isinf(xs[i + 1]):
            out.append(math.inf)
        else:
            out.append(xs[i] + (h - i) * (xs[i + 1] - xs[i]))
    return out


def main():
    work = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    ours, his = [], []
    dirs = glob.glob(os.path.join(work, "seed*"))
    for d in sorted(dirs, key=lambda d: int(os.path.basename(d)[4:])):
        files = glob.glob(os.path.join(d, "errs*.txt"))
        if not files:
            continue
        with open(files[0]) as f:
            errs = [float(l) for l in f if l.strip()]
        if len(errs) < limit:
            continue
        errs = errs[:limit]
        a, b = criterion(errs, 95, False), criterion(errs, 96, True)
        print("%s: ours %s, his script %s" % (os.path.basename(d), a, b))
        ours.append(a)
        his.append(b)
    if ours:
        print("%d runs of %d trials; quartiles, ours: %s; his script: %s" % (len(ours), limit, quartiles(ours), quartiles(his)))


main()
