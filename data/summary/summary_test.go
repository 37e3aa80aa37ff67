package summary

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"newsbot/data/text"
)

var update = flag.Bool("update", false, "rewrite golden files")

// lines makes one sentence per line, so that tests do not depend on the
// sentence segmenter.
func lines(s string) []text.Sentence {
	var out []text.Sentence
	off := 0
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, text.Sentence{Text: t, Start: off, End: off + len(l), Paragraph: len(out)})
		}
		off += len(l) + 1
	}
	return out
}

func TestSummarizeContract(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "council.txt"))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	sents := lines(string(raw))
	tests := []struct {
		name    string
		sents   []text.Sentence
		n, want int
	}{
		{"default length", sents, 3, 3},
		{"one", sents, 1, 1},
		{"zero", sents, 0, 0},
		{"negative", sents, -4, 0},
		{"clamped to max", sents, 50, MaxSentences},
		{"fewer usable sentences than asked", sents[:3], 3, 2}, // "Scroll down for video" is never used
		{"empty article", nil, 3, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Summarize("Riverside bridge to close", tc.sents, tc.n)
			if got == nil {
				t.Fatal("nil result; want a (possibly empty) slice")
			}
			if len(got) != tc.want {
				t.Fatalf("got %d sentences %v, want %d", len(got), got, tc.want)
			}
			if !slices.IsSorted(got) {
				t.Errorf("indices %v not ascending", got)
			}
			seen := map[int]bool{}
			for _, i := range got {
				if i < 0 || i >= len(tc.sents) {
					t.Fatalf("index %d out of range", i)
				}
				if seen[i] {
					t.Errorf("index %d twice", i)
				}
				seen[i] = true
			}
		})
	}
}

func TestSummarizeAvoids(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "council.txt"))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	sents := lines(string(raw))
	find := func(prefix string) int {
		for i, s := range sents {
			if strings.HasPrefix(s.Text, prefix) {
				return i
			}
		}
		t.Fatalf("no sentence starts with %q", prefix)
		return -1
	}
	avoid := []struct{ name, prefix string }{
		{"boilerplate", "Scroll down"},
		{"question", "Why does it matter"},
		{"dangling pronoun", "He said the decision"},
		{"repeat of the lede", "The city council voted on Tuesday to close the Riverside bridge for repairs."},
	}
	for _, n := range []int{3, 6} {
		got := Summarize("", sents, n)
		for _, a := range avoid {
			t.Run(a.name+"/n="+strconv.Itoa(n), func(t *testing.T) {
				if slices.Contains(got, find(a.prefix)) {
					t.Errorf("summary %v contains %q", got, a.prefix)
				}
			})
		}
		t.Run("opening kept/n="+strconv.Itoa(n), func(t *testing.T) {
			if !slices.Contains(got, 0) {
				t.Errorf("summary %v lacks the opening sentence", got)
			}
		})
	}
}

