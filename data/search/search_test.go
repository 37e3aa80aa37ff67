package search

import (
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"newsbot/data"
	"newsbot/data/text"
)

// confident mirrors corpus.Confident (corpus imports search, not the
// reverse): the score from which a hit is an answer.
const confident = 0.55

// seedQuotes returns the quoted passages of the embedded seed article (the
// text between curly double quotes), so that the tests use the article the
// bot ships with rather than a copy of it.
func seedQuotes(t testing.TB) []string {
	t.Helper()
	b, err := fs.ReadFile(data.Articles, "articles/keir-starmer-us-role-in-ukraine.txt")
	if err != nil {
		t.Fatalf("read seed article: %v", err)
	}
	var out []string
	s := string(b)
	for {
		i := strings.Index(s, "“")
		if i < 0 {
			break
		}
		s = s[i+len("“"):]
		j := strings.Index(s, "”")
		if j < 0 {
			break
		}
		out = append(out, s[:j])
		s = s[j+len("”"):]
	}
	if len(out) < 8 {
		t.Fatalf("seed article: found %d quotations, want at least 8", len(out))
	}
	return out
}

// seedSentences returns the sentences of the seed article: more texts, so
// that IDF and the not-found threshold work on a realistic vocabulary.
func seedSentences(t testing.TB) []string {
	t.Helper()
	b, err := fs.ReadFile(data.Articles, "articles/keir-starmer-us-role-in-ukraine.txt")
	if err != nil {
		t.Fatalf("read seed article: %v", err)
	}
	var out []string
	for _, p := range strings.Split(string(b), "\n") {
		for _, s := range strings.SplitAfter(p, ". ") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func indexOf(t *testing.T, texts []string, sub string) int {
	t.Helper()
	for i, s := range texts {
		if strings.Contains(s, sub) {
			return i
		}
	}
	t.Fatalf("no text contains %q", sub)
	return -1
}

func TestIssueExamples(t *testing.T) {
	quotes := seedQuotes(t)
	ix := Build(quotes)
	tests := []struct {
		query, want string
	}{
		{"the specifcs of the backstp are under discusion", "The specifics of the backstop"},
		{"security guarantees beyond a certain point I'm not going to make", "not going to make security guarantees"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hs := ix.Search(tt.query, 5)
			want := indexOf(t, quotes, tt.want)
			if len(hs) == 0 || hs[0].ID != want {
				t.Fatalf("Search(%q) = %v, want first %d (%q)", tt.query, hs, want, quotes[want])
			}
			if hs[0].Score < confident {
				t.Errorf("score %.3f below the confidence threshold %.2f", hs[0].Score, confident)
			}
		})
	}
}

func TestTypoTolerance(t *testing.T) {
	quotes := seedQuotes(t)
	texts := append(seedSentences(t), quotes...)
	ix := Build(texts)
	tests := []struct {
		name, query, want string
	}{
		{"exact", "we need security guarantees", "For peace to endure"},
		{"substitution by a neighbouring key", "automatic secirity since no one", "provide automatic security"},
		{"deletion", "fair and balnced relationship", "fair and balanced relationship"},
		{"insertion", "a ceasefire would give Putin the chancce", "give Putin the chance"},
		{"transposition", "dare mess wiht our people", "dare mess with our people"},
		{"two typos in a long word", "a fair and balanced relatoinshp", "fair and balanced relationship"},
		{"case and quote marks", "“WE’LL BE ON THE GROUND”", "ll be on the ground"},
		{"dropped word", "peace to endure we security guarantees", "For peace to endure"},
		{"extra word", "the US and the UK really share so much", "The US and the UK share"},
		{"swapped words", "regroup to and attack again", "regroup and attack again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := indexOf(t, texts, tt.want)
			hs := ix.Search(tt.query, 5)
			if len(hs) == 0 || !strings.Contains(texts[hs[0].ID], tt.want) {
				t.Fatalf("Search(%q) = %v, want first %d (%q)", tt.query, hs, want, texts[want])
			}
			if hs[0].Score < confident {
				t.Errorf("Search(%q): score %.3f below %.2f", tt.query, hs[0].Score, confident)
			}
		})
	}
}

