package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/data/text"
)

// span is one passage between quotation marks.
type span struct {
	open, close int // byte offsets of the opening mark and of the closing mark (close == text end when unclosed)
	start, end  int // the text between the marks, trimmed
	closeEnd    int // offset just after the closing mark
	para        int // paragraph index
	unclosed    bool
	single      bool
	cont        int // index of the span this one continues (multi-paragraph quotation), or -1
}

type mark struct {
	pos, size      int
	canOpen        bool
	canClose       bool
	shapeOpen      bool // “ „ « ‘
	shapeClose     bool // ” » ’
	single         bool
	possessiveLike bool // s’ followed by a lower-case word: more likely an apostrophe
}

func runeBefore(s string, i, lo int) rune {
	if i <= lo {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(s[lo:i])
	return r
}

func runeAfter(s string, i, hi int) rune {
	if i >= hi {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(s[i:hi])
	return r
}

func isDoubleMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»':
		return true
	}
	return false
}

func isSingleMark(r rune) bool {
	return r == '\'' || r == '‘' || r == '’' || r == '‚' || r == '‛'
}

func isQuoteRune(r rune) bool { return isDoubleMark(r) || isSingleMark(r) }

// openerContext: what may stand before an opening mark.
func openerBefore(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/:;,…", r) || isQuoteRune(r)
}

// closerAfter: what may stand after a closing mark.
func closerAfter(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?)]}—–-…/", r) || isQuoteRune(r)
}

// doubleMarks finds the double quotation marks of a paragraph (and a pair
// of apostrophes or backticks used as one).
func doubleMarks(body string, lo, hi int) []mark {
	var ms []mark
	for i := lo; i < hi; {
		r, sz := utf8.DecodeRuneInString(body[i:hi])
		size := sz
		isD := isDoubleMark(r)
		if !isD && (r == '\'' || r == '`' || r == '’' || r == '‘') && i+sz < hi {
			r2, sz2 := utf8.DecodeRuneInString(body[i+sz : hi])
			if r2 == r && (r == '\'' || r == '`') || r == '‘' && r2 == '‘' || r == '’' && r2 == '’' {
				isD, size = true, sz+sz2
			}
		}
		if !isD {
			i += sz
			continue
		}
		before, after := runeBefore(body, i, lo), runeAfter(body, i+size, hi)
		m := mark{pos: i, size: size}
		m.canOpen = openerBefore(before) && !unicode.IsSpace(after)
		m.canClose = !unicode.IsSpace(before) && closerAfter(after)
		if r == '"' && size == 1 && unicode.IsSpace(before) && unicode.IsSpace(after) && i > lo {
			// “coalitions, " said Ann”: a straight mark set off by spaces
			// closes an open quotation (typed or converted text); it
			// opens none
			m.canClose = true
		}
		switch r {
		case '“', '„', '«', '`', '‘':
			m.shapeOpen = true
		case '”', '»', '’':
			m.shapeClose = true
		}
		if r == '\'' && size == 2 {
			m.shapeClose = !m.canOpen
		}
		ms = append(ms, m)
		i += size
	}
	return ms
}

// singleMarks finds the single quotation marks in [lo, hi) that are not
// apostrophes: an opening mark stands at a word's start, a closing one at
// a word's end, and a mark between two letters is an apostrophe.
func singleMarks(body string, lo, hi int) []mark {
	var ms []mark
	for i := lo; i < hi; {
		r, sz := utf8.DecodeRuneInString(body[i:hi])
		if !isSingleMark(r) {
			i += sz
			continue
		}
		before, after := runeBefore(body, i, lo), runeAfter(body, i+sz, hi)
		m := mark{pos: i, size: sz, single: true}
		if unicode.IsLetter(before) && unicode.IsLetter(after) {
			i += sz // it's, O’Hara
			continue
		}
		if r != '’' && openerBefore(before) && (unicode.IsLetter(after) || unicode.IsDigit(after) || after == '…' || after == '.' || isDoubleMark(after)) {
			m.canOpen = true
			m.shapeOpen = r == '‘'
			// ’90s, 'em, 'n': an elided start, not a quotation
			rest := body[i+sz : hi]
			if len(rest) >= 3 && unicode.IsDigit(rune(rest[0])) && unicode.IsDigit(rune(rest[1])) && rest[2] == 's' {
				m.canOpen = false
			}
		}
		if r != '‘' && !unicode.IsSpace(before) && closerAfter(after) {
			m.canClose = true
			m.shapeClose = r == '’'
			if (before == 's' || before == 'S') && unicode.IsSpace(after) {
				nx := runeAfter(body, i+sz+1, hi)
				if unicode.IsLower(nx) {
					m.possessiveLike = true
				}
			}
		}
		if m.canOpen || m.canClose {
			ms = append(ms, m)
		}
		i += sz
	}
	return ms
}

