package linalg_test

import (
	"fmt"
	"log"

	"github.com/hebbrnn/hebbrnn/linalg"
	"github.com/hebbrnn/hebbrnn/mat"
)

// The eigen-decomposition of a symmetric matrix, as PCA uses it on a
// covariance matrix: the values in descending order, the vectors as the
// columns of vecs, each with its largest entry positive.
func ExampleEigSym() {
	a := mat.NewDense[float64](3, 3)
	for i, row := range [][]float64{{4, 1, 0}, {1, 3, 1}, {0, 1, 1}} {
		copy(a.Row(i), row)
	}
	vals, vecs, err := linalg.EigSym(a)
	if err != nil {
		log.Fatal(err)
	}
	for j, v := range vals {
		fmt.Printf("%.4f: (%.4f, %.4f, %.4f)\n", v, vecs.At(0, j), vecs.At(1, j), vecs.At(2, j))
	}
	// Output:
	// 4.6996: (0.8097, 0.5665, 0.1531)
	// 2.7609: (-0.5744, 0.7118, 0.4042)
	// 0.5395: (0.1200, -0.4153, 0.9018)
}

// The eigenvalues of a general matrix, as for the spectrum of J: sorted by
// modulus, a complex pair with its positive imaginary part first.
func ExampleEigenvalues() {
	a := mat.NewDense[float64](3, 3)
	for i, row := range [][]float64{{0.9, -0.5, 0}, {0.5, 0.9, 0}, {0.3, 0.2, -0.4}} {
		copy(a.Row(i), row)
	}
	vals, err := linalg.Eigenvalues(a)
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range vals {
		fmt.Printf("%.4f\n", v)
	}
	// Output:
	// (0.9000+0.5000i)
	// (0.9000-0.5000i)
	// (-0.4000+0.0000i)
}
