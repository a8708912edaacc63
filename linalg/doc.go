// Package linalg holds the eigen-decompositions that hebbrnn's analyses
// need (PCA of trajectories, the spectrum of J, the Jacobians at fixed
// points), written in the project so that the module keeps no dependency
// beyond golang.org/x/sys. It works in float64 on mat.Dense matrices and
// never modifies its arguments.
//
// Methods, one file each:
//
//   - EigSym (symmetric.go): Householder reduction to tridiagonal form,
//     then the implicit QL iteration with Wilkinson shifts on the
//     tridiagonal matrix, the plane rotations accumulated into the
//     eigenvectors. This is the classic dense method (EISPACK's tred2 and
//     tql2, LAPACK's sytrd and steqr): backward stable, about 9n³ flops
//     with vectors, so well under a second for n = 200 and a few seconds
//     for n = 1000. Cyclic Jacobi would be simpler but several times
//     slower at these sizes.
//   - Eigenvalues (balance.go, hessenberg.go, francis.go): balancing as
//     LAPACK's gebal does it, first permutations that isolate the
//     eigenvalues of rows or columns that are zero off the diagonal (so a
//     triangular or diagonal matrix is solved exactly), then scaling of the
//     rest by powers of two (Parlett and Reinsch; it makes the norm-relative
//     errors of the next steps small for badly scaled matrices), Householder
//     reduction to upper Hessenberg form, then Francis's
//     implicit double-shift QR iteration with deflation on small
//     subdiagonal entries and exceptional shifts after 10 and 20
//     iterations without deflation (which break the cycles that plain
//     shifts fall into, e.g. on permutation matrices). Complex conjugate
//     pairs come from the 2×2 blocks of the real Schur form, so a real
//     matrix's eigenvalues are exact conjugate pairs. Only eigenvalues are
//     computed: the QR sweeps touch the active window of the Hessenberg
//     matrix only, about 10n³ flops in all.
//
// Both scale the matrix by a power of two (exact) so that its largest
// entry is about 1 before they start, which keeps intermediate sums away
// from overflow and underflow; eigenvalues are scaled back at the end.
//
// Accuracy is that of a backward-stable method: a computed eigenvalue is
// the exact eigenvalue of a matrix within a few units of roundoff times
// ‖A‖ of A. Symmetric eigenvalues are therefore accurate to about
// ε·‖A‖; nonsymmetric ones can be more sensitive (an eigenvalue of a
// defective k×k Jordan block moves by about ε^(1/k)·‖A‖), as with any
// method, numpy's included.
package linalg
