package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// jsonArticle is the on-disk JSON form of an article. Unknown fields are
// ignored so that exports from other tools (with "id", "tags", …) load.
type jsonArticle struct {
	Title  string `json:"title"`
	Text   string `json:"text"`
	Date   string `json:"date"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Author string `json:"author"`
}

// parseJSON reads one article object or an array of them. Each array entry
// is decoded on its own, so one bad entry costs only itself.
func parseJSON(name, text string) ([]Article, error) {
	trimmed := strings.TrimSpace(text)
	switch trimmed[0] {
	case '{':
		a, err := decodeJSONArticle(name, []byte(trimmed))
		if err != nil {
			return nil, err
		}
		return []Article{a}, nil
	case '[':
		var raws []json.RawMessage
		if err := decodeStrict([]byte(trimmed), &raws); err != nil {
			return nil, err
		}
		if len(raws) == 0 {
			return nil, wrapf(ErrEmpty, "no articles in the JSON array")
		}
		var arts []Article
		var bad []string
		for i, raw := range raws {
			a, err := decodeJSONArticle(fmt.Sprintf("%s[%d]", name, i), raw)
			if err != nil {
				bad = append(bad, fmt.Sprintf("[%d] %v", i, err))
				continue
			}
			arts = append(arts, a)
		}
		if len(bad) > 0 {
			err := fmt.Errorf("skipped %d of %d entries: %s", len(bad), len(raws), strings.Join(bad, "; "))
			if len(arts) == 0 {
				// Nothing usable: the whole file is bad; keep the
				// sentinel of a lone entry so errors.Is still works.
				if len(raws) == 1 {
					_, err1 := decodeJSONArticle(name, raws[0])
					return nil, err1
				}
				return nil, fmt.Errorf("no usable entry: %s", strings.Join(bad, "; "))
			}
			return arts, err
		}
		return arts, nil
	default:
		return nil, wrapf(ErrMalformedJSON, "want an article object {…} or an array of them […]")
	}
}

func decodeJSONArticle(name string, raw []byte) (Article, error) {
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return Article{}, wrapf(ErrMalformedJSON, "entry is not an object")
	}
	var ja jsonArticle
	if err := decodeStrict(raw, &ja); err != nil {
		return Article{}, err
	}
	text := ja.Text
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	a, err := finish(Article{
		Title:  ja.Title,
		Body:   text,
		Date:   strings.TrimSpace(ja.Date),
		Source: strings.TrimSpace(ja.Source),
		URL:    strings.TrimSpace(ja.URL),
		Author: strings.TrimSpace(ja.Author),
		Path:   name,
	})
	if errors.Is(err, ErrNoBody) {
		err = wrapf(ErrNoBody, `"text" is missing or empty`)
	} else if errors.Is(err, ErrNoTitle) {
		err = wrapf(ErrNoTitle, `"title" is missing or empty`)
	}
	return a, err
}

// decodeStrict decodes exactly one JSON value and rejects trailing data,
// reporting errors with the byte offset where they occur.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return wrapf(ErrMalformedJSON, "%v (at byte %d)", err, se.Offset)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return wrapf(ErrMalformedJSON, "unexpected end of input")
		}
		return wrapf(ErrMalformedJSON, "%v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return wrapf(ErrMalformedJSON, "unexpected data after the JSON value")
	}
	return nil
}
