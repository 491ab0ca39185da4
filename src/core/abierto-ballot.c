/* abierto-ballot.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-ballot.h"
#include "abierto-store-private.h"
#include "abierto-uuid.h"

/* A whole ballot cast at once, as people vote on their own in a kiosk:
 * nothing of it is in the file until all of it is. The checks are those
 * of abierto_store_add_vote() and abierto_store_add_ranking(), with the
 * same sentences, so that a person reads the same reason either way. */

G_DEFINE_QUARK (abierto-ballot-error-quark, abierto_ballot_error)

typedef struct
{
  gint64        session_id;
  AbiertoMethod method;
  guint         dots;
  guint         points;
  gboolean      closed;
} BallotRound;

static gboolean
step_done (AbiertoStore  *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (store, rc, error);

  return TRUE;
}

static gboolean
lookup_round (AbiertoStore  *store,
              gint64         round_id,
              BallotRound   *info,
              GError       **error)
{
  static const char sql[] =
    "SELECT session_id, method, dots, points, status FROM voting_round "
    "WHERE id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->session_id = sqlite3_column_int64 (stmt, 0);
      info->method = ABIERTO_METHOD_TALLY;
      abierto_method_from_string ((const char *) sqlite3_column_text (stmt, 1), &info->method);
      info->dots = (guint) sqlite3_column_int (stmt, 2);
      info->points = (guint) sqlite3_column_int (stmt, 3);
      info->closed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "closed") == 0;
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no voting round number %lld in this file."),
                   (long long) round_id);
      return FALSE;
    }
  return _abierto_store_set_error (store, rc, error);
}

static gboolean
check_voter (AbiertoStore  *store,
             gint64         session_id,
             gint64         participant_id,
             GError       **error)
{
  static const char sql[] =
    "SELECT session_id FROM participant WHERE id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  gint64 voter_session = 0;
  int rc;

  if (participant_id == 0)
    return TRUE;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    voter_session = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no participant number %lld in this file."),
                   (long long) participant_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _abierto_store_set_error (store, rc, error);
  if (voter_session != session_id)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   _("Participant %lld takes part in another session, so they "
                     "cannot vote in this round."), (long long) participant_id);
      return FALSE;
    }

  return TRUE;
}

/* A proposal that can receive votes in a round of @session_id. */
static gboolean
check_votable_proposal (AbiertoStore  *store,
                        gint64         session_id,
                        gint64         proposal_id,
                        GError       **error)
{
  static const char sql[] =
    "SELECT session_id, merged_into FROM proposal WHERE id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  gint64 proposal_session = 0;
  gboolean merged = FALSE;
  int rc;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, proposal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      proposal_session = sqlite3_column_int64 (stmt, 0);
      merged = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no proposal number %lld in this file."), (long long) proposal_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _abierto_store_set_error (store, rc, error);
  if (proposal_session != session_id)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   _("Proposal %lld belongs to another session, so it cannot be "
                     "voted in this round."), (long long) proposal_id);
      return FALSE;
    }
  if (merged)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   _("Proposal %lld was merged into another one; vote for that "
                     "one instead."), (long long) proposal_id);
      return FALSE;
    }

  return TRUE;
}

/* The checks that need no file: the method, the values, the dots and
 * proposals given twice. */
