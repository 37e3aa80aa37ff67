package commands

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
)

func opts(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func TestWhoSaid(t *testing.T) {
	c := fixtureCorpus(t)
	long := strings.Repeat("security guarantees ", 1000)
	tests := []struct {
		name        string
		quote       string
		wantOK      bool
		wantSpeaker string
		wantText    []string // substrings of the visible answer
		notText     []string
	}{
		{name: "exact", quote: quoteGuarantee, wantOK: true, wantSpeaker: "Donald Trump",
			wantText: []string{"Donald Trump", "President of the United States", "Keir Starmer Pushes for US Role in Ukraine", "https://news.example/starmer", "2025-02-27", "**" + quoteGuarantee + "**"}},
		{name: "fragment", quote: "specifics of the backstop", wantOK: true, wantSpeaker: "Keir Starmer",
			wantText: []string{"Prime Minister of the UK"}},
		{name: "other quote marks and case", quote: "‘WE’LL BE ON THE GROUND’", wantOK: true, wantSpeaker: "Donald Trump"},
		{name: "second article", quote: "harbour wall will be rebuilt", wantOK: true, wantSpeaker: "Ann Ellis",
			wantText: []string{"Mayor of Portby", "Portby Harbour Wall"}},
		{name: "empty", quote: "   ", wantText: []string{"Which quotation?", "/who-said"}},
		{name: "absent", quote: "zqxj vbnk wprt", wantText: []string{"No quotation matches", "Check the wording", "/search"}, notText: []string{"Did you mean"}},
		{name: "everyone mention", quote: "@everyone <@&123> zqxj", notText: []string{"@everyone", "<@&123>"},
			wantText: []string{"@\u200beveryone"}},
		{name: "very long", quote: long, wantOK: true, wantSpeaker: "Donald Trump"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := run(t, Request{Name: "who-said", Options: opts("quote", tt.quote), Corpus: c})
			if ok := resp.Err == ""; ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v (err %q)", ok, tt.wantOK, resp.Err)
			}
			if !tt.wantOK && !resp.Ephemeral {
				t.Errorf("failure answer is not ephemeral")
			}
			if tt.wantSpeaker != "" {
				r, _ := resp.Results[0].(WhoSaidResult)
				if r.Speaker != tt.wantSpeaker {
					t.Errorf("speaker = %q, want %q", r.Speaker, tt.wantSpeaker)
				}
				if resp.Ephemeral {
					t.Errorf("answer is ephemeral")
				}
			}
			txt := allText(resp)
			for _, s := range tt.wantText {
				if !strings.Contains(txt, s) {
					t.Errorf("answer lacks %q:\n%s", s, txt)
				}
			}
			for _, s := range tt.notText {
				if strings.Contains(txt, s) {
					t.Errorf("answer contains %q:\n%s", s, txt)
				}
			}
		})
	}
}

func TestWhoSaidAlsoMatching(t *testing.T) {
	c := fixtureCorpus(t)
	hits := c.WhoSaid("security", 4)
	if len(hits) < 2 || hits[1].Score < corpus.Confident {
		t.Skip("the index no longer finds two confident matches for one shared word")
	}
	resp := run(t, Request{Name: "who-said", Options: opts("quote", "security"), Corpus: c})
	if len(resp.Results) < 2 {
		t.Fatalf("results %v, want the answer and the other confident match", resp.Results)
	}
	f := resp.Embeds[0].Fields[len(resp.Embeds[0].Fields)-1]
	other := resp.Results[1].(WhoSaidResult)
	// "Also matching", or, when both fit the word alike, the field that
	// says they match equally well.
	if (f.Name != "Also matching" && f.Name != "Matches your words equally well") || !strings.Contains(f.Value, other.Quote) || !strings.Contains(f.Value, other.Speaker) {
		t.Errorf("last field %+v, want the other match %q", f, other.Quote)
	}
	// A precise fragment has no rivals.
	resp = run(t, Request{Name: "who-said", Options: opts("quote", "security guarantees beyond a certain point"), Corpus: c})
	if len(resp.Results) != 1 || strings.Contains(allText(resp), "Also matching") {
		t.Errorf("precise fragment got rivals: %v", resp.Results)
	}
}

