package linalg_test

import (
	"encoding/binary"
	"math"
	"math/cmplx"
	"strings"
	"testing"

	"github.com/hebbrnn/hebbrnn/linalg"
	"github.com/hebbrnn/hebbrnn/mat"
)

// FuzzEigen feeds both functions n×n matrices (n = 1..8) whose entries are
// the fuzzer's bytes taken as IEEE doubles, so of any magnitude from
// subnormal to 1e308 side by side, with now and then a NaN or an
// infinity. Run it with
//
//	go test ./linalg/ -run '^$' -fuzz '^FuzzEigen$' -fuzztime 10000x
//
// Neither may panic. With a non-finite entry (in the lower triangle, for
// EigSym) the answer is an error, and so it may be when an eigenvalue
// would exceed the float64 range; otherwise there must be no error (the
// iterations converge), the values must be finite and in their order, and
// on the matrix scaled so that its largest entry is about 1 (exactly, by a
// power of two, which scales the eigenvalues by the same power) the trace,
// A·v = λ·v and VᵀV = I must hold to roundoff (and to the rounding of
// eigenvalues that are subnormal).
func FuzzEigen(f *testing.F) {
	seed := make([]byte, 1+8*9)
	seed[0] = 2
	for i, v := range []float64{1, 2, 3, -4, 5e300, 6e-300, 0, 1, 0} {
		binary.LittleEndian.PutUint64(seed[1+8*i:], math.Float64bits(v))
	}
	f.Add(seed)
	f.Add([]byte{7, 0x3f, 0xf0, 0x01, 0x80})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 2 {
			return
		}
		n := 1 + int(b[0])%8
		raw := b[1:]
		a := mat.NewDense[float64](n, n)
		word := make([]byte, 8)
		for k := range a.Data {
			for j := range word {
				word[j] = raw[(8*k+j)%len(raw)] + byte((8*k+j)/len(raw))
			}
			a.Data[k] = math.Float64frombits(binary.LittleEndian.Uint64(word))
		}
		finite, finiteLower := true, true
		big := 0.0
		for i := range n {
			for j := range n {
				v := a.At(i, j)
				if math.IsNaN(v) || math.IsInf(v, 0) {
					finite = false
					finiteLower = finiteLower && j > i
					continue
				}
				big = max(big, math.Abs(v))
			}
		}

		// The matrix scaled by a power of two, largest entry in [0.5, 1).
		_, e := math.Frexp(big) // e = 0 for big = 0
		scaled := a.Clone()
		for k, v := range scaled.Data {
			scaled.Data[k] = math.Ldexp(v, -e) // non-finite entries: not used below
		}
		tol := 64 * float64(n*n) * eps
		// The eigenvalues come back unscaled, so a subnormal one is rounded
		// to the subnormal grid: up to half of the smallest subnormal, which
		// on the scaled matrix is 2^-1075·2^-e (2^-39 relative for entries
		// near 1e-312, where the checks below on the values once failed).
		valTol := tol + float64(n)*math.Ldexp(math.SmallestNonzeroFloat64, -e)

		// An eigenvalue may exceed the float64 range only if n·big does.
		mayOverflow := float64(n)*big > math.MaxFloat64/2
		vals, err := linalg.Eigenvalues(a)
		if finite && mayOverflow && err != nil && strings.Contains(err.Error(), "beyond the float64 range") {
			// a clear error, as documented
		} else if !finite {
			if err == nil {
				t.Fatalf("Eigenvalues: no error for a matrix with a non-finite entry")
			}
		} else {
			if err != nil {
				t.Fatalf("Eigenvalues: %v", err)
			}
			var sum complex128
			tr := 0.0
			for i, v := range vals {
				if cmplx.IsNaN(v) || cmplx.IsInf(v) {
					t.Fatalf("Eigenvalues: value %d is %v", i, v)
				}
				if i > 0 && cmplx.Abs(vals[i-1]) < cmplx.Abs(v) {
					t.Fatalf("Eigenvalues: moduli not descending: %v", vals)
				}
				sum += complex(math.Ldexp(real(v), -e), math.Ldexp(imag(v), -e))
				tr += scaled.At(i, i)
			}
			if math.Abs(real(sum)-tr) > valTol || math.Abs(imag(sum)) > valTol {
				t.Fatalf("Eigenvalues: scaled sum %v, scaled trace %g", sum, tr)
			}
		}

		svals, vecs, err := linalg.EigSym(a)
		if !finiteLower {
			if err == nil {
				t.Fatalf("EigSym: no error for a matrix with a non-finite entry in its lower triangle")
			}
			return
		}
		if mayOverflow && err != nil && strings.Contains(err.Error(), "beyond the float64 range") {
			return
		}
		if err != nil {
			t.Fatalf("EigSym: %v", err)
		}
		// The symmetric matrix EigSym saw, scaled as above (its largest
		// entry may be smaller than big, which only loosens the check).
		for i := range n {
			for j := i + 1; j < n; j++ {
				scaled.Set(i, j, scaled.At(j, i))
			}
		}
		for i, v := range svals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("EigSym: value %d is %v", i, v)
			}
			if i > 0 && svals[i-1] < v {
				t.Fatalf("EigSym: values not descending: %v", svals)
			}
		}
		av := mul(scaled, vecs)
		vtv := mul(transpose(vecs), vecs)
		for i := range n {
			for j := range n {
				if d := math.Abs(av.At(i, j) - math.Ldexp(svals[j], -e)*vecs.At(i, j)); d > valTol {
					t.Fatalf("EigSym: |A·v − λ·v| = %g at (%d,%d) on the scaled matrix", d, i, j)
				}
				want := 0.0
				if i == j {
					want = 1
				}
				if d := math.Abs(vtv.At(i, j) - want); d > tol {
					t.Fatalf("EigSym: |VᵀV − I| = %g at (%d,%d)", d, i, j)
				}
			}
		}
	})
}
