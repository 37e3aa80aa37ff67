package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
	"newsbot/data/collection"
	"newsbot/data/corpus"
	"newsbot/data/corpus/corpustest"
	"newsbot/data/fetch"
	"newsbot/data/store"
)

// asMember is an interaction from a member of guild 42 with the given
// permission bits (as Discord resolves them for the channel).
func asMember(ev map[string]any, perms int64) map[string]any {
	ev["member"] = map[string]any{"user": map[string]any{"id": "300000000000000009", "username": "mod"}, "permissions": fmt.Sprint(perms)}
	return ev
}

// sub is a sub-command interaction: /name sub opt:value …
func sub(name, subName string, opts ...map[string]any) (map[string]any, string, string) {
	return interaction(discordgo.InteractionApplicationCommand, map[string]any{
		"id": "1", "name": name, "type": 1,
		"options": []map[string]any{{"name": subName, "type": 1, "options": opts}},
	})
}

// answerOf waits for the answer to an interaction, whether sent at once or
// edited in after a deferral, and returns its first embed's text.
func answerOf(t *testing.T, f *fakeDiscord, id, tok string) (title, desc string, private bool) {
	t.Helper()
	cb := decodeCallback(t, f.waitFor("callback", callbackFor(id)))
	if cb.Type == 5 {
		r := f.waitFor("edit", webhookFor(http.MethodPatch, tok))
		var edit struct {
			Embeds []*discordgo.MessageEmbed `json:"embeds"`
		}
		json.Unmarshal(r.Body, &edit)
		if len(edit.Embeds) == 0 {
			t.Fatalf("edit without embeds: %s", r.Body)
		}
		return edit.Embeds[0].Title, edit.Embeds[0].Description, cb.Data.Flags&64 != 0
	}
	if len(cb.Data.Embeds) == 0 {
		t.Fatalf("answer without embeds: %+v", cb)
	}
	return cb.Data.Embeds[0].Title, cb.Data.Embeds[0].Description, cb.Data.Flags&64 != 0
}

