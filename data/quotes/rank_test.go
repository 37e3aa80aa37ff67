package quotes

import (
	"encoding/json"
	"io/fs"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestDefaultModel checks the committed model: one weight for every
// feature the ranker computes, finite numbers, and a note saying how it was
// trained.
func TestDefaultModel(t *testing.T) {
	m, err := ParseModel(modelJSON)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct{ Features []string }
	if err := json.Unmarshal(modelJSON, &raw); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(raw.Features, FeatureNames) {
		t.Errorf("model features %v\nwant %v (retrain: go run ./bot train attribution)", raw.Features, FeatureNames)
	}
	for i, w := range m.Weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			t.Errorf("weight of %s is %v", FeatureNames[i], w)
		}
	}
	if m.Note == "" || m.Platt[0] <= 0 || len(m.Calibration) == 0 {
		t.Errorf("note %q, platt %v, calibration %v", m.Note, m.Platt, m.Calibration)
	}
	for k, c := range m.Calibration {
		if !slices.Contains(DecisionKinds, k) || c[0] <= 0 {
			t.Errorf("calibration of %q: %v (want a known decision kind, rising with the probability)", k, c)
		}
	}
	if _, err := ParseModel([]byte(`{"features":["no_such_feature"],"weights":[1]}`)); err == nil {
		t.Error("an unknown feature was accepted")
	}
	if _, err := ParseModel([]byte(`{"features":["none"],"weights":[]}`)); err == nil {
		t.Error("a weight count that differs was accepted")
	}
}

// TestWordLists lints the ranker's word files as bleve lints its stop
// words: lower case, one word a line, sorted, no duplicates.
func TestWordLists(t *testing.T) {
	files, err := fs.Glob(wordFiles, "words/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no word files: %v", err)
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			b, _ := wordFiles.ReadFile(f)
			var prev string
			for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
				if strings.HasPrefix(line, "#") {
					continue
				}
				if line == "" || line != strings.ToLower(strings.TrimSpace(line)) || strings.ContainsAny(line, " \t") {
					t.Errorf("line %d %q: want one lower-case word", i+1, line)
				}
				if line <= prev {
					t.Errorf("line %d %q: not after %q (sorted, no duplicates)", i+1, line, prev)
				}
				prev = line
			}
		})
	}
}

// TestRankerExplains checks what every ranked attribution carries: a
// confidence in (0, 1], the reasons, alternatives other than the speaker,
// and the kind of speaker.
func TestRankerExplains(t *testing.T) {
	tests := []struct {
		name, body, quote, speaker, kind string
		alternative                      bool
	}{
		{"a named speaker", "Ann Ortiz opened the hall on Monday. “We waited ten years for this,” Ortiz said.",
			"We waited ten years for this,", "Ann Ortiz", "person", false},
		{"a document speaks", "The Harbour Trust published its review. “The wall is unsafe,” the report said.",
			"The wall is unsafe,", "report", "document", false},
		{"two people near a pronoun", "Ann Ortiz met Tom Reyes at the station. “It was a long day,” she said.",
			"It was a long day,", "Ann Ortiz", "person", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var q *Quote
			qs := extract(tc.body)
			for i := range qs {
				if qs[i].Text == tc.quote {
					q = &qs[i]
				}
			}
			if q == nil {
				t.Fatalf("%q not found in %q", tc.quote, directTexts(qs))
			}
			if !strings.Contains(q.Speaker, tc.speaker) {
				t.Errorf("speaker %q, want %q", q.Speaker, tc.speaker)
			}
			if q.Confidence <= 0 || q.Confidence > 1 {
				t.Errorf("confidence %v", q.Confidence)
			}
			if len(q.Why) == 0 {
				t.Error("no reasons")
			}
			for i := 1; i < len(q.Why); i++ {
				if math.Abs(q.Why[i].Weight) > math.Abs(q.Why[i-1].Weight) {
					t.Errorf("reasons not strongest first: %+v", q.Why)
				}
			}
			if q.SpeakerKind != tc.kind {
				t.Errorf("kind %q, want %q", q.SpeakerKind, tc.kind)
			}
			if slices.Contains(q.Alternatives, q.Speaker) {
				t.Errorf("alternatives %v repeat the speaker", q.Alternatives)
			}
			if tc.alternative && len(q.Alternatives) == 0 {
				t.Error("no alternative where two people could have said it")
			}
		})
	}
}

