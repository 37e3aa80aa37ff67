package quotes

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"newsbot/data/article/articletest"
	"newsbot/data/internal/evaldata"
	"newsbot/data/people"
	"newsbot/data/text"
)

// seedArticle is the design's own article, shipped with the project.
const seedArticle = "../articles/keir-starmer-us-role-in-ukraine.txt"

type seedQuote struct{ text, speaker string }

// seedQuotes are the article's ten quotations with their speakers, from
// articletest (the one copy of the design's expectations).
var seedQuotes = func() []seedQuote {
	var out []seedQuote
	for _, q := range articletest.SeedQuotes {
		out = append(out, seedQuote{q.Text, q.Speaker})
	}
	return out
}()

// loadSeed reads the seed article: the first line is the title.
func loadSeed(t *testing.T) (title, body string) {
	t.Helper()
	b, err := os.ReadFile(seedArticle)
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	title, body, _ = strings.Cut(string(b), "\n")
	return title, body
}

func analyseSeed(t *testing.T) ([]people.Person, []Quote, string) {
	title, body := loadSeed(t)
	sents := text.Sentences(body)
	ppl := people.Find(title, body, sents)
	return ppl, Extract(body, sents, ppl), body
}

func checkSeedQuotes(t *testing.T, want []seedQuote, qs []Quote, body string) {
	t.Helper()
	for _, w := range want {
		t.Run(w.text, func(t *testing.T) {
			for _, q := range qs {
				if q.Direct && q.Text == w.text {
					if q.Speaker != w.speaker {
						t.Errorf("speaker %q, want %q", q.Speaker, w.speaker)
					}
					if body[q.Start:q.End] != q.Text {
						t.Errorf("offsets [%d,%d) give %q", q.Start, q.End, body[q.Start:q.End])
					}
					return
				}
			}
			t.Errorf("quotation not found")
		})
	}
	for _, q := range qs {
		if q.Speaker == "Vladimir Putin" {
			t.Errorf("%q attributed to Vladimir Putin, who says nothing", q.Text)
		}
	}
}

func TestSeedQuotes(t *testing.T) {
	_, qs, body := analyseSeed(t)
	checkSeedQuotes(t, seedQuotes, qs, body)
	direct := 0
	for _, q := range qs {
		if q.Direct {
			direct++
		}
	}
	if direct != len(seedQuotes) {
		t.Errorf("%d direct quotations, want %d", direct, len(seedQuotes))
	}
}

func TestSeedPeople(t *testing.T) {
	ppl, _, _ := analyseSeed(t)
	want := []struct {
		name  string
		roles []string
		alias string
	}{
		{"Keir Starmer", []string{"Prime Minister of the UK"}, "Starmer"},
		{"Donald Trump", []string{""}, "Trump"},
		{"Vladimir Putin", []string{"Russian President"}, "Putin"},
		{"Lord Mandelson", []string{"the British Ambassador", "British Ambassador"}, "Mandelson"},
	}
	if len(ppl) != len(want) {
		t.Errorf("%d people %v, want %d", len(ppl), ppl, len(want))
	}
	for _, w := range want {
		t.Run(w.name, func(t *testing.T) {
			for _, p := range ppl {
				if p.Name != w.name {
					continue
				}
				ok := false
				for _, r := range w.roles {
					ok = ok || p.Role == r
				}
				if !ok {
					t.Errorf("role %q, want one of %q", p.Role, w.roles)
				}
				has := false
				for _, a := range p.Aliases {
					has = has || a == w.alias
				}
				if !has {
					t.Errorf("aliases %q lack %q", p.Aliases, w.alias)
				}
				return
			}
			t.Errorf("not found among %v", ppl)
		})
	}
}

// sharedFile returns ../shared/<rel> beside the module root ("eval/…"),
// skipping the test when it is absent.
func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	return evaldata.Require(t, strings.TrimPrefix(rel, "eval/"))
}

func TestSeedQuotesShared(t *testing.T) {
	p := sharedFile(t, "eval/seed-quotes.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	var seed struct {
		People []struct {
			Name    string   `json:"name"`
			Aliases []string `json:"aliases"`
			Role    *string  `json:"role"`
		} `json:"people"`
		Quotes []struct {
			Quote   string `json:"quote"`
			Speaker string `json:"speaker"`
		} `json:"quotes"`
	}
	if err := json.Unmarshal(b, &seed); err != nil {
		t.Fatalf("parse %s: %v", p, err)
	}
	var want []seedQuote
	for _, q := range seed.Quotes {
		want = append(want, seedQuote{q.Quote, q.Speaker})
	}
	ppl, qs, body := analyseSeed(t)
	checkSeedQuotes(t, want, qs, body)
	for _, sp := range seed.People {
		found := false
		for _, p := range ppl {
			if p.Name != sp.Name {
				continue
			}
			found = true
			if sp.Role != nil && strings.TrimPrefix(*sp.Role, "the ") != strings.TrimPrefix(p.Role, "the ") {
				t.Errorf("%s: role %q, want %q", sp.Name, p.Role, *sp.Role)
			}
		}
		if !found {
			t.Errorf("person %s not found", sp.Name)
		}
	}
}
