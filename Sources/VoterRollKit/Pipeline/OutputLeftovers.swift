import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Clears what an interrupted run left in an output folder, before the next run starts: a
/// swap that did not finish is undone, so the previous outputs are back as they were
/// (`StagedFolder.recover`), and the staging folders and temporary files VoterRoll names with
/// its marker (`.voterroll.tmp-…`) are removed.
///
/// Nothing else is touched: a name carrying `.tmp-` or starting with `.changes-` may be
/// someone's own (`thesis.tmp-keep/`, `budget.tmp-2024.xlsx`). Only called while holding the
/// folder's `RunLock`, so no other run can be writing them.
public enum OutputLeftovers: Sendable {
    /// What was done, for a log line: the names removed, and whether previous outputs were
    /// put back.
    public struct Cleared: Sendable {
        public var removed: [String] = []
        public var restored = false
        public var isEmpty: Bool { removed.isEmpty }
    }

    @discardableResult
    public static func remove(in directory: String) -> Cleared {
        var cleared = Cleared()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return cleared }
        for name in names.sorted() where isLeftover(name) {
            let path = directory + "/" + name
            if StagedFolder.entry(path)?.kind == .folder {
                if StagedFolder.recover(path, in: directory) { cleared.restored = true }
            } else {
                unlink(path)
            }
            cleared.removed.append(name)
        }
        return cleared
    }

    /// A name VoterRoll gave something of its own while it worked.
    static func isLeftover(_ name: String) -> Bool {
        name.hasPrefix(StagedFolder.prefix)
    }
}
