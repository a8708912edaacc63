// Package sweep plans, runs, follows and collects studies: one learning
// rule trained over a cross product of tasks, grid values (learning
// options and network settings) and seeds.
//
// A study lives in a directory: plan.json (the spec, resolved: task files
// made absolute, seeds listed), runs.tsv (one row per run: index, task,
// seed, each grid value and the "hebbrnn train" command line that
// reproduces the run alone), runs/<index>/ (each run's model.npz,
// log.jsonl and run.json, its state), slurm/ (job-array scripts and
// output) and, once collected, results.csv, summary.csv and plots/.
//
// The package does no training itself: a run is the train command of
// its row (Plan.TrainArgs), which the caller executes; the package keeps
// track of the run's state (Start, Finish, RunStatus).
package sweep

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hebbrnn/hebbrnn/rnn"
)

// MaxRuns bounds the size of a study.
const MaxRuns = 1_000_000

// Kind is the type of the value of a key.
type Kind int

// Kinds of values.
const (
	Float Kind = iota
	Int
	String
	Bool
)

func (k Kind) String() string {
	return [...]string{"a number", "an integer", "a string", "true or false"}[k]
}

// Key is a key of the options or the network of a study: the train flag
// that sets it and the type of its values.
type Key struct {
	Name, Flag string
	Kind       Kind
	Network    bool
}

// Keys are the keys a spec's grid, options and network may hold.
var Keys = []Key{
	{"eta", "eta", Float, false},
	{"perturbRate", "perturb-rate", Float, false},
	{"beta", "beta", Float, false},
	{"maxdJ", "max-dj", Float, false},
	{"alphaX", "alpha-x", Float, false},
	{"alphaR", "alpha-r", Float, false},
	{"tolerance", "tolerance", Float, false},
	{"tolerancePerCondition", "tolerance-per-condition", Bool, false},
	{"criterionError", "criterion-error", Float, false},
	{"validationPerType", "validation-per-type", Int, false},
	{"validationSeed", "validation-seed", Int, false},
	{"targetTimes", "target-times", String, false},
	{"order", "order", String, false},
	{"method", "method", String, false},
	{"evalEvery", "eval-every", Int, false},
	// Options that train takes only from an options file (--options):
	// a study writes one per task and grid point, STUDY/options/POINT.json.
	{"perturbExcitation", "", Bool, false},
	{"perturbFrom", "", Int, false},
	{"eligibilityFrom", "", Int, false},
	{"scaleByExpected", "", Bool, false},
	{"plasticityDelay", "", Int, false},
	{"initialNoise", "", Float, false},
	{"etaHalfLife", "", Float, false},
	{"neurons", "neurons", Int, true},
	{"sparsity", "sparsity", Float, true},
	{"gain", "gain", Float, true},
	{"dt", "dt", Float, true},
	{"tau", "tau", Float, true},
	{"activation", "activation", String, true},
	{"noise", "noise", Float, true},
	{"biasUnits", "bias-units", Int, true},
	{"feedback", "feedback", Bool, true},
	{"energyCost", "energy-cost", Float, true},
}

func lookupKey(name string, network bool) (Key, bool) {
	for _, k := range Keys {
		if k.Name == name && k.Network == network {
			return k, true
		}
	}
	return Key{}, false
}

func keyNames(network bool) string {
	var names []string
	for _, k := range Keys {
		if k.Network == network {
			names = append(names, k.Name)
		}
	}
	return strings.Join(names, ", ")
}

// Error is bad input in a spec or a study: one line that names the key
// or the file at fault.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error { return &Error{fmt.Sprintf(format, args...)} }

// Setting is a key with one value: a float64, int64, string or bool.
type Setting struct {
	Key   Key
	Value any
}

// Flag returns the train flag of s, as one argument.
func (s Setting) Flag() string { return "--" + s.Key.Flag + "=" + FormatValue(s.Value) }

