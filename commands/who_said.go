package commands

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
)

// maxQuery bounds the text a who-said search looks at; a remembered
// fragment is short, and this keeps a pasted essay from costing much.
const maxQuery = 300

// maxAlso is how many other confident matches an answer mentions.
const maxAlso = 2

// WhoSaidResult is one who-said answer, as the console's --json prints it.
type WhoSaidResult struct {
	Quote string `json:"quote"`
	// Direct is false for reported (indirect) speech: Quote is then the
	// article's paraphrase, not the speaker's own words.
	Direct    bool    `json:"direct"`
	Speaker   string  `json:"speaker"`
	Role      string  `json:"role,omitempty"`
	Article   string  `json:"article"`
	ArticleID string  `json:"article_id"`
	URL       string  `json:"url,omitempty"`
	Date      string  `json:"date,omitempty"`
	Context   string  `json:"context,omitempty"`
	Score     float64 `json:"score"`
}

func whoSaidCommand() *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Name:        "who-said",
			Description: "Find who said a quotation, from the few words you remember",
			Options: []*discordgo.ApplicationCommandOption{
				stringOption("quote", "The words you remember (typos are fine)", true, true, maxQuery),
			},
		},
		Run: func(ctx context.Context, req Request) Response {
			return whoSaid(req, req.Option("quote"))
		},
		Complete: func(ctx context.Context, req Request) Response {
			return Response{Choices: quoteChoices(ctx, req.Corpus, req.Option("quote"))}
		},
		Usage:   "/who-said quote:<words you remember>",
		Example: "/who-said quote: security guarantees beyond a certain point",
	}
}

// whoSaid answers a who-said search for text (shared by /who-said and the
// "Who said this?" message command).
func whoSaid(req Request, text string) Response {
	c := req.Corpus
	if text == "" {
		return failure("Which quotation?", "Type a few words of it, e.g. /who-said quote: security guarantees")
	}
	if len(c.Docs) == 0 {
		return noArticles(req.Loading)
	}
	if r := []rune(text); len(r) > maxQuery {
		text = string(r[:maxQuery])
	}
	if !hasContentWord(text) {
		return tooCommon("a quotation", text,
			"Every quotation has words like these. Type a few distinctive words you remember, e.g. a name or a noun.")
	}
	hits := c.WhoSaid(text, suggestions+1)
	if len(hits) == 0 || hits[0].Score < corpus.Confident {
		var near []corpus.QuoteHit
		for _, h := range hits {
			if len(near) < suggestions && worthSuggesting(text, h.Quote.Text, h.Score, h.Matched) {
				near = append(near, h)
			}
		}
		searched := fmt.Sprintf("%s in %s", plural(c.QuoteCount(), "quotation", "quotations"), plural(len(c.Docs), "article", "articles"))
		title := "No quotation matches " + echo(text) + " closely enough"
		hint := "Check the wording, or try fewer, more distinctive words (searched " + searched + ")."
		if len(near) == 0 {
			title = "No quotation matches " + echo(text)
			hint = "None of its distinctive words is in any quotation (searched " + searched + "). " +
				"Check the wording, try another word you remember, or use /search text:<words> to find articles that mention it."
		}
		resp := notFound(title, suggestionLines(near), hint)
		for _, h := range near {
			resp.Results = append(resp.Results, whoSaidResult(c, h))
		}
		return resp
	}
	h := hits[0]
	r := whoSaidResult(c, h)
	e := &discordgo.MessageEmbed{
		Title:       speakerName(h.Quote),
		URL:         h.Doc.URL,
		Description: showQuote(h.Quote, MaxEmbedDesc),
		Color:       colorAnswer,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Match " + percent(h.Score)},
	}
	if r.Role != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Role", Value: r.Role, Inline: true})
	}
	if r.Date != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Date", Value: r.Date, Inline: true})
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Article", Value: articleLink(h.Doc) + sourceSuffix(h.Doc)})
	if r.Context != "" {
		v := boldQuote(r.Context, r.Quote)
		if utf8.RuneCountInString(v) > MaxFieldValue {
			// Cut, the bold could lose its closing marks and show
			// stray asterisks: cut the plain sentence instead.
			v = Truncate(r.Context, MaxFieldValue)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Context", Value: v})
	}
	results := []any{r}
	// Other quotations that match as well: a short fragment ("security
	// guarantees") can fit several, and the user should see that.
	var also []string
	for _, o := range hits[1:] {
		if o.Score < corpus.Confident || len(also) == maxAlso {
			break
		}
		also = append(also, showQuote(o.Quote, 150)+" — "+speakerName(o.Quote))
		results = append(results, whoSaidResult(c, o))
	}
	if len(also) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Also matching", Value: strings.Join(also, "\n")})
	}
	return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: results}
}

func sourceSuffix(d *corpus.Doc) string {
	if d.Source == "" {
		return ""
	}
	return " (" + d.Source + ")"
}

func whoSaidResult(c *corpus.Corpus, h corpus.QuoteHit) WhoSaidResult {
	return WhoSaidResult{
		Quote:     h.Quote.Text,
		Direct:    h.Quote.Direct,
		Speaker:   h.Quote.Speaker,
		Role:      speakerRole(c, h.Doc, h.Quote.Speaker),
		Article:   h.Doc.Title,
		ArticleID: h.Doc.ID,
		URL:       h.Doc.URL,
		Date:      h.Doc.Date,
		Context:   quoteContext(h.Doc, h.Quote),
		Score:     h.Score,
	}
}

// suggestionLines renders near-miss quotations for "Did you mean…".
func suggestionLines(hits []corpus.QuoteHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%s — %s, *%s*", showQuote(h.Quote, 200), speakerName(h.Quote), Truncate(h.Doc.Title, 100)))
	}
	return out
}

// quoteChoices answers autocomplete for a quotation being typed. When ctx
// ends first it answers with the suggestions found so far.
func quoteChoices(ctx context.Context, c *corpus.Corpus, partial string) []*discordgo.ApplicationCommandOptionChoice {
	var hits []corpus.QuoteHit
	if strings.TrimSpace(partial) == "" {
		// Nothing typed yet: offer the first quotations, to show what
		// there is.
		for _, d := range c.Docs {
			for i := range d.Quotes {
				if len(hits) < MaxChoices && len(strings.Fields(d.Quotes[i].Text)) >= 3 {
					hits = append(hits, corpus.QuoteHit{Doc: d, Quote: &d.Quotes[i], Score: 1})
				}
			}
			if len(hits) == MaxChoices {
				break
			}
		}
	} else {
		hits, _ = c.SuggestQuotesContext(ctx, partial, MaxChoices)
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, h := range hits {
		// Choice names are plain text: direct speech in quotation
		// marks, reported speech tagged, then the speaker.
		who := speakerName(h.Quote)
		name := showQuotePlain(h.Quote, MaxChoiceName-3-len([]rune(who))) + " — " + who
		if len([]rune(who)) > 40 {
			name = showQuotePlain(h.Quote, MaxChoiceName)
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: h.Quote.Text})
	}
	return out
}
