/// What a finding does to its row: keep it on the clean roll or exclude it.
///
/// A row's action is the strictest among its findings, so `exclude` orders above `keep`.
public enum FindingAction: String, CaseIterable, Sendable, Codable, Comparable {
    case keep
    case exclude

    public static func < (lhs: FindingAction, rhs: FindingAction) -> Bool {
        lhs == .keep && rhs == .exclude
    }
}

extension FindingAction {
    /// A row's action: the strictest among its findings (`exclude` if any finding excludes).
    /// The one place a row is decided; `PersonRecord.isKept` and the engine ask it.
    public static func of(_ findings: [Finding]) -> FindingAction {
        // A plain search that stops at the first exclusion: most rows have no finding at all.
        findings.contains { $0.code.action == .exclude } ? .exclude : .keep
    }
}
