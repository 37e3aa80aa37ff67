package searcheval

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"newsbot/data"
	"newsbot/data/article"
	"newsbot/data/corpus"
)

func TestRunOnDefaults(t *testing.T) {
	arts, _ := article.LoadFS(data.Articles, "articles", article.Options{})
	c := corpus.Build(arts)
	if c.QuoteCount() == 0 {
		t.Skip("the quote extractor finds no quotation yet")
	}
	cfg := Config{Seed: 3, PerKind: 15}
	a, err := Run(c, cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	b, err := Run(c, cfg)
	if err != nil {
		t.Fatalf("Run again: %v", err)
	}
	a.P50, a.P99, a.P50ms, a.P99ms, a.Complete.P99ms = 0, 0, 0, 0, 0
	b.P50, b.P99, b.P50ms, b.P99ms, b.Complete.P99ms = 0, 0, 0, 0, 0
	if !reflect.DeepEqual(a, b) {
		t.Errorf("same seed, different reports:\n%+v\n%+v", a, b)
	}
	if len(a.Kinds) != 10 || len(a.Absent) != 3 {
		t.Fatalf("got %d kinds and %d absent kinds, want 10 and 3", len(a.Kinds), len(a.Absent))
	}
	for _, k := range a.Kinds {
		if k.N == 0 {
			continue // a one-article corpus may have no identifying 4-word fragment
		}
		if k.Rank1 < 0.5 {
			t.Errorf("%s: rank1 %.2f on the seed article", k.Kind, k.Rank1)
		}
	}
	var out bytes.Buffer
	if err := a.Write(&out); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if a.Complete.N == 0 || a.Complete.Found < 0.5 {
		t.Errorf("autocomplete: %+v", a.Complete)
	}
	// The seed article has words of 6+ letters after a first word: the
	// typo-while-typing measure must find queries, and prefix typos
	// must be forgiven on most of them.
	if a.Complete.TypoN == 0 || a.Complete.TypoFound < 0.5 {
		t.Errorf("autocomplete with a typo in the word being typed: %+v", a.Complete)
	}
	for _, want := range []string{"typo-substitution", "mixed", "absent-narration", "false-positive rate", "autocomplete", "typo in the word being typed"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunNoQuotes(t *testing.T) {
	_, err := Run(corpus.New(nil), Config{})
	if !errors.Is(err, ErrNoQuotes) {
		t.Errorf("Run on an empty corpus: %v, want ErrNoQuotes", err)
	}
}

func TestContainsSeq(t *testing.T) {
	tests := []struct {
		hay, needle string
		want        bool
	}{
		{"a b c d", "b c", true},
		{"a b c d", "c b", false},
		{"a b", "a b c", false},
		{"a b", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.hay+"/"+tt.needle, func(t *testing.T) {
			if got := containsSeq(strings.Fields(tt.hay), strings.Fields(tt.needle)); got != tt.want {
				t.Errorf("containsSeq = %v, want %v", got, tt.want)
			}
		})
	}
}
