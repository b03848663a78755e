internal import CVoterRoll
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a run writes every output in, inside the output folder, and the swap that puts
/// them in place together.
///
/// A run's outputs are one set: roll.csv, the findings, summary.json, the report and the
/// published lists all describe the same register. Renamed into place one by one as each was
/// finished, a run that failed late (killed, disk full, an error) left last run's report and
/// lists beside this run's roll. Here they are all written in `.voterroll.tmp-MARKER/` first,
/// synced, and only then swapped in, in one short burst of renames at the very end.
///
/// A set of names cannot change in one system call, so the swap keeps a journal: before the
/// first rename, `.voterroll-journal` in the staging folder lists every step with the inode of
/// the file it moves in and of the file it moves out. The previous outputs are moved into the
/// staging folder, not deleted, until the run's record is committed (`OutputSwap.finish`). If
/// the run stops before that, however it stops, the journal is still there and
/// `StagedFolder.recover` (run by the next run, under the folder's lock, before anything
/// else) puts every previous output back by inode, so what was visible before the run is what
/// is visible after it. Each step is a `renameat2(RENAME_EXCHANGE)` where the file system has
/// it (the name is never missing), else two renames.
final class StagedFolder {
    /// The start of every name VoterRoll gives what it writes for itself in an output folder:
    /// staging folders and temporary files. The start-up cleanup removes these and nothing else.
    static let prefix = ".voterroll.tmp-"
    /// The journal of a swap under way, inside its staging folder.
    static let journalName = ".voterroll-journal"
    /// Where the swap moves previous outputs that this run does not replace (a changes.csv
    /// from a run with `--previous`), inside the staging folder.
    static let retiredName = ".voterroll-retired"

    /// The output folder.
    let directory: String
    /// The staging folder.
    let path: String
    /// This run's marker: the staging folder's name after the prefix (pid and 8 random hex
    /// digits), also written into the manifest.
    let marker: String
    /// False once an `OutputSwap` owns the folder.
    private var owned = true

