/// A pipeline file that cannot be used, with the key and line to fix (exit status 2).
public struct PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based line in the pipeline file, when the problem has one.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
