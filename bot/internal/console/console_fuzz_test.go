package console

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"newsbot/commands"
	"newsbot/data"
	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/corpus/corpustest"
)

// The console fuzz targets feed arbitrary lines to the console. Their
// seeds run as ordinary tests; to fuzz one, e.g.
//
//	go test -run '^$' -fuzz '^FuzzConsoleLine$' -fuzztime 60s -fuzzminimizetime 5s ./bot
//
// (An input of many lines costs tens of milliseconds; minimising each new
// one for the default 60 s leaves little time for fuzzing.)

// consoleSeeds are lines a script or a person could type.
var consoleSeeds = []string{
	"/who-said quote: security guarantees beyond a certain point",
	"/who-said security guarantees",
	"/summary article: starmer sentences: 2",
	"/summary sentences:-1 article:starmer",
	"/summary SENTENCES: 99999999999999999999 ARTICLE: starmer",
	"/quotes person: Starmer article: keir",
	"/people article: portby",
	"/articles page: 0",
	"/articles page:2",
	"/search text: minerals deal",
	"/help",
	"/Who said this?",
	"/nope",
	"/",
	"//",
	"/ quote:",
	"who-said quote: no slash",
	"# a comment",
	"",
	"/who-said quote: @everyone <@123> <@&456> <#789>",
	"/who-said quote: ```\n``` ||spoiler|| **x**",
	"/who-said quote:\u200b\u202eevil\u202c",
	"/who-said quote: \xff\xfe",
	"/who-said \xffquote: x",
	"/summary article:\u212a sentences:\u0130 İarticle: x",
	"/quotes \u212aperson: x",
	"/who-said\tquote:\ttab",
	"/who-said quote: " + strings.Repeat("x", 5000),
	"/who-said quote: \x00\x01\x1b[0m",
	"/search text: " + strings.Repeat("word ", 500),
}

var (
	consoleCorporaOnce sync.Once
	consoleCorpora     []*corpus.Corpus
)

// corporaForConsoleFuzz returns the embedded default articles analysed for
// real, the hand-built test corpus with filler pages, and no articles.
func corporaForConsoleFuzz(tb testing.TB) []*corpus.Corpus {
	tb.Helper()
	consoleCorporaOnce.Do(func() {
		arts, warns := article.LoadFS(data.Articles, "articles", article.Options{})
		if len(arts) == 0 {
			tb.Fatalf("no embedded articles (warnings: %v)", warns)
		}
		consoleCorpora = []*corpus.Corpus{corpus.Build(arts), corpustest.Small(tb, 12), corpus.New(nil)}
	})
	return consoleCorpora
}

// FuzzConsoleLine answers one arbitrary line: parsing never panics, the
// options it finds are the command's own, the --json answer is one valid
// JSON object on one line with the promised keys, and the text answer is
// valid UTF-8.
func FuzzConsoleLine(f *testing.F) {
	for i, s := range consoleSeeds {
		f.Add(byte(i), s)
	}
	router := commands.New()
	f.Fuzz(func(t *testing.T, corpusSel byte, line string) {
		cs := corporaForConsoleFuzz(t)
		c := cs[int(corpusSel)%len(cs)]

		req, name := parseConsoleLine(router, line)
		if cmd := router.Lookup(req.Name); cmd != nil {
			for k := range req.Options {
				if !hasOption(cmd, k) {
					t.Errorf("option %q is not one of /%s's", k, req.Name)
				}
			}
		} else if len(req.Options) > 0 {
			t.Errorf("options %v for an unknown command", req.Options)
		}
		if name != req.Name {
			t.Errorf("name %q, request for %q", name, req.Name)
		}

		var logs bytes.Buffer
		name, resp := consoleAnswer(context.Background(), routerOn(c), line, slog.New(slog.NewTextHandler(&logs, nil)))
		if strings.Contains(logs.String(), "panic") {
			t.Errorf("a handler panicked: %s", logs.String())
		}
		var out bytes.Buffer
		writeJSONLine(&out, name, resp)
		checkJSONLine(t, out.String())

		out.Reset()
		renderText(&out, resp)
		if !utf8.Valid(out.Bytes()) {
			t.Errorf("text answer is not valid UTF-8: %q", out.String())
		}
	})
}

