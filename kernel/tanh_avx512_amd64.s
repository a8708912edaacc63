//go:build !purego

#include "textflag.h"

// Vectorised tanh for AVX-512, one algorithm for both precisions, in the
// precision of the data: eight float64 or sixteen float32 lanes per
// vector. With a = |x|:
//
//   a < 0.625:  tanh a = a + a·z·R(z), z = a² (odd polynomial);
//   otherwise:  tanh a = (D - 2)/D, D = e^(2a) + 1, with a clamped to
//               18.7 (float64) or 8.625 (float32), where D - 2 is still
//               exact and tanh rounds to the float below 1, as it does
//               up to SAT (about 19.06 and 9.01), beyond which it rounds
//               to 1: those lanes are set to 1 (compare into K3).
//
// e^y = 2^n·(1 + p), n = round(y/ln 2) (adding 1.5·2^52, or 1.5·2^23,
// rounds to an integer), r = y - n·ln 2 (ln 2 in two parts),
// p = r + r²·Q(r), 2^n = S made by VSCALEF. D = S·p + (S + 1) is kept with
// its rounding error Dlo (exact from p: S·p is exact and (S + 1) - D is
// exact by Sterbenz), and D - 2 is exact for 2 ≤ D < 2^54 (2^25 in
// float32). The quotient needs no division: 1/D comes from VRCP14
// (relative error < 2^-14) and one Newton step (< 2^-28); t0 =
// (D - 2)·(1/D) is then corrected once by its residual, which takes Dlo
// into account:
//
//   t = t0 + ((D - 2 + Dlo) - t0·(D + Dlo))·(1/D),
//
// so that t is within a small fraction of an ulp of the quotient before
// its last rounding.
//
// Both formulas are evaluated for all lanes and the polynomial is blended
// in by an opmask (compare into K2). The sign of x is put back by one
// VPTERNLOGQ (t | x & sign), which keeps ±0 and makes the function odd;
// NaN propagates (the clamp is VMINP with |x| as the operand it returns
// for NaN), ±Inf gives ±1.
//
// The loop takes one vector per iteration; the last 1..LANES-1 values are
// loaded and stored under the opmask K1 = (1<<n)-1 (masked-off lanes are
// neither read nor written, and load as zero), so nothing outside the
// slices is touched.

// Constants, broadcast into registers once per call by CONSTS64/CONSTS32.
#define ONE Z31
#define MAGIC Z30
#define CLAMPV Z29
#define TWO Z28
#define LOG2E2 Z27
#define LN2HI Z26
#define LN2LO Z25
#define SMALL Z24
#define ABS Z23
#define SIGN Z22
#define SATV Z21

// Working registers.
#define X Z0
#define A Z1
#define C Z2
#define Y Z3
#define NV Z4
#define S Z5
#define P Z6
#define DLO Z7
#define DEN Z8
#define RCP Z9
#define E Z10
#define NUM Z11
#define T Z12
#define ZZ Z13
#define W Z14

#define PDST DI
#define PSRC SI
#define N CX

// TANH512 is the body of tanh64AVX512 and tanh32AVX512, given the
// instructions of the precision (VMOVUP for the masked load and store,
// VMOVAP for copies and the blend, ...), its element size SZ and lanes
// LANES, and the per-precision hooks CONSTS (the constant registers),
// POLYQ (P = r + r²·Q(r) from Y = r, DLO scratch) and POLYR (W = z·R(z)
// from ZZ = z). Labels are local to each TEXT.
#define TANH512(VMOVUP, VMOVAP, VMINP, VADDP, VSUBP, VMULP, VFMADD231P, VFNMADD231P, VFMADD213P, VSCALEFP, VRCP14P, VCMPP, CONSTS, POLYQ, POLYR, SZ, LANES) \
	CONSTS;                                     \
	MOVL         $0xffff, AX;                   \
	KMOVW        AX, K1;                        \
	TESTQ        N, N;                          \
	JLE          done;                          \
