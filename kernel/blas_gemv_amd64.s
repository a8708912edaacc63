//go:build !purego

#include "textflag.h"

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

// func gemv64AVX2(m, n int, alpha float64, a *float64, lda int, x *float64, beta float64, y *float64, useBeta int)
// Requires: AVX, AVX2, FMA
TEXT ·gemv64AVX2(SB), NOSPLIT, $0-72
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSD alpha+16(FP), ALPHA
	MOVQ         a+24(FP), PA0
	MOVQ         lda+32(FP), LDA
	SHLQ         $3, LDA
	MOVQ         x+40(FP), PX
	VBROADCASTSD beta+48(FP), BETA
	MOVQ         y+56(FP), PY

	// MASK selects the last n%4 columns.
	MOVQ    N, END
	ANDQ    $3, END
	LEAQ    ·tailMaskAVX2+32(SB), TBL
	NEGQ    END
	VMOVDQU (TBL)(END*8), MASK

	// Four rows at a time.
rows4:
	CMPQ   M, $4
	JL     rows1
	LEAQ   (PA0)(LDA*1), PA1
	LEAQ   (PA1)(LDA*1), PA2
	LEAQ   (PA2)(LDA*1), PA3
	VXORPD ACC0, ACC0, ACC0
	VXORPD ACC1, ACC1, ACC1
	VXORPD ACC2, ACC2, ACC2
	VXORPD ACC3, ACC3, ACC3
	VXORPD ACC4, ACC4, ACC4
	VXORPD ACC5, ACC5, ACC5
	VXORPD ACC6, ACC6, ACC6
	VXORPD ACC7, ACC7, ACC7
	XORQ   J, J
	MOVQ   N, END
	ANDQ   $-8, END

	// Eight columns per iteration: two vectors of x, eight accumulators.
r4loop8:
	CMPQ        J, END
	JGE         r4block
	VMOVUPD     (PX)(J*8), XV0
	VMOVUPD     32(PX)(J*8), XV1
	VFMADD231PD (PA0)(J*8), XV0, ACC0
	VFMADD231PD (PA1)(J*8), XV0, ACC1
	VFMADD231PD (PA2)(J*8), XV0, ACC2
	VFMADD231PD (PA3)(J*8), XV0, ACC3
	VFMADD231PD 32(PA0)(J*8), XV1, ACC4
	VFMADD231PD 32(PA1)(J*8), XV1, ACC5
	VFMADD231PD 32(PA2)(J*8), XV1, ACC6
	VFMADD231PD 32(PA3)(J*8), XV1, ACC7
	ADDQ        $8, J
	JMP         r4loop8

	// At most one more vector of four columns.
r4block:
	MOVQ        N, END
	ANDQ        $-4, END
	CMPQ        J, END
	JGE         r4tail
	VMOVUPD     (PX)(J*8), XV0
	VFMADD231PD (PA0)(J*8), XV0, ACC0
	VFMADD231PD (PA1)(J*8), XV0, ACC1
	VFMADD231PD (PA2)(J*8), XV0, ACC2
	VFMADD231PD (PA3)(J*8), XV0, ACC3
	ADDQ        $4, J

	// The last n%4 columns, masked.
r4tail:
	CMPQ        J, N
	JGE         r4sum
	VMASKMOVPD  (PX)(J*8), MASK, XV0
	VMASKMOVPD  (PA0)(J*8), MASK, XV1
	VFMADD231PD XV1, XV0, ACC4
	VMASKMOVPD  (PA1)(J*8), MASK, XV1
	VFMADD231PD XV1, XV0, ACC5
	VMASKMOVPD  (PA2)(J*8), MASK, XV1
	VFMADD231PD XV1, XV0, ACC6
	VMASKMOVPD  (PA3)(J*8), MASK, XV1
	VFMADD231PD XV1, XV0, ACC7

	// Row sums [s0 s1 s2 s3] in ACC0: fold the accumulator pairs, then
	// pairwise horizontal adds and a lane swap.
r4sum:
	VADDPD     ACC4, ACC0, ACC0
	VADDPD     ACC5, ACC1, ACC1
	VADDPD     ACC6, ACC2, ACC2
	VADDPD     ACC7, ACC3, ACC3
	VHADDPD    ACC1, ACC0, ACC0
	VHADDPD    ACC3, ACC2, ACC2
	VBLENDPD   $0xc, ACC2, ACC0, ACC1
	VPERM2F128 $0x21, ACC2, ACC0, ACC3
	VADDPD     ACC3, ACC1, ACC0

	// y = alpha·s (+ beta·y only when beta != 0).
	VMULPD      ALPHA, ACC0, ACC0
	CMPQ        useBeta+64(FP), $0
	JE          r4store
	VFMADD231PD (PY), BETA, ACC0

