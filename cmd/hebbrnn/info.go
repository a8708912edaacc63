package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/sys/cpu"

	"github.com/hebbrnn/hebbrnn/internal/limits"
	"github.com/hebbrnn/hebbrnn/kernel"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// cpuFeatures lists the CPU features that matter to the kernels.
func cpuFeatures() []string {
	var fs []string
	add := func(name string, ok bool) {
		if ok {
			fs = append(fs, name)
		}
	}
	switch runtime.GOARCH {
	case "amd64", "386":
		add("sse4.1", cpu.X86.HasSSE41)
		add("sse4.2", cpu.X86.HasSSE42)
		add("avx", cpu.X86.HasAVX)
		add("avx2", cpu.X86.HasAVX2)
		add("fma", cpu.X86.HasFMA)
		add("avx512f", cpu.X86.HasAVX512F)
		add("avx512dq", cpu.X86.HasAVX512DQ)
		add("avx512bw", cpu.X86.HasAVX512BW)
		add("avx512vl", cpu.X86.HasAVX512VL)
	case "arm64":
		add("asimd", cpu.ARM64.HasASIMD)
		add("fphp", cpu.ARM64.HasFPHP)
		add("asimdhp", cpu.ARM64.HasASIMDHP)
		add("sve", cpu.ARM64.HasSVE)
	}
	return fs
}

func cmdInfo(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("info", "hebbrnn info", stdout)
	if err := fs.parse(args); err != nil {
		return err
	}
	feat := strings.Join(cpuFeatures(), " ")
	if feat == "" {
		feat = "(none detected)"
	}
	fmt.Fprintf(stdout, "hebbrnn %s\n", version())
	fmt.Fprintf(stdout, "go        %s %s/%s, %d CPUs\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Fprintf(stdout, "cpu       %s\n", feat)
	fmt.Fprintf(stdout, "kernels   f64: %s, f32: %s (this CPU can run: %s)\n", kernel.Impl64(), kernel.Impl32(), strings.Join(kernel.Tiers(), ", "))
	fmt.Fprintf(stdout, "clock     %s\n", clockLine())
	fmt.Fprintf(stdout, "tasks     %s, or a .npz / .mat task file\n", strings.Join(rnn.ReferenceTasks, ", "))
	return nil
}

// clockLine is the clock rate of the core `hebbrnn info` ran on, measured
// (limits.Clock), or why it is not.
func clockLine() string {
	ghz, ok := limits.Clock(5)
	if !ok {
		return fmt.Sprintf("not measured (no clock probe on %s)", runtime.GOARCH)
	}
	return fmt.Sprintf("%.2f GHz (measured now: dependent adds, one cycle each)", ghz)
}

// timeIt runs f repeatedly for about budget and returns the time per call.
func timeIt(budget time.Duration, f func()) time.Duration {
	f() // warm up
	n := 1
	for {
		start := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		el := time.Since(start)
		if el >= budget || n >= 1<<24 {
			return el / time.Duration(n)
		}
		if el <= 0 {
			n *= 16
			continue
		}
		n = max(n+1, min(n*16, int(float64(n)*float64(budget)/float64(el)*1.2)))
	}
}

func cmdBench(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench", "hebbrnn bench [--neurons N] [--all-tiers]\n\n"+
		"Times the kernels of a time step (N×N) and of a trial's eligibility, and DNMS learning trials\n"+
		"(one thread and every CPU), the lockstep evaluation against clean trials one by one, and an\n"+
		"embedded step, on this machine (medians of a few runs; bench/RESULTS.md has the full suite), each\n"+
		"beside the time it would take at this core's own limits, measured in the same run.", stdout)
	n := fs.Int("neurons", 200, "network size N")
	allTiers := fs.Bool("all-tiers", false, "time the kernels of every implementation this CPU can run, not only the chosen one")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *n < 2 || *n > 4096 {
		return usagef("--neurons: %d must be in 2..4096", *n)
	}
	fmt.Fprintf(stdout, "hebbrnn %s, %s/%s; kernels f64: %s, f32: %s\n\n", version(), runtime.GOOS, runtime.GOARCH, kernel.Impl64(), kernel.Impl32())
	tiers := []string{""}
	if *allTiers {
		tiers = kernel.Tiers()
	}
	lim := &limitCache{n: *n}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "kernel (N=%d)\tprecision\timpl\ttime\tGFLOP/s\tlimit\t× limit\t\n", *n)
	for _, tier := range tiers {
		if tier != "" {
			restore, err := kernel.Use(tier)
			if err != nil {
				return err
			}
			benchKernels(tw, lim, *n, tier)
			restore()
		} else {
			benchKernels(tw, lim, *n, "")
		}
	}
	tw.Flush()
	fmt.Fprintln(stdout)
	tw = tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "DNMS (N=%d, T=%d)\tprecision\timpl\tthreads\ttime\tlimit\t× limit\t\n", *n, benchSteps)
	var notes []string
	if err := benchTrial[float64](tw, lim, &notes, *n, kernel.Impl64()); err != nil {
		return err
	}
	if err := benchTrial[float32](tw, lim, &notes, *n, kernel.Impl32()); err != nil {
		return err
	}
	tw.Flush()
	fmt.Fprintln(stdout)
	for _, s := range notes {
		fmt.Fprintln(stdout, s)
	}
	fmt.Fprintln(stdout)
	fmt.Fprint(stdout, limitsNote(lim))
	return nil
}