loop:                                           \
	CMPQ         N, $LANES;                     \
	JGE          body;                          \
	MOVL         $1, AX;                        \
	SHLL         CX, AX;                        \
	DECL         AX;                            \
	KMOVW        AX, K1;                        \
body:                                           \
	VMOVUP.Z     (PSRC), K1, X;                 \
	VPANDQ       ABS, X, A;                     \
	\
	/* y = 2·min(a, clamp), n = round(y/ln 2), S = 2^n, r = y - n·ln 2 */ \
	VMINP        A, CLAMPV, C;                  \
	VADDP        C, C, Y;                       \
	VMOVAP       MAGIC, NV;                     \
	VFMADD231P   LOG2E2, C, NV;                 \
	VSUBP        MAGIC, NV, NV;                 \
	VSCALEFP     NV, ONE, S;                    \
	VFNMADD231P  LN2HI, NV, Y;                  \
	VFNMADD231P  LN2LO, NV, Y;                  \
	POLYQ;                                      \
	\
	/* D = S·p + (S + 1) (DEN) and its rounding error Dlo, num = D - 2 */ \
	VADDP        ONE, S, DLO;                   \
	VMOVAP       DLO, DEN;                      \
	VFMADD231P   P, S, DEN;                     \
	VSUBP        DEN, DLO, DLO;                 \
	VFMADD231P   P, S, DLO;                     \
	VSUBP        TWO, DEN, NUM;                 \
	\
	/* 1/D to 2^-28 (RCP), t0 = num/D (T), then the residual step */ \
	VRCP14P      DEN, RCP;                      \
	VMOVAP       ONE, E;                        \
	VFNMADD231P  RCP, DEN, E;                   \
	VFMADD231P   E, RCP, RCP;                   \
	VMULP        RCP, NUM, T;                   \
	VFNMADD231P  T, DEN, NUM;                   \
	VADDP        DLO, NUM, NUM;                 \
	VFNMADD231P  T, DLO, NUM;                   \
	VFMADD231P   NUM, RCP, T;                   \
	\
	/* a < 0.625: a + a·z·R(z), blended in by K2; the sign of x */ \
	VMULP        A, A, ZZ;                      \
	POLYR;                                      \
	VFMADD213P   A, A, W;                       \
	VCMPP        $0x11, SMALL, A, K2;           \
	VMOVAP       W, K2, T;                      \
	VCMPP        $0x1e, SATV, A, K3;            \
	VMOVAP       ONE, K3, T;                    \
	VPTERNLOGQ   $0xf8, SIGN, X, T;             \
	VMOVUP       T, K1, (PDST);                 \
	ADDQ         $(LANES*SZ), PSRC;             \
	ADDQ         $(LANES*SZ), PDST;             \
	SUBQ         $LANES, N;                     \
	JG           loop;                          \
done:                                           \
	VZEROUPPER

// ---------------------------------------------------------------- float64

#define CONSTS64 \
	VBROADCASTSD t64One<>(SB), ONE;       \
	VBROADCASTSD t64Magic<>(SB), MAGIC;   \
	VBROADCASTSD t64Clamp<>(SB), CLAMPV;  \
	VBROADCASTSD t64Two<>(SB), TWO;       \
	VBROADCASTSD t64Log2e2<>(SB), LOG2E2; \
	VBROADCASTSD t64Ln2Hi<>(SB), LN2HI;   \
	VBROADCASTSD t64Ln2Lo<>(SB), LN2LO;   \
	VBROADCASTSD t64Small<>(SB), SMALL;   \
	VBROADCASTSD t64Abs<>(SB), ABS;       \
	VBROADCASTSD t64Sign<>(SB), SIGN;     \
	VBROADCASTSD t64Sat<>(SB), SATV

// One Horner step with coefficient I of table TAB, broadcast from memory.
#define HORNER64(TAB, I, V, ACC) VFMADD213PD.BCST TAB+(8*I)(SB), V, ACC
#define HORNER32(TAB, I, V, ACC) VFMADD213PS.BCST TAB+(4*I)(SB), V, ACC

