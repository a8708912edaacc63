package rnn

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hebbrnn/hebbrnn/mat"
)

// The eligibility of a hebbian trial is E = D3ᵀ·R3 over the steps from
// EligibilityFrom (learn.go). It is summed in blocks of l.block steps, in
// block order, each block a rank-l.block update E += D3[b]ᵀ·R3[b] by
// GemmTN with alpha = 1. GemmTN's result for an element does not depend on
// which rows of E a call covers (every element is its own chain of
// multiply-adds, added to E once), so E has the same bits however the
// rows are split among workers and whichever worker adds a block, as long
// as every row receives the same blocks in the same order. Both schemes
// below, on any number of workers, do exactly that.

// scheme is the way a hebbian trial spreads over the team.
type scheme int

const (
	// schemeRows splits the units of every step among the workers, with a
	// barrier per step, and forms the product after the trial.
	schemeRows scheme = iota
	// schemeOverlap runs the whole chain of steps on worker 0, without a
	// barrier, while workers 1.. add each block of finished steps to E;
	// at the end all workers share the blocks left. A trial then costs
	// about the longer of the chain and the product instead of their sum
	// divided among the workers. It needs two workers or more.
	schemeOverlap
)

func (s scheme) String() string {
	if s == schemeOverlap {
		return "overlap"
	}
	return "rows"
}

// defaultBlock is the number of steps in a block of the product, chosen
// by measurement (BenchmarkTrialScheme; DNMS, T = 1000, an AVX-512 Xeon
// shared with other jobs). On one thread, and in the row scheme, blocks of
// 64, 128, 256 steps and one block of the whole trial took the same time
// within the noise at N = 200, 500 and 1000 (more passes over E, each from
// cache), when the row scheme formed the product after the trial; since it
// adds each block as soon as its steps are done and keeps the factors of
// that block only (learner.ringRows), a block is also what the row scheme
// keeps in cache beside J: 64 steps are 200 KB of factors at N = 200 in
// float64. In the overlap scheme at N = 200 on two threads, blocks of 64
// were 2–3% faster than 128 and 5–10% faster than 256: the last block,
// which only the end of the steps completes and which is the only product
// not overlapped with them, is shorter.
const defaultBlock = 64

// overlapRing is the number of blocks of factors the overlap scheme keeps
// (learner.ringRows): worker 0 reuses the rows of a block once every part
// of E has received it, adding the block itself to the parts that have not
// (freeBlock). The helpers are normally one block behind the steps.
const overlapRing = 4

// setScheme forces the scheme of the hebbian trials (the overlap scheme
// runs as the row scheme on a team of one). Without it the learner times
// its first trials in both schemes and keeps the faster (pickScheme).
func (l *learner[T]) setScheme(s scheme) {
	l.scheme, l.auto = s, false
}

// blocks returns the number of blocks of the product over l.prod.
func (l *learner[T]) blocks() int {
	return (l.prod.to - l.prod.from + l.block - 1) / l.block
}

// blockSteps returns the steps from..to-1 of block b of the product.
func (l *learner[T]) blockSteps(b int) (from, to int) {
	from = l.prod.from + b*l.block
	return from, min(from+l.block, l.prod.to)
}

// clearRows sets rows lo..hi-1 of E to zero.
func (l *learner[T]) clearRows(lo, hi int) {
	for i := lo; i < hi; i++ {
		clear(l.e.Row(i))
	}
}

// addBlock adds block b of the product to rows lo..hi-1 of E:
// E[lo:hi] += D3[b, lo:hi]ᵀ·R3[b, :].
func (l *learner[T]) addBlock(b, lo, hi int) {
	if lo == hi {
		return
	}
	from, to := l.blockSteps(b)
	row := l.factorRow(from)
	n := l.net.Units
	e, d3, r3 := part(l.e, lo, 0, hi-lo, n), part(l.d3, row, lo, to-from, hi-lo), part(l.r3, row, 0, to-from, n)
	e.AddMulTN(1, &d3, &r3)
}

