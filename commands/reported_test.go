package commands

import (
	"encoding/json"
	"strings"
	"testing"

	"newsbot/data"
	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/text"
)

const (
	reportedRebuild = "the council would rebuild the sea wall before the winter storms"
	directFlood     = "We will not let the harbour flood again,"
	reportedCost    = "the sea wall would cost four million pounds"
	directPrice     = "Four million is a fair price for a dry town."
)

// reportedCorpus is one article with direct quotations and reported
// speech (Direct false) by two people.
func reportedCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	ellis := people.Person{Name: "Ann Ellis", Aliases: []string{"Ellis", "the mayor"}, Role: "Mayor of Portby", Mentions: 3}
	reed := people.Person{Name: "Tom Reed", Aliases: []string{"Reed"}, Role: "Treasurer", Mentions: 2}
	d := makeDoc(t, article.Article{ID: "portby-sea-wall", Title: "Portby Council Votes on Sea Wall", Date: "2025-03-02"},
		[]string{
			"The mayor of Portby, Ann Ellis, spoke after the vote.",
			"Ellis said " + reportedRebuild + ".",
			"“" + directFlood + "” Ellis said.",
			"Tom Reed, the treasurer, said " + reportedCost + ".",
			"“" + directPrice + "” Reed said.",
		}, []people.Person{ellis, reed},
		[]quoteSpec{{reportedRebuild, "Ann Ellis"}, {directFlood, "Ann Ellis"}, {reportedCost, "Tom Reed"}, {directPrice, "Tom Reed"}})
	for i := range d.Quotes {
		d.Quotes[i].Direct = !strings.HasPrefix(d.Quotes[i].Text, "the ")
	}
	return corpus.New([]*corpus.Doc{d})
}

// TestReportedSpeechShown checks every place a quotation is shown: reported
// speech never appears in quotation marks and is tagged, direct speech
// keeps its marks, and the results say which is which.
func TestReportedSpeechShown(t *testing.T) {
	c := reportedCorpus(t)
	tests := []struct {
		name string
		req  Request
		// shown are the quotations the answer must show.
		shown []string
	}{
		{"who-said reported", Request{Name: "who-said", Options: opts("quote", "council would rebuild the sea wall")}, []string{reportedRebuild}},
		{"who-said direct", Request{Name: "who-said", Options: opts("quote", "not let the harbour flood")}, []string{directFlood}},
		{"who-said also matching", Request{Name: "who-said", Options: opts("quote", "sea wall")}, []string{reportedRebuild, reportedCost}},
		{"who-said did you mean", Request{Name: "who-said", Options: opts("quote", "council rebuilds a harbour wall after summer")}, []string{reportedRebuild}},
		{"context menu", Request{Name: WhoSaidThis, TargetText: "did the mayor say “the council would rebuild the sea wall”?"}, []string{reportedRebuild}},
		{"quotes", Request{Name: "quotes", Options: opts("person", "Ellis")}, []string{reportedRebuild, directFlood}},
		{"quotes in article", Request{Name: "quotes", Options: opts("person", "Reed", "article", "sea wall")}, []string{reportedCost, directPrice}},
		{"autocomplete", Request{Kind: KindAutocomplete, Name: "who-said", Focused: "quote", Options: opts("quote", "sea wa")}, []string{reportedRebuild, reportedCost}},
		{"autocomplete empty", Request{Kind: KindAutocomplete, Name: "who-said", Focused: "quote", Options: opts("quote", "")}, []string{reportedRebuild, directFlood, reportedCost, directPrice}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Corpus = c
			resp := run(t, tt.req)
			txt := allText(resp)
			for _, q := range tt.shown {
				head := q[:25]
				if !strings.Contains(txt, head) {
					t.Fatalf("answer lacks %q:\n%s", head, txt)
				}
				direct := !strings.HasPrefix(q, "the ")
				if marked := strings.Contains(txt, "“"+head); marked != direct {
					t.Errorf("%q in quotation marks = %v, want %v:\n%s", head, marked, direct, txt)
				}
				if !direct && !strings.Contains(txt, head+strings.TrimPrefix(q, head)+" *(reported)*") &&
					!strings.Contains(txt, head+strings.TrimPrefix(q, head)+" (reported)") {
					t.Errorf("%q is not tagged as reported:\n%s", head, txt)
				}
			}
			// Machine-readable results carry "direct".
			for _, r := range resp.Results {
				b, err := json.Marshal(r)
				if err != nil {
					t.Fatal(err)
				}
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatal(err)
				}
				q, _ := m["quote"].(string)
				d, ok := m["direct"].(bool)
				if !ok || d != !strings.HasPrefix(q, "the ") {
					t.Errorf("result %s: direct = %v (present %v)", b, d, ok)
				}
			}
		})
	}
}

