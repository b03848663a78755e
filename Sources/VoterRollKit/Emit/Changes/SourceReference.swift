/// Turns the `source` column of roll.csv and rejected.csv (`roll.csv:12`,
/// `roll.xlsx[Sheet1]:3`) back into a cell address, with the file as the user named it.
struct SourceReference {
    /// File name → the path as the user gave it, for every input of the run.
    private let paths: [String: String]

    init(inputs: [String]) {
        var paths: [String: String] = [:]
        for path in inputs {
            let name = String(CellAddress(file: path, row: 1).fileName)
            if paths[name] == nil { paths[name] = path }
        }
        self.paths = paths
    }

    /// The row's address (no column); the whole reference as the file when it cannot be read.
    func address(_ reference: String) -> CellAddress {
        guard let colon = reference.lastIndex(of: ":"), let row = Int(reference[reference.index(after: colon)...])
        else { return CellAddress(file: reference, row: 0) }
        var file = String(reference[..<colon])
        var sheet: String?
        if file.hasSuffix("]"), let open = file.lastIndex(of: "[") {
            sheet = String(file[file.index(after: open)..<file.index(before: file.endIndex)])
            file = String(file[..<open])
        }
        return CellAddress(file: paths[file] ?? file, sheet: sheet, row: row)
    }

    /// The file name part of a reference (`roll.csv` of `roll.csv:12`).
    static func fileName(_ reference: String) -> Substring {
        guard let colon = reference.lastIndex(of: ":") else { return reference[...] }
        let file = reference[..<colon]
        if file.hasSuffix("]"), let open = file.lastIndex(of: "[") { return file[..<open] }
        return file
    }
}
