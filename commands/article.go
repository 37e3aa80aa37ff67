package commands

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/article"
	"newsbot/data/collection"
	"newsbot/data/corpus"
	"newsbot/data/fetch"
	"newsbot/data/store"
)

// Library is what the moderators' commands read and change: a server's own
// articles and feeds. collection.Manager is the real one.
type Library interface {
	FetchArticle(ctx context.Context, rawURL string) (article.Article, error)
	Upload(ctx context.Context, rawURL, filename string, size int) ([]article.Article, error)
	Add(ctx context.Context, guildID, userID string, a article.Article) (collection.Added, error)
	Remove(ctx context.Context, guildID, userID string, id int64) (store.Article, error)
	Own(guildID string) []store.Article
	AddFeed(ctx context.Context, guildID, userID, rawURL string) (collection.FeedAdded, error)
	RemoveFeed(ctx context.Context, guildID string, id int64) (store.Feed, error)
	Feeds(ctx context.Context, guildID string) ([]store.Feed, error)
}

// manageServer is the permission the moderators' commands need, as
// Discord's default_member_permissions wants it.
var manageServer int64 = discordgo.PermissionManageGuild

// moderatorDef finishes a moderator command's definition: hidden by default
// from members without Manage Server (a server may change that, so the
// handler checks again), and not in DMs (the command is also ServerOnly,
// which Definitions turns into the guild-only install and context lists).
func moderatorDef(d *discordgo.ApplicationCommand) *discordgo.ApplicationCommand {
	d.DefaultMemberPermissions = &manageServer
	noDM := false
	d.DMPermission = &noDM
	return d
}

// moderatorOnly refuses requests from outside a server and from members
// without Manage Server, whatever the server's command settings say.
func moderatorOnly() Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) Response {
			if req.GuildID == "" {
				r := failure("Only in a server", "This command changes a server's articles: use it in the server.")
				r.Failure = Forbidden
				if req.Kind == KindAutocomplete {
					return Response{Failure: Forbidden}
				}
				return r
			}
			if !req.CanManageServer() {
				if req.Kind == KindAutocomplete {
					return Response{Failure: Forbidden}
				}
				r := failure("You need the Manage Server permission",
					"Only members who can manage this server may change its articles and feeds. Ask a moderator.")
				r.Failure = Forbidden
				return r
			}
			return next(ctx, req)
		}
	}
}

