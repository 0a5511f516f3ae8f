import { ROLLUP_COUNTERS, TEAM_COUNTERS } from '~core/figures'

/**
 * SQLite schema of the store ports. Each collection of the CloudBase database is a table holding the document as JSON
 * in `doc`, plus the scalar columns its queries filter or sort on. Arrays that queries look into (an order's unit path,
 * teams and claims, a ledger entry's unit path, a team's themes) are mirrored into side tables, rewritten together
 * with their document.
 */
export const SCHEMA_VERSION = 11

/** The counter columns of stat_cells, one per rollup counter. */
const STAT_COLUMNS = ROLLUP_COUNTERS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')

/** The counter columns of stat_team_cells, one per team counter (issue 11). */
const TEAM_STAT_COLUMNS = TEAM_COUNTERS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS users_by_openid ON users (openid);
-- a unit's managers, who its notifications reach
CREATE INDEX IF NOT EXISTS users_by_managed_unit ON users (json_extract(doc, '$.managedUnitId'));

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
-- a person's open orders, for the limit on them (order.place)
CREATE INDEX IF NOT EXISTS orders_by_owner_status ON orders (owner_id, status);

-- one row per unit of the order's unitPath: the queue of a unit covers its whole subtree, and so do its statistics,
-- whose figures ride along in the index (child_id: the next unit of unitPath below unit_id, or unit_id itself where
-- the path ends; taken: claimed at least once; people: beneficiaries once served, else 0)
CREATE TABLE IF NOT EXISTS order_units (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  child_id TEXT NOT NULL,
  taken INTEGER NOT NULL,
  people INTEGER NOT NULL,
  PRIMARY KEY (order_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS order_units_by_unit
  ON order_units (unit_id, status, created_at, order_id, theme_id, child_id, taken, people);

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

-- open orders (placed, dispatched, claimed) with a preferred time, soonest first: the scheduled job's alerts
CREATE TABLE IF NOT EXISTS order_preferred (
  order_id TEXT PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  preferred_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS order_preferred_by_time ON order_preferred (preferred_at, order_id);

-- a unit's own time limits (UnitSettings); what it does not set it inherits
CREATE TABLE IF NOT EXISTS unit_settings (
  unit_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

-- notifications owed, by their deterministic key (AppNotification); the ones still to deliver (status 'pending'),
-- oldest first, are a partial index: a notification leaves it once delivered
CREATE TABLE IF NOT EXISTS notifications (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  at TEXT NOT NULL,
  status TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_by_order ON notifications (order_id, at, id);
CREATE INDEX IF NOT EXISTS notifications_pending ON notifications (at, id) WHERE status = 'pending';

-- each person's messages (InboxMessage), newest first, and the unread ones for the badge
CREATE TABLE IF NOT EXISTS inbox (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  at TEXT NOT NULL,
  read_at TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inbox_by_user ON inbox (user_id, at, id);
CREATE INDEX IF NOT EXISTS inbox_unread ON inbox (user_id) WHERE read_at IS NULL;

-- subscribe-message sends left per person and template (SubscribeGrants as JSON)
CREATE TABLE IF NOT EXISTS subscribe_grants (
  user_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

-- subscribe-message send attempts (SubscribeSend), one per notification and person
CREATE TABLE IF NOT EXISTS subscribe_sends (
  id TEXT PRIMARY KEY,
  notification_id TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS subscribe_sends_by_notification ON subscribe_sends (notification_id);

-- where each sweep of a scheduled job stopped
CREATE TABLE IF NOT EXISTS job_cursors (
  job TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

-- rate-limit counters (RateLimitStore): one fixed-window bucket per rule, person and window, with the request tokens
-- it counted (a JSON array, at most its limit long); expired buckets are deleted by the scheduled job, oldest first
CREATE TABLE IF NOT EXISTS rate_buckets (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  expires_at TEXT NOT NULL,
  tokens TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rate_buckets_by_expiry ON rate_buckets (expires_at);

-- the audit log (AuditStore): one row per entry by its id (insert-if-absent), newest first by (at, id), with or
-- without a kind and a unit; an order's contact reveals by (target_id, kind, at)
CREATE TABLE IF NOT EXISTS audit (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  unit_id TEXT,
  target_id TEXT NOT NULL,
  at TEXT NOT NULL,
  doc TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS audit_by_at ON audit (at, id);
CREATE INDEX IF NOT EXISTS audit_by_kind ON audit (kind, at, id);
CREATE INDEX IF NOT EXISTS audit_by_unit ON audit (unit_id, at, id);
CREATE INDEX IF NOT EXISTS audit_by_unit_kind ON audit (unit_id, kind, at, id);
CREATE INDEX IF NOT EXISTS audit_by_target ON audit (target_id, kind, at);
-- files made by export.create (ExportStore, issue 9): the record of each, kept a day for its maker; the scheduled
-- job deletes expired ones (and their files), oldest first, a bounded batch per run
CREATE TABLE IF NOT EXISTS exports (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  doc TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS exports_by_expiry ON exports (expires_at, id);
-- 订单总览 (issue 9, order.overview; its theme index is in LATE_SCHEMA): each order's search text (core/overview.ts searchTextOf: title, need, who ordered and for whom, normalized), keyed
-- by order: the overview checks it with instr() on the rows its index range yields, one key lookup each
CREATE TABLE IF NOT EXISTS order_search (
  order_id TEXT PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  text TEXT NOT NULL
) WITHOUT ROWID;
-- 回访 (issue 11, order.followUps and the scheduled reminders): one row per unit of the unitPath of an order with a
-- followUp, its stored status and dueAt, kept by the orders adapter in the order's own write
CREATE TABLE IF NOT EXISTS order_follow_ups (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  due_at TEXT NOT NULL,
  PRIMARY KEY (order_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS order_follow_ups_by_unit ON order_follow_ups (unit_id, status, due_at, order_id);
-- the rated orders stored before the table (cheap: only orders whose document has a followUp, once)
INSERT OR IGNORE INTO order_follow_ups (order_id, unit_id, status, due_at)
  SELECT o.id, p.value, json_extract(o.doc, '$.followUp.status'), json_extract(o.doc, '$.followUp.dueAt')
  FROM orders o, json_each(o.doc, '$.unitPath') p
  WHERE o.status IN ('rated', 'closed') AND json_extract(o.doc, '$.followUp.dueAt') IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM order_follow_ups f WHERE f.order_id = o.id);
-- people by name and by phone (prefix ranges), for the admins' 人员与角色 search (user.search)
CREATE INDEX IF NOT EXISTS users_by_name ON users (json_extract(doc, '$.name'), id);
CREATE INDEX IF NOT EXISTS users_by_phone ON users (json_extract(doc, '$.phone'), id);

CREATE TABLE IF NOT EXISTS requests (
  key TEXT PRIMARY KEY,
  response TEXT NOT NULL,
  at TEXT NOT NULL
);

-- sign-in for self-hosting (issue 13; new tables only, no migration): a password per phone number (CredentialStore),
-- invite codes (request_key: the invite a retried user.invite made), sessions read by id on every request
CREATE TABLE IF NOT EXISTS credentials (
  phone TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS invites (
  code TEXT PRIMARY KEY,
  request_key TEXT UNIQUE,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL
);

-- statistics rollups (issue 9, core/figures.ts): counters per unit of an order's path, China day of placing, child
-- unit and theme, kept in the same transaction as every insert and transition; reasons per unit, day and fate
-- (at most REASONS_TRACKED each); the distinct-volunteer sets per unit and day, month and year; each team's
-- last service. The scheduled job recounts a day from the orders and repairs any drift.
CREATE TABLE IF NOT EXISTS stat_cells (
  unit_id TEXT NOT NULL,
  day TEXT NOT NULL,
  child_id TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  ${STAT_COLUMNS},
  PRIMARY KEY (unit_id, day, child_id, theme_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stat_cells_by_day ON stat_cells (day);
-- the same counters per month, so that a period of whole months reads one row per (child unit, theme, month)
CREATE TABLE IF NOT EXISTS stat_cells_month (
  unit_id TEXT NOT NULL,
  month TEXT NOT NULL,
  child_id TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  ${STAT_COLUMNS},
  PRIMARY KEY (unit_id, month, child_id, theme_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stat_reasons (
  unit_id TEXT NOT NULL,
  day TEXT NOT NULL,
  fate TEXT NOT NULL,
  reason TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (unit_id, day, fate, reason)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stat_reasons_by_day ON stat_reasons (day);
CREATE TABLE IF NOT EXISTS stat_vol_days (
  unit_id TEXT NOT NULL,
  day TEXT NOT NULL,
  volunteer_id TEXT NOT NULL,
  PRIMARY KEY (unit_id, day, volunteer_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stat_vol_days_by_day ON stat_vol_days (day);
CREATE TABLE IF NOT EXISTS stat_vol_months (
  unit_id TEXT NOT NULL,
  month TEXT NOT NULL,
  volunteer_id TEXT NOT NULL,
  PRIMARY KEY (unit_id, month, volunteer_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stat_vol_years (
  unit_id TEXT NOT NULL,
  year TEXT NOT NULL,
  volunteer_id TEXT NOT NULL,
  PRIMARY KEY (unit_id, year, volunteer_id)
) WITHOUT ROWID;
-- issue 11: each team's counters per China day of placing (core/figures.ts TEAM_COUNTERS), kept with the unit cells
CREATE TABLE IF NOT EXISTS stat_team_cells (
  team_id TEXT NOT NULL,
  day TEXT NOT NULL,
  ${TEAM_STAT_COLUMNS},
  PRIMARY KEY (team_id, day)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stat_team_cells_by_day ON stat_team_cells (day);
CREATE TABLE IF NOT EXISTS stat_team_served (
  team_id TEXT PRIMARY KEY,
  last_at TEXT NOT NULL
) WITHOUT ROWID;
-- the open orders (placed, dispatched, claimed) under each unit of their path, for the overdue count: it reads the
-- overdue ones only (by updated_at, or preferred_at for claimed orders), not every order of the period
CREATE TABLE IF NOT EXISTS stat_open (
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  order_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  preferred_at TEXT,
  PRIMARY KEY (unit_id, status, updated_at, order_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stat_open_by_order ON stat_open (order_id);
CREATE INDEX IF NOT EXISTS stat_open_by_preferred ON stat_open (unit_id, status, preferred_at, created_at) WHERE preferred_at IS NOT NULL;
-- the orders of one day, for the repair sweep
CREATE INDEX IF NOT EXISTS orders_by_created ON orders (created_at);
-- 志愿服务证明 (issue 10, CertificateStore): immutable certificates by serial (only the status moves away from valid),
-- a volunteer's by status and issue time (the valid ones read inside the issuing write; the holder's list), and the
-- next sequence number per serial prefix (ZY-<unit>-<year>), taken in the same IMMEDIATE transaction as the insert
CREATE TABLE IF NOT EXISTS certificates (
  serial TEXT PRIMARY KEY,
  volunteer_id TEXT NOT NULL,
  status TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  doc TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS certificates_by_volunteer ON certificates (volunteer_id, status, issued_at);
CREATE INDEX IF NOT EXISTS certificates_by_volunteer_time ON certificates (volunteer_id, issued_at);
CREATE TABLE IF NOT EXISTS certificate_serials (
  prefix TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) WITHOUT ROWID;
-- activity photos (issue 10, UploadStore; a new table, no migration): one row per uploaded file of an order; a
-- content-security verdict finds its upload by the trace id it awaits (partial index: only pending ones have one)
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  trace_id TEXT,
  doc TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS uploads_by_trace ON uploads (trace_id) WHERE trace_id IS NOT NULL;
-- 社会评单 (issue 11, SocialStore; new tables, no migration): one row per person and order holding their like and
-- their public rating; a summary per order moved in the same transaction; per team and China-time month each
-- person's latest stars (social_team_marks) and the month's sums over them (social_team_months)
CREATE TABLE IF NOT EXISTS social_marks (
  order_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  liked INTEGER NOT NULL,
  stars INTEGER,
  doc TEXT NOT NULL,
  PRIMARY KEY (order_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS social_summaries (
  order_id TEXT PRIMARY KEY,
  likes INTEGER NOT NULL,
  rating_count INTEGER NOT NULL,
  rating_sum INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS social_team_marks (
  team_id TEXT NOT NULL,
  month TEXT NOT NULL,
  user_id TEXT NOT NULL,
  stars INTEGER NOT NULL,
  PRIMARY KEY (team_id, month, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS social_team_months (
  team_id TEXT NOT NULL,
  month TEXT NOT NULL,
  count INTEGER NOT NULL,
  stars INTEGER NOT NULL,
  PRIMARY KEY (team_id, month)
) WITHOUT ROWID;
-- 积分超市 (issue 12): goods per unit, redemptions with their unique pickup code
CREATE TABLE IF NOT EXISTS goods (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL,
  name TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS goods_by_unit ON goods (org_unit_id, name, id);
CREATE TABLE IF NOT EXISTS redemptions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  goods_id TEXT NOT NULL,
  org_unit_id TEXT NOT NULL,
  month TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS redemptions_by_user ON redemptions (user_id, created_at, id);
CREATE INDEX IF NOT EXISTS redemptions_by_quota ON redemptions (user_id, goods_id, month, status, quantity);
CREATE INDEX IF NOT EXISTS redemptions_pending ON redemptions (org_unit_id, created_at, id) WHERE status = 'reserved';
CREATE INDEX IF NOT EXISTS redemptions_expiring ON redemptions (expires_at, id) WHERE status = 'reserved';
`

/**
 * Indexes over columns that a migration may be the one to add (an older database gets them from MIGRATIONS, which run
 * after SCHEMA): created after the migrations, for new and upgraded databases alike.
 */
export const LATE_SCHEMA = `
-- 订单总览 (issue 9, order.overview): a subtree's orders of one theme, by status and time
CREATE INDEX IF NOT EXISTS order_units_by_theme ON order_units (unit_id, theme_id, status, created_at, order_id);
`

/**
 * Run before SCHEMA when upgrading from a version below the key: tables that SCHEMA now creates in another shape are
 * set aside (with their indexes dropped, so that SCHEMA's names are free) for MIGRATIONS to copy from.
 */
export const SET_ASIDE: Record<number, string> = {
  // 4 → 5: notifications becomes WITHOUT ROWID with a status column (the v4 shape is created first, for a database
  // from before notifications existed)
  4: `
    CREATE TABLE IF NOT EXISTS notifications (
      id TEXT PRIMARY KEY, order_id TEXT NOT NULL, at TEXT NOT NULL, doc TEXT NOT NULL);
    DROP INDEX IF EXISTS notifications_by_order;
    ALTER TABLE notifications RENAME TO notifications_v4;`,
  // 10 → 11 (issue 11, 回头看): the rollup cells gain the followUpOpen counter. They are derived data: dropped here,
  // created by SCHEMA with every counter, and rebuilt from the orders on opening (the stats adapter's backfill, which
  // runs when there is no day cell), months included.
  10: `
    DROP TABLE IF EXISTS stat_cells;
    DROP TABLE IF EXISTS stat_cells_month;`,
}

/**
 * Upgrades of a database created by an earlier schema version, run in the same transaction as SCHEMA (which has
 * already created any missing table) and after SET_ASIDE: key = the version upgraded from.
 */
export const MIGRATIONS: Record<number, string> = {
  // 1 → 2: the statistics columns of order_units, filled from the stored orders (rules as in core/stats.ts), and
  // the queue index widened to cover them
  1: `
    ALTER TABLE order_units ADD COLUMN theme_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE order_units ADD COLUMN child_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE order_units ADD COLUMN taken INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE order_units ADD COLUMN people INTEGER NOT NULL DEFAULT 0;
    UPDATE order_units AS u SET
      theme_id = json_extract(o.doc, '$.themeId'),
      child_id = COALESCE(
        (SELECT json_extract(o.doc, '$.unitPath[' || (p.key + 1) || ']') FROM json_each(o.doc, '$.unitPath') p
          WHERE p.value = u.unit_id LIMIT 1),
        u.unit_id),
      taken = json_array_length(o.doc, '$.claims') > 0
        OR EXISTS (SELECT 1 FROM json_each(o.doc, '$.timeline') t WHERE json_extract(t.value, '$.action') = 'claim'),
      people = CASE WHEN o.status IN ('completed', 'rated', 'closed')
        THEN COALESCE(json_extract(o.doc, '$.completion.beneficiaryCount'), 0) ELSE 0 END
    FROM orders AS o WHERE o.id = u.order_id;
    DROP INDEX order_units_by_unit;
    CREATE INDEX order_units_by_unit
      ON order_units (unit_id, status, created_at, order_id, theme_id, child_id, taken, people);`,
  // 2 → 3: order_preferred (created by SCHEMA) filled from the open orders with a preferred time
  2: `
    INSERT OR IGNORE INTO order_preferred (order_id, preferred_at)
    SELECT id, json_extract(doc, '$.preferredAt') FROM orders
    WHERE status IN ('placed', 'dispatched', 'claimed') AND json_extract(doc, '$.preferredAt') IS NOT NULL;`,
  // (3 → 4 filled notification_pending, which version 5 replaced; 4 → 5 reads the status from the documents)
  // 4 → 5: the notifications copied into the new table, their status (pending or delivered) taken from the document,
  // which the pending list always followed; the pending list becomes the partial index notifications_pending
  4: `
    INSERT INTO notifications (id, order_id, at, status, doc)
    SELECT id, order_id, at, json_extract(doc, '$.status'), doc FROM notifications_v4;
    DROP TABLE IF EXISTS notification_pending;
    DROP TABLE notifications_v4;`,
  // 5 → 6: rate_buckets and orders_by_owner_status, which SCHEMA creates; nothing to copy (no counter existed before)
  // 9 → 10 (issue 9, 订单总览): order_search (created by SCHEMA) filled from the stored orders. SQL has no NFKC and
  // lower() folds only ASCII, so a stored order's full-width letters stay as they are until its next transition
  // rewrites the row with core/overview.ts searchTextOf; Chinese text and digits are the same either way.
  9: `
    INSERT OR IGNORE INTO order_search (order_id, text)
    SELECT id, lower(
      replace(replace(replace(replace(json_extract(doc, '$.title'), ' ', ''), char(9), ''), char(10), ''), char(12288), '')
      || char(1) ||
      replace(replace(replace(replace(json_extract(doc, '$.need'), ' ', ''), char(9), ''), char(10), ''), char(12288), '')
      || char(1) || replace(json_extract(doc, '$.ownerName'), ' ', '')
      || char(1) || replace(COALESCE(json_extract(doc, '$.onBehalfOf.name'), ''), ' ', ''))
    FROM orders;`,
}