r4store:
	VMOVUPD ACC0, (PY)
	ADDQ    $32, PY
	LEAQ    (PA3)(LDA*1), PA0
	SUBQ    $4, M
	JMP     rows4

	// The last m%4 rows one at a time.
rows1:
	CMPQ   M, $0
	JLE    done
	VXORPD ACC0, ACC0, ACC0
	VXORPD ACC4, ACC4, ACC4
	XORQ   J, J
	MOVQ   N, END
	ANDQ   $-8, END

r1loop8:
	CMPQ        J, END
	JGE         r1block
	VMOVUPD     (PA0)(J*8), XV0
	VMOVUPD     32(PA0)(J*8), XV1
	VFMADD231PD (PX)(J*8), XV0, ACC0
	VFMADD231PD 32(PX)(J*8), XV1, ACC4
	ADDQ        $8, J
	JMP         r1loop8

r1block:
	MOVQ        N, END
	ANDQ        $-4, END
	CMPQ        J, END
	JGE         r1tail
	VMOVUPD     (PA0)(J*8), XV0
	VFMADD231PD (PX)(J*8), XV0, ACC0
	ADDQ        $4, J

r1tail:
	CMPQ        J, N
	JGE         r1sum
	VMASKMOVPD  (PX)(J*8), MASK, XV0
	VMASKMOVPD  (PA0)(J*8), MASK, XV1
	VFMADD231PD XV1, XV0, ACC4

	// Horizontal sum, then y = alpha·s (+ beta·y).
r1sum:
	VADDPD       ACC4, ACC0, ACC0
	VEXTRACTF128 $1, ACC0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0
	VMULSD       X10, X0, X0
	CMPQ         useBeta+64(FP), $0
	JE           r1store
	VFMADD231SD  (PY), X11, X0

r1store:
	VMOVSD X0, (PY)
	ADDQ   $8, PY
	ADDQ   LDA, PA0
	DECQ   M
	JMP    rows1

done:
	VZEROUPPER
	RET

// func gemv32AVX2(m, n int, alpha float32, a *float32, lda int, x *float32, beta float32, y *float32, useBeta int)
// Requires: AVX, AVX2, FMA
TEXT ·gemv32AVX2(SB), NOSPLIT, $0-72
	MOVQ         m+0(FP), M
	MOVQ         n+8(FP), N
	VBROADCASTSS alpha+16(FP), ALPHA
	MOVQ         a+24(FP), PA0
	MOVQ         lda+32(FP), LDA
	SHLQ         $2, LDA
	MOVQ         x+40(FP), PX
	VBROADCASTSS beta+48(FP), BETA
	MOVQ         y+56(FP), PY

	// MASK selects the last n%8 columns.
	MOVQ    N, END
	ANDQ    $7, END
	LEAQ    ·tailMaskAVX2+32(SB), TBL
	NEGQ    END
	VMOVDQU (TBL)(END*4), MASK

	// Four rows at a time.
rows4:
	CMPQ   M, $4
	JL     rows1
	LEAQ   (PA0)(LDA*1), PA1
	LEAQ   (PA1)(LDA*1), PA2
	LEAQ   (PA2)(LDA*1), PA3
	VXORPS ACC0, ACC0, ACC0
	VXORPS ACC1, ACC1, ACC1
	VXORPS ACC2, ACC2, ACC2
	VXORPS ACC3, ACC3, ACC3
	VXORPS ACC4, ACC4, ACC4
	VXORPS ACC5, ACC5, ACC5
	VXORPS ACC6, ACC6, ACC6
	VXORPS ACC7, ACC7, ACC7
	XORQ   J, J
	MOVQ   N, END
	ANDQ   $-16, END

	// Sixteen columns per iteration: two vectors of x, eight accumulators.
