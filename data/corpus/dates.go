package corpus

import (
	"sort"
	"strings"
	"time"
)

// dateLayouts are the ways article files write a date (front matter, JSON
// and feed dates), tried in order.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
}

// ParseDate reads an article's date as written in its file; ok is false
// when it is empty or in no known layout.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Newest returns the docs newest first: dated ones by date, then the
// undated ones (and those whose date cannot be read), each group in load
// order. It is computed once per corpus, which never changes.
func (c *Corpus) Newest() []*Doc {
	c.newestOnce.Do(func() {
		type dated struct {
			d  *Doc
			t  time.Time
			ok bool
		}
		ds := make([]dated, len(c.Docs))
		for i, d := range c.Docs {
			t, ok := ParseDate(d.Date)
			ds[i] = dated{d, t, ok}
		}
		sort.SliceStable(ds, func(i, j int) bool {
			if ds[i].ok != ds[j].ok {
				return ds[i].ok
			}
			return ds[i].t.After(ds[j].t)
		})
		c.newest = make([]*Doc, len(ds))
		for i, x := range ds {
			c.newest[i] = x.d
		}
	})
	return c.newest
}
