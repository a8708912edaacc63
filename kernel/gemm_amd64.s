//go:build !purego

#include "textflag.h"

// Micro-kernels of GemmTN (see gemm_amd64.go and gemm.go). A 6×2-vector
// tile of C is accumulated in Y0..Y11 (row r in Y(2r), Y(2r+1)) over k
// steps; each step loads one row of the packed B sliver (two vectors, rows
// ldb apart) and broadcasts the six packed values of Aᵀ, one per row of the
// tile. At the end the tile of C is updated once: C += alpha·acc.

#define K CX
#define K4 R8
#define PA SI
#define PB DI
#define PC DX
#define LDC BX
#define LDB R12
#define B0 Y12
#define B1 Y13
#define AV0 Y14
#define AV1 Y15
#define ALPHA Y14

// One step of k: C(6×2 vectors) += a(6) ⊗ b(2 vectors), and a prefetch of
// B eight steps ahead (a hint only: near the end of the sliver it may name
// an address past it, which PREFETCHT0 neither faults on nor reads into a
// register). The offsets O1..O5 of a[1..5] and the size of a's six values
// (ASTEP) are in bytes of the precision.
#define KSTEP(MOV, BCAST, FMA, O1, O2, O3, O4, O5, ASTEP) \
	PREFETCHT0 (PB)(LDB*8);   \
	MOV        (PB), B0;      \
	MOV        32(PB), B1;    \
	BCAST      (PA), AV0;     \
	FMA        B0, AV0, Y0;   \
	FMA        B1, AV0, Y1;   \
	BCAST      O1(PA), AV1;   \
	FMA        B0, AV1, Y2;   \
	FMA        B1, AV1, Y3;   \
	BCAST      O2(PA), AV0;   \
	FMA        B0, AV0, Y4;   \
	FMA        B1, AV0, Y5;   \
	BCAST      O3(PA), AV1;   \
	FMA        B0, AV1, Y6;   \
	FMA        B1, AV1, Y7;   \
	BCAST      O4(PA), AV0;   \
	FMA        B0, AV0, Y8;   \
	FMA        B1, AV0, Y9;   \
	BCAST      O5(PA), AV1;   \
	FMA        B0, AV1, Y10;  \
	FMA        B1, AV1, Y11;  \
	ADDQ       $ASTEP, PA;    \
	ADDQ       LDB, PB

// Row update: C[row] += alpha·(acc0, acc1), then the next row.
#define ROW(MOV, FMA, acc0, acc1) \
	MOV  (PC), B0;           \
	MOV  32(PC), B1;         \
	FMA  ALPHA, acc0, B0;    \
	FMA  ALPHA, acc1, B1;    \
	MOV  B0, (PC);           \
	MOV  B1, 32(PC);         \
	ADDQ LDC, PC

// GEMMKERNEL is the first part of gemmKernel64AVX2 and gemmKernel32AVX2,
// after the TEXT has loaded its arguments (K, PA, PB, LDB in elements, PC,
// LDC in elements): the instructions of one precision, log2 SHIFT of its
// size, and KSTEP's offsets. It leaves the tile's sums in Y0..Y11; the TEXT
// then broadcasts alpha into ALPHA and ends with GEMMUPDATE. Labels are
// local to each TEXT.
#define GEMMKERNEL(MOV, BCAST, FMA, XOR, SHIFT, O1, O2, O3, O4, O5, ASTEP) \
	SHLQ $SHIFT, LDB; \
	SHLQ $SHIFT, LDC; \
	/* Prefetch the tile of C, needed only at the end (both ends of */ \
	/* each 64-byte row, which may straddle two cache lines). */ \
	MOVQ       PC, R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
	PREFETCHT0 (R9)(LDC*1); \
	PREFETCHT0 63(R9)(LDC*1); \
	LEAQ       (R9)(LDC*2), R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
	PREFETCHT0 (R9)(LDC*1); \
	PREFETCHT0 63(R9)(LDC*1); \
	LEAQ       (R9)(LDC*2), R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
	PREFETCHT0 (R9)(LDC*1); \
	PREFETCHT0 63(R9)(LDC*1); \
	/* Clear the accumulators. */ \
	XOR Y0, Y0, Y0; \
	XOR Y1, Y1, Y1; \
	XOR Y2, Y2, Y2; \
	XOR Y3, Y3, Y3; \
	XOR Y4, Y4, Y4; \
	XOR Y5, Y5, Y5; \
	XOR Y6, Y6, Y6; \
	XOR Y7, Y7, Y7; \
	XOR Y8, Y8, Y8; \
	XOR Y9, Y9, Y9; \
	XOR Y10, Y10, Y10; \
	XOR Y11, Y11, Y11; \
	/* Four steps per iteration, then the remaining k mod 4. */ \
	MOVQ K, K4; \
	ANDQ $3, K; \
	SHRQ $2, K4; \
	JZ   tail; \
