//go:build !amd64 || purego

package kernel

// Leak and the cubes are short element-wise loops between a time step's
// matrix-vector product and its tanh; outside amd64's AVX2 tier (on arm64
// too) they are the generic Go code.

func leak64(k float64, e, x []float64) { leakGeneric(k, e, x) }
func leak32(k float32, e, x []float32) { leakGeneric(k, e, x) }
func cube64(dst, x []float64)          { cubeGeneric(dst, x) }
func cube32(dst, x []float32)          { cubeGeneric(dst, x) }
func cubeDiff64(dst, x, y []float64)   { cubeDiffGeneric(dst, x, y) }
func cubeDiff32(dst, x, y []float32)   { cubeDiffGeneric(dst, x, y) }
