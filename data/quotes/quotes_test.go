package quotes

import (
	"strings"
	"testing"

	"newsbot/data/people"
	"newsbot/data/text"
)

// All texts in these tests are invented for them.

func extract(body string) []Quote {
	sents := text.Sentences(body)
	return Extract(body, sents, people.Find("", body, sents))
}

// checkDirect asserts that each quotation in want (text → speaker) is
// extracted from body as a direct quote with that speaker.
func checkDirect(t *testing.T, body string, want map[string]string) {
	t.Helper()
	qs := extract(body)
	for text, speaker := range want {
		found := false
		for _, q := range qs {
			if q.Direct && q.Text == text {
				found = true
				// "" wants no speaker from the rules: the ranker may still
				// guess one from salience, but never as certain
				if q.Speaker != speaker && (speaker != "" || q.Certainty() == Certain) {
					t.Errorf("%q: speaker %q (mention %q), want %q", text, q.Speaker, q.Mention, speaker)
				}
			}
		}
		if !found {
			t.Errorf("%q not found in %q", text, directTexts(qs))
		}
	}
}

func directTexts(qs []Quote) []string {
	var out []string
	for _, q := range qs {
		if q.Direct {
			out = append(out, q.Text)
		}
	}
	return out
}

func TestQuoteMarks(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"curly double",
			"“We will build the bridge by spring,” Mayor Ann Ortiz said.",
			[]string{"We will build the bridge by spring,"}},
		{"straight double",
			`"We will build the bridge by spring," Mayor Ann Ortiz said.`,
			[]string{"We will build the bridge by spring,"}},
		{"guillemets",
			"«We will build the bridge by spring», Mayor Ann Ortiz said.",
			[]string{"We will build the bridge by spring"}},
		{"british single quotes and apostrophes",
			"‘It’s the players’ union that won’t budge,’ said coach Tom Barnes.",
			[]string{"It’s the players’ union that won’t budge,"}},
		{"straight single quotes",
			"'I don't know what they're thinking,' said coach Tom Barnes.",
			[]string{"I don't know what they're thinking,"}},
		{"nested quotes stay inside",
			"“He told me, ‘Never give up,’ and I didn’t,” said Lena Park.",
			[]string{"He told me, ‘Never give up,’ and I didn’t,"}},
		{"mixed straight and curly marks",
			"\"We are ready for the vote tomorrow,” said Senator Paul Grant.",
			[]string{"We are ready for the vote tomorrow,"}},
		{"decade apostrophe is no quote",
			"Ruth Cole remembers the ’90s fondly, she said, and the music of the ’80s too.",
			nil},
		{"multi-paragraph quotation",
			"Ruth Cole said: “The first winter was hard. We had no heating at all.\n\n“The second winter was better because the neighbours helped us.”",
			[]string{"The first winter was hard. We had no heating at all.", "The second winter was better because the neighbours helped us."}},
		{"british paragraphs flattened into one line",
			"‘I work nights. I could find something else.’ ‘I want this sorted today,’ said Rhys Owen.",
			[]string{"I work nights. I could find something else.", "I want this sorted today,"}},
		{"british paragraphs flattened without closing marks",
			"Rhys Owen said: ‘I work nights. I could find something else. ‘I want this sorted today.’",
			[]string{"I work nights. I could find something else.", "I want this sorted today."}},
		{"closing quote after a plural s",
			"Rhys Owen said the hens were 'envious' of her garden. Nobody agreed.",
			[]string{"envious"}},
		{"scare quotes are no quotation",
			"The so-called “smart” meters arrived on Tuesday in every home on the street.",
			nil},
		{"title of a work is no quotation",
			"The band played “Born In The Night” at the festival on Saturday evening.",
			nil},
		{"partial quotation in reported speech is kept",
			"Ann Ortiz said the plan was “a disaster” for the town.",
			[]string{"a disaster"}},
		{"empty marks", "He wrote “” and left.", nil},
		{"a quotation left open runs to the paragraph's end",
			"The sign read “closed until further notice\n\nNobody came.", []string{"closed until further notice"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := directTexts(extract(tc.body))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestAttribution(t *testing.T) {
	tests := []struct {
		name string
		body string
		want map[string]string // quotation → speaker
	}{
		{"quote then subject and verb",
			"“The water is safe to drink,” Helen Marsh said on Monday.",
			map[string]string{"The water is safe to drink,": "Helen Marsh"}},
		{"quote then verb and subject",
			"“The water is safe to drink,” said Helen Marsh, the city’s engineer.",
			map[string]string{"The water is safe to drink,": "Helen Marsh"}},
		{"subject and verb with colon",
			"Helen Marsh told reporters: “The water is safe to drink.”",
			map[string]string{"The water is safe to drink.": "Helen Marsh"}},
		{"title before the name",
			"“We will not raise taxes this year,” Finance Minister Omar Diallo said.",
			map[string]string{"We will not raise taxes this year,": "Omar Diallo"}},
		{"surname resolves to full name",
			"Omar Diallo presented the budget on Tuesday. “We will not raise taxes this year,” Diallo said.",
			map[string]string{"We will not raise taxes this year,": "Omar Diallo"}},
		{"pronoun resolves to the right gender",
			"Omar Diallo met Grace Okafor in Lagos. She had asked for the meeting. “It was a productive discussion,” she said.",
			map[string]string{"It was a productive discussion,": "Grace Okafor"}},
		{"pronoun resolves to the subject, not the object",
			"Peter Lindqvist praised Mark Olsen for his work on the report. “Nobody has done more for this city,” he said.",
			map[string]string{"Nobody has done more for this city,": "Peter Lindqvist"}},
		{"honorific tells the gender",
			"Ms. Ferreira thanked Mr. Lund for his patience. “We finally have an agreement,” she said.",
			map[string]string{"We finally have an agreement,": "Ferreira"}},
		{"floating quotation inherits the speaker",
			"“The water is safe to drink,” said Helen Marsh.\n\n“We tested every pipe in the district twice.”",
			map[string]string{"We tested every pipe in the district twice.": "Helen Marsh"}},
		{"second quotation in the same sentence",
			"“The water is safe,” Helen Marsh said, “and we tested every pipe twice.”",
			map[string]string{"The water is safe,": "Helen Marsh", "and we tested every pipe twice.": "Helen Marsh"}},
		{"participle after a comma",
			"Helen Marsh defended the plan, adding, “We tested every pipe twice.”",
			map[string]string{"We tested every pipe twice.": "Helen Marsh"}},
		{"apposition between name and verb",
			"Helen Marsh, the chief engineer of the water board, said: “We tested every pipe twice.”",
			map[string]string{"We tested every pipe twice.": "Helen Marsh"}},
		{"age apposition",
			"Tom Reyes, 52, who has lived on the street for decades, said: “Nobody ever asked us.”",
			map[string]string{"Nobody ever asked us.": "Tom Reyes"}},
		{"according to",
			"The company lost a third of its value, according to analyst Maria Santos, who called it “a historic collapse.”",
			map[string]string{"a historic collapse.": "Maria Santos"}},
		{"organisation as speaker",
			"“The service will resume on Friday,” the ministry said in a statement.",
			map[string]string{"The service will resume on Friday,": "ministry"}},
		{"it refers to the organisation that spoke",
			"Northline Rail said in a statement that repairs had begun. “The service will resume on Friday,” it said.",
			map[string]string{"The service will resume on Friday,": "Northline Rail"}},
		{"description refers back to the person",
			"Carla Mendes opened her bakery in 2009. “I never expected the queues,” says the 41-year-old.",
			map[string]string{"I never expected the queues,": "Carla Mendes"}},
		{"description before the name after an inverted verb",
			"“Our wages have not moved in years,” said factory worker Dan Hughes.",
			map[string]string{"Our wages have not moved in years,": "Dan Hughes"}},
		{"person with a modifier",
			"“Prices will fall next year,” Julia Brandt of Northbank said.",
			map[string]string{"Prices will fall next year,": "Julia Brandt"}},
		{"partial quotation in reported speech",
			"Mayor Ann Ortiz said on Tuesday that the new road was “a disaster” for local shops.",
			map[string]string{"a disaster": "Ann Ortiz"}},
		{"nobody to attribute",
			"“The sky is falling on all of us today.”",
			map[string]string{"The sky is falling on all of us today.": ""}},
		{"name inside the quotation is not the speaker",
			"Omar Diallo spoke after the vote. “Grace Okafor deserves the credit for this,” he said.",
			map[string]string{"Grace Okafor deserves the credit for this,": "Omar Diallo"}},
		{"quotation running over two paragraphs",
			"Ruth Cole, who runs the shelter, said: “The first winter was hard. We had no heating at all.\n\n“The second winter was better because the neighbours helped us.”",
			map[string]string{"The first winter was hard. We had no heating at all.": "Ruth Cole",
				"The second winter was better because the neighbours helped us.": "Ruth Cole"}},
		{"passive verb names no speaker",
			"Ruth Cole was described by neighbours as “the kindest woman on the street.”",
			map[string]string{"the kindest woman on the street.": ""}},
		{"quotation in parentheses after whose words they are",
			"Critics have tired of the Nora Blake manifesto (“Every street a garden, every roof a farm”) and its costs.",
			map[string]string{"Every street a garden, every roof a farm": "Nora Blake"}},
		{"voiced as a speech verb",
			"Omar Diallo voiced his “deep frustration with the delays” on Monday.",
			map[string]string{"deep frustration with the delays": "Omar Diallo"}},
		{"two people speak together",
			"In a statement, owners Rosa Vega and Mark Olsen said they accepted the vote. “We respect our staff and their choice,” they said.",
			map[string]string{"We respect our staff and their choice,": "Rosa Vega and Mark Olsen"}},
		{"inverted verb right before the quotation",
			"Rather than the old plan, asks editor Jane Roe, “has anyone considered a smaller bridge?”",
			map[string]string{"has anyone considered a smaller bridge?": "Jane Roe"}},
		{"a statement speaks for its body",
			"The Harbour Trust statement said “the wall will be rebuilt by the end of the year.”",
			map[string]string{"the wall will be rebuilt by the end of the year.": "Harbour Trust"}},
		{"british style",
			"‘We were terrified when the water came in,’ said Margaret Hill, 78. ‘It rose so fast.’",
			map[string]string{"We were terrified when the water came in,": "Margaret Hill", "It rose so fast.": "Margaret Hill"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

func TestIndirect(t *testing.T) {
	tests := []struct {
		name, body, text, speaker string
	}{
		{"said that", "Helen Marsh said that the water in the eastern district is safe to drink.",
			"the water in the eastern district is safe to drink", "Helen Marsh"},
		{"said without that", "Helen Marsh said the water in the eastern district is safe to drink.",
			"the water in the eastern district is safe to drink", "Helen Marsh"},
		{"told a hearer", "The agency told reporters it had not finished the inspection of the bridge.",
			"it had not finished the inspection of the bridge", "agency"},
		{"attribution after the clause", "The inspection of the bridge will take another month, the agency said.",
			"The inspection of the bridge will take another month", "agency"},
		{"according to", "According to Helen Marsh, the water in the eastern district is safe to drink.",
			"the water in the eastern district is safe to drink", "Helen Marsh"},
		{"pronoun speaker", "Helen Marsh visited the plant. She said the filters had been replaced last spring.",
			"the filters had been replaced last spring", "Helen Marsh"},
		{"they refers to a group", "Investigators described the fire as deliberate. They said the doors had been locked from outside.",
			"the doors had been locked from outside", "Investigators"},
		{"an anonymous source", "The merger stalled on Monday, according to an adviser close to the merger.",
			"The merger stalled on Monday", "an adviser close to the merger"},
		{"attribution inside the sentence", "The filters were replaced last spring, Helen Marsh said, but the pumps are older.",
			"The filters were replaced last spring", "Helen Marsh"},
		{"after an attribution inside the sentence", "The filters were replaced last spring, Helen Marsh said, but the pumps are much older.",
			"the pumps are much older", "Helen Marsh"},
		{"according to inside the sentence", "Most of the pipes, according to Helen Marsh, were laid before the war.",
			"were laid before the war", "Helen Marsh"},
		{"a second clause after a participle", "Helen Marsh said the plant would reopen in May, insisting the water had never been unsafe.",
			"the water had never been unsafe", "Helen Marsh"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extract(tc.body)
			for _, q := range qs {
				if !q.Direct && q.Text == tc.text {
					if q.Speaker != tc.speaker {
						t.Errorf("speaker %q, want %q", q.Speaker, tc.speaker)
					}
					return
				}
			}
			t.Errorf("%q not found in %+v", tc.text, qs)
		})
	}
}

// TestNoNarration checks that ordinary narration yields no quotations.
func TestNoNarration(t *testing.T) {
	body := "The river rose by two metres overnight. Roads were closed across the valley.\n\nSchools will reopen on Monday."
	if qs := extract(body); len(qs) != 0 {
		t.Errorf("got %+v", qs)
	}
}

// TestOffsets checks that Start/End always give back Text from the body.
func TestOffsets(t *testing.T) {
	bodies := []string{
		"“The water is safe to drink,” said Helen Marsh.\n\n“We tested every pipe.”",
		"‘It’s fine,’ said Tom Barnes. Tom Barnes said the game was lost.",
		"Ann Ortiz said the plan was “a disaster” for the town, according to the minutes.",
	}
	for _, b := range bodies {
		for _, q := range extract(b) {
			if q.Start < 0 || q.End > len(b) || q.Start > q.End || b[q.Start:q.End] != q.Text {
				t.Errorf("%q: offsets [%d,%d) do not give %q", b, q.Start, q.End, q.Text)
			}
		}
	}
}

// TestOddInput checks that nothing panics on strange input.
func TestOddInput(t *testing.T) {
	inputs := []string{"", " ", "“", "”", "\"", "'", "‘’", "“”“”", "\n\n\n", "said said said", "“a", "a”",
		"He said", "“Q,” he said", "’s", "Mr.", "U.S.", "“‘", "«»", "\"\"\"\"\"", strings.Repeat("“x ", 200),
		"\xff\xfe bad utf8 “quote” said Bob", "“He said,” said he, “said she.”"}
	for _, in := range inputs {
		_ = extract(in)
		_ = Extract(in, nil, nil)
	}
}

func BenchmarkExtractSeed(b *testing.B) {
	body := "Keir Starmer, the Prime Minister, said: “We will stand with Ukraine.” " +
		strings.Repeat("Helen Marsh said the water is safe to drink. “We tested every pipe,” she said. ", 20)
	sents := text.Sentences(body)
	ppl := people.Find("", body, sents)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(body, sents, ppl)
	}
}