func TestWhoSaidResultJSON(t *testing.T) {
	resp := run(t, Request{Name: "who-said", Options: opts("quote", "security guarantees beyond"), Corpus: fixtureCorpus(t)})
	b, err := json.Marshal(resp.Results[0])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"quote", "speaker", "article", "score"} {
		if _, ok := m[k]; !ok {
			t.Errorf("result lacks %q: %s", k, b)
		}
	}
}

func TestNotFoundSuggestions(t *testing.T) {
	c := fixtureCorpus(t)
	d := c.Docs[0]
	hits := []corpus.QuoteHit{{Doc: d, Quote: &d.Quotes[1], Score: 0.3}, {Doc: d, Quote: &d.Quotes[0], Score: 0.2}}
	resp := notFound("No quotation matches", suggestionLines(hits), "Check the wording.")
	txt := allText(resp)
	for _, s := range []string{"Did you mean…", "1. “" + quoteGuarantee + "” — Donald Trump", "2. “" + quoteBackstop, "Check the wording."} {
		if !strings.Contains(txt, s) {
			t.Errorf("lacks %q:\n%s", s, txt)
		}
	}
	if !resp.Ephemeral || resp.Err == "" {
		t.Errorf("not-found answer must be an ephemeral failure")
	}
}

func TestWhoSaidAutocomplete(t *testing.T) {
	c := fixtureCorpus(t)
	for _, partial := range []string{"security guar", "the", "", strings.Repeat("ab ", 500)} {
		t.Run(partial[:min(len(partial), 12)], func(t *testing.T) {
			resp := run(t, Request{Kind: KindAutocomplete, Name: "who-said", Focused: "quote", Options: opts("quote", partial), Corpus: c})
			if len(resp.Embeds) > 0 || resp.Content != "" {
				t.Errorf("autocomplete answered with a message")
			}
			if partial == "" && len(resp.Choices) != 4 {
				t.Errorf("nothing typed: %d choices, want the 4 quotations", len(resp.Choices))
			}
			if partial == "security guar" {
				if len(resp.Choices) == 0 || resp.Choices[0].Value != quoteGuarantee {
					t.Fatalf("choices = %v, want the guarantee quote first", choiceValues(resp.Choices))
				}
				if !strings.HasSuffix(resp.Choices[0].Name, "— Donald Trump") {
					t.Errorf("choice name %q lacks the speaker", resp.Choices[0].Name)
				}
			}
		})
	}
}

func choiceValues(cs []*discordgo.ApplicationCommandOptionChoice) []any {
	var out []any
	for _, c := range cs {
		out = append(out, c.Value)
	}
	return out
}

