package main

import (
	"context"
	"errors"
	"io"
)

// runBot runs the Discord bot, or the local console when no token is set (not yet written).
func runBot(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("bot: not implemented yet")
}
