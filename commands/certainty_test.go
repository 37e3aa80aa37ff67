package commands

import (
	"strings"
	"testing"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/people"
)

// Invented quotations of the certainty fixture, one per way of presenting
// a speaker.
const (
	quoteCertain  = "The ferry will run every hour from the first of May."
	quoteLikely   = "Passengers have waited long enough for a decent timetable."
	quoteUnclear  = "Nobody asked the fishermen what they thought of the plan."
	quoteNoSpeak  = "Tickets will cost the same as last year."
	quoteReportDo = "The harbour needs dredging before the summer season."
)

// certaintyCorpus is one article whose quotations carry each kind of
// attribution: certain, likely, unclear between two people, no speaker,
// and an organisation.
func certaintyCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	marsh := people.Person{Name: "Jo Marsh", Aliases: []string{"Marsh"}, Role: "ferry operator", Mentions: 3}
	okafor := people.Person{Name: "Sam Okafor", Aliases: []string{"Okafor"}, Role: "harbour master", Mentions: 2}
	d := makeDoc(t, article.Article{ID: "ferry-timetable", Title: "Ferry Timetable Changes in May", Date: "2025-04-02", Source: "Portby Gazette"},
		[]string{
			"Jo Marsh, the ferry operator, announced the change. “" + quoteCertain + "”",
			"“" + quoteLikely + "” she added.",
			"Marsh and Sam Okafor, the harbour master, spoke to reporters. “" + quoteUnclear + "”",
			"“" + quoteNoSpeak + "”",
			"A report by the Harbour Trust found that “" + quoteReportDo + "”",
		}, []people.Person{marsh, okafor},
		[]quoteSpec{{quoteCertain, "Jo Marsh"}, {quoteLikely, "Jo Marsh"}, {quoteUnclear, "Sam Okafor"}, {quoteNoSpeak, ""}, {quoteReportDo, "Harbour Trust"}})
	d.Quotes[0].Confidence = 0.98
	d.Quotes[1].Confidence = 0.7
	d.Quotes[2].Confidence, d.Quotes[2].Alternatives = 0.4, []string{"Jo Marsh"}
	d.Quotes[3].Confidence = 0
	d.Quotes[4].Confidence, d.Quotes[4].SpeakerKind = 0.95, "organisation"
	return corpus.New([]*corpus.Doc{d})
}

// TestWhoSaidCertainty checks that /who-said and the message menu show a
// speaker exactly as surely as the attribution is, with the text match
// labelled apart from it.
func TestWhoSaidCertainty(t *testing.T) {
	c := certaintyCorpus(t)
	tests := []struct {
		name, quote string
		title       string // the embed title: who said it, as sure as it is
		footer      string // the speaker part of the footer
		certainty   string // the --json certainty
		role        bool   // the speaker's role shown
	}{
		{"certain", quoteCertain, "Jo Marsh", "Speaker: certain (98%)", "certain", true},
		{"likely", quoteLikely, "Probably Jo Marsh", "Speaker: likely (70%)", "likely", true},
		{"unclear", quoteUnclear, "Speaker unclear (Sam Okafor or Jo Marsh)", "Speaker: unclear (40%)", "unclear", false},
		{"not named", quoteNoSpeak, "The article does not say who said this", "Speaker: not named in the article", "not named", false},
	}
	for _, tt := range tests {
		for _, via := range []string{"slash", "menu"} {
			t.Run(tt.name+"/"+via, func(t *testing.T) {
				req := Request{Name: "who-said", Options: opts("quote", tt.quote), Corpus: c}
				if via == "menu" {
					req = Request{Name: WhoSaidThis, TargetText: "did someone really say “" + tt.quote + "”?", Corpus: c}
				}
				resp := run(t, req)
				if resp.Err != "" || len(resp.Embeds) == 0 {
					t.Fatalf("no answer: %s", allText(resp))
				}
				e := resp.Embeds[0]
				if e.Title != tt.title {
					t.Errorf("title %q, want %q", e.Title, tt.title)
				}
				f := e.Footer.Text
				if !strings.HasPrefix(f, "Text match 100%") || !strings.Contains(f, tt.footer) || strings.Contains(f, "· Match") {
					t.Errorf("footer %q, want the text match and then %q", f, tt.footer)
				}
				r := resp.Results[0].(WhoSaidResult)
				if r.Certainty != tt.certainty {
					t.Errorf("certainty %q, want %q", r.Certainty, tt.certainty)
				}
				hasRole := false
				for _, fl := range e.Fields {
					hasRole = hasRole || fl.Name == "Role"
				}
				if hasRole != tt.role {
					t.Errorf("role shown %v, want %v", hasRole, tt.role)
				}
			})
		}
	}
}

