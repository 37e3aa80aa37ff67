package corpus

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"newsbot/data/article"
	"newsbot/data/internal/evaldata"
	"newsbot/data/text"
)

// devArticles reads the development articles of ../shared/eval (GGT without
// titles, CNN/DM with), or skips the test when they are absent.
func devArticles(t *testing.T) []article.Article {
	t.Helper()
	var arts []article.Article
	for _, name := range []string{"cnndm-dev.jsonl", "ggt-dev.jsonl"} {
		f, err := os.Open(filepath.Join(evaldata.Require(t, ""), name))
		if err != nil {
			t.Skipf("evaluation data absent: %v", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var rec struct{ ID, Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			title := rec.Title
			if title == "" {
				// As a loader does with a file that has no title line:
				// a poor title, reachable only by content.
				title = "Article " + rec.ID[len(rec.ID)-8:]
			}
			arts = append(arts, article.Article{ID: rec.ID, Title: title, Body: rec.Text})
		}
		f.Close()
	}
	return arts
}

// TestLookupArticleByTopicDev measures LookupArticle on topic queries made
// from the development articles: two words of an article's lede that are
// not in its title, picked by how many articles use them. It reports how
// often the article is the clear answer, how often it is among the offered
// candidates, and how often another article is wrongly the clear answer
// (the one failure that matters: the user gets the wrong summary without
// being asked).
func TestLookupArticleByTopicDev(t *testing.T) {
	arts := devArticles(t)
	c := Build(arts)
	df := map[string]int{}
	for _, d := range c.Docs {
		seen := map[string]bool{}
		for _, w := range text.Words(d.Title + " " + d.Body) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	for _, tt := range []struct {
		name   string
		lo, hi int // document frequency band of the query words
		// least share answered right and clearly; most share answered
		// wrong and clearly
		minClear, maxWrong float64
	}{
		{"rare words", 1, 1, 0.95, 0.02},
		{"words in a few articles", 2, 6, 0.9, 0.03},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n, clear, offered, wrong, titleOnly := 0, 0, 0, 0, 0
			for _, d := range c.Docs {
				q := topicQuery(d, df, tt.lo, tt.hi)
				if q == "" {
					continue
				}
				n++
				l := c.LookupArticle(q, 5)
				// The title-only lookup this replaces, for the record.
				if hs := c.FindArticle(q, 1); len(hs) > 0 && hs[0].Doc == d && hs[0].Score >= Confident {
					titleOnly++
				}
				switch {
				case l.Clear && l.Hits[0].Doc == d:
					clear++
				case l.Clear:
					wrong++
					t.Logf("wrong clear answer for a %d-word topic query", len(text.Words(q)))
				default:
					for _, h := range l.Hits {
						if h.Doc == d {
							offered++
						}
					}
				}
			}
			if n == 0 {
				t.Fatal("no topic query could be made")
			}
			fc, fo, fw := float64(clear)/float64(n), float64(offered)/float64(n), float64(wrong)/float64(n)
			t.Logf("%d queries: clear and right %.3f, offered %.3f, clear and wrong %.3f (title only: right %.3f)",
				n, fc, fo, fw, float64(titleOnly)/float64(n))
			if fc < tt.minClear || fw > tt.maxWrong {
				t.Errorf("clear and right %.3f (want ≥ %.2f), clear and wrong %.3f (want ≤ %.2f)", fc, tt.minClear, fw, tt.maxWrong)
			}
		})
	}
}

// topicQuery is two content words of d's lede, not in its title, whose
// document frequency is in [lo, hi] (rarest first), or "".
func topicQuery(d *Doc, df map[string]int, lo, hi int) string {
	inTitle := map[string]bool{}
	for _, w := range text.Words(d.Title) {
		inTitle[w] = true
	}
	var lede string
	for i, s := range d.Sentences {
		if i == ledeSentences {
			break
		}
		lede += " " + s.Text
	}
	var cands []string
	seen := map[string]bool{}
	for _, w := range text.Words(lede) {
		if len(w) < 4 || seen[w] || inTitle[w] || text.IsFunctionWord(w) || df[w] < lo || df[w] > hi {
			continue
		}
		seen[w] = true
		cands = append(cands, w)
	}
	if len(cands) < 2 {
		return ""
	}
	sort.SliceStable(cands, func(i, j int) bool { return df[cands[i]] < df[cands[j]] })
	return cands[0] + " " + cands[1]
}