// FormatValue writes a value as the flag parser reads it back exactly.
func FormatValue(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// GridKey is one dimension of the grid.
type GridKey struct {
	Key    Key
	Values []any
}

// Plan is a resolved spec.
type Plan struct {
	Tasks     []string  // built-in names or absolute paths of task files
	Seeds     []uint64  // in order
	Grid      []GridKey // sorted by key, network keys first
	Fixed     []Setting // options and network, sorted likewise
	Variant   string    // variant of the built-in tasks (rnn.Variants): "hebbrnn" or "miconi"
	Precision string    // "f64" or "f32"
	MaxPasses int       // 0: none
	MaxTime   string    // "": none
}

// Run is one run of a plan.
type Run struct {
	Index  int
	Task   string
	Seed   uint64
	Values []any // one per grid key
}

// TaskChecker checks that a task (a built-in name or an absolute file
// path) loads.
type TaskChecker func(task string) error

// Parse reads a spec. Task files are relative to dir; check, if not nil,
// loads each task.
func Parse(data []byte, dir string, check TaskChecker) (*Plan, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, errorf("not a JSON object: %v", err)
	}
	if dec.More() {
		return nil, errorf("text after the JSON object")
	}
	if raw == nil {
		return nil, errorf("not a JSON object")
	}
	known := []string{"task", "tasks", "variant", "seeds", "grid", "options", "network", "precision", "maxPasses", "maxTime"}
	for _, k := range sortedKeys(raw) {
		if !slices.Contains(known, k) {
			return nil, errorf("unknown key %q (the keys are %s)", k, strings.Join(known, ", "))
		}
	}
	p := &Plan{Precision: "f64", Variant: rnn.DefaultVariant}
	if v, ok := raw["variant"]; ok {
		if json.Unmarshal(v, &p.Variant) != nil || !slices.Contains(rnn.Variants, p.Variant) {
			return nil, errorf("variant: %s is not one of %s", v, strings.Join(rnn.Variants, ", "))
		}
	}
	if err := p.parseTasks(raw, dir, check); err != nil {
		return nil, err
	}
	if err := p.parseSeeds(raw["seeds"]); err != nil {
		return nil, err
	}
	if err := p.parseSettings(raw); err != nil {
		return nil, err
	}
	if err := p.parseLimits(raw); err != nil {
		return nil, err
	}
	if n := p.Count(); n > MaxRuns {
		return nil, errorf("the study has %s runs, more than %d: split it into several studies", countString(p), MaxRuns)
	}
	return p, nil
}

// ReadPlan reads STUDY/plan.json.
func ReadPlan(study string) (*Plan, error) {
	path := filepath.Join(study, "plan.json")
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, errorf("%s: no study here (make one with hebbrnn sweep plan --spec FILE --dir %s)", study, study)
		}
		return nil, errorf("%s: %v", path, err)
	}
	p, err := Parse(data, study, nil)
	if err != nil {
		return nil, errorf("%s: %v", path, err)
	}
	return p, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (p *Plan) parseTasks(raw map[string]json.RawMessage, dir string, check TaskChecker) error {
	one, hasOne := raw["task"]
	many, hasMany := raw["tasks"]
	var names []string
	switch {
	case hasOne && hasMany:
		return errorf("task and tasks exclude each other: give one task, or a list in tasks")
	case hasOne:
		var s string
		if json.Unmarshal(one, &s) != nil || s == "" {
			return errorf("task: %s is not a task name or file (a non-empty string)", one)
		}
		names = []string{s}
	case hasMany:
		if json.Unmarshal(many, &names) != nil {
			return errorf("tasks: %s is not a list of task names or files", many)
		}
		if len(names) == 0 {
			return errorf("tasks: the list is empty")
		}
	default:
		return errorf("missing key \"task\" (a built-in task such as co or dnms, or a task file) or \"tasks\" (a list of them)")
	}
	for _, name := range names {
		if name == "" {
			return errorf("tasks: an empty task name")
		}
		if strings.HasSuffix(name, ".npz") || strings.HasSuffix(name, ".mat") {
			if !filepath.IsAbs(name) {
				name = filepath.Join(dir, name)
			}
			if abs, err := filepath.Abs(name); err == nil {
				name = abs
			}
		}
		if slices.Contains(p.Tasks, name) {
			return errorf("tasks: %s appears twice", name)
		}
		if check != nil {
			if err := check(name); err != nil {
				return errorf("task %s: %v", name, err)
			}
		}
		p.Tasks = append(p.Tasks, name)
	}
	return nil
}

