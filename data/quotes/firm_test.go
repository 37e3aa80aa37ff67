package quotes

import "testing"

// TestSubjectOfTheVerb holds invented cases where the subject of the verb
// that introduces a quotation is not the sentence's main subject: a person
// named right before a participle in a coordinated absolute clause
// (rule participle_own_subject).
func TestSubjectOfTheVerb(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"a participle with its own subject in a coordinated clause",
			"Ann Lee and Tom Roe met on Monday, with Lee saying she was “very pleased” and Roe calling it a “productive meeting.”",
			map[string]string{"productive meeting.": "Tom Roe"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}
