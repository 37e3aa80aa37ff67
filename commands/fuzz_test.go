package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/data"
	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/people"
)

// The fuzz targets below drive the router with arbitrary requests and check
// every answer against what Discord accepts and what the issue promises
// (see checkAnswer). Their seeds run as ordinary tests in go test ./...;
// to fuzz one, e.g.
//
//	go test -run '^$' -fuzz '^FuzzCommand$' -fuzztime 60s -fuzzminimizetime 5s ./commands
//
// A crasher the fuzzer finds lands in testdata/fuzz/<Target>/ and stays
// there as a seed.

// hostileSeeds are option values that have broken bots before: mentions,
// Markdown that could escape its place, invisible and direction marks,
// invalid UTF-8, control characters, numbers out of every range and text
// far over every limit.
var hostileSeeds = []string{
	"",
	" \t\n ",
	"security guarantees",
	"starmer",
	"Keir Starmer",
	"the Prime Minister",
	"harbour wall",
	"@everyone @here",
	"<@123> <@!456> <@&789> <#101112> <:emoji:131415> <a:anim:161718>",
	"```\n@everyone\n```",
	"||spoiler|| **bold** __under__ ~~strike~~ `code` > quote\n# heading",
	"[click me](https://evil.example) <https://evil.example>",
	"\u200b\u200c\u200d\u2060\ufeff",
	"\u202eevil\u202c \u2066isolate\u2069 \u200f",
	"\xff\xfe\xfd",
	"a\xc3",
	"\x00\x01\x1b[31m\x7f",
	"-1",
	"0",
	"11",
	"99999999999999999999999",
	"+3",
	" 2 ",
	"3.5",
	"0x10",
	"１",
	strings.Repeat("security guarantées ", 300),
	strings.Repeat("x", 5000),
	strings.Repeat("\u0301", 500),
	strings.Repeat("👍🏽", 300),
	"“security guarantees beyond a certain point” said who?",
	"of the",
	":",
	"quote:",
}

// hostileIDs are custom_ids a forged or stale button press could carry.
var hostileIDs = []string{
	"articles:page:2",
	"articles:page:0",
	"articles:page:-1",
	"articles:page:99999999999999999999",
	"articles:page:1e3",
	"articles:page:",
	"articles:page:2:extra",
	"articles:",
	"articles",
	"who-said:x",
	"help:",
	":",
	"",
	"nope:page:1",
	"articles:page:\xff",
	"articles:page:" + strings.Repeat("9", 200),
	strings.Repeat("articles:page:", 50),
	"Who said this?:1",
}

var (
	fuzzCorporaOnce sync.Once
	fuzzCorpora     []fuzzCorpus
)

// fuzzCorpus is one corpus the fuzz targets answer from. mentionFree is
// true when none of its text holds a mention or a direction control, so
// any in an answer must have come from the request.
type fuzzCorpus struct {
	name        string
	c           *corpus.Corpus
	mentionFree bool
}

// corporaForFuzz returns the corpora the fuzz targets pick from: the
// embedded default articles analysed for real, the hand-built fixture,
// a hostile hand-built one, enough articles for several /articles pages,
// and none at all.
func corporaForFuzz(tb testing.TB) []fuzzCorpus {
	tb.Helper()
	fuzzCorporaOnce.Do(func() {
		arts, warns := article.LoadFS(data.Articles, "articles", article.Options{})
		if len(arts) == 0 {
			tb.Fatalf("no embedded articles (warnings: %v)", warns)
		}
		fuzzCorpora = []fuzzCorpus{
			{"embedded", corpus.Build(arts), true},
			{"fixture", fixtureCorpus(tb), true},
			{"hostile", hostileCorpus(tb), false},
			{"many", manyDocs(tb, 23), true},
			{"empty", corpus.New(nil), true},
		}
	})
	return fuzzCorpora
}

