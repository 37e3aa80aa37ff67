package text

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/data/internal/evaldata"
)

// TestEvalLead3Agreement measures (it does not tune) how many of the
// CNN/DailyMail set's own opening sentences ("lead3") our split also
// produces, verbatim, among an article's first eight sentences. That split has artefacts of its own (it cuts at
// bold captions and before a closing quote), so 100% is not the goal; the
// floor only catches a regression. Run: go test -run Lead3 -v ./data/text
// (LEAD3_SHOW=1 lists the misses).
func TestEvalLead3Agreement(t *testing.T) {
	f, err := os.Open(filepath.Join(evaldata.Require(t, ""), "cnndm-dev.jsonl"))
	if err != nil {
		t.Skipf("cnndm-dev.jsonl: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	total, same := 0, 0
	for sc.Scan() {
		var d struct {
			Text  string   `json:"text"`
			Lead3 []string `json:"lead3"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("cnndm-dev.jsonl: %v", err)
		}
		got := map[string]bool{}
		for i, s := range Sentences(d.Text) {
			if i >= 8 {
				break
			}
			got[s.Text] = true
		}
		for _, want := range d.Lead3 {
			total++
			if got[strings.TrimSpace(want)] {
				same++
			} else if os.Getenv("LEAD3_SHOW") != "" {
				t.Logf("miss %q", want)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if total == 0 {
		t.Skip("no lead3 sentences")
	}
	pct := 100 * float64(same) / float64(total)
	t.Logf("lead3 sentences our split reproduces: %d/%d (%.1f%%)", same, total, pct)
	// On the dev set 361/423 (85.3%) are found. Most misses are the
	// dataset's own cuts in mid-sentence at links or bold text; the rest
	// are captions without a stop that run into a sentence opening with
	// something other than "The" or "An" (see captionCuts).
	if pct < 80 {
		t.Errorf("agreement %.1f%% fell below 80%%", pct)
	}
}
