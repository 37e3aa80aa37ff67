package quotes

import "strings"

// Speech verbs, written from general knowledge of news reporting (the
// reporting verbs of quotation-attribution studies), in base form. Every
// inflection is derived by verbForms.
const speechBases = `accuse acknowledge add admit affirm agree allege announce answer argue ask assert assure
believe blast boast brag caution charge chide cite claim clarify comment complain concede conclude
concur confess confirm contend continue counter cry declare decline deny describe detail disagree
disclose dismiss dispute echo elaborate email emphasise emphasize estimate exclaim explain fear
forecast grumble highlight hint hope indicate inform insist instruct joke lament maintain mention
muse mutter note object observe offer opine outline plead pledge point post praise predict proclaim
promise question quip reassure recall recount reflect reiterate relate remark remind repeat
reply report respond retort reveal say scoff shout snap speak speculate state stress suggest swear
tell testify text think tweet underline underscore urge vow warn whisper wonder worry write yell
criticise criticize acknowledge recommend reckon share told admonish scold decry demand tout brief confide marvel mock rave rebuke slam tease call label dub term chant scream discuss voice`

// clausalBases are speech verbs that introduce reported speech ("said that
// …"); used for indirect quotations, where a looser verb would catch
// ordinary narration.
const clausalBases = `acknowledge add admit affirm agree allege announce argue assert assure believe caution claim
concede conclude confess confirm contend declare deny disclose emphasise emphasize estimate explain
fear hint hope indicate insist maintain note observe predict promise reiterate remind reply report
respond reveal say speculate state stress suggest swear tell testify think tweet warn worry write
complain recall counter write explain warn argue`

// irregular verb forms, base → forms.
var irregular = map[string][]string{
	"say":      {"say", "says", "said", "saying"},
	"tell":     {"tell", "tells", "told", "telling"},
	"write":    {"write", "writes", "wrote", "written", "writing"},
	"speak":    {"speak", "speaks", "spoke", "spoken", "speaking"},
	"think":    {"think", "thinks", "thought", "thinking"},
	"swear":    {"swear", "swears", "swore", "sworn", "swearing"},
	"forecast": {"forecast", "forecasts", "forecasting", "forecasted"},
	"admit":    {"admit", "admits", "admitted", "admitting"},
	"snap":     {"snap", "snaps", "snapped", "snapping"},
	"chide":    {"chide", "chides", "chided", "chiding"},
	"offer":    {"offer", "offers", "offered", "offering"},
	"counter":  {"counter", "counters", "countered", "countering"},
	"answer":   {"answer", "answers", "answered", "answering"},
	"wonder":   {"wonder", "wonders", "wondered", "wondering"},
	"cry":      {"cry", "cries", "cried", "crying"},
	"told":     {"told"},
	"echo":     {"echo", "echoes", "echoed", "echoing"},
	"text":     {"text", "texts", "texted", "texting"},
	"post":     {"post", "posts", "posted", "posting"},
}

// verbForms returns the inflections of a regular base verb.
func verbForms(b string) []string {
	if f, ok := irregular[b]; ok {
		return f
	}
	out := []string{b}
	switch {
	case strings.HasSuffix(b, "e"):
		out = append(out, b+"s", b+"d", b[:len(b)-1]+"ing")
	case strings.HasSuffix(b, "y") && !strings.ContainsAny(b[len(b)-2:len(b)-1], "aeiou"):
		out = append(out, b[:len(b)-1]+"ies", b[:len(b)-1]+"ied", b+"ing")
	case strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "s") || strings.HasSuffix(b, "x"):
		out = append(out, b+"es", b+"ed", b+"ing")
	default:
		out = append(out, b+"s", b+"ed", b+"ing")
	}
	return out
}

func buildVerbs(bases string) map[string]string {
	m := map[string]string{}
	for _, b := range strings.Fields(bases) {
		for _, f := range verbForms(b) {
			m[f] = b
		}
	}
	return m
}

var (
	speechVerbs  = buildVerbs(speechBases)
	clausalVerbs = buildVerbs(clausalBases)
)

// determiners make a following verb form a noun ("the report", "his
// comments", "a claim").
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "their": true, "its": true, "our": true,
	"my": true, "your": true, "no": true, "any": true, "some": true, "every": true, "each": true,
	"whose": true, "such": true, "another": true}
