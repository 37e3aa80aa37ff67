package corpus

import (
	"strings"
	"testing"

	"newsbot/data"
	"newsbot/data/article"
)

func defaultCorpus(t *testing.T) *Corpus {
	t.Helper()
	arts, warns := article.LoadFS(data.Articles, "articles", article.Options{})
	if len(warns) > 0 {
		t.Fatalf("loading the embedded articles: %v", warns)
	}
	c := Build(arts)
	if c.QuoteCount() == 0 {
		t.Skip("the quote extractor finds no quotation yet (search itself is tested in data/search)")
	}
	return c
}

func TestWhoSaidIssueExamples(t *testing.T) {
	c := defaultCorpus(t)
	tests := []struct {
		fragment, want string
	}{
		{"the specifcs of the backstp are under discusion", "The specifics of the backstop are still under discussion"},
		{"security guarantees beyond a certain point I'm not going to make", "not going to make security guarantees beyond a certain point"},
		{"“we’ll be on the GROUND” and that will provide automatic secuirty", "be on the ground, and that will provide automatic security"},
		{"for peace to endure we need security guarantees", "For peace to endure, we need security guarantees"},
	}
	for _, tt := range tests {
		t.Run(tt.fragment, func(t *testing.T) {
			hs := c.WhoSaid(tt.fragment, 5)
			if len(hs) == 0 {
				t.Fatalf("WhoSaid(%q): no hit", tt.fragment)
			}
			if !strings.Contains(hs[0].Quote.Text, tt.want) {
				t.Errorf("WhoSaid(%q) = %q, want the quotation with %q", tt.fragment, hs[0].Quote.Text, tt.want)
			}
			if hs[0].Score < Confident {
				t.Errorf("WhoSaid(%q): score %.3f below Confident %.2f", tt.fragment, hs[0].Score, Confident)
			}
			if len(hs[0].Matched) < 3 {
				t.Errorf("WhoSaid(%q): %d matched spans to highlight, want at least 3", tt.fragment, len(hs[0].Matched))
			}
			for _, sp := range hs[0].Matched {
				if sp.Start < 0 || sp.End > len(hs[0].Quote.Text) || sp.Start >= sp.End {
					t.Fatalf("WhoSaid(%q): span %+v outside the quotation", tt.fragment, sp)
				}
			}
		})
	}
}

func TestWhoSaidNotFound(t *testing.T) {
	c := defaultCorpus(t)
	for _, q := range []string{
		"the weather in Paris was lovely all week",
		"principles the on clear very I'm",
		"Starmer spoke about forging",
		"we will fight them on the beaches",
	} {
		t.Run(q, func(t *testing.T) {
			if hs := c.WhoSaid(q, 5); len(hs) > 0 && hs[0].Score >= Confident {
				t.Errorf("WhoSaid(%q) answered %q with score %.3f ≥ %.2f", q, hs[0].Quote.Text, hs[0].Score, Confident)
			}
		})
	}
}

func TestSuggestQuotes(t *testing.T) {
	c := defaultCorpus(t)
	tests := []struct{ typed, want string }{
		{"the specifics of the back", "The specifics of the backstop"},
		{"I'm not going to make secu", "not going to make security guarantees"},
		{"fair and bal", "fair and balanced relationship"},
		{"the best", "the best days"},                                  // "the" lists nothing by itself
		{"I'm not going to make secuir", "not going to make security"}, // a typo in the word being typed
		{"secuir", "security"},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			hs := c.SuggestQuotes(tt.typed, 25)
			if len(hs) == 0 || !strings.Contains(hs[0].Quote.Text, tt.want) {
				t.Fatalf("SuggestQuotes(%q): first hit not the quotation with %q (%d hits)", tt.typed, tt.want, len(hs))
			}
		})
	}
	// Every suggestion for "the best" has "best": none is offered for "the".
	for _, h := range c.SuggestQuotes("the best", 25) {
		if !strings.Contains(strings.ToLower(h.Quote.Text), "best") {
			t.Errorf("SuggestQuotes(the best) offered %q", h.Quote.Text)
		}
	}
}

// Queries of function words only name no quotation, person or article,
// however small the corpus.
func TestFunctionWordsOnlyNotConfident(t *testing.T) {
	c := defaultCorpus(t)
	for _, q := range []string{"of the", "the", "it is what it is", "he said that"} {
		t.Run(q, func(t *testing.T) {
			if hs := c.WhoSaid(q, 5); len(hs) > 0 && hs[0].Score >= Confident {
				t.Errorf("WhoSaid(%q) = %q at %.3f", q, hs[0].Quote.Text, hs[0].Score)
			}
			if hs := c.SuggestQuotes(q, 5); len(hs) > 0 && hs[0].Score >= Confident {
				t.Errorf("SuggestQuotes(%q) = %q at %.3f", q, hs[0].Quote.Text, hs[0].Score)
			}
			if hs := c.FindPerson(q, 5); len(hs) > 0 && hs[0].Score >= Confident {
				t.Errorf("FindPerson(%q) = %q at %.3f", q, hs[0].Name, hs[0].Score)
			}
			if hs := c.FindArticle(q, 5); len(hs) > 0 && hs[0].Score >= Confident {
				t.Errorf("FindArticle(%q) = %q at %.3f", q, hs[0].Doc.Title, hs[0].Score)
			}
		})
	}
}

func TestFindArticleAndPerson(t *testing.T) {
	c := defaultCorpus(t)
	for _, q := range []string{"starmer ukraine", "Keir Starmer pushes", "safeguard european peace", "ukrane starmr", "starmr"} {
		t.Run("article/"+q, func(t *testing.T) {
			hs := c.FindArticle(q, 3)
			if len(hs) == 0 || !strings.Contains(hs[0].Doc.Title, "Starmer") {
				t.Fatalf("FindArticle(%q) = %v", q, hs)
			}
			if hs[0].Score < Confident {
				t.Errorf("FindArticle(%q): score %.3f below Confident", q, hs[0].Score)
			}
		})
	}
	if hs := c.CompleteArticle("keir sta", 3); len(hs) == 0 {
		t.Errorf("CompleteArticle(%q): no hit", "keir sta")
	}
	if len(c.Docs[0].People) == 0 {
		t.Skip("no people found yet")
	}
	for _, q := range []string{"Starmer", "starmr", "Trump"} {
		t.Run("person/"+q, func(t *testing.T) {
			hs := c.FindPerson(q, 3)
			if len(hs) == 0 || !strings.Contains(strings.ToLower(hs[0].Name), strings.ToLower(strings.TrimSuffix(q, "mr"))[:4]) {
				t.Fatalf("FindPerson(%q) = %v", q, hs)
			}
			if hs[0].Score < Confident {
				t.Errorf("FindPerson(%q): score %.3f below Confident", q, hs[0].Score)
			}
		})
	}
}

func TestSearchTextFindsCommonWords(t *testing.T) {
	c := defaultCorpus(t)
	hs := c.SearchText("ukraine", 10)
	if len(hs) < 2 {
		t.Fatalf("SearchText(ukraine): %d hits, want several", len(hs))
	}
	for _, h := range hs {
		if h.Score < Confident {
			t.Errorf("SearchText(ukraine): mention %q scores %.3f below Confident", h.Sentence.Text, h.Score)
		}
	}
}
