package quotes

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/data/people"
	"newsbot/data/text"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenQuote is what a golden file records of each quotation.
type goldenQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Verb    string `json:"verb"`
	Direct  bool   `json:"direct"`
}

type goldenDoc struct {
	People []string      `json:"people"`
	Quotes []goldenQuote `json:"quotes"`
}

// TestGolden analyses the invented articles in testdata (first line the
// title) and compares people and quotations with their .golden.json files.
// Run with -update after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			title, body, _ := strings.Cut(string(b), "\n")
			sents := text.Sentences(body)
			ppl := people.Find(title, body, sents)
			var got goldenDoc
			for _, p := range ppl {
				got.People = append(got.People, p.Name)
			}
			for _, q := range Extract(body, sents, ppl) {
				got.Quotes = append(got.Quotes, goldenQuote{q.Text, q.Speaker, q.Verb, q.Direct})
			}
			gotJSON, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(gotJSON, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			if strings.TrimSpace(string(want)) != strings.TrimSpace(string(gotJSON)) {
				t.Errorf("analysis differs from %s:\n%s", golden, gotJSON)
			}
		})
	}
}
