package article

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		data    string
		want    []Article // ID and Path are checked separately
		wantErr error     // sentinel, checked with errors.Is
	}{
		{
			name: "txt title and body",
			file: "a.txt",
			data: "\n\n  Storm Hits Coast  \n\nWinds rose overnight.\nPower was cut.\n\n",
			want: []Article{{Title: "Storm Hits Coast", Body: "Winds rose overnight.\nPower was cut."}},
		},
		{
			name: "txt body kept verbatim inside",
			file: "a.txt",
			data: "Title\n  Indented   spacing   kept.\n\n\nGap kept.",
			want: []Article{{Title: "Title", Body: "Indented   spacing   kept.\n\n\nGap kept."}},
		},
		{
			name: "txt CRLF and lone CR normalised",
			file: "a.txt",
			data: "Title\r\nLine one.\r\nLine two.\rLine three.",
			want: []Article{{Title: "Title", Body: "Line one.\nLine two.\nLine three."}},
		},
		{
			name: "txt UTF-8 BOM dropped",
			file: "a.txt",
			data: "\xEF\xBB\xBFTitle\nBody.",
			want: []Article{{Title: "Title", Body: "Body."}},
		},
		{
			name: "txt extension case-insensitive",
			file: "A.TXT",
			data: "Title\nBody.",
			want: []Article{{Title: "Title", Body: "Body."}},
		},
		{name: "txt title only", file: "a.txt", data: "Just A Headline\n\n", wantErr: ErrNoBody},
		{name: "txt empty", file: "a.txt", data: "", wantErr: ErrEmpty},
		{name: "txt blank", file: "a.txt", data: " \n\t\r\n", wantErr: ErrEmpty},
		{name: "txt binary", file: "a.txt", data: "Title\nbo\x00dy", wantErr: ErrBinary},
		{name: "txt latin-1", file: "a.txt", data: "Caf\xe9\nBody.", wantErr: ErrNotUTF8},
		{name: "txt UTF-16", file: "a.txt", data: "\xff\xfeT\x00i\x00", wantErr: ErrUTF16},
		{name: "unknown extension", file: "a.docx", data: "Title\nBody.", wantErr: ErrUnknownExt},
		{name: "no extension", file: "README", data: "Title\nBody.", wantErr: ErrUnknownExt},
		{
			name: "md front matter",
			file: "a.md",
			data: "---\ntitle: \"Quoted: Title\"\ndate: 2025-01-02\nsource: 'It''s News'\nurl: https://example.com/x # comment\nauthor: A. Writer\n---\nBody text.\n",
			want: []Article{{Title: "Quoted: Title", Body: "Body text.", Date: "2025-01-02", Source: "It's News",
				URL: "https://example.com/x", Author: "A. Writer"}},
		},
		{
			name: "md heading repeating front matter title is dropped",
			file: "a.md",
			data: "---\ntitle: Same Title\n---\n# Same title\n\nBody.\n",
			want: []Article{{Title: "Same Title", Body: "Body."}},
		},
		{
			name: "md heading kept when front matter title differs",
			file: "a.md",
			data: "---\ntitle: Real Title\n---\n# Section\n\nBody.\n",
			want: []Article{{Title: "Real Title", Body: "Section\n\nBody."}},
		},
		{
			name: "md title from first level-1 heading",
			file: "a.md",
			data: "## Kicker\n\n# The Title #\n\nBody *one*.\n",
			want: []Article{{Title: "The Title", Body: "Kicker\n\nBody one."}},
		},
		{
			name: "md title from any heading when no level 1",
			file: "a.md",
			data: "### Small Title\nBody.\n",
			want: []Article{{Title: "Small Title", Body: "Body."}},
		},
		{
			name: "md setext title",
			file: "a.markdown",
			data: "The Title\n=====\n\nBody.\n",
			want: []Article{{Title: "The Title", Body: "Body."}},
		},
		{
			name: "md ignores other keys and nested values",
			file: "a.md",
			data: "---\nlayout: post\ntags:\n  - a\n  - b\nmeta:\n  k: v\ntitle: T\n---\nBody.\n",
			want: []Article{{Title: "T", Body: "Body."}},
		},
		{
			name: "md front matter with CRLF and ... close",
			file: "a.md",
			data: "---\r\ntitle: T\r\n...\r\nBody.\r\n",
			want: []Article{{Title: "T", Body: "Body."}},
		},
		{name: "md no title", file: "a.md", data: "Just text.\n\nMore.\n", wantErr: ErrNoTitle},
		{name: "md front matter not key value", file: "a.md", data: "---\ntitle: T\nnot a pair\n---\nBody.", wantErr: ErrFrontMatter},
		{name: "md front matter unclosed", file: "a.md", data: "---\ntitle: T\nBody.", wantErr: ErrFrontMatter},
		{name: "md front matter only opener", file: "a.md", data: "---", wantErr: ErrFrontMatter},
		{name: "md front matter duplicate key", file: "a.md", data: "---\ntitle: A\ntitle: B\n---\nBody.", wantErr: ErrFrontMatter},
		{name: "md front matter unterminated quote", file: "a.md", data: "---\ntitle: \"A\n---\nBody.", wantErr: ErrFrontMatter},
		{name: "md front matter bad escape", file: "a.md", data: "---\ntitle: \"A\\q\"\n---\nBody.", wantErr: ErrFrontMatter},
		{name: "md front matter list for title", file: "a.md", data: "---\ntitle: [a, b]\n---\nBody.", wantErr: ErrFrontMatter},
		{name: "md front matter block scalar", file: "a.md", data: "---\ntitle: >\n  long\n---\nBody.", wantErr: ErrFrontMatter},
		{name: "md front matter stray indent", file: "a.md", data: "---\ntitle: T\n  indented\n---\nBody.", wantErr: ErrFrontMatter},
		{name: "md front matter no space after colon", file: "a.md", data: "---\ntitle:T\n---\nBody.", wantErr: ErrFrontMatter},
		{name: "md heading but no body", file: "a.md", data: "# Title\n\n![img](x.png)\n", wantErr: ErrNoBody},
		{
			name: "json object",
			file: "a.json",
			data: `{"title":"T","text":"Line one.\r\nLine two.","date":"d","source":"s","url":"u","author":"a","extra":1}`,
			want: []Article{{Title: "T", Body: "Line one.\nLine two.", Date: "d", Source: "s", URL: "u", Author: "a"}},
		},
		{
			name: "json array",
			file: "a.json",
			data: `[{"title":"One","text":"First."},{"title":"Two","text":"Second."}]`,
			want: []Article{{Title: "One", Body: "First."}, {Title: "Two", Body: "Second."}},
		},
		{name: "json malformed", file: "a.json", data: `{"title": "T", "text": "x"`, wantErr: ErrMalformedJSON},
		{name: "json trailing data", file: "a.json", data: `{"title": "T", "text": "x"} {}`, wantErr: ErrMalformedJSON},
		{name: "json wrong type", file: "a.json", data: `{"title": 5, "text": "x"}`, wantErr: ErrMalformedJSON},
		{name: "json not an object", file: "a.json", data: `"just a string"`, wantErr: ErrMalformedJSON},
		{name: "json no text", file: "a.json", data: `{"title": "T"}`, wantErr: ErrNoBody},
		{name: "json no title", file: "a.json", data: `{"text": "Body."}`, wantErr: ErrNoTitle},
		{name: "json empty array", file: "a.json", data: `[]`, wantErr: ErrEmpty},
		{name: "json array of one bad", file: "a.json", data: `[{"title": "T"}]`, wantErr: ErrNoBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.file, []byte(tt.data))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Parse error = %v, want %v", err, tt.wantErr)
				}
				if len(got) != 0 {
					t.Errorf("Parse returned %d articles with error %v", len(got), err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for i := range got {
				if !strings.HasPrefix(got[i].Path, tt.file) {
					t.Errorf("article %d Path = %q, want it to start with %q", i, got[i].Path, tt.file)
				}
				if got[i].ID != "" {
					t.Errorf("article %d ID = %q; Parse leaves IDs to Dedup", i, got[i].ID)
				}
				got[i].Path = ""
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse\n got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

// TestParseJSONPartial: an array with bad entries loads the good ones and
// says which entries were skipped and why, in one error.
func TestParseJSONPartial(t *testing.T) {
	data := `[{"title":"Good One","text":"Body one."},{"title":"","text":"x"},{"title":"Bad Type","text":7},{"title":"Good Two","text":"Body two."},"str"]`
	got, err := Parse("feed.json", []byte(data))
	if len(got) != 2 || got[0].Title != "Good One" || got[1].Title != "Good Two" {
		t.Fatalf("got %+v, want the two good entries", got)
	}
	if got[0].Path != "feed.json[0]" || got[1].Path != "feed.json[3]" {
		t.Errorf("paths = %q, %q; want feed.json[0], feed.json[3]", got[0].Path, got[1].Path)
	}
	if err == nil {
		t.Fatal("no error for the bad entries")
	}
	for _, want := range []string{"skipped 3 of 5", "[1] no title", "[2] malformed JSON", "[4] malformed JSON"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestMarkdownToText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"emphasis", "Some **bold**, *italic*, __strong__, _em_ and ~~gone~~ text.", "Some bold, italic, strong, em and gone text."},
		{"lone star and snake_case kept", "5 * 3 is 15 in snake_case_name.", "5 * 3 is 15 in snake_case_name."},
		{"links and images", "See [the report](http://x.org/r \"T\") and ![chart](c.png) or [ref link][r].", "See the report and or ref link."},
		{"nested brackets in link", "A [link [with] brackets](u) here.", "A link [with] brackets here."},
		{"autolink and html", "Mail <a@b.org>, visit <https://x.org>, <b>bold</b><br/>.", "Mail a@b.org, visit https://x.org, bold."},
		{"inline code", "Run `go test` now.", "Run go test now."},
		{"escapes and entities", `Price \*not\* 5 &amp; &quot;ok&quot;.`, `Price *not* 5 & "ok".`},
		{"soft wraps joined", "A line\nwrapped here.\n\nNew para.", "A line wrapped here.\n\nNew para."},
		{"hard break", "Line one  \nline two\\\nthree", "Line one line two three"},
		{"headings", "# One\n## Two ##\nText.", "One\n\nTwo\n\nText."},
		{"lists", "- first item\n* second\n+ third\n1. fourth\n2) fifth", "first item\n\nsecond\n\nthird\n\nfourth\n\nfifth"},
		{"list item continues", "- a long item\n  that wraps\n- next", "a long item that wraps\n\nnext"},
		{"block quote", "> \"We will\n> go on,\" she said.\n>\n> > Nested.", "\"We will go on,\" she said.\n\nNested."},
		{"code fence", "Before.\n```go\nx := 1\n\n```\nAfter.", "Before.\n\nx := 1\n\nAfter."},
		{"tilde fence unclosed", "~~~\ncode line", "code line"},
		{"rules dropped", "Above.\n\n---\n\n* * *\n\nBelow.", "Above.\n\nBelow."},
		{"setext h2", "Sub\n---\nText.", "Sub\n\nText."},
		{"link definitions dropped", "Text [a][1].\n\n[1]: http://x.org", "Text a."},
		{"html comment", "Keep <!-- drop\nthis --> this.", "Keep this."},
		{"table rule dropped", "| a | b |\n|---|:-:|\n| 1 | 2 |", "| a | b | | 1 | 2 |"},
		{"unbalanced markup left alone", "An [open bracket and a ( and `tick.", "An [open bracket and a ( and `tick."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			for _, b := range mdBlocks(tt.in) {
				parts = append(parts, b.text)
			}
			if got := strings.Join(parts, "\n\n"); got != tt.want {
				t.Errorf("mdBlocks(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
