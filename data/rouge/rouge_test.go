package rouge

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/data/internal/evaldata"
)

// evalDir is the evaluation folder, or "" when it is absent.
func evalDir(testing.TB) string { return evaldata.Dir() }

func near(a, b float64) bool { return math.Abs(a-b) < 5e-5 }

// TestConformance reproduces every value of rouge_score's own tests as
// shipped in ../shared/eval/rouge.
func TestConformance(t *testing.T) {
	dir := evalDir(t)
	if dir == "" {
		t.Skip("../shared/eval not present")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "rouge", "expected.json"))
	if err != nil {
		t.Skipf("expected.json: %v", err)
	}
	var exp struct {
		Cases []struct {
			Line   int  `json:"line"`
			Stem   bool `json:"stem"`
			Rouge1 *struct {
				Precision *float64 `json:"precision"`
				Recall    *float64 `json:"recall"`
				F         *float64 `json:"fmeasure"`
			} `json:"rouge1"`
			Rouge2 *struct {
				F *float64 `json:"fmeasure"`
			} `json:"rouge2"`
		} `json:"cases"`
		Toy struct {
			Reference []string `json:"reference"`
			Candidate []string `json:"candidate"`
			Recall    float64  `json:"recall"`
			Precision float64  `json:"precision"`
			F         float64  `json:"fmeasure"`
		} `json:"rougeLsum_toy"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatalf("parse expected.json: %v", err)
	}
	readLines := func(name string) []string {
		b, err := os.ReadFile(filepath.Join(dir, "rouge", name))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	}
	targets, preds := readLines("target.txt"), readLines("prediction.txt")
	if len(exp.Cases) == 0 {
		t.Fatal("no cases in expected.json")
	}
	for _, c := range exp.Cases {
		name := "line" + string(rune('0'+c.Line))
		if c.Stem {
			name += "-stem"
		}
		t.Run(name, func(t *testing.T) {
			if c.Line >= len(targets) || c.Line >= len(preds) {
				t.Fatalf("line %d out of range", c.Line)
			}
			tt := Tokenize(targets[c.Line], c.Stem)
			pt := Tokenize(preds[c.Line], c.Stem)
			r1, r2 := N(tt, pt, 1), N(tt, pt, 2)
			if c.Rouge1 != nil {
				if c.Rouge1.Precision != nil && !near(r1.Precision, *c.Rouge1.Precision) {
					t.Errorf("rouge1 precision = %.5f, want %.5f", r1.Precision, *c.Rouge1.Precision)
				}
				if c.Rouge1.Recall != nil && !near(r1.Recall, *c.Rouge1.Recall) {
					t.Errorf("rouge1 recall = %.5f, want %.5f", r1.Recall, *c.Rouge1.Recall)
				}
				if c.Rouge1.F != nil && !near(r1.F, *c.Rouge1.F) {
					t.Errorf("rouge1 F = %.5f, want %.5f", r1.F, *c.Rouge1.F)
				}
			}
			if c.Rouge2 != nil && c.Rouge2.F != nil && !near(r2.F, *c.Rouge2.F) {
				t.Errorf("rouge2 F = %.5f, want %.5f", r2.F, *c.Rouge2.F)
			}
		})
	}
	t.Run("rougeLsum-toy", func(t *testing.T) {
		s := Text(strings.Join(exp.Toy.Reference, "\n"), strings.Join(exp.Toy.Candidate, "\n"), false)
		if !near(s.RLsum.Recall, exp.Toy.Recall) || !near(s.RLsum.Precision, exp.Toy.Precision) || !near(s.RLsum.F, exp.Toy.F) {
			t.Errorf("rougeLsum = %+v, want P %.4f R %.4f F %.4f", s.RLsum, exp.Toy.Precision, exp.Toy.Recall, exp.Toy.F)
		}
	})
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		stem bool
		want string
	}{
		{"The quick brown fox.", false, "the quick brown fox"},
		{"Marie Claire 's -LRB- 3.7 miles -RRB-", false, "marie claire s lrb 3 7 miles rrb"},
		{"  don't  STOP\tnow\n", false, "don t stop now"},
		{"café naïve", false, "caf na ve"},
		{"running dogs were happily jumping", true, "run dog were happili jump"},
		{"the cats ran", true, "the cat ran"}, // "cats" has 4 chars and is stemmed; "ran" is not
		{"", false, ""},
		{"!!! ...", true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := strings.Join(Tokenize(tc.in, tc.stem), " ")
			if got != tc.want {
				t.Errorf("Tokenize(%q, %v) = %q, want %q", tc.in, tc.stem, got, tc.want)
			}
		})
	}
}

// TestStem checks words whose NLTK (NLTK_EXTENSIONS) stems are documented in
// the paper's examples or NLTK's own docstrings and tests; they cover every
// step and each NLTK departure.
func TestStem(t *testing.T) {
	tests := map[string]string{
		// step 1a
		"caresses": "caress", "ponies": "poni", "ties": "tie", "caress": "caress", "cats": "cat",
		// step 1b
		"feed": "feed", "agreed": "agre", "plastered": "plaster", "bled": "bled",
		"motoring": "motor", "sing": "sing", "conflated": "conflat", "troubled": "troubl",
		"sized": "size", "hopping": "hop", "tanned": "tan", "falling": "fall",
		"hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file",
		"spied": "spi", "died": "die",
		// step 1c
		"happy": "happi", "enjoy": "enjoy", "sky": "sky",
		// step 2
		"relational": "relat", "conditional": "condit", "rational": "ration",
		"valenci": "valenc", "hesitanci": "hesit", "digitizer": "digit",
		"conformabli": "conform", "radicalli": "radic", "differentli": "differ",
		"vileli": "vile", "analogousli": "analog", "vietnamization": "vietnam",
		"predication": "predic", "operator": "oper", "feudalism": "feudal",
		"decisiveness": "decis", "hopefulness": "hope", "callousness": "callous",
		"formaliti": "formal", "sensitiviti": "sensit", "sensibiliti": "sensibl",
		// step 3
		"triplicate": "triplic", "formative": "form", "formalize": "formal",
		"electriciti": "electr", "electrical": "electr", "hopeful": "hope", "goodness": "good",
		// step 4
		"revival": "reviv", "allowance": "allow", "inference": "infer", "airliner": "airlin",
		"gyroscopic": "gyroscop", "adjustable": "adjust", "defensible": "defens",
		"irritant": "irrit", "replacement": "replac", "adjustment": "adjust",
		"dependent": "depend", "adoption": "adopt", "homologou": "homolog",
		"communism": "commun", "activate": "activ", "angulariti": "angular",
		"homologous": "homolog", "effective": "effect", "bowdlerize": "bowdler",
		// step 5
		"probate": "probat", "rate": "rate", "cease": "ceas", "controll": "control", "roll": "roll",
		// NLTK irregular forms and short words
		"dying": "die", "news": "news", "innings": "inning", "proceed": "proceed",
		"skies": "sky", "is": "is", "a": "a",
		// -logi keeps its l with the stem
		"geology": "geolog", "theology": "theolog",
		// -ally via step 2's alli rule re-run
		"generalization": "gener", "generously": "gener",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := Stem(in); got != want {
				t.Errorf("Stem(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestScores(t *testing.T) {
	tests := []struct {
		name          string
		ref, cand     []string
		r1, r2, rlsum float64
	}{
		{"identical", []string{"the cat sat on the mat"}, []string{"the cat sat on the mat"}, 1, 1, 1},
		{"disjoint", []string{"alpha beta"}, []string{"gamma delta"}, 0, 0, 0},
		{"empty candidate", []string{"alpha beta"}, nil, 0, 0, 0},
		// 2 of 3 unigrams each way; 1 of 2 bigrams each way; LCS 2.
		{"partial", []string{"a b c"}, []string{"a b d"}, 2.0 / 3, 0.5, 2.0 / 3},
		// Order matters for LCS but not for ROUGE-1: "c b a" vs "a b c"
		// shares all unigrams, no bigram, LCS 1.
		{"reversed", []string{"a b c"}, []string{"c b a"}, 1, 0, 1.0 / 3},
		// Union LCS across candidate sentences recovers the order per
		// sentence: ref "a b c d" vs candidates "a b" and "c d" → hits 4.
		// ROUGE-N ignores line breaks, so R-2 sees ab bc cd on both sides.
		{"union", []string{"a b c d"}, []string{"a b", "c d"}, 1, 1, 1},
		// Clipping: the reference token "a" occurs once, so two candidate
		// lines containing it give one hit: P 1/2, R 1, F 2/3.
		{"clipped", []string{"a"}, []string{"a", "a"}, 2.0 / 3, 0, 2.0 / 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Sentences(tc.ref, tc.cand)
			if !near(s.R1.F, tc.r1) || !near(s.R2.F, tc.r2) || !near(s.RLsum.F, tc.rlsum) {
				t.Errorf("got R1 %.4f R2 %.4f RLsum %.4f, want %.4f %.4f %.4f", s.R1.F, s.R2.F, s.RLsum.F, tc.r1, tc.r2, tc.rlsum)
			}
		})
	}
}
