//go:build (!amd64 && !arm64) || purego

package kernel

func tier() string { return "generic" }

func tiers() []string { return []string{"generic"} }

// missingTiers: this build has no assembly at all.
func missingTiers() map[string]string {
	return map[string]string{"assembly": "built with -tags purego or for an architecture without assembly kernels"}
}

func setTier(string) (restore func()) { return func() {} }

func dot64(x, y []float64) float64                   { return dotGeneric(x, y) }
func dot32(x, y []float32) float32                   { return dotGeneric(x, y) }
func axpy64(alpha float64, x, y []float64)           { axpyGeneric(alpha, x, y) }
func axpy32(alpha float32, x, y []float32)           { axpyGeneric(alpha, x, y) }
func scal64(alpha float64, x []float64)              { scalGeneric(alpha, x) }
func scal32(alpha float32, x []float32)              { scalGeneric(alpha, x) }
func tanh64(dst, x []float64)                        { tanh64Generic(dst, x) }
func tanh32(dst, x []float32)                        { tanh32Generic(dst, x) }
func cubeGer64(m, n int, x, y, a []float64, lda int) { cubeGerGeneric(m, n, x, y, a, lda) }
func cubeGer32(m, n int, x, y, a []float32, lda int) { cubeGerGeneric(m, n, x, y, a, lda) }

func gemv64(m, n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	gemvGeneric(m, n, alpha, a, lda, x, beta, y)
}

func gemv32(m, n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	gemvGeneric(m, n, alpha, a, lda, x, beta, y)
}

func gemvMulti64(m, n, k int, a []float64, lda int, x []float64, ldx int, y []float64, ldy int) {
	gemvMultiGeneric(m, n, k, a, lda, x, ldx, y, ldy)
}

func gemvMulti32(m, n, k int, a []float32, lda int, x []float32, ldx int, y []float32, ldy int) {
	gemvMultiGeneric(m, n, k, a, lda, x, ldx, y, ldy)
}

func ger64(m, n int, alpha float64, x, y, a []float64, lda int) {
	gerGeneric(m, n, alpha, x, y, a, lda)
}
func ger32(m, n int, alpha float32, x, y, a []float32, lda int) {
	gerGeneric(m, n, alpha, x, y, a, lda)
}

func gemmTN64(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

func gemmTN32(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

func maskedUpdate64(m, n int, alpha, limit float64, e []float64, lde int, w []float64, ldw int) (int, float64) {
	return maskedUpdateGeneric(m, n, alpha, limit, e, lde, w, ldw)
}

func maskedUpdate32(m, n int, alpha, limit float32, e []float32, lde int, w []float32, ldw int) (int, float64) {
	return maskedUpdateGeneric(m, n, alpha, limit, e, lde, w, ldw)
}