// limitsNote says what the limit columns of `hebbrnn bench` are, with the
// limits measured, or why there are none.
func limitsNote(lim *limitCache) string {
	s := "limit: the time at this core's own limits, measured in this run by probes that do nothing but\n" +
		"load or multiply-add at the kernels' vector width: one pass over J for a product with J (and a\n" +
		"step), the multiply-adds at the probe's rate for the eligibility, the sum of the two for a\n" +
		"learning trial on one thread (tanh and the rest of a step excluded), and on more threads the\n" +
		"reads on one core while the other cores share the multiply-adds, run at the same time (cores of\n" +
		"one host slow each other down; the limit includes that). × limit is time / limit.\n"
	for _, w := range lim.shown {
		l := lim.byW[w]
		gbs := float64(lim.n*lim.n*8) / float64(l.read64.Nanoseconds())
		s += fmt.Sprintf("  %d bits: %.1f GFLOP/s of float64 multiply-adds, J (N=%d) read at %.1f GB/s (f64)",
			w, l.flopsPerNs, lim.n, gbs)
		if lim.ghz > 0 {
			s += fmt.Sprintf(": %.1f flop and %.1f bytes a cycle", l.flopsPerNs/lim.ghz, gbs/lim.ghz)
		}
		s += "\n"
	}
	if lim.ghz > 0 {
		s += fmt.Sprintf("  clock: %.2f GHz, measured in this run by dependent adds (one cycle each). Per cycle, the\n"+
			"  limits compare across hosts whose clocks differ; times scale with the clock.\n", lim.ghz)
	}
	if len(lim.shown) == 0 {
		s += fmt.Sprintf("  (no probes for these kernels on %s: limits not measured)\n", runtime.GOARCH)
	}
	return s
}

