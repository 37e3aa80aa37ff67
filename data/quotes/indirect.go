package quotes

import (
	"strings"

	"newsbot/data/people"
)

// objectVerbs take the hearer before the reported clause ("told reporters
// that …").
var objectVerbs = loadWords("object_verbs")

// objectWords are hearers that may follow such a verb.
var objectWords = loadWords("object_words")

// thatOptional are reporting verbs whose clause often comes without
// "that" ("said the plan failed"); the others need it ("stressed that …"),
// since their bare object is a noun phrase ("stressed the need").
var thatOptional = loadWords("that_optional")

// clauseOpeners may open a reported clause after an adjunct.
var clauseOpeners = loadWords("clause_openers")

// adjunctStarts begin a phrase that sits between a verb and its clause ("said
// in a statement that", "said on Monday").
var adjunctStarts = loadWords("adjunct_starts")

// subordinators open an adverbial clause ("When asked …", "After the vote
// …"); participleOpeners open a participle clause about the speaking
// itself ("Asked about …", "Speaking to reporters …"). Such a clause alone
// before "…, S said" sets the scene; it is not what was said.
var (
	subordinators     = loadWords("subordinators")
	participleOpeners = loadWords("participle_openers")
)

// adverbialOnly reports whether the tokens [a, k) are nothing but an
// adverbial or participle clause: they open with a subordinator or a
// participle about speaking and hold no comma, so no main clause follows
// it ("When asked for details, he responded, …"; but "If talks fail,
// prices will rise, she said" holds one).
func (d *doc) adverbialOnly(a, k int) bool {
	if a >= k || !d.wordTok(a) {
		return false
	}
	w := d.lower(a)
	if !subordinators[w] && !participleOpeners[w] {
		return false
	}
	for i := a + 1; i < k; i++ {
		if d.toks[i].Text == "," {
			return false
		}
	}
	return true
}

// quoteFollows reports whether a quotation follows token i, over at most
// one comma or colon, before token hi: the speech verb before it has its
// content in marks ("…, she responded, “Q”"), so the clause before the
// attribution is narration rather than reported speech.
func (d *doc) quoteFollows(i, hi int) bool {
	if i < hi && (d.toks[i].Text == "," || d.toks[i].Text == ":") {
		i++
	}
	return i < hi && (d.inQuote[i] >= 0 || isQuoteTok(d.toks[i].Text))
}

// indirect extracts reported speech outside quotation marks: "S said
// (that) …", "…, S said", "according to S, …". Sentences that hold a
// quotation in marks are left to the direct extraction.
func (d *doc) indirect(direct []Quote) []Quote {
	var out []Quote
	for s := range d.sentTok {
		a, b := d.sentRange(s)
		if a >= b {
			continue
		}
		out = append(out, d.reported(a, b)...)
	}
	return out
}

func isQuoteTok(s string) bool {
	switch s {
	case "\"", "“", "”", "«", "»", "„":
		return true
	}
	return false
}

// clause makes an indirect quotation of tokens [c, e). Reported speech
// may hold a short quotation of the speaker's own words ("he added that the
// deal was “great” for Ukraine"): the clause is kept, marks and all, when
// the quotation closes inside it and the clause says at least four words
// of its own; the quotation is extracted as a direct one as well.
func (d *doc) clause(c, e int, att attribution) (Quote, bool) {
	limit := e
	for e > c && !d.toks[e-1].Word {
		e--
	}
	if e-c < 4 || d.inQuote[c] >= 0 || isQuoteTok(d.toks[c].Text) {
		return Quote{}, false
	}
	own, quoted := 0, 0
	for k := c; k < e; k++ {
		if qi := d.inQuote[k]; qi >= 0 {
			if sp := d.spans[qi]; sp.unclosed || d.tokAt(sp.close) >= limit {
				return Quote{}, false // the quotation runs on past the clause
			}
			if d.toks[k].Word {
				quoted++
			}
			continue
		}
		if isQuoteTok(d.toks[k].Text) {
			return Quote{}, false // a stray mark: the passage is not understood
		}
		if d.toks[k].Word {
			own++
		}
	}
	if quoted > 0 && (own < 4 || quoted > own) {
		return Quote{}, false // mostly the quotation: it stands for the speech
	}
	for k := c + 1; k < e; k++ {
		// "…, but if the mayor is suddenly saying, “Q”": a quotation
		// introduced by a speech verb of its own is another speech
		if d.inQuote[k] >= 0 && d.inQuote[k-1] < 0 {
			j := k - 1
			for j > c && !d.toks[j].Word {
				j--
			}
			if base, ok := d.verbAt(j, speechVerbs); ok && !namingVerbs[base] {
				return Quote{}, false
			}
		}
	}
	end := d.toks[e-1].End
	if qi := d.inQuote[e-1]; qi >= 0 && d.spans[qi].closeEnd > end {
		// "… was “great.”": the clause ends inside the quotation, keep its close
		end = d.spans[qi].closeEnd
	}
	start := d.toks[c].Start
	txt := d.body[start:end]
	if wordCount(txt) < 4 {
		return Quote{}, false
	}
	rule := "reported_speech"
	if att.verb == "according to" {
		rule = "according_to"
	}
	return Quote{Text: txt, Speaker: att.speaker, Mention: att.mention, Verb: att.verb, Start: start, End: end, rule: rule}, true
}

