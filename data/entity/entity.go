// Package entity is an article's entity model: the people it names and the
// organisations, documents and groups its quotations are attributed to,
// each with a canonical name, a kind, its mentions (byte spans), its roles
// and how many quotations it speaks. It is built once per article by
// corpus.Analyze from the one tokenisation people and quotes share, so
// that commands list organisations and documents apart from people and
// find a person by a role ("the mayor").
package entity

import (
	"sort"
	"strings"

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
// pronouns resolved by the quotation rules aside), and an entity of its
// SpeakerKind for every other speaker.
func Build(body string, sents []text.Sentence, toks []text.Token, ppl []people.Person, qs []quotes.Quote) []Entity {
	out := make([]Entity, 0, len(ppl))
	for _, p := range ppl {
		e := Entity{Name: p.Name, Kind: Person, Aliases: p.Aliases, Gender: p.Gender}
		if p.Role != "" {
			e.Roles = []string{p.Role}
		}
		out = append(out, e)
	}
	if len(ppl) > 0 && len(toks) > 0 {
		for _, m := range people.Locate(toks, people.Starts(toks, sents, body), ppl) {
			if m.Person >= 0 && m.Person < len(out) && len(out[m.Person].Mentions) < maxMentions {
				out[m.Person].Mentions = append(out[m.Person].Mentions, Mention{m.Start, m.End})
			}
		}
	}
	index := map[string]int{}
	for i, e := range out {
		index[e.Name] = i
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
