// Package corpus ties the analysis together: an immutable, analysed set of
// articles with search indexes over its quotations, sentences, titles and
// people. A Corpus's articles never change once built; a Store swaps in a
// new one atomically, so readers need no locks. The quotation and sentence
// indexes are shared between corpora (Shared): a corpus is a filter over
// them, so that a Discord server's corpus (the base's articles and its own)
// costs its own articles, not a copy of every index.
package corpus

import (
	"sort"
	"strings"
	"sync"

	"newsbot/data/article"
	"newsbot/data/entity"
	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/search"
	"newsbot/data/summary"
	"newsbot/data/text"
)

// Doc is an article with everything the analysis found in it.
type Doc struct {
	article.Article
	Sentences []text.Sentence
	People    []people.Person
	Quotes    []quotes.Quote
	// Entities are the people, organisations, documents and groups the
	// article names or quotes (see data/entity): list organisations and
	// documents apart from people, find a person by role.
	Entities []entity.Entity
	// Analyzed is how many bytes of the body, from its start, were searched
	// for people, quotations and entities: the whole body unless it is
	// longer than AnalyzeLimit. Every sentence stays searchable.
	Analyzed int
}

// AnalyzeLimit bounds the part of a body, from its start and cut at a
// sentence end, in which people, quotations and entities are found. The
// analysis is linear, but on hostile text (thousands of made-up names, each
// quoted) it runs at about half a megabyte a second on a busy 2-core
// machine, and an upload, page or feed item may be 5 MiB; no input may make
// the bot work for seconds. News articles are a few tens of kilobytes, so
// the bound only ever cuts books, dumps and attacks.
const AnalyzeLimit = 512 << 10

// Analyze runs the whole analysis on one article.
func Analyze(a article.Article) *Doc {
	sents := text.Sentences(a.Body)
	part, psents := analyzedPart(a.Body, sents)
	toks := text.Tokenize(part) // once, for people and quotes
	ppl := people.FindTokens(part, psents, toks)
	qs := quotes.ExtractTokens(part, psents, toks, ppl)
	return &Doc{
		Article:   a,
		Sentences: sents,
		People:    ppl,
		Quotes:    qs,
		Entities:  entity.Build(part, psents, toks, ppl, qs),
		Analyzed:  len(part),
	}
}

// analyzedPart is the start of body that Analyze searches for people and
// quotations, at most AnalyzeLimit bytes and ending where a sentence ends,
// with its sentences. Offsets found in it are offsets in body.
func analyzedPart(body string, sents []text.Sentence) (string, []text.Sentence) {
	if len(body) <= AnalyzeLimit {
		return body, sents
	}
	k := sort.Search(len(sents), func(i int) bool { return sents[i].End > AnalyzeLimit })
	if k == 0 {
		// One sentence longer than the limit: no prose to attribute.
		return "", nil
	}
	return body[:sents[k-1].End], sents[:k]
}

// Summary returns the doc's summary of n sentences, in article order.
func (d *Doc) Summary(n int) []text.Sentence {
	idx := summary.Summarize(d.Title, d.Sentences, n)
	out := make([]text.Sentence, len(idx))
	for i, j := range idx {
		out[i] = d.Sentences[j]
	}
	return out
}

// SentenceAt returns the sentence that contains byte offset off of the body,
// or the zero Sentence when none does.
func (d *Doc) SentenceAt(off int) text.Sentence {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off })
	if i < len(d.Sentences) && d.Sentences[i].Start <= off {
		return d.Sentences[i]
	}
	return text.Sentence{}
}

// Person returns the doc's person with the given canonical name, if any.
func (d *Doc) Person(name string) (people.Person, bool) {
	for _, p := range d.People {
		if p.Name == name {
			return p, true
		}
	}
	return people.Person{}, false
}

// QuoteHit is a quotation found by a search.
type QuoteHit struct {
	Doc   *Doc
	Quote *quotes.Quote
	Score float64 // 0..1
	// Matched are the byte spans of Quote.Text whose words matched the
	// query, in order (for bold highlighting); may be nil.
	Matched []text.Span
}

// ArticleHit is an article found by a search.
type ArticleHit struct {
	Doc   *Doc
	Score float64
	// Where says which part of the article matched (LookupArticle only;
	// "" from the title searches).
	Where Where
}

// PersonHit is a person found by a search, with every article that names them.
type PersonHit struct {
	Name  string
	Role  string
	Docs  []*Doc
	Score float64
}

// PassageHit is a sentence found by a text search.
type PassageHit struct {
	Doc      *Doc
	Sentence text.Sentence
	Score    float64
	Matched  []text.Span // byte spans of Sentence.Text that matched; may be nil
}

// Confident is the score from which a hit is taken as the answer; below it a
// command answers "not found" and offers the hits as suggestions.
//
// Search scores (package search) are calibrated so that 0.55 separates
// perturbed fragments of real quotations (about 99% score above) from
// fragments found in no quotation (about 2–3% do); see `bot eval search`.
const Confident = 0.55

