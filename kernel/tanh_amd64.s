//go:build !purego

#include "textflag.h"

// Vectorised tanh, four float64 lanes at a time. With a = |x|:
//
//   a < 0.625:  tanh a = a + a·w,  w = z·R(z), z = a²  (odd polynomial)
//   otherwise:  tanh a = 1 - 2/(e^(2a) + 1), with a clamped to 20, where
//               tanh a rounds to 1. e^y = 2^n·(1 + p), n = round(y/ln 2),
//               r = y - n·ln 2 (in two parts, with its rounding error c),
//               p = r + r²·Q(r) + c. D = 2^n(1+p) + 1 is kept as D + Dlo
//               and q = 2/D is refined by one Newton step; 1 - q is
//               summed with its rounding error, so that the only large
//               rounding is the last addition.
//
// Both formulas are evaluated for all lanes and blended (no branches), and
// the sign of x is put back at the end, which keeps ±0 and makes the
// function odd. NaN passes through (the clamp keeps it), ±Inf gives ±1.
//
// The work is split in two passes over chunks of up to 32 values, with D
// and Dlo parked in a scratch buffer in between: each pass then has short
// dependency chains and few instructions per vector, so the out-of-order
// core overlaps several vectors (one pass with the whole chain ran at
// about 1.2 times the time per vector).

#define X Y0
#define A Y1

// EXPREDUCE is the range reduction shared by TANHEXP and TANH32: from
// Y0 = x it sets A (Y1) = |x|, Y = 2·min(|x|, CLAMP) (NaN stays NaN: it is
// the second operand of VMINPD), NV = n = round(Y/ln 2) as a float64 and
// S = 2^n from the integer bits of the rounding sum in T; C is scratch
// (it may be Y).
#define EXPREDUCE(CLAMP, C, Y, T, NV, S) \
	VANDPD       tanhAbs<>(SB), X, A;          \
	VMOVUPD      CLAMP, C;                     \
	VMINPD       A, C, C;                      \
	VADDPD       C, C, Y;                      \
	VMOVUPD      tanhMagic<>(SB), T;           \
	VFMADD231PD  tanhLog2e<>(SB), Y, T;        \
	VSUBPD       tanhMagic<>(SB), T, NV;       \
	VPSLLQ       $52, T, S;                    \
	VPADDQ       tanhOneBits<>(SB), S, S

// TANHEXP computes, from Y0 = x, D = 2^n(1+p) + 1 in Y14 and its rounding
// error Dlo in Y13 (see above); it uses Y1..Y15.
#define TANHEXP \
	/* y = 2·min(|x|, 20) (Y7), n = round(y/ln 2) (Y9), S = 2^n (Y10) */ \
	EXPREDUCE(tanhClamp<>(SB), Y6, Y7, Y8, Y9, Y10); \
	\
	/* r = y - n·ln2 (Y11) and its rounding error c (Y7) */ \
	VFNMADD231PD tanhLn2Hi<>(SB), Y9, Y7;      \
	VMOVAPD      Y7, Y11;                      \
	VFNMADD231PD tanhLn2Lo<>(SB), Y9, Y11;     \
	VSUBPD       Y11, Y7, Y7;                  \
	VFNMADD231PD tanhLn2Lo<>(SB), Y9, Y7;      \
	VADDPD       Y11, Y7, Y7;                  \
	\
	/* p = e^r - 1 = r² · Q(r) + (r + c) (Y12), Q by Estrin's scheme: */ \
	/* pairs Q_2i + Q_2i+1·r, then combined by r², r⁴, r⁸ */ \
	VMULPD       Y11, Y11, Y12;                \
	VMOVUPD      tanhQ<>+32(SB), Y13;          \
	VFMADD213PD  tanhQ<>+0(SB), Y11, Y13;      \
	VMOVUPD      tanhQ<>+96(SB), Y14;          \
	VFMADD213PD  tanhQ<>+64(SB), Y11, Y14;     \
	VMOVUPD      tanhQ<>+160(SB), Y15;         \
	VFMADD213PD  tanhQ<>+128(SB), Y11, Y15;    \
	VMOVUPD      tanhQ<>+224(SB), Y8;          \
	VFMADD213PD  tanhQ<>+192(SB), Y11, Y8;     \
	VMOVUPD      tanhQ<>+288(SB), Y9;          \
	VFMADD213PD  tanhQ<>+256(SB), Y11, Y9;     \
	VMULPD       Y12, Y12, Y6;                 \
	VFMADD231PD  Y14, Y12, Y13;                \
	VFMADD231PD  Y8, Y12, Y15;                 \
	VFMADD231PD  Y15, Y6, Y13;                 \
	VMULPD       Y6, Y6, Y6;                   \
	VFMADD231PD  Y9, Y6, Y13;                  \
	VFMADD213PD  Y7, Y13, Y12;                 \
	\
	/* D = S·p + (S+1) (Y14) and its rounding error Dlo (Y13) */ \
	VADDPD       tanhOneBits<>(SB), Y10, Y13;  \
	VMOVAPD      Y13, Y14;                     \
	VFMADD231PD  Y12, Y10, Y14;                \
	VSUBPD       Y14, Y13, Y13;                \
	VFMADD231PD  Y12, Y10, Y13

