/// Voter-qualification certificates (选民资格证明): a voter away whose moved-out list row says a
/// certificate is to be issued, and gives no number yet, registers where they live with one.
/// The run issues it, numbered in the store per election and person (`DocumentKind.certificate`,
/// `2026-0001`), so a reprint carries the same number.
///
/// Only people this roll leaves out for that reason alone (`migrant.registered-elsewhere` and no
/// other exclusion) get one: someone under 18 or deceased gets no certificate to vote anywhere.
/// Writes `certificates.csv` (0600, the register of certificates issued, with ID numbers) and
/// `certificates/<证明编号>.html`, one A4 certificate each.
final class VoterCertificates {
    struct Certificate {
        var idNumber: String
        var name: String
        var gender: String
        var birthDate: String
        /// The 选区 the person is registered in here.
        var constituency: String
        var residence: String
        var number = ""
    }

    private var people: [Certificate] = []
    private var seen: Set<String> = []

    static let fileName = "certificates.csv"
    static let folder = "certificates"
    static let header = ["证明编号", "姓名", "公民身份号码", "性别", "出生日期", "原登记选区", "现居住地", "开具日期"]

    /// Notes an excluded person: taken when the moved-out list gives them a certificate without
    /// a number and nothing else excludes them; once per ID number.
    func add(_ person: PersonRecord) {
        guard let away = person.away, away.certificate == .issued(number: ""), let id = person.id else { return }
        let exclusions = person.findings.filter { $0.code.action == .exclude }
        guard !exclusions.isEmpty, exclusions.allSatisfy({ $0.code == .migrantRegisteredElsewhere }) else { return }
        guard seen.insert(id.canonical).inserted else { return }
        people.append(
            Certificate(
                idNumber: id.canonical, name: person.rollName, gender: id.gender.label,
                birthDate: id.birthDate.iso8601, constituency: person.constituency, residence: away.residence))
    }

    /// How many certificates are due (for the report when they cannot be numbered).
    var due: Int { people.count }

    /// Numbers the certificates (`number`, in the register's order) and writes certificates.csv
    /// and one page each into `directory`, dated `calendar.asOf`; nil when none is due.
    func write(
        directory: String, committee: String, calendar: ElectionCalendar, encoding: OutputEncoding,
        number: ([DocumentHolder]) throws -> [String]
    ) throws -> DocumentsWritten? {
        var issued = people
        people = []
        guard !issued.isEmpty else { return nil }
        let numbers = try number(issued.map { DocumentHolder(idNumber: $0.idNumber, group: "") })
        for index in issued.indices { issued[index].number = numbers[index] }
        issued.sort { ($0.number.count, $0.number) < ($1.number.count, $1.number) }
        let dated = calendar.asOf.iso8601
        return try DocumentFiles.write(
            directory: directory, file: Self.fileName, header: Self.header,
            rows: issued.map { [$0.number, $0.name, $0.idNumber, $0.gender, $0.birthDate, $0.constituency, $0.residence, dated] },
            folder: Self.folder,
            pages: issued.map { ($0.number, CertificatePage(certificate: $0, committee: committee, calendar: calendar).render()) },
            people: issued.count, encoding: encoding)
    }
}

/// One certificate, A4: who the person is, where they are registered here, the election, and
/// the committee's line for its seal.
struct CertificatePage {
    let certificate: VoterCertificates.Certificate
    let committee: String
    let calendar: ElectionCalendar

    func render() -> String {
        let person = certificate
        let day = ElectionCalendar.chinese(calendar.electionDay)
        let born = CivilDate(person.birthDate).map(ElectionCalendar.chinese) ?? person.birthDate
        var html = DocumentFiles.head(
            title: "选民资格证明 \(person.number)",
            style: """
                @page { size: A4 portrait; margin: 25mm 22mm; }
                html { background: #e8e8e8; }
                body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 14pt; color: #000;
                  background: #fff; width: 166mm; min-height: 240mm; margin: 8mm auto; padding: 20mm 22mm; box-shadow: 0 1px 6px rgba(0,0,0,.25); line-height: 1.9; }
                h1 { text-align: center; font-size: 22pt; letter-spacing: 0.3em; margin: 0 0 2mm; }
                .no { text-align: right; font-size: 12pt; margin: 0 0 8mm; }
                table { width: 100%; border-collapse: collapse; margin: 0 0 8mm; }
                th, td { border: 0.6pt solid #000; padding: 2mm 3mm; text-align: left; font-weight: normal; }
                th { width: 8em; background: #f4f4f4; }
                td.id { font-family: "DejaVu Sans Mono", monospace; letter-spacing: 0.05em; }
                p { margin: 0 0 3mm; text-indent: 2em; }
                .sign { text-align: right; margin-top: 16mm; text-indent: 0; line-height: 2.4; }
                @media print { html { background: none; } body { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } th { background: none; } }
                """)
        html += """
            <h1>选民资格证明</h1>
            <p class="no">编号：\(HTMLText.escape(person.number))</p>
            <table>
            <tbody>

            """
        html += "<tr><th>姓名</th><td>\(HTMLText.escape(person.name))</td></tr>\n"
        html += "<tr><th>性别</th><td>\(HTMLText.escape(person.gender))</td></tr>\n"
        html += "<tr><th>出生日期</th><td>\(born)</td></tr>\n"
        html += "<tr><th>公民身份号码</th><td class=\"id\">\(person.idNumber)</td></tr>\n"
        html += "<tr><th>原登记选区</th><td>\(HTMLText.escape(person.constituency))（\(HTMLText.escape(committee))）</td></tr>\n"
        html += "<tr><th>现居住地</th><td>\(HTMLText.escape(person.residence))</td></tr>\n"
        html += "</tbody>\n</table>\n"
        html += "<p>兹证明该同志具有选民资格，已在本选区选民名单中注销，可持本证明在现居住地参加 \(day) 举行的县乡两级人民代表大会代表选举的选民登记。</p>\n"
        html += "<p>本证明仅用于本次选举，涂改无效。</p>\n"
        html += "<p class=\"sign\">\(HTMLText.escape(committee))（盖章）<br/>\(ElectionCalendar.chinese(calendar.asOf))</p>\n"
        html += "</body>\n</html>\n"
        return html
    }
}
