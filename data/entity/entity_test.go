package entity

import (
	"strings"
	"testing"

	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/text"
)

func build(body string) []Entity {
	sents := text.Sentences(body)
	toks := text.Tokenize(body)
	ppl := people.FindTokens(body, sents, toks)
	return Build(body, sents, toks, ppl, quotes.ExtractTokens(body, sents, toks, ppl))
}

// an invented article: a mayor, an organisation, a document and a group
const article = "Mayor Ann Ortiz opened the Eastfield bridge on Monday. “We waited ten years,” Ortiz said. " +
	"The Harbour Trust statement said “the wall will be rebuilt by the end of the year.” " +
	"The Trust published a review in May. “The old wall is unsafe,” the report said. " +
	"“Nobody asked us,” residents said."

func TestBuild(t *testing.T) {
	es := build(article)
	tests := []struct {
		name   string
		kind   Kind
		quotes int
	}{
		{"Ann Ortiz", Person, 1},
		{"Harbour Trust", Organisation, 1},
		{"report", Document, 1},
		{"residents", Group, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got *Entity
			for i := range es {
				if strings.Contains(es[i].Name, tc.name) {
					got = &es[i]
				}
			}
			if got == nil {
				t.Fatalf("no entity %q in %+v", tc.name, es)
			}
			if got.Kind != tc.kind || got.Quotes != tc.quotes {
				t.Errorf("kind %q quotes %d, want %q %d", got.Kind, got.Quotes, tc.kind, tc.quotes)
			}
			if len(got.Mentions) == 0 {
				t.Fatal("no mention")
			}
			for _, m := range got.Mentions {
				if m.Start < 0 || m.End > len(article) || m.Start >= m.End {
					t.Errorf("bad mention %+v", m)
				}
			}
		})
	}
}

func TestByRoleAndKind(t *testing.T) {
	es := build(article)
	if got := ByRole(es, "the mayor"); len(got) != 1 || got[0].Name != "Ann Ortiz" {
		t.Errorf("ByRole(the mayor) = %+v", got)
	}
	if got := ByRole(es, "the premier"); len(got) != 0 {
		t.Errorf("ByRole(the premier) = %+v", got)
	}
	if got := ByRole(es, "the"); got != nil {
		t.Errorf("ByRole(the) = %+v, want nothing", got)
	}
	if got := ByKind(es, Person); len(got) != 1 || got[0].Kind != Person {
		t.Errorf("ByKind(Person) = %+v", got)
	}
}

func TestBuildBounded(t *testing.T) {
	body := strings.Repeat("Ann Ortiz said “yes,” Ortiz said. ", 3000)
	for _, e := range build(body) {
		if len(e.Mentions) > maxMentions {
			t.Errorf("%s: %d mentions kept, more than %d", e.Name, len(e.Mentions), maxMentions)
		}
	}
	if es := build(""); len(es) != 0 {
		t.Errorf("empty body: %+v", es)
	}
}
