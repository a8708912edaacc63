//go:build !purego

#include "textflag.h"
#include "zero_avx512_amd64.h"

// Gemv and GemvMulti for AVX-512 (F, and VL for the masked 128- and
// 256-bit stores of the row sums).
//
// gemv*AVX512 takes eight rows of A at a time against one vector of x:
// each 512-bit vector of x is loaded once and multiplied into eight row
// accumulators, and the eight row sums come out of one transpose-and-add
// (RED64, RED32) into a single vector that is scaled and stored at once.
// gemvMulti4x*AVX512 takes four rows of A against four vectors of x,
// sixteen accumulators, so A is read once for the four products; its
// sums come out of two transpose-and-adds, one per pair of vectors.
//
// The rows of a block are addressed from one pointer P0 and the row
// stride L: (P0), (P0)(L*1), (P0)(L*2), (P0)(L3*1) with L3 = 3L (and, for
// eight rows, the same from P4 = P0 + 4L); x is addressed relative to P0,
// (P0)(XOFF*1) with XOFF = x - a, so that one pointer walks all the rows and
// x. Tails use opmask registers, whose masked-off lanes neither read nor
// write memory: K1 holds the last n%LANES columns, K2 the rows of the
// block that are stored (and read, when beta != 0).
//
// Rows: blocks of eight (four) rows; a last partial block is moved back
// to end at row m, overlapping rows already done, and K2 stores only its
// new rows. When m itself is less than a block, each row is a block of
// its own with L = L3 = 0 (all rows of the block are that row) and K2
// storing one lane; this "single" mode is told from the others by K2 = 1.
// gemv*AVX512 can also leave out the first skip rows of its first block
// (computed, not stored), so that a caller can finish the last rows of a
// matrix with a whole block.
//
// A row's sum does not depend on the block it is in, nor on its place in
// the block, nor on the mode: every row has the same accumulator, the
// same chunks and the same tree over the lanes. So splitting the rows of
// a product among threads (in blocks of a multiple of eight rows) does not
// change a bit, as long as each row goes to the same kernel: see
// gemvAVX512.
//
// Which kernel takes a row, and in the aligned kernel where its chunks
// begin, depend on the row's address modulo 64 bytes: the same values at
// another alignment can round differently. rnn's matrices are always
// 64-byte aligned (mat's storage), so its results do not change.
//
// Summation order differs from the AVX2 and generic code (one
// accumulator per row and vector lane, a tree over the lanes at the end),
// so results agree with them to round-off, and exactly for exactly
// representable data.

// RED64 sums each of the float64 accumulators A0..A7 (eight lanes each)
// and leaves the eight sums, in order, in A0; T is scratch. Pairs of rows
// are interleaved and added (a row pair per 128-bit lane), then the
// 128-bit lanes are shuffled and added twice.
#define RED64(A0, A1, A2, A3, A4, A5, A6, A7, T) \
	VUNPCKLPD  A1, A0, T; \
	VUNPCKHPD  A1, A0, A0; \
	VADDPD     T, A0, A0; \
	VUNPCKLPD  A3, A2, T; \
	VUNPCKHPD  A3, A2, A2; \
	VADDPD     T, A2, A2; \
	VUNPCKLPD  A5, A4, T; \
	VUNPCKHPD  A5, A4, A4; \
	VADDPD     T, A4, A4; \
	VUNPCKLPD  A7, A6, T; \
	VUNPCKHPD  A7, A6, A6; \
	VADDPD     T, A6, A6; \
	VSHUFF64X2 $0x88, A2, A0, T; \
	VSHUFF64X2 $0xdd, A2, A0, A0; \
	VADDPD     T, A0, A0; \
	VSHUFF64X2 $0x88, A6, A4, T; \
	VSHUFF64X2 $0xdd, A6, A4, A4; \
	VADDPD     T, A4, A4; \
	VSHUFF64X2 $0x88, A4, A0, T; \
	VSHUFF64X2 $0xdd, A4, A0, A0; \
	VADDPD     T, A0, A0

