//go:build !purego

#include "textflag.h"

// The element-wise parts of a time step, for AVX2: Leak (the leaky
// integration x += k·(e - x)) and Cube (the cubes that feed the
// eligibility product). Both use the same operations in the same order as
// their generic twins (a subtraction, a multiplication, an addition; no
// fused multiply-add), so every tier gives bit-identical results. Tails go
// through VMASKMOVPD/VMASKMOVPS with the mask of the first n%4 (n%8) lanes.

#define PX SI
#define PY DI
#define PD R8
#define N CX
#define J AX
#define END BX
#define TBL DX
#define K Y15
#define MASK Y14

// func leak64AVX2(k float64, e, x *float64, n int)
// Requires: AVX, AVX2
TEXT ·leak64AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSD k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	XORQ         J, J
	MOVQ         N, END
	ANDQ         $-8, END

	// 8 elements per iteration: x = x + k·(e - x).
loop:
	CMPQ    J, END
	JGE     one
	VMOVUPD (PX)(J*8), Y0
	VMOVUPD 32(PX)(J*8), Y1
	VMOVUPD (PY)(J*8), Y2
	VMOVUPD 32(PY)(J*8), Y3
	VSUBPD  Y0, Y2, Y2
	VSUBPD  Y1, Y3, Y3
	VMULPD  K, Y2, Y2
	VMULPD  K, Y3, Y3
	VADDPD  Y2, Y0, Y0
	VADDPD  Y3, Y1, Y1
	VMOVUPD Y0, (PX)(J*8)
	VMOVUPD Y1, 32(PX)(J*8)
	ADDQ    $8, J
	JMP     loop

	// At most one more full vector.
one:
	MOVQ    N, END
	ANDQ    $-4, END
	CMPQ    J, END
	JGE     tail
	VMOVUPD (PX)(J*8), Y0
	VMOVUPD (PY)(J*8), Y2
	VSUBPD  Y0, Y2, Y2
	VMULPD  K, Y2, Y2
	VADDPD  Y2, Y0, Y0
	VMOVUPD Y0, (PX)(J*8)
	ADDQ    $4, J

	// The last n%4 elements, masked.
tail:
	MOVQ       N, END
	ANDQ       $3, END
	JZ         done
	LEAQ       ·tailMaskAVX2+32(SB), TBL
	NEGQ       END
	VMOVDQU    (TBL)(END*8), MASK
	VMASKMOVPD (PX)(J*8), MASK, Y0
	VMASKMOVPD (PY)(J*8), MASK, Y2
	VSUBPD     Y0, Y2, Y2
	VMULPD     K, Y2, Y2
	VADDPD     Y2, Y0, Y0
	VMASKMOVPD Y0, MASK, (PX)(J*8)

done:
	VZEROUPPER
	RET

// func cube64AVX2(dst, x *float64, n int)
// Requires: AVX, AVX2
TEXT ·cube64AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	XORQ J, J
	MOVQ N, END
	ANDQ $-8, END

	// 8 elements per iteration: dst = x³, as (d·d)·d.
loop:
	CMPQ J, END
	JGE  one
	VMOVUPD (PX)(J*8), Y0
	VMOVUPD 32(PX)(J*8), Y1
	VMULPD  Y0, Y0, Y8
	VMULPD  Y1, Y1, Y9
	VMULPD  Y0, Y8, Y8
	VMULPD  Y1, Y9, Y9
	VMOVUPD Y8, (PD)(J*8)
	VMOVUPD Y9, 32(PD)(J*8)
	ADDQ $8, J
	JMP  loop

one:
	MOVQ N, END
	ANDQ $-4, END
	CMPQ J, END
	JGE  tail
	VMOVUPD (PX)(J*8), Y0
	VMULPD  Y0, Y0, Y8
	VMULPD  Y0, Y8, Y8
	VMOVUPD Y8, (PD)(J*8)
	ADDQ $4, J

tail:
	MOVQ    N, END
	ANDQ    $3, END
	JZ      done
	LEAQ    ·tailMaskAVX2+32(SB), TBL
	NEGQ    END
	VMOVDQU (TBL)(END*8), MASK
	VMASKMOVPD (PX)(J*8), MASK, Y0
	VMULPD  Y0, Y0, Y8
	VMULPD  Y0, Y8, Y8
	VMASKMOVPD Y8, MASK, (PD)(J*8)

