package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"newsbot/data/article"
	"newsbot/data/search/perturb"
	"newsbot/data/search/synth"
)

// story is an invented article with one quotation.
func story(id, speaker, quote string) *Doc {
	return Analyze(article.Article{
		ID:    id,
		Title: "Story " + id,
		Body: "The board met on Monday to talk about the plan.\n\n" +
			"“" + quote + ",” said " + speaker + ", the board chair.\n\nMembers were split.",
	})
}

// quotedBy is the first WhoSaid hit's doc ID, or "" with no confident hit.
func quotedBy(c *Corpus, fragment string) string {
	hs := c.WhoSaid(fragment, 1)
	if len(hs) == 0 || hs[0].Score < Confident {
		return ""
	}
	return hs[0].Doc.ID
}

// TestViewsFilterSharedIndexes: corpora made over the same shared indexes
// find only their own documents, with every search that uses them.
func TestViewsFilterSharedIndexes(t *testing.T) {
	base := story("base", "Ann Lee", "The tram line will reach the harbour by the spring")
	mine := story("mine", "Bo Chan", "We will plant a thousand trees along the river this autumn")
	theirs := story("theirs", "Cy Dunn", "We will plant a thousand trees along the river this autumn and more")
	s := NewShared()
	s.Add(base, mine, theirs)
	a := s.View([]*Doc{base, mine})
	b := s.View([]*Doc{base, theirs})
	tests := []struct {
		name string
		c    *Corpus
		frag string
		want string
	}{
		{"a finds its own", a, "plant a thousand trees along the river", "mine"},
		{"b finds its own", b, "plant a thousand trees along the river", "theirs"},
		{"a finds the base", a, "tram line will reach the harbour", "base"},
		{"b finds the base", b, "tram line will reach the harbour", "base"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quotedBy(tt.c, tt.frag); got != tt.want {
				t.Errorf("WhoSaid(%q) = %q; want %q", tt.frag, got, tt.want)
			}
		})
	}
	t.Run("no search of b ever returns a's document", func(t *testing.T) {
		const frag = "We will plant a thousand trees along the river this autumn"
		for _, h := range b.WhoSaid(frag, 50) {
			if h.Doc == mine {
				t.Errorf("WhoSaid hit %q from the other corpus", h.Quote.Text)
			}
		}
		for _, h := range b.SuggestQuotes("plant a thousand tr", 50) {
			if h.Doc == mine {
				t.Errorf("SuggestQuotes hit %q from the other corpus", h.Quote.Text)
			}
		}
		for _, h := range b.SearchText("thousand trees river", 50) {
			if h.Doc == mine {
				t.Errorf("SearchText hit %q from the other corpus", h.Sentence.Text)
			}
		}
		for _, h := range b.LookupArticle("thousand trees along the river", 50).Hits {
			if h.Doc == mine {
				t.Errorf("LookupArticle hit %q from the other corpus", h.Doc.ID)
			}
		}
	})
	if a.QuoteCount() != 2 || b.QuoteCount() != 2 {
		t.Errorf("QuoteCount = %d, %d; want 2, 2", a.QuoteCount(), b.QuoteCount())
	}
}

