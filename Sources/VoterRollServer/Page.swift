import Foundation
import VoterRollKit

/// The pages' HTML: Chinese by default, English with `?lang=en`; no inline script or style (the
/// CSP is `default-src 'self'`), the style sheet served as `/static/app.css`.
struct Page {
    var language: Language
    /// The logged-in user's name and CSRF token, for the header's log-out form.
    var user: String?
    var csrfToken: String?

    /// The Chinese or the English text.
    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A path segment (a township's name) in a URL.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ""
    }

    /// The CSRF token as a hidden field of a form.
    var csrfField: String {
        csrfToken.map { "<input type=\"hidden\" name=\"csrf_token\" value=\"\(Self.escape($0))\">" } ?? ""
    }

    /// A whole page around `body`; `refresh` reloads it every so many seconds (a run's progress).
    func render(title: String, body: String, refresh: Int? = nil) -> String {
        var header = "<header><a class=\"brand\" href=\"/\">\(t("选民名单核查", "VoterRoll"))</a>"
        let other = language == .zh ? "<a href=\"?lang=en\">English</a>" : "<a href=\"?lang=zh\">中文</a>"
        header += "<nav>\(other)"
        if let user {
            header += " <span class=\"who\">\(Self.escape(user))</span>"
            header += "<form method=\"post\" action=\"/logout\" class=\"inline\">\(csrfField)<button type=\"submit\">\(t("退出", "Log out"))</button></form>"
        }
        header += "</nav></header>"
        let meta = refresh.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\(meta)
            <title>\(Self.escape(title))</title><link rel="stylesheet" href="/static/app.css"></head>
            <body>\(header)<main><h1>\(Self.escape(title))</h1>
            \(body)
            </main></body></html>
            """
    }

    /// A table; cells are HTML already.
    static func table(_ head: [String], _ rows: [[String]], id: String? = nil) -> String {
        var html = "<table\(id.map { " id=\"\($0)\"" } ?? "")><thead><tr>" + head.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows { html += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        return html + "</tbody></table>"
    }

    static func bytes(_ count: Int64) -> String {
        count < 1024 ? "\(count) B" : count < 1024 * 1024 ? String(format: "%.1f KB", Double(count) / 1024) : String(format: "%.1f MB", Double(count) / 1_048_576)
    }

    /// The style sheet every page links.
    static let styleSheet = """
        :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #0b5cad; --error: #b42318; --warning: #a15c07; --ok: #1a7f37; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; color: var(--ink); background: #f5f7fa; }
        header { display: flex; justify-content: space-between; align-items: center; padding: 10px 24px; background: var(--accent); color: #fff; }
        header a { color: #fff; text-decoration: none; margin-right: 12px; }
        header .brand { font-weight: 700; font-size: 18px; }
        header .who { margin: 0 10px; }
        header button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
        main { max-width: 1040px; margin: 24px auto; padding: 24px 32px; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
        h1 { font-size: 22px; margin-top: 0; }
        h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
        th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
        th { background: #f0f4f8; font-weight: 600; }
        a { color: var(--accent); }
        form.inline { display: inline; }
        label { display: block; margin: 10px 0 4px; font-weight: 600; }
        input[type=text], input[type=password], input[type=date] { width: 280px; padding: 6px 8px; border: 1px solid #9aa5b1; border-radius: 4px; font: inherit; }
        button.primary, a.button { margin-right: 12px; display: inline-block; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 8px 20px; font: inherit; cursor: pointer; text-decoration: none; }
        .banner { padding: 12px 16px; border-radius: 6px; margin: 12px 0; border: 1px solid; }
        .banner.error { background: #fef3f2; border-color: #fda29b; color: var(--error); }
        .banner.warning { background: #fffaeb; border-color: #fec84b; color: var(--warning); }
        .banner.ok { background: #ecfdf3; border-color: #75e0a7; color: var(--ok); }
        .drops { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; margin: 12px 0; }
        .drop { border: 2px dashed #9aa5b1; border-radius: 8px; padding: 10px 12px; background: #fafbfc; }
        .drop:hover { border-color: var(--accent); }
        .drop strong { display: block; }
        .drop input[type=file] { width: 100%; padding: 14px 0; }
        .note { color: var(--muted); font-size: 13px; }
        .state-done { color: var(--ok); } .state-failed { color: var(--error); } .state-running, .state-queued { color: var(--warning); }
        progress { width: 320px; height: 16px; }
        .error-text { color: var(--error); }
        code, .id { font-family: Consolas, "DejaVu Sans Mono", monospace; }
        """
}
