package quotes

import "testing"

// TestSubjectOfTheVerb holds invented cases where the subject of the verb
// that introduces a quotation is not the sentence's main subject: a person
// named right before a participle in a coordinated absolute clause
// (rule participle_own_subject), and a name that only modifies the noun
// after it, which is then no speech verb (rule name_modifier_noun), and a
// question put by a named asker (rule asked_by), and a verb after a
// quotation that introduces the next one (rule verb_introduces_next).
func TestSubjectOfTheVerb(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"a participle with its own subject in a coordinated clause",
			"Ann Lee and Tom Roe met on Monday, with Lee saying she was “very pleased” and Roe calling it a “productive meeting.”",
			map[string]string{"productive meeting.": "Tom Roe"}},
		// name_modifier_noun: the name is part of a noun phrase, so the
		// verb-like word after it is a noun, and no one speaks there
		{"a name after a numeral modifies a plural noun",
			"Tom Roe was criticised by the agency. Officials marked 12 Roe emails as “classified, sensitive and secret” last week.",
			map[string]string{"classified, sensitive and secret": ""}},
		{"a name after a quantifier modifies the noun",
			"Several Tom Roe email threads were labelled “secret, sensitive and classified” by the agency.",
			map[string]string{"secret, sensitive and classified": ""}},
		// asked_by: the question belongs to the named asker
		{"a question put by a named asker in the passive",
			"Tom Roe was asked by host Ann Lee, who backs him, “Do you regret the vote on the bridge?”",
			map[string]string{"Do you regret the vote on the bridge?": "Ann Lee"}},
		{"a question put by a named asker before the one asked answers",
			"Asked by Ann Lee if the plan was “fair to the farmers,” Tom Roe said nothing.",
			map[string]string{"fair to the farmers,": "Ann Lee"}},
		{"a speech verb after the asker introduces the answer",
			"Asked by Ann Lee about the bridge, Tom Roe said: “We will build it next year.”",
			map[string]string{"We will build it next year.": "Tom Roe"}},
		// verb_introduces_next: a verb after a quotation that opens the
		// next one with a colon belongs to that one
		{"a verb and colon after a fragment introduce the next quotation",
			"After Jane Poe said that pupils might do better at “smaller and slower schools,” Tom Roe said: “I disagree with her.”",
			map[string]string{"smaller and slower schools,": "Jane Poe", "I disagree with her.": "Tom Roe"}},
		{"a coordinated clause's verb and colon introduce the next quotation",
			"Jane Poe argued that the town needed “a bigger and better bridge,” and Tom Roe said: “I agree with her.”",
			map[string]string{"a bigger and better bridge,": "Jane Poe", "I agree with her.": "Tom Roe"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}
