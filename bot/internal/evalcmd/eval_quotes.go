package evalcmd

import (
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"sort"

	"newsbot/bot/internal/cli"
	"newsbot/data/quotes"
)

// defaultQuotesEval is the development set read when no file is given,
// relative to the working directory (the module root).
const defaultQuotesEval = "../shared/eval/ggt-dev.jsonl"

// runEvalQuotes measures quote extraction and attribution against annotated
// articles: direct-quote precision and recall, speaker accuracy, end-to-end
// accuracy, indirect-speech recall and speaker accuracy, the worst articles;
// --verbose lists every miss.
func runEvalQuotes(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval quotes", flag.ContinueOnError)
	fl.SetOutput(stderr)
	verbose := fl.Bool("verbose", false, "list every miss (gold vs ours)")
	worst := fl.Int("worst", 5, "how many of the worst articles to list")
	split := fl.String("split", "", "score only one half of the articles, by a hash of their id: even or odd")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: bot eval quotes [--verbose] [--worst N] [--split even|odd] [FILE.jsonl...]")
		fmt.Fprintf(stderr, "Scores quotations and speakers against annotated articles (default %s).\n", defaultQuotesEval)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return cli.ErrUsage
	}
	if *split != "" && *split != "even" && *split != "odd" {
		fmt.Fprintf(stderr, "eval quotes: --split must be even or odd, not %q\n", *split)
		return cli.ErrUsage
	}
	files := fl.Args()
	if len(files) == 0 {
		files = []string{defaultQuotesEval}
	}
	var arts []quotes.EvalArticle
	for _, f := range files {
		as, err := readEvalFile(f)
		if err != nil {
			return err
		}
		arts = append(arts, as...)
	}
	if *split != "" {
		arts = splitHalf(arts, *split == "odd")
	}
	if len(arts) == 0 {
		return errors.New("eval quotes: no articles in the input")
	}
	results, total := quotes.Evaluate(arts)
	printQuoteScores(stdout, len(results), total)
	printWorst(stdout, results, *worst)
	if *verbose {
		printMisses(stdout, results)
	}
	return nil
}

// splitHalf keeps the articles whose id hashes (FNV-1a) to an odd or an
// even number: two halves fixed by the ids alone, so a rule found by
// studying one half can be checked on the other.
func splitHalf(arts []quotes.EvalArticle, odd bool) []quotes.EvalArticle {
	var out []quotes.EvalArticle
	for _, a := range arts {
		h := fnv.New32a()
		h.Write([]byte(a.ID))
		if (h.Sum32()%2 == 1) == odd {
			out = append(out, a)
		}
	}
	return out
}

// readEvalFile reads a JSON-lines evaluation file.
func readEvalFile(path string) ([]quotes.EvalArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("eval quotes: %s not found (run from the module root next to ../shared, or name the file): %w", path, err)
		}
		return nil, fmt.Errorf("eval quotes: open %s: %w", path, err)
	}
	defer f.Close()
	arts, err := quotes.ReadEvalSet(f, path)
	if err != nil {
		return nil, fmt.Errorf("eval quotes: %w", err)
	}
	return arts, nil
}

func printQuoteScores(w io.Writer, n int, s quotes.Scores) {
	fmt.Fprintf(w, "articles: %d\n", n)
	fmt.Fprintf(w, "direct quotes: gold %d, ours %d, matched %d\n", s.GoldDirect, s.OursDirect, s.MatchedDirect)
	fmt.Fprintf(w, "  extraction precision  %.3f\n", s.DirectPrecision())
	fmt.Fprintf(w, "  extraction recall     %.3f\n", s.DirectRecall())
	fmt.Fprintf(w, "  speaker accuracy      %.3f  (%d of %d matched)\n", s.SpeakerAccuracy(), s.RightDirect, s.MatchedDirect)
	fmt.Fprintf(w, "  end-to-end accuracy   %.3f  (%d of %d gold found with the right speaker)\n", s.EndToEnd(), s.RightDirect, s.GoldDirect)
	fmt.Fprintf(w, "indirect quotes: gold %d, ours %d, matched %d\n", s.GoldIndirect, s.OursIndirect, s.MatchedIndirect)
	fmt.Fprintf(w, "  recall                %.3f\n", s.IndirectRecall())
	fmt.Fprintf(w, "  speaker accuracy      %.3f  (%d of %d matched)\n", s.IndirectSpeakerAccuracy(), s.RightIndirect, s.MatchedIndirect)
}

func printWorst(w io.Writer, rs []quotes.EvalResult, n int) {
	if n <= 0 {
		return
	}
	sorted := append([]quotes.EvalResult(nil), rs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Scores.Errors() > sorted[j].Scores.Errors() })
	fmt.Fprintln(w, "worst articles (direct errors: missed or wrong speaker, plus extras):")
	for i, r := range sorted {
		if i >= n || r.Scores.Errors() == 0 {
			break
		}
		s := r.Scores
		fmt.Fprintf(w, "  %s  errors %d  (gold %d, right %d, ours %d, matched %d)\n",
			r.ID, s.Errors(), s.GoldDirect, s.RightDirect, s.OursDirect, s.MatchedDirect)
	}
}

func printMisses(w io.Writer, rs []quotes.EvalResult) {
	for _, r := range rs {
		if len(r.Misses) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n== %s\n", r.ID)
		for _, m := range r.Misses {
			switch {
			case m.Gold != nil && m.Ours != nil:
				fmt.Fprintf(w, "  %-16s gold %q  ours %q (mention %q, verb %q)\n    %q\n", m.Kind, m.Gold.Speaker, m.Ours.Speaker, m.Ours.Mention, m.Ours.Verb, clip(m.Gold.Quote))
			case m.Gold != nil:
				fmt.Fprintf(w, "  %-16s gold %q (mention %q)\n    %q\n", m.Kind, m.Gold.Speaker, m.Gold.Mention, clip(m.Gold.Quote))
			default:
				fmt.Fprintf(w, "  %-16s ours %q (mention %q, verb %q)\n    %q\n", m.Kind, m.Ours.Speaker, m.Ours.Mention, m.Ours.Verb, clip(m.Ours.Text))
			}
		}
	}
}

// clip shortens long quotations in listings.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 160 {
		return string(r[:157]) + "..."
	}
	return s
}
