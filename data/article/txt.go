package article

import "strings"

// parseTXT reads a plain-text article: the first non-empty line is the
// title, the rest is the body, kept verbatim (paragraphs are separated by
// blank lines or single newlines; text.Paragraphs treats both alike).
func parseTXT(name, text string) ([]Article, error) {
	rest := text
	var title string
	for rest != "" && title == "" {
		line, after, _ := strings.Cut(rest, "\n")
		title, rest = strings.TrimSpace(line), after
	}
	a, err := finish(Article{Title: title, Body: rest, Path: name})
	if err != nil {
		return nil, err
	}
	return []Article{a}, nil
}
