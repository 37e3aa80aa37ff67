package quotes

import "testing"

// TestBodiesSpeak checks organisations and outlets as speakers: a named
// body at its own speech verb is the speaker, and an outlet's name ending
// in "News" is not read as the noun in "news reports". Invented examples.
func TestBodiesSpeak(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"outlet named News after the quotation",
			"Prices rose again.\n\n“Some shops have added a surcharge to cover the higher wages,” Harbour News reported.",
			map[string]string{"Some shops have added a surcharge to cover the higher wages,": "Harbour News"}},
		{"acronym before the quotation",
			"The CFIA said in a statement: “The recall is a precaution and no illness has been reported.”",
			map[string]string{"The recall is a precaution and no illness has been reported.": "CFIA"}},
		{"a name ending in a word that alone is none",
			"The group has tracked the camps for years.\n\n“The conditions are getting worse every month,” Harbour Rights Watch said in a statement.",
			map[string]string{"The conditions are getting worse every month,": "Harbour Rights Watch"}},
		{"institute after the quotation",
			"Marta Quill runs a bakery.\n\n“We will publish the audit in full next week,” the Kestrel Institute added.",
			map[string]string{"We will publish the audit in full next week,": "Kestrel Institute"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

// TestNewsReportsIsNoVerb checks that "news reports" and "media reports"
// stay nouns: nobody called "news" speaks.
func TestNewsReportsIsNoVerb(t *testing.T) {
	body := "Tom Hale was at home that night. Local news reports suggested “a gas leak in the basement” was to blame."
	for _, q := range extract(body) {
		if q.Speaker != "" && q.Certainty() == Certain && q.Speaker != "Tom Hale" {
			t.Errorf("%q: speaker %q, want no certain speaker", q.Text, q.Speaker)
		}
	}
}

// TestNounsThatLookLikeVerbs checks that a speech verb's form used as a
// noun ("shipping labels", "the running joke", "her comments") attributes
// nothing: the quotation goes to the person who does speak.
func TestNounsThatLookLikeVerbs(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"a retort after an adjective",
			"The hearing ran long. Ann Ortiz, a councillor, had the last word.\n\nOrtiz gave a curt reply: \"The ferry stays in public hands.\"",
			map[string]string{"The ferry stays in public hands.": "Ann Ortiz"}},
		{"labels as a plural noun",
			"Rosa Vega packs orders all day. The shipping labels say “fragile” on every box, Vega said, “and nobody reads them.”",
			map[string]string{"and nobody reads them.": "Rosa Vega"}},
		{"running joke",
			"Peter Lund laughed. The running joke among the crew, Lund said, was “never trust the forecast.”",
			map[string]string{"never trust the forecast.": "Peter Lund"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

// TestCoordinatedSubjectNotInherited checks that two people named jointly
// as the subject of narration ("Clara Moss and Beth Kwan scored …") are
// never the speaker a following quotation inherits.
func TestCoordinatedSubjectNotInherited(t *testing.T) {
	body := "“We wanted this one badly,” said coach Ivan Petrov after the match.\n\n" +
		"Clara Moss and Beth Kwan scored in the second half.\n\n" +
		"“The young ones carried us today.”"
	for _, q := range extract(body) {
		if q.Text == "The young ones carried us today." {
			if q.Speaker == "Clara Moss and Beth Kwan" || q.Speaker == "Clara Moss" || q.Speaker == "Beth Kwan" {
				t.Errorf("%q: speaker %q inherited from a coordinated subject", q.Text, q.Speaker)
			}
			return
		}
	}
	t.Errorf("quotation not found in %q", directTexts(extract(body)))
}

// TestSubjectsAcrossAsides checks subjects read past what stands between
// them and their verb: a parenthesis ("(D-Ore.)"), a first verb
// coordinated with the speech verb ("smiled and said"), and a participle
// that continues an earlier speech verb ("said …, adding"). And "calls X
// “…”" names what X is called: X is not the speaker. Invented examples.
func TestSubjectsAcrossAsides(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"party and state in parentheses",
			"Speaking after a rally for Gov. Tom Reyes, Sen. Ann Ortiz (D-Ore.) said the plan was “dead on arrival in the Senate.”",
			map[string]string{"dead on arrival in the Senate.": "Ann Ortiz"}},
		{"coordinated verbs",
			"Lena Park spoke first. When asked whether she backed Lena Park, Ms. Nora Hale smiled and said, “I am waiting for a better offer.”",
			map[string]string{"I am waiting for a better offer.": "Nora Hale"}},
		{"participle continues the speech verb",
			"Mr. Tom Reyes will speak in Denver next week, Mr. Paul Dunn said, adding that the visit would be “short and focused.”",
			map[string]string{"short and focused.": "Paul Dunn"}},
		{"calls names what is called",
			"Maria Lind, a historian at Harbour University, calls Westport “a town that forgot its river.”",
			map[string]string{"a town that forgot its river.": "Maria Lind"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

// TestFollowOnKeepsTheSpeaker checks that a quotation continuing after
// "“…,” said Name, apposition." inherits Name, not a word of the
// apposition that looks like a verb ("state director", "first term").
// Invented examples.
func TestFollowOnKeepsTheSpeaker(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"state director",
			"Voters were split.\n\n“You need an organisation to win a caucus,” said Nora Hale, Park's Westland state director. “You cannot arrive two weeks before and expect to win.”",
			map[string]string{"You cannot arrive two weeks before and expect to win.": "Nora Hale"}},
		{"first term",
			"Voters were split.\n\n“The answers are too small,” said Ivo Strand, who advised Mr. Tom Reyes in his first term. “Her instinct is to wait.”",
			map[string]string{"Her instinct is to wait.": "Ivo Strand"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

// TestInvertedAfterAPhrase checks "“Q” for X, said S." (the speaker
// after a phrase that follows the quotation, not X) and a base form after
// a proper adjective read as a noun ("the Westland state nurses' union").
// Invented examples.
func TestInvertedAfterAPhrase(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"phrase then said S",
			"Ann Ortiz won the county in 2012.\n\nOrtiz “did well with retired voters” in that race, said Westland University professor Paul Dunn.",
			map[string]string{"did well with retired voters": "Paul Dunn"}},
		{"for X, said S",
			"Ann Ortiz toured the plant.\n\n“This will be a hard sell” for Ortiz, said Nora Hale.",
			map[string]string{"This will be a hard sell": "Nora Hale"}},
		{"a day after said is no speaker",
			"The talks failed.\n\n\"We do not believe troops are the answer,\" Ben Rhoads, the deputy adviser, said Sunday.",
			map[string]string{"We do not believe troops are the answer,": "Ben Rhoads"}},
		{"description, a phrase of place, then the name",
			"Milo Brant left the orchestra in 1998.\n\n\"He wanted to play his own music for once,\" said his oldest friend from the conservatory, Bruce Tarry, who still teaches cello.",
			map[string]string{"He wanted to play his own music for once,": "Bruce Tarry"}},
		{"state as a noun",
			"“They trust him to listen,” Tom Reyes, the president of the Westland state nurses' union, said of its members.",
			map[string]string{"They trust him to listen,": "Tom Reyes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

// TestPronounAfterAReportingClause checks that "he said" after a sentence
// closed by "…, Paul Dunn said." refers to the one who spoke there, not
// to the first person that sentence names. Invented example.
func TestPronounAfterAReportingClause(t *testing.T) {
	body := "Sen. Ted Marsh toured the county on Monday.\n\n" +
		"That could carry Marsh through the early primaries, which he is expected to win, Paul Dunn said.\n\n" +
		"“He is gaining ground and raising money,” he said."
	checkDirect(t, body, map[string]string{"He is gaining ground and raising money,": "Paul Dunn"})
}

// TestPluralNounAfterProperAdjective checks that "many Northern states"
// is a noun phrase, not "Northern" stating something: the quotation goes
// to the speaker named after it. Invented example.
func TestPluralNounAfterProperAdjective(t *testing.T) {
	body := "Trade has grown quickly. The new port has worried many Northern states, and it has used “soft words” in its dealings with the north, said Ivo Strand, a trade expert at Westland University."
	checkDirect(t, body, map[string]string{"soft words": "Ivo Strand"})
}

// TestQuotationInsideReportedSpeech checks that a quotation inside
// reported speech and not introduced by the inner verb is the words of
// whoever reports ("Ross said Mr. Lane had told them that … “Q”"), while
// an inner verb in a clause of its own keeps its speaker ("After Lane
// argued that …, Ross said only that “Q”"). Invented examples.
func TestQuotationInsideReportedSpeech(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"nested",
			"In an interview, Mr. Owen Ross said Mr. Carl Lane had told the donors that he would not keep the old policy of “no surprises” between the two parties.",
			map[string]string{"no surprises": "Owen Ross"}},
		{"clause of its own",
			"After Carl Lane argued that the budget should grow, Owen Ross said only that his “numbers do not add up.”",
			map[string]string{"numbers do not add up.": "Owen Ross"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

// TestReportedSpeechSubjects checks subjects of reported speech: a name
// followed by "of" and a place whose first word alone is no name ("Lee
// Zander of New Westland, a …, said"), and "X and other leaders said" (X
// speaks for them). Invented examples.
func TestReportedSpeechSubjects(t *testing.T) {
	body := "The harbour board met on Friday.\n\n" +
		"Rep. Lee Zander of New Westland, a ferry commuter, said the timetable would change twice before the winter storms arrived.\n\n" +
		"Mr. Chen and other trustees have said trimming the dredging budget remains the first task of the board."
	want := map[string]string{
		"the timetable would change twice before the winter storms arrived": "Lee Zander",
		"trimming the dredging budget remains the first task of the board":  "Chen",
	}
	got := map[string]string{}
	for _, q := range extract(body) {
		if !q.Direct {
			got[q.Text] = q.Speaker
		}
	}
	for text, speaker := range want {
		if got[text] != speaker {
			t.Errorf("%q: speaker %q, want %q (all: %q)", text, got[text], speaker, got)
		}
	}
}

// TestCreditsAndLooseMarks checks a credit line after a quotation ("-
// Ann Ortiz."), a straight closing mark set off by a space ("…, " said),
// and "fumed" as a speech verb. Invented examples.
func TestCreditsAndLooseMarks(t *testing.T) {
	tests := []struct {
		name, body string
		want       map[string]string
	}{
		{"dash credit paragraph",
			"We checked three lines from the ferry forum.\n\n\"Every crossing this winter left at least an hour late.\"\n\n- Ann Ortiz.\n\nThe log shows two on time.",
			map[string]string{"Every crossing this winter left at least an hour late.": "Ann Ortiz"}},
		{"spaced straight closing mark",
			"The ferry law passed in 2011.\n\n\"She won because she kept the islands and the mainland talking, \" said Mr. Gunnarson, who now runs the harbour office.",
			map[string]string{"She won because she kept the islands and the mainland talking,": "Gunnarson"}},
		{"a stop inside the mark, then a reporting sentence",
			"The board vote surprised the harbour on Wednesday.\n\nAnn Ortiz had argued against it.\n\n\"Whoever lost the ledgers should bring them back by Friday.\" Tom Reyes said.",
			map[string]string{"Whoever lost the ledgers should bring them back by Friday.": "Tom Reyes"}},
		{"a question mark inside the mark, then the speaker",
			"Tom Reyes asked about the new ferry captain.\n\n\"Several sailors have applied, and all of them are good...\" Ann Ortiz said.\n\n\"Would the old lighthouse keeper want the job, do you think?\" Ortiz remarked, smiling at the harbour master.",
			map[string]string{"Would the old lighthouse keeper want the job, do you think?": "Ann Ortiz"}},
		{"fumed",
			"The vote failed.\n\n\"The plan is fully paid for,\" Tom Reyes fumed on Tuesday.",
			map[string]string{"The plan is fully paid for,": "Tom Reyes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkDirect(t, tc.body, tc.want)
		})
	}
}

// TestMoreSubjects checks a retort ("fired back: “Q”"), a participle
// whose object is the subject of the quoted words ("saying Mr. Reyes
// “has …”"), a body attached to its owner twice over ("Tanian of the
// Harbour Patriarchate of Westland told"), a reflexive ("Ortiz herself
// said") and a parenthesis then a comma ("Dunn (R-Wes.), said").
// Invented examples.
func TestMoreSubjects(t *testing.T) {
	body := "The council meeting ran past midnight.\n\n" +
		"When Tom Reyes hinted that the ferry company would raise fares, Ann Ortiz fired back at once: \"Then the islands will buy their own boat.\"\n\n" +
		"Ann Ortiz echoed the complaint, saying Mr. Reyes \"has no timetable for the winter crossings.\"\n\n" +
		"Archbishop Aris Tanian of the Harbour Patriarchate of Westland told the gathering, \"Our bells will ring for every lost sailor.\"\n\n" +
		"Ortiz herself said that \"a ferry without a captain is only a raft with seats.\"\n\n" +
		"At the pier in Greyhaven, Gov. Paul Dunn (R-Wes.), said, \"The new dock opens in April, storms permitting.\""
	checkDirect(t, body, map[string]string{
		"Then the islands will buy their own boat.":            "Ann Ortiz",
		"has no timetable for the winter crossings.":           "Ann Ortiz",
		"Our bells will ring for every lost sailor.":           "Aris Tanian",
		"a ferry without a captain is only a raft with seats.": "Ann Ortiz",
		"The new dock opens in April, storms permitting.":      "Paul Dunn",
	})
}

// TestTitleWithStopAfterQuotation checks "“Q,” Sen. Chuck Schuman
// (D-N.W.) said": the stops of abbreviations do not end the search for the
// speech verb. Invented example.
func TestTitleWithStopAfterQuotation(t *testing.T) {
	body := "The ferry bill went back to committee.\n\n" +
		"“Islanders pay twice for every crossing and get half the sailings,” Sen. Chuck Schuman (D-N.W.) said Tuesday. “The harbour board owes them a straight answer.”"
	checkDirect(t, body, map[string]string{
		"Islanders pay twice for every crossing and get half the sailings,": "Chuck Schuman",
		"The harbour board owes them a straight answer.":                    "Chuck Schuman",
	})
}
