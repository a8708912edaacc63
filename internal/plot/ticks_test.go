package plot

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func values(ts []Tick) []float64 {
	var v []float64
	for _, t := range ts {
		v = append(v, t.Value)
	}
	return v
}

func labels(ts []Tick) []string {
	var s []string
	for _, t := range ts {
		if t.Label != "" || t.Exp != nil {
			s = append(s, t.Text())
		}
	}
	return s
}

func TestLinearTicksExact(t *testing.T) {
	cases := []struct {
		lo, hi float64
		target int
		want   []string
	}{
		{0, 1, 5, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{0, 10, 5, []string{"0", "2", "4", "6", "8", "10"}},
		{0, 2000, 5, []string{"0", "500", "1000", "1500", "2000"}},
		{-1.3, 1.3, 4, []string{"-1", "0", "1"}},
		{0.1, 0.3, 5, []string{"0.10", "0.15", "0.20", "0.25", "0.30"}},
		{0.29, 0.31, 4, []string{"0.290", "0.295", "0.300", "0.305", "0.310"}},
		{-100, -20, 4, []string{"-100", "-80", "-60", "-40", "-20"}},
		{1e-9, 5e-9, 4, []string{"1e-9", "2e-9", "3e-9", "4e-9", "5e-9"}},
		{0, 3e9, 3, []string{"0", "1e9", "2e9", "3e9"}},
		{1.2e7, 1.35e7, 3, []string{"1.2e7", "1.25e7", "1.3e7", "1.35e7"}},
		{-2.5e-5, 2.5e-5, 4, []string{"-2e-5", "0", "2e-5"}},
		{-2.5e-5, 2.5e-5, 5, []string{"-2e-5", "-1e-5", "0", "1e-5", "2e-5"}},
		{-9445, -9326, 2, []string{"-9400", "-9350"}},
	}
	for _, c := range cases {
		got := labels(LinearTicks(c.lo, c.hi, c.target))
		eq(t, c.want, got, "range [%g, %g] target %d", c.lo, c.hi, c.target)
	}
}

func TestLinearTicksZeroWidthAndInvalid(t *testing.T) {
	ts := LinearTicks(5, 5, 5)
	must(t, len(ts) >= 2, "want at least 2 ticks, got %v", ts)
	check(t, ts[0].Value <= 5, "first tick %g > 5", ts[0].Value)
	check(t, ts[len(ts)-1].Value >= 5, "last tick %g < 5", ts[len(ts)-1].Value)

	ts = LinearTicks(0, 0, 5)
	must(t, len(ts) >= 2, "want at least 2 ticks, got %v", ts)
	check(t, contains(values(ts), 0), "0 not among %v", values(ts))

	// Inverted ranges are accepted.
	eq(t, labels(LinearTicks(0, 10, 5)), labels(LinearTicks(10, 0, 5)), "inverted range")

	check(t, LinearTicks(math.NaN(), 1, 5) == nil, "LinearTicks(math.NaN(), 1, 5) should be nil")
	check(t, LinearTicks(0, math.Inf(1), 5) == nil, "LinearTicks(0, math.Inf(1), 5) should be nil")

	// Huge offset with a tiny span: precision runs out, but we still get
	// two distinct ticks and no panic.
	ts = LinearTicks(1e16, 1e16+4, 5)
	check(t, len(ts) >= 2, "want at least 2 ticks, got %v", ts)
	// Span overflowing float64.
	ts = LinearTicks(-1e308, 1e308, 5)
	check(t, len(ts) >= 2, "want at least 2 ticks, got %v", ts)
}

// TestLinearTicksProperties checks invariants over many random ranges of
// all magnitudes and signs.
func TestLinearTicksProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 5000; i++ {
		scale := math.Pow(10, float64(rng.IntN(40)-20))
		lo := (rng.Float64()*2 - 1) * scale
		hi := lo + rng.Float64()*scale*math.Pow(10, float64(rng.IntN(4)-2))
		if hi == lo {
			continue
		}
		target := 2 + rng.IntN(9)
		ts := LinearTicks(lo, hi, target)
		must(t, len(ts) >= 2, "[%g, %g]: %v", lo, hi, ts)
		must(t, len(ts) <= max(target+1, 5), "[%g, %g] target %d: %d ticks", lo, hi, target, len(ts))
		step := ts[1].Value - ts[0].Value
		must(t, step > 0, "step %g", step)
		m, _ := niceStep(step * (1 - 1e-9))
		e := math.Floor(math.Log10(step/m) + 0.5)
		near(t, 1, step/(m*math.Pow(10, e)), 1e-6, "step %g is not 1, 2 or 5 × 10^k", step)
		seen := map[string]bool{}
		for j, tk := range ts {
			check(t, tk.Value >= lo-step*1e-6, "tick %g below [%g, %g]", tk.Value, lo, hi)
			check(t, tk.Value <= hi+step*1e-6, "tick %g above [%g, %g]", tk.Value, lo, hi)
			if j > 0 {
				near(t, step, tk.Value-ts[j-1].Value, step*1e-6, "uneven spacing in [%g, %g]", lo, hi)
			}
			check(t, !seen[tk.Label], "duplicate label %q in [%g, %g]", tk.Label, lo, hi)
			seen[tk.Label] = true
			check(t, len(tk.Label) <= 11, "label %q too long", tk.Label)
			v, err := strconv.ParseFloat(tk.Label, 64)
			must(t, err == nil, "label %q: %v", tk.Label, err)
			near(t, tk.Value, v, step*1e-6, "label %q for %g", tk.Label, tk.Value)
		}
	}
}

