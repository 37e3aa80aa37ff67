// Package cli holds what the bot's subcommands share about talking to the
// command line: the errors that mean "already explained to the user".
package cli

import "errors"

// ErrUsage marks an error whose message has already been printed (flag
// parsing prints its own): main exits 1 without printing it again.
var ErrUsage = errors.New("usage")

// ErrHelp is returned after -h printed the usage: main exits 0.
var ErrHelp = errors.New("help requested")
