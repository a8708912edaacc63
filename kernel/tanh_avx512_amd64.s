//go:build !purego

#include "textflag.h"

// Vectorised tanh for AVX-512, eight float64 lanes per vector, for
// float64 and for float32 (widened to float64 on load and rounded back
// once on store). With a = |x|, both compute
//
//   tanh a = (e^(2a) - 1)/(e^(2a) + 1),
//
// with a clamped (to 20 for float64, to 9.5 for float32: beyond, tanh
// rounds to 1), e^y = 2^n·(1 + p), n = round(y/ln 2), r = y - n·ln 2,
// p = e^r - 1 by a polynomial, and 2^n made by VSCALEFPD. There is no
// division: 1/den comes from VRCP14PD (relative error < 2^-14) and one
// Newton step (< 2^-28), the quotient t0 = num·(1/den) is then corrected
// once by its residual, t = t0 + (num - t0·den)·(1/den), which squares
// the error again.
//
//   - float64: den = D = 2^n·p + (2^n + 1) is kept with its rounding error
//     Dlo (both exact from p), num = D - 2 (exact, as D ≥ 2), and the
//     residual takes Dlo into account, so that t is within a few hundredths
//     of an ulp of the quotient before its last rounding. Below a = 0.625,
//     where num cancels, the odd polynomial a + a·z·R(z), z = a², is
//     blended in by an opmask (compare into K2).
//   - float32: num = m = 2^n·p + (2^n - 1) (no cancellation: for n = 0 it
//     is p itself, so tiny a keeps its relative accuracy) and den = m + 2,
//     with p = r·Q(r) short enough for float32 (relative error 7e-10).
//
// The sign of x is put back by one VPTERNLOGQ (t | x & sign), which keeps
// ±0 and makes the function odd; NaN propagates (the clamp is VMINPD with
// |x| as the operand it returns for NaN), ±Inf gives ±1.
//
// The loop takes eight values per iteration; the last 1..7 are loaded and
// stored under the opmask K1 = (1<<n)-1 (masked-off lanes are neither read
// nor written, and load as zero), so nothing outside the slices is touched.

#define X Z0
#define A Z1
#define Y Z3
#define NV Z4
#define S Z5
#define P Z6
#define DEN Z8
#define RCP Z9
#define T Z12
#define ONE Z31
#define MAGIC Z30
#define CLAMPV Z29

#define PDST DI
#define PSRC SI
#define N CX

// TANHREDUCE: from X = x, A = |x|, Y = y - n·LN2, NV = n, S = 2^n, with
// y = 2·min(a, CLAMPV) (NaN stays NaN: it is the operand VMINPD returns)
// and n = round(y/ln 2) by the 1.5·2^52 rounding trick.
#define TANHREDUCE(LN2) \
	VANDPD.BCST      t512Abs<>(SB), X, A;           \
	VMINPD           A, CLAMPV, Z2;                 \
	VADDPD           Z2, Z2, Y;                     \
	VMOVAPD          MAGIC, NV;                     \
	VFMADD231PD.BCST t512Log2e2<>(SB), Z2, NV;      \
	VSUBPD           MAGIC, NV, NV;                 \
	VSCALEFPD        NV, ONE, S;                    \
	VFNMADD231PD.BCST LN2, NV, Y

// TANHDIV: T = NUM/DEN to about 2^-56, without a division: RCP = 1/DEN
// to 2^-28 (VRCP14PD and one Newton step, Z10 scratch), T = NUM·RCP, then
// NUM is overwritten by the residual NUM - T·DEN (RESID, a per-precision
// hook, may add terms to it) and T += residual·RCP.
#define TANHDIV(NUM, RESID) \
	VRCP14PD         DEN, RCP;                      \
	VMOVAPD          ONE, Z10;                      \
	VFNMADD231PD     RCP, DEN, Z10;                 \
	VFMADD231PD      Z10, RCP, RCP;                 \
	VMULPD           RCP, NUM, T;                   \
	VFNMADD231PD     T, DEN, NUM;                   \
	RESID;                                          \
	VFMADD231PD      NUM, RCP, T

