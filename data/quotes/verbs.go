package quotes

import (
	"maps"
	"slices"
	"strings"
)

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

// buildVerbs maps every inflection of the base verbs in a word list to its
// base (in the bases' sorted order, so that a form two bases share, such
// as "told", maps the same way on every run).
func buildVerbs(bases wordSet) map[string]string {
	m := map[string]string{}
	for _, b := range slices.Sorted(maps.Keys(bases)) {
		for _, f := range verbForms(b) {
			m[f] = b
		}
	}
	return m
}

var (
	// speechVerbs are the speech verbs (words/speech_verbs.txt), every
	// inflection mapped to its base form.
	speechVerbs = buildVerbs(loadWords("speech_verbs"))
	// clausalVerbs are the verbs that introduce reported speech
	// (words/clausal_verbs.txt), the same way.
	clausalVerbs = buildVerbs(loadWords("clausal_verbs"))
)

// determiners make a following verb form a noun ("the report", "his
// comments", "a claim").
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "their": true, "its": true, "our": true,
	"my": true, "your": true, "no": true, "any": true, "some": true, "every": true, "each": true,
	"whose": true, "such": true, "another": true}
