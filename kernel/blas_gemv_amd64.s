//go:build !purego

#include "textflag.h"
#include "tail_avx2_amd64.h"

// Gemv and GemvMulti for AVX2+FMA.
//
// gemv*AVX2 takes four rows of A at a time: each vector of x is loaded once
// and multiplied into four row accumulators (eight, with two column vectors
// per iteration), and the four row sums come out of one horizontal
// reduction. gemvMulti4x*AVX2 takes two rows of A against four vectors of
// x, eight accumulators, so A is read once for the four products.
// Column tails go through VMASKMOVPD/VMASKMOVPS with the mask of the first
// n%4 (n%8) lanes, which neither reads nor writes past the row.

// ---------------------------------------------------------------------------
// Gemv

#define M AX
#define N BX
#define J CX
#define PX DX
#define PA0 SI
#define PA1 DI
#define PA2 R8
#define PA3 R9
#define LDA R10
#define PY R11
#define END R12
#define TBL R13
#define ACC0 Y0
#define ACC1 Y1
#define ACC2 Y2
#define ACC3 Y3
#define ACC4 Y4
#define ACC5 Y5
#define ACC6 Y6
#define ACC7 Y7
#define XV0 Y8
#define XV1 Y9
#define ALPHA Y10
#define BETA Y11
#define MASK Y12

// GEMV is the body of gemv64AVX2 and gemv32AVX2 after the arguments are
// loaded (LDA in elements; alpha and beta broadcast in ALPHA and BETA):
// the instructions of one precision, element size SZ and its log2 SHIFT,
// LANES per vector and TWO = 2·LANES. SUM4 reduces the accumulators of
// four rows, scales them and stores them at PY (advancing PY); SUM1 does
// the same for one row. Both read the TEXT's operand ARGBETA
// (useBeta+64(FP)), passed in so that go vet checks it where it is written.
// Labels are local to each TEXT.
#define GEMV(MOV, MASKMOV, FMA, XOR, SZ, SHIFT, LANES, TWO, SUM4, SUM1, ARGBETA) \
	SHLQ    $SHIFT, LDA; \
	/* MASK selects the last n%LANES columns. */ \
	MASKAVX2(N, SZ, LANES, END, TBL, MASK); \
rows4: \
	/* Four rows at a time. */ \
	CMPQ   M, $4; \
	JL     rows1; \
	LEAQ   (PA0)(LDA*1), PA1; \
	LEAQ   (PA1)(LDA*1), PA2; \
	LEAQ   (PA2)(LDA*1), PA3; \
	XOR    ACC0, ACC0, ACC0; \
	XOR    ACC1, ACC1, ACC1; \
	XOR    ACC2, ACC2, ACC2; \
	XOR    ACC3, ACC3, ACC3; \
	XOR    ACC4, ACC4, ACC4; \
	XOR    ACC5, ACC5, ACC5; \
	XOR    ACC6, ACC6, ACC6; \
	XOR    ACC7, ACC7, ACC7; \
	XORQ   J, J; \
	MOVQ   N, END; \
	ANDQ   $-TWO, END; \
r4loop: \
	/* Two vectors of x per iteration, eight accumulators. */ \
	CMPQ   J, END; \
	JGE    r4block; \
	MOV    (PX)(J*SZ), XV0; \
	MOV    32(PX)(J*SZ), XV1; \
	FMA    (PA0)(J*SZ), XV0, ACC0; \
	FMA    (PA1)(J*SZ), XV0, ACC1; \
	FMA    (PA2)(J*SZ), XV0, ACC2; \
	FMA    (PA3)(J*SZ), XV0, ACC3; \
	FMA    32(PA0)(J*SZ), XV1, ACC4; \
	FMA    32(PA1)(J*SZ), XV1, ACC5; \
	FMA    32(PA2)(J*SZ), XV1, ACC6; \
	FMA    32(PA3)(J*SZ), XV1, ACC7; \
	ADDQ   $TWO, J; \
	JMP    r4loop; \
