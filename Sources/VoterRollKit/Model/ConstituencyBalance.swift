/// One constituency's seats (代表名额) as the pipeline's `constituencies:` names them, with
/// the line that says so (where its findings point).
public struct ConstituencySeats: Sendable, Equatable {
    public var constituency: String
    public var seats: Int
    /// The pipeline file and the line of this entry.
    public var source: CellAddress

    public init(constituency: String, seats: Int, source: CellAddress) {
        self.constituency = constituency
        self.seats = seats
        self.source = source
    }
}

/// Whether constituencies are of about equal size: each constituency's voters per seat
/// against the township's average (选举法: 选区的大小，按照每一选区选一名至三名代表划分, and
/// each deputy should stand for about the same number of people).
///
/// The one computation behind `constituency.unbalanced`, `constituency.seats-invalid` and the
/// report's table, in whole numbers so that the boundary (exactly the allowed share) is exact.
public struct ConstituencyBalance: Sendable, Equatable {
    /// The fewest and most seats a constituency may have.
    public static let seatRange = 1...3
    /// The default share voters per seat may differ from the average: 30%, in basis points.
    public static let defaultShareBasisPoints = 3000

    public struct Line: Sendable, Equatable {
        public var constituency: String
        /// People on the clean roll in the constituency.
        public var voters: Int
        /// Its seats; nil when the table does not name it.
        public var seats: Int?
        /// The table's entry, when it names the constituency.
        public var source: CellAddress?

        /// Seats from 1 to 3.
        public var seatsValid: Bool { seats.map(ConstituencyBalance.seatRange.contains) ?? false }
        /// Voters per seat, when the seats are valid.
        public var votersPerSeat: Double? { seatsValid ? Double(voters) / Double(seats ?? 1) : nil }
    }

    /// The table's constituencies in its order, then the roll's that it does not name.
    public private(set) var lines: [Line]
    /// Voters and seats of the constituencies with valid seats.
    public private(set) var voters = 0
    public private(set) var seats = 0
    public let shareBasisPoints: Int

    /// - Parameters:
    ///   - voters: people on the clean roll per constituency.
    ///   - table: the seats the pipeline names.
    public init(voters: [(constituency: String, voters: Int)], table: [ConstituencySeats], shareBasisPoints: Int) {
        self.shareBasisPoints = shareBasisPoints
        var byName: [String: Int] = [:]
        for entry in voters { byName[entry.constituency, default: 0] += entry.voters }
        var named = Set<String>()
        lines = []
        for entry in table where !named.contains(entry.constituency) {
            named.insert(entry.constituency)
            lines.append(Line(constituency: entry.constituency, voters: byName[entry.constituency] ?? 0, seats: entry.seats, source: entry.source))
        }
        for entry in voters where !named.contains(entry.constituency) && entry.voters > 0 {
            named.insert(entry.constituency)
            lines.append(Line(constituency: entry.constituency, voters: byName[entry.constituency] ?? 0, seats: nil, source: nil))
        }
        for line in lines where line.seatsValid {
            self.voters += line.voters
            self.seats += line.seats ?? 0
        }
    }

    /// The township's voters per seat (over the constituencies with valid seats).
    public var average: Double? { seats > 0 ? Double(voters) / Double(seats) : nil }

    /// How far a line's voters per seat are from the average, as a share of it (+0.25 is 25%
    /// more voters per seat than the average).
    public func deviation(_ line: Line) -> Double? {
        guard let perSeat = line.votersPerSeat, let average, average > 0 else { return nil }
        return perSeat / average - 1
    }

    /// Whether the line's voters per seat differ from the average by more than the share:
    /// |v/s − V/S| > share × V/S, that is |v·S − V·s| × 10000 > share (basis points) × V × s.
    public func isUnbalanced(_ line: Line) -> Bool {
        guard line.seatsValid, let lineSeats = line.seats, voters > 0 else { return false }
        let difference = abs(line.voters * seats - voters * lineSeats)
        return difference * 10_000 > shareBasisPoints * voters * lineSeats
    }
}
