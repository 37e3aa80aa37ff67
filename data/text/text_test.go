package text

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// checkSentences verifies the invariants every caller relies on: Text is
// the body's own bytes, sentences are in order, do not overlap, carry no
// surrounding white space, and their paragraph indices match Paragraphs.
func checkSentences(t *testing.T, body string, got []Sentence) {
	t.Helper()
	paras := Paragraphs(body)
	prevEnd := 0
	for i, s := range got {
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(body) {
			t.Fatalf("sentence %d: bad span [%d,%d) after %d", i, s.Start, s.End, prevEnd)
		}
		if s.Text != body[s.Start:s.End] {
			t.Fatalf("sentence %d: Text %q is not body[%d:%d] %q", i, s.Text, s.Start, s.End, body[s.Start:s.End])
		}
		if strings.TrimSpace(s.Text) != s.Text {
			t.Errorf("sentence %d: %q has surrounding space", i, s.Text)
		}
		if s.Paragraph < 0 || s.Paragraph >= len(paras) {
			t.Fatalf("sentence %d: paragraph %d out of range", i, s.Paragraph)
		}
		p := paras[s.Paragraph]
		if s.Start < p.Start || s.End > p.End {
			t.Errorf("sentence %d [%d,%d) outside its paragraph [%d,%d)", i, s.Start, s.End, p.Start, p.End)
		}
		prevEnd = s.End
	}
}

