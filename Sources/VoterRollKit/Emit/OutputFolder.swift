import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a run owns in its output folder, and the folders and files it refuses to write.
///
/// A run replaces the files named in `fileNames`, `published/` and the manifest, and removes
/// a previous output only when the last run's manifest names it (`OutputManifest`). So a
/// folder the tool is pointed at must not be one whose files those names would destroy: the
/// root or a system folder, or the folder of an input with an output's name (a pipeline with
/// `outputs: {dir: .}` beside `roll: roll.csv` replaced the register with the clean roll).
public enum OutputFolder: Sendable {
    /// The files a run writes at the top of the output folder (besides `published/` and the
    /// manifest). A file of one of these names there is replaced by the next run.
    static let fileNames: Set<String> = [
        "roll.csv", "rejected.csv", "findings.csv", "findings.jsonl", "changes.csv", "roll.xlsx", "summary.json",
        "report.html", "absent.csv", "notices.csv",
        "statistics.csv", "statistics.xlsx", VoterCards.fileName, VoterCertificates.fileName,
    ]

    /// The folders a run writes (its own files inside them replaced, anyone else's kept).
    static let folders = [
        PublishedLists.folder, AbsentVoters.folder, HomeOfficeNotices.folder, VoterCards.folder, VoterCertificates.folder,
        AnnotatedWorkbooks.folder,
    ]

    /// Why a folder cannot be the output folder (exit status 2: the command or pipeline must change).
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Folders that are never an output folder.
    static let systemFolders: Set<String> = [
        "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt", "/opt",
        "/proc", "/run", "/sbin", "/srv", "/sys", "/usr", "/var", "/var/backups", "/var/cache", "/var/lib", "/var/log",
        "/var/mail", "/var/spool",
    ]
    /// Folders nothing of a user's belongs under, at any depth.
    static let systemTrees = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sbin", "/sys", "/usr"]

    /// Checks, before anything is read or written, that a run may write its outputs in
    /// `directory`: not the root or a system folder, and no output (or the store) the same
    /// file as an input, after resolving symbolic links (and hard links: files are compared by
    /// device and inode).
    ///
    /// - Parameters:
    ///   - inputs: every file the run reads, with its role (register, a list, the pipeline
    ///     file, the key file). Not the previous roll: it is read whole before anything is
    ///     replaced, and last run's own roll.csv is what it usually is.
    ///   - store: the SQLite store's path (nil for none or PostgreSQL).
    public static func check(_ directory: String, inputs: [(role: String, path: String)], store: String?) throws(Refusal) {
        let resolved = resolve(directory)
        if systemFolders.contains(resolved) || systemTrees.contains(where: { resolved.hasPrefix($0 + "/") }) {
            let shown = resolved == directory ? directory : "\(directory) (\(resolved))"
            throw Refusal(description: "the output folder \(shown) is a system folder; choose a folder of your own (--out or outputs.dir)")
        }
        var outputs = ([OutputManifest.fileName, ".voterroll.lock"] + fileNames.sorted()).map { (directory + "/" + $0, "output") }
        if let store {
            outputs += ["", "-wal", "-shm", "-journal", "-init.lock"].map { (store + $0, "run store") }
        }
        let published = resolve(directory + "/" + PublishedLists.folder)
        for (role, path) in inputs {
            guard let input = identity(path) else { continue }
            if resolve(path).hasPrefix(published + "/") {
                throw Refusal(
                    description: "the \(role) \(path) is inside \(directory)/\(PublishedLists.folder), which each run replaces; "
                        + "move it out or choose another output folder (--out or outputs.dir)")
            }
            for (output, kind) in outputs where identity(output) == input {
                throw Refusal(
                    description: "the \(kind) \(output) is the \(role) \(path): the run would overwrite it; "
                        + (kind == "output" ? "choose another output folder (--out or outputs.dir)" : "choose another --store"))
            }
        }
        // A planted link among the outputs would have the swap write through it: refused
        // before anything is read, after the more telling
        // check above (the swap would refuse it too, but only after the run).
        for name in folders + [OutputManifest.fileName, ".voterroll.lock"] + fileNames.sorted()
        where StagedFolder.entry(directory + "/" + name)?.kind == .link {
            throw Refusal(
                description: "\(directory)/\(name) is a symbolic link; VoterRoll writes its outputs only as files and "
                    + "folders of its own. Remove the link or choose another output folder (--out or outputs.dir)")
        }
    }

    /// Device and inode of the file at `path`, following links; nil when there is none.
    private static func identity(_ path: String) -> [UInt64]? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: String(cString: real)),
            let device = attributes[.systemNumber] as? NSNumber, let inode = attributes[.systemFileNumber] as? NSNumber
        else { return nil }
        return [device.uint64Value, inode.uint64Value]
    }

    /// `path` made absolute with every symbolic link resolved, as far as it exists (a folder
    /// still to be created is resolved through its nearest existing parent).
    static func resolve(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        while true {
            if let real = realpath(url.path, nil) {
                defer { free(real) }
                let base = String(cString: real)
                guard !missing.isEmpty else { return base }
                return (base == "/" ? "" : base) + "/" + missing.reversed().joined(separator: "/")
            }
            guard url.path != "/" else { return path }
            missing.append(url.lastPathComponent)
            url = url.deletingLastPathComponent()
        }
    }
}
