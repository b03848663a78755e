internal import CVoterRoll
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A folder of outputs written in full beside its place, then swapped in as a whole.
///
/// The published lists of a large register are a thousand constituencies, two thousand files.
/// Written one by one through `AtomicFile`, each cost a create and a rename in the same folder,
/// and the two threads writing them queued on that folder's lock: renaming was two fifths of
/// writing the lists. Here the files are created under their own names in `.NAME.tmp-PID`
/// beside the folder (`AtomicFile(staged: true)`), synced, and the folder is swapped in with
/// one exchange of names: readers see the old lists or the new ones, never a mix, and never
/// no folder. A killed run leaves only the hidden folder, which `OutputLeftovers` removes.
struct StagedFolder {
    /// Where the folder belongs.
    let path: String
    /// Where it is written.
    let stagingPath: String

    /// Starts an empty staging folder for `path`.
    init(path: String) throws(OutputError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        stagingPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        try? FileManager.default.removeItem(atPath: stagingPath)
        do {
            try FileManager.default.createDirectory(atPath: stagingPath, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, message: "cannot create: \(error.localizedDescription)")
        }
    }

    /// Puts the staged folder in place of `path`. What the old folder holds that `isOutput`
    /// says is not ours (notes someone keeps there) is moved across first, so it stays.
    func commit(isOutput: (String) -> Bool) throws(OutputError) {
        sync(stagingPath)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            guard rename(stagingPath, path) == 0 else { throw failure("cannot move into place") }
            sync(URL(fileURLWithPath: path).deletingLastPathComponent().path)
            return
        }
        guard isDirectory.boolValue else {
            discard()
            throw OutputError(path: path, message: "cannot create: a file of that name is in the way")
        }
        for name in (try? manager.contentsOfDirectory(atPath: path)) ?? [] where !isOutput(name) {
            let target = stagingPath + "/" + name
            if !manager.fileExists(atPath: target) { rename(path + "/" + name, target) }
        }
        if CVoterRoll_exchangePaths(stagingPath, path) != 0 {
            // No exchange on this file system: two renames, with a moment between them.
            let old = stagingPath + "-old"
            guard rename(path, old) == 0 else { throw failure("cannot move the previous folder aside") }
            guard rename(stagingPath, path) == 0 else {
                let error = failure("cannot move into place")
                rename(old, path)
                throw error
            }
            try? manager.removeItem(atPath: old)
        } else {
            // The staging name now holds the previous folder.
            try? manager.removeItem(atPath: stagingPath)
        }
        sync(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Removes the staging folder (the run failed before `commit`).
    func discard() {
        try? FileManager.default.removeItem(atPath: stagingPath)
    }

    private func failure(_ what: String) -> OutputError {
        let reason = String(cString: strerror(errno))
        discard()
        return OutputError(path: path, message: "\(what): \(reason)")
    }

    /// Syncs a folder's entries to disk.
    private func sync(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
