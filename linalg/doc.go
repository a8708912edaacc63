// Package linalg holds the eigen-decompositions that hebbrnn's analyses
// need (PCA of trajectories, the spectrum of J, the Jacobians at fixed
// points), written in the project so that the module keeps no dependency
// beyond golang.org/x/sys. It works in float64 on mat.Dense matrices and
// never modifies its arguments.
//
// Methods, one file per step (check.go: the input checks and the scaling;
// householder.go: the reflectors both reductions use):
//
//   - EigSym (eigsym.go, tridiagonal.go, ql.go): Householder reduction to
//     tridiagonal form, then the implicit QL iteration with Wilkinson
//     shifts on the tridiagonal matrix, the plane rotations accumulated
//     into the eigenvectors. This is the classic dense method (EISPACK's
//     tred2 and tql2, LAPACK's sytrd and steqr): backward stable, about 9n³
//     flops with vectors, so well under a second for n = 200 and a few
//     seconds for n = 1000. Cyclic Jacobi would be simpler but several
//     times slower at these sizes.
//   - Eigenvalues (eigenvalues.go, balance.go, hessenberg.go, francis.go):
//     balancing as LAPACK's gebal does it, first permutations that isolate
//     the eigenvalues of rows or columns that are zero off the diagonal (so
//     a triangular or diagonal matrix is solved exactly), then scaling of
//     the rest by powers of two (Parlett and Reinsch; it makes the
//     norm-relative errors of the next steps small for badly scaled
//     matrices); Householder reduction to upper Hessenberg form; then
//     Francis's implicit double-shift QR iteration with deflation on small
//     subdiagonal entries and exceptional shifts every 10 iterations
//     without deflation (which break the cycles that plain shifts fall
//     into, e.g. on permutation matrices). Complex conjugate pairs come
//     from the 2×2 blocks of the real Schur form, so a real matrix's
//     eigenvalues are exact conjugate pairs. Only eigenvalues are
//     computed: the QR sweeps touch the active window of the Hessenberg
//     matrix only.
//
// Both scale the matrix by a power of two (exact) so that its largest
// entry is in [0.5, 1) before they start, which keeps intermediate sums
// away from overflow and underflow; eigenvalues are scaled back at the end
// (an eigenvalue beyond the float64 range is an error). In the scaled
// matrix, off-diagonal entries below 2^-511 count as zero, as in LAPACK:
// far below roundoff, but above the subnormal range where the iterations
// would stall.
//
// Speed: the O(n³) parts of the reductions and the eigenvector rotations
// run on the vector kernels of package mat; the QR sweeps are scalar Go,
// arranged so that they run along rows. On the 2-core development machine
// (shared, so timings vary by 2×) n = 200 takes some 20-60 ms for either
// function and n = 1000 some 3-7 s (BenchmarkEigSym, BenchmarkEigenvalues).
// A call allocates a fixed handful of buffers, whatever n.
//
// Accuracy is that of a backward-stable method: a computed eigenvalue is
// the exact eigenvalue of a matrix within a few units of roundoff times
// ‖A‖ of A. Symmetric eigenvalues are therefore accurate to about
// ε·‖A‖; nonsymmetric ones can be more sensitive (an eigenvalue of a
// defective k×k Jordan block moves by about ε^(1/k)·‖A‖), as with any
// method, numpy's included.
package linalg