// reported finds reported speech in the sentence [a, b).
func (d *doc) reported(a, b int) []Quote {
	one := func(q Quote, ok bool) []Quote {
		if ok {
			return []Quote{q}
		}
		return nil
	}
	// according to S, …  /  …, according to S  /  …, according to S, …
	for k := a; k+2 < b; k++ {
		if d.lower(k) != "according" || d.lower(k+1) != "to" {
			continue
		}
		na, nb, ok := d.npAfter(k+2, b)
		if !ok {
			break
		}
		sp, m := d.speakerOf(na, nb)
		att := attribution{speaker: sp, mention: m, verb: "according to", ok: true}
		// the source phrase runs to the next comma
		end := nb
		for end < b && d.toks[end].Text != "," && !isPunct(d.toks[end], ".;:?!") {
			end++
		}
		var out []Quote
		if k > a {
			if q, ok := d.clause(a, k, att); ok {
				out = append(out, q)
			}
		}
		if end < b && d.toks[end].Text == "," {
			if q, ok := d.clause(end+1, b, att); ok {
				out = append(out, q)
			}
		}
		return out
	}
	// …, S said, … : an attribution inside the sentence
	if qs := d.parenthetical(a, b); qs != nil {
		return qs
	}
	// S said (that) …
	for v := a; v < b; v++ {
		_, isVerb := d.verbAt(v, clausalVerbs)
		pc, pverb, isPhrase := d.reportPhrase(v, b)
		if !isVerb && !isPhrase {
			continue
		}
		w := d.lower(v)
		if isIng(w) && (v == a || d.toks[v-1].Text != ",") {
			continue
		}
		sa, sb, ok := d.subjectOf(v, a)
		if !ok {
			continue
		}
		if isPhrase {
			sp, m := d.speakerOf(sa, sb)
			if q, ok := d.clause(pc, d.clauseEnd(pc, b), attribution{speaker: sp, mention: m, verb: pverb, ok: true}); ok {
				return []Quote{q}
			}
			continue
		}
		c := v + 1
		if c >= b || !d.toks[c].Word {
			continue // "…, Smith said." is read below
		}
		if objectVerbs[w] {
			switch {
			case d.toks[c].Cap:
				for c < b && d.toks[c].Word && d.toks[c].Cap {
					c++
				}
			case objectWords[d.lower(c)]:
				c++
			case determiners[d.lower(c)] && c+2 < b && objectWords[d.lower(c+1)]:
				c += 2
			}
		}
		// an adjunct before the clause: "said in a statement that", "said Monday"
		thatAt := -1
		for k := c; k < b && k-c <= 10; k++ {
			if d.wordTok(k) && d.lower(k) == "that" {
				thatAt = k
				break
			}
			if !d.toks[k].Word && d.toks[k].Text != "," {
				break
			}
		}
		base, _ := d.verbAt(v, clausalVerbs)
		switch {
		case thatAt >= 0 && (thatAt == c || adjunctStarts[d.lower(c)] || thatAt-c <= 4):
			c = thatAt + 1
		case !thatOptional[base]:
			continue // "stressed the need for …": an object, not reported speech
		case c < b && adjunctStarts[d.lower(c)]:
			// skip the adjunct: to its comma, or to a subject pronoun
			// ("said in retrospect he feels …")
			k := c
			for k < b && k-c <= 6 && d.toks[k].Text != "," && !(k > c && clauseOpeners[d.lower(k)]) {
				k++
			}
			switch {
			case k < b && d.toks[k].Text == ",":
				c = k + 1
			case k < b && k-c <= 6 && clauseOpeners[d.lower(k)]:
				c = k
			default:
				continue
			}
		}
		sp, m := d.speakerOf(sa, sb)
		att := attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true}
		e := d.clauseEnd(c, b)
		// "…, insisting his government won't pay": a second reported clause
		for k := c + 1; k+1 < e; k++ {
			if d.toks[k].Text != "," {
				continue
			}
			if _, ok := d.verbAt(k+1, clausalVerbs); ok && isIng(d.lower(k+1)) {
				c2 := k + 2
				if c2 < e && d.lower(c2) == "that" {
					c2++
				}
				first, ok1 := d.clause(c, k, att)
				att2 := att
				att2.verb = d.toks[k+1].Text
				second, ok2 := d.clause(c2, e, att2)
				if ok1 && ok2 {
					return []Quote{first, second}
				}
				break
			}
		}
		if q, ok := d.clause(c, e, att); ok {
			return []Quote{q}
		}
	}
	// …, S said.  /  …, said S.
	for k := b - 1; k > a; k-- {
		if d.toks[k].Text != "," {
			continue
		}
		if b-k > 12 && !(k+1 < b && d.wordTok(k+1) && b-k <= 24) {
			break
		}
		for v := k + 1; v < b; v++ {
			if _, ok := d.verbAt(v, clausalVerbs); !ok {
				continue
			}
			var sa, sb int
			ok := false
			if v == k+1 {
				sa, sb, ok = d.npAfter(v+1, b)
			} else {
				sa, sb, ok = d.subjectOf(v, k+1)
				// the tail is the attribution alone: its subject opens it
				// ("…, but it’s unclear the council would agree" is a
				// clause of its own, not "…, the EU agreed")
				ok = ok && d.onlyModifiers(k+1, sa)
			}
			if !ok {
				break
			}
			// the rest after the verb must be an adjunct, not a new clause
			rest := 0
			for r := v + 1; r < b; r++ {
				if d.toks[r].Word {
					rest++
				}
			}
			if v > k+1 && rest > 6 {
				break
			}
			if v > k+1 && b-k > 12 {
				break // a long tail with its subject first is a clause of its own
			}
			if d.adverbialOnly(a, k) || d.quoteFollows(sb, b) || d.quoteFollows(v+1, b) {
				return nil // scene-setting, or the verb's content is a quotation
			}
			sp, m := d.speakerOf(sa, sb)
			att := attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true}
			return one(d.clause(a, k, att))
		}
		break
	}
	return nil
}

