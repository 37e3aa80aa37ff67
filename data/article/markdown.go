package article

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/data/text"
)

// frontKeys are the front matter keys an article uses; other keys (tags,
// layout, …) are allowed and ignored.
var frontKeys = map[string]bool{"title": true, "date": true, "source": true, "url": true, "author": true}

// parseMD reads a Markdown article: optional YAML front matter, then
// Markdown reduced to plain text. Without a front matter title the first
// level-1 heading (or, failing that, the first heading) is the title.
func parseMD(name, src string) ([]Article, error) {
	fm, body, err := splitFrontMatter(src)
	if err != nil {
		return nil, err
	}
	blocks := mdBlocks(body)
	title := fm["title"]
	// Pick the heading that names the article: it is the title when the
	// front matter has none, and it repeats the title when it has one, so
	// either way it leaves the body.
	hi := -1
	for _, level := range []int{1, 0} {
		for i, b := range blocks {
			if b.heading > 0 && (level == 0 || b.heading == level) {
				hi = i
				break
			}
		}
		if hi >= 0 {
			break
		}
	}
	if hi >= 0 {
		if title == "" {
			title = blocks[hi].text
			blocks = append(blocks[:hi:hi], blocks[hi+1:]...)
		} else if text.Fold(strings.TrimSpace(blocks[hi].text)) == text.Fold(strings.TrimSpace(title)) {
			blocks = append(blocks[:hi:hi], blocks[hi+1:]...)
		}
	}
	parts := make([]string, 0, len(blocks))
	for _, b := range blocks {
		if strings.TrimSpace(b.text) != "" {
			parts = append(parts, b.text)
		}
	}
	a, err := finish(Article{
		Title:  title,
		Body:   strings.Join(parts, "\n\n"),
		Date:   fm["date"],
		Source: fm["source"],
		URL:    fm["url"],
		Author: fm["author"],
		Path:   name,
	})
	if err != nil {
		return nil, err
	}
	return []Article{a}, nil
}

// splitFrontMatter separates a leading "---" … "---" (or "...") block of
// `key: value` lines from the Markdown after it. It is a deliberately small,
// strict subset of YAML: plain, 'single' or "double" quoted scalars on one
// line, # comments, and nested values (indented or "- " lines) only under
// keys that the article does not use.
func splitFrontMatter(src string) (map[string]string, string, error) {
	fm := map[string]string{}
	first, rest, found := strings.Cut(src, "\n")
	if strings.TrimRight(first, " \t") != "---" {
		return fm, src, nil
	}
	if !found {
		return nil, "", wrapf(ErrFrontMatter, "no closing ---")
	}
	lineNo := 1
	nestedOK := false // the previous key had an empty value: nested lines may follow
	seen := map[string]bool{}
	for {
		if rest == "" {
			return nil, "", wrapf(ErrFrontMatter, "no closing ---")
		}
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		lineNo++
		t := strings.TrimRight(line, " \t")
		if t == "---" || t == "..." {
			return fm, rest, nil
		}
		trim := strings.TrimSpace(t)
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' || strings.HasPrefix(trim, "- ") || trim == "-" {
			if !nestedOK {
				return nil, "", wrapf(ErrFrontMatter, "line %d: unexpected indented line %q", lineNo, trim)
			}
			continue
		}
		key, value, ok := strings.Cut(t, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" || !isFrontKey(key) || (value != "" && value[0] != ' ' && value[0] != '\t') {
			return nil, "", wrapf(ErrFrontMatter, "line %d: want `key: value`, got %q", lineNo, trim)
		}
		lk := strings.ToLower(key)
		if seen[lk] {
			return nil, "", wrapf(ErrFrontMatter, "line %d: duplicate key %q", lineNo, key)
		}
		seen[lk] = true
		v, err := frontValue(value)
		if err != nil {
			return nil, "", wrapf(ErrFrontMatter, "line %d: %s: %v", lineNo, key, err)
		}
		nestedOK = v == "" && !frontKeys[lk]
		if frontKeys[lk] {
			if v == "|" || v == ">" || v == "|-" || v == ">-" {
				return nil, "", wrapf(ErrFrontMatter, "line %d: %s: multi-line values are not supported", lineNo, key)
			}
			fm[lk] = v
		}
	}
}

