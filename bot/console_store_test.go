package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsbot/data/store"
)

// ferryArticle is an invented article for the console's store tests.
const ferryArticle = "Harbour ferry timetable changes\n\n" +
	"“The ferry will leave every twelve minutes from the spring,” said the harbour master, Ann Quill.\n"

// consoleLine is one --json answer of the console.
type consoleLine struct {
	Command string           `json:"command"`
	OK      bool             `json:"ok"`
	Error   string           `json:"error"`
	Results []map[string]any `json:"results"`
}

// runConsoleScript runs the console (no token) with env as its whole
// environment over the script's lines and returns its --json answers and
// its log.
func runConsoleScript(t *testing.T, env map[string]string, lines ...string) ([]consoleLine, string, error) {
	t.Helper()
	defer func(g func(string) string) { getenv = g }(getenv)
	getenv = envOf(env)
	var out, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	err := runBot(ctx, []string{"--json"}, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out, &stderr)
	var answers []consoleLine
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l == "" {
			continue
		}
		var a consoleLine
		if jerr := json.Unmarshal([]byte(l), &a); jerr != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		answers = append(answers, a)
	}
	return answers, stderr.String(), err
}

// speaker is who the first result of a /who-said answer names.
func speaker(a consoleLine) string {
	if !a.OK || len(a.Results) == 0 {
		return ""
	}
	s, _ := a.Results[0]["speaker"].(string)
	return s
}

// TestConsoleKeepsArticles: articles and feeds added in the console are in
// the bot's store (the default SQLite file, $XDG_STATE_HOME/newsbot/
// newsbot.db, or PostgreSQL with DATABASE_URL) and answered by the next
// run; a removal is kept too.
func TestConsoleKeepsArticles(t *testing.T) {
	t.Run("SQLite at the default place", func(t *testing.T) {
		state := t.TempDir()
		consoleKeeps(t, map[string]string{"XDG_STATE_HOME": state, "NEWSBOT_WATCH": "false"})
		if _, err := os.Stat(filepath.Join(state, "newsbot", store.DefaultFile)); err != nil {
			t.Errorf("the store is not at the default place: %v", err)
		}
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		state := t.TempDir()
		dsn := testPostgres(t) // crash_test.go: a schema of its own
		consoleKeeps(t, map[string]string{"DATABASE_URL": dsn, "XDG_STATE_HOME": state, "NEWSBOT_WATCH": "false"})
		if _, err := os.Stat(filepath.Join(state, "newsbot", store.DefaultFile)); err == nil {
			t.Error("an SQLite file was made although DATABASE_URL is set")
		}
	})
}