// TANH512 is the loop of tanh64AVX512 and tanh32AVX512: eight values per
// iteration, loaded into X by LOAD (under K1), replaced by tanh in T by
// BODY, stored from T by STORE (under K1); the last 1..7 values under the
// mask (1<<n)-1. CLAMP is the clamp of a for the precision. Labels are
// local to each TEXT.
#define TANH512(LOAD, BODY, STORE, SZ, CLAMP) \
	VBROADCASTSD t512One<>(SB), ONE;   \
	VBROADCASTSD t512Magic<>(SB), MAGIC; \
	VBROADCASTSD CLAMP, CLAMPV;         \
	MOVL         $0xff, AX;             \
	KMOVW        AX, K1;                \
	TESTQ        N, N;                  \
	JLE          done;                  \
loop:                                   \
	CMPQ         N, $8;                 \
	JGE          body;                  \
	MOVL         $1, AX;                \
	SHLL         CX, AX;                \
	DECL         AX;                    \
	KMOVW        AX, K1;                \
body:                                   \
	LOAD;                               \
	BODY;                               \
	VPTERNLOGQ.BCST $0xf8, t512Sign<>(SB), X, T; \
	STORE;                              \
	ADDQ         $(8*SZ), PSRC;         \
	ADDQ         $(8*SZ), PDST;         \
	SUBQ         $8, N;                 \
	JG           loop;                  \
done:                                   \
	VZEROUPPER

// ---------------------------------------------------------------- float64

#define LOAD64 VMOVUPD.Z (PSRC), K1, X
#define STORE64 VMOVUPD T, K1, (PDST)

// DLO64: the residual of TANHDIV also takes Dlo (Z7) into account:
// (num + Dlo) - T·(D + Dlo) = (num - T·D) + Dlo - T·Dlo.
#define DLO64 \
	VADDPD           Z7, Z11, Z11;                  \
	VFNMADD231PD     T, Z7, Z11

// Horner steps for the float64 polynomials (coefficient i of table TAB,
// broadcast from memory).
#define HORNER(TAB, I, V, ACC) VFMADD213PD.BCST TAB+(8*I)(SB), V, ACC

#define TANH64 \
	/* r = y - n·ln2hi - n·ln2lo (Y) */ \
	TANHREDUCE(t512Ln2Hi<>(SB));                    \
	VFNMADD231PD.BCST t512Ln2Lo<>(SB), NV, Y;       \
	\
	/* p = r + r²·Q(r), Q by Horner's scheme (P) */ \
	VBROADCASTSD     t512Q<>+72(SB), P;             \
	HORNER(t512Q<>, 8, Y, P);                       \
	HORNER(t512Q<>, 7, Y, P);                       \
	HORNER(t512Q<>, 6, Y, P);                       \
	HORNER(t512Q<>, 5, Y, P);                       \
	HORNER(t512Q<>, 4, Y, P);                       \
	HORNER(t512Q<>, 3, Y, P);                       \
	HORNER(t512Q<>, 2, Y, P);                       \
	HORNER(t512Q<>, 1, Y, P);                       \
	HORNER(t512Q<>, 0, Y, P);                       \
	VMULPD           Y, Y, Z7;                      \
	VFMADD213PD      Y, Z7, P;                      \
	\
	/* D = S·p + (S+1) (DEN), its rounding error Dlo (Z7), num = D - 2 (Z11) */ \
	VADDPD           ONE, S, Z7;                    \
	VMOVAPD          Z7, DEN;                       \
	VFMADD231PD      P, S, DEN;                     \
	VSUBPD           DEN, Z7, Z7;                   \
	VFMADD231PD      P, S, Z7;                      \
	VSUBPD.BCST      t512Two<>(SB), DEN, Z11;       \
	TANHDIV(Z11, DLO64);                            \
	\
	/* a < 0.625: a + a·z·R(z), R by Horner's scheme (Z14), blended by K2 */ \
	VMULPD           A, A, Z13;                     \
	VBROADCASTSD     t512R<>+88(SB), Z14;           \
	HORNER(t512R<>, 10, Z13, Z14);                  \
	HORNER(t512R<>, 9, Z13, Z14);                   \
	HORNER(t512R<>, 8, Z13, Z14);                   \
	HORNER(t512R<>, 7, Z13, Z14);                   \
	HORNER(t512R<>, 6, Z13, Z14);                   \
	HORNER(t512R<>, 5, Z13, Z14);                   \
	HORNER(t512R<>, 4, Z13, Z14);                   \
	HORNER(t512R<>, 3, Z13, Z14);                   \
	HORNER(t512R<>, 2, Z13, Z14);                   \
	HORNER(t512R<>, 1, Z13, Z14);                   \
	HORNER(t512R<>, 0, Z13, Z14);                   \
	VMULPD           Z13, Z14, Z14;                 \
	VFMADD213PD      A, A, Z14;                     \
	VCMPPD.BCST      $0x11, t512Small<>(SB), A, K2; \
	VMOVAPD          Z14, K2, T