func TestWhoSaidMessage(t *testing.T) {
	c := fixtureCorpus(t)
	tests := []struct {
		name, target, speaker string
	}{
		{"quote in a chat message", "did Trump really say \"I'm not going to make security guarantees beyond a certain point\"? @everyone", "Donald Trump"},
		{"quotation at the end of a long message", strings.Repeat("I was reading the news this morning and ", 20) + "someone wrote “the harbour wall will be rebuilt before the winter”", "Ann Ellis"},
		{"quotation among other quoted words", "he said \"we'll be on the ground\" and she said \"no\"", "Donald Trump"},
		{"no quote marks", "<@123> specifics of the backstop https://example.com/x", "Keir Starmer"},
		{"empty message", "  ", ""},
		{"only mentions and links", "<@123> <@&456> <#789> @everyone https://example.com", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := run(t, Request{Name: WhoSaidThis, TargetText: tt.target, Corpus: c})
			if tt.speaker == "" {
				if resp.Err == "" || !resp.Ephemeral || !strings.Contains(allText(resp), "/who-said") {
					t.Fatalf("want an ephemeral failure pointing to /who-said, got %+v", resp)
				}
				return
			}
			if resp.Err != "" {
				t.Fatalf("err %q", resp.Err)
			}
			if r := resp.Results[0].(WhoSaidResult); r.Speaker != tt.speaker {
				t.Errorf("speaker %q, want %q", r.Speaker, tt.speaker)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	c := fixtureCorpus(t)
	tests := []struct {
		name, article, sentences string
		wantOK                   bool
		wantN                    int
		wantTitle                string
	}{
		{"default length", "starmer", "", true, 3, "Keir Starmer Pushes for US Role in Ukraine"},
		{"two sentences", "Portby harbour", "2", true, 2, "Portby Harbour Wall to Be Rebuilt"},
		{"by id", "portby-harbour", "1", true, 1, "Portby Harbour Wall to Be Rebuilt"},
		{"more than the article has", "portby-harbour", "10", true, -1, "Portby Harbour Wall to Be Rebuilt"},
		{"zero sentences", "starmer", "0", false, 0, ""},
		{"too many sentences", "starmer", "11", false, 0, ""},
		{"not a number", "starmer", "lots", false, 0, ""},
		{"unknown article", "zqxj vbnk", "", false, 0, ""},
		{"empty article", "", "", false, 0, ""},
		{"mention as article", "<@&123> @everyone", "", false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := run(t, Request{Name: "summary", Options: opts("article", tt.article, "sentences", tt.sentences), Corpus: c})
			if ok := resp.Err == ""; ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v (%q)", ok, tt.wantOK, resp.Err)
			}
			if !tt.wantOK {
				if !resp.Ephemeral {
					t.Error("failure not ephemeral")
				}
				if strings.Contains(allText(resp), "@everyone") {
					t.Error("echoed a mention")
				}
				return
			}
			r := resp.Results[0].(SummaryResult)
			all := len(c.ByID(r.ArticleID).Sentences)
			// -1: however many the summariser keeps of a short article.
			if r.Article != tt.wantTitle || (tt.wantN >= 0 && len(r.Sentences) != min(tt.wantN, all)) || len(r.Sentences) < 1 || len(r.Sentences) > all {
				t.Errorf("got %q with %d sentences, want %q with %d", r.Article, len(r.Sentences), tt.wantTitle, tt.wantN)
			}
			for _, s := range r.Sentences {
				if !strings.Contains(c.ByID(r.ArticleID).Body, s) {
					t.Errorf("sentence not verbatim: %q", s)
				}
				if !strings.Contains(resp.Embeds[0].Description, s) {
					t.Errorf("embed lacks sentence %q", s)
				}
			}
			if resp.Embeds[0].Title != tt.wantTitle {
				t.Errorf("title %q", resp.Embeds[0].Title)
			}
		})
	}
}

func TestArticleAutocomplete(t *testing.T) {
	c := manyDocs(t, 40)
	for _, cmd := range []string{"summary", "people", "quotes"} {
		t.Run(cmd, func(t *testing.T) {
			resp := run(t, Request{Kind: KindAutocomplete, Name: cmd, Focused: "article", Options: opts("article", ""), Corpus: c})
			if len(resp.Choices) != MaxChoices {
				t.Errorf("%d choices, want %d", len(resp.Choices), MaxChoices)
			}
			resp = run(t, Request{Kind: KindAutocomplete, Name: cmd, Focused: "article", Options: opts("article", "article number 17"), Corpus: c})
			if len(resp.Choices) == 0 || resp.Choices[0].Value != "article-017" {
				t.Errorf("choices %v, want article-017 first", choiceValues(resp.Choices))
			}
		})
	}
}

func TestQuotes(t *testing.T) {
	c := fixtureCorpus(t)
	tests := []struct {
		name, person, article string
		wantOK                bool
		want                  []string // quotations, in order
	}{
		{"surname", "Trump", "", true, []string{quoteGuarantee, quoteGround}},
		{"full name", "Keir Starmer", "", true, []string{quoteBackstop}},
		{"alias", "the Prime Minister", "", true, []string{quoteBackstop}},
		{"in one article", "Donald Trump", "starmer", true, []string{quoteGuarantee, quoteGround}},
		{"not in that article", "Donald Trump", "portby harbour", false, nil},
		{"named but never quoted", "Vladimir Putin", "", false, nil},
		{"nobody", "zqxj vbnk", "", false, nil},
		{"empty", "", "", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := run(t, Request{Name: "quotes", Options: opts("person", tt.person, "article", tt.article), Corpus: c})
			if ok := resp.Err == ""; ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v (%q)", ok, tt.wantOK, resp.Err)
			}
			if !tt.wantOK {
				if !resp.Ephemeral {
					t.Error("failure not ephemeral")
				}
				return
			}
			var got []string
			for _, r := range resp.Results {
				got = append(got, r.(QuoteResult).Quote)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("quotes %q, want %q", got, tt.want)
			}
			for _, q := range tt.want {
				if !strings.Contains(resp.Embeds[0].Description, q) {
					t.Errorf("embed lacks %q", q)
				}
			}
		})
	}
}