r4block: \
	/* At most one more vector of columns. */ \
	MOVQ   N, END; \
	ANDQ   $-LANES, END; \
	CMPQ   J, END; \
	JGE    r4tail; \
	MOV    (PX)(J*SZ), XV0; \
	FMA    (PA0)(J*SZ), XV0, ACC0; \
	FMA    (PA1)(J*SZ), XV0, ACC1; \
	FMA    (PA2)(J*SZ), XV0, ACC2; \
	FMA    (PA3)(J*SZ), XV0, ACC3; \
	ADDQ   $LANES, J; \
r4tail: \
	/* The last n%LANES columns, masked. */ \
	CMPQ    J, N; \
	JGE     r4sum; \
	MASKMOV (PX)(J*SZ), MASK, XV0; \
	MASKMOV (PA0)(J*SZ), MASK, XV1; \
	FMA     XV1, XV0, ACC4; \
	MASKMOV (PA1)(J*SZ), MASK, XV1; \
	FMA     XV1, XV0, ACC5; \
	MASKMOV (PA2)(J*SZ), MASK, XV1; \
	FMA     XV1, XV0, ACC6; \
	MASKMOV (PA3)(J*SZ), MASK, XV1; \
	FMA     XV1, XV0, ACC7; \
r4sum: \
	SUM4(ARGBETA); \
	LEAQ    (PA3)(LDA*1), PA0; \
	SUBQ    $4, M; \
	JMP     rows4; \
rows1: \
	/* The last m%4 rows one at a time. */ \
	CMPQ   M, $0; \
	JLE    done; \
	XOR    ACC0, ACC0, ACC0; \
	XOR    ACC4, ACC4, ACC4; \
	XORQ   J, J; \
	MOVQ   N, END; \
	ANDQ   $-TWO, END; \
r1loop: \
	CMPQ   J, END; \
	JGE    r1block; \
	MOV    (PA0)(J*SZ), XV0; \
	MOV    32(PA0)(J*SZ), XV1; \
	FMA    (PX)(J*SZ), XV0, ACC0; \
	FMA    32(PX)(J*SZ), XV1, ACC4; \
	ADDQ   $TWO, J; \
	JMP    r1loop; \
r1block: \
	MOVQ   N, END; \
	ANDQ   $-LANES, END; \
	CMPQ   J, END; \
	JGE    r1tail; \
	MOV    (PA0)(J*SZ), XV0; \
	FMA    (PX)(J*SZ), XV0, ACC0; \
	ADDQ   $LANES, J; \
r1tail: \
	CMPQ    J, N; \
	JGE     r1sum; \
	MASKMOV (PX)(J*SZ), MASK, XV0; \
	MASKMOV (PA0)(J*SZ), MASK, XV1; \
	FMA     XV1, XV0, ACC4; \
r1sum: \
	SUM1(ARGBETA); \
	ADDQ    LDA, PA0; \
	DECQ    M; \
	JMP     rows1; \
done: \
	VZEROUPPER

// Row sums of four rows [s0 s1 s2 s3] in ACC0 (float64): fold the
// accumulator pairs, then pairwise horizontal adds and a lane swap; then
// y = alpha·s (+ beta·y only when beta != 0).
#define SUM4F64(ARGBETA) \
	VADDPD      ACC4, ACC0, ACC0; \
	VADDPD      ACC5, ACC1, ACC1; \
	VADDPD      ACC6, ACC2, ACC2; \
	VADDPD      ACC7, ACC3, ACC3; \
	VHADDPD     ACC1, ACC0, ACC0; \
	VHADDPD     ACC3, ACC2, ACC2; \
	VBLENDPD    $0xc, ACC2, ACC0, ACC1; \
	VPERM2F128  $0x21, ACC2, ACC0, ACC3; \
	VADDPD      ACC3, ACC1, ACC0; \
	VMULPD      ALPHA, ACC0, ACC0; \
	CMPQ        ARGBETA, $0; \
	JE          r4store; \
	VFMADD231PD (PY), BETA, ACC0; \
r4store: \
	VMOVUPD     ACC0, (PY); \
	ADDQ        $32, PY

