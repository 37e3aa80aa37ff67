package commands

import (
	"context"
	"strings"
	"testing"

	"newsbot/data"
	"newsbot/data/article"
	"newsbot/data/corpus"
)

// worstKeystroke is issue 10 item 1's input: 299 "ﬃ" ligatures and an
// "x", each ligature folding to three letters.
var worstKeystroke = strings.Repeat("\ufb03", 299) + "x"

// TestAutocompleteHonoursContext: an autocomplete whose context has ended
// answers at once with what it has (here nothing), whatever was typed, and
// with time left it answers in full.
func TestAutocompleteHonoursContext(t *testing.T) {
	c := fixtureCorpus(t)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name, command, option, value string
	}{
		{"who-said", "who-said", "quote", "security guarant"},
		{"who-said ligatures", "who-said", "quote", worstKeystroke},
		{"quotes person", "quotes", "person", "Starm"},
		{"quotes person ligatures", "quotes", "person", worstKeystroke},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := Request{Kind: KindAutocomplete, Name: tt.command, Focused: tt.option, Options: opts(tt.option, tt.value), Corpus: c}
			resp, err := New().Handle(done, req)
			if err != nil || len(resp.Choices) != 0 {
				t.Errorf("after its context ended: %d choices, err %v", len(resp.Choices), err)
			}
			if strings.Contains(tt.value, "\ufb03") {
				return
			}
			resp, _ = New().Handle(context.Background(), req)
			if len(resp.Choices) == 0 {
				t.Errorf("no choices with time to spare")
			}
		})
	}
}

// BenchmarkWorstKeystroke is issue 10 item 1's figure: one autocomplete of
// the worst option text, through the router, on the embedded articles.
func BenchmarkWorstKeystroke(b *testing.B) {
	arts, _ := article.LoadFS(data.Articles, "articles", article.Options{})
	r := New()
	req := Request{Kind: KindAutocomplete, Name: "who-said", Focused: "quote", Options: opts("quote", worstKeystroke), Corpus: corpus.Build(arts)}
	b.ReportAllocs()
	for b.Loop() {
		r.Handle(context.Background(), req)
	}
}
