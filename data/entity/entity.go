// Package entity is an article's entity model: the people it names and the
// organisations, documents and groups its quotations are attributed to,
// each with a canonical name, a kind, its mentions (byte spans), its roles
// and how many quotations it speaks. It is built once per article by
// corpus.Analyze from the one tokenisation people and quotes share, so
// that commands list organisations and documents apart from people and
// find a person by a role ("the mayor").
package entity

import (
	_ "embed"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/data/entity/orgs"
	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/text"
)

// Kind is what an entity is.
type Kind string

// The kinds of entity.
const (
	Person       Kind = "person"
	Organisation Kind = "organisation"
	Document     Kind = "document" // speaks for whoever issued it ("the report said")
	Group        Kind = "group"    // "officials", "researchers"
	Place        Kind = "place"    // a country or a state as a speaker ("Canada said"): never a person
)

// Mention is one place where the body refers to an entity.
type Mention struct {
	Start, End int // byte offsets into the body
}

// Entity is someone or something the article names or quotes.
type Entity struct {
	Name     string        `json:"name"` // canonical (the longest name for a person)
	Kind     Kind          `json:"kind"`
	Aliases  []string      `json:"aliases,omitempty"`
	Roles    []string      `json:"roles,omitempty"` // "Prime Minister of the UK"
	Gender   people.Gender `json:"-"`
	Mentions []Mention     `json:"-"`
	Quotes   int           `json:"quotes"` // quotations attributed to it
}

// maxMentions bounds the mentions kept per entity (a name repeated through
// a hostile run-on article must not cost unbounded memory).
const maxMentions = 1000

// Build makes the entity model of one article from its tokens, people and
// quotations: a Person for each of the people (mentions from people.Locate,
// pronouns resolved by the quotation rules aside), an Organisation for
// each organisation orgs.Find meets (canonical name, acronym and short
// forms as aliases, mentions), and an entity of its SpeakerKind for every
// other speaker.
//
// Build also settles, in qs, the speakers that are organisations or
// documents, so that quotations and entities agree (see Canonicalize).
func Build(body string, sents []text.Sentence, toks []text.Token, ppl []people.Person, qs []quotes.Quote) []Entity {
	out := make([]Entity, 0, len(ppl))
	for _, p := range ppl {
		e := Entity{Name: p.Name, Kind: Person, Aliases: p.Aliases, Gender: p.Gender, Roles: p.Roles}
		if len(e.Roles) == 0 && p.Role != "" {
			e.Roles = []string{p.Role} // a Person made by hand, without Roles
		}
		out = append(out, e)
	}
	var starts []bool
	if len(toks) > 0 {
		starts = people.Starts(toks, sents, body)
	}
	if len(ppl) > 0 && len(toks) > 0 {
		for _, m := range people.Locate(toks, starts, ppl) {
			if m.Person >= 0 && m.Person < len(out) && len(out[m.Person].Mentions) < maxMentions {
				out[m.Person].Mentions = append(out[m.Person].Mentions, Mention{m.Start, m.End})
			}
		}
	}
	index := map[string]int{}
	for i, e := range out {
		index[e.Name] = i
		for _, a := range e.Aliases {
			if _, taken := index[a]; !taken && len(strings.Fields(a)) >= 2 {
				index[a] = i // "Sandy Roe" is the person "Sandra Roe"
			}
		}
	}
	var os []orgs.Org
	if len(toks) > 0 {
		os = orgs.Find(body, toks, starts)
	}
	Canonicalize(body, sents, qs, os)
	for _, o := range os {
		if _, isPerson := index[o.Name]; isPerson {
			continue // a person's name with a body's word in it ("Dominic Bank")
		}
		e := Entity{Name: o.Name, Kind: Organisation, Aliases: o.Aliases}
		for _, m := range o.Mentions {
			if len(e.Mentions) < maxMentions {
				e.Mentions = append(e.Mentions, Mention{m.Start, m.End})
			}
		}
		index[o.Name] = len(out)
		out = append(out, e)
	}
	for _, q := range qs {
		if q.Speaker == "" {
			continue
		}
		for _, name := range speakers(q.Speaker) {
			i, ok := index[name]
			if !ok {
				k := kindOf(q.SpeakerKind)
				if k == "" {
					continue // nothing known of it: not an entity the answers list
				}
				i = len(out)
				index[name] = i
				out = append(out, Entity{Name: name, Kind: k, Mentions: find(body, name)})
			}
			out[i].Quotes++
		}
	}
	return out
}

// issuerSentences is how far back (in sentences) a document that names no
// issuer looks for the organisation that issued it: its own sentence and
// the one before ("Researchers at the Kestrel Policy Centre surveyed 300
// farms. “…,” the report said.").
const issuerSentences = 1

