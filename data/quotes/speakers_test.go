package quotes

import (
	"slices"
	"strings"
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
		{"an adjective before a speech noun",
			"Tom Roe spoke at the depot. The meeting ended in loud chants of “no more tolls” from the floor.",
			"no more tolls", "loud"},
		{"an adjective before a noun that is also a speech verb",
			"Tom Roe spoke at the depot. It was a familiar, angry rant about “greedy toll barons.”",
			"greedy toll barons.", "angry"},
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

// TestSpokenFor holds invented cases of someone speaking on another's
// behalf (rule spoken_for): the lawyer, spokesperson or aide speaks, so
// the quotation is never credited with certainty to the one they speak
// for; the description is kept, with no organisation kind for the capitals
// in it, and the rule is traced. A named intermediary is the speaker.
func TestSpokenFor(t *testing.T) {
	tests := []struct {
		name, body, quote string
		speaker           string // "" : a description naming the principal, kind ""
		principal         string
	}{
		{"a lawyer for before the verb after the quotation",
			"Ann Lee was charged on Monday. “She did nothing wrong,” a lawyer for Ann Lee said.",
			"She did nothing wrong,", "", "Ann Lee"},
		{"a lawyer for before the verb and the quotation",
			"Ann Lee was charged on Monday. A lawyer for Ann Lee said: “She did nothing wrong.”",
			"She did nothing wrong.", "", "Ann Lee"},
		{"a spokesman for after an inverted verb",
			"Tom Roe runs the depot. “We will appeal the ruling,” said a spokesman for Tom Roe.",
			"We will appeal the ruling,", "", "Tom Roe"},
		{"an aide to",
			"Tom Roe runs the depot. “We will appeal the ruling,” an aide to Tom Roe said.",
			"We will appeal the ruling,", "", "Tom Roe"},
		{"words describing the one spoken for",
			"Tom Roe ran for governor. “We will appeal the ruling,” a spokesman for the former governor Tom Roe said.",
			"We will appeal the ruling,", "", "Tom Roe"},
		{"a title before the one spoken for",
			"Ann Lee was charged on Monday. A lawyer for Sen. Ann Lee said: “She did nothing wrong.”",
			"She did nothing wrong.", "", "Ann Lee"},
		{"a possessive intermediary",
			"Ann Lee was charged on Monday. “She did nothing wrong,” Ann Lee's lawyer said.",
			"She did nothing wrong,", "", "Ann Lee"},
		{"a named intermediary in apposition speaks",
			"Tom Roe runs the depot. “We will appeal the ruling,” Jane Poe, a spokeswoman for Tom Roe, said.",
			"We will appeal the ruling,", "Jane Poe", "Tom Roe"},
		{"a named intermediary after a possessive speaks",
			"Tom Roe runs the depot. Tom Roe's lawyer, Jane Poe, said: “We will appeal the ruling.”",
			"We will appeal the ruling.", "Jane Poe", "Tom Roe"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extract(tc.body)
			i := slices.IndexFunc(qs, func(q Quote) bool { return q.Direct && q.Text == tc.quote })
			if i < 0 {
				t.Fatalf("%q not found in %q", tc.quote, directTexts(qs))
			}
			q := qs[i]
			if q.Speaker == tc.principal {
				t.Fatalf("speaker %q (%.2f, %v): the one spoken for did not say it", q.Speaker, q.Confidence, q.Certainty())
			}
			if tc.speaker != "" {
				if q.Speaker != tc.speaker {
					t.Errorf("speaker %q, want %q", q.Speaker, tc.speaker)
				}
				return
			}
			if !strings.Contains(q.Speaker, tc.principal) || q.SpeakerKind != "" {
				t.Errorf("speaker %q kind %q: want the description naming %q, no kind", q.Speaker, q.SpeakerKind, tc.principal)
			}
			if !slices.ContainsFunc(q.Why, func(r Reason) bool { return r.Feature == "spoken_for" }) {
				t.Errorf("why %v: want the rule spoken_for traced", q.Why)
			}
		})
	}
}

// TestNamingParticiple holds invented cases of a naming verb that only
// names the noun phrase before it (rule naming_participle): "a group
// called …" said nothing, so no later quotation inherits it as speaker.
func TestNamingParticiple(t *testing.T) {
	tests := []struct {
		name, body, quote, notSpeaker string
	}{
		{"a group called, then a quotation alone",
			"“We need buses,” Jane Poe said.\n\nA group called Fair Roads has also joined the campaign.\n\n“Trains matter too.”",
			"Trains matter too.", "A group"},
		{"an outfit dubbed, then a quotation alone",
			"“We need buses,” Jane Poe said.\n\nAn outfit dubbed the Lantern Club has also joined the campaign.\n\n“Trains matter too.”",
			"Trains matter too.", "An outfit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			qs := extract(tc.body)
			i := slices.IndexFunc(qs, func(q Quote) bool { return q.Direct && q.Text == tc.quote })
			if i < 0 {
				t.Fatalf("%q not found in %q", tc.quote, directTexts(qs))
			}
			if q := qs[i]; strings.EqualFold(q.Speaker, tc.notSpeaker) {
				t.Errorf("speaker %q (%.2f): a naming participle is no speech", q.Speaker, q.Confidence)
			}
		})
	}
}

// TestBareNounSpeakers holds invented cases of a bare lower-case noun that
// does speak, which rule not_a_name must keep: a body, group or role.
func TestBareNounSpeakers(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"police", "The road was closed on Monday. “Stay indoors tonight,” police said.",
			map[string]string{"Stay indoors tonight,": "police"}},
		{"a plural group", "The road was closed on Monday. “Stay indoors tonight,” officials said.",
			map[string]string{"Stay indoors tonight,": "officials"}},
		{"a document with its determiner", "The road was closed on Monday. “Stay indoors tonight,” the statement said.",
			map[string]string{"Stay indoors tonight,": "statement"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}
