package corpus

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"newsbot/data/article"
	"newsbot/data/internal/evaldata"
)

// runOn is a generated article of about n bytes without a single sentence
// stop or paragraph break: names, speech verbs, commas and quotation marks
// in one run, the worst case for rules that scan a whole sentence.
func runOn(n int) string {
	words := strings.Fields(`the council said Ann Ortiz and “we will win,” he told reporters that Tom
		Reyes of the board says it was fine, according to Mayor Lena Park who spoke`)
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(words[(i*7+i/13)%len(words)])
		b.WriteByte(' ')
	}
	return b.String()
}

// BenchmarkAnalyzeRunOn analyses run-on articles of growing size; MB/s
// stays flat when the work is linear (issue: 3 s per MB at most).
func BenchmarkAnalyzeRunOn(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"64KiB", 64 << 10}, {"1MiB", 1 << 20}} {
		body := runOn(size.n)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Analyze(article.Article{Title: "Run on", Body: body})
			}
		})
	}
}

// BenchmarkAnalyzeCNNDM analyses the CNN/DailyMail development articles
// (../shared/eval/cnndm-dev.jsonl; skipped when absent): the cost of
// loading ordinary news.
func BenchmarkAnalyzeCNNDM(b *testing.B) {
	p := evaldata.Require(b, "cnndm-dev.jsonl")
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var arts []article.Article
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, article.Article{Title: a.Title, Body: a.Text})
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, a := range arts {
			Analyze(a)
		}
	}
}
