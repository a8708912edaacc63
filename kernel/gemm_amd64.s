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

// One step of k in float64: C(6×8) += a(6) ⊗ b(8), and a prefetch of B
// eight steps ahead (a hint only: near the end of the sliver it may name an
// address past it, which PREFETCHT0 neither faults on nor reads into a
// register).
#define STEP64 \
	PREFETCHT0   (PB)(LDB*8);     \
	VMOVUPD      (PB), B0;        \
	VMOVUPD      32(PB), B1;      \
	VBROADCASTSD (PA), AV0;       \
	VFMADD231PD  B0, AV0, Y0;     \
	VFMADD231PD  B1, AV0, Y1;     \
	VBROADCASTSD 8(PA), AV1;      \
	VFMADD231PD  B0, AV1, Y2;     \
	VFMADD231PD  B1, AV1, Y3;     \
	VBROADCASTSD 16(PA), AV0;     \
	VFMADD231PD  B0, AV0, Y4;     \
	VFMADD231PD  B1, AV0, Y5;     \
	VBROADCASTSD 24(PA), AV1;     \
	VFMADD231PD  B0, AV1, Y6;     \
	VFMADD231PD  B1, AV1, Y7;     \
	VBROADCASTSD 32(PA), AV0;     \
	VFMADD231PD  B0, AV0, Y8;     \
	VFMADD231PD  B1, AV0, Y9;     \
	VBROADCASTSD 40(PA), AV1;     \
	VFMADD231PD  B0, AV1, Y10;    \
	VFMADD231PD  B1, AV1, Y11;    \
	ADDQ         $48, PA;         \
	ADDQ         LDB, PB

// Row update in float64: C[row] += alpha·(acc0, acc1), then the next row.
#define ROW64(acc0, acc1) \
	VMOVUPD     (PC), B0;          \
	VMOVUPD     32(PC), B1;        \
	VFMADD231PD ALPHA, acc0, B0;   \
	VFMADD231PD ALPHA, acc1, B1;   \
	VMOVUPD     B0, (PC);          \
	VMOVUPD     B1, 32(PC);        \
	ADDQ        LDC, PC

// func gemmKernel64(k int, ap, bp *float64, ldb int, c *float64, ldc int, alpha float64)
// Requires: AVX, FMA3.
TEXT ·gemmKernel64(SB), NOSPLIT, $0-56
	MOVQ k+0(FP), K
	MOVQ ap+8(FP), PA
	MOVQ bp+16(FP), PB
	MOVQ ldb+24(FP), LDB
	MOVQ c+32(FP), PC
	MOVQ ldc+40(FP), LDC
	SHLQ $3, LDB                // strides in bytes
	SHLQ $3, LDC

	// Prefetch the tile of C, needed only at the end (both ends of each
	// 64-byte row, which may straddle two cache lines).
	MOVQ       PC, R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	PREFETCHT0 (R9)(LDC*1)
	PREFETCHT0 63(R9)(LDC*1)
	LEAQ       (R9)(LDC*2), R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	PREFETCHT0 (R9)(LDC*1)
	PREFETCHT0 63(R9)(LDC*1)
	LEAQ       (R9)(LDC*2), R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	PREFETCHT0 (R9)(LDC*1)
	PREFETCHT0 63(R9)(LDC*1)

	// Clear the accumulators.
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11

	// Four steps per iteration, then the remaining k mod 4.
	MOVQ K, K4
	ANDQ $3, K
	SHRQ $2, K4
	JZ   tail64

loop64:
	STEP64
	STEP64
	STEP64
	STEP64
	DECQ K4
	JNZ  loop64

tail64:
	TESTQ K, K
	JZ    done64

loop64tail:
	STEP64
	DECQ K
	JNZ  loop64tail

done64:
	// C += alpha·acc, row by row.
	VBROADCASTSD alpha+48(FP), ALPHA
	ROW64(Y0, Y1)
	ROW64(Y2, Y3)
	ROW64(Y4, Y5)
	ROW64(Y6, Y7)
	ROW64(Y8, Y9)
	ROW64(Y10, Y11)
	VZEROUPPER
	RET

