/* test-ballot.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whole ballots, as the kiosk casts them: all or nothing, once per
 * person, with the checks of single votes.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "abierto-ballot.h"

typedef struct
{
  char         *dir;
  char         *path;
  AbiertoStore *store;
  gint64        session, other;
  gint64        ana, beto, outsider;
  gint64        a, b, c, foreign;
  guint         n_changed;
} Fixture;

static gint64
proposal (Fixture    *f,
          gint64      session,
          const char *text)
{
  g_autoptr(AbiertoProposal) p = abierto_proposal_new (session, text);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_proposal (f->store, p, &error));
  g_assert_no_error (error);
  return abierto_proposal_get_id (p);
}

static gint64
participant (Fixture    *f,
             gint64      session,
             const char *alias)
{
  g_autoptr(AbiertoParticipant) p = abierto_participant_new (session, alias);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_participant (f->store, p, &error));
  g_assert_no_error (error);
  return abierto_participant_get_id (p);
}

static gint64
round_new (Fixture       *f,
           AbiertoMethod  method,
           guint          dots_or_points)
{
  g_autoptr(AbiertoRound) r = abierto_round_new (f->session, method);
  g_autoptr(GError) error = NULL;

  if (method == ABIERTO_METHOD_DOT)
    abierto_round_set_dots (r, dots_or_points);
  else if (method == ABIERTO_METHOD_SCALE)
    abierto_round_set_points (r, dots_or_points);
  g_assert_true (abierto_store_add_round (f->store, r, &error));
  g_assert_no_error (error);
  return abierto_round_get_id (r);
}

static void
changed_cb (AbiertoStore *store,
            const char   *table,
            gint64        session_id,
            Fixture      *f)
{
  f->n_changed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AbiertoSession) s1 = abierto_session_new ("Sesión", ABIERTO_GROUP_CHILDREN);
  g_autoptr(AbiertoSession) s2 = abierto_session_new ("Otra", ABIERTO_GROUP_OLDER_ADULTS);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("abierto-ballot-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "taller.abierto", NULL);
  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_add_session (f->store, s1, NULL));
  g_assert_true (abierto_store_add_session (f->store, s2, NULL));
  f->session = abierto_session_get_id (s1);
  f->other = abierto_session_get_id (s2);
  f->ana = participant (f, f->session, "Ana");
  f->beto = participant (f, f->session, "Beto");
  f->outsider = participant (f, f->other, "Chela");
  f->a = proposal (f, f->session, "Un patio con juegos");
  f->b = proposal (f, f->session, "Árboles en la escuela");
  f->c = proposal (f, f->session, "Agua para beber en el recreo");
  f->foreign = proposal (f, f->other, "Bancas a la sombra");
  g_signal_connect (f->store, "changed::vote", G_CALLBACK (changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  if (f->store != NULL)
    abierto_store_close (f->store, NULL);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Counts rows straight from the file, through a connection of its own. */
static gint64
count_sql (Fixture    *f,
           const char *sql,
           gint64      round_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, round_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static gint64
n_votes (Fixture *f,
         gint64   round_id)
{
  return count_sql (f, "SELECT count(*) FROM vote WHERE round_id = ?1", round_id);
}

static gint64
sum_for (Fixture *f,
         gint64   round_id,
         gint64   proposal_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(sum(value), 0) FROM vote "
                                          "WHERE round_id = ?1 AND proposal_id = %"
                                          G_GINT64_FORMAT, proposal_id);

  return count_sql (f, sql, round_id);
}

