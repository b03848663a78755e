import Testing

@testable import VoterRollKit

/// How a document's number is printed, at the widths' boundaries.
@Suite struct DocumentNumberTests {
    @Test(arguments: [
        (DocumentKind.card, 1, "0001"), (.card, 999, "0999"), (.card, 9999, "9999"), (.card, 10000, "10000"),
        (.certificate, 1, "2026-0001"), (.certificate, 9999, "2026-9999"), (.certificate, 10000, "2026-10000"),
    ])
    func printed(kind: DocumentKind, sequence: Int, number: String) throws {
        let day = try #require(CivilDate("2026-05-20"))
        #expect(kind.number(sequence: sequence, electionDay: day) == number)
    }

    /// A list that gives the certificate's number: the person's certificate is already issued,
    /// so the run issues none (`VoterCertificates` takes only an empty number).
    @Test(arguments: [("鲁选证2026-0003", "鲁选证2026-0003"), ("", ""), ("  ", "")])
    func aMovedOutListCarriesTheCertificateNumber(cell: String, number: String) throws {
        let id = RuleTestSupport.id(born: "1990-09-09")
        let context = try RuleTestSupport.context()
        try RuleTestSupport.load(
            .movedOut, ["姓名,公民身份号码,现居住地,是否开具选民资格证明,选民资格证明编号", "张伟,\(id),深圳,是,\(cell)"], into: context)
        let person = RuleTestSupport.check(RuleTestSupport.person(id), RuleTestSupport.rowRules(context), in: context)
        #expect(person.away == PersonRecord.AwayFacts(residence: "深圳", phone: "", certificate: .issued(number: number)))
        #expect(!person.isKept)
    }
}
