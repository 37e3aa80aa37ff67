package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/internal/fakediscord"
	"newsbot/bot/internal/testlog"
	"newsbot/commands"
	"newsbot/data/corpus"
	"newsbot/data/corpus/corpustest"
)

const testToken = "test-token-not-real.abc123"

// runningBot is a bot connected to a fake Discord.
type runningBot struct {
	bot      *Bot
	logs     *testlog.Buffer
	cancel   context.CancelFunc
	finished chan struct{} // closed when run has returned
	err      error         // what run returned
}

// wait waits up to d for run to return and returns its error.
func (rb *runningBot) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case <-rb.finished:
		return rb.err
	case <-time.After(d):
		t.Fatalf("bot still running after %s", d)
		return nil
	}
}

// stop cancels the bot and waits for it to shut down.
func (rb *runningBot) stop(t *testing.T) error {
	t.Helper()
	rb.cancel()
	return rb.wait(t, 15*time.Second)
}

// startBot runs a bot with router against f, registering in guild 42.
func startBot(t *testing.T, f *fakeDiscord, router *commands.Router) *runningBot {
	t.Helper()
	return startBotIn(t, f, router, "42", nil)
}

// withCorpus is the router options that answer from c.
func withCorpus(c *corpus.Corpus) commands.Option {
	return commands.WithCorpora(commands.StoreCorpora(corpus.NewStore(c)))
}

// startBotIn runs a bot with router against f, registering in guild (""
// for globally).
func startBotIn(t *testing.T, f *fakeDiscord, router *commands.Router, guild string, tweak func(*Bot)) *runningBot {
	t.Helper()
	logs := &testlog.Buffer{}
	cfg := Options{Token: "Bot " + testToken, GuildID: guild, APIBase: f.URL}
	b := New(cfg, router, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	b.openTimeout = 5 * time.Second
	b.backoffMax = 200 * time.Millisecond
	if tweak != nil {
		tweak(b)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rb := &runningBot{bot: b, logs: logs, cancel: cancel, finished: make(chan struct{})}
	go func() {
		rb.err = b.Run(ctx)
		close(rb.finished)
	}()
	t.Cleanup(func() {
		cancel()
		<-rb.finished
		if t.Failed() {
			t.Logf("bot logs:\n%s", logs.String())
		}
	})
	return rb
}

var interactionSeq atomic.Int64

// interaction is an INTERACTION_CREATE payload; id and token are fresh.
func interaction(typ discordgo.InteractionType, data map[string]any) (map[string]any, string, string) {
	n := interactionSeq.Add(1)
	id, tok := fmt.Sprintf("%d", 600000000000000000+n), fmt.Sprintf("itoken%d", n)
	return map[string]any{
		"id": id, "application_id": "900000000000000001", "type": int(typ), "token": tok, "version": 1,
		"guild_id": "42", "channel_id": "7",
		"member": map[string]any{"user": map[string]any{"id": "300000000000000001", "username": "alice"}},
		"data":   data,
	}, id, tok
}

// slash is a chat-input command interaction with string options.
func slash(name string, kv ...any) (map[string]any, string, string) {
	var opts []map[string]any
	for i := 0; i+1 < len(kv); i += 2 {
		typ := 3 // string
		if _, ok := kv[i+1].(int); ok {
			typ = 4
		}
		opts = append(opts, map[string]any{"name": kv[i], "type": typ, "value": kv[i+1]})
	}
	return interaction(discordgo.InteractionApplicationCommand, map[string]any{"id": "1", "name": name, "type": 1, "options": opts})
}

// callbackBody is the decoded body of an interaction callback.
type callbackBody struct {
	Type int `json:"type"`
	Data struct {
		Content         string                                      `json:"content"`
		Flags           int                                         `json:"flags"`
		Embeds          []*discordgo.MessageEmbed                   `json:"embeds"`
		Choices         []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		Components      []json.RawMessage                           `json:"components"`
		AllowedMentions *struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	} `json:"data"`
}

func decodeCallback(t *testing.T, r fakeRequest) callbackBody {
	t.Helper()
	var cb callbackBody
	if err := json.Unmarshal(r.Body, &cb); err != nil {
		t.Fatalf("callback body %s: %v", r.Body, err)
	}
	return cb
}

// pingsNobody fails unless the JSON sent carries allowed_mentions parse [].
func pingsNobody(t *testing.T, body []byte) {
	t.Helper()
	if !strings.Contains(string(body), `"allowed_mentions":{"parse":[]`) {
		t.Errorf("sent without allowed_mentions parse []: %s", body)
	}
}

func testRouter(c *corpus.Corpus) *commands.Router {
	r := commands.New(withCorpus(c))
	r.Add(&commands.Command{
		Def: &discordgo.ApplicationCommand{Name: "boom", Description: "panics"},
		Run: func(ctx context.Context, req commands.Request) commands.Response { panic("kaboom") },
	})
	slow := func(resp commands.Response) commands.Handler {
		return func(ctx context.Context, req commands.Request) commands.Response {
			time.Sleep(100 * time.Millisecond)
			return resp
		}
	}
	r.Add(&commands.Command{
		Def:   &discordgo.ApplicationCommand{Name: "slow", Description: "takes a while"},
		Run:   slow(commands.Response{Content: "done slowly @everyone"}),
		Defer: true,
	})
	r.Add(&commands.Command{
		Def:   &discordgo.ApplicationCommand{Name: "slow-fail", Description: "fails after a while"},
		Run:   slow(commands.Response{Content: "failed slowly", Ephemeral: true, Err: "failed"}),
		Defer: true,
	})
	r.Add(&commands.Command{
		Def:   &discordgo.ApplicationCommand{Name: "slowpage", Description: "a slow button"},
		Run:   slow(commands.Response{Content: "page 1"}),
		Press: slow(commands.Response{Content: "page 2", Update: true}),
		Defer: true,
	})
	r.Add(&commands.Command{
		Def: &discordgo.ApplicationCommand{Name: "huge", Description: "answers far too much"},
		Run: func(ctx context.Context, req commands.Request) commands.Response {
			e := &discordgo.MessageEmbed{Title: strings.Repeat("title ", 100), Description: strings.Repeat("words ", 2000)}
			for range 40 {
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: strings.Repeat("n ", 200), Value: strings.Repeat("v ", 1000)})
			}
			return commands.Response{Content: strings.Repeat("c ", 3000), Embeds: []*discordgo.MessageEmbed{e}}
		},
	})
	return r
}

