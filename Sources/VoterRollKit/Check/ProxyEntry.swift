/// One row of the proxies list (委托投票): a principal who asks an agent to vote for them.
struct ProxyEntry: Sendable {
    let source: CellAddress
    let principalID: RawValue
    let principalName: RawValue
    let agentID: RawValue
    let agentName: RawValue
    let principal: ResidentID?
    let agent: ResidentID?
    /// The date the proxy form was signed (委托日期), `.absent` when the list has no such column.
    var date: RawValue = .absent

    func finding(_ code: FindingCode, at value: RawValue, evidence: String? = nil) -> Finding {
        let isAgent = value == agentID || value == agentName
        let name = (isAgent ? agentName : principalName).trimmed
        let id = isAgent ? agent?.canonical ?? agentID.trimmed : principal?.canonical ?? principalID.trimmed
        return Finding(
            code: code, address: CellAddress(file: source.file, sheet: source.sheet, row: source.row, column: value.column),
            columnName: value.header, value: value.text, name: name.isEmpty ? nil : name,
            idNumber: id.isEmpty ? nil : id, evidence: evidence)
    }
}
