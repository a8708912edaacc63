package rnn

import (
	"fmt"
	"testing"

	"github.com/hebbrnn/hebbrnn/mat"
)

func BenchmarkTeamRun(b *testing.B) {
	t := newTeam(2, 200)
	defer t.close()
	f := func(w int) {}
	for b.Loop() {
		t.run(f)
	}
}

func BenchmarkTeamGemv(b *testing.B) {
	for _, th := range []int{1, 2} {
		b.Run(fmt.Sprint("threads=", th), func(b *testing.B) {
			t := newTeam(th, 200)
			defer t.close()
			j := mat.NewDense[float64](200, 200)
			for i := range 200 {
				for k := range 200 {
					j.Set(i, k, float64(i-k)/1000)
				}
			}
			x, y := mat.NewVec[float64](200), mat.NewVec[float64](200)
			f := func(w int) {
				lo, hi := t.rows(w)
				j.MulVecRows(lo, hi, y, 1, x, 0)
			}
			for b.Loop() {
				t.run(f)
			}
		})
	}
}
