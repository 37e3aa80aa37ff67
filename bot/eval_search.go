package main

import (
	"errors"
	"io"
)

// runEvalSearch measures search quality (not yet written).
func runEvalSearch(args []string, stdout, stderr io.Writer) error {
	return errors.New("eval search: not implemented yet")
}
