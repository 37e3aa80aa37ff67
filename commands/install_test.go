package commands

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestInstallAnywhere checks what the bulk overwrite sends: every read-only
// command is installable by servers and users and usable in servers, DMs
// with the bot and private channels; a ServerOnly command only in servers.
func TestInstallAnywhere(t *testing.T) {
	// The moderators' commands come with a library (never called here).
	r := New(WithLibrary(struct{ Library }{}))
	r.Add(&Command{
		Def:        &discordgo.ApplicationCommand{Name: "test-moderate", Description: "A moderator command"},
		Run:        func(context.Context, Request) Response { return Response{} },
		ServerOnly: true,
	})
	const (
		anywhere   = `"contexts":[0,1,2],"integration_types":[0,1]`
		serverOnly = `"contexts":[0],"integration_types":[0]`
	)
	defs := r.Definitions()
	if len(defs) != 11 {
		t.Fatalf("%d definitions", len(defs))
	}
	for _, d := range defs {
		t.Run(d.Name, func(t *testing.T) {
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			want := anywhere
			if d.Name == "test-moderate" || d.Name == "article" || d.Name == "feed" {
				want = serverOnly
			}
			if !strings.Contains(string(b), want) {
				t.Errorf("definition %s, want %s", b, want)
			}
		})
	}
	// The declarations themselves are left as written.
	if r.Lookup("who-said").Def.Contexts != nil {
		t.Error("Definitions changed the command's own declaration")
	}
}