#define SIGN Y2
#define SMALL Y3
#define POLY Y4
#define Z Y5
#define D Y14
#define DLO Y13

// TANHFIN replaces Y0 = x by tanh(x), given D and Dlo of TANHEXP in Y14
// and Y13; it uses Y1..Y15.
#define TANHFIN \
	/* a = |x|, the sign of x, the lanes with a < 0.625 */ \
	VANDPD       tanhAbs<>(SB), X, A;          \
	VANDPD       tanhSign<>(SB), X, SIGN;      \
	VCMPPD       $1, tanhSmall<>(SB), A, SMALL; \
	\
	/* q = 2/(D+Dlo): q0 = 2/D (Y15), plus (2 - q0·D - q0·Dlo)·q0/2 */ \
	VMOVUPD      tanhTwo<>(SB), Y15;           \
	VDIVPD       D, Y15, Y15;                  \
	VMOVUPD      tanhTwo<>(SB), Y9;            \
	VFNMADD231PD D, Y15, Y9;                   \
	VFNMADD231PD DLO, Y15, Y9;                 \
	VMULPD       tanhHalf<>(SB), Y15, Y10;     \
	VMULPD       Y10, Y9, Y9;                  \
	\
	/* t = 1 - q0 - qc = s + ((1 - s) - q0 - qc), s = 1 - q0 (Y14): */ \
	/* (1 - s) - q0 is the exact rounding error of s (Fast2Sum) */ \
	VMOVUPD      tanhOneBits<>(SB), Y11;       \
	VSUBPD       Y15, Y11, Y14;                \
	VSUBPD       Y14, Y11, Y11;                \
	VSUBPD       Y15, Y11, Y11;                \
	VSUBPD       Y9, Y11, Y11;                 \
	VADDPD       Y11, Y14, Y14;                \
	\
	/* Small lanes: POLY = a + a·z·R(z), R by Estrin's scheme: */ \
	/* pairs R_2i + R_2i+1·z, then combined by z², z⁴, z⁸ */ \
	VMULPD       A, A, Z;                      \
	VMULPD       Z, Z, Y6;                     \
	VMULPD       Y6, Y6, Y7;                   \
	VMOVUPD      tanhR<>+32(SB), POLY;         \
	VFMADD213PD  tanhR<>+0(SB), Z, POLY;       \
	VMOVUPD      tanhR<>+96(SB), Y8;           \
	VFMADD213PD  tanhR<>+64(SB), Z, Y8;        \
	VMOVUPD      tanhR<>+160(SB), Y10;         \
	VFMADD213PD  tanhR<>+128(SB), Z, Y10;      \
	VMOVUPD      tanhR<>+224(SB), Y11;         \
	VFMADD213PD  tanhR<>+192(SB), Z, Y11;      \
	VMOVUPD      tanhR<>+288(SB), Y12;         \
	VFMADD213PD  tanhR<>+256(SB), Z, Y12;      \
	VMOVUPD      tanhR<>+352(SB), Y13;         \
	VFMADD213PD  tanhR<>+320(SB), Z, Y13;      \
	VFMADD231PD  Y8, Y6, POLY;                 \
	VFMADD231PD  Y11, Y6, Y10;                 \
	VFMADD231PD  Y13, Y6, Y12;                 \
	VFMADD231PD  Y10, Y7, POLY;                \
	VMULPD       Y7, Y7, Y7;                   \
	VFMADD231PD  Y12, Y7, POLY;                \
	VMULPD       Z, POLY, POLY;                \
	VFMADD213PD  A, A, POLY;                   \
	\
	/* the blend by SMALL, the sign of x */ \
	VBLENDVPD    SMALL, POLY, Y14, X;          \
	VORPD        SIGN, X, X

