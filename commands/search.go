package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
	"newsbot/data/text"
)

// Search sizes.
const (
	searchHits     = 10 // passages looked at
	searchArticles = 5  // articles shown
)

// mentionsAll reports whether every word of query is in passage (folded
// words, exact). The index's keyword score discounts words that are far
// apart or out of order, but a passage that names every word the user
// asked for does mention it.
func mentionsAll(passage, query string) bool {
	qw := text.Words(query)
	if len(qw) == 0 {
		return false
	}
	have := map[string]bool{}
	for _, w := range text.Words(passage) {
		have[w] = true
	}
	for _, w := range qw {
		if !have[w] {
			return false
		}
	}
	return true
}

// SearchResult is one passage in a /search answer, as --json prints it.
type SearchResult struct {
	Article   string  `json:"article"`
	ArticleID string  `json:"article_id"`
	Sentence  string  `json:"sentence"`
	Score     float64 `json:"score"`
}

func searchCommand() *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Name:        "search",
			Description: "Find the articles and passages that mention something",
			Options: []*discordgo.ApplicationCommandOption{
				stringOption("text", "Words to look for", true, false, 200),
			},
		},
		Run:     runSearch,
		Usage:   "/search text:<words>",
		Example: "/search text: minerals deal",
	}
}

func runSearch(ctx context.Context, req Request) Response {
	q := req.Option("text")
	c := req.Corpus
	if q == "" {
		return failure("Search for what?", "Give text:<words>, e.g. /search text: minerals deal")
	}
	if len(c.Docs) == 0 {
		return noArticles(req.Loading)
	}
	if r := []rune(q); len(r) > maxQuery {
		q = string(r[:maxQuery])
	}
	hits := c.SearchText(q, searchHits)
	var good []corpus.PassageHit
	for _, h := range hits {
		if h.Score >= corpus.Confident || mentionsAll(h.Sentence.Text, q) {
			good = append(good, h)
		}
	}
	if len(good) == 0 {
		var closest []string
		for _, h := range hits {
			if len(closest) == suggestions {
				break
			}
			// Only passages that share a content word with the query
			// (see worthSuggesting); the rest match by chance.
			if !worthSuggesting(q, h.Sentence.Text, h.Score, h.Matched) {
				continue
			}
			closest = append(closest, fmt.Sprintf("“%s” — *%s*", Truncate(h.Sentence.Text, 200), Truncate(h.Doc.Title, 100)))
		}
		if len(closest) == 0 && req.Loading {
			return stillLoading("Nothing mentions "+echo(q), len(c.Docs))
		}
		return notFound("Nothing mentions "+echo(q), closest,
			"Try other or fewer words. To find who said something, use /who-said.")
	}
	// Group passages by article, keeping the order of each article's best hit.
	var order []*corpus.Doc
	byDoc := map[*corpus.Doc][]corpus.PassageHit{}
	var results []any
	for _, h := range good {
		if _, seen := byDoc[h.Doc]; !seen {
			order = append(order, h.Doc)
		}
		byDoc[h.Doc] = append(byDoc[h.Doc], h)
		results = append(results, SearchResult{Article: h.Doc.Title, ArticleID: h.Doc.ID, Sentence: h.Sentence.Text, Score: h.Score})
	}
	e := &discordgo.MessageEmbed{
		Title: "Search: " + echo(q),
		Color: colorAnswer,
	}
	shownPassages := 0
	for i, d := range order {
		if i == searchArticles {
			break
		}
		shownPassages += len(byDoc[d])
		var b strings.Builder
		if meta := articleMeta(d); meta != "" {
			b.WriteString("*" + meta + "*\n")
		}
		for _, h := range byDoc[d] {
			b.WriteString("> " + Truncate(h.Sentence.Text, 300) + "\n")
		}
		if isWebURL(d.URL) {
			b.WriteString("[Read the article](" + d.URL + ")")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: d.Title, Value: b.String()})
	}
	// The footer counts what is shown, and says when there is more.
	footer := fmt.Sprintf("%s in %s", plural(len(good), "passage", "passages"), plural(len(order), "article", "articles"))
	if len(order) > searchArticles {
		footer = fmt.Sprintf("%d of %s shown, in the %d best of %d articles", shownPassages,
			plural(len(good), "passage", "passages"), searchArticles, len(order))
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: results}
}
