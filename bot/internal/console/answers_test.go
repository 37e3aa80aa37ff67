package console

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/commands"
	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/corpus/corpustest"
	"newsbot/data/people"
)

// answersCorpus is an invented corpus for the answer-text golden files:
// speakers of every certainty, an organisation, two people who share a
// surname, an article with a poor title found by its content, photo
// captions that a summary must leave out, a long title ending in a full
// stop, and two quotations of the same words.
func answersCorpus(t *testing.T) *corpus.Corpus {
	t.Helper()
	marsh := people.Person{Name: "Jo Marsh", Aliases: []string{"Marsh"}, Role: "ferry operator", Mentions: 3}
	okafor := people.Person{Name: "Sam Okafor", Aliases: []string{"Okafor"}, Role: "harbour master", Mentions: 2}
	ferry := corpustest.Doc(t, article.Article{ID: "ferry-timetable", Title: "Ferry Timetable Changes in May",
		Date: "2025-04-02", Source: "Portby Gazette", URL: "https://gazette.example/ferry"},
		[]string{
			"Open this photo in gallery The morning ferry leaves Portby harbour. Lee Tran/Portby Gazette",
			"Jo Marsh, the ferry operator, announced the change. “The ferry will run every hour from the first of May.”",
			"“Passengers have waited long enough for a decent timetable,” she added.",
			"Marsh and Sam Okafor, the harbour master, spoke to reporters. “Nobody asked the fishermen what they thought of the plan.”",
			"“Tickets will cost the same as last year.”",
			"A report by the Harbour Trust found that “the harbour needs dredging before the summer season.”",
		}, []people.Person{marsh, okafor},
		[]corpustest.Quote{
			{Text: "The ferry will run every hour from the first of May.", Speaker: "Jo Marsh"},
			{Text: "Passengers have waited long enough for a decent timetable,", Speaker: "Jo Marsh"},
			{Text: "Nobody asked the fishermen what they thought of the plan.", Speaker: "Sam Okafor"},
			{Text: "Tickets will cost the same as last year.", Speaker: ""},
			{Text: "the harbour needs dredging before the summer season.", Speaker: "Harbour Trust"},
		})
	ferry.Quotes[1].Confidence = 0.7
	ferry.Quotes[2].Confidence, ferry.Quotes[2].Alternatives = 0.4, []string{"Jo Marsh"}
	ferry.Quotes[4].Confidence, ferry.Quotes[4].SpeakerKind = 0.95, "organisation"

	ada := people.Person{Name: "Ada Quill", Aliases: []string{"Quill"}, Role: "councillor", Mentions: 2}
	ben := people.Person{Name: "Ben Quill", Aliases: []string{"Quill"}, Mentions: 1}
	bees := corpustest.Doc(t, article.Article{ID: "article-5c4a", Title: "Article 5c4a", Date: "2025-03-20", Source: "Valley Post"},
		[]string{
			"Beekeepers in the valley lost half their hives to a cold spring.",
			"“The honey harvest will be the smallest in ten years,” said Ada Quill, a councillor who keeps bees.",
			"“We will need help from the county to get through the winter,” Quill said.",
		}, []people.Person{ada},
		[]corpustest.Quote{
			{Text: "The honey harvest will be the smallest in ten years,", Speaker: "Ada Quill"},
			{Text: "We will need help from the county to get through the winter,", Speaker: "Ada Quill"},
		})
	bakery := corpustest.Doc(t, article.Article{ID: "bakery-quay-street",
		Title: "A New Bakery Opens on Quay Street After Three Years of Planning Disputes With the Harbour Board and the County.",
		Date:  "2025-04-10", Source: "Portby Gazette"},
		[]string{
			"Ben Quill opened his bakery on Monday after three years of disputes.",
			"“Bread at dawn, every day, for everyone on the quay,” Quill said.",
			"The harbour board had objected to the smell of baking.",
		}, []people.Person{ben},
		[]corpustest.Quote{{Text: "Bread at dawn, every day, for everyone on the quay,", Speaker: "Ben Quill"}})
	twins := corpustest.Doc(t, article.Article{ID: "bridge-reopens", Title: "Bridge to Reopen", Date: "2025-02-01"},
		[]string{
			"“The old bridge will reopen in June,” Marsh said at the morning meeting.",
			"“The old bridge will reopen in June,” Okafor said at the evening meeting.",
		}, []people.Person{marsh, okafor},
		[]corpustest.Quote{{Text: "The old bridge will reopen in June,", Speaker: "Jo Marsh"}})
	second := strings.LastIndex(twins.Body, "The old bridge will reopen in June,")
	q := twins.Quotes[0]
	q.Speaker, q.Start, q.End = "Sam Okafor", second, second+len(q.Text)
	twins.Quotes = append(twins.Quotes, q)
	return corpus.New([]*corpus.Doc{ferry, bees, bakery, twins})
}

// TestAnswersGolden renders the answers that show doubt, choices and the
// other answer-text rules (testdata/answers.in) as the console prints
// them, against testdata/answers.txt.golden (-update rewrites it; check the
// diff).
func TestAnswersGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "answers.in"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runOn(t.Context(), Options{}, answersCorpus(t), bytes.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	golden(t, "answers.txt.golden", out.Bytes())
}

// TestStillLoadingInTerminal: a command typed in a terminal while a big
// folder is still loading, finding nothing, says how far the load is
// rather than "not found".
func TestStillLoadingInTerminal(t *testing.T) {
	c := answersCorpus(t)
	store := corpus.NewStore(c)
	store.SetLoading(true)
	for _, line := range []string{"/summary article: zebra crossing", "/who-said zebra crossing lights", "/quotes person: Zed Zebra", "/search text: zebra"} {
		t.Run(line, func(t *testing.T) {
			var out bytes.Buffer
			never := make(chan struct{})
			router := commands.New(commands.WithCorpora(commands.StoreCorpora(store)))
			if err := Run(t.Context(), Options{Interactive: true}, router, store, never, strings.NewReader(line+"\n"), &out); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if !strings.Contains(got, "Still loading: 4 articles so far") {
				t.Errorf("answer while loading:\n%s", got)
			}
			if strings.Count(got, "Still loading") != 1 {
				t.Errorf("the load is mentioned more than once:\n%s", got)
			}
		})
	}
}
