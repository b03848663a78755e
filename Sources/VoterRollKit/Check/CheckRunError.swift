/// Why a run could not finish (the tool failing, not the data being wrong).
public enum CheckRunError: Error, CustomStringConvertible, Sendable {
    /// An input could not be read at all (exit status 3).
    case input(IngestError)
    /// An output could not be written: disk full, permission denied, a folder in the way
    /// (exit status 3). The previous outputs are as they were.
    case output(OutputError)
    /// The run store could not record the run (exit status 3); nothing of it was recorded.
    case store(String)
    /// The tool itself could not start: ICU data missing, the hashed key file unusable (exit
    /// status 2).
    case setup(String)
    /// Another township's run recorded someone this run keeps while it was going on: nothing
    /// was recorded or written, and running again decides it (`JobRunner` does, a few times).
    case race(TownshipRegistry.Race)

    public var description: String {
        switch self {
        case .input(let error): error.description
        case .output(let error): error.description
        case .store(let message): "the run store could not record the run: \(message)"
        case .setup(let message): message
        case .race(let race): race.description
        }
    }

    /// The exit status it ends the command with: 3 when reading or writing a file failed, 2
    /// when the set-up is wrong, 4 for a race lost every time.
    public var exitStatus: Int32 {
        switch self {
        case .input, .output, .store: 3
        case .setup: 2
        case .race: 4
        }
    }
}
