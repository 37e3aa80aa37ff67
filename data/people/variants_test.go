package people

import (
	"slices"
	"strings"
	"testing"

	"newsbot/data/text"
)

// All texts in these tests are invented for them.

// TestNicknames checks the form of the embedded nickname list: folded
// single words, at least two names a line, no name twice in a line, and
// no line repeated.
func TestNicknames(t *testing.T) {
	seen := map[string]bool{}
	for n, line := range strings.Split(nicknameFile, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		ws := strings.Fields(line)
		if len(ws) == 0 {
			continue
		}
		if len(ws) < 2 {
			t.Errorf("line %d: %q has no variant", n+1, line)
		}
		inLine := map[string]bool{}
		for _, w := range ws {
			if w != strings.ToLower(w) || strings.ContainsAny(w, ".,;:'") {
				t.Errorf("line %d: %q is not a folded word", n+1, w)
			}
			if inLine[w] {
				t.Errorf("line %d: %q twice", n+1, w)
			}
			inLine[w] = true
		}
		key := strings.Join(ws, " ")
		if seen[key] {
			t.Errorf("line %d: %q repeated", n+1, key)
		}
		seen[key] = true
	}
	if len(seen) < 20 {
		t.Errorf("only %d groups read", len(seen))
	}
}

// TestPlaces checks the form of the embedded place list: folded names, one
// space between words, no duplicates; and that IsPlace reads it.
func TestPlaces(t *testing.T) {
	seen := map[string]bool{}
	for n, line := range strings.Split(placesFile, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		p := strings.TrimSpace(line)
		if p == "" {
			continue
		}
		if p != strings.ToLower(p) || strings.Join(strings.Fields(p), " ") != p || strings.ContainsAny(p, ".,;:") {
			t.Errorf("line %d: %q is not a folded name", n+1, p)
		}
		if seen[p] {
			t.Errorf("line %d: %q twice", n+1, p)
		}
		seen[p] = true
	}
	for _, tc := range []struct {
		name string
		want bool
	}{{"Saudi Arabia", true}, {"new  hampshire", true}, {"Ontario", true}, {"Ann Ortiz", false}, {"", false}} {
		if got := IsPlace(tc.name); got != tc.want {
			t.Errorf("IsPlace(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSameGiven(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Bill", "William", true},
		{"william", "BILL", true},
		{"Sandy", "Sandra", true},
		{"Chuck", "Charles", true},
		{"Jim", "James", true},
		{"Bob", "Robert", true},
		{"Ann", "Ann", true},
		{"Bill", "Robert", false},
		{"Jim", "John", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := SameGiven(tc.a, tc.b); got != tc.want {
				t.Errorf("SameGiven(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestSameFullName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Jane Roe", "Jane A. Roe", true},
		{"Jane A. Roe", "Jane Ann Roe", true},
		{"Jane A Roe", "Jane A. Roe", true},
		{"Jane A. Roe", "Jane B. Roe", false},
		{"Sandy Okonjo", "Sandra Okonjo", true},
		{"Chuck Vellacott", "Charles E. Vellacott", true},
		{"Tom Roe Jr.", "Thomas Roe Jr.", true},
		{"Tom Roe Jr.", "Tom Roe", false}, // the son is not his father
		{"Tom Roe Sr.", "Tom A. Roe Jr.", false},
		{"Tom Roe", "Ann Roe", false},
		{"Chris Varga", "Christine Varga", false}, // given names of different genders
		{"Jane Roe", "Jane Doe", false},
		{"Roe", "Jane Roe", false}, // a surname alone is Locate's business
		{"George H.W. Marsh", "George W. Marsh", false},
	}
	for _, tc := range tests {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := SameFullName(strings.Fields(tc.a), strings.Fields(tc.b)); got != tc.want {
				t.Errorf("SameFullName(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// TestVariantsMerge checks that the forms of one person's name make one
// person with the longest form as the canonical name, and that every form
// is located as that person.
func TestVariantsMerge(t *testing.T) {
	tests := []struct {
		name, body string
		want       string   // the one canonical name
		forms      []string // mentions that must locate to it
		absent     []string // names that must not be people of their own
	}{
		{"nickname after the formal name",
			"Senator Charles E. Vellacott opened the hearing. Chuck Vellacott, as everyone calls him, said little. Vellacott left early.",
			"Charles E. Vellacott", []string{"Chuck Vellacott", "Vellacott"}, []string{"Chuck Vellacott"}},
		{"nickname before the formal name",
			"Sandy Okonjo, who runs the diner, poured coffee. Her full name is Sandra Okonjo. Okonjo said she liked it.",
			"Sandy Okonjo", []string{"Sandra Okonjo", "Okonjo"}, []string{"Sandra Okonjo"}},
		{"middle name is the longer form",
			"Hilda Rodway Castell spoke at noon. Later, Hilda Castell said the vote would be close. Castell smiled.",
			"Hilda Rodway Castell", []string{"Hilda Castell", "Castell"}, []string{"Hilda Castell"}},
		{"middle initial",
			"Dorian P. Whitlock arrived late. Dorian Whitlock said the train was slow.",
			"Dorian P. Whitlock", []string{"Dorian Whitlock"}, []string{"Dorian Whitlock"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.body)
			toks := Tokenize(tc.body)
			ppl := FindTokens(tc.body, sents, toks)
			idx := -1
			for i, p := range ppl {
				if p.Name == tc.want {
					idx = i
				}
				for _, a := range tc.absent {
					if p.Name == a {
						t.Errorf("%q is a person of its own: %+v", a, ppl)
					}
				}
			}
			if idx < 0 {
				t.Fatalf("%q not found in %+v", tc.want, ppl)
			}
			located := map[string]int{}
			for _, m := range Locate(toks, Starts(toks, sents, tc.body), ppl) {
				located[tc.body[m.NameStart:m.End]] = m.Person
			}
			for _, f := range tc.forms {
				p, ok := located[f]
				if !ok {
					t.Errorf("%q not located (%v)", f, located)
					continue
				}
				if p != idx {
					t.Errorf("%q located as %q, want %q", f, ppl[p].Name, tc.want)
				}
			}
		})
	}
}

// TestRecall checks people the finder used to miss: an unfamiliar given
// name with a long role apposition, a middle initial, a role noun before
// the name, a surname that is also a word.
func TestRecall(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"long role apposition", "Orrin Vadasz, a senior vice president in the Lakeside office of Harbour Realty Consulting Group, expects prices to fall.", "Orrin Vadasz"},
		{"apposition without article", "Thaddeus Kirwan, president of the Eastfield growers' union, expects a poor harvest.", "Thaddeus Kirwan"},
		{"a surname with a role apposition ending in who vouches for the full name",
			"Marisol Quennell backed the senator on Monday.\n\nQuennell, the former Acme Robotics CEO who left the race in May, made the case.",
			"Marisol Quennell"},
		{"a name opening a sentence before a past verb", "Talks went on all week.\n\nMara Quennell pointed out that the vote was close.", "Mara Quennell"},
		{"a name opening a sentence before an adverb and a verb", "Talks went on all week. Tobiah Quennell largely ran on the economy.", "Tobiah Quennell"},
		{"an inverted speech verb", "“The harbour will close,” said Ottoline Brasch, and the room went quiet.", "Ottoline Brasch"},
		{"after spokesman", "The plan is sound, spokesman Idris Vantongeren told reporters on Monday.", "Idris Vantongeren"},
		{"middle initial", "The plan was drafted by Ulric T. Benedek last spring.", "Ulric T. Benedek"},
		{"role noun before the name", "Conservative commentator Idris Vantongeren wrote about it on Sunday.", "Idris Vantongeren"},
		{"given name that is a word, role apposition", "Will Dorrance, a professor of economics at Harbour University, disagreed.", "Will Dorrance"},
		{"surname that is a word", "Chief executive Owen Read told shareholders the year was hard.", "Owen Read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, all := find(t, tc.body, tc.want)
			if p.Name == "" {
				t.Errorf("%q not found in %+v", tc.want, all)
			}
		})
	}
}

// TestNamesWithoutTitles checks that titles, honorifics and plurals of
// roles never become part of a name, and that a surname that is also a
// word is located when it stands alone.
func TestNamesWithoutTitles(t *testing.T) {
	tests := []struct {
		name, body string
		want       string   // a person that must be found
		notNames   []string // names that must not be found
		located    string   // a mention that must locate to want
	}{
		{"mister is an honorific", "Mister Okafor waved from the float. Later, Ben Okafor said the parade was his best.",
			"Ben Okafor", []string{"Mister Okafor"}, ""},
		{"a plural party word is no given name", "Rep. Dana Marlowe spoke first. Republicans Marlowe and Dunmore agreed on the bill.",
			"Dana Marlowe", []string{"Republicans Marlowe"}, ""},
		{"a party description is no name", "Dana Marlowe won. “It was close,” a Westland Republican said. A Northport Democrat agreed.",
			"Dana Marlowe", []string{"Westland Republican", "Northport Democrat"}, ""},
		{"a surname that is a word, alone", "The columnist Ian Will wrote on Sunday. Will said the budget was too small.",
			"Ian Will", nil, "Will"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.body)
			toks := Tokenize(tc.body)
			ppl := FindTokens(tc.body, sents, toks)
			idx := -1
			for i, p := range ppl {
				if p.Name == tc.want {
					idx = i
				}
				for _, n := range tc.notNames {
					if p.Name == n {
						t.Errorf("%q is a person: %+v", n, ppl)
					}
				}
			}
			if idx < 0 {
				t.Fatalf("%q not found in %+v", tc.want, ppl)
			}
			if tc.located == "" {
				return
			}
			at := strings.LastIndex(tc.body, tc.located)
			for _, m := range Locate(toks, Starts(toks, sents, tc.body), ppl) {
				if m.Start == at {
					if m.Person != idx {
						t.Errorf("%q located as %q", tc.located, ppl[m.Person].Name)
					}
					return
				}
			}
			t.Errorf("%q at %d not located", tc.located, at)
		})
	}
}

// TestGivenNameVariantAlone checks that a given name alone, or a variant
// of it, names the one person who bears it, and nobody when two may.
func TestGivenNameVariantAlone(t *testing.T) {
	tests := []struct{ name, body, mention, want string }{
		{"a variant of one person's name", "William Okafor coached the team for years. Everyone called him Bob, except Bill, said his wife.", "Bill", "William Okafor"},
		{"a run's last word is no given name", "Kelly Ames hosted the show on Monday. The crowd cheered for Tobiah Kelly.", "Tobiah Kelly", ""},
		{"a variant two people may bear", "William Okafor and Wilhelmina Roe met. William Dunmore came too. Bill, said the host, was late.", "Bill", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.body)
			toks := Tokenize(tc.body)
			ppl := FindTokens(tc.body, sents, toks)
			at := strings.Index(tc.body, tc.mention+",")
			if tc.mention == "Tobiah Kelly" {
				at = strings.Index(tc.body, tc.mention)
			}
			if at < 0 {
				t.Fatalf("%q not in the body", tc.mention)
			}
			got := ""
			for _, m := range Locate(toks, Starts(toks, sents, tc.body), ppl) {
				if m.Start < at+len(tc.mention) && m.End > at {
					got = ppl[m.Person].Name
				}
			}
			if got != tc.want {
				t.Errorf("%q located as %q, want %q (people %+v)", tc.mention, got, tc.want, ppl)
			}
		})
	}
}