r4loop16:
	CMPQ        J, END
	JGE         r4block
	VMOVUPS     (PX)(J*4), XV0
	VMOVUPS     32(PX)(J*4), XV1
	VFMADD231PS (PA0)(J*4), XV0, ACC0
	VFMADD231PS (PA1)(J*4), XV0, ACC1
	VFMADD231PS (PA2)(J*4), XV0, ACC2
	VFMADD231PS (PA3)(J*4), XV0, ACC3
	VFMADD231PS 32(PA0)(J*4), XV1, ACC4
	VFMADD231PS 32(PA1)(J*4), XV1, ACC5
	VFMADD231PS 32(PA2)(J*4), XV1, ACC6
	VFMADD231PS 32(PA3)(J*4), XV1, ACC7
	ADDQ        $16, J
	JMP         r4loop16

	// At most one more vector of eight columns.
r4block:
	MOVQ        N, END
	ANDQ        $-8, END
	CMPQ        J, END
	JGE         r4tail
	VMOVUPS     (PX)(J*4), XV0
	VFMADD231PS (PA0)(J*4), XV0, ACC0
	VFMADD231PS (PA1)(J*4), XV0, ACC1
	VFMADD231PS (PA2)(J*4), XV0, ACC2
	VFMADD231PS (PA3)(J*4), XV0, ACC3
	ADDQ        $8, J

	// The last n%8 columns, masked.
r4tail:
	CMPQ        J, N
	JGE         r4sum
	VMASKMOVPS  (PX)(J*4), MASK, XV0
	VMASKMOVPS  (PA0)(J*4), MASK, XV1
	VFMADD231PS XV1, XV0, ACC4
	VMASKMOVPS  (PA1)(J*4), MASK, XV1
	VFMADD231PS XV1, XV0, ACC5
	VMASKMOVPS  (PA2)(J*4), MASK, XV1
	VFMADD231PS XV1, XV0, ACC6
	VMASKMOVPS  (PA3)(J*4), MASK, XV1
	VFMADD231PS XV1, XV0, ACC7

	// Row sums [s0 s1 s2 s3] in X0: fold the accumulator pairs, three
	// horizontal adds, then the two 128-bit halves.
r4sum:
	VADDPS       ACC4, ACC0, ACC0
	VADDPS       ACC5, ACC1, ACC1
	VADDPS       ACC6, ACC2, ACC2
	VADDPS       ACC7, ACC3, ACC3
	VHADDPS      ACC1, ACC0, ACC0
	VHADDPS      ACC3, ACC2, ACC2
	VHADDPS      ACC2, ACC0, ACC0
	VEXTRACTF128 $1, ACC0, X1
	VADDPS       X1, X0, X0

	// y = alpha·s (+ beta·y only when beta != 0).
	VMULPS      X10, X0, X0
	CMPQ        useBeta+64(FP), $0
	JE          r4store
	VFMADD231PS (PY), X11, X0

r4store:
	VMOVUPS X0, (PY)
	ADDQ    $16, PY
	LEAQ    (PA3)(LDA*1), PA0
	SUBQ    $4, M
	JMP     rows4

	// The last m%4 rows one at a time.
rows1:
	CMPQ   M, $0
	JLE    done
	VXORPS ACC0, ACC0, ACC0
	VXORPS ACC4, ACC4, ACC4
	XORQ   J, J
	MOVQ   N, END
	ANDQ   $-16, END

r1loop16:
	CMPQ        J, END
	JGE         r1block
	VMOVUPS     (PA0)(J*4), XV0
	VMOVUPS     32(PA0)(J*4), XV1
	VFMADD231PS (PX)(J*4), XV0, ACC0
	VFMADD231PS 32(PX)(J*4), XV1, ACC4
	ADDQ        $16, J
	JMP         r1loop16

r1block:
	MOVQ        N, END
	ANDQ        $-8, END
	CMPQ        J, END
	JGE         r1tail
	VMOVUPS     (PA0)(J*4), XV0
	VFMADD231PS (PX)(J*4), XV0, ACC0
	ADDQ        $8, J

r1tail:
	CMPQ        J, N
	JGE         r1sum
	VMASKMOVPS  (PX)(J*4), MASK, XV0
	VMASKMOVPS  (PA0)(J*4), MASK, XV1
	VFMADD231PS XV1, XV0, ACC4

	// Horizontal sum, then y = alpha·s (+ beta·y).
r1sum:
	VADDPS       ACC4, ACC0, ACC0
	VEXTRACTF128 $1, ACC0, X1
	VADDPS       X1, X0, X0
	VHADDPS      X0, X0, X0
	VHADDPS      X0, X0, X0
	VMULSS       X10, X0, X0
	CMPQ         useBeta+64(FP), $0
	JE           r1store
	VFMADD231SS  (PY), X11, X0

r1store:
	VMOVSS X0, (PY)
	ADDQ   $4, PY
	ADDQ   LDA, PA0
	DECQ   M
	JMP    rows1