// part is m.View(i, j, r, c) (r, c > 0) as a value, which stays on the
// stack: Dense.View's result is allocated on the heap, and a trial adds
// its blocks with no allocation.
func part[T Float](m *mat.Dense[T], i, j, r, c int) mat.Dense[T] {
	start := i*m.Stride + j
	return mat.Dense[T]{Rows: r, Cols: c, Stride: m.Stride, Data: m.Data[start : start+(r-1)*m.Stride+c]}
}

// overlapArgs is what worker 0 of an overlapped trial needs to run the
// steps: the condition, the source and the options of the trial.
type overlapArgs[T Float] struct {
	c   int
	src Source
	opt *Options
}

// trialOverlap runs the steps of a hebbian trial and forms its eligibility
// in the overlap scheme, in one call of the team (overlapRows).
func (l *learner[T]) trialOverlap(c int, src Source, opt *Options) {
	if l.partsFor != l.team.n {
		l.setParts()
	}
	l.ov = overlapArgs[T]{c, src, opt}
	l.chain.v.Store(0)
	for i := range l.parts {
		l.parts[i].next.Store(0)
	}
	l.team.run(l.overlapFn)
	l.ov = overlapArgs[T]{}
	if p := l.ovPanic; p != nil {
		l.ovPanic = nil
		panic(p)
	}
}

// chainAborted is the value of l.chain when the steps of an overlapped
// trial panicked: it ends every wait, and the helpers return.
const chainAborted = math.MaxInt64

// rowPart is a range of rows of E in the overlap scheme, and the next
// block to add to it: next = 2·b + 1 while a worker adds block b, 2·b
// when block b is the next to add. A worker claims a block of a part by
// compare-and-swap, so that every part receives every block once, in
// order, whoever adds it.
type rowPart struct {
	next   atomic.Int64
	lo, hi int
	helper int      // the helper whose rows these are
	aside  bool     // set aside for worker 0
	_      [32]byte // keep the counters of different parts on their own cache lines
}

// prefers reports whether worker w looks at part p first.
func (l *learner[T]) prefers(w int, p *rowPart) bool {
	if w == 0 {
		return p.aside
	}
	return p.helper == w
}

// setParts splits the rows of E among the helpers (workers 1..n-1), in
// blocks of rowAlign rows, the first helpers taking one more block when
// they do not divide evenly; and each helper's rows into two parts: the
// first for the helper, the second, a 1/n share, for worker 0 to take when
// it has run the steps.
func (l *learner[T]) setParts() {
	h, n := l.team.n-1, l.net.Units
	blocks := alignedBlocks(n)
	l.parts = make([]rowPart, 0, 2*h)
	for w := range h {
		b0, b1 := firstBlock(blocks, h, w), firstBlock(blocks, h, w+1)
		bounds := [3]int{b0, b0 + ((b1-b0)*h+h)/(h+1), b1} // the helper keeps ⌈h/(h+1)⌉ of its blocks
		for i := range 2 {
			if lo, hi := min(n, bounds[i]*rowAlign), min(n, bounds[i+1]*rowAlign); lo < hi {
				l.parts = append(l.parts, rowPart{lo: lo, hi: hi, helper: w + 1, aside: i == 1})
			}
		}
	}
	l.partsFor = l.team.n
}

