package people

import "strings"

// The word lists below are written from general knowledge of English news
// style, not taken from any evaluation data.

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// maleFirst and femaleFirst are common given names, used as one cue among
// several for a person's gender and for telling names from other capitalised
// words.
var maleFirst = set(`aaron dudley riley alain alessandro allen amit anders andrei andres angus anil arjun callum chester ciaran cillian clive dafydd darnell darragh declan demetrius deshawn dieter dmitri dwayne eoin fergus francesco francois gareth giovanni hamid hans helmut hiroshi hussein ibrahim jacques jamal jamar jean jermaine jurgen kareem karim kenji khalid klaus krzysztof lamar lars leroy lorenzo luca malik marek marquis mats matteo mikhail mustafa niall nikolai nils oisin olaf oleg paolo patrice pavel pawel piotr rahul raj rajesh rashid ravi reggie rhys rupert samir sanjay seamus suresh sven takeshi tariq terrell tomasz tyrone vijay viktor wojciech wolfgang yuri yusuf abdul adam adrian ahmed aidan alan albert alberto alec alejandro alex alexander alexandre alexei alfred ali allan alvin amir andre andreas andrew andy angelo anthony antoine antonio archie arnold arthur austin barack barry ben benjamin benoit bernard bernie bill billy blake bob bobby boris brad bradley brandon brendan brent brett brian bruce bryan byron calvin cameron carl carlos cecil cedric chad charles charlie chris christian christopher chuck clarence claude clayton clifford clint colin connor conrad corey craig curtis dale dan daniel danny darren dave david dean dennis denis derek desmond dick diego dimitri dominic don donald doug douglas duncan dustin dwight dylan earl ed eddie edgar edmund eduardo edward edwin elijah elliot elon emmanuel enrique eric erik ernest ethan eugene evan fernando francis francisco frank franklin fred frederick gabriel gary gavin geoff geoffrey george gerald gerard gilbert giuseppe glen glenn gordon graham grant greg gregory guy hamish hank harold harry harvey hassan hector henry herbert howard hugh hugo ian igor isaac ivan jack jacob jake james jamie jared jason javier jay jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel johan john johnny jon jonathan jordan jorge jose joseph josh joshua juan julian justin karl keir keith kelvin ken kenneth kevin kieran kirk kurt kyle lance larry lawrence lee leo leon leonard lewis liam lloyd logan louis luc lucas luis luke malcolm manuel marc marco marcus mario mark martin marty marvin mathieu matt matthew maurice max maxime michael michel miguel mike mitch mitchell mohamed mohammad mohammed morgan moses muhammad murray nathan neil nelson nicholas nick nigel noah norman oliver omar oscar owen pablo patrick paul pedro perry pete peter phil philip philippe pierre rafael ralph randy raul ray raymond reagan reginald rex ricardo richard rick ricky rob robert roberto rod rodney roger roland ron ronald ross roy rudy russell ryan sam samuel scott sean sebastian sergei sergio seth shane shaun shawn sidney simon spencer stan stanley stefan stephen steve steven stewart stuart ted terry theodore thomas tim timothy toby todd tom tommy tony travis trevor troy tyler vernon victor vincent vladimir walter warren wayne wesley will william willie xavier yves zach zachary`)