// TestModeratorCommands runs /article and /feed through the fake Discord
// with the real store, fetcher and collections: an upload, a link, a
// refused member, an added article answered by /who-said, removal, feeds.
func TestModeratorCommands(t *testing.T) {
	f := newFakeDiscord(t)
	// The site the links and the upload come from (Discord's CDN serves
	// attachments; here a server on 127.0.0.1 does).
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/attachments/1/2/ferry.md":
			w.Header().Set("Content-Type", "text/markdown")
			io.WriteString(w, "---\ntitle: Ferry timetable to change in May\ndate: 2025-04-02\nsource: Portby Gazette\n---\n"+
				"The ferry company announced a new timetable on Tuesday.\n\n“Boats will leave every twenty minutes from the first of May,” said the harbour master, Ann Lee.\n")
		case "/story":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<html><head><title>Library to open on Sundays</title><meta property="og:site_name" content="Valley Times"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Library to open on Sundays</h1>
<p>The town library will open on Sundays from next month, the council said on Monday after a petition signed by hundreds of residents.</p>
<p>“Reading rooms full of families on a Sunday afternoon is exactly what this town needs,” said the chief librarian, Mia Holt.</p>
<p>The extra hours will be paid for by savings in the council's energy bills, officials said.</p></article></body></html>`)
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, `<rss version="2.0"><channel><title>Valley Times</title></channel></rss>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()

	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "newsbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base := corpus.NewStore(corpustest.Full(t))
	lib := collection.New(base, st, fetch.New(fetch.Options{AllowLoopback: true}), slog.New(slog.DiscardHandler))
	lib.Load(context.Background())
	router := commands.New(commands.WithLibrary(lib), commands.WithCorpora(commands.CorporaFunc(func(ctx context.Context, g string) commands.Snapshot {
		s := lib.Snapshot(ctx, g)
		return commands.Snapshot{Corpus: s.Corpus, Loading: s.Loading}
	})))
	startBot(t, f, router)
	f.waitLogins(1)

	t.Run("registered for moderators, in servers only", func(t *testing.T) {
		r := f.waitFor("bulk overwrite", func(r fakeRequest) bool { return r.Method == http.MethodPut })
		var cmds []map[string]any
		json.Unmarshal(r.Body, &cmds)
		found := 0
		for _, c := range cmds {
			if c["name"] == "article" || c["name"] == "feed" {
				found++
				if c["default_member_permissions"] != "32" || c["dm_permission"] != false {
					t.Errorf("%s registered with default_member_permissions %v, dm_permission %v", c["name"], c["default_member_permissions"], c["dm_permission"])
				}
			}
		}
		if found != 2 {
			t.Errorf("%d moderator commands registered; want 2", found)
		}
	})

	const ferryQuote = "Boats will leave every twenty minutes from the first of May"
	t.Run("a member without Manage Server is refused", func(t *testing.T) {
		ev, id, tok := sub("article", "add", map[string]any{"name": "url", "type": 3, "value": site.URL + "/story"})
		f.dispatch(asMember(ev, discordgo.PermissionSendMessages))
		title, _, private := answerOf(t, f, id, tok)
		if title != "You need the Manage Server permission" || !private {
			t.Errorf("answer %q (private %v)", title, private)
		}
		if len(lib.Own("42")) != 0 {
			t.Error("the refused member's article was added")
		}
	})

	t.Run("an attachment upload", func(t *testing.T) {
		ev, id, tok := sub("article", "add", map[string]any{"name": "file", "type": 11, "value": "555"})
		ev["data"].(map[string]any)["resolved"] = map[string]any{"attachments": map[string]any{"555": map[string]any{
			"id": "555", "filename": "ferry.md", "size": 300, "content_type": "text/markdown",
			"url": site.URL + "/attachments/1/2/ferry.md",
		}}}
		f.dispatch(asMember(ev, discordgo.PermissionManageGuild))
		title, desc, private := answerOf(t, f, id, tok)
		if title != "Article added" || private || !strings.Contains(desc, "Ferry timetable to change in May") ||
			!strings.Contains(desc, "Portby Gazette") || !strings.Contains(desc, "2025-04-02") || !strings.Contains(desc, "1 quotation") {
			t.Errorf("answer %q: %s", title, desc)
		}
	})

	t.Run("the added article is answered", func(t *testing.T) {
		start := time.Now()
		ev, id, tok := slash("who-said", "quote", "boats every twenty minutes from may")
		f.dispatch(ev)
		title, desc, _ := answerOf(t, f, id, tok)
		if title != "Ann Lee" || !strings.Contains(desc, ferryQuote) {
			t.Errorf("who-said answered %q: %s", title, desc)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("answered after %v", took)
		}
	})

	t.Run("a link", func(t *testing.T) {
		ev, id, tok := sub("article", "add", map[string]any{"name": "url", "type": 3, "value": site.URL + "/story"})
		f.dispatch(asMember(ev, discordgo.PermissionAdministrator))
		title, desc, _ := answerOf(t, f, id, tok)
		if title != "Article added" || !strings.Contains(desc, "Library to open on Sundays") || !strings.Contains(desc, "Valley Times") {
			t.Errorf("answer %q: %s", title, desc)
		}
	})

	t.Run("refusals say why", func(t *testing.T) {
		cases := []struct {
			opts map[string]any
			want string
		}{
			{map[string]any{"name": "url", "type": 3, "value": site.URL + "/story"}, "already has it"},
			{map[string]any{"name": "url", "type": 3, "value": "http://10.0.0.5/admin"}, "that address is on a private network"},
			{map[string]any{"name": "url", "type": 3, "value": site.URL + "/missing"}, "HTTP 404"},
		}
		for _, c := range cases {
			ev, id, tok := sub("article", "add", c.opts)
			f.dispatch(asMember(ev, discordgo.PermissionManageGuild))
			title, desc, private := answerOf(t, f, id, tok)
			if !private || !strings.Contains(strings.ToLower(title+" "+desc), strings.ToLower(c.want)) {
				t.Errorf("answer %q: %s (private %v); want %q", title, desc, private, c.want)
			}
		}
	})

	t.Run("remove with autocomplete", func(t *testing.T) {
		ev, id, _ := interaction(discordgo.InteractionApplicationCommandAutocomplete, map[string]any{
			"id": "1", "name": "article", "type": 1,
			"options": []map[string]any{{"name": "remove", "type": 1, "options": []map[string]any{{"name": "article", "type": 3, "value": "ferry", "focused": true}}}},
		})
		f.dispatch(asMember(ev, discordgo.PermissionManageGuild))
		cb := decodeCallback(t, f.waitFor("autocomplete", callbackFor(id)))
		if len(cb.Data.Choices) != 1 || !strings.HasPrefix(cb.Data.Choices[0].Name, "Ferry timetable") {
			t.Fatalf("choices %+v", cb.Data.Choices)
		}
		ev, id, tok := sub("article", "remove", map[string]any{"name": "article", "type": 3, "value": cb.Data.Choices[0].Value})
		f.dispatch(asMember(ev, discordgo.PermissionManageGuild))
		if title, _, _ := answerOf(t, f, id, tok); title != "Article removed" {
			t.Errorf("answer %q", title)
		}
		ev, id, tok = slash("who-said", "quote", ferryQuote)
		f.dispatch(ev)
		if title, _, _ := answerOf(t, f, id, tok); title == "Ann Lee" {
			t.Error("a removed article is still answered")
		}
	})

	t.Run("feeds", func(t *testing.T) {
		ev, id, tok := sub("feed", "add", map[string]any{"name": "url", "type": 3, "value": site.URL + "/rss"})
		f.dispatch(asMember(ev, discordgo.PermissionManageGuild))
		if title, desc, _ := answerOf(t, f, id, tok); title != "Feed added" || !strings.Contains(desc, "Valley Times") {
			t.Errorf("answer %q: %s", title, desc)
		}
		ev, id, tok = sub("feed", "list")
		f.dispatch(asMember(ev, discordgo.PermissionManageGuild))
		if title, desc, _ := answerOf(t, f, id, tok); title != "Feeds followed here (1)" || !strings.Contains(desc, "Not polled yet") {
			t.Errorf("answer %q: %s", title, desc)
		}
	})

	t.Run("not in direct messages", func(t *testing.T) {
		ev, id, tok := sub("feed", "list")
		delete(ev, "guild_id")
		delete(ev, "member")
		ev["user"] = map[string]any{"id": "300000000000000009", "username": "mod"}
		f.dispatch(ev)
		if title, _, private := answerOf(t, f, id, tok); title != "Only in a server" || !private {
			t.Errorf("answer %q", title)
		}
	})
}
