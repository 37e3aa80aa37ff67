package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// backend opens stores of one engine for a test; reopen gives a second
// handle on the same data (after the first was closed).
type backend struct {
	name   string
	open   func(t *testing.T) Store
	reopen func(t *testing.T) (Store, error)
}

// pgURL is the test PostgreSQL server: trust authentication, database test.
func pgURL() string {
	if u := os.Getenv("NEWSBOT_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

func sqliteBackend(t *testing.T) backend {
	path := filepath.Join(t.TempDir(), "sub", "newsbot.db")
	return backend{
		name: "sqlite",
		open: func(t *testing.T) Store {
			s, err := OpenSQLite(context.Background(), path)
			if err != nil {
				t.Fatalf("OpenSQLite: %v", err)
			}
			return s
		},
		reopen: func(t *testing.T) (Store, error) { return OpenSQLite(context.Background(), path) },
	}
}

// postgresBackend gives each test a schema of its own, dropped at the end.
// Without a reachable server the test skips, except under CI=true, where
// .ci/run has started one and a skip would hide a broken store.
func postgresBackend(t *testing.T) (backend, bool) {
	admin, err := sql.Open("pgx", pgURL())
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is not reachable under CI=true (.ci/run should have started it): %v", pgURL(), err)
		}
		t.Skipf("skipping the PostgreSQL half of the store contract: no PostgreSQL at %s (%v); start one (pg_ctlcluster) to run it", pgURL(), err)
		return backend{}, false
	}
	schema := fmt.Sprintf("newsbot_test_%d_%d", os.Getpid(), rand.Uint32())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(pgURL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	dsn := u.String()
	return backend{
		name: "postgres",
		open: func(t *testing.T) Store {
			s, err := OpenPostgres(context.Background(), dsn)
			if err != nil {
				t.Fatalf("OpenPostgres: %v", err)
			}
			return s
		},
		reopen: func(t *testing.T) (Store, error) { return OpenPostgres(context.Background(), dsn) },
	}, true
}

// forEachBackend runs fn against SQLite and against PostgreSQL.
func forEachBackend(t *testing.T, fn func(t *testing.T, b backend)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, sqliteBackend(t)) })
	t.Run("postgres", func(t *testing.T) {
		b, ok := postgresBackend(t)
		if ok {
			fn(t, b)
		}
	})
}

func sample(coll, title, body, link string) Article {
	return Article{Collection: coll, Title: title, Body: body, URL: link, Outlet: "Portby Gazette", Author: "Jo Quill", Published: "2025-03-01", AddedBy: "111"}
}

func TestArticles(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		defer s.Close()
		a, err := s.AddArticle(ctx, sample("g1", "Harbour wall to be rebuilt", "The mayor said: “The wall will be rebuilt before winter.”", "https://Gazette.example/harbour#top"))
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || a.AddedAt.IsZero() || a.URL != "https://gazette.example/harbour" {
			t.Errorf("added article = %+v; want an ID, AddedAt and the normalised URL", a)
		}
		if _, err := s.AddArticle(ctx, sample("g1", "Other", "A second story about the ferry timetable.", "")); err != nil {
			t.Fatal(err)
		}
		dups := []struct {
			name string
			a    Article
			why  string
		}{
			{"same URL, other case and fragment", sample("g1", "New title", "Entirely different text.", "https://GAZETTE.example/harbour#comments"), "same URL"},
			{"same text re-typed", sample("g1", "Copy", "the mayor said:  \"The wall will be rebuilt before winter.\"", "https://elsewhere.example/x"), "same text"},
		}
		for _, d := range dups {
			t.Run(d.name, func(t *testing.T) {
				_, err := s.AddArticle(ctx, d.a)
				var de *DuplicateError
				if !errors.Is(err, ErrDuplicate) || !errors.As(err, &de) {
					t.Fatalf("err = %v; want ErrDuplicate", err)
				}
				if de.Existing.ID != a.ID || de.Why != d.why {
					t.Errorf("duplicate of %d (%s); want %d (%s)", de.Existing.ID, de.Why, a.ID, d.why)
				}
			})
		}
		// The same article in another server's collection is no duplicate.
		if _, err := s.AddArticle(ctx, sample("g2", "Harbour wall to be rebuilt", "The mayor said: “The wall will be rebuilt before winter.”", "https://gazette.example/harbour")); err != nil {
			t.Fatalf("same article in another collection: %v", err)
		}
		got, err := s.Articles(ctx, "g1")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != a.ID {
			t.Fatalf("Articles(g1) = %d articles; want 2, oldest first", len(got))
		}
		want := a
		if got[0] != want {
			t.Errorf("round trip:\n got %+v\nwant %+v", got[0], want)
		}
		if err := s.(Pinger).Ping(ctx); err != nil {
			t.Errorf("Ping: %v", err)
		}
		colls, err := s.Collections(ctx)
		if err != nil || fmt.Sprint(colls) != "[g1 g2]" {
			t.Errorf("Collections = %v, %v; want [g1 g2]", colls, err)
		}
	})
}

