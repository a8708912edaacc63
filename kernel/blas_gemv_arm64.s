//go:build !purego

#include "textflag.h"
#include "neon_arm64.h"

// Gemv (y = alpha·A·x + beta·y) and GemvMulti (four products A·x_c at
// once) for NEON, each one macro for both precisions. Parameters: the lane
// arrangement ARR (D2 or S4) and element EL (D or S), LANES per vector,
// the scalar move FMOV and element size ESZ, SHIFT = log2(ESZ), SZ for the
// WORD encodings of neon_arm64.h, and per-precision hooks (below) for
// what depends on how many row sums fit a vector. Columns go two vectors
// per step, then one, then one at a time in lane 0 (a scalar load zeroes
// the other lanes); each row or vector has two accumulators, V(16+2r) and
// V(17+2r). Labels are local to each TEXT.

#define M R0
#define N R1
#define A R2
#define LDA R3
// Gemv
#define X R4
#define Y R5
#define R0P R6
#define R1P R7
#define R2P R8
#define R3P R9
#define XP R10
#define CNT R11
// GemvMulti
#define X0 R4
#define X1 R5
#define X2 R6
#define X3 R7
#define Y0 R8
#define Y1 R9
#define Y2 R10
#define Y3 R11
#define RP R12
#define XC0 R13
#define XC1 R14
#define XC2 R15
#define XC3 R16
#define MCNT R17

// SUMS4 adds the two accumulators of each of four rows and the lanes:
// the four sums land in V24 (float64: s0, s1) and V25 (s2, s3), or in V24
// alone (float32: s0..s3).
#define SUMS4(SZ) \
	VFADD(SZ, 17, 16, 16); \
	VFADD(SZ, 19, 18, 18); \
	VFADD(SZ, 21, 20, 20); \
	VFADD(SZ, 23, 22, 22); \
	VFADDP(SZ, 18, 16, 24); \
	VFADDP(SZ, 22, 20, 25)
#define SUMS4F64 SUMS4(1)
#define SUMS4F32 SUMS4(0); VFADDP(0, 25, 24, 24)

// Gemv's four row sums: times alpha (V28), + beta (V29) · y, stored.
#define SCALE4F64 SUMS4F64; VFMUL(1, 28, 24, 24); VFMUL(1, 28, 25, 25)
#define SCALE4F32 SUMS4F32; VFMUL(0, 28, 24, 24)
#define BETA4F64 \
	VLD1  (Y), [V26.D2, V27.D2]; \
	VFMLA V29.D2, V26.D2, V24.D2; \
	VFMLA V29.D2, V27.D2, V25.D2
#define BETA4F32 \
	VLD1  (Y), [V26.S4]; \
	VFMLA V29.S4, V26.S4, V24.S4
#define STORE4F64 VST1.P [V24.D2, V25.D2], 32(Y)
#define STORE4F32 VST1.P [V24.S4], 16(Y)

// GemvMulti's four sums, one element to each output.
#define STOREMF64 \
	VST1.P V24.D[0], 8(Y0); \
	VST1.P V24.D[1], 8(Y1); \
	VST1.P V25.D[0], 8(Y2); \
	VST1.P V25.D[1], 8(Y3)
#define STOREMF32 \
	VST1.P V24.S[0], 4(Y0); \
	VST1.P V24.S[1], 4(Y1); \
	VST1.P V24.S[2], 4(Y2); \
	VST1.P V24.S[3], 4(Y3)

// COLS4 accumulates the columns of four streams P0..P3 against the shared
// stream S (gemv: four rows of A against x; GemvMulti: four vectors
// against one row of A) into V16-V23, CNT columns, ending at label done.
#define COLS4(ARR, LANES, FMOV, ESZ, S, P0, P1, P2, P3, C, done) \
two: \
	CMP    $(2*LANES), C; \
	BLT    one; \
	VLD1.P 32(S), [V0.ARR, V1.ARR]; \
	VLD1.P 32(P0), [V2.ARR, V3.ARR]; \
	VLD1.P 32(P1), [V4.ARR, V5.ARR]; \
	VLD1.P 32(P2), [V6.ARR, V7.ARR]; \
	VLD1.P 32(P3), [V8.ARR, V9.ARR]; \
	VFMLA  V0.ARR, V2.ARR, V16.ARR; \
	VFMLA  V1.ARR, V3.ARR, V17.ARR; \
	VFMLA  V0.ARR, V4.ARR, V18.ARR; \
	VFMLA  V1.ARR, V5.ARR, V19.ARR; \
	VFMLA  V0.ARR, V6.ARR, V20.ARR; \
	VFMLA  V1.ARR, V7.ARR, V21.ARR; \
	VFMLA  V0.ARR, V8.ARR, V22.ARR; \
	VFMLA  V1.ARR, V9.ARR, V23.ARR; \
	SUB    $(2*LANES), C; \
	B      two; \