static gboolean
check_entries (const BallotRound        *info,
               const AbiertoBallotEntry *entries,
               guint                     n,
               GError                  **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 dots = 0;

  switch (info->method)
    {
    case ABIERTO_METHOD_TALLY:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   _("This round is a hand count: enter how many hands each "
                     "proposal got instead of single votes."));
      return FALSE;

    case ABIERTO_METHOD_DOT:
    case ABIERTO_METHOD_APPROVAL:
    case ABIERTO_METHOD_SCALE:
    case ABIERTO_METHOD_RANKING:
      break;

    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < n; i++)
    {
      const AbiertoBallotEntry *entry = &entries[i];

      if (g_hash_table_contains (seen, &entry->proposal_id))
        {
          if (info->method == ABIERTO_METHOD_RANKING)
            g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                         _("Proposal %lld appears twice in this ranking; each "
                           "proposal takes one place."), (long long) entry->proposal_id);
          else
            g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                         _("Proposal %lld appears twice in this ballot; give each "
                           "proposal its votes once."), (long long) entry->proposal_id);
          return FALSE;
        }
      g_hash_table_add (seen, (gpointer) &entry->proposal_id);

      if (info->method == ABIERTO_METHOD_DOT)
        {
          if (entry->value < 1)
            {
              g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                           _("A dot vote gives at least one dot, not %d."), entry->value);
              return FALSE;
            }
          dots += entry->value;
        }
      else if (info->method == ABIERTO_METHOD_SCALE
               && (entry->value < 1 || entry->value > (gint) info->points))
        {
          g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                       _("On this scale a rating goes from 1 to %u, not %d."),
                       info->points, entry->value);
          return FALSE;
        }
    }

  if (dots > info->dots)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Each person has %u dot in this round, and this ballot "
                                "gives %lld.",
                                "Each person has %u dots in this round, and this ballot "
                                "gives %lld.", info->dots),
                   info->dots, (long long) dots);
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_voted (AbiertoStore  *store,
           gint64         round_id,
           gint64         participant_id,
           gboolean      *voted,
           GError       **error)
{
  static const char sql[] =
    "SELECT EXISTS (SELECT 1 FROM vote WHERE round_id = ?1 AND participant_id = ?2)";
  sqlite3_stmt *stmt;
  int rc;

  *voted = FALSE;
  if (participant_id == 0)
    return TRUE;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *voted = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return _abierto_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
insert_vote (AbiertoStore  *store,
             gint64         round_id,
             gint64         participant_id,
             gint64         proposal_id,
             gint64         value,
             gint64         now,
             GError       **error)
{
  static const char sql[] =
    "INSERT INTO vote (uuid, round_id, proposal_id, participant_id, value, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  guint8 uuid[16];
  sqlite3_stmt *stmt;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;

  abierto_uuid_generate (uuid);
  sqlite3_bind_blob (stmt, 1, uuid, 16, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, round_id);
  sqlite3_bind_int64 (stmt, 3, proposal_id);
  if (participant_id != 0)
    sqlite3_bind_int64 (stmt, 4, participant_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, value);
  sqlite3_bind_int64 (stmt, 6, now);

  return step_done (store, stmt, error);
}

/* The value a vote row keeps for @entry, the @i-th of the ballot. */
static gint64
entry_value (const BallotRound        *info,
             const AbiertoBallotEntry *entry,
             guint                     i)
{
  switch (info->method)
    {
    case ABIERTO_METHOD_APPROVAL:
      return 1;
    case ABIERTO_METHOD_RANKING:
      return i + 1;
    case ABIERTO_METHOD_DOT:
    case ABIERTO_METHOD_SCALE:
    case ABIERTO_METHOD_TALLY:
    default:
      return entry->value;
    }
}

gboolean
abierto_store_cast_ballot (AbiertoStore             *store,
                           gint64                    round_id,
                           gint64                    participant_id,
                           const AbiertoBallotEntry *entries,
                           guint                     n,
                           GError                  **error)
{
  BallotRound info = { 0, };
  gboolean voted = FALSE;
  gint64 now;

  g_return_val_if_fail (ABIERTO_IS_STORE (store), FALSE);
  g_return_val_if_fail (participant_id >= 0, FALSE);
  g_return_val_if_fail (entries != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A ballot with nothing on it leaves no trace, so the person could
   * not be told from one who has not voted yet. */
  if (n == 0)
    {
      g_set_error (error, ABIERTO_BALLOT_ERROR, ABIERTO_BALLOT_ERROR_EMPTY,
                   _("This ballot is empty: choose at least one proposal."));
      return FALSE;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;

  /* Reading the round and writing the votes in one IMMEDIATE
   * transaction: no other writer can slip a vote in between. */
  if (!_abierto_store_begin (store, error))
    return FALSE;
  if (!lookup_round (store, round_id, &info, error)
      || !check_voter (store, info.session_id, participant_id, error)
      || !check_entries (&info, entries, n, error)
      || !has_voted (store, round_id, participant_id, &voted, error))
    goto fail;

  if (info.closed)
    {
      g_set_error (error, ABIERTO_BALLOT_ERROR, ABIERTO_BALLOT_ERROR_CLOSED,
                   _("This voting round is closed and takes no more votes."));
      goto fail;
    }
  if (voted)
    {
      g_set_error (error, ABIERTO_BALLOT_ERROR, ABIERTO_BALLOT_ERROR_ALREADY_VOTED,
                   _("This person has already voted in this round. Each person "
                     "votes once."));
      goto fail;
    }

  for (guint i = 0; i < n; i++)
    if (!check_votable_proposal (store, info.session_id, entries[i].proposal_id, error)
        || !insert_vote (store, round_id, participant_id, entries[i].proposal_id,
                         entry_value (&info, &entries[i], i), now, error))
      goto fail;

  if (!_abierto_store_commit (store, error))
    return FALSE;

  _abierto_store_emit_changed (store, "vote", info.session_id);
  return TRUE;

fail:
  _abierto_store_rollback (store);
  return FALSE;
}

gboolean
abierto_store_has_voted (AbiertoStore  *store,
                         gint64         round_id,
                         gint64         participant_id,
                         GError       **error)
{
  gboolean voted = FALSE;

  g_return_val_if_fail (ABIERTO_IS_STORE (store), FALSE);
  g_return_val_if_fail (participant_id >= 0, FALSE);

  if (!has_voted (store, round_id, participant_id, &voted, error))
    return FALSE;

  return voted;
}
