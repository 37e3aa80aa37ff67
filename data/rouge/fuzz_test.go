package rouge

import (
	"strings"
	"testing"
)

// FuzzTokenize checks that tokens are non-empty [a-z0-9] runs and that
// scoring a text against itself gives F1 1 whenever it has a token.
func FuzzTokenize(f *testing.F) {
	f.Add("The quick brown fox.", true)
	f.Add("İstanbul K café — 3.7%", false)
	f.Add("yyyyyyyyyyyy skies dying", true)
	f.Fuzz(func(t *testing.T, s string, stem bool) {
		toks := Tokenize(s, stem)
		for _, tok := range toks {
			if tok == "" || strings.Trim(tok, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
				t.Fatalf("bad token %q from %q", tok, s)
			}
		}
		sc := Text(s, s, stem)
		if len(toks) > 0 && (sc.R1.F < 0.999999 || sc.RLsum.F < 0.999999) {
			t.Fatalf("self-score of %q = %+v", s, sc)
		}
	})
}
