package corpus

import (
	"context"
	"testing"

	"newsbot/data/article"
)

// lookupCorpus is a few invented articles: one with a poor title that only
// its content identifies, two that share a topic word, one that merely
// mentions the harbour in passing.
func lookupCorpus(t *testing.T) *Corpus {
	t.Helper()
	return Build([]article.Article{
		{ID: "council-budget", Title: "Council votes on budget",
			Body: "The harbour wall at Portby will be rebuilt with money from the new budget.\n" +
				"Councillors agreed the repairs after the winter storms.\n" +
				"The vote was close."},
		{ID: "article-5c4a", Title: "Article 5c4a",
			Body: "Beekeepers in the valley lost half their hives to a cold spring.\n" +
				"The honey harvest will be the smallest in a decade, the growers' association said."},
		{ID: "orchard-frost", Title: "Frost hits the orchards",
			Body: "A late frost damaged apple blossom across the county.\n" +
				"Growers expect a smaller harvest this autumn."},
		{ID: "pear-frost", Title: "Frost hits the pear growers",
			Body: "Pear growers counted the cost of the frost.\n" +
				"Some expect to lose the whole crop."},
		{ID: "ferry-timetable", Title: "Ferry timetable changes in May",
			Body: "The ferry will leave an hour earlier from May.\n" +
				"Passengers at the harbour were told last week."},
	})
}

func TestLookupArticle(t *testing.T) {
	c := lookupCorpus(t)
	tests := []struct {
		query string
		want  string // ID of the first hit, "" for none
		clear bool
		where Where
	}{
		{"council-budget", "council-budget", true, ByID},
		{"Council votes on budget", "council-budget", true, InTitle},
		{"ferry timetable", "ferry-timetable", true, InTitle},
		{"timetabel", "ferry-timetable", true, InTitle}, // a typo
		// Not in any title: the lede says what the article is about.
		{"beekeepers hives", "article-5c4a", true, InLede},
		{"honey harvest", "article-5c4a", true, InLede},
		// The words in different sentences of one article.
		{"harbour repairs", "council-budget", true, InLede},
		// Two titles fit equally: the user chooses.
		{"frost", "", false, ""},
		{"zebra crossing", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			l := c.LookupArticle(tt.query, 5)
			if l.Clear != tt.clear {
				t.Errorf("Clear = %v, want %v (hits %v)", l.Clear, tt.clear, describe(l.Hits))
			}
			if tt.want == "" {
				if tt.clear {
					t.Fatal("bad test")
				}
				return
			}
			if len(l.Hits) == 0 || l.Hits[0].Doc.ID != tt.want || l.Hits[0].Where != tt.where {
				t.Fatalf("hits %v, want %s first (%s)", describe(l.Hits), tt.want, tt.where)
			}
		})
	}
}

func TestLookupArticleAmbiguousOffersBoth(t *testing.T) {
	c := lookupCorpus(t)
	l := c.LookupArticle("frost", 5)
	got := map[string]bool{}
	for _, h := range l.Hits {
		got[h.Doc.ID] = true
	}
	if !got["orchard-frost"] || !got["pear-frost"] {
		t.Errorf("hits %v, want both frost articles offered", describe(l.Hits))
	}
	if l.Clear {
		t.Error("an ambiguous query was taken as clear")
	}
}

func TestLookupArticleNoNoise(t *testing.T) {
	c := lookupCorpus(t)
	for _, q := range []string{"zebra crossing", "qqqq", ""} {
		t.Run(q, func(t *testing.T) {
			if l := c.LookupArticle(q, 5); len(l.Hits) > 0 {
				t.Errorf("%q offered %v", q, describe(l.Hits))
			}
		})
	}
}

func describe(hs []ArticleHit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Doc.ID+"/"+string(h.Where))
	}
	return out
}

// TestLookupArticleContext: a done context stops the lookup, which then
// never claims a clear answer.
func TestLookupArticleContext(t *testing.T) {
	c := lookupCorpus(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	l, err := c.LookupArticleContext(ctx, "beekeepers hives", 5)
	if err == nil || l.Clear {
		t.Errorf("cancelled lookup: %+v, %v", l, err)
	}
	if l, err := c.LookupArticleContext(t.Context(), "beekeepers hives", 5); err != nil || !l.Clear {
		t.Errorf("live lookup: %+v, %v", l, err)
	}
	// An ID needs no search.
	if l, err := c.LookupArticleContext(ctx, "council-budget", 5); err != nil || !l.Clear {
		t.Errorf("ID with a done context: %+v, %v", l, err)
	}
}