// consoleKeeps runs the console four times with env: what it adds, and
// removes, is kept from one run to the next.
func consoleKeeps(t *testing.T, env map[string]string) {
	file := filepath.Join(t.TempDir(), "ferry.txt")
	if err := os.WriteFile(file, []byte(ferryArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Weekly</title></channel></rss>`)
	}))
	defer site.Close()
	defer func(o bool) { libraryOptions.Fetch.AllowLoopback = o }(libraryOptions.Fetch.AllowLoopback)
	libraryOptions.Fetch.AllowLoopback = true

	const ask = "/who-said ferry every twelve minutes"
	steps := []struct {
		name  string
		lines []string
		check func(t *testing.T, a []consoleLine)
	}{
		{"before: not there", []string{ask}, func(t *testing.T, a []consoleLine) {
			if s := speaker(a[0]); s == "Ann Quill" {
				t.Errorf("answered before the article was added: %+v", a[0])
			}
		}},
		{"add a file and a feed", []string{"/article add file: " + file, "/feed add url: " + site.URL + "/rss.xml", ask}, func(t *testing.T, a []consoleLine) {
			if !a[0].OK || a[0].Results[0]["title"] != "Harbour ferry timetable changes" {
				t.Errorf("article add: %+v", a[0])
			}
			if !a[1].OK {
				t.Errorf("feed add: %+v", a[1])
			}
			if s := speaker(a[2]); s != "Ann Quill" {
				t.Errorf("who-said after adding: %+v", a[2])
			}
		}},
		{"after a restart: kept", []string{ask, "/feed list", "/article remove article: Harbour ferry timetable changes"}, func(t *testing.T, a []consoleLine) {
			if s := speaker(a[0]); s != "Ann Quill" {
				t.Errorf("who-said after a restart: %+v", a[0])
			}
			if !a[1].OK || len(a[1].Results) != 1 || !strings.HasSuffix(fmt.Sprint(a[1].Results[0]["url"]), "/rss.xml") {
				t.Errorf("feed list after a restart: %+v", a[1])
			}
			if !a[2].OK {
				t.Errorf("article remove: %+v", a[2])
			}
		}},
		{"after another restart: the removal is kept", []string{ask}, func(t *testing.T, a []consoleLine) {
			if s := speaker(a[0]); s == "Ann Quill" {
				t.Errorf("a removed article is answered: %+v", a[0])
			}
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			answers, logs, err := runConsoleScript(t, env, st.lines...)
			if err != nil {
				t.Fatalf("console: %v\n%s", err, logs)
			}
			if len(answers) != len(st.lines) {
				t.Fatalf("%d answers to %d lines:\n%+v\n%s", len(answers), len(st.lines), answers, logs)
			}
			st.check(t, answers)
		})
	}
}

// TestConsoleStoreRefused: a store the console must not use (held by
// another process, not a newsbot database, from a newer newsbot) stops it
// with the reason, at once, and leaves the file as it was.
func TestConsoleStoreRefused(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string) // creates the store file
		want []string                        // in the error
		is   error
	}{
		{"locked", func(t *testing.T, path string) {
			st, err := store.OpenSQLite(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
		}, []string{"locked", "NEWSBOT_DB"}, store.ErrLocked},
		{"corrupt", func(t *testing.T, path string) {
			os.WriteFile(path, bytes.Repeat([]byte("not a database "), 400), 0o600)
		}, []string{"not a newsbot database"}, store.ErrCorrupt},
		{"newer", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, q := range []string{"CREATE TABLE schema_version (version INTEGER NOT NULL)", "INSERT INTO schema_version (version) VALUES (99)"} {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
		}, []string{"newer version", "upgrade newsbot"}, store.ErrNewer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "newsbot.db")
			tt.make(t, path)
			before, _ := os.ReadFile(path)
			start := time.Now()
			answers, logs, err := runConsoleScript(t, map[string]string{"NEWSBOT_DB": path, "NEWSBOT_WATCH": "false"}, "/help")
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v\n%s", err, tt.is, logs)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if len(answers) != 0 {
				t.Errorf("answered on a refused store: %+v", answers)
			}
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("refusing took %v", took)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the refused store file was changed")
			}
		})
	}
}

// TestConsoleStoreUnwritable: when the store's folder cannot be made or
// written, the console still answers, warns that what is added is kept in
// memory only, and what is added is answered until it quits.
func TestConsoleStoreUnwritable(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(notDir, []byte("x"), 0o600)
	readOnly := filepath.Join(t.TempDir(), "read-only")
	os.Mkdir(readOnly, 0o500)
	tests := []struct {
		name   string
		db     string
		asRoot bool // the case holds for root too
	}{
		{"folder cannot be made", filepath.Join(notDir, "state", "newsbot.db"), true},
		{"read-only folder", filepath.Join(readOnly, "newsbot.db"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.asRoot && os.Geteuid() == 0 {
				t.Skip("root writes in read-only folders")
			}
			file := filepath.Join(t.TempDir(), "ferry.txt")
			os.WriteFile(file, []byte(ferryArticle), 0o644)
			answers, logs, err := runConsoleScript(t, map[string]string{"NEWSBOT_DB": tt.db, "NEWSBOT_WATCH": "false"},
				"/who-said quote: security guarantees", "/article add file: "+file, "/who-said ferry every twelve minutes")
			if err != nil {
				t.Fatalf("console: %v\n%s", err, logs)
			}
			if len(answers) != 3 || speaker(answers[0]) == "" || !answers[1].OK || speaker(answers[2]) != "Ann Quill" {
				t.Errorf("answers: %+v", answers)
			}
			for _, w := range []string{"WARN", "kept in memory", "NEWSBOT_DB", tt.db} {
				if !strings.Contains(logs, w) {
					t.Errorf("the warning lacks %q:\n%s", w, logs)
				}
			}
			if _, err := os.Stat(tt.db); err == nil {
				t.Error("a store file was made after all")
			}
		})
	}
}
