package quotes

import "testing"

// TestClauseBeforeAttribution checks "X, S said, …" and "X, S said.": the
// clause X is reported speech unless it is only an adverbial or participle
// clause ("When asked …, he said, …") or the verb's own content is a
// quotation that follows it. All texts are invented.
func TestClauseBeforeAttribution(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // indirect quotations expected (text)
		none []string // clauses that must not be indirect quotations
	}{
		{
			name: "a quotation after the verb is its content",
			body: "Helen Marsh visited the flooded depot. Looking at the damage to the pumps, she responded, “We will rebuild all of it by spring.”",
			none: []string{"Looking at the damage to the pumps"},
		},
		{
			name: "a main clause before a verb that introduces a quotation",
			body: "Helen Marsh visited the flooded depot. The pumps had failed twice this year, she added, “and nobody was told about it.”",
			none: []string{"The pumps had failed twice this year"},
		},
		{
			name: "when asked, with a quotation",
			body: "Helen Marsh visited the flooded depot. When asked how long the repairs at the depot would take, she responded, “Months, not weeks.”",
			none: []string{"When asked how long the repairs at the depot would take"},
		},
		{
			name: "a subordinate clause alone is no speech",
			body: "Helen Marsh visited the flooded depot. After the water had drained from the lower floor, she said, the pumps were restarted.",
			want: []string{"the pumps were restarted"},
			none: []string{"After the water had drained from the lower floor"},
		},
		{
			name: "a participle opener is no speech",
			body: "Helen Marsh visited the flooded depot. Asked about the cost of the new pumps, she said, the council had not yet decided.",
			want: []string{"the council had not yet decided"},
			none: []string{"Asked about the cost of the new pumps"},
		},
		{
			name: "a participle opener before a final attribution",
			body: "Helen Marsh visited the flooded depot. Speaking to reporters outside the depot gates, she said.",
			none: []string{"Speaking to reporters outside the depot gates"},
		},
		{
			name: "a plain clause before a final attribution",
			body: "Helen Marsh read the report. The plan will fail, she said.",
			want: []string{"The plan will fail"},
		},
		{
			name: "a clause around an attribution",
			body: "Helen Marsh read the report. Prices will rise, the minister warned, unless the harvest improves this year.",
			want: []string{"unless the harvest improves this year"},
		},
		{
			name: "a longer clause around an attribution",
			body: "Helen Marsh read the report. Food prices will rise, the minister warned, unless the harvest improves.",
			want: []string{"Food prices will rise", "unless the harvest improves"},
		},
		{
			name: "a subordinate clause followed by its main clause is speech",
			body: "Helen Marsh read the report. If the harvest fails again, prices will rise sharply, she warned.",
			want: []string{"If the harvest fails again, prices will rise sharply"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extract(tc.body)
			got := map[string]bool{}
			for _, q := range qs {
				if !q.Direct {
					got[q.Text] = true
				}
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("%q not found in %+v", w, qs)
				}
			}
			for _, n := range tc.none {
				if got[n] {
					t.Errorf("%q extracted as reported speech: %+v", n, qs)
				}
			}
		})
	}
}