func benchKernels(tw io.Writer, lim *limitCache, n int, tier string) {
	const budget = 15 * time.Millisecond
	rng := rand.New(rand.NewPCG(1, 2))
	a64, e64 := make([]float64, n*n), make([]float64, n*n)
	x64, y64 := make([]float64, n), make([]float64, n)
	for i := range a64 {
		a64[i], e64[i] = rng.NormFloat64()*0.1, rng.NormFloat64()*1e-3
	}
	for i := range x64 {
		x64[i] = rng.NormFloat64()
	}
	a32, e32 := make([]float32, n*n), make([]float32, n*n)
	x32, y32 := make([]float32, n), make([]float32, n)
	for i := range a64 {
		a32[i], e32[i] = float32(a64[i]), float32(e64[i])
	}
	for i := range x64 {
		x32[i] = float32(x64[i])
	}
	xs64, ys64 := make([]float64, 4*n), make([]float64, 4*n)
	xs32, ys32 := make([]float32, 4*n), make([]float32, 4*n)
	for i := range xs64 {
		xs64[i] = rng.NormFloat64()
		xs32[i] = float32(xs64[i])
	}
	d64, d32 := make([]float64, benchSteps*n), make([]float32, benchSteps*n)
	for i := range d64 {
		d64[i] = rng.NormFloat64() * 1e-2
		d32[i] = float32(d64[i])
	}
	nn := float64(n) * float64(n)
	// The limits of the rows: one pass over J, or the multiply-adds.
	readJ := func(l coreLimits, prec string) time.Duration { return l.read(prec) }
	fma := func(flops float64) func(coreLimits, string) time.Duration {
		return func(l coreLimits, prec string) time.Duration { return l.flops(prec, flops) }
	}
	readOrFMA := func(flops float64) func(coreLimits, string) time.Duration {
		return func(l coreLimits, prec string) time.Duration { return max(l.read(prec), l.flops(prec, flops)) }
	}
	rows := []struct {
		name, prec string
		flops      float64
		f          func()
		limit      func(coreLimits, string) time.Duration // nil: none
	}{
		{"J·r (gemv)", "f64", 2 * nn, func() { kernel.Gemv64(n, n, 1, a64, n, x64, 0, y64) }, readJ},
		{"J·r (gemv)", "f32", 2 * nn, func() { kernel.Gemv32(n, n, 1, a32, n, x32, 0, y32) }, readJ},
		{"J·r, 4 vectors (lockstep)", "f64", 8 * nn, func() { kernel.GemvMulti64(n, n, 4, a64, n, xs64, n, ys64, n) }, readOrFMA(8 * nn)},
		{"J·r, 4 vectors (lockstep)", "f32", 8 * nn, func() { kernel.GemvMulti32(n, n, 4, a32, n, xs32, n, ys32, n) }, readOrFMA(8 * nn)},
		{"eligibility D3ᵀ·R3, T=1000", "f64", 2 * nn * benchSteps, func() { kernel.GemmTN64(n, n, benchSteps, 1, d64, n, d64, n, e64, n) }, fma(2 * nn * benchSteps)},
		{"eligibility D3ᵀ·R3, T=1000", "f32", 2 * nn * benchSteps, func() { kernel.GemmTN32(n, n, benchSteps, 1, d32, n, d32, n, e32, n) }, fma(2 * nn * benchSteps)},
		{"masked update", "f64", 3 * nn, func() { kernel.MaskedUpdate64(n, n, 0, 1e-4, e64, n, a64, n) }, nil},
		{"masked update", "f32", 3 * nn, func() { kernel.MaskedUpdate32(n, n, 0, 1e-4, e32, n, a32, n) }, nil},
		{"tanh", "f64", 0, func() { kernel.Tanh64(y64, x64) }, nil},
		{"tanh", "f32", 0, func() { kernel.Tanh32(y32, x32) }, nil},
	}
	for _, r := range rows {
		impl := tier
		if impl == "" {
			impl = kernelTier(r.prec)
		}
		d := timeIt(budget, r.f)
		gf := "-"
		if r.flops > 0 {
			gf = fmt.Sprintf("%.2f", r.flops/float64(d.Nanoseconds()))
		}
		var limit time.Duration
		if l, ok := lim.get(impl); ok && r.limit != nil {
			limit = r.limit(l, r.prec)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", r.name, r.prec, impl, fmtNs(d), gf, limitCols(d, limit))
	}
}

func fmtNs(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return fmt.Sprintf("%d ns", d.Nanoseconds())
	case d < time.Millisecond:
		return fmt.Sprintf("%.1f µs", float64(d.Nanoseconds())/1e3)
	}
	return fmt.Sprintf("%.2f ms", float64(d.Nanoseconds())/1e6)
}

// benchSteps is the length of a DNMS trial.
const benchSteps = 1000

