package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/sys/cpu"

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
	fmt.Fprintf(stdout, "tasks     %s, or a .npz / .mat task file\n", strings.Join(rnn.ReferenceTasks, ", "))
	return nil
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
		"Times the kernels of one time step (N×N) and a DNMS learning trial on this machine.", stdout)
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
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "kernel (N=%d)\tprecision\timpl\ttime\tGFLOP/s\t\n", *n)
	for _, tier := range tiers {
		if tier != "" {
			restore, err := kernel.Use(tier)
			if err != nil {
				return err
			}
			benchKernels(tw, *n, tier)
			restore()
		} else {
			benchKernels(tw, *n, "")
		}
	}
	tw.Flush()
	fmt.Fprintln(stdout)
	tw = tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "DNMS (N=%d, T=1000)\tprecision\timpl\ttime\t\n", *n)
	if err := benchTrial[float64](tw, *n, kernel.Impl64()); err != nil {
		return err
	}
	if err := benchTrial[float32](tw, *n, kernel.Impl32()); err != nil {
		return err
	}
	tw.Flush()
	return nil
}

func benchKernels(tw io.Writer, n int, tier string) {
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
	nn := float64(n) * float64(n)
	rows := []struct {
		name, prec string
		flops      float64
		f          func()
	}{
		{"J·r (gemv)", "f64", 2 * nn, func() { kernel.Gemv64(n, n, 1, a64, n, x64, 0, y64) }},
		{"J·r (gemv)", "f32", 2 * nn, func() { kernel.Gemv32(n, n, 1, a32, n, x32, 0, y32) }},
		{"eligibility (x·y)³", "f64", 5 * nn, func() { kernel.CubeGer64(n, n, x64, x64, e64, n) }},
		{"eligibility (x·y)³", "f32", 5 * nn, func() { kernel.CubeGer32(n, n, x32, x32, e32, n) }},
		{"masked update", "f64", 3 * nn, func() { kernel.MaskedUpdate64(n, n, 0, 1e-4, e64, n, a64, n) }},
		{"masked update", "f32", 3 * nn, func() { kernel.MaskedUpdate32(n, n, 0, 1e-4, e32, n, a32, n) }},
		{"tanh", "f64", 0, func() { kernel.Tanh64(y64, x64) }},
		{"tanh", "f32", 0, func() { kernel.Tanh32(y32, x32) }},
	}
	for _, r := range rows {
		impl := tier
		if impl == "" {
			impl = kernel.Impl64()
			if r.prec == "f32" {
				impl = kernel.Impl32()
			}
		}
		d := timeIt(budget, r.f)
		gf := "-"
		if r.flops > 0 {
			gf = fmt.Sprintf("%.2f", r.flops/float64(d.Nanoseconds()))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", r.name, r.prec, impl, fmtNs(d), gf)
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

// benchTrial times a clean run of the DNMS task and its learning trials.
func benchTrial[T rnn.Float](tw io.Writer, n int, impl string) error {
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
	run := func() error {
		_, err := net.Run(ref.Task, ref.Output, rnn.RunOptions{TargetTimes: ref.Options.TargetTimes})
		return err
	}
	if err := run(); err != nil { // warm up
		return err
	}
	start := time.Now()
	if err := run(); err != nil {
		return err
	}
	clean := time.Since(start)
	opt := ref.Options
	opt.MaxPasses, opt.EvalEvery, opt.Order = 1, 1000, "linear"
	tr, err := rnn.NewTrainer(net, ref.Task, opt, ref.Output, 1)
	if err != nil {
		return err
	}
	if _, err := tr.Train(context.Background()); err != nil { // baseline, one pass, evaluation
		return err
	}
	const passes = 2
	tr.Opt.MaxPasses = 1 + passes
	start = time.Now()
	if _, err := tr.Train(context.Background()); err != nil { // the passes and an evaluation
		return err
	}
	learn := time.Since(start) - clean
	c := ref.Task.Conditions()
	fmt.Fprintf(tw, "clean run, %d conditions\t%s\t%s\t%s\t\n", c, prec, impl, fmtNs(clean))
	fmt.Fprintf(tw, "learning trial\t%s\t%s\t%s\t\n", prec, impl, fmtNs(max(learn, 0)/time.Duration(passes*c)))
	return nil
}
