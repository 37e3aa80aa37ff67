package collection

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"newsbot/data/store"
)

// hookStore is a store that runs hooks after some calls, to put another
// call between a read and what is done with it.
type hookStore struct {
	store.Store
	afterArticles func(collection string) error // its error is returned
	afterAdd      func()
}

func (h *hookStore) Articles(ctx context.Context, collection string) ([]store.Article, error) {
	arts, err := h.Store.Articles(ctx, collection)
	if err == nil && h.afterArticles != nil {
		err = h.afterArticles(collection)
	}
	return arts, err
}

func (h *hookStore) AddArticle(ctx context.Context, a store.Article) (store.Article, error) {
	a, err := h.Store.AddArticle(ctx, a)
	if err == nil && h.afterAdd != nil {
		h.afterAdd()
	}
	return a, err
}

// TestLoadRaces: what a moderator does while the stored articles load at
// start is neither undone nor done twice, and a store error on one server
// does not leave the servers read before it unserved.
func TestLoadRaces(t *testing.T) {
	ctx := context.Background()
	const (
		ferryQuote  = "The ferry will run every twenty minutes from the first of May"
		bridgeQuote = "We will open the new bridge before the end of the summer"
	)
	ferry := invented("Ferry timetable", "Mia Holt", ferryQuote)
	bridge := invented("New bridge for the valley", "Rosa Park", bridgeQuote)
	stored := func(t *testing.T, st store.Store, guild string, a store.Article) store.Article {
		t.Helper()
		a.Collection, a.AddedBy = guild, "111"
		got, err := st.AddArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	asStored := func(title, body string) store.Article { return store.Article{Title: title, Body: body} }

	t.Run("a removal during the load stays removed", func(t *testing.T) {
		st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
		defer st.Close()
		x := stored(t, st, "g1", asStored(ferry.Title, ferry.Body))
		hs := &hookStore{Store: st}
		m := New(baseStore(), hs, nil, nil)
		removed := make(chan error, 1)
		hs.afterArticles = func(string) error {
			hs.afterArticles = nil
			// The moderator removes the article just after Load read it.
			gone := make(chan struct{})
			hs.Store = &removeHook{Store: st, done: gone}
			go func() {
				_, err := m.Remove(ctx, "g1", "222", x.ID)
				removed <- err
			}()
			<-gone
			return nil
		}
		if err := m.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if err := <-removed; err != nil {
			t.Fatal(err)
		}
		if answers(m, "g1", ferryQuote) || len(m.Own("g1")) != 0 {
			t.Errorf("a removed article is served again after the load: own %+v", m.Own("g1"))
		}
	})

	t.Run("an addition during the load is listed once", func(t *testing.T) {
		st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
		defer st.Close()
		hs := &hookStore{Store: st}
		m := New(baseStore(), hs, nil, nil)
		storedNow, release := make(chan struct{}), make(chan struct{})
		hs.afterAdd = func() {
			close(storedNow)
			<-release // Load runs now, between the store and the serving
		}
		added := make(chan error, 1)
		go func() {
			_, err := m.Add(ctx, "g1", "111", bridge)
			added <- err
		}()
		<-storedNow
		if err := m.Load(ctx); err != nil {
			t.Fatal(err)
		}
		close(release)
		if err := <-added; err != nil {
			t.Fatal(err)
		}
		if own := m.Own("g1"); len(own) != 1 {
			t.Errorf("the article is listed %d times: %+v", len(own), own)
		}
		if c := m.Snapshot(ctx, "g1").Corpus; len(c.Docs) != 1 {
			t.Errorf("the server's corpus has %d articles; want 1", len(c.Docs))
		}
	})

	t.Run("a store error on one server", func(t *testing.T) {
		st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
		defer st.Close()
		stored(t, st, "g1", asStored(ferry.Title, ferry.Body))
		stored(t, st, "g2", asStored(bridge.Title, bridge.Body))
		broken := errors.New("disk on fire")
		calls := 0
		hs := &hookStore{Store: st, afterArticles: func(string) error {
			if calls++; calls == 2 {
				return broken
			}
			return nil
		}}
		m := New(baseStore(), hs, nil, nil)
		if err := m.Load(ctx); !errors.Is(err, broken) {
			t.Fatalf("Load: %v; want the store's error", err)
		}
		// One server was read before the error: it alone is served.
		if g1, g2 := answers(m, "g1", ferryQuote), answers(m, "g2", bridgeQuote); g1 == g2 {
			t.Errorf("served g1 %v, g2 %v; want the server read before the error only", g1, g2)
		}
	})
}

// removeHook closes done once an article has been removed from the store.
type removeHook struct {
	store.Store
	done chan struct{}
}

func (r *removeHook) RemoveArticle(ctx context.Context, collection string, id int64, by string) (store.Article, error) {
	a, err := r.Store.RemoveArticle(ctx, collection, id, by)
	close(r.done)
	return a, err
}
