package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/text"
)

// quoteSpec is a quotation to place in a hand-built article.
type quoteSpec struct{ text, speaker string }

// makeDoc builds an analysed doc by hand: the body is the paragraphs joined
// by newlines, and every quote's offsets are found in it, so that handler
// tests depend on nothing but the corpus API.
func makeDoc(t testing.TB, a article.Article, paras []string, ppl []people.Person, qs []quoteSpec) *corpus.Doc {
	t.Helper()
	a.Body = strings.Join(paras, "\n")
	d := &corpus.Doc{Article: a, Sentences: text.Sentences(a.Body), People: ppl}
	for _, q := range qs {
		i := strings.Index(a.Body, q.text)
		if i < 0 {
			t.Fatalf("fixture: quote %q not in body of %s", q.text, a.ID)
		}
		// Confidence 1: the handlers show the speaker as certain (the
		// attribution's own confidence is tested in data/quotes).
		d.Quotes = append(d.Quotes, quotes.Quote{Text: q.text, Speaker: q.speaker, Verb: "said", Start: i, End: i + len(q.text), Direct: true, Confidence: 1})
	}
	return d
}

const (
	quoteBackstop  = "The specifics of the backstop are still under discussion, but I'm very clear on the principles."
	quoteGuarantee = "I'm not going to make security guarantees beyond a certain point."
	quoteGround    = "We'll be on the ground, and that will provide automatic security since no one will dare mess with our people."
	quoteHarbour   = "The harbour wall will be rebuilt before the winter storms arrive."
)

// fixtureCorpus is two articles with known quotes and people.
func fixtureCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	starmer := people.Person{Name: "Keir Starmer", Aliases: []string{"Starmer", "the Prime Minister"}, Role: "Prime Minister of the UK", Mentions: 4}
	trump := people.Person{Name: "Donald Trump", Aliases: []string{"Trump"}, Role: "President of the United States", Mentions: 3}
	putin := people.Person{Name: "Vladimir Putin", Aliases: []string{"Putin"}, Role: "Russian President", Mentions: 1}
	mayor := people.Person{Name: "Ann Ellis", Aliases: []string{"Ellis", "the mayor"}, Role: "Mayor of Portby", Mentions: 2}
	d1 := makeDoc(t, article.Article{
		ID: "keir-starmer-us-role", Title: "Keir Starmer Pushes for US Role in Ukraine",
		Date: "2025-02-27", Source: "Example News", URL: "https://news.example/starmer",
	}, []string{
		"Keir Starmer, the Prime Minister of the UK, wants a US security guarantee to deter Vladimir Putin.",
		"Asked about the backstop, he said: “" + quoteBackstop + "”",
		"Trump has said he will not commit, stating, “" + quoteGuarantee + "” He praised the minerals deal.",
		"“" + quoteGround + "” Trump stated.",
	}, []people.Person{starmer, trump, putin}, []quoteSpec{
		{quoteBackstop, "Keir Starmer"}, {quoteGuarantee, "Donald Trump"}, {quoteGround, "Donald Trump"},
	})
	d2 := makeDoc(t, article.Article{
		ID: "portby-harbour", Title: "Portby Harbour Wall to Be Rebuilt", Date: "2025-03-01",
	}, []string{
		"The mayor of Portby, Ann Ellis, promised quick work on the harbour.",
		"“" + quoteHarbour + "” Ellis said.",
	}, []people.Person{mayor}, []quoteSpec{{quoteHarbour, "Ann Ellis"}})
	return corpus.New([]*corpus.Doc{d1, d2})
}

// manyDocs is a corpus of n one-line articles (for paging and limits).
func manyDocs(t testing.TB, n int) *corpus.Corpus {
	t.Helper()
	var docs []*corpus.Doc
	for i := range n {
		docs = append(docs, makeDoc(t, article.Article{
			ID: fmt.Sprintf("article-%03d", i+1), Title: fmt.Sprintf("Article number %d about harbours", i+1),
		}, []string{fmt.Sprintf("Harbour story %d has one sentence.", i+1)}, nil, nil))
	}
	return corpus.New(docs)
}

// run handles req with a fresh router and fails the test on a handler error.
func run(t *testing.T, req Request) Response {
	t.Helper()
	resp, err := New().Handle(context.Background(), req)
	if err != nil {
		t.Fatalf("Handle: %v", err)
	}
	checkLimits(t, resp)
	return resp
}

// checkLimits fails the test when resp breaks any Discord limit or could
// ping anyone.
func checkLimits(t *testing.T, resp Response) {
	t.Helper()
	runes := utf8.RuneCountInString
	if n := runes(resp.Content); n > MaxContent {
		t.Errorf("content %d > %d", n, MaxContent)
	}
	if len(resp.Embeds) > MaxEmbeds {
		t.Errorf("%d embeds", len(resp.Embeds))
	}
	total := 0
	for _, e := range resp.Embeds {
		total += EmbedLength(e)
		if runes(e.Title) > MaxEmbedTitle || runes(e.Description) > MaxEmbedDesc || len(e.Fields) > MaxEmbedFields {
			t.Errorf("embed over limits: title %d, description %d, fields %d", runes(e.Title), runes(e.Description), len(e.Fields))
		}
		if e.Footer != nil && runes(e.Footer.Text) > MaxFooter {
			t.Errorf("footer %d", runes(e.Footer.Text))
		}
		for _, f := range e.Fields {
			if runes(f.Name) > MaxFieldName || runes(f.Value) > MaxFieldValue || f.Name == "" || f.Value == "" {
				t.Errorf("field over limits or empty: name %d, value %d", runes(f.Name), runes(f.Value))
			}
		}
	}
	if total > MaxEmbedTotal {
		t.Errorf("embeds total %d > %d", total, MaxEmbedTotal)
	}
	if len(resp.Choices) > MaxChoices {
		t.Errorf("%d choices", len(resp.Choices))
	}
	for _, c := range resp.Choices {
		if n := runes(c.Name); n == 0 || n > MaxChoiceName {
			t.Errorf("choice name %d runes", n)
		}
		if s, ok := c.Value.(string); ok && (runes(s) > MaxChoiceValue || s == "") {
			t.Errorf("choice value %d runes", runes(s))
		}
	}
	if len(resp.Components) > MaxComponentRows {
		t.Errorf("%d rows", len(resp.Components))
	}
	for _, r := range resp.Components {
		row := r.(discordgo.ActionsRow)
		if len(row.Components) > MaxRowComponents {
			t.Errorf("%d buttons in a row", len(row.Components))
		}
		for _, c := range row.Components {
			b := c.(discordgo.Button)
			if runes(b.Label) > MaxButtonLabel || runes(b.CustomID) > MaxCustomID {
				t.Errorf("button label %d, custom_id %d", runes(b.Label), runes(b.CustomID))
			}
		}
	}
	body, err := json.Marshal(resp.InteractionResponse())
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if !strings.Contains(string(body), `"allowed_mentions":{"parse":[]`) {
		t.Errorf("answer may ping: %s", body)
	}
}

// allText is every user-visible string of resp, for content assertions.
func allText(resp Response) string {
	var b strings.Builder
	b.WriteString(resp.Content + "\n")
	for _, e := range resp.Embeds {
		b.WriteString(e.Title + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + "\n" + f.Value + "\n")
		}
		if e.Footer != nil {
			b.WriteString(e.Footer.Text + "\n")
		}
	}
	for _, c := range resp.Choices {
		b.WriteString(c.Name + "\n")
	}
	return b.String()
}
