package quotes

import (
	"strings"
	"unicode"

	"newsbot/data/people"
)

// weakVerbs are speech verbs that as often mean something else ("maintain a
// presence", "continue to", "hope for"); an earlier reporting verb in the
// same sentence is preferred to them.
var weakVerbs = loadWords("weak_verbs")

// closeTo reports whether only punctuation or "that" lies between token v
// and the quotation at l1.
func (d *doc) closeTo(v, l1 int) bool {
	for k := v + 1; k < l1; k++ {
		if d.toks[k].Word && d.lower(k) != "that" {
			return false
		}
	}
	return true
}

// strongVerbBefore reports a reporting verb that is not weak, with a
// speaker, before token v (not before l0).
func (d *doc) strongVerbBefore(v, l0 int) bool {
	for k := v - 1; k >= l0; k-- {
		if base, ok := d.verbAt(k, speechVerbs); ok && !weakVerbs[base] {
			if _, _, ok := d.subjectOf(k, l0); ok {
				return true
			}
		}
	}
	return false
}

// clausalVerbBefore reports a reporting verb that takes a clause ("said",
// "argued", "told … that"), with a subject, before token v (not before
// l0) in the same clause (no comma, colon or dash between): whatever
// follows it up to the quotation is what it reports.
func (d *doc) clausalVerbBefore(v, l0 int) bool {
	for k := v - 1; k >= l0; k-- {
		if isPunct(d.toks[k], ",;:—–") || d.wordTok(k) && subordinators[d.lower(k)] {
			return false // "After Ortiz argued that …, Reyes said", "… tweeted after Reyes argued": another clause
		}
		if base, ok := d.verbAt(k, clausalVerbs); ok && !weakVerbs[base] && !isIng(d.lower(k)) {
			if _, _, ok := d.subjectOf(k, l0); ok {
				return true
			}
		}
	}
	return false
}

// absoluteSubject reports a participle with a subject of its own after
// "with" ("…, with a spokeswoman for the club describing the match as
// “Q”"): it reports for that subject, not for the sentence's main verb.
func (d *doc) absoluteSubject(v, l0 int) bool {
	if !isIng(d.lower(v)) {
		return false
	}
	sa, _, ok := d.subjectOf(v, l0)
	return ok && sa-1 >= l0 && d.lower(sa-1) == "with"
}

// namingVerbs give a name when the quotation follows them directly.
var namingVerbs = loadWords("naming_verbs")

// spanAttr is what attribution found for one span.
type spanAttr struct {
	att    attribution
	kept   bool
	quoted int // index in the output, or -1
}