func (p *Plan) parseSeeds(raw json.RawMessage) error {
	if raw == nil {
		return errorf("missing key \"seeds\" (a list of integers, or a range such as \"1-20\")")
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		a, b, ok := strings.Cut(s, "-")
		lo, err1 := strconv.ParseUint(strings.TrimSpace(a), 10, 64)
		hi, err2 := strconv.ParseUint(strings.TrimSpace(b), 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return errorf("seeds: %q is not a range A-B of integers ≥ 0 (such as \"1-20\")", s)
		}
		if hi < lo {
			return errorf("seeds: the range %q is empty (its end is below its start)", s)
		}
		if hi-lo >= MaxRuns {
			return errorf("seeds: the range %q holds more than %d seeds", s, MaxRuns)
		}
		for v := lo; ; v++ {
			p.Seeds = append(p.Seeds, v)
			if v == hi {
				break
			}
		}
		return nil
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return errorf("seeds: %s is neither a list of integers nor a range such as \"1-20\"", raw)
	}
	if len(list) == 0 {
		return errorf("seeds: the list is empty")
	}
	for _, r := range list {
		v, err := strconv.ParseUint(string(r), 10, 64)
		if err != nil {
			return errorf("seeds: %s is not an integer ≥ 0", r)
		}
		if slices.Contains(p.Seeds, v) {
			return errorf("seeds: %d appears twice", v)
		}
		p.Seeds = append(p.Seeds, v)
	}
	return nil
}

// parseValue reads a value of key k.
func parseValue(where string, k Key, raw json.RawMessage) (any, error) {
	bad := func() error { return errorf("%s: %s is not %s", where, raw, k.Kind) }
	switch k.Kind {
	case Float:
		var v float64
		if json.Unmarshal(raw, &v) != nil || math.IsInf(v, 0) {
			return nil, bad()
		}
		return v, nil
	case Int:
		v, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil || v < math.MinInt32 || v > math.MaxInt32 {
			return nil, bad()
		}
		return v, nil
	case String:
		var v string
		if json.Unmarshal(raw, &v) != nil {
			return nil, bad()
		}
		return v, nil
	default:
		var v bool
		if json.Unmarshal(raw, &v) != nil {
			return nil, bad()
		}
		return v, nil
	}
}