func TestWhoSaidSpeakerKind(t *testing.T) {
	resp := run(t, Request{Name: "who-said", Options: opts("quote", quoteReportDo), Corpus: certaintyCorpus(t)})
	txt := allText(resp)
	if !strings.Contains(txt, "Harbour Trust") || !strings.Contains(txt, "an organisation") {
		t.Errorf("organisation not said:\n%s", txt)
	}
}

// TestWhoSaidEqualMatches: when the words typed fit two quotations alike,
// the answer says so rather than presenting the first as the match.
func TestWhoSaidEqualMatches(t *testing.T) {
	d := makeDoc(t, article.Article{ID: "twins", Title: "Two Statements"}, []string{
		"“The bridge will reopen in June,” Marsh said.",
		"“The bridge will reopen in June,” Okafor said.",
	}, nil, []quoteSpec{{"The bridge will reopen in June,", "Jo Marsh"}})
	// The same words twice, said by two people.
	second := strings.LastIndex(d.Body, "The bridge will reopen in June,")
	q := d.Quotes[0]
	q.Speaker, q.Start, q.End = "Sam Okafor", second, second+len(q.Text)
	d.Quotes = append(d.Quotes, q)
	resp := run(t, Request{Name: "who-said", Options: opts("quote", "bridge will reopen in June"), Corpus: corpus.New([]*corpus.Doc{d})})
	txt := allText(resp)
	if !strings.Contains(txt, "Matches your words equally well") || !strings.Contains(txt, "2 quotations match equally well") {
		t.Errorf("equal matches not said:\n%s", txt)
	}
	if len(resp.Results) != 2 {
		t.Errorf("results %d, want both quotations", len(resp.Results))
	}
}

// TestClosestQuotation: a paraphrase whose best near miss is clearly ahead
// gets that quotation, marked as not an exact match, with its speaker; one
// with no clear leader keeps "not found".
func TestClosestQuotation(t *testing.T) {
	d := makeDoc(t, article.Article{ID: "road", Title: "Council Weighs Bypass"}, []string{
		"“The way forward for the bypass is far from clear,” said Jo Marsh.",
		"“Traffic in the old town has doubled in ten years,” said Sam Okafor.",
		"“We will publish the survey next week,” Okafor added.",
	}, nil, []quoteSpec{
		{"The way forward for the bypass is far from clear,", "Jo Marsh"},
		{"Traffic in the old town has doubled in ten years,", "Sam Okafor"},
		{"We will publish the survey next week,", "Sam Okafor"},
	})
	c := corpus.New([]*corpus.Doc{d})
	tests := []struct {
		query   string
		closest string // speaker of the closest quotation; "" for not found
	}{
		{"the road ahead for the bypass is not clear at all", "Jo Marsh"},
		{"bananas grow on tall plants", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if hs := c.WhoSaid(tt.query, 1); len(hs) > 0 && hs[0].Score >= corpus.Confident {
				t.Fatalf("%q matches confidently (%.2f); the test needs a near miss", tt.query, hs[0].Score)
			}
			resp := run(t, Request{Name: "who-said", Options: opts("quote", tt.query), Corpus: c})
			txt := allText(resp)
			if tt.closest == "" {
				if resp.Err == "" {
					t.Errorf("answered a query with no clear leader:\n%s", txt)
				}
				return
			}
			if resp.Err != "" || !strings.Contains(txt, "not an exact match") || resp.Embeds[0].Title != tt.closest {
				t.Errorf("want the closest quotation by %s, marked:\n%s", tt.closest, txt)
			}
		})
	}
}

