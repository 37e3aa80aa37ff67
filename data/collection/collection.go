// Package collection serves each Discord server its own corpus: the base
// every server sees (the built-in articles and the operator's folders)
// plus the articles that server's moderators added (by link, upload or
// feed), kept in a store.Store so that they survive restarts.
//
// Adding is cheap: an added article is analysed alone, and the server's
// corpus is rebuilt from already analysed documents (the base's are shared
// by every server, never analysed again); only the search indexes are
// built anew. A server without articles of its own is served the base
// corpus itself, so a thousand servers cost one corpus until they add
// something.
package collection

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/fetch"
	"newsbot/data/store"
)

// Base is the corpus every server sees: the loader's corpus.Store.
type Base interface {
	Current() *corpus.Corpus
	Loading() bool
}

// Snapshot is the corpus a server answers from now.
type Snapshot struct {
	Corpus  *corpus.Corpus
	Loading bool // the base or the stored articles are still loading
}

// Manager keeps every server's corpus. It is safe for concurrent use.
type Manager struct {
	base  Base
	store store.Store
	fetch *fetch.Client
	log   *slog.Logger

	ready atomic.Bool // the stored articles have been loaded

	mu     sync.Mutex
	guilds map[string]*guild

	keys atomic.Pointer[baseKeys]

	// FeedAdded, when set, is called after a feed is added (to wake the
	// poller). Set it before use.
	FeedAdded func()

	// loadProgress is told after each server Load reads (nil: no one).
	loadProgress func(done, total int)
}

// SetLoadProgress makes Load call f after each server it loads, with the
// number loaded and the total, so that a long load can report progress.
// Call it before Load.
func (m *Manager) SetLoadProgress(f func(done, total int)) { m.loadProgress = f }

// guild is one server's own articles and the corpus built from them.
type guild struct {
	mu    sync.Mutex // serialises changes and rebuilds
	own   []own      // its live articles, in the order added
	built atomic.Pointer[built]
	// dirty asks for a background rebuild; rebuilding is set while one
	// runs, so that a burst of additions (a feed poll) costs one or two
	// rebuilds, not one each.
	dirty      atomic.Bool
	rebuilding atomic.Bool
}

// rebuildSoon rebuilds the server's corpus in the background, coalescing
// requests that arrive while a rebuild runs.
func (m *Manager) rebuildSoon(g *guild) {
	g.dirty.Store(true)
	for g.dirty.Load() && g.rebuilding.CompareAndSwap(false, true) {
		go func() {
			for g.dirty.Swap(false) {
				g.mu.Lock()
				m.rebuild(g)
				g.mu.Unlock()
			}
			g.rebuilding.Store(false)
		}()
		return
	}
}

// own is one analysed article of a server.
type own struct {
	stored store.Article
	doc    *corpus.Doc
}

// built is a server's corpus and the base it was built on.
type built struct {
	base   *corpus.Corpus
	corpus *corpus.Corpus
}

// New returns a manager over base and st; fc fetches links (nil: links
// cannot be added).
func New(base Base, st store.Store, fc *fetch.Client, log *slog.Logger) *Manager {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Manager{base: base, store: st, fetch: fc, log: log, guilds: map[string]*guild{}}
}