// direct extracts the quotations in quotation marks and attributes them.
func (d *doc) direct() []Quote {
	var out []Quote
	attrs := make([]spanAttr, len(d.spans))
	lastAttr := -1 // last span with a speaker from its own words or inherited
	events := d.speechEvents()
	for i, sp := range d.spans {
		attrs[i].quoted = -1
		txt := d.body[sp.start:sp.end]
		if wordCount(txt) == 0 {
			continue
		}
		if sp.para < len(d.headPara) && d.headPara[sp.para] && !sp.unclosed {
			// a heading or a link to another story: headline words (an
			// unclosed quotation runs on into the next paragraph instead)
			continue
		}
		att := d.attribute(i)
		short := wordCount(txt) < 4
		title := titleCase(txt) && wordCount(txt) < 12
		if title && !att.close {
			continue // the title of a work, a slogan, a name
		}
		if short && !att.ok && !sentenceLike(txt) {
			continue // a scare-quoted term
		}
		if !att.ok {
			// a quotation standing alone: it continues the previous one
			// or the speaker quoted just before
			switch {
			case sp.cont >= 0 && attrs[sp.cont].kept:
				att = attrs[sp.cont].att
				att.verb, att.mention, att.rule = "", "", "continues_quotation"
			case lastAttr >= 0 && d.spans[lastAttr].para >= sp.para-2 || len(events) > 0:
				// the latest of the last attributed quotation and the last
				// speech verb with a speaker, within a paragraph
				open := d.tokAt(sp.open)
				ev := -1
				for k, e := range events {
					if e.tok < open {
						ev = k
					}
				}
				useEv := ev >= 0 && d.paraOf[events[ev].tok] >= sp.para-1 &&
					(lastAttr < 0 || d.toks[events[ev].tok].Start > d.spans[lastAttr].open)
				if p, ok := d.prevSubject(sp); ok {
					att = attribution{speaker: d.ppl[p].Name, ok: true, rule: "previous_sentence_subject"}
				} else if useEv {
					att = events[ev].att
					att.verb, att.mention, att.rule = "", "", "last_speech_verb"
				} else if lastAttr >= 0 && d.spans[lastAttr].para >= sp.para-1 {
					att = attrs[lastAttr].att
					att.verb, att.mention, att.rule = "", "", "previous_quotation"
				} else if lastAttr >= 0 && d.spans[lastAttr].para == sp.para-2 && d.quietBetween(d.spans[lastAttr].closeEnd, sp.open) {
					// one paragraph of narration naming no one in between
					att = attrs[lastAttr].att
					att.verb, att.mention, att.rule = "", "", "previous_quotation_across_narration"
				} else if a, ok := d.colonIntro(sp); ok {
					att = a
					att.rule = "colon_introduction"
				}
			default:
				if a, ok := d.colonIntro(sp); ok {
					att = a
					att.rule = "colon_introduction"
				}
			}
		}
		attrs[i].att = att
		attrs[i].kept = true
		if att.ok {
			// an attributed quotation, even to someone unknown ("she said"
			// with no one to resolve her to), is what a following
			// quotation continues
			lastAttr = i
		}
		attrs[i].quoted = len(out)
		out = append(out, Quote{Text: txt, Speaker: att.speaker, Mention: att.mention, Verb: att.verb,
			Start: sp.start, End: sp.end, Direct: true, rule: att.rule})
	}
	return out
}

// contexts returns the token ranges around span i that may attribute it:
// left, from its sentence's start (or the previous quotation in it) to the
// opening mark; right, from the closing mark to its sentence's end (or the
// next quotation).
func (d *doc) contexts(i int) (l0, l1, r0, r1 int) {
	sp := d.spans[i]
	open := d.tokAt(sp.open)
	l1 = open
	if open < len(d.toks) {
		s := d.sentOf[open]
		l0, _ = d.sentRange(s)
	} else {
		l0 = open
	}
	for l0 < l1 && d.inQuote[l0] >= 0 {
		l0++
	}
	// only tokens after the last quotation before the opening mark
	for k := l1 - 1; k >= l0; k-- {
		if d.inQuote[k] >= 0 {
			l0 = k + 1
			break
		}
	}
	r0 = d.tokAt(sp.closeEnd)
	r1 = r0
	if sp.unclosed || r0 >= len(d.toks) {
		return l0, l1, r0, r0
	}
	last := r0 - 1
	if last < 0 {
		return l0, l1, r0, r0
	}
	_, send := d.sentRange(d.sentOf[last])
	r1 = send
	if r1 <= r0 {
		// “… are missing.” Trump said.: a stop inside the closing mark
		// where a comma belongs; a short sentence of its own that reports
		// the quotation attributes it
		r1 = d.reportingSentence(r0, sp.para)
	}
	for k := r0; k < r1; k++ {
		if d.inQuote[k] >= 0 || d.paraOf[k] != sp.para {
			r1 = k
			break
		}
	}
	return l0, l1, r0, r1
}