// hostileCorpus is an article whose own text is as awkward as a corpus can
// be: a title, ID, role and quotation over every limit, Markdown and
// mentions in the text, a URL Discord would reject, and more people than an
// embed has fields.
func hostileCorpus(tb testing.TB) *corpus.Corpus {
	tb.Helper()
	longQuote := strings.TrimSpace(strings.Repeat("We will build the harbour wall again, @everyone ||now|| ``` ", 60))
	shortQuote := "backstop"
	var ppl []people.Person
	for i := range 30 {
		ppl = append(ppl, people.Person{
			Name:     fmt.Sprintf("Person %d %s", i, strings.Repeat("Longname", 40)),
			Aliases:  []string{fmt.Sprintf("P%d", i), strings.Repeat("alias ", 300)},
			Role:     strings.Repeat("Minister of [Things](https://x.example) ", 40),
			Mentions: i,
		})
	}
	d := makeDoc(tb, article.Article{
		ID:     strings.Repeat("very-long-id-", 20),
		Title:  strings.Repeat("Harbour **wall** ||spoiler|| <@123> ", 20),
		Date:   strings.Repeat("2025-03-01 ", 30),
		Source: strings.Repeat("Source `x` ", 50),
		URL:    "javascript:alert(1)",
		Author: strings.Repeat("Author ", 100),
	}, []string{
		"“" + longQuote + "” " + ppl[0].Name + " said.",
		"The “" + shortQuote + "” and the “" + shortQuote + "” again, said " + ppl[1].Name + ".",
	}, ppl, []quoteSpec{{longQuote, ppl[0].Name}, {shortQuote, ppl[1].Name}})
	return corpus.New([]*corpus.Doc{d})
}

// pickCorpus picks one of the fuzz corpora by a fuzzed byte.
func pickCorpus(tb testing.TB, sel byte) fuzzCorpus {
	cs := corporaForFuzz(tb)
	return cs[int(sel)%len(cs)]
}

// commandNames is every command's name, in declaration order.
func commandNames() []string {
	var out []string
	for _, c := range New().Commands() {
		out = append(out, c.Def.Name)
	}
	return out
}

// optionsFor fills the first two options of the named command with a and
// b; a command it does not know gets a under "quote".
func optionsFor(name, a, b string) (map[string]string, []string) {
	c := New().Lookup(name)
	if c == nil {
		return map[string]string{"quote": a}, []string{"quote"}
	}
	o := map[string]string{}
	var names []string
	for i, opt := range c.Def.Options {
		names = append(names, opt.Name)
		switch i {
		case 0:
			o[opt.Name] = a
		case 1:
			o[opt.Name] = b
		}
	}
	return o, names
}

// handleFuzz answers req and checks the answer.
func handleFuzz(t *testing.T, fc fuzzCorpus, req Request) Response {
	t.Helper()
	req.Corpus = fc.c
	resp, err := New().Handle(context.Background(), req)
	if err != nil {
		t.Fatalf("Handle(%+v) on %s corpus: %v", req, fc.name, err)
	}
	checkAnswer(t, req, resp, fc.mentionFree)
	return resp
}

// FuzzCommand runs any command (or an unknown one) with arbitrary option
// values.
func FuzzCommand(f *testing.F) {
	names := commandNames()
	for i := range names {
		for j, s := range hostileSeeds {
			f.Add(byte(i), byte(j), s, hostileSeeds[(j+7)%len(hostileSeeds)], j%3 == 0)
		}
	}
	f.Add(byte(len(names)), byte(0), "x", "@everyone", false)
	f.Add(byte(len(names)), byte(1), "x", "\xff<@1>"+strings.Repeat("y", 300), true)
	f.Fuzz(func(t *testing.T, cmdSel, corpusSel byte, a, b string, loading bool) {
		fc := pickCorpus(t, corpusSel)
		name := b // an unknown command's name, when cmdSel is past the end
		if i := int(cmdSel) % (len(names) + 1); i < len(names) {
			name = names[i]
		}
		opts, _ := optionsFor(name, a, b)
		handleFuzz(t, fc, Request{Kind: KindCommand, Name: name, Options: opts, TargetText: a, Loading: loading})
	})
}

// FuzzAutocomplete types arbitrary text into any option of any command,
// focused on any option (or on none that exists).
func FuzzAutocomplete(f *testing.F) {
	names := commandNames()
	for i := range names {
		for j, s := range hostileSeeds {
			f.Add(byte(i), byte(j), byte(j), s, hostileSeeds[(j+3)%len(hostileSeeds)])
		}
	}
	f.Fuzz(func(t *testing.T, cmdSel, corpusSel, focusSel byte, a, b string) {
		fc := pickCorpus(t, corpusSel)
		name := b
		if i := int(cmdSel) % (len(names) + 1); i < len(names) {
			name = names[i]
		}
		opts, optNames := optionsFor(name, a, b)
		focused := a // an option the command does not have
		if i := int(focusSel) % (len(optNames) + 1); i < len(optNames) {
			focused = optNames[i]
		}
		handleFuzz(t, fc, Request{Kind: KindAutocomplete, Name: name, Options: opts, Focused: focused})
	})
}

