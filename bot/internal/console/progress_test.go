package console

import (
	"io"
	"strings"
	"testing"
	"time"

	"newsbot/bot/internal/progress"
	"newsbot/bot/internal/testlog"
	"newsbot/commands"
	"newsbot/data/corpus"
	"newsbot/data/corpus/corpustest"
)

func TestConsoleProgressBar(t *testing.T) {
	tests := []struct {
		name     string
		typeLine bool // the user types before the load ends
		want     []string
		notWant  []string
	}{
		{"load ends first", false,
			[]string{"Ctrl-D quits.\nLoading [", "] 40/100 articles · 20/s · 3s left\n> ", "\0337\033[1A\r\033[KLoading [",
				"\0337\033[1A\r\033[KAll articles loaded: 2 articles, 3 quotations.\0338"}, nil},
		{"typing stops the bar", true,
			[]string{"Loading [", "\n> Loaded articles (2)"}, []string{"All articles loaded"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &testlog.Buffer{}
			store := corpus.NewStore(corpustest.Small(t, 0))
			store.SetLoading(true)
			router := commands.New(commands.WithCorpora(commands.StoreCorpora(store)))
			loaded := make(chan struct{})
			stats := func() progress.Stats { return progress.Stats{Done: 40, Total: 100, Rate: 20, Left: 3 * time.Second} }
			inR, inW := io.Pipe()
			done := make(chan error, 1)
			go func() {
				done <- Run(t.Context(), Options{Interactive: true, Progress: stats}, router, store, loaded, inR, out)
			}()
			waitOutput(t, out, "40/100 articles")
			if tt.typeLine {
				io.WriteString(inW, "/articles\n")
				waitOutput(t, out, "Loaded articles (2)")
				// The bar is not redrawn after the answer.
				n := strings.Count(out.String(), "Loading [")
				time.Sleep(3 * barEvery)
				if m := strings.Count(out.String(), "Loading ["); m != n {
					t.Errorf("bar redrawn %d more times after the user typed", m-n)
				}
			} else {
				waitOutput(t, out, "\0337\033[1A\r\033[KLoading [") // a redraw
				store.SetLoading(false)
				close(loaded)
				waitOutput(t, out, "All articles loaded")
			}
			inW.Close()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			s := out.String()
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("output lacks %q:\n%q", w, s)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(s, w) {
					t.Errorf("output has %q:\n%q", w, s)
				}
			}
		})
	}
}

func waitOutput(t *testing.T, out *testlog.Buffer, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("output never showed %q:\n%q", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}
