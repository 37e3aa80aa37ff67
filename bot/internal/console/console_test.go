package console

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsbot/commands"
	"newsbot/data/corpus"
	"newsbot/data/corpus/corpustest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot/internal/console -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./bot/internal/console -run %s -update rewrites it after a deliberate change)\ngot:\n%s", path, t.Name(), got)
	}
}

// routerOn is the standard router answering from c.
func routerOn(c *corpus.Corpus) *commands.Router {
	return commands.New(commands.WithCorpora(commands.StoreCorpora(corpus.NewStore(c))))
}

// runOn runs the console over c, already loaded.
func runOn(ctx context.Context, opts Options, c *corpus.Corpus, in io.Reader, out io.Writer) error {
	return Run(ctx, opts, routerOn(c), corpus.NewStore(c), nil, in, out)
}

func TestConsoleGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "console.in"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		json   bool
		golden string
	}{
		{"text", false, "console.txt.golden"},
		{"json", true, "console.jsonl.golden"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := runOn(t.Context(), Options{JSON: tt.json}, corpustest.Small(t, 12), bytes.NewReader(in), &out)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, out.Bytes())
		})
	}
}

func TestConsoleJSONShape(t *testing.T) {
	var out bytes.Buffer
	input := "/who-said quote: security guarantees beyond a certain point\n/summary article: portby sentences: 1\n/nope\n"
	if err := runOn(t.Context(), Options{JSON: true}, corpustest.Small(t, 0), strings.NewReader(input), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines for 3 commands:\n%s", len(lines), out.String())
	}
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		for _, k := range []string{"command", "ok", "error", "results"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line lacks %q: %s", k, l)
			}
		}
		got = append(got, m)
	}
	who := got[0]["results"].([]any)[0].(map[string]any)
	if got[0]["command"] != "who-said" || got[0]["ok"] != true || who["speaker"] != "Donald Trump" || who["quote"] != corpustest.QuoteGuarantee ||
		who["article"] != "Keir Starmer Pushes for US Role in Ukraine" || who["score"] == nil {
		t.Errorf("who-said line: %v", got[0])
	}
	sum := got[1]["results"].([]any)[0].(map[string]any)
	if got[1]["command"] != "summary" || sum["article"] != "Portby Harbour Wall to Be Rebuilt" || len(sum["sentences"].([]any)) != 1 {
		t.Errorf("summary line: %v", got[1])
	}
	if got[2]["command"] != "nope" || got[2]["ok"] != false || got[2]["error"] == "" || len(got[2]["results"].([]any)) != 0 {
		t.Errorf("unknown command line: %v", got[2])
	}
}

func TestParseConsoleLine(t *testing.T) {
	r := commands.New()
	tests := []struct {
		line string
		name string
		opts map[string]string
	}{
		{"/who-said quote: security guarantees", "who-said", map[string]string{"quote": "security guarantees"}},
		{"/who-said security guarantees", "who-said", map[string]string{"quote": "security guarantees"}},
		{"/who-said quote: note: this has a colon", "who-said", map[string]string{"quote": "note: this has a colon"}},
		{"/summary article: starmer sentences: 2", "summary", map[string]string{"article": "starmer", "sentences": "2"}},
		{"/summary sentences:2 article:starmer", "summary", map[string]string{"article": "starmer", "sentences": "2"}},
		{"/summary Article: starmer", "summary", map[string]string{"article": "starmer"}},
		{"/quotes person: Starmer article: keir", "quotes", map[string]string{"person": "Starmer", "article": "keir"}},
		{"/quotes person:Starmer sentences: 2", "quotes", map[string]string{"person": "Starmer sentences: 2"}},
		{"/help", "help", map[string]string{}},
		{"/nope quote: x", "nope", map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			req, name := parseConsoleLine(r, tt.line)
			if name != tt.name || req.Name != tt.name {
				t.Errorf("name %q/%q, want %q", name, req.Name, tt.name)
			}
			if len(req.Options) != len(tt.opts) {
				t.Errorf("options %v, want %v", req.Options, tt.opts)
			}
			for k, v := range tt.opts {
				if req.Options[k] != v {
					t.Errorf("%s = %q, want %q", k, req.Options[k], v)
				}
			}
		})
	}
}