func TestQuotesAutocomplete(t *testing.T) {
	c := fixtureCorpus(t)
	resp := run(t, Request{Kind: KindAutocomplete, Name: "quotes", Focused: "person", Options: opts("person", "starm"), Corpus: c})
	if len(resp.Choices) == 0 || resp.Choices[0].Value != "Keir Starmer" {
		t.Fatalf("choices %v, want Keir Starmer", choiceValues(resp.Choices))
	}
	if !strings.Contains(resp.Choices[0].Name, "Prime Minister") {
		t.Errorf("choice %q lacks the role", resp.Choices[0].Name)
	}
	resp = run(t, Request{Kind: KindAutocomplete, Name: "quotes", Focused: "person", Options: opts("person", ""), Corpus: c})
	if len(resp.Choices) != 4 || resp.Choices[0].Value != "Keir Starmer" {
		t.Errorf("nothing typed: choices %v, want the 4 people", choiceValues(resp.Choices))
	}
	resp = run(t, Request{Kind: KindAutocomplete, Name: "quotes", Focused: "article", Options: opts("person", "Trump", "article", "portby"), Corpus: c})
	if len(resp.Choices) == 0 || resp.Choices[0].Value != "portby-harbour" {
		t.Errorf("article choices %v", choiceValues(resp.Choices))
	}
}

func TestPeople(t *testing.T) {
	c := fixtureCorpus(t)
	resp := run(t, Request{Name: "people", Options: opts("article", "starmer"), Corpus: c})
	if resp.Err != "" {
		t.Fatal(resp.Err)
	}
	var got []string
	for _, r := range resp.Results {
		p := r.(PersonResult)
		got = append(got, p.Name+":"+string(rune('0'+p.Quotes)))
	}
	// Most quoted first.
	if want := "Donald Trump:2|Keir Starmer:1|Vladimir Putin:0"; strings.Join(got, "|") != want {
		t.Errorf("people %q, want %q", strings.Join(got, "|"), want)
	}
	e := resp.Embeds[0]
	if len(e.Fields) != 3 || e.Fields[0].Name != "Donald Trump" || !strings.Contains(e.Fields[0].Value, "President of the United States") ||
		!strings.Contains(e.Fields[0].Value, "Quoted 2 times") || !strings.Contains(e.Fields[1].Value, "Also: Starmer, the Prime Minister") {
		t.Errorf("fields: %+v %+v", e.Fields[0], e.Fields[1])
	}
	if bad := run(t, Request{Name: "people", Options: opts("article", ""), Corpus: c}); bad.Err == "" || !bad.Ephemeral {
		t.Errorf("empty article: want ephemeral failure")
	}
}

func TestArticlesPaging(t *testing.T) {
	c := manyDocs(t, 25)
	tests := []struct {
		name     string
		req      Request
		wantPage string
		wantIDs  []string // first and last on the page
		update   bool
		prev     string // custom_id of the previous and next buttons, "-" disabled
		next     string
	}{
		{"first page", Request{Name: "articles"}, "Page 1 of 3", []string{"article-001", "article-010"}, false, "-", "articles:page:2"},
		{"page option", Request{Name: "articles", Options: opts("page", "2")}, "Page 2 of 3", []string{"article-011", "article-020"}, false, "articles:page:1", "articles:page:3"},
		{"button", Request{Kind: KindComponent, CustomID: "articles:page:3"}, "Page 3 of 3", []string{"article-021", "article-025"}, true, "articles:page:2", "-"},
		{"past the end", Request{Kind: KindComponent, CustomID: "articles:page:99"}, "Page 3 of 3", []string{"article-021", "article-025"}, true, "articles:page:2", "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Corpus = c
			resp := run(t, tt.req)
			if resp.Err != "" {
				t.Fatal(resp.Err)
			}
			if !strings.HasPrefix(resp.Embeds[0].Footer.Text, tt.wantPage) {
				t.Errorf("footer %q", resp.Embeds[0].Footer.Text)
			}
			first, last := resp.Results[0].(ArticleResult).ID, resp.Results[len(resp.Results)-1].(ArticleResult).ID
			if first != tt.wantIDs[0] || last != tt.wantIDs[1] {
				t.Errorf("page holds %s..%s", first, last)
			}
			if resp.Update != tt.update {
				t.Errorf("update = %v", resp.Update)
			}
			row := resp.Components[0].(discordgo.ActionsRow)
			for i, want := range []string{tt.prev, tt.next} {
				b := row.Components[i].(discordgo.Button)
				if (want == "-") != b.Disabled || (want != "-" && b.CustomID != want) {
					t.Errorf("button %d = %q disabled %v, want %q", i, b.CustomID, b.Disabled, want)
				}
			}
		})
	}
	for _, id := range []string{"articles:page:x", "articles:page:-3", "articles:", "articles:page:0"} {
		resp := run(t, Request{Kind: KindComponent, CustomID: id, Corpus: c})
		if resp.Err == "" || !resp.Ephemeral || resp.Update {
			t.Errorf("%s: want ephemeral failure", id)
		}
	}
	one := run(t, Request{Name: "articles", Corpus: fixtureCorpus(t)})
	if len(one.Components) != 0 {
		t.Errorf("a single page has buttons")
	}
}