#define PDST DI
#define PSRC SI
#define N CX
#define TMP R8
#define M DX
#define P R9
#define Q R10
#define I R11

// Chunk size in values; the scratch buffer holds 2·tanhChunk float64.
#define CHUNK $32

// func tanh64AVX2(dst, x *float64, n int, tmp *float64)
// Requires: AVX, AVX2, FMA3. n is a positive multiple of 4; tmp has room
// for 64 values; dst may be x.
TEXT ·tanh64AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PDST
	MOVQ x+8(FP), PSRC
	MOVQ n+16(FP), N
	MOVQ tmp+24(FP), TMP

chunk64:
	// M = min(N, 32) values in this chunk.
	MOVQ N, M
	CMPQ M, CHUNK
	JLE  pass64
	MOVQ CHUNK, M

pass64:
	// Pass 1: D and Dlo of each vector of x to tmp.
	MOVQ PSRC, P
	MOVQ TMP, Q
	MOVQ M, I

exp64:
	VMOVUPD (P), X
	TANHEXP
	VMOVUPD D, (Q)
	VMOVUPD DLO, 32(Q)
	ADDQ    $32, P
	ADDQ    $64, Q
	SUBQ    $4, I
	JNZ     exp64

	// Pass 2: tanh of each vector from x, D and Dlo, to dst.
	MOVQ TMP, Q
	MOVQ M, I

fin64:
	VMOVUPD (PSRC), X
	VMOVUPD (Q), D
	VMOVUPD 32(Q), DLO
	TANHFIN
	VMOVUPD X, (PDST)
	ADDQ    $32, PSRC
	ADDQ    $32, PDST
	ADDQ    $64, Q
	SUBQ    $4, I
	JNZ     fin64

	SUBQ M, N
	JNZ  chunk64
	VZEROUPPER
	RET

