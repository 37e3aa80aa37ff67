package commands

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
	"newsbot/data/quotes"
)

// Embed colours.
const (
	colorAnswer   = 0x2B6CB0 // blue
	colorNotFound = 0xD69E2E // amber
	colorError    = 0xC53030 // red
)

// suggestions is how many near misses a "Did you mean…" offers.
const suggestions = 3

// failure is an ephemeral error answer: what went wrong (title) and what to
// do next (hint).
func failure(title, hint string) Response {
	return Response{
		Ephemeral: true,
		Err:       title,
		Failure:   BadInput,
		Embeds: []*discordgo.MessageEmbed{{
			Title:       title,
			Description: hint,
			Color:       colorError,
		}},
	}
}

// notFound is an ephemeral "nothing matched" answer with the closest
// candidates, if any, and what to do next.
func notFound(title string, closest []string, hint string) Response {
	var b strings.Builder
	if len(closest) > 0 {
		b.WriteString("Did you mean…\n")
		for i, c := range closest {
			fmt.Fprintf(&b, "%d. %s\n", i+1, c)
		}
		b.WriteString("\n")
	}
	b.WriteString(hint)
	return Response{
		Ephemeral: true,
		Err:       title,
		Failure:   NotFound,
		Embeds: []*discordgo.MessageEmbed{{
			Title:       title,
			Description: b.String(),
			Color:       colorNotFound,
		}},
	}
}

// echo renders text the user typed for display inside an answer: short,
// on one line, and unable to form a mention even where allowed mentions
// are not in force (a zero-width space after every @, and <@…> broken up)
// or a link: a masked link "[x](https://…)" loses its "](" and any URL its
// "://", so what a user typed never comes back as something to click.
// Control characters and bidirectional controls are dropped: a right-to-left
// override would otherwise turn the rest of the line around, the answer's
// own words included.
func echo(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Bidi_Control, r) || unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "@", "@\u200b")
	s = strings.ReplaceAll(s, "<", "<\u200b")
	s = strings.ReplaceAll(s, "`", "'")
	s = strings.ReplaceAll(s, "](", "]\u200b(")
	s = strings.ReplaceAll(s, "://", ":\u200b//")
	return "“" + Truncate(s, 100) + "”"
}

// noArticles is the answer when the corpus is empty.
func noArticles(loading bool) Response {
	resp := failure("No articles are loaded",
		"The bot's operator can add articles with NEWSBOT_ARTICLES (see the README).")
	if loading {
		resp = failure("No articles loaded yet", "Articles are still being loaded. Try again in a moment.")
	}
	resp.Failure = NotFound
	return resp
}

// intOption parses an optional integer option, checking its range; ok is
// false with an answer to send when the value is bad.
func intOption(req Request, name string, def, lo, hi int) (int, Response, bool) {
	s := req.Option(name)
	if s == "" {
		return def, Response{}, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, failure(fmt.Sprintf("%s must be a whole number from %d to %d", name, lo, hi),
			fmt.Sprintf("You gave %s. Try %s:%d.", echo(s), name, def)), false
	}
	return n, Response{}, true
}

// articleLink is the article's title, linked to its source when known.
func articleLink(d *corpus.Doc) string {
	title := strings.NewReplacer("[", "(", "]", ")").Replace(d.Title)
	if isWebURL(d.URL) {
		return "[" + title + "](" + d.URL + ")"
	}
	return title
}

// articleMeta is "Source · Date" with whatever is known.
func articleMeta(d *corpus.Doc) string {
	var parts []string
	for _, s := range []string{d.Source, d.Date} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// quoteContext returns the sentences of d that hold quotation q, or "" when
// q's offsets do not fit d's body.
func quoteContext(d *corpus.Doc, q *quotes.Quote) string {
	if q.Start < 0 || q.End < q.Start || q.End > len(d.Body) {
		return ""
	}
	var parts []string
	for _, s := range d.Sentences {
		if s.End > q.Start && s.Start < max(q.End, q.Start+1) {
			parts = append(parts, s.Text)
		}
	}
	return strings.Join(parts, " ")
}

// boldQuote puts the quotation in bold within its context.
func boldQuote(ctx, quote string) string {
	if i := strings.Index(ctx, quote); quote != "" && i >= 0 {
		return ctx[:i] + "**" + quote + "**" + ctx[i+len(quote):]
	}
	return ctx
}

// reportedTag marks reported (indirect) speech wherever a quotation is
// shown: its words are the article's paraphrase, not the speaker's, so they
// never get quotation marks.
const reportedTag = "(reported)"

// showQuote renders quotation q for an embed, cut to about n runes: direct
// speech in quotation marks, reported speech without them and tagged
// *(reported)*.
func showQuote(q *quotes.Quote, n int) string {
	if q.Direct {
		return "“" + Truncate(quoteWords(q.Text), n-2) + "”"
	}
	return Truncate(quoteWords(q.Text), n-len(reportedTag)-3) + " *" + reportedTag + "*"
}

// showQuotePlain is showQuote for plain text (autocomplete choice names,
// where Markdown is not rendered).
func showQuotePlain(q *quotes.Quote, n int) string {
	if q.Direct {
		return "“" + Truncate(quoteWords(q.Text), n-2) + "”"
	}
	return Truncate(quoteWords(q.Text), n-len(reportedTag)-1) + " " + reportedTag
}

// quoteWords drops the punctuation news style leaves at the end of a
// quotation that its sentence goes on after (“…guarantees,” he said): shown
// on its own, a trailing comma looks like a mistake.
func quoteWords(s string) string {
	s = strings.TrimSpace(s)
	if t := strings.TrimRight(s, ",;:"); t != "" {
		return strings.TrimSpace(t)
	}
	return s
}

// speakerRole is the speaker's role as the quote's article gives it, or as
// any article does.
func speakerRole(c *corpus.Corpus, d *corpus.Doc, name string) string {
	if name == "" {
		return ""
	}
	if p, ok := d.Person(name); ok && p.Role != "" {
		return p.Role
	}
	for _, h := range c.FindPerson(name, 1) {
		if h.Name == name {
			return h.Role
		}
	}
	return ""
}

// percent renders a 0..1 score.
func percent(score float64) string { return fmt.Sprintf("%.0f%%", 100*score) }

// plural is "1 quote", "2 quotes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// stringOption is a string option definition.
func stringOption(name, desc string, required, autocomplete bool, maxLen int) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type:         discordgo.ApplicationCommandOptionString,
		Name:         name,
		Description:  desc,
		Required:     required,
		Autocomplete: autocomplete,
		MaxLength:    maxLen,
	}
}

