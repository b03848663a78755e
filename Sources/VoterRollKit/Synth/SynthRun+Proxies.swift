/// The proxies list (委托投票): ordinary proxies, and one group per proxy defect dealt.
extension SynthRun {
    private static let reasons = ["外出务工", "年老体弱", "在外求学", "外出经商", "行动不便"]

    /// Builds the proxies list from the candidates gathered while streaming.
    func buildProxies() {
        var candidates = proxyCandidates
        candidates.shuffle(&listRandom)
        var groups: [[SynthListRow]] = []
        for defect in proxyDefects {
            if let group = proxyGroup(defect, &candidates) { groups.append(group) }
        }
        for _ in 0..<(options.rows / 500) {
            guard let group = proxyGroup(nil, &candidates) else { break }
            groups.append(group)
        }
        listRandom.shuffle(&groups)
        lists[.proxies] = groups.flatMap { $0 }
    }

    /// One agent's rows (or a principal's two), in file order; nil when the candidates ran out.
    private func proxyGroup(_ defect: SynthDefect?, _ candidates: inout SynthProxyCandidates) -> [SynthListRow]? {
        switch defect {
        case .proxyOverLimit:
            // Four or five principals: the fourth and later are over the limit of three.
            let count = listRandom.int(in: 4...5)
            guard let agent = candidates.takeVoter(), let principals = away(count, &candidates) else { return nil }
            return principals.enumerated().map { index, principal in
                proxyRow(principal, agent, codes: index >= 3 ? [.proxyOverLimit] : [])
            }
        case .proxyAgentNotEligible:
            guard let principal = candidates.takeAway() else { return nil }
            let agent = listRandom.chance(0.5) ? candidates.takeMinor() ?? stranger() : stranger()
            return [proxyRow(principal, agent, codes: [.proxyAgentNotEligible])]
        case .proxyPrincipalNotEligible:
            guard let agent = candidates.takeVoter() else { return nil }
            let principal: SynthPerson
            switch listRandom.below(3) {
            case 0: principal = candidates.takeExcluded() ?? stranger()
            case 1: principal = candidates.takeMinor() ?? stranger()
            default: principal = stranger()
            }
            return [proxyRow(principal, agent, codes: [.proxyPrincipalNotEligible])]
        case .proxyTwoAgents:
            // Neither proxy counts: both rows are flagged.
            guard let principal = candidates.takeAway(), let agents = voters(2, &candidates) else { return nil }
            return agents.map { proxyRow(principal, $0, codes: [.proxyPrincipalTwoAgents]) }
        case .proxyPrincipalNotAway:
            guard let agent = candidates.takeVoter(), let principal = candidates.takeVoter() else { return nil }
            return [proxyRow(principal, agent, codes: [.proxyPrincipalNotAway])]
        case .proxyDateInvalid:
            guard let agent = candidates.takeVoter(), let principal = candidates.takeAway() else { return nil }
            let date = listRandom.chance(0.7) ? listDate(day(listRandom.int(in: 1...20))) : .text(listRandom.pick(["不详", "待补"]))
            return [proxyRow(principal, agent, codes: [.proxyDateInvalid], date: date)]
        default:
            let count = listRandom.pick([1, 1, 1, 1, 1, 1, 2, 2, 2, 3])
            guard let agent = candidates.takeVoter(), let principals = away(count, &candidates) else { return nil }
            return principals.map { proxyRow($0, agent, codes: []) }
        }
    }

    /// `count` people away (the principals), or nil when they ran out.
    private func away(_ count: Int, _ candidates: inout SynthProxyCandidates) -> [SynthPerson]? {
        take(count, &candidates) { $0.takeAway() }
    }

    /// `count` voters at home (the agents), or nil when they ran out.
    private func voters(_ count: Int, _ candidates: inout SynthProxyCandidates) -> [SynthPerson]? {
        take(count, &candidates) { $0.takeVoter() }
    }

    private func take(
        _ count: Int, _ candidates: inout SynthProxyCandidates, _ next: (inout SynthProxyCandidates) -> SynthPerson?
    ) -> [SynthPerson]? {
        var people: [SynthPerson] = []
        for _ in 0..<count {
            guard let person = next(&candidates) else { return nil }
            people.append(person)
        }
        return people
    }

    /// Someone on no roll of this township.
    private func stranger() -> SynthPerson {
        population.make(.init(age: .adult, region: .elsewhere))
    }

    /// A proxy row; the form's date is some days before election day unless given.
    private func proxyRow(_ principal: SynthPerson, _ agent: SynthPerson, codes: [FindingCode], date: SynthCell? = nil) -> SynthListRow {
        SynthListRow(
            cells: [
                .text(principal.name), .text(principal.id.canonical), .text(agent.name), .text(agent.id.canonical),
                .text(listRandom.pick(Self.reasons)), date ?? listDate(day(-listRandom.int(in: 3...60))),
            ], codes: codes)
    }
}
