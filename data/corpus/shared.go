package corpus

import (
	"strconv"
	"sync"

	"newsbot/data/search"
)

// Shared holds the big indexes of many corpora, the quotations (/who-said
// and its autocomplete) and the sentences (/search and article lookup), as
// segmented indexes (search.Segmented): every document is analysed and
// indexed once, whichever corpora list it. A corpus made with View is a
// filter over them (a search.Collection of its documents), not a copy: a
// Discord server's corpus is the base's documents and its own over the same
// segments, and adding one article to it indexes that article alone, in a
// small new segment; a removal is a tombstone.
//
// Documents are told apart by identity (the *Doc), not by article ID: two
// servers' articles may share a slug, and a re-analysed article is a new
// Doc. Each gets a key of its own, never reused, so a corpus built before a
// document was removed or replaced never finds another's texts under its
// key.
//
// Scores are computed on the statistics of every document in the shared
// indexes (as search.Segmented does), so a score means what it means in a
// corpus of its own.
//
// Shared is safe for concurrent use; queries never wait for writers.
type Shared struct {
	mu        sync.Mutex // writers: Add, Remove, View
	quotes    *search.Segmented
	sentences *search.Segmented
	keys      map[*Doc]string // indexed document → its key
	next      uint64          // the next key's number
	// docs maps a key to its document for the queries; entries go when the
	// document is removed (a query that raced with that drops the hit).
	docs sync.Map
}

// NewShared returns empty shared indexes.
func NewShared() *Shared {
	return &Shared{
		quotes: search.NewSegmented(search.Options{}),
		// /search looks for mentions, however common the words.
		sentences: search.NewSegmented(search.Options{Keyword: true}),
		keys:      map[*Doc]string{},
	}
}

// Add indexes the documents that are not indexed yet, in one new segment of
// each index (none when all are). They are searchable when Add returns, by
// the corpora made with View afterwards.
func (s *Shared) Add(docs ...*Doc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var qs, ss []search.Article
	for _, d := range docs {
		if _, ok := s.keys[d]; ok {
			continue
		}
		key := strconv.FormatUint(s.next, 36)
		s.next++
		s.keys[d] = key
		s.docs.Store(key, d)
		q := search.Article{ID: key, Texts: make([]string, len(d.Quotes))}
		for i := range d.Quotes {
			q.Texts[i] = d.Quotes[i].Text
		}
		t := search.Article{ID: key, Texts: make([]string, len(d.Sentences))}
		for i := range d.Sentences {
			t.Texts[i] = d.Sentences[i].Text
		}
		qs, ss = append(qs, q), append(ss, t)
	}
	s.quotes.Add(qs...)
	s.sentences.Add(ss...)
}

// Remove tombstones the documents' texts: they leave every corpus's results
// at once, and the indexes at the next merge of their segments. Documents
// that are not indexed are ignored.
func (s *Shared) Remove(docs ...*Doc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		key, ok := s.keys[d]
		if !ok {
			continue
		}
		s.quotes.Remove(key)
		s.sentences.Remove(key)
		delete(s.keys, d)
		s.docs.Delete(key)
	}
}

// Has reports whether d is indexed.
func (s *Shared) Has(d *Doc) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.keys[d]
	return ok
}

// Len is the number of documents indexed.
func (s *Shared) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.keys)
}

// SizeBytes is the memory the shared indexes hold beyond the texts.
func (s *Shared) SizeBytes() int { return s.quotes.SizeBytes() + s.sentences.SizeBytes() }

// Wait waits for the background merges of the indexes to finish (tests and
// benchmarks that measure a settled index).
func (s *Shared) Wait() {
	s.quotes.Wait()
	s.sentences.Wait()
}

// View returns a corpus over docs (in that order) whose quotation and
// sentence searches look at the shared indexes through a filter of docs.
// The documents should have been added: one that was not (or was removed
// since) is listed, found by title, person and ID, but none of its texts is
// ever a hit. The titles and people indexes, which are small, are the
// corpus's own (built on first use).
func (s *Shared) View(docs []*Doc) *Corpus {
	s.mu.Lock()
	keys := make([]string, 0, len(docs))
	for _, d := range docs {
		if k, ok := s.keys[d]; ok {
			keys = append(keys, k)
		}
	}
	s.mu.Unlock()
	c := &Corpus{Docs: docs, shared: s}
	c.quoteColl = s.quotes.Collection(keys)
	c.sentColl = s.sentences.Collection(keys)
	for _, d := range docs {
		c.quoteCount += len(d.Quotes)
	}
	return c
}

// doc is the document indexed under key, or nil once it was removed.
func (s *Shared) doc(key string) *Doc {
	d, ok := s.docs.Load(key)
	if !ok {
		return nil
	}
	return d.(*Doc)
}
