/// An input that cannot be read at all (not a problem inside it, which is a finding).
///
/// Leads to exit status 3 with a message naming the file and what to do.
public struct IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Missing, unreadable or not a file.
        case unreadable
        /// Not a format VoterRoll reads, or damaged beyond reading (truncated ZIP, bad XML).
        case malformed
        /// Over a safety limit (ZIP bomb, huge declared size).
        case tooLarge
        /// No header with the required columns.
        case missingColumns
    }

    public var kind: Kind
    public var file: String
    public var message: String

    public init(_ kind: Kind, file: String, message: String) {
        self.kind = kind
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
