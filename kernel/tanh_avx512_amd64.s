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
// The last 1..LANES-1 values are loaded under the opmask K1 = (1<<n)-1
// and stored under the copy of it kept with their vector (K6 or K7):
// masked-off lanes are neither read nor written, and load as zero, so
// nothing outside the slices is touched.

// The function of a vector is a chain of some 120 cycles of latency
// through the exponential, the quotient and its correction, for some 50
// vector instructions. With one vector per iteration the instructions of
// the next vectors wait in the scheduler behind that chain, which fills
// it, and a vector took about twice the cycles its instructions need. So
// the loop is software-pipelined: each vector's function is cut in two
// halves, H1 (the load, the reduction, both polynomials and the masks)
// and H2 (D, its quotient, the blend and the store), and an iteration
// runs H1 of vector i+1 interleaved with H2 of vector i, whose inputs are
// ready. Every vector goes through the same instructions in the same
// order as in one piece, so the results are the same bits.

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

// What H1 of a vector passes to its H2, in two sets (A, B) that
// alternate from vector to vector: X = x (for its sign), SC = 2^n, PV = p
// and W, the result of the polynomial for small arguments; with opmasks
// of the small lanes, the saturated lanes and the lanes to store (K2, K3,
// K6 for set A; K4, K5, K7 for set B).
#define XA Z0
#define SCA Z1
#define PVA Z2
#define WA Z3
#define XB Z4
#define SCB Z5
#define PVB Z6
#define WB Z7

// Scratch of H1.
#define A Z8
#define C Z9
#define Y Z10
#define NV Z11
#define YY Z12
#define ZZ Z13

// Scratch of H2.
#define DLO Z14
#define DEN Z15
#define NUM Z16
#define RCP Z17
#define E Z18
#define T Z19

#define PDST DI
#define PSRC SI
#define N CX

// The macros below use the instructions of one precision by generic
// names (VMOVUP, VADDP, ..., POLYQ, POLYR, LANES, SZ), which each
// precision defines before its TEXT and undefines after it.

// H1A loads the next vector into X (the lanes of K1; the others load as
// zero) and reduces the argument of the exponential: y = 2·min(a, clamp),
// n = round(y/ln 2) (NV), S = 2^n, r = y - n·ln 2 (Y); and z = a² (ZZ).
#define H1A(X, S) \
	VMOVUP.Z     (PSRC), K1, X;                 \
	VPANDQ       ABS, X, A;                     \
	VMINP        A, CLAMPV, C;                  \
	VADDP        C, C, Y;                       \
	VMOVAP       MAGIC, NV;                     \
	VFMADD231P   LOG2E2, C, NV;                 \
	VSUBP        MAGIC, NV, NV;                 \
	VSCALEFP     NV, ONE, S;                    \
	VFNMADD231P  LN2HI, NV, Y;                  \
	VFNMADD231P  LN2LO, NV, Y;                  \
	VMULP        A, A, ZZ

// H1B: p = r + r²·Q(r) into P.
#define H1B(P) POLYQ(P)

// H1C: W = a + a·z·R(z), and the masks of the lanes with a < 0.625 (KS)
// and a > SAT (KT).
#define H1C(W, KS, KT) \
	POLYR(W);                                   \
	VFMADD213P   A, A, W;                       \
	VCMPP        $0x11, SMALL, A, KS;           \
	VCMPP        $0x1e, SATV, A, KT

// H2A: D = S·p + (S + 1) (DEN), its rounding error Dlo, num = D - 2, and
// the estimate RCP of 1/D.
#define H2A(S, P) \
	VADDP        ONE, S, DLO;                   \
	VMOVAP       DLO, DEN;                      \
	VFMADD231P   P, S, DEN;                     \
	VSUBP        DEN, DLO, DLO;                 \
	VFMADD231P   P, S, DLO;                     \
	VSUBP        TWO, DEN, NUM;                 \
	VRCP14P      DEN, RCP

// H2B: 1/D to 2^-28 (RCP), t0 = num/D (T), then the residual step.
#define H2B \
	VMOVAP       ONE, E;                        \
	VFNMADD231P  RCP, DEN, E;                   \
	VFMADD231P   E, RCP, RCP;                   \
	VMULP        RCP, NUM, T;                   \
	VFNMADD231P  T, DEN, NUM;                   \
	VADDP        DLO, NUM, NUM;                 \
	VFNMADD231P  T, DLO, NUM;                   \
	VFMADD231P   NUM, RCP, T

// H2C blends in W (lanes KS) and 1 (lanes KT), puts back the sign of X
// and stores the lanes of KST.
#define H2C(X, W, KS, KT, KST) \
	VMOVAP       W, KS, T;                      \
	VMOVAP       ONE, KT, T;                    \
	VPTERNLOGQ   $0xf8, SIGN, X, T;             \
	VMOVUP       T, KST, (PDST)

// H1 and H2 are the two halves whole, for the first vector and the last.
#define H1(X, S, P, W, KS, KT) \
	H1A(X, S);                                  \
	H1B(P);                                     \
	H1C(W, KS, KT)

#define H2(X, S, P, W, KS, KT, KST) \
	H2A(S, P);                                  \
	H2B;                                        \
	H2C(X, W, KS, KT, KST)

// FUSED runs H1 of the next vector into one set and H2 of the previous
// vector from the other, interleaved.
#define FUSED(X1, S1, P1, W1, KS1, KT1, X2, S2, P2, W2, KS2, KT2, KST2) \
	H1A(X1, S1);                                \
	H2A(S2, P2);                                \
	H1B(P1);                                    \
	H2B;                                        \
	H1C(W1, KS1, KT1);                          \
	H2C(X2, W2, KS2, KT2, KST2)

