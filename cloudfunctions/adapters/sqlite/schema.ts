/**
 * SQLite schema of the Store port. Each collection of the CloudBase database is a table holding the document as JSON
 * in `doc`, plus the scalar columns its queries filter or sort on. Arrays that queries look into (an order's unit path,
 * teams and claims, a ledger entry's unit path, a team's themes) are mirrored into side tables, rewritten together
 * with their document.
 */
export const SCHEMA_VERSION = 2

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS users_by_openid ON users (openid);

CREATE TABLE IF NOT EXISTS units (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS themes (
  id TEXT PRIMARY KEY,
  sort REAL NOT NULL,
  doc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS menu_items (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  title TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS menu_items_by_unit ON menu_items (org_unit_id);

CREATE TABLE IF NOT EXISTS teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  org_unit_id TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS teams_by_unit ON teams (org_unit_id);

CREATE TABLE IF NOT EXISTS team_themes (
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL,
  PRIMARY KEY (team_id, theme_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS team_themes_by_theme ON team_themes (theme_id, team_id);

CREATE TABLE IF NOT EXISTS memberships (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS memberships_by_team_user ON memberships (team_id, user_id);
CREATE INDEX IF NOT EXISTS memberships_by_team_status ON memberships (team_id, status, applied_at);
CREATE INDEX IF NOT EXISTS memberships_by_user ON memberships (user_id, applied_at);

CREATE TABLE IF NOT EXISTS orders (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_owner ON orders (owner_id, created_at, id);
CREATE INDEX IF NOT EXISTS orders_by_status ON orders (status, updated_at, id);

-- one row per unit of the order's unitPath: the queue of a unit covers its whole subtree
CREATE TABLE IF NOT EXISTS order_units (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (order_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS order_units_by_unit ON order_units (unit_id, status, created_at, order_id);

CREATE TABLE IF NOT EXISTS order_teams (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  team_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  stars INTEGER,
  PRIMARY KEY (order_id, team_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS order_teams_by_team ON order_teams (team_id, status, created_at, order_id, stars);

CREATE TABLE IF NOT EXISTS order_claims (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  volunteer_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (order_id, volunteer_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS order_claims_by_volunteer ON order_claims (volunteer_id, created_at, order_id);

-- one row per unit of the order's originPath (where it was placed; fixed, like created_at), for the statistics of a
-- unit over a period: clustered by unit and creation time, with what the statistics count riding along
CREATE TABLE IF NOT EXISTS order_origins (
  unit_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  order_id TEXT NOT NULL,
  -- the next unit of originPath below unit_id, or unit_id itself where the path ends
  child_id TEXT NOT NULL,
  status TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  -- claimed at least once (0/1), and the people served once the order is served (else 0)
  taken INTEGER NOT NULL,
  people INTEGER NOT NULL,
  PRIMARY KEY (unit_id, created_at, order_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS ledger (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  delta INTEGER NOT NULL,
  hours REAL NOT NULL,
  at TEXT NOT NULL,
  doc TEXT NOT NULL
);
-- delta and hours ride along so that reconcile aggregates the index alone, in user order
CREATE INDEX IF NOT EXISTS ledger_by_user ON ledger (user_id, at, id, delta, hours);

-- one row per unit of the entry's unitPath, clustered for leaderboards of a unit over a period
CREATE TABLE IF NOT EXISTS ledger_units (
  unit_id TEXT NOT NULL,
  at TEXT NOT NULL,
  ledger_id TEXT NOT NULL REFERENCES ledger (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  delta INTEGER NOT NULL,
  hours REAL NOT NULL,
  PRIMARY KEY (unit_id, at, ledger_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ledger_units_by_entry ON ledger_units (ledger_id);

CREATE TABLE IF NOT EXISTS balances (
  user_id TEXT PRIMARY KEY,
  balance INTEGER NOT NULL,
  earned INTEGER NOT NULL,
  hours REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS requests (
  key TEXT PRIMARY KEY,
  response TEXT NOT NULL,
  at TEXT NOT NULL
);
`

/**
 * Upgrades of a database created by an earlier schema version, run in the same transaction as SCHEMA (which has
 * already created any new table, empty): key = the version upgraded from.
 */
export const MIGRATIONS: Record<number, string> = {
  // 1 → 2: statistics rows for the orders stored before order_origins existed (see core/stats.ts for the rules)
  1: `
    INSERT OR IGNORE INTO order_origins (unit_id, created_at, order_id, child_id, status, theme_id, taken, people)
    SELECT p.value, o.created_at, o.id,
      COALESCE(json_extract(o.doc, '$.originPath[' || (p.key + 1) || ']'), p.value),
      o.status, json_extract(o.doc, '$.themeId'),
      json_array_length(o.doc, '$.claims') > 0
        OR EXISTS (SELECT 1 FROM json_each(o.doc, '$.timeline') t WHERE json_extract(t.value, '$.action') = 'claim'),
      CASE WHEN o.status IN ('completed', 'rated', 'closed')
        THEN COALESCE(json_extract(o.doc, '$.completion.beneficiaryCount'), 0) ELSE 0 END
    FROM orders o, json_each(o.doc, '$.originPath') p`,
}