func texts(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"empty", "", []string{}},
		{"only space", " \n\t\n ", []string{}},
		{"simple", "One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"no final stop", "The minister spoke", []string{"The minister spoke"}},
		{"headline line then body", "Council Approves New Budget\nThe council met. It voted.",
			[]string{"Council Approves New Budget", "The council met.", "It voted."}},
		{"blank-line paragraphs", "First para.\n\nSecond para.\r\n\r\nThird",
			[]string{"First para.", "Second para.", "Third"}},
		{"line without stop before next", "Breaking: storm hits coast\nWinds rose.",
			[]string{"Breaking: storm hits coast", "Winds rose."}},
		{"titles", "Mr. Reed and Mrs. Hall met Ms. Ito, Dr. Lane and Prof. Okafor. They talked.",
			[]string{"Mr. Reed and Mrs. Hall met Ms. Ito, Dr. Lane and Prof. Okafor.", "They talked."}},
		{"political titles", "Gov. Park, Sen. Diaz and Rep. Moore spoke. Gen. Ruiz, Lt. Cole, Col. Hart and Capt. Bell listened.",
			[]string{"Gov. Park, Sen. Diaz and Rep. Moore spoke.", "Gen. Ruiz, Lt. Cole, Col. Hart and Capt. Bell listened."}},
		{"saint", "They prayed at St. Mary's church. Then they left.",
			[]string{"They prayed at St. Mary's church.", "Then they left."}},
		{"versus", "It was Leeds vs. Hull. Leeds won.", []string{"It was Leeds vs. Hull.", "Leeds won."}},
		{"company endings mid-sentence", "Acme Inc. and Bolt Co. merged with Crane Ltd. last week.",
			[]string{"Acme Inc. and Bolt Co. merged with Crane Ltd. last week."}},
		{"company ending at end", "She joined Acme Corp. The move surprised analysts.",
			[]string{"She joined Acme Corp.", "The move surprised analysts."}},
		{"senior and U.N. at end", "He met John Hale Sr. at the U.N. He left.",
			[]string{"He met John Hale Sr. at the U.N.", "He left."}},
		{"junior", "Martin Luther King Jr. spoke here. Crowds came.",
			[]string{"Martin Luther King Jr. spoke here.", "Crowds came."}},
		{"etc mid and end", "Bring pens, paper, etc. to class. We supply chairs, desks, etc. The rest is yours.",
			[]string{"Bring pens, paper, etc. to class.", "We supply chairs, desks, etc.", "The rest is yours."}},
		{"months with day", "It began on Jan. 5 and ended Feb. 12. Sept. 3 was quiet.",
			[]string{"It began on Jan. 5 and ended Feb. 12.", "Sept. 3 was quiet."}},
		{"may is a word", "The vote was held in May. The result came in June.",
			[]string{"The vote was held in May.", "The result came in June."}},
		{"month at end", "The law takes effect in Dec. The cost is unknown.",
			[]string{"The law takes effect in Dec.", "The cost is unknown."}},
		{"U.S. before noun", "The U.S. economy grew. U.K. officials and U.N. staff agreed.",
			[]string{"The U.S. economy grew.", "U.K. officials and U.N. staff agreed."}},
		{"U.S. before proper noun", "The U.S. President Joe Park arrived.",
			[]string{"The U.S. President Joe Park arrived."}},
		{"U.S. at end", "Prices rose in the U.S. The rise was small.",
			[]string{"Prices rose in the U.S.", "The rise was small."}},
		{"D.C. at end then quote", `He flew to Washington, D.C. "It was long," he said.`,
			[]string{"He flew to Washington, D.C.", `"It was long," he said.`}},
		{"a.m. and p.m.", "Doors open at 9 a.m. and close at 5 p.m. on weekdays. They open at 10 a.m. He checked.",
			[]string{"Doors open at 9 a.m. and close at 5 p.m. on weekdays.", "They open at 10 a.m.", "He checked."}},
		{"No. before number", "He lives at No. 10 with his wife. No. 11 is empty.",
			[]string{"He lives at No. 10 with his wife.", "No. 11 is empty."}},
		{"No as an answer", "The answer was No. Nobody asked again.",
			[]string{"The answer was No.", "Nobody asked again."}},
		{"decimals and money", "Profit hit $1.13bn. \"It was great,\" the chief said. Growth was 2.5% and shares rose 3.4 per cent.",
			[]string{"Profit hit $1.13bn.", "\"It was great,\" the chief said.", "Growth was 2.5% and shares rose 3.4 per cent."}},
		{"pounds and times", "The deal is worth £2.5m. It closes at 3.30pm. Talks resume at 10.15 tomorrow.",
			[]string{"The deal is worth £2.5m.", "It closes at 3.30pm.", "Talks resume at 10.15 tomorrow."}},
		{"number ending a sentence", "The toll rose to 42. Officials expect more.",
			[]string{"The toll rose to 42.", "Officials expect more."}},
		{"initials", "The book by J. K. Rowling sold well. George R. R. Martin agreed.",
			[]string{"The book by J. K. Rowling sold well.", "George R. R. Martin agreed."}},
		{"initial A is not the article", "The report by J. A. Smith was late.",
			[]string{"The report by J. A. Smith was late."}},
		{"letter then sentence", "They chose plan B. The rest failed.",
			[]string{"They chose plan B.", "The rest failed."}},
		{"ellipsis inside", "I was thinking... maybe not. He paused … and went on.",
			[]string{"I was thinking... maybe not.", "He paused … and went on."}},
		{"ellipsis at end", "It could be worse... The market fell… Then it rose.",
			[]string{"It could be worse...", "The market fell…", "Then it rose."}},
		{"spaced ellipsis", "He said . . . nothing. Then left.", []string{"He said . . . nothing.", "Then left."}},
		{"stop inside closing quote", `"We will win." Then he left.`,
			[]string{`"We will win."`, "Then he left."}},
		{"stop inside curly quote", "He called it a “backstop.” When asked, he smiled.",
			[]string{"He called it a “backstop.”", "When asked, he smiled."}},
		{"question inside quote, lower case", `"Really?" she asked. "Yes!" he cried.`,
			[]string{`"Really?" she asked.`, `"Yes!" he cried.`}},
		{"question inside curly quote, lower case", "“Why now?” asked the mayor. Nobody knew.",
			[]string{"“Why now?” asked the mayor.", "Nobody knew."}},
		{"question then attribution with name", `"Why not?" Smith asked. He waited.`,
			[]string{`"Why not?" Smith asked.`, "He waited."}},
		{"question then attribution with title", "“Is that fair?” Mr. Moore said on Friday. Nobody replied.",
			[]string{"“Is that fair?” Mr. Moore said on Friday.", "Nobody replied."}},
		{"question then new sentence", `"Why not?" Then Smith left.`,
			[]string{`"Why not?"`, "Then Smith left."}},
		{"question then capital name, no verb", `Was it fair? Smith thinks so.`,
			[]string{"Was it fair?", "Smith thinks so."}},
		{"quote spanning sentences", `"We fought hard. We lost," he said. "Next year we win."`,
			[]string{`"We fought hard.`, `We lost," he said.`, `"Next year we win."`}},
		{"curly quote spanning sentences", "“This is one. This is two,” she said.",
			[]string{"“This is one.", "This is two,” she said."}},
		{"quote opening a paragraph continues", "“We will stay.\n“We will not leave,” he said.",
			[]string{"“We will stay.", "“We will not leave,” he said."}},
		{"british single quotes", "'We will fight,' he said. 'We will never give up.' Then silence.",
			[]string{"'We will fight,' he said.", "'We will never give up.'", "Then silence."}},
		{"british curly single quotes", "‘It is over,’ she said. ‘Done.’ The room emptied.",
			[]string{"‘It is over,’ she said.", "‘Done.’", "The room emptied."}},
		{"apostrophes are not quotes", "The teachers' pay rose. It's the Joneses' turn. They'll see.",
			[]string{"The teachers' pay rose.", "It's the Joneses' turn.", "They'll see."}},
		{"guillemets", "«Nous gagnerons.» Il est parti.", []string{"«Nous gagnerons.»", "Il est parti."}},
		{"brackets", "The firm (founded 1990.) grew. (It was sold.) Staff stayed.",
			[]string{"The firm (founded 1990.) grew.", "(It was sold.)", "Staff stayed."}},
		{"opening curly quote without space", "He said it.“Next,” she replied.",
			[]string{"He said it.", "“Next,” she replied."}},
		{"multiple marks", "Really?! Yes!! Fine.", []string{"Really?!", "Yes!!", "Fine."}},
		{"hashtag in quote ends sentence", "He wrote: '#vote2025.' Mr Lane replied.",
			[]string{"He wrote: '#vote2025.'", "Mr Lane replied."}},
		{"number not at start", "Call 911. Help came.", []string{"Call 911.", "Help came."}},
		{"list numbers", "1. Buy milk\n2. Sell shares now.", []string{"1. Buy milk", "2. Sell shares now."}},
		{"urls and versions", "See www.example.com for v2.1 details. Thanks.",
			[]string{"See www.example.com for v2.1 details.", "Thanks."}},
		{"dotted acronym at end then lower case", "He has a Ph.D. in law. She has none.",
			[]string{"He has a Ph.D. in law.", "She has none."}},
		{"e.g. and i.e.", "Bring fruit, e.g. Apples. Or nuts, i.e. Almonds. Fine.",
			[]string{"Bring fruit, e.g. Apples.", "Or nuts, i.e. Almonds.", "Fine."}},
		{"non-ASCII capital after stop", "Il a parlé. Été chaud. Ça va.", []string{"Il a parlé.", "Été chaud.", "Ça va."}},
		{"non-breaking space after stop", "It ended.\u00a0Then more.", []string{"It ended.", "Then more."}},
		{"tab-indented line", "\tIndented line. Next.", []string{"Indented line.", "Next."}},
		{"trailing closers at paragraph end", `He said: "Go."`, []string{`He said: "Go."`}},
		{"colon headline", "Fighter ace: the story\nIt is told.", []string{"Fighter ace: the story", "It is told."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.body)
			checkSentences(t, tt.body, got)
			if g := texts(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.body, g, tt.want)
			}
		})
	}
}

