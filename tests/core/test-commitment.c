/* test-commitment.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Commitments: the "puntual, realizable, medible" check, progress,
 * overdue flags, and how the store keeps them.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "abierto-store.h"

typedef struct
{
  char         *dir;
  char         *path;
  AbiertoStore *store;
  gint64        session, other;
  gint64        a, b, foreign;
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
  g_autoptr(AbiertoSession) s1 = abierto_session_new ("Sesión", ABIERTO_GROUP_OLDER_ADULTS);
  g_autoptr(AbiertoSession) s2 = abierto_session_new ("Otra", ABIERTO_GROUP_CHILDREN);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("abierto-commitment-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "taller.abierto", NULL);
  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_add_session (f->store, s1, NULL));
  g_assert_true (abierto_store_add_session (f->store, s2, NULL));
  f->session = abierto_session_get_id (s1);
  f->other = abierto_session_get_id (s2);
  f->a = proposal (f, f->session, "Más luminarias en el parque");
  f->b = proposal (f, f->session, "Menos espera en el centro de salud");
  f->foreign = proposal (f, f->other, "Un patio con juegos");
  g_signal_connect (f->store, "changed::commitment", G_CALLBACK (changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A complete commitment: 40 lamps of 100 repaired by the end of 2030. */
static AbiertoCommitment *
lamps (gint64 session)
{
  AbiertoCommitment *c = abierto_commitment_new (session, "Reparar las luminarias del parque");

  abierto_commitment_set_institution (c, "Alcaldía Coyoacán");
  abierto_commitment_set_area (c, "Dirección de Alumbrado");
  abierto_commitment_set_indicator (c, "Luminarias funcionando");
  abierto_commitment_set_baseline (c, 40);
  abierto_commitment_set_target (c, 100);
  abierto_commitment_set_unit (c, "luminarias");
  abierto_commitment_set_deadline (c, "2030-12-31");
  return c;
}

static gint64
add (Fixture           *f,
     AbiertoCommitment *c,
     gint64             proposal_id,
     gboolean           draft)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_commitment (f->store, c, &proposal_id, 1, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (abierto_commitment_get_id (c), >, 0);
  return abierto_commitment_get_id (c);
}

static gint64
progress (Fixture    *f,
          gint64      commitment,
          const char *date,
          double      value)
{
  g_autoptr(AbiertoCommitmentUpdate) u = abierto_commitment_update_new (commitment, date, value);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_no_error (error);
  return abierto_commitment_update_get_id (u);
}

static guint
n_items (GListModel *model)
{
  guint n;

  g_assert_nonnull (model);
  n = g_list_model_get_n_items (model);
  g_object_unref (model);
  return n;
}

/* How many rows the file holds, whatever is hidden. */
static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Progress, overdue and the check need no file */