func TestRemoval(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		defer s.Close()
		a, err := s.AddArticle(ctx, sample("g1", "Ferry strike ends", "The union said the strike was over.", "https://gazette.example/ferry"))
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			coll string
			id   int64
			err  error
		}{
			{"another server's article", "g2", a.ID, ErrNotFound},
			{"no such article", "g1", a.ID + 100, ErrNotFound},
			{"its own", "g1", a.ID, nil},
			{"twice", "g1", a.ID, ErrNotFound},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.RemoveArticle(ctx, c.coll, c.id, "222")
				if !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
					t.Fatalf("RemoveArticle = %v; want %v", err, c.err)
				}
			})
		}
		if got, _ := s.Articles(ctx, "g1"); len(got) != 0 {
			t.Fatalf("a removed article is still listed: %+v", got)
		}
		// A feed offering it again does not bring it back …
		f, err := s.AddFeed(ctx, Feed{Collection: "g1", URL: "https://gazette.example/feed.xml", AddedBy: "111"})
		if err != nil {
			t.Fatal(err)
		}
		again := sample("g1", "Ferry strike ends", "The union said the strike was over.", "https://gazette.example/ferry")
		if _, err := s.AddFeedItem(ctx, f.ID, "guid-1", &again, 10, time.Now()); !errors.Is(err, ErrDuplicate) {
			t.Fatalf("feed re-adding a removed article: %v; want ErrDuplicate", err)
		}
		if got, _ := s.Articles(ctx, "g1"); len(got) != 0 {
			t.Fatalf("a feed brought back a removed article")
		}
		// … a moderator adding it by hand does, under the same ID.
		back, err := s.AddArticle(ctx, again)
		if err != nil || back.ID != a.ID {
			t.Fatalf("re-adding by hand = %+v, %v; want ID %d", back, err, a.ID)
		}
		if got, _ := s.Articles(ctx, "g1"); len(got) != 1 {
			t.Fatalf("re-added article not listed")
		}
	})
}

