/// The files of one check run: the register (one or more files) and the lists.
public struct CheckInputs: Sendable {
    /// Register files; several (one per constituency is common) form one roll.
    public var rolls: [InputSource]
    public var lists: [ListKind: InputSource]

    public init(rolls: [InputSource], lists: [ListKind: InputSource] = [:]) {
        self.rolls = rolls
        self.lists = lists
    }

    /// Plain paths, read with the run's encoding and every sheet.
    public init(rolls: [String], lists: [ListKind: String] = [:]) {
        self.init(rolls: rolls.map { InputSource(path: $0) }, lists: lists.mapValues { InputSource(path: $0) })
    }

    /// Every input, register first, lists in catalogue order.
    public var all: [(role: String, source: InputSource)] {
        rolls.map { ("roll", $0) } + ListKind.allCases.compactMap { kind in lists[kind].map { (kind.rawValue, $0) } }
    }
}
