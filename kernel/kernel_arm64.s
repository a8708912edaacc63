//go:build !purego

#include "textflag.h"
#include "neon_arm64.h"

// Level-1 NEON kernels: Dot, Axpy and Scal. Each is one macro for both
// precisions, given the lane arrangement ARR (D2 or S4) and element EL (D
// or S), LANES per vector, the scalar move FMOV (FMOVD or FMOVS) and
// element size ESZ, and SZ for the WORD encodings of neon_arm64.h. Four
// vectors per step, then one, then the last elements one at a time in
// lane 0 (a scalar load zeroes the other lanes): nothing outside the
// slices is read or written. Labels are local to each TEXT.

#define XP R0
#define N R1
#define YP R2
#define YW R3

// DOT leaves x·y in F16, given x at XP, its length in N and y at YP
// (loaded by the TEXT). Four accumulators V16-V19; HSUM (HSUM64 or HSUM32)
// adds the lanes.
#define DOT(ARR, LANES, FMOV, ESZ, SZ, HSUM) \
	ZERO4(V16, V17, V18, V19); \
loop: \
	CMP    $(4*LANES), N; \
	BLT    one; \
	VLD1.P 64(XP), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]; \
	VLD1.P 64(YP), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]; \
	VFMLA  V0.ARR, V4.ARR, V16.ARR; \
	VFMLA  V1.ARR, V5.ARR, V17.ARR; \
	VFMLA  V2.ARR, V6.ARR, V18.ARR; \
	VFMLA  V3.ARR, V7.ARR, V19.ARR; \
	SUB    $(4*LANES), N; \
	B      loop; \
one: \
	CMP    $LANES, N; \
	BLT    tail; \
	VLD1.P 16(XP), [V0.ARR]; \
	VLD1.P 16(YP), [V4.ARR]; \
	VFMLA  V0.ARR, V4.ARR, V16.ARR; \
	SUB    $LANES, N; \
	B      one; \
tail: \
	CBZ    N, sum; \
	FMOV.P ESZ(XP), F0; \
	FMOV.P ESZ(YP), F4; \
	VFMLA  V0.ARR, V4.ARR, V17.ARR; \
	SUB    $1, N; \
	B      tail; \
sum: \
	/* Add the accumulators, then the lanes. */ \
	VFADD(SZ, 17, 16, 16); \
	VFADD(SZ, 19, 18, 18); \
	VFADD(SZ, 18, 16, 16); \
	HSUM(16)

// AXPY: y += alpha·x, alpha in every lane of V31 (AXPYLOOP, neon_arm64.h),
// given alpha in F31, x at XP, its length in N and y at YP (loaded by the
// TEXT).
#define AXPY(ARR, EL, LANES, FMOV, ESZ, FMADD) \
	MOVD YP, YW; \
	VDUP V31.EL[0], V31.ARR; \
	AXPYLOOP(ARR, LANES, FMOV, NONE, FMADD, ESZ, 0, V31, F31, XP, YP, YW, N, NOHOOK, NOHOOK, NOHOOK, done); \
done:

// SCAL: x *= alpha, alpha in every lane of V31; FMUL the scalar multiply.
// Given alpha in F31, x at XP and its length in N (loaded by the TEXT).
#define SCAL(ARR, EL, LANES, FMOV, ESZ, SZ, FMUL) \
	MOVD XP, YW; \
	VDUP V31.EL[0], V31.ARR; \
loop: \
	CMP    $(4*LANES), N; \
	BLT    one; \
	VLD1.P 64(XP), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]; \
	VFMUL(SZ, 31, 0, 0); \
	VFMUL(SZ, 31, 1, 1); \
	VFMUL(SZ, 31, 2, 2); \
	VFMUL(SZ, 31, 3, 3); \
	VST1.P [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(YW); \
	SUB    $(4*LANES), N; \
	B      loop; \
one: \
	CMP    $LANES, N; \
	BLT    tail; \
	VLD1.P 16(XP), [V0.ARR]; \
	VFMUL(SZ, 31, 0, 0); \
	VST1.P [V0.ARR], 16(YW); \
	SUB    $LANES, N; \
	B      one; \
tail: \
	CBZ    N, done; \
	FMOV.P ESZ(XP), F0; \
	FMUL   F31, F0, F0; \
	FMOV.P F0, ESZ(YW); \
	SUB    $1, N; \
	B      tail; \
done:

// func dot64NEON(x, y []float64) float64
// Requires: NEON. len(y) == len(x).
TEXT ·dot64NEON(SB), NOSPLIT, $0-56
	MOVD x_base+0(FP), XP
	MOVD x_len+8(FP), N
	MOVD y_base+24(FP), YP
	DOT(D2, 2, FMOVD, 8, 1, HSUM64)
	FMOVD F16, ret+48(FP)
	RET

// func dot32NEON(x, y []float32) float32
// Requires: NEON. len(y) == len(x).
TEXT ·dot32NEON(SB), NOSPLIT, $0-52
	MOVD x_base+0(FP), XP
	MOVD x_len+8(FP), N
	MOVD y_base+24(FP), YP
	DOT(S4, 4, FMOVS, 4, 0, HSUM32)
	FMOVS F16, ret+48(FP)
	RET

// func axpy64NEON(alpha float64, x, y []float64)
// Requires: NEON. len(y) == len(x).
TEXT ·axpy64NEON(SB), NOSPLIT, $0-56
	FMOVD alpha+0(FP), F31
	MOVD  x_base+8(FP), XP
	MOVD  x_len+16(FP), N
	MOVD  y_base+32(FP), YP
	AXPY(D2, D, 2, FMOVD, 8, FMADDD)
	RET

// func axpy32NEON(alpha float32, x, y []float32)
// Requires: NEON. len(y) == len(x).
TEXT ·axpy32NEON(SB), NOSPLIT, $0-56
	FMOVS alpha+0(FP), F31
	MOVD  x_base+8(FP), XP
	MOVD  x_len+16(FP), N
	MOVD  y_base+32(FP), YP
	AXPY(S4, S, 4, FMOVS, 4, FMADDS)
	RET

// func scal64NEON(alpha float64, x []float64)
// Requires: NEON.
TEXT ·scal64NEON(SB), NOSPLIT, $0-32
	FMOVD alpha+0(FP), F31
	MOVD  x_base+8(FP), XP
	MOVD  x_len+16(FP), N
	SCAL(D2, D, 2, FMOVD, 8, 1, FMULD)
	RET

// func scal32NEON(alpha float32, x []float32)
// Requires: NEON.
TEXT ·scal32NEON(SB), NOSPLIT, $0-32
	FMOVS alpha+0(FP), F31
	MOVD  x_base+8(FP), XP
	MOVD  x_len+16(FP), N
	SCAL(S4, S, 4, FMOVS, 4, 0, FMULS)
	RET
