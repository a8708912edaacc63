package rnn

import (
	"context"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestThreadsChangingBitIdentical trains with a thread count that a test
// hook changes at random from trial to trial (and so also between the
// evaluations, which run on the same team) and checks that weights,
// expected errors and reports equal those of a one-thread run.
func TestThreadsChangingBitIdentical(t *testing.T) {
	steps := 60
	c := smallConfig()
	c.Units = 71 // blocks of 16 units do not divide it
	c.Noise = 0.05
	train := func(threads int, hook func(int) int) (*Trainer[float64], []Progress) {
		opt := smallOptions(steps)
		opt.MaxPasses = 8
		opt.EvalEvery = 1
		tr, err := NewTrainer(newNet[float64](t, c, 8), smallTask(steps), opt, nil, 8)
		require.NoError(t, err)
		tr.Threads, tr.AdaptThreads, tr.threadHook = threads, hook != nil, hook
		var log []Progress
		tr.Observe = func(p Progress) error {
			p.Elapsed, p.Threads = 0, 0
			log = append(log, p)
			return nil
		}
		_, err = tr.Train(context.Background())
		require.NoError(t, err)
		tr.Close()
		return tr, log
	}
	ref, refLog := train(1, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[int]bool{}
	tr, log := train(3, func(int) int {
		n := 1 + rng.IntN(3)
		seen[n] = true
		return n
	})
	require.Len(t, seen, 3, "the hook chose every count")
	require.True(t, ref.Net.J.Equal(tr.Net.J), "J differs")
	require.Equal(t, ref.State.Expected, tr.State.Expected)
	require.Equal(t, refLog, log, "reports differ")
}

// TestRunThreadsChangingBitIdentical runs cleanly with a thread count that
// changes every block of steps and checks the trajectories against a
// one-thread run.
func TestRunThreadsChangingBitIdentical(t *testing.T) {
	ref, err := ReferenceTask("co")
	require.NoError(t, err)
	c := ref.Config
	c.Units = 71
	c.Noise = 0.05
	net := newNet[float64](t, c, 9)
	want, err := net.Run(ref.Task, ref.Output, RunOptions{Seed: 4, Threads: 1})
	require.NoError(t, err)
	blocks := 0
	got, err := net.Run(ref.Task, ref.Output, RunOptions{Seed: 4, Threads: 3, threadHook: func(b int) int {
		blocks++
		return 3 - b%3
	}})
	require.NoError(t, err)
	require.GreaterOrEqual(t, blocks, 3, "the run has blocks of every count")
	for k := range got {
		require.True(t, want[k].X.Equal(got[k].X), "condition %d: X differs", k)
		require.True(t, want[k].R.Equal(got[k].R), "condition %d: R differs", k)
		require.Equal(t, want[k].Errors, got[k].Errors, "condition %d", k)
		require.Equal(t, want[k].Record, got[k].Record, "condition %d", k)
	}
}

// TestChooser feeds the chooser made-up unit times and waits (no clock)
// and checks its decisions: it falls back to one thread as soon as waits
// exceed work, probes two threads later, keeps them when they are faster,
// and returns to the choice before a probe that loses, probing more rarely.
func TestChooser(t *testing.T) {
	tm := newTeam(2, 64)
	defer tm.close()
	var changes []ThreadChange
	c := newChooser(tm, "trial", func(ch ThreadChange) { changes = append(changes, ch) })
	ms := time.Millisecond
	unit := func(d time.Duration, st teamStats) {
		c.begin()
		c.observe(d, st)
	}
	for range 5 {
		unit(2*ms, teamStats{Calls: 1000, Steals: 200})
	}
	require.Equal(t, 2, tm.n, "a few steals are no sign of a busy CPU")
	unit(9*ms, teamStats{Wait: 6 * ms}) // the partner's core is taken
	require.Equal(t, 1, tm.n, "falls back at once")
	require.Equal(t, []ThreadChange{{Unit: 6, From: 2, To: 1, Reason: "the other CPU is busy"}}, changes)

	// One thread takes 3 ms; the probe at unit 6+32 finds two threads at
	// 2 ms and keeps them.
	for c.unit < 6+probeMin {
		unit(3*ms, teamStats{Wait: 0})
		require.Equal(t, 1, tm.n)
	}
	for range probeUnits {
		c.begin()
		require.Equal(t, 2, tm.n, "probing two threads")
		c.observe(2*ms, teamStats{Wait: 0})
	}
	require.Equal(t, 2, tm.n, "two threads are faster")
	require.Len(t, changes, 2)
	require.Equal(t, 1, changes[1].From)
	require.Equal(t, 2, changes[1].To)
	require.Contains(t, changes[1].Reason, "2 ms per trial against 3")

	// Next probe (one thread) loses: back to two, the next probe twice as far.
	start := c.unit
	for c.unit < start+probeMin {
		unit(2*ms, teamStats{Wait: 0})
	}
	for range probeUnits {
		c.begin()
		require.Equal(t, 1, tm.n, "probing one thread")
		c.observe(3*ms, teamStats{Wait: 0})
	}
	require.Equal(t, 2, tm.n, "the losing probe is undone")
	require.Len(t, changes, 2, "a lost probe is no change")
	require.Equal(t, c.unit+2*probeMin, c.next)

	// The caller ran the worker's block in a third of the calls: busy.
	unit(4*ms, teamStats{Calls: 1000, Steals: 300})
	require.Equal(t, 1, tm.n)
	require.Len(t, changes, 3)

	// A probe of two threads that meets a busy CPU ends at once.
	for c.unit < c.next {
		unit(3*ms, teamStats{Wait: 0})
	}
	c.begin()
	require.Equal(t, 2, tm.n)
	c.observe(20*ms, teamStats{Wait: 15 * ms})
	require.Equal(t, 1, tm.n, "the probe ends at the first busy unit")
	require.Len(t, changes, 3, "a lost probe is no change")
}

// TestChooserForced checks that the test hook sets the count of every
// unit and turns adaptation off.
func TestChooserForced(t *testing.T) {
	tm := newTeam(3, 64)
	defer tm.close()
	c := newChooser(tm, "trial", nil)
	c.force = func(u int) int { return 1 + u%3 }
	for u := range 10 {
		c.begin()
		require.Equal(t, 1+u%3, tm.n)
		c.observe(time.Second, teamStats{Wait: time.Second})
	}
}

// TestTeamEveryBlockOnce runs many calls on a team whose active count
// changes at random, often (a third of the calls), on one, two and three
// OS threads (on one, the caller mostly runs the blocks of workers that
// have not started), and checks that every active block runs exactly once
// per call and no idle one runs. A worker that saw a call start while it
// was active but took its block only once the team had shrunk ran an idle
// block (once in some thousand calls), after which the caller could wait
// forever for a count that had overshot, until run marked the idle blocks
// taken. With changes every 50 calls this test caught that in one run of
// about 300; as it is now, in one of about four.
func TestTeamEveryBlockOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 3} {
		old := runtime.GOMAXPROCS(procs)
		tm := newTeam(4, 64)
		var counts [4]atomic.Int64
		f := func(w int) { counts[w].Add(1) }
		rng := rand.New(rand.NewPCG(3, 4))
		var want [4]int64
		for range 50000 {
			if rng.IntN(3) == 0 {
				tm.setActive(1 + rng.IntN(4))
			}
			tm.run(f)
			for w := range tm.n {
				want[w]++
			}
			for w := range want {
				require.Equal(t, want[w], counts[w].Load(), "GOMAXPROCS %d, worker %d", procs, w)
			}
		}
		tm.close()
		runtime.GOMAXPROCS(old)
	}
}