// RED32 is RED64 for float32 accumulators (sixteen lanes): one more
// interleave (of 64-bit pairs) and a last fold of the 128-bit lanes leave
// the eight sums in the low 256 bits of A0.
#define RED32(A0, A1, A2, A3, A4, A5, A6, A7, T) \
	VUNPCKLPS  A1, A0, T; \
	VUNPCKHPS  A1, A0, A0; \
	VADDPS     T, A0, A0; \
	VUNPCKLPS  A3, A2, T; \
	VUNPCKHPS  A3, A2, A2; \
	VADDPS     T, A2, A2; \
	VUNPCKLPS  A5, A4, T; \
	VUNPCKHPS  A5, A4, A4; \
	VADDPS     T, A4, A4; \
	VUNPCKLPS  A7, A6, T; \
	VUNPCKHPS  A7, A6, A6; \
	VADDPS     T, A6, A6; \
	VUNPCKLPD  A2, A0, T; \
	VUNPCKHPD  A2, A0, A0; \
	VADDPS     T, A0, A0; \
	VUNPCKLPD  A6, A4, T; \
	VUNPCKHPD  A6, A4, A4; \
	VADDPS     T, A4, A4; \
	VSHUFF32X4 $0x88, A4, A0, T; \
	VSHUFF32X4 $0xdd, A4, A0, A0; \
	VADDPS     T, A0, A0; \
	VSHUFF32X4 $0x08, A0, A0, T; \
	VSHUFF32X4 $0x0d, A0, A0, A0; \
	VADDPS     T, A0, A0

// SUMY finishes eight rows of Gemv: RED sums the accumulators Z0..Z7 into
// R (eight values), then R = alpha·R + beta·y, y read from (PY) only in
// the lanes of KBETA (none when beta == 0).
#define SUMY(RED, MUL, FMA, R, RALPHA, RBETA, KBETA) \
	RED(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z9); \
	MUL RALPHA, R, R; \
	FMA (PY), RBETA, KBETA, R

// ---------------------------------------------------------------------------
// Gemv

#define M AX
#define LDA BX
#define NB DX
#define PA SI
#define P0 DI
#define P4 R8
#define L R9
#define L3 R10
#define END R11
#define XOFF R12
#define PY R13
#define ACC0 Z0
#define ACC1 Z1
#define ACC2 Z2
#define ACC3 Z3
#define ACC4 Z4
#define ACC5 Z5
#define ACC6 Z6
#define ACC7 Z7
#define XV Z8

// GEMV is the body of gemv64AVX512 and gemv32AVX512 once the TEXT has
// loaded CX = skip, M = m, NB = n, PA = a, LDA = lda (in elements), XOFF = x, PY = y,
// alpha and beta broadcast into RALPHA and RBETA and K3 all ones when
// beta != 0 (zero otherwise). MOV,
// FMA, MUL are the instructions of one precision, SZ the element size and
// SHIFT its log2, LANES the lanes of a 512-bit vector; RED sums the eight
// accumulators into R (Z0 for float64, Y0 for float32: eight values),
// RALPHA and RBETA are alpha and beta at that width. Labels are local to
// each TEXT.
#define GEMV(MOV, FMA, MUL, SZ, SHIFT, LANES, RED, R, RALPHA, RBETA) \
	/* K2: the rows of the first block that are stored (all but skip). */ \
	MOVL    $0xff, END; \
	SHLL    CX, END; \
	ANDL    $0xff, END; \
	KMOVW   END, K2; \
	SHLQ    $SHIFT, LDA; \
	/* K1 selects the last n%LANES columns. */ \
	MOVQ    NB, CX; \
	ANDQ    $(LANES-1), CX; \
	MOVL    $1, END; \
	SHLL    CX, END; \
	DECL    END; \
	KMOVW   END, K1; \
	/* NB: the bytes of the whole vectors of a row. */ \
	ANDQ    $-LANES, NB; \
	SHLQ    $SHIFT, NB; \
	SUBQ    PA, XOFF; \
	MOVQ    LDA, L; \
	LEAQ    (L)(L*2), L3; \
	CMPQ    M, $8; \
	JGE     block; \
	/* m < 8: single mode, one row per block. */ \
	XORQ    L, L; \
	XORQ    L3, L3; \
	MOVL    $1, CX; \
	KMOVW   CX, K2; \
block: \
	MOVQ    PA, P0; \
	LEAQ    (PA)(L*4), P4; \
	LEAQ    (PA)(NB*1), END; \
	ZERO8(ACC0, ACC1, ACC2, ACC3, ACC4, ACC5, ACC6, ACC7); \
	CMPQ    P0, END; \
	JAE     tail; \
