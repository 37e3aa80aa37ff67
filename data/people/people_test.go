package people

import (
	"strings"
	"testing"

	"newsbot/data/text"
)

// All texts in these tests are invented for them.

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // token texts joined by |, possessives marked with +
	}{
		{"Mr. Smith said.", "Mr.|Smith|said|."},
		{"both the U.K. and the U.S. agreed", "both|the|U.K.|and|the|U.S.|agreed"},
		{"Starmer’s plan", "Starmer+|plan"},
		{"it's O’Hara's turn", "it's|O’Hara+|turn"},
		{"Jean-Paul J. Sartre", "Jean-Paul|J.|Sartre"},
		{"“Yes,” she said", "“|Yes|,|”|she|said"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var parts []string
			for _, tok := range Tokenize(tc.in) {
				s := tok.Text
				if tok.Poss {
					s += "+"
				}
				if tc.in[tok.Start:tok.End] != tok.Text {
					t.Errorf("offsets [%d,%d) give %q, not %q", tok.Start, tok.End, tc.in[tok.Start:tok.End], tok.Text)
				}
				parts = append(parts, s)
			}
			if got := strings.Join(parts, "|"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func find(t *testing.T, body, name string) (Person, []Person) {
	t.Helper()
	ppl := Find("", body, nil)
	for _, p := range ppl {
		if p.Name == name {
			return p, ppl
		}
	}
	return Person{}, ppl
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, body   string
		person, role string
		alias        string
		gender       Gender
	}{
		{"title before the name", "Health Minister Jane Doyle announced the plan. Doyle said it would cost little.",
			"Jane Doyle", "Health Minister", "Doyle", Female},
		{"apposition role", "Tom Reyes, the mayor of Eastfield, opened the bridge. He said it was overdue.",
			"Tom Reyes", "mayor of Eastfield", "the mayor of Eastfield", Male},
		{"honorific then full name", "Mr. Hemsworth was not available. Later, Brian Hemsworth told the court he was sorry.",
			"Brian Hemsworth", "", "Mr. Hemsworth", Male},
		{"peer keeps the title", "Lord Ashby, the British Ambassador, spoke at the dinner.",
			"Lord Ashby", "British Ambassador", "Ashby", Male},
		{"surname speaks for the full name", "Darla Whitecloud is new to the job. Whitecloud said she was ready.",
			"Darla Whitecloud", "", "Whitecloud", Female},
		{"office with of", "U.S. Secretary of State Mike Porter met the press.",
			"Mike Porter", "U.S. Secretary of State", "Porter", Male},
		{"long office before the name", "Minister of Northern Harbour Affairs Carolyn Marsh spoke first.",
			"Carolyn Marsh", "Minister of Northern Harbour Affairs", "Marsh", Female},
		{"photo credit before the name", "(Photo: Northbank Images) Kevin Lund, the port director, waved.",
			"Kevin Lund", "port director", "Lund", Male},
		{"initials", "P.J. Okafor scored twice on Sunday.", "P.J. Okafor", "", "Okafor", Unknown},
		{"surname that is a common noun", "Artistic director Dominic House chose the music.", "Dominic House", "", "House", Male},
		{"pronouns tell the gender", "Sam Okoro said the plan had failed. She blamed the council, and she resigned.",
			"Sam Okoro", "", "Okoro", Female},
		{"an abbreviated title is spelt out as a role", "Lt. Gov. Dana Marlowe opened the session. Marlowe said it would be short.",
			"Dana Marlowe", "Lieutenant Governor", "Marlowe", Female},
		{"a given name ending in -ly opens the sentence", "Kelly Ames said the show was fine. Ames left early.",
			"Kelly Ames", "", "Ames", Female},
		{"a surname that is an occupation, before of", "Talks ended.\n\nStacy Baker of Eastfield says she really thinks the deal is fair.",
			"Stacy Baker", "", "Baker", Female},
		{"one word with a who-apposition", "Tatu, who sells fruit near the market, saw the crowd. Tatu ran home.",
			"Tatu", "", "", Unknown},
		{"a given name that is also a word", "Will Barnes, who milks 80 cows, said the price was too low.",
			"Will Barnes", "", "", Male},
		{"one word with an age", "Okonkwo, 52, closed his shop early.", "Okonkwo", "", "", Male},
		{"month as surname after a title", "Prime Minister Helena May spoke. Later Mrs May left for Brussels.",
			"Helena May", "Prime Minister", "Mrs May", Female},
		{"hyphenated description before the name", "Mother-of-two Lena Hart opened the cafe. Hart said it was her dream.",
			"Lena Hart", "", "Hart", Female},
		{"month as surname", "Prime Minister Helena Mayfield and Ms. June spoke. Prime Minister Helena May also spoke.",
			"Helena May", "Prime Minister", "May", Female},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, all := find(t, tc.body, tc.person)
			if p.Name == "" {
				t.Fatalf("%q not found in %+v", tc.person, all)
			}
			if p.Role != tc.role {
				t.Errorf("role %q, want %q", p.Role, tc.role)
			}
			if tc.alias != "" {
				has := false
				for _, a := range p.Aliases {
					has = has || a == tc.alias
				}
				if !has {
					t.Errorf("aliases %q lack %q", p.Aliases, tc.alias)
				}
			}
			if p.Gender != tc.gender {
				t.Errorf("gender %v, want %v", p.Gender, tc.gender)
			}
		})
	}
}

