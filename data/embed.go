// Package data holds newsbot's corpus: the default articles embedded in the
// binary, and (in its subpackages) the code that loads and analyses articles.
package data

import "embed"

// Articles is the default article set shipped inside the binary. Its root is
// the folder "articles"; use fs.Sub(Articles, "articles") for a flat view.
//
//go:embed articles
var Articles embed.FS
