package article

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFromHTML extracts invented pages of the shapes news sites have
// (navigation, adverts, captions, bylines, JSON-LD metadata) and pins the
// result with golden files.
func TestFromHTML(t *testing.T) {
	cases := []struct {
		file    string
		url     string
		wantErr error
	}{
		{file: "harbour.html", url: "https://gazette.example/harbour"},
		{file: "jsonld.html", url: "https://courier.example/school"},
		{file: "homepage.html", url: "https://gazette.example/", wantErr: ErrNoArticleText},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "html", c.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			u, _ := url.Parse(c.url)
			a, err := FromHTML(f, u)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v; want %v", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, junk := range []string{"Advertisement", "Sponsored", "Most read", "Photo:", "By Jo Quill", "cookies", "Share on", "All rights"} {
				if strings.Contains(a.Body, junk) {
					t.Errorf("body keeps page furniture %q", junk)
				}
			}
			if !strings.Contains(a.Body, "\n\n") {
				t.Errorf("paragraph breaks lost")
			}
			checkGolden(t, "html/"+strings.TrimSuffix(c.file, ".html")+".golden.json", a)
		})
	}
}

// TestParseHTMLUpload: an uploaded .html file goes through the same
// extraction, and a page with no article is refused with that reason.
func TestParseHTMLUpload(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "html", "harbour.html"))
	if err != nil {
		t.Fatal(err)
	}
	arts, err := Parse("saved page.HTML", page)
	if err != nil || len(arts) != 1 || arts[0].Title != "Harbour wall to be rebuilt" || arts[0].Path != "saved page.HTML" {
		t.Fatalf("Parse(.html) = %+v, %v", arts, err)
	}
	home, _ := os.ReadFile(filepath.Join("testdata", "html", "homepage.html"))
	if _, err := Parse("home.htm", home); !errors.Is(err, ErrNoArticleText) {
		t.Errorf("home page: %v; want ErrNoArticleText", err)
	}
}

// TestFromHTMLKeepsUTF8: a short UTF-8 page with curly quotation marks is
// read as UTF-8 (readability's own byte-based guess took such pages for
// Windows-1252 and turned “ into â€œ, losing the quotations), while a page
// that is not UTF-8 still goes through the charset guess.
func TestFromHTMLKeepsUTF8(t *testing.T) {
	page := func(quote string) string {
		return `<html><head><title>Ferry pier to reopen</title></head><body><article><h1>Ferry pier to reopen</h1>
<p>The harbour board met on Tuesday to discuss the state of the old sea wall and the instruments fixed to it.</p>
<p>` + quote + ` said the harbour master, Tom Reed.</p>
<p>Work is expected to start in the coming weeks, the board said in a statement.</p></article></body></html>`
	}
	tests := []struct {
		name string
		body string
		want string
	}{
		{"UTF-8 curly quotes", page("“The pier will reopen in June,”"), "“The pier will reopen in June,”"},
		{"Latin-1 bytes", page("\"The pier will reopen in June,\" caf\xe9 owners heard;"), "café owners"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromHTML(strings.NewReader(tt.body), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Body, tt.want) {
				t.Errorf("body %q lacks %q", a.Body, tt.want)
			}
			if strings.Contains(a.Body, "â€") {
				t.Errorf("body is mojibake: %q", a.Body)
			}
		})
	}
}
