// ZERO8 clears eight vector registers, as the accumulators of the
// AVX-512 Gemv and Gemm kernels before each block: VPXORQ of a register
// with itself, which the CPU recognises as independent of the old value.
#define ZERO8(a, b, c, d, e, f, g, h) \
	VPXORQ a, a, a; \
	VPXORQ b, b, b; \
	VPXORQ c, c, c; \
	VPXORQ d, d, d; \
	VPXORQ e, e, e; \
	VPXORQ f, f, f; \
	VPXORQ g, g, g; \
	VPXORQ h, h, h