one: \
	CMP    $LANES, C; \
	BLT    single; \
	VLD1.P 16(S), [V0.ARR]; \
	VLD1.P 16(P0), [V2.ARR]; \
	VLD1.P 16(P1), [V4.ARR]; \
	VLD1.P 16(P2), [V6.ARR]; \
	VLD1.P 16(P3), [V8.ARR]; \
	VFMLA  V0.ARR, V2.ARR, V16.ARR; \
	VFMLA  V0.ARR, V4.ARR, V18.ARR; \
	VFMLA  V0.ARR, V6.ARR, V20.ARR; \
	VFMLA  V0.ARR, V8.ARR, V22.ARR; \
	SUB    $LANES, C; \
single: \
	CBZ    C, done; \
	FMOV.P ESZ(S), F0; \
	FMOV.P ESZ(P0), F2; \
	FMOV.P ESZ(P1), F4; \
	FMOV.P ESZ(P2), F6; \
	FMOV.P ESZ(P3), F8; \
	VFMLA  V0.ARR, V2.ARR, V17.ARR; \
	VFMLA  V0.ARR, V4.ARR, V19.ARR; \
	VFMLA  V0.ARR, V6.ARR, V21.ARR; \
	VFMLA  V0.ARR, V8.ARR, V23.ARR; \
	SUB    $1, C; \
	B      single

// ZERO8 clears the accumulators V16-V23.
#define ZERO8 \
	ZERO4(V16, V17, V18, V19); \
	ZERO4(V20, V21, V22, V23)

// GEMV: four rows at a time, x loaded once for the four; leftover rows
// one at a time. y is not read when beta == 0. The TEXT loads the
// arguments first: M, N, alpha in F28, A, LDA (in elements), X, beta in
// F29 and Y.
#define GEMV(ARR, EL, LANES, FMOV, ESZ, SHIFT, SZ, FMUL, FMADD, FCMP, HSUM, SCALE4, BETA4, STORE4) \
	LSL  $SHIFT, LDA; \
	VDUP V28.EL[0], V28.ARR; \
	VDUP V29.EL[0], V29.ARR; \
rows4: \
	CMP  $4, M; \
	BLT  rows1; \
	MOVD A, R0P; \
	ADD  LDA, R0P, R1P; \
	ADD  LDA, R1P, R2P; \
	ADD  LDA, R2P, R3P; \
	MOVD X, XP; \
	MOVD N, CNT; \
	ZERO8; \
	COLS4(ARR, LANES, FMOV, ESZ, XP, R0P, R1P, R2P, R3P, CNT, reduce4); \
reduce4: \
	SCALE4; \
	FCMP $(0.0), F29; \
	BEQ  store4; \
	BETA4; \
store4: \
	STORE4; \
	ADD  LDA<<2, A, A; \
	SUB  $4, M; \
	B    rows4; \
rows1: \
	CBZ  M, done; \
	MOVD A, R0P; \
	MOVD X, XP; \
	MOVD N, CNT; \
	ZERO(V16); \
	ZERO(V17); \
r1two: \
	CMP    $(2*LANES), CNT; \
	BLT    r1one; \
	VLD1.P 32(XP), [V0.ARR, V1.ARR]; \
	VLD1.P 32(R0P), [V2.ARR, V3.ARR]; \
	VFMLA  V0.ARR, V2.ARR, V16.ARR; \
	VFMLA  V1.ARR, V3.ARR, V17.ARR; \
	SUB    $(2*LANES), CNT; \
	B      r1two; \
r1one: \
	CMP    $LANES, CNT; \
	BLT    r1single; \
	VLD1.P 16(XP), [V0.ARR]; \
	VLD1.P 16(R0P), [V2.ARR]; \
	VFMLA  V0.ARR, V2.ARR, V16.ARR; \
	SUB    $LANES, CNT; \
r1single: \
	CBZ    CNT, reduce1; \
	FMOV.P ESZ(XP), F0; \
	FMOV.P ESZ(R0P), F2; \
	VFMLA  V0.ARR, V2.ARR, V17.ARR; \
	SUB    $1, CNT; \
	B      r1single; \
reduce1: \
	/* F16 = alpha·s (+ beta·y). */ \
	VFADD(SZ, 17, 16, 16); \
	HSUM(16); \
	FMUL  F28, F16, F16; \
	FCMP  $(0.0), F29; \
	BEQ   store1; \
	FMOV  (Y), F1; \
	FMADD F29, F16, F1, F16; \
