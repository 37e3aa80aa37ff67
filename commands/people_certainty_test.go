package commands

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/entity"
	"newsbot/data/people"
)

// surnameCorpus has two people who share a surname, in two articles, one
// of them quoted with less than certainty, and a role held by one person.
func surnameCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	ada := people.Person{Name: "Ada Quill", Aliases: []string{"Quill"}, Role: "harbour master", Mentions: 2}
	ben := people.Person{Name: "Ben Quill", Aliases: []string{"Quill"}, Mentions: 2}
	d1 := makeDoc(t, article.Article{ID: "dredging", Title: "Harbour Dredging Starts", Date: "2025-05-01"},
		[]string{"Ada Quill, the harbour master, spoke first. “The channel will be dredged by June.”",
			"“We checked the depth twice.” Quill said."},
		[]people.Person{ada}, []quoteSpec{{"The channel will be dredged by June.", "Ada Quill"}, {"We checked the depth twice.", "Ada Quill"}})
	d1.Quotes[1].Confidence = 0.7
	d2 := makeDoc(t, article.Article{ID: "bakery", Title: "Bakery Opens on Quay Street", Date: "2025-05-03"},
		[]string{"Ben Quill opened his bakery on Monday. “Bread at dawn, every day.”"},
		[]people.Person{ben}, []quoteSpec{{"Bread at dawn, every day.", "Ben Quill"}})
	return corpus.New([]*corpus.Doc{d1, d2})
}

// TestQuotesSameSurname: a surname two people share asks which, with a
// button for each; the button answers for the one chosen; autocomplete
// tells them apart by role or article.
func TestQuotesSameSurname(t *testing.T) {
	c := surnameCorpus(t)
	resp := run(t, Request{Name: "quotes", Options: opts("person", "Quill"), Corpus: c})
	txt := allText(resp)
	if resp.Err == "" || !strings.Contains(txt, "Two people fit") || !strings.Contains(txt, "Ada Quill** — harbour master") || !strings.Contains(txt, "Ben Quill** — in Bakery Opens") {
		t.Fatalf("want a question naming both:\n%s", txt)
	}
	if len(resp.Components) != 1 {
		t.Fatalf("want one row of buttons, got %d", len(resp.Components))
	}
	r := New()
	for _, want := range []string{"Ada Quill", "Ben Quill"} {
		t.Run("press "+want, func(t *testing.T) {
			id := "quotes:pick:" + want
			got, err := r.Handle(t.Context(), Request{Kind: KindComponent, CustomID: id, Corpus: c})
			if err != nil || got.Err != "" || !strings.HasPrefix(got.Embeds[0].Title, "Quotes by "+want) {
				t.Errorf("pressing %s: %v %s", id, err, allText(got))
			}
		})
	}
	choices := run(t, Request{Kind: KindAutocomplete, Name: "quotes", Focused: "person", Options: opts("person", "Quil"), Corpus: c}).Choices
	var names []string
	for _, ch := range choices {
		names = append(names, ch.Name)
	}
	all := strings.Join(names, "|")
	if !strings.Contains(all, "Ada Quill (harbour master)") || !strings.Contains(all, "Ben Quill (in Bakery Opens on Quay Street)") {
		t.Errorf("autocomplete %q, want both with role or article", names)
	}
	// The full name is not ambiguous.
	if resp := run(t, Request{Name: "quotes", Options: opts("person", "Ben Quill"), Corpus: c}); resp.Err != "" {
		t.Errorf("full name: %s", allText(resp))
	}
}

// TestQuotesByRole: a role finds whoever holds it.
func TestQuotesByRole(t *testing.T) {
	resp := run(t, Request{Name: "quotes", Options: opts("person", "the harbour master"), Corpus: surnameCorpus(t)})
	if resp.Err != "" || !strings.HasPrefix(resp.Embeds[0].Title, "Quotes by Ada Quill") {
		t.Errorf("role query: %s", allText(resp))
	}
}