// reportingSentence returns the end of the sentence starting at token k
// when it is a short reporting clause ("Trump said.", "Ann Ortiz told
// reporters on Monday.", "Ortiz remarked, alluding to …") in paragraph
// para, else k: a subject and a speech verb in its first five words, at
// most twelve words in all.
func (d *doc) reportingSentence(k, para int) int {
	if k >= len(d.toks) || d.paraOf[k] != para || !d.starts[k] {
		return k
	}
	a, b := d.sentRange(d.sentOf[k])
	if a != k {
		return k
	}
	words, verb := 0, false
	for j := a; j < b; j++ {
		if d.inQuote[j] >= 0 || d.paraOf[j] != para {
			return k
		}
		if d.wordTok(j) {
			words++
			if base, ok := d.verbAt(j, speechVerbs); ok && j > a && words <= 5 && !isIng(d.lower(j)) && !weakVerbs[base] {
				verb = true // the subject, then its verb: "Ortiz remarked, …"
			}
		}
	}
	if !verb || words > 12 {
		return k
	}
	return b
}

// attribute finds the speaker of span i from the words around it.
func (d *doc) attribute(i int) attribution {
	sp := d.spans[i]
	l0, l1, r0, r1 := d.contexts(i)
	txt := strings.TrimSpace(d.body[sp.start:sp.end])
	endsOpen := strings.HasSuffix(txt, ",") || strings.HasSuffix(txt, "?") || strings.HasSuffix(txt, "!") ||
		strings.HasSuffix(txt, "—") || strings.HasSuffix(txt, "–") || strings.HasSuffix(txt, "-") ||
		strings.HasSuffix(txt, "…") || (r0 < r1 && d.toks[r0].Text == ",")
	if a, ok := d.askedBy(l0, l1); ok {
		a.rule = "asked_by"
		return a
	}
	right, rnear := d.rightAttr(r0, r1)
	left := d.leftAttr(l0, l1)
	if right.ok && left.ok && d.introducesNext(i, r0, r1, right.verb) {
		// verb_introduces_next: "After Ortiz said that … “Q1,” Reyes
		// said: “Q2”": the verb after Q1 introduces Q2, and Q1 keeps the
		// verb of its own clause
		right.ok = false
	}
	switch {
	case right.ok && rnear && (endsOpen || !left.ok):
		right.rule = "verb_after_quote"
		return right
	case left.ok:
		left.rule = "verb_before_quote"
		if left.verb == "" {
			left.rule = "colon_after_subject"
		} else if left.verb == "according to" {
			left.rule = "according_to"
		}
		return left
	case right.ok:
		right.rule = "verb_after_quote_far"
		return right
	}
	if a, ok := d.accordingTo(l0, l1); ok {
		a.rule = "according_to"
		return a
	}
	if a, ok := d.accordingTo(r0, r1); ok {
		a.rule = "according_to"
		return a
	}
	if a, ok := d.parenOwner(l0, l1); ok {
		a.rule = "parenthesis_owner"
		return a
	}
	if a, ok := d.dashCredit(i); ok {
		a.rule = "dash_credit"
		return a
	}
	return attribution{}
}

// introducesNext reports that the speech verb verb read after quotation
// i (between tokens r0 and r1) is followed by a colon and the opening mark
// of the next quotation: it introduces that one.
func (d *doc) introducesNext(i, r0, r1 int, verb string) bool {
	if i+1 >= len(d.spans) {
		return false
	}
	next := d.spans[i+1].open
	for v := r0; v+1 < r1 && v+1 < len(d.toks); v++ {
		if d.inQuote[v] >= 0 || d.toks[v].Start >= next {
			return false
		}
		if d.toks[v].Text != verb || !isPunct(d.toks[v+1], ":") {
			continue
		}
		gap := d.body[d.toks[v+1].End:next]
		return strings.TrimSpace(gap) == ""
	}
	return false
}

