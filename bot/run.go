package main

import (
	"context"
	"errors"
	"io"
	"log/slog"

	"newsbot/commands"
)

// runBot runs the Discord bot, or the local console when no token is set.
func runBot(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(args, getenv, stderr)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	level := cfg.LogLevel
	if cfg.Token == "" && !cfg.LevelSet {
		// The console's user wants answers, not progress reports.
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	store := startCorpus(ctx, loadOptions{Defaults: cfg.Defaults, Paths: cfg.Articles}, log)
	router := commands.New()
	if cfg.Token == "" {
		return runConsole(ctx, consoleOptions{JSON: cfg.JSON, Interactive: isTerminal(stdin), Log: log}, router, store, stdin, stdout)
	}
	b := newDiscordBot(cfg, router, store, log)
	return b.run(ctx)
}
