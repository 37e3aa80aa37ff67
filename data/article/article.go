// Package article defines a news article and loads articles from files:
// .txt, .md (with optional YAML front matter) and .json.
package article

// Article is one loaded news article. Body is the plain text that every
// analysis works on; byte offsets elsewhere refer to it.
type Article struct {
	ID     string `json:"id"`     // stable, unique slug of the title
	Title  string `json:"title"`
	Body   string `json:"text"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Author string `json:"author,omitempty"`
	Path   string `json:"path"` // where it was loaded from ("defaults/…" for embedded ones)
}

// Warning names a file that was skipped and why.
type Warning struct {
	Path   string
	Reason string
}

func (w Warning) String() string { return w.Path + ": " + w.Reason }
