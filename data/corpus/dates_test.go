package corpus

import (
	"strings"
	"testing"

	"newsbot/data/article"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // 2006-01-02, "" when unreadable
	}{
		{"2025-03-01", "2025-03-01"},
		{" 2025-03-01 ", "2025-03-01"},
		{"2025-03-01T09:30:00Z", "2025-03-01"},
		{"Sat, 01 Mar 2025 09:30:00 +0000", "2025-03-01"},
		{"March 1, 2025", "2025-03-01"},
		{"1 March 2025", "2025-03-01"},
		{"", ""},
		{"last Tuesday", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if !ok {
				if tt.want != "" {
					t.Errorf("unreadable, want %s", tt.want)
				}
				return
			}
			if s := got.Format("2006-01-02"); s != tt.want {
				t.Errorf("got %s, want %q", s, tt.want)
			}
		})
	}
}

func TestNewest(t *testing.T) {
	c := New([]*Doc{
		{Article: article.Article{ID: "undated-a"}},
		{Article: article.Article{ID: "march", Date: "2025-03-01"}},
		{Article: article.Article{ID: "bad-date", Date: "soon"}},
		{Article: article.Article{ID: "may", Date: "May 2, 2025"}},
		{Article: article.Article{ID: "feb", Date: "2025-02-27T10:00:00Z"}},
		{Article: article.Article{ID: "undated-b"}},
	})
	var got []string
	for _, d := range c.Newest() {
		got = append(got, d.ID)
	}
	want := "may march feb undated-a bad-date undated-b"
	if strings.Join(got, " ") != want {
		t.Errorf("Newest = %v, want %s", got, want)
	}
	if c.Docs[0].ID != "undated-a" {
		t.Error("Newest reordered Docs")
	}
}
