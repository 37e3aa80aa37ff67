package summary

import (
	"math/rand/v2"
	"strings"
	"testing"

	"newsbot/data/text"
)

// synthArticle writes a deterministic news-like article of about size bytes:
// paragraphs of one to three sentences of 8–35 words, drawn from a small
// vocabulary with a few recurring names and topic words, so that term
// statistics look like an article's (a few frequent content words, a long
// tail) without copying any real text.
func synthArticle(size int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 7))
	names := []string{"Maria Lopez", "the mayor", "John Carter", "police", "the council", "Dr Amy Chen"}
	topic := []string{"bridge", "repairs", "budget", "flood", "river", "school", "vote", "contract", "hospital", "storm"}
	verbs := []string{"said", "warned", "announced", "confirmed", "denied", "approved", "rejected", "criticised"}
	filler := []string{"the", "a", "of", "in", "on", "for", "with", "after", "before", "new", "city", "local",
		"week", "plan", "residents", "officials", "million", "report", "year", "public", "cost", "team", "area",
		"government", "state", "work", "project", "early", "late", "months", "people", "morning", "group"}
	var b strings.Builder
	for b.Len() < size {
		for s := 0; s < 1+r.IntN(3); s++ {
			n := 8 + r.IntN(28)
			words := make([]string, 0, n+2)
			words = append(words, names[r.IntN(len(names))], verbs[r.IntN(len(verbs))])
			for i := 0; i < n; i++ {
				if r.IntN(5) == 0 {
					words = append(words, topic[r.IntN(len(topic))])
				} else {
					words = append(words, filler[r.IntN(len(filler))])
				}
			}
			sent := strings.Join(words, " ")
			b.WriteString(strings.ToUpper(sent[:1]) + sent[1:] + ". ")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// A median CNN/DailyMail article is about 3,300 characters (≈ 30 sentences).
func BenchmarkSummarize(b *testing.B) {
	for _, bc := range []struct {
		name string
		size int
	}{
		{"median-3KiB", 3300},
		{"5MiB", 5 << 20},
	} {
		sents := text.Sentences(synthArticle(bc.size, 1))
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if got := Summarize("Council approves bridge repairs", sents, DefaultSentences); len(got) != DefaultSentences {
					b.Fatalf("got %d sentences", len(got))
				}
			}
		})
	}
}

// BenchmarkSegmentAndSummarize includes sentence splitting, the whole cost
// of a /summary on an article not yet analysed.
func BenchmarkSegmentAndSummarize(b *testing.B) {
	body := synthArticle(5<<20, 2)
	b.ReportAllocs()
	for b.Loop() {
		sents := text.Sentences(body)
		if got := Summarize("", sents, DefaultSentences); len(got) != DefaultSentences {
			b.Fatalf("got %d sentences", len(got))
		}
	}
}
