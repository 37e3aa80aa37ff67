// Package orgs finds the organisations an article names: one canonical
// (longest) name per organisation, the acronym the article gives it
// ("the Kestrel Policy Centre (KPC)"), its shorter forms ("the Centre",
// "Roper Center" for "Roper Center for Opinion Studies"), and every
// mention as a byte span, including "the company" or "the agency" that
// refer back to the organisation named last, and "the institute" that
// refers back to the institute named last.
//
// It depends only on data/text and data/people, so the attribution rules
// (data/quotes) may use it for organisation candidates and canonical
// speaker names, and data/entity builds the article's entity model from
// it. Every decision is a named rule (Mention.Rule) so that an
// organisation's mentions can explain themselves.
package orgs

import (
	"embed"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/data/people"
	"newsbot/data/text"
)

// Span is a byte range [Start, End) of the body.
type Span struct{ Start, End int }

// Mention is one place where the body refers to an organisation.
type Mention struct {
	Span
	// Rule names why this is a mention of the organisation: "name" (its
	// full name or a longer form), "acronym", "short" (the part before
	// "of"/"for", "the Centre"), "back" ("the company": the organisation
	// named last).
	Rule string
}

// Org is one organisation the article names.
type Org struct {
	Name     string    `json:"name"`              // canonical: the longest form met
	Acronym  string    `json:"acronym,omitempty"` // "KPC", when the article gives one
	Aliases  []string  `json:"aliases,omitempty"` // other forms met, acronym included
	Mentions []Mention `json:"-"`                 // in body order

	// keys are the folded words of Name and of each alias, made once by
	// Find for Resolve (nil in an Org made by hand: Resolve folds then).
	keys []string
}

// formKeys returns the folded forms of an organisation's name (first) and
// aliases.
func (o *Org) formKeys() []string {
	if o.keys != nil {
		return o.keys
	}
	ks := make([]string, 0, 1+len(o.Aliases))
	ks = append(ks, key(text.Words(o.Name)))
	for _, a := range o.Aliases {
		ks = append(ks, key(text.Words(a)))
	}
	return ks
}

//go:embed words/*.txt
var wordFiles embed.FS

func loadWords(name string) map[string]bool {
	b, err := wordFiles.ReadFile("words/" + name + ".txt")
	if err != nil {
		panic(err) // a missing embedded file is a build defect TestWordLists catches
	}
	s := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if w := strings.TrimSpace(line); w != "" {
			s[w] = true
		}
	}
	return s
}

var (
	// headWords make a capitalised run an organisation's name.
	headWords = loadWords("heads")
	// genericWords refer back to the organisation named last ("the company").
	genericWords = loadWords("generic")
	// notOrgs are all-capital words that are no body's acronym.
	notOrgs = loadWords("notorgs")
	// openerWords open a sentence before a name without being part of it.
	openerWords = loadWords("openers")
	// appositiveWords head an apposition that makes the name before it an
	// organisation's ("Velora, a news agency,").
	appositiveWords = loadWords("appositive")
)

// connectors may stand inside an organisation's name between capitalised
// words ("Bureau of Harbour Statistics", "Centre for Policy Studies").
var connectors = map[string]bool{"of": true, "for": true, "and": true, "on": true, "&": true, "de": true}

// maxRun bounds a name in tokens ("National Academy of Sciences and
// Engineering of the Eastern Provinces" is long; a run-on line of capitals
// must not be one name).
const maxRun = 10

// backWindow is how far back (bytes) "the company" looks for the
// organisation it refers to: about two paragraphs.
const backWindow = 1500

// run is one candidate name: tokens [a, b).
type run struct{ a, b int }

// Find returns the organisations body names, in order of first mention.
// toks is body's text.Tokenize result and starts its sentence starts
// (people.Starts); both nil: computed here.
func Find(body string, toks []text.Token, starts []bool) []Org {
	if toks == nil {
		toks = text.Tokenize(body)
	}
	if starts == nil {
		starts = people.Starts(toks, text.Sentences(body), body)
	}
	f := finder{body: body, toks: toks, starts: starts, byKey: map[string]int{}}
	runs := f.runs()
	for _, r := range runs {
		if f.isOrg(r) {
			f.add(r)
		}
	}
	f.mergeShortForms()
	f.linkAcronyms()
	f.mentions(runs)
	out := make([]Org, 0, len(f.orgs))
	for _, o := range f.orgs {
		if o.merged || len(o.org.Mentions) == 0 {
			continue
		}
		sort.Slice(o.org.Mentions, func(i, j int) bool { return o.org.Mentions[i].Start < o.org.Mentions[j].Start })
		o.org.keys = o.org.formKeys()
		out = append(out, o.org)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Mentions[0].Start < out[j].Mentions[0].Start })
	return out
}