func TestDiscordBot(t *testing.T) {
	f := newFakeDiscord(t)
	router := testRouter(corpustest.Small(t, 25))
	rb := startBot(t, f, router)

	t.Run("registration", func(t *testing.T) {
		r := f.waitFor("bulk overwrite", func(r fakeRequest) bool { return r.Method == http.MethodPut })
		if want := "/api/v9/applications/" + fakediscord.AppID + "/guilds/42/commands"; r.Path != want {
			t.Errorf("registered at %s, want %s", r.Path, want)
		}
		var cmds []map[string]any
		if err := json.Unmarshal(r.Body, &cmds); err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, c := range cmds {
			got = append(got, fmt.Sprint(c["name"]))
		}
		for _, d := range router.Definitions() {
			want = append(want, d.Name)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("registered %v, want %v", got, want)
		}
		for _, c := range cmds {
			if c["name"] == commands.WhoSaidThis && c["type"] != float64(discordgo.MessageApplicationCommand) {
				t.Errorf("context menu registered as type %v", c["type"])
			}
			if c["name"] == "who-said" {
				opt := c["options"].([]any)[0].(map[string]any)
				if opt["name"] != "quote" || opt["autocomplete"] != true || opt["required"] != true {
					t.Errorf("who-said option %v", opt)
				}
			}
		}
		if n := len(f.waitLogins(1)); n != 1 {
			t.Errorf("%d logins", n)
		}
	})

	t.Run("who-said", func(t *testing.T) {
		ev, id, _ := slash("who-said", "quote", "security guarantees beyond a certain point")
		f.dispatch(ev)
		r := f.waitFor("who-said callback", callbackFor(id))
		cb := decodeCallback(t, r)
		pingsNobody(t, r.Body)
		if cb.Type != 4 || cb.Data.Flags&64 != 0 || len(cb.Data.Embeds) != 1 {
			t.Fatalf("callback %s", r.Body)
		}
		e := cb.Data.Embeds[0]
		if e.Title != "Donald Trump" || !strings.Contains(e.Description, corpustest.QuoteGuarantee) || e.URL != "https://news.example/starmer" {
			t.Errorf("embed %+v", e)
		}
	})

	t.Run("summary", func(t *testing.T) {
		ev, id, _ := slash("summary", "article", "portby harbour", "sentences", 1)
		f.dispatch(ev)
		r := f.waitFor("summary callback", callbackFor(id))
		cb := decodeCallback(t, r)
		pingsNobody(t, r.Body)
		if cb.Type != 4 || len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].Title != "Portby Harbour Wall to Be Rebuilt" || cb.Data.Embeds[0].Description == "" {
			t.Fatalf("callback %s", r.Body)
		}
		if !strings.HasPrefix(cb.Data.Embeds[0].Footer.Text, "Summary: 1 of") {
			t.Errorf("footer %q", cb.Data.Embeds[0].Footer.Text)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		ev, id, _ := interaction(discordgo.InteractionApplicationCommandAutocomplete, map[string]any{
			"id": "1", "name": "who-said", "type": 1,
			"options": []map[string]any{{"name": "quote", "type": 3, "value": "security guar", "focused": true}},
		})
		f.dispatch(ev)
		r := f.waitFor("autocomplete callback", callbackFor(id))
		cb := decodeCallback(t, r)
		if cb.Type != 8 || len(cb.Data.Choices) == 0 || len(cb.Data.Choices) > 25 || cb.Data.Choices[0].Value != corpustest.QuoteGuarantee {
			t.Fatalf("callback %s", r.Body)
		}
		// Nothing matches: the choices list is sent, empty.
		ev, id, _ = interaction(discordgo.InteractionApplicationCommandAutocomplete, map[string]any{
			"id": "1", "name": "summary", "type": 1,
			"options": []map[string]any{{"name": "article", "type": 3, "value": "zqxjzqxj", "focused": true}},
		})
		f.dispatch(ev)
		r = f.waitFor("empty autocomplete callback", callbackFor(id))
		if !strings.Contains(string(r.Body), `"choices":[]`) {
			t.Errorf("empty choices sent as %s", r.Body)
		}
	})

	t.Run("context menu", func(t *testing.T) {
		ev, id, _ := interaction(discordgo.InteractionApplicationCommand, map[string]any{
			"id": "2", "name": commands.WhoSaidThis, "type": 3, "target_id": "500",
			"resolved": map[string]any{"messages": map[string]any{"500": map[string]any{
				"id": "500", "channel_id": "7", "content": "@everyone who said “the harbour wall will be rebuilt”?",
				"author": map[string]any{"id": "300000000000000002", "username": "bob"},
			}}},
		})
		f.dispatch(ev)
		r := f.waitFor("context menu callback", callbackFor(id))
		cb := decodeCallback(t, r)
		pingsNobody(t, r.Body)
		if cb.Type != 4 || len(cb.Data.Embeds) != 1 || cb.Data.Embeds[0].Title != "Ann Ellis" {
			t.Fatalf("callback %s", r.Body)
		}
	})

	t.Run("button", func(t *testing.T) {
		ev, id, _ := slash("articles")
		f.dispatch(ev)
		r := f.waitFor("articles callback", callbackFor(id))
		if !strings.Contains(string(r.Body), `"custom_id":"articles:page:2"`) {
			t.Fatalf("no next-page button: %s", r.Body)
		}
		ev, id, _ = interaction(discordgo.InteractionMessageComponent, map[string]any{"custom_id": "articles:page:2", "component_type": 2})
		ev["message"] = map[string]any{"id": "501", "channel_id": "7", "content": ""}
		f.dispatch(ev)
		r = f.waitFor("button callback", callbackFor(id))
		cb := decodeCallback(t, r)
		pingsNobody(t, r.Body)
		if cb.Type != 7 || len(cb.Data.Embeds) != 1 || !strings.HasPrefix(cb.Data.Embeds[0].Footer.Text, "Page 2 of 3") {
			t.Fatalf("callback %s", r.Body)
		}
	})

	t.Run("mentions ping nobody", func(t *testing.T) {
		for _, q := range []string{"@everyone <@&123> <@456> zqxj", "@here security guarantees"} {
			ev, id, _ := slash("who-said", "quote", q)
			f.dispatch(ev)
			r := f.waitFor("callback", callbackFor(id))
			pingsNobody(t, r.Body)
			for _, m := range []string{"@everyone", "@here", "<@&123>", "<@456>"} {
				if strings.Contains(string(r.Body), m) {
					t.Errorf("answer repeats %s: %s", m, r.Body)
				}
			}
		}
	})

	t.Run("panicking handler", func(t *testing.T) {
		ev, id, _ := slash("boom")
		f.dispatch(ev)
		r := f.waitFor("boom callback", callbackFor(id))
		cb := decodeCallback(t, r)
		pingsNobody(t, r.Body)
		if cb.Type != 4 || cb.Data.Flags&64 == 0 || !strings.Contains(string(r.Body), "Something went wrong") {
			t.Fatalf("callback %s", r.Body)
		}
		if !strings.Contains(rb.logs.String(), "kaboom") {
			t.Errorf("panic not logged")
		}
		// Still serving.
		ev, id, _ = slash("help")
		f.dispatch(ev)
		if cb := decodeCallback(t, f.waitFor("help callback", callbackFor(id))); cb.Type != 4 || len(cb.Data.Embeds) == 0 {
			t.Errorf("help after panic: %+v", cb)
		}
	})

	t.Run("slow command is deferred then edited", func(t *testing.T) {
		ev, id, tok := slash("slow")
		f.dispatch(ev)
		if cb := decodeCallback(t, f.waitFor("deferral", callbackFor(id))); cb.Type != 5 {
			t.Fatalf("first answer type %d, want 5 (deferred)", cb.Type)
		}
		r := f.waitFor("edit of the original", webhookFor(http.MethodPatch, tok))
		if !strings.HasSuffix(r.Path, "/messages/@original") || !strings.Contains(string(r.Body), "done slowly") {
			t.Errorf("edit %s %s", r.Path, r.Body)
		}
		pingsNobody(t, r.Body)
	})

	t.Run("slow failure is deferred then private", func(t *testing.T) {
		ev, id, tok := slash("slow-fail")
		f.dispatch(ev)
		if cb := decodeCallback(t, f.waitFor("deferral", callbackFor(id))); cb.Type != 5 {
			t.Fatalf("first answer type %d, want 5 (deferred)", cb.Type)
		}
		f.waitFor("delete of the public deferral", webhookFor(http.MethodDelete, tok))
		r := f.waitFor("ephemeral follow-up", webhookFor(http.MethodPost, tok))
		pingsNobody(t, r.Body)
		if !strings.Contains(string(r.Body), `"flags":64`) || !strings.Contains(string(r.Body), "failed slowly") {
			t.Errorf("follow-up %s", r.Body)
		}
		// Discord ignores the flags of the first follow-up after a
		// deferral, so the deferral must be settled by an edit before the
		// private follow-up, and the placeholder removed after it.
		edit, post, del := f.indexOf(webhookFor(http.MethodPatch, tok)), f.indexOf(webhookFor(http.MethodPost, tok)), f.indexOf(webhookFor(http.MethodDelete, tok))
		if edit < 0 || edit > post || post > del {
			t.Errorf("order: edit %d, follow-up %d, delete %d; want edit < follow-up < delete\n%s", edit, post, del, f.describe())
		}
	})

	t.Run("slow button is deferred then edited", func(t *testing.T) {
		ev, id, tok := interaction(discordgo.InteractionMessageComponent, map[string]any{"custom_id": "slowpage:2", "component_type": 2})
		ev["message"] = map[string]any{"id": "502", "channel_id": "7", "content": "page 1"}
		f.dispatch(ev)
		if cb := decodeCallback(t, f.waitFor("deferral", callbackFor(id))); cb.Type != 6 {
			t.Fatalf("first answer type %d, want 6 (deferred update)", cb.Type)
		}
		r := f.waitFor("edit of the message", webhookFor(http.MethodPatch, tok))
		if !strings.HasSuffix(r.Path, "/messages/@original") || !strings.Contains(string(r.Body), "page 2") {
			t.Errorf("edit %s %s", r.Path, r.Body)
		}
		pingsNobody(t, r.Body)
	})

	t.Run("limits", func(t *testing.T) {
		ev, id, _ := slash("huge")
		f.dispatch(ev)
		r := f.waitFor("huge callback", callbackFor(id))
		cb := decodeCallback(t, r)
		if n := utf8.RuneCountInString(cb.Data.Content); n > 2000 {
			t.Errorf("content %d", n)
		}
		e := cb.Data.Embeds[0]
		if len(e.Fields) > 25 || utf8.RuneCountInString(e.Title) > 256 || utf8.RuneCountInString(e.Description) > 4096 {
			t.Errorf("embed: %d fields, title %d, description %d", len(e.Fields), utf8.RuneCountInString(e.Title), utf8.RuneCountInString(e.Description))
		}
		for _, fl := range e.Fields {
			if utf8.RuneCountInString(fl.Name) > 256 || utf8.RuneCountInString(fl.Value) > 1024 {
				t.Errorf("field %d/%d", utf8.RuneCountInString(fl.Name), utf8.RuneCountInString(fl.Value))
			}
		}
		if n := commands.EmbedLength(e); n > 6000 {
			t.Errorf("embed total %d", n)
		}
	})

	t.Run("direct message", func(t *testing.T) {
		ev, id, _ := slash("help")
		delete(ev, "member")
		delete(ev, "guild_id")
		ev["user"] = map[string]any{"id": "300000000000000003", "username": "carol"}
		f.dispatch(ev)
		if cb := decodeCallback(t, f.waitFor("DM callback", callbackFor(id))); cb.Type != 4 {
			t.Errorf("DM answer type %d", cb.Type)
		}
	})

	if err := rb.stop(t); err != nil {
		t.Errorf("run: %v", err)
	}
	t.Run("token never logged", func(t *testing.T) {
		if strings.Contains(rb.logs.String(), testToken) {
			t.Errorf("token in logs")
		}
		for _, tok := range f.Tokens() {
			if tok != "" && tok != "Bot "+testToken {
				t.Errorf("sent token %q, want the Bot-prefixed one", tok)
			}
		}
	})
}

