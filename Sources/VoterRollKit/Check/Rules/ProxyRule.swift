/// Checks the proxies list (委托投票) against the clean roll.
///
/// An agent accepts at most three proxies (选举法 art. 42): the fourth and later are flagged.
/// Both principal and agent must be on the clean roll; a principal appoints one agent.
final class ProxyRule: ClosingRule, ReadsColumns {
    static let role = HeaderRole.list(.proxies)
    static let neededColumns = NeededColumns([[.principalID], [.agentID]])
    static let maximumPerAgent = 3

    func close(in context: CheckContext, sink: any FindingSink) throws {
        for finding in check(context.lists.proxies, onCleanRoll: context.people.isOnCleanRoll) {
            try sink.report(finding, on: .list)
        }
    }

    func check(_ entries: [ProxyEntry], onCleanRoll: (ResidentID) -> Bool) -> [Finding] {
        var findings: [Finding] = []
        var accepted: [ResidentID: Int] = [:]
        var firstAgent: [ResidentID: (agent: ResidentID?, source: CellAddress)] = [:]
        for entry in entries {
            if let agent = entry.agent {
                if !onCleanRoll(agent) {
                    findings.append(entry.finding(.proxyAgentNotEligible, at: entry.agentID))
                }
                accepted[agent, default: 0] += 1
                if accepted[agent, default: 0] > ProxyRule.maximumPerAgent {
                    findings.append(
                        entry.finding(.proxyOverLimit, at: entry.agentID, evidence: "\(accepted[agent, default: 0])"))
                }
            }
            if let principal = entry.principal {
                if !onCleanRoll(principal) {
                    findings.append(entry.finding(.proxyPrincipalNotEligible, at: entry.principalID))
                }
                if let first = firstAgent[principal] {
                    if first.agent != entry.agent {
                        findings.append(
                            entry.finding(.proxyDuplicatePrincipal, at: entry.principalID, evidence: first.source.rowReference))
                    }
                } else {
                    firstAgent[principal] = (entry.agent, entry.source)
                }
            }
        }
        return findings
    }
}
