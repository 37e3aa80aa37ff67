package discord

import (
	"fmt"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// request turns an interaction into a router request; false for kinds the
// bot does not handle.
func request(i *discordgo.Interaction) (commands.Request, bool) {
	req := commands.Request{Options: map[string]string{}, GuildID: i.GuildID, ChannelID: i.ChannelID}
	if i.Member != nil && i.Member.User != nil {
		req.UserID = i.Member.User.ID
		// The member's permissions in the channel, as Discord resolved
		// them (overwrites included): what a Manage Server check reads.
		req.Permissions = i.Member.Permissions
	} else if i.User != nil { // direct messages (discordgo #888)
		req.UserID = i.User.ID
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		d := i.ApplicationCommandData()
		req.Name = d.Name
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			req.Kind = commands.KindAutocomplete
		}
		addOptions(&req, d.Options)
		if d.CommandType == discordgo.MessageApplicationCommand && d.Resolved != nil {
			if m := d.Resolved.Messages[d.TargetID]; m != nil {
				req.TargetText = m.Content
			}
		}
	case discordgo.InteractionMessageComponent:
		req.Kind = commands.KindComponent
		req.CustomID = i.MessageComponentData().CustomID
	default:
		return req, false
	}
	return req, true
}

// addOptions flattens options (and any sub-command's) into req as text.
func addOptions(req *commands.Request, opts []*discordgo.ApplicationCommandInteractionDataOption) {
	for _, o := range opts {
		if o == nil {
			continue
		}
		if len(o.Options) > 0 {
			addOptions(req, o.Options)
			continue
		}
		var v string
		switch x := o.Value.(type) {
		case string:
			v = x
		case float64:
			v = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			v = strconv.FormatBool(x)
		case nil:
			continue
		default:
			v = fmt.Sprint(x)
		}
		req.Options[o.Name] = v
		if o.Focused {
			req.Focused = o.Name
		}
	}
}
