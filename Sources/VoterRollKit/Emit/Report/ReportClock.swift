public import Foundation

/// Where the report's run time comes from: the system clock, or a fixed time so that two runs
/// on the same inputs give byte-identical reports (tests, and `SOURCE_DATE_EPOCH`).
///
/// The run time is the only thing in any output that is not a function of the inputs and
/// the options.
public struct ReportClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    public var now: Date { read() }

    public static let system = ReportClock { Date() }

    /// Always `date`.
    public static func fixed(_ date: Date) -> ReportClock {
        ReportClock { date }
    }

    /// Seconds since 1970 as the reproducible-builds convention `SOURCE_DATE_EPOCH` writes them;
    /// nil when the text is not a whole number.
    public static func sourceDateEpoch(_ text: String?) -> ReportClock? {
        guard let text, let seconds = Int(text) else { return nil }
        return .fixed(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