// askedBy reads a question put by a named asker before the quotation
// (rule asked_by): "Roe was asked by host Ann Ortiz, “Q”", "Asked by
// Ann Ortiz whether the plan was “Q,” Roe said …": the quoted words are
// the asker's, not those of the one asked (the sentence's subject) nor
// of a verb after the quotation. A speech verb between the asker and the
// quotation ("Asked by Ortiz about it, Roe said: “Q”") is the one that
// introduces it, and then this rule does not apply.
func (d *doc) askedBy(l0, l1 int) (attribution, bool) {
	for k := l1 - 1; k > l0; k-- {
		if !d.wordTok(k) || d.lower(k) != "by" || d.lower(k-1) != "asked" || d.inQuote[k] >= 0 {
			continue
		}
		// the asker's name, after at most three words of role ("host",
		// "Fox moderator"): capitalised words up to the first other one
		na := k + 1
		for na < l1 && na-k <= 4 && d.wordTok(na) && !d.toks[na].Cap {
			na++
		}
		nb := na
		for nb < l1 && d.wordTok(nb) && d.toks[nb].Cap && !people.NotName(d.lower(nb)) {
			nb++
			if d.toks[nb-1].Poss {
				return attribution{}, false // "asked by Ortiz's lawyer"
			}
		}
		if nb == na || d.tokPerson[nb-1] < 0 {
			return attribution{}, false
		}
		// a relative clause on the asker ("host Ann Ortiz, who backs
		// him, …") runs on to the quotation: its verbs are the asker's
		relative := nb+1 < l1 && isPunct(d.toks[nb], ",") && d.wordTok(nb+1) && d.lower(nb+1) == "who"
		for j := nb; j < l1 && !relative; j++ {
			if _, ok := d.verbAt(j, speechVerbs); ok {
				return attribution{}, false
			}
		}
		sp, m := d.speakerOf(na, nb)
		return attribution{speaker: sp, mention: m, verb: d.toks[k-1].Text, ok: true, close: true}, true
	}
	return attribution{}, false
}

// dashCredit reads a credit after a quotation: “Q.” — Ann Ortiz, or a
// short paragraph of its own right after it, "- Ann Ortiz." (fact checks,
// epigraphs, collected sayings).
func (d *doc) dashCredit(i int) (attribution, bool) {
	sp := d.spans[i]
	k := d.tokAt(sp.closeEnd)
	if sp.unclosed || k+1 >= len(d.toks) || !isPunct(d.toks[k], "-—–") || d.inQuote[k] >= 0 {
		return attribution{}, false
	}
	p := d.paraOf[k]
	if p != sp.para && (p != sp.para+1 || d.tokAt(d.paras[p].Start) != k) {
		return attribution{}, false
	}
	e := k + 1
	words := 0
	for e < len(d.toks) && d.paraOf[e] == p && d.inQuote[e] < 0 {
		if d.wordTok(e) {
			words++
		}
		e++
	}
	a := k + 1
	if words == 0 || words > 12 || !d.wordTok(a) || !d.toks[a].Cap {
		return attribution{}, false
	}
	b := a
	for b < e && d.wordTok(b) && (d.toks[b].Cap || people.Titles(d.lower(b))) {
		b++
	}
	if b-a > 6 {
		return attribution{}, false
	}
	speaker, mention := d.speakerOf(a, b)
	if speaker == "" {
		return attribution{}, false
	}
	return attribution{speaker: speaker, mention: mention, ok: true, close: true}, true
}

// parenOwner attributes a quotation set in parentheses after a phrase that
// says whose words they are: "his personal riffs (“Q”)", "the Ada Brook
// appraisal of Noel Finch (“Q”)" — the first person or possessive pronoun of
// that phrase.
func (d *doc) parenOwner(l0, l1 int) (attribution, bool) {
	if l1-1 < l0 || d.toks[l1-1].Text != "(" {
		return attribution{}, false
	}
	a := l1 - 1
	for a-1 >= l0 && a > l1-10 && d.wordTok(a-1) && (!npStop[d.lower(a-1)] || d.lower(a-1) == "of") {
		a--
	}
	for k := a; k < l1-1; k++ {
		if p := d.tokPerson[k]; p >= 0 {
			name := d.ppl[p].Name
			return attribution{speaker: name, mention: d.body[d.toks[k].Start:d.toks[k].End], ok: true}, true
		}
	}
	return attribution{}, false
}

