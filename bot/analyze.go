package main

import (
	"errors"
	"io"
)

// runAnalyze prints the analysis of articles as JSON lines (not yet written).
func runAnalyze(args []string, stdout, stderr io.Writer) error {
	return errors.New("analyze: not implemented yet")
}
