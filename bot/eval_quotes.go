package main

import (
	"errors"
	"io"
)

// runEvalQuotes measures quotes quality (not yet written).
func runEvalQuotes(args []string, stdout, stderr io.Writer) error {
	return errors.New("eval quotes: not implemented yet")
}