// FuzzComponent presses buttons with arbitrary custom_ids, with and
// without the command name the adapter may pass along.
func FuzzComponent(f *testing.F) {
	for i, id := range hostileIDs {
		f.Add(byte(i), id, i%2 == 0, i%3 == 0)
	}
	f.Fuzz(func(t *testing.T, corpusSel byte, customID string, withName, loading bool) {
		fc := pickCorpus(t, corpusSel)
		req := Request{Kind: KindComponent, CustomID: customID, Loading: loading}
		if withName {
			req.Name, _, _ = strings.Cut(customID, ":")
		}
		resp := handleFuzz(t, fc, req)
		if !strings.HasPrefix(customID, articlesPagePrefix) && resp.Err == "" {
			t.Errorf("custom_id %q was accepted", customID)
		}
	})
}

// FuzzWhoSaidThis runs the message context-menu command on arbitrary
// message text.
func FuzzWhoSaidThis(f *testing.F) {
	for i, s := range hostileSeeds {
		f.Add(byte(i), s)
		f.Add(byte(i), "did he really say “"+s+"”? <@"+fmt.Sprint(i)+"> @here")
	}
	f.Add(byte(1), "“I'm not going to make security guarantees beyond a certain point” — <@&1> https://x.example/a")
	f.Fuzz(func(t *testing.T, corpusSel byte, target string) {
		fc := pickCorpus(t, corpusSel)
		handleFuzz(t, fc, Request{Kind: KindCommand, Name: WhoSaidThis, TargetText: target})
	})
}

// mentionRE matches what Discord turns into a ping or a link to a user,
// role or channel.
var mentionRE = regexp.MustCompile(`@everyone|@here|<@[!&]?\d+>|<#\d+>`)

// checkAnswer fails t when resp breaks a Discord limit, could ping anyone
// in any of the forms it is delivered in, holds invalid UTF-8, reports an
// error publicly, or (mentionFree: the corpus has no mentions) repeats a
// mention from the request.
func checkAnswer(t *testing.T, req Request, resp Response, mentionFree bool) {
	t.Helper()
	checkFits(t, resp, mentionFree)
	checkDelivery(t, req, resp)
}