// TANH32 replaces the four float64 lanes of Y0 (float32 values widened) by
// their tanh, to the accuracy float32 needs, in a shorter way than the
// float64 code: tanh a = m/(m + 2) with m = e^(2a) - 1 (a = |x|, clamped
// to 9.5, beyond which tanh rounds to 1 in float32), e^y = 2^n·e^r,
// n = round(y/ln 2), r = y - n·ln 2, m = 2^n·p + (2^n - 1) with
// p = e^r - 1 = r·Q(r), Q the Taylor polynomial of degree 7 (relative
// error under 7e-10 for |r| ≤ ln2/2). m has no cancellation, so small |x|
// needs no separate formula; the division is exact to half an ulp of
// float64. The sign of x is put back at the end (±0 stays ±0, NaN stays
// NaN, ±Inf gives ±1). Uses Y1..Y13.
#define TANH32 \
	/* y = 2·min(|x|, 9.5) (Y3), n (Y5), S = 2^n (Y6); r = y - n·ln 2 (Y3) */ \
	EXPREDUCE(tanh32Clamp<>(SB), Y3, Y3, Y4, Y5, Y6); \
	VANDPD       tanhSign<>(SB), Y0, Y2;       \
	VFNMADD231PD tanh32Ln2<>(SB), Y5, Y3;      \
	\
	/* Q(r) by Estrin's scheme, p = r·Q (Y11) */ \
	VMULPD       Y3, Y3, Y7;                   \
	VMOVUPD      tanh32Q<>+32(SB), Y8;         \
	VFMADD213PD  tanh32Q<>+0(SB), Y3, Y8;      \
	VMOVUPD      tanh32Q<>+96(SB), Y9;         \
	VFMADD213PD  tanh32Q<>+64(SB), Y3, Y9;     \
	VMOVUPD      tanh32Q<>+160(SB), Y10;       \
	VFMADD213PD  tanh32Q<>+128(SB), Y3, Y10;   \
	VMOVUPD      tanh32Q<>+224(SB), Y11;       \
	VFMADD213PD  tanh32Q<>+192(SB), Y3, Y11;   \
	VFMADD213PD  Y8, Y7, Y9;                   \
	VFMADD213PD  Y10, Y7, Y11;                 \
	VMULPD       Y7, Y7, Y7;                   \
	VFMADD213PD  Y9, Y7, Y11;                  \
	VMULPD       Y3, Y11, Y11;                 \
	\
	/* m = S·p + (S - 1), tanh a = m/(m + 2), the sign of x */ \
	VSUBPD       tanhOneBits<>(SB), Y6, Y12;   \
	VFMADD213PD  Y12, Y6, Y11;                 \
	VADDPD       tanhTwo<>(SB), Y11, Y13;      \
	VDIVPD       Y13, Y11, Y11;                \
	VORPD        Y2, Y11, Y0

// func tanh32AVX2(dst, x *float32, n int)
// Requires: AVX, AVX2, FMA3. n is a positive multiple of 4; dst may be x.
// Four values at a time, widened to float64 and rounded back once: the
// float64 value is within about 2e-9 (relative) of tanh, so the float32
// result is the correctly rounded one except next to a tie, where it may
// be 1 ulp off.
TEXT ·tanh32AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PDST
	MOVQ x+8(FP), PSRC
	MOVQ n+16(FP), N

loop32:
	VCVTPS2PD  (PSRC), Y0
	TANH32
	VCVTPD2PSY Y0, X0
	VMOVUPS    X0, (PDST)
	ADDQ       $16, PSRC
	ADDQ       $16, PDST
	SUBQ       $4, N
	JNZ        loop32
	VZEROUPPER
	RET

// tanhAbs: clears the sign bit
DATA tanhAbs<>+0(SB)/8, $0x7fffffffffffffff
DATA tanhAbs<>+8(SB)/8, $0x7fffffffffffffff
DATA tanhAbs<>+16(SB)/8, $0x7fffffffffffffff
DATA tanhAbs<>+24(SB)/8, $0x7fffffffffffffff
GLOBL tanhAbs<>(SB), RODATA|NOPTR, $32

// tanhSign: the sign bit
DATA tanhSign<>+0(SB)/8, $0x8000000000000000
DATA tanhSign<>+8(SB)/8, $0x8000000000000000
DATA tanhSign<>+16(SB)/8, $0x8000000000000000
DATA tanhSign<>+24(SB)/8, $0x8000000000000000
GLOBL tanhSign<>(SB), RODATA|NOPTR, $32

// tanhSmall: 0.625: below it the odd polynomial, above it the exponential
DATA tanhSmall<>+0(SB)/8, $0x3fe4000000000000
DATA tanhSmall<>+8(SB)/8, $0x3fe4000000000000
DATA tanhSmall<>+16(SB)/8, $0x3fe4000000000000
DATA tanhSmall<>+24(SB)/8, $0x3fe4000000000000
GLOBL tanhSmall<>(SB), RODATA|NOPTR, $32

