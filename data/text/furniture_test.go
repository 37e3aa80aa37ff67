package text

import (
	"reflect"
	"testing"
)

// TestSentencesFurniture covers page furniture glued into a line without
// stops: reader prompts and captions that run into the next sentence, and
// the look-alikes in running text that must stay whole. All sentences are
// invented.
func TestSentencesFurniture(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"caption, prompt, sentence",
			"The mayor cuts the ribbon at the launch on Monday Scroll down for video The festival opens in May.",
			[]string{"The mayor cuts the ribbon at the launch on Monday", "Scroll down for video", "The festival opens in May."}},
		{"prompt after a stop keeps its caption",
			"Fans cheered. Scroll down for video Big day: the square at noon The parade lasted an hour.",
			[]string{"Fans cheered.", "Scroll down for video Big day: the square at noon", "The parade lasted an hour."}},
		{"upper-case prompt after a proper noun",
			"Crowds gathered outside the hall in Leeds SCROLL DOWN FOR VIDEOS Police closed two roads.",
			[]string{"Crowds gathered outside the hall in Leeds", "SCROLL DOWN FOR VIDEOS Police closed two roads."}},
		{"open prompt after a caption",
			"Flooded: a street in the old town Click here to read more about the storm",
			[]string{"Flooded: a street in the old town", "Click here to read more about the storm"}},
		{"prompt with stops",
			"It rained all week. Watch the video below. The river rose.",
			[]string{"It rained all week.", "Watch the video below.", "The river rose."}},
		{"prompt with non-breaking spaces",
			"The crowd on Sunday Scroll\u00a0down\u00a0for\u00a0video",
			[]string{"The crowd on Sunday", "Scroll\u00a0down\u00a0for\u00a0video"}},
		{"prompt alone on a line", "Scroll down for video\nThe show went on.",
			[]string{"Scroll down for video", "The show went on."}},
		{"lower-case prompt words are prose",
			"Readers can scroll down for video of the parade. It was long.",
			[]string{"Readers can scroll down for video of the parade.", "It was long."}},
		{"prompt word must end",
			"Users Share this articles list every day.",
			[]string{"Users Share this articles list every day."}},
		{"prompt inside quotation marks is quoted",
			`The button read "Click here to win" and nobody did.`,
			[]string{`The button read "Click here to win" and nobody did.`}},
		{"caption then The",
			"Ready: the squad trains at the ground on Tuesday The club has won four games in a row.",
			[]string{"Ready: the squad trains at the ground on Tuesday", "The club has won four games in a row."}},
		{"caption after a number then An",
			"Sister Ann Kerr was found in her room aged 86 An inquest opened on Friday.",
			[]string{"Sister Ann Kerr was found in her room aged 86", "An inquest opened on Friday."}},
		{"caption after a bracket",
			"A cheetah at the city zoo (file photo) The boy was unhurt.",
			[]string{"A cheetah at the city zoo (file photo)", "The boy was unhurt."}},
		{"title in running text", "She starred in the film The Godfather in 1972.",
			[]string{"She starred in the film The Godfather in 1972."}},
		{"newspaper name", "He reads The Times every day.", []string{"He reads The Times every day."}},
		{"A as a label", "Patient A said the vitamin A dose was from plan A to plan B.",
			[]string{"Patient A said the vitamin A dose was from plan A to plan B."}},
		{"other openers stay", "They watched Faking It in the garden while In bloom played.",
			[]string{"They watched Faking It in the garden while In bloom played."}},
		{"The after punctuation is left to the stops", "He paused, The crowd waited.",
			[]string{"He paused, The crowd waited."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.body)
			checkSentences(t, tt.body, got)
			if g := texts(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.body, g, tt.want)
			}
		})
	}
}

func TestMergeCuts(t *testing.T) {
	tests := []struct {
		name    string
		a, b    []int
		want    []int
		wantNil bool
	}{
		{"both empty", nil, nil, nil, true},
		{"only a", []int{3, 9}, nil, []int{3, 9}, false},
		{"only b", nil, []int{4}, []int{4}, false},
		{"interleaved with a duplicate", []int{2, 7, 11}, []int{5, 7, 20}, []int{2, 5, 7, 11, 20}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mergeCuts(tt.a, tt.b)
			if tt.wantNil && len(got) != 0 || !tt.wantNil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mergeCuts(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
