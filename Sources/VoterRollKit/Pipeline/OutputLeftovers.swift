import Foundation

/// Removes what a killed run left in an output folder: temporary files (`*.tmp-PID`), spill
/// files (`.roll.spill-PID`, `.xlsx.spill-…`) and scratch folders (`.changes-PID`).
///
/// Only called while holding the folder's `RunLock`, so no other run can be writing them.
/// Finished outputs are never touched: they were renamed into place under their own names.
public enum OutputLeftovers: Sendable {
    /// Names of what was removed (for a log line).
    @discardableResult
    public static func remove(in directory: String) -> [String] {
        var removed: [String] = []
        removeMatching(in: directory, removed: &removed)
        let published = directory + "/published"
        if FileManager.default.fileExists(atPath: published) {
            removeMatching(in: published, removed: &removed)
        }
        return removed
    }

    static func isLeftover(_ name: String) -> Bool {
        name.contains(".tmp-") || name.hasPrefix(".roll.spill-") || name.hasPrefix(".xlsx.spill-")
            || name.hasPrefix(".changes-")
    }

    private static func removeMatching(in directory: String, removed: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() where isLeftover(name) {
            if (try? FileManager.default.removeItem(atPath: directory + "/" + name)) != nil {
                removed.append(name)
            }
        }
    }
}
