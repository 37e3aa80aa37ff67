package collection

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
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

// TestServersNeverSeeEachOther: the servers' articles share the base's
// indexes, and each server's corpus filters them: server A's article is
// never a hit in server B, even when it is the best match there and has
// the same title (so the same slug) as B's own article; a removal takes an
// article out of its server's answers and no other's.
func TestServersNeverSeeEachOther(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
	defer st.Close()
	base := baseStore(invented("Harbour wall to be rebuilt", "Tom Reed", "The wall will be rebuilt before the winter storms arrive"))
	m := New(base, st, nil, nil)
	if err := m.Load(ctx); err != nil {
		t.Fatal(err)
	}
	const aQuote = "The night buses will run every fifteen minutes from the station square"
	// B's article is a weaker match for A's words: the best hit in B is
	// B's, and A's, which matches better, must not appear at all.
	const bQuote = "The night buses may run less often once the station square closes"
	aAdded, err := m.Add(ctx, "gA", "111", invented("Night buses", "Ann Lee", aQuote))
	if err != nil {
		t.Fatal(err)
	}
	bAdded, err := m.Add(ctx, "gB", "222", invented("Night buses", "Bo Chan", bQuote))
	if err != nil {
		t.Fatal(err)
	}
	fromA := func(d *corpus.Doc) bool { return d == aAdded.Doc || strings.Contains(d.Body, aQuote) }
	fromB := func(d *corpus.Doc) bool { return d == bAdded.Doc || strings.Contains(d.Body, bQuote) }
	leaks := func(t *testing.T, c *corpus.Corpus, other func(*corpus.Doc) bool) {
		t.Helper()
		for _, h := range c.WhoSaid(aQuote, 50) {
			if other(h.Doc) {
				t.Errorf("WhoSaid: hit %q of the other server", h.Quote.Text)
			}
		}
		for _, h := range c.WhoSaid(bQuote, 50) {
			if other(h.Doc) {
				t.Errorf("WhoSaid: hit %q of the other server", h.Quote.Text)
			}
		}
		for _, h := range c.SuggestQuotes("the night buses will run every fif", 50) {
			if other(h.Doc) {
				t.Errorf("SuggestQuotes: hit %q of the other server", h.Quote.Text)
			}
		}
		for _, h := range c.SearchText("night buses station square", 50) {
			if other(h.Doc) {
				t.Errorf("SearchText: hit %q of the other server", h.Sentence.Text)
			}
		}
		for _, h := range c.LookupArticle("night buses", 50).Hits {
			if other(h.Doc) {
				t.Errorf("LookupArticle: hit %q of the other server", h.Doc.ID)
			}
		}
		for _, h := range c.FindPerson("Ann Lee", 10) {
			for _, d := range h.Docs {
				if other(d) {
					t.Errorf("FindPerson: doc %q of the other server", d.ID)
				}
			}
		}
		for _, d := range c.Docs {
			if other(d) {
				t.Errorf("Docs: %q of the other server", d.ID)
			}
		}
	}
	a, b := m.Snapshot(ctx, "gA").Corpus, m.Snapshot(ctx, "gB").Corpus
	t.Run("A's article is the best match in B and is not there", func(t *testing.T) {
		hs := b.WhoSaid(aQuote, 5)
		if len(hs) == 0 || !fromB(hs[0].Doc) {
			t.Fatalf("B's first hit for A's words: %v; want B's own article", hs)
		}
		if all := a.WhoSaid(aQuote, 1); len(all) == 0 || all[0].Score <= hs[0].Score {
			t.Fatalf("A's article should match A's words better than B's does")
		}
		leaks(t, b, fromA)
	})
	t.Run("and the other way", func(t *testing.T) { leaks(t, a, fromB) })
	t.Run("the same slug in two servers", func(t *testing.T) {
		if da, db := a.ByID("night-buses"), b.ByID("night-buses"); da == nil || db == nil || da == db {
			t.Fatalf("ByID in A %v, in B %v; want each server's own", da, db)
		}
	})
	t.Run("the base and direct messages see neither", func(t *testing.T) {
		c := m.Snapshot(ctx, "").Corpus
		leaks(t, c, fromA)
		leaks(t, c, fromB)
	})
	t.Run("a removal", func(t *testing.T) {
		if _, err := m.Remove(ctx, "gA", "111", aAdded.Article.ID); err != nil {
			t.Fatal(err)
		}
		if answers(m, "gA", aQuote) {
			t.Error("A still answers from its removed article")
		}
		if !answers(m, "gB", bQuote) {
			t.Error("B lost its own article when A removed one")
		}
		if old := a.WhoSaid(aQuote, 5); len(old) > 0 && fromA(old[0].Doc) {
			t.Error("A's corpus from before the removal still finds the removed article")
		}
		if base.Current().Shared().Has(aAdded.Doc) {
			t.Error("the removed article is still in the shared indexes")
		}
		leaks(t, m.Snapshot(ctx, "gB").Corpus, fromA)
	})
}

