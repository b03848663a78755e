import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import VoterRollKit

/// A township's runs: the list, a new run (the upload), one run, its report and its files.
extension VoterRollServer {
    /// The form fields that take files: the register (repeatable) and each list.
    static let fileFields: [String] = ["roll"] + ListKind.allCases.map(\.rawValue)
    /// What an upload's name may end with (the format itself is told from the bytes).
    static let fileExtensions: Set<String> = ["csv", "tsv", "txt", "xlsx", "xml", "xls", "et"]

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")

    /// `POST /api/townships/{t}/runs` and the new-run page's form: stores the upload under
    /// `DIR/<t>/runs/<id>/inputs/` and queues the run. 413 past a limit, before anything is
    /// stored; 403 without the CSRF token.
    func newRun(_ request: Request, _ context: BasicRequestContext, page: Bool) async throws -> Response {
        let caller = try requireCaller(request, page: page)
        let township = try township(context, for: caller)
        let headerToken = Self.csrfHeader.flatMap { request.headers[$0] }
        // A script sends the token as a header, checked before the body is read; a page's
        // form sends it as a field, checked before anything of the body is stored.
        if headerToken != nil { try requireCSRF(request, caller) }
        guard let boundary = request.headers[.contentType].flatMap(Multipart.boundary(contentType:)) else {
            if headerToken == nil { try requireCSRF(request, caller) }
            throw HTTPError(.badRequest, message: "send the run as multipart/form-data")
        }
        let limits = configuration.limits
        let form: Multipart
        do {
            form = try Multipart(body: try await Self.readBody(request, limit: limits.requestBytes), boundary: boundary)
        } catch let error as Multipart.Failure {
            if headerToken == nil { try requireCSRF(request, caller) }
            throw HTTPError(.badRequest, message: "the form could not be read: \(error)")
        }
        if headerToken == nil { try requireCSRF(request, caller, formToken: form.parts.first { $0.name == "csrf_token" }?.text) }

        func field(_ name: String) -> String? {
            form.parts.first { $0.name == name && $0.filename == nil }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let electionText = field("election_day"), let electionDay = CivilDate(electionText) else {
            throw HTTPError(.badRequest, message: "election_day is needed, as YYYY-MM-DD")
        }
        var postingDay: CivilDate?
        if let text = field("posting_day") {
            guard let day = CivilDate(text) else { throw HTTPError(.badRequest, message: "posting_day is not a date (YYYY-MM-DD)") }
            postingDay = day
        }
        // A browser sends an empty part for a file input left empty.
        let files = form.parts.filter { $0.filename != nil && !($0.filename?.isEmpty ?? true) }
        guard files.count <= limits.files else {
            throw HTTPError(.contentTooLarge, message: "at most \(limits.files) files in one run")
        }
        if let big = files.first(where: { $0.body.count > limits.fileBytes }) {
            throw HTTPError(.contentTooLarge, message: "\(big.filename ?? big.name) is larger than \(limits.fileBytes) bytes")
        }
        var seenLists: Set<String> = []
        for file in files {
            guard Self.fileFields.contains(file.name) else { throw HTTPError(.badRequest, message: "unknown file field '\(file.name)'") }
            guard file.name == "roll" || seenLists.insert(file.name).inserted else {
                throw HTTPError(.badRequest, message: "one file per list: '\(file.name)' was sent twice")
            }
            let suffix = (file.filename ?? "").split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard Self.fileExtensions.contains(suffix) else {
                throw HTTPError(.badRequest, message: "'\(file.filename ?? "")': send CSV, XLSX or XML (also TSV, XLS)")
            }
        }
        guard files.contains(where: { $0.name == "roll" }) else { throw HTTPError(.badRequest, message: "at least one register file (roll) is needed") }

        let id = try board.reserve(township)
        let folder = board.runFolder(township, id) + "/inputs"
        var stored: [RunBoard.Status.Input] = []
        var rolls: [String] = []
        var lists: [ListKind: String] = [:]
        for (index, file) in files.enumerated() {
            let name = "\(index + 1)-" + Self.storedName(file.filename ?? "", role: file.name)
            try PrivateFile.write(Data(file.body), to: folder + "/" + name)
            stored.append(.init(role: file.name, name: String((file.filename ?? "").suffix(200)), stored: name))
            if file.name == "roll" {
                rolls.append(folder + "/" + name)
            } else if let kind = ListKind(rawValue: file.name) {
                lists[kind] = folder + "/" + name
            }
        }
        var options = CheckOptions(electionDay: electionDay, language: Self.language(request))
        options.township = township
        options.postingDay = postingDay
        // A clerk works in Excel or WPS: the roll and lists as .xlsx, and their own files back
        // with every finding's cell marked (annotated/, issue 23).
        options.formats = [.csv, .xlsx, .annotated]
        let status = RunBoard.Status(
            id: id, township: township, user: caller.user.name, state: .queued, createdAt: RunBoard.timestamp(),
            electionDay: electionText, postingDay: postingDay.map { "\($0)" }, inputs: stored)
        board.start(status, options: options, inputs: CheckInputs(rolls: rolls, lists: lists), done: runFinished)
        audit(caller.user.name, township, "run", "run \(id): " + stored.map { "\($0.role)=\($0.name)" }.joined(separator: ", "))
        if page { return Response.redirect(to: "/townships/\(Page.segment(township))/runs/\(id)", type: .normal) }
        struct Created: Encodable {
            var id: Int
            var status: String
        }
        return try Self.json(Created(id: id, status: RunBoard.Status.State.queued.rawValue), status: .accepted)
    }

    /// The clerk's file name as kept under `inputs/` (the report and findings cite it): its last
    /// path component without separators, control characters or a leading dot, at most 100
    /// characters; the role's name when nothing is left.
    static func storedName(_ filename: String, role: String) -> String {
        let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
            .trimmingCharacters(in: .whitespaces)
        while name.hasPrefix(".") { name.removeFirst() }
        let suffix = (filename as NSString).pathExtension.lowercased()
        if name.count > 100 { name = String(name.suffix(100)) }
        return name.isEmpty ? "\(role).\(suffix.isEmpty ? "csv" : suffix)" : name
    }

    /// `GET /api/townships/{t}/runs`: the township's runs, newest first.
    func apiRuns(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let caller = try requireCaller(request, page: false)
        let township = try township(context, for: caller)
        return try Self.json(board.statuses(township))
    }

    /// `GET /api/townships/{t}/runs/{id}`: the run's status and, once done, summary.json's
    /// content and its files.
    func apiRun(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let caller = try requireCaller(request, page: false)
        let township = try township(context, for: caller)
        let id = try runID(context, township)
        guard let status = board.status(township, id) else { throw HTTPError(.notFound) }
        let encoder = JSONEncoder()
        guard var object = try JSONSerialization.jsonObject(with: encoder.encode(status)) as? [String: Any] else {
            throw HTTPError(.internalServerError)
        }
        object["status"] = status.state.rawValue
        if status.state == .done {
            let folder = board.outputFolder(township, id)
            if let data = FileManager.default.contents(atPath: folder + "/summary.json") {
                object["summary"] = try JSONSerialization.jsonObject(with: data)
            }
            object["files"] = board.outputs(township, id).map { ["name": $0.path, "bytes": $0.bytes] as [String: Any] }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `GET /townships/{t}/runs/{id}/files/{name}`: an output the run's manifest lists, by its
    /// name there (`roll.csv`, `published/第一选区.html`); anything else is 404.
    func file(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let caller = try requireCaller(request, page: true)
        let township = try township(context, for: caller)
        let id = try runID(context, township)
        let name = context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? "" }.joined(separator: "/")
        guard let path = board.outputPath(township, id, name: name), let data = FileManager.default.contents(atPath: path) else {
            throw HTTPError(.notFound)
        }
        audit(caller.user.name, township, "download", "run \(id): \(name)")
        let base = (name as NSString).lastPathComponent
        let type: String = switch (base as NSString).pathExtension.lowercased() {
        case "csv": "text/csv; charset=utf-8"
        case "json": "application/json"
        case "jsonl": "application/x-ndjson"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "html": "text/html; charset=utf-8"
        default: "application/octet-stream"
        }
        // Downloaded, never shown inline: an output holds what the spreadsheets held.
        let ascii = base.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" && $0.value >= 0x20 } ? base : "download"
        let encoded = base.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
        return Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
                .contentSecurityPolicy: "default-src 'none'; sandbox",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `GET /townships/{t}/runs/{id}/report.html`: the run's report inside the app. Its one
    /// `<style>` and `<script>` get this response's nonce; its `style="…"` attributes (the
    /// charts' colours) are allowed by their hashes: nothing else inline runs.
    func report(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let caller = try requireCaller(request, page: true)
        let township = try township(context, for: caller)
        let id = try runID(context, township)
        guard let path = board.outputPath(township, id, name: "report.html"), let data = FileManager.default.contents(atPath: path) else {
            throw HTTPError(.notFound)
        }
        audit(caller.user.name, township, "report", "run \(id)")
        let (html, policy) = Self.reportWithNonce(String(decoding: data, as: UTF8.self), nonce: Sessions.token())
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: policy],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The report with `nonce` on its `<style>` and `<script>` tags, and the policy allowing
    /// exactly those and its style attributes.
    static func reportWithNonce(_ html: String, nonce: String) -> (String, String) {
        let tagged = html.replacingOccurrences(of: "<style>", with: "<style nonce=\"\(nonce)\">")
            .replacingOccurrences(of: "<script>", with: "<script nonce=\"\(nonce)\">")
        var hashes: Set<String> = []
        var rest = Substring(html)
        while let start = rest.range(of: " style=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            // The attribute's value as the browser sees it (the report escapes only & < > ").
            let value = String(rest[..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            hashes.insert("'sha256-\(Data(SHA256.hash(data: Data(value.utf8))).base64EncodedString())'")
            rest = rest[end...]
        }
        let styleHashes = hashes.isEmpty ? "" : " 'unsafe-hashes' " + hashes.sorted().joined(separator: " ")
        let policy = "default-src 'self'; style-src 'self' 'nonce-\(nonce)'\(styleHashes); script-src 'self' 'nonce-\(nonce)'; img-src 'self' data:"
        return (tagged, policy)
    }
}