static void
test_progress_math (void)
{
  g_autoptr(AbiertoCommitment) c = lamps (1);
  double percent = -1;

  /* a growing indicator: 40 → 100 lamps */
  g_assert_cmpfloat_with_epsilon (abierto_commitment_compute_progress (40, 100, 70), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (abierto_commitment_compute_progress (40, 100, 40), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (abierto_commitment_compute_progress (40, 100, 100), 100, 1e-9);
  /* beyond the target, or worse than the start: clamped */
  g_assert_cmpfloat (abierto_commitment_compute_progress (40, 100, 130), ==, 100);
  g_assert_cmpfloat (abierto_commitment_compute_progress (40, 100, 10), ==, 0);

  /* a shrinking one: 90 minutes of waiting down to 30 */
  g_assert_cmpfloat_with_epsilon (abierto_commitment_compute_progress (90, 30, 60), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (abierto_commitment_compute_progress (90, 30, 45), 75, 1e-9);
  g_assert_cmpfloat (abierto_commitment_compute_progress (90, 30, 20), ==, 100);
  g_assert_cmpfloat (abierto_commitment_compute_progress (90, 30, 120), ==, 0);

  /* negative numbers work the same */
  g_assert_cmpfloat_with_epsilon (abierto_commitment_compute_progress (-10, 10, 0), 50, 1e-9);

  /* holding a value: on it or not */
  g_assert_cmpfloat (abierto_commitment_compute_progress (5, 5, 5), ==, 100);
  g_assert_cmpfloat (abierto_commitment_compute_progress (5, 5, 4), ==, 0);
  g_assert_cmpfloat (abierto_commitment_compute_progress (5, 5, 6), ==, 0);

  /* extremes neither overflow nor give NaN */
  g_assert_cmpfloat_with_epsilon (abierto_commitment_compute_progress (-G_MAXDOUBLE, G_MAXDOUBLE,
                                                                       0), 50, 1e-6);
  g_assert_cmpfloat (abierto_commitment_compute_progress (0, 1, G_MAXDOUBLE), ==, 100);
  g_assert_cmpfloat (abierto_commitment_compute_progress (0, 1, NAN), ==, 0);
  g_assert_cmpfloat (abierto_commitment_compute_progress (0, INFINITY, 1), ==, 0);

  /* a commitment: the baseline until something is measured */
  g_assert_true (abierto_commitment_get_progress (c, &percent));
  g_assert_cmpfloat (percent, ==, 0);
  abierto_commitment_set_current_value (c, 85);
  g_assert_true (abierto_commitment_get_progress (c, &percent));
  g_assert_cmpfloat_with_epsilon (percent, 75, 1e-9);

  /* nothing to measure from, or towards */
  abierto_commitment_clear_baseline (c);
  g_assert_false (abierto_commitment_get_progress (c, &percent));
  abierto_commitment_set_baseline (c, 40);
  abierto_commitment_clear_target (c);
  g_assert_false (abierto_commitment_get_progress (c, &percent));
}

static void
test_overdue (void)
{
  g_autoptr(AbiertoCommitment) c = lamps (1);
  g_autoptr(GDate) before = g_date_new_dmy (30, G_DATE_DECEMBER, 2030);
  g_autoptr(GDate) on = g_date_new_dmy (31, G_DATE_DECEMBER, 2030);
  g_autoptr(GDate) after = g_date_new_dmy (1, G_DATE_JANUARY, 2031);

  g_assert_false (abierto_commitment_is_overdue (c, before));
  /* the deadline day itself is still in time */
  g_assert_false (abierto_commitment_is_overdue (c, on));
  g_assert_true (abierto_commitment_is_overdue (c, after));
  /* today, by default: 2030 is still to come */
  g_assert_false (abierto_commitment_is_overdue (c, NULL));

  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_IN_PROGRESS);
  g_assert_true (abierto_commitment_is_overdue (c, after));

  /* what is done or dropped is not late, and a draft promised nothing */
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_DONE);
  g_assert_false (abierto_commitment_is_overdue (c, after));
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_DROPPED);
  g_assert_false (abierto_commitment_is_overdue (c, after));
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_DRAFT);
  g_assert_false (abierto_commitment_is_overdue (c, after));

  /* no deadline, nothing to be late for */
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_PLANNED);
  abierto_commitment_set_deadline (c, NULL);
  g_assert_false (abierto_commitment_is_overdue (c, after));

  abierto_commitment_set_deadline (c, "2001-01-01");
  g_assert_true (abierto_commitment_is_overdue (c, NULL));
}

static void
test_check (void)
{
  g_autoptr(AbiertoCommitment) c = lamps (1);
  g_autoptr(AbiertoCommitment) empty = abierto_commitment_new (1, "Algo");
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) one = NULL;
  g_autofree char *message = NULL;

  none = abierto_commitment_list_missing (c);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_null (abierto_commitment_dup_missing_message (c));

  all = abierto_commitment_list_missing (empty);
  g_assert_cmpuint (g_strv_length (all), ==, 4);
  g_assert_cmpstr (all[0], ==, "an indicator to measure it");
  g_assert_cmpstr (all[1], ==, "a numeric target");
  g_assert_cmpstr (all[2], ==, "a deadline");
  g_assert_cmpstr (all[3], ==, "a responsible institution");
  message = abierto_commitment_dup_missing_message (empty);
  g_assert_cmpstr (message, ==,
                   "A commitment must be specific, achievable and measurable, and this one "
                   "still lacks an indicator to measure it, a numeric target, a deadline and "
                   "a responsible institution. Add them, or save the commitment as a draft.");
  g_clear_pointer (&message, g_free);

  /* blanks are as good as nothing; a target of 0 is a target */
  abierto_commitment_set_indicator (c, "  \t");
  abierto_commitment_set_target (c, 0);
  one = abierto_commitment_list_missing (c);
  g_assert_cmpuint (g_strv_length (one), ==, 1);
  message = abierto_commitment_dup_missing_message (c);
  g_assert_cmpstr (message, ==,
                   "A commitment must be specific, achievable and measurable, and this one "
                   "still lacks an indicator to measure it. Add it, or save the commitment as "
                   "a draft.");
  g_clear_pointer (&message, g_free);

  abierto_commitment_set_indicator (c, "Luminarias");
  abierto_commitment_set_deadline (c, NULL);
  abierto_commitment_clear_target (c);
  message = abierto_commitment_dup_missing_message (c);
  g_assert_nonnull (strstr (message, "lacks a numeric target and a deadline."));
}

