package commands

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/corpus/corpustest"
	"newsbot/data/people"
)

// The hand-built fixtures live in corpustest, shared with the tests under
// bot/; these short names keep the command tests readable.
type quoteSpec struct{ text, speaker string }

// makeDoc builds an analysed doc by hand (see corpustest.Doc).
func makeDoc(t testing.TB, a article.Article, paras []string, ppl []people.Person, qs []quoteSpec) *corpus.Doc {
	t.Helper()
	cq := make([]corpustest.Quote, len(qs))
	for i, q := range qs {
		cq[i] = corpustest.Quote{Text: q.text, Speaker: q.speaker}
	}
	return corpustest.Doc(t, a, paras, ppl, cq)
}

const (
	quoteBackstop  = corpustest.QuoteBackstop
	quoteGuarantee = corpustest.QuoteGuarantee
	quoteGround    = corpustest.QuoteGround
	quoteHarbour   = corpustest.QuoteHarbour
)

// fixtureCorpus is two articles with known quotes and people.
func fixtureCorpus(t testing.TB) *corpus.Corpus { return corpustest.Full(t) }

// manyDocs is a corpus of n one-line articles (for paging and limits).
func manyDocs(t testing.TB, n int) *corpus.Corpus { return corpustest.Many(t, n) }

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