func TestSearch(t *testing.T) {
	c := fixtureCorpus(t)
	resp := run(t, Request{Name: "search", Options: opts("text", "minerals deal"), Corpus: c})
	if resp.Err != "" {
		t.Fatal(resp.Err)
	}
	r := resp.Results[0].(SearchResult)
	if r.ArticleID != "keir-starmer-us-role" || !strings.Contains(r.Sentence, "minerals deal") {
		t.Errorf("first result %+v", r)
	}
	if f := resp.Embeds[0].Fields[0]; f.Name != "Keir Starmer Pushes for US Role in Ukraine" || !strings.Contains(f.Value, "minerals deal") {
		t.Errorf("field %+v", f)
	}
	// Every word present, far apart and out of order: still a mention.
	resp = run(t, Request{Name: "search", Options: opts("text", "stating Trump"), Corpus: c})
	if resp.Err != "" || !strings.Contains(resp.Results[0].(SearchResult).Sentence, "Trump has said") {
		t.Errorf("far-apart words: %q %v", resp.Err, resp.Results)
	}
	for _, q := range []string{"", "zqxj vbnk", "@everyone " + strings.Repeat("x", 5000)} {
		resp := run(t, Request{Name: "search", Options: opts("text", q), Corpus: c})
		if resp.Err == "" || !resp.Ephemeral || strings.Contains(allText(resp), "@everyone") {
			t.Errorf("%.20q: want an ephemeral failure without mentions", q)
		}
	}
}

func TestHelp(t *testing.T) {
	resp := run(t, Request{Name: "help", Corpus: fixtureCorpus(t)})
	txt := allText(resp)
	for _, c := range New().Commands() {
		if !strings.Contains(txt, c.Example) {
			t.Errorf("help lacks %s's example", c.Def.Name)
		}
	}
	if !strings.Contains(txt, "2 loaded news articles") {
		t.Errorf("help does not count the articles:\n%s", txt)
	}
}

func TestEmptyCorpus(t *testing.T) {
	for _, req := range []Request{
		{Name: "who-said", Options: opts("quote", "anything")},
		{Name: "summary", Options: opts("article", "anything")},
		{Name: "quotes", Options: opts("person", "anyone")},
		{Name: "people", Options: opts("article", "anything")},
		{Name: "articles"},
		{Name: "search", Options: opts("text", "anything")},
	} {
		t.Run(req.Name, func(t *testing.T) {
			req.Loading = true
			resp := run(t, req)
			if resp.Err == "" || !resp.Ephemeral {
				t.Fatalf("want an ephemeral failure, got %+v", resp)
			}
			if !strings.Contains(allText(resp), "Still loading articles: 0 so far") {
				t.Errorf("no loading note:\n%s", allText(resp))
			}
		})
	}
}

