package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// prompts are the reader prompts that news sites scatter through an
// article's text ("Scroll down for video", "Click here to …"), written from
// general knowledge of news pages in lower case with single spaces.
// Matching ignores case and takes any run of white space between words.
// Only the start of a prompt is a cut (see promptCuts), so a phrase is as
// long as it needs to be to be safe, not as long as the prompt.
var prompts = [][]string{
	strings.Fields("scroll down for"), // video, videos, more, …
	strings.Fields("scroll down to"),  // watch, see, …
	strings.Fields("watch the video below"),
	strings.Fields("watch video below"),
	strings.Fields("see the video below"),
	strings.Fields("see video below"),
	strings.Fields("click here to"),
	strings.Fields("click here for"),
	strings.Fields("share this article"),
	strings.Fields("share or comment on this article"),
}

// promptFirst holds the upper-case first letters of the prompts: a prompt
// only counts when capitalised, since "fans can scroll down for video of
// the goal" is prose.
var promptFirst = func() map[byte]bool {
	m := map[byte]bool{}
	for _, p := range prompts {
		m[p[0][0]-'a'+'A'] = true
	}
	return m
}()

// promptCuts returns the byte offsets in s[from:to] (one paragraph) at
// which a reader prompt begins, in increasing order, so that text glued in
// front of it without a stop ("… at the launch on Monday Scroll down for
// video …") ends there. A prompt begins after white space, is capitalised
// and its last word ends where a word ends.
//
// Where a prompt ends is left to the stops and to captionCuts: what follows
// "Scroll down for video" without a stop is usually the caption of the
// picture the prompt points to ("… Scroll down for video Bold move: the
// mayor at …"), which stays with the prompt as furniture. Cutting it off as
// well made the captions candidates of their own, and on the CNN/DM
// development set that lowered the summaries' ROUGE at 5 sentences and let
// Lead-4 to Lead-6 overtake them.
func promptCuts(s string, from, to int) []int {
	var cuts []int
	for i := from + 1; i < to; {
		if !promptFirst[s[i]] || !precededBySpace(s, from, i) {
			i++
			continue
		}
		end := matchPrompt(s, i, to)
		if end < 0 {
			i++
			continue
		}
		cuts = append(cuts, i)
		i = end
	}
	return cuts
}

// precededBySpace reports whether s[i] follows a white-space rune.
func precededBySpace(s string, from, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[from:i])
	return unicode.IsSpace(r)
}

// matchPrompt returns the end of the first prompt that matches at s[i:to],
// or -1.
func matchPrompt(s string, i, to int) int {
next:
	for _, p := range prompts {
		j := i
		for w, word := range p {
			if w > 0 {
				k := skipSpace(s, j, to)
				if k == j {
					continue next
				}
				j = k
			}
			if j+len(word) > to || !strings.EqualFold(s[j:j+len(word)], word) {
				continue next
			}
			j += len(word)
		}
		// The last word must end here: "Share this articles" is no prompt.
		if r, _ := utf8.DecodeRuneInString(s[j:to]); j < to && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		return j
	}
	return -1
}

// skipSpace returns the first index at or after j in s[:to] that is not
// white space.
func skipSpace(s string, j, to int) int {
	for j < to {
		r, size := utf8.DecodeRuneInString(s[j:to])
		if !unicode.IsSpace(r) {
			break
		}
		j += size
	}
	return j
}
