package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
	"newsbot/data/text"
)

// QuoteResult is one quotation in a /quotes answer, as --json prints it.
type QuoteResult struct {
	Quote string `json:"quote"`
	// Direct is false for reported (indirect) speech: Quote is then the
	// article's paraphrase, not the speaker's own words.
	Direct    bool   `json:"direct"`
	Speaker   string `json:"speaker"`
	Verb      string `json:"verb,omitempty"`
	Article   string `json:"article"`
	ArticleID string `json:"article_id"`
	Date      string `json:"date,omitempty"`
}

func quotesCommand() *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Name:        "quotes",
			Description: "What a person said, across the articles or in one",
			Options: []*discordgo.ApplicationCommandOption{
				stringOption("person", "A name, surname or title (start typing to pick one)", true, true, 100),
				stringOption("article", "Only this article (start typing to pick one)", false, true, 200),
			},
		},
		Run: runQuotes,
		Complete: func(ctx context.Context, req Request) Response {
			if req.Focused == "article" {
				return completeArticleOption(ctx, req)
			}
			return Response{Choices: personChoices(ctx, req.Corpus, req.Option("person"))}
		},
		Usage:   "/quotes person:<name> [article:<title>]",
		Example: "/quotes person: Starmer",
	}
}

// personChoices answers autocomplete for a person being typed. When ctx
// ends first it answers with the suggestions found so far.
func personChoices(ctx context.Context, c *corpus.Corpus, partial string) []*discordgo.ApplicationCommandOptionChoice {
	var hits []corpus.PersonHit
	if strings.TrimSpace(partial) == "" {
		// Nothing typed yet: offer the people of the first articles.
		seen := map[string]bool{}
		for _, d := range c.Docs {
			for _, p := range d.People {
				if !seen[p.Name] && len(hits) < MaxChoices {
					seen[p.Name] = true
					hits = append(hits, corpus.PersonHit{Name: p.Name, Role: p.Role})
				}
			}
			if len(hits) == MaxChoices {
				break
			}
		}
	} else {
		hits, _ = c.CompletePersonContext(ctx, partial, MaxChoices)
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, h := range hits {
		name := h.Name
		if h.Role != "" {
			name += " (" + h.Role + ")"
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: h.Name})
	}
	return out
}

// findPerson resolves a person option; ok is false with an answer to send
// when nobody matches well enough.
func findPerson(req Request, q string) (corpus.PersonHit, Response, bool) {
	c := req.Corpus
	if q == "" {
		return corpus.PersonHit{}, failure("Whose quotes?", "Give person:<name>, e.g. /quotes person: Starmer; start typing and pick a suggestion."), false
	}
	if !hasContentWord(q) {
		return corpus.PersonHit{}, tooCommon("a person", q,
			"Give a name, surname or title, e.g. /quotes person: Starmer; start typing and pick a suggestion."), false
	}
	hits := c.FindPerson(q, suggestions)
	if len(hits) > 0 && hits[0].Score >= corpus.Confident {
		return hits[0], Response{}, true
	}
	var closest []string
	for _, h := range hits {
		closest = append(closest, "**"+h.Name+"**")
	}
	return corpus.PersonHit{}, notFound("Nobody called "+echo(q)+" appears in the articles",
		closest, "Check the spelling, or use /people article:<title> to see who appears in an article."), false
}

