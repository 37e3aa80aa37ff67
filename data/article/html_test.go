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