func TestRouter(t *testing.T) {
	r := New()
	r.Add(&Command{
		Def: &discordgo.ApplicationCommand{Name: "boom", Description: "panics"},
		Run: func(ctx context.Context, req Request) Response { panic("kaboom") },
	})
	resp, err := r.Handle(context.Background(), Request{Name: "boom"})
	if err == nil || !strings.Contains(err.Error(), "kaboom") {
		t.Errorf("panic not reported: %v", err)
	}
	if !resp.Ephemeral || resp.Err == "" {
		t.Errorf("panic answer %+v", resp)
	}
	resp, err = r.Handle(context.Background(), Request{Name: "nope @everyone"})
	if err != nil || !resp.Ephemeral || !strings.Contains(allText(resp), "/help") || strings.Contains(allText(resp), "@everyone") {
		t.Errorf("unknown command answer %+v, %v", resp, err)
	}
	resp, _ = r.Handle(context.Background(), Request{Kind: KindAutocomplete, Name: "help", Loading: true})
	if len(resp.Choices) != 0 || len(resp.Embeds) != 0 || resp.Content != "" {
		t.Errorf("autocomplete without handler answered %+v", resp)
	}
	resp, _ = r.Handle(context.Background(), Request{Name: "who-said", Options: opts("quote", quoteGuarantee), Corpus: fixtureCorpus(t), Loading: true})
	if f := resp.Embeds[0].Footer.Text; !strings.HasSuffix(f, "Still loading articles: 2 so far") || !strings.HasPrefix(f, "Text match") {
		t.Errorf("footer %q", f)
	}
}

func TestDefinitions(t *testing.T) {
	defs := New().Definitions()
	if len(defs) != 8 {
		t.Errorf("%d commands", len(defs))
	}
	seen := map[string]bool{}
	for _, d := range defs {
		if seen[d.Name] {
			t.Errorf("duplicate %s", d.Name)
		}
		seen[d.Name] = true
		if d.Type == discordgo.MessageApplicationCommand {
			if d.Description != "" || len(d.Options) != 0 {
				t.Errorf("%s: message commands take no description or options", d.Name)
			}
			continue
		}
		checkName(t, d.Name)
		if n := utf8.RuneCountInString(d.Description); n < 1 || n > 100 {
			t.Errorf("%s: description %d", d.Name, n)
		}
		for _, o := range d.Options {
			checkName(t, o.Name)
			if n := utf8.RuneCountInString(o.Description); n < 1 || n > 100 {
				t.Errorf("%s %s: description %d", d.Name, o.Name, n)
			}
		}
		b, _ := json.Marshal(d)
		if len(b) > 8000 {
			t.Errorf("%s: %d bytes", d.Name, len(b))
		}
	}
	if !seen[WhoSaidThis] {
		t.Errorf("no message command")
	}
}

func checkName(t *testing.T, name string) {
	t.Helper()
	if name == "" || len(name) > 32 || strings.ToLower(name) != name || strings.ContainsAny(name, " :/") {
		t.Errorf("bad command or option name %q", name)
	}
}

// TestAdversarialInput throws hostile input at every option of every
// command: answers stay within limits (checked by run), never repeat a
// mention, and never fail with a panic.
func TestAdversarialInput(t *testing.T) {
	c := fixtureCorpus(t)
	inputs := map[string]string{
		"everyone":  "@everyone @here",
		"role":      "<@&123456789012345678> <@98765> <#555>",
		"long":      strings.Repeat("security guarantées ", 5000),
		"empty":     "",
		"spaces":    " \t ",
		"number":    "-99999999999999999999",
		"markdown":  "**bold** `code` [link](https://evil.example) > quote",
		"control":   "\x00\x01\u202e\ufeff",
		"bad utf-8": "\xff\xfe\xfd",
	}
	for _, cmd := range New().Commands() {
		for name, in := range inputs {
			t.Run(cmd.Def.Name+"/"+name, func(t *testing.T) {
				o := map[string]string{}
				for _, opt := range cmd.Def.Options {
					o[opt.Name] = in
				}
				for _, kind := range []Kind{KindCommand, KindAutocomplete} {
					req := Request{Kind: kind, Name: cmd.Def.Name, Options: o, TargetText: in, Corpus: c}
					if len(cmd.Def.Options) > 0 {
						req.Focused = cmd.Def.Options[0].Name
					}
					resp := run(t, req)
					txt := allText(resp)
					for _, m := range []string{"@everyone", "@here", "<@&123456789012345678>", "<@98765>"} {
						if strings.Contains(txt, m) {
							t.Errorf("answer repeats %s:\n%s", m, txt)
						}
					}
				}
			})
		}
	}
	resp := run(t, Request{Kind: KindComponent, CustomID: strings.Repeat("articles:page:", 50), Corpus: c})
	if resp.Err == "" {
		t.Errorf("a forged custom_id was accepted")
	}
}
