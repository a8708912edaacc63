//go:build !purego

package kernel

func tanh64(dst, x []float64) { tanh64Generic(dst, x) }
func tanh32(dst, x []float32) { tanh32Generic(dst, x) }