// The same in float32: three horizontal adds, then the two 128-bit halves,
// [s0 s1 s2 s3] in X0.
#define SUM4F32(ARGBETA) \
	VADDPS       ACC4, ACC0, ACC0; \
	VADDPS       ACC5, ACC1, ACC1; \
	VADDPS       ACC6, ACC2, ACC2; \
	VADDPS       ACC7, ACC3, ACC3; \
	VHADDPS      ACC1, ACC0, ACC0; \
	VHADDPS      ACC3, ACC2, ACC2; \
	VHADDPS      ACC2, ACC0, ACC0; \
	VEXTRACTF128 $1, ACC0, X1; \
	VADDPS       X1, X0, X0; \
	VMULPS       X10, X0, X0; \
	CMPQ         ARGBETA, $0; \
	JE           r4store; \
	VFMADD231PS  (PY), X11, X0; \
r4store: \
	VMOVUPS      X0, (PY); \
	ADDQ         $16, PY

// One row: horizontal sum, then y = alpha·s (+ beta·y).
#define SUM1F64(ARGBETA) \
	VADDPD       ACC4, ACC0, ACC0; \
	VEXTRACTF128 $1, ACC0, X1; \
	VADDPD       X1, X0, X0; \
	VHADDPD      X0, X0, X0; \
	VMULSD       X10, X0, X0; \
	CMPQ         ARGBETA, $0; \
	JE           r1store; \
	VFMADD231SD  (PY), X11, X0; \
r1store: \
	VMOVSD       X0, (PY); \
	ADDQ         $8, PY

#define SUM1F32(ARGBETA) \
	VADDPS       ACC4, ACC0, ACC0; \
	VEXTRACTF128 $1, ACC0, X1; \
	VADDPS       X1, X0, X0; \
	VHADDPS      X0, X0, X0; \
	VHADDPS      X0, X0, X0; \
	VMULSS       X10, X0, X0; \
	CMPQ         ARGBETA, $0; \
	JE           r1store; \
	VFMADD231SS  (PY), X11, X0; \
r1store: \
	VMOVSS       X0, (PY); \
	ADDQ         $4, PY

// func gemv64AVX2(m, n int, alpha float64, a *float64, lda int, x *float64, beta float64, y *float64, useBeta int)
// Requires: AVX, AVX2, FMA
TEXT ·gemv64AVX2(SB), NOSPLIT, $0-72
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSD alpha+16(FP), ALPHA
	MOVQ         a+24(FP), PA0
	MOVQ         lda+32(FP), LDA
	MOVQ         x+40(FP), PX
	VBROADCASTSD beta+48(FP), BETA
	MOVQ         y+56(FP), PY
	GEMV(VMOVUPD, VMASKMOVPD, VFMADD231PD, VXORPD, 8, 3, 4, 8, SUM4F64, SUM1F64, useBeta+64(FP))
	RET

// func gemv32AVX2(m, n int, alpha float32, a *float32, lda int, x *float32, beta float32, y *float32, useBeta int)
// Requires: AVX, AVX2, FMA
TEXT ·gemv32AVX2(SB), NOSPLIT, $0-72
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSS alpha+16(FP), ALPHA
	MOVQ         a+24(FP), PA0
	MOVQ         lda+32(FP), LDA
	MOVQ         x+40(FP), PX
	VBROADCASTSS beta+48(FP), BETA
	MOVQ         y+56(FP), PY
	GEMV(VMOVUPS, VMASKMOVPS, VFMADD231PS, VXORPS, 4, 2, 8, 16, SUM4F32, SUM1F32, useBeta+64(FP))
	RET

#undef M
#undef N
#undef J
#undef PX
#undef PA0
#undef PA1
#undef PA2
#undef PA3
#undef LDA
#undef PY
#undef END
#undef TBL
#undef ACC0
#undef ACC1
#undef ACC2
#undef ACC3
#undef ACC4
#undef ACC5
#undef ACC6
#undef ACC7
#undef XV0
#undef XV1
#undef ALPHA
#undef BETA
#undef MASK

// ---------------------------------------------------------------------------
// GemvMulti: two rows of A against four vectors of x.

