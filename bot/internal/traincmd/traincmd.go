// Package traincmd is the `train` subcommands: today `train attribution`,
// which learns the speaker ranker of data/quotes from annotated articles
// and writes its model file (data/quotes/model.json, embedded in the
// binary). Training is deterministic; a test retrains and compares.
package traincmd

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"newsbot/bot/internal/cli"
	"newsbot/data/quotes/quoteeval"
)

const trainUsage = `usage: newsbot train attribution [-o FILE] [FILE.jsonl...]`

// defaultTrainSet is the training set read when no file is given.
const defaultTrainSet = "../shared/eval/polnear-train.jsonl"

// Run dispatches the train subcommands; today one: attribution, which
// learns the speaker ranker's weights (data/quotes/model.json).
func Run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprintln(stderr, trainUsage)
		return cli.ErrHelp
	}
	if len(args) == 0 || args[0] != "attribution" {
		fmt.Fprintln(stderr, trainUsage)
		return cli.ErrUsage
	}
	fl := flag.NewFlagSet("train attribution", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "data/quotes/model.json", "where to write the model (- for standard output)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, trainUsage)
		fmt.Fprintf(stderr, "Learns the speaker ranker from annotated articles (default %s); deterministic.\n", defaultTrainSet)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args[1:]); err != nil {
		return cli.ParseError(err)
	}
	files := fl.Args()
	if len(files) == 0 {
		files = []string{defaultTrainSet}
	}
	start := time.Now()
	var arts []quoteeval.EvalArticle
	for _, f := range files {
		as, err := readSet(f)
		if err != nil {
			return err
		}
		arts = append(arts, as...)
	}
	exs := quoteeval.Examples(arts)
	m, rep := quoteeval.Train(exs, quoteeval.DefaultTrain)
	fmt.Fprintf(stdout, "articles %d, quotations %d trained on, %d held apart (%.1fs)\n", len(arts), rep.Train, rep.Held, time.Since(start).Seconds())
	fmt.Fprintf(stdout, "held apart: rules' speaker right %.3f, ranker's choice right %.3f\n", rep.RulesAccuracy, rep.RankerAccuracy)
	fmt.Fprintf(stdout, "out of fold: rules' speaker right %.4f, ranker's choice right %.4f -> choose=%v margin %.1f firm margin %.1f\n",
		rep.OutOfFoldRules, rep.OutOfFoldRanker, m.Choose, m.Margin, m.FirmMargin)
	fmt.Fprintf(stdout, "calibrated on %d out-of-fold decisions: calibration error %.3f -> %.3f (Platt A=%.3f B=%.3f)\n",
		rep.Calibration, rep.ECERaw, rep.ECECalibrated, m.Platt[0], m.Platt[1])
	for _, k := range rep.Kinds {
		how := "overall calibration"
		if k.Calibrated {
			c := m.Calibration[k.Kind]
			how = fmt.Sprintf("A=%.3f B=%.3f", c[0], c[1])
		}
		fmt.Fprintf(stdout, "  %-20s %5d out of fold, right %.3f (%s)\n", k.Kind, k.N, k.Accuracy, how)
	}
	fmt.Fprintf(stdout, "right >= 0.97 from confidence %.2f (precision %.3f, coverage %.3f)\n", rep.CertainAt, rep.CertainPrecis, rep.CertainCoverage)
	for _, p := range rep.Curve {
		fmt.Fprintf(stdout, "  out of fold, confidence >= %.2f: right %.3f, coverage %.3f (%d)\n", p.Threshold, p.Precision, p.Coverage, p.N)
	}
	b := quoteeval.MarshalModel(m)
	if *out == "-" {
		_, err := stdout.Write(b)
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("train attribution: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

// readSet reads one JSON-lines training file.
func readSet(path string) ([]quoteeval.EvalArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("train attribution: %w (run from the module root next to ../shared, or name the file)", err)
	}
	defer f.Close()
	arts, err := quoteeval.ReadEvalSet(f, path)
	if err != nil {
		return nil, fmt.Errorf("train attribution: %w", err)
	}
	return arts, nil
}