type build struct {
	org    Org
	words  []string // folded words of the name
	merged bool     // folded into a longer form
	into   int      // the build it was merged into
}

type finder struct {
	body   string
	toks   []text.Token
	starts []bool
	orgs   []*build
	byKey  map[string]int // folded name, alias or acronym → build
	// withWord maps a word to the one unmerged build whose name has it,
	// or -1 when several have it (see lastWith; made on first use, after
	// the merges).
	withWord map[string]int
}

func (f *finder) capWord(i int) bool {
	t := f.toks[i]
	if !t.Word || !t.Cap {
		return false
	}
	r := []rune(t.Text)
	return len(r) > 0 && unicode.IsLetter(r[0])
}

// runs returns the capitalised runs of the body: capitalised words with
// connectors between them, within a sentence, without a leading article
// or title ("The", "Sen."), ending at a possessive.
func (f *finder) runs() []run {
	var out []run
	for i := 0; i < len(f.toks); {
		if !f.capWord(i) {
			i++
			continue
		}
		j := i + 1
		for j < len(f.toks) && j-i < maxRun && !f.toks[j-1].Poss && !f.starts[j] {
			if f.capWord(j) {
				j++
				continue
			}
			low := f.toks[j].Lower()
			// "of the", "for the": a connector may bring an article
			k := j + 1
			if connectors[low] && k < len(f.toks) && f.toks[k].Lower() == "the" && low != "and" {
				k++
			}
			if connectors[low] && k < len(f.toks) && !f.starts[k] && f.capWord(k) && f.joins(low, j-1) {
				j = k + 1
				continue
			}
			break
		}
		a, b := i, j
		// "The", "Former", "Sen.": words before a name that are not part of it
		for a < b && (people.NotName(f.toks[a].Lower()) && f.toks[a].Lower() != "new" || people.Titles(f.toks[a].Lower())) {
			a++
		}
		// "Enter The Harbour Post": a capitalised article inside a run
		// begins the name
		for m := a + 1; m < b-1; m++ {
			if f.toks[m].Text == "The" {
				a = m + 1
			}
		}
		// "Later Brightwater Foods objected", "Separately Kestrel Foods …"
		if a < b-1 && f.starts[a] && opener(f.toks[a].Lower()) {
			a++
		}
		// "Eastfield Daily Times Tuesday"
		for b > a && people.NotName(f.toks[b-1].Lower()) {
			b--
		}
		// "Harbour News Executive Chairman Jo Brand": a role or title
		// after the body's name begins a person's description
		for m := a + 1; m < b; m++ {
			// "Centre for Justice": a title after a connector is the
			// name's object, not a person's office
			if p := f.toks[m-1].Lower(); connectors[p] || p == "the" {
				continue
			}
			if w := f.toks[m].Lower(); !headWords[w] && (people.RoleNoun(w) || people.RoleNoun(strings.TrimSuffix(w, "s"))) {
				b = m
				// "Senate Majority Leader Jo Brand": what stays must end
				// with a body's head word to be a name ("Harbour News")
				if !headWords[f.toks[b-1].Lower()] {
					b = a
				}
				break
			}
		}
		for b > a && (connectors[f.toks[b-1].Lower()] || f.toks[b-1].Lower() == "the") {
			b--
		}
		if a < b {
			out = append(out, run{a, b})
		}
		i = j
	}
	return out
}

// opener reports a word that opens a sentence before a name.
func opener(w string) bool {
	return openerWords[w] || strings.HasSuffix(w, "ly") // not -ed: "United"
}