func TestSentencesParagraphIndex(t *testing.T) {
	body := "Headline here\n\nFirst one. Second one.\nThird line"
	got := Sentences(body)
	checkSentences(t, body, got)
	want := []int{0, 1, 1, 2}
	var gotIdx []int
	for _, s := range got {
		gotIdx = append(gotIdx, s.Paragraph)
	}
	if !reflect.DeepEqual(gotIdx, want) {
		t.Errorf("paragraph indices = %v, want %v", gotIdx, want)
	}
}

// TestSentencesOddInput feeds text that must not panic or break the
// invariants: invalid UTF-8, stray marks, stops everywhere.
func TestSentencesOddInput(t *testing.T) {
	for _, body := range []string{
		".", "...", "…", "?!", `"`, "“”", ". . .", "\xff\xfe. A.", "A.\xff B", "Mr.", "U.S.",
		"No.", "a. b. c.", "(. ) [ ]", "“.” ‘.’", "1.", "#.", strings.Repeat(". ", 50),
		"x\u2026\u2026y", "\xe2\x80", "end.\xe2\x80",
	} {
		t.Run(body, func(t *testing.T) {
			checkSentences(t, body, Sentences(body))
		})
	}
}

// TestSentencesGolden pins the segmentation of the article that ships with
// the project; run with -update after a deliberate change and review the diff.
func TestSentencesGolden(t *testing.T) {
	src := filepath.Join("..", "articles", "keir-starmer-us-role-in-ukraine.txt")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatalf("read %s: %v", src, err)
	}
	body := string(raw)
	got := Sentences(body)
	checkSentences(t, body, got)
	var b strings.Builder
	for _, s := range got {
		b.WriteString(s.Text)
		b.WriteByte('\n')
	}
	golden := filepath.Join("testdata", "starmer.sentences.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test -update once): %v", err)
	}
	if b.String() != string(want) {
		t.Errorf("sentences differ from %s:\n got:\n%s\nwant:\n%s", golden, b.String(), want)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Span
	}{
		{"empty", "", nil},
		{"one", "abc", []Span{{0, 3}}},
		{"single newlines", "a\nb", []Span{{0, 1}, {2, 3}}},
		{"blank lines and spaces", "  a \n\n\n b\n", []Span{{2, 3}, {8, 9}}},
		{"crlf", "a\r\nb", []Span{{0, 1}, {3, 4}}},
		{"unicode spaces trimmed", "\u00a0a\u2009\n\u3000", []Span{{2, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Paragraphs(tt.body); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paragraphs(%q) = %v, want %v", tt.body, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain ascii", "plain ascii"},
		{"MiXeD Case", "mixed case"},
		{"`tick`", "'tick'"},
		{"“Curly” ‘single’ „low“ «guillemets» ‹single›", `"curly" 'single' "low" "guillemets" "single"`},
		{"I’m here", "i'm here"},
		{"en – em — minus − hyphen‐", "en - em - minus - hyphen-"},
		{"Café Élysée naïve São Paulo", "cafe elysee naive sao paulo"},
		{"Zoë Brontë Dvořák Łódź", "zoe bronte dvorak lodz"},
		{"Øre Straße Æsir Œuvre", "ore strasse aesir oeuvre"},
		{"İstanbul ÇAĞLAR", "istanbul caglar"},
		{"e\u0301 already decomposed", "e already decomposed"},
		{"non\u00a0breaking\u2009thin", "non breaking thin"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"wait…", "wait..."},
		{"ﬁnal ﬂow", "final flow"},
		{"Ελληνικά Русский", "ελληνικα русскии"},
		{"ABC\xffdef", "abc\ufffddef"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFoldIdempotent: folding twice changes nothing, so folded keys can be
// folded again safely.
func TestFoldIdempotent(t *testing.T) {
	for _, s := range []string{"Café “Noël” — Straße", "ABC", "Łódź…", "I’m"} {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(Fold(%q)) = %q, want %q", s, twice, once)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, World!", []string{"hello", "world"}},
		{"I’m sure it's Zoë's", []string{"im", "sure", "its", "zoes"}},
		{"“Quoted” — dash-joined 2.5%", []string{"quoted", "dash", "joined", "2", "5"}},
		{"'single quoted'", []string{"single", "quoted"}},
		{"teachers' pay", []string{"teachers", "pay"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// benchBody is a news-like text of about 40 KB with abbreviations, quotes
// and numbers, so the benchmarks exercise the slow paths too.
var benchBody = strings.Repeat("Mr. Ash told the State Assembly on Feb. 7 that profits hit $2.41bn. "+
	"“We will win,” he said. “Really?” she asked. Growth was 2.5% at 3.30pm, the report by J. K. Rowling said… "+
	"The Café Élysée closed.\n", 200)

func BenchmarkSentences(b *testing.B) {
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		Sentences(benchBody)
	}
}

func BenchmarkFoldASCII(b *testing.B) {
	s := "The specifics of the backstop are still under discussion, but I am very clear on the principles."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Fold(s)
	}
}

func BenchmarkFoldUnicode(b *testing.B) {
	s := "“The specifics of the backstop are still under discussion, but I’m very clear,” said Zoë Brontë."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Fold(s)
	}
}