// FuzzConsoleJSON runs the console over arbitrary input of several lines:
// one valid JSON line per command line, nothing for blank and comment
// lines, and the text console never fails.
func FuzzConsoleJSON(f *testing.F) {
	// Short lines only: a long word costs the fuzzy indexes tens of
	// milliseconds, and the fuzzer runs an input many times over to
	// minimise it (FuzzConsoleLine covers long lines).
	var short []string
	for _, s := range consoleSeeds {
		if len(s) < 100 {
			short = append(short, s)
		}
	}
	f.Add(strings.Join(short, "\n"))
	f.Add("/help\r\n\r\n# x\r\n/articles\n")
	f.Add("/who-said quote: a\n\n\n/summary article: b\x00\n")
	f.Fuzz(func(t *testing.T, input string) {
		c := corporaForConsoleFuzz(t)[1]
		want := 0
		sc := bufio.NewScanner(strings.NewReader(input))
		sc.Buffer(make([]byte, 64*1024), maxLine)
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
				want++
			}
		}
		if sc.Err() != nil {
			t.Skip("a line longer than the console reads")
		}
		var out bytes.Buffer
		if err := runOn(context.Background(), Options{JSON: true}, c, strings.NewReader(input), &out); err != nil {
			t.Fatalf("Run --json: %v", err)
		}
		got := 0
		for _, l := range strings.SplitAfter(out.String(), "\n") {
			if l == "" {
				continue
			}
			got++
			checkJSONLine(t, l)
		}
		if got != want {
			t.Errorf("%d answers for %d commands:\n%s", got, want, out.String())
		}
		out.Reset()
		if err := runOn(context.Background(), Options{}, c, strings.NewReader(input), &out); err != nil {
			t.Fatalf("Run: %v", err)
		}
	})
}

func hasOption(cmd *commands.Command, name string) bool {
	for _, o := range cmd.Def.Options {
		if o.Name == name {
			return true
		}
	}
	return false
}

// checkJSONLine fails t unless l is one JSON object ending in a newline,
// with the keys --json promises and ok true exactly when error is empty.
func checkJSONLine(t *testing.T, l string) {
	t.Helper()
	if !strings.HasSuffix(l, "\n") || strings.Count(l, "\n") != 1 {
		t.Fatalf("not one line: %q", l)
	}
	if !json.Valid([]byte(l)) {
		t.Fatalf("not valid JSON: %q", l)
	}
	var v struct {
		Command *string `json:"command"`
		OK      *bool   `json:"ok"`
		Error   *string `json:"error"`
		Results []any   `json:"results"`
	}
	dec := json.NewDecoder(strings.NewReader(l))
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %q: %v", l, err)
	}
	if v.Command == nil || v.OK == nil || v.Error == nil || v.Results == nil {
		t.Fatalf("line lacks a key: %s", l)
	}
	if *v.OK != (*v.Error == "") {
		t.Errorf("ok %v with error %q", *v.OK, *v.Error)
	}
}

// TestWriteJSONLineEncodeError pins the fallback line written when a
// result cannot be encoded: it must still be valid JSON whatever the
// command's name holds.
func TestWriteJSONLineEncodeError(t *testing.T) {
	for _, name := range []string{"who-said", "\x01\x7f", "\xff\xfe", `"quoted"`, "a\u2028b"} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			writeJSONLine(&out, name, commands.Response{Results: []any{math.NaN()}})
			checkJSONLine(t, out.String())
			var v consoleLine
			if err := json.Unmarshal(out.Bytes(), &v); err != nil || v.OK || !strings.HasPrefix(v.Error, "encode:") {
				t.Errorf("fallback line %q", out.String())
			}
		})
	}
}

// TestParseConsoleLineCase pins option names matched without lowering the
// line (FuzzConsoleLine: a Kelvin sign or an invalid byte changes the
// lowered line's length, and its offsets cut the real line out of range).
func TestParseConsoleLineCase(t *testing.T) {
	r := commands.New()
	tests := []struct {
		line string
		opts map[string]string
	}{
		{"/summary article:\u212a sentences:2", map[string]string{"article": "\u212a", "sentences": "2"}},
		{"/summary article:\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a sentences:2", map[string]string{"article": strings.Repeat("\u212a", 9), "sentences": "2"}},
		{"/summary ARTICLE: \xff starmer SENTENCES: 3", map[string]string{"article": "\xff starmer", "sentences": "3"}},
		{"/summary article:\u0130\u0130 x sentences:\u0130", map[string]string{"article": "\u0130\u0130 x", "sentences": "\u0130"}},
		{"/quotes \u212aperson: x", map[string]string{"person": "\u212aperson: x"}},
		{"/who-said \xffquote: x", map[string]string{"quote": "\xffquote: x"}},
		{"/who-said quote", map[string]string{"quote": "quote"}},
		{"/who-said quote:", map[string]string{"quote": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			req, _ := parseConsoleLine(r, tt.line)
			if fmt.Sprint(req.Options) != fmt.Sprint(tt.opts) {
				t.Errorf("options %q, want %q", req.Options, tt.opts)
			}
		})
	}
}