// rightAttr reads "“Q,” S said …" or "“Q,” said S …" after a quotation; near
// is true when the verb comes within the first few words.
func (d *doc) rightAttr(r0, r1 int) (attribution, bool) {
	a := r0
	for a < r1 && !d.toks[a].Word {
		if !isPunct(d.toks[a], ",—–-…") {
			return attribution{}, false
		}
		a++
	}
	if a >= r1 {
		return attribution{}, false
	}
	// inverted: said Smith
	v := a
	for v < r1 && auxWords[d.lower(v)] && d.wordTok(v) {
		v++
	}
	if _, ok := d.verbAt(v, speechVerbs); ok && !objectVerbs[d.lower(v)] {
		if na, nb, ok := d.npAfter(v+1, r1); ok {
			sp, m := d.speakerOf(na, nb)
			return attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true, close: true}, true
		}
	}
	// S said
	for v := a + 1; v < r1 && v-a <= 26; v++ {
		if !d.toks[v].Word {
			// a stop ends the search where it ends a sentence, not after
			// an abbreviation ("Sen. Ann Ortiz (D-Ore.) said")
			if isPunct(d.toks[v], ";:?!") || isPunct(d.toks[v], ".") && (v+1 >= r1 || d.starts[v+1]) {
				break
			}
			continue
		}
		if _, ok := d.verbAt(v, speechVerbs); !ok {
			continue
		}
		// “Q” for the council, said Ann Ortiz.: inverted after a phrase
		// that follows the quotation
		if v > a+1 && isPunct(d.toks[v-1], ",") && !objectVerbs[d.lower(v)] {
			if na, nb, ok := d.npAfter(v+1, r1); ok && d.toks[nb-1].Cap && !people.NotName(d.lower(na)) && (nb >= r1 || isPunct(d.toks[nb], ",.;")) {
				sp, m := d.speakerOf(na, nb)
				return attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true, close: true}, v-a <= 8
			}
		}
		sa, sb, ok := d.subjectOf(v, a)
		if !ok || v-a > 14 && sa > a+1 {
			// far from the quotation only after a long apposition of the
			// speaker named first
			continue
		}
		sp, m := d.speakerOf(sa, sb)
		return attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true, close: true}, v-a <= 8
	}
	return attribution{}, false
}

// leftAttr reads "S said: “Q”" or "S said (that) … “Q”" before a quotation:
// the last speech verb before it and that verb's subject.
func (d *doc) leftAttr(l0, l1 int) attribution {
	for v := l1 - 1; v >= l0; v-- {
		base, ok := d.verbAt(v, speechVerbs)
		if !ok {
			continue
		}
		if namingVerbs[base] && v+1 < len(d.toks) && v+1 >= l1 {
			continue // "an app called “Screenwise”": a name, not speech
		}
		if weakVerbs[base] && !d.closeTo(v, l1) && d.strongVerbBefore(v, l0) && !d.absoluteSubject(v, l0) {
			continue // "He said RCMP will maintain …": the outer verb reports
		}
		if !d.closeTo(v, l1) && d.clausalVerbBefore(v, l0) && !d.absoluteSubject(v, l0) {
			// "Ross said Mr. Obama had told them that he would … “Q”": a
			// quotation inside reported speech, not introduced by the inner
			// verb, is the words of the one who reports
			continue
		}
		// the verb directly introduces the quotation ("said:", "said,", "said that")
		close := true
		for k := v + 1; k < l1; k++ {
			if d.toks[k].Word && d.lower(k) != "that" {
				close = false
				break
			}
		}
		// inverted after an earlier quotation: “Q1,” said Smith, “Q2”
		onlyPunct := true
		for k := l0; k < v; k++ {
			if d.toks[k].Word {
				onlyPunct = false
				break
			}
		}
		if onlyPunct && !objectVerbs[d.lower(v)] {
			if na, nb, ok := d.npAfter(v+1, l1); ok {
				sp, m := d.speakerOf(na, nb)
				return attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true, close: close}
			}
		}
		// inverted right before the quotation: "…, asks editor Jane Roe, “Q”"
		// (not after "told": what follows it is the hearer)
		// (nor after "calls": "…, calls the plan “a mistake”" names
		// what is called)
		if na, nb, ok := d.npAfter(v+1, l1); ok && d.toks[nb-1].Cap && !objectVerbs[d.lower(v)] && !namingVerbs[base] {
			rest := true
			for k := nb; k < l1; k++ {
				if d.toks[k].Word {
					rest = false
					break
				}
			}
			// the name is set off from the quotation ("…, asks Jane Roe:
			// “Q”"); "…, saying Mr. Reyes “has no plan”" makes him the
			// subject of the quoted words instead
			setOff := nb < l1 && isPunct(d.toks[nb], ",:")
			if rest && setOff && v > l0 && isPunct(d.toks[v-1], ",") {
				sp, m := d.speakerOf(na, nb)
				return attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true, close: true}
			}
		}
		if sa, sb, ok := d.subjectOf(v, l0); ok {
			sp, m := d.speakerOf(sa, sb)
			return attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true, close: close}
		}
		// a speech verb whose speaker can't be read: keep looking further back
	}
	if a, ok := d.accordingTo(l0, l1); ok {
		return a
	}
	// "Musk took to Twitter with this: “Q”": the subject of a clause that
	// introduces the quotation with a colon
	if l1-1 >= l0 && isPunct(d.toks[l1-1], ":") {
		if sa, sb, ok := d.mainSubject(l0, l1); ok && d.tokPerson[sa] >= 0 {
			sp, m := d.speakerOf(sa, sb)
			return attribution{speaker: sp, mention: m, ok: true, close: true}
		}
	}
	return attribution{}
}