// TestQuoteLine checks how /quotes shows one quotation: trailing commas
// dropped, short fragments in their sentence, reported speech tagged.
func TestQuoteLine(t *testing.T) {
	d := makeDoc(t, article.Article{ID: "x", Title: "X"}, []string{
		"Starmer spoke about a “new partnership” with the US.",
		"“For peace to endure, we need security guarantees,” he said.",
		"He said the talks went well.",
	}, nil, []quoteSpec{{"new partnership", "Keir Starmer"}, {"For peace to endure, we need security guarantees,", "Keir Starmer"}, {"the talks went well", "Keir Starmer"}})
	d.Quotes[2].Direct = false
	tests := []struct {
		q    *quotes.Quote
		want string
	}{
		{&d.Quotes[0], "Starmer spoke about a “**new partnership**” with the US."},
		{&d.Quotes[1], "“For peace to endure, we need security guarantees”"},
		{&d.Quotes[2], "the talks went well *(reported)*"},
	}
	for _, tt := range tests {
		t.Run(tt.q.Text, func(t *testing.T) {
			if got := quoteLine(corpus.QuoteHit{Doc: d, Quote: tt.q}); got != tt.want {
				t.Errorf("quoteLine = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDidYouMean checks that near misses are offered only when they share
// a content word with the query, and that otherwise the answer says
// plainly that nothing matches and what to try next.
func TestDidYouMean(t *testing.T) {
	arts, warns := article.LoadFS(data.Articles, "articles", article.Options{})
	if len(arts) == 0 {
		t.Fatalf("no embedded articles: %v", warns)
	}
	defaults := corpus.Build(arts)
	fixture := fixtureCorpus(t)
	tests := []struct {
		name     string
		corpus   *corpus.Corpus
		cmd, opt string
		query    string
		want     []string // speakers (who-said) or passages (search) suggested; nil: none
		// closest: the one near miss is clearly ahead and is shown as
		// the closest quotation instead (want is its speaker).
		closest bool
	}{
		{"unrelated words, default article", defaults, "who-said", "quote", "bananas are yellow and tasty", nil, false},
		{"unrelated words", fixture, "who-said", "quote", "bananas are yellow and tasty", nil, false},
		{"only function words shared", fixture, "who-said", "quote", "bananas of the world", nil, false},
		{"near miss, clearly ahead", fixture, "who-said", "quote", "backstop discussion principles", []string{"Keir Starmer"}, true},
		{"near misses, none ahead", fixture, "who-said", "quote", "security promises", []string{"Donald Trump", "Donald Trump"}, false},
		{"near miss with a function word, clearly ahead", fixture, "who-said", "quote", "security for the harbour", []string{"Ann Ellis"}, true},
		{"typo reaches a contraction only", fixture, "who-said", "quote", "wall of the harbour", []string{"Ann Ellis"}, true},
		{"search, unrelated", defaults, "search", "text", "bananas are yellow", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := run(t, Request{Name: tt.cmd, Options: opts(tt.opt, tt.query), Corpus: tt.corpus})
			if tt.closest {
				if resp.Err != "" || len(resp.Results) == 0 {
					t.Fatalf("%q: no closest quotation shown: %s", tt.query, allText(resp))
				}
				r := resp.Results[0].(WhoSaidResult)
				if !r.Closest || r.Speaker != tt.want[0] || !strings.Contains(allText(resp), "not an exact match") {
					t.Errorf("%q: got %+v, want the closest quotation by %s marked as not an exact match", tt.query, r, tt.want[0])
				}
				return
			}
			if resp.Err == "" {
				t.Fatalf("%q matched confidently; the test needs a near miss", tt.query)
			}
			txt := allText(resp)
			if got := strings.Contains(txt, "Did you mean"); got != (tt.want != nil) {
				t.Fatalf("Did you mean shown = %v, want %v:\n%s", got, tt.want != nil, txt)
			}
			if tt.want == nil {
				if len(resp.Results) != 0 {
					t.Errorf("results %v, want none", resp.Results)
				}
				if !strings.Contains(txt, "/search") && !strings.Contains(txt, "/who-said") {
					t.Errorf("no next step offered:\n%s", txt)
				}
				return
			}
			var got []string
			for _, r := range resp.Results {
				got = append(got, r.(WhoSaidResult).Speaker)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("suggested %q, want %q:\n%s", got, tt.want, txt)
			}
		})
	}
}

func TestWorthSuggesting(t *testing.T) {
	const s = "We'll be on the ground, and the harbour is safe."
	span := func(w string) []int {
		i := strings.Index(s, w)
		return []int{i, i + len(w)}
	}
	tests := []struct {
		name    string
		score   float64
		matched [][]int
		query   string
		want    bool
	}{
		{"content word", 0.3, [][]int{span("harbour")}, "harbour", true},
		{"function words only", 0.3, [][]int{span("the"), span("and")}, "the and", false},
		{"contraction", 0.3, [][]int{span("We'll")}, "wall", false},
		{"below the floor", suggestFloor / 2, [][]int{span("harbour")}, "harbour", false},
		{"no spans: shared content word", 0.3, nil, "the harbour", true},
		{"no spans: function words", 0.3, nil, "the and is", false},
		{"span out of range", 0.3, [][]int{{40, 400}}, "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m []text.Span
			for _, p := range tt.matched {
				m = append(m, text.Span{Start: p[0], End: p[1]})
			}
			if got := worthSuggesting(tt.query, s, tt.score, m); got != tt.want {
				t.Errorf("worthSuggesting = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPeopleReported checks that /people tells quotations from reported
// speech and says "Not quoted" rather than "Quoted 0 times".
func TestPeopleReported(t *testing.T) {
	resp := run(t, Request{Name: "people", Options: opts("article", "sea wall"), Corpus: reportedCorpus(t)})
	if resp.Err != "" {
		t.Fatal(resp.Err)
	}
	e := resp.Embeds[0]
	if want := "2 people named, 4 quotations (2 of them reported speech)."; e.Description != want {
		t.Errorf("description %q, want %q", e.Description, want)
	}
	if p := resp.Results[0].(PersonResult); p.Quotes != 2 || p.Reported != 1 {
		t.Errorf("first person %+v, want 2 quotes, 1 reported", p)
	}
	tests := []struct {
		n, reported, likely, unclear int
		want                         string
	}{
		{0, 0, 0, 0, "Not quoted"},
		{1, 0, 0, 0, "Quoted 1 time"},
		{3, 1, 0, 0, "Quoted 3 times, 1 in reported speech"},
		{2, 2, 0, 0, "Quoted 2 times, all in reported speech"},
		{3, 0, 1, 1, "Quoted 3 times (1 probably, 1 unclear)"},
	}
	for _, tt := range tests {
		p := PersonResult{Quotes: tt.n, Reported: tt.reported, Likely: tt.likely, Unclear: tt.unclear}
		if got := quotedLine(p); got != tt.want {
			t.Errorf("quotedLine(%+v) = %q, want %q", p, got, tt.want)
		}
	}
}

// TestQuotesNotQuotedHint checks that the hint for a person without
// quotations fits the request: article: is mentioned only when given.
func TestQuotesNotQuotedHint(t *testing.T) {
	c := fixtureCorpus(t)
	tests := []struct {
		name, person, article string
		want, not             []string
	}{
		{"never quoted", "Putin", "", []string{"in any article", "never quoted", "/people article:"}, []string{"leave out article:", "Leave out article:"}},
		{"not in that article", "Trump", "portby", []string{"Portby Harbour Wall", "not named in it", "Leave out article:"}, nil},
		{"named but not quoted there", "Putin", "starmer", []string{"not quoted in it", "Leave out article:"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := run(t, Request{Name: "quotes", Options: opts("person", tt.person, "article", tt.article), Corpus: c})
			txt := allText(resp)
			if resp.Err == "" || !resp.Ephemeral {
				t.Fatalf("want an ephemeral not-found answer:\n%s", txt)
			}
			for _, s := range tt.want {
				if !strings.Contains(txt, s) {
					t.Errorf("answer lacks %q:\n%s", s, txt)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(txt, s) {
					t.Errorf("answer has %q:\n%s", s, txt)
				}
			}
		})
	}
}

// TestFunctionWordsOnly checks that a query made only of function words is
// never taken as naming a quotation, person or article, even where an index
// scores it as a confident match on a small corpus.
func TestFunctionWordsOnly(t *testing.T) {
	c := fixtureCorpus(t)
	tests := []struct {
		name, cmd, opt, query, want string
	}{
		{"who-said", "who-said", "quote", "of the", "too common to identify a quotation"},
		{"who-said, longer", "who-said", "quote", "it is what it is", "too common to identify a quotation"},
		{"who-said, no words", "who-said", "quote", "…!?", "has no words to look up"},
		{"quotes", "quotes", "person", "the", "too common to identify a person"},
		{"people", "people", "article", "the", "too common to identify an article"},
		{"summary", "summary", "article", "of the", "too common to identify an article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := run(t, Request{Name: tt.cmd, Options: opts(tt.opt, tt.query), Corpus: c})
			if resp.Err == "" || !resp.Ephemeral || len(resp.Results) != 0 {
				t.Fatalf("want an ephemeral failure without results, got err %q, %d results", resp.Err, len(resp.Results))
			}
			if !strings.Contains(resp.Err, tt.want) {
				t.Errorf("err %q, want %q", resp.Err, tt.want)
			}
		})
	}
	// A content word among them is looked up as usual.
	if resp := run(t, Request{Name: "quotes", Options: opts("person", "the Prime Minister"), Corpus: c}); resp.Err != "" {
		t.Errorf("the Prime Minister: %q", resp.Err)
	}
}

// TestQuoteLinesGroup checks that a fragment and the person's other
// quotations in the same sentence make one line, not a line each.
func TestQuoteLinesGroup(t *testing.T) {
	d := makeDoc(t, article.Article{ID: "x", Title: "X"}, []string{
		"Starmer spoke about a “new partnership”, asserting that the best days were ahead.",
		"He said the talks went well.",
	}, []people.Person{{Name: "Keir Starmer", Aliases: []string{"Starmer"}}}, []quoteSpec{{"new partnership", "Keir Starmer"}, {"the best days were ahead", "Keir Starmer"}, {"the talks went well", "Keir Starmer"}})
	d.Quotes[1].Direct, d.Quotes[2].Direct = false, false
	var hits []corpus.QuoteHit
	for i := range d.Quotes {
		hits = append(hits, corpus.QuoteHit{Doc: d, Quote: &d.Quotes[i]})
	}
	got := quoteLines(hits)
	want := []listLine{
		{"Starmer spoke about a “**new partnership**”, asserting that **the best days were ahead**.", 2},
		{"the talks went well *(reported)*", 1},
	}
	if len(got) != len(want) {
		t.Fatalf("lines %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// Through the command: both quotations counted, the sentence once.
	resp := run(t, Request{Name: "quotes", Options: opts("person", "Keir Starmer"), Corpus: corpus.New([]*corpus.Doc{d})})
	if n := strings.Count(resp.Embeds[0].Description, "best days"); n != 1 || len(resp.Results) != 3 {
		t.Errorf("sentence shown %d times, %d results:\n%s", n, len(resp.Results), resp.Embeds[0].Description)
	}
}

// TestWhoSaidLongContext checks that a context too long for a field is cut
// without leaving an unclosed bold.
func TestWhoSaidLongContext(t *testing.T) {
	long := strings.Repeat("The harbour wall matters to every family in this town and to the boats. ", 20)
	q := strings.TrimSpace(long)
	d := makeDoc(t, article.Article{ID: "long", Title: "Long"}, []string{"“" + q + "” Ellis said."},
		[]people.Person{{Name: "Ann Ellis"}}, []quoteSpec{{q, "Ann Ellis"}})
	resp := run(t, Request{Name: "who-said", Options: opts("quote", "harbour wall matters to every family"), Corpus: corpus.New([]*corpus.Doc{d})})
	if resp.Err != "" {
		t.Fatal(resp.Err)
	}
	for _, f := range resp.Embeds[0].Fields {
		if f.Name == "Context" && strings.Count(f.Value, "**")%2 != 0 {
			t.Errorf("context has an unclosed bold: %q", f.Value)
		}
	}
}
