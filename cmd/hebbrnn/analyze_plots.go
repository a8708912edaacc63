package main

import (
	"fmt"
	"math"

	"github.com/hebbrnn/hebbrnn/analysis"
	"github.com/hebbrnn/hebbrnn/internal/plot"
	"github.com/hebbrnn/hebbrnn/mat"
)

// psychometricFigure draws one panel per context: for each evidence
// channel, the fraction of +1 choices at each level (dots) and the fitted
// logistic (line).
func psychometricFigure(res *analyzeResult) *plot.Figure {
	var contexts []int
	for _, c := range res.curves {
		if len(contexts) == 0 || contexts[len(contexts)-1] != c.Context {
			contexts = append(contexts, c.Context)
		}
	}
	f := plot.NewFigure(440*float64(len(contexts))+40, 440, 1, len(contexts))
	f.Title = "Psychometric curves: fraction of +1 choices (dots) and logistic fits (lines)"
	for k, ctx := range contexts {
		a := f.At(0, k)
		a.Title, a.XLabel = res.contextName(ctx), "signed evidence"
		if k == 0 {
			a.YLabel = "fraction of +1 choices"
		}
		a.YMin, a.YMax = plot.F(-0.02), plot.F(1.02)
		a.Legend = true
		a.HLines = []plot.HLine{{Y: 0.5, Color: "#999999", Dashed: true}}
		for _, c := range res.curves {
			if c.Context != ctx {
				continue
			}
			col := plot.Palette[c.Channel%len(plot.Palette)]
			lo, hi := c.Levels[0], c.Levels[len(c.Levels)-1]
			if hi == lo {
				lo, hi = lo-1, hi+1
			}
			const n = 200
			xs, ys := make([]float64, n), make([]float64, n)
			for i := range xs {
				xs[i] = lo + (hi-lo)*float64(i)/(n-1)
				ys[i] = c.Fit.P(xs[i])
			}
			a.Series = append(a.Series, plot.Series{X: xs, Y: ys, Color: col,
				Label: fmt.Sprintf("%s (slope %.3g)", res.channelName(c.Channel), roundTiny(c.Fit.Slope))})
			for i, x := range c.Levels {
				a.Points = append(a.Points, plot.Point{X: x, Y: c.Plus[i], R: 4, Color: col})
			}
		}
	}
	return f
}

// pcLabel names principal component j with its share of the variance.
func pcLabel(res *analyzeResult, j int) string {
	return fmt.Sprintf("PC%d (%.1f%%)", j+1, 100*res.pca.Explained[j])
}

// timeMarkEvery returns the steps between time marks: 100 ms, or a tenth
// of the trial when that is longer.
func timeMarkEvery(steps int, dt float64) int {
	if dt <= 0 {
		dt = 1
	}
	return max(1, int(math.Round(100/dt)), steps/10)
}

// trajectoryPanel draws the mean trajectory of every trial type on PCs
// (0, j) with a ring at the start, dots every mark steps and a larger dot
// at the end.
func trajectoryPanel(a *plot.Axes, res *analyzeResult, j, mark int, faint bool) {
	for typ, m := range res.typeMeans {
		if m == nil || m.Cols <= j {
			continue
		}
		col := plot.Palette[typ%len(plot.Palette)]
		xs, ys := make([]float64, m.Rows), make([]float64, m.Rows)
		for s := range m.Rows {
			xs[s], ys[s] = m.At(s, 0), m.At(s, j)
		}
		sr := plot.Series{X: xs, Y: ys, Color: col, Label: res.typeNames[typ], Width: 1.6}
		if faint {
			sr.Opacity, sr.Width, sr.Label = 0.4, 1.2, "trials: "+shorten(sr.Label, 24)
		}
		a.Series = append(a.Series, sr)
		if faint {
			continue
		}
		a.Points = append(a.Points, plot.Point{X: xs[0], Y: ys[0], R: 6, Color: col}, plot.Point{X: xs[0], Y: ys[0], R: 3.5, Color: "#ffffff"})
		for s := mark; s < m.Rows; s += mark {
			a.Points = append(a.Points, plot.Point{X: xs[s], Y: ys[s], R: 2.2, Color: col})
		}
		a.Points = append(a.Points, plot.Point{X: xs[m.Rows-1], Y: ys[m.Rows-1], R: 5, Color: col})
	}
}

