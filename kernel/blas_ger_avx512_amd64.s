//go:build !purego

#include "textflag.h"
#include "ger_amd64.h"

// Ger (A += alpha·x·yᵀ) and CubeGer (A += x³·(y³)ᵀ) for AVX-512F.
//
// The GER macro of ger_amd64.h, shared with AVX2, on ZMM vectors. The
// last n%LANES columns of every row are loaded (zeroing the other lanes)
// and stored under the opmask K1.

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
#define C0 Z0
#define C1 Z1
#define C2 Z2
#define C3 Z3
#define YV Z4
#define T0 Z5
#define T1 Z6
#define T2 Z7
#define T3 Z8
#define ALPHA Z10
#define TMP Z11
#define MASK K1

// GERMASK: the opmask MASK (K1) selects the first n%LANES lanes, built
// in END with the shift count in J (CX).
#define GERMASK(SZ, LANES) \
	MOVQ  N, CX; \
	ANDQ  $(LANES-1), CX; \
	MOVQ  $1, END; \
	SHLQ  CX, END; \
	DECQ  END; \
	KMOVQ END, MASK

// func ger64AVX512(m, n int, alpha float64, x, y, a *float64, lda int)
// Requires: AVX512F, AVX512BW
TEXT ·ger64AVX512(SB), NOSPLIT, $0-56
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSD alpha+16(FP), ALPHA
	MOVQ         x+24(FP), PX
	MOVQ         y+32(FP), PY
	MOVQ         a+40(FP), PA0
	MOVQ         lda+48(FP), LDA
	GER(VMOVUPD, VMOVUPD.Z, VMOVUPD, VFMADD231PD, VMOVSD, VMULSD, VMULPD, VBROADCASTSD, 8, 3, 8, 8, 16, 24, 32, ALPHAX, ASIS)
	RET

// func ger32AVX512(m, n int, alpha float32, x, y, a *float32, lda int)
// Requires: AVX512F, AVX512BW
TEXT ·ger32AVX512(SB), NOSPLIT, $0-56
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSS alpha+16(FP), ALPHA
	MOVQ         x+24(FP), PX
	MOVQ         y+32(FP), PY
	MOVQ         a+40(FP), PA0
	MOVQ         lda+48(FP), LDA
	GER(VMOVUPS, VMOVUPS.Z, VMOVUPS, VFMADD231PS, VMOVSS, VMULSS, VMULPS, VBROADCASTSS, 4, 2, 16, 4, 8, 12, 16, ALPHAX, ASIS)
	RET

// func cubeGer64AVX512(m, n int, x, y, a *float64, lda int)
// Requires: AVX512F, AVX512BW
TEXT ·cubeGer64AVX512(SB), NOSPLIT, $0-48
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	MOVQ x+16(FP), PX
	MOVQ y+24(FP), PY
	MOVQ a+32(FP), PA0
	MOVQ lda+40(FP), LDA
	GER(VMOVUPD, VMOVUPD.Z, VMOVUPD, VFMADD231PD, VMOVSD, VMULSD, VMULPD, VBROADCASTSD, 8, 3, 8, 8, 16, 24, 32, CUBEX, CUBEY)
	RET

// func cubeGer32AVX512(m, n int, x, y, a *float32, lda int)
// Requires: AVX512F, AVX512BW
TEXT ·cubeGer32AVX512(SB), NOSPLIT, $0-48
	MOVQ m+0(FP), M
	MOVQ n+8(FP), N
	MOVQ x+16(FP), PX
	MOVQ y+24(FP), PY
	MOVQ a+32(FP), PA0
	MOVQ lda+40(FP), LDA
	GER(VMOVUPS, VMOVUPS.Z, VMOVUPS, VFMADD231PS, VMOVSS, VMULSS, VMULPS, VBROADCASTSS, 4, 2, 16, 4, 8, 12, 16, CUBEX, CUBEY)
	RET
