/// Voters away (致外出选民的一封信): everyone on the roll whom the moved-out list names without a
/// voter certificate (`migrant.absent`) and who has appointed no proxy. They must come back
/// to vote, appoint a proxy, or get a certificate to vote where they live, and the office
/// writes to each of them.
///
/// Writes `absent.csv` (0600: phone numbers; 姓名, 选区, 选民小组, 现居住地, 联系电话 — the
/// moved-out list's phone, else the register's) and `letters/<选区>.html`, one A4 letter per
/// person with election day, the posting day and appeal deadline when known, and how to
/// appoint a proxy. Always in Chinese: the letters go to voters.
final class AbsentVoters {
    struct Voter {
        var id: ResidentID
        var name: String
        var constituency: String
        var voterGroup: String
        var residence: String
        var phone: String
    }

    private var voters: [Voter] = []

    static let fileName = "absent.csv"
    static let folder = "letters"
    static let header = ["姓名", "选区", "选民小组", "现居住地", "联系电话"]

    /// Notes a kept person; only a voter away without a certificate is taken.
    func add(_ person: PersonRecord) {
        guard let away = person.away, away.certificate == .none, let id = person.id else { return }
        voters.append(
            Voter(
                id: id, name: person.rollName, constituency: person.constituency,
                voterGroup: person.voterGroup, residence: away.residence, phone: away.phone.isEmpty ? person.rawPhone.trimmed : away.phone))
    }

    /// Writes absent.csv and the letters into `directory` (the staging folder), leaving out
    /// those who appointed a proxy (`principals`); nil when no one is away.
    func write(
        directory: String, principals: Set<ResidentID>, calendar: ElectionCalendar, encoding: OutputEncoding
    ) throws(OutputError) -> DocumentsWritten? {
        let people = voters.filter { !principals.contains($0.id) }
        voters = []
        guard !people.isEmpty else { return nil }
        var byConstituency: [String: [Voter]] = [:]
        for voter in people { byConstituency[voter.constituency, default: []].append(voter) }
        return try DocumentFiles.write(
            directory: directory, file: Self.fileName, header: Self.header,
            rows: people.map { [$0.name, $0.constituency, $0.voterGroup, $0.residence, $0.phone] }, folder: Self.folder,
            pages: byConstituency.keys.sorted().map { constituency in
                (constituency, LetterPage(calendar: calendar, constituency: constituency, voters: byConstituency[constituency] ?? []).render())
            },
            people: people.count, encoding: encoding)
    }
}

/// One constituency's letters to voters away, one A4 page each.
struct LetterPage {
    let calendar: ElectionCalendar
    let constituency: String
    let voters: [AbsentVoters.Voter]

    private func day(_ date: CivilDate) -> String { ElectionCalendar.chinese(date) }

    func render() -> String {
        var html = DocumentFiles.head(
            title: "\(constituency)致外出选民的一封信",
            style: """
                @page { size: A4 portrait; margin: 25mm 22mm; }
                html { background: #e8e8e8; }
                body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 14pt; color: #000; margin: 0; }
                .letter { background: #fff; width: 166mm; min-height: 240mm; margin: 8mm auto; padding: 20mm 22mm; box-shadow: 0 1px 6px rgba(0,0,0,.25); line-height: 1.9; }
                .letter + .letter { break-before: page; page-break-before: always; }
                h1 { text-align: center; font-size: 20pt; letter-spacing: 0.2em; margin: 0 0 8mm; }
                p { margin: 0 0 3mm; text-indent: 2em; }
                p.to { text-indent: 0; }
                .sign { text-align: right; margin-top: 12mm; text-indent: 0; }
                .contact { font-size: 11pt; color: #333; text-indent: 0; margin-top: 8mm; border-top: 0.5pt solid #999; padding-top: 2mm; }
                @media print { html { background: none; } .letter { margin: 0; box-shadow: none; width: auto; min-height: 0; padding: 0; } }
                """)
        for voter in voters {
            html += "<section class=\"letter\">\n<h1>致外出选民的一封信</h1>\n"
            html += "<p class=\"to\">\(HTMLText.escape(voter.name))同志：</p>\n"
            html += "<p>本次县乡两级人民代表大会代表选举定于 <strong>\(day(calendar.electionDay))</strong> 举行。"
            html += "您登记在\(HTMLText.escape(constituency.isEmpty ? "本" : constituency))"
            html += voter.voterGroup.isEmpty ? "" : HTMLText.escape(voter.voterGroup)
            html += "参加选举。</p>\n"
            if let posting = calendar.postingDay, let deadline = calendar.appealDeadline {
                html += "<p>选民名单已于 \(day(posting)) 公布。对名单有不同意见的，可于 \(day(deadline)) 前向选举委员会提出申诉。</p>\n"
            } else {
                html += "<p>选民名单将在选举日的二十日以前公布；对名单有不同意见的，可以在公布之日起五日内向选举委员会提出申诉。</p>\n"
            }
            let residence = voter.residence.isEmpty ? "" : "（现居住地：\(HTMLText.escape(voter.residence))）"
            html += "<p>您目前在外\(residence)。如选举日不能回来投票，可以书面委托本选区的其他选民代为投票："
            html += "填写委托书，经选举委员会同意后，由受托人持委托书代您投票。每一选民接受的委托不得超过三人。"
            html += "您也可以向选举委员会申请开具选民资格证明，在现居住地参加选举。</p>\n"
            html += "<p>请在选举日以前与选举委员会联系，说明您选择的投票方式。</p>\n"
            html += "<p class=\"sign\">选举委员会（盖章）<br/>\(calendar.postingDay.map(day) ?? "年　　月　　日")</p>\n"
            if !voter.phone.isEmpty {
                html += "<p class=\"contact\">登记的联系电话：\(HTMLText.escape(voter.phone))</p>\n"
            }
            html += "</section>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }
}