// pcaFigure draws the mean trajectory of each trial type on PC1–PC2 and
// PC1–PC3.
func pcaFigure(res *analyzeResult, dt float64) *plot.Figure {
	dims := min(pcaDims, len(res.pca.Explained))
	panels := max(1, dims-1)
	f := plot.NewFigure(430*float64(panels)+180, 460, 1, panels)
	steps := 0
	if len(res.typeMeans) > 0 && res.typeMeans[0] != nil {
		steps = res.typeMeans[0].Rows
	}
	mark := timeMarkEvery(steps, dt)
	unit := "ms"
	if dt <= 0 {
		unit, dt = "steps", 1
	}
	f.Title = fmt.Sprintf("Trajectories in PC space, mean of each trial type (ring: start; dots every %g %s; large dot: end)", float64(mark)*dt, unit)
	for p := range panels {
		a := f.At(0, p)
		a.XLabel = pcLabel(res, 0)
		if dims > 1 {
			a.YLabel = pcLabel(res, p+1)
			a.Title = fmt.Sprintf("PC1–PC%d", p+2)
		}
		a.Legend, a.LegendOutside = p == panels-1, true
		trajectoryPanel(a, res, min(p+1, dims-1), mark, false)
	}
	return f
}

// spectrumFigure draws the eigenvalues of J in the complex plane with the
// unit circle: before training (when known) and after.
func spectrumFigure(res *analyzeResult) *plot.Figure {
	type panel struct {
		title string
		ev    []complex128
		col   string
	}
	var ps []panel
	if res.specBefore != nil {
		ps = append(ps, panel{"before training (J0)", res.specBefore, "#777777"})
	}
	ps = append(ps, panel{"after training (J)", res.specAfter, plot.Palette[0]})
	f := plot.NewFigure(430*float64(len(ps))+40, 470, 1, len(ps))
	f.Title = "Eigenvalues of J and the unit circle"
	for k, p := range ps {
		a := f.At(0, k)
		a.Title = fmt.Sprintf("%s: radius %.3g", p.title, absMax(p.ev))
		a.XLabel, a.YLabel = "real part", "imaginary part"
		a.EqualAspect = true
		a.Circles = []plot.Circle{{X: 0, Y: 0, R: 1, Color: "#D55E00"}}
		for _, e := range p.ev {
			a.Points = append(a.Points, plot.Point{X: real(e), Y: imag(e), R: 2.2, Color: p.col})
		}
	}
	return f
}

func absMax(ev []complex128) float64 {
	m := 0.0
	for _, e := range ev {
		m = max(m, math.Hypot(real(e), imag(e)))
	}
	return m
}

// fixedPointFigure draws the fixed and slow points on PC1–PC2 over the
// mean trajectories: a dot per stable point, a ring per unstable one,
// coloured by input condition.
func fixedPointFigure(res *analyzeResult) *plot.Figure {
	f := plot.NewFigure(900, 560, 1, 1)
	f.Title = "Fixed and slow points on PC1–PC2 (dot: stable, ring: unstable)"
	a := f.Axes[0]
	a.XLabel, a.YLabel = pcLabel(res, 0), "PC2"
	if len(res.pca.Explained) > 1 {
		a.YLabel = pcLabel(res, 1)
	}
	a.Legend, a.LegendOutside = true, true
	trajectoryPanel(a, res, min(1, len(res.pca.Explained)-1), 1<<30, true)
	dots := 0
	for k, ic := range res.inputs {
		col := plot.Palette[(len(res.typeNames)+k)%len(plot.Palette)]
		if len(ic.Points) == 0 {
			continue
		}
		xs, ys := make([]float64, 0, len(ic.Points)), make([]float64, 0, len(ic.Points))
		for _, p := range ic.Points {
			x, y := projectPoint(res, p)
			xs, ys = append(xs, x), append(ys, y)
			a.Points = append(a.Points, plot.Point{X: x, Y: y, R: 5.5, Color: col})
			if !p.Stable {
				a.Points = append(a.Points, plot.Point{X: x, Y: y, R: 3, Color: "#ffffff"})
			}
			dots++
		}
		// A legend entry for the input condition (its line joins nothing:
		// NaN breaks it).
		a.Series = append(a.Series, plot.Series{X: []float64{xs[0], math.NaN()}, Y: []float64{ys[0], math.NaN()}, Color: col,
			Label: fmt.Sprintf("input %d (%s)", k+1, shorten(res.names(ic.Types), 28))})
	}
	if dots == 0 {
		a.Title = "no fixed or slow points found"
	}
	return f
}

