import Foundation
public import Logging

/// A swift-log handler writing one line per event to standard error, as text or JSON, with
/// ID numbers masked.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    public let format: LogFormat
    private let write: @Sendable (String) -> Void

    /// `write` receives each finished line (with its newline); the default is standard error.
    public init(label: String, format: LogFormat, write: @escaping @Sendable (String) -> Void = LineLogHandler.standardError) {
        self.label = label
        self.format = format
        self.write = write
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let time = ISO8601DateFormatter().string(from: Date())
        let message = LogRedaction.mask(event.message.description)
        let fields = all.sorted { $0.key < $1.key }.map { ($0.key, LogRedaction.mask($0.value.description)) }
        switch format {
        case .text:
            let rest = fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            write("\(time) \(event.level) \(message)\(rest.isEmpty ? "" : " " + rest)\n")
        case .json:
            write(Self.jsonLine(time: time, level: event.level.rawValue, label: label, message: message, fields: fields))
        }
    }

    /// One JSON object and a newline: the shape of every line on standard error under
    /// `--log-format json`, a log event's or a fatal error's (`StandardError`).
    static func jsonLine(time: String, level: String, label: String, message: String, fields: [(String, String)] = []) -> String {
        var line: [UInt8] = [UInt8(ascii: "{")]
        JSONText.appendMember("time", time, to: &line, first: true)
        JSONText.appendMember("level", level, to: &line)
        JSONText.appendMember("label", label, to: &line)
        JSONText.appendMember("message", message, to: &line)
        for (key, value) in fields { JSONText.appendMember(key, value, to: &line) }
        line.append(contentsOf: "}\n".utf8)
        return String(decoding: line, as: UTF8.self)
    }
}