// tanhClamp: 20: tanh rounds to 1 beyond about 19.06
DATA tanhClamp<>+0(SB)/8, $0x4034000000000000
DATA tanhClamp<>+8(SB)/8, $0x4034000000000000
DATA tanhClamp<>+16(SB)/8, $0x4034000000000000
DATA tanhClamp<>+24(SB)/8, $0x4034000000000000
GLOBL tanhClamp<>(SB), RODATA|NOPTR, $32

// tanhLog2e: 1/ln 2
DATA tanhLog2e<>+0(SB)/8, $0x3ff71547652b82fe
DATA tanhLog2e<>+8(SB)/8, $0x3ff71547652b82fe
DATA tanhLog2e<>+16(SB)/8, $0x3ff71547652b82fe
DATA tanhLog2e<>+24(SB)/8, $0x3ff71547652b82fe
GLOBL tanhLog2e<>(SB), RODATA|NOPTR, $32

// tanhMagic: 1.5·2^52: adding it rounds to an integer in the low mantissa bits
DATA tanhMagic<>+0(SB)/8, $0x4338000000000000
DATA tanhMagic<>+8(SB)/8, $0x4338000000000000
DATA tanhMagic<>+16(SB)/8, $0x4338000000000000
DATA tanhMagic<>+24(SB)/8, $0x4338000000000000
GLOBL tanhMagic<>(SB), RODATA|NOPTR, $32

// tanhLn2Hi: ln 2, high part (n·hi exact for n < 2^10)
DATA tanhLn2Hi<>+0(SB)/8, $0x3fe62e42fee00000
DATA tanhLn2Hi<>+8(SB)/8, $0x3fe62e42fee00000
DATA tanhLn2Hi<>+16(SB)/8, $0x3fe62e42fee00000
DATA tanhLn2Hi<>+24(SB)/8, $0x3fe62e42fee00000
GLOBL tanhLn2Hi<>(SB), RODATA|NOPTR, $32

// tanhLn2Lo: ln 2 - hi
DATA tanhLn2Lo<>+0(SB)/8, $0x3dea39ef35793c76
DATA tanhLn2Lo<>+8(SB)/8, $0x3dea39ef35793c76
DATA tanhLn2Lo<>+16(SB)/8, $0x3dea39ef35793c76
DATA tanhLn2Lo<>+24(SB)/8, $0x3dea39ef35793c76
GLOBL tanhLn2Lo<>(SB), RODATA|NOPTR, $32

// tanhOneBits: 1.0, also the exponent bias in place
DATA tanhOneBits<>+0(SB)/8, $0x3ff0000000000000
DATA tanhOneBits<>+8(SB)/8, $0x3ff0000000000000
DATA tanhOneBits<>+16(SB)/8, $0x3ff0000000000000
DATA tanhOneBits<>+24(SB)/8, $0x3ff0000000000000
GLOBL tanhOneBits<>(SB), RODATA|NOPTR, $32

// tanhTwo: 2.0
DATA tanhTwo<>+0(SB)/8, $0x4000000000000000
DATA tanhTwo<>+8(SB)/8, $0x4000000000000000
DATA tanhTwo<>+16(SB)/8, $0x4000000000000000
DATA tanhTwo<>+24(SB)/8, $0x4000000000000000
GLOBL tanhTwo<>(SB), RODATA|NOPTR, $32

// tanhHalf: 0.5
DATA tanhHalf<>+0(SB)/8, $0x3fe0000000000000
DATA tanhHalf<>+8(SB)/8, $0x3fe0000000000000
DATA tanhHalf<>+16(SB)/8, $0x3fe0000000000000
DATA tanhHalf<>+24(SB)/8, $0x3fe0000000000000
GLOBL tanhHalf<>(SB), RODATA|NOPTR, $32

