package rnn_test

import (
	"context"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/hebbrnn/hebbrnn/rnn"
)

// Train a network on the reference DNMS task. Training stops at the
// task's tolerance, at Options.MaxPasses, after Options.MaxDuration, or
// when ctx is canceled; here after 2 passes.
func Example_train() {
	ref, err := rnn.ReferenceTask("dnms")
	if err != nil {
		log.Fatal(err)
	}
	net, err := rnn.New[float64](ref.Config, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		log.Fatal(err)
	}
	opt := ref.Options
	opt.MaxPasses = 2
	tr, err := rnn.NewTrainer(net, ref.Task, opt, ref.Output, 1) // seed 1
	if err != nil {
		log.Fatal(err)
	}
	defer tr.Close()
	res, err := tr.Train(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stopped after pass %d: %s\n", res.Pass, res.Reason)
	// Output: stopped after pass 2: maximum passes reached
}

// Step a network one millisecond at a time, as a program that embeds it
// does: a Step allocates nothing, and any number of States may step on one
// network at once.
func Example_step() {
	ref, err := rnn.ReferenceTask("dnms")
	if err != nil {
		log.Fatal(err)
	}
	net, err := rnn.New[float32](ref.Config, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		log.Fatal(err)
	}
	s, err := net.NewState(nil, 0) // the identity output function, noise seed 0
	if err != nil {
		log.Fatal(err)
	}
	cueA := []float32{1, 0}
	for range 200 {
		s.Step(cueA)
	}
	z := s.Step([]float32{0, 0})
	fmt.Printf("after %d steps: %d output, %d units\n", s.T, len(z), len(s.R))
	// Output: after 201 steps: 1 output, 200 units
}

// Save a network and load it back, as `hebbrnn train` writes it
// (model.npz); a model trained in float64 can be loaded in float32.
func Example_loadModel() {
	dir, err := os.MkdirTemp("", "hebbrnn-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ref, err := rnn.ReferenceTask("co")
	if err != nil {
		log.Fatal(err)
	}
	net, err := rnn.New[float64](ref.Config, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(dir, "model.npz")
	if err := rnn.WriteModel(path, net); err != nil {
		log.Fatal(err)
	}

	m, err := rnn.ReadModel(path)
	if err != nil {
		log.Fatal(err)
	}
	loaded, err := rnn.NetworkOf[float32](m)
	if err != nil {
		log.Fatal(err)
	}
	traj, err := loaded.Run(ref.Task, ref.Output, rnn.RunOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("N = %d, %d conditions of %d steps, Z is %d×%d\n",
		loaded.Units, len(traj), traj[0].X.Rows, traj[0].Z.Rows, traj[0].Z.Cols)
	// Output: N = 150, 4 conditions of 150 steps, Z is 150×2
}
