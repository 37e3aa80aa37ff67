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

// TestSeedIndirect checks the seed article's reported speech: the clause
// before "he responded, “…”" is no quotation, the two reported clauses are.
func TestSeedIndirect(t *testing.T) {
	_, qs, _ := analyseSeed(t)
	want := map[string]string{
		"Europe should take on more responsibility, given that it’s geographically closer to Ukraine": "Donald Trump",
		"the best days for both nations were still ahead":                                             "Keir Starmer",
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
