package commands

import (
	"context"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
)

// WhoSaidThis is the name of the message context-menu command.
const WhoSaidThis = "Who said this?"

func whoSaidMessageCommand() *Command {
	return &Command{
		Def: &discordgo.ApplicationCommand{
			Type: discordgo.MessageApplicationCommand,
			Name: WhoSaidThis,
		},
		Run:     runWhoSaidMessage,
		Usage:   "Apps → Who said this? (on a message)",
		Example: "Right-click a message that quotes someone → Apps → Who said this?",
	}
}

// discordNoise matches what a chat message carries besides its words:
// mentions, channel and emoji references, @everyone/@here and links.
var discordNoise = regexp.MustCompile(`<(?:@[!&]?|#|a?:\w+:)\d+>|@(?:everyone|here)\b|https?://\S+`)

// quoted matches a passage in quotation marks of any common kind.
var quoted = regexp.MustCompile(`“([^”]+)”|"([^"]+)"|«([^»]+)»|‘([^’]+)’`)

// runWhoSaidMessage runs who-said on a message's text. People paste a
// quotation with their own words around it ("did Trump really say “…”?"),
// so a passage in quotation marks is tried first, then the whole text.
func runWhoSaidMessage(ctx context.Context, req Request) Response {
	text := strings.TrimSpace(discordNoise.ReplaceAllString(req.TargetText, " "))
	if text == "" {
		return failure("That message has no text to look up",
			"Use it on a message that quotes someone, or type /who-said quote:<words>.")
	}
	if q := longestQuoted(text); q != "" && q != text && len(req.Corpus.Docs) > 0 {
		// Bounded as whoSaid bounds its text: a long word costs the
		// fuzzy index time cubic in its length.
		q = cutRunes(q, maxQuery)
		if hits := req.Corpus.WhoSaid(q, 1); len(hits) > 0 && hits[0].Score >= corpus.Confident {
			return whoSaid(req, q)
		}
	}
	return whoSaid(req, text)
}

// longestQuoted returns the longest passage of text in quotation marks
// that has at least three words, or "".
func longestQuoted(text string) string {
	best := ""
	for _, m := range quoted.FindAllStringSubmatch(text, -1) {
		for _, g := range m[1:] {
			g = strings.TrimSpace(g)
			if len(strings.Fields(g)) >= 3 && len(g) > len(best) {
				best = g
			}
		}
	}
	return best
}