done:
	VZEROUPPER
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

// func gemvMulti4x64AVX2(m, n int, a *float64, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float64)
// Requires: AVX, AVX2, FMA
TEXT ·gemvMulti4x64AVX2(SB), NOSPLIT, $0-96
	MOVQ n+8(FP), N
	MOVQ a+16(FP), PA0
	MOVQ lda+24(FP), LDA
	SHLQ $3, LDA
	MOVQ x0+32(FP), PX0
	MOVQ x1+40(FP), PX1
	MOVQ x2+48(FP), PX2
	MOVQ x3+56(FP), PX3
	XORQ I, I

	// MASK selects the last n%4 columns.
	MOVQ    N, END
	ANDQ    $3, END
	LEAQ    ·tailMaskAVX2+32(SB), T
	NEGQ    END
	VMOVDQU (T)(END*8), MASK

	// Rows I and I+1; a last odd row is paired with itself.
rows:
	MOVQ m+0(FP), T
	SUBQ I, T
	JLE  done
	LEAQ (PA0)(LDA*1), PA1
	CMPQ T, $1
	JNE  start
	MOVQ PA0, PA1

start:
	VXORPD C00, C00, C00
	VXORPD C01, C01, C01
	VXORPD C02, C02, C02
	VXORPD C03, C03, C03
	VXORPD C10, C10, C10
	VXORPD C11, C11, C11
	VXORPD C12, C12, C12
	VXORPD C13, C13, C13
	XORQ   J, J
	MOVQ   N, END
	ANDQ   $-4, END

	// Four columns per iteration: two row vectors, four x vectors.
loop4:
	CMPQ    J, END
	JGE     tail
	VMOVUPD (PA0)(J*8), AV0
	VMOVUPD (PA1)(J*8), AV1
	VMOVUPD (PX0)(J*8), XV0
	VMOVUPD (PX1)(J*8), XV1
	VMOVUPD (PX2)(J*8), XV2
	VMOVUPD (PX3)(J*8), XV3
	FMA8(VFMADD231PD)
	ADDQ    $4, J
	JMP     loop4

	// The last n%4 columns, masked.
tail:
	CMPQ       J, N
	JGE        sum
	VMASKMOVPD (PA0)(J*8), MASK, AV0
	VMASKMOVPD (PA1)(J*8), MASK, AV1
	VMASKMOVPD (PX0)(J*8), MASK, XV0
	VMASKMOVPD (PX1)(J*8), MASK, XV1
	VMASKMOVPD (PX2)(J*8), MASK, XV2
	VMASKMOVPD (PX3)(J*8), MASK, XV3
	FMA8(VFMADD231PD)

	// Row I: [s0 s1 s2 s3] in C00 by horizontal adds and a lane swap,
	// lane c stored to y_c[I].
sum:
	VHADDPD      C01, C00, C00
	VHADDPD      C03, C02, C02
	VBLENDPD     $0xc, C02, C00, C01
	VPERM2F128   $0x21, C02, C00, C03
	VADDPD       C03, C01, C00
	VEXTRACTF128 $1, C00, X1
	MOVQ         y0+64(FP), T
	VMOVSD       X0, (T)(I*8)
	MOVQ         y1+72(FP), T
	VMOVHPD      X0, (T)(I*8)
	MOVQ         y2+80(FP), T
	VMOVSD       X1, (T)(I*8)
	MOVQ         y3+88(FP), T
	VMOVHPD      X1, (T)(I*8)

	// Row I+1, unless row I was the last.
	MOVQ         m+0(FP), T
	SUBQ         I, T
	CMPQ         T, $1
	JE           done
	VHADDPD      C11, C10, C10
	VHADDPD      C13, C12, C12
	VBLENDPD     $0xc, C12, C10, C11
	VPERM2F128   $0x21, C12, C10, C13
	VADDPD       C13, C11, C10
	VEXTRACTF128 $1, C10, X5
	MOVQ         y0+64(FP), T
	VMOVSD       X4, 8(T)(I*8)
	MOVQ         y1+72(FP), T
	VMOVHPD      X4, 8(T)(I*8)
	MOVQ         y2+80(FP), T
	VMOVSD       X5, 8(T)(I*8)
	MOVQ         y3+88(FP), T
	VMOVHPD      X5, 8(T)(I*8)

	ADDQ $2, I
	LEAQ (PA1)(LDA*1), PA0
	JMP  rows