func TestTypoLengthGates(t *testing.T) {
	ix := Build([]string{"the cat sat", "a discussion of principles", "make it so"})
	tests := []struct {
		query string
		found bool
	}{
		{"teh", false},        // three letters: exact only
		{"cat", true},         // exact
		{"cta", false},        // three letters: no transposition either
		{"mkae", true},        // four letters: one transposition
		{"mkea", false},       // four letters: two edits are too many
		{"discusion", true},   // one deletion
		{"dsicusion", true},   // nine letters: two edits
		{"dsicusino", false},  // three edits
		{"principels", true},  // transposition
		{"prnicipels", true},  // two transpositions in ten letters
		{"prxnxxpels", false}, // far too many
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hs := ix.Search(tt.query, 3)
			if got := len(hs) > 0; got != tt.found {
				t.Errorf("Search(%q) = %v, found %v, want %v", tt.query, hs, got, tt.found)
			}
		})
	}
}

// TestLongWordsNoTypos checks that words over maxTypoLen runes match only
// exactly: their deletion variants grow with the cube of their length, and a
// hostile query of one huge word must cost no more than a lookup.
func TestLongWordsNoTypos(t *testing.T) {
	long := strings.Repeat("abcdefgh", 5) // 40 runes
	ix := Build([]string{"see " + long + " here", "plain words only"})
	if hs := ix.Search(long, 3); len(hs) == 0 {
		t.Errorf("the long word itself is not found")
	}
	typo := long[:10] + "x" + long[11:]
	if hs := ix.Search(typo, 3); len(hs) != 0 {
		t.Errorf("a typo in a %d-rune word matched %v; long words must match exactly", len(long), hs)
	}
	huge := strings.Repeat("q", 5000)
	if hs := ix.Search(huge, 3); len(hs) != 0 {
		t.Errorf("a 5,000-letter word matched %v", hs)
	}
	if got, want := allowedTypos(maxTypoLen+1), 0; got != want {
		t.Errorf("allowedTypos(%d) = %d, want %d", maxTypoLen+1, got, want)
	}
	if got, want := termDeletions(maxTypoLen+1), 0; got != want {
		t.Errorf("termDeletions(%d) = %d, want %d", maxTypoLen+1, got, want)
	}
}

func TestOSA(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"backstop", "backstop", 2, 0},
		{"backstop", "backstp", 2, 1},
		{"backstop", "bakcstop", 2, 1},
		{"backstop", "bakcstp", 2, 2},
		{"backstop", "xxxxstop", 2, 3},
		{"ca", "abc", 3, 3}, // OSA, not unrestricted Damerau
		{"", "abc", 3, 3},
		{"crème", "creme", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := osa([]rune(tt.a), []rune(tt.b), tt.max); got != tt.want {
				t.Errorf("osa(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
			}
		})
	}
}

func TestCompletePrefix(t *testing.T) {
	quotes := seedQuotes(t)
	ix := Build(quotes)
	tests := []struct {
		typed, want string
	}{
		{"the specifics of the backs", "The specifics of the backstop"},
		{"we'll be on the gro", "be on the ground"},
		{"fair and bal", "fair and balanced"},
		{"consequ", "very consequential president"},
		{"I'm not going to make secur", "not going to make security guarantees"},
		{"a ceasfire would give Pu", "give Putin the chance"}, // typo in a finished word
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			hs := ix.Complete(tt.typed, 5)
			if len(hs) == 0 || !strings.Contains(quotes[hs[0].ID], tt.want) {
				var got []string
				for _, h := range hs {
					got = append(got, quotes[h.ID])
				}
				t.Fatalf("Complete(%q) = %q, want first to contain %q", tt.typed, got, tt.want)
			}
		})
	}
	// A finished word (trailing space) is not a prefix any more.
	if hs := ix.Complete("the backs ", 5); len(hs) != 0 && strings.Contains(quotes[hs[0].ID], "backstop") && hs[0].Score >= 0.99 {
		t.Errorf("Complete with a trailing space treated the last word as a prefix: %v", hs)
	}
}

