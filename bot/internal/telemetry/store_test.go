package telemetry

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"newsbot/data/store"
)

func TestCountingStore(t *testing.T) {
	ctx := context.Background()
	raw, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "newsbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	m := New()
	st := CountingStore(raw, m)
	a := store.Article{Collection: "42", Title: "Harbour wall", Body: "The harbour wall will be rebuilt, the mayor said."}
	if _, err := st.AddArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddArticle(ctx, a); err == nil {
		t.Fatal("duplicate accepted")
	}
	if _, err := st.RemoveArticle(ctx, "42", 9999, "7"); err == nil {
		t.Fatal("removing a missing article succeeded")
	}
	f, err := st.AddFeed(ctx, store.Feed{Collection: "42", URL: "https://news.example/feed.xml", AddedBy: "7"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	st.UpdateFeed(ctx, f.ID, store.FeedState{LastPoll: now, NextPoll: now.Add(time.Hour)})
	st.UpdateFeed(ctx, f.ID, store.FeedState{LastPoll: now, NextPoll: now.Add(time.Hour), Failures: 1, LastError: "status 500"})
	if err := st.(store.Pinger).Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	raw.Close()
	if _, err := st.Collections(ctx); err == nil {
		t.Fatal("a closed store answered")
	}

	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"duplicates and missing articles are not errors", testutil.ToFloat64(m.storeErrors.WithLabelValues("add_article")) + testutil.ToFloat64(m.storeErrors.WithLabelValues("remove_article")), 0},
		{"a failing store is", testutil.ToFloat64(m.storeErrors.WithLabelValues("collections")), 1},
		{"every recorded poll counts", testutil.ToFloat64(m.feedPolls), 2},
		{"the failed poll counts as a failure", testutil.ToFloat64(m.feedFailures), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}