// joins reports whether connector c may continue a name after token p:
// "of" and "for" only after a body's head word ("Bureau of …", "Centre
// for …"; "Jo Brand of Harbour News" is a person and a body), "and" only
// inside a name ("Health and Safety"), not after a head word, where it
// joins two bodies ("the Centre and Eastfield University").
func (f *finder) joins(c string, p int) bool {
	w := f.toks[p].Lower()
	switch c {
	case "and", "&":
		return !headWords[w] && people.OrgWord(w)
	case "de":
		return true
	}
	return headWords[w] || people.OrgWord(w)
}

// isAcronym reports an all-capital word of 2 to 6 letters ("KPC", "AT&T"
// aside) that is not a common abbreviation.
// dateline reports an all-capital word that opens a paragraph or a
// sentence and is followed by punctuation ("EASTFIELD (Wire) —"): a
// place heading a story, not a body.
func (f *finder) dateline(k int) bool {
	return f.starts[k] && k+1 < len(f.toks) && !f.toks[k+1].Word
}

func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 6 && !notOrgs[strings.ToLower(w)]
}

// isOrg reports whether a run names an organisation: it has a head word
// ("Centre", "Foods"), or it is an acronym, or an acronym in parentheses
// follows it.
func (f *finder) isOrg(r run) bool {
	if !f.orgLike(r) {
		return false
	}
	// "Westland, the union's founding member": a place speaks, no body
	return r.b-r.a > 4 || !people.IsPlace(f.text(r))
}

func (f *finder) orgLike(r run) bool {
	if r.b-r.a == 1 {
		// one word: an acronym; a head word alone ("the Centre") is a
		// short form of a name met elsewhere, not a name
		return isAcronym(f.toks[r.a].Text) && !f.dateline(r.a) || f.orgApposition(r)
	}
	if f.acronymAfter(r) != "" || f.orgApposition(r) {
		return true
	}
	for k := r.a; k < r.b; k++ {
		if f.capWord(k) && headWords[f.toks[k].Lower()] {
			return true
		}
	}
	return false
}

// appositionStops end the head of an apposition: prepositions, relatives
// and participles that begin what modifies it.
var appositionStops = map[string]bool{"for": true, "of": true, "that": true, "which": true, "who": true, "in": true,
	"at": true, "with": true, "based": true, "from": true, "on": true, "to": true, "and": true, "owned": true, "run": true}

// orgApposition reports a name followed by an apposition whose head noun
// is a body's ("Velora, a news agency,", "Harbourline, the ferry
// operator that …"). The head is the last word before a preposition, a
// relative or the apposition's end, so "Jo Brand, a spokeswoman for the
// agency," stays a person.
func (f *finder) orgApposition(r run) bool {
	k := r.b
	if f.toks[r.b-1].Poss || k+1 >= len(f.toks) || f.toks[k].Text != "," {
		return false
	}
	k++
	if w := f.toks[k].Lower(); w != "a" && w != "an" && w != "the" {
		return false
	}
	head := ""
	for k++; k < len(f.toks) && k-r.b < 12; k++ {
		t := f.toks[k]
		if !t.Word && t.Text != "-" || appositionStops[t.Lower()] {
			break
		}
		head = t.Lower()
	}
	return appositiveWords[head]
}

// acronymAfter returns the acronym in parentheses right after a run
// ("Kestrel Policy Centre (KPC)"), or "".
func (f *finder) acronymAfter(r run) string {
	b := r.b
	if b+2 < len(f.toks) && f.toks[b].Text == "(" && f.toks[b+2].Text == ")" && isAcronym(f.toks[b+1].Text) && r.b-r.a >= 2 {
		return f.toks[b+1].Text
	}
	return ""
}

func (f *finder) text(r run) string {
	return strings.Join(strings.Fields(f.body[f.toks[r.a].Start:f.toks[r.b-1].End]), " ")
}

func (f *finder) words(r run) []string {
	out := make([]string, 0, r.b-r.a)
	for k := r.a; k < r.b; k++ {
		out = append(out, f.toks[k].Lower())
	}
	return out
}

func key(ws []string) string { return strings.Join(ws, " ") }

func (f *finder) add(r run) {
	ws := f.words(r)
	k := key(ws)
	i, ok := f.byKey[k]
	if !ok {
		i = len(f.orgs)
		f.orgs = append(f.orgs, &build{org: Org{Name: f.text(r)}, words: ws})
		f.byKey[k] = i
	}
	if acr := f.acronymAfter(r); acr != "" && f.orgs[i].org.Acronym == "" {
		f.orgs[i].org.Acronym = acr
	}
}

