/// The columns a file cannot be used without, declared by the rule that reads it
/// (`RuleRegistry.neededColumns`). Each group needs one of its fields: a moved-in list needs
/// a certificate number or a certificate flag.
public struct NeededColumns: Sendable, Equatable {
    public var groups: [[CanonicalField]]

    public init(_ groups: [[CanonicalField]]) {
        self.groups = groups
    }

    /// Every one of `fields`.
    public init(all fields: Set<CanonicalField>) {
        groups = fields.sorted().map { [$0] }
    }

    /// Nothing needed (`inspect`).
    public static let none = NeededColumns([])

    public var isEmpty: Bool { groups.isEmpty }

    /// The groups `mapping` has no column for.
    public func missing(in mapping: ColumnMapping) -> [[CanonicalField]] {
        groups.filter { group in group.allSatisfy { mapping.column(for: $0) == nil } }
    }

    /// Whether the mapping has some needed column (a sheet meant to be read, not a 说明 sheet).
    public func hasSome(in mapping: ColumnMapping) -> Bool {
        groups.contains { group in group.contains { mapping.column(for: $0) != nil } }
    }

    /// These columns with `field` read from `replacement` instead (a hashed list's id_hmac).
    public func replacing(_ field: CanonicalField, with replacement: CanonicalField) -> NeededColumns {
        NeededColumns(groups.map { group in group.map { $0 == field ? replacement : $0 } })
    }
}
