package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Summary lengths.
const (
	defaultSummary = 3
	maxSummary     = 10
)

// SummaryResult is one summary answer, as the console's --json prints it.
type SummaryResult struct {
	Article   string   `json:"article"`
	ArticleID string   `json:"article_id"`
	URL       string   `json:"url,omitempty"`
	Date      string   `json:"date,omitempty"`
	Sentences []string `json:"sentences"`
}

func summaryCommand() *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Name:        "summary",
			Description: "Summarise an article in a few of its own sentences",
			Options: []*discordgo.ApplicationCommandOption{
				stringOption("article", "The article's title (start typing to pick one)", true, true, 200),
				intOptionDef("sentences", fmt.Sprintf("How many sentences (1–%d, default %d)", maxSummary, defaultSummary), 1, maxSummary),
			},
		},
		Run:      runSummary,
		Complete: completeArticleOption,
		// A button of an unclear article query: the chosen article, and
		// the length asked for.
		Buttons: []Button{{Pattern: "summary:pick:{id}:{n}", Press: func(ctx context.Context, req Request) Response {
			req.Options = map[string]string{"article": req.Param("id"), "sentences": req.Param("n")}
			return runSummary(ctx, req)
		}}},
		Usage:   fmt.Sprintf("/summary article:<title> [sentences:1–%d]", maxSummary),
		Example: "/summary article: starmer sentences: 2",
	}
}

// completeArticleOption answers autocomplete for commands whose only
// autocompleted option is an article.
func completeArticleOption(ctx context.Context, req Request) Response {
	return Response{Choices: articleChoices(ctx, req.Corpus, req.Option(req.Focused))}
}

func runSummary(ctx context.Context, req Request) Response {
	n, bad, ok := intOption(req, "sentences", defaultSummary, 1, maxSummary)
	if !ok {
		return bad
	}
	d, bad, ok := findArticle(req, "article")
	if !ok {
		articlePicks(&bad, func(id string) string { return fmt.Sprintf("summary:pick:%s:%d", id, n) })
		return bad
	}
	sents := d.Summary(n)
	r := SummaryResult{Article: d.Title, ArticleID: d.ID, URL: d.URL, Date: d.Date, Sentences: []string{}}
	var b strings.Builder
	for _, s := range sents {
		r.Sentences = append(r.Sentences, s.Text)
		b.WriteString(s.Text)
		b.WriteString("\n\n")
	}
	desc := strings.TrimSpace(b.String())
	if desc == "" {
		desc = "This article has no text to summarise."
	}
	e := &discordgo.MessageEmbed{
		Title:       d.Title,
		URL:         d.URL,
		Description: desc,
		Color:       colorAnswer,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Summary: %d of %s", len(sents), plural(len(d.Sentences), "sentence", "sentences"))},
	}
	for _, f := range [][2]string{{"Source", d.Source}, {"Date", d.Date}, {"Author", d.Author}} {
		if v := strings.TrimSpace(f[1]); v != "" {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: f[0], Value: v, Inline: true})
		}
	}
	return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: []any{r}}
}