// root follows merges to the build that stands for i.
func (f *finder) root(i int) int {
	for f.orgs[i].merged {
		i = f.orgs[i].into
	}
	return i
}

// mergeShortForms folds a name that is the start of a longer one before a
// connector ("Roper Center" of "Roper Center for Opinion Studies"), or of
// two words or more that ends a longer one ("Daily Courier" of "Eastfield
// Daily Courier"), into the longer, which becomes canonical; the shorter
// is an alias. A short form two longer names share stays apart.
func (f *finder) mergeShortForms() {
	// Each name is looked up by the forms it may be the longer of, not
	// compared with every other name: an article of thousands of names
	// (a hostile upload) must not cost their square.
	longer := map[string][]int{} // a prefix before a connector, or a suffix of 2+ words → builds
	for j, l := range f.orgs {
		for p := 1; p < len(l.words); p++ {
			if connectors[l.words[p]] {
				longer[key(l.words[:p])] = append(longer[key(l.words[:p])], j)
			}
		}
		for m := 2; m < len(l.words); m++ {
			k := key(l.words[len(l.words)-m:])
			longer[k] = append(longer[k], j)
		}
	}
	for i, s := range f.orgs {
		long := -1
		for _, j := range longer[key(s.words)] {
			l := f.orgs[j]
			if i == j || j == long || l.merged || len(l.words) <= len(s.words) {
				continue
			}
			if long >= 0 {
				long = -2 // ambiguous
				break
			}
			long = j
		}
		if long >= 0 {
			s.merged, s.into = true, long
			l := f.orgs[long]
			l.org.Aliases = addAlias(l.org.Aliases, s.org.Name)
			if l.org.Acronym == "" {
				l.org.Acronym = s.org.Acronym
			}
		}
	}
}

// linkAcronyms gives an organisation the acronym of its name's initials
// when the article uses it alone ("DNC" for "Democratic National
// Committee"), and drops the acronym's own entry.
func (f *finder) linkAcronyms() {
	// The builds an acronym may stand for, by the acronym they were given
	// or their initials, so that each acronym looks at those alone.
	byAcronym := map[string][]int{}
	for j, l := range f.orgs {
		if l.org.Acronym != "" {
			byAcronym[strings.ToLower(l.org.Acronym)] = append(byAcronym[strings.ToLower(l.org.Acronym)], j)
		} else if ini := initials(l.words); len(ini) >= 2 {
			byAcronym[ini] = append(byAcronym[ini], j)
		}
	}
	for i, b := range f.orgs {
		if b.merged || len(b.words) != 1 || !isAcronym(b.org.Name) {
			continue
		}
		acr := b.org.Name
		// the first build, in order, that takes it
		for _, j := range byAcronym[strings.ToLower(acr)] {
			l := f.orgs[j]
			if i == j || l.merged || !(l.org.Acronym == acr || l.org.Acronym == "" && initials(l.words) == strings.ToLower(acr)) {
				continue
			}
			l.org.Acronym = acr
			b.merged, b.into = true, j
			break
		}
	}
	for _, b := range f.orgs {
		if !b.merged && b.org.Acronym != "" {
			b.org.Aliases = addAlias(b.org.Aliases, b.org.Acronym)
		}
	}
}

// initials folds the first letters of a name's words, connectors left out
// ("Bureau of Harbour Statistics" → "bhs").
func initials(ws []string) string {
	var sb strings.Builder
	for _, w := range ws {
		if connectors[w] || w == "the" {
			continue
		}
		for _, r := range w {
			sb.WriteRune(r)
			break
		}
	}
	return sb.String()
}

func addAlias(as []string, a string) []string {
	for _, x := range as {
		if x == a {
			return as
		}
	}
	return append(as, a)
}

