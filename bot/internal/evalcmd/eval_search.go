package evalcmd

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"newsbot/bot/internal/cli"
	"newsbot/data"
	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/search/searcheval"
)

// defaultSearchEvalFiles are read when no file is given, if they exist.
var defaultSearchEvalFiles = []string{"../shared/eval/ggt-dev.jsonl", "../shared/eval/cnndm-dev.jsonl"}

// runEvalSearch measures /who-said retrieval: perturbed fragments of the
// quotations found in the embedded articles plus those of the given JSONL
// files (one article a line, with "text" and optionally "id" and "title"),
// and fragments that are in no quotation.
func runEvalSearch(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval search", flag.ContinueOnError)
	fl.SetOutput(stderr)
	seed := fl.Uint64("seed", 1, "random seed for the queries (same seed, same queries)")
	n := fl.Int("n", 300, "queries per kind")
	asJSON := fl.Bool("json", false, "print the report as JSON")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: newsbot eval search [--seed N] [--n N] [--json] [FILE.jsonl...]")
		fmt.Fprintln(stderr, "Measures who-said search on perturbed fragments of real quotations (default files: ../shared/eval/ggt-dev.jsonl and cnndm-dev.jsonl when present).")
		fmt.Fprintln(stderr, cli.EvalDataHint)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return cli.ParseError(err)
	}
	files := fl.Args()
	if len(files) == 0 {
		for _, f := range defaultSearchEvalFiles {
			if _, err := os.Stat(f); err == nil {
				files = append(files, f)
			}
		}
		if len(files) == 0 {
			fmt.Fprintln(stderr, "note: no evaluation files in ../shared/eval (run from the module root); measuring on the embedded articles only")
		}
	}
	arts, warns := article.LoadFS(data.Articles, "articles", article.Options{})
	for _, w := range warns {
		fmt.Fprintln(stderr, "warning:", w)
	}
	for _, f := range files {
		more, err := readJSONLArticles(f)
		if err != nil {
			return fmt.Errorf("eval search: %w", err)
		}
		arts = append(arts, more...)
	}
	c := corpus.Build(arts)
	rep, err := searcheval.Run(c, searcheval.Config{Seed: *seed, PerKind: *n})
	if err != nil {
		return fmt.Errorf("eval search: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("eval search: %w", err)
		}
		return nil
	}
	return rep.Write(stdout)
}

// readJSONLArticles reads one article per line: {"id", "title", "text"}.
// An article without a title is named after its file and line.
func readJSONLArticles(path string) ([]article.Article, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w (%s)", err, cli.EvalDataWhere)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var arts []article.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec struct {
			ID    string `json:"id"`
			Title string `json:"title"`
			Text  string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		id := rec.ID
		if id == "" {
			id = fmt.Sprintf("%s-%d", filepath.Base(path), line)
		}
		title := rec.Title
		if title == "" {
			title = id
		}
		arts = append(arts, article.Article{ID: id, Title: title, Body: rec.Text, Path: fmt.Sprintf("%s:%d", path, line)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return arts, nil
}
