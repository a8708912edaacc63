//go:build amd64 && !purego

#include "textflag.h"

// The probes of limits_amd64.go. fma* keeps twelve independent accumulators
// (R0..R11 += R12·R13): with a latency of four cycles and two FMA units,
// eight would do; twelve leave a margin. read* adds each vector it loads
// into an accumulator of its own (eight of 512 bits, sixteen of 256), and
// returns their sum from the last pass. The macros take ZMM or YMM
// registers alike.

#define ZERO4(A, B, C, D) \
	VXORPD A, A, A; \
	VXORPD B, B, B; \
	VXORPD C, C, C; \
	VXORPD D, D, D

#define FMA4(M, N, A, B, C, D) \
	VFMADD231PD M, N, A; \
	VFMADD231PD M, N, B; \
	VFMADD231PD M, N, C; \
	VFMADD231PD M, N, D

// ADD4 adds the vectors at the offsets O0..O3 from SI into A..D.
#define ADD4(O0, O1, O2, O3, A, B, C, D) \
	VADDPD O0(SI), A, A; \
	VADDPD O1(SI), B, B; \
	VADDPD O2(SI), C, C; \
	VADDPD O3(SI), D, D

// SUM4 adds B, C and D into A.
#define SUM4(A, B, C, D) \
	VADDPD B, A, A; \
	VADDPD C, A, A; \
	VADDPD D, A, A

// func fma512(iters int)
TEXT ·fma512(SB), NOSPLIT, $0-8
	MOVQ iters+0(FP), CX
	ZERO4(Z0, Z1, Z2, Z3)
	ZERO4(Z4, Z5, Z6, Z7)
	ZERO4(Z8, Z9, Z10, Z11)
	ZERO4(Z12, Z13, Z12, Z13)
loop:
	FMA4(Z12, Z13, Z0, Z1, Z2, Z3)
	FMA4(Z12, Z13, Z4, Z5, Z6, Z7)
	FMA4(Z12, Z13, Z8, Z9, Z10, Z11)
	DECQ CX
	JNZ  loop
	VZEROUPPER
	RET

// func fma256(iters int)
TEXT ·fma256(SB), NOSPLIT, $0-8
	MOVQ iters+0(FP), CX
	ZERO4(Y0, Y1, Y2, Y3)
	ZERO4(Y4, Y5, Y6, Y7)
	ZERO4(Y8, Y9, Y10, Y11)
	ZERO4(Y12, Y13, Y12, Y13)
loop:
	FMA4(Y12, Y13, Y0, Y1, Y2, Y3)
	FMA4(Y12, Y13, Y4, Y5, Y6, Y7)
	FMA4(Y12, Y13, Y8, Y9, Y10, Y11)
	DECQ CX
	JNZ  loop
	VZEROUPPER
	RET

// func read512(p *float64, n, reps int) float64
TEXT ·read512(SB), NOSPLIT, $0-32
	MOVQ reps+16(FP), DX
rep:
	ZERO4(Z0, Z1, Z2, Z3)
	ZERO4(Z4, Z5, Z6, Z7)
	MOVQ p+0(FP), SI
	MOVQ n+8(FP), CX
	SHRQ $6, CX
chunk:
	ADD4(0, 64, 128, 192, Z0, Z1, Z2, Z3)
	ADD4(256, 320, 384, 448, Z4, Z5, Z6, Z7)
	ADDQ $512, SI
	DECQ CX
	JNZ  chunk
	DECQ DX
	JNZ  rep
	SUM4(Z0, Z1, Z2, Z3)
	SUM4(Z0, Z4, Z5, Z6)
	VADDPD        Z7, Z0, Z0
	VEXTRACTF64X4 $1, Z0, Y1
	VADDPD        Y1, Y0, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0
	VHADDPD       X0, X0, X0
	MOVSD         X0, ret+24(FP)
	VZEROUPPER
	RET

// func read256(p *float64, n, reps int) float64
TEXT ·read256(SB), NOSPLIT, $0-32
	MOVQ reps+16(FP), DX
rep:
	ZERO4(Y0, Y1, Y2, Y3)
	ZERO4(Y4, Y5, Y6, Y7)
	ZERO4(Y8, Y9, Y10, Y11)
	ZERO4(Y12, Y13, Y14, Y15)
	MOVQ p+0(FP), SI
	MOVQ n+8(FP), CX
	SHRQ $6, CX
chunk:
	ADD4(0, 32, 64, 96, Y0, Y1, Y2, Y3)
	ADD4(128, 160, 192, 224, Y4, Y5, Y6, Y7)
	ADD4(256, 288, 320, 352, Y8, Y9, Y10, Y11)
	ADD4(384, 416, 448, 480, Y12, Y13, Y14, Y15)
	ADDQ $512, SI
	DECQ CX
	JNZ  chunk
	DECQ DX
	JNZ  rep
	SUM4(Y0, Y1, Y2, Y3)
	SUM4(Y0, Y4, Y5, Y6)
	SUM4(Y0, Y7, Y8, Y9)
	SUM4(Y0, Y10, Y11, Y12)
	SUM4(Y0, Y13, Y14, Y15)
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0
	MOVSD        X0, ret+24(FP)
	VZEROUPPER
	RET

// ADD4R adds S into A four times, each add waiting for the one before.
#define ADD4R(S, A) \
	ADDQ S, A; \
	ADDQ S, A; \
	ADDQ S, A; \
	ADDQ S, A

// func adds(rounds int, step uint64) uint64
//
// The clock probe: rounds of eight dependent adds of a register, one
// cycle each. Register operands, not an immediate: some cores fold a
// chain of adds of an immediate when they rename it, and the chain then
// takes no cycles at all.
TEXT ·adds(SB), NOSPLIT, $0-24
	MOVQ rounds+0(FP), CX
	MOVQ step+8(FP), BX
	XORQ AX, AX
loop:
	ADD4R(BX, AX)
	ADD4R(BX, AX)
	DECQ CX
	JNZ  loop
	MOVQ AX, ret+16(FP)
	RET