#define POLYQ64 \
	VBROADCASTSD t64Q<>+72(SB), P; \
	HORNER64(t64Q<>, 8, Y, P);     \
	HORNER64(t64Q<>, 7, Y, P);     \
	HORNER64(t64Q<>, 6, Y, P);     \
	HORNER64(t64Q<>, 5, Y, P);     \
	HORNER64(t64Q<>, 4, Y, P);     \
	HORNER64(t64Q<>, 3, Y, P);     \
	HORNER64(t64Q<>, 2, Y, P);     \
	HORNER64(t64Q<>, 1, Y, P);     \
	HORNER64(t64Q<>, 0, Y, P);     \
	VMULPD       Y, Y, DLO;        \
	VFMADD213PD  Y, DLO, P

#define POLYR64 \
	VBROADCASTSD t64R<>+88(SB), W; \
	HORNER64(t64R<>, 10, ZZ, W);   \
	HORNER64(t64R<>, 9, ZZ, W);    \
	HORNER64(t64R<>, 8, ZZ, W);    \
	HORNER64(t64R<>, 7, ZZ, W);    \
	HORNER64(t64R<>, 6, ZZ, W);    \
	HORNER64(t64R<>, 5, ZZ, W);    \
	HORNER64(t64R<>, 4, ZZ, W);    \
	HORNER64(t64R<>, 3, ZZ, W);    \
	HORNER64(t64R<>, 2, ZZ, W);    \
	HORNER64(t64R<>, 1, ZZ, W);    \
	HORNER64(t64R<>, 0, ZZ, W);    \
	VMULPD       ZZ, W, W

// func tanh64AVX512(dst, x *float64, n int)
// Requires: AVX512F. dst may be x.
TEXT ·tanh64AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PDST
	MOVQ x+8(FP), PSRC
	MOVQ n+16(FP), N
	TANH512(VMOVUPD, VMOVAPD, VMINPD, VADDPD, VSUBPD, VMULPD, VFMADD231PD, VFNMADD231PD, VFMADD213PD, VSCALEFPD, VRCP14PD, VCMPPD, CONSTS64, POLYQ64, POLYR64, 8, 8)
	RET

// ---------------------------------------------------------------- float32

#define CONSTS32 \
	VBROADCASTSS t32One<>(SB), ONE;       \
	VBROADCASTSS t32Magic<>(SB), MAGIC;   \
	VBROADCASTSS t32Clamp<>(SB), CLAMPV;  \
	VBROADCASTSS t32Two<>(SB), TWO;       \
	VBROADCASTSS t32Log2e2<>(SB), LOG2E2; \
	VBROADCASTSS t32Ln2Hi<>(SB), LN2HI;   \
	VBROADCASTSS t32Ln2Lo<>(SB), LN2LO;   \
	VBROADCASTSS t32Small<>(SB), SMALL;   \
	VBROADCASTSS t32Abs<>(SB), ABS;       \
	VBROADCASTSS t32Sign<>(SB), SIGN;     \
	VBROADCASTSS t32Sat<>(SB), SATV

#define POLYQ32 \
	VBROADCASTSS t32Q<>+20(SB), P; \
	HORNER32(t32Q<>, 4, Y, P);     \
	HORNER32(t32Q<>, 3, Y, P);     \
	HORNER32(t32Q<>, 2, Y, P);     \
	HORNER32(t32Q<>, 1, Y, P);     \
	HORNER32(t32Q<>, 0, Y, P);     \
	VMULPS       Y, Y, DLO;        \
	VFMADD213PS  Y, DLO, P

#define POLYR32 \
	VBROADCASTSS t32R<>+20(SB), W; \
	HORNER32(t32R<>, 4, ZZ, W);    \
	HORNER32(t32R<>, 3, ZZ, W);    \
	HORNER32(t32R<>, 2, ZZ, W);    \
	HORNER32(t32R<>, 1, ZZ, W);    \
	HORNER32(t32R<>, 0, ZZ, W);    \
	VMULPS       ZZ, W, W

