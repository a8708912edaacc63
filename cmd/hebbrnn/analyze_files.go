package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/cmplx"
	"strconv"

	"github.com/hebbrnn/hebbrnn/internal/atomicfile"
	"github.com/hebbrnn/hebbrnn/internal/npy"
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// num formats a number for CSV: the shortest text that reads back the
// same float64.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// writeCSV writes a header and rows to path atomically.
func writeCSV(path string, header []string, rows [][]string) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := cw.WriteAll(rows); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	})
}

// writePsychometricCSV writes one row per curve and evidence level: the
// trials, the fraction of +1 choices and the curve's fit.
func (res *analyzeResult) writePsychometricCSV(path string) error {
	var rows [][]string
	for _, c := range res.curves {
		for i, x := range c.Levels {
			rows = append(rows, []string{strconv.Itoa(c.Context), strconv.Itoa(c.Channel), num(x), strconv.Itoa(c.N[i]),
				num(c.Plus[i]), num(c.Fit.P(x)), num(c.Fit.Bias), num(c.Fit.Slope), strconv.FormatBool(c.Fit.Separated),
				res.contextName(c.Context), res.channelName(c.Channel)})
		}
	}
	return writeCSV(path, []string{"context", "channel", "evidence", "trials", "fraction_plus", "fit_p", "fit_bias", "fit_slope", "separated", "context_name", "channel_name"}, rows)
}

// writeSpectrumCSV writes one row per eigenvalue of J0 ("before") and J
// ("after").
func (res *analyzeResult) writeSpectrumCSV(path string) error {
	var rows [][]string
	for _, s := range []struct {
		name string
		ev   []complex128
	}{{"before", res.specBefore}, {"after", res.specAfter}} {
		for _, e := range s.ev {
			rows = append(rows, []string{s.name, num(real(e)), num(imag(e)), num(cmplx.Abs(e))})
		}
	}
	return writeCSV(path, []string{"matrix", "re", "im", "abs"}, rows)
}

// eigColumns is the number of leading Jacobian eigenvalues in
// fixedpoints.csv (all of them are in fixedpoints.npz).
const eigColumns = 3

// writeFixedPointsCSV writes one row per fixed or slow point: its input
// condition, q, stability, coordinates on PC1–PC3 and leading eigenvalues.
func (res *analyzeResult) writeFixedPointsCSV(path string) error {
	header := []string{"input", "types", "point", "q", "stable", "starts", "pc1", "pc2", "pc3"}
	for k := range eigColumns {
		header = append(header, fmt.Sprintf("eig%d_re", k+1), fmt.Sprintf("eig%d_im", k+1))
	}
	var rows [][]string
	for k, ic := range res.inputs {
		for i, p := range ic.Points {
			row := []string{strconv.Itoa(k + 1), res.names(ic.Types), strconv.Itoa(i + 1), num(p.Q), strconv.FormatBool(p.Stable), strconv.Itoa(p.Starts)}
			pr := res.pca.Project(ratesOf(p), pcaDims)
			for j := range pcaDims {
				v := ""
				if j < pr.Cols {
					v = num(pr.At(0, j))
				}
				row = append(row, v)
			}
			for j := range eigColumns {
				re, im := "", ""
				if j < len(p.Eigenvalues) {
					re, im = num(real(p.Eigenvalues[j])), num(imag(p.Eigenvalues[j]))
				}
				row = append(row, re, im)
			}
			rows = append(rows, row)
		}
	}
	return writeCSV(path, header, rows)
}

