package quotes

import "testing"

// TestMorePatterns holds further invented cases, written after the rules
// were tuned, as a check that they generalise.
func TestMorePatterns(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"role apposition between commas",
			"“We’re not done yet,” the coach, Lisa Grant, said after the game.",
			map[string]string{"We’re not done yet,": "Lisa Grant"}},
		{"asked then replied",
			"Asked whether he would resign, Mr. Lund replied: “Never, not while I have work to do.”",
			map[string]string{"Never, not while I have work to do.": "Lund"}},
		{"age then told",
			"“I’m proud of every one of them,” Grant, 44, told reporters.",
			map[string]string{"I’m proud of every one of them,": "Grant"}},
		{"told a paper that",
			"Lisa Grant told The Herald that the season was “a nightmare from start to finish.”",
			map[string]string{"a nightmare from start to finish.": "Lisa Grant"}},
		{"dialogue",
			"Lisa Grant met Peter Lund at the door. “Are you ready for this?” asked Lund. “Yes, more than ever,” replied Grant.",
			map[string]string{"Are you ready for this?": "Peter Lund", "Yes, more than ever,": "Lisa Grant"}},
		{"according to with a partial",
			"According to Peter Lund, the deal is “dead in the water.”",
			map[string]string{"dead in the water.": "Peter Lund"}},
		{"pronoun with of",
			"Lisa Grant watched the count from the back of the hall. “This is a disaster for the town,” she said of the vote.",
			map[string]string{"This is a disaster for the town,": "Lisa Grant"}},
		{"title and role noun",
			"Senator Maria Okafor opposed the bill. In a post online, the senator wrote: “Shame on every one of them.”",
			map[string]string{"Shame on every one of them.": "Maria Okafor"}},
		{"inverted with title",
			"“The bridge will open in June,” said Transport Minister Alan Brooks.",
			map[string]string{"The bridge will open in June,": "Alan Brooks"}},
		{"spokesperson for a body",
			"“We do not comment on active cases,” a police spokesperson said.",
			map[string]string{"We do not comment on active cases,": "a police spokesperson"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

func TestMoreBritish(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"said: then single quotes",
			"Mrs Pearson, 67, from Leeds, said: ‘We had no warning at all. The water just came.’",
			map[string]string{"We had no warning at all. The water just came.": "Pearson"}},
		{"single quotes with possessive s inside",
			"‘The neighbours’ cars were all under water,’ said Tom Hardy, 52.",
			map[string]string{"The neighbours’ cars were all under water,": "Tom Hardy"}},
		{"added after a floating quote",
			"Tom Hardy said the council had failed them. ‘Nobody came for two days.’ He added: ‘We did it all ourselves.’",
			map[string]string{"Nobody came for two days.": "Tom Hardy", "We did it all ourselves.": "Tom Hardy"}},
		{"straight single quotes with contractions",
			"'I can't believe it's happened again,' said Jean Moss. 'We're tired.'",
			map[string]string{"I can't believe it's happened again,": "Jean Moss", "We're tired.": "Jean Moss"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}
