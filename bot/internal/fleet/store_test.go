package fleet

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"newsbot/data/store"
)

// recordingExec records the notifications a store sends.
type recordingExec struct {
	mu      sync.Mutex
	payload []string
}

func (r *recordingExec) ExecContext(_ context.Context, _ string, args ...any) (sql.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.payload = append(r.payload, args[1].(string))
	return nil, nil
}

func TestNotifyingStore(t *testing.T) {
	ctx := context.Background()
	raw, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "newsbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rec := &recordingExec{}
	st := NotifyingStore(raw, rec, nil)
	a := store.Article{Collection: "42", Title: "Harbour wall", Body: "The harbour wall will be rebuilt, the mayor said on Tuesday."}
	added, err := st.AddArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() error
		want int // notifications so far
	}{
		{"an added article is announced", func() error { return nil }, 1},
		{"a refused duplicate is not", func() error {
			if _, err := st.AddArticle(ctx, a); !errors.Is(err, store.ErrDuplicate) {
				return err
			}
			return nil
		}, 1},
		{"a followed feed is", func() error {
			_, err := st.AddFeed(ctx, store.Feed{Collection: "42", URL: "https://news.example/feed.xml", AddedBy: "7"})
			return err
		}, 2},
		{"a removal is", func() error { _, err := st.RemoveArticle(ctx, "42", added.ID, "7"); return err }, 3},
		{"a read is not", func() error { _, err := st.Articles(ctx, "42"); return err }, 3},
		{"the health check passes through", func() error { return st.(store.Pinger).Ping(ctx) }, 3},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if err := s.do(); err != nil {
				t.Fatal(err)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if len(rec.payload) != s.want {
				t.Fatalf("%d notifications, want %d: %v", len(rec.payload), s.want, rec.payload)
			}
			if s.want > 0 && rec.payload[len(rec.payload)-1] != Payload("42") {
				t.Errorf("payload %q, want %q", rec.payload[len(rec.payload)-1], Payload("42"))
			}
		})
	}
}
