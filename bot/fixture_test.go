package main

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/text"
)

// Quotations of the hand-built test corpus.
const (
	quoteBackstop  = "The specifics of the backstop are still under discussion, but I'm very clear on the principles."
	quoteGuarantee = "I'm not going to make security guarantees beyond a certain point."
	quoteHarbour   = "The harbour wall will be rebuilt before the winter storms arrive."
)

// testDoc builds an analysed doc by hand, so that these tests depend only
// on the corpus API and not on the quality of the analysis.
func testDoc(t testing.TB, a article.Article, paras []string, ppl []people.Person, qs [][2]string) *corpus.Doc {
	t.Helper()
	a.Body = strings.Join(paras, "\n")
	d := &corpus.Doc{Article: a, Sentences: text.Sentences(a.Body), People: ppl}
	for _, q := range qs {
		i := strings.Index(a.Body, q[0])
		if i < 0 {
			t.Fatalf("fixture: %q not in %s", q[0], a.ID)
		}
		d.Quotes = append(d.Quotes, quotes.Quote{Text: q[0], Speaker: q[1], Verb: "said", Start: i, End: i + len(q[0]), Direct: true})
	}
	return d
}

// testCorpus is two articles with known quotes and people, plus filler
// articles (filler of them) so that /articles has several pages.
func testCorpus(t testing.TB, filler int) *corpus.Corpus {
	t.Helper()
	docs := []*corpus.Doc{
		testDoc(t, article.Article{ID: "keir-starmer-us-role", Title: "Keir Starmer Pushes for US Role in Ukraine",
			Date: "2025-02-27", Source: "Example News", URL: "https://news.example/starmer"},
			[]string{
				"Keir Starmer, the Prime Minister of the UK, wants a US security guarantee.",
				"Asked about the backstop, he said: “" + quoteBackstop + "”",
				"Trump has said he will not commit, stating, “" + quoteGuarantee + "” He praised the minerals deal.",
			},
			[]people.Person{
				{Name: "Keir Starmer", Aliases: []string{"Starmer"}, Role: "Prime Minister of the UK"},
				{Name: "Donald Trump", Aliases: []string{"Trump"}, Role: "President of the United States"},
			},
			[][2]string{{quoteBackstop, "Keir Starmer"}, {quoteGuarantee, "Donald Trump"}}),
		testDoc(t, article.Article{ID: "portby-harbour", Title: "Portby Harbour Wall to Be Rebuilt", Date: "2025-03-01"},
			[]string{"The mayor of Portby, Ann Ellis, promised quick work.", "“" + quoteHarbour + "” Ellis said."},
			[]people.Person{{Name: "Ann Ellis", Aliases: []string{"Ellis"}, Role: "Mayor of Portby"}},
			[][2]string{{quoteHarbour, "Ann Ellis"}}),
	}
	for i := range filler {
		docs = append(docs, testDoc(t, article.Article{ID: fmt.Sprintf("filler-%02d", i+1), Title: fmt.Sprintf("Filler article %d", i+1)},
			[]string{fmt.Sprintf("Filler text number %d.", i+1)}, nil, nil))
	}
	return corpus.New(docs)
}

// syncBuffer is a bytes.Buffer safe for concurrent writers (a log sink).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