static void
test_object (void)
{
  g_autoptr(AbiertoCommitment) c = abierto_commitment_new (3, "Acción");
  const gint64 ids[] = { 9, 2, 9, 5 };
  const gint64 *got;
  AbiertoCommitmentStatus status;
  gboolean has = TRUE;
  double value = -1;
  guint n = 0;

  /* the numbers are optional, through their "has-" properties too */
  g_object_get (c, "has-target", &has, "target", &value, NULL);
  g_assert_false (has);
  g_assert_cmpfloat (value, ==, 0);
  g_object_set (c, "target", 12.5, NULL);
  g_assert_true (abierto_commitment_get_target (c, &value));
  g_assert_cmpfloat (value, ==, 12.5);
  g_object_set (c, "has-target", FALSE, NULL);
  g_assert_false (abierto_commitment_get_target (c, NULL));

  /* proposals are a set */
  abierto_commitment_set_proposal_ids (c, ids, G_N_ELEMENTS (ids));
  got = abierto_commitment_get_proposal_ids (c, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (got[0], ==, 2);
  g_assert_cmpint (got[1], ==, 5);
  g_assert_cmpint (got[2], ==, 9);

  for (status = 0; status < ABIERTO_N_COMMITMENT_STATUSES; status++)
    {
      AbiertoCommitmentStatus back = ABIERTO_COMMITMENT_DONE + 1;

      g_assert_true (abierto_commitment_status_from_string (
                       abierto_commitment_status_to_string (status), &back));
      g_assert_cmpint (back, ==, status);
      g_assert_nonnull (abierto_commitment_status_get_label (status));
    }
  g_assert_cmpstr (abierto_commitment_status_to_string (ABIERTO_COMMITMENT_IN_PROGRESS), ==,
                   "in-progress");
  g_assert_false (abierto_commitment_status_from_string ("finished", &status));
  g_assert_false (abierto_commitment_status_from_string (NULL, &status));
}

/* The store */

static void
test_add_and_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c = lamps (f->session);
  g_autoptr(AbiertoCommitment) back = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 both[] = { f->b, f->a, f->a };
  const gint64 *ids;
  double value = 0;
  guint n = 0;
  gint64 id;

  abierto_commitment_set_action (c, "  Reparar las luminarias del parque \n");
  abierto_commitment_set_budget_allocated (c, 250000);
  g_assert_true (abierto_store_add_commitment (f->store, c, both, G_N_ELEMENTS (both), FALSE,
                                               &error));
  g_assert_no_error (error);
  id = abierto_commitment_get_id (c);
  g_assert_cmpint (id, >, 0);
  g_assert_nonnull (abierto_commitment_get_uuid (c));
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpint (abierto_commitment_get_status (c), ==, ABIERTO_COMMITMENT_PLANNED);

  back = abierto_store_get_commitment (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_commitment_get_action (back), ==, "Reparar las luminarias del parque");
  g_assert_cmpstr (abierto_commitment_get_uuid (back), ==, abierto_commitment_get_uuid (c));
  g_assert_cmpstr (abierto_commitment_get_institution (back), ==, "Alcaldía Coyoacán");
  g_assert_cmpstr (abierto_commitment_get_area (back), ==, "Dirección de Alumbrado");
  g_assert_cmpstr (abierto_commitment_get_indicator (back), ==, "Luminarias funcionando");
  g_assert_cmpstr (abierto_commitment_get_unit (back), ==, "luminarias");
  g_assert_cmpstr (abierto_commitment_get_deadline (back), ==, "2030-12-31");
  g_assert_true (abierto_commitment_get_baseline (back, &value));
  g_assert_cmpfloat (value, ==, 40);
  g_assert_true (abierto_commitment_get_target (back, &value));
  g_assert_cmpfloat (value, ==, 100);
  g_assert_true (abierto_commitment_get_budget_allocated (back, &value));
  g_assert_cmpfloat (value, ==, 250000);
  g_assert_false (abierto_commitment_get_budget_spent (back, &value));
  g_assert_false (abierto_commitment_get_current_value (back, &value));
  g_assert_null (abierto_commitment_get_current_date (back));
  g_assert_cmpint (abierto_commitment_get_session_id (back), ==, f->session);
  ids = abierto_commitment_get_proposal_ids (back, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (ids[0], ==, MIN (f->a, f->b));
  g_assert_cmpint (ids[1], ==, MAX (f->a, f->b));

  list = abierto_store_list_commitments (f->store, f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpuint (n_items (abierto_store_list_commitments (f->store, f->other, NULL)), ==, 0);

  /* a commitment that is not there */
  g_assert_null (abierto_store_get_commitment (f->store, id + 1, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c = abierto_commitment_new (f->session, "Poner luminarias");
  g_autoptr(AbiertoCommitment) ok = NULL;
  g_autoptr(GString) long_action = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 missing_proposal = 9999;
  guint i;

  /* not measurable: refused, saying what is missing */
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "an indicator to measure it"));
  g_assert_nonnull (strstr (error->message, "a numeric target"));
  g_assert_nonnull (strstr (error->message, "a deadline"));
  g_assert_nonnull (strstr (error->message, "a responsible institution"));
  g_clear_error (&error);
  g_assert_cmpint (abierto_commitment_get_id (c), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM commitment"), ==, 0);

  /* one thing missing */
  g_clear_object (&c);
  c = lamps (f->session);
  abierto_commitment_set_institution (c, " ");
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "lacks a responsible institution. Add it"));
  g_clear_error (&error);
  abierto_commitment_set_institution (c, "Alcaldía Coyoacán");

  /* a 10,000-character action is refused, not cut */
  for (i = 0; i < 10000; i++)
    g_string_append (long_action, "á");
  abierto_commitment_set_action (c, long_action->str);
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The action has 10000 characters, more than the 2000 it can have; "
                   "shorten it.");
  g_clear_error (&error);
  /* not even as a draft */
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, TRUE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_set_action (c, " ");
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, TRUE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_set_action (c, "Reparar luminarias");

  abierto_commitment_set_deadline (c, "2030-02-30");
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_set_deadline (c, "31/12/2030");
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, TRUE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_set_deadline (c, "2030-12-31");

  abierto_commitment_set_budget_spent (c, -1);
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_clear_budget_spent (c);

  /* dropped needs a reason */
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_DROPPED);
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "dropped"));
  g_clear_error (&error);
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_PLANNED);

  /* proposals: at least one, all of the same session, all there */
  g_assert_false (abierto_store_add_commitment (f->store, c, NULL, 0, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->foreign, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "another session"));
  g_clear_error (&error);
  g_assert_false (abierto_store_add_commitment (f->store, c, &missing_proposal, 1, FALSE,
                                                &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (abierto_store_delete_proposal (f->store, f->b, NULL));
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->b, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (abierto_store_restore_proposal (f->store, f->b, NULL));
  g_assert_true (abierto_store_merge_proposals (f->store, f->a, f->b, NULL));
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->b, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "merged"));
  g_clear_error (&error);

  /* a session that is not there */
  abierto_commitment_set_session_id (c, 9999);
  g_assert_false (abierto_store_add_commitment (f->store, c, &f->a, 1, FALSE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM commitment"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM commitment_proposal"), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 0);

  /* and with everything in order, it is saved */
  ok = lamps (f->session);
  add (f, ok, f->a, FALSE);
}

