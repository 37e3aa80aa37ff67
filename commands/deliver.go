package commands

import "github.com/bwmarrin/discordgo"

// NoMentions is the allowed_mentions of every message newsbot sends: parse
// nothing, so that no answer can ping anyone whatever the user typed. (An
// empty, non-nil Parse marshals to "parse": []; a nil one would marshal to
// null, and an absent field lets Discord ping users.)
func NoMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// flags marks a private answer (see Private: any failure is one).
func (r Response) flags() discordgo.MessageFlags {
	if r.Private() {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// InteractionResponse is r as the immediate answer to a command or a button
// press (not autocomplete: see AutocompleteResponse).
func (r Response) InteractionResponse() *discordgo.InteractionResponse {
	typ := discordgo.InteractionResponseChannelMessageWithSource
	embeds, components := r.Embeds, r.Components
	if r.Update {
		typ = discordgo.InteractionResponseUpdateMessage
		// An update replaces the message: send empty lists, not null, so
		// that what the answer lacks is removed rather than kept.
		if embeds == nil {
			embeds = []*discordgo.MessageEmbed{}
		}
		if components == nil {
			components = []discordgo.MessageComponent{}
		}
	}
	return &discordgo.InteractionResponse{
		Type: typ,
		Data: &discordgo.InteractionResponseData{
			Content:         r.Content,
			Embeds:          embeds,
			Components:      components,
			AllowedMentions: NoMentions(),
			Flags:           r.flags(),
		},
	}
}

// AutocompleteResponse is the answer to an autocomplete request. It is its
// own type because discordgo drops an empty choices list from the JSON, and
// Discord wants the list even when it is empty.
type AutocompleteResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	} `json:"data"`
}

// Autocomplete is r as the answer to an autocomplete request.
func (r Response) Autocomplete() *AutocompleteResponse {
	a := &AutocompleteResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	a.Data.Choices = r.Choices
	if a.Data.Choices == nil {
		a.Data.Choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return a
}

// Deferred is the "thinking…" answer sent when the real one may take longer
// than Discord's 3-second window; the answer then edits it. For a button
// press the message stays as it is until edited.
func Deferred(kind Kind) *discordgo.InteractionResponse {
	if kind == KindComponent {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
}

// WebhookEdit is r as an edit of the deferred original answer.
func (r Response) WebhookEdit() *discordgo.WebhookEdit {
	content := r.Content
	embeds := r.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	components := r.Components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{
		Content:         &content,
		Embeds:          &embeds,
		Components:      &components,
		AllowedMentions: NoMentions(),
	}
}

// Followup is r as a follow-up message (used for an ephemeral answer after a
// public deferral, which cannot be edited into an ephemeral one).
func (r Response) Followup() *discordgo.WebhookParams {
	return &discordgo.WebhookParams{
		Content:         r.Content,
		Embeds:          r.Embeds,
		Components:      r.Components,
		AllowedMentions: NoMentions(),
		Flags:           r.flags(),
	}
}
