package commands

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/article"
	"newsbot/data/collection"
	"newsbot/data/corpus"
	"newsbot/data/fetch"
	"newsbot/data/store"
)

// fakeLibrary records what the moderators' commands ask of a library.
type fakeLibrary struct {
	fetched  []string
	added    []article.Article
	fetchErr error
	addErr   error
	own      []store.Article
	feeds    []store.Feed
}

func (l *fakeLibrary) FetchArticle(ctx context.Context, raw string) (article.Article, error) {
	l.fetched = append(l.fetched, raw)
	if l.fetchErr != nil {
		return article.Article{}, l.fetchErr
	}
	return article.Article{Title: "Harbour wall to be rebuilt", Body: "“The wall will be rebuilt,” said Tom Reed.", Source: "Portby Gazette", Date: "2025-03-01", URL: raw}, nil
}

func (l *fakeLibrary) Upload(ctx context.Context, raw, name string, size int) ([]article.Article, error) {
	if !strings.HasSuffix(name, ".md") {
		return nil, collection.ErrFileType
	}
	return []article.Article{{Title: "Uploaded", Body: "Text."}}, nil
}

func (l *fakeLibrary) Add(ctx context.Context, g, u string, a article.Article) (collection.Added, error) {
	if l.addErr != nil {
		return collection.Added{}, l.addErr
	}
	l.added = append(l.added, a)
	return collection.Added{Article: store.Article{ID: 7, Title: a.Title, Outlet: a.Source, Published: a.Date, URL: a.URL}, Doc: corpus.Analyze(a)}, nil
}

func (l *fakeLibrary) Remove(ctx context.Context, g, u string, id int64) (store.Article, error) {
	for _, a := range l.own {
		if a.ID == id {
			return a, nil
		}
	}
	return store.Article{}, store.ErrNotFound
}

func (l *fakeLibrary) Own(g string) []store.Article { return l.own }

func (l *fakeLibrary) AddFeed(ctx context.Context, g, u, raw string) (collection.FeedAdded, error) {
	return collection.FeedAdded{Feed: store.Feed{ID: 1, URL: raw, Title: "Valley Times"}, Items: 3}, nil
}

func (l *fakeLibrary) RemoveFeed(ctx context.Context, g string, id int64) (store.Feed, error) {
	return store.Feed{}, store.ErrNotFound
}

func (l *fakeLibrary) Feeds(ctx context.Context, g string) ([]store.Feed, error) { return l.feeds, nil }

func modRequest(name, subName string, opts map[string]string, perms int64) Request {
	return Request{Name: name, Subcommand: subName, Options: opts, GuildID: "42", UserID: "9", Permissions: perms}
}

func TestModeratorCommandHandlers(t *testing.T) {
	refusal := &fetch.Refusal{Err: fetch.ErrPrivate, Detail: "10.0.0.5 is private"}
	tests := []struct {
		name      string
		lib       *fakeLibrary
		req       Request
		wantTitle string
		wantText  string
		failure   Failure
	}{
		{"no Manage Server", &fakeLibrary{}, modRequest("article", "add", map[string]string{"url": "https://gazette.example/a"}, discordgo.PermissionSendMessages),
			"You need the Manage Server permission", "", Forbidden},
		{"in a direct message", &fakeLibrary{}, Request{Name: "feed", Subcommand: "list", Permissions: discordgo.PermissionAdministrator},
			"Only in a server", "", Forbidden},
		{"administrator may", &fakeLibrary{}, modRequest("article", "add", map[string]string{"url": "https://gazette.example/a"}, discordgo.PermissionAdministrator),
			"Article added", "Portby Gazette · 2025-03-01", OK},
		{"what was found", &fakeLibrary{}, modRequest("article", "add", map[string]string{"url": "https://gazette.example/a"}, discordgo.PermissionManageGuild),
			"Article added", "1 quotation", OK},
		{"neither link nor file", &fakeLibrary{}, modRequest("article", "add", nil, discordgo.PermissionManageGuild),
			"Give a link or a file", "", BadInput},
		{"refused link", &fakeLibrary{fetchErr: refusal}, modRequest("article", "add", map[string]string{"url": "http://10.0.0.5/"}, discordgo.PermissionManageGuild),
			"Could not add that link", "That address is on a private network (10.0.0.5 is private).", BadInput},
		{"duplicate", &fakeLibrary{addErr: &store.DuplicateError{Existing: store.Article{Title: "Old copy"}, Why: "same text"}},
			modRequest("article", "add", map[string]string{"url": "https://gazette.example/a"}, discordgo.PermissionManageGuild),
			"Not added: already here", `this server already has it: "Old copy" (same text)`, BadInput},
		{"in every server already", &fakeLibrary{addErr: &collection.BaseDuplicateError{Title: "Built in"}},
			modRequest("article", "add", map[string]string{"url": "https://gazette.example/a"}, discordgo.PermissionManageGuild),
			"Not added: already here", `every server already has it: "Built in"`, BadInput},
		{"remove an article the server does not have", &fakeLibrary{own: []store.Article{{ID: 3, Title: "Ferry"}}},
			modRequest("article", "remove", map[string]string{"article": "Lighthouse"}, discordgo.PermissionManageGuild),
			"No article of this server matches “Lighthouse”", "", NotFound},
		{"remove by title", &fakeLibrary{own: []store.Article{{ID: 3, Title: "Ferry"}}},
			modRequest("article", "remove", map[string]string{"article": "ferry"}, discordgo.PermissionManageGuild),
			"Article removed", "Ferry", OK},
		{"feed add", &fakeLibrary{}, modRequest("feed", "add", map[string]string{"url": "https://vt.example/rss"}, discordgo.PermissionManageGuild),
			"Feed added", "3 items", OK},
		{"feed list, empty", &fakeLibrary{}, modRequest("feed", "list", nil, discordgo.PermissionManageGuild),
			"This server follows no feeds", "", NotFound},
		{"feed list shows a disabled feed", &fakeLibrary{feeds: []store.Feed{{ID: 1, URL: "https://vt.example/rss", Disabled: true, Failures: 8, LastError: "the site answered with an error (HTTP 500 Internal Server Error)", LastPoll: time.Unix(1700000000, 0)}}},
			modRequest("feed", "list", nil, discordgo.PermissionManageGuild), "Feeds followed here (1)", "Disabled after 8 failed polls", OK},
		{"feed remove, unknown", &fakeLibrary{}, modRequest("feed", "remove", map[string]string{"feed": "nope"}, discordgo.PermissionManageGuild),
			"This server follows no feed “nope”", "", NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(WithLibrary(tt.lib))
			resp, _ := r.Handle(context.Background(), tt.req)
			if len(resp.Embeds) == 0 {
				t.Fatalf("no embed: %+v", resp)
			}
			e := resp.Embeds[0]
			if e.Title != tt.wantTitle || !strings.Contains(e.Description, tt.wantText) {
				t.Errorf("answer %q: %q; want %q containing %q", e.Title, e.Description, tt.wantTitle, tt.wantText)
			}
			if resp.Failure != tt.failure || (tt.failure != OK) != resp.Private() {
				t.Errorf("failure %v (private %v); want %v", resp.Failure, resp.Private(), tt.failure)
			}
		})
	}
}

