package limits

import (
	"runtime"
	"slices"
	"testing"

	"github.com/hebbrnn/hebbrnn/kernel"
)

func TestReadSumsTheWholeChunks(t *testing.T) {
	if len(Widths()) == 0 {
		t.Skipf("limits: no probes on %s", runtime.GOARCH)
	}
	for _, w := range Widths() {
		for _, n := range []int{ChunkLen, 3*ChunkLen + 5} {
			buf := make([]float64, n)
			want := 0.0
			for i := range buf {
				buf[i] = float64(i + 1)
				if i < n/ChunkLen*ChunkLen {
					want += buf[i]
				}
			}
			got, ok := Read(w, buf, 3)
			if !ok || got != want { // sums of small integers: exact in any order
				t.Errorf("Read(%d bits, n=%d) = %v, %v; want %v, true", w, n, got, ok, want)
			}
		}
		if _, ok := Read(w, make([]float64, ChunkLen-1), 1); ok {
			t.Errorf("Read(%d bits) of fewer than ChunkLen elements reported true", w)
		}
		if !FMA(w, 10) {
			t.Errorf("FMA(%d bits) reported false on a CPU that lists the width", w)
		}
	}
	if FMA(64, 10) {
		t.Error("FMA(64 bits) reported true; there is no such probe")
	}
	if _, ok := Read(64, make([]float64, ChunkLen), 1); ok {
		t.Error("Read(64 bits) reported true; there is no such probe")
	}
}

func TestTierWidthNamesAProbeOfEveryAssemblyTier(t *testing.T) {
	for _, tier := range kernel.Tiers() {
		w := TierWidth(tier)
		if tier == "generic" {
			if w != 0 {
				t.Errorf("TierWidth(generic) = %d, want 0", w)
			}
			continue
		}
		if !slices.Contains(Widths(), w) {
			t.Errorf("tier %s: width %d is not among the probes %v", tier, w, Widths())
		}
	}
	for _, v := range Buffer(ChunkLen + 3) {
		if v != 1 {
			t.Fatalf("Buffer holds %v, want ones", v)
		}
	}
}

func TestAddsAddsEveryRound(t *testing.T) {
	if _, ok := Adds(1, 1); !ok {
		t.Skipf("limits: no clock probe on %s", runtime.GOARCH)
	}
	cases := []struct {
		rounds int
		step   uint64
		want   uint64
	}{
		{1, 1, AddsPerRound},
		{1000, 3, 1000 * AddsPerRound * 3},
		{5, 1 << 61, 0}, // 40·2⁶¹ = 5·2⁶⁴: wraps to zero
		{3, 1<<64 - 1, 1<<64 - 3*AddsPerRound},
	}
	for _, c := range cases {
		if got, ok := Adds(c.rounds, c.step); !ok || got != c.want {
			t.Errorf("Adds(%d, %d) = %d, %v; want %d, true", c.rounds, c.step, got, ok, c.want)
		}
	}
	if _, ok := Adds(0, 1); ok {
		t.Error("Adds(0 rounds) reported true")
	}
	// Any core this runs on, emulated or not, is between 10 MHz and 20 GHz;
	// a Clock that times nothing, or the wrong number of rounds, is not.
	ghz, ok := Clock(2)
	if !ok || !(ghz > 0.01 && ghz < 20) {
		t.Errorf("Clock = %v GHz, %v; want a rate between 0.01 and 20, true", ghz, ok)
	}
}