static void
test_dot (Fixture       *f,
          gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_DOT, 3);
  AbiertoBallotEntry entries[] = { { 0, f->a, 2 }, { 0, f->c, 1 } };
  g_autoptr(GError) error = NULL;

  g_assert_false (abierto_store_has_voted (f->store, round, f->ana, &error));
  g_assert_no_error (error);

  g_assert_true (abierto_store_cast_ballot (f->store, round, f->ana, entries, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpint (sum_for (f, round, f->a), ==, 2);
  g_assert_cmpint (sum_for (f, round, f->b), ==, 0);
  g_assert_cmpint (sum_for (f, round, f->c), ==, 1);
  g_assert_true (abierto_store_has_voted (f->store, round, f->ana, &error));
  g_assert_no_error (error);
  g_assert_false (abierto_store_has_voted (f->store, round, f->beto, &error));
  g_assert_no_error (error);
  g_assert_cmpint (abierto_store_get_dots_left (f->store, round, f->ana, NULL), ==, 0);
}

static void
test_dots_over_limit (Fixture       *f,
                      gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_DOT, 3);
  AbiertoBallotEntry entries[] = { { 0, f->a, 2 }, { 0, f->b, 2 } };
  AbiertoBallotEntry zero[] = { { 0, f->a, 0 } };
  g_autoptr(GError) error = NULL;

  g_assert_false (abierto_store_cast_ballot (f->store, round, f->ana, entries, 2, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* anonymous: still one person's ballot */
  g_assert_false (abierto_store_cast_ballot (f->store, round, 0, entries, 2, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (abierto_store_cast_ballot (f->store, round, f->ana, zero, 1, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (n_votes (f, round), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_assert_false (abierto_store_has_voted (f->store, round, f->ana, NULL));
}

static void
test_approval (Fixture       *f,
               gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_APPROVAL, 0);
  /* the value of an approval is 1 whatever is given */
  AbiertoBallotEntry entries[] = { { 0, f->a, 7 }, { 0, f->b, 1 } };
  AbiertoBallotEntry twice[] = { { 0, f->a, 1 }, { 0, f->a, 1 } };
  g_autoptr(GError) error = NULL;

  g_assert_false (abierto_store_cast_ballot (f->store, round, f->beto, twice, 2, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (abierto_store_cast_ballot (f->store, round, f->beto, entries, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum_for (f, round, f->a), ==, 1);
  g_assert_cmpint (sum_for (f, round, f->b), ==, 1);
  g_assert_cmpint (sum_for (f, round, f->c), ==, 0);
}

static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_SCALE, 3);
  AbiertoBallotEntry entries[] = { { 0, f->a, 3 }, { 0, f->b, 1 }, { 0, f->c, 2 } };
  AbiertoBallotEntry high[] = { { 0, f->a, 3 }, { 0, f->b, 4 } };
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (abierto_store_cast_ballot (f->store, round, f->ana, high, 2, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (n_votes (f, round), ==, 0);

  g_assert_true (abierto_store_cast_ballot (f->store, round, f->ana, entries, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum_for (f, round, f->a), ==, 3);
  g_assert_cmpint (sum_for (f, round, f->b), ==, 1);
  g_assert_cmpint (sum_for (f, round, f->c), ==, 2);

  results = abierto_store_compute_results (f->store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (abierto_results_get_n_voters (results), ==, 1);
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_RANKING, 0);
  /* best first; the values given are not the places */
  AbiertoBallotEntry entries[] = { { 0, f->c, 0 }, { 0, f->a, 9 }, { 0, f->b, 0 } };
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_cast_ballot (f->store, round, f->beto, entries, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum_for (f, round, f->c), ==, 1);
  g_assert_cmpint (sum_for (f, round, f->a), ==, 2);
  g_assert_cmpint (sum_for (f, round, f->b), ==, 3);

  results = abierto_store_compute_results (f->store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpint (abierto_results_get_row (results, 0)->proposal_id, ==, f->c);
}

static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_APPROVAL, 0);
  gint64 ranking = round_new (f, ABIERTO_METHOD_RANKING, 0);
  gint64 tally = round_new (f, ABIERTO_METHOD_TALLY, 0);
  /* the last entry is of another session */
  AbiertoBallotEntry entries[] = { { 0, f->a, 1 }, { 0, f->b, 1 }, { 0, f->foreign, 1 } };
  AbiertoBallotEntry missing[] = { { 0, f->a, 1 }, { 0, 99999, 1 } };
  AbiertoBallotEntry good[] = { { 0, f->a, 1 } };
  g_autoptr(GError) error = NULL;

  g_assert_false (abierto_store_cast_ballot (f->store, round, f->ana, entries, 3, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (abierto_store_cast_ballot (f->store, ranking, f->ana, missing, 2, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (abierto_store_cast_ballot (f->store, tally, f->ana, good, 1, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (abierto_store_cast_ballot (f->store, round, f->ana, good, 0, &error));
  g_assert_error (error, ABIERTO_BALLOT_ERROR, ABIERTO_BALLOT_ERROR_EMPTY);
  g_clear_error (&error);
  /* a person of another session, a round that is not there */
  g_assert_false (abierto_store_cast_ballot (f->store, round, f->outsider, good, 1, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (abierto_store_cast_ballot (f->store, 4242, f->ana, good, 1, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (n_votes (f, round), ==, 0);
  g_assert_cmpint (n_votes (f, ranking), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_assert_false (abierto_store_has_voted (f->store, round, f->ana, NULL));

  /* and the store still takes the good ballot: no transaction left open */
  g_assert_true (abierto_store_cast_ballot (f->store, round, f->ana, good, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_votes (f, round), ==, 1);
}

static void
test_deleted_round (Fixture       *f,
                    gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_APPROVAL, 0);
  AbiertoBallotEntry good[] = { { 0, f->a, 1 } };
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_delete_round (f->store, round, &error));
  g_assert_no_error (error);
  g_assert_false (abierto_store_cast_ballot (f->store, round, f->ana, good, 1, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
test_second_ballot (Fixture       *f,
                    gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_DOT, 3);
  gint64 other_round = round_new (f, ABIERTO_METHOD_DOT, 3);
  AbiertoBallotEntry first[] = { { 0, f->a, 1 } };
  AbiertoBallotEntry second[] = { { 0, f->b, 1 } };
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_cast_ballot (f->store, round, f->ana, first, 1, &error));
  g_assert_no_error (error);
  /* dots left, but a ballot is all at once */
  g_assert_false (abierto_store_cast_ballot (f->store, round, f->ana, second, 1, &error));
  g_assert_error (error, ABIERTO_BALLOT_ERROR, ABIERTO_BALLOT_ERROR_ALREADY_VOTED);
  g_clear_error (&error);
  g_assert_cmpint (n_votes (f, round), ==, 1);

  /* a vote recorded by the facilitator counts too */
  g_assert_true (abierto_store_add_vote (f->store, round, f->beto, f->c, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (abierto_store_cast_ballot (f->store, round, f->beto, second, 1, &error));
  g_assert_error (error, ABIERTO_BALLOT_ERROR, ABIERTO_BALLOT_ERROR_ALREADY_VOTED);
  g_clear_error (&error);

  /* another round is another ballot */
  g_assert_true (abierto_store_cast_ballot (f->store, other_round, f->ana, second, 1, &error));
  g_assert_no_error (error);
}

static void
test_anonymous (Fixture       *f,
                gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_APPROVAL, 0);
  AbiertoBallotEntry entries[] = { { 0, f->a, 1 }, { 0, f->b, 1 } };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (abierto_store_cast_ballot (f->store, round, 0, entries, 2, &error));
      g_assert_no_error (error);
    }
  g_assert_false (abierto_store_has_voted (f->store, round, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum_for (f, round, f->a), ==, 3);
  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM vote WHERE round_id = ?1 "
                                 "AND participant_id IS NOT NULL", round), ==, 0);
}

static void
test_durable (Fixture       *f,
              gconstpointer  data)
{
  gint64 round = round_new (f, ABIERTO_METHOD_SCALE, 5);
  AbiertoBallotEntry entries[] = { { 0, f->a, 5 }, { 0, f->b, 2 } };
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_cast_ballot (f->store, round, f->beto, entries, 2, &error));
  g_assert_no_error (error);
  /* committed before it returns: another connection sees it at once */
  g_assert_cmpint (n_votes (f, round), ==, 2);

  g_assert_true (abierto_store_close (f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_has_voted (f->store, round, f->beto, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum_for (f, round, f->a), ==, 5);
  g_assert_cmpint (sum_for (f, round, f->b), ==, 2);
  g_assert_false (abierto_store_cast_ballot (f->store, round, f->beto, entries, 1, &error));
  g_assert_error (error, ABIERTO_BALLOT_ERROR, ABIERTO_BALLOT_ERROR_ALREADY_VOTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/ballot/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("dot", test_dot);
  ADD ("dots-over-limit", test_dots_over_limit);
  ADD ("approval", test_approval);
  ADD ("scale", test_scale);
  ADD ("ranking", test_ranking);
  ADD ("all-or-nothing", test_all_or_nothing);
  ADD ("deleted-round", test_deleted_round);
  ADD ("second-ballot", test_second_ballot);
  ADD ("anonymous", test_anonymous);
  ADD ("durable", test_durable);
#undef ADD

  return g_test_run ();
}
