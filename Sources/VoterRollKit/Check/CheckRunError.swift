/// Why a run could not finish (the tool failing, not the data being wrong).
public enum CheckRunError: Error, CustomStringConvertible, Sendable {
    /// An input could not be read at all (exit status 3).
    case input(IngestError)
    /// An output could not be written.
    case output(OutputError)
    /// The tool itself could not start (ICU data missing, output folder not creatable).
    case setup(String)
    /// Another township's run recorded someone this run keeps while it was going on: nothing
    /// was recorded or written, and running again decides it (`JobRunner` does, a few times).
    case race(TownshipRegistry.Race)

    public var description: String {
        switch self {
        case .input(let error): error.description
        case .output(let error): error.description
        case .setup(let message): message
        case .race(let race): race.description
        }
    }
}