loop: \
	/* One vector of columns of the eight rows. */ \
	MOV     (P0)(XOFF*1), XV; \
	FMA     (P0), XV, ACC0; \
	FMA     (P0)(L*1), XV, ACC1; \
	FMA     (P0)(L*2), XV, ACC2; \
	FMA     (P0)(L3*1), XV, ACC3; \
	FMA     (P4), XV, ACC4; \
	FMA     (P4)(L*1), XV, ACC5; \
	FMA     (P4)(L*2), XV, ACC6; \
	FMA     (P4)(L3*1), XV, ACC7; \
	ADDQ    $64, P0; \
	ADDQ    $64, P4; \
	CMPQ    P0, END; \
	JB      loop; \
tail: \
	/* The last n%LANES columns, masked. */ \
	KORTESTW K1, K1; \
	JZ      sum; \
	MOV.Z   (P0)(XOFF*1), K1, XV; \
	FMA     (P0), XV, K1, ACC0; \
	FMA     (P0)(L*1), XV, K1, ACC1; \
	FMA     (P0)(L*2), XV, K1, ACC2; \
	FMA     (P0)(L3*1), XV, K1, ACC3; \
	FMA     (P4), XV, K1, ACC4; \
	FMA     (P4)(L*1), XV, K1, ACC5; \
	FMA     (P4)(L*2), XV, K1, ACC6; \
	FMA     (P4)(L3*1), XV, K1, ACC7; \
sum: \
	/* y = alpha·s (+ beta·y), the rows of K2. */ \
	KANDW   K3, K2, K4; \
	SUMY(RED, MUL, FMA, R, RALPHA, RBETA, K4); \
	MOV     R, K2, (PY); \
	KMOVW   K2, CX; \
	CMPQ    CX, $1; \
	JE      single; \
	/* Next block of eight rows. */ \
	LEAQ    (PA)(L*8), PA; \
	MOVQ    L, CX; \
	SHLQ    $3, CX; \
	SUBQ    CX, XOFF; \
	ADDQ    $(8*SZ), PY; \
	MOVL    $0xff, CX; \
	KMOVW   CX, K2; \
	SUBQ    $8, M; \
	JLE     done; \
	CMPQ    M, $8; \
	JGE     block; \
	/* 0 < M < 8 rows left: back up by 8-M rows, store the last M. */ \
	MOVQ    $8, CX; \
	SUBQ    M, CX; \
	MOVL    $0xff, END; \
	SHLL    CX, END; \
	ANDL    $0xff, END; \
	KMOVW   END, K2; \
	SHLQ    $SHIFT, CX; \
	SUBQ    CX, PY; \
	SHRQ    $SHIFT, CX; \
	IMULQ   LDA, CX; \
	SUBQ    CX, PA; \
	ADDQ    CX, XOFF; \
	MOVQ    $8, M; \
	JMP     block; \
single: \
	ADDQ    LDA, PA; \
	SUBQ    LDA, XOFF; \
	ADDQ    $SZ, PY; \
	DECQ    M; \
	JNZ     block; \
done: \
	VZEROUPPER

// func gemv64AVX512(m, n int, alpha float64, a *float64, lda int, x *float64, beta float64, y *float64, useBeta, skip int)
// Requires: AVX512F, AVX512VL
TEXT ·gemv64AVX512(SB), NOSPLIT, $0-80
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), NB
	VBROADCASTSD alpha+16(FP), Z10
	MOVQ         a+24(FP), PA
	MOVQ         lda+32(FP), LDA
	MOVQ         x+40(FP), XOFF
	VBROADCASTSD beta+48(FP), Z11
	MOVQ         y+56(FP), PY
	MOVQ         useBeta+64(FP), CX
	NEGQ         CX
	KMOVW        CX, K3
	MOVQ         skip+72(FP), CX
	GEMV(VMOVUPD, VFMADD231PD, VMULPD, 8, 3, 8, RED64, Z0, Z10, Z11)
	RET