// One step of k in float32: C(6×16) += a(6) ⊗ b(16), and a prefetch of B
// eight steps ahead.
#define STEP32 \
	PREFETCHT0   (PB)(LDB*8);     \
	VMOVUPS      (PB), B0;        \
	VMOVUPS      32(PB), B1;      \
	VBROADCASTSS (PA), AV0;       \
	VFMADD231PS  B0, AV0, Y0;     \
	VFMADD231PS  B1, AV0, Y1;     \
	VBROADCASTSS 4(PA), AV1;      \
	VFMADD231PS  B0, AV1, Y2;     \
	VFMADD231PS  B1, AV1, Y3;     \
	VBROADCASTSS 8(PA), AV0;      \
	VFMADD231PS  B0, AV0, Y4;     \
	VFMADD231PS  B1, AV0, Y5;     \
	VBROADCASTSS 12(PA), AV1;     \
	VFMADD231PS  B0, AV1, Y6;     \
	VFMADD231PS  B1, AV1, Y7;     \
	VBROADCASTSS 16(PA), AV0;     \
	VFMADD231PS  B0, AV0, Y8;     \
	VFMADD231PS  B1, AV0, Y9;     \
	VBROADCASTSS 20(PA), AV1;     \
	VFMADD231PS  B0, AV1, Y10;    \
	VFMADD231PS  B1, AV1, Y11;    \
	ADDQ         $24, PA;         \
	ADDQ         LDB, PB

// Row update in float32.
#define ROW32(acc0, acc1) \
	VMOVUPS     (PC), B0;          \
	VMOVUPS     32(PC), B1;        \
	VFMADD231PS ALPHA, acc0, B0;   \
	VFMADD231PS ALPHA, acc1, B1;   \
	VMOVUPS     B0, (PC);          \
	VMOVUPS     B1, 32(PC);        \
	ADDQ        LDC, PC

// func gemmKernel32(k int, ap, bp *float32, ldb int, c *float32, ldc int, alpha float32)
// Requires: AVX, FMA3.
TEXT ·gemmKernel32(SB), NOSPLIT, $0-52
	MOVQ k+0(FP), K
	MOVQ ap+8(FP), PA
	MOVQ bp+16(FP), PB
	MOVQ ldb+24(FP), LDB
	MOVQ c+32(FP), PC
	MOVQ ldc+40(FP), LDC
	SHLQ $2, LDB                // strides in bytes
	SHLQ $2, LDC

	// Prefetch the tile of C, needed only at the end (both ends of each
	// 64-byte row, which may straddle two cache lines).
	MOVQ       PC, R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	PREFETCHT0 (R9)(LDC*1)
	PREFETCHT0 63(R9)(LDC*1)
	LEAQ       (R9)(LDC*2), R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	PREFETCHT0 (R9)(LDC*1)
	PREFETCHT0 63(R9)(LDC*1)
	LEAQ       (R9)(LDC*2), R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	PREFETCHT0 (R9)(LDC*1)
	PREFETCHT0 63(R9)(LDC*1)

	// Clear the accumulators.
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11

	// Four steps per iteration, then the remaining k mod 4.
	MOVQ K, K4
	ANDQ $3, K
	SHRQ $2, K4
	JZ   tail32

loop32:
	STEP32
	STEP32
	STEP32
	STEP32
	DECQ K4
	JNZ  loop32

tail32:
	TESTQ K, K
	JZ    done32

loop32tail:
	STEP32
	DECQ K
	JNZ  loop32tail

done32:
	// C += alpha·acc, row by row.
	VBROADCASTSS alpha+48(FP), ALPHA
	ROW32(Y0, Y1)
	ROW32(Y2, Y3)
	ROW32(Y4, Y5)
	ROW32(Y6, Y7)
	ROW32(Y8, Y9)
	ROW32(Y10, Y11)
	VZEROUPPER
	RET

#define PDST DI
#define PSRC SI
#define NG CX
#define STEP DX
#define WIDTH BX

// func gemmPackRow(dst, src unsafe.Pointer, n, step, width int)
// Requires: AVX.
TEXT ·gemmPackRow(SB), NOSPLIT, $0-40
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
