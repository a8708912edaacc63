//go:build !purego

#include "textflag.h"
#include "tail_avx512_amd64.h"
#include "step_amd64.h"

// The element-wise parts of a time step, for AVX-512 (F, VL): Leak (the
// leaky integration x += k·(e - x)) and Cube/CubeDiff (the cubes that feed
// the eligibility product), the macros of step_amd64.h on ZMM vectors. The
// last n%LANES elements are loaded with zeroing masks and stored under the
// mask K1 = (1<<(n%LANES))-1, so nothing outside the slices is read or
// written; a tail of at most LANES/2 elements goes through YMM registers
// (NARROW).

#define PX SI
#define PY DI
#define PD R9
#define N R8
#define J AX
#define END BX
#define K Z15
#define MASK K1
#define V0 Z0
#define V1 Z1
#define V2 Z2
#define V3 Z3
#define W0 Z8
#define W1 Z9
#define VB 64

// TAILK sets K1 to the first n%LANES lanes and jumps to done when there
// is no tail.
#define TAILK(LANES) \
	TAILMASK(N, LANES, END, MASK); \
	JZ done

// The tails: MASK (K1) selects the first n%LANES lanes, which go through
// ZMM registers, or their YMM halves when they fit in half a vector
// (NARROW).
#define LEAKTAIL(TLD, TST, SUB, MUL, ADD, SZ, LANES) \
	TAILK(LANES); \
	NARROW(LANES, narrow); \
	LEAKPART(TLD, TST, SUB, MUL, ADD, SZ, Z0, Z2, Z15); \
	JMP  done; \
narrow: \
	LEAKPART(TLD, TST, SUB, MUL, ADD, SZ, Y0, Y2, Y15)

#define CUBETAIL(TLD, TST, SUB, MUL, SZ, LANES, SUBYTAIL) \
	TAILK(LANES); \
	NARROW(LANES, narrow); \
	CUBEPART(TLD, TST, SUB, MUL, SZ, SUBYTAIL, Z0, Z8, Z4); \
	JMP  done; \
narrow: \
	CUBEPART(TLD, TST, SUB, MUL, SZ, SUBYTAIL, Y0, Y8, Y4)

// func leak64AVX512(k float64, e, x *float64, n int)
// Requires: AVX512F, AVX512VL
TEXT ·leak64AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSD k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	LEAK(VMOVUPD, VMOVUPD.Z, VMOVUPD, VSUBPD, VMULPD, VADDPD, 8, 8, 16)
	RET

// func leak32AVX512(k float32, e, x *float32, n int)
// Requires: AVX512F, AVX512VL
TEXT ·leak32AVX512(SB), NOSPLIT, $0-32
	VBROADCASTSS k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	LEAK(VMOVUPS, VMOVUPS.Z, VMOVUPS, VSUBPS, VMULPS, VADDPS, 4, 16, 32)
	RET

// func cube64AVX512(dst, x *float64, n int)
// Requires: AVX512F, AVX512VL
TEXT ·cube64AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	CUBE(VMOVUPD, VMOVUPD.Z, VMOVUPD, VSUBPD, VMULPD, 8, 8, 16, NOY, NOYTAIL)
	RET

// func cube32AVX512(dst, x *float32, n int)
// Requires: AVX512F, AVX512VL
TEXT ·cube32AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	CUBE(VMOVUPS, VMOVUPS.Z, VMOVUPS, VSUBPS, VMULPS, 4, 16, 32, NOY, NOYTAIL)
	RET

// func cubeDiff64AVX512(dst, x, y *float64, n int)
// Requires: AVX512F, AVX512VL
TEXT ·cubeDiff64AVX512(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	CUBE(VMOVUPD, VMOVUPD.Z, VMOVUPD, VSUBPD, VMULPD, 8, 8, 16, WITHY, WITHYTAIL)
	RET

// func cubeDiff32AVX512(dst, x, y *float32, n int)
// Requires: AVX512F, AVX512VL
TEXT ·cubeDiff32AVX512(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	CUBE(VMOVUPS, VMOVUPS.Z, VMOVUPS, VSUBPS, VMULPS, 4, 16, 32, WITHY, WITHYTAIL)
	RET

#undef PX
#undef PY
#undef PD
#undef N
#undef J
#undef END
#undef K
#undef MASK
#undef V0
#undef V1
#undef V2
#undef V3
#undef W0
#undef W1
#undef VB