func (p *Plan) parseSettings(raw map[string]json.RawMessage) error {
	fixed := map[string]bool{}
	for _, section := range []string{"network", "options"} {
		r, ok := raw[section]
		if !ok {
			continue
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(r, &m) != nil || m == nil {
			return errorf("%s: %s is not a JSON object", section, r)
		}
		network := section == "network"
		for _, name := range sortedKeys(m) {
			k, ok := lookupKey(name, network)
			if !ok {
				return errorf("%s: unknown key %q (the keys are %s)", section, name, keyNames(network))
			}
			v, err := parseValue(section+"."+name, k, m[name])
			if err != nil {
				return err
			}
			p.Fixed = append(p.Fixed, Setting{k, v})
			fixed[name] = true
		}
	}
	r, ok := raw["grid"]
	if !ok {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(r, &m) != nil || m == nil {
		return errorf("grid: %s is not a JSON object of lists", r)
	}
	for _, network := range []bool{true, false} {
		for _, name := range sortedKeys(m) {
			k, ok := lookupKey(name, network)
			if !ok {
				if _, other := lookupKey(name, !network); !other && network {
					return errorf("grid: unknown key %q (the keys are those of options, %s, and of network, %s)", name, keyNames(false), keyNames(true))
				}
				continue
			}
			if fixed[name] {
				return errorf("grid: %s is also a fixed value of %s: give it in one place", name, map[bool]string{true: "network", false: "options"}[network])
			}
			var list []json.RawMessage
			if json.Unmarshal(m[name], &list) != nil {
				return errorf("grid.%s: %s is not a list of values", name, m[name])
			}
			if len(list) == 0 {
				return errorf("grid.%s: the list is empty", name)
			}
			g := GridKey{Key: k}
			for _, e := range list {
				v, err := parseValue("grid."+name, k, e)
				if err != nil {
					return err
				}
				if slices.Contains(g.Values, v) {
					return errorf("grid.%s: %s appears twice", name, e)
				}
				g.Values = append(g.Values, v)
			}
			p.Grid = append(p.Grid, g)
		}
	}
	return nil
}

func (p *Plan) parseLimits(raw map[string]json.RawMessage) error {
	if r, ok := raw["precision"]; ok {
		if json.Unmarshal(r, &p.Precision) != nil || (p.Precision != "f64" && p.Precision != "f32") {
			return errorf("precision: %s is neither \"f64\" nor \"f32\"", r)
		}
	}
	if r, ok := raw["maxPasses"]; ok {
		v, err := strconv.Atoi(string(r))
		if err != nil || v < 1 {
			return errorf("maxPasses: %s is not an integer ≥ 1", r)
		}
		p.MaxPasses = v
	}
	if r, ok := raw["maxTime"]; ok {
		var secs float64
		if json.Unmarshal(r, &secs) == nil {
			p.MaxTime = strconv.FormatFloat(secs, 'g', -1, 64) + "s"
		} else if json.Unmarshal(r, &p.MaxTime) != nil {
			p.MaxTime = ""
		}
		if !validDuration(p.MaxTime) {
			return errorf("maxTime: %s is not a duration such as \"90s\" or \"2h\"", r)
		}
	}
	if p.MaxPasses == 0 && p.MaxTime == "" {
		return errorf("missing key \"maxPasses\" or \"maxTime\": a study needs a limit per run, so that it ends")
	}
	return nil
}

func validDuration(s string) bool {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v > 0 && !math.IsInf(v, 0)
	}
	d, err := time.ParseDuration(s)
	return err == nil && d > 0
}

// Count returns the number of runs.
func (p *Plan) Count() int {
	n := len(p.Tasks) * len(p.Seeds)
	for _, g := range p.Grid {
		n *= len(g.Values)
		if n > MaxRuns {
			return MaxRuns + 1
		}
	}
	return n
}

func countString(p *Plan) string {
	parts := []string{strconv.Itoa(len(p.Tasks)) + " tasks"}
	for _, g := range p.Grid {
		parts = append(parts, fmt.Sprintf("%d %s", len(g.Values), g.Key.Name))
	}
	parts = append(parts, strconv.Itoa(len(p.Seeds))+" seeds")
	return strings.Join(parts, " × ")
}

// GridPoints returns the number of grid points (1 without a grid).
func (p *Plan) GridPoints() int {
	n := 1
	for _, g := range p.Grid {
		n *= len(g.Values)
	}
	return n
}

// Run returns run i (0 ≤ i < Count): tasks vary slowest, then the grid
// keys in order, then the seeds.
func (p *Plan) Run(i int) Run {
	r := Run{Index: i, Values: make([]any, len(p.Grid))}
	r.Seed = p.Seeds[i%len(p.Seeds)]
	i /= len(p.Seeds)
	for k := len(p.Grid) - 1; k >= 0; k-- {
		n := len(p.Grid[k].Values)
		r.Values[k] = p.Grid[k].Values[i%n]
		i /= n
	}
	r.Task = p.Tasks[i]
	return r
}

// Point returns the grid point of run i: the index of its task and grid
// values among the plan's task × grid points.
func (p *Plan) Point(i int) int { return i / len(p.Seeds) }

// settings returns the fixed settings and the grid values of r.
func (p *Plan) settings(r Run) []Setting {
	s := slices.Clone(p.Fixed)
	for k, g := range p.Grid {
		s = append(s, Setting{g.Key, r.Values[k]})
	}
	return s
}

// TrainArgs returns the arguments of "hebbrnn train" of a new run r of
// the study in study: the command that reproduces the run alone.
func (p *Plan) TrainArgs(r Run, study string) []string {
	args := []string{"--task", r.Task, "--seed", strconv.FormatUint(r.Seed, 10)}
	if p.Variant != rnn.DefaultVariant {
		args = append(args, "--variant", p.Variant)
	}
	return append(append(args, p.optionArgs(r, study, true)...), "--precision", p.Precision, "--threads", "1", "--plots", "none", "--dir", RunDir(study, r.Index))
}

// ResumeArgs returns the arguments of "hebbrnn train" that continue run
// r from its checkpoint: the learning options again (a checkpoint does
// not keep the time limit), not the network, which the checkpoint holds.
func (p *Plan) ResumeArgs(r Run, study string) []string {
	args := []string{"--resume", filepath.Join(RunDir(study, r.Index), "model.npz")}
	return append(append(args, p.optionArgs(r, study, false)...), "--threads", "1", "--plots", "none")
}

// optionArgs returns the flags of r's settings (network ones too when
// network), its options file if it has one, and the limits.
func (p *Plan) optionArgs(r Run, study string, network bool) []string {
	var args []string
	file := false
	for _, s := range p.settings(r) {
		switch {
		case s.Key.Flag == "":
			file = true
		case network || !s.Key.Network:
			args = append(args, s.Flag())
		}
	}
	if file {
		args = append([]string{"--options", p.optionsFile(study, r.Index)}, args...)
	}
	return append(args, p.limitArgs()...)
}

// optionsFile returns the options file of the grid point of run i.
func (p *Plan) optionsFile(study string, i int) string {
	return filepath.Join(study, "options", strconv.Itoa(p.Point(i))+".json")
}

// OptionFiles returns the options files of the study in study, path to
// contents: one per task and grid point, holding the options that train
// takes only from a file (none when the study sets no such option).
func (p *Plan) OptionFiles(study string) map[string][]byte {
	files := map[string][]byte{}
	for i := 0; i < p.Count(); i += len(p.Seeds) {
		var parts []string
		for _, s := range p.settings(p.Run(i)) {
			if s.Key.Flag == "" {
				parts = append(parts, fmt.Sprintf("%s: %s", mustJSON(s.Key.Name), valueJSON(s.Value)))
			}
		}
		if len(parts) > 0 {
			files[p.optionsFile(study, i)] = []byte("{" + strings.Join(parts, ", ") + "}\n")
		}
	}
	return files
}

func (p *Plan) limitArgs() []string {
	var args []string
	if p.MaxPasses > 0 {
		args = append(args, "--max-passes", strconv.Itoa(p.MaxPasses))
	}
	if p.MaxTime != "" {
		args = append(args, "--max-time", p.MaxTime)
	}
	return args
}

// JSON returns plan.json: the resolved spec, itself a valid spec.
func (p *Plan) JSON() []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	if len(p.Tasks) == 1 {
		fmt.Fprintf(&b, "  \"task\": %s,\n", mustJSON(p.Tasks[0]))
	} else {
		fmt.Fprintf(&b, "  \"tasks\": %s,\n", mustJSON(p.Tasks))
	}
	if p.Variant != rnn.DefaultVariant {
		fmt.Fprintf(&b, "  \"variant\": %s,\n", mustJSON(p.Variant))
	}
	fmt.Fprintf(&b, "  \"seeds\": %s,\n", mustJSON(p.Seeds))
	if len(p.Grid) > 0 {
		b.WriteString("  \"grid\": {")
		for i, g := range p.Grid {
			if i > 0 {
				b.WriteString(",")
			}
			vals := make([]json.RawMessage, len(g.Values))
			for j, v := range g.Values {
				vals[j] = valueJSON(v)
			}
			fmt.Fprintf(&b, "\n    %s: %s", mustJSON(g.Key.Name), mustJSON(vals))
		}
		b.WriteString("\n  },\n")
	}
	for _, section := range []string{"network", "options"} {
		var parts []string
		for _, s := range p.Fixed {
			if s.Key.Network == (section == "network") {
				parts = append(parts, fmt.Sprintf("%s: %s", mustJSON(s.Key.Name), valueJSON(s.Value)))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(&b, "  %q: {%s},\n", section, strings.Join(parts, ", "))
		}
	}
	if p.MaxPasses > 0 {
		fmt.Fprintf(&b, "  \"maxPasses\": %d,\n", p.MaxPasses)
	}
	if p.MaxTime != "" {
		fmt.Fprintf(&b, "  \"maxTime\": %s,\n", mustJSON(p.MaxTime))
	}
	fmt.Fprintf(&b, "  \"precision\": %s\n}\n", mustJSON(p.Precision))
	return b.Bytes()
}

func valueJSON(v any) json.RawMessage {
	if f, ok := v.(float64); ok {
		return json.RawMessage(strconv.FormatFloat(f, 'g', -1, 64))
	}
	return mustJSON(v)
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain values are marshalled
	}
	return b
}

