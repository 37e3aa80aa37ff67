// Command bot is newsbot: a Discord bot that answers questions about news
// articles (who said a quotation, summaries, people, search).
//
//	bot [flags]                     run the bot (a local console when no token is set)
//	bot analyze [flags] [PATH...]   print the analysis of articles as JSON lines
//	bot eval quotes|summary|search  measure answer quality on evaluation data
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := dispatch(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "newsbot:", err)
		}
		os.Exit(1)
	}
}

// errUsage marks an error whose message has already been printed (flag
// parsing prints its own).
var errUsage = errors.New("usage")

// dispatch runs the subcommand named by args[0], or the bot itself.
func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "analyze":
			return runAnalyze(args[1:], stdout, stderr)
		case "eval":
			return runEval(args[1:], stdout, stderr)
		case "train":
			return runTrain(args[1:], stdout, stderr)
		}
	}
	return runBot(ctx, args, stdin, stdout, stderr)
}
