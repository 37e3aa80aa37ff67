package commands

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/store"
)

// FeedResult is one feed in a /feed answer, as the console's --json prints
// it.
type FeedResult struct {
	ID        int64  `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title,omitempty"`
	LastPoll  string `json:"last_poll,omitempty"`
	Failures  int    `json:"failures"`
	LastError string `json:"last_error,omitempty"`
	Disabled  bool   `json:"disabled"`
}

func feedCommand(lib Library) *Command {
	return (&Command{
		Def: moderatorDef(&discordgo.ApplicationCommand{
			Name:        "feed",
			Description: "Follow news feeds into this server's articles (moderators)",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add",
					Description: "Follow an RSS, Atom or JSON feed: its new articles are added as they appear",
					Options:     []*discordgo.ApplicationCommandOption{stringOption("url", "The feed's link", true, false, 1000)},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove",
					Description: "Stop following a feed (its articles stay)",
					Options:     []*discordgo.ApplicationCommandOption{stringOption("feed", "The feed (start typing to pick one)", true, true, 1000)},
				},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "The feeds this server follows, and how each is doing"},
			},
		}),
		Run: func(ctx context.Context, req Request) Response {
			switch req.Subcommand {
			case "add":
				return runFeedAdd(ctx, lib, req)
			case "remove":
				return runFeedRemove(ctx, lib, req)
			case "list":
				return runFeedList(ctx, lib, req)
			}
			return failure("Use /feed add, /feed remove or /feed list", "")
		},
		Complete: func(ctx context.Context, req Request) Response {
			feeds, err := lib.Feeds(ctx, req.GuildID)
			if err != nil {
				return Response{}
			}
			typed := strings.ToLower(req.Option("feed"))
			var out []*discordgo.ApplicationCommandOptionChoice
			for _, f := range feeds {
				name := feedName(f)
				if typed != "" && !strings.Contains(strings.ToLower(name+" "+f.URL), typed) {
					continue
				}
				out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: Truncate(name, MaxChoiceName), Value: ownPrefix + strconv.FormatInt(f.ID, 10)})
				if len(out) == MaxChoices {
					break
				}
			}
			return Response{Choices: out}
		},
		ServerOnly: true, // changes a server's articles: never a user app, never in DMs
		Usage:      "/feed add url:<feed> | /feed remove feed:<feed> | /feed list",
		Example:    "/feed add url: https://gazette.example/rss.xml",
	}).With(moderatorOnly())
}

// feedName is how a feed is shown: its title and host, or its URL.
func feedName(f store.Feed) string {
	if f.Title != "" {
		return f.Title + " — " + f.URL
	}
	return f.URL
}

func runFeedAdd(ctx context.Context, lib Library, req Request) Response {
	fa, err := lib.AddFeed(ctx, req.GuildID, req.UserID, req.Option("url"))
	if errors.Is(err, store.ErrDuplicate) {
		return failure("This server follows that feed already", "/feed list shows the feeds and how each is doing.")
	}
	if err != nil {
		return refused("Could not follow that feed", err)
	}
	f := fa.Feed
	return Response{
		Embeds: []*discordgo.MessageEmbed{{
			Title: "Feed added",
			Description: fmt.Sprintf("**%s**\n%s in the feed now. Its articles are being fetched now, and new ones at every poll; each shows up in every command here.",
				Truncate(feedName(f), 300), plural(fa.Items, "item", "items")),
			Color: colorAnswer,
		}},
		Results: []any{feedResult(f)},
	}
}

func runFeedRemove(ctx context.Context, lib Library, req Request) Response {
	v := req.Option("feed")
	feeds, err := lib.Feeds(ctx, req.GuildID)
	if err != nil {
		r := failure("Could not read this server's feeds", "The store failed; try again.")
		r.Failure, r.Cause = Internal, err
		return r
	}
	var id int64 = -1
	if s, ok := strings.CutPrefix(v, ownPrefix); ok {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			id = n
		}
	} else {
		for _, f := range feeds {
			if strings.EqualFold(f.URL, v) || strings.EqualFold(f.Title, v) {
				id = f.ID
			}
		}
	}
	f, err := lib.RemoveFeed(ctx, req.GuildID, id)
	if errors.Is(err, store.ErrNotFound) {
		var names []string
		for _, f := range feeds {
			names = append(names, Truncate(feedName(f), 100))
			if len(names) == suggestions {
				break
			}
		}
		return notFound("This server follows no feed "+echo(v), names, "Pick a feed from the list as you type; /feed list shows them all.")
	}
	if err != nil {
		r := failure("Could not remove the feed", "The store failed; try again.")
		r.Failure, r.Cause = Internal, err
		return r
	}
	return Response{Embeds: []*discordgo.MessageEmbed{{
		Title:       "Feed removed",
		Description: "**" + Truncate(feedName(f), 300) + "** is no longer followed. The articles it added stay; /article remove takes one out.",
		Color:       colorAnswer,
	}}}
}

func runFeedList(ctx context.Context, lib Library, req Request) Response {
	feeds, err := lib.Feeds(ctx, req.GuildID)
	if err != nil {
		r := failure("Could not read this server's feeds", "The store failed; try again.")
		r.Failure, r.Cause = Internal, err
		return r
	}
	if len(feeds) == 0 {
		r := notFound("This server follows no feeds", nil, "Add one with /feed add url: <link to an RSS, Atom or JSON feed>.")
		return r
	}
	var b strings.Builder
	var results []any
	for i, f := range feeds {
		fmt.Fprintf(&b, "**%d.** %s\n", i+1, Truncate(feedName(f), 200))
		switch {
		case f.Disabled:
			fmt.Fprintf(&b, "⛔ Disabled after %d failed polls: %s. Remove it and add it again to retry.\n", f.Failures, Truncate(f.LastError, 200))
		case f.Failures > 0:
			fmt.Fprintf(&b, "⚠️ %s in a row (%s); next try %s.\n", plural(f.Failures, "failed poll", "failed polls"), Truncate(f.LastError, 200), when(f.NextPoll))
		case f.LastPoll.IsZero():
			b.WriteString("Not polled yet.\n")
		default:
			fmt.Fprintf(&b, "Polled %s.\n", when(f.LastPoll))
		}
		results = append(results, feedResult(f))
	}
	return Response{
		Embeds: []*discordgo.MessageEmbed{{
			Title:       fmt.Sprintf("Feeds followed here (%d)", len(feeds)),
			Description: strings.TrimSpace(b.String()),
			Color:       colorAnswer,
		}},
		Results: results,
	}
}

// when shows a time as Discord's relative timestamp, which each reader's
// client renders in their own time zone and language.
func when(t time.Time) string {
	return fmt.Sprintf("<t:%d:R>", t.Unix())
}

func feedResult(f store.Feed) FeedResult {
	r := FeedResult{ID: f.ID, URL: f.URL, Title: f.Title, Failures: f.Failures, LastError: f.LastError, Disabled: f.Disabled}
	if !f.LastPoll.IsZero() {
		r.LastPoll = f.LastPoll.UTC().Format(time.RFC3339)
	}
	return r
}
