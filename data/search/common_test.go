package search

import (
	"strings"
	"testing"
)

// A query made only of function words is in nearly every text: on a small
// index frequencies cannot show it, so the index must know it by itself.
func TestFunctionWordsNeverConfident(t *testing.T) {
	quotes := seedQuotes(t)
	names := []string{"Keir Starmer", "Donald Trump", "Lord Mandelson · the British Ambassador"}
	tests := []struct {
		name  string
		ix    *Index
		query string
	}{
		{"quotes", Build(quotes), "of the"},
		{"quotes", Build(quotes), "the"},
		{"quotes", Build(quotes), "it is what it is"},
		{"quotes", Build(quotes), "we are not"},
		{"quotes", Build(quotes), "they said"},
		{"names", BuildWith(names, Options{Short: true}), "the"},
		{"names", BuildWith(names, Options{Short: true}), "the british"[:3]},
	}
	for _, tt := range tests {
		for _, complete := range []bool{false, true} {
			t.Run(tt.name+"/"+tt.query, func(t *testing.T) {
				hs := tt.ix.Search(tt.query, 5)
				if complete {
					hs = tt.ix.Complete(tt.query, 5)
				}
				if len(hs) > 0 && hs[0].Score >= confident {
					t.Errorf("complete=%v %q: first hit %d scores %.3f ≥ %.2f", complete, tt.query, hs[0].ID, hs[0].Score, confident)
				}
			})
		}
	}
}

// A hit that shares only function words with a query that has a content
// word is no hit: autocomplete for "the specif" lists the quotation with
// "specifics", not every one with "the".
func TestContentWordDecides(t *testing.T) {
	quotes := seedQuotes(t)
	ix := Build(quotes)
	tests := []struct {
		query, want string
		complete    bool
	}{
		{"the specif", "the specifics", true},
		{"the specifics", "the specifics", false},
		{"the backstop", "the backstop", false},
		{"of the backs", "the backstop", true},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hs := ix.Search(tt.query, 25)
			if tt.complete {
				hs = ix.Complete(tt.query, 25)
			}
			if len(hs) == 0 || !strings.Contains(strings.ToLower(quotes[hs[0].ID]), tt.want) || hs[0].Score < confident {
				t.Fatalf("%q: %v, want a confident first hit with %q", tt.query, hs, tt.want)
			}
			for _, h := range hs {
				if !strings.Contains(strings.ToLower(quotes[h.ID]), tt.want[strings.LastIndex(tt.want, " ")+1:][:4]) {
					t.Errorf("%q: hit %q shares only function words with the query", tt.query, quotes[h.ID])
				}
			}
		})
	}
	// /search (Keyword) keeps mentions of common words when that is all
	// the query has.
	kx := BuildWith(seedSentences(t), Options{Keyword: true})
	if hs := kx.Search("of the", 5); len(hs) == 0 {
		t.Errorf("Keyword index: no mention of %q", "of the")
	}
}

// A typo in the word still being typed: one edit is forgiven from
// minLenPrefixTypo letters, none before.
func TestCompletePrefixTypo(t *testing.T) {
	quotes := seedQuotes(t)
	ix := Build(quotes)
	tests := []struct {
		typed, want string // want "" means no hit at all
	}{
		{"I'm not going to make secuir", "not going to make security guarantees"},  // transposition
		{"I'm not going to make secr", "not going to make security guarantees"},    // too short for a typo, but the words before decide
		{"the specifics of the bakcst", "The specifics of the backstop"},           // transposition
		{"the specifics of the bacstop", "The specifics of the backstop"},          // a letter missed, whole word typed
		{"the specifics of the backxto", "The specifics of the backstop"},          // substitution
		{"would give Putin the chanxe to reg", "give Putin the chance to regroup"}, // typo in a finished word, prefix after
		{"fair and ballan", "fair and balanced"},                                   // a letter too many
		{"secui", "security"},                                                      // alone: the prefix typo finds it
		{"secx", ""},                                                               // under the length gate
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			hs := ix.Complete(tt.typed, 5)
			if tt.want == "" {
				if len(hs) != 0 {
					t.Fatalf("Complete(%q) = %v, want nothing (no typo below %d letters)", tt.typed, hs, minLenPrefixTypo)
				}
				return
			}
			if len(hs) == 0 || !strings.Contains(quotes[hs[0].ID], tt.want) {
				var got []string
				for _, h := range hs {
					got = append(got, quotes[h.ID])
				}
				t.Fatalf("Complete(%q) = %q, want first to contain %q", tt.typed, got, tt.want)
			}
		})
	}
	// Search (a finished query) does not read the last word as a prefix.
	if hs := ix.Search("secui", 5); len(hs) != 0 {
		t.Errorf("Search(secui) = %v, want nothing: only Complete forgives a mistyped prefix", hs)
	}
}

// Two words are often keywords: near each other in order they identify a
// quotation; reversed or far apart they do not.
func TestTwoWordQueries(t *testing.T) {
	quotes := seedQuotes(t)
	ix := Build(quotes)
	tests := []struct {
		query, want string
		confident   bool
	}{
		{"Putin regroup", "give Putin the chance to regroup", true},
		{"new partnership", "new partnership", true},
		{"regroup Putin", "give Putin the chance to regroup", false},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hs := ix.Search(tt.query, 3)
			if len(hs) == 0 || !strings.Contains(quotes[hs[0].ID], tt.want) {
				t.Fatalf("Search(%q) = %v, want first to contain %q", tt.query, hs, tt.want)
			}
			if got := hs[0].Score >= confident; got != tt.confident {
				t.Errorf("Search(%q): score %.3f, confident %v, want %v", tt.query, hs[0].Score, got, tt.confident)
			}
		})
	}
}

// A known content word is not taken for a typo of a function word: "dare"
// must not find every quotation with "are".
func TestContentWordNotTypoOfFunctionWord(t *testing.T) {
	quotes := seedQuotes(t)
	ix := Build(quotes)
	for _, q := range []string{"dare", "mess with our people"} {
		t.Run(q, func(t *testing.T) {
			hs := ix.Search(q, 10)
			if len(hs) == 0 || hs[0].Score < confident {
				t.Fatalf("Search(%q) = %v, want a confident hit", q, hs)
			}
			for _, h := range hs {
				if !strings.Contains(quotes[h.ID], "dare") {
					t.Errorf("Search(%q): hit %q has no %q", q, quotes[h.ID], "dare")
				}
			}
		})
	}
}
