package people

import "newsbot/data/text"

// Token is the shared token type of data/text (kept here as an alias so
// that callers of people's functions need not import text for it).
type Token = text.Token

// Tokenize is text.Tokenize.
func Tokenize(body string) []Token { return text.Tokenize(body) }