// func tanh64AVX512(dst, x *float64, n int)
// Requires: AVX512F, AVX512DQ. dst may be x.
TEXT ·tanh64AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PDST
	MOVQ x+8(FP), PSRC
	MOVQ n+16(FP), N
	TANH512(LOAD64, TANH64, STORE64, 8, t512Clamp64<>(SB))
	RET

// ---------------------------------------------------------------- float32

#define LOAD32 VCVTPS2PD.Z (PSRC), K1, X
#define STORE32 VCVTPD2PS T, Y12; VMOVUPS Y12, K1, (PDST)

#define NOP32

#define TANH32 \
	/* r = y - n·ln 2 (Y) */ \
	TANHREDUCE(t512Ln2<>(SB));                      \
	\
	/* p = r·Q(r), Q by Horner's scheme (P) */ \
	VBROADCASTSD     t512Q32<>+56(SB), P;           \
	HORNER(t512Q32<>, 6, Y, P);                     \
	HORNER(t512Q32<>, 5, Y, P);                     \
	HORNER(t512Q32<>, 4, Y, P);                     \
	HORNER(t512Q32<>, 3, Y, P);                     \
	HORNER(t512Q32<>, 2, Y, P);                     \
	HORNER(t512Q32<>, 1, Y, P);                     \
	HORNER(t512Q32<>, 0, Y, P);                     \
	VMULPD           Y, P, P;                       \
	\
	/* m = S·p + (S-1) (Z11), den = m + 2 */ \
	VSUBPD           ONE, S, Z11;                   \
	VFMADD231PD      P, S, Z11;                     \
	VADDPD.BCST      t512Two<>(SB), Z11, DEN;       \
	TANHDIV(Z11, NOP32)

// func tanh32AVX512(dst, x *float32, n int)
// Requires: AVX512F, AVX512VL, AVX512DQ. dst may be x.
TEXT ·tanh32AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PDST
	MOVQ x+8(FP), PSRC
	MOVQ n+16(FP), N
	TANH512(LOAD32, TANH32, STORE32, 4, t512Clamp32<>(SB))
	RET

// ---------------------------------------------------------------- constants

// t512Abs: clears the sign bit
DATA t512Abs<>+0(SB)/8, $0x7fffffffffffffff
GLOBL t512Abs<>(SB), RODATA|NOPTR, $8

// t512Sign: the sign bit
DATA t512Sign<>+0(SB)/8, $0x8000000000000000
GLOBL t512Sign<>(SB), RODATA|NOPTR, $8

// t512One: 1.0
DATA t512One<>+0(SB)/8, $0x3ff0000000000000
GLOBL t512One<>(SB), RODATA|NOPTR, $8

// t512Two: 2.0
DATA t512Two<>+0(SB)/8, $0x4000000000000000
GLOBL t512Two<>(SB), RODATA|NOPTR, $8

// t512Small: 0.625: below it the odd polynomial (float64)
DATA t512Small<>+0(SB)/8, $0x3fe4000000000000
GLOBL t512Small<>(SB), RODATA|NOPTR, $8

// t512Clamp64: 20: tanh rounds to 1 in float64 beyond about 19.06
DATA t512Clamp64<>+0(SB)/8, $0x4034000000000000
GLOBL t512Clamp64<>(SB), RODATA|NOPTR, $8

// t512Clamp32: 9.5: tanh rounds to 1 in float32 beyond about 9.01
DATA t512Clamp32<>+0(SB)/8, $0x4023000000000000
GLOBL t512Clamp32<>(SB), RODATA|NOPTR, $8

// t512Log2e2: 2/ln 2 (min(a, clamp)·2/ln 2 = y/ln 2, exactly as rounded)
DATA t512Log2e2<>+0(SB)/8, $0x40071547652b82fe
GLOBL t512Log2e2<>(SB), RODATA|NOPTR, $8

