package commands

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// WhoSaidThis is the name of the message context-menu command.
const WhoSaidThis = "Who said this?"

func whoSaidMessageCommand() *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Type: discordgo.MessageApplicationCommand,
			Name: WhoSaidThis,
		},
		Run: func(ctx context.Context, req Request) Response {
			if strings.TrimSpace(req.TargetText) == "" {
				return failure("That message has no text to look up",
					"Use it on a message that quotes someone, or type /who-said quote:<words>.")
			}
			return whoSaid(req, strings.TrimSpace(req.TargetText))
		},
		Usage:   "Apps → Who said this? (on a message)",
		Example: "Right-click a message that quotes someone → Apps → Who said this?",
	}
}
