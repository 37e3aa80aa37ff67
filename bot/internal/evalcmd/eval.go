// Package evalcmd is the `eval` subcommands: each measures one kind of
// answer (quotations, summaries, search) against the evaluation data in
// ../shared/eval and prints the figures.
package evalcmd

import (
	"fmt"
	"io"

	"newsbot/bot/internal/cli"
)

const evalUsage = `usage: bot eval quotes|summary|search [flags] [FILE.jsonl...]`

// Run dispatches the eval subcommands; each measures one kind of answer
// against data in ../shared/eval (see README).
func Run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, evalUsage)
		return cli.ErrUsage
	}
	switch args[0] {
	case "quotes":
		return runEvalQuotes(args[1:], stdout, stderr)
	case "summary":
		return runEvalSummary(args[1:], stdout, stderr)
	case "search":
		return runEvalSearch(args[1:], stdout, stderr)
	}
	fmt.Fprintln(stderr, evalUsage)
	return cli.ErrUsage
}
