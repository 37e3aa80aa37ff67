package synth

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestQuotesDeterministic(t *testing.T) {
	real := []string{"We need security guarantees.", "The specifics are under discussion."}
	a := Quotes(2000, 7, real)
	b := Quotes(2000, 7, real)
	c := Quotes(2000, 8, real)
	if !slices.Equal(a, b) {
		t.Fatal("same seed, different corpora")
	}
	if slices.Equal(a, c) {
		t.Fatal("different seeds, same corpus")
	}
	for _, q := range real {
		if !slices.Contains(a, q) {
			t.Errorf("real quotation %q not mixed in", q)
		}
	}
}

func TestQuotesLookLikeNews(t *testing.T) {
	qs := Quotes(5000, 1, nil)
	if len(qs) != 5000 {
		t.Fatalf("got %d quotes, want 5000", len(qs))
	}
	freq := map[string]int{}
	tokens := 0
	for _, q := range qs {
		ws := strings.Fields(strings.ToLower(strings.NewReplacer(",", "", ".", "").Replace(q)))
		if len(ws) < 8 || len(ws) > 32 {
			t.Fatalf("quote of %d words: %q", len(ws), q)
		}
		for _, w := range ws {
			freq[w]++
			tokens++
		}
	}
	// Zipf: the most frequent word is a few per cent of all words, and
	// most distinct words are rare.
	top := 0
	once := 0
	for _, n := range freq {
		top = max(top, n)
		if n == 1 {
			once++
		}
	}
	tests := []struct {
		name     string
		got      float64
		min, max float64
	}{
		{"top word share", float64(top) / float64(tokens), 0.03, 0.15},
		{"distinct words per token", float64(len(freq)) / float64(tokens), 0.02, 0.3},
		{"hapax share of distinct words", float64(once) / float64(len(freq)), 0.2, 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got < tt.min || tt.got > tt.max {
				t.Errorf("%s = %.3f, want in [%.2f, %.2f]", tt.name, tt.got, tt.min, tt.max)
			}
		})
	}
}

var update = flag.Bool("update", false, "rewrite the golden files")

// TestQuotesGolden pins the generator: benchmark figures from different
// commits are comparable only if the corpus is the same.
func TestQuotesGolden(t *testing.T) {
	got := strings.Join(Quotes(2000, 42, []string{"A real quotation."})[:25], "\n") + "\n"
	path := filepath.Join("testdata", "quotes-seed42.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("generator output changed; if on purpose, run go test ./data/search/synth -update\ngot:\n%s", got)
	}
}

// A large corpus is generated in chunks, in parallel: still the same for
// the same seed, real quotations in place, every quotation made.
func TestQuotesInChunks(t *testing.T) {
	defer func(p, c int) { parallelFrom, chunkSize = p, c }(parallelFrom, chunkSize)
	parallelFrom, chunkSize = 1000, 300
	real := []string{"We need security guarantees.", "The specifics are under discussion."}
	a := Quotes(2000, 7, real)
	b := Quotes(2000, 7, real)
	if !slices.Equal(a, b) {
		t.Fatal("same seed, different corpora")
	}
	for i, q := range a {
		if q == "" {
			t.Fatalf("quotation %d not made", i)
		}
	}
	for _, q := range real {
		if !slices.Contains(a, q) {
			t.Errorf("real quotation %q not mixed in", q)
		}
	}
	if slices.Equal(a[:300], a[300:600]) {
		t.Error("two chunks drew the same stream")
	}
}
