package commands

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
	"newsbot/data/quotes"
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
	Direct    bool   `json:"direct"`
	Speaker   string `json:"speaker"`
	Role      string `json:"role,omitempty"`
	Article   string `json:"article"`
	ArticleID string `json:"article_id"`
	URL       string `json:"url,omitempty"`
	Date      string `json:"date,omitempty"`
	Context   string `json:"context,omitempty"`
	// Score is the text match: how well Quote fits the words typed (0..1).
	Score float64 `json:"score"`
	// Certainty is how sure the attribution is of Speaker: "certain",
	// "likely", "unclear" or "not named"; Confidence is its calibrated
	// probability and Alternatives the runner-up speakers.
	Certainty    string   `json:"certainty"`
	Confidence   float64  `json:"confidence"`
	SpeakerKind  string   `json:"speaker_kind,omitempty"`
	Alternatives []string `json:"alternatives,omitempty"`
	// Closest marks a quotation shown as the closest to the words typed,
	// not an exact match (no quotation matched closely enough).
	Closest bool `json:"closest,omitempty"`
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
	hits := c.WhoSaid(text, nearPool)
	if len(hits) == 0 || hits[0].Score < corpus.Confident {
		if h, ok := closestQuote(text, hits); ok {
			return quoteAnswer(c, h, nil, true)
		}
		var near []corpus.QuoteHit
		for _, h := range hits {
			if len(near) < suggestions && worthSuggesting(text, h.Quote.Text, h.Score, h.Matched) {
				near = append(near, h)
			}
		}
		searched := fmt.Sprintf("%s in %s", plural(c.QuoteCount(), "quotation", "quotations"), plural(len(c.Docs), "article", "articles"))
		if len(near) == 0 && req.Loading {
			return stillLoading("No quotation matches "+echo(text), len(c.Docs))
		}
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
	return quoteAnswer(c, hits[0], hits[1:], false)
}

// nearPool is how many hits a who-said search looks at: the answer, the
// others that match as well, and the near misses a closest quotation is
// chosen from.
const nearPool = 10

// equalMatch is how close two text matches must be to count as equal: the
// user's words then fit both quotations, and the answer says so.
const equalMatch = 0.01

// quoteAnswer is the answer showing quotation h (closest: as the closest
// to the words typed, not an exact match), with the other confident hits
// in rest listed after it.
func quoteAnswer(c *corpus.Corpus, h corpus.QuoteHit, rest []corpus.QuoteHit, closest bool) Response {
	r := whoSaidResult(c, h)
	r.Closest = closest
	desc := showQuote(h.Quote, MaxEmbedDesc-60)
	footer := "Text match " + percent(h.Score)
	if closest {
		desc = "*Closest quotation, not an exact match:*\n" + desc
		footer += " (not an exact match)"
	}
	e := &discordgo.MessageEmbed{
		Title:       speakerTitle(h.Quote),
		URL:         h.Doc.URL,
		Description: desc,
		Color:       colorAnswer,
	}
	if r.Role != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Role", Value: r.Role, Inline: true})
	}
	if k := kindNote(h.Quote.SpeakerKind); k != "" && h.Quote.Speaker != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Speaker is", Value: k, Inline: true})
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
	// guarantees") can fit several, and the user should see that. Those
	// that fit exactly as well are said to.
	var also, same []string
	for _, o := range rest {
		if o.Score < corpus.Confident || len(also)+len(same) == maxAlso {
			break
		}
		line := showQuote(o.Quote, 150) + " — " + speakerText(o.Quote)
		if h.Score-o.Score < equalMatch {
			same = append(same, line)
		} else {
			also = append(also, line)
		}
		results = append(results, whoSaidResult(c, o))
	}
	if len(same) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Matches your words equally well", Value: strings.Join(same, "\n")})
		footer += fmt.Sprintf(" · %d quotations match equally well", len(same)+1)
	}
	if len(also) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Also matching", Value: strings.Join(also, "\n")})
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer + " · " + speakerNote(h.Quote)}
	return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: results}
}

func sourceSuffix(d *corpus.Doc) string {
	if d.Source == "" {
		return ""
	}
	return " (" + d.Source + ")"
}

func whoSaidResult(c *corpus.Corpus, h corpus.QuoteHit) WhoSaidResult {
	role := ""
	if h.Quote.Certainty() != quotes.Unclear {
		// A role beside an unclear speaker would read as a claim.
		role = speakerRole(c, h.Doc, h.Quote.Speaker)
	}
	return WhoSaidResult{
		Certainty:    certaintyLabel(h.Quote),
		Confidence:   round3(h.Quote.Confidence),
		SpeakerKind:  h.Quote.SpeakerKind,
		Alternatives: h.Quote.Alternatives,
		Quote:        h.Quote.Text,
		Direct:       h.Quote.Direct,
		Speaker:      h.Quote.Speaker,
		Role:         role,
		Article:      h.Doc.Title,
		ArticleID:    h.Doc.ID,
		URL:          h.Doc.URL,
		Date:         h.Doc.Date,
		Context:      quoteContext(h.Doc, h.Quote),
		Score:        h.Score,
	}
}

// suggestionLines renders near-miss quotations for "Did you mean…".
func suggestionLines(hits []corpus.QuoteHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%s — %s, *%s*", showQuote(h.Quote, 200), speakerText(h.Quote), Truncate(h.Doc.Title, 100)))
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
		who := speakerText(h.Quote)
		name := showQuotePlain(h.Quote, MaxChoiceName-3-len([]rune(who))) + " — " + who
		if len([]rune(who)) > 40 {
			name = showQuotePlain(h.Quote, MaxChoiceName)
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: h.Quote.Text})
	}
	return out
}

// round3 rounds a probability to three decimals for --json: more digits
// than that claim a precision the calibration does not have.
func round3(p float64) float64 { return math.Round(p*1000) / 1000 }
