package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
	"newsbot/data/quotes"
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
	// Certainty is how sure the attribution is that the person said it:
	// "certain", "likely" or "unclear" (then Alternatives are the other
	// candidates).
	Certainty    string   `json:"certainty"`
	Confidence   float64  `json:"confidence"`
	Alternatives []string `json:"alternatives,omitempty"`
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
		// Buttons of an unclear person or article: the chosen person
		// (and article).
		Buttons: []Button{
			{Pattern: "quotes:pick:{person}", Press: pressQuotes},
			{Pattern: "quotes:pick:{person}:{article}", Press: pressQuotes},
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
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: Truncate(h.Name+" ("+personDetail(h)+")", MaxChoiceName), Value: h.Name})
	}
	return out
}

// personDetail tells people apart who share a name: their role, or else
// the article that names them ("in Ferry Timetable Changes", "in 3
// articles").
func personDetail(h corpus.PersonHit) string {
	switch {
	case h.Role != "":
		return h.Role
	case len(h.Docs) == 1:
		return "in " + Truncate(h.Docs[0].Title, 60)
	case len(h.Docs) > 1:
		return "in " + plural(len(h.Docs), "article", "articles")
	}
	return "no role given"
}

// pressQuotes answers a button of an unclear /quotes: the person (and
// article) chosen.
func pressQuotes(ctx context.Context, req Request) Response {
	req.Options = map[string]string{"person": req.Param("person"), "article": req.Param("article")}
	return runQuotes(ctx, req)
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
	hits := c.FindPerson(q, articleCandidates)
	for _, h := range hits {
		if strings.EqualFold(h.Name, q) {
			return h, Response{}, true // the canonical name, as autocomplete gives it
		}
	}
	if len(hits) > 0 && hits[0].Score >= corpus.Confident {
		// Two people with one surname ("Trudeau"), or one role held by
		// two ("the minister"): ask which rather than guess.
		same := hits[:1]
		for _, h := range hits[1:] {
			if h.Score >= corpus.Confident && hits[0].Score-h.Score < corpus.ClearMargin {
				same = append(same, h)
			}
		}
		if len(same) == 1 {
			return hits[0], Response{}, true
		}
		var lines []string
		var picks []pick
		for _, h := range same {
			lines = append(lines, "**"+h.Name+"** — "+personDetail(h))
			id := "quotes:pick:" + h.Name
			if a := req.Option("article"); a != "" {
				id += ":" + a
			}
			if pickable(h.Name) && (req.Option("article") == "" || pickable(req.Option("article"))) {
				picks = append(picks, pick{label: h.Name, id: id})
			}
		}
		resp := notFound(fmt.Sprintf("%s people fit %s", countWord(len(same)), echo(q)), lines,
			"Pick one, or give the full name as person:.")
		resp.Embeds[0].Description = strings.Replace(resp.Embeds[0].Description, "Did you mean…", "Which one?", 1)
		addPicks(&resp, picks)
		return corpus.PersonHit{}, resp, false
	}
	if len(hits) == 0 && req.Loading {
		return corpus.PersonHit{}, stillLoading("Nobody called "+echo(q)+" appears", len(c.Docs)), false
	}
	var closest []string
	for i, h := range hits {
		if i == suggestions {
			break
		}
		closest = append(closest, "**"+h.Name+"**")
	}
	return corpus.PersonHit{}, notFound("Nobody called "+echo(q)+" appears in the articles",
		closest, "Check the spelling, or use /people article:<title> to see who appears in an article."), false
}

// countWord is a small count in words ("Two"), for titles.
func countWord(n int) string {
	if n >= 2 && n <= 5 {
		return [...]string{"Two", "Three", "Four", "Five"}[n-2]
	}
	return fmt.Sprint(n)
}

// runQuotes answers /quotes: a person's quotations, in one article or in
// all of them, as many as fit, with a footer counting them.
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
			if pickable(p.Name) {
				articlePicks(&bad, func(id string) string { return "quotes:pick:" + p.Name + ":" + id })
			}
			return bad
		}
	}
	hits := quotesOf(req.Corpus, p.Name, doc)
	if len(hits) == 0 {
		return noQuotes(p, doc)
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
	lines := quoteLines(hits)
	e.Description = quotesList(hits, lines, one, doc != nil)
	if one != nil {
		e.URL = one.URL
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: quotesFooter(hits, lines, one)}
	return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: quoteResults(hits)}
}