// Corpus is an immutable analysed article set with its indexes. The
// quotation and sentence indexes are shared (see Shared): a corpus searches
// them through a filter of its documents. The titles and people indexes are
// its own, built on first use.
type Corpus struct {
	Docs []*Doc

	shared     *Shared
	quoteColl  *search.Collection // Docs, in shared.quotes
	sentColl   *search.Collection // Docs, in shared.sentences
	quoteCount int

	shortOnce sync.Once
	short     *shortIndexes // made on first use (see small)

	newest     []*Doc // Docs newest first, made on first use (see Newest)
	newestOnce sync.Once
}

// shortIndexes are a corpus's indexes of short texts: titles and people.
// They cost a few milliseconds and a few hundred kilobytes per thousand
// articles, so a corpus builds them when a command first needs them rather
// than whenever it is made (a server's corpus is remade at every addition,
// and most are asked for quotations only).
type shortIndexes struct {
	titles *search.Index
	// person index: one entry per canonical person, "Name · alias · alias";
	// personKeys[i] is the canonical name that entry i stands for.
	personKeys  []string
	personIndex *search.Index
	byPerson    map[string][]*Doc // canonical name → docs naming them
	roles       map[string]string
}

// New builds a corpus over docs (already analysed), with shared indexes of
// its own that more corpora may be made over (see Shared). Duplicate IDs are
// the loader's concern; New keeps docs as given.
func New(docs []*Doc) *Corpus {
	s := NewShared()
	s.Add(docs...)
	return s.View(docs)
}

// Shared is the shared index set c searches: a corpus made over it with
// View shares its segments.
func (c *Corpus) Shared() *Shared { return c.shared }

// small returns the corpus's titles and people indexes, building them on
// first use.
func (c *Corpus) small() *shortIndexes {
	c.shortOnce.Do(func() { c.short = buildShort(c.Docs) })
	return c.short
}

func buildShort(docs []*Doc) *shortIndexes {
	x := &shortIndexes{byPerson: map[string][]*Doc{}, roles: map[string]string{}}
	titles := make([]string, 0, len(docs))
	var ptexts []string
	personEntry := map[string]int{}       // canonical name → its entry in ptexts
	named := map[string]map[string]bool{} // canonical name → names already in its entry
	for _, d := range docs {
		titles = append(titles, d.Title)
		for _, p := range d.People {
			// One index entry per person, the name and every alias
			// together, so that a word that names one person ("Starmer"
			// in "Keir Starmer" and in the alias "Starmer") counts as
			// rare as it is among people, not once per alias.
			i, seen := personEntry[p.Name]
			if !seen {
				i = len(ptexts)
				personEntry[p.Name] = i
				x.personKeys = append(x.personKeys, p.Name)
				ptexts = append(ptexts, p.Name)
				named[p.Name] = map[string]bool{strings.ToLower(p.Name): true}
			}
			x.byPerson[p.Name] = append(x.byPerson[p.Name], d)
			if x.roles[p.Name] == "" && p.Role != "" {
				x.roles[p.Name] = p.Role
			}
			// Roles too: "the superintendent" or "ambassador to
			// Japan" finds whoever holds the role in the corpus.
			for _, a := range append(p.Aliases[:len(p.Aliases):len(p.Aliases)], p.Role) {
				if k := strings.ToLower(a); k != "" && !named[p.Name][k] {
					named[p.Name][k] = true
					ptexts[i] += " · " + a
				}
			}
		}
	}
	// Titles and names are short: their indexes also re-rank with
	// sahilm/fuzzy and fall back to a fuzzy scan for clipped or
	// run-together words ("kstarmer").
	x.titles = search.BuildWith(titles, search.Options{Short: true})
	x.personIndex = search.BuildWith(ptexts, search.Options{Short: true})
	return x
}

// Build analyses arts and builds a corpus over them.
func Build(arts []article.Article) *Corpus {
	docs := make([]*Doc, len(arts))
	for i, a := range arts {
		docs[i] = Analyze(a)
	}
	return New(docs)
}

// QuoteCount is the number of quotations in the corpus.
func (c *Corpus) QuoteCount() int { return c.quoteCount }

// quoteHits turns hits of the shared quotation index into the corpus's
// quotations. A hit whose document was removed while the query ran is
// dropped.
func (c *Corpus) quoteHits(hs []search.DocHit) []QuoteHit {
	out := make([]QuoteHit, 0, len(hs))
	for _, h := range hs {
		d := c.shared.doc(h.Article)
		if d == nil || h.Text >= len(d.Quotes) {
			continue
		}
		out = append(out, QuoteHit{Doc: d, Quote: &d.Quotes[h.Text], Score: h.Score, Matched: h.Matched})
	}
	return out
}