func TestFeeds(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		defer s.Close()
		now := time.Now().UTC().Truncate(time.Millisecond)
		f1, err := s.AddFeed(ctx, Feed{Collection: "g1", URL: "https://a.example/rss", AddedBy: "111", NextPoll: now})
		if err != nil {
			t.Fatal(err)
		}
		f2, err := s.AddFeed(ctx, Feed{Collection: "g1", URL: "https://b.example/atom", AddedBy: "111", NextPoll: now.Add(-time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddFeed(ctx, Feed{Collection: "g1", URL: "https://A.example/rss", AddedBy: "111"}); !errors.Is(err, ErrDuplicate) {
			t.Errorf("same feed twice: %v; want ErrDuplicate", err)
		}
		if _, err := s.AddFeed(ctx, Feed{Collection: "g2", URL: "https://a.example/rss", AddedBy: "333", NextPoll: now.Add(time.Hour)}); err != nil {
			t.Errorf("same feed in another server: %v", err)
		}
		due, err := s.DueFeeds(ctx, now, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 2 || due[0].ID != f2.ID || due[1].ID != f1.ID {
			t.Fatalf("DueFeeds = %+v; want f2 (most overdue) then f1", due)
		}
		st := FeedState{Title: "A News", ETag: `"v1"`, LastModified: "Sat, 01 Mar 2025 10:00:00 GMT", LastPoll: now, NextPoll: now.Add(15 * time.Minute), Failures: 0}
		if err := s.UpdateFeed(ctx, f1.ID, st); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateFeed(ctx, f2.ID, FeedState{LastPoll: now, Failures: 8, LastError: "HTTP 500", Disabled: true}); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueFeeds(ctx, now, 10); len(due) != 0 {
			t.Errorf("after the poll DueFeeds = %+v; want none (one polled, one disabled)", due)
		}
		list, err := s.Feeds(ctx, "g1")
		if err != nil || len(list) != 2 {
			t.Fatalf("Feeds = %+v, %v", list, err)
		}
		if g := list[0]; g.Title != st.Title || g.ETag != st.ETag || g.LastModified != st.LastModified || !g.LastPoll.Equal(now) || !g.NextPoll.Equal(st.NextPoll) {
			t.Errorf("poll state round trip: %+v", g)
		}
		if g := list[1]; !g.Disabled || g.Failures != 8 || g.LastError != "HTTP 500" {
			t.Errorf("disabled feed: %+v", g)
		}
		if _, err := s.RemoveFeed(ctx, "g2", f1.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("removing another server's feed: %v; want ErrNotFound", err)
		}
		if _, err := s.RemoveFeed(ctx, "g1", f1.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateFeed(ctx, f1.ID, st); !errors.Is(err, ErrNotFound) {
			t.Errorf("updating a removed feed: %v; want ErrNotFound", err)
		}
		if list, _ := s.Feeds(ctx, "g1"); len(list) != 1 {
			t.Errorf("after removal Feeds = %+v", list)
		}
		if _, err := s.AddFeed(ctx, Feed{Collection: "g1", URL: "https://a.example/rss", AddedBy: "111"}); err != nil {
			t.Errorf("following a removed feed again: %v", err)
		}
	})
}

func TestFeedItems(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		defer s.Close()
		f, err := s.AddFeed(ctx, Feed{Collection: "g1", URL: "https://a.example/rss", AddedBy: "111"})
		if err != nil {
			t.Fatal(err)
		}
		day1 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
		item := func(i int) *Article {
			a := sample("", fmt.Sprintf("Story %d", i), fmt.Sprintf("Body of story number %d.", i), fmt.Sprintf("https://a.example/%d", i))
			a.AddedBy = ""
			return &a
		}
		steps := []struct {
			name string
			key  string
			a    *Article
			when time.Time
			err  error
		}{
			{"first", "k1", item(1), day1, nil},
			{"second", "k2", item(2), day1, nil},
			{"same text, other key", "k3", item(1), day1, ErrDuplicate},
			{"past the cap of 2", "k4", item(4), day1, ErrDailyCap},
			{"item with nothing to store", "k5", nil, day1, nil},
			{"next day", "k4", item(4), day1.Add(24 * time.Hour), nil},
		}
		for _, st := range steps {
			t.Run(st.name, func(t *testing.T) {
				a, err := s.AddFeedItem(ctx, f.ID, st.key, st.a, 2, st.when)
				if !errors.Is(err, st.err) || (st.err == nil) != (err == nil) {
					t.Fatalf("AddFeedItem = %v; want %v", err, st.err)
				}
				if err == nil && st.a != nil && (a.ID == 0 || a.FeedID != f.ID || a.Collection != "g1" || a.AddedBy != fmt.Sprintf("feed:%d", f.ID)) {
					t.Errorf("stored %+v; want an ID, the feed and its collection", a)
				}
			})
		}
		seen := map[string]bool{"k1": true, "k2": true, "k3": true, "k4": true, "k5": true, "k6": false}
		for k, want := range seen {
			if got, err := s.SeenItem(ctx, f.ID, k); err != nil || got != want {
				t.Errorf("SeenItem(%s) = %v, %v; want %v", k, got, err, want)
			}
		}
		if got, _ := s.Articles(ctx, "g1"); len(got) != 3 {
			t.Errorf("stored %d articles; want 3 (1, 2, 4)", len(got))
		}
	})
}

// TestConcurrentAdds: many goroutines add the same article; one is stored.
func TestConcurrentAdds(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		defer s.Close()
		var wg sync.WaitGroup
		var mu sync.Mutex
		stored, dups := 0, 0
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.AddArticle(ctx, sample("g1", fmt.Sprintf("Title %d", i), "One and the same text.", ""))
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					stored++
				case errors.Is(err, ErrDuplicate):
					dups++
				default:
					t.Errorf("AddArticle: %v", err)
				}
			}()
		}
		wg.Wait()
		if stored != 1 || dups != 7 {
			t.Errorf("stored %d, duplicates %d; want 1 and 7", stored, dups)
		}
	})
}

// TestReopen: what was stored is there after a restart, and opening an
// up-to-date store migrates nothing.
func TestReopen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := b.open(t)
		if _, err := s.AddArticle(ctx, sample("g1", "Kept", "Text that must survive.", "")); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s2, err := b.reopen(t)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		defer s2.Close()
		if got, _ := s2.Articles(ctx, "g1"); len(got) != 1 || got[0].Title != "Kept" {
			t.Errorf("after reopening: %+v", got)
		}
	})
}

// TestNewerSchema: a store from a newer newsbot is refused and left alone.
func TestNewerSchema(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		s := b.open(t)
		ss := s.(*sqlStore)
		if _, err := ss.db.Exec("UPDATE schema_version SET version = 99"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		_, err := b.reopen(t)
		if !errors.Is(err, ErrNewer) {
			t.Fatalf("opening a newer store: %v; want ErrNewer", err)
		}
		t.Logf("the message: %v", err)
	})
}