func TestDiscordRegistersGlobally(t *testing.T) {
	f := newFakeDiscord(t)
	rb := startBotIn(t, f, commands.New(withCorpus(corpustest.Small(t, 0))), "", nil)
	r := f.waitFor("bulk overwrite", func(r fakeRequest) bool { return r.Method == http.MethodPut })
	if want := "/api/v9/applications/" + fakediscord.AppID + "/commands"; r.Path != want {
		t.Errorf("registered at %s, want %s", r.Path, want)
	}
	if err := rb.stop(t); err != nil {
		t.Errorf("run: %v", err)
	}
}

func TestDiscordDefersLateAnswers(t *testing.T) {
	f := newFakeDiscord(t)
	r := commands.New(withCorpus(corpustest.Small(t, 0)))
	r.Add(&commands.Command{
		Def: &discordgo.ApplicationCommand{Name: "late", Description: "slower than expected"},
		Run: func(ctx context.Context, req commands.Request) commands.Response {
			time.Sleep(300 * time.Millisecond)
			return commands.Response{Content: "late answer"}
		},
	})
	r.Add(&commands.Command{
		Def: &discordgo.ApplicationCommand{Name: "stuck", Description: "never finishes in time"},
		Run: func(ctx context.Context, req commands.Request) commands.Response {
			time.Sleep(2 * time.Second) // ignores ctx, as a buggy handler would
			return commands.Response{Content: "too late"}
		},
	})
	startBotIn(t, f, r, "42", func(b *Bot) {
		b.ans.deferAfter = 50 * time.Millisecond
		b.ans.replyTimeout = 500 * time.Millisecond
	})
	f.waitLogins(1)
	ev, id, tok := slash("late")
	f.dispatch(ev)
	if cb := decodeCallback(t, f.waitFor("deferral", callbackFor(id))); cb.Type != 5 {
		t.Fatalf("first answer type %d, want 5 (deferred)", cb.Type)
	}
	r2 := f.waitFor("edit of the original", webhookFor(http.MethodPatch, tok))
	if !strings.Contains(string(r2.Body), "late answer") {
		t.Errorf("edit %s", r2.Body)
	}
	pingsNobody(t, r2.Body)

	// A handler that never finishes in time: the deferral is replaced by a
	// private apology instead of "thinking…" forever.
	ev, id, tok = slash("stuck")
	f.dispatch(ev)
	if cb := decodeCallback(t, f.waitFor("deferral", callbackFor(id))); cb.Type != 5 {
		t.Fatalf("first answer type %d, want 5 (deferred)", cb.Type)
	}
	f.waitFor("delete of the deferral", webhookFor(http.MethodDelete, tok))
	r3 := f.waitFor("apology", webhookFor(http.MethodPost, tok))
	if !strings.Contains(string(r3.Body), "took too long") || !strings.Contains(string(r3.Body), `"flags":64`) {
		t.Errorf("follow-up %s", r3.Body)
	}
	pingsNobody(t, r3.Body)
}

