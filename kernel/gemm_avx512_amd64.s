//go:build !purego

#include "textflag.h"
#include "zero_avx512_amd64.h"

// AVX-512 micro-kernels and packer of GemmTN (see gemm_avx512_amd64.go).
//
// A tile of 8 rows × 3 ZMM vectors of C (24 float64 or 48 float32
// columns) is accumulated in Z0..Z23 (row r in Z(3r), Z(3r+1), Z(3r+2))
// over k steps. Each step loads one row of a sliver of B (three vectors,
// 192 bytes: packed, or in place by the packing twins, which store it
// packed) and broadcasts the eight values of Aᵀ of the step (8
// consecutive elements of a row of A, in place or packed), one per row.
// Edge tiles run the same code: when the tile has at most two (one)
// vectors of valid columns, a loop with 16 (8) FMAs per step skips the
// zero columns, and the final update C += alpha·acc loads and stores C
// under the column masks K1..K3 and stops after the valid rows, so no
// element outside the tile is read or written. Every element of C is the
// same chain of FMAs over k whatever tile it falls in.

#define K R8
#define KQ R9
#define RW R10
#define PA SI
#define PB DI
#define PC DX
#define LDC BX
#define LDA R12
#define LDB R11
#define PP R13
#define PF R11
#define PFS R13
#define B0 Z24
#define B1 Z25
#define B2 Z26
#define AV0 Z27
#define AV1 Z28
#define AV2 Z29
#define AV3 Z30
#define ALPHA Z31

// One row of the tile in one step: broadcast a[OFF] into AV and add
// AV·B into the row's 3, 2 or 1 accumulators.
#define ROW3(BCAST, FMA, OFF, AV, a0, a1, a2) \
	BCAST OFF(PA), AV; \
	FMA   B0, AV, a0;  \
	FMA   B1, AV, a1;  \
	FMA   B2, AV, a2

#define ROW2(BCAST, FMA, OFF, AV, a0, a1, a2) \
	BCAST OFF(PA), AV; \
	FMA   B0, AV, a0;  \
	FMA   B1, AV, a1

#define ROW1(BCAST, FMA, OFF, AV, a0, a1, a2) \
	BCAST OFF(PA), AV; \
	FMA   B0, AV, a0

// The loads of the first 3, 2 or 1 vectors of a step of B, and the step
// to the next one: from a packed sliver (LOADB*: rows 192 bytes apart),
// or from B in place, under the column masks, storing what they load
// into the packed sliver at PP (LOADBP*: rows LDB bytes apart), so that
// the first tile of a column sliver packs it for the others.
#define LOADB3(MOV, MOVZ) \
	MOV  (PB), B0;   \
	MOV  64(PB), B1; \
	MOV  128(PB), B2; \
	ADDQ $192, PB

#define LOADB2(MOV, MOVZ) \
	MOV  (PB), B0;   \
	MOV  64(PB), B1; \
	ADDQ $192, PB

#define LOADB1(MOV, MOVZ) \
	MOV  (PB), B0; \
	ADDQ $192, PB

#define LOADBP3(MOV, MOVZ) \
	MOVZ (PB), K1, B0;   \
	MOVZ 64(PB), K2, B1; \
	MOVZ 128(PB), K3, B2; \
	MOV  B0, (PP);       \
	MOV  B1, 64(PP);     \
	MOV  B2, 128(PP);    \
	ADDQ LDB, PB;        \
	ADDQ $192, PP

#define LOADBP2(MOV, MOVZ) \
	MOVZ (PB), K1, B0;   \
	MOVZ 64(PB), K2, B1; \
	MOV  B0, (PP);       \
	MOV  B1, 64(PP);     \
	ADDQ LDB, PB;        \
	ADDQ $192, PP

#define LOADBP1(MOV, MOVZ) \
	MOVZ (PB), K1, B0; \
	MOV  B0, (PP);     \
	ADDQ LDB, PB;      \
	ADDQ $192, PP