func TestNiceStep(t *testing.T) {
	cases := []struct {
		raw float64
		m   float64
		e   int
	}{
		{1, 1, 0}, {1.01, 2, 0}, {2, 2, 0}, {2.1, 5, 0}, {5, 5, 0}, {5.5, 1, 1},
		{1000, 1, 3}, {0.001, 1, -3}, {0.003, 5, -3}, {7e-12, 1, -11},
	}
	for _, c := range cases {
		m, e := niceStep(c.raw)
		eq(t, c.m, m, "raw %g", c.raw)
		eq(t, c.e, e, "raw %g", c.raw)
	}
}

func TestLogTicks(t *testing.T) {
	// Six decades: every decade labelled as a power of ten, no minor ticks.
	ts := LogTicks(1e-3, 1e3, 8)
	eq(t, []string{"10^-3", "10^-2", "10^-1", "10^0", "10^1", "10^2", "10^3"}, labels(ts), "labels")
	eq(t, 7, len(ts), "tick count")

	// Four decades: decades labelled, 2…9 as minor ticks.
	ts = LogTicks(1e-2, 1e2, 8)
	eq(t, []string{"10^-2", "10^-1", "10^0", "10^1", "10^2"}, labels(ts), "labels")
	eq(t, 4*8+5, len(ts), "tick count")

	// Under two decades: 1-2-5 labels as plain numbers, minor ticks between.
	ts = LogTicks(0.03, 1.2, 8)
	eq(t, []string{"0.05", "0.1", "0.2", "0.5", "1"}, labels(ts), "labels")
	check(t, contains(values(ts), 0.04), "no minor tick at 0.04")
	check(t, contains(values(ts), 0.3), "no minor tick at 0.3")

	// Under two decades far from 1: 2×10^k form.
	ts = LogTicks(3e-8, 4e-6, 8)
	eq(t, []string{"5×10^-8", "10^-7", "2×10^-7", "5×10^-7", "10^-6", "2×10^-6"}, labels(ts), "labels")

	// Many decades: thinned to at most target+1 labels, all powers of ten.
	ts = LogTicks(1e-30, 1e30, 6)
	ls := labels(ts)
	check(t, len(ls) <= 7, "too many labels %v", ls)
	check(t, len(ls) >= 3, "too few labels %v", ls)
	for _, l := range ls {
		check(t, strings.HasPrefix(l, "10^"), "label %q", l)
	}

	// Within one decade: linear nice ticks.
	ts = LogTicks(2, 8, 5)
	eq(t, []string{"2", "4", "6", "8"}, labels(ts), "labels")
	ts = LogTicks(1.1, 1.4, 4)
	eq(t, []string{"1.1", "1.2", "1.3", "1.4"}, labels(ts), "labels")

	// Zero width: one decade around the value.
	ts = LogTicks(5, 5, 5)
	check(t, len(labels(ts)) >= 2, "labels %v", labels(ts))

	// Invalid ranges.
	check(t, LogTicks(0, 1, 5) == nil, "LogTicks(0, 1, 5) should be nil")
	check(t, LogTicks(-1, 10, 5) == nil, "LogTicks(-1, 10, 5) should be nil")
	check(t, LogTicks(1, math.Inf(1), 5) == nil, "LogTicks(1, math.Inf(1), 5) should be nil")
	check(t, LogTicks(math.NaN(), 1, 5) == nil, "LogTicks(math.NaN(), 1, 5) should be nil")

	// All ticks inside the range, increasing.
	for _, r := range [][2]float64{{1e-3, 1e3}, {0.03, 1.2}, {7, 7000}, {1e-300, 1e300}, {0.5, 0.9}} {
		ts := LogTicks(r[0], r[1], 6)
		must(t, len(ts) > 0, "no ticks for %v", r)
		for i, tk := range ts {
			check(t, tk.Value >= r[0]*(1-1e-9), "tick %g below %v", tk.Value, r)
			check(t, tk.Value <= r[1]*(1+1e-9), "tick %g above %v", tk.Value, r)
			if i > 0 {
				check(t, tk.Value > ts[i-1].Value, "ticks not increasing: %v", values(ts))
			}
		}
	}
}

func TestFormatNumber(t *testing.T) {
	eq(t, "0.3", FormatNumber(0.1+0.2, 4), "FormatNumber(0.1+0.2, 4)")
	eq(t, "0", FormatNumber(0, 3), "FormatNumber(0, 3)")
	eq(t, "1234", FormatNumber(1234, 4), "FormatNumber(1234, 4)")
	eq(t, "1230", FormatNumber(1234, 3), "FormatNumber(1234, 3)")
	eq(t, "2.5e-5", FormatNumber(2.5e-5, 3), "FormatNumber(2.5e-5, 3)")
	eq(t, "-1.2e7", FormatNumber(-12e6, 3), "FormatNumber(-12e6, 3)")
	eq(t, "0.05", FormatNumber(0.05, 3), "FormatNumber(0.05, 3)")
	eq(t, "NaN", FormatNumber(math.NaN(), 3), "NaN")
}
