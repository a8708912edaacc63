package rnn

import (
	"fmt"
	"math/rand/v2"

	"github.com/hebbrnn/hebbrnn/mat"
)

// State is the state of a network running step by step in a program that
// embeds it: the caller owns it, and a Step allocates nothing. Any number
// of States may step concurrently on one Network, as long as nothing
// changes the network meanwhile.
type State[T Float] struct {
	// X, R and Z are the activation, the rates and the output after the
	// latest step; T is the number of steps taken.
	X, R, Z []T
	T       int

	sim   *sim[T]
	exc   []T
	noise *RandomSource
}

// NewState returns a State at the network's initial state (t = 0), with
// its output function (nil for the identity) and a noise generator seeded
// by seed (used only when the network has noise).
func (net *Network[T]) NewState(out Output, seed uint64) (*State[T], error) {
	if out == nil {
		out = Identity{}
	}
	b, err := out.Outputs(len(net.OutputUnits))
	if err != nil {
		return nil, err
	}
	if b != net.Outputs {
		return nil, fmt.Errorf("the output function makes %d outputs, the network has %d", b, net.Outputs)
	}
	s := &State[T]{X: mat.NewVec[T](net.Units), R: mat.NewVec[T](net.Units), Z: mat.NewVec[T](net.Outputs),
		exc: mat.NewVec[T](net.Units), noise: NewRandomSource(rand.New(rand.NewPCG(seed, noiseStream)), 0, 0)}
	s.sim = newSim(net, out.Clone(), s.X, s.R, s.Z)
	s.Reset(0)
	return s, nil
}

// Reset returns the state to the network's initial state; steps tells the
// output function the length of the coming trial (0 if unknown).
func (s *State[T]) Reset(steps int) {
	s.sim.begin(nil, steps, 0, 0)
	s.T = 0
}

// Step advances the network by one time step with input u (len I; nil when
// the network has no inputs) and returns the new output.
func (s *State[T]) Step(u []T) []T {
	net := s.sim.net
	if len(u) != net.Inputs {
		panic(fmt.Sprintf("rnn: Step: input has %d values, the network takes %d", len(u), net.Inputs))
	}
	if net.Inputs == 0 {
		u = nil
	}
	net.J.MulVec(s.exc, 1, s.R, 0)
	s.sim.advance(s.T, s.exc, u, nil, 0, s.noise, s.R)
	s.T++
	return s.Z
}
