//go:build (!amd64 && !arm64) || purego

package limits

func widths() []int { return nil }

func fma(width, iters int) {}

func read(width int, p *float64, n, reps int) float64 { return 0 }

const fmaChains = 12

func adds(rounds int, step uint64) uint64 { return 0 }

const hasAdds = false
