//go:build !purego

#include "textflag.h"
#include "tail_avx2_amd64.h"
#include "step_amd64.h"

// The element-wise parts of a time step, for AVX2: Leak (the leaky
// integration x += k·(e - x)) and Cube/CubeDiff (the cubes that feed the
// eligibility product), the macros of step_amd64.h on YMM vectors. Tails
// go through VMASKMOVPD/VMASKMOVPS with the mask of the first n%4 (n%8)
// lanes.

#define PX SI
#define PY DI
#define PD R8
#define N CX
#define J AX
#define END BX
#define TBL DX
#define K Y15
#define MASK Y14
#define V0 Y0
#define V1 Y1
#define V2 Y2
#define V3 Y3
#define W0 Y8
#define W1 Y9
#define VB 32

// TAILMASK loads the mask of the last n%LANES elements into MASK, or
// jumps to done when there are none.
#define TAILMASK(SZ, LANES) TAILAVX2(N, SZ, LANES, END, TBL, MASK, done)

// The tails: MASK from tailMaskAVX2, then one masked pass.
#define LEAKTAIL(TLD, TST, SUB, MUL, ADD, SZ, LANES) \
	TAILMASK(SZ, LANES); \
	LEAKPART(TLD, TST, SUB, MUL, ADD, SZ, Y0, Y2, K)

#define CUBETAIL(TLD, TST, SUB, MUL, SZ, LANES, SUBYTAIL) \
	TAILMASK(SZ, LANES); \
	CUBEPART(TLD, TST, SUB, MUL, SZ, SUBYTAIL, Y0, Y8, Y4)

// func leak64AVX2(k float64, e, x *float64, n int)
// Requires: AVX, AVX2
TEXT ·leak64AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSD k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	LEAK(VMOVUPD, VMASKMOVPD, VMASKMOVPD, VSUBPD, VMULPD, VADDPD, 8, 4, 8)
	RET

// func leak32AVX2(k float32, e, x *float32, n int)
// Requires: AVX, AVX2
TEXT ·leak32AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSS k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	LEAK(VMOVUPS, VMASKMOVPS, VMASKMOVPS, VSUBPS, VMULPS, VADDPS, 4, 8, 16)
	RET

// func cube64AVX2(dst, x *float64, n int)
// Requires: AVX, AVX2
TEXT ·cube64AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	CUBE(VMOVUPD, VMASKMOVPD, VMASKMOVPD, VSUBPD, VMULPD, 8, 4, 8, NOY, NOYTAIL)
	RET

// func cube32AVX2(dst, x *float32, n int)
// Requires: AVX, AVX2
TEXT ·cube32AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	CUBE(VMOVUPS, VMASKMOVPS, VMASKMOVPS, VSUBPS, VMULPS, 4, 8, 16, NOY, NOYTAIL)
	RET

// func cubeDiff64AVX2(dst, x, y *float64, n int)
// Requires: AVX, AVX2
TEXT ·cubeDiff64AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	CUBE(VMOVUPD, VMASKMOVPD, VMASKMOVPD, VSUBPD, VMULPD, 8, 4, 8, WITHY, WITHYTAIL)
	RET

// func cubeDiff32AVX2(dst, x, y *float32, n int)
// Requires: AVX, AVX2
TEXT ·cubeDiff32AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	CUBE(VMOVUPS, VMASKMOVPS, VMASKMOVPS, VSUBPS, VMULPS, 4, 8, 16, WITHY, WITHYTAIL)
	RET