func TestRarityRanking(t *testing.T) {
	texts := []string{
		"the minister said the plan was good",
		"the minister said the backstop was good",
		"the minister said the plan was the plan",
		"the minister said that",
	}
	ix := Build(texts)
	tests := []struct {
		query string
		want  int
	}{
		{"minister backstop", 1}, // the rare word decides
		{"said the backstop", 1},
		{"plan was good", 0}, // order and adjacency decide between 0 and 2
		{"minister said that", 3},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hs := ix.Search(tt.query, 4)
			if len(hs) == 0 || hs[0].ID != tt.want {
				t.Fatalf("Search(%q) = %v, want first %d", tt.query, hs, tt.want)
			}
			if len(hs) > 1 && hs[1].Score >= hs[0].Score {
				t.Errorf("Search(%q): no strict preference: %v", tt.query, hs)
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	quotes := seedQuotes(t)
	ix := Build(quotes)
	tests := []string{
		"the weather in Paris was lovely all week",         // no word in common
		"principles clear very I'm but discussion under",   // shuffled vocabulary
		"Starmer spoke about forging a partnership",        // narration, not a quotation
		"the minister denied any wrongdoing in the affair", // a few common words
		"ground the on be", // reversed order, common words
	}
	for _, q := range tests {
		t.Run(q, func(t *testing.T) {
			hs := ix.Search(q, 3)
			if len(hs) > 0 && hs[0].Score >= confident {
				t.Errorf("Search(%q): first hit %q scores %.3f ≥ %.2f", q, quotes[hs[0].ID], hs[0].Score, confident)
			}
		})
	}
}

func TestUnicodeFolding(t *testing.T) {
	texts := []string{
		"“I’m not going to make security guarantees,” he said",
		"Ms Müller visited São Paulo",
		"L'ÉTAT, C'EST MOI",
	}
	ix := Build(texts)
	tests := []struct {
		query   string
		want    int
		accents bool // needs text.Fold to strip accents
	}{
		{"\"im NOT going to make\"", 0, false},
		{"I'm not going", 0, false},
		{"I`m not going", 0, false},
		{"Müller São", 1, false},
		{"MÜLLER SÃO PAULO", 1, false},
		{"muller sao paulo", 1, true},
		{"l'état c'est moi", 2, false},
		{"letat cest moi", 2, false},
		{"l’etat c’est moi", 2, true},
	}
	stripped := text.Fold("é") == "e"
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if tt.accents && !stripped {
				t.Skip("text.Fold does not strip accents yet")
			}
			hs := ix.Search(tt.query, 3)
			if len(hs) == 0 || hs[0].ID != tt.want || hs[0].Score < confident {
				t.Fatalf("Search(%q) = %v, want first %d with a confident score", tt.query, hs, tt.want)
			}
		})
	}
}

func TestEachWordMatchesText(t *testing.T) {
	tests := []string{
		"", "Hello, World!", "I'm not going to make it.", "it`s 2.5% of $1.13bn",
		"rock-'n'-roll -- dashes", "O'Hara's players' ball", "  spaces\tand\nlines  ",
		"“Curly” ‘quotes’ and Café", "MiXeD CaSe 123abc", "a''b ''c d''",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			var got []string
			eachWord(s, nil, func(w []byte) { got = append(got, string(w)) })
			want := text.Words(s)
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("eachWord(%q) = %q, text.Words = %q", s, got, want)
			}
		})
	}
}

func TestEmptyAndBadInput(t *testing.T) {
	ix := Build([]string{"one quotation here", ""})
	for _, q := range []string{"", "   ", "!!!", "\xff\xfe", strings.Repeat("word ", 100), "a"} {
		t.Run(q[:min(len(q), 10)], func(t *testing.T) {
			_ = ix.Search(q, 5)
			_ = ix.Complete(q, 5)
		})
	}
	if hs := Build(nil).Search("anything", 5); len(hs) != 0 {
		t.Errorf("empty index returned %v", hs)
	}
	if hs := ix.Search("quotation", 0); len(hs) != 0 {
		t.Errorf("limit 0 returned %v", hs)
	}
	if !utf8.ValidString(ix.texts[0]) {
		t.Fatal("unreachable")
	}
}

