import Foundation

/// Writes `summary.json` (atomically): pretty-printed with sorted keys, so that equal counts
/// give equal bytes.
enum SummaryFile {
    static func write(_ summary: RunSummary, directory: String) throws(OutputError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(summary)
        } catch {
            throw OutputError(path: directory + "/summary.json", message: "cannot encode: \(error)")
        }
        let file = try AtomicFile(path: directory + "/summary.json", isPrivate: false)
        try file.write([UInt8](data))
        try file.write("\n")
        try file.commit()
    }
}