// clauseEnd is where a reported clause starting at c ends in a sentence
// ending at b: where another speaker's verb takes over ("…, he believed …").
// A participle whose content is a quotation ("…, stating, “Q”") ends it
// too: the quotation is its own, direct speech.
func (d *doc) clauseEnd(c, b int) int {
	for k := c + 1; k+2 < b; k++ {
		if d.toks[k].Text == "," && isIng(d.lower(k+1)) && d.quoteFollows(k+2, b) {
			if _, ok := d.verbAt(k+1, speechVerbs); ok {
				return k
			}
		}
		if d.toks[k].Text == "," && isSubjectPronoun(d.lower(k+1)) {
			if _, ok := d.verbAt(k+2, clausalVerbs); ok {
				return k
			}
		}
	}
	return b
}

// Reporting phrases: a light verb with a fixed complement that reports
// speech as a single verb would ("made it clear that" = stated; "expressed
// his hope that" = hoped aloud). makeVerbs take an optional "it" and an
// adjective; expressVerbs take a determiner, an optional adjective and a
// noun of stance.
var (
	makeVerbs    = loadWords("make_verbs")
	makeAdjs     = loadWords("make_adjs")
	expressVerbs = loadWords("express_verbs")
	stanceNouns  = loadWords("stance_nouns")
)

