package load

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsbot/bot/internal/testlog"
)

// writeArticles writes n small distinct articles, each with one attributed
// quotation, into a new folder.
func writeArticles(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		body := fmt.Sprintf("Harbour report number %d\n\nThe harbour master, Ann Lee, spoke on day %d. “The tide number %d came in early,” Lee said.\n", i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestStartCorpusAnswersWhileLoading(t *testing.T) {
	const n = 300 // more than one analysis batch, so the store swaps midway
	dir := writeArticles(t, n)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	l := Start(ctx, Options{Defaults: true, Paths: []string{dir}}, log)
	store := l.Store
	first := store.Current()
	if len(first.Docs) == 0 {
		t.Fatal("the store does not answer from the embedded defaults at once")
	}
	firstLen, firstDoc := len(first.Docs), first.Docs[0]
	select {
	case <-l.Done():
	case <-time.After(30 * time.Second):
		t.Fatal("loading never finished")
	}
	if store.Loading() {
		t.Fatal("Done closed while the store still says it is loading")
	}
	final := store.Current()
	if got, want := len(final.Docs), len(first.Docs)+n; got != want {
		t.Fatalf("after loading: %d articles, want %d", got, want)
	}
	// The snapshot handed out before the load is untouched by it.
	if len(first.Docs) != firstLen || first.Docs[0] != firstDoc {
		t.Fatal("the first snapshot changed under its readers")
	}
	if final.Docs[0] != firstDoc {
		t.Error("the default articles were analysed again instead of shared")
	}
	hits := final.WhoSaid("tide number 123 came in early", 1)
	if len(hits) == 0 || hits[0].Quote.Speaker != "Ann Lee" {
		t.Fatalf("a quotation from the loaded folder is not found with its speaker: %+v", hits)
	}
}

func TestStartCorpusDefaultsOnly(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store := Start(context.Background(), Options{Defaults: true}, log).Store
	if store.Loading() {
		t.Error("nothing to load in the background, yet the store says it is loading")
	}
	if store.Current().QuoteCount() == 0 {
		t.Error("no quotations in the embedded defaults")
	}
}

func TestStartCorpusSaysWhenNothingLoaded(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
	}{
		{"no defaults, no folder", nil},
		{"no defaults, missing folder", []string{filepath.Join(t.TempDir(), "missing")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs testlog.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			select {
			case <-Start(context.Background(), Options{Paths: tt.paths}, log).Done():
			case <-time.After(10 * time.Second):
				t.Fatal("loading never finished")
			}
			if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "no articles") {
				t.Errorf("no error logged for an empty corpus; logs:\n%s", logs.String())
			}
		})
	}
}

func TestStartCorpusLogsProgress(t *testing.T) {
	const n = 200
	dir := writeArticles(t, n)
	logs := &testlog.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	// A line every millisecond: the load of n articles takes longer.
	l := Start(context.Background(), Options{Paths: []string{dir}, ProgressEvery: time.Millisecond}, log)
	select {
	case <-l.Done():
	case <-time.After(30 * time.Second):
		t.Fatal("loading never finished")
	}
	var line string
	for _, s := range strings.Split(logs.String(), "\n") {
		if strings.Contains(s, "msg=loading ") {
			line = s
		}
	}
	if line == "" {
		t.Fatalf("no progress line logged:\n%s", logs.String())
	}
	for _, want := range []string{"what=articles", "done=", fmt.Sprintf("total=%d", n), "percent=", "per_second="} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	if s := l.Progress(); s.Total != 0 {
		t.Errorf("progress after the load: %+v, want none", s)
	}
}
