import Foundation

/// Everything report.html shows, gathered by `PostRunOutputs` from the committed outputs.
struct ReportContent {
    /// An input file: its role, size and SHA-256, and where its counts are in summary.json.
    struct Input: Sendable {
        /// `roll`, a list kind (`deprived`…), or `previous`.
        var role: String
        var digest: FileDigest
        /// Its position in `summary.inputs` (nil for the previous roll, which is not counted there).
        var summaryIndex: Int?
    }

    var summary: RunSummary
    var options: CheckOptions
    var runTime: Date
    var inputs: [Input]
    var actions: ActionRows
    /// The constituency of each of `actions.shown`, when the row is on the roll or rejected.
    var actionConstituencies: [String?]
    var findingsByConstituency: [String: SeverityCounts]
    /// Findings on list rows (no constituency).
    var listFindings: SeverityCounts
    var pyramid: AgePyramid
    var changes: ChangeDigest?
    var published: [PublishedLists.Written]
    /// absent.csv and the letters to voters away, when anyone is away without a proxy.
    var absentVoters: DocumentsWritten? = nil
    /// notices.csv and the notices to in-migrants' home offices.
    var notices: DocumentsWritten? = nil
    /// cards.csv and the voter cards, when asked for.
    var cards: DocumentsWritten? = nil
    /// certificates.csv and the voter certificates issued.
    var certificates: DocumentsWritten? = nil
    /// Certificates due that a run without a store could not number (so did not issue).
    var certificatesUnnumbered = 0
}
