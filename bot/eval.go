package main

import (
	"fmt"
	"io"
)

const evalUsage = `usage: bot eval quotes|summary|search [flags] [FILE.jsonl...]`

// runEval dispatches the eval subcommands; each measures one kind of answer
// against data in ../shared/eval (see README).
func runEval(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, evalUsage)
		return errUsage
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
	return errUsage
}
