package quotes

import (
	"slices"
	"testing"
)

// TestNotAName holds invented cases where the words before a speech verb
// name no one (rule not_a_name): an adverb, a weekday, a part of a web
// address, a number, a reflexive. No quotation may be credited to such a
// word; the ranker may still choose a person near the quotation, and the
// attribution says why the rules' phrase was refused.
func TestNotAName(t *testing.T) {
	tests := []struct {
		name, body, quote, junk string
	}{
		{"an adverb between but and the verb",
			"Tom Roe backed the toll last year, but now said the toll was “a costly mistake for the town.”",
			"a costly mistake for the town.", "now"},
		{"a weekday before the verb",
			"The council met again. “We need more buses on the hill,” Sunday said.",
			"We need more buses on the hill,", "Sunday"},
		{"a web address before the verb",
			"“Buses first, always,” Jane Poe, the transit blogger who founded buslane.com tweeted on Monday.",
			"Buses first, always,", "com"},
		{"a number before the verb",
			"The poll gave the mayor a lead of 12 points. Ann Lee leads by 14 “among very keen cyclists,” while the rest trail.",
			"among very keen cyclists,", "14"},
		{"a reflexive before the verb",
			"The board met on Monday. “We will sell the depot,” himself said.",
			"We will sell the depot,", "himself"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extract(tc.body)
			i := slices.IndexFunc(qs, func(q Quote) bool { return q.Direct && q.Text == tc.quote })
			if i < 0 {
				t.Fatalf("%q not found in %q", tc.quote, directTexts(qs))
			}
			q := qs[i]
			if q.Speaker == tc.junk {
				t.Errorf("speaker %q (confidence %.2f): a word that names no one", q.Speaker, q.Confidence)
			}
			for _, o := range qs {
				if o.Speaker == tc.junk {
					t.Errorf("%q credited to %q", o.Text, o.Speaker)
				}
			}
			if q.Mention == tc.junk && !slices.ContainsFunc(q.Why, func(r Reason) bool { return r.Feature == "not_a_name" }) {
				t.Errorf("why %v: want the rule not_a_name traced", q.Why)
			}
		})
	}
}
