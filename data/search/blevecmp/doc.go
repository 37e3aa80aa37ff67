// Package blevecmp benchmarks newsbot's search index side by side with
// bleve (github.com/blevesearch/bleve/v2), Go's full-text engine with fuzzy
// queries, on the same synthetic corpora and the same perturbed queries:
// one search.Index, a search.Segmented of ten segments, and bleve.
// It is a module of its own so that bleve is no dependency of the bot:
//
//	cd data/search/blevecmp && go test -run '^$' -bench . -benchtime 200x
//
// BLEVECMP_1M=1 adds the million-quotation corpus (bleve takes minutes to
// index it).
package blevecmp