store1: \
	FMOV.P F16, ESZ(Y); \
	ADD    LDA, A, A; \
	SUB    $1, M; \
	B      rows1; \
done:

// GEMVMULTI: for each row i of A, y_c[i] = Σ_j a[i*lda+j]·x_c[j] for
// c = 0..3, the row read once. Slots may repeat a vector (same x and y
// pointers): it then stores the same value twice. The TEXT loads the
// arguments first: M, N, A, LDA (in elements), X0-X3 and Y0-Y3.
#define GEMVMULTI(ARR, LANES, FMOV, ESZ, SHIFT, SUMS4, STOREM) \
	LSL  $SHIFT, LDA; \
row: \
	MOVD A, RP; \
	MOVD X0, XC0; \
	MOVD X1, XC1; \
	MOVD X2, XC2; \
	MOVD X3, XC3; \
	MOVD N, MCNT; \
	ZERO8; \
	COLS4(ARR, LANES, FMOV, ESZ, RP, XC0, XC1, XC2, XC3, MCNT, reduce); \
reduce: \
	SUMS4; \
	STOREM; \
	ADD  LDA, A, A; \
	SUBS $1, M; \
	BNE  row

// func gemv64NEON(m, n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64)
// Requires: NEON. m ≥ 1; A is m×n with stride lda; y is not read when
// beta == 0.
TEXT ·gemv64NEON(SB), NOSPLIT, $0-112
	MOVD  m+0(FP), M
	MOVD  n+8(FP), N
	FMOVD alpha+16(FP), F28
	MOVD  a_base+24(FP), A
	MOVD  lda+48(FP), LDA
	MOVD  x_base+56(FP), X
	FMOVD beta+80(FP), F29
	MOVD  y_base+88(FP), Y
	GEMV(D2, D, 2, FMOVD, 8, 3, 1, FMULD, FMADDD, FCMPD, HSUM64, SCALE4F64, BETA4F64, STORE4F64)
	RET

// func gemv32NEON(m, n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32)
// Requires: NEON. m ≥ 1; A is m×n with stride lda; y is not read when
// beta == 0.
TEXT ·gemv32NEON(SB), NOSPLIT, $0-112
	MOVD  m+0(FP), M
	MOVD  n+8(FP), N
	FMOVS alpha+16(FP), F28
	MOVD  a_base+24(FP), A
	MOVD  lda+48(FP), LDA
	MOVD  x_base+56(FP), X
	FMOVS beta+80(FP), F29
	MOVD  y_base+88(FP), Y
	GEMV(S4, S, 4, FMOVS, 4, 2, 0, FMULS, FMADDS, FCMPS, HSUM32, SCALE4F32, BETA4F32, STORE4F32)
	RET

// func gemvMulti4x64NEON(m, n int, a []float64, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float64)
// Requires: NEON. m ≥ 1, n ≥ 1; x0..x3 point at n elements, y0..y3 at m.
TEXT ·gemvMulti4x64NEON(SB), NOSPLIT, $0-112
	MOVD m+0(FP), M
	MOVD n+8(FP), N
	MOVD a_base+16(FP), A
	MOVD lda+40(FP), LDA
	MOVD x0+48(FP), X0
	MOVD x1+56(FP), X1
	MOVD x2+64(FP), X2
	MOVD x3+72(FP), X3
	MOVD y0+80(FP), Y0
	MOVD y1+88(FP), Y1
	MOVD y2+96(FP), Y2
	MOVD y3+104(FP), Y3
	GEMVMULTI(D2, 2, FMOVD, 8, 3, SUMS4F64, STOREMF64)
	RET

// func gemvMulti4x32NEON(m, n int, a []float32, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float32)
// Requires: NEON. m ≥ 1, n ≥ 1; x0..x3 point at n elements, y0..y3 at m.
TEXT ·gemvMulti4x32NEON(SB), NOSPLIT, $0-112
	MOVD m+0(FP), M
	MOVD n+8(FP), N
	MOVD a_base+16(FP), A
	MOVD lda+40(FP), LDA
	MOVD x0+48(FP), X0
	MOVD x1+56(FP), X1
	MOVD x2+64(FP), X2
	MOVD x3+72(FP), X3
	MOVD y0+80(FP), Y0
	MOVD y1+88(FP), Y1
	MOVD y2+96(FP), Y2
	MOVD y3+104(FP), Y3
	GEMVMULTI(S4, 4, FMOVS, 4, 2, SUMS4F32, STOREMF32)
	RET
