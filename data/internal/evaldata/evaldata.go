// Package evaldata locates the project's evaluation data for tests: the
// folder ../shared/eval beside the module root. The data is not part of the
// repository, so tests that need it skip when it is absent.
package evaldata

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the evaluation folder (../shared/eval from the module root,
// found by walking up from the working directory to go.mod), or "" when it
// is not there.
func Dir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	eval := filepath.Join(dir, "..", "shared", "eval")
	if _, err := os.Stat(eval); err != nil {
		return ""
	}
	return eval
}

// Require returns the path of rel inside the evaluation folder ("" for the
// folder itself), and skips t when it is absent.
func Require(t testing.TB, rel string) string {
	t.Helper()
	dir := Dir()
	if dir == "" {
		t.Skip("evaluation data (../shared/eval beside the module) is absent")
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("evaluation data %s is absent: %v", p, err)
	}
	return p
}
