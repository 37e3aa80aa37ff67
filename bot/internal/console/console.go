// Package console is newsbot without Discord: commands typed one per line
// (or piped in by a script) answered with the same responses the bot would
// post, as text or as one JSON object per line.
package console

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/internal/progress"
	"newsbot/commands"
	"newsbot/data/corpus"
)

// Options says how the console talks.
type Options struct {
	JSON        bool // one JSON object per command instead of text
	Interactive bool // a person at a terminal: banner and prompt
	Log         *slog.Logger
	// Progress, when set, is where the background load stands: an
	// interactive console started while articles load shows a progress
	// bar above its first prompt until the load ends or the user enters a
	// line (nil: no bar).
	Progress func() progress.Stats
	// Server, when set, is the collection the console acts in (see the
	// Server constant), with the operator's permissions: the moderator
	// commands (/article, /feed) work on it. Empty: the console is like a
	// direct message, where they are refused.
	Server string
	// Store says, in the banner, where what the console adds is kept
	// ("SQLite /path/newsbot.db"); empty: no store.
	Store string
	// Forgets says that the store is in memory only: the banner warns
	// that what is added is lost on exit.
	Forgets bool
}

// barEvery is how often the progress bar is redrawn.
const barEvery = 100 * time.Millisecond

// IsTerminal reports whether r is a terminal: a character device other than
// the null device (a container started without -i, or a service, has
// /dev/null as its input, which is a character device too).
func IsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}

// consoleLine is one --json answer.
type consoleLine struct {
	Command string `json:"command"`
	OK      bool   `json:"ok"`
	Error   string `json:"error"`
	Results []any  `json:"results"`
}

// maxLine bounds one console input line.
const maxLine = 1 << 20

