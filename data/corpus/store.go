package corpus

import (
	"sync"
	"sync/atomic"
)

// Store holds the current corpus and swaps in a new one atomically, so that
// handlers always read one consistent snapshot and never wait for a load.
type Store struct {
	cur     atomic.Pointer[Corpus]
	loading atomic.Bool
	update  sync.Mutex // one Update at a time
}

// NewStore returns a store holding c (which may be nil: an empty corpus).
func NewStore(c *Corpus) *Store {
	s := &Store{}
	if c == nil {
		c = New(nil)
	}
	s.cur.Store(c)
	return s
}

// Current is the corpus to answer from now.
func (s *Store) Current() *Corpus { return s.cur.Load() }

// Swap makes c the current corpus.
func (s *Store) Swap(c *Corpus) { s.cur.Store(c) }

// Update makes a corpus of docs the current one, over the shared indexes
// of the current corpus (see Shared), changing only what changed: the docs
// not indexed yet are added, in one new segment, and after the swap those
// of the current corpus that are not in docs are removed (tombstones), so
// that a hot reload or a growing load costs the analysis and indexing of
// the articles that changed, not a rebuild of the whole. Unchanged
// articles must keep their *Doc for that (a Doc is immutable, so a loader
// reuses it). It returns the new corpus.
//
// The other corpora made over the same shared indexes (the servers' own,
// see data/collection) see removed docs leave their results at once.
func (s *Store) Update(docs []*Doc) *Corpus {
	s.update.Lock()
	defer s.update.Unlock()
	old := s.cur.Load()
	sh := old.Shared()
	sh.Add(docs...)
	c := sh.View(docs)
	s.cur.Store(c)
	keep := make(map[*Doc]bool, len(docs))
	for _, d := range docs {
		keep[d] = true
	}
	var gone []*Doc
	for _, d := range old.Docs {
		if !keep[d] {
			gone = append(gone, d)
		}
	}
	sh.Remove(gone...)
	return c
}

// Loading tells whether more articles are still being loaded.
func (s *Store) Loading() bool { return s.loading.Load() }

// SetLoading records whether a load is under way.
func (s *Store) SetLoading(v bool) { s.loading.Store(v) }
