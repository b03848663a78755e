/// The cells the run's findings name in each register and list file, kept for the annotated
/// workbooks, which are written after the check, when every finding is known.
///
/// Only the findings' cells are kept, not the inputs and not their values: 12 bytes a
/// finding, indexed by file, sheet and row. The annotation pass reads each input again, and
/// takes the values from the cells as it goes.
final class FindingMarks {
    /// One finding's cell.
    struct Mark: Sendable {
        var row: Int32
        /// 1-based (Excel's last column is 16,384); 0 for a finding about the whole row.
        var column: UInt16
        /// An index into its file's `sheets`.
        var sheet: UInt16
        var code: FindingCode
    }

    /// One input file: its sheets as met in findings (nil for CSV), and their marks.
    struct FileMarks: Sendable {
        var role: String
        var source: InputSource
        var sheets: [String?] = []
        var marks: [Mark] = []
    }

    /// Every input in run order (register first), each once.
    private(set) var files: [FileMarks] = []
    private var positions: [String: Int] = [:]

    /// - Parameter inputs: the run's inputs (`CheckInputs.all`); a finding on any other file
    ///   (the previous roll) is not kept.
    init(inputs: [(role: String, source: InputSource)]) {
        for (role, source) in inputs where positions[source.path] == nil {
            positions[source.path] = files.count
            files.append(FileMarks(role: role, source: source))
        }
    }

    /// Hands over the marks of the file at `index`, leaving none: sorting them where they are
    /// costs no second copy.
    func take(_ index: Int) -> FileMarks {
        let file = files[index]
        files[index].marks = []
        return file
    }

    /// Keeps the cell of `finding` when it is in one of the inputs.
    func add(_ finding: Finding) {
        let address = finding.address
        guard let position = positions[address.file], address.row >= 1, address.row <= Int(Int32.max) else { return }
        var sheet = files[position].sheets.firstIndex(of: address.sheet)
        if sheet == nil {
            guard files[position].sheets.count < Int(UInt16.max) else { return }
            files[position].sheets.append(address.sheet)
            sheet = files[position].sheets.count - 1
        }
        let column = address.column.map { UInt16(clamping: $0) } ?? 0
        files[position].marks.append(Mark(row: Int32(address.row), column: column, sheet: UInt16(sheet ?? 0), code: finding.code))
    }
}
