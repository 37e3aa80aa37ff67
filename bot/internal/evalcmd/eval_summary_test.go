package evalcmd

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/bot/internal/cli"
)

func TestEvalSummary(t *testing.T) {
	file := filepath.Join("testdata", "eval_summary.jsonl")
	tests := []struct {
		name string
		args []string
		want []string // substrings of the output
	}{
		{"default length", []string{file}, []string{
			"2 articles, 3 sentences",
			"ours ",
			"Lead-3 ",
			// the first article's reference is its dataset lead3 verbatim,
			// the only article with a lead3 field
			"lead3 (dataset)   100.0  100.0  100.0",
		}},
		{"flag after file", []string{file, "--sentences", "2"}, []string{"2 articles, 2 sentences", "Lead-2 "}},
		{"reference length", []string{"--sentences", "ref", file}, []string{"2 articles, reference length", "Lead-ref "}},
		// the first article (index 0, the one with a lead3 field) is the
		// even half, the second the odd half
		{"even half", []string{"--half", "even", file}, []string{"1 articles, 3 sentences, even half", "lead3 (dataset)   100.0"}},
		{"odd half", []string{file, "--half", "odd"}, []string{"1 articles, 3 sentences, odd half"}},
		{"bootstrap line", []string{file}, []string{"of 2000 paired bootstrap resamples"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if err := runEvalSummary(tc.args, &out, &errb); err != nil {
				t.Fatalf("runEvalSummary(%v): %v\nstderr: %s", tc.args, err, errb.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestEvalSummaryErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		usage bool // a usage error (already printed) rather than a failure
	}{
		{"no file", nil, true},
		{"zero sentences", []string{"--sentences", "0", "x.jsonl"}, true},
		{"too many sentences", []string{"--sentences", "11", "x.jsonl"}, true},
		{"not a number", []string{"--sentences", "three", "x.jsonl"}, true},
		{"unknown flag", []string{"--bogus", "x.jsonl"}, true},
		{"bad half", []string{"--half", "first", "x.jsonl"}, true},
		{"missing file", []string{filepath.Join("testdata", "no-such-file.jsonl")}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := runEvalSummary(tc.args, &out, &errb)
			if err == nil {
				t.Fatalf("runEvalSummary(%v) succeeded; want an error", tc.args)
			}
			if got := errors.Is(err, cli.ErrUsage); got != tc.usage {
				t.Errorf("usage error = %v, want %v (err %v)", got, tc.usage, err)
			}
		})
	}
}

func TestPairedBootstrap(t *testing.T) {
	better := [][3]float64{{0.5, 0.5, 0.5}, {0.6, 0.4, 0.6}, {0.7, 0.3, 0.7}}
	worse := [][3]float64{{0.4, 0.5, 0.4}, {0.5, 0.4, 0.5}, {0.6, 0.3, 0.6}}
	tests := []struct {
		name string
		a, b [][3]float64
		want [3]float64
	}{
		// R-1 and R-Lsum higher on every document: every resample wins;
		// R-2 equal: no resample is strictly above.
		{"a always better", better, worse, [3]float64{1, 0, 1}},
		{"a always worse", worse, better, [3]float64{0, 0, 0}},
		{"empty", nil, nil, [3]float64{0, 0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pairedBootstrap(tc.a, tc.b); got != tc.want {
				t.Errorf("pairedBootstrap = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("mixed is between", func(t *testing.T) {
		a := [][3]float64{{0.9, 0.9, 0.9}, {0.1, 0.1, 0.1}, {0.5, 0.5, 0.5}, {0.52, 0.52, 0.52}}
		b := [][3]float64{{0.1, 0.1, 0.1}, {0.8, 0.8, 0.8}, {0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}}
		got := pairedBootstrap(a, b)
		if got[0] <= 0.05 || got[0] >= 0.95 {
			t.Errorf("pairedBootstrap on mixed documents = %v, want a share well inside (0, 1)", got)
		}
	})
}
