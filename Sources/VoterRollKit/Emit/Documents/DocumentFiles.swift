/// What a document writer wrote, for the report: how many people, and the files (relative to
/// the output folder: the register of documents first, then the pages).
struct DocumentsWritten: Sendable, Equatable {
    var people: Int
    var files: [String]
}

/// The files of one kind of document the office sends (letters to voters away, notices to home
/// offices): a CSV register of who gets one, and one HTML page per group in a folder of its
/// own, named after the group. Both are private (0600, the folder 0700): they name people.
enum DocumentFiles {
    /// A printed document's page up to its `<body>` line: Chinese, A4 from `style`'s own
    /// `@page`, no script and nothing fetched.
    static func head(title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8"/>
        <meta name="generator" content="VoterRoll \(VoterRollVersion.current)"/>
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>

        """
    }

    static func write(
        directory: String, file: String, header: [String], rows: [[String]], folder: String,
        pages: [(group: String, html: String)], people: Int, encoding: OutputEncoding
    ) throws(OutputError) -> DocumentsWritten {
        let csv = try CSVWriter(file: AtomicFile(path: directory + "/" + file, isPrivate: true, staged: true), encoding: encoding)
        try csv.writeRow(header)
        for row in rows { try csv.writeRow(row) }
        try csv.commit()
        try PublishedFileName.makeFolder(directory + "/" + folder, mode: 0o700)
        var files = [file]
        for (page, base) in zip(pages, PublishedFileName.uniqueBases(pages.map(\.group))) {
            let path = folder + "/" + base + ".html"
            let html = try AtomicFile(path: directory + "/" + path, isPrivate: true, staged: true)
            try html.write(page.html)
            try html.commit()
            files.append(path)
        }
        return DocumentsWritten(people: people, files: files)
    }
}
