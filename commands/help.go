package commands

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// HelpResult is one command in a /help answer, as --json prints it.
type HelpResult struct {
	Command     string `json:"command"`
	Description string `json:"description"`
	Example     string `json:"example"`
}

// helpCommand lists r's commands (r is filled in after this is created, so
// it is read at answer time).
func helpCommand(r *Router) *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Name:        "help",
			Description: "What newsbot does and how to use each command",
			Options:     []*discordgo.ApplicationCommandOption{},
		},
		Run: func(ctx context.Context, req Request) Response {
			e := &discordgo.MessageEmbed{
				Title: "newsbot",
				Description: fmt.Sprintf("I answer questions about %s: who said a quotation, "+
					"summaries, who appears and what they said. Options with suggestions fill in as you type.\n\n"+
					"A speaker is shown plainly when the article makes it certain, as \"Probably X\" when it is likely, "+
					"and as \"Speaker unclear (X or Y)\" otherwise; \"Text match\" says how well a quotation fits your words, "+
					"not who said it.",
					plural(len(req.Corpus.Docs), "loaded news article", "loaded news articles")),
				Color: colorAnswer,
			}
			var results []any
			for _, c := range r.order {
				if c.Usage == "" {
					continue
				}
				desc := c.Def.Description
				if c.Def.Type == discordgo.MessageApplicationCommand {
					desc = "Runs /who-said on the text of a message"
				}
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
					Name:  c.Usage,
					Value: desc + "\nExample: `" + c.Example + "`",
				})
				results = append(results, HelpResult{Command: c.Def.Name, Description: desc, Example: c.Example})
			}
			return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: results, Ephemeral: true}
		},
		Usage:   "/help",
		Example: "/help",
	}
}
