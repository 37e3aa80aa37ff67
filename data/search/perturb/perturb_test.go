package perturb

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNeighbours(t *testing.T) {
	tests := []struct {
		key  rune
		want string
	}{
		{'s', "adwezx"},
		{'g', "fhtyvb"},
		{'q', "wa"},
		{'m', "njk"},
		{'S', "ADWEZX"},
		{'1', ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.key), func(t *testing.T) {
			got := Neighbours(tt.key)
			if string(got) != tt.want {
				t.Errorf("Neighbours(%q) = %q, want %q", tt.key, string(got), tt.want)
			}
		})
	}
}

func TestTypo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, kind := range []Kind{Substitution, Deletion, Insertion, Transposition} {
		t.Run(string(kind), func(t *testing.T) {
			for range 50 {
				got := Typo(kind, "discussion", r)
				if got == "discussion" {
					t.Fatalf("%s left the word unchanged", kind)
				}
				switch kind {
				case Deletion:
					if len(got) != 9 {
						t.Fatalf("deletion gave %q", got)
					}
				case Insertion:
					if len(got) != 11 {
						t.Fatalf("insertion gave %q", got)
					}
				default:
					if len(got) != 10 {
						t.Fatalf("%s gave %q", kind, got)
					}
				}
			}
		})
	}
}

func TestApply(t *testing.T) {
	frag := strings.Fields("“We’ll be on the ground, and that")
	for _, kind := range append(slices.Clone(Single), Mixed) {
		t.Run(string(kind), func(t *testing.T) {
			a := Apply(kind, frag, rand.New(rand.NewPCG(3, 4)), []string{"extra"})
			b := Apply(kind, frag, rand.New(rand.NewPCG(3, 4)), []string{"extra"})
			if a != b {
				t.Fatalf("not deterministic: %q vs %q", a, b)
			}
			if a == strings.Join(frag, " ") {
				t.Errorf("%s changed nothing: %q", kind, a)
			}
			nw := len(strings.Fields(a))
			switch kind {
			case DropWord:
				if nw != len(frag)-1 {
					t.Errorf("dropped-word gave %d words: %q", nw, a)
				}
			case ExtraWord:
				if nw != len(frag)+1 || !strings.Contains(a, "extra") {
					t.Errorf("extra-word gave %q", a)
				}
			}
		})
	}
	if got := Apply(Substitution, nil, rand.New(rand.NewPCG(1, 1)), nil); got != "" {
		t.Errorf("empty fragment gave %q", got)
	}
}