// func gemv32AVX512(m, n int, alpha float32, a *float32, lda int, x *float32, beta float32, y *float32, useBeta, skip int)
// Requires: AVX512F, AVX512VL
TEXT ·gemv32AVX512(SB), NOSPLIT, $0-80
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), NB
	VBROADCASTSS alpha+16(FP), Z10
	MOVQ         a+24(FP), PA
	MOVQ         lda+32(FP), LDA
	MOVQ         x+40(FP), XOFF
	VBROADCASTSS beta+48(FP), Z11
	MOVQ         y+56(FP), PY
	MOVQ         useBeta+64(FP), CX
	NEGQ         CX
	KMOVW        CX, K3
	MOVQ         skip+72(FP), CX
	GEMV(VMOVUPS, VFMADD231PS, VMULPS, 4, 2, 16, RED32, Y0, Y10, Y11)
	RET

#undef M
#undef LDA
#undef NB
#undef PA
#undef P0
#undef P4
#undef L
#undef L3
#undef END
#undef XOFF
#undef PY
#undef ACC0
#undef ACC1
#undef ACC2
#undef ACC3
#undef ACC4
#undef ACC5
#undef ACC6
#undef ACC7
#undef XV

// ---------------------------------------------------------------------------
// Gemv on cache-line-aligned loads.
//
// A 512-bit load of a row that is not 64-byte aligned spans two cache
// lines; with rows of 200 float32 (800 bytes) every other row is so, and
// those split loads made the kernel above slower than AVX2's 256-bit
// loads. When the row stride is a multiple of 32 bytes, rows 0, 2, 4, ...
// of a block share one alignment and rows 1, 3, 5, ... another, for every
// block of eight rows. gemvAligned*AVX512 then reads each row in aligned
// 64-byte chunks, the first from just before the row and the last past
// its end, both masked, and loads x at the matching (unaligned) offset:
// x is in L1, where a split load is cheap, and is loaded once per chunk
// for the even rows and once for the odd rows.
//
// Chunk k of a row whose first element sits in lane h of its cache line
// holds the columns k·LANES-h ... (k+1)·LANES-h-1; the row has
// C = ⌈(h+n)/LANES⌉ chunks, the last holding h+n-(C-1)·LANES columns. The
// masks, computed once per call: K1/K2 for chunk 0 of the even/odd rows
// (lanes ≥ h, and the tail when C = 1); then with Cmin the smaller C of
// the two, chunks 1..Cmin-2 are full for both and run unmasked, and
// K3/K4 mask chunk Cmin-1 (a tail or full; none when Cmin = 1, where it
// is chunk 0) and K5/K6 chunk Cmin (the tail of a row with Cmin+1 chunks;
// none otherwise). K7 masks the y read by beta.

#define M AX
#define L2 BX
#define NB DX
#define KB DX
#define PA SI
#define P0 DI
#define P1 R8
#define L6 R9
#define XE R10
#define XO R11
#define END R12
#define PY R13
#define XV0 Z8
#define XV1 Z10

// PHASE computes, from h = CX (the first lane of a row in its cache line)
// and n = NB, the mask HM of lanes ≥ h, the number of chunks C and the
// mask TM of the columns of the last chunk. CX is overwritten.
#define PHASE(LANES, LOG2L, ALL, HM, C, TM) \
	MOVL $ALL, HM; \
	SHLL CX, HM; \
	ANDL $ALL, HM; \
	ADDQ NB, CX; \
	MOVQ CX, C; \
	ADDQ $(LANES-1), C; \
	SHRQ $LOG2L, C; \
	MOVQ C, TM; \
	DECQ TM; \
	SHLQ $LOG2L, TM; \
	SUBQ TM, CX; \
	MOVL $1, TM; \
	SHLL CX, TM; \
	DECL TM

