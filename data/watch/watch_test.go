package watch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRun makes the changes people make to an article folder and checks
// that each is reported, once, after the burst.
func TestRun(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "2025", "march")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(sub, "a.txt"), "Title\nBody.")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan struct{}, 10)
	go Run(ctx, []string{root}, Options{Quiet: 100 * time.Millisecond}, func() { changes <- struct{}{} })
	time.Sleep(200 * time.Millisecond) // let the watches be set up

	expect := func(t *testing.T, want bool) {
		t.Helper()
		select {
		case <-changes:
			if !want {
				t.Fatal("a change was reported; want none")
			}
		case <-time.After(1 * time.Second):
			if want {
				t.Fatal("no change reported within a second")
			}
		}
		// One burst, one report.
		select {
		case <-changes:
			t.Fatal("one burst was reported twice")
		case <-time.After(300 * time.Millisecond):
		}
	}
	steps := []struct {
		name string
		do   func()
		want bool
	}{
		{"a new file in a sub-folder", func() { write(filepath.Join(sub, "b.txt"), "New\nText.") }, true},
		{"an editor's save by rename", func() {
			tmp := filepath.Join(sub, "a.txt.tmp123")
			write(tmp, "Title\nEdited body.")
			if err := os.Rename(tmp, filepath.Join(sub, "a.txt")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a burst of twenty files", func() {
			for i := range 20 {
				write(filepath.Join(sub, "burst"+string(rune('a'+i))+".md"), "# T\n\nB.")
			}
		}, true},
		{"a new folder, then a file in it", func() {
			dir := filepath.Join(root, "april")
			os.Mkdir(dir, 0o755)
			time.Sleep(250 * time.Millisecond) // the new folder's watch is set after the first burst
			<-changes
			write(filepath.Join(dir, "c.txt"), "April\nText.")
		}, true},
		{"only an editor's swap file", func() { write(filepath.Join(sub, ".a.txt.swp"), "x") }, false},
		{"a removed file", func() { os.Remove(filepath.Join(sub, "b.txt")) }, true},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do()
			expect(t, st.want)
		})
	}
}

// TestLoneFile: a watched file is seen when an editor replaces it, and its
// neighbours are not watched.
func TestLoneFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "one.txt")
	os.WriteFile(file, []byte("T\nB."), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan struct{}, 10)
	go Run(ctx, []string{file}, Options{Quiet: 100 * time.Millisecond}, func() { changes <- struct{}{} })
	time.Sleep(200 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "other.txt"), []byte("x"), 0o644)
	select {
	case <-changes:
		t.Fatal("a neighbour of the watched file was reported")
	case <-time.After(500 * time.Millisecond):
	}
	tmp := filepath.Join(dir, "one.txt.new")
	os.WriteFile(tmp, []byte("T\nB2."), 0o644)
	os.Rename(tmp, file)
	select {
	case <-changes:
	case <-time.After(time.Second):
		t.Fatal("replacing the watched file was not reported")
	}
}
