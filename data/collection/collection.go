// Package collection serves each Discord server its own corpus: the base
// every server sees (the built-in articles and the operator's folders)
// plus the articles that server's moderators added (by link, upload or
// feed), kept in a store.Store so that they survive restarts.
//
// A server's corpus is a view, not a copy: the quotation and sentence
// indexes are the base corpus's shared ones (corpus.Shared, segmented), in
// which every server's own articles are indexed too, and a server's corpus
// searches them through a filter of its documents (the base's and its
// own). Adding an article analyses and indexes that one article, in a small
// new segment; removing one tombstones it. Article keys in the shared
// indexes are per document, so servers whose articles share a slug never
// see each other's. A server without articles of its own is served the
// base corpus itself.
package collection

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"slices"
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
	// shared and indexed are where this server's own articles are indexed
	// and which documents it put there, so that a removal (or a base
	// with new shared indexes) takes out exactly those.
	shared  *corpus.Shared
	indexed map[*corpus.Doc]bool
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
	// shown is doc as served: doc itself, or a copy under an ID of its
	// own when a base article took its slug (nil until served, or while
	// the base has the same text). It is kept from rebuild to rebuild so
	// that the shared indexes hold one document per article.
	shown *corpus.Doc
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
	var loaded []*guild
	// The servers read so far are served even when a later one fails
	// (a store error): their articles are analysed already.
	defer func() { m.serveLoaded(loaded) }()
	for i, c := range colls {
		g := m.guild(c)
		// g.mu is held from before the read: a removal stores itself
		// first and then takes g.mu, so it either is not in arts or
		// drops the article after it was appended here. Read before
		// locking, a removal in between would be undone.
		g.mu.Lock()
		arts, err := m.store.Articles(ctx, c)
		if err != nil {
			g.mu.Unlock()
			return fmt.Errorf("load stored articles of server %s: %w", c, err)
		}
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
		g.mu.Unlock()
		loaded = append(loaded, g)
		total += len(arts)
		if m.loadProgress != nil {
			m.loadProgress(i+1, len(colls))
		}
	}
	m.log.Info("stored articles loaded", "servers", len(colls), "articles", total, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// serveLoaded builds the corpora of the servers Load read: every server's
// articles in one new segment rather than one each (a thousand small
// segments would wait for merges), then each server's view over them.
func (m *Manager) serveLoaded(loaded []*guild) {
	if len(loaded) == 0 {
		return
	}
	base := m.base.Current()
	shown := make([][]*corpus.Doc, len(loaded))
	var docs []*corpus.Doc
	for i, g := range loaded {
		g.mu.Lock()
		shown[i] = m.shownDocs(g, base)
		g.mu.Unlock()
		docs = append(docs, shown[i]...)
	}
	sh := base.Shared()
	sh.Add(docs...)
	for i, g := range loaded {
		g.mu.Lock()
		m.rebuildOn(g, base)
		// An article removed between the two locks was indexed above
		// but is served by no one: without this it would stay in the
		// shared indexes for good. Under g.mu, so that no rebuild of
		// the server can count on it meanwhile.
		var stray []*corpus.Doc
		for _, d := range shown[i] {
			if !g.indexed[d] {
				stray = append(stray, d)
			}
		}
		sh.Remove(stray...)
		g.mu.Unlock()
	}
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

// rebuild makes the server's corpus over the current base.
func (m *Manager) rebuild(g *guild) { m.rebuildOn(g, m.base.Current()) }

// rebuildOn makes the server's corpus over base: its own articles not
// indexed yet are added to the base's shared indexes (one small segment),
// the corpus is a view of the base's documents and its own over them, and
// the documents it no longer serves are removed from the indexes once the
// new corpus is served. g.mu is held.
func (m *Manager) rebuildOn(g *guild, base *corpus.Corpus) {
	sh := base.Shared()
	shown := m.shownDocs(g, base)
	sh.Add(shown...) // those already indexed are skipped
	c := base
	if len(shown) > 0 {
		docs := make([]*corpus.Doc, 0, len(base.Docs)+len(shown))
		docs = append(append(docs, base.Docs...), shown...)
		c = sh.View(docs)
	}
	g.built.Store(&built{base: base, corpus: c})
	indexed := make(map[*corpus.Doc]bool, len(shown))
	for _, d := range shown {
		indexed[d] = true
	}
	var gone []*corpus.Doc
	for d := range g.indexed {
		if g.shared != sh || !indexed[d] {
			gone = append(gone, d)
		}
	}
	if g.shared != nil {
		g.shared.Remove(gone...)
	}
	g.shared, g.indexed = sh, indexed
}

// shownDocs returns the server's own documents as served over base, in the
// order added: without those the base has (an operator's folder gained
// them), and under an ID of their own when a base article or an earlier
// one of the server's took their slug. g.mu is held.
func (m *Manager) shownDocs(g *guild, base *corpus.Corpus) []*corpus.Doc {
	keys := m.baseKeys(base)
	used := keys.ids
	var extra map[string]bool
	var out []*corpus.Doc
	for i := range g.own {
		o := &g.own[i]
		if keys.byText(o.doc.Body) != nil {
			continue // the base has it
		}
		id := o.doc.ID
		for n := 2; used[id] || extra[id]; n++ {
			id = o.doc.ID + "-" + strconv.Itoa(n)
		}
		switch {
		case id == o.doc.ID:
			o.shown = o.doc
		case o.shown == nil || o.shown.ID != id:
			// A copy under the unique ID (docs are shared and
			// immutable); kept while the ID stays free.
			cp := *o.doc
			cp.ID = id
			o.shown = &cp
		}
		if extra == nil {
			extra = map[string]bool{}
		}
		extra[id] = true
		out = append(out, o.shown)
	}
	return out
}

// baseKeys indexes the base by text, URL and ID, once per base version.
// Texts are kept as hashes of their normalised form (article.TextKey), not
// as the form itself, which would be a second copy of every base article
// held for the life of the process; a hash match is confirmed on the one
// article it names.
type baseKeys struct {
	base *corpus.Corpus
	seed maphash.Seed
	text map[uint64][]*corpus.Doc // hash of TextKey(body) → docs
	url  map[string]*corpus.Doc
	ids  map[string]bool
}

// byText returns the base doc with the same text as body (as
// article.TextKey compares them), or nil.
func (k *baseKeys) byText(body string) *corpus.Doc {
	key := article.TextKey(body)
	for _, d := range k.text[maphash.String(k.seed, key)] {
		if article.TextKey(d.Body) == key {
			return d
		}
	}
	return nil
}

func (m *Manager) baseKeys(base *corpus.Corpus) *baseKeys {
	if k := m.keys.Load(); k != nil && k.base == base {
		return k
	}
	k := &baseKeys{
		base: base, seed: maphash.MakeSeed(),
		text: make(map[uint64][]*corpus.Doc, len(base.Docs)),
		url:  map[string]*corpus.Doc{}, ids: make(map[string]bool, len(base.Docs)),
	}
	for _, d := range base.Docs {
		h := maphash.String(k.seed, article.TextKey(d.Body))
		k.text[h] = append(k.text[h], d)
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
	if d := keys.byText(a.Body); d != nil {
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
	// A Load or Sync that read the store after a was stored may have
	// appended it already: served twice, it would be listed twice.
	if i := slices.IndexFunc(g.own, func(o own) bool { return o.stored.ID == a.ID }); i >= 0 {
		doc = g.own[i].doc
	} else {
		g.own = append(g.own, own{stored: a, doc: doc})
	}
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