// colonIntro attributes a quotation that opens a paragraph from the
// sentence before it when that sentence ends with a colon ("Smith said in
// a statement:").
func (d *doc) colonIntro(sp span) (attribution, bool) {
	open := d.tokAt(sp.open)
	if open == 0 || open > len(d.toks) {
		return attribution{}, false
	}
	prev := open - 1
	if d.toks[prev].Text != ":" {
		return attribution{}, false
	}
	s := d.sentOf[prev]
	a, _ := d.sentRange(s)
	att := d.leftAttr(a, prev+1)
	return att, att.ok
}

// event is a speech verb outside quotation marks with a known speaker.
type event struct {
	tok int
	att attribution
}

// speechEvents lists the speech verbs of the article that have a speaker,
// in order: a quotation standing alone after one inherits its speaker.
func (d *doc) speechEvents() []event {
	d.events = nil
	for v := range d.toks {
		base, ok := d.verbAt(v, speechVerbs)
		if !ok {
			continue
		}
		a, send := d.sentRange(d.sentOf[v])
		var sa, sb int
		ok = false
		if v > 0 && !d.toks[v-1].Word && (d.inQuote[v-1] >= 0 || d.toks[v-1].Text == ",") && !objectVerbs[d.lower(v)] {
			// “…,” said Smith — read within the sentence, as the quotation's
			// own attribution is, so that a quotation inheriting this
			// speaker gets the same one
			sa, sb, ok = d.npAfter(v+1, send)
		}
		if !ok {
			sa, sb, ok = d.subjectOf(v, a)
		}
		if !ok {
			continue
		}
		if d.namingParticiple(v, sa, sb, base) {
			continue
		}
		sp, m := d.speakerOf(sa, sb)
		refers := sb-sa <= 2 && (d.lower(sb-1) == "it" || orgHeads[d.lower(sb-1)])
		if sp == "" || !d.isPersonName(sp) && !refers && !(d.toks[sb-1].Cap && d.skipAuxBack(v-1, a) == sb-1) {
			continue // only people, or a named body right before its verb
		}
		d.events = append(d.events, event{v, attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true}})
	}
	return d.events
}

// isPersonName reports whether name is one of the article's people.
func (d *doc) isPersonName(name string) bool {
	return d.personIndex(name) >= 0
}