// checkFits fails t when resp breaks a Discord limit or holds invalid
// UTF-8, or (mentionFree) when any of its text holds a mention.
func checkFits(t *testing.T, resp Response, mentionFree bool) {
	t.Helper()
	runes := utf8.RuneCountInString
	text := func(what, s string, max int) {
		t.Helper()
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", what, s)
		}
		if n := runes(s); n > max {
			t.Errorf("%s has %d characters, over %d", what, n, max)
		}
		if mentionFree {
			if m := mentionRE.FindString(s); m != "" {
				t.Errorf("%s repeats the mention %q: %q", what, m, s)
			}
			// Nor a direction control (the corpora have none), which
			// would turn the rest of a line around.
			if i := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Bidi_Control, r) }); i >= 0 {
				t.Errorf("%s repeats a direction control: %q", what, s)
			}
		}
	}
	text("content", resp.Content, MaxContent)
	if len(resp.Embeds) > MaxEmbeds {
		t.Errorf("%d embeds, over %d", len(resp.Embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range resp.Embeds {
		if e == nil {
			t.Fatalf("embed %d is nil", i)
		}
		total += EmbedLength(e)
		text("embed title", e.Title, MaxEmbedTitle)
		text("embed description", e.Description, MaxEmbedDesc)
		if e.URL != "" && !isWebURL(e.URL) {
			t.Errorf("embed URL %q is not a web URL", e.URL)
		}
		if e.Footer != nil {
			text("footer", e.Footer.Text, MaxFooter)
		}
		if e.Author != nil {
			text("author", e.Author.Name, MaxAuthor)
		}
		if len(e.Fields) > MaxEmbedFields {
			t.Errorf("%d fields, over %d", len(e.Fields), MaxEmbedFields)
		}
		for _, f := range e.Fields {
			text("field name", f.Name, MaxFieldName)
			text("field value", f.Value, MaxFieldValue)
			if f.Name == "" || f.Value == "" {
				t.Errorf("empty field name or value: %q: %q", f.Name, f.Value)
			}
		}
	}
	if total > MaxEmbedTotal {
		t.Errorf("embeds total %d characters, over %d", total, MaxEmbedTotal)
	}

	if len(resp.Choices) > MaxChoices {
		t.Errorf("%d choices, over %d", len(resp.Choices), MaxChoices)
	}
	for _, c := range resp.Choices {
		text("choice name", c.Name, MaxChoiceName)
		if c.Name == "" {
			t.Errorf("empty choice name")
		}
		s, ok := c.Value.(string)
		if !ok {
			t.Errorf("choice value %v is a %T, not a string", c.Value, c.Value)
			continue
		}
		if !utf8.ValidString(s) || s == "" || runes(s) > MaxChoiceValue {
			t.Errorf("choice value %q: empty, invalid UTF-8 or over %d", s, MaxChoiceValue)
		}
	}

	if len(resp.Components) > MaxComponentRows {
		t.Errorf("%d component rows, over %d", len(resp.Components), MaxComponentRows)
	}
	for _, r := range resp.Components {
		row, ok := r.(discordgo.ActionsRow)
		if !ok {
			t.Errorf("component %T is not an actions row", r)
			continue
		}
		if len(row.Components) > MaxRowComponents {
			t.Errorf("%d buttons in a row, over %d", len(row.Components), MaxRowComponents)
		}
		for _, c := range row.Components {
			b, ok := c.(discordgo.Button)
			if !ok {
				t.Errorf("row holds a %T, not a button", c)
				continue
			}
			text("button label", b.Label, MaxButtonLabel)
			if b.CustomID == "" || !utf8.ValidString(b.CustomID) || runes(b.CustomID) > MaxCustomID {
				t.Errorf("button custom_id %q: empty, invalid UTF-8 or over %d", b.CustomID, MaxCustomID)
			}
		}
	}

}

// checkDelivery fails t when resp, as the answer to req, has the wrong
// shape (a message answering autocomplete, a public error) or any of the
// payloads it is delivered in could ping anyone.
func checkDelivery(t *testing.T, req Request, resp Response) {
	t.Helper()
	if req.Kind == KindAutocomplete {
		if resp.Content != "" || len(resp.Embeds) > 0 || len(resp.Components) > 0 || resp.Ephemeral || resp.Update {
			t.Errorf("an autocomplete answer carries a message: %+v", resp)
		}
		var a struct {
			Type int                                  `json:"type"`
			Data *struct{ Choices []json.RawMessage } `json:"data"`
		}
		body := mustMarshal(t, resp.Autocomplete())
		if err := json.Unmarshal(body, &a); err != nil || a.Data == nil || a.Data.Choices == nil {
			t.Errorf("autocomplete payload lacks a choices list: %s", body)
		}
		if a.Type != int(discordgo.InteractionApplicationCommandAutocompleteResult) {
			t.Errorf("autocomplete payload type %d", a.Type)
		}
		return
	}
	if len(resp.Choices) > 0 {
		t.Errorf("a message answer carries %d choices", len(resp.Choices))
	}
	if resp.Err != "" && !resp.Ephemeral {
		t.Errorf("error %q is answered publicly", resp.Err)
	}
	if resp.Err == "" && len(resp.Embeds) == 0 && strings.TrimSpace(resp.Content) == "" {
		t.Errorf("an answer with nothing to show")
	}
	for _, r := range resp.Results {
		mustMarshal(t, r)
	}
	ir := mustMarshal(t, resp.InteractionResponse())
	checkNoPing(t, "interaction response", ir, "data", "allowed_mentions")
	checkNoPing(t, "webhook edit", mustMarshal(t, resp.WebhookEdit()), "allowed_mentions")
	checkNoPing(t, "follow-up", mustMarshal(t, resp.Followup()), "allowed_mentions")
	if resp.Ephemeral && !strings.Contains(string(ir), fmt.Sprintf(`"flags":%d`, discordgo.MessageFlagsEphemeral)) {
		t.Errorf("ephemeral answer without the ephemeral flag: %s", ir)
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	return b
}

// checkNoPing fails t unless the JSON object body has, at the path given,
// an allowed_mentions object whose parse is an empty list (not null, not
// absent) and that names no users or roles.
func checkNoPing(t *testing.T, what string, body []byte, path ...string) {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s is not JSON: %v", what, err)
	}
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: no %q object in %s", what, k, body)
			return
		}
		v = m[k]
	}
	am, ok := v.(map[string]any)
	if !ok {
		t.Errorf("%s: allowed_mentions missing: %s", what, body)
		return
	}
	parse, ok := am["parse"].([]any)
	if !ok || len(parse) != 0 {
		t.Errorf("%s: allowed_mentions.parse is %v, want []", what, am["parse"])
	}
	for _, k := range []string{"users", "roles"} {
		if l, ok := am[k].([]any); ok && len(l) > 0 {
			t.Errorf("%s: allowed_mentions.%s lets %v be pinged", what, k, l)
		}
	}
	if r, _ := am["replied_user"].(bool); r {
		t.Errorf("%s: allowed_mentions pings the replied user", what)
	}
}

