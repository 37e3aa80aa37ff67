package quotes

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"unicode/utf8"

	"newsbot/data/people"
	"newsbot/data/text"
)

// checkQuotes runs the whole analysis on body and checks what must always
// hold: no panic, offsets inside the body that give back each quotation.
func checkQuotes(t *testing.T, body string) {
	t.Helper()
	sents := text.Sentences(body)
	ppl := people.Find("", body, sents)
	for _, q := range Extract(body, sents, ppl) {
		if q.Start < 0 || q.End > len(body) || q.Start > q.End || body[q.Start:q.End] != q.Text {
			t.Fatalf("offsets [%d,%d) do not give %q", q.Start, q.End, q.Text)
		}
		if q.Text == "" {
			t.Fatalf("empty quotation in %q", body)
		}
	}
}

// TestRealText runs the analysis over the evaluation articles (real news
// text of every style) to catch panics and bad offsets; skipped when
// ../shared is absent or in -short mode.
func TestRealText(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	for _, name := range []string{"eval/ggt-dev.jsonl", "eval/cnndm-dev.jsonl"} {
		p := sharedFile(t, name)
		f, err := os.Open(p)
		if err != nil {
			t.Fatalf("open %s: %v", p, err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var a struct {
				Text string `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			checkQuotes(t, a.Text)
		}
		f.Close()
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“The water is safe,” said Helen Marsh. ‘It’s fine,’ she added.",
		"Minister of Harbour Affairs Carolyn Marsh, 52, said: “We will.\n\n“Yes.”",
		"CEO of Harbour Action", "Mr. .", "“", "‘’", "'s 's", "(“Q”)", "He said, “", "said Smith,",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		checkQuotes(t, body)
	})
}
