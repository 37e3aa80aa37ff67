package people

import (
	"embed"
	"strings"
)

// The word lists are data files in words/, written from general knowledge
// of English news style, not taken from any evaluation data: a list is
// changed without touching the code that reads it.
//
//go:embed words/*.txt
var wordFiles embed.FS

// wordSet reads the embedded list words/name: one word a line (or several,
// separated by spaces), "#" starting a comment.
func wordSet(name string) map[string]bool {
	b, err := wordFiles.ReadFile("words/" + name)
	if err != nil {
		panic(err) // a missing embedded file is a build defect every test meets
	}
	m := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
}

// maleFirst and femaleFirst are common given names, used as one cue among
// several for a person's gender and for telling names from other capitalised
// words.
var maleFirst = wordSet("male_first.txt")

var femaleFirst = wordSet("female_first.txt")

// maleHonorific and femaleHonorific are titles that tell a gender.
var maleHonorific = wordSet("male_honorific.txt")
var femaleHonorific = wordSet("female_honorific.txt")

// keepTitle are titles kept in a canonical name when the article gives no
// first name ("Lord Mandelson", "Pope Francis").
var keepTitle = wordSet("keep_title.txt")

// titleWords are words that stand before a name as a title or office
// ("Prime Minister Keir Starmer", "Dr. Jane Doe", "Health Minister X").
var titleWords = wordSet("title_words.txt")

// roleNouns are lower-case nouns that name a person by role ("the mayor",
// "a spokesperson"); used to tell a person's description from other phrases.
// Occupations that are common surnames (baker, carpenter, miner) are left
// out: "Stacy Baker of Eastfield" is a name, not an office.
var roleNouns = wordSet("role_nouns.txt")

// orgWords mark a capitalised run as an organisation or place, not a person.
var orgWords = wordSet("org_words.txt")

// notNames are capitalised words that start sentences or name times and
// never begin or end a person's name.
var notNames = wordSet("not_names.txt")

// surnameWords are words kept out of names (notNames) that are also
// surnames after a given name ("Owen Read", "Amy Will").
var surnameWords = wordSet("surname_words.txt")

// partyWords name a person by party or leaning ("Republicans Roe and
// Doe"); their plurals never begin a name.
var partyWords = wordSet("party_words.txt")

// titleAbbrevs spell out the abbreviated titles of titleWords, for roles
// ("Sen." → "Senator").
var titleAbbrevs = map[string]string{"sen": "Senator", "rep": "Representative", "gov": "Governor", "lt": "Lieutenant",
	"gen": "General", "col": "Colonel", "capt": "Captain", "sgt": "Sergeant", "supt": "Superintendent", "insp": "Inspector",
	"det": "Detective", "cmdr": "Commander", "adm": "Admiral", "maj": "Major", "cpl": "Corporal", "pres": "President",
	"pte": "Private", "cst": "Constable", "const": "Constable", "coun": "Councillor", "prof": "Professor", "vp": "Vice-President"}

// nameMonths are months that are also surnames (Helena May).
var nameMonths = wordSet("name_months.txt")

// sentenceStarters are capitalised sentence openers that are no names.
var sentenceStarters = wordSet("sentence_starters.txt")

// particles may stand inside a name in lower case ("Ludwig van Beethoven").
var particles = wordSet("particles.txt")

// Pronouns with the gender they tell.
var malePronouns = wordSet("male_pronouns.txt")
var femalePronouns = wordSet("female_pronouns.txt")
