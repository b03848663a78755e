/// How serious a finding is.
///
/// `error`: the data is wrong and must be fixed; `warning`: a person must look; `info`: a note
/// or a normal change. Ordered so that `max()` gives the most serious.
public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
