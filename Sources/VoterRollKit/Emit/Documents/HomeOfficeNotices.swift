/// Notices to the offices where in-migrants' hukou is (谁登记、谁告知): every in-migrant added
/// to this roll from another county, so that their home office takes them off its roll and no
/// one is registered twice.
///
/// "Another county" is told by the ID number's region code against this township's county,
/// which is the county most of the register's kept voters' ID numbers name; a notice is grouped
/// by the moved-in list's 户籍地 when it has one, else by the county the ID number names.
/// Writes `notices.csv` and `notices/<户籍地>.html` (one A4 page per home office, with ID
/// numbers: 0600, for the office only).
final class HomeOfficeNotices {
    struct Person {
        var name: String
        var idNumber: String
        var region: Int
        var gender: String
        var birthDate: String
        var hukouPlace: String
        var certificateNumber: String
        var constituency: String
    }

    private var people: [Person] = []
    /// Kept register voters per ID region code, to tell this township's county.
    private var regions: [Int: Int] = [:]

    static let fileName = "notices.csv"
    static let folder = "notices"
    static let header = ["户籍地", "姓名", "公民身份号码", "性别", "出生日期", "选民资格证明编号", "登记选区"]

    /// Notes a kept person: a register voter counts for the county, an in-migrant is noted.
    func add(_ person: PersonRecord) {
        guard let id = person.id else { return }
        guard let facts = person.inMigrant else {
            regions[id.region.value, default: 0] += 1
            return
        }
        let county = RegionCode(value: id.region.value)?.name ?? id.region.description
        people.append(
            Person(
                name: person.rollName, idNumber: id.canonical, region: id.region.value,
                gender: id.gender.label, birthDate: id.birthDate.iso8601, hukouPlace: facts.hukouPlace.isEmpty ? county : facts.hukouPlace,
                certificateNumber: facts.certificateNumber, constituency: person.constituency))
    }

    /// Writes notices.csv and one page per home office into `directory`; nil when no one came
    /// from another county.
    func write(directory: String, calendar: ElectionCalendar, encoding: OutputEncoding) throws(OutputError) -> DocumentsWritten? {
        let home = regions.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        let incoming = people.filter { $0.region != home }.sorted { ($0.hukouPlace, $0.idNumber) < ($1.hukouPlace, $1.idNumber) }
        people = []
        guard !incoming.isEmpty else { return nil }
        return try DocumentFiles.write(
            directory: directory, file: Self.fileName, header: Self.header,
            rows: incoming.map { [$0.hukouPlace, $0.name, $0.idNumber, $0.gender, $0.birthDate, $0.certificateNumber, $0.constituency] },
            folder: Self.folder,
            pages: Set(incoming.map(\.hukouPlace)).sorted().map { place in
                (place, Self.page(place: place, people: incoming.filter { $0.hukouPlace == place }, calendar: calendar))
            },
            people: incoming.count, encoding: encoding)
    }

    static func page(place: String, people: [Person], calendar: ElectionCalendar) -> String {
        let day = ElectionCalendar.chinese(calendar.electionDay)
        var html = DocumentFiles.head(
            title: "选民登记告知函（\(place)）",
            style: """
                @page { size: A4 portrait; margin: 22mm 18mm; }
                html { background: #e8e8e8; }
                body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 12pt; color: #000;
                  background: #fff; width: 174mm; margin: 8mm auto; padding: 16mm 18mm; box-shadow: 0 1px 6px rgba(0,0,0,.25); line-height: 1.8; }
                h1 { text-align: center; font-size: 18pt; letter-spacing: 0.15em; margin: 0 0 6mm; }
                p { margin: 0 0 3mm; }
                p.body { text-indent: 2em; }
                table { width: 100%; border-collapse: collapse; margin: 4mm 0; font-size: 11pt; }
                thead { display: table-header-group; }
                tr { break-inside: avoid; }
                th, td { border: 0.6pt solid #000; padding: 1mm 2mm; }
                th { background: #f0f0f0; }
                .sign { text-align: right; margin-top: 10mm; }
                @media print { html { background: none; } body { width: auto; margin: 0; padding: 0; box-shadow: none; } th { background: none; } }
                """)
        html += """
            <h1>选民登记告知函</h1>
            <p>\(HTMLText.escape(place))选举委员会：</p>
            <p class="body">下列户籍在你处的 \(people.count) 名选民，已持选民资格证明在我处登记，参加 \(day) 举行的选举。\
            请在你处选民名单中予以注销，避免重复登记。</p>
            <table>
            <thead><tr><th>序号</th><th>姓名</th><th>公民身份号码</th><th>性别</th><th>出生日期</th><th>选民资格证明编号</th><th>登记选区</th></tr></thead>
            <tbody>

            """
        for (index, person) in people.enumerated() {
            html += "<tr><td>\(index + 1)</td><td>\(HTMLText.escape(person.name))</td><td>\(person.idNumber)</td><td>\(person.gender)</td>"
            html += "<td>\(person.birthDate)</td><td>\(HTMLText.escape(person.certificateNumber))</td><td>\(HTMLText.escape(person.constituency))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n<p class=\"sign\">选举委员会（盖章）<br/>\(calendar.postingDay.map(ElectionCalendar.chinese) ?? "年　　月　　日")</p>\n</body>\n</html>\n"
        return html
    }
}
