package commands

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
)

// PersonResult is one person in a /people answer, as --json prints it.
type PersonResult struct {
	Name    string   `json:"name"`
	Role    string   `json:"role,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	Quotes  int      `json:"quotes"`
	// Reported is how many of Quotes are reported (indirect) speech.
	Reported int `json:"reported,omitempty"`
	Mentions int `json:"mentions,omitempty"`
}

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
		Usage:    "/people article:<title>",
		Example:  "/people article: starmer",
	}
}

func runPeople(ctx context.Context, req Request) Response {
	d, bad, ok := findArticle(req, "article")
	if !ok {
		return bad
	}
	quoted, reported := map[string]int{}, map[string]int{}
	allReported := 0
	for _, q := range d.Quotes {
		if !q.Direct {
			allReported++
		}
		for _, s := range corpus.Speakers(q.Speaker) {
			quoted[s]++
			if !q.Direct {
				reported[s]++
			}
		}
	}
	people := make([]PersonResult, 0, len(d.People))
	for _, p := range d.People {
		people = append(people, PersonResult{Name: p.Name, Role: p.Role, Aliases: p.Aliases,
			Quotes: quoted[p.Name], Reported: reported[p.Name], Mentions: p.Mentions})
	}
	sort.SliceStable(people, func(i, j int) bool {
		if people[i].Quotes != people[j].Quotes {
			return people[i].Quotes > people[j].Quotes
		}
		return people[i].Mentions > people[j].Mentions
	})
	e := &discordgo.MessageEmbed{
		Title: "People in " + d.Title,
		URL:   d.URL,
		Color: colorAnswer,
	}
	var results []any
	for i, p := range people {
		results = append(results, p)
		if i == MaxEmbedFields-1 && len(people) > MaxEmbedFields {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
				Name:  fmt.Sprintf("…and %d more", len(people)-i),
				Value: "Only the most quoted are shown.",
			})
			continue
		}
		if i >= MaxEmbedFields {
			continue
		}
		var v []string
		if p.Role != "" {
			v = append(v, p.Role)
		}
		v = append(v, quotedLine(p.Quotes, p.Reported))
		if len(p.Aliases) > 0 {
			v = append(v, "Also: "+strings.Join(p.Aliases, ", "))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: p.Name, Value: strings.Join(v, "\n"), Inline: true})
	}
	if len(people) == 0 {
		e.Description = "Nobody is named in this article."
	} else {
		e.Description = fmt.Sprintf("%s named, %s", plural(len(people), "person", "people"), plural(len(d.Quotes), "quotation", "quotations"))
		if allReported > 0 {
			e.Description += fmt.Sprintf(" (%d of them reported speech)", allReported)
		}
		e.Description += "."
	}
	if meta := articleMeta(d); meta != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: meta}
	}
	return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: results}
}

// quotedLine says how often a person is quoted, and how much of it is
// reported speech (the article's paraphrase rather than their words).
func quotedLine(n, reported int) string {
	switch {
	case n == 0:
		return "Not quoted"
	case reported == n:
		return "Quoted " + plural(n, "time", "times") + ", all in reported speech"
	case reported > 0:
		return fmt.Sprintf("Quoted %s, %d in reported speech", plural(n, "time", "times"), reported)
	}
	return "Quoted " + plural(n, "time", "times")
}
