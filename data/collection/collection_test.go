package collection

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/store"
)

func invented(title, speaker, quote string) article.Article {
	return article.Article{
		Title: title,
		Body: "The council met on Tuesday to discuss " + strings.ToLower(title) + ".\n\n" +
			"“" + quote + ",” said " + speaker + ", the council leader.\n\nResidents were divided.",
		Source: "Portby Gazette", Date: "2025-03-01",
	}
}

func baseStore(arts ...article.Article) *corpus.Store {
	arts, _ = article.Dedup(arts)
	return corpus.NewStore(corpus.Build(arts))
}

func openStore(t testing.TB, path string) store.Store {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// answers tells whether the server's corpus finds the quotation.
func answers(m *Manager, guild, quote string) bool {
	hits := m.Snapshot(context.Background(), guild).Corpus.WhoSaid(quote, 1)
	return len(hits) > 0 && hits[0].Score >= corpus.Confident && strings.Contains(hits[0].Quote.Text, quote[:20])
}

func TestPerServerCollections(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsbot.db")
	base := baseStore(invented("Harbour wall to be rebuilt", "Tom Reed", "The wall will be rebuilt before the winter storms arrive"))
	st := openStore(t, path)
	m := New(base, st, nil, nil)
	if err := m.Load(ctx); err != nil {
		t.Fatal(err)
	}
	const bridgeQuote = "We will open the new bridge before the end of the summer"
	bridge := invented("New bridge for the valley", "Rosa Park", bridgeQuote)

	if m.Snapshot(ctx, "g1").Corpus != base.Current() {
		t.Fatal("a server without articles of its own should be served the base corpus itself")
	}
	added, err := m.Add(ctx, "g1", "111", bridge)
	if err != nil {
		t.Fatal(err)
	}
	if added.Article.ID == 0 || len(added.Doc.Quotes) == 0 {
		t.Errorf("added %+v with %d quotations", added.Article, len(added.Doc.Quotes))
	}
	steps := []struct {
		name  string
		guild string
		quote string
		want  bool
	}{
		{"the adding server answers at once", "g1", bridgeQuote, true},
		{"it still answers from the base", "g1", "The wall will be rebuilt before the winter storms arrive", true},
		{"another server does not see it", "g2", bridgeQuote, false},
		{"direct messages see the base only", "", bridgeQuote, false},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if got := answers(m, s.guild, s.quote); got != s.want {
				t.Errorf("answers = %v; want %v", got, s.want)
			}
		})
	}

	t.Run("refusals", func(t *testing.T) {
		if _, err := m.Add(ctx, "g1", "111", bridge); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("same article twice: %v; want store.ErrDuplicate", err)
		}
		if _, err := m.Add(ctx, "g1", "111", invented("Harbour wall to be rebuilt", "Tom Reed", "The wall will be rebuilt before the winter storms arrive")); !errors.Is(err, ErrInBase) {
			t.Errorf("a base article: %v; want ErrInBase", err)
		}
	})

	t.Run("a title that a base article has gets its own ID", func(t *testing.T) {
		a := invented("Harbour wall to be rebuilt", "Ann Lee", "The old harbour wall was never strong enough for these tides")
		if _, err := m.Add(ctx, "g1", "111", a); err != nil {
			t.Fatal(err)
		}
		c := m.Snapshot(ctx, "g1").Corpus
		seen := map[string]bool{}
		for _, d := range c.Docs {
			if seen[d.ID] {
				t.Errorf("ID %q twice", d.ID)
			}
			seen[d.ID] = true
		}
		if !seen["harbour-wall-to-be-rebuilt-2"] {
			t.Errorf("IDs %v; want harbour-wall-to-be-rebuilt-2", seen)
		}
	})

	t.Run("restart", func(t *testing.T) {
		st.Close()
		st2 := openStore(t, path)
		defer st2.Close()
		m2 := New(base, st2, nil, nil)
		if s := m2.Snapshot(ctx, "g1"); !s.Loading {
			t.Error("before Load a snapshot should say it is loading")
		}
		if err := m2.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if !answers(m2, "g1", bridgeQuote) {
			t.Error("an added article was lost across a restart")
		}
		if own := m2.Own("g1"); len(own) != 2 || own[0].Title != "Harbour wall to be rebuilt" {
			t.Errorf("Own = %+v; want 2, newest first", own)
		}
		// Removal.
		if _, err := m2.Remove(ctx, "g1", "222", added.Article.ID); err != nil {
			t.Fatal(err)
		}
		if answers(m2, "g1", bridgeQuote) {
			t.Error("a removed article is still answered")
		}
		if _, err := m2.Remove(ctx, "g2", "222", added.Article.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removing from another server: %v; want ErrNotFound", err)
		}
	})
}

// TestBaseChange: when the operator's folders change, servers with their
// own articles are rebuilt over the new base in the background.
func TestBaseChange(t *testing.T) {
	ctx := context.Background()
	base := baseStore(invented("Harbour wall to be rebuilt", "Tom Reed", "The wall will be rebuilt before the winter storms arrive"))
	st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
	defer st.Close()
	m := New(base, st, nil, nil)
	m.Load(ctx)
	if _, err := m.Add(ctx, "g1", "111", invented("New bridge for the valley", "Rosa Park", "We will open the new bridge before the end of the summer")); err != nil {
		t.Fatal(err)
	}
	const ferry = "The ferry will run every twenty minutes from the first of May"
	base.Swap(corpus.Build([]article.Article{
		{ID: "harbour", Title: "Harbour", Body: invented("Harbour", "Tom Reed", "The wall will be rebuilt before the winter storms arrive").Body},
		{ID: "ferry", Title: "Ferry", Body: invented("Ferry", "Mia Holt", ferry).Body},
	}))
	deadline := time.Now().Add(5 * time.Second)
	for !answers(m, "g1", ferry) {
		if time.Now().After(deadline) {
			t.Fatal("the server's corpus was not rebuilt over the new base")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !answers(m, "g1", "We will open the new bridge before the end of the summer") {
		t.Error("the server's own article was lost in the rebuild")
	}
}

// TestStoredByFeed: articles a feed stores are served without waiting.
func TestStoredByFeed(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
	defer st.Close()
	m := New(baseStore(invented("Harbour wall", "Tom Reed", "The wall will be rebuilt before the winter storms arrive")), st, nil, nil)
	m.Load(ctx)
	var quotes []string
	for i := range 5 {
		q := fmt.Sprintf("Item %d of the feed says the market will reopen on a Saturday", i)
		quotes = append(quotes, q)
		a, err := st.AddArticle(ctx, store.Article{Collection: "g1", Title: fmt.Sprintf("Market %d", i), Body: invented("Market", "Jo Quill", q).Body, AddedBy: "feed:1"})
		if err != nil {
			t.Fatal(err)
		}
		m.Stored(a)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(m.Snapshot(ctx, "g1").Corpus.Docs) != 6 {
		if time.Now().After(deadline) {
			t.Fatalf("served %d docs; want 6", len(m.Snapshot(ctx, "g1").Corpus.Docs))
		}
		time.Sleep(10 * time.Millisecond)
	}
}
