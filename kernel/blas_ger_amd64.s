//go:build !purego

#include "textflag.h"
#include "tail_avx2_amd64.h"
#include "ger_amd64.h"

// Ger (A += alpha·x·yᵀ) and CubeGer (A += x³·(y³)ᵀ) for AVX2+FMA: the
// GER macro of ger_amd64.h on YMM vectors. Column tails use
// VMASKMOVPD/VMASKMOVPS loads and stores, which touch only the first n%4
// (n%8) lanes.

#define M AX
#define N BX
#define J CX
#define PX DX
#define PY SI
#define PA0 DI
#define PA1 R8
#define PA2 R9
#define PA3 R10
#define LDA R11
#define END R12
#define TBL R13
#define C0 Y0
#define C1 Y1
#define C2 Y2
#define C3 Y3
#define YV Y4
#define T0 Y5
#define T1 Y6
#define T2 Y7
#define T3 Y8
#define MASK Y9
#define ALPHA Y10
#define TMP Y11

// GERMASK: MASK selects the first n%LANES lanes (from tailMaskAVX2).
#define GERMASK(SZ, LANES) MASKAVX2(N, SZ, LANES, END, TBL, MASK)

// func ger64AVX2(m, n int, alpha float64, x, y, a *float64, lda int)
// Requires: AVX, AVX2, FMA
TEXT ·ger64AVX2(SB), NOSPLIT, $0-56
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSD alpha+16(FP), ALPHA
	MOVQ         x+24(FP), PX
	MOVQ         y+32(FP), PY
	MOVQ         a+40(FP), PA0
	MOVQ         lda+48(FP), LDA
	GER(VMOVUPD, VMASKMOVPD, VMASKMOVPD, VFMADD231PD, VMOVSD, VMULSD, VMULPD, VBROADCASTSD, 8, 3, 4, 8, 16, 24, 32, ALPHAX, ASIS)
	RET

// func ger32AVX2(m, n int, alpha float32, x, y, a *float32, lda int)
// Requires: AVX, AVX2, FMA
TEXT ·ger32AVX2(SB), NOSPLIT, $0-56
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSS alpha+16(FP), ALPHA
	MOVQ         x+24(FP), PX
	MOVQ         y+32(FP), PY
	MOVQ         a+40(FP), PA0
	MOVQ         lda+48(FP), LDA
	GER(VMOVUPS, VMASKMOVPS, VMASKMOVPS, VFMADD231PS, VMOVSS, VMULSS, VMULPS, VBROADCASTSS, 4, 2, 8, 4, 8, 12, 16, ALPHAX, ASIS)
	RET

// func cubeGer64AVX2(m, n int, x, y, a *float64, lda int)
// Requires: AVX, AVX2, FMA
TEXT ·cubeGer64AVX2(SB), NOSPLIT, $0-48
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	MOVQ x+16(FP), PX
	MOVQ y+24(FP), PY
	MOVQ a+32(FP), PA0
	MOVQ lda+40(FP), LDA
	GER(VMOVUPD, VMASKMOVPD, VMASKMOVPD, VFMADD231PD, VMOVSD, VMULSD, VMULPD, VBROADCASTSD, 8, 3, 4, 8, 16, 24, 32, CUBEX, CUBEY)
	RET

// func cubeGer32AVX2(m, n int, x, y, a *float32, lda int)
// Requires: AVX, AVX2, FMA
TEXT ·cubeGer32AVX2(SB), NOSPLIT, $0-48
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	MOVQ x+16(FP), PX
	MOVQ y+24(FP), PY
	MOVQ a+32(FP), PA0
	MOVQ lda+40(FP), LDA
	GER(VMOVUPS, VMASKMOVPS, VMASKMOVPS, VFMADD231PS, VMOVSS, VMULSS, VMULPS, VBROADCASTSS, 4, 2, 8, 4, 8, 12, 16, CUBEX, CUBEY)
	RET