// mentions records every mention: the runs that are a name, an alias or
// an acronym of an organisation; "the Centre" (a head word of a name met
// before); "the company" (the organisation named last, within
// backWindow).
func (f *finder) mentions(runs []run) {
	for _, b := range f.orgs {
		if !b.merged {
			f.byKey[key(b.words)] = f.root(f.byKey[key(b.words)])
		}
	}
	acr := map[string]int{}
	for i, b := range f.orgs {
		if !b.merged && b.org.Acronym != "" {
			acr[b.org.Acronym] = i
		}
	}
	// the first words of every name and alias, so that most runs are
	// passed over without folding them whole
	firstWords := map[string]bool{}
	for k := range f.byKey {
		firstWords[strings.SplitN(k, " ", 2)[0]] = true
	}
	last := -1    // the build mentioned last
	lastEnd := -1 // where that mention ended
	ri := 0
	for k := 0; k < len(f.toks); k++ {
		// a run that starts here
		for ri < len(runs) && runs[ri].a < k {
			ri++
		}
		if ri < len(runs) && runs[ri].a == k {
			r := runs[ri]
			if !firstWords[f.toks[r.a].Lower()] {
				// no name begins with this word: not a mention by name
			} else if i, ok := f.byKey[key(f.words(r))]; ok {
				i = f.root(i)
				rule := "name"
				switch t := f.text(r); {
				case t == f.orgs[i].org.Acronym:
					rule = "acronym"
				case t != f.orgs[i].org.Name:
					rule = "short"
				}
				f.note(i, r, rule)
				last, lastEnd = i, f.toks[r.b-1].End
				k = r.b - 1
				continue
			}
			if r.b-r.a == 1 {
				if i, ok := acr[f.toks[k].Text]; ok {
					f.note(i, r, "acronym")
					last, lastEnd = i, f.toks[k].End
					continue
				}
			}
		}
		if f.toks[k].Lower() != "the" || k+1 >= len(f.toks) {
			continue
		}
		n := f.toks[k+1]
		low := n.Lower()
		switch {
		case n.Cap && headWords[low] && !(ri < len(runs) && runs[ri].a == k+1 && runs[ri].b > k+2):
			// "the Centre": the organisation named last with that head
			if i := f.lastWith(low, last); i >= 0 {
				f.note(i, run{k, k + 2}, "short")
				last, lastEnd = i, n.End
			}
		case !n.Cap && genericWords[low] && last >= 0 && n.Start-lastEnd <= backWindow:
			f.note(last, run{k, k + 2}, "back")
			lastEnd = n.End
		case !n.Cap && headWords[low] && last >= 0 && n.Start-lastEnd <= backWindow:
			// "the council", "the institute": a body of that kind named
			// before, not just any ("the council" after "Brightwater
			// Foods" is some council the article did not name)
			if i := f.lastWith(low, last); i >= 0 {
				f.note(i, run{k, k + 2}, "back")
				last, lastEnd = i, n.End
			}
		}
	}
}

