/// A pipeline file (`version: 1`): everything one repeated job needs — the election day, the
/// register and lists, column aliases, options and outputs — so a cron job is one command.
///
/// Paths are resolved relative to the pipeline file when it is loaded.
public struct Pipeline: Sendable {
    /// The oldest and newest file format this build reads.
    public static let supportedVersion = 1

    public var name: String
    public var inputs: CheckInputs
    public var options: CheckOptions
    /// The output folder.
    public var outputDirectory: String
    /// The run store (SQLite file); nil for `<outputDirectory>/voterroll.sqlite`.
    public var store: String?
    /// The pipeline file as given.
    public var file: String

    public init(name: String, inputs: CheckInputs, options: CheckOptions, outputDirectory: String, store: String?, file: String) {
        self.name = name
        self.inputs = inputs
        self.options = options
        self.outputDirectory = outputDirectory
        self.store = store
        self.file = file
    }
}
