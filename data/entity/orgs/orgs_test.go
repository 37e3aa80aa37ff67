package orgs

import (
	"io/fs"
	"strings"
	"testing"
)

// All texts in these tests are invented for them.

// TestWordLists checks the form of the embedded word lists: folded single
// words, no duplicates, and each list read.
func TestWordLists(t *testing.T) {
	files, err := fs.Glob(wordFiles, "words/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no word lists: %v", err)
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			b, err := wordFiles.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for n, line := range strings.Split(string(b), "\n") {
				if i := strings.IndexByte(line, '#'); i >= 0 {
					line = line[:i]
				}
				w := strings.TrimSpace(line)
				if w == "" {
					continue
				}
				if w != strings.ToLower(w) || strings.ContainsAny(w, " \t.,;:") {
					t.Errorf("line %d: %q is not one folded word", n+1, w)
				}
				if seen[w] {
					t.Errorf("line %d: %q twice", n+1, w)
				}
				seen[w] = true
			}
			if len(seen) < 5 {
				t.Errorf("only %d words", len(seen))
			}
		})
	}
	for _, set := range []map[string]bool{headWords, genericWords, notOrgs, appositiveWords} {
		if len(set) == 0 {
			t.Error("a word list read empty")
		}
	}
}

// mentionList renders an organisation's mentions as "rule:text" joined by
// "|", for comparing.
func mentionList(body string, o Org) string {
	var out []string
	for _, m := range o.Mentions {
		out = append(out, m.Rule+":"+body[m.Start:m.End])
	}
	return strings.Join(out, "|")
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // per organisation: "Name [acronym] => mentions"
	}{
		{"acronym in parentheses and a short form",
			"Researchers at the Kestrel Policy Centre (KPC) surveyed 300 farms. KPC said the yields fell. The Centre plans more work.",
			[]string{"Kestrel Policy Centre [KPC] => name:Kestrel Policy Centre|acronym:KPC|acronym:KPC|short:The Centre"}},
		{"a long name with of, and a generic description",
			"The Bureau of Harbour Statistics published figures on Monday. Later the agency revised them.",
			[]string{"Bureau of Harbour Statistics [] => name:Bureau of Harbour Statistics|back:the agency"}},
		{"the company refers back",
			"Brightwater Foods sued the province on Tuesday. The company said it was owed money.",
			[]string{"Brightwater Foods [] => name:Brightwater Foods|back:The company"}},
		{"a kind of body refers back only to a body of that kind",
			"The Kestrel Institute studied the port. Brightwater Foods sued the council. The institute said the port was safe.",
			[]string{"Kestrel Institute [] => name:Kestrel Institute|back:The institute", "Brightwater Foods [] => name:Brightwater Foods"}},
		{"an acronym from the initials",
			"The Northern Growers Union met in March. The NGU said prices were too low.",
			[]string{"Northern Growers Union [NGU] => name:Northern Growers Union|acronym:NGU"}},
		{"a shorter form before for is the same body",
			"The Roper Centre for Opinion Studies ran the poll. Roper Centre staff said the race was close.",
			[]string{"Roper Centre for Opinion Studies [] => name:Roper Centre for Opinion Studies|short:Roper Centre"}},
		{"a shorter form ending the name is the same body",
			"The Eastfield Daily Courier broke the story. The Daily Courier said it stood by it.",
			[]string{"Eastfield Daily Courier [] => name:Eastfield Daily Courier|short:Daily Courier"}},
		{"one word with an organisation's apposition",
			"Velora, a regional news agency, reported the fire first. Velora said two homes burned.",
			[]string{"Velora [] => name:Velora|name:Velora"}},
		{"a person of a body is not the body's name",
			"Jo Brand of Harbour News said the figures were wrong.",
			[]string{"Harbour News [] => name:Harbour News"}},
		{"a title after the body's name begins a person",
			"Harbour News Executive Chairman Jo Brand said the figures were wrong.",
			[]string{"Harbour News [] => name:Harbour News"}},
		{"and after a head word joins two bodies",
			"The Kestrel Institute and Eastfield University signed the deal.",
			[]string{"Kestrel Institute [] => name:Kestrel Institute", "Eastfield University [] => name:Eastfield University"}},
		{"an imperative before a name", "Follow Harbour News on the web for more.",
			[]string{"Harbour News [] => name:Harbour News"}},
		{"a capitalised article inside a run begins the name",
			"Subscribe Now The Harbour Post covers the port.",
			[]string{"Harbour Post [] => name:Harbour Post"}},
		{"a title after a connector is the name's object",
			"The Eastfield Centre for Justice filed the suit.",
			[]string{"Eastfield Centre for Justice [] => name:Eastfield Centre for Justice"}},
		{"and inside a name",
			"The Department of Health and Social Care said nothing.",
			[]string{"Department of Health and Social Care [] => name:Department of Health and Social Care"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, o := range Find(tc.body, nil, nil) {
				got = append(got, o.Name+" ["+o.Acronym+"] => "+mentionList(tc.body, o))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestNotOrgs checks phrases that name no organisation: people (even with
// a description that mentions a body), places in datelines, common
// abbreviations, a head word alone.
func TestNotOrgs(t *testing.T) {
	tests := []struct{ name, body string }{
		{"a person with a body in the apposition", "Jo Brand, a spokeswoman for the agency, declined to comment."},
		{"a dateline", "EASTFIELD (Wire) — The ferries ran late on Monday."},
		{"common abbreviations", "The vote closes at 8 p.m. EST, and the CEO said the TV debate was fine."},
		{"a head word alone", "The Centre was closed. The Union met."},
		{"people", "Ann Ortiz and Tom Reyes met on Tuesday."},
		{"a body's word before a title and a name", "Senate Majority Leader Jo Brand said no."},
		{"a place with an organisation's apposition", "Canada, the largest party, agreed."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if os := Find(tc.body, nil, nil); len(os) != 0 {
				t.Errorf("found %+v", os)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	body := "The Kestrel Policy Centre (KPC) surveyed farms. The Bureau of Harbour Statistics disagreed. The Roper Centre for Opinion Studies ran a poll."
	os := Find(body, nil, nil)
	tests := []struct{ phrase, want string }{
		{"Kestrel Policy Centre", "Kestrel Policy Centre"},
		{"the kestrel policy centre", "Kestrel Policy Centre"},
		{"KPC", "Kestrel Policy Centre"},
		{"KPC's", "Kestrel Policy Centre"},
		{"the Bureau", "Bureau of Harbour Statistics"},
		{"Bureau", "Bureau of Harbour Statistics"},
		{"the Centre", ""}, // two bodies are Centres: no guess
		{"Roper Centre", "Roper Centre for Opinion Studies"},
		{"Harbour", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.phrase, func(t *testing.T) {
			got := ""
			if i := Resolve(os, tc.phrase); i >= 0 {
				got = os[i].Name
			}
			if got != tc.want {
				t.Errorf("Resolve(%q) = %q, want %q", tc.phrase, got, tc.want)
			}
		})
	}
}

func TestBefore(t *testing.T) {
	body := "The Kestrel Policy Centre surveyed farms. Later Brightwater Foods objected. “It is wrong,” the report said."
	os := Find(body, nil, nil)
	tests := []struct {
		name string
		at   int
		want string
	}{
		{"after both", strings.Index(body, "the report"), "Brightwater Foods"},
		{"between them", strings.Index(body, "Later"), "Kestrel Policy Centre"},
		{"before any", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i, m := Before(os, tc.at)
			got := ""
			if i >= 0 {
				got = os[i].Name
				if m.End > tc.at {
					t.Errorf("mention %+v ends after %d", m, tc.at)
				}
			}
			if got != tc.want {
				t.Errorf("Before(%d) = %q, want %q", tc.at, got, tc.want)
			}
		})
	}
}

func TestFindBounded(t *testing.T) {
	for _, in := range []string{"", "(", "( KPC )", "The", "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z Centre", "\xff\xfe Centre"} {
		_ = Find(in, nil, nil)
	}
	body := strings.Repeat("The Kestrel Policy Centre said so. KPC agreed. ", 1500)
	for _, o := range Find(body, nil, nil) {
		if len(o.Mentions) > maxMentions {
			t.Errorf("%d mentions kept", len(o.Mentions))
		}
	}
}

func BenchmarkFind(b *testing.B) {
	body := strings.Repeat("Researchers at the Kestrel Policy Centre (KPC) surveyed 300 farms. KPC said yields fell. "+
		"The Bureau of Harbour Statistics disagreed, and the agency said so. Brightwater Foods sued. ", 30)
	b.ReportAllocs()
	for b.Loop() {
		Find(body, nil, nil)
	}
}
