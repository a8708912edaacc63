package plot

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// exampleLearningCurve is a learning curve like the CLI draws: the mean error
// decaying from about 1 to 0.05 over 2000 passes, per-condition errors as
// thin lines, and a tolerance line, on a log y axis.
func exampleLearningCurve() *Figure {
	rng := rand.New(rand.NewPCG(1, 2))
	const n, conds = 2000, 4
	f := NewFigure(900, 600, 1, 1)
	f.Title = "Training"
	a := f.Axes[0]
	a.XLabel, a.YLabel = "training pass", "mean squared error"
	a.LogY, a.Legend = true, true
	x := make([]float64, n)
	mean := make([]float64, n)
	per := make([][]float64, conds)
	for c := range per {
		per[c] = make([]float64, n)
	}
	for i := range n {
		x[i] = float64(i + 1)
		sum := 0.0
		for c := range conds {
			tau := 250 + 120*float64(c)
			v := (0.05 + 0.95*math.Exp(-float64(i)/tau)) * math.Exp(0.25*rng.NormFloat64())
			per[c][i] = v
			sum += v
		}
		mean[i] = sum / conds
	}
	for c := range conds {
		a.Series = append(a.Series, Series{X: x, Y: per[c], Label: fmt.Sprintf("condition %d", c+1), Width: 1, Opacity: 0.6})
	}
	a.Series = append(a.Series, Series{X: x, Y: mean, Label: "mean", Color: "#000000", Width: 2.2})
	a.HLines = []HLine{{Y: 0.1, Label: "tolerance", Color: "#D55E00", Dashed: true}}
	return f
}

// exampleOutputs is a grid of outputs against targets: 2 output dimensions
// (rows) × 4 conditions (columns) over 1000 time steps, with the error
// window 800..999 shaded.
func exampleOutputs() *Figure {
	rng := rand.New(rand.NewPCG(3, 4))
	const steps, conds, dims = 1000, 4, 2
	f := NewFigure(1200, 560, dims, conds)
	f.Title = "Network output vs target"
	t := make([]float64, steps)
	for i := range t {
		t[i] = float64(i)
	}
	for d := range dims {
		for c := range conds {
			target := 1.0
			if (c>>d)&1 == 1 {
				target = -1
			}
			out := make([]float64, steps)
			tgt := make([]float64, steps)
			v := 0.0
			for i := range steps {
				goal := 0.0
				if i >= 200 {
					goal = target
				}
				v += (goal - v) / 120
				out[i] = v + 0.04*rng.NormFloat64()
				tgt[i] = goal
			}
			a := f.At(d, c)
			a.Title = fmt.Sprintf("condition %d, output %d", c+1, d+1)
			if d == dims-1 {
				a.XLabel = "time step"
			}
			if c == 0 {
				a.YLabel = "output"
			}
			a.Series = []Series{
				{X: t, Y: tgt, Label: "target", Color: "#000000", Dashed: true, Width: 1.5},
				{X: t, Y: out, Label: "output", Color: Palette[d]},
			}
			a.VSpans = []VSpan{{X0: 800, X1: 999, Label: "error window"}}
			a.YMin, a.YMax = F(-1.3), F(1.3)
			a.Legend = d == 0 && c == 0
		}
	}
	return f
}

// exampleReach shows hand paths of a two-joint arm reaching from the origin
// to four targets, with the arm drawn at the end of each reach.
func exampleReach() *Figure {
	rng := rand.New(rand.NewPCG(5, 6))
	const l1, l2 = 1.3, 1.5
	shoulder := pt{0, -1.6}
	f := NewFigure(700, 700, 1, 1)
	a := f.Axes[0]
	a.Title = "Hand paths"
	a.XLabel, a.YLabel = "x (m)", "y (m)"
	a.EqualAspect, a.Legend = true, true
	for k := range 4 {
		th := float64(k) * math.Pi / 2
		tx, ty := math.Sin(th), math.Cos(th)
		a.Circles = append(a.Circles, Circle{X: tx, Y: ty, R: 0.1, Color: "#777777", Fill: true})
		const n = 300
		xs, ys := make([]float64, n), make([]float64, n)
		bend := 0.15 * (rng.Float64() - 0.5)
		for i := range n {
			s := float64(i) / (n - 1)
			s = s * s * (3 - 2*s) // smooth start and stop
			px, py := s*tx*0.97, s*ty*0.97
			b := bend * math.Sin(math.Pi*s)
			xs[i] = px - b*ty + 0.004*rng.NormFloat64()
			ys[i] = py + b*tx + 0.004*rng.NormFloat64()
		}
		a.Series = append(a.Series, Series{X: xs, Y: ys, Label: fmt.Sprintf("target %d°", k*90)})
		// Arm at the end of the reach (inverse kinematics, elbow out).
		hx, hy := xs[n-1], ys[n-1]
		dx, dy := hx-shoulder.x, hy-shoulder.y
		d := math.Hypot(dx, dy)
		alpha := math.Acos(math.Max(-1, math.Min(1, (l1*l1+d*d-l2*l2)/(2*l1*d))))
		phi := math.Atan2(dy, dx) - alpha
		ex, ey := shoulder.x+l1*math.Cos(phi), shoulder.y+l1*math.Sin(phi)
		col := Palette[k]
		a.Series = append(a.Series, Series{X: []float64{shoulder.x, ex, hx}, Y: []float64{shoulder.y, ey, hy}, Color: col, Width: 3, Opacity: 0.45})
		a.Points = append(a.Points, Point{X: ex, Y: ey, Color: col}, Point{X: hx, Y: hy, Color: col})
	}
	a.Points = append(a.Points, Point{X: shoulder.x, Y: shoulder.y, R: 6, Color: "#000000"})
	return f
}

func exampleFigures() map[string]*Figure {
	return map[string]*Figure{
		"learning": exampleLearningCurve(),
		"outputs":  exampleOutputs(),
		"reach":    exampleReach(),
	}
}
