// Package cli holds what the bot's subcommands share about talking to the
// command line: the errors that mean "already explained to the user".
package cli

import (
	"errors"
	"flag"
)

// ErrUsage marks an error whose message has already been printed (flag
// parsing prints its own): main exits 1 without printing it again.
var ErrUsage = errors.New("usage")

// ErrHelp is returned after -h printed the usage: main exits 0.
var ErrHelp = errors.New("help requested")

// ParseError is what a subcommand returns when its flags do not parse:
// ErrHelp for -h or --help (the usage was asked for and printed, so the
// exit status is 0), ErrUsage otherwise (the flag package printed the
// problem and the usage).
func ParseError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return ErrHelp
	}
	return ErrUsage
}

// EvalDataHint says where the evaluation data is expected, for the eval
// subcommands' usage.
const EvalDataHint = "The evaluation data is not in the repository: it is expected in ../shared/eval beside the module root (run from the module root, or name the files)."

// EvalDataWhere is EvalDataHint for an error message about a missing file.
const EvalDataWhere = "the evaluation data is not in the repository; it is expected in ../shared/eval beside the module root"
