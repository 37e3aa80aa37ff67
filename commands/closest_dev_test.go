package commands

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/text"
)

// paraphrase imitates a half-remembered quotation: a run of the quotation's
// words with about a third of its content words swapped for other words
// (as a synonym would be) and a function word dropped now and then.
func paraphrase(q string, vocab []string, r *rand.Rand) string {
	words := strings.Fields(q)
	if len(words) > 12 {
		i := r.IntN(len(words) - 11)
		words = words[i : i+12]
	}
	var out []string
	for _, w := range words {
		f := text.Words(w)
		switch {
		case len(f) == 0:
			continue
		case text.IsFunctionWord(f[0]):
			if r.Float64() < 0.15 {
				continue
			}
			out = append(out, w)
		case r.Float64() < 0.35:
			out = append(out, vocab[r.IntN(len(vocab))])
		default:
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// TestClosestQuoteTrain measures the closest-quotation rule on the training
// articles of ../shared/eval (polnear-train, which may be used for
// training and tuning): paraphrases of quotations in the corpus that the
// search does not match confidently, where the closest quotation should be
// the right one or none, and quotations of other articles (in no article of
// the corpus), where none should be shown.
func TestClosestQuoteTrain(t *testing.T) {
	// ../shared/eval beside the module root (this package is one level
	// down); the data is not in the repository.
	path := filepath.Join("..", "..", "shared", "eval", "polnear-train.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("evaluation data absent: %v", err)
	}
	if testing.Short() {
		t.Skip("builds a corpus of 130 articles")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var arts []article.Article
	var absent []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for i := 0; sc.Scan() && i < 250; i++ {
		var rec struct {
			ID, Title, Text string
			Quotes          []struct {
				Quote  string
				Direct bool
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if i < 130 {
			arts = append(arts, article.Article{ID: rec.ID, Title: rec.Title, Body: rec.Text})
			continue
		}
		for _, q := range rec.Quotes {
			if q.Direct && len(strings.Fields(q.Quote)) >= 6 {
				absent = append(absent, strings.Trim(q.Quote, `"“” `))
			}
		}
	}
	c := corpus.Build(arts)
	var vocab []string
	for _, d := range c.Docs[:50] {
		for _, w := range strings.Fields(d.Body) {
			if ws := text.Words(w); len(ws) == 1 && !text.IsFunctionWord(ws[0]) && len(ws[0]) > 3 {
				vocab = append(vocab, ws[0])
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	near, right, wrong := 0, 0, 0
	for _, d := range c.Docs {
		for i := range d.Quotes {
			q := &d.Quotes[i]
			if !q.Direct || len(strings.Fields(q.Text)) < 6 {
				continue
			}
			p := paraphrase(q.Text, vocab, r)
			hits := c.WhoSaid(p, nearPool)
			if len(hits) == 0 || hits[0].Score >= corpus.Confident {
				continue
			}
			near++
			if h, ok := closestQuote(p, hits); ok {
				if h.Quote.Text == q.Text {
					right++
				} else {
					wrong++
				}
			}
		}
	}
	shownAbsent := 0
	checked := 0
	for _, a := range absent {
		hits := c.WhoSaid(a, nearPool)
		if len(hits) == 0 || hits[0].Score >= corpus.Confident {
			continue
		}
		checked++
		if _, ok := closestQuote(a, hits); ok {
			shownAbsent++
		}
	}
	t.Logf("paraphrases not matched confidently: %d; closest shown and right %.3f, shown and wrong %.3f", near, frac(right, near), frac(wrong, near))
	t.Logf("quotations in no article: %d; a closest quotation shown for %.3f", checked, frac(shownAbsent, checked))
	if near == 0 || checked == 0 {
		t.Fatal("no queries")
	}
	if frac(right, near) < 0.4 || frac(wrong, near) > 0.02 || frac(shownAbsent, checked) > 0.04 {
		t.Errorf("want right ≥ 0.40, wrong ≤ 0.02, shown for absent quotations ≤ 0.04")
	}
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