// TestQuotesCertainty: /quotes marks what is not surely theirs, and its
// footer counts what the list shows.
func TestQuotesCertainty(t *testing.T) {
	c := certaintyCorpus(t)
	tests := []struct {
		person string
		lines  []string // substrings, one per expected bullet
		footer string
	}{
		{"Jo Marsh", []string{quoteCertain + "”", quoteLikely + "” *(probably theirs)*", quoteUnclear + "” *(speaker unclear: Sam Okafor or Jo Marsh)*"},
			"3 quotations in Ferry Timetable Changes in May (1 probably theirs, 1 speaker unclear)"},
		{"Sam Okafor", []string{quoteUnclear + "” *(speaker unclear: Sam Okafor or Jo Marsh)*"},
			"1 quotation in Ferry Timetable Changes in May (1 speaker unclear)"},
	}
	for _, tt := range tests {
		t.Run(tt.person, func(t *testing.T) {
			resp := run(t, Request{Name: "quotes", Options: opts("person", tt.person), Corpus: c})
			if resp.Err != "" {
				t.Fatal(allText(resp))
			}
			e := resp.Embeds[0]
			bullets := strings.Count(e.Description, "• ")
			if bullets != len(tt.lines) {
				t.Errorf("%d bullets, want %d:\n%s", bullets, len(tt.lines), e.Description)
			}
			for _, l := range tt.lines {
				if !strings.Contains(e.Description, l) {
					t.Errorf("no line with %q:\n%s", l, e.Description)
				}
			}
			if e.Footer.Text != tt.footer {
				t.Errorf("footer %q, want %q", e.Footer.Text, tt.footer)
			}
		})
	}
}

// TestQuotesFooterCountsPassages: quotations shown together in one
// sentence make fewer bullets than quotations; the footer says both.
func TestQuotesFooterCountsPassages(t *testing.T) {
	d := makeDoc(t, article.Article{ID: "x", Title: "X"}, []string{
		"Marsh spoke of a “new timetable” and “earlier sailings” for the island.",
		"“The ferry will be full every morning,” she said.",
	}, []people.Person{{Name: "Jo Marsh", Aliases: []string{"Marsh"}}}, []quoteSpec{{"new timetable", "Jo Marsh"}, {"earlier sailings", "Jo Marsh"}, {"The ferry will be full every morning,", "Jo Marsh"}})
	resp := run(t, Request{Name: "quotes", Options: opts("person", "Jo Marsh"), Corpus: corpus.New([]*corpus.Doc{d})})
	e := resp.Embeds[0]
	if n := strings.Count(e.Description, "• "); n != 2 {
		t.Fatalf("%d bullets, want 2:\n%s", n, e.Description)
	}
	if want := "3 quotations (2 passages) in X"; e.Footer.Text != want {
		t.Errorf("footer %q, want %q", e.Footer.Text, want)
	}
}

// TestPeopleKindsAndCertainty: /people lists organisations and documents
// apart from people and says how many quotations are not sure.
func TestPeopleKindsAndCertainty(t *testing.T) {
	resp := run(t, Request{Name: "people", Options: opts("article", "ferry-timetable"), Corpus: certaintyCorpus(t)})
	e := resp.Embeds[0]
	var org *string
	for _, f := range e.Fields {
		if f.Name == "Harbour Trust" {
			t.Errorf("an organisation is listed as a person")
		}
		if f.Name == "Organisations and documents" {
			org = &f.Value
		}
		if f.Name == "Jo Marsh" && !strings.Contains(f.Value, "Quoted 2 times (1 probably)") {
			t.Errorf("Jo Marsh: %q", f.Value)
		}
		if f.Name == "Sam Okafor" && !strings.Contains(f.Value, "Quoted 1 time (1 unclear)") {
			t.Errorf("Sam Okafor: %q", f.Value)
		}
	}
	if org == nil || !strings.Contains(*org, "**Harbour Trust** (organisation) — quoted 1 time") {
		t.Errorf("organisations field missing or wrong:\n%s", allText(resp))
	}
	if want := "2 people named, 1 organisation or document, 5 quotations."; e.Description != want {
		t.Errorf("description %q, want %q", e.Description, want)
	}
}