// TestBaseUpdate: when the loader updates the base over the same shared
// indexes (a hot reload), a removed base article leaves every server's
// answers at once, a new one reaches them after the background rebuild,
// the servers' own articles stay indexed once, and nothing is left over in
// the shared indexes. When the base comes with shared indexes of its own
// (swapped whole), the servers' articles move to them.
func TestBaseUpdate(t *testing.T) {
	ctx := context.Background()
	const (
		wallQuote   = "The wall will be rebuilt before the winter storms arrive"
		ferryQuote  = "The ferry will run every twenty minutes from the first of May"
		bridgeQuote = "We will open the new bridge before the end of the summer"
		parkQuote   = "Nobody will build flats on the park while I lead this council"
	)
	docs := []*corpus.Doc{
		corpus.Analyze(article.Article{ID: "wall", Title: "Wall", Body: invented("Wall", "Tom Reed", wallQuote).Body}),
		corpus.Analyze(article.Article{ID: "park", Title: "Park", Body: invented("Park", "Ed Moss", parkQuote).Body}),
	}
	base := corpus.NewStore(corpus.New(docs))
	st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
	defer st.Close()
	m := New(base, st, nil, nil)
	m.Load(ctx)
	bridge, err := m.Add(ctx, "g1", "111", invented("New bridge for the valley", "Rosa Park", bridgeQuote))
	if err != nil {
		t.Fatal(err)
	}
	sh := base.Current().Shared()
	ferry := corpus.Analyze(article.Article{ID: "ferry", Title: "Ferry", Body: invented("Ferry", "Mia Holt", ferryQuote).Body})
	base.Update([]*corpus.Doc{docs[0], ferry}) // "park" removed, "ferry" added
	if answers(m, "g1", parkQuote) {
		t.Error("a removed base article is still answered before the rebuild")
	}
	deadline := time.Now().Add(5 * time.Second)
	for !answers(m, "g1", ferryQuote) {
		if time.Now().After(deadline) {
			t.Fatal("the server's corpus was not rebuilt over the updated base")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, q := range []string{wallQuote, bridgeQuote} {
		if !answers(m, "g1", q) {
			t.Errorf("lost %q in the rebuild", q)
		}
	}
	if got := sh.Len(); got != 3 {
		t.Errorf("shared indexes hold %d docs; want 3 (two base, one server's)", got)
	}
	base.Swap(corpus.New([]*corpus.Doc{docs[0], ferry}))
	deadline = time.Now().Add(5 * time.Second)
	for m.Snapshot(ctx, "g1").Corpus.Shared() != base.Current().Shared() {
		if time.Now().After(deadline) {
			t.Fatal("the server's corpus was not rebuilt over the new base")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !answers(m, "g1", bridgeQuote) {
		t.Error("the server's article was lost when the base changed its shared indexes")
	}
	for _, d := range m.Snapshot(ctx, "g1").Corpus.Docs {
		if d.Body == bridge.Doc.Body && sh.Has(d) {
			t.Error("the server's article was left in the old shared indexes")
		}
	}
}

// TestConcurrentServers: servers add and remove articles while others
// query (run it with -race): no query ever returns another server's
// article, and each server ends with exactly its own.
func TestConcurrentServers(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
	defer st.Close()
	base := baseStore(invented("Harbour wall to be rebuilt", "Tom Reed", "The wall will be rebuilt before the winter storms arrive"))
	m := New(base, st, nil, nil)
	m.Load(ctx)
	const servers, rounds = 3, 4
	quote := func(g, i int) string {
		return fmt.Sprintf("The allotments behind the old mill will stay open for server %d round %d", g, i)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := range servers {
		guild := fmt.Sprintf("g%d", g)
		wg.Add(2)
		go func() { // writer: add rounds articles, remove every other one
			defer wg.Done()
			for i := range rounds {
				a, err := m.Add(ctx, guild, "111", invented(fmt.Sprintf("Allotments %d %d", g, i), "Ann Lee", quote(g, i)))
				if err != nil {
					errs <- err.Error()
					return
				}
				if i%2 == 1 {
					if _, err := m.Remove(ctx, guild, "111", a.Article.ID); err != nil {
						errs <- err.Error()
						return
					}
				}
			}
		}()
		go func() { // reader: whatever it finds is its own
			defer wg.Done()
			for range 50 {
				c := m.Snapshot(ctx, guild).Corpus
				for _, h := range c.WhoSaid("allotments behind the old mill will stay open", 20) {
					// The base's quotation is everyone's; a weak hit
					// on it is no leak.
					if strings.Contains(h.Quote.Text, "allotments") && !strings.Contains(h.Quote.Text, fmt.Sprintf("server %d ", g)) {
						errs <- fmt.Sprintf("%s found %q", guild, h.Quote.Text)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	for g := range servers {
		for i := range rounds {
			hs := m.Snapshot(ctx, fmt.Sprintf("g%d", g)).Corpus.WhoSaid(quote(g, i), 1)
			got := len(hs) > 0 && strings.Contains(hs[0].Quote.Text, quote(g, i))
			if want := i%2 == 0; got != want {
				t.Errorf("g%d answers round %d: %v; want %v", g, i, got, want)
			}
		}
	}
}
