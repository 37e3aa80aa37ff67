package article

import (
	"strings"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, and that what it
// returns is usable: titles and bodies present and trimmed.
func FuzzParse(f *testing.F) {
	seeds := []struct{ name, data string }{
		{"a.txt", "Title\nBody."},
		{"a.md", "---\ntitle: \"T\"\ntags:\n  - x\n---\n# H\n**b** [l](u) ![i](j)\n> q\n```\nc\n```"},
		{"a.json", `[{"title":"T","text":"B"},{"title":1}]`},
		{"a.json", `{"title":"T","text":"B"}`},
		{"a.md", "[a][b][c](d)<e><f@g>`h``i`\\*j*_k_~~l~~"},
	}
	for _, s := range seeds {
		f.Add(s.name, []byte(s.data))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		arts, _ := Parse(name, data)
		for _, a := range arts {
			if a.Title == "" || strings.TrimSpace(a.Title) != a.Title {
				t.Fatalf("bad title %q", a.Title)
			}
			if a.Body == "" || strings.TrimSpace(a.Body) != a.Body {
				t.Fatalf("bad body %q", a.Body)
			}
		}
	})
}
