/// One stage of checking a roll row: it looks at the person and reports findings.
///
/// Stages never throw for bad data (findings are data); they run in a fixed order, so a later
/// stage can rely on what an earlier one filled in (the ID stage sets `person.id`).
protocol RowCheck {
    mutating func check(_ person: inout PersonRecord, in context: CheckContext)
}