// shellQuote quotes an argument for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_=./:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ShellJoin joins arguments into a command line for a POSIX shell.
func ShellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}

// RunsTSV returns runs.tsv of a study in dir (as the commands should name
// it): a header, then one row per run.
func (p *Plan) RunsTSV(dir string) []byte {
	var b bytes.Buffer
	b.WriteString("index\ttask\tseed")
	for _, g := range p.Grid {
		b.WriteString("\t" + g.Key.Name)
	}
	b.WriteString("\tcommand\n")
	for i := range p.Count() {
		r := p.Run(i)
		fmt.Fprintf(&b, "%d\t%s\t%d", i, TaskName(r.Task), r.Seed)
		for _, v := range r.Values {
			b.WriteString("\t" + FormatValue(v))
		}
		cmd := append([]string{"hebbrnn", "train"}, p.TrainArgs(r, dir)...)
		b.WriteString("\t" + ShellJoin(cmd) + "\n")
	}
	return b.Bytes()
}

// TaskName is the short name of a task: a built-in's name, a file's base
// name without extension.
func TaskName(task string) string {
	if strings.HasSuffix(task, ".npz") || strings.HasSuffix(task, ".mat") {
		return strings.TrimSuffix(filepath.Base(task), filepath.Ext(task))
	}
	return task
}

// RunDir returns the directory of run i of the study in dir.
func RunDir(study string, i int) string {
	return filepath.Join(study, "runs", strconv.Itoa(i))
}