// TestModeratorDefinitions: hidden from members without Manage Server by
// default, and registered for servers only.
func TestModeratorDefinitions(t *testing.T) {
	r := New(WithLibrary(&fakeLibrary{}))
	for _, name := range []string{"article", "feed"} {
		c := r.Lookup(name)
		if c == nil {
			t.Fatalf("%s not registered", name)
		}
		d := c.Def
		if d.DefaultMemberPermissions == nil || *d.DefaultMemberPermissions != discordgo.PermissionManageGuild {
			t.Errorf("%s: default_member_permissions %v", name, d.DefaultMemberPermissions)
		}
		if d.DMPermission == nil || *d.DMPermission {
			t.Errorf("%s: usable in DMs", name)
		}
	}
	for _, d := range r.Definitions() {
		if d.Name != "article" && d.Name != "feed" {
			continue
		}
		if d.Contexts == nil || len(*d.Contexts) != 1 || (*d.Contexts)[0] != discordgo.InteractionContextGuild {
			t.Errorf("%s registered for contexts %v; want servers only", d.Name, d.Contexts)
		}
		if d.IntegrationTypes == nil || len(*d.IntegrationTypes) != 1 || (*d.IntegrationTypes)[0] != discordgo.ApplicationIntegrationGuildInstall {
			t.Errorf("%s installable as %v; want server installs only", d.Name, d.IntegrationTypes)
		}
	}
	if New().Lookup("article") != nil {
		t.Error("without a library the moderators' commands must not be offered")
	}
}

// TestBoundSubcommandOptions: a sub-command's option is bounded by its own
// max_length, not the 300-rune default.
func TestBoundSubcommandOptions(t *testing.T) {
	r := New(WithLibrary(&fakeLibrary{}))
	link := "https://gazette.example/" + strings.Repeat("a", 600)
	got := r.bound(Request{Name: "article", Subcommand: "add", Options: map[string]string{"url": link}})
	if got.Options["url"] != link {
		t.Errorf("a 624-rune link was cut to %d", len(got.Options["url"]))
	}
	lib := &fakeLibrary{}
	r = New(WithLibrary(lib))
	r.Handle(context.Background(), modRequest("article", "add", map[string]string{"url": link}, discordgo.PermissionManageGuild))
	if len(lib.fetched) != 1 || lib.fetched[0] != link {
		t.Errorf("fetched %v", lib.fetched)
	}
}

// TestAddedListSaysWhenCut checks that the answer to an added article says
// when only the start of a long one was searched for quotations, so that a
// quotation missing from a later part does not look like a miss.
func TestAddedListSaysWhenCut(t *testing.T) {
	short := corpus.Analyze(article.Article{Title: "Short", Body: "“We will open the road,” said Nora Vell, the mayor."})
	cut := *short
	cut.Analyzed = len(cut.Body) / 2 // as Analyze leaves a body over corpus.AnalyzeLimit
	for _, tt := range []struct {
		name string
		doc  *corpus.Doc
		want bool
	}{{"whole", short, false}, {"cut", &cut, true}} {
		t.Run(tt.name, func(t *testing.T) {
			desc, _ := addedList([]collection.Added{{Article: store.Article{ID: 1, Title: "Short"}, Doc: tt.doc}}, nil, nil)
			if got := strings.Contains(desc, "were looked for in its first 512 KiB"); got != tt.want {
				t.Errorf("says it was cut = %v, want %v:\n%s", got, tt.want, desc)
			}
		})
	}
}
