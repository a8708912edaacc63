//go:build !purego

package limits

import "golang.org/x/sys/cpu"

func widths() []int {
	var w []int
	if cpu.X86.HasAVX512F {
		w = append(w, 512)
	}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		w = append(w, 256)
	}
	return w
}

//go:noescape
func fma512(iters int)

//go:noescape
func fma256(iters int)

//go:noescape
func read512(p *float64, n, reps int) float64

//go:noescape
func read256(p *float64, n, reps int) float64

func fma(width, iters int) {
	if width == 512 {
		fma512(iters)
		return
	}
	fma256(iters)
}

func read(width int, p *float64, n, reps int) float64 {
	if width == 512 {
		return read512(p, n, reps)
	}
	return read256(p, n, reps)
}

// fmaChains is the number of independent multiply-add chains of a round
// of fma512 and fma256.
const fmaChains = 12

// adds runs rounds ≥ 1 rounds of AddsPerRound dependent adds of step and
// returns their sum.
func adds(rounds int, step uint64) uint64

const hasAdds = true