// TestArticlesList: newest first, date, source and ID on every line, and
// a page error that gives the real number of pages.
func TestArticlesList(t *testing.T) {
	var docs []*corpus.Doc
	for i, date := range []string{"2025-01-05", "", "2025-03-01", "March 2, 2025"} {
		docs = append(docs, makeDoc(t, article.Article{ID: "a" + string(rune('1'+i)), Title: "Story " + string(rune('A'+i)), Date: date, Source: map[bool]string{true: "Portby Gazette"}[i%2 == 0]},
			[]string{"Text."}, nil, nil))
	}
	c := corpus.New(docs)
	resp := run(t, Request{Name: "articles", Corpus: c})
	lines := strings.Split(resp.Embeds[0].Description, "\n")
	want := []string{
		"**1.** Story D", "    March 2, 2025 · source unknown · ID `a4`",
		"**2.** Story C", "    2025-03-01 · Portby Gazette · ID `a3`",
		"**3.** Story A", "    2025-01-05 · Portby Gazette · ID `a1`",
		"**4.** Story B", "    undated · source unknown · ID `a2`",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("list:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, tt := range []struct{ page, want string }{
		{"2", "There is only 1 page"},
		{"0", "page must be a whole number from 1 to 1"},
		{"x", "page must be a whole number from 1 to 1"},
	} {
		if got := run(t, Request{Name: "articles", Options: opts("page", tt.page), Corpus: c}); got.Err != tt.want {
			t.Errorf("page %s: %q, want %q", tt.page, got.Err, tt.want)
		}
	}
	if got := run(t, Request{Name: "articles", Options: opts("page", "7"), Corpus: manyDocs(t, 25)}); got.Err != "There are only 3 pages" {
		t.Errorf("page 7 of 3: %q", got.Err)
	}
}

// TestArticlePickButtons: an unclear article query offers a button per
// candidate, and pressing one answers for it.
func TestArticlePickButtons(t *testing.T) {
	c := manyDocs(t, 3)
	resp := run(t, Request{Name: "summary", Options: opts("article", "harbours", "sentences", "2"), Corpus: c})
	if resp.Err == "" || len(resp.Components) != 1 {
		t.Fatalf("want candidates with buttons: %s", allText(resp))
	}
	got, err := New().Handle(t.Context(), Request{Kind: KindComponent, CustomID: "summary:pick:article-002:2", Corpus: c})
	if err != nil || got.Err != "" || got.Embeds[0].Title != "Article number 2 about harbours" {
		t.Errorf("press: %v %s", err, allText(got))
	}
	got, _ = New().Handle(t.Context(), Request{Kind: KindComponent, CustomID: "people:pick:article-003", Corpus: c})
	if got.Err != "" || !strings.Contains(got.Embeds[0].Title, "Article number 3") {
		t.Errorf("people press: %s", allText(got))
	}
}

func TestOthersTitle(t *testing.T) {
	tests := []struct {
		kinds []string
		want  string
	}{
		{[]string{"organisation"}, "Organisations and documents"},
		{[]string{"document", "organisation"}, "Organisations and documents"},
		{[]string{"place"}, "Places"},
		{[]string{"organisation", "group", "place"}, "Organisations, groups and places"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.kinds, "+"), func(t *testing.T) {
			var others []PersonResult
			for _, k := range tt.kinds {
				others = append(others, PersonResult{Name: "X", Kind: k})
			}
			if got := othersTitle(others); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSpeakerlessWithCandidates: an attribution that named nobody but
// weighed candidates reads "speaker unclear (X or Y)", and the quotation
// is listed, marked, under each candidate in /quotes.
func TestSpeakerlessWithCandidates(t *testing.T) {
	d := makeDoc(t, article.Article{ID: "x", Title: "X"}, []string{"Jo Marsh met Sam Okafor. “The quay needs new lights.”"},
		[]people.Person{{Name: "Jo Marsh"}, {Name: "Sam Okafor"}}, []quoteSpec{{"The quay needs new lights.", ""}})
	d.Quotes[0].Alternatives = []string{"Jo Marsh", "Sam Okafor"}
	c := corpus.New([]*corpus.Doc{d})
	resp := run(t, Request{Name: "who-said", Options: opts("quote", "the quay needs new lights"), Corpus: c})
	if got := resp.Embeds[0].Title; got != "Speaker unclear (Jo Marsh or Sam Okafor)" {
		t.Errorf("title %q", got)
	}
	resp = run(t, Request{Name: "quotes", Options: opts("person", "Sam Okafor"), Corpus: c})
	if !strings.Contains(allText(resp), "(speaker unclear: Jo Marsh or Sam Okafor)") {
		t.Errorf("/quotes:\n%s", allText(resp))
	}
}

// TestQuotesArticlePick: /quotes with an article: that fits several
// articles offers a button per article, for the same person.
func TestQuotesArticlePick(t *testing.T) {
	c := surnameCorpus(t)
	resp := run(t, Request{Name: "quotes", Options: opts("person", "Ada Quill", "article", "harbour bakery"), Corpus: c})
	if resp.Err == "" {
		t.Skipf("the article query was clear: %s", allText(resp))
	}
	if len(resp.Components) != 1 {
		t.Fatalf("want buttons: %s", allText(resp))
	}
	row := resp.Components[0].(discordgo.ActionsRow)
	id := row.Components[0].(discordgo.Button).CustomID
	if !strings.HasPrefix(id, "quotes:pick:Ada Quill:") {
		t.Errorf("custom ID %q", id)
	}
	got, err := New().Handle(t.Context(), Request{Kind: KindComponent, CustomID: "quotes:pick:Ada Quill:dredging", Corpus: c})
	if err != nil || got.Err != "" || !strings.Contains(got.Embeds[0].Footer.Text, "Harbour Dredging Starts") {
		t.Errorf("press: %v %s", err, allText(got))
	}
}

// TestSearchFooterCountsShown: when more articles mention the words than
// are shown, the footer says how many passages are shown of how many.
func TestSearchFooterCountsShown(t *testing.T) {
	c := manyDocs(t, 8) // "Harbour story N has one sentence." in each
	resp := run(t, Request{Name: "search", Options: opts("text", "harbour story"), Corpus: c})
	e := resp.Embeds[0]
	if len(e.Fields) != searchArticles {
		t.Fatalf("%d articles shown, want %d", len(e.Fields), searchArticles)
	}
	if want := "5 of 8 passages shown, in the 5 best of 8 articles"; e.Footer.Text != want {
		t.Errorf("footer %q, want %q", e.Footer.Text, want)
	}
}

// TestPeopleFromEntities: an organisation the article's entity model
// knows is listed apart from the people.
func TestPeopleFromEntities(t *testing.T) {
	d := makeDoc(t, article.Article{ID: "x", Title: "X"}, []string{"Portby Council met Jo Marsh."},
		[]people.Person{{Name: "Jo Marsh"}, {Name: "Portby Council"}}, nil)
	d.Entities = []entity.Entity{{Name: "Jo Marsh", Kind: entity.Person}, {Name: "Portby Council", Kind: entity.Organisation}}
	resp := run(t, Request{Name: "people", Options: opts("article", "x"), Corpus: corpus.New([]*corpus.Doc{d})})
	txt := allText(resp)
	for _, f := range resp.Embeds[0].Fields {
		if f.Name == "Portby Council" {
			t.Errorf("an organisation listed as a person:\n%s", txt)
		}
	}
	if !strings.Contains(txt, "**Portby Council** (organisation)") || !strings.Contains(txt, "1 person named, 1 organisation or document") {
		t.Errorf("organisation not listed apart:\n%s", txt)
	}
}
