// Package analyze is the `analyze` subcommand: the analysis of articles
// (quotations with speakers, people with roles, summary) as JSON lines.
package analyze

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"

	"newsbot/bot/internal/cli"
	"newsbot/bot/internal/load"
	"newsbot/data/corpus"
	"newsbot/data/quotes"
	"newsbot/data/summary"
)

// analyzedQuote is one quotation in analyze's output.
type analyzedQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Verb    string `json:"verb"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Direct  bool   `json:"direct"`
	// how sure the attribution is and why (see data/quotes.Quote)
	Confidence   float64         `json:"confidence"`
	Certainty    string          `json:"certainty"`
	SpeakerKind  string          `json:"speaker_kind,omitempty"`
	Mention      string          `json:"mention,omitempty"`
	Alternatives []string        `json:"alternatives,omitempty"`
	Why          []quotes.Reason `json:"why,omitempty"`
}

// certaintyNames name the quotes.Certainty levels in analyze's output.
var certaintyNames = map[quotes.Certainty]string{quotes.Certain: "certain", quotes.Likely: "likely", quotes.Unclear: "unclear"}

// analyzedPerson is one person in analyze's output.
type analyzedPerson struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Role    string   `json:"role"`
}

// analyzedArticle is one line of analyze's output.
type analyzedArticle struct {
	ID      string           `json:"id"`
	Title   string           `json:"title"`
	Path    string           `json:"path"`
	Quotes  []analyzedQuote  `json:"quotes"`
	People  []analyzedPerson `json:"people"`
	Summary []string         `json:"summary"`
}

// Run prints one JSON object per article per line: its quotes with
// speakers, its people with roles, and its summary.
func Run(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("sentences", summary.DefaultSentences, "summary length in sentences (1-10)")
	noDefaults := fl.Bool("no-defaults", false, "leave out the articles embedded in the binary")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: newsbot analyze [--sentences N] [--no-defaults] [PATH...]")
		fmt.Fprintln(stderr, "Prints the analysis of the embedded articles and of each PATH (file or folder) as JSON lines.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return cli.ParseError(err)
	}
	if *n < 1 || *n > 10 {
		return fmt.Errorf("analyze: --sentences must be between 1 and 10, not %d", *n)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	arts := load.Articles(load.Options{Defaults: !*noDefaults, Paths: fl.Args()}, log)
	if len(arts) == 0 {
		return fmt.Errorf("analyze: %w (see the warnings above)", load.ErrNoArticles)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		d := corpus.Analyze(a)
		out := analyzedArticle{ID: d.ID, Title: d.Title, Path: d.Path,
			Quotes: []analyzedQuote{}, People: []analyzedPerson{}, Summary: []string{}}
		for _, q := range d.Quotes {
			out.Quotes = append(out.Quotes, analyzedQuote{Text: q.Text, Speaker: q.Speaker, Verb: q.Verb, Start: q.Start,
				End: q.End, Direct: q.Direct, Confidence: math.Round(q.Confidence*1000) / 1000,
				Certainty: certaintyNames[q.Certainty()], SpeakerKind: q.SpeakerKind, Mention: q.Mention,
				Alternatives: q.Alternatives, Why: q.Why})
		}
		for _, p := range d.People {
			aliases := p.Aliases
			if aliases == nil {
				aliases = []string{}
			}
			out.People = append(out.People, analyzedPerson{p.Name, aliases, p.Role})
		}
		for _, s := range d.Summary(*n) {
			out.Summary = append(out.Summary, s.Text)
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("analyze: write: %w", err)
		}
	}
	return nil
}