// GEMVA_MASKS sets K1..K6 (see above) and KB = 64·(Cmin-1) from PA = a,
// L2 = lda in bytes and NB = n ≥ 1; SHIFT is log2 of the element size.
// It uses every register but PA, L2 and XE.
#define GEMVA_MASKS(LANES, LOG2L, SHIFT, ALL) \
	MOVQ    PA, CX; \
	ANDQ    $63, CX; \
	SHRQ    $SHIFT, CX; \
	PHASE(LANES, LOG2L, ALL, P0, P1, L6); \
	LEAQ    (PA)(L2*1), CX; \
	ANDQ    $63, CX; \
	SHRQ    $SHIFT, CX; \
	PHASE(LANES, LOG2L, ALL, XO, END, AX); \
	/* chunk 0 */ \
	MOVL    $ALL, CX; \
	CMPQ    P1, $1; \
	CMOVQEQ L6, CX; \
	ANDL    CX, P0; \
	KMOVW   P0, K1; \
	MOVL    $ALL, CX; \
	CMPQ    END, $1; \
	CMOVQEQ AX, CX; \
	ANDL    CX, XO; \
	KMOVW   XO, K2; \
	/* Cmin into PY */ \
	MOVQ    P1, PY; \
	CMPQ    END, PY; \
	CMOVQLT END, PY; \
	/* chunk Cmin-1: the tail of a row with Cmin chunks, else full */ \
	MOVL    $ALL, P0; \
	CMPQ    P1, PY; \
	CMOVQEQ L6, P0; \
	MOVL    $ALL, XO; \
	CMPQ    END, PY; \
	CMOVQEQ AX, XO; \
	XORL    CX, CX; \
	CMPQ    PY, $1; \
	CMOVQEQ CX, P0; \
	CMOVQEQ CX, XO; \
	KMOVW   P0, K3; \
	KMOVW   XO, K4; \
	/* chunk Cmin: the tail of a row with Cmin+1 chunks, else none */ \
	XORL    P0, P0; \
	CMPQ    P1, PY; \
	CMOVQGT L6, P0; \
	XORL    XO, XO; \
	CMPQ    END, PY; \
	CMOVQGT AX, XO; \
	KMOVW   P0, K5; \
	KMOVW   XO, K6; \
	DECQ    PY; \
	SHLQ    $6, PY; \
	MOVQ    PY, KB

// CHUNK adds one masked chunk of the eight rows: KE masks the even rows,
// KO the odd ones. x is read with EXP (an expand-load): the elements
// from XA (XB) go to the lanes of KE (KO) in order and nothing else is
// read.
#define CHUNK(EXP, FMA, XA, XB, KE, KO) \
	EXP.Z XA, KE, XV0; \
	EXP.Z XB, KO, XV1; \
	FMA   (P0), XV0, KE, Z0; \
	FMA   (P1), XV1, KO, Z1; \
	FMA   (P0)(L2*1), XV0, KE, Z2; \
	FMA   (P1)(L2*1), XV1, KO, Z3; \
	FMA   (P0)(L2*2), XV0, KE, Z4; \
	FMA   (P1)(L2*2), XV1, KO, Z5; \
	FMA   (P0)(L6*1), XV0, KE, Z6; \
	FMA   (P1)(L6*1), XV1, KO, Z7

// GEMVA is the body of gemvAligned64AVX512 and gemvAligned32AVX512 once
// GEMVA_MASKS has run and the TEXT has loaded M = m (a multiple of 8),
// PY = y, XE = x, L2 = 2·lda in bytes, alpha and beta into RALPHA and
// RBETA, and K7 (all ones when beta != 0). The rest as in GEMV; the
// accumulator of row r is Zr. Labels are local to each TEXT.
#define GEMVA(MOV, EXP, FMA, MUL, SZ, RED, R, RALPHA, RBETA) \
	SUBQ    PA, XE; \
	LEAQ    (L2)(L2*2), L6; \
block: \
	/* P0 and P1: chunk 0 of rows 0 and 1; XE = x - row 0, XO = x - row 1. */ \
	MOVQ    L2, CX; \
	SHRQ    $1, CX; \
	LEAQ    (PA)(CX*1), P1; \
	ANDQ    $-64, P1; \
	MOVQ    XE, XO; \
	SUBQ    CX, XO; \
	MOVQ    PA, P0; \
	ANDQ    $-64, P0; \
	LEAQ    (P0)(KB*1), END; \
	ZERO8(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7); \
	CHUNK(EXP, FMA, (PA)(XE*1), (PA)(XE*1), K1, K2); \
	ADDQ    $64, P0; \
	ADDQ    $64, P1; \
	CMPQ    P0, END; \
	JAE     ends; \
