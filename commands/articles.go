package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// articlesPerPage is how many articles one /articles page lists.
const articlesPerPage = 10

// ArticleResult is one article in an /articles answer, as --json prints it.
type ArticleResult struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
}

// articlesPagePrefix starts the custom_id of the paging buttons; the page
// number follows.
const articlesPagePrefix = "articles:page:"

func articlesCommand() *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Name:        "articles",
			Description: "List the loaded articles",
			Options: []*discordgo.ApplicationCommandOption{
				intOptionDef("page", "Which page (10 articles a page)", 1, 1_000_000),
			},
		},
		Run: func(ctx context.Context, req Request) Response {
			page, bad, ok := intOption(req, "page", 1, 1, 1_000_000)
			if !ok {
				return bad
			}
			return articlesPage(req, page)
		},
		Buttons: []Button{{Pattern: articlesPagePrefix + "{n}", Press: func(ctx context.Context, req Request) Response {
			n, err := strconv.Atoi(req.Param("n"))
			if err != nil || n < 1 {
				return failure("That button no longer works", "Run /articles again.")
			}
			resp := articlesPage(req, n)
			resp.Update = !resp.Ephemeral
			return resp
		}}},
		Usage:   "/articles [page:N]",
		Example: "/articles",
	}
}

// articlesPage lists page (1-based) of the loaded articles, with buttons to
// the neighbouring pages. A page past the end shows the last one: the corpus
// may have changed since the buttons were drawn.
func articlesPage(req Request, page int) Response {
	docs := req.Corpus.Docs
	if len(docs) == 0 {
		return noArticles(req.Loading)
	}
	pages := (len(docs) + articlesPerPage - 1) / articlesPerPage
	page = min(max(page, 1), pages)
	from := (page - 1) * articlesPerPage
	to := min(from+articlesPerPage, len(docs))
	var b strings.Builder
	var results []any
	for i, d := range docs[from:to] {
		fmt.Fprintf(&b, "**%d.** %s", from+i+1, Truncate(articleLink(d), 300))
		if meta := articleMeta(d); meta != "" {
			b.WriteString(" — " + Truncate(meta, 80))
		}
		b.WriteString("\n")
		results = append(results, ArticleResult{ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source, URL: d.URL})
	}
	footer := fmt.Sprintf("Page %d of %d", page, pages)
	if page < pages {
		footer += fmt.Sprintf(" · /articles page:%d for more", page+1)
	}
	resp := Response{
		Embeds: []*discordgo.MessageEmbed{{
			Title:       "Loaded articles (" + strconv.Itoa(len(docs)) + ")",
			Description: strings.TrimSpace(b.String()),
			Color:       colorAnswer,
			Footer:      &discordgo.MessageEmbedFooter{Text: footer},
		}},
		Results: results,
	}
	if pages > 1 {
		resp.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "◀ Previous", Style: discordgo.SecondaryButton,
				CustomID: articlesPagePrefix + strconv.Itoa(max(page-1, 1)), Disabled: page == 1},
			discordgo.Button{Label: "Next ▶", Style: discordgo.SecondaryButton,
				CustomID: articlesPagePrefix + strconv.Itoa(min(page+1, pages)), Disabled: page == pages},
		}}}
	}
	return resp
}
