package commands

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
)

func TestAddPanicsOnDuplicate(t *testing.T) {
	r := New()
	defer func() {
		if p := recover(); p == nil || !strings.Contains(p.(string), `"who-said"`) {
			t.Errorf("recover() = %v, want a panic naming the duplicate", p)
		}
	}()
	r.Add(&Command{Def: &discordgo.ApplicationCommand{Name: "who-said"}})
}

func TestReplaceKeepsOrder(t *testing.T) {
	r := New()
	before := r.Definitions()
	r.Replace(&Command{Def: &discordgo.ApplicationCommand{Name: "summary", Description: "stand-in"}})
	after := r.Definitions()
	if len(after) != len(before) || after[1].Name != "summary" || after[1].Description != "stand-in" {
		t.Errorf("after Replace: %d definitions, second %q %q", len(after), after[1].Name, after[1].Description)
	}
}

// tag is middleware that appends its name to the answer's content on the
// way out, so the content shows the order middleware ran in.
func tag(name string) Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) Response {
			resp := next(ctx, req)
			resp.Content += name
			return resp
		}
	}
}

func TestMiddlewareOrder(t *testing.T) {
	r := New()
	r.Use(tag("[router]"))
	r.Add((&Command{
		Def: &discordgo.ApplicationCommand{Name: "echo", Description: "x"},
		Run: func(ctx context.Context, req Request) Response { return Response{Content: "h"} },
	}).With(tag("[inner]"), tag("[outer]")))
	resp, err := r.Handle(context.Background(), Request{Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	// Per-command middleware runs inside the router's; of several, the
	// first given is outermost.
	if want := "h[outer][inner][router]"; resp.Content != want {
		t.Errorf("content %q, want %q", resp.Content, want)
	}
	other, _ := r.Handle(context.Background(), Request{Name: "help"})
	if strings.Contains(other.Content, "[inner]") || !strings.HasSuffix(other.Content, "[router]") {
		t.Errorf("per-command middleware leaked or router middleware missing: %q", other.Content)
	}
}

func TestButtonPatterns(t *testing.T) {
	var got map[string]string
	press := func(ctx context.Context, req Request) Response {
		got = req.Params
		return Response{Content: "pressed " + req.Param("n")}
	}
	r := New()
	r.Add(&Command{
		Def:     &discordgo.ApplicationCommand{Name: "pager", Description: "x"},
		Buttons: []Button{{Pattern: "pager:page:{n}", Press: press}, {Pattern: "pager:{a}:{b}:{c}", Press: press}},
	})
	tests := []struct {
		id      string
		want    string
		params  map[string]string
		failure Failure
	}{
		{"pager:page:3", "pressed 3", map[string]string{"n": "3"}, OK},
		{"pager:x:y:z", "pressed ", map[string]string{"a": "x", "b": "y", "c": "z"}, OK},
		{"pager:page:", "", nil, BadInput},      // an empty part matches no {name}
		{"pager:other:3", "", nil, BadInput},    // a literal part differs
		{"pager:page:3:4:5", "", nil, BadInput}, // too many parts
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got = nil
			resp, _ := r.Handle(context.Background(), Request{Kind: KindComponent, CustomID: tt.id})
			if resp.Failure != tt.failure || (tt.failure == OK && resp.Content != tt.want) {
				t.Fatalf("answer %q (failure %v), want %q (%v)", resp.Content, resp.Failure, tt.want, tt.failure)
			}
			if tt.failure == OK && len(got) != len(tt.params) {
				t.Fatalf("params %v, want %v", got, tt.params)
			}
			for k, v := range tt.params {
				if got[k] != v {
					t.Errorf("param %s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func TestFailureKinds(t *testing.T) {
	c := fixtureCorpus(t)
	tests := []struct {
		name string
		req  Request
		want Failure
	}{
		{"answer", Request{Name: "who-said", Options: opts("quote", quoteGuarantee), Corpus: c}, OK},
		{"missing option", Request{Name: "who-said", Corpus: c}, BadInput},
		{"bad integer", Request{Name: "summary", Options: opts("article", "portby", "sentences", "eleven"), Corpus: c}, BadInput},
		{"unknown command", Request{Name: "nope", Corpus: c}, BadInput},
		{"nothing matches", Request{Name: "who-said", Options: opts("quote", "zebra xylophone quasar"), Corpus: c}, NotFound},
		{"no articles", Request{Name: "who-said", Options: opts("quote", "harbour wall")}, NotFound},
		{"forbidden", Request{Name: "guarded", Corpus: c}, Forbidden},
		{"panic", Request{Name: "boom", Corpus: c}, Internal},
		{"bare Err", Request{Name: "legacy", Corpus: c}, BadInput},
	}
	r := New()
	r.Add(&Command{Def: &discordgo.ApplicationCommand{Name: "boom"}, Run: func(context.Context, Request) Response { panic("kaboom") }})
	r.Add(&Command{Def: &discordgo.ApplicationCommand{Name: "legacy"}, Run: func(context.Context, Request) Response { return Response{Err: "old style"} }})
	r.Add(&Command{Def: &discordgo.ApplicationCommand{Name: "guarded"}, Run: func(_ context.Context, req Request) Response {
		if !req.CanManageServer() {
			return Response{Failure: Forbidden, Content: "Only members who can manage the server may do that."}
		}
		return Response{Content: "done"}
	}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := r.Handle(context.Background(), tt.req)
			if resp.Failure != tt.want {
				t.Fatalf("failure %v, want %v (%q)", resp.Failure, tt.want, resp.Err)
			}
			if (tt.want == Internal) != (err != nil) {
				t.Errorf("error %v for failure %v", err, resp.Failure)
			}
			if tt.want != OK && (!resp.Private() || !resp.Ephemeral || resp.Err == "") {
				t.Errorf("a failure not delivered privately with its reason: %+v", resp)
			}
		})
	}
	ok, _ := r.Handle(context.Background(), Request{Name: "guarded", Corpus: c, Permissions: discordgo.PermissionManageGuild})
	if ok.Failure != OK || ok.Content != "done" {
		t.Errorf("a member with Manage Server was refused: %+v", ok)
	}
}

func TestLoggingByKind(t *testing.T) {
	var b strings.Builder
	log := slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r := New(WithLogger(log))
	r.Add(&Command{Def: &discordgo.ApplicationCommand{Name: "boom"}, Run: func(context.Context, Request) Response { panic("kaboom") }})
	r.Handle(context.Background(), Request{Name: "boom"})
	r.Handle(context.Background(), Request{Name: "who-said"})
	out := b.String()
	if !strings.Contains(out, "level=ERROR") || !strings.Contains(out, "kaboom") {
		t.Errorf("panic not logged as an error:\n%s", out)
	}
	if strings.Count(out, "level=ERROR") != 1 || !strings.Contains(out, `failure="bad input"`) {
		t.Errorf("bad input logged wrongly:\n%s", out)
	}
	// A caller's logger in the context wins, so that the adapter's
	// attributes (an interaction ID) are on the line.
	var own strings.Builder
	ctx := ContextWithLogger(context.Background(), slog.New(slog.NewTextHandler(&own, nil)).With("interaction", "i-1"))
	r.Handle(ctx, Request{Name: "boom"})
	if !strings.Contains(own.String(), "interaction=i-1") || strings.Count(b.String(), "level=ERROR") != 1 {
		t.Errorf("context logger not used: %q", own.String())
	}
}

func TestSnapshotFromCorpora(t *testing.T) {
	perGuild := map[string]*corpus.Corpus{"1": fixtureCorpus(t), "2": manyDocs(t, 3)}
	var asked []string
	r := New(WithCorpora(CorporaFunc(func(_ context.Context, guild string) Snapshot {
		asked = append(asked, guild)
		return Snapshot{Corpus: perGuild[guild], Loading: guild == "2"}
	})))
	resp, _ := r.Handle(context.Background(), Request{Name: "articles", GuildID: "1"})
	if !strings.Contains(allText(resp), "Loaded articles (2)") || strings.Contains(allText(resp), "Still loading") {
		t.Errorf("guild 1:\n%s", allText(resp))
	}
	resp, _ = r.Handle(context.Background(), Request{Name: "articles", GuildID: "2"})
	if !strings.Contains(allText(resp), "Loaded articles (3)") || !strings.Contains(allText(resp), "Still loading articles: 3 so far") {
		t.Errorf("guild 2:\n%s", allText(resp))
	}
	resp, _ = r.Handle(context.Background(), Request{Name: "articles", GuildID: "3"})
	if resp.Failure != NotFound {
		t.Errorf("a guild without a corpus: %v", resp.Failure)
	}
	// A request that brings its own corpus is answered from it.
	resp, _ = r.Handle(context.Background(), Request{Name: "articles", GuildID: "2", Corpus: manyDocs(t, 1)})
	if !strings.Contains(allText(resp), "Loaded articles (1)") {
		t.Errorf("own corpus:\n%s", allText(resp))
	}
	if strings.Join(asked, ",") != "1,2,3" {
		t.Errorf("provider asked for %v", asked)
	}
}

func TestStoreCorpora(t *testing.T) {
	s := corpus.NewStore(manyDocs(t, 2))
	s.SetLoading(true)
	snap := StoreCorpora(s).Snapshot(context.Background(), "any")
	if len(snap.Corpus.Docs) != 2 || !snap.Loading {
		t.Errorf("snapshot %d docs, loading %v", len(snap.Corpus.Docs), snap.Loading)
	}
}

// TestMaskedLinksNotEchoed is issue 10 item 9: a masked link typed into an
// option came back as a live link in the error embed.
func TestMaskedLinksNotEchoed(t *testing.T) {
	c := fixtureCorpus(t)
	for _, tt := range []struct {
		name string
		req  Request
	}{
		{"who-said", Request{Name: "who-said", Options: opts("quote", "zebra [click me](https://evil.example/x) quasar"), Corpus: c}},
		{"summary", Request{Name: "summary", Options: opts("article", "[click me](https://evil.example/x)"), Corpus: c}},
		{"quotes", Request{Name: "quotes", Options: opts("person", "[click me](https://evil.example/x)"), Corpus: c}},
		{"search", Request{Name: "search", Options: opts("text", "[click me](https://evil.example/x)"), Corpus: c}},
		{"integer", Request{Name: "summary", Options: opts("article", "portby", "sentences", "[1](https://evil.example/x)"), Corpus: c}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := run(t, tt.req)
			text := allText(resp)
			if strings.Contains(text, "](https://evil") || strings.Contains(text, "https://evil") {
				t.Errorf("a live link is echoed:\n%s", text)
			}
		})
	}
}