loop: \
	MOV     (P0)(XE*1), XV0; \
	MOV     (P1)(XO*1), XV1; \
	FMA     (P0), XV0, Z0; \
	FMA     (P1), XV1, Z1; \
	FMA     (P0)(L2*1), XV0, Z2; \
	FMA     (P1)(L2*1), XV1, Z3; \
	FMA     (P0)(L2*2), XV0, Z4; \
	FMA     (P1)(L2*2), XV1, Z5; \
	FMA     (P0)(L6*1), XV0, Z6; \
	FMA     (P1)(L6*1), XV1, Z7; \
	ADDQ    $64, P0; \
	ADDQ    $64, P1; \
	CMPQ    P0, END; \
	JB      loop; \
ends: \
	KORTESTW K3, K4; \
	JZ      last; \
	CHUNK(EXP, FMA, (P0)(XE*1), (P1)(XO*1), K3, K4); \
	ADDQ    $64, P0; \
	ADDQ    $64, P1; \
last: \
	KORTESTW K5, K6; \
	JZ      sum; \
	CHUNK(EXP, FMA, (P0)(XE*1), (P1)(XO*1), K5, K6); \
sum: \
	SUMY(RED, MUL, FMA, R, RALPHA, RBETA, K7); \
	MOV     R, (PY); \
	/* Next eight rows. */ \
	LEAQ    (PA)(L2*4), PA; \
	MOVQ    L2, CX; \
	SHLQ    $2, CX; \
	SUBQ    CX, XE; \
	ADDQ    $(8*SZ), PY; \
	SUBQ    $8, M; \
	JNZ     block; \
	VZEROUPPER

// func gemvAligned64AVX512(m, n int, alpha float64, a *float64, lda int, x *float64, beta float64, y *float64, useBeta int)
// Requires: AVX512F, AVX512VL
TEXT ·gemvAligned64AVX512(SB), NOSPLIT, $0-72
	MOVQ         n+8(FP), NB
	MOVQ         a+24(FP), PA
	MOVQ         lda+32(FP), L2
	SHLQ         $3, L2
	GEMVA_MASKS(8, 3, 3, 0xff)
	SHLQ         $1, L2
	MOVQ         m+0(FP), M
	MOVQ         x+40(FP), XE
	MOVQ         y+56(FP), PY
	VBROADCASTSD alpha+16(FP), Z11
	VBROADCASTSD beta+48(FP), Z12
	MOVQ         useBeta+64(FP), CX
	NEGQ         CX
	KMOVW        CX, K7
	GEMVA(VMOVUPD, VEXPANDPD, VFMADD231PD, VMULPD, 8, RED64, Z0, Z11, Z12)
	RET

// func gemvAligned32AVX512(m, n int, alpha float32, a *float32, lda int, x *float32, beta float32, y *float32, useBeta int)
// Requires: AVX512F, AVX512VL
TEXT ·gemvAligned32AVX512(SB), NOSPLIT, $0-72
	MOVQ         n+8(FP), NB
	MOVQ         a+24(FP), PA
	MOVQ         lda+32(FP), L2
	SHLQ         $2, L2
	GEMVA_MASKS(16, 4, 2, 0xffff)
	SHLQ         $1, L2
	MOVQ         m+0(FP), M
	MOVQ         x+40(FP), XE
	MOVQ         y+56(FP), PY
	VBROADCASTSS alpha+16(FP), Z11
	VBROADCASTSS beta+48(FP), Z12
	MOVQ         useBeta+64(FP), CX
	NEGQ         CX
	KMOVW        CX, K7
	GEMVA(VMOVUPS, VEXPANDPS, VFMADD231PS, VMULPS, 4, RED32, Y0, Y11, Y12)
	RET

#undef M
#undef L2
#undef NB
#undef KB
#undef PA
#undef P0
#undef P1
#undef L6
#undef XE
#undef XO
#undef END
#undef PY
#undef XV0
#undef XV1
#undef PHASE
#undef CHUNK

// ---------------------------------------------------------------------------
// GemvMulti: four rows of A against four vectors of x.

#define M AX
#define LDA BX
#define NB DX
#define P0 SI
#define L DI
#define L3 R8
#define END R9
#define D0 R10
#define D1 R11
#define D2 R12
#define D3 R13
#define AV0 Z16
#define AV1 Z17
#define AV2 Z18
#define AV3 Z19
#define XV0 Z20
#define XV1 Z21
#define XV2 Z22
#define XV3 Z23
#define ZT Z24

