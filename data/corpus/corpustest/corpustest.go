// Package corpustest builds analysed corpora by hand for the tests of the
// packages that answer from a corpus (commands, and the console and the
// Discord adapter under bot/), so that those tests depend only on the
// corpus API and not on the quality of the analysis. It is the one fixture
// builder they share.
package corpustest

import (
	"fmt"
	"strings"
	"testing"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/text"
)

// Quotations of the hand-built articles (invented wording modelled on the
// seed article).
const (
	QuoteBackstop  = "The specifics of the backstop are still under discussion, but I'm very clear on the principles."
	QuoteGuarantee = "I'm not going to make security guarantees beyond a certain point."
	QuoteGround    = "We'll be on the ground, and that will provide automatic security since no one will dare mess with our people."
	QuoteHarbour   = "The harbour wall will be rebuilt before the winter storms arrive."
)

// Quote is a quotation to place in a hand-built article, with its speaker.
type Quote struct{ Text, Speaker string }

// Doc builds an analysed doc by hand: the body is the paragraphs joined by
// newlines, and every quotation's offsets are found in it (the test fails
// when one is not there). Quotations are direct, with the verb "said", and
// their speakers certain (Confidence 1; a speaker "" has none): tests of
// how doubt is shown set Confidence themselves.
func Doc(t testing.TB, a article.Article, paras []string, ppl []people.Person, qs []Quote) *corpus.Doc {
	t.Helper()
	a.Body = strings.Join(paras, "\n")
	d := &corpus.Doc{Article: a, Sentences: text.Sentences(a.Body), People: ppl}
	for _, q := range qs {
		i := strings.Index(a.Body, q.Text)
		if i < 0 {
			t.Fatalf("fixture: quote %q not in body of %s", q.Text, a.ID)
		}
		conf := 1.0
		if q.Speaker == "" {
			conf = 0
		}
		d.Quotes = append(d.Quotes, quotes.Quote{Text: q.Text, Speaker: q.Speaker, Verb: "said", Start: i, End: i + len(q.Text), Direct: true, Confidence: conf})
	}
	return d
}

// Small is two articles with known quotations and people (three
// quotations, three people), plus filler one-line articles so that
// /articles has several pages. The console's golden files are drawn from it.
func Small(t testing.TB, filler int) *corpus.Corpus {
	t.Helper()
	docs := []*corpus.Doc{
		Doc(t, article.Article{ID: "keir-starmer-us-role", Title: "Keir Starmer Pushes for US Role in Ukraine",
			Date: "2025-02-27", Source: "Example News", URL: "https://news.example/starmer"},
			[]string{
				"Keir Starmer, the Prime Minister of the UK, wants a US security guarantee.",
				"Asked about the backstop, he said: “" + QuoteBackstop + "”",
				"Trump has said he will not commit, stating, “" + QuoteGuarantee + "” He praised the minerals deal.",
			},
			[]people.Person{
				{Name: "Keir Starmer", Aliases: []string{"Starmer"}, Role: "Prime Minister of the UK"},
				{Name: "Donald Trump", Aliases: []string{"Trump"}, Role: "President of the United States"},
			},
			[]Quote{{QuoteBackstop, "Keir Starmer"}, {QuoteGuarantee, "Donald Trump"}}),
		Doc(t, article.Article{ID: "portby-harbour", Title: "Portby Harbour Wall to Be Rebuilt", Date: "2025-03-01"},
			[]string{"The mayor of Portby, Ann Ellis, promised quick work.", "“" + QuoteHarbour + "” Ellis said."},
			[]people.Person{{Name: "Ann Ellis", Aliases: []string{"Ellis"}, Role: "Mayor of Portby"}},
			[]Quote{{QuoteHarbour, "Ann Ellis"}}),
	}
	for i := range filler {
		docs = append(docs, Doc(t, article.Article{ID: fmt.Sprintf("filler-%02d", i+1), Title: fmt.Sprintf("Filler article %d", i+1)},
			[]string{fmt.Sprintf("Filler text number %d.", i+1)}, nil, nil))
	}
	return corpus.New(docs)
}

// Full is the same two articles told at more length: four quotations, a
// person who is mentioned but says nothing, mention counts and descriptive
// aliases ("the Prime Minister", "the mayor"). The command tests use it.
func Full(t testing.TB) *corpus.Corpus {
	t.Helper()
	starmer := people.Person{Name: "Keir Starmer", Aliases: []string{"Starmer", "the Prime Minister"}, Role: "Prime Minister of the UK", Mentions: 4}
	trump := people.Person{Name: "Donald Trump", Aliases: []string{"Trump"}, Role: "President of the United States", Mentions: 3}
	putin := people.Person{Name: "Vladimir Putin", Aliases: []string{"Putin"}, Role: "Russian President", Mentions: 1}
	mayor := people.Person{Name: "Ann Ellis", Aliases: []string{"Ellis", "the mayor"}, Role: "Mayor of Portby", Mentions: 2}
	d1 := Doc(t, article.Article{
		ID: "keir-starmer-us-role", Title: "Keir Starmer Pushes for US Role in Ukraine",
		Date: "2025-02-27", Source: "Example News", URL: "https://news.example/starmer",
	}, []string{
		"Keir Starmer, the Prime Minister of the UK, wants a US security guarantee to deter Vladimir Putin.",
		"Asked about the backstop, he said: “" + QuoteBackstop + "”",
		"Trump has said he will not commit, stating, “" + QuoteGuarantee + "” He praised the minerals deal.",
		"“" + QuoteGround + "” Trump stated.",
	}, []people.Person{starmer, trump, putin}, []Quote{
		{QuoteBackstop, "Keir Starmer"}, {QuoteGuarantee, "Donald Trump"}, {QuoteGround, "Donald Trump"},
	})
	d2 := Doc(t, article.Article{
		ID: "portby-harbour", Title: "Portby Harbour Wall to Be Rebuilt", Date: "2025-03-01",
	}, []string{
		"The mayor of Portby, Ann Ellis, promised quick work on the harbour.",
		"“" + QuoteHarbour + "” Ellis said.",
	}, []people.Person{mayor}, []Quote{{QuoteHarbour, "Ann Ellis"}})
	return corpus.New([]*corpus.Doc{d1, d2})
}

// Many is a corpus of n one-line articles (for paging and limits).
func Many(t testing.TB, n int) *corpus.Corpus {
	t.Helper()
	var docs []*corpus.Doc
	for i := range n {
		docs = append(docs, Doc(t, article.Article{
			ID: fmt.Sprintf("article-%03d", i+1), Title: fmt.Sprintf("Article number %d about harbours", i+1),
		}, []string{fmt.Sprintf("Harbour story %d has one sentence.", i+1)}, nil, nil))
	}
	return corpus.New(docs)
}