// TestArticleByTopic checks /summary's article option: the lede finds an
// article with a poor title, and an ambiguous query offers the candidates
// with their IDs instead of guessing.
func TestArticleByTopic(t *testing.T) {
	docs := []*corpus.Doc{
		makeDoc(t, article.Article{ID: "article-5c4a", Title: "Article 5c4a", Source: "Portby Gazette", Date: "2025-04-01"},
			[]string{"Beekeepers in the valley lost half their hives to a cold spring.", "The honey harvest will be small."}, nil, nil),
		makeDoc(t, article.Article{ID: "orchard-frost", Title: "Frost hits the orchards", Date: "2025-04-03"},
			[]string{"A late frost damaged apple blossom."}, nil, nil),
		makeDoc(t, article.Article{ID: "pear-frost", Title: "Frost hits the pear growers", Date: "2025-04-04"},
			[]string{"Pear growers counted the cost of the frost."}, nil, nil),
	}
	c := corpus.New(docs)
	resp := run(t, Request{Name: "summary", Options: opts("article", "beekeepers hives"), Corpus: c})
	if resp.Err != "" || resp.Embeds[0].Title != "Article 5c4a" {
		t.Errorf("topic query: %s", allText(resp))
	}
	resp = run(t, Request{Name: "summary", Options: opts("article", "frost"), Corpus: c})
	txt := allText(resp)
	if resp.Err == "" || !resp.Ephemeral || !strings.Contains(txt, "Several articles fit") ||
		!strings.Contains(txt, "`orchard-frost`") || !strings.Contains(txt, "`pear-frost`") {
		t.Errorf("ambiguous query should offer both with IDs:\n%s", txt)
	}
	resp = run(t, Request{Name: "summary", Options: opts("article", "pear-frost"), Corpus: c})
	if resp.Err != "" || resp.Embeds[0].Title != "Frost hits the pear growers" {
		t.Errorf("an offered ID does not work: %s", allText(resp))
	}
}

// TestStillLoading: while articles load, a lookup that finds nothing says
// how many are loaded so far rather than "not found".
func TestStillLoading(t *testing.T) {
	c := certaintyCorpus(t)
	for _, req := range []Request{
		{Name: "summary", Options: opts("article", "zebra crossing")},
		{Name: "who-said", Options: opts("quote", "zebra crossing lights")},
	} {
		t.Run(req.Name, func(t *testing.T) {
			req.Corpus, req.Loading = c, true
			resp := run(t, req)
			if got := resp.Embeds[0].Title; got != "Still loading: 1 article so far" {
				t.Errorf("title %q", got)
			}
			req.Loading = false
			if resp := run(t, req); strings.Contains(resp.Embeds[0].Title, "loading") {
				t.Errorf("loaded corpus says loading: %q", resp.Embeds[0].Title)
			}
		})
	}
}

// TestArticleAutocompleteByTopic: words that are in no title still
// suggest the article they are about, first when it is clearly meant.
func TestArticleAutocompleteByTopic(t *testing.T) {
	c := corpus.New([]*corpus.Doc{
		makeDoc(t, article.Article{ID: "article-5c4a", Title: "Article 5c4a"},
			[]string{"Beekeepers in the valley lost half their hives to a cold spring."}, nil, nil),
		makeDoc(t, article.Article{ID: "ferry", Title: "Ferry Timetable Changes"},
			[]string{"The ferry leaves earlier from May."}, nil, nil),
	})
	choices := run(t, Request{Kind: KindAutocomplete, Name: "summary", Focused: "article", Options: opts("article", "beekeepers hives"), Corpus: c}).Choices
	if len(choices) == 0 || choices[0].Value != "article-5c4a" {
		t.Errorf("choices %+v, want the beekeeping article first", choices)
	}
	choices = run(t, Request{Kind: KindAutocomplete, Name: "summary", Focused: "article", Options: opts("article", "ferry tim"), Corpus: c}).Choices
	if len(choices) == 0 || choices[0].Value != "ferry" {
		t.Errorf("choices %+v, want the title being typed first", choices)
	}
}
