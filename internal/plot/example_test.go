package plot_test

import (
	"bytes"
	"fmt"
	"math"

	"github.com/hebbrnn/hebbrnn/internal/plot"
)

// A learning curve on a log axis with a tolerance line.
func ExampleFigure_SVG() {
	passes := make([]float64, 500)
	errs := make([]float64, 500)
	for i := range passes {
		passes[i] = float64(i + 1)
		errs[i] = 0.05 + 0.95*math.Exp(-float64(i)/100)
	}
	f := plot.NewFigure(900, 600, 1, 1)
	a := f.Axes[0]
	a.XLabel, a.YLabel, a.LogY, a.Legend = "training pass", "mean error", true, true
	a.Series = []plot.Series{{X: passes, Y: errs, Label: "mean error"}}
	a.HLines = []plot.HLine{{Y: 0.1, Label: "tolerance", Dashed: true}}
	svg, err := f.SVG()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.HasPrefix(svg, []byte("<?xml")), bytes.Count(svg, []byte(`class="series"`)))
	// Output: true 1
}