// Canonicalize settles the speakers of qs that are organisations,
// documents or places, given the article's organisations (orgs.Find):
//   - a country, a US state or a Canadian province is a place
//     (people.IsPlace), never a person nor an organisation;
//   - a short form of an organisation ("the Centre", "KPC", "Roper
//     Center") becomes its canonical name ("Roper Center for Opinion
//     Studies");
//   - "it" ("It now warns that …") is the organisation named last, in its
//     sentence or the one before;
//   - a document bodies issue (bodyDocs: a report, a survey; not a
//     letter or a book) that names no issuer ("“…,” the report said.")
//     speaks for the organisation named last before it, in its sentence
//     or the one before ("Researchers at the Kestrel Policy Centre surveyed 300
//     farms."); a document with no organisation so near stays a document.
//
// Each change is traced in the quotation's Why (features
// "organisation_canonical_name", "it_organisation_named_before" and
// "document_issuer_named_before"). A
// speaker that is one of the people is never changed.
func Canonicalize(body string, sents []text.Sentence, qs []quotes.Quote, os []orgs.Org) {
	x := orgs.NewIndex(os) // once: an article may hold thousands of both
	for i := range qs {
		q := &qs[i]
		if q.Speaker == "" || q.SpeakerKind == "person" {
			continue
		}
		if people.IsPlace(q.Speaker) {
			q.SpeakerKind = string(Place) // "Canada said": a country speaks, no person
			continue
		}
		// "It now warns that …": "it" stands for the organisation named
		// last, in its sentence or the one before
		if w := strings.Fields(q.Speaker); len(w) > 0 && len(w) <= 2 && strings.EqualFold(w[0], "it") {
			if o, m := x.Before(q.Start); o >= 0 && sentenceOf(sents, q.Start)-sentenceOf(sents, m.Start) <= issuerSentences {
				q.Speaker, q.SpeakerKind = os[o].Name, string(Organisation)
				q.Why = append(q.Why, quotes.Reason{Feature: "it_organisation_named_before", Value: 1})
			}
			continue
		}
		if q.SpeakerKind == "document" && !hasCapital(q.Speaker) && bodyDocs[lastWord(q.Speaker)] {
			if o, m := x.Before(q.Start); o >= 0 && sentenceOf(sents, q.Start)-sentenceOf(sents, m.Start) <= issuerSentences {
				q.Alternatives = append([]string{q.Speaker}, q.Alternatives...)
				q.Speaker, q.SpeakerKind = os[o].Name, string(Organisation)
				q.Why = append(q.Why, quotes.Reason{Feature: "document_issuer_named_before", Value: 1})
			}
			continue
		}
		if o := x.Resolve(q.Speaker); o >= 0 && os[o].Name != q.Speaker && hasCapital(q.Speaker) {
			q.Speaker, q.SpeakerKind = os[o].Name, string(Organisation)
			q.Why = append(q.Why, quotes.Reason{Feature: "organisation_canonical_name", Value: 1})
		}
	}
}

//go:embed words/bodydocs.txt
var bodyDocsFile string

// bodyDocs are documents bodies issue ("report", "survey"; not "letter"
// or "book", which people write as often), folded.
var bodyDocs = func() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(bodyDocsFile, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if w := strings.TrimSpace(line); w != "" {
			out[w] = true
		}
	}
	return out
}()

// lastWord folds the last word of a phrase ("report" of "the new report").
func lastWord(s string) string {
	w := text.Words(s)
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}

// sentenceOf returns the index of the sentence holding byte offset at (-1
// before the first sentence).
func sentenceOf(sents []text.Sentence, at int) int {
	return sort.Search(len(sents), func(i int) bool { return sents[i].Start > at }) - 1
}

// hasCapital reports whether a speaker phrase has a capitalised word: a
// name ("a Kestrel Centre report" names its issuer; "the report" does
// not; "police" is not "Eastfield Police").
func hasCapital(s string) bool {
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// speakers splits a joint speaker ("A and B") into its people.
func speakers(s string) []string {
	parts := strings.Split(strings.ReplaceAll(s, ", ", " and "), " and ")
	if len(parts) < 2 {
		return []string{s}
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func kindOf(speakerKind string) Kind {
	switch speakerKind {
	case "person":
		return Person
	case "organisation":
		return Organisation
	case "document":
		return Document
	case "group":
		return Group
	case "place":
		return Place
	}
	return ""
}

// find returns the places where name occurs in body (bounded).
func find(body, name string) []Mention {
	var out []Mention
	for off := 0; len(out) < maxMentions; {
		i := strings.Index(body[off:], name)
		if i < 0 {
			break
		}
		out = append(out, Mention{off + i, off + i + len(name)})
		off += i + len(name)
	}
	return out
}

// ByKind returns the entities of one kind, most quoted first, then by
// name.
func ByKind(es []Entity, k Kind) []Entity {
	var out []Entity
	for _, e := range es {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Quotes != out[b].Quotes {
			return out[a].Quotes > out[b].Quotes
		}
		return out[a].Name < out[b].Name
	})
	return out
}

// ByRole returns the entities holding a role whose words include every
// word of role ("mayor" finds "Mayor of Eastfield"; "the premier" finds
// "Premier"), in article order.
func ByRole(es []Entity, role string) []Entity {
	want := text.Words(role)
	var ws []string
	for _, w := range want {
		if w != "the" && w != "a" && w != "an" {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		return nil
	}
	var out []Entity
	for _, e := range es {
		for _, r := range e.Roles {
			have := map[string]bool{}
			for _, w := range text.Words(r) {
				have[w] = true
			}
			all := true
			for _, w := range ws {
				all = all && have[w]
			}
			if all {
				out = append(out, e)
				break
			}
		}
	}
	return out
}