// FMA16 adds the products of the rows AV0..AV3 with the vectors XV0..XV3
// into the accumulators: vector c, row r in Z(4c+r).
#define FMA16(FMA) \
	FMA AV0, XV0, Z0; \
	FMA AV1, XV0, Z1; \
	FMA AV2, XV0, Z2; \
	FMA AV3, XV0, Z3; \
	FMA AV0, XV1, Z4; \
	FMA AV1, XV1, Z5; \
	FMA AV2, XV1, Z6; \
	FMA AV3, XV1, Z7; \
	FMA AV0, XV2, Z8; \
	FMA AV1, XV2, Z9; \
	FMA AV2, XV2, Z10; \
	FMA AV3, XV2, Z11; \
	FMA AV0, XV3, Z12; \
	FMA AV1, XV3, Z13; \
	FMA AV2, XV3, Z14; \
	FMA AV3, XV3, Z15

// GEMVMULTI is the body of gemvMulti4x64AVX512 and gemvMulti4x32AVX512
// once the TEXT has loaded M = m, NB = n, P0 = a, LDA = lda (in elements)
// and D0..D3 = x0..x3. MOV, FMA are the instructions of one precision, SZ
// the element size and SHIFT its log2, LANES the lanes of a 512-bit
// vector, RED the transpose-and-add of eight accumulators; RED leaves the
// sums of vectors 0 and 1 (2 and 3) in Z0 (Z8): rows 0..3 of the even
// vector in its low half LO0 (LO8), those of the odd one in the high half,
// which EXT copies from RA (RB) to HI. MARG is m+0(FP) and Y0ARG..Y3ARG are
// y0+64(FP)..y3+88(FP), operands of the TEXT. Labels are local to each
// TEXT.
#define GEMVMULTI(MOV, FMA, SZ, SHIFT, LANES, RED, EXT, RA, RB, LO0, LO8, HI, MARG, Y0ARG, Y1ARG, Y2ARG, Y3ARG) \
	SHLQ    $SHIFT, LDA; \
	/* K1 selects the last n%LANES columns. */ \
	MOVQ    NB, CX; \
	ANDQ    $(LANES-1), CX; \
	MOVL    $1, END; \
	SHLL    CX, END; \
	DECL    END; \
	KMOVW   END, K1; \
	/* NB: the bytes of the whole vectors of a row. */ \
	ANDQ    $-LANES, NB; \
	SHLQ    $SHIFT, NB; \
	SUBQ    P0, D0; \
	SUBQ    P0, D1; \
	SUBQ    P0, D2; \
	SUBQ    P0, D3; \
	MOVQ    LDA, L; \
	LEAQ    (L)(L*2), L3; \
	MOVL    $0xf, CX; \
	KMOVW   CX, K2; \
	CMPQ    M, $4; \
	JGE     block; \
	/* m < 4: single mode, one row per block. */ \
	XORQ    L, L; \
	XORQ    L3, L3; \
	MOVL    $1, CX; \
	KMOVW   CX, K2; \
block: \
	LEAQ    (P0)(NB*1), END; \
	ZERO8(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7); \
	ZERO8(Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15); \
	CMPQ    P0, END; \
	JAE     tail; \
loop: \
	MOV     (P0), AV0; \
	MOV     (P0)(L*1), AV1; \
	MOV     (P0)(L*2), AV2; \
	MOV     (P0)(L3*1), AV3; \
	MOV     (P0)(D0*1), XV0; \
	MOV     (P0)(D1*1), XV1; \
	MOV     (P0)(D2*1), XV2; \
	MOV     (P0)(D3*1), XV3; \
	FMA16(FMA); \
	ADDQ    $64, P0; \
	CMPQ    P0, END; \
	JB      loop; \
tail: \
	/* The last n%LANES columns, zeros in the other lanes. */ \
	KORTESTW K1, K1; \
	JZ      sum; \
	MOV.Z   (P0), K1, AV0; \
	MOV.Z   (P0)(L*1), K1, AV1; \
	MOV.Z   (P0)(L*2), K1, AV2; \
	MOV.Z   (P0)(L3*1), K1, AV3; \
	MOV.Z   (P0)(D0*1), K1, XV0; \
	MOV.Z   (P0)(D1*1), K1, XV1; \
	MOV.Z   (P0)(D2*1), K1, XV2; \
	MOV.Z   (P0)(D3*1), K1, XV3; \
	FMA16(FMA); \
