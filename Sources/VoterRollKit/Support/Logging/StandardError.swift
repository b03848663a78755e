import Foundation

/// The one way the tool's own messages reach standard error: ID numbers masked, control
/// characters from data escaped, and one JSON object per line under `--log-format json`.
///
/// A cron job's standard error is mailed and kept: a fatal error must follow the same rules as
/// a log line (`LineLogHandler`), or a register without a header prints the first row's full
/// ID number, and a JSON log reader meets a line it cannot parse.
public enum StandardError: Sendable {
    /// The format this process writes in: `--log-format json` (or `=json`) among its
    /// arguments, else text. Read from the arguments so it holds before they are parsed, for
    /// a usage error too.
    public static let format: LogFormat = format(arguments: CommandLine.arguments)

    static func format(arguments: [String]) -> LogFormat {
        for (index, argument) in arguments.enumerated() {
            if argument == "--log-format", index + 1 < arguments.count { return LogFormat(rawValue: arguments[index + 1]) ?? .text }
            if argument.hasPrefix("--log-format=") { return LogFormat(rawValue: String(argument.dropFirst(13))) ?? .text }
        }
        return .text
    }

    /// Writes a fatal error: `voterroll: message` as text, or an `error` JSON object.
    public static func fail(_ message: String) {
        FileHandle.standardError.write(Data(line(message, format: format).utf8))
    }

    /// The line `fail` writes, newline included.
    static func line(_ message: String, format: LogFormat, now: Date = Date()) -> String {
        // Escaped line by line: a message may span lines (a usage text), each stays readable.
        let text = message.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.inert(String($0)) }
        switch format {
        case .text:
            return "voterroll: " + text.joined(separator: "\n") + "\n"
        case .json:
            let time = ISO8601DateFormatter().string(from: now)
            return LineLogHandler.jsonLine(time: time, level: "error", label: "voterroll", message: text.joined(separator: " "))
        }
    }
}
