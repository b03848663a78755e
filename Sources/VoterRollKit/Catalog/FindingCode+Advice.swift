/// What a person reads beside a finding: its severity in words and what to do about it. One
/// wording for every output that tells a person (the report, the annotated workbooks).
extension FindingCode {
    /// What the officer does about a finding with this code.
    public func whatToDo(_ language: Language) -> String {
        let zh = language == .zh
        switch (severity, action) {
        case (.error, .exclude):
            return zh
                ? "修正源表中的这个单元格后重新运行；修正前此人不在选民名单上"
                : "Fix the cell in the source file and run again; until then the person is not on the roll"
        case (.error, .keep):
            return zh ? "修正源表后重新运行；此行仍在选民名单上" : "Fix the source file and run again; the row stays on the roll"
        case (.warning, .exclude):
            return zh ? "人工核实；此行未列入选民名单" : "Check by hand; the row is not on the roll"
        case (.warning, .keep):
            return zh ? "人工核实；如有误，修正源表后重新运行" : "Check by hand; if it is wrong, fix the source file and run again"
        case (.info, .exclude):
            return zh ? "依法不列入选民名单，无需处理" : "Not on the roll by law; nothing to do"
        case (.info, .keep):
            return zh ? "仅作记录，无需处理" : "For the record; nothing to do"
        }
    }
}

extension Severity {
    /// The severity in words: 错误, 警告, 提示.
    public func label(_ language: Language) -> String {
        switch self {
        case .error: language == .zh ? "错误" : "error"
        case .warning: language == .zh ? "警告" : "warning"
        case .info: language == .zh ? "提示" : "note"
        }
    }
}