// overlapRows is worker w's part of an overlapped trial. Worker 0 runs
// every step on all units, publishing the number of finished steps in
// l.chain at the end of every block, then joins the helpers (addBlocks).
// Helper w (w ≥ 1) adds every block of its rows of E as soon as its steps
// are finished; when the steps are all done, every worker adds the
// blocks that remain to any part.
func (l *learner[T]) overlapRows(w int) {
	if w > 0 {
		if l.blocks() == 0 {
			for i := range l.parts {
				if p := &l.parts[i]; p.helper == w {
					l.clearRows(p.lo, p.hi)
				}
			}
			return
		}
		l.addBlocks(w)
		return
	}
	defer func() {
		if r := recover(); r != nil {
			// A panic of the output function or the source: stop the
			// helpers and let the team's call end normally, so that the
			// team stays usable; trialOverlap passes the panic on.
			l.ovPanic = r
			l.chain.set(chainAborted)
		}
	}()
	a := &l.ov
	steps, from := l.data.steps, l.prod.from
	ring := l.ringRows / l.block
	for t := 0; t < steps; t++ {
		if t >= from && (t-from)%l.block == 0 {
			if b := (t - from) / l.block; b >= ring {
				l.freeBlock(b - ring)
			}
		}
		l.step(a.c, t, a.src, a.opt, nil)
		if done := t + 1; done == steps || (done > from && (done-from)%l.block == 0) {
			l.chain.set(int64(done))
		}
	}
	l.addBlocks(0)
}

// addBlocks adds blocks to parts of E for worker w until none is left
// for it. While the steps run, a helper takes the blocks of its own parts
// whose steps are finished, adding a block to both its parts in one
// product, and waits for the next block when there is none. Once the steps
// are done every worker takes a block of any part, one part at a time,
// first from the parts it prefers (a helper its own, worker 0 those set
// aside for it); a worker returns when every part is finished or busy with
// its last block.
func (l *learner[T]) addBlocks(w int) {
	nb, parts := l.blocks(), l.parts
	for {
		if l.chain.v.Load() == chainAborted {
			return
		}
		done := l.chain.v.Load() == int64(l.prod.to)
		wait := -1    // the end of the earliest block of w's parts not yet finished
		busy := false // another worker holds a part that has blocks after the one it adds
		claimed := false
		for k := range 2 * len(parts) {
			i, p := k%len(parts), &parts[k%len(parts)]
			if (k < len(parts)) != l.prefers(w, p) || (!done && p.helper != w) {
				continue
			}
			st := p.next.Load()
			b := int(st / 2)
			if b >= nb {
				continue
			}
			if st%2 == 1 {
				busy = busy || b < nb-1
				continue
			}
			if _, to := l.blockSteps(b); !done && l.chain.v.Load() < int64(to) {
				if wait < 0 {
					wait = to
				}
				continue
			}
			if !p.next.CompareAndSwap(st, st+1) {
				busy = true
				continue
			}
			j := i + 1
			for !done && j < len(parts) && parts[j].helper == w && parts[j].next.CompareAndSwap(st, st+1) {
				j++
			}
			if l.onBlock != nil {
				l.onBlock(w, b)
			}
			if b == 0 {
				l.clearRows(p.lo, parts[j-1].hi)
			}
			l.addBlock(b, p.lo, parts[j-1].hi)
			for q := i; q < j; q++ {
				parts[q].next.Store(st + 2)
			}
			claimed = true
			break
		}
		switch {
		case claimed:
		case wait >= 0:
			l.chain.wait(int64(wait))
		case busy:
			runtime.Gosched()
		default:
			return
		}
	}
}

// freeBlock returns when every part of E has received block k, so that
// worker 0 can write the next block's factors over it: it adds block k,
// and any before it, to the parts that have not claimed them (as any
// worker does once the steps are done), and waits for the parts whose
// helper is adding them.
func (l *learner[T]) freeBlock(k int) {
	for i := range l.parts {
		p := &l.parts[i]
		for {
			st := p.next.Load()
			if st >= int64(2*(k+1)) {
				break
			}
			if st%2 == 1 || !p.next.CompareAndSwap(st, st+1) {
				runtime.Gosched() // a helper is adding a block to this part
				continue
			}
			b := int(st / 2)
			if l.onBlock != nil {
				l.onBlock(0, b)
			}
			if b == 0 {
				l.clearRows(p.lo, p.hi)
			}
			l.addBlock(b, p.lo, p.hi)
			p.next.Store(st + 2)
		}
	}
}

