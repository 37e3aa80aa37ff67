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
)

// TestHotReload: with the library running, a file saved into a sub-folder
// of NEWSBOT_ARTICLES is answered within a few seconds, in every server,
// and a bad file is warned about once.
func TestHotReload(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "2025", "march")
	os.MkdirAll(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "harbour.txt"), []byte("Harbour wall to be rebuilt\n\n“The wall will be rebuilt before the winter storms,” said the mayor, Tom Reed.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"title":`), 0o644)
	logs := &testlog.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	cfg := config.Config{Articles: []string{dir}, DB: filepath.Join(t.TempDir(), "newsbot.db"), FeedInterval: time.Hour, FeedDailyCap: 5, Watch: true}
	loader := load.Start(ctx, load.Options{Paths: cfg.Articles}, log)
	<-loader.Done()
	lib, err := Start(ctx, cfg, Options{}, loader, log)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		lib.Close()
	}()
	time.Sleep(300 * time.Millisecond) // the watches are set up

	const ferry = "The ferry will run every twenty minutes from the first of May"
	tmp := filepath.Join(sub, ".ferry.txt.swp")
	os.WriteFile(tmp, []byte("Ferry timetable\n\n“"+ferry+",” said the harbour master, Ann Lee.\n"), 0o644)
	os.Rename(tmp, filepath.Join(sub, "ferry.txt")) // an editor's save
	start := time.Now()
	for {
		c := lib.Corpora().Snapshot(ctx, "42").Corpus
		if hits := c.WhoSaid("ferry every twenty minutes", 1); len(hits) > 0 && strings.Contains(hits[0].Quote.Text, "twenty minutes") {
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("the saved file was not served within 5 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("served %v after the save", time.Since(start).Round(time.Millisecond))
	if n := strings.Count(logs.String(), "broken.json"); n != 1 {
		t.Errorf("the bad file was warned about %d times; want once", n)
	}
}