var femaleFirst = set(`abigail aaliyah agnieszka akiko alessandra amina anastasia anjali annika aoife astrid beatriz chiara ciara ebony ekaterina ewa francesca giulia heike helga imani irina juliette karin katarzyna kavita keiko keisha kirsty lakshmi latoya layla leila lucia magdalena malgorzata manon marina marta maryam meera monique morag neha niamh noor olga orla petra pilar pooja raquel sabine saoirse shanice shona siobhan sunita svetlana sylvie tamika tammy tatiana ursula valentina yasmin yuko yulia yumi zainab ada adele adriana agnes aisha alexandra alexis alice alicia alison allison amanda amber amelia amy ana andrea angela angelina angie anita ann anna anne annette annie april ashley audrey barbara beatrice becky belinda beth betty beverly bonnie brenda bridget brittany caitlin camille candice cara carla carmen carol caroline carolyn catherine cathy cecilia celine charlotte chelsea cheryl chloe christina christine cindy claire clara claudia colleen connie courtney cynthia daisy dana danielle daphne darlene dawn deborah debbie debra denise diana diane dolores donna doris dorothy edith eileen elaine eleanor elena elisabeth eliza elizabeth ella ellen elsa emily emma erica erin esther eva evelyn fatima fiona florence frances gabrielle gail gemma georgia geraldine gillian gina gloria grace gwen hannah harriet hayley heather heidi helen helena hilary hillary holly ingrid irene iris isabel isabella isabelle jackie jacqueline jade jane janet janice jasmine jean jeanne jennifer jenny jessica jill jo joan joanna joanne jocelyn jodie josephine joy joyce judith judy julia julie juliet june justine karen kate katherine kathleen kathryn kathy katie kay kayla kelly kim kimberly kirsten kristen kristin laura lauren leah leslie lily linda lindsay lisa liz lois lori lorraine louise lucy lydia lynn madeleine maggie mandy margaret maria marie marilyn marion marjorie martha mary maureen maxine megan melanie melinda melissa meredith mia michelle mildred miranda molly monica nadia nancy naomi natalie natasha nathalie nicole nina nora olivia pamela patricia paula pauline peggy penelope penny phyllis priya rachel rebecca regina renee rita roberta rosa rose rosemary ruth sabrina sally samantha sandra sara sarah sharon sheila shelby shirley silvia simone sofia sonia sophia sophie stacy stella stephanie sue susan suzanne sylvia tamara tanya tara teresa theresa tina tracy valerie vanessa vera veronica victoria virginia vivian wanda wendy whitney yvonne zoe`)

// maleHonorific and femaleHonorific are titles that tell a gender.
var maleHonorific = set(`mr mister sir lord king prince duke earl baron father brother monsieur herr señor senor congressman chairman spokesman councilman businessman sheikh`)
var femaleHonorific = set(`mrs ms miss madam lady dame queen princess duchess countess baroness sister madame mme frau señora senora congresswoman chairwoman spokeswoman councilwoman businesswoman`)

// keepTitle are titles kept in a canonical name when the article gives no
// first name ("Lord Mandelson", "Pope Francis").
var keepTitle = set(`lord lady sir dame king queen prince princess pope duke duchess earl baroness baron sheikh`)

// titleWords are words that stand before a name as a title or office
// ("Prime Minister Keir Starmer", "Dr. Jane Doe", "Health Minister X").
var titleWords = set(`mr mrs ms miss mister mx dr prof professor sir dame lord lady rev reverend father rabbi imam bishop archbishop cardinal pope king queen prince princess duke duchess earl baron baroness sheikh
president vice-president vp premier chancellor minister secretary ambassador senator sen representative rep congressman congresswoman governor gov lt mayor deputy councillor councilor coun councilman councilwoman alderman commissioner chief inspector insp superintendent supt sergeant sgt constable const cst officer detective det captain capt lieutenant colonel col general gen admiral adm major maj corporal cpl private pte commander cmdr judge justice magistrate attorney solicitor speaker leader mp mpp mla mep ceo cfo coo cto chairman chairwoman chair chairperson director manager coach trustee sheriff marshal dean rector editor spokesman spokeswoman spokesperson founder treasurer ombudsman auditor registrar president-elect hon honourable honorable congressmember delegate envoy attorney-general pres senators professors representatives governors presidents ministers`)

// roleNouns are lower-case nouns that name a person by role ("the mayor",
// "a spokesperson"); used to tell a person's description from other phrases.
// Occupations that are common surnames (baker, carpenter, miner) are left
// out: "Stacy Baker of Eastfield" is a name, not an office.
var roleNouns = set(`mayor minister premier scientist physician surgeon psychologist psychiatrist sociologist lecturer organizer organiser coach protester protestor president chancellor secretary ambassador senator governor councillor councilor commissioner chief inspector officer detective captain lieutenant judge justice lawyer attorney spokesman spokeswoman spokesperson leader director manager coach chairman chairwoman chair ceo founder owner professor teacher student doctor nurse scientist researcher economist analyst expert official officer agent candidate leader member mp mpp mla councilman councilwoman trustee sheriff head president-elect executive author writer reporter editor columnist activist advocate organizer organiser resident father mother son daughter wife husband brother sister friend neighbour neighbor victim witness survivor player striker forward goalkeeper defender midfielder pitcher quarterback veteran driver pilot worker employee farmer owner partner founder co-founder singer actor actress star artist director producer politician diplomat envoy negotiator prosecutor crown defendant accused plaintiff suspect chef pastor priest bishop rabbi imam historian strategist consultant adviser advisor aide deputy critic mom dad boss host fisherman plumber electrician rancher shopkeeper vendor firefighter paramedic soldier accountant landlord homeowner grandmother grandfather commentator pollster blogger magnate dissident anchor correspondent moderator contestant comedian entrepreneur investor billionaire philanthropist novelist poet playwright filmmaker designer architect engineer surveyor pundit operative lobbyist fundraiser donor supporter`)

