import Foundation

@testable import VoterRollKit

/// What the tests of the run's safety need around the built `voterroll`: scratch folders,
/// registers of any size, runs with an environment, a umask or a file-size limit, and the
/// output folder as bytes.
enum OutputFolderSupport {
    static let executable = VoterRollProcess.executable.path

    /// Whether this build honours `VOTERROLL_FAULT` (debug builds only).
    static var injectsFaults: Bool {
        #if DEBUG
            true
        #else
            false
        #endif
    }

    static func scratch(_ name: String = "safety") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A register of `people` adults with valid ID numbers, spread over `constituencies`, as CSV.
    static func register(people: Int, constituencies: [String] = ["第一选区", "第二选区"], first: Int = 1) -> String {
        var text = "序号,选区,选民小组,姓名,性别,出生日期,公民身份号码\n"
        for number in first..<(first + people) {
            let body = String(format: "370102%04d%02d%02d%03d", 1940 + number % 60, 1 + number % 12, 1 + number % 28, number % 1000)
            let check = ReportTests.checkDigit(body)
            let constituency = constituencies[number % constituencies.count]
            text += "\(number),\(constituency),第一组,张\(number)明,\(number % 2 == 0 ? "女" : "男"),,\(body)\(check)\n"
        }
        return text
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    /// Runs `voterroll` (`VoterRollProcess.run`), with `environment` added to this process's,
    /// after the shell commands `prelude` (a umask, a file-size limit) when given.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], prelude: String? = nil
    ) throws -> VoterRollProcess.Result {
        try VoterRollProcess.run(arguments, environment: environment, prelude: prelude)
    }

    /// Every output in `folder` by relative path (published/ included, the manifest too): not
    /// the store, the lock, or what a run in progress keeps in its staging folder.
    static func outputs(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
        for case let name as String in walker {
            let top = name.split(separator: "/").first.map(String.init) ?? name
            if top.hasPrefix("voterroll.sqlite") || top == ".voterroll.lock" || OutputLeftovers.isLeftover(top) { continue }
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return files
    }

    /// What a run left of its own in `folder` (staging folders, temporary files).
    static func leftovers(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter(OutputLeftovers.isLeftover).sorted()
    }

    /// Whether a staging folder in `folder` holds the journal of a swap under way.
    static func swapUnderWay(_ folder: URL) -> Bool {
        leftovers(folder).contains { name in
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).appendingPathComponent(StagedFolder.journalName).path)
        }
    }

    /// The runs recorded in `folder`'s store.
    static func recordedRuns(_ folder: URL) throws -> Int {
        try SQLiteRunStore(path: folder.appendingPathComponent("voterroll.sqlite").path).history().count
    }

    /// Whether the files in `folder` are exactly the set its manifest lists, at the sizes it lists.
    static func matchesItsManifest(_ folder: URL) throws -> Bool {
        guard let manifest = OutputManifest.read(in: folder.path) else { return false }
        var listed = Set(manifest.files.map(\.path))
        listed.insert(OutputManifest.fileName)
        let present = try outputs(folder)
        let ours = present.keys.filter { path in
            OutputFolder.fileNames.contains(path) || OutputFolder.folders.contains { path.hasPrefix($0 + "/") } || path == OutputManifest.fileName
        }
        guard Set(ours) == listed else { return false }
        return manifest.files.allSatisfy { Int64(present[$0.path]?.count ?? -1) == $0.bytes }
    }

    /// The mode bits of the file at `url`.
    static func mode(_ url: URL) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? -1
    }
}
