import Foundation

/// `.voterroll-manifest.json`: what the last run wrote in its output folder.
///
/// An output folder is often a clerk's working folder too, holding their own notes and
/// spreadsheets. The manifest is how a run knows which files are VoterRoll's: a previous
/// output that this run does not write again (changes.csv without `--previous`, a list of a
/// constituency that is gone) is removed only if the manifest names it; everything else in
/// the folder, and in `published/`, is someone else's and stays.
///
/// Written last by each run (`RunOutputs`), with the run's marker (its staging folder's
/// name) and each file's size, so that a look at the folder tells whether the files are the
/// ones the manifest lists.
struct OutputManifest: Codable, Equatable {
    struct File: Codable, Equatable {
        /// Relative to the output folder: `roll.csv`, `published/第一选区.html`.
        var path: String
        var bytes: Int64
    }

    static let fileName = ".voterroll-manifest.json"
    static let tool = "voterroll"

    var tool = OutputManifest.tool
    var version = VoterRollVersion.current
    /// The run's marker (`StagedFolder.marker`).
    var run: String
    var files: [File]

    /// The manifest of the files `paths` in `folder` (their sizes read there).
    init(run: String, paths: [String], in folder: String) {
        self.run = run
        files = paths.map { path in File(path: path, bytes: StagedFolder.size(folder + "/" + path)) }
    }

    /// The manifest in `directory`, if there is one VoterRoll wrote (a regular file, this
    /// tool's, naming only names an output can have).
    static func read(in directory: String) -> OutputManifest? {
        let path = directory + "/" + fileName
        guard StagedFolder.entry(path)?.kind == .file, let data = FileManager.default.contents(atPath: path),
            let manifest = try? JSONDecoder().decode(OutputManifest.self, from: data), manifest.tool == tool
        else { return nil }
        return manifest
    }

    /// Writes the manifest into `folder` (0666 less the umask: it names files, no person).
    func write(into folder: String) throws(OutputError) {
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(self)
        } catch {
            throw OutputError(path: folder + "/" + OutputManifest.fileName, message: "cannot encode: \(error)")
        }
        let file = try AtomicFile(path: folder + "/" + OutputManifest.fileName, isPrivate: false, staged: true)
        try file.write([UInt8](data))
        try file.write("\n")
        try file.commit()
    }

    /// The top-level outputs it names (known output names only).
    var topLevel: [String] {
        files.map(\.path).filter { OutputFolder.fileNames.contains($0) }
    }

    /// The names it lists inside `folder` (one level, no `..`).
    func names(inside folder: String) -> [String] {
        files.compactMap { file in
            guard file.path.hasPrefix(folder + "/") else { return nil }
            let name = String(file.path.dropFirst(folder.count + 1))
            return name.isEmpty || name.contains("/") || name == "." || name == ".." ? nil : name
        }
    }
}
