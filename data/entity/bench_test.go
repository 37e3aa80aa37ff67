package entity

import (
	"fmt"
	"strings"
	"testing"
)

// inventedName is the i-th of many made-up capitalised words ("Kabadu").
func inventedName(i int) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var sb strings.Builder
	sb.WriteByte(cons[i%len(cons)] - 'a' + 'A')
	i /= len(cons)
	for range 4 {
		sb.WriteByte(vows[i%len(vows)])
		i /= len(vows)
		sb.WriteByte(cons[i%len(cons)])
		i /= len(cons)
	}
	return sb.String()
}

// BenchmarkBuildManyOrganisations analyses a hostile article: n
// organisations, each followed by a quotation "the Agency" speaks. The
// work must grow with n, not n² (each quotation used to scan every
// organisation, and each organisation every other): compare the time per
// op at the two sizes.
func BenchmarkBuildManyOrganisations(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		var sb strings.Builder
		for i := range n {
			fmt.Fprintf(&sb, "The %s Foods met. “We will build the %s road this year,” the Agency said. ", inventedName(i*7919+13), inventedName(i))
		}
		body := sb.String()
		b.Run(fmt.Sprintf("orgs=%d", n), func(b *testing.B) {
			for b.Loop() {
				build(body)
			}
		})
	}
}