func isFrontKey(k string) bool {
	for _, r := range k {
		if !(r == '_' || r == '-' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// frontValue decodes one scalar: "double quoted" (Go-style escapes, which
// cover YAML's common ones), 'single quoted' (” is a quote) or plain, where
// " #" starts a comment.
func frontValue(v string) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return "", nil
	case v[0] == '"':
		end := closingDouble(v)
		if end < 0 {
			return "", errString("unterminated double quote")
		}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" && rest[0] != '#' {
			return "", errString("text after closing quote")
		}
		s, err := strconv.Unquote(v[:end+1])
		if err != nil {
			return "", errString("bad escape in double-quoted value")
		}
		return strings.TrimSpace(s), nil
	case v[0] == '\'':
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			if v[i] == '\'' {
				if i+1 < len(v) && v[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				if rest := strings.TrimSpace(v[i+1:]); rest != "" && rest[0] != '#' {
					return "", errString("text after closing quote")
				}
				return strings.TrimSpace(b.String()), nil
			}
			b.WriteByte(v[i])
		}
		return "", errString("unterminated single quote")
	case v[0] == '[' || v[0] == '{':
		return "", errString("lists and maps are not supported here")
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v, nil
}

// closingDouble returns the index of the quote that closes the double
// quoted string starting at v[0], skipping backslash escapes.
func closingDouble(v string) int {
	for i := 1; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

type errString string

func (e errString) Error() string { return string(e) }

// mdBlock is one block of Markdown reduced to text; heading is its level
// (1–6) or 0 for other blocks.
type mdBlock struct {
	text    string
	heading int
}

// mdBlocks reduces Markdown to plain-text blocks: paragraphs (soft-wrapped
// lines joined, as Markdown renders them), headings, list items and code
// lines; markup, images, link targets, HTML and rules are dropped.
func mdBlocks(src string) []mdBlock {
	src = stripHTMLComments(src)
	var blocks []mdBlock
	var para []string
	flush := func() {
		if len(para) > 0 {
			blocks = append(blocks, mdBlock{text: mdInline(strings.Join(para, " "))})
			para = para[:0]
		}
	}
	var fence string // the open code fence ("```", "~~~~", …) or ""
	for line := range strings.SplitSeq(src, "\n") {
		if fence != "" {
			if t := strings.TrimSpace(line); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
				continue
			}
			// Code is kept as written, one line per block line.
			if strings.TrimSpace(line) != "" {
				blocks = append(blocks, mdBlock{text: strings.TrimRight(line, " \t")})
			}
			continue
		}
		line = stripBlockQuote(line)
		t := strings.TrimSpace(line)
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		switch {
		case t == "":
			flush()
		case indent < 4 && isFence(t):
			flush()
			n := len(t) - len(strings.TrimLeft(t, t[:1]))
			fence = t[:n]
		case indent < 4 && len(para) > 0 && isSetext(t, '='):
			blocks = append(blocks, mdBlock{text: mdInline(strings.Join(para, " ")), heading: 1})
			para = para[:0]
		case indent < 4 && len(para) > 0 && isSetext(t, '-'):
			blocks = append(blocks, mdBlock{text: mdInline(strings.Join(para, " ")), heading: 2})
			para = para[:0]
		case indent < 4 && atxLevel(t) > 0:
			flush()
			level := atxLevel(t)
			blocks = append(blocks, mdBlock{text: mdInline(atxText(t[level:])), heading: level})
		case indent < 4 && isRule(t):
			flush()
		case indent < 4 && isLinkDef(t):
			flush()
		case isTableRule(t):
			// the |---|---| line under a table header carries no text
		default:
			if item, ok := listItem(t); ok {
				flush()
				t = item
			}
			// A trailing backslash or two spaces is a hard line break.
			t = strings.TrimSuffix(t, "\\")
			para = append(para, strings.TrimSpace(t))
		}
	}
	flush()
	return blocks
}

func stripHTMLComments(s string) string {
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i+4:], "-->")
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+4+j+3:]
	}
}

// stripBlockQuote removes "> " markers (nested ones too) from a line.
func stripBlockQuote(line string) string {
	for {
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 || !strings.HasPrefix(t, ">") {
			return line
		}
		line = strings.TrimPrefix(t[1:], " ")
	}
}

func isFence(t string) bool {
	return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
}

func isSetext(t string, c byte) bool {
	return strings.Trim(t, string(c)) == "" && (c == '=' || len(t) >= 2)
}