// One step of k with the macros of NV vectors: a prefetch of the values
// of Aᵀ eight steps ahead (in place, A is read from L2 or L3 by the first
// tile of a row sliver; a hint only, harmless past the end), the loads of
// NV vectors of B, then the eight rows. SZ is the element size.
#define KSTEP(ROW, LOADB, MOV, MOVZ, BCAST, FMA, SZ) \
	PREFETCHT0 (PA)(LDA*8);                             \
	LOADB(MOV, MOVZ);                                   \
	ROW(BCAST, FMA, 0, AV0, Z0, Z1, Z2);                \
	ROW(BCAST, FMA, (1*SZ), AV1, Z3, Z4, Z5);           \
	ROW(BCAST, FMA, (2*SZ), AV2, Z6, Z7, Z8);           \
	ROW(BCAST, FMA, (3*SZ), AV3, Z9, Z10, Z11);         \
	ROW(BCAST, FMA, (4*SZ), AV0, Z12, Z13, Z14);        \
	ROW(BCAST, FMA, (5*SZ), AV1, Z15, Z16, Z17);        \
	ROW(BCAST, FMA, (6*SZ), AV2, Z18, Z19, Z20);        \
	ROW(BCAST, FMA, (7*SZ), AV3, Z21, Z22, Z23);        \
	ADDQ LDA, PA

// Row update: C[row] += alpha·(a0, a1, a2) under the column masks, then
// the next row, or the end after the last valid row.
#define UPDATE(MOVZ, MOV, FMA, a0, a1, a2) \
	MOVZ (PC), K1, B0;      \
	MOVZ 64(PC), K2, B1;    \
	MOVZ 128(PC), K3, B2;   \
	FMA  ALPHA, a0, B0;     \
	FMA  ALPHA, a1, B1;     \
	FMA  ALPHA, a2, B2;     \
	MOV  B0, K1, (PC);      \
	MOV  B1, K2, 64(PC);    \
	MOV  B2, K3, 128(PC);   \
	ADDQ LDC, PC;           \
	DECQ RW;                \
	JZ   done

// The prefetch of a line of the next block of B, once per iteration of
// four steps (plain kernels; PF and PFS are registers the packing twins
// use for B).
#define PFLINE \
	PREFETCHT1 (PF); \
	ADDQ       PFS, PF
#define NOPF

// Prefetch a row of the C tile (at AX), then step to the next.
#define PFROW \
	PREFETCHT0 (AX);    \
	PREFETCHT0 64(AX);  \
	PREFETCHT0 128(AX); \
	PREFETCHT0 191(AX); \
	ADDQ       LDC, AX

// GEMMKERNEL512 is the body of gemmKernel64AVX512 and gemmKernel32AVX512
// and of their packing twins once the arguments are in registers (k in
// K, the column count in CX, the row count in RW, alpha broadcast in
// ALPHA; for the twins B's stride in bytes in LDB and the packed sliver in
// PP): the instructions of one precision, its element size SZ and log2
// SHIFT, LANES per vector, and the macros LD3, LD2, LD1 that load 3, 2, 1
// vectors of B per step, and PFNEXT, run once per four steps. Labels are
// local to each TEXT.
#define GEMMKERNEL512(MOV, MOVZ, BCAST, FMA, SZ, SHIFT, LANES, LD3, LD2, LD1, PFNEXT) \
	SHLQ $SHIFT, LDC; \
	SHLQ $SHIFT, LDA; \
	/* K1..K3: the valid columns of each vector ((1<<cols)-1 in lanes). */ \
	MOVQ     $1, AX; \
	SHLQ     CX, AX; \
	DECQ     AX; \
	KMOVQ    AX, K1; \
	KSHIFTRQ $LANES, K1, K2; \
	KSHIFTRQ $(2*LANES), K1, K3; \
	/* Prefetch the tile of C, needed only at the end. */ \
	MOVQ PC, AX; \
	PFROW; \
	PFROW; \
	PFROW; \
	PFROW; \
	PFROW; \
	PFROW; \
	PFROW; \
	PFROW; \
	/* Clear the accumulators. */ \
	ZERO8(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7); \
	ZERO8(Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15); \
	ZERO8(Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23); \
	/* Four steps per iteration, then the remaining k mod 4, in the */ \
	/* loop of as many vectors as the tile has valid columns. */ \
	MOVQ K, KQ; \
	ANDQ $3, K; \
	SHRQ $2, KQ; \
	CMPQ CX, $(2*LANES); \
	JGT  v3; \
	CMPQ CX, $LANES; \
	JGT  v2; \
	TESTQ KQ, KQ; \
	JZ    v1tail; \
v1loop: \
	PFNEXT; \
	KSTEP(ROW1, LD1, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW1, LD1, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW1, LD1, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW1, LD1, MOV, MOVZ, BCAST, FMA, SZ); \
	DECQ KQ; \
	JNZ  v1loop; \