done:
	VZEROUPPER
	RET

// func cubeDiff64AVX2(dst, x, y *float64, n int)
// Requires: AVX, AVX2
TEXT ·cubeDiff64AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	XORQ J, J
	MOVQ N, END
	ANDQ $-8, END

	// 8 elements per iteration: dst = (x - y)³, as (d·d)·d.
loop:
	CMPQ J, END
	JGE  one
	VMOVUPD (PX)(J*8), Y0
	VMOVUPD 32(PX)(J*8), Y1
	VSUBPD  (PY)(J*8), Y0, Y0
	VSUBPD  32(PY)(J*8), Y1, Y1
	VMULPD  Y0, Y0, Y8
	VMULPD  Y1, Y1, Y9
	VMULPD  Y0, Y8, Y8
	VMULPD  Y1, Y9, Y9
	VMOVUPD Y8, (PD)(J*8)
	VMOVUPD Y9, 32(PD)(J*8)
	ADDQ $8, J
	JMP  loop

one:
	MOVQ N, END
	ANDQ $-4, END
	CMPQ J, END
	JGE  tail
	VMOVUPD (PX)(J*8), Y0
	VSUBPD  (PY)(J*8), Y0, Y0
	VMULPD  Y0, Y0, Y8
	VMULPD  Y0, Y8, Y8
	VMOVUPD Y8, (PD)(J*8)
	ADDQ $4, J

tail:
	MOVQ    N, END
	ANDQ    $3, END
	JZ      done
	LEAQ    ·tailMaskAVX2+32(SB), TBL
	NEGQ    END
	VMOVDQU (TBL)(END*8), MASK
	VMASKMOVPD (PX)(J*8), MASK, Y0
	VMASKMOVPD (PY)(J*8), MASK, Y4
	VSUBPD  Y4, Y0, Y0
	VMULPD  Y0, Y0, Y8
	VMULPD  Y0, Y8, Y8
	VMASKMOVPD Y8, MASK, (PD)(J*8)

done:
	VZEROUPPER
	RET

// func leak32AVX2(k float32, e, x *float32, n int)
// Requires: AVX, AVX2
TEXT ·leak32AVX2(SB), NOSPLIT, $0-32
	VBROADCASTSS k+0(FP), K
	MOVQ         e+8(FP), PY
	MOVQ         x+16(FP), PX
	MOVQ         n+24(FP), N
	XORQ         J, J
	MOVQ         N, END
	ANDQ         $-16, END

	// 16 elements per iteration: x = x + k·(e - x).
loop:
	CMPQ    J, END
	JGE     one
	VMOVUPS (PX)(J*4), Y0
	VMOVUPS 32(PX)(J*4), Y1
	VMOVUPS (PY)(J*4), Y2
	VMOVUPS 32(PY)(J*4), Y3
	VSUBPS  Y0, Y2, Y2
	VSUBPS  Y1, Y3, Y3
	VMULPS  K, Y2, Y2
	VMULPS  K, Y3, Y3
	VADDPS  Y2, Y0, Y0
	VADDPS  Y3, Y1, Y1
	VMOVUPS Y0, (PX)(J*4)
	VMOVUPS Y1, 32(PX)(J*4)
	ADDQ    $16, J
	JMP     loop

	// At most one more full vector.
one:
	MOVQ    N, END
	ANDQ    $-8, END
	CMPQ    J, END
	JGE     tail
	VMOVUPS (PX)(J*4), Y0
	VMOVUPS (PY)(J*4), Y2
	VSUBPS  Y0, Y2, Y2
	VMULPS  K, Y2, Y2
	VADDPS  Y2, Y0, Y0
	VMOVUPS Y0, (PX)(J*4)
	ADDQ    $8, J

	// The last n%8 elements, masked.
