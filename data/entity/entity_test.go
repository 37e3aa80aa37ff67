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

// an invented article: a mayor, an organisation, a document it issued,
// a document nobody is named to have issued, and a group
const article = "Mayor Ann Ortiz opened the Eastfield bridge on Monday. “We waited ten years,” Ortiz said. " +
	"The Harbour Trust statement said “the wall will be rebuilt by the end of the year.” " +
	"The Trust published a review in May. “The old wall is unsafe,” the report said. " +
	"“Nobody asked us,” residents said.\n\nThe bridge opened late.\n\nCars queued for an hour.\n\n" +
	"“Traffic doubled in a week,” a survey said."

func TestBuild(t *testing.T) {
	es := build(article)
	tests := []struct {
		name   string
		kind   Kind
		quotes int
	}{
		{"Ann Ortiz", Person, 1},
		{"Harbour Trust", Organisation, 2}, // its statement, and the report it published
		{"survey", Document, 1},            // no organisation named near it
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

// TestBodyDocs checks the form of the embedded list of documents bodies
// issue: folded single words, no duplicates.
func TestBodyDocs(t *testing.T) {
	seen := map[string]bool{}
	for n, line := range strings.Split(bodyDocsFile, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		w := strings.TrimSpace(line)
		if w == "" {
			continue
		}
		if w != strings.ToLower(w) || strings.ContainsAny(w, " \t.,;:") || seen[w] {
			t.Errorf("line %d: %q is not one new folded word", n+1, w)
		}
		seen[w] = true
	}
	if !bodyDocs["report"] || bodyDocs["letter"] {
		t.Errorf("bodyDocs read wrong: %v", bodyDocs)
	}
}

// TestPlaceSpeaker checks that a country that speaks is a place, never a
// person or an organisation, in the entities and in the quotation.
func TestPlaceSpeaker(t *testing.T) {
	body := "Talks on the river treaty stalled on Monday. “We will not sign a treaty that drains our lakes,” Canada said in a statement."
	sents := text.Sentences(body)
	toks := text.Tokenize(body)
	ppl := people.FindTokens(body, sents, toks)
	qs := quotes.ExtractTokens(body, sents, toks, ppl)
	es := Build(body, sents, toks, ppl, qs)
	if len(qs) != 1 || qs[0].Speaker != "Canada" {
		t.Fatalf("quotations %+v", qs)
	}
	if qs[0].SpeakerKind != "place" {
		t.Errorf("speaker kind %q, want place", qs[0].SpeakerKind)
	}
	if got := ByKind(es, Place); len(got) != 1 || got[0].Name != "Canada" || got[0].Quotes != 1 {
		t.Errorf("places %+v (all %+v)", got, es)
	}
	if got := ByKind(es, Person); len(got) != 0 {
		t.Errorf("people %+v", got)
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

// TestCanonicalize checks that organisation speakers take the
// organisation's canonical name and that a document speaks for the
// organisation named just before it, with the change traced in Why.
func TestCanonicalize(t *testing.T) {
	tests := []struct {
		name, body, quote string
		want, why         string // want "": the speaker is left as it was
	}{
		{"document after its issuer",
			"Researchers at the Kestrel Policy Centre surveyed 300 farms last spring. “Yields fell by a third,” the report said.",
			"Yields fell by a third", "Kestrel Policy Centre", "document_issuer_named_before"},
		{"acronym",
			"The Kestrel Policy Centre (KPC) surveyed 300 farms. KPC said “yields fell by a third in one year.”",
			"yields fell by a third in one year", "Kestrel Policy Centre", ""},
		{"short form",
			"The Bureau of Harbour Statistics published its figures. “Prices rose in every port,” the Bureau said.",
			"Prices rose in every port", "Bureau of Harbour Statistics", "organisation_canonical_name"},
		{"it after an organisation",
			"The Kestrel Policy Centre studied the port for a year. It now warns that “the wall will fail within a decade.”",
			"the wall will fail within a decade", "Kestrel Policy Centre", "it_organisation_named_before"},
		{"a letter is no body's document",
			"The Kestrel Policy Centre surveyed 300 farms last spring. “Yields fell by a third,” the letter said.",
			"Yields fell by a third", "", ""},
		{"document with no issuer near",
			"The Bureau of Harbour Statistics published its figures.\n\nThe ferries ran late.\n\nThe queues were long.\n\n“Prices rose in every port,” the report said.",
			"Prices rose in every port", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.body)
			toks := text.Tokenize(tc.body)
			ppl := people.FindTokens(tc.body, sents, toks)
			qs := quotes.ExtractTokens(tc.body, sents, toks, ppl)
			before := map[string]string{}
			for _, q := range qs {
				before[q.Text] = q.Speaker
			}
			es := Build(tc.body, sents, toks, ppl, qs)
			var got *quotes.Quote
			for i := range qs {
				if strings.Contains(qs[i].Text, tc.quote) {
					got = &qs[i]
				}
			}
			if got == nil {
				t.Fatalf("quotation %q not found in %+v", tc.quote, qs)
			}
			want := tc.want
			if want == "" {
				want = before[got.Text]
			}
			if got.Speaker != want {
				t.Errorf("speaker %q, want %q (entities %+v)", got.Speaker, want, es)
			}
			if tc.why != "" {
				traced := false
				for _, r := range got.Why {
					traced = traced || r.Feature == tc.why
				}
				if !traced {
					t.Errorf("Why %+v lacks %q", got.Why, tc.why)
				}
			}
			if tc.want != "" {
				found := false
				for _, e := range es {
					found = found || e.Name == tc.want && e.Kind == Organisation && e.Quotes == 1
				}
				if !found {
					t.Errorf("no organisation %q quoted once in %+v", tc.want, es)
				}
			}
		})
	}
}