// prevSubject returns the person who is the subject of the sentence right
// before a quotation in the same paragraph ("Durning did not need much
// coaxing. “Q”"), when that sentence is narration.
func (d *doc) prevSubject(sp span) (int, bool) {
	open := d.tokAt(sp.open)
	if open <= 0 || open >= len(d.toks) {
		return -1, false
	}
	prev := open - 1
	if d.inQuote[prev] >= 0 || d.paraOf[prev] < sp.para-1 {
		return -1, false
	}
	a, b := d.sentRange(d.sentOf[prev])
	if d.sentOf[prev] == d.sentOf[open] {
		return -1, false
	}
	for k := a; k < b; k++ {
		if d.inQuote[k] >= 0 {
			return -1, false
		}
	}
	sa, sb, ok := d.mainSubject(a, b)
	if !ok {
		return -1, false
	}
	if d.coordinated(sb, b) {
		return -1, false // "Clara Moss and Beth Kwan scored …": no one of them is the subject
	}
	// the subject opens the sentence, or follows a fronted phrase closed by
	// a comma ("At 30 years old, Marlow was told …")
	if sa > a+1 {
		if !isPunct(d.toks[sa-1], ",") || sa-a > 8 {
			return -1, false
		}
		for k := a; k < sa-1; k++ {
			if d.tokPerson[k] >= 0 || !d.toks[k].Word && !isPunct(d.toks[k], "-–") {
				return -1, false
			}
		}
	}
	// a speech verb in that sentence would have attributed the quotation
	// already; this is narration about the subject
	p := d.tokPerson[sa]
	return p, p >= 0
}

// sentenceLike reports a short quotation that reads as a whole utterance
// ("We have nothing.", "Stay tuned!"): capitalised, of two words or more,
// ending with a stop, a question or an exclamation mark.
func sentenceLike(s string) bool {
	s = strings.TrimSpace(s)
	if wordCount(s) < 2 || s == "" {
		return false
	}
	r := []rune(s)
	if !unicode.IsUpper(r[0]) {
		return false
	}
	last := r[len(r)-1]
	return last == '.' || last == '!' || last == '?'
}

// quietBetween reports whether the body between two offsets names no
// person and holds no speech verb.
func (d *doc) quietBetween(from, to int) bool {
	for k := d.tokAt(from); k < len(d.toks) && d.toks[k].Start < to; k++ {
		if d.tokPerson[k] >= 0 {
			return false
		}
		if _, ok := d.verbAt(k, speechVerbs); ok {
			return false
		}
	}
	return true
}

// coordinated reports whether the subject ending at token e (before hi) is
// joined to another person by "and", "or", "&" or a comma ("Clara Moss
// and Beth Kwan scored …"): a joint subject, which no following quotation
// inherits as one speaker.
func (d *doc) coordinated(e, hi int) bool {
	if e+1 >= hi || !(d.lower(e) == "and" || d.lower(e) == "or" || d.toks[e].Text == "&" || d.toks[e].Text == ",") {
		return false
	}
	k := e + 1
	if d.wordTok(k) && people.Titles(d.lower(k)) && k+1 < hi {
		k++
	}
	if p := d.tokPerson[k]; p >= 0 && d.inQuote[k] < 0 {
		_, pron := people.PronounGender(d.lower(k))
		return !pron
	}
	return false
}

// namingParticiple reports a naming verb at v that only names the
// indefinite noun phrase [sa, sb) right before it (rule naming_participle):
// "a group called Fair Roads", "an outfit dubbed the Lantern Club". It is
// no speech, so the group is no speaker a later quotation could inherit.
func (d *doc) namingParticiple(v, sa, sb int, base string) bool {
	if !namingVerbs[base] || sb != v || sa >= sb || v+1 >= len(d.toks) || !d.wordTok(v+1) {
		return false
	}
	if w := d.lower(sa); w != "a" && w != "an" {
		return false
	}
	next := v + 1
	if d.lower(next) == "the" && next+1 < len(d.toks) {
		next++
	}
	return strings.HasSuffix(d.lower(v), "ed") && d.toks[next].Cap
}
