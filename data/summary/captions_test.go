package summary

import (
	"strings"
	"testing"

	"newsbot/data/text"
)

func TestCaptions(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		caption []bool // per sentence of text.Sentences(body)
	}{
		{"gallery caption paragraph with credit",
			"Open this photo in gallery A ferry leaves Portby harbour at dawn on Monday. Jo Marsh/The Portby Times\n\nThe ferry will leave an hour earlier from May.",
			[]bool{true, true, false}},
		{"parenthesised photo credit",
			"The new bridge opened on Friday.\n\nCrowds gathered on the river bank to watch. (Photo: City of Portby)\n\nTraffic was light.",
			[]bool{false, true, true, false}},
		{"parenthesised agency credit",
			"Rescuers reached the village by boat. (Ana Ruiz/AFP/Getty Images)\n\nThe river fell overnight.",
			[]bool{true, true, false}},
		{"credit line alone",
			"Sam Okafor/The Canadian Press\n\nThe budget passed by two votes.",
			[]bool{true, false}},
		{"ordinary parenthesis is not a credit",
			"The levy (about $40 a year) starts in May.\n\nCouncillors voted 7 to 2.",
			[]bool{false, false}},
		{"a slash in running text is not a credit line",
			"Sales rose in the 2023/2024 season, the club said.",
			[]bool{false}},
		{"marker must be a word",
			"Photography classes resume on Monday at the library.",
			[]bool{false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := text.Sentences(tt.body)
			got := Captions(sents)
			if len(got) != len(tt.caption) {
				var ss []string
				for _, s := range sents {
					ss = append(ss, s.Text)
				}
				t.Fatalf("%d sentences %q, want %d", len(got), ss, len(tt.caption))
			}
			for i := range got {
				if got[i] != tt.caption[i] {
					t.Errorf("sentence %q: caption %v, want %v", sents[i].Text, got[i], tt.caption[i])
				}
			}
		})
	}
}

// TestSummaryLeavesOutCaptions: a caption at the top of an article looks
// like the best lede sentence; it must never be chosen, however long the
// summary.
func TestSummaryLeavesOutCaptions(t *testing.T) {
	body := strings.Join([]string{
		"Open this photo in gallery Portby councillors vote on the harbour wall repairs on Tuesday. Jo Marsh/The Portby Times",
		"Portby council voted on Tuesday to rebuild the harbour wall before the winter storms.",
		"Engineers found cracks in the wall during an inspection in March.",
		"Fishermen watch the repairs begin at the harbour. (Photo: Portby Council)",
		"The repairs will cost about $3 million, paid from the harbour fund.",
		"Work starts in June.",
	}, "\n\n")
	sents := text.Sentences(body)
	for _, n := range []int{1, 3, MaxSentences} {
		for _, i := range Summarize("Harbour wall to be rebuilt", sents, n) {
			s := sents[i].Text
			if strings.Contains(s, "gallery") || strings.Contains(s, "Photo:") || strings.Contains(s, "Jo Marsh/") || strings.Contains(s, "Portby councillors vote") {
				t.Errorf("n=%d: summary includes the caption or credit %q", n, s)
			}
		}
	}
}

// TestWordListsLint keeps the data files clean: lower case, no duplicates,
// no stray spaces.
func TestWordListsLint(t *testing.T) {
	for name, file := range map[string]string{"captions.txt": captionsFile, "credits.txt": creditsFile} {
		t.Run(name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, line := range strings.Split(file, "\n") {
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				if line != strings.TrimSpace(line) || line != strings.ToLower(line) {
					t.Errorf("%q: entries are lower case without surrounding space", line)
				}
				if seen[line] {
					t.Errorf("%q twice", line)
				}
				seen[line] = true
			}
			if len(seen) == 0 {
				t.Error("empty list")
			}
		})
	}
}

// captionSigns are strings only a caption or credit contains in the
// development articles' page text (the Globe-style gallery prompt, a
// parenthesised photo credit, an agency credit).
var captionSigns = []string{"Open this photo in gallery", "(Photo:", "Getty Images)", "/The Canadian Press", "/THE CANADIAN PRESS", "/The Associated Press"}

// TestSummaryNoCaptionsDev checks every summary of the GGT development
// articles (news pages with photo galleries) at every length: none may
// hold a caption or a credit.
func TestSummaryNoCaptionsDev(t *testing.T) {
	items := loadDev(t, "ggt-dev.jsonl")
	bad, total := 0, 0
	for _, it := range items {
		for _, n := range []int{3, MaxSentences} {
			total++
			for _, i := range Summarize(it.Title, it.sents, n) {
				s := it.sents[i].Text
				found := false
				for _, sign := range captionSigns {
					found = found || strings.Contains(s, sign)
				}
				if found {
					bad++
					break
				}
			}
		}
	}
	t.Logf("%d of %d summaries hold a caption or credit", bad, total)
	if bad > 0 {
		t.Errorf("%d of %d summaries hold a caption or credit, want none", bad, total)
	}
}