// projectPoint returns a fixed point's rates on PC1 and PC2.
func projectPoint(res *analyzeResult, p analysis.FixedPoint) (float64, float64) {
	r := ratesOf(p)
	pr := res.pca.Project(r, 2)
	if pr.Cols < 2 {
		return pr.At(0, 0), 0
	}
	return pr.At(0, 0), pr.At(0, 1)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// ratesOf returns a fixed point's rates as a 1×N matrix.
func ratesOf(p analysis.FixedPoint) *mat.Dense[float64] {
	r, _ := mat.FromSlice(1, len(p.R), p.R)
	return r
}

// roundTiny shows as 0 a fitted value that is 0 but for rounding.
func roundTiny(v float64) float64 {
	if math.Abs(v) < 1e-9 {
		return 0
	}
	return v
}

// intervalsFigure draws the produced against the sample interval: each
// trial's (small dots) and the mean of each sample interval (large dots),
// the identity (dashed), the fitted line and the band of correct answers.
func intervalsFigure(res *analyzeResult) *plot.Figure {
	iv := res.intervals
	f := plot.NewFigure(900, 580, 1, 1)
	f.Title = fmt.Sprintf("Produced against sample interval: slope %.3g, %.1f%% correct", iv.Fit.Slope, 100*iv.FracCorrect)
	a := f.Axes[0]
	a.XLabel, a.YLabel = "sample interval T (ms)", "produced interval (ms)"
	a.Legend, a.LegendOutside = true, true
	lo, hi := iv.Samples[0], iv.Samples[len(iv.Samples)-1]
	xs := []float64{lo, hi}
	band := plot.Band{X: iv.Samples, Lo: make([]float64, len(iv.Samples)), Hi: make([]float64, len(iv.Samples)),
		Label: "correct: |produced − T| ≤ tolerance", Color: plot.Palette[2], Opacity: 0.18}
	for j, T := range iv.Samples {
		band.Lo[j], band.Hi[j] = T-res.ivTol(T), T+res.ivTol(T)
	}
	a.Bands = []plot.Band{band}
	a.Series = []plot.Series{
		{X: xs, Y: xs, Color: "#777777", Dashed: true, Width: 1.5, Label: "identity"},
		{X: xs, Y: []float64{iv.Fit.At(lo), iv.Fit.At(hi)}, Color: plot.Palette[3],
			Label: fmt.Sprintf("fit %.4g + %.3g·T", iv.Fit.Intercept, iv.Fit.Slope)},
		// legend entries of the dots (a NaN joins nothing)
		{X: []float64{math.NaN()}, Y: []float64{math.NaN()}, Color: "#9ab8d8", Label: "trials", Width: 5},
		{X: []float64{math.NaN()}, Y: []float64{math.NaN()}, Color: plot.Palette[0], Label: "mean of each T", Width: 5},
	}
	for i, T := range res.ivSamples {
		if p := res.ivProduced[i]; p >= 0 {
			a.Points = append(a.Points, plot.Point{X: T, Y: p, R: 2, Color: "#9ab8d8"})
		}
	}
	for j, T := range iv.Samples {
		a.Points = append(a.Points, plot.Point{X: T, Y: iv.Mean[j], R: 4.5, Color: plot.Palette[0]})
	}
	if iv.FracAnswered < 1 {
		f.Title += fmt.Sprintf(" (%.1f%% of the trials produced no interval)", 100*(1-iv.FracAnswered))
	}
	return f
}
