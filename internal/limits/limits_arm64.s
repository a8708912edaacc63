//go:build arm64 && !purego

#include "textflag.h"

// The probes of limits_arm64.go, on 128-bit NEON vectors. fma128 keeps
// 24 independent accumulators (V0..V23 += V28·V29), enough for four FMA
// pipes of latency four or more. read128 multiplies each vector it loads
// by one (V31) into an accumulator (eight, V16..V23: the multiply-add is
// the only add with an arm64 mnemonic here; by one it is exact) and
// leaves the accumulators of the last pass in acc.

#define ZERO4(A, B, C, D) \
	VEOR A.B16, A.B16, A.B16; \
	VEOR B.B16, B.B16, B.B16; \
	VEOR C.B16, C.B16, C.B16; \
	VEOR D.B16, D.B16, D.B16

#define FMLA4(M, N, A, B, C, D) \
	VFMLA M.D2, N.D2, A.D2; \
	VFMLA M.D2, N.D2, B.D2; \
	VFMLA M.D2, N.D2, C.D2; \
	VFMLA M.D2, N.D2, D.D2

// LOAD4 loads the next 64 bytes at R0 into V0..V3 and adds them (times
// one) into A..D.
#define LOAD4(A, B, C, D) \
	VLD1.P 64(R0), [V0.D2, V1.D2, V2.D2, V3.D2]; \
	VFMLA  V31.D2, V0.D2, A.D2; \
	VFMLA  V31.D2, V1.D2, B.D2; \
	VFMLA  V31.D2, V2.D2, C.D2; \
	VFMLA  V31.D2, V3.D2, D.D2

// func fma128(iters int)
TEXT ·fma128(SB), NOSPLIT, $0-8
	MOVD iters+0(FP), R0
	ZERO4(V0, V1, V2, V3)
	ZERO4(V4, V5, V6, V7)
	ZERO4(V8, V9, V10, V11)
	ZERO4(V12, V13, V14, V15)
	ZERO4(V16, V17, V18, V19)
	ZERO4(V20, V21, V22, V23)
	ZERO4(V28, V29, V28, V29)
loop:
	FMLA4(V28, V29, V0, V1, V2, V3)
	FMLA4(V28, V29, V4, V5, V6, V7)
	FMLA4(V28, V29, V8, V9, V10, V11)
	FMLA4(V28, V29, V12, V13, V14, V15)
	FMLA4(V28, V29, V16, V17, V18, V19)
	FMLA4(V28, V29, V20, V21, V22, V23)
	SUBS $1, R0, R0
	BNE  loop
	RET

// func read128(p *float64, n, reps int, acc *[16]float64)
TEXT ·read128(SB), NOSPLIT, $0-32
	MOVD  reps+16(FP), R2
	FMOVD $1.0, F31
	VDUP  V31.D[0], V31.D2
rep:
	ZERO4(V16, V17, V18, V19)
	ZERO4(V20, V21, V22, V23)
	MOVD p+0(FP), R0
	MOVD n+8(FP), R1
	LSR  $6, R1, R1
chunk:
	LOAD4(V16, V17, V18, V19)
	LOAD4(V20, V21, V22, V23)
	LOAD4(V16, V17, V18, V19)
	LOAD4(V20, V21, V22, V23)
	LOAD4(V16, V17, V18, V19)
	LOAD4(V20, V21, V22, V23)
	LOAD4(V16, V17, V18, V19)
	LOAD4(V20, V21, V22, V23)
	SUBS $1, R1, R1
	BNE  chunk
	SUBS $1, R2, R2
	BNE  rep
	MOVD acc+24(FP), R3
	VST1.P [V16.D2, V17.D2, V18.D2, V19.D2], 64(R3)
	VST1   [V20.D2, V21.D2, V22.D2, V23.D2], (R3)
	RET

// ADD4R adds S into A four times, each add waiting for the one before.
#define ADD4R(S, A) \
	ADD S, A, A; \
	ADD S, A, A; \
	ADD S, A, A; \
	ADD S, A, A

// func adds(rounds int, step uint64) uint64
//
// The clock probe: rounds of eight dependent adds of a register, one
// cycle each.
TEXT ·adds(SB), NOSPLIT, $0-24
	MOVD rounds+0(FP), R2
	MOVD step+8(FP), R1
	MOVD $0, R0
loop:
	ADD4R(R1, R0)
	ADD4R(R1, R0)
	SUBS $1, R2, R2
	BNE  loop
	MOVD R0, ret+16(FP)
	RET
