package main

import (
	"errors"
	"io"
)

// runEvalSummary measures summary quality (not yet written).
func runEvalSummary(args []string, stdout, stderr io.Writer) error {
	return errors.New("eval summary: not implemented yet")
}