// Run answers commands typed one per line, rendering the same responses
// the bot would post. The router answers from its own Corpora; store is
// only read for the banner, and loaded is closed when the load is done (a
// script waits for it, nil: already loaded). Run returns at end of input or
// when ctx ends.
func Run(ctx context.Context, opts Options, router *commands.Router, store *corpus.Store, loaded <-chan struct{}, stdin io.Reader, stdout io.Writer) error {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.JSON {
		opts.Interactive = false // a prompt would break the JSON lines
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if opts.Interactive {
		banner(out, store, opts)
	} else if !waitLoaded(ctx, loaded) {
		// A script wants answers from every article it named: wait for
		// the load rather than answer from part of it.
		return nil
	}

	// The bar: on its own line above the first prompt, redrawn every
	// barEvery without moving the cursor from the prompt (so typing is
	// not disturbed), until the load is done (then it says so) or the
	// user enters a line (which moves the prompt away from under it).
	var tick <-chan time.Time
	var barDone <-chan struct{}
	if opts.Interactive && opts.Progress != nil && store.Loading() && loaded != nil {
		t := time.NewTicker(barEvery)
		defer t.Stop()
		tick, barDone = t.C, loaded
		fmt.Fprint(out, barText(opts.Progress())+"\n")
	}
	if opts.Interactive {
		fmt.Fprint(out, "> ")
	}
	out.Flush()
	stopBar := func() { tick, barDone = nil, nil }

	lines := make(chan inputLine)
	readErr := make(chan error, 1)
	go readLines(ctx, stdin, lines, readErr)
	for {
		var in inputLine
		var ok bool
		select {
		case <-ctx.Done():
			return nil
		case <-tick:
			aboveCursor(out, barText(opts.Progress()))
			out.Flush()
			continue
		case <-barDone:
			stopBar()
			c := store.Current()
			aboveCursor(out, fmt.Sprintf("All articles loaded: %s, %s.", count(len(c.Docs), "article"), count(c.QuoteCount(), "quotation")))
			out.Flush()
			continue
		case in, ok = <-lines:
			// Enter moved the cursor off the bar's line: stop drawing.
			stopBar()
		}
		if !ok {
			if err := <-readErr; err != nil {
				return fmt.Errorf("read commands: %w", err)
			}
			if opts.Interactive {
				fmt.Fprintln(out)
			}
			return nil
		}
		answerLine(ctx, out, opts, router, in)
		if opts.Interactive {
			fmt.Fprint(out, "> ")
		}
		if err := out.Flush(); err != nil {
			return fmt.Errorf("write answers: %w", err)
		}
	}
}

// banner greets a person at a terminal with what is loaded and where what
// they add is kept.
func banner(out *bufio.Writer, store *corpus.Store, opts Options) {
	c := store.Current()
	fmt.Fprintf(out, "newsbot console: %s, %s loaded", count(len(c.Docs), "article"), count(c.QuoteCount(), "quotation"))
	if store.Loading() {
		fmt.Fprint(out, " (more loading)")
	}
	fmt.Fprint(out, ".\n")
	switch {
	case opts.Server == "":
	case opts.Forgets:
		fmt.Fprint(out, "Articles and feeds you add (/article add, /feed add) are kept in memory only, and lost when you quit: the store cannot be written.\n")
	case opts.Store != "":
		fmt.Fprintf(out, "Articles and feeds you add (/article add, /feed add) are kept in %s.\n", opts.Store)
	}
	fmt.Fprint(out, "Type /help, or try /who-said quote: security guarantees. Ctrl-D quits.\n")
	out.Flush()
}

// answerLine answers one input line (nothing for a blank line or a
// comment; an error for a line too long to run) and writes the answer.
func answerLine(ctx context.Context, out io.Writer, opts Options, router *commands.Router, in inputLine) {
	line := strings.TrimSpace(in.text)
	if line == "" || strings.HasPrefix(line, "#") {
		return
	}
	var name string
	var resp commands.Response
	if in.tooLong {
		name, resp = tooLongAnswer(line)
	} else {
		name, resp = consoleAnswerAs(ctx, router, line, opts.Log, opts.Server)
	}
	if opts.JSON {
		writeJSONLine(out, name, resp)
	} else {
		renderText(out, resp)
	}
}

// inputLine is one line of input; a line longer than maxLine is cut to
// its first maxLine bytes and marked tooLong.
type inputLine struct {
	text    string
	tooLong bool
}

// readLines sends stdin's lines to lines until end of input (then closes
// it after sending the read error, nil at a clean end, to errc) or until
// ctx ends. A line over maxLine does not stop the script: it is skipped
// to its end and sent marked tooLong, so that it gets an error answer and
// the lines after it are still answered.
func readLines(ctx context.Context, stdin io.Reader, lines chan<- inputLine, errc chan<- error) {
	br := bufio.NewReaderSize(stdin, 64*1024)
	for {
		in, err := readLine(br)
		if in.text != "" || in.tooLong || err == nil {
			select {
			case lines <- in:
			case <-ctx.Done():
				return
			}
		}
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			errc <- err
			close(lines)
			return
		}
	}
}

// readLine reads one line without its line ending, keeping at most
// maxLine bytes of it; err is io.EOF after the last line.
func readLine(br *bufio.Reader) (inputLine, error) {
	var buf []byte
	var in inputLine
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > maxLine {
			in.tooLong = true
			chunk = chunk[:max(0, maxLine-len(buf))]
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		in.text = strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r")
		return in, err
	}
}

// tooLongAnswer is the answer to a line longer than the console reads.
func tooLongAnswer(line string) (string, commands.Response) {
	name, _, _ := strings.Cut(strings.TrimPrefix(line, "/"), " ")
	if len(name) > 100 {
		name = name[:100]
	}
	msg := fmt.Sprintf("Line too long: over %d MiB; it was not run", maxLine>>20)
	return strings.ToValidUTF8(name, "\uFFFD"), commands.Response{Ephemeral: true, Err: msg, Failure: commands.BadInput, Content: msg + "."}
}

// barText is the loading bar's line.
func barText(s progress.Stats) string {
	if s.Total == 0 {
		return "Loading articles…"
	}
	return "Loading " + progress.Bar("articles", s, 30)
}

