package rnn

import (
	"fmt"
	"math"
)

// Output turns the rates of the output units into the network's output z.
// It is called with t = 0..T during a trial of T steps (t = 0 before the
// first step, t = s+1 after step s). Each trial starts with Reset.
//
// An Output holds the state of one trial: use Clone to get an independent
// one for another trial running at the same time.
type Output interface {
	// Outputs returns the size of z for b output-unit rates, or an error
	// if the function does not take b rates.
	Outputs(b int) (int, error)
	// Reset starts a trial of the given number of steps.
	Reset(steps int)
	// Step writes the output at time t for the rates r into z.
	Step(t int, r, z []float64)
	// Record returns the function's record of the last trial (nil if it
	// keeps none): named time-major arrays.
	Record() []Record
	// Clone returns an independent copy in its initial state.
	Clone() Output
}

// Record is one named array of an output function's record, time-major:
// Data holds Rows×Cols values.
type Record struct {
	Name       string
	Rows, Cols int
	Data       []float64
}

// Identity is the default output function: z = r.
type Identity struct{}

func (Identity) Outputs(b int) (int, error) { return b, nil }
func (Identity) Reset(int)                  {}
func (Identity) Step(_ int, r, z []float64) { copy(z, r) }
func (Identity) Record() []Record           { return nil }
func (Identity) Clone() Output              { return Identity{} }

// Arm is the two-joint arm of the center-out reaching task (docs/algorithm.md
// §4). Its two inputs are joint angular velocities; its output is the hand
// position. It moves on the calls with t in [steps-Window, steps] and holds
// the hand at the origin (z = 0) before. Its record holds the joint angles,
// the elbow and the hand at every call.
type Arm struct {
	L      [2]float64 // segment lengths
	Start  [2]float64 // joint angles at the first moving call
	Window int        // number of steps of movement
	Speed  float64    // a += r/Speed at each moving call

	steps  int
	moving bool
	a, o   [2]float64
	rec    [3][]float64 // angles, elbow, hand: (steps+1)×2 each
}

// NewArm returns the arm of the reference task: L = (3, 3), start angles
// (0.8π, 0.4π), moving on the last 100 steps, a += r/150.
func NewArm() *Arm {
	return &Arm{L: [2]float64{3, 3}, Start: [2]float64{0.8 * math.Pi, 0.4 * math.Pi}, Window: 100, Speed: 150}
}

func (a *Arm) Outputs(b int) (int, error) {
	if b != 2 {
		return 0, fmt.Errorf("the arm takes 2 output units (joint velocities), the network has %d", b)
	}
	return 2, nil
}

func (a *Arm) Reset(steps int) {
	a.steps, a.moving = steps, false
	for i := range a.rec {
		if cap(a.rec[i]) < 2*(steps+1) {
			a.rec[i] = make([]float64, 2*(steps+1))
		}
		a.rec[i] = a.rec[i][:2*(steps+1)]
	}
	a.a = a.Start
	a.o = [2]float64{}
	a.o = a.negHand()
}

// elbowHand returns the elbow and hand for the current angles and offset.
func (a *Arm) elbowHand() (elbow, hand [2]float64) {
	a0, a1 := a.a[0], a.a[1]
	elbow = [2]float64{a.o[0] + a.L[0]*math.Cos(a0+math.Pi), a.o[1] + a.L[0]*math.Sin(a0)}
	hand = [2]float64{elbow[0] + a.L[1]*math.Cos(a1+a0), elbow[1] + a.L[1]*math.Sin(a1+a0-math.Pi)}
	return elbow, hand
}

func (a *Arm) negHand() [2]float64 {
	_, h := a.elbowHand()
	return [2]float64{-h[0], -h[1]}
}

func (a *Arm) Step(t int, r, z []float64) {
	if t >= a.steps-a.Window && t <= a.steps {
		if !a.moving {
			a.moving = true
			a.a = a.Start
			a.o = [2]float64{}
			a.o = a.negHand()
		}
		a.a[0] = min(max(a.a[0]+r[0]/a.Speed, 0), 1.5*math.Pi)
		a.a[1] = min(max(a.a[1]+r[1]/a.Speed, math.Pi/20), math.Pi-math.Pi/20)
		_, h := a.elbowHand()
		z[0], z[1] = h[0], h[1]
	} else {
		z[0], z[1] = 0, 0
	}
	if t >= 0 && t <= a.steps {
		e, h := a.elbowHand()
		copy(a.rec[0][2*t:], a.a[:])
		copy(a.rec[1][2*t:], e[:])
		copy(a.rec[2][2*t:], h[:])
	}
}

func (a *Arm) Record() []Record {
	if a.rec[0] == nil {
		return nil
	}
	names := [3]string{"angles", "elbow", "hand"}
	out := make([]Record, 3)
	for i := range out {
		out[i] = Record{Name: names[i], Rows: a.steps + 1, Cols: 2, Data: append([]float64(nil), a.rec[i]...)}
	}
	return out
}

func (a *Arm) Clone() Output {
	return &Arm{L: a.L, Start: a.Start, Window: a.Window, Speed: a.Speed}
}
