package commands

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"the quick brown fox jumps", 12, "the quick…"},
		{"the quick brown fox jumps", 16, "the quick brown…"},
		{"unbreakablewordhere", 8, "unbreak…"},
		{"a b", 1, "…"},
		{"anything", 0, ""},
		{"naïve café déjà vu encore", 12, "naïve café…"},
		{"end, of clause here", 5, "end…"},
		{"", 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Truncate(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if utf8.RuneCountInString(got) > tt.max {
				t.Errorf("too long: %d", utf8.RuneCountInString(got))
			}
		})
	}
}

func TestEnforce(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n/5+1))[:n] }
	var fields []*discordgo.MessageEmbedField
	for range 40 {
		fields = append(fields, &discordgo.MessageEmbedField{Name: words(400), Value: words(3000)})
	}
	fields = append(fields, &discordgo.MessageEmbedField{})
	var embeds []*discordgo.MessageEmbed
	for range 12 {
		embeds = append(embeds, &discordgo.MessageEmbed{
			Title: words(1000), Description: words(9000), Fields: fields[:30],
			Footer: &discordgo.MessageEmbedFooter{Text: words(3000)}, Author: &discordgo.MessageEmbedAuthor{Name: words(500)},
			URL: "javascript:alert(1)",
		})
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	for range 40 {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: words(300), Value: string(rune('a'+len(choices))) + words(300)})
	}
	choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: "", Value: "x"})
	var buttons []discordgo.MessageComponent
	for range 7 {
		buttons = append(buttons, discordgo.Button{Label: words(200), CustomID: words(300)})
	}
	var rows []discordgo.MessageComponent
	for range 7 {
		rows = append(rows, discordgo.ActionsRow{Components: append([]discordgo.MessageComponent(nil), buttons...)})
	}
	resp := Response{Content: words(5000), Embeds: embeds, Choices: choices, Components: rows}
	Enforce(&resp)
	checkLimits(t, resp)
	if len(resp.Embeds) != MaxEmbeds || len(resp.Choices) != MaxChoices || len(resp.Components) != MaxComponentRows {
		t.Errorf("kept %d embeds, %d choices, %d rows", len(resp.Embeds), len(resp.Choices), len(resp.Components))
	}
	if resp.Embeds[0].URL != "" {
		t.Errorf("kept a non-web URL")
	}
	if !strings.HasSuffix(resp.Content, Ellipsis) {
		t.Errorf("content cut without an ellipsis")
	}
}

func TestEnforceEmptyFields(t *testing.T) {
	resp := Response{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: " ", Value: ""}}}}}
	Enforce(&resp)
	if f := resp.Embeds[0].Fields[0]; f.Name == "" || f.Value == "" {
		t.Errorf("empty field kept: %+v", f)
	}
}

func TestDeliveryPayloadsPingNobody(t *testing.T) {
	resp := Response{Content: "@everyone <@&123> <@456>", Ephemeral: true}
	for name, payload := range map[string]any{
		"callback": resp.InteractionResponse(),
		"edit":     resp.WebhookEdit(),
		"followup": resp.Followup(),
	} {
		b, err := json.Marshal(payload)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"allowed_mentions":{"parse":[]`) {
			t.Errorf("%s: %s", name, b)
		}
	}
	b, _ := json.Marshal(Response{}.Autocomplete())
	if string(b) != `{"type":8,"data":{"choices":[]}}` {
		t.Errorf("empty autocomplete: %s", b)
	}
	b, _ = json.Marshal(resp.InteractionResponse())
	if !strings.Contains(string(b), `"flags":64`) {
		t.Errorf("ephemeral flag missing: %s", b)
	}
	if Deferred(KindComponent).Type != discordgo.InteractionResponseDeferredMessageUpdate ||
		Deferred(KindCommand).Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("deferral types")
	}
	up := Response{Update: true}.InteractionResponse()
	if up.Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("update type %v", up.Type)
	}
	if b, _ := json.Marshal(up); !strings.Contains(string(b), `"components":[]`) || !strings.Contains(string(b), `"embeds":[]`) {
		t.Errorf("an update must clear what it lacks: %s", b)
	}
}
