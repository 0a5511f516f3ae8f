/**
 * Every statement the adapter runs, with named parameters. Set-valued parameters are JSON arrays read through
 * json_each, so each statement is prepared once whatever the size of the set.
 */
export const SQL = {
  userById: `SELECT doc FROM users WHERE id = @id`,
  userByOpenid: `SELECT doc FROM users WHERE openid = @openid ORDER BY id LIMIT 1`,
  usersByIds: `SELECT doc FROM users WHERE id IN (SELECT value FROM json_each(@ids))`,
  allUsers: `SELECT doc FROM users ORDER BY id`,
  insertUser: `INSERT INTO users (id, openid, doc) VALUES (@id, @openid, @doc) ON CONFLICT (id) DO NOTHING`,
  updateUser: `UPDATE users SET openid = @openid, doc = @doc WHERE id = @id`,

  allUnits: `SELECT doc FROM units ORDER BY rowid`,
  unitById: `SELECT doc FROM units WHERE id = @id`,
  insertUnit: `INSERT INTO units (id, doc) VALUES (@id, @doc)`,
  anyUnit: `SELECT EXISTS (SELECT 1 FROM units) AS present`,

  allThemes: `SELECT doc FROM themes ORDER BY sort, id`,
  insertTheme: `INSERT INTO themes (id, sort, doc) VALUES (@id, @sort, @doc)`,

  menuByUnits: `
    SELECT m.doc FROM menu_items m LEFT JOIN themes t ON t.id = m.theme_id
    WHERE m.org_unit_id IN (SELECT value FROM json_each(@unitIds))
    ORDER BY t.sort IS NULL, t.sort, m.title, m.id`,
  menuItemById: `SELECT doc FROM menu_items WHERE id = @id`,
  upsertMenuItem: `
    INSERT INTO menu_items (id, org_unit_id, theme_id, title, doc) VALUES (@id, @orgUnitId, @themeId, @title, @doc)
    ON CONFLICT (id) DO UPDATE SET org_unit_id = excluded.org_unit_id, theme_id = excluded.theme_id,
      title = excluded.title, doc = excluded.doc`,

  teamById: `SELECT doc FROM teams WHERE id = @id`,
  teamsByIds: `SELECT doc FROM teams WHERE id IN (SELECT value FROM json_each(@ids))`,
  teamsByUnits: `SELECT doc FROM teams WHERE org_unit_id IN (SELECT value FROM json_each(@unitIds))`,
  teamsByTheme: `SELECT t.doc FROM team_themes x JOIN teams t ON t.id = x.team_id WHERE x.theme_id = @themeId`,
  allTeams: `SELECT doc FROM teams`,
  upsertTeam: `
    INSERT INTO teams (id, name, org_unit_id, doc) VALUES (@id, @name, @orgUnitId, @doc)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, org_unit_id = excluded.org_unit_id, doc = excluded.doc`,
  deleteTeamThemes: `DELETE FROM team_themes WHERE team_id = @teamId`,
  insertTeamTheme: `INSERT INTO team_themes (team_id, theme_id) VALUES (@teamId, @themeId)`,
  teamStats: `
    SELECT team_id AS teamId, status, COUNT(*) AS n, TOTAL(stars) AS stars FROM order_teams
    WHERE team_id IN (SELECT value FROM json_each(@teamIds)) AND status IN ('dispatched', 'claimed', 'rated')
    GROUP BY team_id, status`,

  membershipByTeamUser: `SELECT doc FROM memberships WHERE team_id = @teamId AND user_id = @userId`,
  membershipsByTeams: `
    SELECT doc FROM memberships WHERE team_id IN (SELECT value FROM json_each(@teamIds))
    ORDER BY applied_at, id`,
  membershipsByTeamsStatus: `
    SELECT doc FROM memberships WHERE team_id IN (SELECT value FROM json_each(@teamIds)) AND status = @status
    ORDER BY applied_at, id`,
  membershipsByUser: `SELECT doc FROM memberships WHERE user_id = @userId ORDER BY applied_at, id`,
  insertMembership: `
    INSERT INTO memberships (id, team_id, user_id, status, applied_at, doc)
    VALUES (@id, @teamId, @userId, @status, @appliedAt, @doc) ON CONFLICT DO NOTHING`,
  updateMembership: `UPDATE memberships SET status = @status, doc = @doc WHERE id = @id`,
  deletePendingMembership: `DELETE FROM memberships WHERE team_id = @teamId AND user_id = @userId AND status = 'pending'`,

  orderById: `SELECT doc FROM orders WHERE id = @id`,
  orderVersion: `SELECT version FROM orders WHERE id = @id`,
  ordersByIds: `SELECT doc FROM orders WHERE id IN (SELECT value FROM json_each(@ids))`,
  insertOrder: `
    INSERT INTO orders (id, version, status, owner_id, created_at, updated_at, doc)
    VALUES (@id, @version, @status, @ownerId, @createdAt, @updatedAt, @doc) ON CONFLICT (id) DO NOTHING`,
  // the common transition: owner and creation time as stored, so the owner index is left alone
  updateOrderIfVersion: `
    UPDATE orders SET version = @version, status = @status, updated_at = @updatedAt, doc = @doc
    WHERE id = @id AND version = @expectedVersion AND owner_id = @ownerId AND created_at = @createdAt`,
  replaceOrderIfVersion: `
    UPDATE orders SET version = @version, status = @status, owner_id = @ownerId, created_at = @createdAt,
      updated_at = @updatedAt, doc = @doc
    WHERE id = @id AND version = @expectedVersion`,
  // side rows follow the order set by set (JSON arrays): rows no longer wanted go, the others are put in place
  pruneOrderUnits: `
    DELETE FROM order_units WHERE order_id = @orderId
      AND unit_id NOT IN (SELECT json_extract(value, '$.unitId') FROM json_each(@units))`,
  putOrderUnits: `
    INSERT INTO order_units (order_id, unit_id, status, created_at, theme_id, child_id, taken, people)
    SELECT @orderId, json_extract(value, '$.unitId'), @status, @createdAt, @themeId, json_extract(value, '$.childId'),
      @taken, @people
    FROM json_each(@units) WHERE true
    ON CONFLICT (order_id, unit_id) DO UPDATE SET status = excluded.status, created_at = excluded.created_at,
      theme_id = excluded.theme_id, child_id = excluded.child_id, taken = excluded.taken, people = excluded.people`,
  pruneOrderTeams: `
    DELETE FROM order_teams WHERE order_id = @orderId AND team_id NOT IN (SELECT value FROM json_each(@teamIds))`,
  putOrderTeams: `
    INSERT INTO order_teams (order_id, team_id, status, created_at, stars)
    SELECT @orderId, value, @status, @createdAt, @stars FROM json_each(@teamIds) WHERE true
    ON CONFLICT (order_id, team_id) DO UPDATE SET status = excluded.status, created_at = excluded.created_at,
      stars = excluded.stars`,
  pruneOrderClaims: `
    DELETE FROM order_claims WHERE order_id = @orderId
      AND volunteer_id NOT IN (SELECT value FROM json_each(@volunteerIds))`,
  putOrderClaims: `
    INSERT INTO order_claims (order_id, volunteer_id, created_at)
    SELECT @orderId, value, @createdAt FROM json_each(@volunteerIds) WHERE true
    ON CONFLICT (order_id, volunteer_id) DO UPDATE SET created_at = excluded.created_at`,
  // one index range per status (the queue index covers the figures); the groups are folded by the adapter
  orderStats: `
    SELECT status, theme_id AS themeId, child_id AS childId, COUNT(*) AS n, TOTAL(taken) AS taken,
      TOTAL(people) AS people
    FROM order_units
    WHERE unit_id = @unitId AND status IN (SELECT value FROM json_each(@statuses))
      AND created_at >= @from AND created_at < @to
    GROUP BY status, theme_id, child_id`,

  // list queries: keyset pages over (created_at, id); the queue and tasks are merged from one ordered arm per key
  ownerPage: `
    SELECT created_at AS at, id, doc FROM orders
    WHERE owner_id = @ownerId AND (created_at, id) < (@afterAt, @afterId)
    ORDER BY created_at DESC, id DESC LIMIT @limit`,
  queueArm: `
    SELECT created_at AS at, order_id AS id FROM order_units
    WHERE unit_id = @unitId AND status = @status AND (created_at, order_id) > (@afterAt, @afterId)
    ORDER BY created_at, order_id LIMIT @limit`,
  teamArm: `
    SELECT created_at AS at, order_id AS id FROM order_teams
    WHERE team_id = @teamId AND status = @status AND (created_at, order_id) < (@afterAt, @afterId)
    ORDER BY created_at DESC, order_id DESC LIMIT @limit`,
  claimArm: `
    SELECT created_at AS at, order_id AS id FROM order_claims
    WHERE volunteer_id = @volunteerId AND (created_at, order_id) < (@afterAt, @afterId)
    ORDER BY created_at DESC, order_id DESC LIMIT @limit`,
  stale: `
    SELECT doc FROM orders WHERE status = @status AND updated_at < @before AND (updated_at, id) > (@afterAt, @afterId)
    ORDER BY updated_at, id LIMIT @limit`,

  preferredDue: `
    SELECT o.doc FROM order_preferred p JOIN orders o ON o.id = p.order_id
    WHERE p.preferred_at < @before AND (p.preferred_at, p.order_id) > (@afterAt, @afterId)
    ORDER BY p.preferred_at, p.order_id LIMIT @limit`,
  putOrderPreferred: `
    INSERT INTO order_preferred (order_id, preferred_at) VALUES (@orderId, @preferredAt)
    ON CONFLICT (order_id) DO UPDATE SET preferred_at = excluded.preferred_at`,
  deleteOrderPreferred: `DELETE FROM order_preferred WHERE order_id = @orderId`,

  settingsByUnits: `SELECT doc FROM unit_settings WHERE unit_id IN (SELECT value FROM json_each(@unitIds))`,
  allSettings: `SELECT doc FROM unit_settings ORDER BY unit_id`,
  putSettings: `
    INSERT INTO unit_settings (unit_id, doc) VALUES (@unitId, @doc)
    ON CONFLICT (unit_id) DO UPDATE SET doc = excluded.doc`,
  insertNotification: `
    INSERT INTO notifications (id, order_id, at, doc) VALUES (@id, @orderId, @at, @doc) ON CONFLICT (id) DO NOTHING`,
  notificationsByOrder: `SELECT doc FROM notifications WHERE order_id = @orderId ORDER BY at, id`,
  insertPending: `INSERT INTO notification_pending (id, at) VALUES (@id, @at) ON CONFLICT (id) DO NOTHING`,
  pendingNotifications: `
    SELECT n.doc FROM notification_pending p JOIN notifications n ON n.id = p.id ORDER BY p.at, p.id LIMIT @limit`,
  deletePending: `DELETE FROM notification_pending WHERE id = @id`,
  markNotificationDelivered: `
    UPDATE notifications SET doc = json_set(doc, '$.status', 'delivered', '$.deliveredAt', @at) WHERE id = @id`,
  managersOf: `
    SELECT doc FROM users WHERE json_extract(doc, '$.managedUnitId') IN (SELECT value FROM json_each(@unitIds))
    ORDER BY id`,

  insertInbox: `
    INSERT INTO inbox (id, user_id, at, read_at, doc) VALUES (@id, @userId, @at, @readAt, @doc) ON CONFLICT (id) DO NOTHING`,
  inboxPage: `
    SELECT at, id, doc FROM inbox WHERE user_id = @userId AND (at, id) < (@afterAt, @afterId)
    ORDER BY at DESC, id DESC LIMIT @limit`,
  countUnread: `SELECT COUNT(*) AS n FROM inbox WHERE user_id = @userId AND read_at IS NULL`,
  markReadIds: `
    UPDATE inbox SET read_at = @at, doc = json_set(doc, '$.readAt', @at)
    WHERE user_id = @userId AND read_at IS NULL AND id IN (SELECT value FROM json_each(@ids))`,
  markReadAll: `
    UPDATE inbox SET read_at = @at, doc = json_set(doc, '$.readAt', @at) WHERE user_id = @userId AND read_at IS NULL`,
  grantsByUser: `SELECT doc FROM subscribe_grants WHERE user_id = @userId`,
  putGrants: `
    INSERT INTO subscribe_grants (user_id, doc) VALUES (@userId, @doc) ON CONFLICT (user_id) DO UPDATE SET doc = excluded.doc`,
  sendById: `SELECT doc FROM subscribe_sends WHERE id = @id`,
  insertSend: `
    INSERT INTO subscribe_sends (id, notification_id, doc) VALUES (@id, @notificationId, @doc) ON CONFLICT (id) DO NOTHING`,
  updateSend: `UPDATE subscribe_sends SET doc = @doc WHERE id = @id`,
  sendsByNotification: `SELECT doc FROM subscribe_sends WHERE notification_id = @notificationId ORDER BY id`,
  cursorsByJob: `SELECT doc FROM job_cursors WHERE job = @job`,
  putCursors: `
    INSERT INTO job_cursors (job, doc) VALUES (@job, @doc) ON CONFLICT (job) DO UPDATE SET doc = excluded.doc`,

  requestByKey: `SELECT response FROM requests WHERE key = @key`,
  insertRequest: `INSERT INTO requests (key, response, at) VALUES (@key, @response, @at) ON CONFLICT (key) DO NOTHING`,

  insertEntry: `
    INSERT INTO ledger (id, user_id, delta, hours, at, doc) VALUES (@id, @userId, @delta, @hours, @at, @doc)
    ON CONFLICT (id) DO NOTHING`,
  insertEntryUnit: `
    INSERT INTO ledger_units (unit_id, at, ledger_id, user_id, delta, hours)
    VALUES (@unitId, @at, @ledgerId, @userId, @delta, @hours)`,
  addToBalance: `
    INSERT INTO balances (user_id, balance, earned, hours) VALUES (@userId, @delta, @earned, @hours)
    ON CONFLICT (user_id) DO UPDATE SET balance = balance + excluded.balance, earned = earned + excluded.earned,
      hours = hours + excluded.hours
    RETURNING balance`,
  balanceByUser: `SELECT user_id AS userId, balance, earned, hours FROM balances WHERE user_id = @userId`,
  ledgerPage: `
    SELECT at, id, doc FROM ledger
    WHERE user_id = @userId AND (at, id) < (@afterAt, @afterId)
    ORDER BY at DESC, id DESC LIMIT @limit`,
  leaderboard: `
    SELECT user_id AS userId, TOTAL(delta) AS points, TOTAL(hours) AS hours FROM ledger_units
    WHERE unit_id = @unitId AND at >= @from AND at < @to
    GROUP BY user_id ORDER BY points DESC, hours DESC, user_id LIMIT @limit`,
  // sums stream out of the covering ledger index in user order; balances are looked up by key, never scanned
  reconcile: `
    WITH sums AS (
      SELECT user_id, TOTAL(delta) AS sum, TOTAL(MAX(delta, 0)) AS earned, TOTAL(hours) AS hours
      FROM ledger GROUP BY user_id
    )
    SELECT s.user_id AS userId, COALESCE(b.balance, 0) AS balance, COALESCE(b.earned, 0) AS earned,
      COALESCE(b.hours, 0) AS hours, s.sum AS sum, s.earned AS sumEarned, s.hours AS sumHours
    FROM sums s LEFT JOIN balances b ON b.user_id = s.user_id
    UNION ALL
    SELECT b.user_id, b.balance, b.earned, b.hours, 0, 0, 0 FROM balances b
    WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.user_id = b.user_id)`,
} as const

export type StatementName = keyof typeof SQL

/** The paginated list queries, for the query-plan test: each must search an index, never scan or sort. */
export const LIST_QUERIES: StatementName[] = [
  'ownerPage',
  'queueArm',
  'teamArm',
  'claimArm',
  'stale',
  'preferredDue',
  'ledgerPage',
  'inboxPage',
]
