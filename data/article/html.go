package article

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNoArticleText is a page whose main text, once navigation, adverts and
// the like are gone, is too short to be an article (a home page, a login
// wall, a gallery).
var ErrNoArticleText = errors.New("no article text found on that page")

// minArticleWords is the fewest words an extracted page must have to be
// taken as an article: a news brief has a few dozen, a teaser or a cookie
// banner fewer.
const minArticleWords = 30

// maxHTMLNodes bounds the work readability does on one page: real article
// pages have a few thousand elements; a page built to be slow has millions.
const maxHTMLNodes = 100_000

// parsePage parses the page for readability. Text that is valid UTF-8 is
// parsed as UTF-8: readability's own reader guesses the charset from the
// bytes alone (not the header, not the page's <meta>), and takes a short
// UTF-8 page with a few curly quotation marks for Windows-1252, which turns
// every “ into â€œ and loses the page's quotations. The fetcher has already
// turned pages in other charsets into UTF-8 from the header or the <meta>;
// only bytes that are not UTF-8 (an uploaded Latin-1 file) are left to the
// guess.
func parsePage(parser *readability.Parser, r io.Reader, pageURL *url.URL) (readability.Article, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return readability.Article{}, err
	}
	if !utf8.Valid(b) {
		return parser.Parse(bytes.NewReader(b), pageURL)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return readability.Article{}, fmt.Errorf("failed to parse input: %v", err)
	}
	return parser.ParseAndMutate(doc, pageURL)
}

// parseHTML reads an uploaded .html file as a web page.
func parseHTML(name, text string) ([]Article, error) {
	a, err := FromHTML(strings.NewReader(text), nil)
	if err != nil {
		return nil, err
	}
	a.Path = name
	return []Article{a}, nil
}

// FromHTML extracts the article from a web page (UTF-8 HTML or XHTML) with
// readability, as Firefox's reader view does: the main text without
// navigation, adverts, asides, photo captions or the byline line, paragraph
// breaks kept (quotation parsing needs them), and the title, author
// (byline), outlet (site name) and publication date from the page's
// metadata. pageURL (may be nil) resolves relative links and becomes the
// article's URL.
func FromHTML(r io.Reader, pageURL *url.URL) (Article, error) {
	parser := readability.NewParser()
	parser.MaxElemsToParse = maxHTMLNodes
	// Classes stay so that dropFurniture can see what an element is.
	parser.KeepClasses = true
	page, err := parsePage(&parser, r, pageURL)
	if err != nil {
		if strings.Contains(err.Error(), "documents too large") {
			return Article{}, fmt.Errorf("%w: the page has over %d elements", ErrTooLarge, maxHTMLNodes)
		}
		return Article{}, fmt.Errorf("%w (%v)", ErrNoArticleText, err)
	}
	if page.Node == nil {
		return Article{}, ErrNoArticleText
	}
	byline := strings.TrimSpace(page.Byline())
	dropFurniture(page.Node, byline)
	var b bytes.Buffer
	if err := page.RenderText(&b); err != nil {
		return Article{}, fmt.Errorf("%w (%v)", ErrNoArticleText, err)
	}
	body := tidyParagraphs(b.String())
	if len(strings.Fields(body)) < minArticleWords {
		return Article{}, ErrNoArticleText
	}
	a := Article{
		Title:  page.Title(),
		Body:   body,
		Source: strings.TrimSpace(page.SiteName()),
		Author: strings.TrimPrefix(strings.TrimPrefix(byline, "By "), "by "),
	}
	if t, err := page.PublishedTime(); err == nil && !t.IsZero() {
		a.Date = t.UTC().Format(time.DateOnly)
	}
	if pageURL != nil {
		a.URL = pageURL.String()
	}
	if strings.TrimSpace(a.Title) == "" {
		// A page without a title: its first line stands in, as for .txt.
		first, _, _ := strings.Cut(body, "\n")
		a.Title = first
	}
	return finish(a)
}

//go:embed furniture_classes.txt
var furnitureClassesFile string

// furnitureClasses are the class and id words of furniture_classes.txt.
var furnitureClasses = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(furnitureClassesFile, "\n") {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
}()

// isFurniture tells whether an element's class or id names it as an
// advert, a promotion or a sharing widget.
func isFurniture(n *html.Node) bool {
	for _, at := range n.Attr {
		if at.Key != "class" && at.Key != "id" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(at.Val), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
			if furnitureClasses[w] {
				return true
			}
		}
	}
	return false
}

// dropFurniture removes from the extracted content what is not the
// article's own prose: figures and their captions, datelines, adverts and widgets
// (isFurniture), and the byline line ("By Jo Quill"), which readability
// reports separately.
func dropFurniture(n *html.Node, byline string) {
	var next *html.Node
	for c := n.FirstChild; c != nil; c = next {
		next = c.NextSibling
		if c.Type != html.ElementNode {
			continue
		}
		if isFurniture(c) {
			n.RemoveChild(c)
			continue
		}
		switch c.DataAtom {
		case atom.Figure, atom.Figcaption, atom.Picture:
			n.RemoveChild(c)
			continue
		case atom.Time:
			// A dateline on a line of its own is metadata (the date is
			// taken from the page's metadata); a date inside a sentence
			// stays.
			if n.DataAtom != atom.P && n.DataAtom != atom.Li {
				n.RemoveChild(c)
				continue
			}
		case atom.P, atom.Div, atom.Span, atom.Address:
			if byline != "" && isByline(nodeText(c), byline) {
				n.RemoveChild(c)
				continue
			}
		}
		dropFurniture(c, byline)
	}
}

// isByline tells whether a block's text is just the byline.
func isByline(s, byline string) bool {
	s = strings.Join(strings.Fields(s), " ")
	byline = strings.Join(strings.Fields(byline), " ")
	return s != "" && (strings.EqualFold(s, byline) || strings.EqualFold(s, "By "+byline))
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// tidyParagraphs trims each line and keeps one blank line between
// paragraphs.
func tidyParagraphs(s string) string {
	var out []string
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