// findSpans returns the quoted passages of body, paragraph by paragraph:
// double quotation marks first, then single ones outside them (British
// style). A passage left open at a paragraph's end runs to that end; when
// the next paragraph opens with a quotation mark, that passage continues it.
func findSpans(body string, paras []text.Span) []span {
	var out []span
	for pi, p := range paras {
		first := len(out)
		var doubles []span
		open := -1
		ms := doubleMarks(body, p.Start, p.End)
		for k, m := range ms {
			if open < 0 {
				if m.canOpen || (m.shapeOpen && !m.canClose) {
					open = k
				}
				continue
			}
			o := ms[open]
			switch {
			case m.canClose && (!m.shapeOpen || !m.canOpen):
				doubles = append(doubles, mkSpan(body, o.pos+o.size, m.pos, o.pos, m.pos+m.size, pi, false, false))
				open = -1
			case m.canOpen && m.shapeOpen:
				// a new opening before the last one closed: the last ran unclosed
				doubles = append(doubles, mkSpan(body, o.pos+o.size, m.pos, o.pos, m.pos, pi, true, false))
				open = k
			case m.canClose:
				doubles = append(doubles, mkSpan(body, o.pos+o.size, m.pos, o.pos, m.pos+m.size, pi, false, false))
				open = -1
			}
		}
		if open >= 0 {
			o := ms[open]
			doubles = append(doubles, mkSpan(body, o.pos+o.size, p.End, o.pos, p.End, pi, true, false))
		}
		// single marks in the stretches outside double-quoted passages
		var all []span
		cur := p.Start
		for _, d := range doubles {
			all = append(all, singleSpans(body, cur, d.open, pi)...)
			all = append(all, d)
			cur = d.closeEnd
		}
		all = append(all, singleSpans(body, cur, p.End, pi)...)
		for _, s := range all {
			if s.start < s.end {
				out = append(out, s)
			}
		}
		// continuation of the previous paragraph's unclosed passage
		if first < len(out) && first > 0 {
			prev := &out[first-1]
			s := &out[first]
			if prev.unclosed && prev.para == pi-1 && s.open == p.Start && s.single == prev.single {
				s.cont = first - 1
			}
		}
	}
	return out
}

