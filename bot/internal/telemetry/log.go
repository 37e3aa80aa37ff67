package telemetry

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// Log formats accepted by NewLogger (LOG_FORMAT).
const (
	FormatText = "text" // key=value lines, for people (the default)
	FormatJSON = "json" // one JSON object a line, for log collectors
)

// ParseFormat checks a LOG_FORMAT value: "" or "text", or "json".
func ParseFormat(s string) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(s)); f {
	case "", FormatText:
		return FormatText, nil
	case FormatJSON:
		return FormatJSON, nil
	default:
		return "", fmt.Errorf("log format %q: want text or json", s)
	}
}

// NewLogger returns a logger writing to w in format (see ParseFormat) at
// level and above.
func NewLogger(w io.Writer, format string, level slog.Leveler) (*slog.Logger, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: level}
	if f == FormatJSON {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}