// noQuotes is the answer when person p has no quotations (in doc, when it
// is given): whether they are not named there or named but not quoted,
// and where to look instead.
func noQuotes(p corpus.PersonHit, doc *corpus.Doc) Response {
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

// quoteResults are every quotation in hits, shown or not, as --json
// prints them.
func quoteResults(hits []corpus.QuoteHit) []any {
	var results []any
	for _, h := range hits {
		results = append(results, QuoteResult{Quote: h.Quote.Text, Direct: h.Quote.Direct, Speaker: h.Quote.Speaker, Verb: h.Quote.Verb,
			Article: h.Doc.Title, ArticleID: h.Doc.ID, Date: h.Doc.Date,
			Certainty: certaintyLabel(h.Quote), Confidence: round3(h.Quote.Confidence), Alternatives: h.Quote.Alternatives})
	}
	return results
}

// quotesList is the embed description: one bullet per line of lines (the
// passages of hits), each naming its article unless all are from one,
// as many as fit with room left for an "…and N more" line. When the
// answer is not narrowed to an article (narrowed false), that line says
// how to narrow it.
func quotesList(hits []corpus.QuoteHit, lines []listLine, one *corpus.Doc, narrowed bool) string {
	var b strings.Builder
	shown, used := 0, 0
	i := 0
	for _, l := range lines {
		h := hits[i]
		line := "• " + l.text + doubtNote(hits[i:i+l.n])
		i += l.n
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
		if !narrowed {
			b.WriteString(" (narrow it down with article:)")
		}
	}
	return strings.TrimSpace(b.String())
}

// quotesFooter counts what the list shows: quotations, and the lines
// they take when some share a sentence, the article (or how many), and
// how many are not surely theirs.
func quotesFooter(hits []corpus.QuoteHit, lines []listLine, one *corpus.Doc) string {
	footer := plural(len(hits), "quotation", "quotations")
	if len(lines) != len(hits) {
		footer += " (" + plural(len(lines), "passage", "passages") + ")"
	}
	if one != nil {
		footer += " in " + one.Title
	} else {
		footer += " in " + plural(countDocs(hits), "article", "articles")
	}
	if d := doubtCounts(hits); d != "" {
		footer += " (" + d + ")"
	}
	return footer
}

// quotesOf returns the quotations attributed to the person with canonical
// name (alone or jointly), in corpus order, and those whose speaker is
// unclear with them among the candidates: "speaker unclear (X or Y)" is
// listed under both, marked.
func quotesOf(c *corpus.Corpus, name string, doc *corpus.Doc) []corpus.QuoteHit {
	var out []corpus.QuoteHit
	for _, d := range c.Docs {
		if doc != nil && d != doc {
			continue
		}
		for i := range d.Quotes {
			q := &d.Quotes[i]
			if corpus.Spoke(q.Speaker, name) || q.Certainty() == quotes.Unclear && slices.Contains(q.Alternatives, name) {
				out = append(out, corpus.QuoteHit{Doc: d, Quote: q, Score: 1})
			}
		}
	}
	return out
}

// doubtNote marks a list line whose attribution is not certain:
// " *(probably theirs)*", " *(speaker unclear: X or Y)*"; "" when certain.
// A line showing several quotations takes the least sure of them.
func doubtNote(hits []corpus.QuoteHit) string {
	worst := quotes.Certain
	var unclear *quotes.Quote
	for _, h := range hits {
		c := h.Quote.Certainty()
		worst = min(worst, c)
		if c == quotes.Unclear && unclear == nil {
			unclear = h.Quote
		}
	}
	switch {
	case unclear != nil:
		return " *(speaker unclear: " + strings.TrimPrefix(candidates(unclear), "perhaps ") + ")*"
	case worst == quotes.Likely:
		return " *(probably theirs)*"
	}
	return ""
}

// doubtCounts is "2 probably theirs, 1 speaker unclear", or "" when every
// attribution is certain.
func doubtCounts(hits []corpus.QuoteHit) string {
	likely, unclear := 0, 0
	for _, h := range hits {
		switch h.Quote.Certainty() {
		case quotes.Likely:
			likely++
		case quotes.Unclear:
			unclear++
		}
	}
	var parts []string
	if likely > 0 {
		parts = append(parts, fmt.Sprintf("%d probably theirs", likely))
	}
	if unclear > 0 {
		parts = append(parts, fmt.Sprintf("%d speaker unclear", unclear))
	}
	return strings.Join(parts, ", ")
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