    /// Creates an empty staging folder in `directory`, readable by its owner only.
    init(in directory: String) throws(OutputError) {
        self.directory = directory
        marker = "\(getpid())-" + String(format: "%08x", UInt32.random(in: .min ... .max))
        path = directory + "/" + StagedFolder.prefix + marker
        guard mkdir(path, 0o700) == 0 else {
            throw OutputError(path: directory, message: "cannot write in the output folder: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if owned { StagedFolder.remove(path) }
    }

    /// What the swap does with one name of the output folder.
    struct Step: Codable, Equatable {
        enum Kind: String, Codable {
            /// The staged entry replaces the one of the same name (or takes a free name).
            case replace
            /// A previous output this run does not write moves into the staging folder.
            case retire
            /// Someone's own file in a folder being replaced moves into the new folder.
            case carry
        }
        var kind: Kind
        /// Relative to the output folder (`roll.csv`, `published/notes.txt`).
        var name: String
        /// The inode of the entry moved in (replace) or carried (carry).
        var new: UInt64?
        /// The inode of the entry moved out (replace over an existing one, retire).
        var old: UInt64?
    }

    /// Swaps the staged entries in.
    ///
    /// - Parameters:
    ///   - entries: names in the staging folder, in the order to put them in place (the
    ///     manifest last, so that it names the new set only once the set is there).
    ///   - retiring: previous outputs (top-level names) this run does not replace.
    ///   - keeping: for a staged folder, the names in the current folder of that name that
    ///     the previous run did not write: they are moved into the new folder, so they stay.
    /// - Returns: the swap, whose previous outputs stay in the staging folder until `finish`
    ///   (or come back with `undo`).
    func swapIn(entries: [String], retiring: [String], keeping: [String: [String]]) throws(OutputError) -> OutputSwap {
        // Everything that is in the way is found before anything moves.
        var steps: [Step] = []
        for (folder, names) in keeping.sorted(by: { $0.key < $1.key }) {
            for name in names.sorted() where StagedFolder.inode(path + "/" + folder + "/" + name) == nil {
                guard let inode = StagedFolder.inode(directory + "/" + folder + "/" + name) else { continue }
                steps.append(Step(kind: .carry, name: folder + "/" + name, new: inode, old: nil))
            }
        }
        for name in entries {
            guard let staged = StagedFolder.entry(path + "/" + name) else {
                throw OutputError(path: directory + "/" + name, message: "cannot move into place: the staged file is missing")
            }
            var old: UInt64?
            if let current = StagedFolder.entry(directory + "/" + name) {
                guard current.kind == staged.kind else {
                    let what =
                        switch current.kind {
                        case .folder: "a folder"
                        case .link: "a symbolic link"
                        case .file: "a file"
                        case .other: "something else"
                        }
                    throw OutputError(path: directory + "/" + name, message: "cannot create: \(what) of that name is in the way; move it elsewhere")
                }
                old = current.inode
            }
            steps.append(Step(kind: .replace, name: name, new: staged.inode, old: old))
        }
        for name in retiring {
            guard let current = StagedFolder.entry(directory + "/" + name), current.kind == .file else { continue }
            steps.append(Step(kind: .retire, name: name, new: nil, old: current.inode))
        }
        StagedFolder.sync(path)
        try writeJournal(steps)
        owned = false
        let swap = OutputSwap(staging: self, steps: steps)
        do {
            for (number, step) in steps.enumerated() {
                try FaultInjection.fail(at: "swap:\(number + 1)", path: directory + "/" + step.name)
                try perform(step)
            }
        } catch {
            swap.undo()
            throw error
        }
        StagedFolder.sync(directory)
        for folder in keeping.keys where steps.contains(where: { $0.kind == .carry && $0.name.hasPrefix(folder + "/") }) {
            StagedFolder.sync(directory + "/" + folder)
        }
        return swap
    }

    private func perform(_ step: Step) throws(OutputError) {
        let target = directory + "/" + step.name
        let staged = path + "/" + step.name
        switch step.kind {
        case .carry:
            try StagedFolder.move(target, to: staged)
        case .retire:
            try StagedFolder.makeFolder(path + "/" + StagedFolder.retiredName)
            try StagedFolder.move(target, to: path + "/" + StagedFolder.retiredName + "/" + step.name)
        case .replace:
            guard step.old != nil else {
                try StagedFolder.move(staged, to: target)
                return
            }
            let result = CVoterRoll_exchangePaths(staged, target)
            if result == 0 { return }
            guard result == EINVAL || result == ENOSYS || result == ENOTSUP else {
                throw OutputError(path: target, message: "cannot move into place: \(String(cString: strerror(result)))")
            }
            // No exchange on this file system: the previous entry steps aside first.
            try StagedFolder.makeFolder(path + "/" + StagedFolder.retiredName)
            try StagedFolder.move(target, to: path + "/" + StagedFolder.retiredName + "/" + step.name)
            try StagedFolder.move(staged, to: target)
        }
    }

    /// Writes the journal (synced, then renamed into place: it is there whole or not at all).
    private func writeJournal(_ steps: [Step]) throws(OutputError) {
        let data: Data
        do {
            data = try JSONEncoder.sorted.encode(steps)
        } catch {
            throw OutputError(path: path, message: "cannot record the swap: \(error)")
        }
        let file = try AtomicFile(path: path + "/" + StagedFolder.journalName, isPrivate: true)
        try file.write([UInt8](data))
        try file.commit()
        StagedFolder.sync(path)
    }

    /// The path a file written in a staging folder will have in the output folder, for
    /// messages: `out/.voterroll.tmp-1-ab/report.html` → `out/report.html`.
    static func outputPath(_ path: String) -> String {
        guard let range = path.range(of: "/" + prefix) else { return path }
        guard let end = path[range.upperBound...].firstIndex(of: "/") else { return path }
        return String(path[..<range.lowerBound] + path[end...])
    }

    // MARK: Recovery

    /// Undoes the swap a staging folder's journal records (nothing when it has none): every
    /// previous output goes back to its name, found by inode wherever the swap had got to. Then
    /// the staging folder is removed. Safe to run again if it is itself interrupted.
    static func recover(_ staging: String, in directory: String) -> Bool {
        var restored = false
        if let data = FileManager.default.contents(atPath: staging + "/" + journalName),
            let steps = try? JSONDecoder().decode([Step].self, from: data)
        {
            undo(steps, staging: staging, directory: directory)
            sync(directory)
            restored = true
        }
        remove(staging)
        return restored
    }

    /// Puts back what `steps` moved, last step first.
    static func undo(_ steps: [Step], staging: String, directory: String) {
        let retired = staging + "/" + retiredName
        let undone = staging + "/.voterroll-undone"
        for step in steps.reversed() {
            let target = directory + "/" + step.name
            switch step.kind {
            case .carry:
                // The new folder is back in the staging folder, or set aside by an undone replace.
                for place in [staging + "/" + step.name, undone + "/" + step.name] where inode(place) == step.new {
                    if inode(target) == nil { try? move(place, to: target) }
                }
            case .retire:
                if inode(target) == nil, inode(retired + "/" + step.name) == step.old {
                    try? move(retired + "/" + step.name, to: target)
                }
            case .replace:
                if inode(target) == step.new {
                    try? makeFolder(undone)
                    try? move(target, to: undone + "/" + step.name)
                }
                guard let old = step.old, inode(target) == nil else { continue }
                for place in [staging + "/" + step.name, retired + "/" + step.name] where inode(place) == old {
                    try? move(place, to: target)
                    break
                }
            }
        }
    }

    // MARK: File system

    /// What is at `path` itself (a link is not followed), and its inode.
    ///
    /// From Foundation's attributes rather than `lstat`: several Linux modules declare
    /// `struct stat`, and which one a build picks varies.
    struct Entry {
        enum Kind {
            case file
            case folder
            case link
            case other
        }
        var kind: Kind
        var inode: UInt64
    }

    static func entry(_ path: String) -> Entry? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let kind: Entry.Kind =
            switch attributes[.type] as? FileAttributeType {
            case .typeRegular?: .file
            case .typeDirectory?: .folder
            case .typeSymbolicLink?: .link
            default: .other
            }
        return Entry(kind: kind, inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
    }

    static func inode(_ path: String) -> UInt64? {
        entry(path)?.inode
    }

    /// The size of the regular file at `path` (0 when it cannot be opened).
    static func size(_ path: String) -> Int64 {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        return Int64(max(lseek(descriptor, 0, SEEK_END), 0))
    }

    private static func move(_ from: String, to: String) throws(OutputError) {
        if rename(from, to) != 0 {
            throw OutputError(path: to, message: "cannot move into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Creates `folder` (0700) inside the staging folder, for what is moved aside (top-level
    /// names only: retired outputs, replaced ones on a file system without exchange).
    private static func makeFolder(_ folder: String) throws(OutputError) {
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw OutputError(path: folder, message: "cannot move aside: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes a staging folder and everything in it.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Syncs a folder's entries to disk.
    static func sync(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

/// A run's outputs swapped into place, with the previous ones kept aside in the staging folder
/// until the run's record is committed.
///
/// `finish` when the store has committed (or there is no store): the previous outputs go.
/// `undo` when it has not: they come back. Neither (the process killed in between): the
/// journal stays, and the next run undoes the swap (`StagedFolder.recover`).
public final class OutputSwap {
    private let staging: StagedFolder
    private let steps: [StagedFolder.Step]
    private var done = false

    init(staging: StagedFolder, steps: [StagedFolder.Step]) {
        self.staging = staging
        self.steps = steps
    }

    /// Lets the previous outputs go: the journal first (the swap is then final), then the rest.
    public func finish() {
        guard !done else { return }
        done = true
        unlink(staging.path + "/" + StagedFolder.journalName)
        StagedFolder.remove(staging.path)
    }

    /// Puts every previous output back and removes this run's.
    public func undo() {
        guard !done else { return }
        done = true
        StagedFolder.undo(steps, staging: staging.path, directory: staging.directory)
        StagedFolder.sync(staging.directory)
        StagedFolder.remove(staging.path)
    }
}

@available(*, unavailable, message: "finished or undone once, by the run that made it")
extension OutputSwap: Sendable {}