// writeFixedPoints writes fixedpoints.npz: per point (P of them) the state
// x (P,N), the rates r (P,N), q, stable (int64 0/1), input (int64, 0-based
// index into inputs), and every eigenvalue of its Jacobian (eigRe, eigIm
// (P, free units), by decreasing real part); inputs (K,I) the input
// conditions and inputs.json their trial types.
func (res *analyzeResult) writeFixedPoints(path string, net *rnn.Network[float64]) error {
	z := npy.NewNPZ()
	n := net.Units
	var xs, rs, qs, re, im []float64
	var stable, input []int64
	nev := 0
	for k, ic := range res.inputs {
		for _, p := range ic.Points {
			xs, rs, qs = append(xs, p.X...), append(rs, p.R...), append(qs, p.Q)
			st := int64(0)
			if p.Stable {
				st = 1
			}
			stable, input = append(stable, st), append(input, int64(k))
			nev = len(p.Eigenvalues)
			for _, e := range p.Eigenvalues {
				re, im = append(re, real(e)), append(im, imag(e))
			}
		}
	}
	np := len(qs)
	z.Set("x", npy.NewF64(xs, np, n))
	z.Set("r", npy.NewF64(rs, np, n))
	z.Set("q", npy.NewF64(qs, np))
	z.Set("stable", npy.NewI64(stable, np))
	z.Set("input", npy.NewI64(input, np))
	z.Set("eigRe", npy.NewF64(re, np, nev))
	z.Set("eigIm", npy.NewF64(im, np, nev))
	var us []float64
	type condJSON struct {
		Types []string `json:"types"`
		Note  string   `json:"note,omitempty"`
	}
	var conds []condJSON
	for _, ic := range res.inputs {
		us = append(us, ic.U...)
		c := condJSON{Note: ic.Note}
		for _, t := range ic.Types {
			c.Types = append(c.Types, res.typeNames[t])
		}
		conds = append(conds, c)
	}
	z.Set("inputs", npy.NewF64(us, len(res.inputs), net.Inputs))
	js, err := json.Marshal(conds)
	if err != nil {
		return err
	}
	z.SetRaw("inputs.json", js)
	return npy.WriteNPZFile(path, z)
}

// writePCA writes pca.npz: the variance along each component and its
// fraction (N), the mean rates (N), the components (N,N, in columns),
// the projections of every trial on PC1–PC3 (trials, T, 3), each trial's
// type (int64), the mean projection of each type (types, T, 3) and
// types.json, the names of the types.
func (res *analyzeResult) writePCA(path string) error {
	p := res.pca
	n := len(p.Mean)
	z := npy.NewNPZ()
	z.Set("variance", npy.NewF64(p.Variance))
	z.Set("explained", npy.NewF64(p.Explained))
	z.Set("mean", npy.NewF64(p.Mean))
	z.Set("components", npy.NewF64(p.Components.Flat(), n, n))
	steps, k := res.proj[0].Rows, res.proj[0].Cols
	z.Set("proj", npy.NewF64(flatten(res.proj), len(res.proj), steps, k))
	types := make([]int64, len(res.trials))
	for i, tr := range res.trials {
		types[i] = int64(tr.Type)
	}
	z.Set("types", npy.NewI64(types))
	means := make([]*mat.Dense[float64], len(res.typeMeans))
	for i, m := range res.typeMeans {
		if m == nil { // a type without trials: NaN
			m = mat.NewDense[float64](steps, k)
			for j := range m.Data {
				m.Data[j] = math.NaN()
			}
		}
		means[i] = m
	}
	z.Set("typeMeans", npy.NewF64(flatten(means), len(means), steps, k))
	names, err := json.Marshal(res.typeNames)
	if err != nil {
		return err
	}
	z.SetRaw("types.json", names)
	return npy.WriteNPZFile(path, z)
}

func flatten(ms []*mat.Dense[float64]) []float64 {
	var out []float64
	for _, m := range ms {
		out = append(out, m.Flat()...)
	}
	return out
}

// writeIntervalsCSV writes one row per sample interval: its trials, the
// mean produced interval, the fractions answered and correct, and the
// fitted line (the same on every row).
func (res *analyzeResult) writeIntervalsCSV(path string) error {
	iv := res.intervals
	var rows [][]string
	for j, T := range iv.Samples {
		rows = append(rows, []string{num(T), strconv.Itoa(iv.N[j]), num(iv.Mean[j]), num(iv.Answered[j]), num(iv.Correct[j]),
			num(iv.Fit.At(T)), num(iv.Fit.Intercept), num(iv.Fit.Slope)})
	}
	return writeCSV(path, []string{"interval", "trials", "mean_produced", "fraction_answered", "fraction_correct", "fit_produced", "fit_intercept", "fit_slope"}, rows)
}