// reportPhrase reads a reporting phrase at token v ("made it clear that",
// "has made plain that", "expressed his hope that") within [v, b): c is
// the first token of the reported clause after "that", verb the phrase as
// written. A negated phrase reports nothing ("never made clear that").
func (d *doc) reportPhrase(v, b int) (c int, verb string, ok bool) {
	if !d.wordTok(v) || d.inQuote[v] >= 0 || d.toks[v].Cap && !d.starts[v] {
		return 0, "", false
	}
	if v > 0 {
		pv := d.lower(v - 1)
		if pv == "not" || pv == "never" || strings.HasSuffix(pv, "n't") || strings.HasSuffix(pv, "n’t") || determiners[pv] {
			return 0, "", false
		}
	}
	k := v + 1
	word := func(i int) string {
		if i < b && d.wordTok(i) && d.inQuote[i] < 0 {
			return d.lower(i)
		}
		return ""
	}
	switch w := d.lower(v); {
	case makeVerbs[w]:
		if word(k) == "it" {
			k++
		}
		if !makeAdjs[word(k)] {
			return 0, "", false
		}
		k++
	case expressVerbs[w]:
		if !determiners[word(k)] || word(k) == "that" || word(k) == "this" {
			return 0, "", false
		}
		k++
		if !stanceNouns[word(k)] && stanceNouns[word(k+1)] {
			k++ // "his strong belief"
		}
		if !stanceNouns[word(k)] {
			return 0, "", false
		}
		k++
	default:
		return 0, "", false
	}
	if word(k) != "that" || k+1 >= b {
		return 0, "", false
	}
	return k + 1, d.body[d.toks[v].Start:d.toks[k-1].End], true
}

// onlyModifiers reports whether tokens [a, b) can only open the noun
// phrase that starts at b ("the Harbour Daily Times", "the zoo's executive
// director", "the boys and their parents"): up to four words that are no
// conjunction (but a coordinating "and" inside), preposition, pronoun or
// speech verb.
func (d *doc) onlyModifiers(a, b int) bool {
	for k := a; k < b; k++ {
		w := d.lower(k)
		if w == "and" && k > a {
			continue // "the boys and their parents say"
		}
		if !d.wordTok(k) || npStop[w] || isSubjectPronoun(w) {
			return false
		}
		if _, ok := d.verbAt(k, speechVerbs); ok {
			return false
		}
	}
	return b-a <= 4
}

// parenthetical reads "…, S said, …" and "…, said S, …" inside a sentence:
// the reported speech is on both sides of the attribution.
func (d *doc) parenthetical(a, b int) []Quote {
	for k1 := a + 3; k1 < b; k1++ {
		if d.toks[k1].Text != "," {
			continue
		}
		// the attribution: at most eight words up to the next comma
		k2 := k1 + 1
		for k2 < b && k2-k1 <= 9 && d.toks[k2].Text != "," && !isPunct(d.toks[k2], ".;:?!") {
			k2++
		}
		if k2 >= b || d.toks[k2].Text != "," || k2-k1 < 3 || b-k2 < 4 {
			continue
		}
		for v := k1 + 1; v < k2; v++ {
			if _, ok := d.verbAt(v, clausalVerbs); !ok || isIng(d.lower(v)) {
				continue
			}
			var sa, sb int
			ok := false
			words, commas := 0, 0
			for r := a; r < k1; r++ {
				if d.toks[r].Word {
					words++
				} else if d.toks[r].Text == "," {
					commas++
				}
			}
			// "Spindler's father, Joseph, says …": a subject, not speech;
			// a short clause of its own ("Prices will rise, she warned,
			// unless …") still leads into the speech after the attribution
			if words < 3 || words < 4 && commas > 0 {
				break
			}
			if v == k1+1 && !objectVerbs[d.lower(v)] {
				sa, sb, ok = d.npAfter(v+1, k2)
				ok = ok && sb == k2 && (d.toks[sb-1].Cap || people.RoleNoun(d.lower(sb-1)) || isSubjectPronoun(d.lower(sb-1)))
			} else if d.skipAuxBack(v-1, k1+1) >= k1+1 {
				sa, sb, ok = d.subjectOf(v, k1+1)
				ok = ok && sa == k1+1
			}
			// nothing but adjuncts may follow the verb
			rest := 0
			for r := v + 1; r < k2; r++ {
				if d.toks[r].Word {
					rest++
				}
			}
			if !ok || v > k1+1 && rest > 3 {
				break
			}
			if d.quoteFollows(k2, b) {
				// "…, he responded, “Q”": the quotation is what was said;
				// empty, not nil, so no other pattern reads this sentence
				return []Quote{}
			}
			sp, m := d.speakerOf(sa, sb)
			att := attribution{speaker: sp, mention: m, verb: d.toks[v].Text, ok: true}
			var out []Quote
			// "When asked …, he said, …": only the part after is speech
			if !d.adverbialOnly(a, k1) {
				if q, ok := d.clause(a, k1, att); ok {
					out = append(out, q)
				}
			}
			c := k2 + 1
			for c < b && d.wordTok(c) && (d.lower(c) == "that" || d.lower(c) == "but" || d.lower(c) == "and") {
				c++
			}
			if q, ok := d.clause(c, b, att); ok {
				out = append(out, q)
			}
			return out
		}
	}
	return nil
}
