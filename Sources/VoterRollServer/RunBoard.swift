import Foundation
import Logging
import VoterRollJob
import VoterRollKit


/// A township's runs: each in `DIR/<township>/runs/<id>/` with `inputs/`, `outputs/` and
/// `status.json`, run in the background one at a time per township (a serial queue per
/// township, and the township folder's `RunLock` against a second server on the same folder),
/// through `Job.run` — the same job as `voterroll run`.
final class RunBoard: @unchecked Sendable {
    /// What the pages and the API show of a run.
    struct Status: Codable, Sendable, Equatable {
        enum State: String, Codable, Sendable {
            case queued, running, done, failed
        }

        struct Input: Codable, Sendable, Equatable {
            var role: String
            /// The name the clerk's file had (shown only; the stored file has its own name).
            var name: String
            var stored: String
        }

        var id: Int
        var township: String
        var user: String
        var state: State
        var createdAt: String
        var startedAt: String?
        var finishedAt: String?
        var electionDay: String
        var postingDay: String?
        var inputs: [Input]
        /// The stage and rows of a running run.
        var stage: String?
        var rows: Int?
        /// 0 clean, 1 findings at `fail_on`; 2–4 the run failed (`message` says why).
        var exitStatus: Int32?
        var message: String?
        var errors: Int?
        var warnings: Int?
        var kept: Int?
        var excluded: Int?
        /// People on the roll: register rows kept, and in-migrants and people an appeal added.
        var registered: Int?

        enum CodingKeys: String, CodingKey {
            case id, township, user, state, inputs, stage, rows, message, errors, warnings, kept, excluded, registered
            case createdAt = "created_at"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
            case electionDay = "election_day"
            case postingDay = "posting_day"
            case exitStatus = "exit_status"
        }
    }

    let dataDirectory: String
    let storeLocation: String
    let logger: Logger
    private let lock = NSLock()
    private var queues: [String: DispatchQueue] = [:]
    private var live: [String: Status] = [:]

    init(dataDirectory: String, storeLocation: String, logger: Logger) {
        self.dataDirectory = dataDirectory
        self.storeLocation = storeLocation
        self.logger = logger
    }

    /// Marks the runs a stopped server left queued or running as failed: they will not finish
    /// (their output folder's lock died with that server, and the outputs were swapped in
    /// whole or not at all).
    func failInterrupted() {
        let townships = (try? FileManager.default.contentsOfDirectory(atPath: dataDirectory)) ?? []
        for township in townships where TownshipName.validated(township) == township {
            for id in runIDs(township) {
                guard let status = status(township, id), status.state == .queued || status.state == .running else { continue }
                update(township, id) { status in
                    status.state = .failed
                    status.exitStatus = 3
                    status.message = "the server stopped before the run ended; start it again"
                    status.finishedAt = Self.timestamp()
                }
                lock.withLock { _ = live.removeValue(forKey: "\(township)/\(id)") }
            }
        }
    }

    func townshipFolder(_ township: String) -> String { dataDirectory + "/" + township }
    func runFolder(_ township: String, _ id: Int) -> String { townshipFolder(township) + "/runs/\(id)" }
    func outputFolder(_ township: String, _ id: Int) -> String { runFolder(township, id) + "/outputs" }