// Load reads every server's stored articles and analyses them, then
// builds their corpora. Snapshots say Loading until it is done. It is
// meant to run in the background at start.
func (m *Manager) Load(ctx context.Context) error {
	defer m.ready.Store(true)
	start := time.Now()
	colls, err := m.store.Collections(ctx)
	if err != nil {
		return fmt.Errorf("load stored articles: %w", err)
	}
	total := 0
	for i, c := range colls {
		arts, err := m.store.Articles(ctx, c)
		if err != nil {
			return fmt.Errorf("load stored articles: %w", err)
		}
		g := m.guild(c)
		g.mu.Lock()
		// An article added while this load ran is served already.
		have := map[int64]bool{}
		for _, o := range g.own {
			have[o.stored.ID] = true
		}
		for _, a := range arts {
			if ctx.Err() != nil {
				g.mu.Unlock()
				return ctx.Err()
			}
			if !have[a.ID] {
				g.own = append(g.own, own{stored: a, doc: corpus.Analyze(toArticle(a))})
			}
		}
		m.rebuild(g)
		g.mu.Unlock()
		total += len(arts)
		if m.loadProgress != nil {
			m.loadProgress(i+1, len(colls))
		}
	}
	m.log.Info("stored articles loaded", "servers", len(colls), "articles", total, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

func (m *Manager) guild(id string) *guild {
	m.mu.Lock()
	defer m.mu.Unlock()
	g := m.guilds[id]
	if g == nil {
		g = &guild{}
		m.guilds[id] = g
	}
	return g
}

// lookup returns the server's entry without creating one.
func (m *Manager) lookup(id string) *guild {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.guilds[id]
}

// Snapshot returns the corpus the server answers from: the base for a
// server with no articles of its own (and for direct messages), else the
// server's corpus. When the base changed since the server's corpus was
// built, the old one is served while a new one is built in the background.
func (m *Manager) Snapshot(_ context.Context, guildID string) Snapshot {
	loading := m.base.Loading() || !m.ready.Load()
	base := m.base.Current()
	g := m.lookup(guildID)
	if guildID == "" || g == nil {
		return Snapshot{Corpus: base, Loading: loading}
	}
	b := g.built.Load()
	if b == nil {
		return Snapshot{Corpus: base, Loading: loading}
	}
	if b.base != base {
		m.rebuildSoon(g)
	}
	return Snapshot{Corpus: b.corpus, Loading: loading || b.base != base}
}

// rebuild builds the server's corpus over the current base; g.mu is held.
func (m *Manager) rebuild(g *guild) {
	base := m.base.Current()
	if len(g.own) == 0 {
		g.built.Store(&built{base: base, corpus: base})
		return
	}
	keys := m.baseKeys(base)
	docs := make([]*corpus.Doc, 0, len(base.Docs)+len(g.own))
	docs = append(docs, base.Docs...)
	used := keys.ids
	var extra map[string]bool
	for _, o := range g.own {
		if keys.text[article.TextKey(o.doc.Body)] != nil {
			continue // the base has it (an operator's folder gained it)
		}
		d := o.doc
		if used[d.ID] || extra[d.ID] {
			// A base article took this slug: give the server's a unique
			// one, on a copy (docs are shared and immutable).
			cp := *d
			baseID := d.ID
			for n := 2; used[cp.ID] || extra[cp.ID]; n++ {
				cp.ID = baseID + "-" + strconv.Itoa(n)
			}
			d = &cp
		}
		if extra == nil {
			extra = map[string]bool{}
		}
		extra[d.ID] = true
		docs = append(docs, d)
	}
	g.built.Store(&built{base: base, corpus: corpus.New(docs)})
}

// baseKeys indexes the base by text, URL and ID, once per base version.
type baseKeys struct {
	base *corpus.Corpus
	text map[string]*corpus.Doc
	url  map[string]*corpus.Doc
	ids  map[string]bool
}

func (m *Manager) baseKeys(base *corpus.Corpus) *baseKeys {
	if k := m.keys.Load(); k != nil && k.base == base {
		return k
	}
	k := &baseKeys{base: base, text: map[string]*corpus.Doc{}, url: map[string]*corpus.Doc{}, ids: map[string]bool{}}
	for _, d := range base.Docs {
		k.text[article.TextKey(d.Body)] = d
		if d.URL != "" {
			k.url[store.NormalizeURL(d.URL)] = d
		}
		k.ids[d.ID] = true
	}
	m.keys.Store(k)
	return k
}

// toArticle is a stored article as the analysis sees it.
func toArticle(a store.Article) article.Article {
	return article.Article{
		ID:     article.Slug(a.Title),
		Title:  a.Title,
		Body:   a.Body,
		Date:   a.Published,
		Source: a.Outlet,
		URL:    a.URL,
		Author: a.Author,
		Path:   "store:" + strconv.FormatInt(a.ID, 10),
	}
}

// Added is an article a moderator (or a feed) added, as analysed.
type Added struct {
	Article store.Article
	Doc     *corpus.Doc // its analysis: quotations, people
}

// ErrInBase is an article every server already has (built in or in the
// operator's folders).
var ErrInBase = errors.New("every server already has this article")

// BaseDuplicateError names the base article an addition repeats.
type BaseDuplicateError struct{ Title string }

// Error names the article.
func (e *BaseDuplicateError) Error() string { return fmt.Sprintf("%v: %q", ErrInBase, e.Title) }

// Is makes errors.Is(err, ErrInBase) true.
func (e *BaseDuplicateError) Is(target error) bool { return target == ErrInBase }

// Add stores a in the server's collection and serves it: when Add returns,
// every command in that server answers from it.
func (m *Manager) Add(ctx context.Context, guildID, userID string, a article.Article) (Added, error) {
	if guildID == "" {
		return Added{}, errors.New("add article: articles are added to a server")
	}
	keys := m.baseKeys(m.base.Current())
	if d := keys.text[article.TextKey(a.Body)]; d != nil {
		return Added{}, &BaseDuplicateError{Title: d.Title}
	}
	if a.URL != "" {
		if d := keys.url[store.NormalizeURL(a.URL)]; d != nil {
			return Added{}, &BaseDuplicateError{Title: d.Title}
		}
	}
	st, err := m.store.AddArticle(ctx, store.Article{
		Collection: guildID, Title: a.Title, Body: a.Body, URL: a.URL, Outlet: a.Source,
		Author: a.Author, Published: a.Date, AddedBy: userID,
	})
	if err != nil {
		return Added{}, err
	}
	return m.serve(st, true), nil
}

// Stored serves an article that was stored by someone else (the feed
// poller): its server's corpus is rebuilt in the background.
func (m *Manager) Stored(a store.Article) {
	m.serve(a, false)
}

// serve analyses a stored article and rebuilds its server's corpus, now
// (wait) or in the background.
func (m *Manager) serve(a store.Article, wait bool) Added {
	doc := corpus.Analyze(toArticle(a))
	g := m.guild(a.Collection)
	g.mu.Lock()
	g.own = append(g.own, own{stored: a, doc: doc})
	if wait {
		m.rebuild(g)
	}
	g.mu.Unlock()
	if !wait {
		m.rebuildSoon(g)
	}
	return Added{Article: a, Doc: doc}
}

// Remove records a moderator's removal of one of the server's articles and
// stops serving it.
func (m *Manager) Remove(ctx context.Context, guildID, userID string, id int64) (store.Article, error) {
	a, err := m.store.RemoveArticle(ctx, guildID, id, userID)
	if err != nil {
		return a, err
	}
	g := m.guild(guildID)
	g.mu.Lock()
	defer g.mu.Unlock()
	kept := g.own[:0:0]
	for _, o := range g.own {
		if o.stored.ID != id {
			kept = append(kept, o)
		}
	}
	g.own = kept
	m.rebuild(g)
	return a, nil
}

// Own returns the server's own articles, newest first (for autocomplete
// and the remove command).
func (m *Manager) Own(guildID string) []store.Article {
	g := m.lookup(guildID)
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]store.Article, len(g.own))
	for i, o := range g.own {
		out[len(g.own)-1-i] = o.stored
	}
	return out
}
