package load

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReload: edits to the folder are served after a reload, unchanged
// articles keep their analysis, and a bad file is warned about once.
func TestReload(t *testing.T) {
	dir := writeArticles(t, 3)
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"title": "x",`), 0o644)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	l := Start(context.Background(), Options{Paths: []string{dir}}, log)
	<-l.Done()
	before := l.Store.Current()
	if len(before.Docs) != 3 {
		t.Fatalf("loaded %d docs; want 3", len(before.Docs))
	}
	steps := []struct {
		name   string
		change func()
		want   int // docs after the reload
		reused int // docs whose analysis is the one from before
	}{
		{"a new file", func() {
			os.WriteFile(filepath.Join(dir, "new.txt"), []byte("Ferry news\n\n“The ferry is late again,” said the skipper, Bo Chan.\n"), 0o644)
		}, 4, 3},
		{"an edit by rename", func() {
			tmp := filepath.Join(dir, "a0001.txt.tmp")
			os.WriteFile(tmp, []byte("Harbour report number 1\n\nRewritten: the harbour closed early today.\n"), 0o644)
			os.Rename(tmp, filepath.Join(dir, "a0001.txt"))
		}, 4, 3},
		{"a removed file", func() { os.Remove(filepath.Join(dir, "a0002.txt")) }, 3, 3},
		{"nothing changed", func() {}, 3, 3},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			old := l.Store.Current()
			s.change()
			l.Reload(log)
			cur := l.Store.Current()
			if len(cur.Docs) != s.want {
				t.Fatalf("%d docs after the reload; want %d", len(cur.Docs), s.want)
			}
			reused := 0
			for _, d := range cur.Docs {
				for _, o := range old.Docs {
					if d == o {
						reused++
					}
				}
			}
			if reused != s.reused {
				t.Errorf("%d docs kept their analysis; want %d", reused, s.reused)
			}
		})
	}
	if n := strings.Count(logs.String(), "broken.json"); n != 1 {
		t.Errorf("the bad file was warned about %d times over four reloads; want once", n)
	}
}
