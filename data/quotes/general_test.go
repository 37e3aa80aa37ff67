package quotes

import "testing"

// TestGeneralRules holds invented cases for rules added while checking
// that attribution generalises (each rule checked on both halves of the
// development set and on British text): progressive speech verbs, a name
// that only modifies another person's role, photo captions and name lines
// (bylines, headings) that no pronoun in the story refers back to, and
// single-quoted quotations nested in single-quoted ones (British style).
func TestGeneralRules(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string // quotation → speaker
	}{
		{"progressive verb takes the subject before its auxiliary",
			"Peter Lund has left the council, and mayor Ann Cole is promising a ‘fresh start’ for the high street.",
			map[string]string{"fresh start": "Ann Cole"}},
		{"progressive verb after a plural subject",
			"“We want the old bridge back,” residents were saying on Friday.",
			map[string]string{"We want the old bridge back,": "residents"}},
		{"a reduced relative clause before the verb",
			"“Help us fix the roof,” club members dressed for the parade said in unison.",
			map[string]string{"Help us fix the roof,": "club members"}},
		{"a reduced relative after a name",
			"“The water came in fast,” Tom Hardy, 52, trapped in his attic for a day, said. “We had nothing,” residents based in Ravensholm told reporters.",
			map[string]string{"The water came in fast,": "Tom Hardy", "We had nothing,": "residents"}},
		{"a speech verb after a participle adjective is a noun",
			"Jean Moss taught at the school. The running joke among the pupils was, ‘Who is Mrs Moss marking now?’ the pupils said.",
			map[string]string{"Who is Mrs Moss marking now?": "pupils"}},
		{"a participle with its own subject after with",
			"Tom Hardy alleged that the guards had pushed people, with a spokesperson for the tenants describing the scene as “total panic.”",
			map[string]string{"total panic.": "a spokesperson for the tenants"}},
		{"a weak participle without its own subject yields to the reporting verb",
			"Tom Hardy said the council would maintain its “zero tolerance” policy.",
			map[string]string{"zero tolerance": "Tom Hardy"}},
		{"a surname that is also a modal",
			"Prime Minister Helena May met the cabinet. “We will find a way,” Mrs May said.",
			map[string]string{"We will find a way,": "Helena May"}},
		{"a name modifying a role is no antecedent",
			"Alex Marsh founded the Marsh Trust in 1990. Marsh chairman Tom Hardy was asked about the plan. “It will work,” he said.",
			map[string]string{"It will work,": "Tom Hardy"}},
		{"a byline paragraph is no antecedent",
			"Helen Marsh opened the depot on Monday.\n\nJane Roe, The Harbour Times\n\n“It was a long wait,” she said.",
			map[string]string{"It was a long wait,": "Helen Marsh"}},
		{"a name in a photo caption is no antecedent",
			"Helen Marsh runs the depot. Jane Roe, left, is her deputy. “We will rebuild,” she said.",
			map[string]string{"We will rebuild,": "Helen Marsh"}},
		{"a picture mark before a speech verb is running text",
			"Helen Marsh runs the depot. Jane Roe (pictured) said the roof had gone. “We will rebuild,” she added.",
			map[string]string{"We will rebuild,": "Jane Roe"}},
		{"a single-quoted quotation inside another",
			"Mrs Pearson, 67, said: ‘He told me, ‘You’re finished here,’ and walked out. I was stunned.’",
			map[string]string{"He told me, ‘You’re finished here,’ and walked out. I was stunned.": "Pearson"}},
		{"the outer close decides the inverted speaker",
			"‘My son said ‘Mum, the water is coming in’ and we ran,’ said Tom Hardy, 52.",
			map[string]string{"My son said ‘Mum, the water is coming in’ and we ran,": "Tom Hardy"}},
		{"straight single marks nested after thought",
			"Jean Moss said: 'I thought, 'This is the end', and then the rain stopped.'",
			map[string]string{"I thought, 'This is the end', and then the rain stopped.": "Jean Moss"}},
		{"a scare quote after a possessive-looking close is no nesting",
			"The charity's founders call it 'a home for the homeless' and 'a place of rest', Jean Moss said.",
			map[string]string{}},
		{"an inner close followed by a new quotation was the outer close",
			"Jean Moss said: 'We asked the council and they said 'no' 'We built the wall ourselves.'",
			map[string]string{"We asked the council and they said 'no": "Jean Moss", "We built the wall ourselves.": "Jean Moss"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

// TestHeadlineQuotes checks that quotations in headings and links to other
// stories (short paragraphs without a final stop) are not extracted, while
// a quotation running on into the next paragraph is. Texts are invented.
func TestHeadlineQuotes(t *testing.T) {
	tests := []struct {
		name, body string
		want, none []string
	}{
		{"a heading with a scare quote",
			"Harbour board calls flooding ‘unprecedented’\n\nHelen Marsh said the pumps failed. “We were not ready,” she said.",
			[]string{"We were not ready,"}, []string{"unprecedented"}},
		{"a link line to another story",
			"Helen Marsh said the pumps failed.\n\nREAD MORE: ‘Nobody warned us,’ harbour residents say after the second flood this winter\n\n“We were not ready,” she said.",
			[]string{"We were not ready,"}, []string{"Nobody warned us,"}},
		{"a quotation broken over paragraphs is kept",
			"Helen Marsh wrote to the board.\n\n“The pumps are the responsibility of the operator\n\nand not of the council,” Marsh wrote.",
			[]string{"The pumps are the responsibility of the operator"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]bool{}
			for _, q := range extract(tc.body) {
				if q.Direct {
					got[q.Text] = true
				}
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("%q not found in %v", w, got)
				}
			}
			for _, n := range tc.none {
				if got[n] {
					t.Errorf("%q extracted from a heading", n)
				}
			}
		})
	}
}
