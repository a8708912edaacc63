// Command hebbrnn trains recurrent networks with reward-modulated Hebbian
// learning (the hebbRNN rule), runs trained networks, and draws plots.
//
// Usage:
//
//	hebbrnn train   [--task NAME|FILE] [flags]      train a network (Ctrl-C stops and saves)
//	hebbrnn run     --model M --task T --out traj.npz|traj.mat [--plots DIR]
//	hebbrnn plot    [--log run.jsonl] [--traj traj.npz --task T] --out DIR
//	hebbrnn export-model --model M.npz --out M.mat
//	hebbrnn info    version, CPU features and kernel implementations
//	hebbrnn bench   a quick table of kernel and trial timings
//
// Run "hebbrnn COMMAND -h" for the flags of a command.
//
// Exit status: 0 on success, 2 on bad usage or bad input (one line on
// stderr naming the flag, file, array or shape at fault), 1 on a runtime
// failure, 130 when training was interrupted (its checkpoint is saved).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usagef returns a usageError.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// interrupted is returned by train when it was stopped by a signal, after
// everything was saved.
var errInterrupted = errors.New("interrupted")

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"train", "train a network on a task (Ctrl-C stops and saves a checkpoint)", cmdTrain},
	{"run", "run a trained network on a task and write its trajectories (.npz or .mat)", cmdRun},
	{"plot", "draw plots from a training log and/or a trajectories file", cmdPlot},
	{"export-model", "write a model as a MATLAB .mat file (1-based unit indices)", cmdExportModel},
	{"task", "write a task's inputs and targets as .npz or .mat, or draw them", cmdTask},
	{"info", "print the version, CPU features and kernel implementations", cmdInfo},
	{"bench", "time the kernels and a learning trial on this machine", cmdBench},
	{"sweep", "plan, run (here or on Slurm), follow and collect a study over seeds, options and tasks", cmdSweep},
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "hebbrnn trains recurrent networks with reward-modulated Hebbian learning.\n\nUsage: hebbrnn COMMAND [flags]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun \"hebbrnn COMMAND -h\" for the flags of a command.\nQuick start: hebbrnn train            (trains the DNMS task into run-dnms/)\n")
}

func main() {
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr))
}

func realMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "hebbrnn", version())
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return report(c.name, c.run(args[1:], stdout, stderr), stderr)
		}
	}
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	fmt.Fprintf(stderr, "hebbrnn: unknown command %q (commands: %s; see hebbrnn -h)\n", args[0], strings.Join(names, ", "))
	return exitUsage
}

// report prints err on one line and returns the exit status.
func report(cmd string, err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errInterrupted) {
		return exitInterrupted
	}
	if errors.Is(err, errHelp) {
		return exitOK
	}
	msg := oneLine(err.Error())
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "hebbrnn %s: %s\n", cmd, msg)
		return exitUsage
	}
	fmt.Fprintf(stderr, "hebbrnn %s: error: %s\n", cmd, msg)
	return exitFailure
}

// oneLine folds a multi-line message into one line.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}