// intOptionDef is an integer option definition with a range.
func intOptionDef(name, desc string, lo, hi int) *discordgo.ApplicationCommandOption {
	min := float64(lo)
	return &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionInteger,
		Name:        name,
		Description: desc,
		MinValue:    &min,
		MaxValue:    float64(hi),
	}
}

// articleChoices answers autocomplete for an article option: titles shown,
// IDs as values (a title stands in when an ID is too long for a value).
//
// Titles being typed come first. When the words typed are not a title
// ("harbour repairs"), the articles whose opening or text is about them
// follow (see corpus.LookupArticle), the one clearly meant first, so the
// suggestion list offers what the command would answer.
func articleChoices(ctx context.Context, c *corpus.Corpus, partial string) []*discordgo.ApplicationCommandOptionChoice {
	hits := c.CompleteArticle(partial, MaxChoices)
	if strings.TrimSpace(partial) != "" && (len(hits) == 0 || hits[0].Score < corpus.Confident) {
		// Within the autocomplete deadline: what is found in time.
		l, _ := c.LookupArticleContext(ctx, partial, articleCandidates)
		var content []corpus.ArticleHit
		for _, h := range l.Hits {
			if !slices.ContainsFunc(hits, func(o corpus.ArticleHit) bool { return o.Doc == h.Doc }) {
				content = append(content, h)
			}
		}
		if l.Clear && len(content) > 0 && content[0].Doc == l.Hits[0].Doc {
			hits = append(content[:1:1], hits...)
			content = content[1:]
		}
		hits = append(hits, content...)
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, h := range hits {
		if len(out) == MaxChoices {
			break
		}
		v := h.Doc.ID
		if len([]rune(v)) > MaxChoiceValue || v == "" {
			v = h.Doc.Title
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: Truncate(h.Doc.Title, MaxChoiceName), Value: v})
	}
	return out
}

// findArticle resolves an article option; ok is false with an answer to
// send when nothing matches well enough.
func findArticle(req Request, name string) (*corpus.Doc, Response, bool) {
	q := req.Option(name)
	c := req.Corpus
	if len(c.Docs) == 0 {
		return nil, noArticles(req.Loading), false
	}
	if q == "" {
		return nil, failure("Which article?", fmt.Sprintf("Give %s:<title>; start typing a title and pick one of the suggestions. /articles lists them all.", name)), false
	}
	if c.ByID(q) == nil && !hasContentWord(q) {
		return nil, tooCommon("an article", q,
			fmt.Sprintf("Give a few words of its title with %s:<title>; start typing and pick a suggestion. /articles lists them all.", name)), false
	}
	l := c.LookupArticle(q, articleCandidates)
	if l.Clear {
		return l.Hits[0].Doc, Response{}, true
	}
	if len(l.Hits) == 0 {
		if req.Loading {
			return nil, stillLoading("No article matches "+echo(q), len(c.Docs)), false
		}
		return nil, notFound("No article matches "+echo(q), nil,
			"Nothing in any title or text fits. Check the words, or use /articles to see every loaded article."), false
	}
	var closest []string
	for _, h := range l.Hits {
		closest = append(closest, candidateLine(h))
	}
	title := "Several articles fit " + echo(q)
	if len(l.Hits) == 1 || l.Hits[0].Score < corpus.Confident {
		title = "No article clearly matches " + echo(q)
	}
	resp := notFound(title, closest,
		fmt.Sprintf("Give %s: one of these IDs, or more words of the title.", name))
	resp.Embeds[0].Description = strings.Replace(resp.Embeds[0].Description, "Did you mean…", "Which one?", 1)
	for _, h := range l.Hits {
		resp.Results = append(resp.Results, articleResult(h.Doc))
	}
	return nil, resp, false
}

// articleCandidates is how many articles an unclear article query offers.
const articleCandidates = 5

// candidateLine is an offered article: its title, where the query matched
// when not in the title, its source and date, and the ID to give instead.
func candidateLine(h corpus.ArticleHit) string {
	line := "**" + Truncate(h.Doc.Title, 150) + "**"
	if meta := articleMeta(h.Doc); meta != "" {
		line += " — " + meta
	}
	switch h.Where {
	case corpus.InLede:
		line += " (in its opening)"
	case corpus.InBody:
		line += " (in its text)"
	}
	return line + " · ID `" + h.Doc.ID + "`"
}

// stillLoading is the answer to a lookup that found nothing while articles
// are still loading: the thing asked for may be in what is not loaded yet.
func stillLoading(what string, n int) Response {
	return failure(fmt.Sprintf("Still loading: %s so far", plural(n, "article", "articles")),
		what+" yet. Try again when the articles have loaded.")
}