tail:
	MOVQ       N, END
	ANDQ       $7, END
	JZ         done
	LEAQ       ·tailMaskAVX2+32(SB), TBL
	NEGQ       END
	VMOVDQU    (TBL)(END*4), MASK
	VMASKMOVPS (PX)(J*4), MASK, Y0
	VMASKMOVPS (PY)(J*4), MASK, Y2
	VSUBPS     Y0, Y2, Y2
	VMULPS     K, Y2, Y2
	VADDPS     Y2, Y0, Y0
	VMASKMOVPS Y0, MASK, (PX)(J*4)

done:
	VZEROUPPER
	RET

// func cube32AVX2(dst, x *float32, n int)
// Requires: AVX, AVX2
TEXT ·cube32AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ n+16(FP), N
	XORQ J, J
	MOVQ N, END
	ANDQ $-16, END

	// 16 elements per iteration: dst = x³, as (d·d)·d.
loop:
	CMPQ J, END
	JGE  one
	VMOVUPS (PX)(J*4), Y0
	VMOVUPS 32(PX)(J*4), Y1
	VMULPS  Y0, Y0, Y8
	VMULPS  Y1, Y1, Y9
	VMULPS  Y0, Y8, Y8
	VMULPS  Y1, Y9, Y9
	VMOVUPS Y8, (PD)(J*4)
	VMOVUPS Y9, 32(PD)(J*4)
	ADDQ $16, J
	JMP  loop

one:
	MOVQ N, END
	ANDQ $-8, END
	CMPQ J, END
	JGE  tail
	VMOVUPS (PX)(J*4), Y0
	VMULPS  Y0, Y0, Y8
	VMULPS  Y0, Y8, Y8
	VMOVUPS Y8, (PD)(J*4)
	ADDQ $8, J

tail:
	MOVQ    N, END
	ANDQ    $7, END
	JZ      done
	LEAQ    ·tailMaskAVX2+32(SB), TBL
	NEGQ    END
	VMOVDQU (TBL)(END*4), MASK
	VMASKMOVPS (PX)(J*4), MASK, Y0
	VMULPS  Y0, Y0, Y8
	VMULPS  Y0, Y8, Y8
	VMASKMOVPS Y8, MASK, (PD)(J*4)

done:
	VZEROUPPER
	RET

// func cubeDiff32AVX2(dst, x, y *float32, n int)
// Requires: AVX, AVX2
TEXT ·cubeDiff32AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), PD
	MOVQ x+8(FP), PX
	MOVQ y+16(FP), PY
	MOVQ n+24(FP), N
	XORQ J, J
	MOVQ N, END
	ANDQ $-16, END

	// 16 elements per iteration: dst = (x - y)³, as (d·d)·d.
loop:
	CMPQ J, END
	JGE  one
	VMOVUPS (PX)(J*4), Y0
	VMOVUPS 32(PX)(J*4), Y1
	VSUBPS  (PY)(J*4), Y0, Y0
	VSUBPS  32(PY)(J*4), Y1, Y1
	VMULPS  Y0, Y0, Y8
	VMULPS  Y1, Y1, Y9
	VMULPS  Y0, Y8, Y8
	VMULPS  Y1, Y9, Y9
	VMOVUPS Y8, (PD)(J*4)
	VMOVUPS Y9, 32(PD)(J*4)
	ADDQ $16, J
	JMP  loop

one:
	MOVQ N, END
	ANDQ $-8, END
	CMPQ J, END
	JGE  tail
	VMOVUPS (PX)(J*4), Y0
	VSUBPS  (PY)(J*4), Y0, Y0
	VMULPS  Y0, Y0, Y8
	VMULPS  Y0, Y8, Y8
	VMOVUPS Y8, (PD)(J*4)
	ADDQ $8, J

tail:
	MOVQ    N, END
	ANDQ    $7, END
	JZ      done
	LEAQ    ·tailMaskAVX2+32(SB), TBL
	NEGQ    END
	VMOVDQU (TBL)(END*4), MASK
	VMASKMOVPS (PX)(J*4), MASK, Y0
	VMASKMOVPS (PY)(J*4), MASK, Y4
	VSUBPS  Y4, Y0, Y0
	VMULPS  Y0, Y0, Y8
	VMULPS  Y0, Y8, Y8
	VMASKMOVPS Y8, MASK, (PD)(J*4)

done:
	VZEROUPPER
	RET
