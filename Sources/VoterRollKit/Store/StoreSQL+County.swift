extension StoreSQL {
    /// Each township's latest finished run (a run is recorded whole or not at all, so a
    /// recorded run with a summary is finished) for one election day: id, township, pipeline,
    /// start, exit status, summary.
    public static let countyLatestRuns = """
        SELECT r.id, r.township, r.pipeline, r.started_at, r.exit_status, r.summary
        FROM runs r
        WHERE r.election_day = ? AND r.township IS NOT NULL AND r.summary IS NOT NULL
          AND r.id = (SELECT max(l.id) FROM runs l
                      WHERE l.election_day = r.election_day AND l.township = r.township AND l.summary IS NOT NULL)
        ORDER BY r.township
        """

    /// Rows each township's latest run excluded because another township holds the person
    /// (`township_conflicts` keeps only each township's latest run's).
    public static let countyExcludedHeldElsewhere = """
        SELECT excluded_township, count(*) FROM township_conflicts WHERE election_day = ? GROUP BY excluded_township
        """

    /// Rows of other townships excluded because this township holds the person.
    public static let countyHeldExcludedElsewhere = """
        SELECT kept_township, count(*) FROM township_conflicts WHERE election_day = ? GROUP BY kept_township
        """
}
