package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Event is the perturbation of one unit at one step of a learning trial.
type Event struct {
	Unit  int
	Value float64
}

// Source supplies the randomness of trials: the perturbations of learning
// trials and the network noise. Replacing it replays a recorded exploration
// or plugs in another distribution.
type Source interface {
	// BeginTrial starts a learning trial of condition cond with the given
	// number of steps and units.
	BeginTrial(cond, steps, units int) error
	// Perturb appends the perturbations of step t of the current learning
	// trial to ev and returns it. It is called for every step in order.
	Perturb(t int, ev []Event) []Event
	// Normal returns a standard normal number for the network noise.
	Normal() float64
	// Uniform returns a number from U(0, 1), for random initial states.
	Uniform() float64
}

// RandomSource is the default Source. Each unit is perturbed at each step
// with probability Q by a value drawn from U(-Beta, Beta). It draws only the
// perturbed units: the gaps between events are geometric, so its cost
// follows the number of events, not the number of units.
type RandomSource struct {
	Rand *rand.Rand
	Q    float64 // probability of a perturbation per unit and step
	Beta float64

	logNotQ     float64
	next, units int
}

// NewRandomSource returns the default source for perturbation probability
// q and amplitude beta.
func NewRandomSource(r *rand.Rand, q, beta float64) *RandomSource {
	return &RandomSource{Rand: r, Q: q, Beta: beta, logNotQ: math.Log1p(-q)}
}

// maxGap caps a geometric gap, so that tiny probabilities cannot overflow.
const maxGap = 1 << 30

// gap draws the number of unperturbed positions before the next event.
func (s *RandomSource) gap() int {
	switch {
	case s.Q >= 1:
		return 0
	case s.Q <= 0:
		return maxGap
	}
	g := math.Floor(math.Log(1-s.Rand.Float64()) / s.logNotQ)
	if g > maxGap {
		return maxGap
	}
	return int(g)
}

func (s *RandomSource) BeginTrial(_, _, units int) error {
	s.units = units
	s.next = s.gap()
	return nil
}

func (s *RandomSource) Perturb(t int, ev []Event) []Event {
	start := t * s.units
	end := start + s.units
	for s.next < end {
		if s.next >= start {
			ev = append(ev, Event{Unit: s.next - start, Value: s.Beta * (2*s.Rand.Float64() - 1)})
		}
		s.next += 1 + s.gap()
	}
	return ev
}

func (s *RandomSource) Normal() float64  { return s.Rand.NormFloat64() }
func (s *RandomSource) Uniform() float64 { return s.Rand.Float64() }

// Recording holds the perturbations of learning trials, dense: D is
// Trials×Steps×Units, the value added to x at each step of each trial, in
// the order the trials ran, and Conditions the condition of each trial.
type Recording struct {
	Steps, Units int
	D            []float64
	Conditions   []int64
}

// Trials returns the number of recorded trials.
func (r *Recording) Trials() int { return len(r.Conditions) }

// Recorder is a Source that passes another Source through and records its
// perturbations.
type Recorder struct {
	Source
	Rec *Recording
	cur []float64
}

// NewRecorder records what src produces.
func NewRecorder(src Source) *Recorder { return &Recorder{Source: src, Rec: &Recording{}} }

func (r *Recorder) BeginTrial(cond, steps, units int) error {
	if err := r.Source.BeginTrial(cond, steps, units); err != nil {
		return err
	}
	if r.Rec.Trials() == 0 {
		r.Rec.Steps, r.Rec.Units = steps, units
	} else if steps != r.Rec.Steps || units != r.Rec.Units {
		return fmt.Errorf("recording perturbations: trial of %d steps × %d units after trials of %d × %d", steps, units, r.Rec.Steps, r.Rec.Units)
	}
	n := len(r.Rec.D)
	r.Rec.D = append(r.Rec.D, make([]float64, steps*units)...)
	r.cur = r.Rec.D[n:]
	r.Rec.Conditions = append(r.Rec.Conditions, int64(cond))
	return nil
}

func (r *Recorder) Perturb(t int, ev []Event) []Event {
	n := len(ev)
	ev = r.Source.Perturb(t, ev)
	for _, e := range ev[n:] {
		r.cur[t*r.Rec.Units+e.Unit] += e.Value
	}
	return ev
}

// Replay is a Source that plays a Recording back. Its network noise and
// uniform numbers come from Noise.
type Replay struct {
	Rec   *Recording
	Noise *rand.Rand
	trial int
	cur   []float64
}

// NewReplay returns a Source that replays rec.
func NewReplay(rec *Recording, noise *rand.Rand) *Replay { return &Replay{Rec: rec, Noise: noise} }

// SkipTrials moves the replay past the first n trials of the record, to
// resume a run.
func (p *Replay) SkipTrials(n int) { p.trial = n }

func (p *Replay) BeginTrial(cond, steps, units int) error {
	rec := p.Rec
	switch {
	case p.trial >= rec.Trials():
		return fmt.Errorf("replayed perturbations: the record has only %d trials", rec.Trials())
	case steps != rec.Steps || units != rec.Units:
		return fmt.Errorf("replayed perturbations: record is of %d steps × %d units, the trial has %d × %d", rec.Steps, rec.Units, steps, units)
	case int64(cond) != rec.Conditions[p.trial]:
		return fmt.Errorf("replayed perturbations: trial %d of the record is of condition %d, this run is on condition %d", p.trial, rec.Conditions[p.trial], cond)
	}
	n := steps * units
	p.cur = rec.D[p.trial*n : (p.trial+1)*n]
	p.trial++
	return nil
}

func (p *Replay) Perturb(t int, ev []Event) []Event {
	u := p.Rec.Units
	for i, v := range p.cur[t*u : (t+1)*u] {
		if v != 0 {
			ev = append(ev, Event{Unit: i, Value: v})
		}
	}
	return ev
}

func (p *Replay) Normal() float64  { return p.Noise.NormFloat64() }
func (p *Replay) Uniform() float64 { return p.Noise.Float64() }
