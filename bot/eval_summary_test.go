package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalSummary(t *testing.T) {
	file := filepath.Join("testdata", "eval_summary.jsonl")
	tests := []struct {
		name string
		args []string
		want []string // substrings of the output
	}{
		{"default length", []string{file}, []string{
			"2 articles, 3 sentences",
			"ours ",
			"Lead-3 ",
			// the first article's reference is its dataset lead3 verbatim,
			// the only article with a lead3 field
			"lead3 (dataset)   100.0  100.0  100.0",
		}},
		{"flag after file", []string{file, "--sentences", "2"}, []string{"2 articles, 2 sentences", "Lead-2 "}},
		{"reference length", []string{"--sentences", "ref", file}, []string{"2 articles, reference length", "Lead-ref "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if err := runEvalSummary(tc.args, &out, &errb); err != nil {
				t.Fatalf("runEvalSummary(%v): %v\nstderr: %s", tc.args, err, errb.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestEvalSummaryErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		usage bool // a usage error (already printed) rather than a failure
	}{
		{"no file", nil, true},
		{"zero sentences", []string{"--sentences", "0", "x.jsonl"}, true},
		{"too many sentences", []string{"--sentences", "11", "x.jsonl"}, true},
		{"not a number", []string{"--sentences", "three", "x.jsonl"}, true},
		{"unknown flag", []string{"--bogus", "x.jsonl"}, true},
		{"missing file", []string{filepath.Join("testdata", "no-such-file.jsonl")}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := runEvalSummary(tc.args, &out, &errb)
			if err == nil {
				t.Fatalf("runEvalSummary(%v) succeeded; want an error", tc.args)
			}
			if got := errors.Is(err, errUsage); got != tc.usage {
				t.Errorf("usage error = %v, want %v (err %v)", got, tc.usage, err)
			}
		})
	}
}