// TestSurname checks the family name: the last word, or the first when the
// article calls the person by it.
func TestSurname(t *testing.T) {
	tests := []struct{ name, body, person, want string }{
		{"family name last", "Finance Minister Dana Marlowe spoke. Marlowe said the budget was tight.", "Dana Marlowe", "Marlowe"},
		{"family name first", "Finance Minister Qiao Wenliang spoke on Monday. Mr. Qiao said the budget was tight.", "Qiao Wenliang", "Qiao"},
		{"a given name alone is no family name", "Coach Dana Marlowe waved. Everyone loves Dana, said a fan.", "Dana Marlowe", "Marlowe"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, all := find(t, tc.body, tc.person)
			if p.Name == "" {
				t.Fatalf("%q not found in %+v", tc.person, all)
			}
			if p.Surname != tc.want {
				t.Errorf("surname %q, want %q", p.Surname, tc.want)
			}
		})
	}
}

// TestParticlesAndSuffixes checks names with particles in a row and with a
// suffix: the full name is the person, the family name alone (even
// capitalised at a sentence's start) is located as them, and the
// surname is the family name with its particles, without the suffix.
func TestParticlesAndSuffixes(t *testing.T) {
	tests := []struct {
		name, body    string
		want, surname string
		located       string // a later mention that must locate to want
		notPeople     []string
	}{
		{"particles in a row", "Maria de la Cruz, who sells fruit, said the market was quiet. De la Cruz left at noon.",
			"Maria de la Cruz", "de la Cruz", "De la Cruz", []string{"Maria", "De la Cruz"}},
		{"a Dutch particle", "Ludwig van der Berg said the dike would hold. Van der Berg left early.",
			"Ludwig van der Berg", "van der Berg", "Van der Berg", []string{"Ludwig"}},
		{"a suffix", "Jean-Paul Okafor Jr. said the deal was done. Okafor left early.",
			"Jean-Paul Okafor Jr.", "Okafor", "Okafor", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.body)
			toks := Tokenize(tc.body)
			ppl := FindTokens(tc.body, sents, toks)
			idx := -1
			for i, p := range ppl {
				if p.Name == tc.want {
					idx = i
				}
				for _, n := range tc.notPeople {
					if p.Name == n {
						t.Errorf("%q is a person of its own: %+v", n, ppl)
					}
				}
			}
			if idx < 0 {
				t.Fatalf("%q not found in %+v", tc.want, ppl)
			}
			if ppl[idx].Surname != tc.surname {
				t.Errorf("surname %q, want %q", ppl[idx].Surname, tc.surname)
			}
			at := strings.LastIndex(tc.body, tc.located)
			hit := false
			for _, m := range Locate(toks, Starts(toks, sents, tc.body), ppl) {
				if m.Start < at+len(tc.located) && m.End > at {
					hit = true
					if m.Person != idx {
						t.Errorf("%q located as %q", tc.located, ppl[m.Person].Name)
					}
				}
			}
			if !hit {
				t.Errorf("%q not located", tc.located)
			}
		})
	}
}

