import Testing

@testable import VoterRollKit

extension Rules {
    /// `ProxyRule`: the proxies list (委托投票) against the clean roll. An agent accepts at most
    /// three proxies (选举法 art. 42); principal and agent must both be on the clean roll; a
    /// principal is away and appoints one agent; a form is dated on or before election day; a
    /// constituency's share of proxies above the warning line is flagged.
    @Suite struct ProxyRuleTests {
        private static let header = "委托人姓名,委托人身份证号,受托人姓名,受托人身份证号"
        private static let agent = RuleTestSupport.id(born: "1970-01-01", sequence: 71)
        private static let otherAgent = RuleTestSupport.id(born: "1970-01-02", sequence: 71)
        private static let principals = (1...5).map { RuleTestSupport.id(born: "1971-01-0\($0)", sequence: 73) }
        private static let stranger = RuleTestSupport.id(born: "1972-02-02", sequence: 75)
        private static let deceased = RuleTestSupport.id(born: "1940-02-02", sequence: 77)

        /// Decides the register (everyone but the stranger, the deceased excluded; the principals
        /// away without a certificate unless `home` says otherwise), reads the proxies list,
        /// closes with the proxy rule.
        /// (The registers here are tiny: the share's line is 100% unless a test sets it.)
        private func run(_ rows: [String], header: String = Self.header, home: [String] = [], share: Double = 1.0, extra: [PersonRecord] = []) throws -> RuleHarness {
            let base = try RuleTestSupport.context()
            var options = base.options
            options.proxyShareWarning = share
            let context = CheckContext(options: options, lists: ListIndex(), names: base.names)
            try RuleTestSupport.load(.deceased, ["姓名,公民身份号码", "故人,\(Self.deceased)"], into: context)
            try RuleTestSupport.load(
                .movedOut, ["姓名,公民身份号码,是否开具选民资格证明"] + Self.principals.filter { !home.contains($0) }.map { "某人,\($0),否" },
                into: context)
            try RuleTestSupport.load(.proxies, [header] + rows, into: context)
            let rule = ProxyRule()
            let harness = RuleHarness(context, rows: RuleTestSupport.rowRules(context), decisions: [rule])
            let people = [Self.agent, Self.otherAgent, Self.deceased] + Self.principals
            try harness.register(
                people.enumerated().map { RuleTestSupport.person($1, name: $1 == Self.deceased ? "故人" : "某人", row: $0 + 2) } + extra)
            try harness.close([rule])
            #expect(harness.reports.allSatisfy { $0.row == .list || $0.finding.code == .proxyShareHigh })
            return harness
        }

        private static func row(_ principal: String, _ agent: String, principalName: String = "委托人", agentName: String = "受托人")
            -> String
        {
            "\(principalName),\(principal),\(agentName),\(agent)"
        }

        @Test(arguments: 1...5)
        func atMostThreePerAgent(principals count: Int) throws {
            let harness = try run(Self.principals.prefix(count).map { Self.row($0, Self.agent) })
            // The fourth and later, on their own row, counted in the evidence.
            let expected = (1...count).filter { $0 > 3 }.map {
                Brief(.proxyOverLimit, "proxies.csv:\($0 + 1):D", Self.agent, "\($0)")
            }
            #expect(harness.reported.briefs == expected)
            for finding in harness.reported {
                #expect(finding.name == "受托人")
                #expect(finding.idNumber == Self.agent)
                #expect(finding.columnName == "受托人身份证号")
            }
        }

        /// Three for each of two agents is fine: the one finding is about a principal not on the roll.
        @Test func threeEachForTwoAgents() throws {
            let rows =
                Self.principals.prefix(3).map { Self.row($0, Self.agent) } + [
                    Self.row(Self.principals[3], Self.otherAgent), Self.row(Self.principals[4], Self.otherAgent),
                    Self.row(Self.stranger, Self.otherAgent, principalName: "外人"),
                ]
            let harness = try run(rows)
            #expect(harness.reported.briefs == [Brief(.proxyPrincipalNotEligible, "proxies.csv:7:B", Self.stranger)])
        }