// TestBound pins what the router guarantees of every request before a
// handler sees it (found by FuzzCommand: /people with a 5,000-letter word
// kept the fuzzy title index busy for minutes).
func TestBound(t *testing.T) {
	long := strings.Repeat("x", 5000)
	tests := []struct {
		name string
		req  Request
		// want is the bounded value of the request's only option, or of
		// TargetText/CustomID when the request has no options.
		want string
	}{
		{"option cut at its max_length", Request{Name: "people", Options: map[string]string{"article": long}}, long[:200]},
		{"who-said quote at 300", Request{Name: "who-said", Options: map[string]string{"quote": long}}, long[:maxQuery]},
		{"option without max_length", Request{Name: "summary", Options: map[string]string{"sentences": long}}, long[:maxOptionText]},
		{"unknown command", Request{Name: "nope", Options: map[string]string{"x": long}}, long[:maxOptionText]},
		{"invalid UTF-8 replaced", Request{Name: "who-said", Options: map[string]string{"quote": "a\xffb\xc3"}}, "a\uFFFDb\uFFFD"},
		{"runes, not bytes", Request{Name: "people", Options: map[string]string{"article": strings.Repeat("é", 300)}}, strings.Repeat("é", 200)},
		{"message text", Request{Name: WhoSaidThis, TargetText: long}, long[:maxMessageText]},
		{"custom_id", Request{Kind: KindComponent, CustomID: long + "\xff"}, long[:MaxCustomID]},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.req.Options)
			got := r.bound(tt.req)
			var v string
			switch {
			case len(got.Options) == 1:
				for _, o := range got.Options {
					v = o
				}
			case tt.req.TargetText != "":
				v = got.TargetText
			default:
				v = got.CustomID
			}
			if v != tt.want {
				t.Errorf("bounded to %d runes %.40q…, want %d runes %.40q…", utf8.RuneCountInString(v), v, utf8.RuneCountInString(tt.want), tt.want)
			}
			if fmt.Sprint(tt.req.Options) != before {
				t.Errorf("the caller's options were changed")
			}
		})
	}
}

// TestChoicesRoundTrip checks that every autocomplete choice, once picked,
// answers: the value Discord sends back (cut to 100 characters by Enforce)
// must find what the choice named, on every fuzz corpus.
func TestChoicesRoundTrip(t *testing.T) {
	for _, fc := range corporaForFuzz(t) {
		for _, tt := range []struct{ command, option string }{
			{"who-said", "quote"}, {"summary", "article"}, {"people", "article"}, {"quotes", "person"}, {"quotes", "article"},
		} {
			t.Run(fc.name+"/"+tt.command+"/"+tt.option, func(t *testing.T) {
				ac := handleFuzz(t, fc, Request{Kind: KindAutocomplete, Name: tt.command, Focused: tt.option, Options: map[string]string{tt.option: ""}})
				for _, c := range ac.Choices {
					v := c.Value.(string)
					opts := map[string]string{tt.option: v}
					if tt.command == "quotes" && tt.option == "article" {
						// Anyone quoted in it: the article must resolve, whoever it is.
						opts["person"] = "Person 1"
						if fc.name != "hostile" {
							continue
						}
					}
					resp := handleFuzz(t, fc, Request{Kind: KindCommand, Name: tt.command, Options: opts})
					// "No quotations from X" is a fine answer about
					// someone named but never quoted: X was found.
					if resp.Err != "" && !strings.HasPrefix(resp.Err, "No quotations from") {
						t.Errorf("choice %.60q (value %.60q) answers %.80q", c.Name, v, resp.Err)
					}
				}
			})
		}
	}
}

