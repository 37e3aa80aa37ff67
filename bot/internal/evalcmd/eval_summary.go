package evalcmd

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"newsbot/bot/internal/cli"
	"newsbot/data/rouge"
	"newsbot/data/summary"
	"newsbot/data/text"
)

// summaryItem is one line of a summary evaluation file (see
// ../shared/eval/README.md): an article body, its title when known, the
// reference summary sentences and, for CNN/DM, the dataset's own Lead-3.
type summaryItem struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Text      string   `json:"text"`
	Reference []string `json:"reference"`
	Lead3     []string `json:"lead3"`
}

// rougeSum accumulates ROUGE F1 over documents for averaging, keeping the
// per-document scores for the paired bootstrap.
type rougeSum struct {
	r1, r2, rl float64
	n          int
	docs       [][3]float64
}

func (s *rougeSum) add(sc rouge.Scores) {
	s.r1 += sc.R1.F
	s.r2 += sc.R2.F
	s.rl += sc.RLsum.F
	s.n++
	s.docs = append(s.docs, [3]float64{sc.R1.F, sc.R2.F, sc.RLsum.F})
}

// bootstrapResamples is how many paired resamples pairedBootstrap draws:
// enough for the share to be stable to about ±1%.
const bootstrapResamples = 2000

// pairedBootstrap returns, for ROUGE-1, -2 and -Lsum, the share of paired
// bootstrap resamples of the documents (Koehn 2004) in which a scores above
// b: near 1 the gain is not an accident of which articles the set holds,
// near 0.5 it is noise. The seed is fixed so the figures are reproducible.
// a and b must hold the same documents in the same order.
func pairedBootstrap(a, b [][3]float64) [3]float64 {
	var wins [3]float64
	n := min(len(a), len(b))
	if n == 0 {
		return wins
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range bootstrapResamples {
		var d [3]float64
		for range n {
			i := r.IntN(n)
			for k := range d {
				d[k] += a[i][k] - b[i][k]
			}
		}
		for k := range d {
			if d[k] > 0 {
				wins[k]++
			}
		}
	}
	for k := range wins {
		wins[k] /= bootstrapResamples
	}
	return wins
}

func (s rougeSum) row(name string) string {
	if s.n == 0 {
		return fmt.Sprintf("%-16s %6s %6s %6s", name, "-", "-", "-")
	}
	d := float64(s.n) / 100
	return fmt.Sprintf("%-16s %6.1f %6.1f %6.1f", name, s.r1/d, s.r2/d, s.rl/d)
}

// runEvalSummary measures summary quality: ROUGE-1/2/Lsum F1 (×100, averaged
// over articles, rouge_score settings) of our summaries and of Lead-N taken
// from our own sentence split, side by side, for each FILE.jsonl.
func runEvalSummary(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval summary", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sentFlag := fs.String("sentences", strconv.Itoa(summary.DefaultSentences),
		`summary length: a number of sentences (1-10), or "ref" for each reference's own length`)
	halfFlag := fs.String("half", "all",
		`which articles to score: "all", or "even"/"odd" for those on even/odd article lines (0-based), to develop on one half and confirm on the other`)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: newsbot eval summary [--sentences N|ref] [--half all|even|odd] FILE.jsonl...")
		fmt.Fprintln(stderr, "Scores our summaries and Lead-N with ROUGE, e.g. on ../shared/eval/cnndm-dev.jsonl or bbc-dev.jsonl.")
		fmt.Fprintln(stderr, cli.EvalDataHint)
		fs.PrintDefaults()
	}
	// Accept flags before or after the file names.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return cli.ParseError(err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(files) == 0 {
		fs.Usage()
		return cli.ErrUsage
	}
	fixed := 0
	if *sentFlag != "ref" {
		n, err := strconv.Atoi(*sentFlag)
		if err != nil || n < 1 || n > 10 {
			fmt.Fprintf(stderr, "eval summary: --sentences must be 1-10 or ref, not %q\n", *sentFlag)
			return cli.ErrUsage
		}
		fixed = n
	}
	half := -1
	switch *halfFlag {
	case "all":
	case "even":
		half = 0
	case "odd":
		half = 1
	default:
		fmt.Fprintf(stderr, "eval summary: --half must be all, even or odd, not %q\n", *halfFlag)
		return cli.ErrUsage
	}
	for _, f := range files {
		if err := evalSummaryFile(f, fixed, half, stdout); err != nil {
			return err
		}
	}
	return nil
}

// evalSummaryFile scores one file; fixed is the summary length, or 0 for the
// reference's own length; half is -1 for every article, or 0/1 for only
// the articles whose 0-based index among the file's articles is even/odd.
func evalSummaryFile(path string, fixed, half int, stdout io.Writer) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("eval summary: %w (%s)", err, cli.EvalDataWhere)
	}
	if err != nil {
		return fmt.Errorf("eval summary: %w", err)
	}
	defer f.Close()
	var ours, lead, dsLead rougeSum
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line, article := 0, -1
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		article++
		if half >= 0 && article%2 != half {
			continue
		}
		var it summaryItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return fmt.Errorf("eval summary: %s:%d: %w", path, line, err)
		}
		if len(it.Reference) == 0 {
			continue // nothing to compare with
		}
		n := fixed
		if n == 0 {
			n = len(it.Reference)
		}
		sents := text.Sentences(it.Text)
		ours.add(rouge.Sentences(it.Reference, pick(sents, summary.Summarize(it.Title, sents, n))))
		leadIdx := make([]int, 0, n)
		for i := 0; i < n && i < len(sents); i++ {
			leadIdx = append(leadIdx, i)
		}
		lead.add(rouge.Sentences(it.Reference, pick(sents, leadIdx)))
		if len(it.Lead3) > 0 {
			dsLead.add(rouge.Sentences(it.Reference, it.Lead3))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("eval summary: read %s: %w", path, err)
	}
	if ours.n == 0 {
		return errors.New("eval summary: " + path + ": no articles with a reference summary")
	}
	length, leadName := strconv.Itoa(fixed)+" sentences", "Lead-"+strconv.Itoa(fixed)
	if fixed == 0 {
		length, leadName = "reference length", "Lead-ref"
	}
	if half >= 0 {
		length += []string{", even half", ", odd half"}[half]
	}
	fmt.Fprintf(stdout, "%s: %d articles, %s (ROUGE F1 x100, rouge_score settings)\n", path, ours.n, length)
	fmt.Fprintf(stdout, "%-16s %6s %6s %6s\n", "system", "R-1", "R-2", "R-Lsum")
	fmt.Fprintln(stdout, ours.row("ours"))
	fmt.Fprintln(stdout, lead.row(leadName))
	if dsLead.n > 0 {
		fmt.Fprintln(stdout, dsLead.row("lead3 (dataset)"))
	}
	w := pairedBootstrap(ours.docs, lead.docs)
	fmt.Fprintf(stdout, "ours > %s in %.0f%%/%.0f%%/%.0f%% of %d paired bootstrap resamples\n",
		leadName, 100*w[0], 100*w[1], 100*w[2], bootstrapResamples)
	return nil
}

// pick returns the texts of the chosen sentences, in the given order.
func pick(sents []text.Sentence, idx []int) []string {
	out := make([]string, 0, len(idx))
	for _, i := range idx {
		if i >= 0 && i < len(sents) {
			out = append(out, sents[i].Text)
		}
	}
	return out
}
