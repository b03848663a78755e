/// List entries whose ID is on no row of the run (`list.unmatched`): the list may name someone
/// registered elsewhere, or carry a wrong number.
final class UnmatchedListRule: ClosingRule {
    /// The lists matched against roll rows, in the order their entries are reported.
    static let kinds: [ListKind] = [.deprived, .incapacitated, .suspended, .deceased, .movedOut]

    func close(in context: CheckContext, sink: any FindingSink) throws {
        for kind in UnmatchedListRule.kinds {
            for entry in context.lists.unmatched(kind) where entry.id != nil || entry.hashedID != nil {
                try sink.report(entry.finding(.listUnmatched, at: entry.rawID, evidence: kind.rawValue), on: .list)
            }
        }
    }
}
