package rnn

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// team runs one function on several goroutines at once, as often as once
// per time step: the workers spin briefly between calls (a step lasts a
// few microseconds, far less than waking a sleeping goroutine) and sleep
// when no work comes. The caller is worker 0.
//
// Each worker owns a fixed block of units (rows of J) for the whole run,
// so its part of J stays in its own core's cache. Results never depend on
// the number of workers: every row is computed by the same code whatever
// block it is in, and sums across blocks are combined in a fixed order.
type team struct {
	n      int
	bounds []int // worker w owns units bounds[w]..bounds[w+1]-1

	work   func(w int)
	gen    atomic.Int64 // generation: incremented to start a call
	done   atomic.Int64 // workers (other than 0) finished with the call
	parked atomic.Int64
	stop   atomic.Bool
	mu     sync.Mutex
	cond   *sync.Cond
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

// newTeam splits units into n blocks (n ≥ 1; fewer if there are too few
// units) and starts the workers. When the blocks of rowAlign units do not
// divide evenly, the first workers get one more: worker 0 is the caller,
// whose half of a step was measured to run faster per row than a woken
// worker's (DNMS, N = 200, two threads: 112 and 88 rows take about as long
// as each other, 96 and 104 did not).
func newTeam(n, units int) *team {
	blocks := (units + rowAlign - 1) / rowAlign
	n = max(1, min(n, blocks))
	t := &team{n: n}
	t.cond = sync.NewCond(&t.mu)
	for w := 0; w <= n; w++ {
		t.bounds = append(t.bounds, min(units, ((blocks*w+n-1)/n)*rowAlign))
	}
	for w := 1; w < n; w++ {
		go t.worker(w)
	}
	return t
}

// rows returns the block of worker w.
func (t *team) rows(w int) (lo, hi int) { return t.bounds[w], t.bounds[w+1] }

func (t *team) worker(w int) {
	seen := int64(0)
	for {
		for spins := 0; t.gen.Load() == seen; spins++ {
			switch {
			case spins < 1<<14:
				if spins >= spinYield && spins%64 == 63 {
					runtime.Gosched()
				}
			default:
				t.mu.Lock()
				t.parked.Add(1)
				for t.gen.Load() == seen {
					t.cond.Wait()
				}
				t.parked.Add(-1)
				t.mu.Unlock()
			}
		}
		seen = t.gen.Load()
		if t.stop.Load() {
			t.done.Add(1)
			return
		}
		t.work(w)
		t.done.Add(1)
	}
}

// run calls f(w) for every worker w at once and returns when all are done.
func (t *team) run(f func(w int)) {
	if t.n == 1 {
		f(0)
		return
	}
	t.work = f
	t.done.Store(0)
	t.gen.Add(1)
	if t.parked.Load() > 0 {
		t.mu.Lock()
		t.cond.Broadcast()
		t.mu.Unlock()
	}
	f(0)
	for spins := 0; t.done.Load() != int64(t.n-1); spins++ {
		if spins >= spinYield && spins%64 == 63 {
			runtime.Gosched()
		}
	}
}

// close stops the workers.
func (t *team) close() {
	if t.n == 1 {
		return
	}
	t.stop.Store(true)
	t.run(func(int) {})
}
