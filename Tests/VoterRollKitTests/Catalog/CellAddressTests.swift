import Testing

@testable import VoterRollKit

/// How findings name a cell: what an officer types into Excel's Go To box, or looks for in a CSV.
@Suite struct CellAddressTests {
    @Test(arguments: [(1, "A"), (8, "H"), (26, "Z"), (27, "AA"), (52, "AZ"), (53, "BA"), (702, "ZZ"), (703, "AAA"), (16_384, "XFD")])
    func columnLettersAreExcels(column: Int, letters: String) {
        #expect(CellAddress.letters(forColumn: column) == letters)
        #expect(CellAddress.column(forLetters: letters) == column)
        #expect(CellAddress.column(forLetters: letters.lowercased()) == column)
    }

    @Test func aColumnBelowOneIsColumnA() {
        #expect(CellAddress.letters(forColumn: 0) == "A")
        #expect(CellAddress.letters(forColumn: -5) == "A")
    }

    @Test(arguments: [
        ("roll.csv", "roll.csv"), ("/tmp/data/roll.csv", "roll.csv"), ("乡/选民/第一选区.csv", "第一选区.csv"),
        ("/数据/名单 2026.xlsx", "名单 2026.xlsx"), ("dir/", ""),
    ])
    func theFileNameIsTheLastPathComponent(file: String, name: String) {
        #expect(CellAddress(file: file, row: 1).fileName == name[...])
    }

    @Test func cellsAndRowsPrintAsOfficersLookForThem() {
        #expect(CellAddress(file: "/data/roll.csv", row: 12, column: 8).cell == "roll.csv:12:H")
        #expect(CellAddress(file: "/data/roll.csv", row: 12).cell == "roll.csv:12")
        #expect(CellAddress(file: "/data/名单.xlsx", sheet: "选民登记表", row: 3, column: 28).cell == "选民登记表!AB3")
        #expect(CellAddress(file: "/data/名单.xlsx", sheet: "Sheet1", row: 3).cell == "Sheet1!3")
        #expect(CellAddress(file: "/乡/deprived.csv", row: 5, column: 2).rowReference == "deprived.csv:5")
        #expect(CellAddress(file: "deprived.xlsx", sheet: "名单", row: 5).rowReference == "deprived.xlsx[名单]:5")
    }
}