#define I AX
#define N BX
#define J CX
#define T DX
#define PA0 SI
#define PA1 DI
#define LDA R8
#define PX0 R9
#define PX1 R10
#define PX2 R11
#define PX3 R12
#define END R13
#define C00 Y0
#define C01 Y1
#define C02 Y2
#define C03 Y3
#define C10 Y4
#define C11 Y5
#define C12 Y6
#define C13 Y7
#define AV0 Y8
#define AV1 Y9
#define XV0 Y10
#define XV1 Y11
#define XV2 Y12
#define XV3 Y13
#define MASK Y14

// FMA8 adds the products of the row vectors AV0, AV1 with the x vectors
// XV0..XV3 into the eight accumulators C<row><vector>.
#define FMA8(op) \
	op XV0, AV0, C00; \
	op XV1, AV0, C01; \
	op XV2, AV0, C02; \
	op XV3, AV0, C03; \
	op XV0, AV1, C10; \
	op XV1, AV1, C11; \
	op XV2, AV1, C12; \
	op XV3, AV1, C13

// GEMVMULTI is the body of gemvMulti4x64AVX2 and gemvMulti4x32AVX2 after
// the TEXT has loaded N, PA0, LDA (in elements) and PX0..PX3: the
// instructions of one precision, element size SZ and its log2 SHIFT, LANES
// per vector; STROW(CA, CB, CC, CD, XA, XB, OFF, ...) reduces the
// accumulators CA..CD of one row to [s0 s1 s2 s3] and stores lane c to y_c
// at byte offset OFF from row I. The arguments read inside the loop, m and
// y0..y3, are the TEXT's operands ARGM and ARGY0..ARGY3 (m+0(FP), ...), so
// that go vet checks them where they are written. Labels are local to each
// TEXT.
#define GEMVMULTI(MOV, MASKMOV, FMA, XOR, SZ, SHIFT, LANES, STROW, ARGM, ARGY0, ARGY1, ARGY2, ARGY3) \
	SHLQ $SHIFT, LDA; \
	XORQ I, I; \
	/* MASK selects the last n%LANES columns. */ \
	MASKAVX2(N, SZ, LANES, END, T, MASK); \
rows: \
	/* Rows I and I+1; a last odd row is paired with itself. */ \
	MOVQ ARGM, T; \
	SUBQ I, T; \
	JLE  done; \
	LEAQ (PA0)(LDA*1), PA1; \
	CMPQ T, $1; \
	JNE  start; \
	MOVQ PA0, PA1; \
start: \
	XOR  C00, C00, C00; \
	XOR  C01, C01, C01; \
	XOR  C02, C02, C02; \
	XOR  C03, C03, C03; \
	XOR  C10, C10, C10; \
	XOR  C11, C11, C11; \
	XOR  C12, C12, C12; \
	XOR  C13, C13, C13; \
	XORQ J, J; \
	MOVQ N, END; \
	ANDQ $-LANES, END; \
loop: \
	/* One vector of columns per iteration: two row vectors, four x vectors. */ \
	CMPQ J, END; \
	JGE  tail; \
	MOV  (PA0)(J*SZ), AV0; \
	MOV  (PA1)(J*SZ), AV1; \
	MOV  (PX0)(J*SZ), XV0; \
	MOV  (PX1)(J*SZ), XV1; \
	MOV  (PX2)(J*SZ), XV2; \
	MOV  (PX3)(J*SZ), XV3; \
	FMA8(FMA); \
	ADDQ $LANES, J; \
	JMP  loop; \
tail: \
	/* The last n%LANES columns, masked. */ \
	CMPQ    J, N; \
	JGE     sum; \
	MASKMOV (PA0)(J*SZ), MASK, AV0; \
	MASKMOV (PA1)(J*SZ), MASK, AV1; \
	MASKMOV (PX0)(J*SZ), MASK, XV0; \
	MASKMOV (PX1)(J*SZ), MASK, XV1; \
	MASKMOV (PX2)(J*SZ), MASK, XV2; \
	MASKMOV (PX3)(J*SZ), MASK, XV3; \
	FMA8(FMA); \