// lastWith returns the organisation whose name has the head word w,
// preferring the one mentioned last; -1 when none has it.
func (f *finder) lastWith(w string, last int) int {
	if last >= 0 && contains(f.orgs[last].words, w) {
		return last
	}
	if f.withWord == nil {
		// made once: "the Centre" may stand thousands of times in an
		// article of thousands of names
		f.withWord = map[string]int{}
		for i, b := range f.orgs {
			if b.merged {
				continue
			}
			for _, x := range b.words {
				if j, ok := f.withWord[x]; !ok {
					f.withWord[x] = i
				} else if j != i {
					f.withWord[x] = -1 // two have it, and neither was named last
				}
			}
		}
	}
	if i, ok := f.withWord[w]; ok {
		return i
	}
	return -1
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// maxMentions bounds the mentions kept per organisation.
const maxMentions = 1000

func (f *finder) note(i int, r run, rule string) {
	o := &f.orgs[i].org
	if len(o.Mentions) >= maxMentions {
		return
	}
	o.Mentions = append(o.Mentions, Mention{Span{f.toks[r.a].Start, f.toks[r.b-1].End}, rule})
	if rule != "back" {
		t := f.text(r)
		if strings.EqualFold(f.toks[r.a].Text, "the") {
			t = f.text(run{r.a + 1, r.b})
		}
		if t != o.Name {
			o.Aliases = addAlias(o.Aliases, t)
		}
	}
}

// Index answers Resolve and Before over one list of organisations in
// time that does not grow with the list: an article of thousands of
// organisations and quotations (a hostile upload) asks once per
// quotation, which scanning the list would make cost their product.
type Index struct {
	os []Org
	// byName maps a name's folded words, or a folded acronym, to the
	// first organisation with it; byAlias an alias's.
	byName, byAlias map[string]int
	// byPrefix maps the words of a name before a connector ("roper
	// centre" of "Roper Centre for Opinion Studies"), and byHead a word
	// of a name, to the one organisation with them, or -1 when several
	// have them.
	byPrefix, byHead map[string]int
	// ends are every mention's end, in order, with its organisation and
	// mention (for Before).
	ends []mentionAt
}

type mentionAt struct{ end, org, mention int }

// NewIndex indexes os, which must not change while the index is used.
func NewIndex(os []Org) *Index {
	x := &Index{os: os, byName: map[string]int{}, byAlias: map[string]int{}, byPrefix: map[string]int{}, byHead: map[string]int{}}
	first := func(m map[string]int, k string, i int) {
		if _, ok := m[k]; !ok {
			m[k] = i
		}
	}
	only := func(m map[string]int, k string, i int) {
		if j, ok := m[k]; !ok {
			m[k] = i
		} else if j != i {
			m[k] = -1
		}
	}
	for i := range os {
		ks := os[i].formKeys()
		first(x.byName, ks[0], i)
		if os[i].Acronym != "" {
			first(x.byName, strings.ToLower(os[i].Acronym), i)
		}
		for _, a := range ks[1:] {
			first(x.byAlias, a, i)
		}
		ow := strings.Fields(ks[0])
		for p := 1; p < len(ow); p++ {
			if connectors[ow[p]] {
				only(x.byPrefix, key(ow[:p]), i)
			}
		}
		for _, w := range ow {
			only(x.byHead, w, i)
		}
		for j, m := range os[i].Mentions {
			x.ends = append(x.ends, mentionAt{m.End, i, j})
		}
	}
	// by end; on a tie the first organisation, and its last such mention
	sort.Slice(x.ends, func(a, b int) bool {
		ea, eb := x.ends[a], x.ends[b]
		if ea.end != eb.end {
			return ea.end < eb.end
		}
		if ea.org != eb.org {
			return ea.org > eb.org
		}
		return ea.mention < eb.mention
	})
	return x
}

// Resolve returns the index in os of the organisation a phrase names (its
// name, an alias, its acronym, "the Centre"), or -1. Case and a leading
// article or trailing possessive do not matter. Asking more than once,
// make an Index.
func Resolve(os []Org, phrase string) int { return NewIndex(os).Resolve(phrase) }

// Resolve is the package's Resolve over the indexed organisations.
func (x *Index) Resolve(phrase string) int {
	for _, poss := range []string{"'s", "’s", "'", "’"} {
		phrase = strings.TrimSuffix(phrase, poss)
	}
	ws := text.Words(phrase)
	for len(ws) > 0 && (ws[0] == "the" || ws[0] == "a" || ws[0] == "an") {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return -1
	}
	k := key(ws)
	if i, ok := x.byName[k]; ok {
		return i
	}
	if i, ok := x.byAlias[k]; ok {
		return i
	}
	// "Roper Centre" for "Roper Centre for Opinion Studies"
	if i, ok := x.byPrefix[k]; ok {
		return i
	}
	// "the Bureau" (capitalised: a name's head, not "the bureau")
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(phrase, "the "), "The "))); len(ws) == 1 && headWords[ws[0]] && unicode.IsUpper(r) {
		if i, ok := x.byHead[ws[0]]; ok {
			return i
		}
	}
	return -1
}

// Before returns the organisation mentioned last before byte offset at
// (its mention ends at or before at) and that mention, or -1: the issuer a
// document most likely speaks for ("Researchers at the Kestrel Policy
// Centre surveyed 300 farms. … the report said") and the organisation "it"
// may stand for. Asking more than once, make an Index.
func Before(os []Org, at int) (int, Mention) { return NewIndex(os).Before(at) }

// Before is the package's Before over the indexed organisations.
func (x *Index) Before(at int) (int, Mention) {
	j := sort.Search(len(x.ends), func(j int) bool { return x.ends[j].end > at }) - 1
	if j < 0 {
		return -1, Mention{}
	}
	m := x.ends[j]
	return m.org, x.os[m.org].Mentions[m.mention]
}