// tanhR: tanh(x)/x - 1 ≈ z·Σ R_i·z^i, z = x², |x| < 0.625 (Chebyshev fit, rel. error 7e-17)
DATA tanhR<>+0(SB)/8, $0xbfd5555555555555
DATA tanhR<>+8(SB)/8, $0xbfd5555555555555
DATA tanhR<>+16(SB)/8, $0xbfd5555555555555
DATA tanhR<>+24(SB)/8, $0xbfd5555555555555
DATA tanhR<>+32(SB)/8, $0x3fc11111111110a8
DATA tanhR<>+40(SB)/8, $0x3fc11111111110a8
DATA tanhR<>+48(SB)/8, $0x3fc11111111110a8
DATA tanhR<>+56(SB)/8, $0x3fc11111111110a8
DATA tanhR<>+64(SB)/8, $0xbfaba1ba1ba0f0f7
DATA tanhR<>+72(SB)/8, $0xbfaba1ba1ba0f0f7
DATA tanhR<>+80(SB)/8, $0xbfaba1ba1ba0f0f7
DATA tanhR<>+88(SB)/8, $0xbfaba1ba1ba0f0f7
DATA tanhR<>+96(SB)/8, $0x3f9664f487e09788
DATA tanhR<>+104(SB)/8, $0x3f9664f487e09788
DATA tanhR<>+112(SB)/8, $0x3f9664f487e09788
DATA tanhR<>+120(SB)/8, $0x3f9664f487e09788
DATA tanhR<>+128(SB)/8, $0xbf8226e3473b1da6
DATA tanhR<>+136(SB)/8, $0xbf8226e3473b1da6
DATA tanhR<>+144(SB)/8, $0xbf8226e3473b1da6
DATA tanhR<>+152(SB)/8, $0xbf8226e3473b1da6
DATA tanhR<>+160(SB)/8, $0x3f6d6d39adb05e1b
DATA tanhR<>+168(SB)/8, $0x3f6d6d39adb05e1b
DATA tanhR<>+176(SB)/8, $0x3f6d6d39adb05e1b
DATA tanhR<>+184(SB)/8, $0x3f6d6d39adb05e1b
DATA tanhR<>+192(SB)/8, $0xbf57d9f6e9d27c5c
DATA tanhR<>+200(SB)/8, $0xbf57d9f6e9d27c5c
DATA tanhR<>+208(SB)/8, $0xbf57d9f6e9d27c5c
DATA tanhR<>+216(SB)/8, $0xbf57d9f6e9d27c5c
DATA tanhR<>+224(SB)/8, $0x3f43526e49c5342d
DATA tanhR<>+232(SB)/8, $0x3f43526e49c5342d
DATA tanhR<>+240(SB)/8, $0x3f43526e49c5342d
DATA tanhR<>+248(SB)/8, $0x3f43526e49c5342d
DATA tanhR<>+256(SB)/8, $0xbf2f2433d7227418
DATA tanhR<>+264(SB)/8, $0xbf2f2433d7227418
DATA tanhR<>+272(SB)/8, $0xbf2f2433d7227418
DATA tanhR<>+280(SB)/8, $0xbf2f2433d7227418
DATA tanhR<>+288(SB)/8, $0x3f18444736bcdd27
DATA tanhR<>+296(SB)/8, $0x3f18444736bcdd27
DATA tanhR<>+304(SB)/8, $0x3f18444736bcdd27
DATA tanhR<>+312(SB)/8, $0x3f18444736bcdd27
DATA tanhR<>+320(SB)/8, $0xbf005b96c357bd85
DATA tanhR<>+328(SB)/8, $0xbf005b96c357bd85
DATA tanhR<>+336(SB)/8, $0xbf005b96c357bd85
DATA tanhR<>+344(SB)/8, $0xbf005b96c357bd85
DATA tanhR<>+352(SB)/8, $0x3edb32cc9deb5098
DATA tanhR<>+360(SB)/8, $0x3edb32cc9deb5098
DATA tanhR<>+368(SB)/8, $0x3edb32cc9deb5098
DATA tanhR<>+376(SB)/8, $0x3edb32cc9deb5098
GLOBL tanhR<>(SB), RODATA|NOPTR, $384

