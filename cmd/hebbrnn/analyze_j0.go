package main

import (
	"github.com/hebbrnn/hebbrnn/mat"
	"github.com/hebbrnn/hebbrnn/rnn"
)

// initialJ returns J as it was before the training of job, for the
// checkpoint to keep (analyze draws its spectrum): a resumed run's is the
// checkpoint's own J0 (nil when that file predates J0), any other run's is
// the network's J now, before the first trial.
func initialJ[T rnn.Float](job *trainJob, net *rnn.Network[T]) *mat.Dense[float64] {
	if job.resume {
		return job.model.J0
	}
	j0 := mat.NewDense[float64](net.J.Rows, net.J.Cols)
	mat.Convert(j0, net.J)
	return j0
}