// TestDocumentIssuer checks that a document speaks for whoever issued it
// when the phrase names them, the document kept as an alternative.
func TestDocumentIssuer(t *testing.T) {
	tests := []struct{ name, body, speaker, kind, alternative string }{
		{"possessive issuer", "“Prices will rise by a tenth,” Corvane Energy's report said.",
			"Corvane Energy", "organisation", "Corvane Energy's report"},
		{"a page on a website", "“Prices will rise by a tenth,” says a page on Corvane Energy's website.",
			"Corvane Energy", "organisation", "a page"},
		{"her letter", "Mara Quill wrote to the council in March. “The road is a danger to children,” her letter said.",
			"Mara Quill", "person", ""},
		{"no issuer named", "The review came out in May. “The old wall is unsafe,” the report said.",
			"report", "document", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var q *Quote
			for _, x := range extract(tc.body) {
				if x.Direct {
					q = &x
				}
			}
			if q == nil {
				t.Fatal("no quotation")
			}
			if q.Speaker != tc.speaker || q.SpeakerKind != tc.kind {
				t.Errorf("speaker %q (%s), want %q (%s)", q.Speaker, q.SpeakerKind, tc.speaker, tc.kind)
			}
			if tc.alternative != "" && !slices.Contains(q.Alternatives, tc.alternative) {
				t.Errorf("alternatives %v lack %q", q.Alternatives, tc.alternative)
			}
		})
	}
}

// TestBodyDescriptions checks that "the company", "the drug maker" speak
// for the body named before, even when no body spoke before them.
func TestBodyDescriptions(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"the drug maker", "Halden Pharma's Ontario unit confirmed the recall. “We acted quickly,” the drug maker said.", "Halden Pharma"},
		{"the company after a fronted phrase", "On Monday, Brightwater Foods sued the province. “We will not give up,” the company said.", "Brightwater Foods"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range extract(tc.body) {
				if q.Direct && (q.Speaker != tc.want || q.SpeakerKind != "organisation") {
					t.Errorf("speaker %q (%s), want %q (organisation)", q.Speaker, q.SpeakerKind, tc.want)
				}
			}
		})
	}
}

// TestDecisionKind checks how a choice is classed for calibration, on
// hand-made candidates (feature vectors with only the telling values set).
func TestDecisionKind(t *testing.T) {
	cand := func(speaker string, person, proposed, firm bool, feats ...string) Candidate {
		v := make([]float64, len(FeatureNames))
		for _, f := range feats {
			v[featureIndex[f]] = 1
		}
		return Candidate{Speaker: speaker, Person: person, Proposed: proposed, Firm: firm, Values: v}
	}
	none := cand("", false, false, false, "none")
	noneDirect := cand("", false, false, false, "none", "none_direct")
	ann := cand("Ann Ortiz", true, true, true, "rule:verb_after_quote", "mention:name")
	council := cand("Harbour Council", false, true, true, "rule:verb_after_quote", "mention:name")
	pron := cand("Ann Ortiz", true, true, false, "rule:verb_after_quote", "mention:pronoun")
	inherit := cand("Ann Ortiz", true, true, false, "rule:previous_quotation", "mention:name")
	other := cand("Ben Kole", true, false, false)
	tests := []struct {
		name string
		cs   []Candidate
		p    []float64
		best int
		want string
	}{
		{"name at its verb, direct", []Candidate{ann, other, noneDirect}, []float64{0.8, 0.1, 0.1}, 0, "firm_person_direct"},
		{"name at its verb, reported", []Candidate{ann, other, none}, []float64{0.8, 0.1, 0.1}, 0, "firm_person"},
		{"not a person", []Candidate{council, none}, []float64{0.7, 0.3}, 0, "firm_name"},
		{"ranker prefers another", []Candidate{ann, other, none}, []float64{0.3, 0.6, 0.1}, 0, "firm_name_disputed"},
		{"pronoun", []Candidate{pron, other, none}, []float64{0.6, 0.3, 0.1}, 0, "pronoun"},
		{"inherited", []Candidate{inherit, other, noneDirect}, []float64{0.6, 0.3, 0.1}, 0, "inherited_direct"},
		{"overruled", []Candidate{pron, other, none}, []float64{0.3, 0.6, 0.1}, 1, "overruled"},
		{"guess", []Candidate{other, none}, []float64{0.6, 0.4}, 0, "guess"},
		{"no speaker", []Candidate{other, none}, []float64{0.3, 0.7}, -1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DecisionKind(tc.cs, tc.p, tc.best)
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if got != "" && !slices.Contains(DecisionKinds, got) {
				t.Errorf("%q is not among DecisionKinds", got)
			}
		})
	}
}