// TestSummarizeGolden pins the summaries of the test article at every
// length; run with -update after an intended change and review the diff.
func TestSummarizeGolden(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "council.txt"))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	sents := lines(string(raw))
	var b strings.Builder
	for n := 1; n <= 6; n++ {
		b.WriteString("n=" + strconv.Itoa(n) + "\n")
		for _, i := range Summarize("Riverside bridge to close for repairs", sents, n) {
			b.WriteString("  " + sents[i].Text + "\n")
		}
	}
	golden := filepath.Join("testdata", "council.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatalf("write golden: %v", err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if b.String() != string(want) {
		t.Errorf("summaries changed:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestFurniture(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Scroll down for video", true},
		{"PUBLISHED: 10:23 EST, 18 March 2013 | . UPDATED: 10:26 EST, 18 March 2013 .", true},
		{"Last updated at 9:47 AM on 1st April 2015", true},
		{"To read the full report click here.", true},
		{"The council published its report on Monday.", false},
		{"Officials updated the figures after the storm.", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := furniture(tc.in); got != tc.want {
				t.Errorf("furniture(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

// TestSummarizeHuge checks that a very long article is handled and that only
// early sentences (the capped candidate set) are chosen.
func TestSummarizeHuge(t *testing.T) {
	sents := text.Sentences(synthArticle(1<<20, 3))
	if len(sents) < 1000 {
		t.Fatalf("synthetic article has only %d sentences", len(sents))
	}
	for _, n := range []int{1, 3, 10} {
		got := Summarize("", sents, n)
		if len(got) != n {
			t.Fatalf("n=%d: got %d sentences", n, len(got))
		}
		if got[len(got)-1] >= defaults.maxCand {
			t.Errorf("n=%d: index %d beyond the candidate cap %d", n, got[len(got)-1], defaults.maxCand)
		}
	}
	if got := SummarizeOptions("", sents, 3, Options{MaxCandidates: 5}); got[len(got)-1] >= 5 {
		t.Errorf("MaxCandidates 5: got %v", got)
	}
}

func TestDangling(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"He said the decision was hard.", true},
		{"But the council disagreed.", true},
		{"'They will pay,' she said.", true},
		{"Helen Smith said the decision was hard.", false},
		{"The council disagreed.", false},
		{"", false},
		{"however lower-case opening", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := dangling(tc.in); got != tc.want {
				t.Errorf("dangling(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestAbridgement(t *testing.T) {
	tests := []struct {
		name     string
		n, total int
		want     float64
	}{
		{"lede of a long article", 3, 60, 0.015625},
		{"a fifth of the article", 4, 20, 0.25},
		{"a third of the article", 4, 12, 0.6944444444444444},
		{"two fifths", 4, 10, 1},
		{"more than the article", 10, 5, 1},
		{"empty article", 3, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := abridgement(tc.n, tc.total, 0.4); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("abridgement(%d, %d) = %v, want %v", tc.n, tc.total, got, tc.want)
			}
		})
	}
	t.Run("monotone in n", func(t *testing.T) {
		prev := -1.0
		for n := 1; n <= MaxSentences; n++ {
			m := abridgement(n, 25, 0.4)
			if m < prev || m < 0 || m > 1 {
				t.Fatalf("n=%d: %v after %v", n, m, prev)
			}
			prev = m
		}
	})
}

// TestShareOfArticle checks the point of the blend: the same request for
// four sentences gives the opening of a long article (a lede) but reaches
// the sentence that gathers the article's recurring topic when four
// sentences are two fifths of the article.
func TestShareOfArticle(t *testing.T) {
	short := []string{
		"The city council voted on Tuesday to close the Riverside bridge for eight months of repairs.",
		"Engineers found corrosion in the steel supports of the old crossing during a routine inspection.",
		"Commuters were told to expect long delays on the ring road from the start of June onwards.",
		"A spokesman for the transport department declined to give a firm date for the reopening.",
		"Local shops near the water said their trade had already fallen since the works were announced.",
		"The college asked students who cycle to leave earlier and to use the northern path instead.",
		"Residents of the east bank held a meeting at the library to discuss their travel options.",
		"Council engineers said the bridge repairs would make the bridge safe, and the council bridge fund pays for the repairs.",
		"A temporary ferry service will run every twenty minutes during the morning and evening peaks.",
		"The mayor thanked everyone in the area for their patience with the long programme of works.",
	}
	long := append([]string{}, short...)
	// Thirty more sentences, each with its own made-up words, so that they
	// lengthen the article without changing which words recur.
	for i := range 30 {
		w := make([]string, 10)
		for j := range w {
			w[j] = string([]byte{'q', byte('a' + i%26), byte('a' + i/26), byte('a' + j), 'o'})
		}
		long = append(long, "The "+strings.Join(w, " ")+".")
	}
	const topical = 7
	tests := []struct {
		name     string
		article  []string
		wantLede bool
	}{
		{"long article: lede", long, true},
		{"two fifths of the article: abridgement", short, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Summarize("", lines(strings.Join(tc.article, "\n")), 4)
			if len(got) != 4 || got[0] != 0 {
				t.Fatalf("got %v, want 4 sentences starting with the opening", got)
			}
			if tc.wantLede && !slices.Equal(got, []int{0, 1, 2, 3}) {
				t.Errorf("got %v, want the lede [0 1 2 3]", got)
			}
			if !tc.wantLede && !slices.Contains(got, topical) {
				t.Errorf("got %v, want it to include the topical sentence %d", got, topical)
			}
		})
	}
}

func TestDangleDiscount(t *testing.T) {
	tests := []struct {
		name string
		m    float64
		want float64
	}{
		{"lede: full discount", 0, dangleFactor},
		{"half way", 0.5, (1 + dangleFactor) / 2},
		{"abridgement: no discount", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dangleDiscount(tc.m); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("dangleDiscount(%v) = %v, want %v", tc.m, got, tc.want)
			}
		})
	}
}

// TestPickDangling checks what the discount does to the choice: a sentence
// that opens with "He" while its predecessor is left out loses to a
// slightly weaker self-contained one in a lede, and wins in an abridgement.
func TestPickDangling(t *testing.T) {
	// Sentence 0 is the opening; 2 dangles (1 is unusable); 3 stands alone
	// and scores a little lower than 2.
	info := []sentInfo{
		{quality: 1},
		{quality: 0},
		{quality: 1, dangle: true},
		{quality: 1},
	}
	score := []float64{1, 0, 0.9, 0.8}
	sim := make([][]float64, len(info))
	for i := range sim {
		sim[i] = make([]float64, len(info))
	}
	tests := []struct {
		name string
		m    float64
		want []int
	}{
		{"lede avoids the dangling sentence", 0, []int{0, 3}},
		{"abridgement keeps it", 1, []int{0, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := pick(score, score, 1, dangleDiscount(tc.m), info, sim, 2, defaults)
			if !slices.Equal(got, tc.want) {
				t.Errorf("pick = %v, want %v", got, tc.want)
			}
		})
	}
}