// t512Magic: 1.5·2^52: adding it rounds to an integer
DATA t512Magic<>+0(SB)/8, $0x4338000000000000
GLOBL t512Magic<>(SB), RODATA|NOPTR, $8

// t512Ln2: ln 2 (float32: n·ln 2 rounds by under 1e-15 for n ≤ 28)
DATA t512Ln2<>+0(SB)/8, $0x3fe62e42fefa39ef
GLOBL t512Ln2<>(SB), RODATA|NOPTR, $8

// t512Ln2Hi: ln 2, high part (n·hi exact for n < 2^10)
DATA t512Ln2Hi<>+0(SB)/8, $0x3fe62e42fee00000
GLOBL t512Ln2Hi<>(SB), RODATA|NOPTR, $8

// t512Ln2Lo: ln 2 - hi
DATA t512Ln2Lo<>+0(SB)/8, $0x3dea39ef35793c76
GLOBL t512Ln2Lo<>(SB), RODATA|NOPTR, $8

// t512R: tanh(x)/x - 1 ≈ z·Σ R_i·z^i, z = x², |x| < 0.625 (Chebyshev fit,
// rel. error 7e-17; the coefficients of tanh_amd64.s)
DATA t512R<>+0(SB)/8, $0xbfd5555555555555
DATA t512R<>+8(SB)/8, $0x3fc11111111110a8
DATA t512R<>+16(SB)/8, $0xbfaba1ba1ba0f0f7
DATA t512R<>+24(SB)/8, $0x3f9664f487e09788
DATA t512R<>+32(SB)/8, $0xbf8226e3473b1da6
DATA t512R<>+40(SB)/8, $0x3f6d6d39adb05e1b
DATA t512R<>+48(SB)/8, $0xbf57d9f6e9d27c5c
DATA t512R<>+56(SB)/8, $0x3f43526e49c5342d
DATA t512R<>+64(SB)/8, $0xbf2f2433d7227418
DATA t512R<>+72(SB)/8, $0x3f18444736bcdd27
DATA t512R<>+80(SB)/8, $0xbf005b96c357bd85
DATA t512R<>+88(SB)/8, $0x3edb32cc9deb5098
GLOBL t512R<>(SB), RODATA|NOPTR, $96

// t512Q: (e^r - 1 - r)/r² ≈ Σ Q_i·r^i, |r| ≤ ln2/2 (Chebyshev fit, rel.
// error 2.3e-16; the coefficients of tanh_amd64.s)
DATA t512Q<>+0(SB)/8, $0x3fe0000000000001
DATA t512Q<>+8(SB)/8, $0x3fc5555555555556
DATA t512Q<>+16(SB)/8, $0x3fa5555555553d5f
DATA t512Q<>+24(SB)/8, $0x3f811111111109b2
DATA t512Q<>+32(SB)/8, $0x3f56c16c1788d4e9
DATA t512Q<>+40(SB)/8, $0x3f2a01a01a7c5032
DATA t512Q<>+48(SB)/8, $0x3efa019b9077ffa1
DATA t512Q<>+56(SB)/8, $0x3ec71de0daae71ae
DATA t512Q<>+64(SB)/8, $0x3e928918c1e754cf
DATA t512Q<>+72(SB)/8, $0x3e5af38b1fbad760
GLOBL t512Q<>(SB), RODATA|NOPTR, $80

// t512Q32: (e^r - 1)/r ≈ Σ r^i/(i+1)!, i = 0..7 (Taylor; rel. error
// under 7e-10 for |r| ≤ ln2/2)
DATA t512Q32<>+0(SB)/8, $0x3ff0000000000000
DATA t512Q32<>+8(SB)/8, $0x3fe0000000000000
DATA t512Q32<>+16(SB)/8, $0x3fc5555555555555
DATA t512Q32<>+24(SB)/8, $0x3fa5555555555555
DATA t512Q32<>+32(SB)/8, $0x3f81111111111111
DATA t512Q32<>+40(SB)/8, $0x3f56c16c16c16c17
DATA t512Q32<>+48(SB)/8, $0x3f2a01a01a01a01a
DATA t512Q32<>+56(SB)/8, $0x3efa01a01a01a01a
GLOBL t512Q32<>(SB), RODATA|NOPTR, $64