v1tail: \
	TESTQ K, K; \
	JZ    update; \
	KSTEP(ROW1, LD1, MOV, MOVZ, BCAST, FMA, SZ); \
	DECQ K; \
	JMP  v1tail; \
v2: \
	TESTQ KQ, KQ; \
	JZ    v2tail; \
v2loop: \
	PFNEXT; \
	KSTEP(ROW2, LD2, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW2, LD2, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW2, LD2, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW2, LD2, MOV, MOVZ, BCAST, FMA, SZ); \
	DECQ KQ; \
	JNZ  v2loop; \
v2tail: \
	TESTQ K, K; \
	JZ    update; \
	KSTEP(ROW2, LD2, MOV, MOVZ, BCAST, FMA, SZ); \
	DECQ K; \
	JMP  v2tail; \
v3: \
	TESTQ KQ, KQ; \
	JZ    v3tail; \
v3loop: \
	PFNEXT; \
	KSTEP(ROW3, LD3, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW3, LD3, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW3, LD3, MOV, MOVZ, BCAST, FMA, SZ); \
	KSTEP(ROW3, LD3, MOV, MOVZ, BCAST, FMA, SZ); \
	DECQ KQ; \
	JNZ  v3loop; \
v3tail: \
	TESTQ K, K; \
	JZ    update; \
	KSTEP(ROW3, LD3, MOV, MOVZ, BCAST, FMA, SZ); \
	DECQ K; \
	JMP  v3tail; \
update: \
	/* C += alpha·acc, row by row, the valid rows and columns only. */ \
	UPDATE(MOVZ, MOV, FMA, Z0, Z1, Z2); \
	UPDATE(MOVZ, MOV, FMA, Z3, Z4, Z5); \
	UPDATE(MOVZ, MOV, FMA, Z6, Z7, Z8); \
	UPDATE(MOVZ, MOV, FMA, Z9, Z10, Z11); \
	UPDATE(MOVZ, MOV, FMA, Z12, Z13, Z14); \
	UPDATE(MOVZ, MOV, FMA, Z15, Z16, Z17); \
	UPDATE(MOVZ, MOV, FMA, Z18, Z19, Z20); \
	UPDATE(MOVZ, MOV, FMA, Z21, Z22, Z23); \
done: \
	VZEROUPPER

// func gemmKernel64AVX512(k int, ap *float64, lda int, bp *float64, c *float64, ldc int, alpha float64, rows, cols int, pf *float64, pfs int)
// Requires: AVX512F, AVX512BW. C(rows×cols) += alpha·Aᵀ·B over k steps.
TEXT ·gemmKernel64AVX512(SB), NOSPLIT, $0-88
	MOVQ         pf+72(FP), PF
	MOVQ         pfs+80(FP), PFS
	MOVQ         k+0(FP), K
	MOVQ         ap+8(FP), PA
	MOVQ         lda+16(FP), LDA
	MOVQ         bp+24(FP), PB
	MOVQ         c+32(FP), PC
	MOVQ         ldc+40(FP), LDC
	VBROADCASTSD alpha+48(FP), ALPHA
	MOVQ         rows+56(FP), RW
	MOVQ         cols+64(FP), CX
	GEMMKERNEL512(VMOVUPD, VMOVUPD.Z, VBROADCASTSD, VFMADD231PD, 8, 3, 8, LOADB3, LOADB2, LOADB1, PFLINE)
	RET

// func gemmKernelPack64AVX512(k int, ap *float64, lda int, b *float64, ldb int, bp *float64, c *float64, ldc int, alpha float64, rows, cols int)
// Requires: AVX512F, AVX512BW. C(rows×cols) += alpha·Aᵀ·B over k steps,
// B read in place and packed into bp.
TEXT ·gemmKernelPack64AVX512(SB), NOSPLIT, $0-88
	MOVQ         k+0(FP), K
	MOVQ         ap+8(FP), PA
	MOVQ         lda+16(FP), LDA
	MOVQ         b+24(FP), PB
	MOVQ         ldb+32(FP), LDB
	SHLQ         $3, LDB
	MOVQ         bp+40(FP), PP
	MOVQ         c+48(FP), PC
	MOVQ         ldc+56(FP), LDC
	VBROADCASTSD alpha+64(FP), ALPHA
	MOVQ         rows+72(FP), RW
	MOVQ         cols+80(FP), CX
	GEMMKERNEL512(VMOVUPD, VMOVUPD.Z, VBROADCASTSD, VFMADD231PD, 8, 3, 8, LOADBP3, LOADBP2, LOADBP1, NOPF)
	RET