// aboveCursor replaces the line above the cursor with text and puts the
// cursor back where it was: ESC 7 saves the cursor, ESC [1A moves up a
// line, ESC [K clears it, ESC 8 restores the cursor.
func aboveCursor(w io.Writer, text string) {
	fmt.Fprint(w, "\0337\033[1A\r\033[K"+text+"\0338")
}

// count is "1 article", "2 articles".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// waitLoaded waits until loaded is closed (nil: nothing to wait for);
// false when ctx ended first.
func waitLoaded(ctx context.Context, loaded <-chan struct{}) bool {
	if loaded == nil {
		return ctx.Err() == nil
	}
	select {
	case <-ctx.Done():
		return false
	case <-loaded:
		return true
	}
}

// consoleAnswer parses and answers one line outside any server; name is
// the command's name as typed, without the slash.
func consoleAnswer(ctx context.Context, router *commands.Router, line string, log *slog.Logger) (string, commands.Response) {
	return consoleAnswerAs(ctx, router, line, log, "")
}

// consoleAnswerAs is consoleAnswer in server (none when ""), as its
// operator.
func consoleAnswerAs(ctx context.Context, router *commands.Router, line string, log *slog.Logger, server string) (string, commands.Response) {
	req, name := parseConsoleLine(router, line)
	if server != "" {
		req.GuildID, req.UserID, req.Permissions = server, User, operator
	}
	if !strings.HasPrefix(line, "/") {
		resp := commands.Response{Ephemeral: true, Err: "Commands start with /",
			Content: "Commands start with /, e.g. /who-said quote: security guarantees. Type /help for the list."}
		return name, resp
	}
	// The router logs the outcome (an Internal failure at error).
	resp, _ := router.Handle(commands.ContextWithLogger(ctx, log), req)
	return name, resp
}

// parseConsoleLine turns "/summary article: starmer sentences: 2" into a
// request. Only the command's own option names followed by a colon start an
// option, so a colon inside a quotation stays part of it; text before the
// first option goes to the first required one ("/who-said security
// guarantees"). A command with sub-commands takes the sub-command as its
// first word ("/feed add url: …"), and an attachment option names a local
// file ("/article add file: story.md").
func parseConsoleLine(router *commands.Router, line string) (commands.Request, string) {
	line = strings.TrimPrefix(line, "/")
	name, rest, _ := strings.Cut(line, " ")
	req := commands.Request{Kind: commands.KindCommand, Name: name, Options: map[string]string{}}
	cmd := router.Lookup(name)
	if cmd == nil {
		return req, name
	}
	defs := cmd.Def.Options
	if sub, after, ok := subcommand(defs, rest); ok {
		req.Subcommand, defs, rest = sub.Name, sub.Options, after
	}
	parseOptions(&req, defs, rest)
	for _, o := range defs {
		if v, given := req.Options[o.Name]; given && o.Type == discordgo.ApplicationCommandOptionAttachment {
			delete(req.Options, o.Name)
			if v != "" {
				if req.Attachments == nil {
					req.Attachments = map[string]commands.Attachment{}
				}
				req.Attachments[o.Name] = fileAttachment(v)
			}
		}
	}
	return req, name
}

// subcommand finds the sub-command named by rest's first word among defs
// and returns it with the rest of the line after it.
func subcommand(defs []*discordgo.ApplicationCommandOption, rest string) (*discordgo.ApplicationCommandOption, string, bool) {
	first, after, _ := strings.Cut(strings.TrimLeft(rest, " \t"), " ")
	for _, o := range defs {
		if o.Type == discordgo.ApplicationCommandOptionSubCommand && strings.EqualFold(o.Name, first) {
			return o, after, true
		}
	}
	return nil, rest, false
}

