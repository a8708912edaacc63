package rnn

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// team runs one function on several goroutines at once, as often as once
// per time step: the workers spin briefly between calls (a step lasts a
// few microseconds, far less than waking a sleeping goroutine) and sleep
// when no work comes. The caller is worker 0.
//
// Each worker owns a fixed block of units (rows of J) while the number of
// workers stays the same, so its part of J stays in its own core's cache.
// Results never depend on the number of workers: every row is computed by
// the same code whatever block it is in, and sums across blocks are
// combined in a fixed order. That is what lets setActive change the number
// of workers between calls: the team starts the most workers it may use,
// and those beyond the active count sleep. It also lets the caller, once
// its own block is done, run the block of a worker that has not started
// its part of the call (whose thread the operating system has not
// scheduled, when another process keeps its core busy) instead of waiting
// for it: each worker's block of a call is claimed once, by the worker or
// by the caller, and f(w) computes the same rows whoever calls it.
type team struct {
	n      int   // active workers: run calls f(0)..f(n-1)
	most   int   // workers started: n can be raised up to most
	bounds []int // worker w owns units bounds[w]..bounds[w+1]-1
	units  int

	work      func(w int)
	gen       atomic.Int64   // generation: incremented to start a call
	claim     []atomic.Int64 // per worker: the latest generation whose block was taken (by the worker or the caller)
	done      atomic.Int64   // workers (other than 0) finished with the call
	active    atomic.Int64   // n, for the workers
	activeGen atomic.Int64   // the generation at the latest setActive
	parked    atomic.Int64
	waiting   atomic.Bool // the caller sleeps until the workers are done
	stop      atomic.Bool
	mu        sync.Mutex
	cond      *sync.Cond // workers sleep on it (new call, new active count)
	doneCond  *sync.Cond // the caller sleeps on it

	// stats are the caller's measures of the workers since the last
	// takeStats.
	stats teamStats
}

// teamStats measure how well a team's workers keep up: Wait is the time
// the caller spent waiting for them beyond its brief spin (the slow waits
// only: timing every call would cost more than it measures), Calls the
// calls on more than one worker, Steals the calls in which the caller ran
// the block of a worker that had not started.
type teamStats struct {
	Wait          time.Duration
	Calls, Steals int
}

// rowAlign is the granularity of the blocks of units. It is a multiple of
// every row blocking of the kernels, so that no kernel treats a row
// differently because of the block it is in.
const rowAlign = 16

// spinYield is the number of spins a waiting worker (or the caller) makes
// before it starts yielding its thread now and then. A step's wait is well
// under a microsecond when every worker has a core of its own, and a call
// into the scheduler costs about as much, so yielding from the first spin
// (as this team first did) spent a tenth of a two-thread learning trial in
// the scheduler; the yields stay for when workers share cores.
const spinYield = 4096

// spinPark is the number of spins after which a waiting worker or caller
// sleeps (on a condition variable, which parks the goroutine and frees its
// thread): some tens of microseconds, ten steps' worth, so that a partner
// whose thread the operating system has descheduled gets the core back
// instead of watching this one spin through its time slice.
const spinPark = 1 << 14

// newTeam splits units into n blocks (n ≥ 1; fewer if there are too few
// units) and starts the workers. When the blocks of rowAlign units do not
// divide evenly, the first workers get one more: worker 0 is the caller,
// whose half of a step was measured to run faster per row than a woken
// worker's (DNMS, N = 200, two threads: 112 and 88 rows take about as long
// as each other, 96 and 104 did not).
func newTeam(n, units int) *team {
	blocks := alignedBlocks(units)
	n = max(1, min(n, blocks))
	t := &team{most: n, units: units, claim: make([]atomic.Int64, n)}
	t.cond = sync.NewCond(&t.mu)
	t.doneCond = sync.NewCond(&t.mu)
	t.split(n)
	t.active.Store(int64(n))
	for w := 1; w < n; w++ {
		go t.worker(w)
	}
	return t
}

// alignedBlocks returns the number of blocks of rowAlign rows that hold
// units rows, the last possibly short.
func alignedBlocks(units int) int { return (units + rowAlign - 1) / rowAlign }

// firstBlock returns the first of the blocks that part w of n takes when
// blocks blocks are split as evenly as they go, the first parts taking one
// more when n does not divide them (part n's first block is blocks).
func firstBlock(blocks, n, w int) int { return (blocks*w + n - 1) / n }

// split sets the active count to n and re-splits the units into n parts
// of whole blocks.
func (t *team) split(n int) {
	blocks := alignedBlocks(t.units)
	t.n = n
	t.bounds = t.bounds[:0]
	for w := 0; w <= n; w++ {
		t.bounds = append(t.bounds, min(t.units, firstBlock(blocks, n, w)*rowAlign))
	}
}