// func gemmKernel32AVX512(k int, ap *float32, lda int, bp *float32, c *float32, ldc int, alpha float32, rows, cols int, pf *float32, pfs int)
// Requires: AVX512F, AVX512BW. C(rows×cols) += alpha·Aᵀ·B over k steps.
TEXT ·gemmKernel32AVX512(SB), NOSPLIT, $0-88
	MOVQ         pf+72(FP), PF
	MOVQ         pfs+80(FP), PFS
	MOVQ         k+0(FP), K
	MOVQ         ap+8(FP), PA
	MOVQ         lda+16(FP), LDA
	MOVQ         bp+24(FP), PB
	MOVQ         c+32(FP), PC
	MOVQ         ldc+40(FP), LDC
	VBROADCASTSS alpha+48(FP), ALPHA
	MOVQ         rows+56(FP), RW
	MOVQ         cols+64(FP), CX
	GEMMKERNEL512(VMOVUPS, VMOVUPS.Z, VBROADCASTSS, VFMADD231PS, 4, 2, 16, LOADB3, LOADB2, LOADB1, PFLINE)
	RET

// func gemmKernelPack32AVX512(k int, ap *float32, lda int, b *float32, ldb int, bp *float32, c *float32, ldc int, alpha float32, rows, cols int)
// Requires: AVX512F, AVX512BW. C(rows×cols) += alpha·Aᵀ·B over k steps,
// B read in place and packed into bp.
TEXT ·gemmKernelPack32AVX512(SB), NOSPLIT, $0-88
	MOVQ         k+0(FP), K
	MOVQ         ap+8(FP), PA
	MOVQ         lda+16(FP), LDA
	MOVQ         b+24(FP), PB
	MOVQ         ldb+32(FP), LDB
	SHLQ         $2, LDB
	MOVQ         bp+40(FP), PP
	MOVQ         c+48(FP), PC
	MOVQ         ldc+56(FP), LDC
	VBROADCASTSS alpha+64(FP), ALPHA
	MOVQ         rows+72(FP), RW
	MOVQ         cols+80(FP), CX
	GEMMKERNEL512(VMOVUPS, VMOVUPS.Z, VBROADCASTSS, VFMADD231PS, 4, 2, 16, LOADBP3, LOADBP2, LOADBP1, NOPF)
	RET

// LOWBITS sets OUT to a mask of the low CNT bits (1 ≤ CNT ≤ 64); CNT is
// CX, TMP is clobbered.
#define LOWBITS(OUT, TMP) \
	MOVQ    $-1, OUT;    \
	SHLQ    CX, OUT;     \
	NOTQ    OUT;         \
	MOVQ    $-1, TMP;    \
	CMPQ    CX, $64;     \
	CMOVQGE TMP, OUT

#define PDST DI
#define PSRC SI
#define NB R8
#define WIDTH R9
#define STEP DX

// func gemmPackAVX512(dst, src unsafe.Pointer, n, step, width int)
// Requires: AVX512F, AVX512BW.
//
// Copies the n bytes at src (n > 0) in groups of width bytes (at most 64)
// to dst, dst+step, dst+2·step, ...; the last group, when partial, is
// padded with zeros to width bytes. The byte mask K2 selects the width,
// K1 the bytes of the last group, so nothing past the n bytes is read.
TEXT ·gemmPackAVX512(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), PDST
	MOVQ src+8(FP), PSRC
	MOVQ n+16(FP), NB
	MOVQ step+24(FP), STEP
	MOVQ width+32(FP), WIDTH

	MOVQ    WIDTH, CX
	LOWBITS(AX, R11)
	KMOVQ   AX, K2

full:
	CMPQ       NB, WIDTH
	JLT        tail
	VMOVDQU8.Z (PSRC), K2, Z0
	VMOVDQU8   Z0, K2, (PDST)
	ADDQ       WIDTH, PSRC
	ADDQ       STEP, PDST
	SUBQ       WIDTH, NB
	JMP        full

	// The last, partial group: a zero-masked load of its bytes, a store
	// of the whole width.
tail:
	TESTQ      NB, NB
	JZ         done
	MOVQ       NB, CX
	LOWBITS(AX, R11)
	KMOVQ      AX, K1
	VMOVDQU8.Z (PSRC), K1, Z0
	VMOVDQU8   Z0, K2, (PDST)

done:
	VZEROUPPER
	RET
