//go:build !purego

package kernel

func gemmTN64(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

func gemmTN32(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	gemmTNGeneric(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}
