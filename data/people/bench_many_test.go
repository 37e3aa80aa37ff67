package people

import (
	"fmt"
	"strings"
	"testing"
)

// inventedSurname is the i-th of many made-up capitalised words ("Kabadu").
func inventedSurname(i int) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var sb strings.Builder
	sb.WriteByte(cons[i%len(cons)] - 'a' + 'A')
	i /= len(cons)
	for range 3 {
		sb.WriteByte(vows[i%len(vows)])
		i /= len(vows)
		sb.WriteByte(cons[i%len(cons)])
		i /= len(cons)
	}
	return sb.String()
}

// BenchmarkFindManyPeople finds the people of a hostile article that names
// n of them, each by a full name, an honorific and the surname alone:
// compare the time per op at the two sizes (n² grows 16 times).
func BenchmarkFindManyPeople(b *testing.B) {
	firsts := []string{"Anna", "Peter", "William", "Bill", "Sandra", "Sandy", "Charles", "Chuck", "Maria", "John"}
	for _, n := range []int{1000, 4000} {
		var sb strings.Builder
		for i := range n {
			s := inventedSurname(i*7919 + 3)
			fmt.Fprintf(&sb, "%s %s, a lawyer, met Mr. %s. The road was open, %s said. ", firsts[i%len(firsts)], s, s, s)
		}
		body := sb.String()
		b.Run(fmt.Sprintf("people=%d", n), func(b *testing.B) {
			for b.Loop() {
				FindTokens(body, nil, nil)
			}
		})
	}
}
