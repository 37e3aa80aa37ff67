package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsbot/bot/internal/fakediscord"
	"newsbot/bot/internal/testlog"
)

// TestBotStopsWithinBudget runs the whole bot (store, feeds, folder
// watching, the Discord adapter) against a fake Discord and stops it as
// SIGTERM would: it must return nil (exit 0) well within the 10 s that
// Docker and Kubernetes allow. The adapter's own test covers a stop with
// Discord's REST hanging (TestDiscordShutdownWithSlowREST).
func TestBotStopsWithinBudget(t *testing.T) {
	fd := fakediscord.New(1, 1)
	defer fd.Close()
	defer func(g func(string) string) { getenv = g }(getenv)
	getenv = envOf(map[string]string{
		"DISCORD_TOKEN":    "test-token-not-real.abc",
		"DISCORD_API_BASE": fd.URL,
		"NEWSBOT_DB":       filepath.Join(t.TempDir(), "newsbot.db"),
		"NEWSBOT_WATCH":    "false",
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs testlog.Buffer
	done := make(chan error, 1)
	go func() { done <- runBot(ctx, nil, strings.NewReader(""), io.Discard, &logs) }()
	if err := fd.WaitShards(10*time.Second, 0); err != nil {
		t.Fatalf("%v\n%s", err, logs.String())
	}
	id, err := fd.Command("42", "help")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fd.Answer(id, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs.String())
	}
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("runBot = %v, want nil (exit 0)", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("still running 15 s after the stop signal\n%s", logs.String())
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("stopped after %s, past the 10 s budget", took)
	} else {
		t.Logf("stopped in %s", took.Round(time.Millisecond))
	}
}
