//go:build !purego

#include "textflag.h"
#include "neon_arm64.h"

// Ger (a[i*lda+j] += (alpha·x[i])·y[j]) and CubeGer (a[i*lda+j] +=
// x[i]³·y[j]³) for NEON: one macro for both kernels and both precisions,
// one row of A at a time. Parameters: the lane arrangement ARR (D2 or S4)
// and element EL (D or S), LANES per vector, the scalar instructions FMOV,
// FMUL and FMADD, element size ESZ, SZ for the WORD encodings of
// neon_arm64.h, and the hooks of the kernel: ROW sets F30 to the row's
// factor from x[i], VEC4/VEC1 and ONE replace y in V0-V3, V0 or F0 by the
// value that multiplies it (nothing for Ger, y³ for CubeGer). The columns
// go through AXPYLOOP (neon_arm64.h). Labels are local to each TEXT.

#define M R0
#define N R1
#define X R2
#define Y R3
#define A R4
#define LDA R5
#define AP R6
#define AW R7
#define YP R8
#define CNT R9

#define RANK1(ARR, EL, LANES, FMOV, FMUL, FMADD, ESZ, SZ, ROW, VEC4, VEC1, ONE) \
row: \
	ROW(FMOV, FMUL, ESZ); \
	VDUP V30.EL[0], V30.ARR; \
	MOVD A, AP; \
	MOVD A, AW; \
	MOVD Y, YP; \
	MOVD N, CNT; \
	AXPYLOOP(ARR, LANES, FMOV, FMUL, FMADD, ESZ, SZ, V30, F30, YP, AP, AW, CNT, VEC4, VEC1, ONE, next); \
next: \
	ADD  LDA, A, A; \
	SUBS $1, M; \
	BNE  row

// Ger's hooks: F30 = alpha (F31) · x[i].
#define GERROW(FMOV, FMUL, ESZ) \
	FMOV.P ESZ(X), F30; \
	FMUL   F31, F30, F30

// CubeGer's hooks: F30 = x[i]³; y³ in place.
#define CUBEROW(FMOV, FMUL, ESZ) \
	FMOV.P ESZ(X), F31; \
	FMUL   F31, F31, F30; \
	FMUL   F31, F30, F30
#define CUBE4(SZ) \
	VFMUL(SZ, 0, 0, 8); \
	VFMUL(SZ, 1, 1, 9); \
	VFMUL(SZ, 2, 2, 10); \
	VFMUL(SZ, 3, 3, 11); \
	VFMUL(SZ, 8, 0, 0); \
	VFMUL(SZ, 9, 1, 1); \
	VFMUL(SZ, 10, 2, 2); \
	VFMUL(SZ, 11, 3, 3)
#define CUBE1(SZ) \
	VFMUL(SZ, 0, 0, 8); \
	VFMUL(SZ, 8, 0, 0)
#define CUBEONE(FMUL) \
	FMUL F0, F0, F8; \
	FMUL F8, F0, F0

// GER and CUBEGER run RANK1 with their hooks, after the TEXT has loaded
// the arguments: M, N, (Ger) alpha in F31, X, Y, A and LDA in elements
// (scaled here by SHIFT = log2(ESZ)).
#define GER(ARR, EL, LANES, FMOV, FMUL, FMADD, ESZ, SHIFT, SZ) \
	LSL  $SHIFT, LDA; \
	RANK1(ARR, EL, LANES, FMOV, FMUL, FMADD, ESZ, SZ, GERROW, NOHOOK, NOHOOK, NOHOOK)
#define CUBEGER(ARR, EL, LANES, FMOV, FMUL, FMADD, ESZ, SHIFT, SZ) \
	LSL  $SHIFT, LDA; \
	RANK1(ARR, EL, LANES, FMOV, FMUL, FMADD, ESZ, SZ, CUBEROW, CUBE4, CUBE1, CUBEONE)

// func ger64NEON(m, n int, alpha float64, x, y, a []float64, lda int)
// Requires: NEON. m, n ≥ 1.
TEXT ·ger64NEON(SB), NOSPLIT, $0-104
	MOVD  m+0(FP), M
	MOVD  n+8(FP), N
	FMOVD alpha+16(FP), F31
	MOVD  x_base+24(FP), X
	MOVD  y_base+48(FP), Y
	MOVD  a_base+72(FP), A
	MOVD  lda+96(FP), LDA
	GER(D2, D, 2, FMOVD, FMULD, FMADDD, 8, 3, 1)
	RET

// func ger32NEON(m, n int, alpha float32, x, y, a []float32, lda int)
// Requires: NEON. m, n ≥ 1.
TEXT ·ger32NEON(SB), NOSPLIT, $0-104
	MOVD  m+0(FP), M
	MOVD  n+8(FP), N
	FMOVS alpha+16(FP), F31
	MOVD  x_base+24(FP), X
	MOVD  y_base+48(FP), Y
	MOVD  a_base+72(FP), A
	MOVD  lda+96(FP), LDA
	GER(S4, S, 4, FMOVS, FMULS, FMADDS, 4, 2, 0)
	RET

// func cubeGer64NEON(m, n int, x, y, a []float64, lda int)
// Requires: NEON. m, n ≥ 1.
TEXT ·cubeGer64NEON(SB), NOSPLIT, $0-96
	MOVD m+0(FP), M
	MOVD n+8(FP), N
	MOVD x_base+16(FP), X
	MOVD y_base+40(FP), Y
	MOVD a_base+64(FP), A
	MOVD lda+88(FP), LDA
	CUBEGER(D2, D, 2, FMOVD, FMULD, FMADDD, 8, 3, 1)
	RET

// func cubeGer32NEON(m, n int, x, y, a []float32, lda int)
// Requires: NEON. m, n ≥ 1.
TEXT ·cubeGer32NEON(SB), NOSPLIT, $0-96
	MOVD m+0(FP), M
	MOVD n+8(FP), N
	MOVD x_base+16(FP), X
	MOVD y_base+40(FP), Y
	MOVD a_base+64(FP), A
	MOVD lda+88(FP), LDA
	CUBEGER(S4, S, 4, FMOVS, FMULS, FMADDS, 4, 2, 0)
	RET