// TestStoreUpdate: Update indexes only the new documents and removes those
// that left, and the new corpus answers as one built from scratch.
func TestStoreUpdate(t *testing.T) {
	quotes := []string{
		"The ferry timetable changes next month for the summer crossings",
		"Nobody expected the library roof to leak after the repairs",
		"Drivers at the bus depot voted to accept the new pay offer",
		"Swimming lessons for children stay free during the holidays",
		"Stallholders in the market square want longer opening hours",
		"A painted cycle lane is not the same as a protected one",
	}
	var docs []*Doc
	for i, q := range quotes {
		docs = append(docs, story(fmt.Sprintf("s%d", i), "Ann Lee", q))
	}
	st := NewStore(New(docs[:3]))
	first := st.Current()
	sh := first.Shared()
	changed := append([]*Doc{docs[0], docs[2]}, docs[3:]...) // s1 left, s3..s5 came
	c := st.Update(changed)
	if c != st.Current() || c.Shared() != sh {
		t.Fatal("Update should serve a corpus over the same shared indexes")
	}
	if got := sh.Len(); got != len(changed) {
		t.Errorf("shared indexes hold %d docs; want %d", got, len(changed))
	}
	if sh.Has(docs[1]) {
		t.Error("the doc that left is still indexed")
	}
	for i, q := range quotes {
		frag := strings.Join(strings.Fields(q)[1:7], " ")
		want := docs[i].ID
		if i == 1 {
			want = ""
		}
		t.Run(frag, func(t *testing.T) {
			if got := quotedBy(c, frag); got != want {
				t.Errorf("after Update: %q; want %q", got, want)
			}
			if got, fresh := quotedBy(c, frag), quotedBy(New(changed), frag); got != fresh {
				t.Errorf("after Update %q, built from scratch %q", got, fresh)
			}
		})
	}
	t.Run("the old corpus loses the removed doc at once", func(t *testing.T) {
		if got := quotedBy(first, "expected the library roof to leak"); got != "" {
			t.Errorf("old corpus answers %q from a removed doc", got)
		}
		if got := quotedBy(first, "ferry timetable changes next month"); got != "s0" {
			t.Errorf("old corpus answers %q; want s0", got)
		}
	})
}

// TestViewScoresMatchOwnCorpus: a server's corpus (a base and a few
// articles of its own) made as a view over shared indexes that also hold
// other servers' articles, each added in a segment of its own, ranks and
// scores like a corpus of its own: the word statistics are those of all the
// shared documents, which a few articles more or less barely move.
func TestViewScoresMatchOwnCorpus(t *testing.T) {
	qs := synth.Quotes(600, 3, nil)
	var base, mine, others []*Doc
	for i, q := range qs {
		d := story(fmt.Sprintf("q%d", i), "Ann Lee", strings.TrimRight(q, ".!?"))
		switch {
		case i < 400:
			base = append(base, d)
		case i < 410:
			mine = append(mine, d)
		default:
			others = append(others, d)
		}
	}
	s := NewShared()
	s.Add(base...)
	for _, d := range append(others[:20:20], mine...) { // one segment each, as servers add articles
		s.Add(d)
	}
	s.Add(others[20:]...)
	docs := append(base[:len(base):len(base)], mine...)
	view, own := s.View(docs), New(docs)
	r := rand.New(rand.NewPCG(1, 2))
	agree, n := 0, 0
	for i := 0; i < len(docs); i += 3 {
		ws := strings.Fields(docs[i].Quotes[0].Text)
		if len(ws) < 6 {
			continue
		}
		at := r.IntN(len(ws) - 5)
		frag := perturb.Apply(perturb.Substitution, ws[at:at+5], r, nil)
		v, o := view.WhoSaid(frag, 3), own.WhoSaid(frag, 3)
		if len(v) == 0 || len(o) == 0 {
			t.Fatalf("%q: view %v, own corpus %v", frag, hitIDs(v), hitIDs(o))
		}
		n++
		if v[0].Doc.ID == o[0].Doc.ID {
			agree++
		}
		if d := v[0].Score - o[0].Score; d > 0.05 || d < -0.05 {
			t.Errorf("%q: score %.3f in the view, %.3f in a corpus of its own", frag, v[0].Score, o[0].Score)
		}
	}
	if agree < n*98/100 {
		t.Errorf("same first hit for %d of %d fragments; want 98%%", agree, n)
	}
}

func hitIDs(hs []QuoteHit) string {
	var ids []string
	for _, h := range hs {
		ids = append(ids, fmt.Sprintf("%s:%.3f", h.Doc.ID, h.Score))
	}
	return strings.Join(ids, " ")
}