func TestShortFuzzyFallback(t *testing.T) {
	names := []string{"Keir Starmer", "Donald Trump", "Vladimir Putin", "Lord Mandelson"}
	ix := BuildWith(names, Options{Short: true})
	tests := []struct {
		query string
		want  int
	}{
		{"starmer", 0},
		{"kier starmer", 0}, // typo
		{"kstarmer", 0},     // run together: one letter too many for "starmer"
		{"kstrmr", 0},       // clipped and run together: only the fuzzy scan finds it
		{"trmp", 1},         // clipped
		{"mandel", 3},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hs := ix.Search(tt.query, 3)
			if len(hs) == 0 || hs[0].ID != tt.want {
				t.Fatalf("Search(%q) = %v, want first %d", tt.query, hs, tt.want)
			}
			if len(hs[0].Matched) == 0 {
				t.Errorf("Search(%q): nothing to highlight", tt.query)
			}
		})
	}
	// the fuzzy scan highlights runs of characters: "kstrmr" in "Keir Starmer"
	hs := ix.Search("kstrmr", 1)
	var got []string
	for _, sp := range hs[0].Matched {
		got = append(got, names[0][sp.Start:sp.End])
	}
	if strings.Join(got, "|") != "K|St|rm|r" {
		t.Errorf("kstrmr highlighted %q, want [K St rm r]", got)
	}
}

func TestConcurrentQueries(t *testing.T) {
	quotes := seedQuotes(t)
	ix := Build(quotes)
	want := indexOf(t, quotes, "The specifics of the backstop")
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			ok := true
			for i := 0; i < 50; i++ {
				hs := ix.Search("the specifcs of the backstp", 3)
				ok = ok && len(hs) > 0 && hs[0].ID == want
				ix.Complete("the specifics of the back", 3)
			}
			done <- ok
		}()
	}
	for g := 0; g < 8; g++ {
		if !<-done {
			t.Error("a concurrent query got a wrong answer")
		}
	}
}

func FuzzSearch(f *testing.F) {
	ix := Build([]string{
		"“I’m not going to make security guarantees beyond a certain point.”",
		"The specifics of the backstop are still under discussion",
		"Ms Müller visited São Paulo", "", "a a a a a a a a",
	})
	for _, s := range []string{"", "backstp", "the specifics of the b", "ü", "\xff", "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a", "I'm  not\tgoing"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, hs := range [][]Hit{ix.Search(q, 5), ix.Complete(q, 5)} {
			if len(hs) > 5 {
				t.Fatalf("%d hits for limit 5", len(hs))
			}
			for _, h := range hs {
				if h.ID < 0 || h.ID >= ix.Len() || h.Score < 0 || h.Score > 1 || h.Score != h.Score {
					t.Fatalf("bad hit %+v for %q", h, q)
				}
			}
		}
	})
}

func TestMatchedSpans(t *testing.T) {
	texts := []string{
		"“The specifics of the backstop are still under discussion, but I’m very clear.”",
		"Ms Müller visited São Paulo's players' club",
	}
	ix := Build(texts)
	tests := []struct {
		query string
		want  []string
	}{
		{"the specifcs of the backstp", []string{"The", "specifics", "of", "the", "backstop"}},
		{"discussion but im", []string{"discussion", "but", "I’m"}},
		{"muller sao paulos", []string{"Müller", "São", "Paulo's"}},
		{"players club", []string{"players", "club"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if tt.query == "muller sao paulos" && text.Fold("ü") != "u" {
				t.Skip("text.Fold does not strip accents")
			}
			hs := ix.Search(tt.query, 1)
			if len(hs) == 0 {
				t.Fatalf("Search(%q): no hit", tt.query)
			}
			var got []string
			for _, sp := range hs[0].Matched {
				got = append(got, texts[hs[0].ID][sp.Start:sp.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Search(%q) matched %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestWordSpansAgreeWithWords(t *testing.T) {
	for _, s := range []string{
		"I'm not going to make it.", "“Curly” ‘quotes’ and Café", "O'Hara's players' ball",
		"rock-'n'-roll -- dashes", "it`s 2.5% of $1.13bn", "Ms Müller visited São Paulo", "a''b ''c d''",
	} {
		t.Run(s, func(t *testing.T) {
			spans := wordSpans(s, -1)
			words := text.Words(s)
			if len(spans) != len(words) {
				t.Fatalf("wordSpans(%q) has %d spans, text.Words %d words %q", s, len(spans), len(words), words)
			}
			for i, sp := range spans {
				if got := text.Words(s[sp.Start:sp.End]); len(got) != 1 || got[0] != words[i] {
					t.Errorf("span %d of %q is %q, want the word %q", i, s, s[sp.Start:sp.End], words[i])
				}
			}
		})
	}
}