// orgWords mark a capitalised run as an organisation or place, not a person.
var orgWords = set(`show file magazine weekly corps studies pac studios brothers survey census act awards foods pharma pharmaceuticals holdings industries technologies systems partners enterprises laboratories labs security affairs safety protection development transport transportation education environment immigration commerce interior university college school institute institution academy association society council committee commission agency authority board bureau department ministry office party government parliament senate congress house court tribunal police service services force forces army navy company corporation corp inc ltd llc plc group bank fund foundation trust union league federation club team news press times post star globe mail journal herald tribune gazette radio television tv network media hospital clinic centre center city county province state republic kingdom canada america street avenue road highway bridge river lake park station airport church heights square mall plaza tower towers hall arena stadium field gardens village beach bay harbour harbor port falls hills springs creek islands pines grove woods forest lane drive boulevard crescent mosque temple museum library capital island valley mountain region district north south east west northern southern eastern western national international federal provincial municipal royal united nations world airlines airways motors energy oil health justice finance defence defense treasury customs revenue labour labor reserve exchange market markets index organization organisation project program programme initiative campaign alliance coalition network institute chamber council zoo aquarium prison jail cathedral`)

// notNames are capitalised words that start sentences or name times and
// never begin or end a person's name.
var notNames = set(`the a an and but or nor so yet for if when while after before as at by in on of to from with without into onto over under about above below since until though although because this that these those there here then than it its it's he she his her him they them their we our us you your i my me who whom whose what which where why how all some many most more any each every both no not none one two three four five six seven eight nine ten first second third last next new old former late just only also even still already however meanwhile instead according asked said says told added says photo video watch read listen story update updated breaking editor note related advertisement monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow whereas whatever well see top senior mr mrs ms dr prof sir lord lady god christmas easter ok okay yes no is are was were do does did has have had can could will would should might must shall let please thank thanks`)

// surnameWords are words kept out of names (notNames) that are also
// surnames after a given name ("Owen Read", "Amy Will").
var surnameWords = set(`will read post story`)

// partyWords name a person by party or leaning ("Republicans Roe and
// Doe"); their plurals never begin a name.
var partyWords = set(`republican democrat conservative liberal libertarian socialist progressive independent tory`)

// titleAbbrevs spell out the abbreviated titles of titleWords, for roles
// ("Sen." → "Senator").
var titleAbbrevs = map[string]string{"sen": "Senator", "rep": "Representative", "gov": "Governor", "lt": "Lieutenant",
	"gen": "General", "col": "Colonel", "capt": "Captain", "sgt": "Sergeant", "supt": "Superintendent", "insp": "Inspector",
	"det": "Detective", "cmdr": "Commander", "adm": "Admiral", "maj": "Major", "cpl": "Corporal", "pres": "President",
	"pte": "Private", "cst": "Constable", "const": "Constable", "coun": "Councillor", "prof": "Professor", "vp": "Vice-President"}

// nameMonths are months that are also surnames (Helena May).
var nameMonths = set(`may june april august`)

// sentenceStarters are capitalised sentence openers that are no names.
var sentenceStarters = set(`unlike despite during among amid against within without beyond besides like
following including regarding whether perhaps meanwhile nevertheless nonetheless furthermore moreover
instead otherwise also many most several other others another such both either neither every each
asked told speaking writing earlier later overall still yet now often sometimes`)

// particles may stand inside a name in lower case ("Ludwig van Beethoven").
var particles = set(`de da di del della van von der den du le la bin ibn al el dos das st. st`)

// Pronouns with the gender they tell.
var malePronouns = set(`he him his himself`)
var femalePronouns = set(`she her hers herself`)
