import Foundation
import Testing

@testable import VoterRollKit

/// `--header-style`: the wordings are those of one field each, the header lands on rows 1–5,
/// and a style changes the rows above the data and nothing else.
@Suite struct SynthHeaderStyleTests {
    static let files: [ListKind?] = [nil] + ListKind.allCases.map { $0 }

    /// No form of one column's wordings is a form of another column's in the same file, once
    /// spaces, full width and case are folded as the reader folds them: a recogniser can always
    /// tell the columns apart.
    @Test(arguments: files)
    func aWordingNamesOneColumnOfItsFile(_ list: ListKind?) {
        var owner: [String: Int] = [:]
        let columns = SynthHeaderWordings.columns(of: list)
        for (index, column) in columns.enumerated() {
            for form in SynthHeaderWordings.every(column) {
                let key = HeaderAliases.key(form)
                if let other = owner[key], other != index {
                    Issue.record("\(form): column \(columns[other].standard) and \(column.standard)")
                }
                owner[key] = index
            }
        }
    }

    /// The reader takes every form synth may write as its column's field, and only that field
    /// (a column VoterRoll does not read as nothing), in the file's role: the recogniser and
    /// the wordings are compared form by form, not only on the forms a seed happens to draw.
    @Test(arguments: files)
    func theReaderTakesEveryWordingAsItsField(_ list: ListKind?) {
        let role = list.map { HeaderRole.list($0) } ?? .register
        for column in SynthHeaderWordings.columns(of: list) {
            for form in SynthHeaderWordings.every(column).sorted() {
                let fields = HeaderAliases.standard.match(form, role: role)?.fields
                #expect(fields == column.field.map { [$0] }, "\(role): \(form) should be \(column.field?.rawValue ?? "nothing")")
            }
        }
    }

    /// A bare date word could be any date of the list; an end date always says it ends.
    @Test(arguments: files)
    func noBareOrTwoSidedWording(_ list: ListKind?) {
        for column in SynthHeaderWordings.columns(of: list) {
            for word in column.words + column.prefixed {
                #expect(!["日期", "时间", "日", "号码", "编号", "名称"].contains(word), "\(word)")
                #expect(!word.contains("起止") && !word.contains("起讫"), "\(word)")
            }
            if column.field == .end {
                let ends = ["终止", "截止", "届满", "期满", "结束"]
                for word in column.words + column.prefixed { #expect(ends.contains { word.contains($0) }, "\(word)") }
            }
        }
    }

    /// The standard style writes VoterRoll's own names where they always were; the others put
    /// the header on rows 1–5 (all five occur), with forms of the columns' wordings.
    @Test(arguments: SynthHeaderStyle.allCases)
    func headersAreWordingsOnRowsOneToFive(_ style: SynthHeaderStyle) {
        var rows: Set<Int> = []
        var written: Set<String> = []
        for seed in UInt64(1)...60 {
            var maker = SynthHeaderMaker(style: style, random: SynthRandom(seed: seed), township: "港沟街道", electionDay: CivilDate(unchecked: 2026, 12, 1))
            for list in Self.files {
                let header = maker.header(of: list)
                let columns = SynthHeaderWordings.columns(of: list)
                #expect(header.cells.count == columns.count)
                for (cell, column) in zip(header.cells, columns) {
                    guard case .text(let text) = cell else {
                        Issue.record("a header cell is text")
                        continue
                    }
                    written.insert(text)
                    #expect(SynthHeaderWordings.every(column).contains(text), "\(text) for \(column.standard)")
                    if style == .standard { #expect(text == column.standard) }
                }
                #expect(header.titles.allSatisfy { $0.row < header.row })
                if style == .standard { #expect(header.row == (list == nil ? 2 : 1)) }
                rows.insert(header.row)
            }
        }
        if style != .standard {
            #expect(rows == [1, 2, 3, 4, 5])
            #expect(written.count > 150, "\(written.count) wordings")
        }
    }

    /// Every style of one seed gives the same data rows, decisions and codes, in the same
    /// order; only the rows move, by as many as the header moved.
    @Test(arguments: [SynthFormat.csv, .xlsx, .xml])
    func aStyleMovesTheRowsAndChangesNothingElse(format: SynthFormat) throws {
        let standard = try SynthTestSupport.generate(rows: 1500, seed: 21, format: format, defectRate: 0.2)
        defer { try? FileManager.default.removeItem(at: standard) }
        let reference = try SynthTestSupport.expected(in: standard)
        for style in [SynthHeaderStyle.varied, .random] {
            for seed in [UInt64(21)] {
                let folder = try SynthTestSupport.generate(rows: 1500, seed: seed, format: format, defectRate: 0.2, headerStyle: style)
                defer { try? FileManager.default.removeItem(at: folder) }
                let styled = try SynthTestSupport.expected(in: folder)
                try #require(styled.count == reference.count, "\(style)")
                var shift: [String: Int] = [:]
                for (line, original) in zip(styled, reference) {
                    #expect(line.file == original.file && line.decision == original.decision && line.codes == original.codes, "\(style) \(line.file):\(line.row)")
                    let moved = line.row - original.row
                    #expect(shift[line.file, default: moved] == moved, "\(style) \(line.file):\(line.row) moved by one offset")
                    shift[line.file] = moved
                }
                #expect(shift.values.allSatisfy { (-1...4).contains($0) }, "\(style): \(shift)")
            }
        }
    }
}
