package entity

import (
	"fmt"
	"strings"
	"testing"

	"newsbot/data/article/articletest"
)

// BenchmarkBuildManyOrganisations analyses a hostile article: n
// organisations, each followed by a quotation "the Agency" speaks. The
// work must grow with n, not n² (each quotation used to scan every
// organisation, and each organisation every other): compare the time per
// op at the two sizes.
func BenchmarkBuildManyOrganisations(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		var sb strings.Builder
		for i := range n {
			fmt.Fprintf(&sb, "The %s Foods met. “We will build the %s road this year,” the Agency said. ", articletest.InventedName(i*7919+13, 4), articletest.InventedName(i, 4))
		}
		body := sb.String()
		b.Run(fmt.Sprintf("orgs=%d", n), func(b *testing.B) {
			for b.Loop() {
				build(body)
			}
		})
	}
}