// WhoSaid returns the quotations that best match a remembered fragment, best
// first. The first hit is the answer when its Score ≥ Confident.
func (c *Corpus) WhoSaid(fragment string, limit int) []QuoteHit {
	return c.quoteHits(c.shared.quotes.Search(fragment, limit, c.quoteColl))
}

// SuggestQuotes is WhoSaid for text still being typed (autocomplete).
func (c *Corpus) SuggestQuotes(partial string, limit int) []QuoteHit {
	return c.quoteHits(c.shared.quotes.Complete(partial, limit, c.quoteColl))
}

func (c *Corpus) articleHits(hs []search.Hit) []ArticleHit {
	out := make([]ArticleHit, 0, len(hs))
	for _, h := range hs {
		out = append(out, ArticleHit{Doc: c.Docs[h.ID], Score: h.Score})
	}
	return out
}

// FindArticle matches a (partial, misspelt) title or article ID, best first.
// An exact ID match is always first with Score 1.
func (c *Corpus) FindArticle(title string, limit int) []ArticleHit {
	if d := c.ByID(title); d != nil {
		return []ArticleHit{{Doc: d, Score: 1}}
	}
	return c.articleHits(c.small().titles.Search(title, limit))
}

// CompleteArticle is FindArticle for a title still being typed.
func (c *Corpus) CompleteArticle(partial string, limit int) []ArticleHit {
	if strings.TrimSpace(partial) == "" {
		var out []ArticleHit
		for i, d := range c.Docs {
			if i >= limit {
				break
			}
			out = append(out, ArticleHit{Doc: d, Score: 1})
		}
		return out
	}
	return c.articleHits(c.small().titles.Complete(partial, limit))
}

// ByID returns the doc with the given ID, or nil.
func (c *Corpus) ByID(id string) *Doc {
	for _, d := range c.Docs {
		if d.ID == id {
			return d
		}
	}
	return nil
}

func (c *Corpus) personHits(hs []search.Hit, limit int) []PersonHit {
	var out []PersonHit
	seen := map[string]bool{}
	x := c.small()
	for _, h := range hs {
		name := x.personKeys[h.ID]
		if seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, PersonHit{Name: name, Role: x.roles[name], Docs: x.byPerson[name], Score: h.Score})
		if len(out) == limit {
			break
		}
	}
	return out
}

// FindPerson matches a name or alias ("Starmer", "the Prime Minister"),
// best first, one hit per canonical person.
func (c *Corpus) FindPerson(name string, limit int) []PersonHit {
	return c.personHits(c.small().personIndex.Search(name, 4*limit), limit)
}

// CompletePerson is FindPerson for a name still being typed.
func (c *Corpus) CompletePerson(partial string, limit int) []PersonHit {
	return c.personHits(c.small().personIndex.Complete(partial, 4*limit), limit)
}

// QuotesBy returns the quotations attributed to the canonical name, in doc
// and then article order; only those in doc when doc is not nil.
func (c *Corpus) QuotesBy(name string, doc *Doc) []QuoteHit {
	var out []QuoteHit
	for _, d := range c.Docs {
		if doc != nil && d != doc {
			continue
		}
		for i := range d.Quotes {
			if Spoke(d.Quotes[i].Speaker, name) {
				out = append(out, QuoteHit{Doc: d, Quote: &d.Quotes[i], Score: 1})
			}
		}
	}
	return out
}

// Speakers splits a quotation's speaker into the people it names: a joint
// attribution ("Ann Lee and Bo Chan said") is kept whole by the analysis,
// since that is what the article says, but each of them said it.
func Speakers(speaker string) []string {
	if speaker == "" {
		return nil
	}
	var out []string
	for _, part := range strings.Split(speaker, " and ") {
		for _, p := range strings.Split(part, ", ") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Spoke reports whether a quotation attributed to speaker was said by the
// person with canonical name (alone or jointly with others).
func Spoke(speaker, name string) bool {
	if speaker == name {
		return true
	}
	for _, s := range Speakers(speaker) {
		if s == name {
			return true
		}
	}
	return false
}

// SearchText finds sentences that mention the words, best first.
func (c *Corpus) SearchText(words string, limit int) []PassageHit {
	return c.passageHits(c.shared.sentences.Search(words, limit, c.sentColl))
}

func (c *Corpus) passageHits(hs []search.DocHit) []PassageHit {
	out := make([]PassageHit, 0, len(hs))
	for _, h := range hs {
		d, si := c.sentenceOf(h)
		if d == nil {
			continue
		}
		out = append(out, PassageHit{Doc: d, Sentence: d.Sentences[si], Score: h.Score, Matched: h.Matched})
	}
	return out
}

// sentenceOf is the document and sentence index of a hit of the shared
// sentence index; the document is nil when it was removed while the query
// ran.
func (c *Corpus) sentenceOf(h search.DocHit) (*Doc, int) {
	d := c.shared.doc(h.Article)
	if d == nil || h.Text >= len(d.Sentences) {
		return nil, 0
	}
	return d, h.Text
}
