package people

import (
	_ "embed"
	"strings"
)

// placesFile lists countries, US states and Canadian provinces (see the
// file's header); TestPlaces checks its form.
//
//go:embed words/places.txt
var placesFile string

// places are the folded names of placesFile: never a person's name.
var places = readPlaces(placesFile)

// placeStarts are the first words of places, so that a name's check
// against places costs a map lookup unless its first word could begin one.
var placeStarts = func() map[string]bool {
	out := map[string]bool{}
	for p := range places {
		out[strings.Fields(p)[0]] = true
	}
	return out
}()

func readPlaces(file string) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(file, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if p := strings.Join(strings.Fields(line), " "); p != "" {
			out[p] = true
		}
	}
	return out
}

// IsPlace reports whether a name (any case) is a country, a US state or a
// Canadian province: never a person.
func IsPlace(name string) bool {
	return places[strings.ToLower(strings.Join(strings.Fields(name), " "))]
}
