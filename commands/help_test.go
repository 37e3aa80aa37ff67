package commands

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestHelpModerators: /help shows the moderators' commands (/article,
// /feed) only to members who may use them (Manage Server, or
// administrators, in a server), after everyone's commands under a heading
// of their own; everyone else sees only everyone's commands.
func TestHelpModerators(t *testing.T) {
	r := New(WithLibrary(&fakeLibrary{}))
	everyone := []string{"who-said", "summary", "quotes", "people", "articles", "search", "help", "Who said this?"}
	moderators := []string{"article", "feed"}
	tests := []struct {
		name string
		req  Request
		mods bool
	}{
		{"member without permissions", Request{GuildID: "42"}, false},
		{"member who can manage messages only", Request{GuildID: "42", Permissions: discordgo.PermissionManageMessages}, false},
		{"member who can manage the server", Request{GuildID: "42", Permissions: discordgo.PermissionManageGuild | discordgo.PermissionSendMessages}, true},
		{"administrator", Request{GuildID: "42", Permissions: discordgo.PermissionAdministrator}, true},
		{"direct message (no server, whatever the bits)", Request{Permissions: discordgo.PermissionManageGuild}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.Name = "help"
			req.Corpus = fixtureCorpus(t)
			resp, err := r.Handle(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			checkLimits(t, resp)
			if !resp.Ephemeral {
				t.Error("help is not private")
			}
			var got, gotMods []string
			for _, res := range resp.Results {
				h := res.(HelpResult)
				got = append(got, h.Command)
				if h.Moderator {
					gotMods = append(gotMods, h.Command)
				}
			}
			want := everyone
			var wantMods []string
			if tt.mods {
				want = append(slices.Clone(everyone), moderators...)
				wantMods = moderators
			}
			if !slices.Equal(got, want) || !slices.Equal(gotMods, wantMods) {
				t.Errorf("commands %v (moderators' %v), want %v (%v)", got, gotMods, want, wantMods)
			}
			// The embed: the heading comes after everyone's commands
			// and before the moderators', and only for moderators.
			fields := resp.Embeds[0].Fields
			heading := slices.IndexFunc(fields, func(f *discordgo.MessageEmbedField) bool { return f.Name == moderatorsHeading })
			article := slices.IndexFunc(fields, func(f *discordgo.MessageEmbedField) bool { return strings.HasPrefix(f.Name, "/article ") })
			feed := slices.IndexFunc(fields, func(f *discordgo.MessageEmbedField) bool { return strings.HasPrefix(f.Name, "/feed ") })
			switch {
			case !tt.mods && (heading >= 0 || article >= 0 || feed >= 0):
				t.Errorf("a member who cannot use them is shown the moderators' commands:\n%s", allText(resp))
			case tt.mods && (heading != len(fields)-3 || article != len(fields)-2 || feed != len(fields)-1):
				t.Errorf("moderators' part at %d, %d, %d of %d fields:\n%s", heading, article, feed, len(fields), allText(resp))
			}
		})
	}
}
