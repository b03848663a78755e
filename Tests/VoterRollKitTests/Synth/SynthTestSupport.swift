import Foundation

@testable import VoterRollKit

/// Generated data sets for the generator's tests, made once per option set and read back.
enum SynthTestSupport {
    /// One expected row of `expected.jsonl`.
    struct Expected: Equatable {
        var file: String
        var row: Int
        var decision: String
        var codes: [String]
    }

    /// Runs the generator into a fresh temporary folder.
    static func generate(
        rows: Int, seed: UInt64, format: SynthFormat = .csv, encoding: SynthEncoding = .utf8, defectRate: Double = 0.05,
        electionDay: String = "2026-12-01", headerStyle: SynthHeaderStyle = .standard
    ) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("synth-\(UUID().uuidString)")
        let options = SynthOptions(
            rows: rows, seed: seed, electionDay: CivilDate(electionDay) ?? CivilDate(unchecked: 2026, 12, 1),
            encoding: encoding, format: format, defectRate: defectRate, headerStyle: headerStyle)
        _ = try Synthesizer(options: options).run(directory: folder.path)
        return folder
    }

    static func expected(in folder: URL) throws -> [Expected] {
        let text = try String(contentsOf: folder.appendingPathComponent("expected.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            return Expected(
                file: object["file"] as? String ?? "", row: object["row"] as? Int ?? 0,
                decision: object["decision"] as? String ?? "", codes: object["codes"] as? [String] ?? [])
        }
    }

    /// The data rows of a generated file as the ingest layer reads them: row number → mapped row.
    static func mappedRows(_ path: String, required: Set<CanonicalField>) throws -> [Int: MappedRow] {
        let reader = MappedRowReader(reader: try SpreadsheetInput.open(path: path), required: required)
        var rows: [Int: MappedRow] = [:]
        while let row = try reader.next() { rows[row.row.number] = row }
        return rows
    }

    /// What a mapped row holds in a field.
    static func text(_ row: MappedRow, _ field: CanonicalField) -> String {
        row.cell(field)?.text ?? ""
    }
}