static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c = abierto_commitment_new (f->session, "Revisar el alumbrado");
  g_autoptr(AbiertoCommitment) back = NULL;
  g_autoptr(AbiertoCommitmentUpdate) u = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add (f, c, f->a, TRUE);
  g_assert_cmpint (abierto_commitment_get_status (c), ==, ABIERTO_COMMITMENT_DRAFT);
  back = abierto_store_get_commitment (f->store, id, NULL);
  g_assert_cmpint (abierto_commitment_get_status (back), ==, ABIERTO_COMMITMENT_DRAFT);
  g_assert_false (abierto_commitment_get_target (back, NULL));

  /* no progress on a draft */
  u = abierto_commitment_update_new (id, "2026-01-10", 3);
  g_assert_false (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* promoting it runs the check */
  abierto_commitment_set_status (back, ABIERTO_COMMITMENT_PLANNED);
  g_assert_false (abierto_store_update_commitment (f->store, back, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_clear_object (&back);
  back = abierto_store_get_commitment (f->store, id, NULL);
  g_assert_cmpint (abierto_commitment_get_status (back), ==, ABIERTO_COMMITMENT_DRAFT);

  /* still a draft, it can be saved half done */
  abierto_commitment_set_indicator (back, "Luminarias funcionando");
  g_assert_true (abierto_store_update_commitment (f->store, back, &error));
  g_assert_no_error (error);

  abierto_commitment_set_institution (back, "Alcaldía Coyoacán");
  abierto_commitment_set_target (back, 100);
  abierto_commitment_set_baseline (back, 40);
  abierto_commitment_set_deadline (back, "2030-12-31");
  abierto_commitment_set_status (back, ABIERTO_COMMITMENT_PLANNED);
  g_assert_true (abierto_store_update_commitment (f->store, back, &error));
  g_assert_no_error (error);
  g_clear_object (&back);
  back = abierto_store_get_commitment (f->store, id, NULL);
  g_assert_cmpint (abierto_commitment_get_status (back), ==, ABIERTO_COMMITMENT_PLANNED);

  /* a draft that will not be, dropped as it is, with a reason */
  g_clear_object (&c);
  c = abierto_commitment_new (f->session, "Una idea sin dueño");
  add (f, c, f->a, TRUE);
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_DROPPED);
  g_assert_false (abierto_store_update_commitment (f->store, c, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_set_status_reason (c, "Ninguna institución la tomó.");
  g_assert_true (abierto_store_update_commitment (f->store, c, &error));
  g_assert_no_error (error);

  /* added complete, a draft status becomes planned */
  g_clear_object (&c);
  c = lamps (f->session);
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_DRAFT);
  add (f, c, f->b, FALSE);
  g_assert_cmpint (abierto_commitment_get_status (c), ==, ABIERTO_COMMITMENT_PLANNED);
}

static void
test_update_commitment (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c = lamps (f->session);
  g_autoptr(AbiertoCommitment) back = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 *ids;
  gint64 id, both[2];
  guint n = 0;

  id = add (f, c, f->a, FALSE);
  both[0] = f->a;
  both[1] = f->b;

  abierto_commitment_set_proposal_ids (c, both, 2);
  abierto_commitment_set_unit (c, " lámparas ");
  abierto_commitment_set_budget_spent (c, 1200.5);
  g_assert_true (abierto_store_update_commitment (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_commitment_get_unit (c), ==, "lámparas");
  back = abierto_store_get_commitment (f->store, id, NULL);
  ids = abierto_commitment_get_proposal_ids (back, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (abierto_commitment_get_unit (back), ==, "lámparas");
  g_clear_object (&back);

  /* the check applies to edits too */
  abierto_commitment_set_deadline (c, NULL);
  g_assert_false (abierto_store_update_commitment (f->store, c, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INCOMPLETE);
  g_clear_error (&error);
  abierto_commitment_set_deadline (c, "2030-12-31");

  /* dropped, with a reason */
  abierto_commitment_set_status (c, ABIERTO_COMMITMENT_DROPPED);
  g_assert_false (abierto_store_update_commitment (f->store, c, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_set_status_reason (c, "El parque pasó a la Secretaría de Obras.");
  g_assert_true (abierto_store_update_commitment (f->store, c, &error));
  g_assert_no_error (error);
  back = abierto_store_get_commitment (f->store, id, NULL);
  g_assert_cmpint (abierto_commitment_get_status (back), ==, ABIERTO_COMMITMENT_DROPPED);
  g_assert_cmpstr (abierto_commitment_get_status_reason (back), ==,
                   "El parque pasó a la Secretaría de Obras.");
  g_clear_object (&back);

  /* fewer proposals: the link to the other one goes */
  abierto_commitment_set_proposal_ids (c, &f->b, 1);
  g_assert_true (abierto_store_update_commitment (f->store, c, &error));
  g_assert_no_error (error);
  back = abierto_store_get_commitment (f->store, id, NULL);
  ids = abierto_commitment_get_proposal_ids (back, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ids[0], ==, f->b);
  g_clear_object (&back);

  /* never a proposal of another session */
  abierto_commitment_set_proposal_ids (c, &f->foreign, 1);
  g_assert_false (abierto_store_update_commitment (f->store, c, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* nor a commitment that is not there */
  abierto_commitment_set_proposal_ids (c, &f->a, 1);
  abierto_commitment_set_id (c, id + 10);
  g_assert_false (abierto_store_update_commitment (f->store, c, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
test_proposal_links (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c = lamps (f->session);
  g_autoptr(AbiertoCommitment) back = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 *ids;
  gint64 id;
  guint n = 0;

  id = add (f, c, f->b, FALSE);

  /* merged into a: the commitment answers a */
  g_assert_true (abierto_store_merge_proposals (f->store, f->a, f->b, NULL));
  back = abierto_store_get_commitment (f->store, id, NULL);
  ids = abierto_commitment_get_proposal_ids (back, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ids[0], ==, f->a);

  /* saved like that, the link to b stays for when it is unmerged */
  g_assert_true (abierto_store_update_commitment (f->store, back, &error));
  g_assert_no_error (error);
  g_assert_true (abierto_store_unmerge_proposal (f->store, f->b, NULL));
  g_clear_object (&back);
  back = abierto_store_get_commitment (f->store, id, NULL);
  ids = abierto_commitment_get_proposal_ids (back, &n);
  g_assert_cmpuint (n, ==, 2);
  g_clear_object (&back);

  /* a deleted proposal is hidden, and comes back with it */
  g_assert_true (abierto_store_delete_proposal (f->store, f->b, NULL));
  back = abierto_store_get_commitment (f->store, id, NULL);
  ids = abierto_commitment_get_proposal_ids (back, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ids[0], ==, f->a);
  g_assert_true (abierto_store_update_commitment (f->store, back, &error));
  g_assert_no_error (error);
  g_assert_true (abierto_store_restore_proposal (f->store, f->b, NULL));
  g_clear_object (&back);
  back = abierto_store_get_commitment (f->store, id, NULL);
  abierto_commitment_get_proposal_ids (back, &n);
  g_assert_cmpuint (n, ==, 2);
}

static void
test_progress_updates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c = lamps (f->session);
  g_autoptr(AbiertoCommitment) back = NULL;
  g_autoptr(AbiertoCommitmentUpdate) u = NULL;
  g_autoptr(AbiertoCommitmentUpdate) first = NULL;
  g_autoptr(GListModel) updates = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow_dt = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow = g_date_time_format (tomorrow_dt, "%Y-%m-%d");
  double value = 0, percent = 0;
  gint64 id, u1, u3;

  id = add (f, c, f->a, FALSE);

  u1 = progress (f, id, "2026-03-01", 55);
  back = abierto_store_get_commitment (f->store, id, NULL);
  /* progress recorded: work has started */
  g_assert_cmpint (abierto_commitment_get_status (back), ==, ABIERTO_COMMITMENT_IN_PROGRESS);
  g_assert_true (abierto_commitment_get_current_value (back, &value));
  g_assert_cmpfloat (value, ==, 55);
  g_assert_true (abierto_commitment_get_progress (back, &percent));
  g_assert_cmpfloat_with_epsilon (percent, 25, 1e-9);
  g_clear_object (&back);

  /* the latest by date counts, whatever the order they were entered in */
  u3 = progress (f, id, "2026-05-01", 85);
  progress (f, id, "2026-04-01", 70);
  back = abierto_store_get_commitment (f->store, id, NULL);
  g_assert_true (abierto_commitment_get_current_value (back, &value));
  g_assert_cmpfloat (value, ==, 85);
  g_assert_cmpstr (abierto_commitment_get_current_date (back), ==, "2026-05-01");
  g_assert_true (abierto_commitment_get_progress (back, &percent));
  g_assert_cmpfloat_with_epsilon (percent, 75, 1e-9);
  g_clear_object (&back);

  updates = abierto_store_list_commitment_updates (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (updates), ==, 3);
  first = g_list_model_get_item (updates, 0);
  g_assert_cmpint (abierto_commitment_update_get_id (first), ==, u1);
  g_assert_cmpstr (abierto_commitment_update_get_date (first), ==, "2026-03-01");

  /* taking one back */
  g_assert_true (abierto_store_delete_commitment_update (f->store, u3, &error));
  g_assert_no_error (error);
  back = abierto_store_get_commitment (f->store, id, NULL);
  g_assert_true (abierto_commitment_get_current_value (back, &value));
  g_assert_cmpfloat (value, ==, 70);
  g_clear_object (&back);
  g_assert_false (abierto_store_delete_commitment_update (f->store, u3, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a note and evidence */
  u = abierto_commitment_update_new (id, "2026-06-01", 90);
  abierto_commitment_update_set_note (u, " Faltan las de la entrada norte ");
  abierto_commitment_update_set_evidence_url (u, "https://datos.cdmx.gob.mx/alumbrado");
  g_assert_true (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_commitment_update_get_note (u), ==, "Faltan las de la entrada norte");
  g_assert_nonnull (abierto_commitment_update_get_uuid (u));
  g_clear_object (&u);

  /* refused: a date that is not a date, one still to come, none, a
   * link that is not a web page, a commitment that is not there */
  u = abierto_commitment_update_new (id, "2026-13-01", 1);
  g_assert_false (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_update_set_date (u, tomorrow);
  g_assert_false (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "still to come"));
  g_clear_error (&error);
  abierto_commitment_update_set_date (u, NULL);
  g_assert_false (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_update_set_date (u, "2026-01-01");
  abierto_commitment_update_set_evidence_url (u, "javascript:alert(1)");
  g_assert_false (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_update_set_evidence_url (u, "ftp://datos.cdmx.gob.mx/x");
  g_assert_false (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  abierto_commitment_update_set_evidence_url (u, NULL);
  abierto_commitment_update_set_commitment_id (u, id + 10);
  g_assert_false (abierto_store_add_commitment_update (f->store, u, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM commitment_update"), ==, 3);

  /* done: no longer overdue, and progress stays what was measured */
  back = abierto_store_get_commitment (f->store, id, NULL);
  abierto_commitment_set_status (back, ABIERTO_COMMITMENT_DONE);
  g_assert_true (abierto_store_update_commitment (f->store, back, &error));
  g_assert_no_error (error);
  progress (f, id, "2026-07-01", 100);
  g_clear_object (&back);
  back = abierto_store_get_commitment (f->store, id, NULL);
  g_assert_cmpint (abierto_commitment_get_status (back), ==, ABIERTO_COMMITMENT_DONE);
  g_assert_true (abierto_commitment_get_progress (back, &percent));
  g_assert_cmpfloat (percent, ==, 100);
}

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c = lamps (f->session);
  g_autoptr(AbiertoCommitment) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add (f, c, f->a, FALSE);
  progress (f, id, "2026-03-01", 55);
  f->n_changed = 0;

  g_assert_true (abierto_store_delete_commitment (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (n_items (abierto_store_list_commitments (f->store, f->session, NULL)), ==, 0);
  g_assert_null (abierto_store_get_commitment (f->store, id, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (abierto_store_list_commitment_updates (f->store, id, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* twice is a mistake */
  g_assert_false (abierto_store_delete_commitment (f->store, id, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* undo brings it back whole */
  g_assert_true (abierto_store_restore_commitment (f->store, id, &error));
  g_assert_no_error (error);
  back = abierto_store_get_commitment (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_commitment_get_current_value (back, NULL));
  g_assert_cmpuint (n_items (abierto_store_list_commitment_updates (f->store, id, NULL)), ==, 1);
  g_assert_false (abierto_store_restore_commitment (f->store, id, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a deleted session hides its commitments */
  g_assert_true (abierto_store_delete_session (f->store, f->session, NULL));
  g_assert_cmpuint (n_items (abierto_store_find_commitments (f->store, 0, NULL, 0, NULL)), ==, 0);
  g_assert_null (abierto_store_get_commitment (f->store, id, NULL));
  g_assert_true (abierto_store_restore_session (f->store, f->session, NULL));
  g_assert_cmpuint (n_items (abierto_store_find_commitments (f->store, 0, NULL, 0, NULL)), ==, 1);

  /* purged for good, with its updates and links */
  g_assert_true (abierto_store_delete_commitment (f->store, id, NULL));
  g_assert_true (abierto_store_purge_deleted (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM commitment"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM commitment_update"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM commitment_proposal"), ==, 0);
  g_assert_false (abierto_store_restore_commitment (f->store, id, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c1 = lamps (f->session);
  g_autoptr(AbiertoCommitment) c2 = lamps (f->session);
  g_autoptr(AbiertoCommitment) c3 = lamps (f->other);
  g_autoptr(AbiertoCommitment) first = NULL;
  g_autoptr(GListModel) found = NULL;
  g_auto(GStrv) institutions = NULL;
  g_autoptr(GError) error = NULL;

  abierto_commitment_set_institution (c2, "Secretaría de Salud");
  abierto_commitment_set_indicator (c2, "Minutos de espera");
  abierto_commitment_set_baseline (c2, 90);
  abierto_commitment_set_target (c2, 30);
  add (f, c1, f->a, FALSE);
  add (f, c2, f->b, FALSE);
  add (f, c3, f->foreign, TRUE);

  g_assert_cmpuint (n_items (abierto_store_find_commitments (f->store, 0, NULL, 0, NULL)), ==, 3);
  g_assert_cmpuint (n_items (abierto_store_list_commitments (f->store, f->session, NULL)), ==, 2);
  g_assert_cmpuint (n_items (abierto_store_find_commitments (f->store, 0, "Alcaldia Coyoacan",
                                                             0, NULL)), ==, 0);
  g_assert_cmpuint (n_items (abierto_store_find_commitments (f->store, 0, " ALCALDÍA Coyoacán ",
                                                             0, NULL)), ==, 2);
  g_assert_cmpuint (n_items (abierto_store_find_commitments (f->store, f->session,
                                                             "Alcaldía Coyoacán", 0, NULL)),
                    ==, 1);
  found = abierto_store_find_commitments (f->store, 0, NULL,
                                          ABIERTO_COMMITMENT_STATUS_MASK (ABIERTO_COMMITMENT_DRAFT),
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  first = g_list_model_get_item (found, 0);
  g_assert_cmpint (abierto_commitment_get_id (first), ==, abierto_commitment_get_id (c3));
  g_assert_cmpuint (n_items (abierto_store_find_commitments (
                      f->store, 0, NULL,
                      ABIERTO_COMMITMENT_STATUS_MASK (ABIERTO_COMMITMENT_PLANNED)
                      | ABIERTO_COMMITMENT_STATUS_MASK (ABIERTO_COMMITMENT_DONE), NULL)), ==, 2);

  institutions = abierto_store_list_institutions (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (institutions), ==, 2);
  g_assert_cmpstr (institutions[0], ==, "Alcaldía Coyoacán");
  g_assert_cmpstr (institutions[1], ==, "Secretaría de Salud");
  g_clear_pointer (&institutions, g_strfreev);
  institutions = abierto_store_list_institutions (f->store, f->other, &error);
  g_assert_cmpuint (g_strv_length (institutions), ==, 1);

  /* 0 is no session for a session's list */
  g_assert_null (abierto_store_list_commitments (f->store, 0, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

/* A file of format 1, from before commitments could be deleted, opens and
 * is brought forward with what it holds. */
static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AbiertoCommitment) c = lamps (f->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  gboolean healthy = FALSE;
  sqlite3 *db = NULL;
  gint64 id;

  id = add (f, c, f->a, FALSE);
  g_assert_true (abierto_store_close (f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  /* format 1 had neither the deleted column nor the privacy notices of
   * format 3 */
  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE commitment DROP COLUMN deleted; "
                                     "DROP TABLE privacy_notice; "
                                     "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_check (f->store, &healthy, &verdict, &error));
  g_assert_no_error (error);
  g_assert_true (healthy);
  g_assert_cmpint (count_rows (f, "PRAGMA user_version"), ==, ABIERTO_FORMAT_VERSION);
  g_assert_cmpuint (n_items (abierto_store_list_commitments (f->store, f->session, NULL)), ==, 1);
  g_assert_true (abierto_store_delete_commitment (f->store, id, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/commitment/progress-math", test_progress_math);
  g_test_add_func ("/core/commitment/overdue", test_overdue);
  g_test_add_func ("/core/commitment/check", test_check);
  g_test_add_func ("/core/commitment/object", test_object);

#define ADD(name, func) \
  g_test_add ("/core/commitment/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("add-and-list", test_add_and_list);
  ADD ("refused", test_refused);
  ADD ("draft", test_draft);
  ADD ("update", test_update_commitment);
  ADD ("proposal-links", test_proposal_links);
  ADD ("progress-updates", test_progress_updates);
  ADD ("delete-restore", test_delete_restore);
  ADD ("find", test_find);
  ADD ("migrate", test_migrate);

  return g_test_run ();
}