// TAILMASK sets K1 to the last N%LANES lanes when fewer than LANES values
// are left (K1 is all ones before).
#define TAILMASK \
	CMPQ         N, $LANES;                     \
	JGE          5(PC);                         \
	MOVL         $1, AX;                        \
	SHLL         CX, AX;                        \
	DECL         AX;                            \
	KMOVW        AX, K1

// ADVANCE moves on by one vector and sets the flags for "none left to
// load" (N ≤ 0).
#define ADVANCE \
	ADDQ         $(LANES*SZ), PSRC;             \
	ADDQ         $(LANES*SZ), PDST;             \
	SUBQ         $LANES, N

// TANH512 is the body of tanh64AVX512 and tanh32AVX512: H1 of the first
// vector, then iterations of FUSED that alternate the sets, then H2 of
// the last vector. Labels are local to each TEXT.
#define TANH512 \
	CONSTS;                                     \
	MOVL         $0xffff, AX;                   \
	KMOVW        AX, K1;                        \
	TESTQ        N, N;                          \
	JLE          done;                          \
	TAILMASK;                                   \
	H1(XA, SCA, PVA, WA, K2, K3);               \
	KMOVW        K1, K6;                        \
	ADDQ         $(LANES*SZ), PSRC;             \
	SUBQ         $LANES, N;                     \
loop:                                           \
	JLE          lastA;                         \
	TAILMASK;                                   \
	FUSED(XB, SCB, PVB, WB, K4, K5, XA, SCA, PVA, WA, K2, K3, K6); \
	KMOVW        K1, K7;                        \
	ADVANCE;                                    \
	JLE          lastB;                         \
	TAILMASK;                                   \
	FUSED(XA, SCA, PVA, WA, K2, K3, XB, SCB, PVB, WB, K4, K5, K7); \
	KMOVW        K1, K6;                        \
	ADVANCE;                                    \
	JMP          loop;                          \
lastB:                                          \
	H2(XB, SCB, PVB, WB, K4, K5, K7);           \
	JMP          done;                          \
lastA:                                          \
	H2(XA, SCA, PVA, WA, K2, K3, K6);           \
done:                                           \
	VZEROUPPER

// One Horner step with coefficient I of table TAB, broadcast from memory.
#define HORNER64(TAB, I, V, ACC) VFMADD213PD.BCST TAB+(8*I)(SB), V, ACC
#define HORNER32(TAB, I, V, ACC) VFMADD213PS.BCST TAB+(4*I)(SB), V, ACC

// ---------------------------------------------------------------- float64

#define CONSTS \
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

#define POLYQ(P) \
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
	VMULPD       Y, Y, YY;         \
	VFMADD213PD  Y, YY, P

#define POLYR(W) \
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

#define VMOVUP VMOVUPD
#define VMOVAP VMOVAPD
#define VMINP VMINPD
#define VADDP VADDPD
#define VSUBP VSUBPD
#define VMULP VMULPD
#define VFMADD231P VFMADD231PD
#define VFNMADD231P VFNMADD231PD
#define VFMADD213P VFMADD213PD
#define VSCALEFP VSCALEFPD
#define VRCP14P VRCP14PD
#define VCMPP VCMPPD
#define LANES 8
#define SZ 8

// func tanh64AVX512(dst, x *float64, n int)
// Requires: AVX512F. dst may be x.
TEXT ·tanh64AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PDST
	MOVQ x+8(FP), PSRC
	MOVQ n+16(FP), N
	TANH512
	RET

#undef CONSTS
#undef POLYQ
#undef POLYR
#undef VMOVUP
#undef VMOVAP
#undef VMINP
#undef VADDP
#undef VSUBP
#undef VMULP
#undef VFMADD231P
#undef VFNMADD231P
#undef VFMADD213P
#undef VSCALEFP
#undef VRCP14P
#undef VCMPP
#undef LANES
#undef SZ

// ---------------------------------------------------------------- float32

#define CONSTS \
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

#define POLYQ(P) \
	VBROADCASTSS t32Q<>+20(SB), P; \
	HORNER32(t32Q<>, 4, Y, P);     \
	HORNER32(t32Q<>, 3, Y, P);     \
	HORNER32(t32Q<>, 2, Y, P);     \
	HORNER32(t32Q<>, 1, Y, P);     \
	HORNER32(t32Q<>, 0, Y, P);     \
	VMULPS       Y, Y, YY;         \
	VFMADD213PS  Y, YY, P

#define POLYR(W) \
	VBROADCASTSS t32R<>+20(SB), W; \
	HORNER32(t32R<>, 4, ZZ, W);    \
	HORNER32(t32R<>, 3, ZZ, W);    \
	HORNER32(t32R<>, 2, ZZ, W);    \
	HORNER32(t32R<>, 1, ZZ, W);    \
	HORNER32(t32R<>, 0, ZZ, W);    \
	VMULPS       ZZ, W, W

#define VMOVUP VMOVUPS
#define VMOVAP VMOVAPS
#define VMINP VMINPS
#define VADDP VADDPS
#define VSUBP VSUBPS
#define VMULP VMULPS
#define VFMADD231P VFMADD231PS
#define VFNMADD231P VFNMADD231PS
#define VFMADD213P VFMADD213PS
#define VSCALEFP VSCALEFPS
#define VRCP14P VRCP14PS
#define VCMPP VCMPPS
#define LANES 16
#define SZ 4

// func tanh32AVX512(dst, x *float32, n int)
// Requires: AVX512F. dst may be x.
TEXT ·tanh32AVX512(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PDST
	MOVQ x+8(FP), PSRC
	MOVQ n+16(FP), N
	TANH512
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
