package library

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsbot/bot/internal/config"
	"newsbot/bot/internal/load"
	"newsbot/bot/internal/testlog"
	"newsbot/data/store"
)

// TestUnwritable: only a store that cannot be written is reported (and so
// may fall back to memory); a folder that is missing but can be made is
// fine.
func TestUnwritable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	readOnlyDir := filepath.Join(dir, "read-only")
	os.Mkdir(readOnlyDir, 0o500)
	readOnlyFile := filepath.Join(dir, "read-only.db")
	os.WriteFile(readOnlyFile, nil, 0o400)
	tests := []struct {
		name   string
		path   string
		want   string // in the reason; "" for writable
		asRoot bool   // the case holds for root too
	}{
		{"missing folder is made", filepath.Join(dir, "new", "deeper", "newsbot.db"), "", true},
		{"existing file", file, "", true},
		{"folder under a file", filepath.Join(file, "sub", "newsbot.db"), "cannot make its folder", true},
		{"read-only folder", filepath.Join(readOnlyDir, "newsbot.db"), "cannot write in its folder", false},
		{"read-only file", readOnlyFile, "cannot write the file", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.asRoot && os.Geteuid() == 0 {
				t.Skip("root writes what is read-only")
			}
			err := unwritable(tt.path)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("writable store reported: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("reason %v, want %q", err, tt.want)
			}
			if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(tt.path), ".newsbot-probe-*")); len(matches) > 0 {
				t.Errorf("probe files left: %v", matches)
			}
		})
	}
}

// TestMemoryFallback: the console's library falls back to memory (saying
// so) only with MemoryFallback; the bot's refuses to start.
func TestMemoryFallback(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	cfg := config.Config{DB: filepath.Join(file, "newsbot.db"), FeedInterval: time.Hour}
	for _, fallback := range []bool{false, true} {
		t.Run(map[bool]string{false: "bot", true: "console"}[fallback], func(t *testing.T) {
			logs := &testlog.Buffer{}
			log := slog.New(slog.NewTextHandler(logs, nil))
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			loader := load.Start(ctx, load.Options{Defaults: true}, log)
			<-loader.Done()
			lib, err := Start(ctx, cfg, Options{MemoryFallback: fallback}, loader, log)
			if !fallback {
				if err == nil {
					cancel()
					lib.Close()
					t.Fatal("the bot started on an unwritable store")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				cancel()
				lib.Close()
			}()
			if lib.Kept() || lib.Where() != "memory" || !strings.Contains(logs.String(), "kept in memory") {
				t.Errorf("kept %v, where %q, logs:\n%s", lib.Kept(), lib.Where(), logs.String())
			}
			if _, err := lib.Store.AddArticle(ctx, store.Article{Collection: "console", Title: "Quay lights", Body: "The lights stay on.", AddedBy: "console"}); err != nil {
				t.Errorf("the in-memory store refuses an article: %v", err)
			}
		})
	}
}
