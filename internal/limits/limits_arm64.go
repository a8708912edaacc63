//go:build !purego

package limits

// NEON is part of every arm64 CPU: one probe width, 128 bits.
func widths() []int { return []int{128} }

// fmaChains is the number of independent multiply-add chains of a round
// of fma128.
const fmaChains = 24

//go:noescape
func fma128(iters int)

//go:noescape
func read128(p *float64, n, reps int, acc *[16]float64)

func fma(width, iters int) { fma128(iters) }

func read(width int, p *float64, n, reps int) float64 {
	var acc [16]float64
	read128(p, n, reps, &acc)
	s := 0.0
	for _, v := range acc {
		s += v
	}
	return s
}

// adds runs rounds ≥ 1 rounds of AddsPerRound dependent adds of step and
// returns their sum.
func adds(rounds int, step uint64) uint64

const hasAdds = true
