package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

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

// rougeSum accumulates ROUGE F1 over documents for averaging.
type rougeSum struct {
	r1, r2, rl float64
	n          int
}

func (s *rougeSum) add(sc rouge.Scores) {
	s.r1 += sc.R1.F
	s.r2 += sc.R2.F
	s.rl += sc.RLsum.F
	s.n++
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
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bot eval summary [--sentences N|ref] FILE.jsonl...")
		fs.PrintDefaults()
	}
	// Accept flags before or after the file names.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(files) == 0 {
		fs.Usage()
		return errUsage
	}
	fixed := 0
	if *sentFlag != "ref" {
		n, err := strconv.Atoi(*sentFlag)
		if err != nil || n < 1 || n > 10 {
			fmt.Fprintf(stderr, "eval summary: --sentences must be 1-10 or ref, not %q\n", *sentFlag)
			return errUsage
		}
		fixed = n
	}
	for _, f := range files {
		if err := evalSummaryFile(f, fixed, stdout); err != nil {
			return err
		}
	}
	return nil
}

// evalSummaryFile scores one file; fixed is the summary length, or 0 for the
// reference's own length.
func evalSummaryFile(path string, fixed int, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("eval summary: %w", err)
	}
	defer f.Close()
	var ours, lead, dsLead rougeSum
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
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
	fmt.Fprintf(stdout, "%s: %d articles, %s (ROUGE F1 x100, rouge_score settings)\n", path, ours.n, length)
	fmt.Fprintf(stdout, "%-16s %6s %6s %6s\n", "system", "R-1", "R-2", "R-Lsum")
	fmt.Fprintln(stdout, ours.row("ours"))
	fmt.Fprintln(stdout, lead.row(leadName))
	if dsLead.n > 0 {
		fmt.Fprintln(stdout, dsLead.row("lead3 (dataset)"))
	}
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
