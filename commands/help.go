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
	// Moderator marks a command only members with its permission (Manage
	// Server) may use; only they are shown it.
	Moderator bool `json:"moderator,omitempty"`
}

// moderatorsHeading opens the part of /help that only moderators see.
const moderatorsHeading = "For moderators (Manage Server)"

// moderatorsNote explains the moderators' part of /help.
const moderatorsNote = "You see these because you can manage this server; other members do not. They change the articles everyone here is answered from."

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
			var mods []*Command
			for _, c := range r.order {
				if c.Usage == "" {
					continue
				}
				if restricted(c) {
					// Listed apart, and only to those who may use
					// them: to anyone else they are noise, and
					// Discord hides them from those members too.
					if mayUse(c, req) {
						mods = append(mods, c)
					}
					continue
				}
				e.Fields = append(e.Fields, helpField(c))
				results = append(results, helpResult(c, false))
			}
			if len(mods) > 0 {
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: moderatorsHeading, Value: moderatorsNote})
				for _, c := range mods {
					e.Fields = append(e.Fields, helpField(c))
					results = append(results, helpResult(c, true))
				}
			}
			return Response{Embeds: []*discordgo.MessageEmbed{e}, Results: results, Ephemeral: true}
		},
		Usage:   "/help",
		Example: "/help",
	}
}

// helpDescription is what /help says a command does.
func helpDescription(c *Command) string {
	if c.Def.Type == discordgo.MessageApplicationCommand {
		return "Runs /who-said on the text of a message"
	}
	return c.Def.Description
}

// helpField is a command's entry in the /help embed.
func helpField(c *Command) *discordgo.MessageEmbedField {
	return &discordgo.MessageEmbedField{
		Name:  c.Usage,
		Value: helpDescription(c) + "\nExample: `" + c.Example + "`",
	}
}

// helpResult is a command's entry in the --json /help answer.
func helpResult(c *Command, moderator bool) HelpResult {
	return HelpResult{Command: c.Def.Name, Description: helpDescription(c), Example: c.Example, Moderator: moderator}
}

// restricted reports whether a command is for some members only: its
// definition asks Discord to hide it from members without a permission
// (default_member_permissions), as the moderators' commands do.
func restricted(c *Command) bool { return c.Def.DefaultMemberPermissions != nil }

// mayUse reports whether the member who asked may use a restricted
// command: in a server (a ServerOnly command is nowhere else), with every
// permission its definition asks for, or as an administrator (who has
// them all). Discord's "0" means administrators only.
func mayUse(c *Command, req Request) bool {
	if c.ServerOnly && req.GuildID == "" {
		return false
	}
	if req.Permissions&discordgo.PermissionAdministrator != 0 {
		return true
	}
	need := *c.Def.DefaultMemberPermissions
	return need != 0 && req.Permissions&need == need
}
