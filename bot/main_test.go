package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"newsbot/bot/internal/cli"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestRunBotHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := runBot(t.Context(), []string{"-h"}, strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"DISCORD_TOKEN_FILE", "-guild", "-articles", "-defaults", "-api-base", "-log-level", "-json", "/who-said"} {
		if !strings.Contains(stderr.String(), s) {
			t.Errorf("usage lacks %s", s)
		}
	}
	if err := runBot(t.Context(), []string{"-bogus"}, strings.NewReader(""), &stdout, &stderr); !errors.Is(err, cli.ErrUsage) {
		t.Errorf("bad flag: %v", err)
	}
}

// TestConsoleDefaultArticle is the README's promise: with no token and no
// configuration, the console answers from the embedded article.
func TestConsoleDefaultArticle(t *testing.T) {
	defer func(g func(string) string) { getenv = g }(getenv)
	getenv = envOf(nil)
	in := strings.Join([]string{
		"/who-said quote: security guarantees beyond a certain point",
		"/who-said quote: the specifcs of the backstp are under discusion",
		"/who-said quote: no one will dare mess with our people",
		"/summary article: starmer sentences: 2",
	}, "\n")
	var out, stderr bytes.Buffer
	if err := runBot(t.Context(), []string{"--json"}, strings.NewReader(in), &out, &stderr); err != nil {
		t.Fatalf("runBot: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d answers:\n%s", len(lines), out.String())
	}
	for i, want := range []string{"Donald Trump", "Keir Starmer", "Donald Trump"} {
		var l struct {
			OK      bool  `json:"ok"`
			Results []any `json:"results"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &l); err != nil {
			t.Fatal(err)
		}
		if !l.OK || len(l.Results) == 0 {
			t.Errorf("line %d: %s", i, lines[i])
			continue
		}
		if sp := l.Results[0].(map[string]any)["speaker"]; sp != want {
			t.Errorf("line %d: speaker %v, want %s", i, sp, want)
		}
	}
	var sum struct {
		OK      bool `json:"ok"`
		Results []struct {
			Article   string   `json:"article"`
			Sentences []string `json:"sentences"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(lines[3]), &sum); err != nil || !sum.OK || len(sum.Results) != 1 || len(sum.Results[0].Sentences) != 2 ||
		!strings.HasPrefix(sum.Results[0].Article, "Keir Starmer") {
		t.Errorf("summary: %s", lines[3])
	}
}