loop: \
	KSTEP(MOV, BCAST, FMA, O1, O2, O3, O4, O5, ASTEP); \
	KSTEP(MOV, BCAST, FMA, O1, O2, O3, O4, O5, ASTEP); \
	KSTEP(MOV, BCAST, FMA, O1, O2, O3, O4, O5, ASTEP); \
	KSTEP(MOV, BCAST, FMA, O1, O2, O3, O4, O5, ASTEP); \
	DECQ K4; \
	JNZ  loop; \
tail: \
	TESTQ K, K; \
	JZ    done; \
looptail: \
	KSTEP(MOV, BCAST, FMA, O1, O2, O3, O4, O5, ASTEP); \
	DECQ K; \
	JNZ  looptail; \
done:

// GEMMUPDATE ends gemmKernel64AVX2 and gemmKernel32AVX2: C += alpha·acc,
// row by row, with alpha in ALPHA.
#define GEMMUPDATE(MOV, FMA) \
	ROW(MOV, FMA, Y0, Y1); \
	ROW(MOV, FMA, Y2, Y3); \
	ROW(MOV, FMA, Y4, Y5); \
	ROW(MOV, FMA, Y6, Y7); \
	ROW(MOV, FMA, Y8, Y9); \
	ROW(MOV, FMA, Y10, Y11); \
	VZEROUPPER

// func gemmKernel64AVX2(k int, ap, bp *float64, ldb int, c *float64, ldc int, alpha float64)
// Requires: AVX, FMA3. C(6×8) += alpha·Aᵀ·B over k steps.
TEXT ·gemmKernel64AVX2(SB), NOSPLIT, $0-56
	MOVQ         k+0(FP), K
	MOVQ         ap+8(FP), PA
	MOVQ         bp+16(FP), PB
	MOVQ         ldb+24(FP), LDB
	MOVQ         c+32(FP), PC
	MOVQ         ldc+40(FP), LDC
	GEMMKERNEL(VMOVUPD, VBROADCASTSD, VFMADD231PD, VXORPD, 3, 8, 16, 24, 32, 40, 48)
	VBROADCASTSD alpha+48(FP), ALPHA
	GEMMUPDATE(VMOVUPD, VFMADD231PD)
	RET

// func gemmKernel32AVX2(k int, ap, bp *float32, ldb int, c *float32, ldc int, alpha float32)
// Requires: AVX, FMA3. C(6×16) += alpha·Aᵀ·B over k steps.
TEXT ·gemmKernel32AVX2(SB), NOSPLIT, $0-52
	MOVQ         k+0(FP), K
	MOVQ         ap+8(FP), PA
	MOVQ         bp+16(FP), PB
	MOVQ         ldb+24(FP), LDB
	MOVQ         c+32(FP), PC
	MOVQ         ldc+40(FP), LDC
	GEMMKERNEL(VMOVUPS, VBROADCASTSS, VFMADD231PS, VXORPS, 2, 4, 8, 12, 16, 20, 24)
	VBROADCASTSS alpha+48(FP), ALPHA
	GEMMUPDATE(VMOVUPS, VFMADD231PS)
	RET

#define PDST DI
#define PSRC SI
#define NG CX
#define STEP DX
#define WIDTH BX

// func gemmPackRowAVX2(dst, src unsafe.Pointer, n, step, width int)
// Requires: AVX.
TEXT ·gemmPackRowAVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), PDST
	MOVQ src+8(FP), PSRC
	MOVQ n+16(FP), NG
	MOVQ step+24(FP), STEP
	MOVQ width+32(FP), WIDTH

	// Pick the loop for the group width.
	CMPQ WIDTH, $64
	JEQ  w64
	CMPQ WIDTH, $48
	JEQ  w48
	CMPQ WIDTH, $32
	JEQ  w32

	// 24 bytes: one XMM and one quadword.
w24:
	VMOVUPS (PSRC), X0
	MOVQ    16(PSRC), AX
	VMOVUPS X0, (PDST)
	MOVQ    AX, 16(PDST)
	ADDQ    $24, PSRC
	ADDQ    STEP, PDST
	DECQ    NG
	JNZ     w24
	RET

	// 32 bytes: one YMM.
w32:
	VMOVUPS (PSRC), Y0
	VMOVUPS Y0, (PDST)
	ADDQ    $32, PSRC
	ADDQ    STEP, PDST
	DECQ    NG
	JNZ     w32
	VZEROUPPER
	RET

	// 48 bytes: one YMM and one XMM.
w48:
	VMOVUPS (PSRC), Y0
	VMOVUPS 32(PSRC), X1
	VMOVUPS Y0, (PDST)
	VMOVUPS X1, 32(PDST)
	ADDQ    $48, PSRC
	ADDQ    STEP, PDST
	DECQ    NG
	JNZ     w48
	VZEROUPPER
	RET

	// 64 bytes: two YMM.
w64:
	VMOVUPS (PSRC), Y0
	VMOVUPS 32(PSRC), Y1
	VMOVUPS Y0, (PDST)
	VMOVUPS Y1, 32(PDST)
	ADDQ    $64, PSRC
	ADDQ    STEP, PDST
	DECQ    NG
	JNZ     w64
	VZEROUPPER
	RET
