package commands

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits, in characters (Unicode code points), from the API
// documentation. Enforce applies all of them to every response.
const (
	MaxContent         = 2000
	MaxEmbeds          = 10
	MaxEmbedTitle      = 256
	MaxEmbedDesc       = 4096
	MaxEmbedFields     = 25
	MaxFieldName       = 256
	MaxFieldValue      = 1024
	MaxFooter          = 2048
	MaxAuthor          = 256
	MaxEmbedTotal      = 6000 // all embeds of one message together
	MaxChoices         = 25
	MaxChoiceName      = 100
	MaxChoiceValue     = 100
	MaxCustomID        = 100
	MaxButtonLabel     = 80
	MaxRowComponents   = 5
	MaxComponentRows   = 5
	Ellipsis           = "…"
	emptyFieldFallback = "\u200b" // Discord rejects empty field names and values
)

// Truncate returns s cut to at most max characters. A cut ends at a word
// boundary when one is near enough (not losing more than a third of the
// room) and is marked with an ellipsis, which counts towards max.
func Truncate(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return Ellipsis
	}
	// Byte offset just after the first max-1 runes.
	cut, n := 0, 0
	for i := range s {
		if n == max-1 {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	// Back off to the last space if the next rune does not already start a
	// new word and the loss is small.
	next, _ := utf8.DecodeRuneInString(s[cut:])
	if !unicode.IsSpace(next) {
		if sp := strings.LastIndexFunc(head, unicode.IsSpace); sp > 0 && utf8.RuneCountInString(head[:sp]) >= (max-1)*2/3 {
			head = head[:sp]
		}
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' || r == '-' || r == '—'
	})
	return head + Ellipsis
}

// Enforce makes resp fit every Discord limit, cutting text at word
// boundaries and dropping what cannot fit (extra embeds, fields, choices,
// components).
func Enforce(resp *Response) {
	resp.Content = Truncate(resp.Content, MaxContent)
	if len(resp.Embeds) > MaxEmbeds {
		resp.Embeds = resp.Embeds[:MaxEmbeds]
	}
	for _, e := range resp.Embeds {
		enforceEmbed(e)
	}
	fitEmbedTotal(resp.Embeds)
	resp.Choices = fitChoices(resp.Choices)
	resp.Components = fitComponents(resp.Components)
}

func enforceEmbed(e *discordgo.MessageEmbed) {
	e.Title = Truncate(e.Title, MaxEmbedTitle)
	e.Description = Truncate(e.Description, MaxEmbedDesc)
	if e.Footer != nil {
		e.Footer.Text = Truncate(e.Footer.Text, MaxFooter)
	}
	if e.Author != nil {
		e.Author.Name = Truncate(e.Author.Name, MaxAuthor)
	}
	if len(e.Fields) > MaxEmbedFields {
		e.Fields = e.Fields[:MaxEmbedFields]
	}
	for _, f := range e.Fields {
		f.Name = Truncate(strings.TrimSpace(f.Name), MaxFieldName)
		f.Value = Truncate(strings.TrimSpace(f.Value), MaxFieldValue)
		if f.Name == "" {
			f.Name = emptyFieldFallback
		}
		if f.Value == "" {
			f.Value = emptyFieldFallback
		}
	}
	if e.URL != "" && !isWebURL(e.URL) {
		e.URL = "" // Discord rejects the whole message for a bad embed URL
	}
}

func isWebURL(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) && len(u) <= 2048 &&
		!strings.ContainsAny(u, " \t\n<>\"")
}

// EmbedLength is what Discord counts towards the 6000-character limit.
func EmbedLength(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

// fitEmbedTotal keeps all embeds together within MaxEmbedTotal: it drops
// fields from the end first (the least important by construction), then
// shortens descriptions.
func fitEmbedTotal(embeds []*discordgo.MessageEmbed) {
	total := func() int {
		n := 0
		for _, e := range embeds {
			n += EmbedLength(e)
		}
		return n
	}
	for over := total() - MaxEmbedTotal; over > 0; over = total() - MaxEmbedTotal {
		shrunk := false
		for i := len(embeds) - 1; i >= 0 && !shrunk; i-- {
			if e := embeds[i]; len(e.Fields) > 0 {
				e.Fields = e.Fields[:len(e.Fields)-1]
				shrunk = true
			}
		}
		if shrunk {
			continue
		}
		// No fields left: shorten the longest description.
		var longest *discordgo.MessageEmbed
		for _, e := range embeds {
			if longest == nil || utf8.RuneCountInString(e.Description) > utf8.RuneCountInString(longest.Description) {
				longest = e
			}
		}
		if longest == nil || longest.Description == "" {
			// Only titles, footers and authors remain: shorten the longest.
			var text *string
			for _, e := range embeds {
				for _, t := range []*string{&e.Title, footerText(e), authorName(e)} {
					if t != nil && (text == nil || utf8.RuneCountInString(*t) > utf8.RuneCountInString(*text)) {
						text = t
					}
				}
			}
			if text == nil {
				return
			}
			*text = Truncate(*text, utf8.RuneCountInString(*text)-over)
			continue
		}
		n := utf8.RuneCountInString(longest.Description)
		longest.Description = Truncate(longest.Description, n-over)
	}
}

func footerText(e *discordgo.MessageEmbed) *string {
	if e.Footer == nil {
		return nil
	}
	return &e.Footer.Text
}

func authorName(e *discordgo.MessageEmbed) *string {
	if e.Author == nil {
		return nil
	}
	return &e.Author.Name
}

func fitChoices(cs []*discordgo.ApplicationCommandOptionChoice) []*discordgo.ApplicationCommandOptionChoice {
	if cs == nil {
		return nil
	}
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(cs), MaxChoices))
	seen := map[any]bool{}
	for _, c := range cs {
		if len(out) == MaxChoices {
			break
		}
		c.Name = Truncate(strings.TrimSpace(c.Name), MaxChoiceName)
		if s, ok := c.Value.(string); ok {
			s = Truncate(strings.TrimSpace(s), MaxChoiceValue)
			if s == "" {
				continue
			}
			c.Value = s
		}
		if c.Name == "" || seen[c.Value] {
			continue
		}
		seen[c.Value] = true
		out = append(out, c)
	}
	return out
}

func fitComponents(rows []discordgo.MessageComponent) []discordgo.MessageComponent {
	if len(rows) > MaxComponentRows {
		rows = rows[:MaxComponentRows]
	}
	for i, r := range rows {
		row, ok := r.(discordgo.ActionsRow)
		if !ok {
			if p, isPtr := r.(*discordgo.ActionsRow); isPtr && p != nil {
				row, ok = *p, true
			}
		}
		if !ok {
			continue
		}
		if len(row.Components) > MaxRowComponents {
			row.Components = row.Components[:MaxRowComponents]
		}
		for j, c := range row.Components {
			if b, ok := c.(discordgo.Button); ok {
				b.Label = Truncate(b.Label, MaxButtonLabel)
				if utf8.RuneCountInString(b.CustomID) > MaxCustomID {
					b.CustomID = string([]rune(b.CustomID)[:MaxCustomID])
				}
				row.Components[j] = b
			}
		}
		rows[i] = row
	}
	return rows
}