func TestConsoleInteractive(t *testing.T) {
	var out bytes.Buffer
	store := corpus.NewStore(corpustest.Small(t, 0))
	store.SetLoading(true) // an interactive console answers while loading
	router := commands.New(commands.WithCorpora(commands.StoreCorpora(store)))
	never := make(chan struct{}) // the load never finishes: an interactive console does not wait
	err := Run(t.Context(), Options{Interactive: true}, router, store, never, strings.NewReader("/articles\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"newsbot console: 2 articles, 3 quotations loaded (more loading)", "> Loaded articles (2)", "Still loading articles: 2 so far", "\n> \n"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

func TestIsTerminal(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Skipf("no %s: %v", os.DevNull, err)
	}
	defer null.Close()
	if IsTerminal(null) {
		t.Errorf("%s counts as a terminal; a container without -i would get the interactive console", os.DevNull)
	}
	f, err := os.CreateTemp(t.TempDir(), "in")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("a regular file counts as a terminal")
	}
	if IsTerminal(strings.NewReader("/help\n")) {
		t.Error("a reader that is not a file counts as a terminal")
	}
}

// TestConsoleLongLine is issue 10 item 8: one line over 1 MiB ended the
// whole script ("token too long") and later lines were never answered.
func TestConsoleLongLine(t *testing.T) {
	long := "/who-said quote: " + strings.Repeat("x", maxLine+10)
	for _, tt := range []struct {
		name  string
		input string
		want  []string // each answer's command and ok, in order
	}{
		{"middle", "/help\n" + long + "\n/articles\n", []string{"help true", "who-said false", "articles true"}},
		{"last without newline", "/help\n" + long, []string{"help true", "who-said false"}},
		{"exactly the limit", "/help\n/" + strings.Repeat("y", maxLine-1) + "\n/articles\r\n", []string{"help true", strings.Repeat("y", 100) + " false", "articles true"}},
		{"long comment", "# " + strings.Repeat("z", 2*maxLine) + "\n/help\n", []string{"help true"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := runOn(t.Context(), Options{JSON: true}, corpustest.Small(t, 0), strings.NewReader(tt.input), &out); err != nil {
				t.Fatalf("the script stopped: %v", err)
			}
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				var m struct {
					Command string `json:"command"`
					OK      bool   `json:"ok"`
					Error   string `json:"error"`
				}
				if err := json.Unmarshal([]byte(l), &m); err != nil {
					t.Fatalf("not JSON: %.200s", l)
				}
				if !m.OK && len(l) > 1000 {
					t.Errorf("the error answer echoes the long line (%d bytes)", len(l))
				}
				got = append(got, fmt.Sprintf("%.100s %v", m.Command, m.OK))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("answers %q, want %q", got, tt.want)
			}
		})
	}
}

// TestConsoleScriptWaitsForLoad: a script is answered only once the load
// has finished (the loader's Done channel, not polling), from every
// article; stopped before that, it answers nothing.
func TestConsoleScriptWaitsForLoad(t *testing.T) {
	store := corpus.NewStore(corpustest.Small(t, 0))
	store.SetLoading(true)
	router := commands.New(commands.WithCorpora(commands.StoreCorpora(store)))
	loaded := make(chan struct{})
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- Run(t.Context(), Options{JSON: true}, router, store, loaded, strings.NewReader("/articles\n"), &out)
	}()
	select {
	case err := <-done:
		t.Fatalf("answered before the load finished: %v %s", err, out.String())
	case <-time.After(50 * time.Millisecond):
	}
	store.Swap(corpustest.Small(t, 3))
	store.SetLoading(false)
	close(loaded)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"ok":true`) || strings.Count(out.String(), `"id"`) != 5 {
		t.Errorf("answer not from the loaded corpus: %s", out.String())
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	out.Reset()
	if err := Run(ctx, Options{JSON: true}, router, store, make(chan struct{}), strings.NewReader("/articles\n"), &out); err != nil || out.Len() != 0 {
		t.Errorf("stopped while loading: err %v, output %q", err, out.String())
	}
}