// TestSameSurname checks that people who share a surname are kept apart:
// "Mr."/"Mrs." pick the one of that gender, and a bare surname the one the
// article has named most so far.
func TestSameSurname(t *testing.T) {
	tests := []struct{ name, body, mention, want string }{
		{"Mr. picks the man", "Ann Ortiz spoke first. Her husband, Tom Ortiz, waved. Ann Ortiz thanked him. Mr. Ortiz smiled.", "Mr. Ortiz", "Tom Ortiz"},
		{"Mrs. picks the woman", "Tom Ortiz spoke first. His wife, Ann Ortiz, waved. Tom Ortiz thanked her. Mrs. Ortiz smiled.", "Mrs. Ortiz", "Ann Ortiz"},
		{"a bare surname is the one named most", "Ann Ortiz ran the campaign. Ann Ortiz won the vote. Her brother Tom Ortiz was there. Ortiz thanked the crowd.", "Ortiz", "Ann Ortiz"},
		{"Mr. prefers the man to a Roe of unknown gender", "Kiri Ortiz spoke first. Kiri Ortiz spoke again. Tom Ortiz waved. Mr. Ortiz smiled.", "Mr. Ortiz", "Tom Ortiz"},
		{"a plural title is no name", "Senators Reyes and Park met the mayor. Later, Tom Reyes said no.", "Senators Reyes", "Tom Reyes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.body)
			toks := Tokenize(tc.body)
			ppl := FindTokens(tc.body, sents, toks)
			last := -1
			for _, m := range Locate(toks, Starts(toks, sents, tc.body), ppl) {
				if tc.body[m.Start:m.End] == tc.mention {
					last = m.Person
				}
			}
			if last < 0 {
				t.Fatalf("%q not located among %+v", tc.mention, ppl)
			}
			if ppl[last].Name != tc.want {
				t.Errorf("%q is %q, want %q", tc.mention, ppl[last].Name, tc.want)
			}
			for _, p := range ppl {
				if strings.HasPrefix(p.Name, "Senators") {
					t.Errorf("a plural title made a person: %q", p.Name)
				}
			}
		})
	}
}

func TestNotPeople(t *testing.T) {
	tests := []struct{ name, body string }{
		{"places and organisations", "The Eastfield City Council met in Northbank Square. Harbour University said the campus was safe."},
		{"sentence openers", "Overstating the risk helps nobody. Unlike Monday, Tuesday was calm."},
		{"a bill is not a person", "Bill C-48 passed on Tuesday."},
		{"a place after a preposition", "She has lived in Port Ellen, says her neighbour."},
		{"acronyms", "The RCMP said the CBC reported it first."},
		{"country initials", "The U.S. Navy sailed on. U.K. Steel closed."},
		{"an office's object", "The Mother of Parliaments met. The CEO of Harbour Action spoke."},
		{"institutions", "The Eastfield Metroparks Zoo said the cheetahs were fine. Northbank Prison closed."},
		{"a body takes which", "Brightwater, which sells fruit, said the price was low."},
		{"a question opening with will", "Will Barnes Farm survive? Nobody knows."},
		{"a body opening a sentence before a past verb", "Harbour Council voted on Monday. Westland Motors closed two plants. Brightwater Foods sued the province. Eastfield Comets lost again. The party built its Voter Vault database in 2003. Harbour Centre for Ocean Studies wrote to us. Clean Ports PAC said no."},
		{"a country", "Saudi Arabia said on Monday that the talks had failed."},
		{"a state after new", "New Hampshire Republicans said the count was wrong. New Hampshire said so too."},
		{"a description with a place", "A Vermont farmer said the price was low."},
		{"page furniture glued to words", "Posted by ReplyShareLikeFlag Edwards said nothing."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if ppl := Find("", tc.body, nil); len(ppl) != 0 {
				t.Errorf("found %+v", ppl)
			}
		})
	}
}

func TestTwoPeopleSameSurname(t *testing.T) {
	body := "Justin Marlow spoke first. His son Hadrien Marlow sat beside him. Marlow said the family was proud."
	ppl := Find("", body, nil)
	names := map[string]bool{}
	for _, p := range ppl {
		names[p.Name] = true
	}
	if !names["Justin Marlow"] || !names["Hadrien Marlow"] {
		t.Errorf("got %+v", ppl)
	}
}

func TestFindOddInput(t *testing.T) {
	for _, in := range []string{"", "Mr.", "Mr. .", "Lord", "A B C D E F G H", "\xff\xfe", "’s ’s", "of of of"} {
		_ = Find(in, in, nil)
	}
}

func BenchmarkFind(b *testing.B) {
	body := strings.Repeat("Health Minister Jane Doyle, 52, said the plan would work. Doyle told reporters she was confident. "+
		"Tom Reyes, the mayor of Eastfield, disagreed, and Mr. Reyes said so at length. ", 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Find("", body, nil)
	}
}