// setActive makes the next calls run on n workers (clamped to 1..most).
// It must not be called during run; results do not depend on it.
func (t *team) setActive(n int) {
	n = max(1, min(n, t.most))
	if n == t.n {
		return
	}
	t.split(n)
	t.mu.Lock()
	t.activeGen.Store(t.gen.Load())
	t.active.Store(int64(n))
	t.cond.Broadcast()
	t.mu.Unlock()
}

// rows returns the block of worker w.
func (t *team) rows(w int) (lo, hi int) { return t.bounds[w], t.bounds[w+1] }

// idle reports whether worker w is beyond the active count.
func (t *team) idle(w int) bool { return int64(w) >= t.active.Load() && !t.stop.Load() }

func (t *team) worker(w int) {
	seen := int64(0)
	for {
		// g is the call this worker saw start; it takes its block of that
		// call, not of a later one (which it may be idle in).
		var g int64
		for spins := 0; ; spins++ {
			if g = t.gen.Load(); g != seen && !t.idle(w) {
				break
			}
			if t.idle(w) {
				// Sleep until the team grows again; the calls made
				// meanwhile were not this worker's.
				t.mu.Lock()
				for t.idle(w) {
					t.cond.Wait()
				}
				seen = t.activeGen.Load()
				t.mu.Unlock()
				spins = 0
				continue
			}
			switch {
			case spins < spinPark:
				if spins >= spinYield && spins%64 == 63 {
					runtime.Gosched()
				}
			default:
				t.mu.Lock()
				t.parked.Add(1)
				for t.gen.Load() == seen && !t.idle(w) {
					t.cond.Wait()
				}
				t.parked.Add(-1)
				t.mu.Unlock()
			}
		}
		seen = g
		if t.stop.Load() {
			return
		}
		if t.take(w, g) {
			t.work(w)
			t.finished()
		}
	}
}

// take claims the block of worker w in call g; it fails when the block
// was taken already. A block is taken only while its call runs: the call
// ends only once every active block is taken, and the blocks of the idle
// workers are marked taken before the call starts (claim[w] ≥ g for every
// w), so a stale g fails, and so does an idle worker that saw the call
// start but read the active count of a later one.
func (t *team) take(w int, g int64) bool {
	old := t.claim[w].Load()
	return old < g && t.claim[w].CompareAndSwap(old, g)
}

// finished counts a worker done with the call and wakes the caller if it
// sleeps. The caller sets waiting before it checks done, under mu, so
// either it sees this count or this sees waiting.
func (t *team) finished() {
	t.done.Add(1)
	if t.waiting.Load() {
		t.mu.Lock()
		t.doneCond.Signal()
		t.mu.Unlock()
	}
}

// run calls f(w) for every active worker w at once and returns when all
// are done.
func (t *team) run(f func(w int)) {
	if t.n == 1 {
		f(0)
		return
	}
	t.work = f
	t.done.Store(0)
	g := t.gen.Load() + 1 // only the caller starts calls
	for w := t.n; w < t.most; w++ {
		t.claim[w].Store(g) // idle in this call: nobody may take its block
	}
	t.gen.Store(g)
	if t.parked.Load() > 0 {
		t.mu.Lock()
		t.cond.Broadcast()
		t.mu.Unlock()
	}
	f(0)
	want := int64(t.n - 1)
	t.stats.Calls++
	for w := 1; w < t.n; w++ {
		if t.take(w, g) {
			f(w) // not started by its worker: run it here
			want--
		}
	}
	if want < int64(t.n-1) {
		t.stats.Steals++
	}
	if t.done.Load() == want {
		return
	}
	var start time.Time
	for spins := 0; t.done.Load() != want; spins++ {
		switch {
		case spins < spinYield:
		case spins == spinYield:
			start = time.Now()
		case spins < spinPark:
			if spins%64 == 63 {
				runtime.Gosched()
			}
		default:
			t.mu.Lock()
			t.waiting.Store(true)
			for t.done.Load() != want {
				t.doneCond.Wait()
			}
			t.waiting.Store(false)
			t.mu.Unlock()
		}
	}
	if !start.IsZero() {
		t.stats.Wait += time.Since(start)
	}
}

// takeStats returns the stats since the last call and clears them.
func (t *team) takeStats() teamStats {
	s := t.stats
	t.stats = teamStats{}
	return s
}

// close stops the workers (they return when they next look).
func (t *team) close() {
	t.stop.Store(true)
	t.mu.Lock()
	t.gen.Add(1)
	t.cond.Broadcast()
	t.mu.Unlock()
}
