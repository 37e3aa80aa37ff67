package commands

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
	"newsbot/data/quotes"
)

// PersonResult is one person in a /people answer, as --json prints it.
type PersonResult struct {
	Name    string   `json:"name"`
	Role    string   `json:"role,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	Quotes  int      `json:"quotes"`
	// Reported is how many of Quotes are reported (indirect) speech.
	Reported int `json:"reported,omitempty"`
	// Likely and Unclear are how many of Quotes the attribution is not
	// sure of: "probably" theirs, or unclear between them and another.
	Likely   int `json:"likely,omitempty"`
	Unclear  int `json:"unclear,omitempty"`
	Mentions int `json:"mentions,omitempty"`
	// Kind is "" for a person, else what the speaker is: "organisation",
	// "document", "group" (listed apart from the people).
	Kind string `json:"kind,omitempty"`
}

// nonPerson reports whether a speaker kind is something other than a
// person: organisations, documents (which speak for whoever issued them),
// groups and places are listed apart, never as people.
func nonPerson(kind string) bool { return kind != "" && kind != "person" }

func peopleCommand() *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Name:        "people",
			Description: "Who appears in an article, with their roles and how often each is quoted",
			Options: []*discordgo.ApplicationCommandOption{
				stringOption("article", "The article's title (start typing to pick one)", true, true, 200),
			},
		},
		Run:      runPeople,
		Complete: completeArticleOption,
		Buttons: []Button{{Pattern: "people:pick:{id}", Press: func(ctx context.Context, req Request) Response {
			req.Options = map[string]string{"article": req.Param("id")}
			return runPeople(ctx, req)
		}}},
		Usage:   "/people article:<title>",
		Example: "/people article: starmer",
	}
}

// runPeople answers /people: who is named in an article, each person's
// role and how often they are quoted, and apart from them the
// organisations, documents and other speakers that are not people.
func runPeople(ctx context.Context, req Request) Response {
	d, bad, ok := findArticle(req, "article")
	if !ok {
		articlePicks(&bad, func(id string) string { return "people:pick:" + id })
		return bad
	}
	kinds, order := speakerKinds(d)
	count, allReported := tallyQuotes(d)
	people, others := peopleAndOthers(d, count, kinds, order)
	e := &discordgo.MessageEmbed{
		Title: "People in " + d.Title,
		URL:   d.URL,
		Color: colorAnswer,
	}
	var results []any
	e.Fields, results = peopleFields(people, others)
	e.Description = peopleSummary(people, others, len(d.Quotes), allReported)
	if meta := articleMeta(d); meta != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: meta}
	}
	return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: results}
}

// quoteTally counts one speaker's quotations in an article: all of them,
// the reported (indirect) ones, and those the attribution is not sure of.
type quoteTally struct{ quoted, reported, likely, unclear int }

// speakerKinds finds the speakers in d that are not people, name → kind,
// and their names in the article's order (entities first, then quotation
// speakers). The article's entity model says what each speaker is; a
// quotation's own SpeakerKind also counts (it moves a speaker the people
// finder took for a person, "Portby Council", out of the people).
func speakerKinds(d *corpus.Doc) (kinds map[string]string, order []string) {
	kinds = map[string]string{}
	for _, e := range d.Entities {
		if k := string(e.Kind); nonPerson(k) {
			if _, seen := kinds[e.Name]; !seen {
				order = append(order, e.Name)
			}
			kinds[e.Name] = k
		}
	}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if nonPerson(q.SpeakerKind) && q.Speaker != "" {
			if _, seen := kinds[q.Speaker]; !seen {
				order = append(order, q.Speaker)
			}
			kinds[q.Speaker] = q.SpeakerKind
		}
	}
	return kinds, order
}

// tallyQuotes counts each speaker's quotations in d (a joint quotation
// counts for each of its speakers), and how many of all the article's
// quotations are reported speech, for the summary line.
func tallyQuotes(d *corpus.Doc) (count map[string]*quoteTally, allReported int) {
	count = map[string]*quoteTally{}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if !q.Direct {
			allReported++
		}
		for _, s := range corpus.Speakers(q.Speaker) {
			t := count[s]
			if t == nil {
				t = &quoteTally{}
				count[s] = t
			}
			t.quoted++
			if !q.Direct {
				t.reported++
			}
			switch q.Certainty() {
			case quotes.Likely:
				t.likely++
			case quotes.Unclear:
				t.unclear++
			}
		}
	}
	return count, allReported
}

// peopleAndOthers builds the results for d's people and, apart, for the
// speakers that are not people (organisations, documents, ...), including
// those the people finder never listed. People come most quoted first,
// then most mentioned; the others keep the article's order.
func peopleAndOthers(d *corpus.Doc, count map[string]*quoteTally, kinds map[string]string, order []string) (people, others []PersonResult) {
	result := func(name, role string, aliases []string, mentions int) PersonResult {
		r := PersonResult{Name: name, Role: role, Aliases: aliases, Mentions: mentions, Kind: kinds[name]}
		if t := count[name]; t != nil {
			r.Quotes, r.Reported, r.Likely, r.Unclear = t.quoted, t.reported, t.likely, t.unclear
		}
		return r
	}
	people = make([]PersonResult, 0, len(d.People))
	listed := map[string]bool{}
	for _, p := range d.People {
		listed[p.Name] = true
		if r := result(p.Name, p.Role, p.Aliases, p.Mentions); r.Kind != "" {
			others = append(others, r)
		} else {
			people = append(people, r)
		}
	}
	for _, name := range order {
		if !listed[name] {
			others = append(others, result(name, "", nil, 0))
		}
	}
	sort.SliceStable(people, func(i, j int) bool {
		if people[i].Quotes != people[j].Quotes {
			return people[i].Quotes > people[j].Quotes
		}
		return people[i].Mentions > people[j].Mentions
	})
	return people, others
}

// peopleFields lays out the embed fields: one inline field per person, as
// many as fit (the last saying how many more there are), then one field
// listing the others. results holds every person and other, shown or not,
// for --json.
func peopleFields(people, others []PersonResult) (fields []*discordgo.MessageEmbedField, results []any) {
	room := MaxEmbedFields
	if len(others) > 0 {
		room-- // the last field lists organisations and documents
	}
	for i, p := range people {
		results = append(results, p)
		if i == room-1 && len(people) > room {
			fields = append(fields, &discordgo.MessageEmbedField{
				Name:  fmt.Sprintf("…and %d more", len(people)-i),
				Value: "Only the most quoted are shown.",
			})
			continue
		}
		if i >= room {
			continue
		}
		var v []string
		if p.Role != "" {
			v = append(v, p.Role)
		}
		v = append(v, quotedLine(p))
		if len(p.Aliases) > 0 {
			v = append(v, "Also: "+strings.Join(p.Aliases, ", "))
		}
		fields = append(fields, &discordgo.MessageEmbedField{Name: p.Name, Value: strings.Join(v, "\n"), Inline: true})
	}
	if len(others) > 0 {
		var v []string
		for _, o := range others {
			results = append(results, o)
			v = append(v, "**"+o.Name+"** ("+o.Kind+") — "+strings.ToLower(quotedLine(o)[:1])+quotedLine(o)[1:])
		}
		fields = append(fields, &discordgo.MessageEmbedField{Name: othersTitle(others), Value: Truncate(strings.Join(v, "\n"), MaxFieldValue)})
	}
	return fields, results
}

// peopleSummary is the description line: how many people, others and
// quotations the article has, and how many of those are reported speech.
func peopleSummary(people, others []PersonResult, quotations, allReported int) string {
	if len(people) == 0 && len(others) == 0 {
		return "Nobody is named in this article."
	}
	s := plural(len(people), "person", "people") + " named"
	if len(others) > 0 {
		s += ", " + plural(len(others), "organisation or document", "organisations and documents")
	}
	s += ", " + plural(quotations, "quotation", "quotations")
	if allReported > 0 {
		s += fmt.Sprintf(" (%d of them reported speech)", allReported)
	}
	return s + "."
}

// kindTitles name the kinds of speaker that are not people, as a field
// title lists them.
var kindTitles = []struct{ kind, title string }{
	{"organisation", "organisations"}, {"document", "documents"}, {"group", "groups"}, {"place", "places"},
}

// othersTitle is the title of the field listing speakers that are not
// people: "Organisations and documents" by default, else the kinds present
// ("Organisations, groups and places"). Places are never listed as people.
func othersTitle(others []PersonResult) string {
	var have []string
	for _, k := range kindTitles {
		if slices.ContainsFunc(others, func(o PersonResult) bool { return o.Kind == k.kind }) {
			have = append(have, k.title)
		}
	}
	switch {
	case len(have) == 0 || !slices.ContainsFunc(have, func(t string) bool { return t != "organisations" && t != "documents" }):
		return "Organisations and documents"
	case len(have) == 1:
		return strings.ToUpper(have[0][:1]) + have[0][1:]
	}
	s := strings.Join(have[:len(have)-1], ", ") + " and " + have[len(have)-1]
	return strings.ToUpper(s[:1]) + s[1:]
}

// quotedLine says how often a person is quoted, how much of it is reported
// speech (the article's paraphrase rather than their words), and how much
// the attribution is not sure of.
func quotedLine(p PersonResult) string {
	n, reported := p.Quotes, p.Reported
	var s string
	switch {
	case n == 0:
		return "Not quoted"
	case reported == n:
		s = "Quoted " + plural(n, "time", "times") + ", all in reported speech"
	case reported > 0:
		s = fmt.Sprintf("Quoted %s, %d in reported speech", plural(n, "time", "times"), reported)
	default:
		s = "Quoted " + plural(n, "time", "times")
	}
	var doubt []string
	if p.Likely > 0 {
		doubt = append(doubt, fmt.Sprintf("%d probably", p.Likely))
	}
	if p.Unclear > 0 {
		doubt = append(doubt, fmt.Sprintf("%d unclear", p.Unclear))
	}
	if len(doubt) > 0 {
		s += " (" + strings.Join(doubt, ", ") + ")"
	}
	return s
}
