package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSentences checks the invariants on arbitrary input; the seeds run as
// part of go test, `go test -fuzz=FuzzSentences ./data/text` explores more.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"", "Mr. A. B. went to the U.S. on Jan. 5 at 3 p.m. He left.", `"Really?" she asked. "Yes."`,
		"… . . . ?! “” ‘’ «» ()", "1. List\n2. Items", "x\xffy. Z", "No. 1. No. The",
		"on Monday Scroll down for video The x", "Click here to (x) The a", "Scroll down to",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		checkSentences(t, body, Sentences(body))
	})
}

// FuzzFold checks that folding is idempotent, gives valid UTF-8 for valid
// input and never turns letters into upper case.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "ABC", "Café “Noël” — Straße", "ǅ ǈ ǋ", "ΣΑΣ", "e\u0301\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		once := Fold(s)
		if !utf8.ValidString(once) {
			t.Fatalf("Fold(%q) = %q is not valid UTF-8", s, once)
		}
		if twice := Fold(once); twice != once {
			t.Fatalf("Fold not idempotent on %q: %q then %q", s, once, twice)
		}
		if strings.ContainsAny(once, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			t.Fatalf("Fold(%q) = %q keeps ASCII capitals", s, once)
		}
	})
}
