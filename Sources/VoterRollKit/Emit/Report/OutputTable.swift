/// Reads back a CSV file this run wrote (`roll.csv`, `rejected.csv`), row by row, by header.
///
/// The outputs for people (report, published lists, changes) are built from the committed
/// core outputs rather than from the engine's memory, so they stay decoupled from it and
/// memory stays flat: one row at a time. The `'` that `CSVWriter` puts before a cell that
/// starts like a formula is taken off again.
final class OutputTable {
    let path: String
    private let reader: CSVReader
    private let columns: [String: Int]
    private var row: [String] = []

    /// Opens `path`, written in `encoding`, and reads its header.
    init(path: String, encoding: OutputEncoding) throws(OutputError) {
        self.path = path
        do {
            reader = try CSVReader(path: path, file: path, encoding: encoding == .gb18030 ? .gb18030 : .utf8)
            guard let header = try reader.next() else {
                throw OutputError(path: path, message: "has no header row")
            }
            var columns: [String: Int] = [:]
            for (index, cell) in header.cells.enumerated() where columns[cell.text] == nil { columns[cell.text] = index }
            self.columns = columns
        } catch let error as IngestError {
            throw OutputError(path: path, message: "cannot read it back: \(error.message)")
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: path, message: "cannot read it back: \(error)")
        }
    }

    /// The position of a column, for `value(_:)`; nil when the file has no such column.
    func column(_ name: String) -> Int? { columns[name] }

    /// Moves to the next row; false at the end.
    func next() throws(OutputError) -> Bool {
        let source: SourceRow?
        do {
            source = try reader.next()
        } catch {
            throw OutputError(path: path, message: "cannot read it back: \(error.message)")
        }
        guard let source else { return false }
        row.removeAll(keepingCapacity: true)
        for cell in source.cells {
            while row.count < cell.column - 1 { row.append("") }
            row.append(OutputTable.unescaped(cell.text))
        }
        return true
    }

    /// Every cell of the current row, in column order.
    var cells: [String] { row }

    /// A cell of the current row ("" when the row is short or the column is missing).
    func value(_ column: Int?) -> String {
        guard let column, column < row.count else { return "" }
        return row[column]
    }

    /// A cell as it was before `CSVWriter` guarded it against formula injection.
    static func unescaped(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.first == CSVWriter.formulaGuard, utf8.count > 1,
            CSVWriter.startsFormula(utf8[utf8.index(after: utf8.startIndex)])
        else { return text }
        return String(text.dropFirst())
    }
}
