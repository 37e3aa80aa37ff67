// Package evalcmd is the `eval` subcommands: each measures one kind of
// answer (quotations, summaries, search) against the evaluation data in
// ../shared/eval and prints the figures.
package evalcmd

import (
	"fmt"
	"io"

	"newsbot/bot/internal/cli"
)

const evalUsage = `usage: newsbot eval quotes|summary|search [flags] [FILE.jsonl...]

  quotes    quotations and speakers against annotated articles
            (default ../shared/eval/ggt-dev.jsonl)
  summary   our summaries and Lead-N scored with ROUGE (name the files,
            e.g. ../shared/eval/cnndm-dev.jsonl)
  search    who-said search on perturbed fragments of real quotations
            (default ggt-dev and cnndm-dev when present)

Each takes -h for its flags. ` + cli.EvalDataHint

// Run dispatches the eval subcommands; each measures one kind of answer
// against data in ../shared/eval (see README). -h, --help and help print
// the usage and return cli.ErrHelp (exit status 0).
func Run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, evalUsage)
		return cli.ErrUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stderr, evalUsage)
		return cli.ErrHelp
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
