package corpus

import (
	"strings"
	"testing"

	"newsbot/data/article"
)

// filler is invented prose with no quotation and no name, a paragraph of
// about 200 bytes.
const filler = "The tide came in slowly over the flats while the gulls argued over scraps. Nobody on the pier seemed to notice the weather turning, and the lamps along the wall stayed dark until late.\n\n"

// TestAnalyzeLimit checks that the analysis of a long body stops at a
// sentence end within AnalyzeLimit, finds what is before it, and leaves
// every sentence searchable.
func TestAnalyzeLimit(t *testing.T) {
	early := "“We will rebuild the wall before winter,” said Mara Quill, the harbour engineer.\n\n"
	late := "“The lamps will be lit again by spring,” said Tom Brell, who keeps the lighthouse.\n\n"
	long := early + strings.Repeat(filler, AnalyzeLimit/len(filler)+10) + late
	tests := []struct {
		name       string
		body       string
		whole      bool     // the whole body analysed
		quotes     []string // speakers found, in order
		searchable string   // words /search must still find
	}{
		{"short body whole", early + filler + late, true, []string{"Mara Quill", "Tom Brell"}, "lamps lit again spring"},
		{"long body cut", long, false, []string{"Mara Quill"}, "lamps lit again spring"},
		{"one endless sentence", strings.Repeat("word ", AnalyzeLimit/4), false, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Analyze(article.Article{ID: "a", Title: "Harbour wall", Body: tt.body})
			if got := d.Analyzed == len(d.Body); got != tt.whole {
				t.Fatalf("whole body analysed = %v (%d of %d bytes), want %v", got, d.Analyzed, len(d.Body), tt.whole)
			}
			if d.Analyzed > AnalyzeLimit && !tt.whole {
				t.Errorf("analysed %d bytes, over the limit %d", d.Analyzed, AnalyzeLimit)
			}
			if !tt.whole && d.Analyzed > 0 {
				if s := d.SentenceAt(d.Analyzed - 1); s.End != d.Analyzed {
					t.Errorf("cut at %d, inside the sentence %d..%d", d.Analyzed, s.Start, s.End)
				}
			}
			var speakers []string
			for _, q := range d.Quotes {
				speakers = append(speakers, q.Speaker)
				if q.End > d.Analyzed {
					t.Errorf("quotation %q ends at %d, past the analysed %d bytes", q.Text, q.End, d.Analyzed)
				}
			}
			if strings.Join(speakers, "|") != strings.Join(tt.quotes, "|") {
				t.Errorf("speakers %q, want %q", speakers, tt.quotes)
			}
			if tt.searchable != "" {
				hits := New([]*Doc{d}).SearchText(tt.searchable, 1)
				if len(hits) == 0 || !strings.Contains(hits[0].Sentence.Text, "lamps will be lit") {
					t.Errorf("/search %q: %v, want the sentence past the cut", tt.searchable, hits)
				}
			}
		})
	}
}
