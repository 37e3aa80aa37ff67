package commands

import (
	"slices"
	"strings"

	"newsbot/data/quotes"
)

// How answers present a speaker. The attribution says how sure it is
// (quotes.Quote.Certainty, from a calibrated probability); the answers never
// show a speaker more surely than that:
//
//   - Certain: the name alone ("Ann Ellis");
//   - Likely: "probably Ann Ellis";
//   - Unclear with candidates: "speaker unclear (Ann Ellis or Bo Chan)"
//     (also when the attribution named nobody but weighed candidates);
//   - no speaker and no candidate: "the article does not say".
//
// The text match of a search (how well a quotation fits the words typed)
// is a different thing and is always labelled "Text match", never shown as
// if it were the speaker's certainty.

// maxAlternatives is how many candidates "speaker unclear (…)" names.
const maxAlternatives = 2

// speakerText is how q's speaker reads inside a sentence or a list line:
// "Ann Ellis", "probably Ann Ellis", "speaker unclear (Ann Ellis or Bo
// Chan)", "the article does not say".
func speakerText(q *quotes.Quote) string {
	if q.Speaker == "" && len(q.Alternatives) == 0 {
		return "the article does not say"
	}
	switch q.Certainty() {
	case quotes.Certain:
		return q.Speaker
	case quotes.Likely:
		return "probably " + q.Speaker
	}
	return "speaker unclear (" + candidates(q) + ")"
}

// speakerTitle is speakerText for the start of a line or an embed title.
func speakerTitle(q *quotes.Quote) string {
	if q.Speaker == "" && len(q.Alternatives) == 0 {
		return "The article does not say who said this"
	}
	s := speakerText(q)
	if q.Certainty() == quotes.Certain {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// candidates is "X or Y" (or "perhaps X" when the attribution offers no
// runner-up): the chosen speaker first, then its alternatives.
func candidates(q *quotes.Quote) string {
	var names []string
	for _, a := range append([]string{q.Speaker}, q.Alternatives...) {
		if len(names) == maxAlternatives {
			break
		}
		if a != "" && !slices.Contains(names, a) {
			names = append(names, a)
		}
	}
	if len(names) == 1 {
		return "perhaps " + names[0]
	}
	return strings.Join(names, " or ")
}

// certaintyLabel names q's certainty for --json and footers.
func certaintyLabel(q *quotes.Quote) string {
	if q.Speaker == "" && len(q.Alternatives) == 0 {
		return "not named"
	}
	switch q.Certainty() {
	case quotes.Certain:
		return "certain"
	case quotes.Likely:
		return "likely"
	}
	return "unclear"
}

// speakerNote is the footer's account of the speaker's certainty, kept
// apart from the text match: "Speaker: certain (96%)".
func speakerNote(q *quotes.Quote) string {
	switch {
	case q.Speaker == "" && len(q.Alternatives) == 0:
		return "Speaker: not named in the article"
	case q.Speaker == "":
		return "Speaker: unclear"
	}
	return "Speaker: " + certaintyLabel(q) + " (" + percent(q.Confidence) + ")"
}

// kindNote says what a speaker that is not a person is: "an organisation",
// "a document", "a group"; "" for a person or an unknown kind.
func kindNote(kind string) string {
	switch kind {
	case "organisation":
		return "an organisation"
	case "document":
		return "a document (it speaks for whoever issued it)"
	case "group":
		return "a group"
	case "place":
		return "a place (its government or people)"
	}
	return ""
}
