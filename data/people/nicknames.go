package people

import (
	_ "embed"
	"slices"
	"strings"
)

// nicknameFile lists given-name variants, one group per line (see the
// file's header); TestNicknames checks its form.
//
//go:embed words/nicknames.txt
var nicknameFile string

// nicknameGroups maps a folded given name to the groups it belongs to
// (indices into nicknameMembers): "bill" and "william" share one.
var nicknameGroups, nicknameMembers = readNicknames(nicknameFile)

func readNicknames(file string) (map[string][]int, [][]string) {
	groups := map[string][]int{}
	var members [][]string
	for _, line := range strings.Split(file, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		ws := strings.Fields(line)
		if len(ws) == 0 {
			continue
		}
		for _, w := range ws {
			groups[w] = append(groups[w], len(members))
		}
		members = append(members, ws)
	}
	return groups, members
}

// variants returns the other given names that may stand for w ("bill",
// "billy", "will" … for "william").
func variants(w string) []string {
	var out []string
	for _, g := range nicknameGroups[w] {
		for _, v := range nicknameMembers[g] {
			if v != w && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// SameGiven reports whether two given names can name one person: equal
// once folded, variants of one name ("Bill" and "William", "Sandy" and
// "Sandra").
func SameGiven(a, b string) bool {
	a, b = strings.ToLower(strings.TrimSuffix(a, ".")), strings.ToLower(strings.TrimSuffix(b, "."))
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	for _, ga := range nicknameGroups[a] {
		for _, gb := range nicknameGroups[b] {
			if ga == gb {
				return true
			}
		}
	}
	return false
}

// nameSuffixes follow a surname without being one ("Jr.", "III").
var nameSuffixes = wordSet("name_suffixes.txt")

// splitName folds a name's words and splits them into given name, middle
// names (initials without their stops) and surname, dropping a suffix.
func splitName(name []string) (first string, middles []string, last, suffix string, ok bool) {
	ws := make([]string, 0, len(name))
	for _, w := range name {
		ws = append(ws, strings.ToLower(w))
	}
	for len(ws) > 2 && nameSuffixes[ws[len(ws)-1]] {
		suffix = strings.TrimSuffix(ws[len(ws)-1], ".") + suffix
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 2 {
		return "", nil, "", "", false
	}
	for _, m := range ws[1 : len(ws)-1] {
		middles = append(middles, strings.TrimSuffix(m, "."))
	}
	return ws[0], middles, ws[len(ws)-1], suffix, true
}

// SameFullName reports whether two full names (words, titles stripped)
// can name one person: one surname, given names that are the same or
// variants of one name ("Chuck" and "Charles"), and no middle name of one
// that the other contradicts ("Jane A. Roe" is "Jane Roe" and "Jane Ann
// Roe", not "Jane B. Roe"). Given names that tell different genders never
// match ("Chris" and "Christine"), nor names with different suffixes ("Tom
// Roe Jr." is his father's son, not "Tom Roe").
func SameFullName(a, b []string) bool {
	fa, ma, la, sa, ok1 := splitName(a)
	fb, mb, lb, sb, ok2 := splitName(b)
	// "Tom Roe Jr." is not "Tom Roe": a suffix tells a son from his father
	if !ok1 || !ok2 || la != lb || sa != sb || !SameGiven(fa, fb) {
		return false
	}
	if ga, gb := FirstNameGender(fa), FirstNameGender(fb); ga != Unknown && gb != Unknown && ga != gb {
		return false
	}
	if len(ma) > len(mb) {
		ma, mb = mb, ma
	}
	// every middle word of the shorter name agrees with one of the longer
	for _, m := range ma {
		found := false
		for _, n := range mb {
			if m == n || len(m) == 1 && strings.HasPrefix(n, m) || len(n) == 1 && strings.HasPrefix(m, n) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
