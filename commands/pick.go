package commands

import (
	"strings"

	"github.com/bwmarrin/discordgo"
)

// When a query fits several articles or people about equally, the answer
// lists them and offers one button each: pressing one runs the command
// again on that choice. A button's custom ID carries the choice (an
// article ID or a person's name) in its pattern's parts, so a choice that
// would not fit (longer than Discord allows, or holding the ":" that
// separates the parts) gets no button; its line in the list, with the ID to
// type, still offers it.

// pick is one offered choice: the button's label and the custom ID that
// runs it.
type pick struct{ label, id string }

// pickable reports whether part can be one ":"-separated part of a custom
// ID.
func pickable(part string) bool { return part != "" && !strings.Contains(part, ":") }

// addPicks puts one button per pick (those whose custom ID fits) on resp,
// up to one row.
func addPicks(resp *Response, picks []pick) {
	var row []discordgo.MessageComponent
	for _, p := range picks {
		if len(row) == MaxRowComponents {
			break
		}
		if len([]rune(p.id)) > MaxCustomID {
			continue
		}
		row = append(row, discordgo.Button{Label: Truncate(p.label, MaxButtonLabel), Style: discordgo.SecondaryButton, CustomID: p.id})
	}
	if len(row) > 0 {
		resp.Components = append(resp.Components, discordgo.ActionsRow{Components: row})
	}
}

// articlePicks are buttons for the article candidates of a failed article
// lookup (its Results), each custom ID made by id from the article's ID.
func articlePicks(resp *Response, id func(articleID string) string) {
	var picks []pick
	for _, r := range resp.Results {
		if a, ok := r.(ArticleResult); ok && pickable(a.ID) {
			picks = append(picks, pick{label: a.Title, id: id(a.ID)})
		}
	}
	addPicks(resp, picks)
}