// AddedResult is one added article, as the console's --json prints it.
type AddedResult struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Outlet string `json:"outlet,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Quotes int    `json:"quotes"`
	People int    `json:"people"`
}

// maxUploadArticles bounds how many articles one uploaded JSON array adds.
const maxUploadArticles = 50

func articleCommand(lib Library) *Command {
	return (&Command{
		Def: moderatorDef(&discordgo.ApplicationCommand{
			Name:        "article",
			Description: "Add or remove this server's own articles (moderators)",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add",
					Description: "Add an article from a link or an uploaded file (.txt, .md, .json, .html)",
					Options: []*discordgo.ApplicationCommandOption{
						stringOption("url", "A link to the article's page", false, false, 1000),
						{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "An article file: .txt, .md, .json or .html (up to 5 MB)"},
					},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove",
					Description: "Remove one of the articles this server added",
					Options: []*discordgo.ApplicationCommandOption{
						stringOption("article", "The article (start typing to pick one)", true, true, 200),
					},
				},
			},
		}),
		Run: func(ctx context.Context, req Request) Response {
			switch req.Subcommand {
			case "add":
				return runArticleAdd(ctx, lib, req)
			case "remove":
				return runArticleRemove(ctx, lib, req)
			}
			return failure("Use /article add or /article remove", "")
		},
		Complete: func(ctx context.Context, req Request) Response {
			return Response{Choices: ownArticleChoices(lib.Own(req.GuildID), req.Option("article"))}
		},
		ServerOnly: true, // changes a server's articles: never a user app, never in DMs
		Usage:      "/article add url:<link> | /article add file:<upload> | /article remove article:<title>",
		Example:    "/article add url: https://gazette.example/harbour-wall",
	}).With(moderatorOnly())
}

// runArticleAdd answers /article add: it reads the articles from a link or
// an uploaded file, adds each to the server's library, and lists what was
// added and what was not.
func runArticleAdd(ctx context.Context, lib Library, req Request) Response {
	arts, partial, bad, ok := articlesToAdd(ctx, lib, req)
	if !ok {
		return bad
	}
	added, notes := addArticles(ctx, lib, req, arts)
	if len(added) == 0 {
		r := failure("Nothing added", strings.Join(notes, "\n"))
		if len(notes) == 1 {
			r = failure("Not added: already here", notes[0])
		}
		return r
	}
	description, results := addedList(added, notes, partial)
	heading := "Article added"
	if len(added) > 1 {
		heading = fmt.Sprintf("%d articles added", len(added))
	}
	return Response{
		Embeds: []*discordgo.MessageEmbed{{
			Title:       heading,
			Description: description,
			Color:       colorAnswer,
			Footer:      &discordgo.MessageEmbedFooter{Text: "Every command in this server answers from it now · /article remove to take it out"},
		}},
		Results: results,
	}
}

// articlesToAdd reads the articles that /article add was given, a link or
// a file (at most maxUploadArticles of them). partial is what a file held
// that could not be read, when the rest could; when nothing can be added
// ok is false and bad is the answer saying why.
func articlesToAdd(ctx context.Context, lib Library, req Request) (arts []article.Article, partial error, bad Response, ok bool) {
	link := req.Option("url")
	att, hasFile := req.Attachments["file"]
	switch {
	case link != "" && hasFile:
		return nil, nil, failure("Give a link or a file, not both", "Run /article add once for each."), false
	case link != "":
		a, err := lib.FetchArticle(ctx, link)
		if err != nil {
			return nil, nil, refused("Could not add that link", err), false
		}
		arts = []article.Article{a}
	case hasFile:
		var err error
		arts, err = lib.Upload(ctx, att.URL, att.Filename, att.Size)
		if len(arts) == 0 {
			if err == nil {
				err = errors.New("no articles in the file")
			}
			return nil, nil, refused("Could not add "+echo(att.Filename), err), false
		}
		partial = err
	default:
		return nil, nil, failure("Give a link or a file", "For example /article add url: https://gazette.example/story, or attach a .txt, .md, .json or .html file."), false
	}
	if len(arts) > maxUploadArticles {
		arts = arts[:maxUploadArticles]
	}
	return arts, partial, Response{}, true
}

// addArticles adds each of arts to the server's library, in order; notes
// say, one line each, which were not added and why (already here, say).
func addArticles(ctx context.Context, lib Library, req Request, arts []article.Article) (added []collection.Added, notes []string) {
	for _, a := range arts {
		ad, err := lib.Add(ctx, req.GuildID, req.UserID, a)
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s: %s", Truncate(a.Title, 80), whyNot(err)))
			continue
		}
		added = append(added, ad)
	}
	return added, notes
}

// addedList is the description of an /article add answer: each added
// article (linked title, outlet, author, date, and how many quotations and
// people were found), then what was not added and what the file skipped.
// results are the added articles as --json prints them.
func addedList(added []collection.Added, notes []string, partial error) (description string, results []any) {
	var b strings.Builder
	for _, ad := range added {
		a, d := ad.Article, ad.Doc
		title := Truncate(a.Title, 200)
		if a.URL != "" {
			title = "[" + strings.ReplaceAll(title, "]", ")") + "](" + a.URL + ")"
		}
		fmt.Fprintf(&b, "**%s**\n", title)
		var meta []string
		if a.Outlet != "" {
			meta = append(meta, Truncate(a.Outlet, 60))
		}
		if a.Author != "" {
			meta = append(meta, "by "+Truncate(a.Author, 60))
		}
		if a.Published != "" {
			meta = append(meta, a.Published)
		}
		if len(meta) > 0 {
			b.WriteString(strings.Join(meta, " · ") + "\n")
		}
		fmt.Fprintf(&b, "%s, %s found.\n", plural(len(d.Quotes), "quotation", "quotations"), plural(len(d.People), "person", "people"))
		if d.Analyzed < len(d.Body) {
			// Say so rather than let a missing quotation look like a miss.
			fmt.Fprintf(&b, "The article is long: quotations and people were looked for in its first %d KiB; all of it is searchable with /search.\n", corpus.AnalyzeLimit>>10)
		}
		b.WriteString("\n")
		results = append(results, AddedResult{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Date: a.Published, URL: a.URL, Quotes: len(d.Quotes), People: len(d.People)})
	}
	if len(notes) > 0 {
		b.WriteString("Not added:\n" + strings.Join(notes, "\n") + "\n")
	}
	if partial != nil {
		b.WriteString("Skipped in the file: " + Truncate(partial.Error(), 300) + "\n")
	}
	return strings.TrimSpace(b.String()), results
}

// refused is a private answer saying exactly why something was not added.
func refused(title string, err error) Response {
	return failure(title, capitalise(whyNot(err))+".")
}

// whyNot is the reason a user reads for err.
func whyNot(err error) string {
	var dup *store.DuplicateError
	var base *collection.BaseDuplicateError
	var ref *fetch.Refusal
	switch {
	case errors.As(err, &dup):
		return fmt.Sprintf("this server already has it: %q (%s)", dup.Existing.Title, dup.Why)
	case errors.As(err, &base):
		return fmt.Sprintf("every server already has it: %q", base.Title)
	case errors.As(err, &ref):
		return ref.Error()
	case errors.Is(err, article.ErrNoArticleText):
		return article.ErrNoArticleText.Error()
	case errors.Is(err, collection.ErrFileType):
		return err.Error()
	}
	// Parse errors name what is wrong with the file ("malformed JSON: …").
	return strings.TrimSuffix(err.Error(), ".")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func runArticleRemove(ctx context.Context, lib Library, req Request) Response {
	v := req.Option("article")
	own := lib.Own(req.GuildID)
	id, ok := matchOwn(own, v)
	if !ok {
		var closest []string
		for _, c := range ownArticleChoices(own, v) {
			closest = append(closest, c.Name)
			if len(closest) == suggestions {
				break
			}
		}
		return notFound("No article of this server matches "+echo(v), closest,
			"Only articles this server added can be removed; pick one from the list as you type.")
	}
	a, err := lib.Remove(ctx, req.GuildID, req.UserID, id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("That article was already removed", nil, "")
	}
	if err != nil {
		r := failure("Could not remove the article", "The store failed; try again. The operator's log has the details.")
		r.Failure, r.Cause = Internal, err
		return r
	}
	return Response{Embeds: []*discordgo.MessageEmbed{{
		Title:       "Article removed",
		Description: "**" + Truncate(a.Title, 200) + "** is no longer answered from in this server. A feed will not add it again; /article add brings it back.",
		Color:       colorAnswer,
	}}}
}

// ownPrefix marks an autocomplete value that is a stored article's ID.
const ownPrefix = "id:"

// matchOwn finds the article a remove names: the ID autocomplete gave, or
// a title typed in full.
func matchOwn(own []store.Article, v string) (int64, bool) {
	if s, ok := strings.CutPrefix(v, ownPrefix); ok {
		id, err := strconv.ParseInt(s, 10, 64)
		for _, a := range own {
			if err == nil && a.ID == id {
				return id, true
			}
		}
		return 0, false
	}
	for _, a := range own {
		if strings.EqualFold(strings.TrimSpace(a.Title), strings.TrimSpace(v)) {
			return a.ID, true
		}
	}
	return 0, false
}

// ownArticleChoices offers the server's own articles whose title contains
// the typed words, newest first.
func ownArticleChoices(own []store.Article, typed string) []*discordgo.ApplicationCommandOptionChoice {
	words := strings.Fields(strings.ToLower(typed))
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, a := range own {
		t := strings.ToLower(a.Title)
		ok := true
		for _, w := range words {
			if !strings.Contains(t, w) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		name := a.Title
		if a.Published != "" {
			name += " (" + a.Published + ")"
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: Truncate(name, MaxChoiceName), Value: ownPrefix + strconv.FormatInt(a.ID, 10)})
		if len(out) == MaxChoices {
			break
		}
	}
	return out
}
