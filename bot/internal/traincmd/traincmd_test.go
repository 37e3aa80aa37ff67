package traincmd

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/bot/internal/cli"
	"newsbot/data/quotes"
)

// invented articles in the training format (GGT fields suffice)
const tiny = `{"id":"a1","text":"Ann Ortiz opened the hall. “We waited ten years,” Ortiz said. Tom Reyes nodded. “It was worth it,” he said.","quotes":[{"quote":"“We waited ten years,”","speaker":"Ann Ortiz","direct":true},{"quote":"“It was worth it,”","speaker":"Tom Reyes","direct":true}]}
{"id":"a2","text":"Lena Park met the board. “The plan is dead,” she said.","quotes":[{"quote":"“The plan is dead,”","speaker":"Lena Park","direct":true}]}
`

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "train.jsonl")
	if err := os.WriteFile(in, []byte(tiny), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "model.json")
	tests := []struct {
		name    string
		args    []string
		usage   bool
		wantErr string
		stdout  string
	}{
		{"no subcommand", nil, true, "", ""},
		{"unknown subcommand", []string{"speakers"}, true, "", ""},
		{"bad flag", []string{"attribution", "-x"}, true, "", ""},
		{"missing file", []string{"attribution", "-o", out, filepath.Join(dir, "nope.jsonl")}, false, "nope.jsonl", ""},
		{"trains and writes", []string{"attribution", "-o", out, in}, false, "", "wrote " + out},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var so, se bytes.Buffer
			err := Run(tc.args, &so, &se)
			switch {
			case tc.usage:
				if !errors.Is(err, cli.ErrUsage) || !strings.Contains(se.String(), "usage") {
					t.Errorf("err %v, stderr %q: want the usage", err, se.String())
				}
			case tc.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("err %v, want %q", err, tc.wantErr)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(so.String(), tc.stdout) {
					t.Errorf("stdout %q, want %q", so.String(), tc.stdout)
				}
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := quotes.ParseModel(b); err != nil {
					t.Errorf("the written model does not load: %v", err)
				}
			}
		})
	}
}