// TestReportingPhrases checks reporting phrases ("made it clear that",
// "expressed his hope that") and reported clauses that hold a short
// quotation of their own. All texts are invented.
func TestReportingPhrases(t *testing.T) {
	tests := []struct {
		name string
		body string
		want map[string]string // reported clause → speaker
		none []string          // clauses that must not be reported speech
	}{
		{"made it clear that",
			"Helen Marsh chairs the board. Marsh has made it clear that the depot will not close this year.",
			map[string]string{"the depot will not close this year": "Helen Marsh"}, nil},
		{"made plain that, without it",
			"Helen Marsh chairs the board. On Monday she made plain that no jobs would be cut.",
			map[string]string{"no jobs would be cut": "Helen Marsh"}, nil},
		{"expressed his hope that",
			"Peter Lund spoke at the dinner. Lund expressed his hope that the two towns would keep working together.",
			map[string]string{"the two towns would keep working together": "Peter Lund"}, nil},
		{"voiced her strong belief that",
			"Helen Marsh spoke at the dinner. Marsh voiced her strong belief that the bridge should be rebuilt in stone.",
			map[string]string{"the bridge should be rebuilt in stone": "Helen Marsh"}, nil},
		{"a negated phrase reports nothing",
			"Peter Lund spoke at the dinner. Lund never made it clear that the towns would merge their councils.",
			nil, []string{"the towns would merge their councils"}},
		{"make without a stance adjective is no speech",
			"Peter Lund runs the bakery. Lund made sure that the ovens were cleaned every night.",
			nil, []string{"the ovens were cleaned every night"}},
		{"a clause holding a partial quotation",
			"Peter Lund runs the bakery. He added that the new oven was “a godsend” for the night shift.",
			map[string]string{"the new oven was “a godsend” for the night shift": "Peter Lund"}, nil},
		{"a clause ending in a partial quotation keeps its close",
			"Peter Lund runs the bakery. He said the week before the holiday had been “utterly chaotic.”",
			map[string]string{"the week before the holiday had been “utterly chaotic.”": "Peter Lund"}, nil},
		{"a clause that is mostly quotation is left to the quotation",
			"Peter Lund runs the bakery. He said it was “a total and utter disaster for everyone in the town.”",
			nil, []string{"it was “a total and utter disaster for everyone in the town.”"}},
		{"a final clause with its own subject is no attribution",
			"Helen Marsh chairs the board. The depot could close in May, but it is not certain the council would agree.",
			nil, []string{"The depot could close in May, but it is not certain the council would agree", "The depot could close in May"}},
		{"a final attribution opening the tail still counts",
			"Helen Marsh chairs the board. The depot could close in May, the council warned.",
			map[string]string{"The depot could close in May": "council"}, nil},
		{"a final attribution with a determiner and a name",
			"Helen Marsh chairs the board. The depot could close in May, the Harbour Times reported.",
			map[string]string{"The depot could close in May": "Harbour Times"}, nil},
		// the clause is found; the speaker is the last conjunct only
		// (joint speakers are read for names, not for common nouns)
		{"a final attribution with a coordinated subject",
			"Helen Marsh chairs the board. The depot could close in May, the drivers and their union say.",
			map[string]string{"The depot could close in May": "their union"}, nil},
		{"a quotation introduced by its own verb ends the clause",
			"Helen Marsh chairs the board. Marsh made it clear that the depot would stay open, saying, “We are not going anywhere.”",
			map[string]string{"the depot would stay open": "Helen Marsh"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extract(tc.body)
			got := map[string]string{}
			for _, q := range qs {
				if !q.Direct {
					got[q.Text] = q.Speaker
				}
			}
			for w, sp := range tc.want {
				g, ok := got[w]
				if !ok {
					t.Errorf("%q not found in %+v", w, qs)
				} else if g != sp {
					t.Errorf("%q: speaker %q, want %q", w, g, sp)
				}
			}
			for _, n := range tc.none {
				if _, ok := got[n]; ok {
					t.Errorf("%q extracted as reported speech: %+v", n, qs)
				}
			}
		})
	}
}

// TestSeedIndirect checks the seed article's reported speech: the clause
// before "he responded, “…”" is no quotation; the reported clauses are,
// including those after a reporting phrase ("made it clear that",
// "expressed his hope that") and one around the partial quotation “great”.
func TestSeedIndirect(t *testing.T) {
	_, qs, _ := analyseSeed(t)
	want := map[string]string{
		"the UK-US relationship would continue to grow stronger, even as both nations face global challenges":                                                          "Keir Starmer",
		"he’s not ready to commit to broad security guarantees":                                                                                                        "Donald Trump",
		"Europe should take on more responsibility, given that it’s geographically closer to Ukraine":                                                                  "Donald Trump",
		"the potential deal between Washington and Kyiv regarding access to Ukrainian minerals was “great” for Ukraine because it brings US involvement to the region": "Donald Trump",
		"the best days for both nations were still ahead":                                                                                                              "Keir Starmer",
	}
	found := map[string]bool{}
	for _, q := range qs {
		if q.Direct {
			continue
		}
		sp, ok := want[q.Text]
		if !ok {
			t.Errorf("unexpected reported speech %q (%s)", q.Text, q.Speaker)
			continue
		}
		found[q.Text] = true
		if q.Speaker != sp {
			t.Errorf("%q: speaker %q, want %q", q.Text, q.Speaker, sp)
		}
	}
	for w := range want {
		if !found[w] {
			t.Errorf("%q not found", w)
		}
	}
}