func TestRequestFromInteraction(t *testing.T) {
	tests := []struct {
		name string
		json string
		want commands.Request
	}{
		{"options of every type", `{"type":2,"guild_id":"42","channel_id":"7","member":{"user":{"id":"u1"},"permissions":"32"},"data":{"name":"summary","type":1,"options":[
			{"name":"article","type":3,"value":"starmer"},{"name":"sentences","type":4,"value":2},{"name":"flag","type":5,"value":true}]}}`,
			commands.Request{Name: "summary", UserID: "u1", GuildID: "42", ChannelID: "7", Permissions: discordgo.PermissionManageGuild,
				Options: map[string]string{"article": "starmer", "sentences": "2", "flag": "true"}}},
		{"sub-command options are flattened", `{"type":2,"user":{"id":"u2"},"data":{"name":"x","type":1,"options":[
			{"name":"sub","type":1,"options":[{"name":"text","type":3,"value":"hi"}]}]}}`,
			commands.Request{Name: "x", Subcommand: "sub", UserID: "u2", Options: map[string]string{"text": "hi"}}},
		{"a sub-command without options", `{"type":2,"guild_id":"g","member":{"user":{"id":"u3"},"permissions":"32"},"data":{"name":"feed","type":1,"options":[
			{"name":"list","type":1}]}}`,
			commands.Request{Name: "feed", Subcommand: "list", UserID: "u3", GuildID: "g", Permissions: 32, Options: map[string]string{}}},
		{"an attachment", `{"type":2,"guild_id":"g","member":{"user":{"id":"u3"},"permissions":"32"},"data":{"name":"article","type":1,"options":[
			{"name":"add","type":1,"options":[{"name":"file","type":11,"value":"77"}]}],
			"resolved":{"attachments":{"77":{"id":"77","filename":"harbour.md","size":120,"url":"https://cdn.example/harbour.md","content_type":"text/markdown"}}}}}`,
			commands.Request{Name: "article", Subcommand: "add", UserID: "u3", GuildID: "g", Permissions: 32, Options: map[string]string{},
				Attachments: map[string]commands.Attachment{"file": {URL: "https://cdn.example/harbour.md", Filename: "harbour.md", Size: 120, ContentType: "text/markdown"}}}},
		{"autocomplete", `{"type":4,"data":{"name":"who-said","type":1,"options":[{"name":"quote","type":3,"value":"sec","focused":true}]}}`,
			commands.Request{Kind: commands.KindAutocomplete, Name: "who-said", Focused: "quote", Options: map[string]string{"quote": "sec"}}},
		{"message command", `{"type":2,"data":{"name":"Who said this?","type":3,"target_id":"9","resolved":{"messages":{"9":{"id":"9","content":"hello"}}}}}`,
			commands.Request{Name: "Who said this?", TargetText: "hello", Options: map[string]string{}}},
		{"message command without resolved data", `{"type":2,"data":{"name":"Who said this?","type":3,"target_id":"9"}}`,
			commands.Request{Name: "Who said this?", Options: map[string]string{}}},
		{"button", `{"type":3,"data":{"custom_id":"articles:page:2","component_type":2}}`,
			commands.Request{Kind: commands.KindComponent, CustomID: "articles:page:2", Options: map[string]string{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var i discordgo.Interaction
			if err := json.Unmarshal([]byte(tt.json), &i); err != nil {
				t.Fatal(err)
			}
			got, ok := request(&i)
			if !ok {
				t.Fatal("not handled")
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	var ping discordgo.Interaction
	json.Unmarshal([]byte(`{"type":1}`), &ping)
	if _, ok := request(&ping); ok {
		t.Errorf("a ping was handled as a command")
	}
}

func TestDiscordStopsOnFatalClose(t *testing.T) {
	f := newFakeDiscord(t)
	f.faults(func(x *fakediscord.Faults) { x.CloseAfterIdentify = 4004 })
	rb := startBot(t, f, commands.New(withCorpus(corpustest.Small(t, 0))))
	if err := rb.wait(t, 10*time.Second); err == nil || !strings.Contains(err.Error(), "4004") || strings.Contains(err.Error(), testToken) {
		t.Errorf("run = %v, want a 4004 error without the token", err)
	}
	if l := f.waitLogins(1); len(l) != 1 {
		t.Errorf("logins %v, want exactly one attempt", l)
	}
}

func TestDiscordReconnects(t *testing.T) {
	f := newFakeDiscord(t)
	rb := startBot(t, f, commands.New(withCorpus(corpustest.Small(t, 0))))
	f.waitFor("registration", func(r fakeRequest) bool { return r.Method == http.MethodPut })
	f.dropConnection()
	if l := f.waitLogins(2); l[1] != "resume" {
		t.Errorf("logins %v, want a resume", l)
	}
	ev, id, _ := slash("help")
	f.dispatch(ev)
	f.waitFor("answer after reconnect", callbackFor(id))

	// Op 7: Discord asks the bot to reconnect.
	f.sendOp(7)
	if l := f.waitLogins(3); l[2] != "resume" {
		t.Errorf("logins %v, want a resume after op 7", l)
	}
	ev, id, _ = slash("help")
	f.dispatch(ev)
	f.waitFor("answer after op 7", callbackFor(id))

	// A fatal close on reconnection stops the bot instead of retrying.
	f.faults(func(x *fakediscord.Faults) { x.CloseAfterIdentify = 4004 })
	f.dropConnection()
	if err := rb.wait(t, 10*time.Second); err == nil || !strings.Contains(err.Error(), "4004") {
		t.Errorf("run = %v, want a 4004 error", err)
	}
}

func TestDiscordOpenTimeout(t *testing.T) {
	f := newFakeDiscord(t)
	f.faults(func(x *fakediscord.Faults) { x.Silent = true })
	logs := &testlog.Buffer{}
	cfg := Options{Token: "Bot " + testToken, APIBase: f.URL}
	b := New(cfg, commands.New(), slog.New(slog.NewTextHandler(logs, nil)))
	b.openTimeout = 300 * time.Millisecond
	start := time.Now()
	err := b.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "no answer from the gateway") {
		t.Errorf("run = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %s", d)
	}
}

func TestRewriteTransport(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.String()+" host="+r.Host)
	}))
	defer srv.Close()
	client := &http.Client{Transport: newTransport(srv.URL, nil)}
	resp, err := client.Get("https://discord.com/api/v9/gateway?x=1")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	want := "GET /api/v9/gateway?x=1 host=" + strings.TrimPrefix(srv.URL, "http://")
	if len(got) != 1 || got[0] != want {
		t.Errorf("server saw %v, want %q", got, want)
	}
	// Other hosts are left alone.
	var seen string
	rec := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = r.URL.String()
		return nil, errors.New("recorded")
	})
	req, _ := http.NewRequest(http.MethodGet, "https://cdn.discordapp.com/x.png", nil)
	newTransport(srv.URL, rec).RoundTrip(req)
	if seen != "https://cdn.discordapp.com/x.png" {
		t.Errorf("a non-discord.com request went to %q", seen)
	}
	// Without a base nothing is rewritten.
	req, _ = http.NewRequest(http.MethodGet, "https://discord.com/api/v9/gateway", nil)
	newTransport("", rec).RoundTrip(req)
	if seen != "https://discord.com/api/v9/gateway" {
		t.Errorf("rewritten without a base: %q", seen)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRedactTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Post "https://discord.com/api/v9/interactions/123/SECRET-TOKEN/callback": dial tcp: refused`,
			`Post "https://discord.com/api/v9/interactions/123/(redacted)/callback": dial tcp: refused`},
		{`Patch "https://discord.com/api/v9/webhooks/456/aW50ZXJhY3Rpb24/messages/@original": EOF`,
			`Patch "https://discord.com/api/v9/webhooks/456/(redacted)/messages/@original": EOF`},
		{`Post "http://127.0.0.1:1/api/v9/webhooks/456/tok?wait=true": timeout`,
			`Post "http://127.0.0.1:1/api/v9/webhooks/456/(redacted)?wait=true": timeout`},
		{"HTTP 404 Not Found, {\"message\": \"Unknown interaction\"}", "HTTP 404 Not Found, {\"message\": \"Unknown interaction\"}"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := redactTokens(tt.in); got != tt.want {
				t.Errorf("redactTokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if a := errAttr(errors.New(`Post "https://discord.com/api/v9/interactions/1/SECRET/callback": x`)); strings.Contains(a.Value.String(), "SECRET") {
		t.Errorf("errAttr leaks the token: %s", a.Value)
	}
}
