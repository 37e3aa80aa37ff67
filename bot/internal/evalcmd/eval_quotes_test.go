package evalcmd

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/data/quotes"
)

// TestEvalQuotes runs eval quotes on three invented articles: one speaker
// right, one wrong (a pronoun resolved to the other person), and one
// quotation the gold holds apart as unscored (counted wrong by the official
// precision, not by the unofficial one).
func TestEvalQuotes(t *testing.T) {
	file := filepath.Join("testdata", "eval_quotes.jsonl")
	tests := []struct {
		name string
		args []string
		want []string // substrings of the output
		not  []string
	}{
		{"figures", []string{file}, []string{
			"articles: 3",
			"extraction precision  0.667",
			"precision counting unscored gold  1.000  (unofficial: 1 of ours match other_attributions",
			"speaker accuracy      0.500  (1 of 2 matched)",
			"strict (full name)    0.500  (1 of 2 matched)",
			"expected calibration error",
			fmt.Sprintf("certain  (≥ %.2f)", quotes.CertainAt),
			"precision–coverage curve:",
			"wrong speakers by kind: pronoun 1",
		}, []string{"why:"}},
		{"verbose misses explain themselves", []string{"--verbose", file}, []string{
			`gold "Ann Ortiz"  ours "Tom Reyes" (mention "he", verb "said", confidence`,
			"why: ", "rule:verb_after_quote",
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if err := runEvalQuotes(tc.args, &out, &errb); err != nil {
				t.Fatalf("runEvalQuotes(%v): %v\nstderr: %s", tc.args, err, errb.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			for _, w := range tc.not {
				if strings.Contains(out.String(), w) {
					t.Errorf("output has %q:\n%s", w, out.String())
				}
			}
		})
	}
}
