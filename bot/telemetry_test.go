package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"newsbot/bot/internal/testlog"
)

// TestConsoleTelemetry runs the console with the telemetry listener and
// JSON logs, and checks what an operator would see: one JSON log line per
// interaction, the probes, and the interaction in /metrics.
func TestConsoleTelemetry(t *testing.T) {
	defer func(g func(string) string) { getenv = g }(getenv)
	getenv = envOf(map[string]string{
		"NEWSBOT_HTTP_ADDR": "127.0.0.1:0", "LOG_FORMAT": "json", "LOG_LEVEL": "info",
		"XDG_STATE_HOME": t.TempDir(), // the store, never in the real home
	})
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	stderr := &testlog.Buffer{}
	done := make(chan error, 1)
	go func() {
		done <- runBot(t.Context(), nil, inR, outW, stderr)
		outW.Close()
	}()
	// The listener's address is in its log line (port 0 picks one).
	var addr string
	deadline := time.Now().Add(10 * time.Second)
	for addr == "" {
		for _, line := range strings.Split(stderr.String(), "\n") {
			var l struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &l) == nil && l.Msg == "telemetry listening" {
				addr = l.Addr
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no listener logged:\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Fprintln(inW, "/who-said quote: security guarantees")
	out := bufio.NewReader(outR)
	go io.Copy(io.Discard, out) // the answer itself is the console tests' business

	// Wait for the interaction's log line.
	var logged map[string]any
	for logged == nil {
		for _, line := range strings.Split(stderr.String(), "\n") {
			var l map[string]any
			if json.Unmarshal([]byte(line), &l) == nil && l["msg"] == "interaction" {
				logged = l
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no interaction logged:\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	for k, want := range map[string]any{"command": "who-said", "kind": "command", "outcome": "ok", "level": "INFO"} {
		if logged[k] != want {
			t.Errorf("log %s = %v, want %v", k, logged[k], want)
		}
	}
	if _, ok := logged["took"]; !ok {
		t.Error("log line lacks took")
	}
	if _, ok := logged["options"]; ok {
		t.Error("what the user typed is logged at info")
	}

	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	tests := []struct {
		path     string
		wantCode int
		want     string
	}{
		{"/healthz", 200, `"status":"ok"`},
		{"/healthz", 200, `"store":"ok"`},
		{"/readyz", 200, `"corpus":"ok"`},
		{"/metrics", 200, `newsbot_interactions_total{command="who-said",kind="command",outcome="ok"} 1`},
		{"/metrics", 200, "newsbot_quotations "},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code, body := get(tt.path)
			if code != tt.wantCode || !strings.Contains(body, tt.want) {
				t.Errorf("%s: %d, want %d with %q:\n%.2000s", tt.path, code, tt.wantCode, tt.want, body)
			}
		})
	}
	inW.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("runBot: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("console did not end with its input")
	}
	if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
		t.Error("listener still up after the bot returned")
	}
}