// atxLevel returns the level of an ATX heading ("## Title") or 0.
func atxLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return 0
	}
	return n
}

// atxText drops the optional closing run of #s from a heading's text.
func atxText(s string) string {
	s = strings.TrimSpace(s)
	t := strings.TrimRight(s, "#")
	if t == "" || t != s && (t[len(t)-1] == ' ' || t[len(t)-1] == '\t') {
		return strings.TrimSpace(t)
	}
	return s
}

func isRule(t string) bool {
	c := t[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

func isLinkDef(t string) bool {
	if !strings.HasPrefix(t, "[") {
		return false
	}
	i := strings.Index(t, "]:")
	return i > 1 && strings.TrimSpace(t[i+2:]) != ""
}

func isTableRule(t string) bool {
	if !strings.Contains(t, "-") || !strings.Contains(t, "|") {
		return false
	}
	return strings.Trim(t, "|-: \t") == ""
}

// listItem strips a list marker ("- ", "* ", "+ ", "1. ", "1) ").
func listItem(t string) (string, bool) {
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return strings.TrimSpace(t[2:]), true
	}
	n := 0
	for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && (t[n+1] == ' ' || t[n+1] == '\t') {
		return strings.TrimSpace(t[n+2:]), true
	}
	return t, false
}

// mdInline reduces inline Markdown to text: emphasis and code marks go,
// links keep their text, images and HTML tags vanish, escapes and entities
// are resolved.
func mdInline(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			n := runLen(s, i, '`')
			if j := strings.Index(s[i+n:], s[i:i+n]); j >= 0 {
				code := s[i+n : i+n+j]
				if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' {
					code = code[1 : len(code)-1]
				}
				b.WriteString(code)
				i += n + j + n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if end, _, ok := linkAt(s, i+1); ok {
				i = end // images carry no article text
				continue
			}
		case c == '[':
			if end, label, ok := linkAt(s, i); ok {
				b.WriteString(mdInline(label))
				i = end
				continue
			}
		case c == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 1 {
				inner := s[i+1 : i+j]
				switch {
				case strings.Contains(inner, "://") && !strings.ContainsAny(inner, " \t"),
					strings.Contains(inner, "@") && !strings.ContainsAny(inner, " \t/"):
					b.WriteString(inner) // autolink
					i += j + 1
					continue
				case isTagStart(inner):
					i += j + 1
					continue
				}
			}
		case c == '*' || c == '_' || c == '~':
			n := runLen(s, i, c)
			if emphasis(s, i, n, c) {
				i += n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	out := b.String()
	if strings.IndexByte(out, '&') >= 0 {
		out = html.UnescapeString(out)
	}
	return strings.Join(strings.Fields(out), " ")
}

func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// emphasis reports whether the run s[i:i+n] of c is an emphasis marker to
// drop: it must touch text on one side (a lone "5 * 3" stays), '_' must not
// sit inside a word (snake_case stays) and '~' only counts doubled.
func emphasis(s string, i, n int, c byte) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	prevText := i > 0 && !unicode.IsSpace(prev)
	nextText := i+n < len(s) && !unicode.IsSpace(next)
	if !prevText && !nextText {
		return false
	}
	switch c {
	case '_':
		return !(i > 0 && isWordRune(prev) && i+n < len(s) && isWordRune(next))
	case '~':
		return n == 2
	}
	return n <= 3
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// linkAt parses "[label](target)" or "[label][ref]" starting at s[i] == '['.
// It returns the index just past the link and the label.
func linkAt(s string, i int) (end int, label string, ok bool) {
	depth := 0
	j := i
	for ; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
			continue
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if j >= len(s) || depth != 0 {
		return 0, "", false
	}
	label = s[i+1 : j]
	if j+1 < len(s) && s[j+1] == '(' {
		depth = 0
		for k := j + 1; k < len(s); k++ {
			switch s[k] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return k + 1, label, true
				}
			}
		}
		return 0, "", false
	}
	if j+1 < len(s) && s[j+1] == '[' {
		if k := strings.IndexByte(s[j+1:], ']'); k >= 0 {
			return j + 1 + k + 1, label, true
		}
	}
	return 0, "", false
}

func isTagStart(inner string) bool {
	if inner == "" {
		return false
	}
	c := inner[0]
	if c == '/' && len(inner) > 1 {
		c = inner[1]
	}
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