sum: \
	STROW(C00, C01, C02, C03, X0, X1, 0, ARGY0, ARGY1, ARGY2, ARGY3); \
	/* Row I+1, unless row I was the last. */ \
	MOVQ ARGM, T; \
	SUBQ I, T; \
	CMPQ T, $1; \
	JE   done; \
	STROW(C10, C11, C12, C13, X4, X5, SZ, ARGY0, ARGY1, ARGY2, ARGY3); \
	ADDQ $2, I; \
	LEAQ (PA1)(LDA*1), PA0; \
	JMP  rows; \
done: \
	VZEROUPPER

// STROW64: horizontal adds and a lane swap.
#define STROW64(CA, CB, CC, CD, XA, XB, OFF, ARGY0, ARGY1, ARGY2, ARGY3) \
	VHADDPD      CB, CA, CA; \
	VHADDPD      CD, CC, CC; \
	VBLENDPD     $0xc, CC, CA, CB; \
	VPERM2F128   $0x21, CC, CA, CD; \
	VADDPD       CD, CB, CA; \
	VEXTRACTF128 $1, CA, XB; \
	MOVQ         ARGY0, T; \
	VMOVSD       XA, OFF(T)(I*8); \
	MOVQ         ARGY1, T; \
	VMOVHPD      XA, OFF(T)(I*8); \
	MOVQ         ARGY2, T; \
	VMOVSD       XB, OFF(T)(I*8); \
	MOVQ         ARGY3, T; \
	VMOVHPD      XB, OFF(T)(I*8)

// STROW32: three horizontal adds and a fold of the 128-bit halves.
#define STROW32(CA, CB, CC, CD, XA, XB, OFF, ARGY0, ARGY1, ARGY2, ARGY3) \
	VHADDPS      CB, CA, CA; \
	VHADDPS      CD, CC, CC; \
	VHADDPS      CC, CA, CA; \
	VEXTRACTF128 $1, CA, XB; \
	VADDPS       XB, XA, XA; \
	MOVQ         ARGY0, T; \
	VMOVSS       XA, OFF(T)(I*4); \
	MOVQ         ARGY1, T; \
	VEXTRACTPS   $1, XA, OFF(T)(I*4); \
	MOVQ         ARGY2, T; \
	VEXTRACTPS   $2, XA, OFF(T)(I*4); \
	MOVQ         ARGY3, T; \
	VEXTRACTPS   $3, XA, OFF(T)(I*4)

// func gemvMulti4x64AVX2(m, n int, a *float64, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float64)
// Requires: AVX, AVX2, FMA
TEXT ·gemvMulti4x64AVX2(SB), NOSPLIT, $0-96
	MOVQ n+8(FP), N
	MOVQ a+16(FP), PA0
	MOVQ lda+24(FP), LDA
	MOVQ x0+32(FP), PX0
	MOVQ x1+40(FP), PX1
	MOVQ x2+48(FP), PX2
	MOVQ x3+56(FP), PX3
	GEMVMULTI(VMOVUPD, VMASKMOVPD, VFMADD231PD, VXORPD, 8, 3, 4, STROW64, m+0(FP), y0+64(FP), y1+72(FP), y2+80(FP), y3+88(FP))
	RET

// func gemvMulti4x32AVX2(m, n int, a *float32, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float32)
// Requires: AVX, AVX2, FMA
TEXT ·gemvMulti4x32AVX2(SB), NOSPLIT, $0-96
	MOVQ n+8(FP), N
	MOVQ a+16(FP), PA0
	MOVQ lda+24(FP), LDA
	MOVQ x0+32(FP), PX0
	MOVQ x1+40(FP), PX1
	MOVQ x2+48(FP), PX2
	MOVQ x3+56(FP), PX3
	GEMVMULTI(VMOVUPS, VMASKMOVPS, VFMADD231PS, VXORPS, 4, 2, 8, STROW32, m+0(FP), y0+64(FP), y1+72(FP), y2+80(FP), y3+88(FP))
	RET

#undef I
#undef N
#undef J
#undef T
#undef PA0
#undef PA1
#undef LDA
#undef PX0
#undef PX1
#undef PX2
#undef PX3
#undef END
#undef C00
#undef C01
#undef C02
#undef C03
#undef C10
#undef C11
#undef C12
#undef C13
#undef AV0
#undef AV1
#undef XV0
#undef XV1
#undef XV2
#undef XV3
#undef MASK
#undef FMA8