// func tanh32AVX512(dst, x *float32, n int)
// Requires: AVX512F. dst may be x.
TEXT ·tanh32AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PDST
	MOVQ x+8(FP), PSRC
	MOVQ n+16(FP), N
	TANH512(VMOVUPS, VMOVAPS, VMINPS, VADDPS, VSUBPS, VMULPS, VFMADD231PS, VFNMADD231PS, VFMADD213PS, VSCALEFPS, VRCP14PS, VCMPPS, CONSTS32, POLYQ32, POLYR32, 4, 16)
	RET

// ---------------------------------------------------------------- constants

DATA t64Abs<>+0(SB)/8, $0x7fffffffffffffff    // clears the sign bit
GLOBL t64Abs<>(SB), RODATA|NOPTR, $8
DATA t64Sign<>+0(SB)/8, $0x8000000000000000   // the sign bit
GLOBL t64Sign<>(SB), RODATA|NOPTR, $8
DATA t64One<>+0(SB)/8, $0x3ff0000000000000    // 1
GLOBL t64One<>(SB), RODATA|NOPTR, $8
DATA t64Two<>+0(SB)/8, $0x4000000000000000    // 2
GLOBL t64Two<>(SB), RODATA|NOPTR, $8
DATA t64Small<>+0(SB)/8, $0x3fe4000000000000  // 0.625
GLOBL t64Small<>(SB), RODATA|NOPTR, $8
DATA t64Clamp<>+0(SB)/8, $0x4032b33333333333  // 18.7: e^37.4 + 1 < 2^54
GLOBL t64Clamp<>(SB), RODATA|NOPTR, $8
DATA t64Sat<>+0(SB)/8, $0x40330fc1931f09c9    // the largest a with tanh a < 1 - 2^-54
GLOBL t64Sat<>(SB), RODATA|NOPTR, $8
DATA t64Log2e2<>+0(SB)/8, $0x40071547652b82fe // 2/ln 2
GLOBL t64Log2e2<>(SB), RODATA|NOPTR, $8
DATA t64Magic<>+0(SB)/8, $0x4338000000000000  // 1.5·2^52
GLOBL t64Magic<>(SB), RODATA|NOPTR, $8
DATA t64Ln2Hi<>+0(SB)/8, $0x3fe62e42fee00000  // ln 2, high part (n·hi exact for n < 2^10)
GLOBL t64Ln2Hi<>(SB), RODATA|NOPTR, $8
DATA t64Ln2Lo<>+0(SB)/8, $0x3dea39ef35793c76  // ln 2 - hi
GLOBL t64Ln2Lo<>(SB), RODATA|NOPTR, $8

// t64R: tanh(x)/x - 1 ≈ z·Σ R_i·z^i, z = x², |x| < 0.625 (Chebyshev fit,
// rel. error 7e-17; the coefficients of tanh_amd64.s)
DATA t64R<>+0(SB)/8, $0xbfd5555555555555
DATA t64R<>+8(SB)/8, $0x3fc11111111110a8
DATA t64R<>+16(SB)/8, $0xbfaba1ba1ba0f0f7
DATA t64R<>+24(SB)/8, $0x3f9664f487e09788
DATA t64R<>+32(SB)/8, $0xbf8226e3473b1da6
DATA t64R<>+40(SB)/8, $0x3f6d6d39adb05e1b
DATA t64R<>+48(SB)/8, $0xbf57d9f6e9d27c5c
DATA t64R<>+56(SB)/8, $0x3f43526e49c5342d
DATA t64R<>+64(SB)/8, $0xbf2f2433d7227418
DATA t64R<>+72(SB)/8, $0x3f18444736bcdd27
DATA t64R<>+80(SB)/8, $0xbf005b96c357bd85
DATA t64R<>+88(SB)/8, $0x3edb32cc9deb5098
GLOBL t64R<>(SB), RODATA|NOPTR, $96

