/// The files of one check run: the register (one or more files) and the lists.
public struct CheckInputs: Sendable {
    /// Register files; several (one per constituency is common) form one roll.
    public var rolls: [String]
    public var lists: [ListKind: String]

    public init(rolls: [String], lists: [ListKind: String] = [:]) {
        self.rolls = rolls
        self.lists = lists
    }
}
