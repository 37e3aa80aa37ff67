package corpus

import "sync/atomic"

// Store holds the current corpus and swaps in a new one atomically, so that
// handlers always read one consistent snapshot and never wait for a load.
type Store struct {
	cur     atomic.Pointer[Corpus]
	loading atomic.Bool
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

// Loading tells whether more articles are still being loaded.
func (s *Store) Loading() bool { return s.loading.Load() }

// SetLoading records whether a load is under way.
func (s *Store) SetLoading(v bool) { s.loading.Store(v) }
