package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
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
	getenv = envOf(map[string]string{"XDG_STATE_HOME": t.TempDir()}) // the store, never in the real home
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

var updateUsage = flag.Bool("update", false, "rewrite testdata/usage.golden")

// TestHelpExitCodes: -h of the program and of every subcommand prints its
// usage (naming the program newsbot) and exits 0; a bad flag or a missing
// subcommand exits 1. The program's -h lists the subcommands and says
// where the evaluation data is expected.
func TestHelpExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want []string // in stderr
	}{
		{[]string{"-h"}, 0, []string{"usage: newsbot [flags]", "newsbot analyze", "newsbot eval", "newsbot train", "Subcommands", "../shared/eval", "default info, warn in the console"}},
		{[]string{"--help"}, 0, []string{"usage: newsbot [flags]"}},
		{[]string{"analyze", "-h"}, 0, []string{"usage: newsbot analyze"}},
		{[]string{"eval", "-h"}, 0, []string{"usage: newsbot eval", "quotes", "summary", "search", "not in the repository"}},
		{[]string{"eval", "quotes", "-h"}, 0, []string{"usage: newsbot eval quotes", "../shared/eval"}},
		{[]string{"eval", "summary", "-h"}, 0, []string{"usage: newsbot eval summary", "../shared/eval"}},
		{[]string{"eval", "search", "-h"}, 0, []string{"usage: newsbot eval search", "../shared/eval"}},
		{[]string{"train", "-h"}, 0, []string{"usage: newsbot train"}},
		{[]string{"train", "attribution", "-h"}, 0, []string{"usage: newsbot train attribution"}},
		{[]string{"eval"}, 1, []string{"usage: newsbot eval"}},
		{[]string{"eval", "summary", "no-such-file.jsonl"}, 1, []string{"not in the repository", "../shared/eval"}},
		{[]string{"analyze", "-bogus"}, 1, []string{"usage: newsbot analyze"}},
		{[]string{"-bogus"}, 1, []string{"usage: newsbot [flags]"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := dispatch(t.Context(), tt.args, strings.NewReader(""), &stdout, &stderr)
			if code := exitCode(err, &stderr); code != tt.code {
				t.Errorf("exit %d, want %d (%v)", code, tt.code, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
		})
	}
}

// TestUsageGolden keeps the program's -h text in testdata/usage.golden
// (go test ./bot -run TestUsageGolden -update rewrites it; check the diff).
func TestUsageGolden(t *testing.T) {
	defer func(g func(string) string) { getenv = g }(getenv)
	getenv = envOf(nil)
	var stdout, stderr bytes.Buffer
	if err := dispatch(t.Context(), []string{"-h"}, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "usage.golden")
	if *updateUsage {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, stderr.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./bot -run TestUsageGolden -update creates it)", err)
	}
	if !bytes.Equal(stderr.Bytes(), want) {
		t.Errorf("-h output differs from %s (-update rewrites it after a deliberate change):\n%s", path, stderr.String())
	}
}
