import GRDB

/// The store's tables, versioned from the first release: a migration is added, never edited,
/// so any older store opens and is brought up to date.
enum StoreSchema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, inputs, decisions, findings") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    pipeline TEXT NOT NULL,
                    election_day TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    duration_ms INTEGER,
                    version TEXT NOT NULL,
                    options TEXT NOT NULL,
                    summary TEXT,
                    exit_status INTEGER
                );
                CREATE TABLE inputs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    path TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    sha256 TEXT NOT NULL
                );
                CREATE TABLE decisions (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    id_number TEXT,
                    name TEXT,
                    outcome TEXT NOT NULL,
                    input_id INTEGER NOT NULL REFERENCES inputs(id),
                    sheet TEXT,
                    row INTEGER NOT NULL,
                    constituency TEXT NOT NULL,
                    codes TEXT NOT NULL
                );
                CREATE TABLE findings (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    code TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    input_id INTEGER REFERENCES inputs(id),
                    file TEXT,
                    sheet TEXT,
                    row INTEGER NOT NULL,
                    column_name TEXT,
                    cell TEXT NOT NULL,
                    value TEXT NOT NULL,
                    name TEXT,
                    id_number TEXT,
                    evidence TEXT,
                    subject TEXT NOT NULL
                );
                CREATE INDEX decisions_by_id ON decisions(id_number);
                CREATE INDEX findings_by_id ON findings(id_number);
                CREATE INDEX findings_by_run ON findings(run_id, code, subject);
                """)
        }
        return migrator
    }
}
