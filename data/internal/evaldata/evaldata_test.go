package evaldata

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirFindsSharedBesideModuleRoot(t *testing.T) {
	root := t.TempDir()
	mod := filepath.Join(root, "main")
	deep := filepath.Join(mod, "data", "pkg")
	for _, d := range []string{deep, filepath.Join(root, "shared", "eval")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(deep)
	if got, want := Dir(), filepath.Join(root, "shared", "eval"); got != want {
		t.Fatalf("Dir() = %q, want %q", got, want)
	}
	if err := os.RemoveAll(filepath.Join(root, "shared")); err != nil {
		t.Fatal(err)
	}
	if got := Dir(); got != "" {
		t.Fatalf("Dir() = %q with the data absent, want \"\"", got)
	}
}
