package quoteeval

import (
	"maps"
	"math"
	"os"
	"strings"
	"testing"

	"newsbot/data/internal/evaldata"
	"newsbot/data/quotes"
)

func TestNormWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"“It’s fine,” she said.", "it s fine she said"},
		{"Crème brûlée", "cr me br l e"},
		{"$2-300 million", "2 300 million"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := strings.Join(NormWords(tc.in), " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTokenF1(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"a b c d", "a b c d", 1},
		{"a b c d", "a b", 2 * 1 * 0.5 / 1.5},
		{"a b", "c d", 0},
		{"a a b", "a b b", 2.0 / 3},
		{"", "a", 0},
	}
	for _, tc := range tests {
		t.Run(tc.a+"|"+tc.b, func(t *testing.T) {
			got := TokenF1(strings.Fields(tc.a), strings.Fields(tc.b))
			if d := got - tc.want; d > 1e-9 || d < -1e-9 {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMatchF1InsideMarks(t *testing.T) {
	gold := "the station had been “playing games” to stop a dissident group from lobbying members"
	if f := MatchF1(gold, "playing games"); f != 1 {
		t.Errorf("partial quotation inside the marks: F1 %v, want 1", f)
	}
	if f := MatchF1(gold, "the station had been playing games to stop a dissident group"); f < 0.5 {
		t.Errorf("reported speech: F1 %v, want ≥ 0.5", f)
	}
	if f := MatchF1("“We will win,”", "Something else entirely"); f != 0 {
		t.Errorf("unrelated: F1 %v, want 0", f)
	}
}

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Keir Starmer", "Keir Starmer", true},
		{"Keir Starmer", "Starmer", true},
		{"Lord Mandelson", "Peter Mandelson", true},
		{"Mr. Tolland", "Brian Tolland", true},
		{"a spokesperson", "spokesperson", true},
		{"Donald Trump", "Keir Starmer", false},
		{"Donald Trump", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.a+"|"+tc.b, func(t *testing.T) {
			if got := SameSpeaker(tc.a, tc.b); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestScore(t *testing.T) {
	gold := []Gold{
		{Quote: "“We will win the vote,”", Speaker: "Ann Ortiz", Direct: true},
		{Quote: "“The plan is dead,”", Speaker: "Tom Reyes", Direct: true},
		{Quote: "“Nobody asked us.”", Speaker: "Lena Park", Direct: true},
		{Quote: "the council would meet again in May", Speaker: "Ann Ortiz", Direct: false},
	}
	ours := []Quote{
		{Text: "We will win the vote,", Speaker: "Ortiz", Direct: true},
		{Text: "The plan is dead,", Speaker: "Ann Ortiz", Direct: true},
		{Text: "a slogan nobody said", Speaker: "", Direct: true},
		{Text: "the council would meet again in May", Speaker: "Ann Ortiz", Direct: false},
	}
	s, misses := Score(gold, ours)
	want := Scores{GoldDirect: 3, OursDirect: 3, MatchedDirect: 2, RightDirect: 1,
		GoldIndirect: 1, OursIndirect: 1, MatchedIndirect: 1, RightIndirect: 1, StrictDirect: 1, StrictIndirect: 1}
	if s != want {
		t.Errorf("scores %+v, want %+v", s, want)
	}
	kinds := map[string]int{}
	for _, m := range misses {
		kinds[m.Kind]++
	}
	if kinds["speaker"] != 1 || kinds["missed"] != 1 || kinds["extra"] != 1 || len(misses) != 3 {
		t.Errorf("misses %v", kinds)
	}
	if s.Errors() != 3 {
		t.Errorf("errors %d, want 3", s.Errors())
	}
	if got := s.Add(s); got.GoldDirect != 6 || got.RightIndirect != 2 {
		t.Errorf("Add: %+v", got)
	}
	if r := (Scores{}).SpeakerAccuracy(); r != 0 {
		t.Errorf("empty ratio %v", r)
	}
}

// TestPrecisionWithOther checks the unofficial precision: an extra direct
// quotation that matches an unscored direct attribution is not counted
// wrong there, one matching nothing (or only an indirect or a headline
// attribution) still is, and the official precision is unchanged.
func TestPrecisionWithOther(t *testing.T) {
	gold := []Gold{{Quote: "“We will win the vote,”", Speaker: "Ann Ortiz", Direct: true}}
	other := []Gold{
		{Quote: "“The plan is dead on arrival,”", Direct: true, Kind: "unresolved"},
		{Quote: "the budget would pass", Direct: false, Kind: "unresolved"},
		{Quote: "“Nobody asked the town,”", Direct: true, Kind: "title"},
	}
	ours := []Quote{
		{Text: "We will win the vote,", Speaker: "Ortiz", Direct: true},
		{Text: "The plan is dead on arrival,", Speaker: "", Direct: true},
		{Text: "the budget would pass", Speaker: "", Direct: true},
		{Text: "Nobody asked the town,", Speaker: "", Direct: true},
	}
	s, _, _ := score(gold, other, ours)
	if s.OtherDirect != 1 {
		t.Errorf("OtherDirect %d, want 1", s.OtherDirect)
	}
	if got, want := s.DirectPrecision(), 0.25; got != want {
		t.Errorf("official precision %.3f, want %.3f", got, want)
	}
	if got, want := s.DirectPrecisionWithOther(), 0.5; got != want {
		t.Errorf("precision with other %.3f, want %.3f", got, want)
	}
}

func TestReadEvalSet(t *testing.T) {
	in := `{"id":"a1","text":"“Hi there, friends,” said Ann Ortiz.","quotes":[{"quote":"“Hi there, friends,”","speaker":"Ann Ortiz","direct":true}]}` + "\n\n" +
		`{"id":"a2","text":"Nothing.","quotes":[]}` + "\n"
	arts, err := ReadEvalSet(strings.NewReader(in), "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].Quotes[0].Speaker != "Ann Ortiz" {
		t.Fatalf("got %+v", arts)
	}
	res, total := Evaluate(arts)
	if len(res) != 2 || total.RightDirect != 1 || total.GoldDirect != 1 {
		t.Errorf("evaluate: %+v", total)
	}
	if _, err := ReadEvalSet(strings.NewReader("{bad"), "bad.jsonl"); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1") {
		t.Errorf("bad JSON: err %v", err)
	}
}

// TestGGTFloors runs the scorer on the Gender Gap Tracker development set
// and keeps the figures above floors just under those measured (see the
// package's closing figures in the eval README of the project).
func TestGGTFloors(t *testing.T) {
	p := evaldata.Require(t, "ggt-dev.jsonl")
	f, err := os.Open(p)
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	defer f.Close()
	arts, err := ReadEvalSet(f, p)
	if err != nil {
		t.Fatal(err)
	}
	_, s := Evaluate(arts)
	t.Logf("precision %.3f recall %.3f speaker %.3f end-to-end %.3f indirect recall %.3f indirect speaker %.3f",
		s.DirectPrecision(), s.DirectRecall(), s.SpeakerAccuracy(), s.EndToEnd(), s.IndirectRecall(), s.IndirectSpeakerAccuracy())
	floors := []struct {
		name      string
		got, want float64
	}{
		{"direct precision", s.DirectPrecision(), 0.92},
		{"direct recall", s.DirectRecall(), 0.95},
		{"speaker accuracy", s.SpeakerAccuracy(), 0.93},
		{"end-to-end", s.EndToEnd(), 0.90},
		{"indirect recall", s.IndirectRecall(), 0.77},
		// 0.870 under the hand rules alone; the learned ranker, trained on
		// PolNeAR, measures 0.849 here while raising PolNeAR dev direct
		// speakers from 0.834 to 0.853 and the held-apart training
		// articles from 0.894 to 0.912 (see the closing note of issue 9)
		{"indirect speaker accuracy", s.IndirectSpeakerAccuracy(), 0.84},
	}
	for _, fl := range floors {
		if fl.got < fl.want {
			t.Errorf("%s %.3f fell below %.2f", fl.name, fl.got, fl.want)
		}
	}
}

func TestSameFullName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Ann Ortiz", "Ann Ortiz", true},
		{"Ms. Ann Ortiz", "Ann Ortiz", true},
		{"Sen. Ann M. Ortiz", "Ann Ortiz", true},
		{"Ann Ortiz", "Ortiz", true},
		{"Ann Ortiz", "Tom Ortiz", false},
		{"Ann Ortiz", "Ann Reyes", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.a+"|"+tc.b, func(t *testing.T) {
			if got := SameFullName(tc.a, tc.b); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestErrorKind(t *testing.T) {
	tests := []struct {
		name string
		ours Quote
		want string
	}{
		{"no speaker", Quote{}, "unknown"},
		{"inherited", Quote{Speaker: "Tom Reyes"}, "inherited"},
		{"pronoun", Quote{Speaker: "Tom Reyes", Mention: "he", Verb: "said"}, "pronoun"},
		{"description", Quote{Speaker: "Tom Reyes", Mention: "the mayor", Verb: "said"}, "description"},
		{"name", Quote{Speaker: "Tom Reyes", Mention: "Reyes", Verb: "said"}, "name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ErrorKind(Gold{Speaker: "Ann Ortiz"}, tc.ours); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCalibration(t *testing.T) {
	// ten at 0.95 with nine right, ten at 0.55 with five right
	var js []Judged
	for i := range 10 {
		js = append(js, Judged{Confidence: 0.95, Right: i < 9}, Judged{Confidence: 0.55, Right: i < 5})
	}
	tests := []struct {
		name      string
		got, want float64
	}{
		{"ece", ECE(js, 10), 0.5*0.05 + 0.5*0.05},
		{"precision at 0.9", At(js, 0.9).Precision, 0.9},
		{"coverage at 0.9", At(js, 0.9).Coverage, 0.5},
		{"coverage at 0.5", At(js, 0.5).Coverage, 1},
		{"threshold for 0.9", Threshold(js, 0.9, 1), 0.95},
		{"threshold for 0.7", Threshold(js, 0.7, 1), 0.55},
		{"threshold for 0.99", Threshold(js, 0.99, 1), 1.01},
		{"empty ece", ECE(nil, 10), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if math.Abs(tc.got-tc.want) > 1e-9 {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

// TestRetrainMatchesCommittedModel retrains the attribution model from
// ../shared/eval/polnear-train.jsonl (skipped when absent) and compares it
// with the committed data/quotes/model.json: training is deterministic, so
// the weights agree to the file's six decimals unless features, data or
// training changed without a retrain.
func TestRetrainMatchesCommittedModel(t *testing.T) {
	if testing.Short() {
		t.Skip("retraining takes seconds (minutes with -race)")
	}
	p := evaldata.Require(t, "polnear-train.jsonl")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts, err := ReadEvalSet(f, p)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := Train(Examples(arts), DefaultTrain)
	got, err := quotes.ParseModel(MarshalModel(m))
	if err != nil {
		t.Fatal(err)
	}
	want := quotes.DefaultModel
	for i, name := range quotes.FeatureNames {
		if math.Abs(got.Weights[i]-want.Weights[i]) > 2e-6 {
			t.Errorf("weight %s: retrained %.6f, committed %.6f (run: go run ./bot train attribution)", name, got.Weights[i], want.Weights[i])
		}
	}
	if got.Choose != want.Choose || got.Margin != want.Margin || got.Platt != want.Platt || !maps.Equal(got.Calibration, want.Calibration) {
		t.Errorf("retrained choose %v margin %v platt %v %v, committed %v %v %v %v", got.Choose, got.Margin, got.Platt,
			got.Calibration, want.Choose, want.Margin, want.Platt, want.Calibration)
	}
}