// tanhQ: (e^r - 1 - r)/r² ≈ Σ Q_i·r^i, |r| ≤ ln2/2 (Chebyshev fit, rel. error 2.3e-16)
DATA tanhQ<>+0(SB)/8, $0x3fe0000000000001
DATA tanhQ<>+8(SB)/8, $0x3fe0000000000001
DATA tanhQ<>+16(SB)/8, $0x3fe0000000000001
DATA tanhQ<>+24(SB)/8, $0x3fe0000000000001
DATA tanhQ<>+32(SB)/8, $0x3fc5555555555556
DATA tanhQ<>+40(SB)/8, $0x3fc5555555555556
DATA tanhQ<>+48(SB)/8, $0x3fc5555555555556
DATA tanhQ<>+56(SB)/8, $0x3fc5555555555556
DATA tanhQ<>+64(SB)/8, $0x3fa5555555553d5f
DATA tanhQ<>+72(SB)/8, $0x3fa5555555553d5f
DATA tanhQ<>+80(SB)/8, $0x3fa5555555553d5f
DATA tanhQ<>+88(SB)/8, $0x3fa5555555553d5f
DATA tanhQ<>+96(SB)/8, $0x3f811111111109b2
DATA tanhQ<>+104(SB)/8, $0x3f811111111109b2
DATA tanhQ<>+112(SB)/8, $0x3f811111111109b2
DATA tanhQ<>+120(SB)/8, $0x3f811111111109b2
DATA tanhQ<>+128(SB)/8, $0x3f56c16c1788d4e9
DATA tanhQ<>+136(SB)/8, $0x3f56c16c1788d4e9
DATA tanhQ<>+144(SB)/8, $0x3f56c16c1788d4e9
DATA tanhQ<>+152(SB)/8, $0x3f56c16c1788d4e9
DATA tanhQ<>+160(SB)/8, $0x3f2a01a01a7c5032
DATA tanhQ<>+168(SB)/8, $0x3f2a01a01a7c5032
DATA tanhQ<>+176(SB)/8, $0x3f2a01a01a7c5032
DATA tanhQ<>+184(SB)/8, $0x3f2a01a01a7c5032
DATA tanhQ<>+192(SB)/8, $0x3efa019b9077ffa1
DATA tanhQ<>+200(SB)/8, $0x3efa019b9077ffa1
DATA tanhQ<>+208(SB)/8, $0x3efa019b9077ffa1
DATA tanhQ<>+216(SB)/8, $0x3efa019b9077ffa1
DATA tanhQ<>+224(SB)/8, $0x3ec71de0daae71ae
DATA tanhQ<>+232(SB)/8, $0x3ec71de0daae71ae
DATA tanhQ<>+240(SB)/8, $0x3ec71de0daae71ae
DATA tanhQ<>+248(SB)/8, $0x3ec71de0daae71ae
DATA tanhQ<>+256(SB)/8, $0x3e928918c1e754cf
DATA tanhQ<>+264(SB)/8, $0x3e928918c1e754cf
DATA tanhQ<>+272(SB)/8, $0x3e928918c1e754cf
DATA tanhQ<>+280(SB)/8, $0x3e928918c1e754cf
DATA tanhQ<>+288(SB)/8, $0x3e5af38b1fbad760
DATA tanhQ<>+296(SB)/8, $0x3e5af38b1fbad760
DATA tanhQ<>+304(SB)/8, $0x3e5af38b1fbad760
DATA tanhQ<>+312(SB)/8, $0x3e5af38b1fbad760
GLOBL tanhQ<>(SB), RODATA|NOPTR, $320


