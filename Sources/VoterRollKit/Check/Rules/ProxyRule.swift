/// Checks the proxies list (委托投票) as the Election Law has it (第四十二条): a voter away
/// during the election may, with the committee's consent, appoint in writing one other voter
/// to vote for them; an agent accepts at most three proxies.
///
/// Per list row, in list order:
/// - the agent must be on the clean roll (`proxy.agent-not-eligible`), and accepts at most three
///   principals (`proxy.over-limit` on the fourth and later; the same entrustment written twice
///   counts once);
/// - the principal must be on the clean roll (`proxy.principal-not-eligible`) and away — on the
///   moved-out list — else `proxy.principal-not-away` (a warning: the committee may know why);
/// - a principal naming two different agents: `proxy.principal-two-agents` on each of their
///   rows, and neither proxy counts (not against the agents' limit, not in the share);
/// - a form dated after election day, or whose date cannot be read: `proxy.date-invalid`;
/// - after the rows, per constituency: counted proxies above `options.proxyShareWarning` of its
///   voters give `proxy.share-high` on the constituency, with the share.
///
/// A decision rule too: it notes each kept voter's constituency (the share's denominator) and
/// where each principal is on the roll (its numerator).
final class ProxyRule: DecisionRule, ClosingRule, ReadsColumns {
    static let role = HeaderRole.list(.proxies)
    static let neededColumns = NeededColumns([[.principalID], [.agentID]])
    static let maximumPerAgent = 3

    /// Kept voters per constituency, by the constituency's bytes.
    private var constituencies = TextInterner()
    private var voters: [Int] = []
    /// The constituency (its number in `constituencies`) of each principal kept on the roll.
    private var principalConstituency: [ResidentID: Int] = [:]

    func decided(_ person: PersonRecord, _ decision: Decision, in context: CheckContext, sink: any FindingSink) throws {
        guard decision.isKept, !context.lists.proxies.isEmpty else { return }
        let number = constituencies.number(person.constituency)
        if number == voters.count { voters.append(0) }
        voters[number] += 1
        if let id = person.id, context.lists.principals.contains(id), principalConstituency[id] == nil {
            principalConstituency[id] = number
        }
    }

    func close(in context: CheckContext, sink: any FindingSink) throws {
        let away = Set((context.lists.entries[.movedOut] ?? []).compactMap(\.id))
        let result = check(
            context.lists.proxies, onCleanRoll: context.people.isOnCleanRoll, isAway: { away.contains($0) },
            electionDay: context.electionDay, dates: context.dates)
        for finding in result.findings { try sink.report(finding, on: .list) }
        // The share per constituency, of the proxies that count.
        var proxies = [Int](repeating: 0, count: voters.count)
        for principal in result.counted {
            if let number = principalConstituency[principal] { proxies[number] += 1 }
        }
        let file = context.lists.proxies.first?.source.file ?? ""
        for (number, name) in constituencies.texts.enumerated() where voters[number] > 0 {
            let share = Double(proxies[number]) / Double(voters[number])
            guard share > context.options.proxyShareWarning else { continue }
            let percent = (share * 1000).rounded() / 10
            try sink.report(
                Finding(
                    code: .proxyShareHigh, address: CellAddress(file: file, row: 1), columnName: "选区", value: name,
                    evidence: "委托投票 \(proxies[number]) 人 / 选民 \(voters[number]) 人 = \(percent)%（提示线 \(Int((context.options.proxyShareWarning * 100).rounded()))%）"),
                on: .person(constituency: name, rollRow: nil))
        }
    }

    /// What the rows say, and the principals whose proxy counts.
    struct Result {
        var findings: [Finding] = []
        var counted: [ResidentID] = []
    }

    func check(
        _ entries: [ProxyEntry], onCleanRoll: (ResidentID) -> Bool, isAway: (ResidentID) -> Bool = { _ in true },
        electionDay: CivilDate, dates: DateParser = DateParser()
    ) -> Result {
        // The distinct agents each principal names: two or more, and none of theirs counts.
        var agentsOf: [ResidentID: [ResidentID]] = [:]
        var rowsOf: [ResidentID: [CellAddress]] = [:]
        for entry in entries {
            guard let principal = entry.principal else { continue }
            rowsOf[principal, default: []].append(entry.source)
            if let agent = entry.agent, agentsOf[principal]?.contains(agent) != true { agentsOf[principal, default: []].append(agent) }
        }
        var result = Result()
        var accepted: [ResidentID: [ResidentID]] = [:]
        var seen: Set<ResidentID> = []
        for entry in entries {
            let twoAgents = entry.principal.map { (agentsOf[$0]?.count ?? 0) > 1 } ?? false
            if let agent = entry.agent {
                if !onCleanRoll(agent) {
                    result.findings.append(entry.finding(.proxyAgentNotEligible, at: entry.agentID))
                }
                if let principal = entry.principal, !twoAgents, accepted[agent]?.contains(principal) != true {
                    accepted[agent, default: []].append(principal)
                    let count = accepted[agent, default: []].count
                    if count > ProxyRule.maximumPerAgent {
                        result.findings.append(entry.finding(.proxyOverLimit, at: entry.agentID, evidence: "\(count)"))
                    }
                }
            }
            let dateIsValid = checkDate(entry, electionDay: electionDay, dates: dates, into: &result.findings)
            guard let principal = entry.principal else { continue }
            if !onCleanRoll(principal) {
                result.findings.append(entry.finding(.proxyPrincipalNotEligible, at: entry.principalID))
            } else if !isAway(principal) {
                result.findings.append(entry.finding(.proxyPrincipalNotAway, at: entry.principalID))
            }
            if twoAgents {
                let others = (rowsOf[principal] ?? []).filter { $0 != entry.source }.map(\.rowReference)
                result.findings.append(entry.finding(.proxyPrincipalTwoAgents, at: entry.principalID, evidence: others.joined(separator: ", ")))
                continue
            }
            let agentCounts =
                entry.agent.map { agent in
                    onCleanRoll(agent) && (accepted[agent]?.firstIndex(of: principal) ?? ProxyRule.maximumPerAgent) < ProxyRule.maximumPerAgent
                } ?? false
            if agentCounts, dateIsValid, onCleanRoll(principal), seen.insert(principal).inserted {
                result.counted.append(principal)
            }
        }
        return result
    }

    /// A form dated after election day, or with a date that cannot be read, does not count.
    /// A list without a date column, or a row without a date, says nothing about it.
    private func checkDate(_ entry: ProxyEntry, electionDay: CivilDate, dates: DateParser, into findings: inout [Finding]) -> Bool {
        let value = entry.date
        guard value.column != nil, !value.trimmed.isEmpty else { return true }
        guard let date = dates.parse(value.text, cellIsNumeric: value.kind == .number) else {
            findings.append(entry.finding(.proxyDateInvalid, at: value, evidence: "选举日 \(electionDay.iso8601)"))
            return false
        }
        if date.isAfter(electionDay) {
            findings.append(entry.finding(.proxyDateInvalid, at: value, evidence: "选举日 \(electionDay.iso8601)"))
            return false
        }
        return true
    }
}