// FuzzEnforce builds responses of arbitrary text and sizes and checks that
// Enforce makes every one fit (the handlers' own text rarely comes near
// some limits, such as the 6,000 characters of all embeds together).
func FuzzEnforce(f *testing.F) {
	f.Add("title", "description", "name", "value", "footer", "author", "content", byte(3), byte(2), byte(2))
	f.Add(strings.Repeat("word ", 100), strings.Repeat("x", 5000), " ", "", strings.Repeat("é ", 1100), "a", strings.Repeat("\u0301", 3000), byte(30), byte(12), byte(7))
	f.Add("\u200b", "\n\n\n", "\t", "\u2028", "—", ", ; :", "…", byte(255), byte(255), byte(255))
	f.Fuzz(func(t *testing.T, title, desc, fname, fvalue, footer, author, content string, nFields, nEmbeds, nButtons byte) {
		valid := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
		var resp Response
		resp.Content = valid(content)
		for i := range int(nEmbeds % 16) {
			e := &discordgo.MessageEmbed{
				Title: valid(title), Description: strings.Repeat(valid(desc), i%3+1), URL: valid(fname),
				Footer: &discordgo.MessageEmbedFooter{Text: valid(footer)}, Author: &discordgo.MessageEmbedAuthor{Name: valid(author)},
			}
			for j := range int(nFields % 40) {
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: strings.Repeat(valid(fname), j%4), Value: strings.Repeat(valid(fvalue), j%5)})
			}
			resp.Embeds = append(resp.Embeds, e)
		}
		var buttons []discordgo.MessageComponent
		for i := range int(nButtons % 9) {
			buttons = append(buttons, discordgo.Button{Label: strings.Repeat(valid(title), i), CustomID: "x" + strings.Repeat(valid(fvalue), i)})
		}
		for range int(nButtons % 8) {
			resp.Components = append(resp.Components, discordgo.ActionsRow{Components: buttons})
		}
		for i := range int(nFields) {
			resp.Choices = append(resp.Choices, &discordgo.ApplicationCommandOptionChoice{Name: strings.Repeat(valid(fname), i%3), Value: valid(fvalue) + strings.Repeat("v", i)})
		}
		Enforce(&resp)
		checkFits(t, resp, false)
	})
}

// TestEcho pins how typed text is shown back: one line, no mention, no
// code span, and no control or direction character that could rearrange
// the answer around it.
func TestEcho(t *testing.T) {
	tests := []struct{ in, want string }{
		{"security guarantees", "“security guarantees”"},
		{"  two\n\tlines  ", "“two lines”"},
		{"@everyone <@123>", "“@\u200beveryone <\u200b@\u200b123>”"},
		{"<\u202e@123>", "“<\u200b@\u200b123>”"},
		{"```code```", "“'''code'''”"},
		{"\u202eevil\u202c done", "“evil done”"},
		{"\u2066isolate\u2069 \u200f\u200e\u061c", "“isolate”"},
		{"a\x00b\x1b[31mc\x7f", "“ab[31mc”"},
		{"line\u2028sep", "“line sep”"},
		{"👨\u200d👩\u200d👧 family", "“👨\u200d👩\u200d👧 family”"},
		{"[x](https://evil.example)", "“[x]\u200b(https:\u200b//evil.example)”"},
		{"see [here] (http://a.example/b)", "“see [here] (http:\u200b//a.example/b)”"},
		{"<https://evil.example>", "“<\u200bhttps:\u200b//evil.example>”"},
		{"[x](<https://evil.example>)", "“[x]\u200b(<\u200bhttps:\u200b//evil.example>)”"},
		{"ratio 3:1 // fine", "“ratio 3:1 // fine”"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := echo(tt.in); got != tt.want {
				t.Errorf("echo(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