        /// (principal, agent, the findings on row 2): both must be on the clean roll.
        static let eligibility: [(String, String, [Brief])] = [
            (principals[0], agent, []),
            (stranger, agent, [Brief(.proxyPrincipalNotEligible, "proxies.csv:2:B", stranger)]),
            (deceased, agent, [Brief(.proxyPrincipalNotEligible, "proxies.csv:2:B", deceased)]),
            (principals[0], stranger, [Brief(.proxyAgentNotEligible, "proxies.csv:2:D", stranger)]),
            (principals[0], deceased, [Brief(.proxyAgentNotEligible, "proxies.csv:2:D", deceased)]),
            (
                stranger, deceased,
                [
                    Brief(.proxyAgentNotEligible, "proxies.csv:2:D", deceased),
                    Brief(.proxyPrincipalNotEligible, "proxies.csv:2:B", stranger),
                ]
            ),
            // A number that is not valid: the loader says why; nothing more about that side.
            (
                RuleTestSupport.wrongCheckDigit(stranger), agent,
                [Brief(.idChecksum, "proxies.csv:2:B", RuleTestSupport.wrongCheckDigit(stranger))]
            ),
            (principals[0], "", [Brief(.idMissing, "proxies.csv:2:D", "")]),
        ]

        @Test(arguments: eligibility)
        func bothOnTheCleanRoll(principal: String, agent: String, expected: [Brief]) throws {
            let harness = try run([Self.row(principal, agent)])
            #expect((harness.context.lists.findings + harness.reported).briefs == expected)
        }

        /// A principal appoints one agent: naming two, every row of theirs is flagged, pointing
        /// at the others, and neither proxy counts against an agent's limit.
        @Test func onePrincipalTwoAgents() throws {
            let principal = Self.principals[0]
            let harness = try run([
                Self.row(principal, Self.agent), Self.row(principal, Self.otherAgent),
                Self.row(Self.principals[1], Self.agent), Self.row(Self.principals[2], Self.agent), Self.row(Self.principals[3], Self.agent),
            ])
            #expect(
                harness.reported.briefs == [
                    Brief(.proxyPrincipalTwoAgents, "proxies.csv:2:B", principal, "proxies.csv:3"),
                    Brief(.proxyPrincipalTwoAgents, "proxies.csv:3:B", principal, "proxies.csv:2"),
                ])
            expectProduces(.proxyPrincipalTwoAgents, harness.reported)
            #expect(harness.reported.map(\.name) == ["委托人", "委托人"])
            #expect(harness.reported.map(\.columnName) == ["委托人身份证号", "委托人身份证号"])
        }

        /// The same entrustment written twice is one proxy for the agent, not two.
        @Test func theSameEntrustmentTwiceCountsOnce() throws {
            let rows = Self.principals.prefix(3).map { Self.row($0, Self.agent) } + [Self.row(Self.principals[0], Self.agent)]
            let harness = try run(rows)
            #expect(harness.reported.isEmpty)
        }

        /// A principal at home (not on the moved-out list) is flagged for review; a principal
        /// not on the roll is only not eligible.
        @Test func aPrincipalAtHomeIsFlagged() throws {
            let harness = try run([Self.row(Self.principals[0], Self.agent), Self.row(Self.principals[1], Self.agent)], home: [Self.principals[1]])
            #expect(harness.reported.briefs == [Brief(.proxyPrincipalNotAway, "proxies.csv:3:B", Self.principals[1])])
            expectProduces(.proxyPrincipalNotAway, harness.reported)
        }

        /// The form's date: on or before election day (2026-06-01) counts; after, or unreadable, not.
        @Test(arguments: [("2026-05-31", false), ("2026-06-01", false), ("2026-06-02", true), ("不详", true), ("", false)])
        func formDate(date: String, isInvalid: Bool) throws {
            let harness = try run(
                ["委托人,\(Self.principals[0]),受托人,\(Self.agent),\(date)"], header: Self.header + ",委托日期")
            #expect(harness.reported.codes == (isInvalid ? [.proxyDateInvalid] : []))
            if isInvalid { expectProduces(.proxyDateInvalid, harness.reported) }
        }

        /// Eight voters in 第一选区 (seven of the register and one more): two proxies are 25%,
        /// three 37.5%; the line at 0.30, 0.375, 0.25 and just under.
        @Test(arguments: [(2, 0.30, false), (3, 0.30, true), (3, 0.375, false), (2, 0.25, false), (2, 0.249, true)])
        func shareOfProxies(count: Int, line: Double, isHigh: Bool) throws {
            // Eight voters: the two agents, the deceased (excluded) and the five principals, plus one more.
            let harness = try run(
                Self.principals.prefix(count).map { Self.row($0, Self.agent) }, share: line,
                extra: [RuleTestSupport.person(Self.stranger, name: "某人", row: 20)])
            #expect(harness.reported.codes == (isHigh ? [.proxyShareHigh] : []))
            if isHigh {
                expectProduces(.proxyShareHigh, harness.reported)
                #expect(harness.reports.first?.row == .person(constituency: "第一选区", rollRow: nil))
                #expect(harness.reported.first?.value == "第一选区")
            }
        }
    }
}