// tanh32Clamp: 9.5: tanh rounds to 1 in float32 beyond about 9.01
DATA tanh32Clamp<>+0(SB)/8, $0x4023000000000000
DATA tanh32Clamp<>+8(SB)/8, $0x4023000000000000
DATA tanh32Clamp<>+16(SB)/8, $0x4023000000000000
DATA tanh32Clamp<>+24(SB)/8, $0x4023000000000000
GLOBL tanh32Clamp<>(SB), RODATA|NOPTR, $32

// tanh32Ln2: ln 2 (n·ln 2 rounds by less than 1e-15 for the n here)
DATA tanh32Ln2<>+0(SB)/8, $0x3fe62e42fefa39ef
DATA tanh32Ln2<>+8(SB)/8, $0x3fe62e42fefa39ef
DATA tanh32Ln2<>+16(SB)/8, $0x3fe62e42fefa39ef
DATA tanh32Ln2<>+24(SB)/8, $0x3fe62e42fefa39ef
GLOBL tanh32Ln2<>(SB), RODATA|NOPTR, $32

// tanh32Q: (e^r - 1)/r ≈ Σ r^i/(i+1)!, i = 0..7 (Taylor)
DATA tanh32Q<>+0(SB)/8, $0x3ff0000000000000
DATA tanh32Q<>+8(SB)/8, $0x3ff0000000000000
DATA tanh32Q<>+16(SB)/8, $0x3ff0000000000000
DATA tanh32Q<>+24(SB)/8, $0x3ff0000000000000
DATA tanh32Q<>+32(SB)/8, $0x3fe0000000000000
DATA tanh32Q<>+40(SB)/8, $0x3fe0000000000000
DATA tanh32Q<>+48(SB)/8, $0x3fe0000000000000
DATA tanh32Q<>+56(SB)/8, $0x3fe0000000000000
DATA tanh32Q<>+64(SB)/8, $0x3fc5555555555555
DATA tanh32Q<>+72(SB)/8, $0x3fc5555555555555
DATA tanh32Q<>+80(SB)/8, $0x3fc5555555555555
DATA tanh32Q<>+88(SB)/8, $0x3fc5555555555555
DATA tanh32Q<>+96(SB)/8, $0x3fa5555555555555
DATA tanh32Q<>+104(SB)/8, $0x3fa5555555555555
DATA tanh32Q<>+112(SB)/8, $0x3fa5555555555555
DATA tanh32Q<>+120(SB)/8, $0x3fa5555555555555
DATA tanh32Q<>+128(SB)/8, $0x3f81111111111111
DATA tanh32Q<>+136(SB)/8, $0x3f81111111111111
DATA tanh32Q<>+144(SB)/8, $0x3f81111111111111
DATA tanh32Q<>+152(SB)/8, $0x3f81111111111111
DATA tanh32Q<>+160(SB)/8, $0x3f56c16c16c16c17
DATA tanh32Q<>+168(SB)/8, $0x3f56c16c16c16c17
DATA tanh32Q<>+176(SB)/8, $0x3f56c16c16c16c17
DATA tanh32Q<>+184(SB)/8, $0x3f56c16c16c16c17
DATA tanh32Q<>+192(SB)/8, $0x3f2a01a01a01a01a
DATA tanh32Q<>+200(SB)/8, $0x3f2a01a01a01a01a
DATA tanh32Q<>+208(SB)/8, $0x3f2a01a01a01a01a
DATA tanh32Q<>+216(SB)/8, $0x3f2a01a01a01a01a
DATA tanh32Q<>+224(SB)/8, $0x3efa01a01a01a01a
DATA tanh32Q<>+232(SB)/8, $0x3efa01a01a01a01a
DATA tanh32Q<>+240(SB)/8, $0x3efa01a01a01a01a
DATA tanh32Q<>+248(SB)/8, $0x3efa01a01a01a01a
GLOBL tanh32Q<>(SB), RODATA|NOPTR, $256