// parseOptions fills req.Options from rest, the line after the command's
// (and sub-command's) name, by the option definitions defs.
func parseOptions(req *commands.Request, defs []*discordgo.ApplicationCommandOption, rest string) {
	type mark struct {
		at, valueAt int
		name        string
	}
	var marks []mark
	for i := 0; i < len(rest); i++ {
		if i > 0 && rest[i-1] != ' ' && rest[i-1] != '\t' {
			continue
		}
		for _, o := range defs {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
				continue
			}
			// Compared in place, not in strings.ToLower(rest): lowering
			// can change a string's length in bytes ("\u212a" is "k",
			// an invalid byte becomes "\ufffd"), and offsets into the
			// lowered line then cut the real one out of range.
			if n := len(o.Name) + 1; n <= len(rest)-i && strings.EqualFold(rest[i:i+n], o.Name+":") {
				marks = append(marks, mark{i, i + len(o.Name) + 1, o.Name})
				break
			}
		}
	}
	lead := rest
	if len(marks) > 0 {
		lead = rest[:marks[0].at]
	}
	for k, m := range marks {
		end := len(rest)
		if k+1 < len(marks) {
			end = marks[k+1].at
		}
		req.Options[m.name] = strings.TrimSpace(rest[m.valueAt:end])
	}
	if lead = strings.TrimSpace(lead); lead != "" {
		for _, o := range defs {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
				continue
			}
			if _, given := req.Options[o.Name]; !given {
				req.Options[o.Name] = lead
				break
			}
		}
	}
}

func writeJSONLine(w io.Writer, name string, resp commands.Response) {
	l := consoleLine{Command: name, OK: resp.Err == "", Error: resp.Err, Results: resp.Results}
	if l.Results == nil {
		l.Results = []any{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		// A result that cannot be encoded (a NaN score) still gets its
		// line. Encoded rather than formatted with %q: Go quoting is not
		// JSON for control characters and invalid UTF-8 in the name.
		l = consoleLine{Command: name, Error: "encode: " + err.Error(), Results: []any{}}
		if err := enc.Encode(l); err != nil {
			fmt.Fprintln(w, `{"command":"","ok":false,"error":"encode failed","results":[]}`)
		}
	}
}

var (
	mdLink   = regexp.MustCompile(`\[([^\]]*)\]\((https?://[^)\s]+)\)`)
	mdItalic = regexp.MustCompile(`(^|[\s(“"])\*([^*\n]+)\*`)
)

// plainText turns the little Markdown the answers use into plain text.
func plainText(s string) string {
	s = mdLink.ReplaceAllString(s, "$1 <$2>")
	s = strings.ReplaceAll(s, "**", "")
	s = strings.ReplaceAll(s, "`", "")
	s = mdItalic.ReplaceAllString(s, "$1$2")
	return strings.ReplaceAll(s, "\u200b", "")
}

// renderText writes resp as plain text: the same answer the bot would post.
func renderText(w io.Writer, resp commands.Response) {
	if resp.Content != "" {
		fmt.Fprintln(w, plainText(resp.Content))
	}
	for _, e := range resp.Embeds {
		if e.Title != "" {
			title := plainText(e.Title)
			if e.URL != "" {
				title += " <" + e.URL + ">"
			}
			fmt.Fprintln(w, title)
		}
		if e.Description != "" {
			fmt.Fprintln(w, plainText(e.Description))
		}
		for _, f := range e.Fields {
			name, value := plainText(f.Name), plainText(f.Value)
			// A label ("Article") gets a colon; a heading that already
			// ends a sentence (an article title in /search) does not:
			// "…Peace.:" reads as a typo. A one-line value stays on the
			// label's line however long (the terminal wraps it), so a
			// long title never leaves "Article:" alone on a line.
			if !strings.ContainsAny(lastRune(name), ".:!?…") {
				name += ":"
			}
			if !strings.Contains(value, "\n") {
				fmt.Fprintf(w, "%s %s\n", name, value)
				continue
			}
			fmt.Fprintln(w, name)
			for _, l := range strings.Split(value, "\n") {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
		if e.Footer != nil && e.Footer.Text != "" {
			fmt.Fprintf(w, "-- %s\n", plainText(e.Footer.Text))
		}
	}
	fmt.Fprintln(w)
}

// lastRune is the last character of s, or "".
func lastRune(s string) string {
	r, n := utf8.DecodeLastRuneInString(s)
	if n == 0 {
		return ""
	}
	return string(r)
}
