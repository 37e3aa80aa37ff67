package article

import (
	"strconv"
	"strings"
	"unicode"

	"newsbot/data/text"
)

// maxSlugLen bounds IDs so they stay usable in commands and URLs.
const maxSlugLen = 64

// Dedup drops articles whose normalised text (folded, white space
// collapsed) repeats an earlier one, warning with the repeat's path and the
// kept one's, and gives every kept article a unique ID: the slug of its
// title, with "-2", "-3", … added on collisions in order. The first
// occurrence wins, so IDs are stable as long as the load order is; callers
// that merge sets (defaults, then a user's folder) should Dedup the union
// in that order. Existing IDs are replaced.
func Dedup(arts []Article) ([]Article, []Warning) {
	out := make([]Article, 0, len(arts))
	var warns []Warning
	seen := make(map[string]string, len(arts)) // normalised body → kept path
	used := make(map[string]bool, len(arts))
	for _, a := range arts {
		key := normBody(a.Body)
		if kept, dup := seen[key]; dup {
			warns = append(warns, Warning{Path: a.Path, Reason: "duplicate of " + kept + " (same text); skipped"})
			continue
		}
		seen[key] = a.Path
		base := Slug(a.Title)
		id := base
		for n := 2; used[id]; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		used[id] = true
		a.ID = id
		out = append(out, a)
	}
	return out, warns
}

// TextKey is the text that two copies of an article share even when one
// was re-typed with other quote marks, dashes, case or line wrapping: the
// key Dedup compares, exported so that a store can refuse the same text
// twice by the same rule.
func TextKey(body string) string { return normBody(body) }

// normBody is the text two copies of an article share even when one was
// re-typed with other quote marks, dashes, case or line wrapping.
func normBody(s string) string {
	return strings.Join(strings.Fields(text.Fold(s)), " ")
}

// Slug turns a title into an ID: folded (accents and case removed), runs
// of anything but letters and digits made one "-", cut at a word boundary
// to at most 64 bytes. A title with no letters or digits gives "article".
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range text.Fold(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' {
			continue // "Starmer's" → "starmers", not "starmer-s"
		}
		dash = true
	}
	s := b.String()
	if len(s) > maxSlugLen {
		cut := strings.LastIndexByte(s[:maxSlugLen+1], '-')
		if cut <= 0 {
			// one very long word: cut at a rune boundary
			cut = maxSlugLen
			for cut > 0 && !utf8RuneStart(s[cut]) {
				cut--
			}
		}
		s = s[:cut]
	}
	if s == "" {
		return "article"
	}
	return s
}

func utf8RuneStart(c byte) bool { return c&0xC0 != 0x80 }
