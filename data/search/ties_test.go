package search

import (
	"context"
	"fmt"
	"testing"
)

// TestCandidatesTiedAtTheEdge checks the candidates of a query whose walked
// words leave more texts tied than the candidates kept (as a fragment of
// common words does at ten million): the right text, the last of them,
// must still come first by the word not walked (refine), not be lost to
// the earlier texts.
func TestCandidatesTiedAtTheEdge(t *testing.T) {
	const tied = 30 // more than the candidates kept (cands), within the shortlist (2*cands)
	cases := []struct {
		name  string
		b     budget // a small one stands in for the millions
		walk  int
		other string // a text tied with the right one
		right string
	}{
		// the two rarer words ("harbour", "lantern") are walked, the
		// commonest ("orchard") not
		{"the word not walked", budget{soft: 50, hard: 250, cands: 16}, 2,
			"harbour pebble lantern cobalt tundra", "pebble harbour lantern orchard vivid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var texts []string
			for i := range tied - 1 {
				texts = append(texts, fmt.Sprintf("%s item%d", c.other, i))
			}
			texts = append(texts, c.right)
			right := len(texts) - 1
			for i := range 300 {
				texts = append(texts, fmt.Sprintf("orchard music vivid note%d", i))
			}
			ix := Build(texts)
			words := queryWords("harbour lantern orchard")
			groups := make([]group, len(words))
			for i, w := range words {
				groups[i] = ix.expand(w, false)
			}
			dfs := []int{groups[0].df, groups[1].df, groups[2].df}
			p := planWalk(dfs, c.b)
			if p.walk != c.walk {
				t.Fatalf("walked %d groups (dfs %v), want %d", p.walk, dfs, c.walk)
			}
			cs, _, err := ix.candidates(context.Background(), groups, 5, nil, p, c.b)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) == 0 || cs[0].d != uint32(right) {
				t.Errorf("first candidate %v, want text %d (%q)", cs[:min(3, len(cs))], right, c.right)
			}
		})
	}
}
