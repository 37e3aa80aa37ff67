package analyze

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/data/article/articletest"
)

func runAnalyzeLines(t *testing.T, args ...string) ([]analyzedArticle, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if err := Run(args, &out, &errb); err != nil {
		t.Fatalf("analyze %v: %v\nstderr: %s", args, err, errb.String())
	}
	var arts []analyzedArticle
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a analyzedArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %q is not an article object: %v", sc.Text(), err)
		}
		arts = append(arts, a)
	}
	return arts, errb.String()
}

func TestAnalyzeDefaultArticle(t *testing.T) {
	arts, _ := runAnalyzeLines(t)
	if len(arts) == 0 {
		t.Fatal("no article printed for the embedded defaults")
	}
	var seed *analyzedArticle
	for i := range arts {
		if strings.HasPrefix(arts[i].Title, "Keir Starmer Pushes for US Role") {
			seed = &arts[i]
		}
	}
	if seed == nil {
		t.Fatal("the seed article is not among the defaults")
	}
	_, bodyText, err := articletest.Seed()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range articletest.SeedQuotes {
		t.Run(want.Text, func(t *testing.T) {
			for _, q := range seed.Quotes {
				if q.Text == want.Text {
					if q.Speaker != want.Speaker {
						t.Errorf("speaker %q, want %q", q.Speaker, want.Speaker)
					}
					if !q.Direct {
						t.Error("a quotation in marks is not marked direct")
					}
					return
				}
			}
			t.Errorf("quotation not found; got %d quotes", len(seed.Quotes))
		})
	}
	for _, q := range seed.Quotes {
		// every attribution says how sure it is and why
		if q.Speaker != "" && (q.Confidence <= 0 || q.Certainty == "" || len(q.Why) == 0) {
			t.Errorf("quote %q: confidence %v, certainty %q, why %v", q.Text, q.Confidence, q.Certainty, q.Why)
		}
		if q.Speaker == articletest.SeedSilent {
			t.Errorf("quote %q attributed to Putin, who says nothing", q.Text)
		}
		if q.Direct && !strings.Contains(bodyText, q.Text) {
			t.Errorf("quote %q is not verbatim body text", q.Text)
		}
	}
	if len(seed.Summary) != 3 {
		t.Errorf("summary has %d sentences, want 3", len(seed.Summary))
	}
}

func TestAnalyzeMixedFolder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.txt":    "A Good Title\n\nThe mayor said the bridge would reopen in June. \"We are ready,\" she said.\n",
		"good.json":   `{"title":"Json Title","text":"The council met on Monday. It approved the budget."}`,
		"empty.txt":   "",
		"bad.json":    `{"title": "broken"`,
		"notes.docx":  "binary-ish",
		"notitle.txt": "\n\n",
		"sub/deep.md": "---\ntitle: Deep Markdown\n---\n\nThe *river* rose by two metres overnight.\n",
		"binary.txt":  "Title\n\x00\x01\x02",
		"latin1.txt":  "Caf\xe9 title\nbody text here.\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	arts, stderr := runAnalyzeLines(t, "--no-defaults", dir)
	titles := map[string]bool{}
	for _, a := range arts {
		titles[a.Title] = true
	}
	for _, want := range []string{"A Good Title", "Json Title", "Deep Markdown"} {
		if !titles[want] {
			t.Errorf("good article %q not loaded; got %v", want, titles)
		}
	}
	if len(arts) != 3 {
		t.Errorf("loaded %d articles, want 3", len(arts))
	}
	for _, bad := range []string{"empty.txt", "bad.json", "notes.docx", "notitle.txt", "binary.txt", "latin1.txt"} {
		if n := strings.Count(stderr, bad); n != 1 {
			t.Errorf("warning for %s appears %d times, want once; stderr:\n%s", bad, n, stderr)
		}
	}
}

func TestAnalyzeNothingLoaded(t *testing.T) {
	var out, errb bytes.Buffer
	err := Run([]string{"--no-defaults", filepath.Join(t.TempDir(), "missing")}, &out, &errb)
	if err == nil {
		t.Fatal("analyze with nothing to load succeeded")
	}
	if !strings.Contains(errb.String(), "missing") {
		t.Errorf("no warning names the missing path; stderr: %s", errb.String())
	}
}

func TestAnalyzeRejectsBadSentences(t *testing.T) {
	var out, errb bytes.Buffer
	if err := Run([]string{"--sentences", "0"}, &out, &errb); err == nil {
		t.Fatal("--sentences 0 accepted")
	}
}