// TestRoles checks that every role the article gives a person is kept,
// the first as Role, titles spelt out, without repeats.
func TestRoles(t *testing.T) {
	body := "Sen. Dana Marlowe opened the hearing. Marlowe, the former governor of Eastland, said little. " +
		"Sen. Dana Marlowe then left. Dana Marlowe, chair of the budget committee, returned at noon."
	p, all := find(t, body, "Dana Marlowe")
	if p.Name == "" {
		t.Fatalf("not found in %+v", all)
	}
	want := []string{"Senator", "former governor of Eastland", "chair of the budget committee"}
	got := slices.Clone(p.Roles)
	slices.Sort(got)
	slices.Sort(want)
	if p.Role != "Senator" || !slices.Equal(got, want) {
		t.Errorf("role %q, roles %q; want Senator first of %q", p.Role, p.Roles, want)
	}
}

// TestFatherAndSon checks that a suffix keeps a son apart from his father
// of the same name, even when one of them has a middle initial.
func TestFatherAndSon(t *testing.T) {
	body := "Tobias R. Okafor Jr. announced the deal on Monday. His father, Tobias Okafor, said he was proud. Tobias Okafor built the firm."
	ppl := Find("", body, nil)
	names := map[string]bool{}
	for _, p := range ppl {
		names[p.Name] = true
	}
	if !names["Tobias R. Okafor Jr."] || !names["Tobias Okafor"] {
		t.Errorf("father and son not kept apart: %+v", ppl)
	}
}