sum: \
	RED(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, ZT); \
	RED(Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15, ZT); \
	/* Store the rows of K2 from row m-M on. */ \
	MOVQ    MARG, CX; \
	SUBQ    M, CX; \
	MOVQ    Y0ARG, END; \
	MOV     LO0, K2, (END)(CX*SZ); \
	EXT     $1, RA, HI; \
	MOVQ    Y1ARG, END; \
	MOV     HI, K2, (END)(CX*SZ); \
	MOVQ    Y2ARG, END; \
	MOV     LO8, K2, (END)(CX*SZ); \
	EXT     $1, RB, HI; \
	MOVQ    Y3ARG, END; \
	MOV     HI, K2, (END)(CX*SZ); \
	/* Back to the start of the block's first row. */ \
	SUBQ    NB, P0; \
	KMOVW   K2, CX; \
	CMPQ    CX, $1; \
	JE      single; \
	/* Next block of four rows. */ \
	LEAQ    (P0)(L*4), P0; \
	MOVQ    L, CX; \
	SHLQ    $2, CX; \
	SUBQ    CX, D0; \
	SUBQ    CX, D1; \
	SUBQ    CX, D2; \
	SUBQ    CX, D3; \
	SUBQ    $4, M; \
	JLE     done; \
	CMPQ    M, $4; \
	JGE     block; \
	/* 0 < M < 4 rows left: back up by 4-M rows, store the last M. */ \
	MOVQ    $4, CX; \
	SUBQ    M, CX; \
	MOVL    $0xf, END; \
	SHLL    CX, END; \
	ANDL    $0xf, END; \
	KMOVW   END, K2; \
	IMULQ   LDA, CX; \
	SUBQ    CX, P0; \
	ADDQ    CX, D0; \
	ADDQ    CX, D1; \
	ADDQ    CX, D2; \
	ADDQ    CX, D3; \
	MOVQ    $4, M; \
	JMP     block; \
single: \
	ADDQ    LDA, P0; \
	SUBQ    LDA, D0; \
	SUBQ    LDA, D1; \
	SUBQ    LDA, D2; \
	SUBQ    LDA, D3; \
	DECQ    M; \
	JNZ     block; \
done: \
	VZEROUPPER

// func gemvMulti4x64AVX512(m, n int, a *float64, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float64)
// Requires: AVX512F, AVX512VL
TEXT ·gemvMulti4x64AVX512(SB), NOSPLIT, $0-96
	MOVQ m+0(FP), M
	MOVQ n+8(FP), NB
	MOVQ a+16(FP), P0
	MOVQ lda+24(FP), LDA
	MOVQ x0+32(FP), D0
	MOVQ x1+40(FP), D1
	MOVQ x2+48(FP), D2
	MOVQ x3+56(FP), D3
	GEMVMULTI(VMOVUPD, VFMADD231PD, 8, 3, 8, RED64, VEXTRACTF64X4, Z0, Z8, Y0, Y8, Y24, m+0(FP), y0+64(FP), y1+72(FP), y2+80(FP), y3+88(FP))
	RET

// func gemvMulti4x32AVX512(m, n int, a *float32, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float32)
// Requires: AVX512F, AVX512VL
TEXT ·gemvMulti4x32AVX512(SB), NOSPLIT, $0-96
	MOVQ m+0(FP), M
	MOVQ n+8(FP), NB
	MOVQ a+16(FP), P0
	MOVQ lda+24(FP), LDA
	MOVQ x0+32(FP), D0
	MOVQ x1+40(FP), D1
	MOVQ x2+48(FP), D2
	MOVQ x3+56(FP), D3
	GEMVMULTI(VMOVUPS, VFMADD231PS, 4, 2, 16, RED32, VEXTRACTF32X4, Y0, Y8, X0, X8, X24, m+0(FP), y0+64(FP), y1+72(FP), y2+80(FP), y3+88(FP))
	RET

#undef M
#undef LDA
#undef NB
#undef P0
#undef L
#undef L3
#undef END
#undef D0
#undef D1
#undef D2
#undef D3
#undef AV0
#undef AV1
#undef AV2
#undef AV3
#undef XV0
#undef XV1
#undef XV2
#undef XV3
#undef ZT
#undef FMA16
