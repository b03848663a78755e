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
