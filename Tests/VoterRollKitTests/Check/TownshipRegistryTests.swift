import Testing

@testable import VoterRollKit

/// The engine's side of the cross-township rule: a person another township holds is excluded
/// with `dup.same-id` naming it; anyone else kept is claimed; the holder is told of the rows
/// others excluded only for people it still keeps.
@Suite struct TownshipRegistryTests {
    private let held = "370102198810080531"
    private let free = "370102199206150462"

    private func person(_ id: String, row: Int) throws -> (PersonRecord, ResidentID) {
        let parsed = try #require(ResidentID.parse(id).id)
        var record = PersonRecord(
            source: CellAddress(file: "roll.csv", row: row),
            rawID: RawValue(text: id, kind: .string, column: 8, header: "公民身份号码"),
            rawName: RawValue(text: "刘洋", kind: .string, column: 4, header: "姓名"))
        record.id = parsed
        return (record, parsed)
    }

    @Test func aPersonHeldElsewhereIsExcludedAndTheRestAreClaimed() throws {
        let registry = TownshipRegistry(
            township: "河口乡", holders: [held: .init(township: "城关镇", row: "roll-a.csv:7")], excludedElsewhere: [])
        var (first, firstID) = try person(held, row: 3)
        registry.decide(&first, id: firstID)
        #expect(!first.isKept)
        #expect(first.findings.map(\.code) == [.dupSameId])
        #expect(first.findings.first?.evidence == "城关镇 roll-a.csv:7")
        var (second, secondID) = try person(free, row: 4)
        registry.decide(&second, id: secondID)
        #expect(second.isKept && second.findings.isEmpty)
        #expect(registry.claims == [.init(idNumber: free, row: "roll.csv:4")])
        #expect(registry.exclusions.map(\.holder.township) == ["城关镇"])
    }

    @Test func theHolderHearsOnlyOfPeopleItStillKeeps() throws {
        let theirs = { (id: String) in
            TownshipRegistry.ExcludedElsewhere(
                township: "河口乡",
                finding: Finding(code: .dupSameId, address: CellAddress(file: "b.csv", row: 9, column: 8), value: id, idNumber: id))
        }
        let registry = TownshipRegistry(
            township: "城关镇", holders: [:], excludedElsewhere: [theirs(held), theirs("37010219990228064X")])
        var (kept, keptID) = try person(held, row: 5)
        registry.decide(&kept, id: keptID)
        let told = registry.findingsForKeptPeople()
        #expect(told.count == 1, "the other person is no longer on this township's roll")
        #expect(told.first?.address == CellAddress(file: "b.csv", row: 9, column: 8))
        #expect(told.first?.evidence == "河口乡; 城关镇 roll.csv:5")
        #expect(told.first?.code == .dupSameId)
    }
}