    /// A new run's folder and number (the next after the township's highest), with its inputs
    /// folder made, so the upload can be stored.
    func reserve(_ township: String) throws -> Int {
        try lock.withLock {
            let runs = townshipFolder(township) + "/runs"
            try PrivateFile.makeFolder(runs)
            var id = (runIDs(township).max() ?? 0) + 1
            while true {
                do {
                    try FileManager.default.createDirectory(atPath: runs + "/\(id)", withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                    break
                } catch {
                    guard FileManager.default.fileExists(atPath: runs + "/\(id)") else { throw error }
                    id += 1
                }
            }
            try PrivateFile.makeFolder(runs + "/\(id)/inputs")
            return id
        }
    }

    /// The township's run numbers.
    func runIDs(_ township: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: townshipFolder(township) + "/runs")) ?? []
        return names.compactMap { name in Int(name).flatMap { $0 > 0 && String($0) == name ? $0 : nil } }
    }

    /// A run's status: the live one while it runs, else the one saved.
    func status(_ township: String, _ id: Int) -> Status? {
        if let status = lock.withLock({ live["\(township)/\(id)"] }) { return status }
        guard let data = FileManager.default.contents(atPath: runFolder(township, id) + "/status.json") else { return nil }
        return try? JSONDecoder().decode(Status.self, from: data)
    }

    /// The township's runs, newest first.
    func statuses(_ township: String) -> [Status] {
        runIDs(township).sorted(by: >).compactMap { status(township, $0) }
    }

    private func save(_ status: Status) {
        lock.withLock { live["\(status.township)/\(status.id)"] = status }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try PrivateFile.write(try encoder.encode(status), to: runFolder(status.township, status.id) + "/status.json")
        } catch {
            logger.error("cannot save a run's status", metadata: ["run": "\(status.township)/\(status.id)", "error": "\(error)"])
        }
    }

    private func update(_ township: String, _ id: Int, _ change: (inout Status) -> Void) {
        guard var status = status(township, id) else { return }
        change(&status)
        save(status)
    }

    /// Queues a run whose inputs are stored; it starts when the township's previous run ends.
    /// `done` is called when it has finished (tests wait for it).
    func start(_ status: Status, options: CheckOptions, inputs: CheckInputs, done: (@Sendable () -> Void)? = nil) {
        save(status)
        let queue = lock.withLock {
            if let queue = queues[status.township] { return queue }
            let queue = DispatchQueue(label: "voterroll.township.\(queues.count)")
            queues[status.township] = queue
            return queue
        }
        queue.async { [self] in
            execute(status.township, status.id, options: options, inputs: inputs)
            lock.withLock { _ = live.removeValue(forKey: "\(status.township)/\(status.id)") }
            done?()
        }
    }

    private func execute(_ township: String, _ id: Int, options: CheckOptions, inputs: CheckInputs) {
        let stamp = Self.timestamp
        update(township, id) { status in
            status.state = .running
            status.startedAt = stamp()
        }
        // The township's lock: a second server (or a cron job) on the same folder waits its turn
        // by failing this run with the holder named, as `voterroll run` exits 4.
        let townshipLock: RunLock
        do {
            townshipLock = try RunLock(directory: townshipFolder(township))
        } catch {
            update(township, id) { status in
                status.state = .failed
                status.exitStatus = 4
                status.message = "\(error)"
                status.finishedAt = stamp()
            }
            return
        }
        defer { withExtendedLifetime(townshipLock) {} }
        let progress: @Sendable (CheckRun.Progress) -> Void = { [weak self] progress in
            self?.lock.withLock {
                self?.live["\(township)/\(id)"]?.stage = progress.stage
                self?.live["\(township)/\(id)"]?.rows = progress.rows
            }
        }
        do {
            let summary = try Job.run(
                name: "serve", inputs: inputs, options: options, outputDirectory: outputFolder(township, id),
                storeLocation: storeLocation, logger: logger, progress: progress)
            update(township, id) { status in
                status.state = .done
                status.exitStatus = summary.exitStatus
                status.errors = summary.bySeverity["error", default: 0]
                status.warnings = summary.bySeverity["warning", default: 0]
                status.kept = summary.kept
                status.registered = summary.registered
                status.excluded = summary.excluded
                status.finishedAt = stamp()
            }
        } catch {
            logger.error("a run failed", metadata: ["run": "\(township)/\(id)", "error": "\(error.description)"])
            update(township, id) { status in
                status.state = .failed
                status.exitStatus = error.exitStatus
                status.message = error.description
                status.finishedAt = stamp()
            }
        }
    }

    /// UTC, ISO 8601 with milliseconds (two runs of a township are told apart in time).
    static let timestamp: @Sendable () -> String = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// The files a finished run wrote, as its manifest (`.voterroll-manifest.json`) lists them:
    /// the only names `files/{name}` serves.
    func outputs(_ township: String, _ id: Int) -> [(path: String, bytes: Int64)] {
        struct Manifest: Decodable {
            struct File: Decodable {
                var path: String
                var bytes: Int64
            }
            var tool: String
            var files: [File]
        }
        let folder = outputFolder(township, id)
        guard let data = FileManager.default.contents(atPath: folder + "/.voterroll-manifest.json"),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data), manifest.tool == "voterroll"
        else { return [] }
        return manifest.files.map { ($0.path, $0.bytes) }
    }

    /// The path of output `name` of a run, when the run's manifest lists it and it is a regular
    /// file inside the run's output folder (no link, no `..`); nil otherwise.
    func outputPath(_ township: String, _ id: Int, name: String) -> String? {
        guard outputs(township, id).contains(where: { $0.path == name }) else { return nil }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("\0") }) else { return nil }
        let folder = outputFolder(township, id)
        let path = folder + "/" + name
        // Not followed: a link, even to a file inside, is not served.
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType, type == .typeRegular else {
            return nil
        }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let base = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(base + "/") else { return nil }
        return path
    }
}
