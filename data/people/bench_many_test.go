package people

import (
	"fmt"
	"strings"
	"testing"

	"newsbot/data/article/articletest"
)

// BenchmarkFindManyPeople finds the people of a hostile article that names
// n of them, each by a full name, an honorific and the surname alone:
// compare the time per op at the two sizes (n² grows 16 times).
func BenchmarkFindManyPeople(b *testing.B) {
	firsts := []string{"Anna", "Peter", "William", "Bill", "Sandra", "Sandy", "Charles", "Chuck", "Maria", "John"}
	for _, n := range []int{1000, 4000} {
		var sb strings.Builder
		for i := range n {
			s := articletest.InventedName(i*7919+3, 3)
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