func runQuotes(ctx context.Context, req Request) Response {
	if len(req.Corpus.Docs) == 0 {
		return noArticles(req.Loading)
	}
	p, bad, ok := findPerson(req, req.Option("person"))
	if !ok {
		return bad
	}
	var doc *corpus.Doc
	if req.Option("article") != "" {
		if doc, bad, ok = findArticle(req, "article"); !ok {
			return bad
		}
	}
	hits := req.Corpus.QuotesBy(p.Name, doc)
	if len(hits) == 0 {
		if doc != nil {
			hint := "They are not quoted in it. Leave out article: to see their quotations in every article"
			if len(p.Docs) > 0 && !slices.Contains(p.Docs, doc) {
				hint = "They are not named in it. Leave out article: to see their quotations in every article"
			}
			return notFound(fmt.Sprintf("No quotations from %s in *%s*", p.Name, doc.Title), nil,
				hint+", or use /people article:<title> to see who is quoted there.")
		}
		return notFound(fmt.Sprintf("No quotations from %s in any article", p.Name), nil,
			"They are named but never quoted. Use /people article:<title> to see who is quoted in an article.")
	}
	e := &discordgo.MessageEmbed{
		Title: "Quotes by " + p.Name,
		Color: colorAnswer,
	}
	if p.Role != "" {
		e.Title += ", " + p.Role
	}
	// All from one article (always so with article:, and so for everyone
	// in a one-article corpus): name it once in the footer rather than on
	// every line.
	one := doc
	if one == nil && countDocs(hits) == 1 {
		one = hits[0].Doc
	}
	var b strings.Builder
	shown, used := 0, 0
	var results []any
	for _, h := range hits {
		results = append(results, QuoteResult{Quote: h.Quote.Text, Direct: h.Quote.Direct, Speaker: h.Quote.Speaker, Verb: h.Quote.Verb,
			Article: h.Doc.Title, ArticleID: h.Doc.ID, Date: h.Doc.Date})
	}
	i := 0
	for _, l := range quoteLines(hits) {
		h := hits[i]
		i += l.n
		line := "• " + l.text
		if one == nil {
			line += " — *" + Truncate(h.Doc.Title, 120) + "*"
		}
		line += "\n"
		// Leave room for the "and N more" line.
		n := utf8.RuneCountInString(line)
		if used+n > MaxEmbedDesc-100 {
			continue
		}
		used += n
		b.WriteString(line)
		shown += l.n
	}
	if shown < len(hits) {
		fmt.Fprintf(&b, "…and %d more", len(hits)-shown)
		if doc == nil {
			b.WriteString(" (narrow it down with article:)")
		}
	}
	e.Description = strings.TrimSpace(b.String())
	footer := plural(len(hits), "quotation", "quotations")
	if one != nil {
		footer += " in " + one.Title
		e.URL = one.URL
	} else {
		footer += " in " + plural(countDocs(hits), "article", "articles")
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: results}
}

// fragmentWords is the length below which a quotation in marks is a
// fragment ("backstop", "new partnership") that means little on its own.
const fragmentWords = 4

// listLine is one line of a /quotes list and how many quotations it shows.
type listLine struct {
	text string
	n    int
}

// quoteLines renders hits (in article order) as list lines. A short
// fragment (“new partnership”) says little on its own, so it is shown in
// its sentence, bold, together with the person's other quotations in that
// sentence (which would otherwise repeat it on the next line). Any other
// quotation is shown on its own, reported speech tagged (see showQuote).
func quoteLines(hits []corpus.QuoteHit) []listLine {
	var out []listLine
	for i := 0; i < len(hits); {
		h := hits[i]
		ctx := quoteContext(h.Doc, h.Quote)
		j := i + 1
		for ctx != "" && j < len(hits) && hits[j].Doc == h.Doc && quoteContext(hits[j].Doc, hits[j].Quote) == ctx {
			j++
		}
		if ctx != "" && utf8.RuneCountInString(ctx) <= 400 && hasFragment(hits[i:j]) {
			out = append(out, listLine{boldAll(ctx, hits[i:j]), j - i})
			i = j
			continue
		}
		out = append(out, listLine{showQuote(h.Quote, 600), 1})
		i++
	}
	return out
}

// quoteLine is the list line of one quotation on its own.
func quoteLine(h corpus.QuoteHit) string { return quoteLines([]corpus.QuoteHit{h})[0].text }

func hasFragment(hits []corpus.QuoteHit) bool {
	for _, h := range hits {
		if h.Quote.Direct && len(text.Words(h.Quote.Text)) < fragmentWords {
			return true
		}
	}
	return false
}

// boldAll puts each quotation of hits (in order) in bold within ctx; one
// inside another already bold is left as it is.
func boldAll(ctx string, hits []corpus.QuoteHit) string {
	var b strings.Builder
	pos := 0
	for _, h := range hits {
		q := h.Quote.Text
		k := strings.Index(ctx[pos:], q)
		if q == "" || k < 0 {
			continue
		}
		b.WriteString(ctx[pos : pos+k])
		b.WriteString("**" + q + "**")
		pos += k + len(q)
	}
	b.WriteString(ctx[pos:])
	return b.String()
}

func countDocs(hits []corpus.QuoteHit) int {
	seen := map[*corpus.Doc]bool{}
	for _, h := range hits {
		seen[h.Doc] = true
	}
	return len(seen)
}