func mkSpan(body string, ts, te, open, closeEnd, para int, unclosed, single bool) span {
	s, e := ts, te
	for s < e {
		r, sz := utf8.DecodeRuneInString(body[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += sz
	}
	for e > s {
		r, sz := utf8.DecodeLastRuneInString(body[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= sz
	}
	return span{open: open, close: te, start: s, end: e, closeEnd: closeEnd, para: para, unclosed: unclosed, single: single, cont: -1}
}

// singleSpans pairs single quotation marks in [lo, hi).
func singleSpans(body string, lo, hi, para int) []span {
	if lo >= hi {
		return nil
	}
	ms := singleMarks(body, lo, hi)
	var out []span
	for k := 0; k < len(ms); k++ {
		o := ms[k]
		if !o.canOpen {
			continue
		}
		// closing candidates after it; a possessive-looking one is passed
		// over when a later candidate exists
		pick := -1
		split := -1
		depth := 0      // quotations opened inside this one and not yet closed
		passed := -1    // a possessive-looking close passed over
		lastInner := -1 // the close of the last quotation inside this one
		for j := k + 1; j < len(ms); j++ {
			c := ms[j]
			if c.canOpen && !c.canClose && sentenceEndBefore(body, lo, c.pos) {
				// a new quotation opens after a finished sentence: the
				// open one ended with its paragraph, flattened into this
				// line (‘…else. ‘I want…’)
				split = j
				break
			}
			if c.canOpen && !c.canClose && speechBefore(body, lo, c.pos) {
				if passed >= 0 {
					// "'wellness' and 'cultivates …'": the mark passed
					// over as a possessive closed this quotation
					pick = passed
					break
				}
				// a quotation inside this one (‘He told me, ‘You’re
				// finished,’ and left.’): its close is not ours
				depth++
				continue
			}
			if c.canOpen && !c.canClose && lastInner >= 0 && depth == 0 {
				// another quotation opens after the inner one closed:
				// that close was ours after all, the paragraph flattened
				pick = lastInner
				break
			}
			if !c.canClose {
				continue
			}
			if depth > 0 {
				if !c.possessiveLike {
					depth--
					if depth == 0 {
						lastInner = j
					}
				}
				continue
			}
			if c.possessiveLike {
				// passed over for a later closing mark, unless a sentence
				// ends before that one ("was 'envious' of her hen. …")
				later := -1
				for l := j + 1; l < len(ms); l++ {
					if ms[l].canClose && !ms[l].possessiveLike {
						later = l
						break
					}
				}
				if later >= 0 && !sentenceEndIn(body[c.pos:ms[later].pos]) {
					if passed < 0 {
						passed = j
					}
					continue
				}
			}
			pick = j
			break
		}
		if pick < 0 && split < 0 && lastInner >= 0 {
			pick = lastInner // never closed after the inner quotation: its close was ours
		}
		if pick < 0 && split >= 0 {
			out = append(out, mkSpan(body, o.pos+o.size, ms[split].pos, o.pos, ms[split].pos, para, true, true))
			k = split - 1
			continue
		}
		if pick < 0 {
			// an unclosed single quotation only at a paragraph's start (a
			// quotation running on into the next paragraph)
			if o.pos == lo && singleParaStart(body, lo) {
				out = append(out, mkSpan(body, o.pos+o.size, hi, o.pos, hi, para, true, true))
			}
			break
		}
		c := ms[pick]
		out = append(out, mkSpan(body, o.pos+o.size, c.pos, o.pos, c.pos+c.size, para, false, true))
		k = pick
	}
	return out
}

// speechBefore reports whether one of the three words before pos is a
// speech or thought verb, or "like" ("he said ‘…", "told me, ‘…", "I
// thought, ‘…", "were like ‘…"): a single mark opening there inside another
// quotation opens a quotation within it. Anywhere else an opening-looking
// mark inside a quotation is more likely a stray apostrophe, and counting
// it would run the quotation on through the paragraph.
func speechBefore(body string, lo, pos int) bool {
	from := max(lo, pos-60)
	if i := strings.LastIndexAny(body[from:pos], "'‘’\"“”"); i >= 0 {
		from += i + 1 // only words since the last mark: not inside another quotation
	}
	words := strings.FieldsFunc(body[from:pos], func(r rune) bool {
		return !unicode.IsLetter(r) && r != '’' && r != '\''
	})
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		w := strings.ToLower(words[i])
		if _, ok := speechVerbs[w]; ok && w != "post" || w == "like" {
			return true
		}
	}
	return false
}

// singleParaStart reports whether lo begins a paragraph.
func singleParaStart(body string, lo int) bool {
	return lo == 0 || body[lo-1] == '\n' || strings.TrimSpace(body[strings.LastIndexByte(body[:lo], '\n')+1:lo]) == ""
}

// sentenceEndIn reports a sentence end inside s: a stop, question or
// exclamation mark followed by a space and a capital letter.
func sentenceEndIn(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
}

// sentenceEndBefore reports whether the text just before pos (after
// spaces) ends a sentence.
func sentenceEndBefore(body string, lo, pos int) bool {
	i := pos
	for i > lo && (body[i-1] == ' ' || body[i-1] == '\t') {
		i--
	}
	if i == pos || i <= lo {
		return false
	}
	switch body[i-1] {
	case '.', '!', '?':
		return true
	}
	return false
}
