/// Voter cards (选民证), where the township uses them (`--formats …,cards`): one card for every
/// voter on the roll, numbered in the store per election and person (`DocumentKind.card`), so
/// a card printed last week still matches after a rerun.
///
/// Writes `cards.csv` (0600: the register of cards, with ID numbers) and `cards/<选区>.html`:
/// A4 sheets of eight cards with cutting guides, each card with 选区, 选民小组, 姓名, 性别,
/// 选民证号, the election day and the committee — never the ID number, since a card is shown.
/// Cards are ordered by 选民小组, then number, the order they are handed out in.
final class VoterCards {
    struct Card {
        var idNumber: String
        var constituency: String
        var voterGroup: String
        var name: String
        var gender: String
        /// 出生年月, `YYYY-MM`.
        var birthMonth: String
        var number = ""
    }

    private var cards: [Card] = []

    static let fileName = "cards.csv"
    static let folder = "cards"
    static let header = ["选民证号", "选区", "选民小组", "姓名", "性别", "出生年月", "公民身份号码"]

    /// Notes a voter on the roll (everyone kept with a valid ID number).
    func add(_ person: PersonRecord) {
        guard let id = person.id else { return }
        cards.append(
            Card(
                idNumber: id.canonical, constituency: person.constituency, voterGroup: person.voterGroup,
                name: person.rollName, gender: id.gender.label,
                birthMonth: String(id.birthDate.iso8601.prefix(7))))
    }

    /// Numbers the cards (`number`, in the roll's order) and writes cards.csv and one page per
    /// constituency into `directory`; nil when the roll is empty.
    func write(
        directory: String, committee: String, calendar: ElectionCalendar, encoding: OutputEncoding,
        number: ([DocumentHolder]) throws -> [String]
    ) throws -> DocumentsWritten? {
        var people = cards
        cards = []
        guard !people.isEmpty else { return nil }
        let numbers = try number(people.map { DocumentHolder(idNumber: $0.idNumber, group: $0.constituency) })
        for index in people.indices { people[index].number = numbers[index] }
        // 选民小组 in the order the roll first names them (第一组 before 第二组, which their
        // characters would not give); numbers compared as numbers (9999 before 10000).
        var groups: [String: Int] = [:]
        for card in people where groups[card.voterGroup] == nil { groups[card.voterGroup] = groups.count }
        people.sort {
            ($0.constituency, groups[$0.voterGroup] ?? 0, $0.number.count, $0.number)
                < ($1.constituency, groups[$1.voterGroup] ?? 0, $1.number.count, $1.number)
        }
        var byConstituency: [(String, [Card])] = []
        for card in people {
            if byConstituency.last?.0 == card.constituency {
                byConstituency[byConstituency.count - 1].1.append(card)
            } else {
                byConstituency.append((card.constituency, [card]))
            }
        }
        return try DocumentFiles.write(
            directory: directory, file: Self.fileName, header: Self.header,
            rows: people.map { [$0.number, $0.constituency, $0.voterGroup, $0.name, $0.gender, $0.birthMonth, $0.idNumber] },
            folder: Self.folder,
            pages: byConstituency.map { constituency, cards in
                (constituency, CardSheet(constituency: constituency, cards: cards, committee: committee, calendar: calendar).render())
            },
            people: people.count, encoding: encoding)
    }
}

/// One constituency's voter cards, eight to an A4 sheet (two across, four down), each inside
/// dashed cutting guides.
struct CardSheet {
    let constituency: String
    let cards: [VoterCards.Card]
    let committee: String
    let calendar: ElectionCalendar

    static let perSheet = 8

    func render() -> String {
        let day = ElectionCalendar.chinese(calendar.electionDay)
        var html = DocumentFiles.head(
            title: "\(constituency)选民证",
            style: """
                @page { size: A4 portrait; margin: 10mm; }
                html { background: #e8e8e8; }
                body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; color: #000; margin: 0; }
                .sheet { background: #fff; width: 190mm; height: 277mm; margin: 8mm auto; box-shadow: 0 1px 6px rgba(0,0,0,.25);
                  display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: repeat(4, 1fr); }
                .sheet + .sheet { break-before: page; page-break-before: always; }
                .card { border: 0.4pt dashed #777; padding: 4mm 6mm; display: flex; flex-direction: column; font-size: 11pt; line-height: 1.5;
                  overflow: hidden; }
                .card h1 { font-size: 15pt; letter-spacing: 0.5em; text-align: center; margin: 0 0 1mm; }
                .card .no { text-align: right; font-size: 10pt; margin: 0 0 1mm; }
                .card .no span { font-family: "DejaVu Sans Mono", monospace; font-size: 11pt; }
                .card dl { display: grid; grid-template-columns: 5em 1fr; margin: 0; }
                .card dt { color: #333; }
                .card dd { margin: 0; border-bottom: 0.4pt solid #999; }
                .card .by { margin-top: auto; text-align: right; font-size: 10pt; }
                .card.blank { visibility: hidden; }
                @media print { html { background: none; } .sheet { margin: 0; box-shadow: none; } }
                """)
        var index = 0
        while index < cards.count {
            let page = cards[index..<min(index + Self.perSheet, cards.count)]
            html += "<section class=\"sheet\">\n"
            for card in page {
                html += "<div class=\"card\">\n<h1>选民证</h1>\n<p class=\"no\">选民证号 <span>\(HTMLText.escape(card.number))</span></p>\n<dl>\n"
                html += "<dt>选　　区</dt><dd>\(HTMLText.escape(card.constituency))</dd>\n"
                html += "<dt>选民小组</dt><dd>\(HTMLText.escape(card.voterGroup))</dd>\n"
                html += "<dt>姓　　名</dt><dd>\(HTMLText.escape(card.name))</dd>\n"
                html += "<dt>性　　别</dt><dd>\(HTMLText.escape(card.gender))</dd>\n"
                html += "<dt>选 举 日</dt><dd>\(day)</dd>\n</dl>\n"
                html += "<p class=\"by\">\(HTMLText.escape(committee))（盖章）</p>\n</div>\n"
            }
            for _ in page.count..<Self.perSheet { html += "<div class=\"card blank\"></div>\n" }
            html += "</section>\n"
            index += Self.perSheet
        }
        html += "</body>\n</html>\n"
        return html
    }
}