done:
	VZEROUPPER
	RET

// func gemvMulti4x32AVX2(m, n int, a *float32, lda int, x0, x1, x2, x3, y0, y1, y2, y3 *float32)
// Requires: AVX, AVX2, FMA
TEXT ·gemvMulti4x32AVX2(SB), NOSPLIT, $0-96
	MOVQ n+8(FP), N
	MOVQ a+16(FP), PA0
	MOVQ lda+24(FP), LDA
	SHLQ $2, LDA
	MOVQ x0+32(FP), PX0
	MOVQ x1+40(FP), PX1
	MOVQ x2+48(FP), PX2
	MOVQ x3+56(FP), PX3
	XORQ I, I

	// MASK selects the last n%8 columns.
	MOVQ    N, END
	ANDQ    $7, END
	LEAQ    ·tailMaskAVX2+32(SB), T
	NEGQ    END
	VMOVDQU (T)(END*4), MASK

	// Rows I and I+1; a last odd row is paired with itself.
rows:
	MOVQ m+0(FP), T
	SUBQ I, T
	JLE  done
	LEAQ (PA0)(LDA*1), PA1
	CMPQ T, $1
	JNE  start
	MOVQ PA0, PA1

start:
	VXORPS C00, C00, C00
	VXORPS C01, C01, C01
	VXORPS C02, C02, C02
	VXORPS C03, C03, C03
	VXORPS C10, C10, C10
	VXORPS C11, C11, C11
	VXORPS C12, C12, C12
	VXORPS C13, C13, C13
	XORQ   J, J
	MOVQ   N, END
	ANDQ   $-8, END

	// Eight columns per iteration: two row vectors, four x vectors.
loop8:
	CMPQ    J, END
	JGE     tail
	VMOVUPS (PA0)(J*4), AV0
	VMOVUPS (PA1)(J*4), AV1
	VMOVUPS (PX0)(J*4), XV0
	VMOVUPS (PX1)(J*4), XV1
	VMOVUPS (PX2)(J*4), XV2
	VMOVUPS (PX3)(J*4), XV3
	FMA8(VFMADD231PS)
	ADDQ    $8, J
	JMP     loop8

	// The last n%8 columns, masked.
tail:
	CMPQ       J, N
	JGE        sum
	VMASKMOVPS (PA0)(J*4), MASK, AV0
	VMASKMOVPS (PA1)(J*4), MASK, AV1
	VMASKMOVPS (PX0)(J*4), MASK, XV0
	VMASKMOVPS (PX1)(J*4), MASK, XV1
	VMASKMOVPS (PX2)(J*4), MASK, XV2
	VMASKMOVPS (PX3)(J*4), MASK, XV3
	FMA8(VFMADD231PS)

	// Row I: [s0 s1 s2 s3] in X0 by three horizontal adds and a fold of
	// the 128-bit halves, lane c stored to y_c[I].
sum:
	VHADDPS      C01, C00, C00
	VHADDPS      C03, C02, C02
	VHADDPS      C02, C00, C00
	VEXTRACTF128 $1, C00, X1
	VADDPS       X1, X0, X0
	MOVQ         y0+64(FP), T
	VMOVSS       X0, (T)(I*4)
	MOVQ         y1+72(FP), T
	VEXTRACTPS   $1, X0, (T)(I*4)
	MOVQ         y2+80(FP), T
	VEXTRACTPS   $2, X0, (T)(I*4)
	MOVQ         y3+88(FP), T
	VEXTRACTPS   $3, X0, (T)(I*4)

	// Row I+1, unless row I was the last.
	MOVQ         m+0(FP), T
	SUBQ         I, T
	CMPQ         T, $1
	JE           done
	VHADDPS      C11, C10, C10
	VHADDPS      C13, C12, C12
	VHADDPS      C12, C10, C10
	VEXTRACTF128 $1, C10, X5
	VADDPS       X5, X4, X4
	MOVQ         y0+64(FP), T
	VMOVSS       X4, 4(T)(I*4)
	MOVQ         y1+72(FP), T
	VEXTRACTPS   $1, X4, 4(T)(I*4)
	MOVQ         y2+80(FP), T
	VEXTRACTPS   $2, X4, 4(T)(I*4)
	MOVQ         y3+88(FP), T
	VEXTRACTPS   $3, X4, 4(T)(I*4)

	ADDQ $2, I
	LEAQ (PA1)(LDA*1), PA0
	JMP  rows

done:
	VZEROUPPER
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
