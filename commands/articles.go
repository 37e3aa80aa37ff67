package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
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
		Run: runArticles,
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

// runArticles answers /articles. A page typed past the end is refused with
// the real number of pages (Discord's own bound on the option is only a
// guard against absurd numbers, not something to show).
func runArticles(ctx context.Context, req Request) Response {
	n := len(req.Corpus.Docs)
	if n == 0 {
		return noArticles(req.Loading)
	}
	pages := (n + articlesPerPage - 1) / articlesPerPage
	s := req.Option("page")
	if s == "" {
		return articlesPage(req, 1)
	}
	page, err := strconv.Atoi(s)
	switch {
	case err != nil || page < 1:
		return failure(fmt.Sprintf("page must be a whole number from 1 to %d", pages),
			fmt.Sprintf("You gave %s. Try /articles page:1.", echo(s)))
	case page > pages:
		return failure(fmt.Sprintf("There %s", pluralVerb(pages, "is only 1 page", "are only %d pages")),
			fmt.Sprintf("%s loaded, %d a page. Try /articles page:%d.", plural(n, "article", "articles"), articlesPerPage, pages))
	}
	return articlesPage(req, page)
}

// pluralVerb is one when n is 1, else many with n put in.
func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}

// articlesPage lists page (1-based) of the loaded articles, newest first,
// with buttons to the neighbouring pages. Each line gives the date, the
// source and the ID that the article options of the other commands
// accept. A page past the end shows the last one: the corpus may have
// changed since the buttons were drawn.
func articlesPage(req Request, page int) Response {
	docs := req.Corpus.Newest()
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
		fmt.Fprintf(&b, "**%d.** %s\n", from+i+1, Truncate(articleLink(d), 250))
		fmt.Fprintf(&b, "    %s · %s · ID `%s`\n", orNone(d.Date, "undated"), Truncate(orNone(d.Source, "source unknown"), 60), Truncate(d.ID, 100))
		results = append(results, articleResult(d))
	}
	footer := fmt.Sprintf("Page %d of %d · newest first", page, pages)
	if page < pages {
		footer += fmt.Sprintf(" · /articles page:%d for more", page+1)
	}
	footer += " · an ID works as article: in /summary, /people and /quotes"
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

// articleResult is d as --json prints it in a list of articles.
func articleResult(d *corpus.Doc) ArticleResult {
	return ArticleResult{ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source, URL: d.URL}
}

// orNone is s trimmed, or none when it is empty.
func orNone(s, none string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return none
}
