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
		addAttachments(&req, d)
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

// addAttachments gives attachment options their files, which Discord
// sends apart from the options (the option's value is the file's ID).
func addAttachments(req *commands.Request, d discordgo.ApplicationCommandInteractionData) {
	if d.Resolved == nil || len(d.Resolved.Attachments) == 0 {
		return
	}
	var walk func(opts []*discordgo.ApplicationCommandInteractionDataOption)
	walk = func(opts []*discordgo.ApplicationCommandInteractionDataOption) {
		for _, o := range opts {
			if o == nil {
				continue
			}
			walk(o.Options)
			if o.Type != discordgo.ApplicationCommandOptionAttachment {
				continue
			}
			id, _ := o.Value.(string)
			if a := d.Resolved.Attachments[id]; a != nil {
				if req.Attachments == nil {
					req.Attachments = map[string]commands.Attachment{}
				}
				req.Attachments[o.Name] = commands.Attachment{URL: a.URL, Filename: a.Filename, Size: a.Size, ContentType: a.ContentType}
				delete(req.Options, o.Name)
			}
		}
	}
	walk(d.Options)
}

// addOptions flattens options (and any sub-command's) into req as text.
func addOptions(req *commands.Request, opts []*discordgo.ApplicationCommandInteractionDataOption) {
	for _, o := range opts {
		if o == nil {
			continue
		}
		if o.Type == discordgo.ApplicationCommandOptionSubCommand {
			req.Subcommand = o.Name
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
