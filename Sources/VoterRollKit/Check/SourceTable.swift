/// The sheets a run reads, numbered, so per-person indexes store 4 bytes instead of a path.
///
/// Duplicate detection remembers where every person was first seen; with a million people,
/// a `CellAddress` (path, sheet, row, column) per person would cost hundreds of megabytes.
final class SourceTable {
    /// One sheet of one file, with the columns findings about remembered people point at.
    struct Source {
        var file: String
        var sheet: String?
        var idColumn: Int?
        var idHeader: String?
        var nameColumn: Int?
        var nameHeader: String?
    }

    private(set) var sources: [Source] = []
    private var index: [String: Int32] = [:]
    /// The sheet interned last: rows come sheet by sheet, so most rows skip building the key.
    private var last: (file: String, sheet: String?, number: Int32)?

    /// The number for a person's sheet, remembering the ID and name columns.
    func intern(_ person: PersonRecord) -> Int32 {
        if let last, last.file == person.source.file, last.sheet == person.source.sheet { return last.number }
        let number = internKey(person)
        last = (person.source.file, person.source.sheet, number)
        return number
    }

    private func internKey(_ person: PersonRecord) -> Int32 {
        let key = person.source.file + "\u{0}" + (person.source.sheet ?? "")
        if let known = index[key] { return known }
        let number = Int32(sources.count)
        sources.append(
            Source(
                file: person.source.file, sheet: person.source.sheet, idColumn: person.rawID.column,
                idHeader: person.rawID.header, nameColumn: person.rawName.column, nameHeader: person.rawName.header))
        index[key] = number
        return number
    }

    subscript(_ number: Int32) -> Source { sources[Int(number)] }

    func idAddress(_ number: Int32, row: Int32) -> CellAddress {
        let source = self[number]
        return CellAddress(file: source.file, sheet: source.sheet, row: Int(row), column: source.idColumn)
    }

    func nameAddress(_ number: Int32, row: Int32) -> CellAddress {
        let source = self[number]
        return CellAddress(file: source.file, sheet: source.sheet, row: Int(row), column: source.nameColumn)
    }
}