// median returns the median of the times of runs calls of f (after one
// call to warm up), or the first error.
func median(runs int, f func() error) (time.Duration, error) {
	if err := f(); err != nil {
		return 0, err
	}
	ds := make([]time.Duration, runs)
	for i := range ds {
		start := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		ds[i] = time.Since(start)
	}
	slices.Sort(ds)
	return ds[runs/2], nil
}

// benchTrial times, on DNMS with n units, a learning trial on one thread
// and on every CPU, the clean evaluation of the conditions in lockstep
// against clean runs of the conditions one by one, and an embedded step:
// the headline figures of bench/RESULTS.md, each the median of a few runs.
func benchTrial[T rnn.Float](tw io.Writer, lim *limitCache, notes *[]string, n int, impl string) error {
	ref, err := rnn.ReferenceTask("dnms")
	if err != nil {
		return err
	}
	cfg := ref.Config
	cfg.Units = n
	net, err := rnn.New[T](cfg, rand.New(rand.NewPCG(1, netStream)))
	if err != nil {
		return err
	}
	prec := "f64"
	var zero T
	if _, ok := any(zero).(float32); ok {
		prec = "f32"
	}
	// The limits of one thread: a pass over J per step, and the
	// eligibility's multiply-adds.
	var stepLimit, trialLimit time.Duration
	if l, ok := lim.get(impl); ok {
		stepLimit = l.read(prec)
		trialLimit = benchSteps*stepLimit + l.flops(prec, 2*float64(n)*float64(n)*benchSteps)
	}
	row := func(what, threads string, d, limit time.Duration) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", what, prec, impl, threads, fmtNs(d), limitCols(d, limit))
	}
	threads := []int{1}
	if runtime.NumCPU() > 1 {
		threads = append(threads, runtime.NumCPU())
	}
	for _, th := range threads {
		tr, err := rnn.NewTrainer(net.Clone(), ref.Task, ref.Options, ref.Output, 1)
		if err != nil {
			return err
		}
		tr.Threads = th
		c := 0
		d, err := median(7, func() error {
			c++
			_, err := tr.Trial(c % ref.Task.Conditions())
			return err
		})
		tr.Close()
		if err != nil {
			return err
		}
		limit := trialLimit
		if th > 1 {
			limit = lim.trialFloor(impl, prec, th)
		}
		row("learning trial", fmt.Sprint(th), d, limit)
	}
	locks := make([]time.Duration, len(threads))
	for i, th := range threads {
		tr, err := rnn.NewTrainer(net, ref.Task, ref.Options, ref.Output, 1)
		if err != nil {
			return err
		}
		tr.Threads = th
		locks[i], err = median(5, func() error { tr.Evaluate(); return nil })
		tr.Close()
		if err != nil {
			return err
		}
	}
	// The conditions one by one, stepped like an embedding program would
	// (no trajectories recorded, as in the evaluation).
	s, err := net.NewState(ref.Output, 0)
	if err != nil {
		return err
	}
	task, u := ref.Task, make([]T, net.Inputs)
	sep, err := median(3, func() error {
		for c := 0; c < task.Conditions(); c++ {
			s.Reset(task.Steps())
			for t := 0; t < task.Steps(); t++ {
				for i, v := range task.Inputs[c].Row(t) {
					u[i] = T(v)
				}
				s.Step(u)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	c := task.Conditions()
	for i, th := range threads {
		row(fmt.Sprintf("evaluation, %d conditions in lockstep", c), fmt.Sprint(th), locks[i], 0)
	}
	row(fmt.Sprintf("%d clean trials one by one", c), "1", sep, 0)
	step := timeIt(20*time.Millisecond, func() { s.Step(u) })
	row("inference step (State.Step)", "1", step, stepLimit)
	*notes = append(*notes, fmt.Sprintf("%s: the lockstep evaluation on 1 thread is %.2f× as fast as the %d clean trials one by one.",
		prec, float64(sep)/float64(locks[0]), c))
	return nil
}