// t64Q: (e^r - 1 - r)/r² ≈ Σ Q_i·r^i, |r| ≤ ln2/2 (Chebyshev fit, rel.
// error 2.3e-16; the coefficients of tanh_amd64.s)
DATA t64Q<>+0(SB)/8, $0x3fe0000000000001
DATA t64Q<>+8(SB)/8, $0x3fc5555555555556
DATA t64Q<>+16(SB)/8, $0x3fa5555555553d5f
DATA t64Q<>+24(SB)/8, $0x3f811111111109b2
DATA t64Q<>+32(SB)/8, $0x3f56c16c1788d4e9
DATA t64Q<>+40(SB)/8, $0x3f2a01a01a7c5032
DATA t64Q<>+48(SB)/8, $0x3efa019b9077ffa1
DATA t64Q<>+56(SB)/8, $0x3ec71de0daae71ae
DATA t64Q<>+64(SB)/8, $0x3e928918c1e754cf
DATA t64Q<>+72(SB)/8, $0x3e5af38b1fbad760
GLOBL t64Q<>(SB), RODATA|NOPTR, $80

DATA t32Abs<>+0(SB)/4, $0x7fffffff    // clears the sign bit
GLOBL t32Abs<>(SB), RODATA|NOPTR, $4
DATA t32Sign<>+0(SB)/4, $0x80000000   // the sign bit
GLOBL t32Sign<>(SB), RODATA|NOPTR, $4
DATA t32One<>+0(SB)/4, $0x3f800000    // 1
GLOBL t32One<>(SB), RODATA|NOPTR, $4
DATA t32Two<>+0(SB)/4, $0x40000000    // 2
GLOBL t32Two<>(SB), RODATA|NOPTR, $4
DATA t32Small<>+0(SB)/4, $0x3f200000  // 0.625
GLOBL t32Small<>(SB), RODATA|NOPTR, $4
DATA t32Clamp<>+0(SB)/4, $0x410a0000  // 8.625: e^17.25 + 1 < 2^25
GLOBL t32Clamp<>(SB), RODATA|NOPTR, $4
DATA t32Sat<>+0(SB)/4, $0x41102cb3    // the largest a with tanh a < 1 - 2^-25
GLOBL t32Sat<>(SB), RODATA|NOPTR, $4
DATA t32Log2e2<>+0(SB)/4, $0x4038aa3b // 2/ln 2
GLOBL t32Log2e2<>(SB), RODATA|NOPTR, $4
DATA t32Magic<>+0(SB)/4, $0x4b400000  // 1.5·2^23
GLOBL t32Magic<>(SB), RODATA|NOPTR, $4
DATA t32Ln2Hi<>+0(SB)/4, $0x3f317200  // ln 2, high part (n·hi exact for n < 2^9)
GLOBL t32Ln2Hi<>(SB), RODATA|NOPTR, $4
DATA t32Ln2Lo<>+0(SB)/4, $0x35bfbe8e  // ln 2 - hi
GLOBL t32Ln2Lo<>(SB), RODATA|NOPTR, $4

// t32R: tanh(x)/x - 1 ≈ z·Σ R_i·z^i, z = x², |x| < 0.625 (least-squares
// fit of the error relative to tanh, float32 coefficients: 1.8e-10)
DATA t32R<>+0(SB)/4, $0xbeaaaaaa
DATA t32R<>+4(SB)/4, $0x3e08883d
DATA t32R<>+8(SB)/4, $0xbd5cf8c5
DATA t32R<>+12(SB)/4, $0x3cb1d2bf
DATA t32R<>+16(SB)/4, $0xbc063010
DATA t32R<>+20(SB)/4, $0x3b0d171f
GLOBL t32R<>(SB), RODATA|NOPTR, $24

// t32Q: (e^r - 1 - r)/r² ≈ Σ Q_i·r^i, |r| ≤ ln2/2 (least-squares fit of
// the error relative to e^r, float32 coefficients: 1e-10)
DATA t32Q<>+0(SB)/4, $0x3f000000
DATA t32Q<>+4(SB)/4, $0x3e2aaaaa
DATA t32Q<>+8(SB)/4, $0x3d2aaa74
DATA t32Q<>+12(SB)/4, $0x3c088988
DATA t32Q<>+16(SB)/4, $0x3ab6a662
DATA t32Q<>+20(SB)/4, $0x394efbb3
GLOBL t32Q<>(SB), RODATA|NOPTR, $24