// signal is a counter that goroutines wait on until it reaches a value:
// they spin briefly, then sleep until the counter is set again. A waiter
// of the overlap scheme waits for a whole block of steps, far longer than
// waking it takes, so it sleeps early and leaves its core to the chain.
type signal struct {
	v        atomic.Int64
	sleepers atomic.Int32
	mu       sync.Mutex
	cond     sync.Cond
	_        [64]byte // keep signals of different workers on their own cache lines
}

func newSignal() *signal {
	s := new(signal)
	s.init()
	return s
}

func (s *signal) init() { s.cond.L = &s.mu }

// set stores v and wakes the sleeping waiters.
func (s *signal) set(v int64) {
	s.v.Store(v)
	if s.sleepers.Load() > 0 {
		s.mu.Lock()
		s.cond.Broadcast()
		s.mu.Unlock()
	}
}

// signalSpins is the number of times a waiter checks the counter before it
// sleeps (a few microseconds).
const signalSpins = 2000

// wait returns when the counter is at least v.
func (s *signal) wait(v int64) {
	for spins := 0; spins < signalSpins; spins++ {
		if s.v.Load() >= v {
			return
		}
		if spins%256 == 255 {
			runtime.Gosched()
		}
	}
	s.mu.Lock()
	s.sleepers.Add(1)
	for s.v.Load() < v {
		s.cond.Wait()
	}
	s.sleepers.Add(-1)
	s.mu.Unlock()
}

// calibration is the measurement that chooses the scheme of a learner's
// hebbian trials on a team of several workers. Its trials are the
// training's own (both schemes give the same bits), so it costs nothing but
// the slower scheme's trials: the first runs in the overlap scheme and
// warms up (its time, which includes first touches of memory, counts as
// an upper bound); then the trials alternate between the row and the
// overlap scheme. As soon as one scheme took more than calibrationClear
// times the other's fastest trial, or after calibrationPairs pairs, the
// scheme with the fastest trial is kept. On a busy machine the row
// scheme's barrier at every step can make its trials several times slower
// (see BenchmarkTrialScheme), so that one of them decides.
type calibration struct {
	threads int              // the team size measured (0: none yet)
	trials  int              // trials run since the measurement began
	best    [2]time.Duration // fastest trial of each scheme (0: none yet)
	done    bool
}

const (
	calibrationPairs = 2
	calibrationClear = 1.3
)

// pickScheme returns the scheme of the coming hebbian trial, and whether
// the trial is to be timed for the calibration (then passed to measured).
func (l *learner[T]) pickScheme() (s scheme, timed bool) {
	if l.team.n == 1 {
		return schemeRows, false
	}
	if !l.auto {
		return l.scheme, false
	}
	k := &l.calib
	if k.threads != l.team.n {
		*k = calibration{threads: l.team.n}
	}
	if k.done {
		return l.scheme, false
	}
	k.trials++
	if k.trials%2 == 0 {
		return schemeRows, true
	}
	return schemeOverlap, true
}

// measured records the duration d of a timed trial of scheme s and
// chooses the scheme when the measurement is complete.
func (l *learner[T]) measured(s scheme, d time.Duration) {
	k := &l.calib
	if k.best[s] == 0 || d < k.best[s] {
		k.best[s] = d
	}
	rows, ov := float64(k.best[schemeRows]), float64(k.best[schemeOverlap])
	switch {
	case rows > calibrationClear*ov:
		l.scheme = schemeOverlap
	case k.trials < 3: // overlap has only the warm-up, an upper bound
		return
	case ov > calibrationClear*rows:
		l.scheme = schemeRows
	case s == schemeOverlap && (k.trials-1)/2 >= calibrationPairs:
		l.scheme = schemeRows
		if ov < rows {
			l.scheme = schemeOverlap
		}
	default:
		return
	}
	k.done = true
}
