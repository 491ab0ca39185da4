/* test-edit.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Editing, deleting with undo, and taking votes back.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "abierto-store.h"

typedef struct
{
  char         *dir;
  char         *path;
  AbiertoStore *store;
  gint64        session, other;
  gint64        ana, beto, stranger;
  gint64        a, b;
} Fixture;

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
proposal (Fixture    *f,
          const char *text,
          const char *category)
{
  g_autoptr(AbiertoProposal) p = abierto_proposal_new (f->session, text);
  g_autoptr(GError) error = NULL;

  abierto_proposal_set_category (p, category);
  g_assert_true (abierto_store_add_proposal (f->store, p, &error));
  g_assert_no_error (error);
  return abierto_proposal_get_id (p);
}

static gint64
round_new (Fixture       *f,
           AbiertoMethod  method)
{
  g_autoptr(AbiertoRound) r = abierto_round_new (f->session, method);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_round (f->store, r, &error));
  g_assert_no_error (error);
  return abierto_round_get_id (r);
}

static gint64
vote (Fixture *f,
      gint64   round,
      gint64   who,
      gint64   what,
      gint     value)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (abierto_store_add_vote (f->store, round, who, what, value, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AbiertoSession) s1 = abierto_session_new ("Sesión", ABIERTO_GROUP_MIXED);
  g_autoptr(AbiertoSession) s2 = abierto_session_new ("Otra", ABIERTO_GROUP_MIXED);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("abierto-edit-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "taller.abierto", NULL);
  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_add_session (f->store, s1, NULL));
  g_assert_true (abierto_store_add_session (f->store, s2, NULL));
  f->session = abierto_session_get_id (s1);
  f->other = abierto_session_get_id (s2);
  f->ana = participant (f, f->session, "Ana");
  f->beto = participant (f, f->session, "Beto");
  f->stranger = participant (f, f->other, "Ceci");
  f->a = proposal (f, "Más bancas con sombra", "Parques");
  f->b = proposal (f, "Baños accesibles", "Servicios");
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

static double
score_of (Fixture *f,
          gint64   round,
          gint64   proposal_id)
{
  g_autoptr(AbiertoResults) results = abierto_store_compute_results (f->store, round, NULL);
  guint i;

  g_assert_nonnull (results);
  for (i = 0; i < abierto_results_get_n_rows (results); i++)
    if (abierto_results_get_row (results, i)->proposal_id == proposal_id)
      return abierto_results_get_row (results, i)->score;

  return -1;  /* not in the results */
}

static guint
n_items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  g_object_unref (model);
  return n;
}

static void
test_update_participant (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AbiertoParticipant) p = abierto_store_get_participant (f->store, f->ana, NULL);
  g_autoptr(AbiertoParticipant) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (p);
  abierto_participant_set_alias (p, "  Anita ");
  abierto_participant_set_age_band (p, "60-69");
  g_assert_true (abierto_store_update_participant (f->store, p, &error));
  g_assert_no_error (error);
  back = abierto_store_get_participant (f->store, f->ana, &error);
  g_assert_cmpstr (abierto_participant_get_alias (back), ==, "Anita");
  g_assert_cmpstr (abierto_participant_get_age_band (back), ==, "60-69");

  /* another person's alias, in any case, is taken */
  abierto_participant_set_alias (p, "BETO");
  g_assert_false (abierto_store_update_participant (f->store, p, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  abierto_participant_set_alias (p, " ");
  g_assert_false (abierto_store_update_participant (f->store, p, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
}

static void
test_update_proposal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AbiertoProposal) p = abierto_store_get_proposal (f->store, f->a, NULL);
  g_autoptr(AbiertoProposal) back = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) categories = NULL;

  abierto_proposal_set_text (p, "Más bancas con sombra 🌳 y bebederos");
  abierto_proposal_set_category (p, "Agua");
  abierto_proposal_set_author_id (p, f->beto);
  g_assert_true (abierto_store_update_proposal (f->store, p, &error));
  g_assert_no_error (error);
  back = abierto_store_get_proposal (f->store, f->a, NULL);
  g_assert_cmpstr (abierto_proposal_get_text (back), ==, "Más bancas con sombra 🌳 y bebederos");
  g_assert_cmpint (abierto_proposal_get_author_id (back), ==, f->beto);

  categories = abierto_store_list_categories (f->store, f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (categories), ==, 2);
  g_assert_cmpstr (categories[0], ==, "Agua");
  g_assert_cmpstr (categories[1], ==, "Servicios");

  abierto_proposal_set_author_id (p, f->stranger);
  g_assert_false (abierto_store_update_proposal (f->store, p, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  abierto_proposal_set_author_id (p, 0);
  abierto_proposal_set_text (p, "");
  g_assert_false (abierto_store_update_proposal (f->store, p, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
}

static void
test_delete_proposal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 dot = round_new (f, ABIERTO_METHOD_DOT);

  vote (f, dot, f->ana, f->a, 2);
  vote (f, dot, f->beto, f->a, 1);
  vote (f, dot, f->ana, f->b, 1);
  g_assert_cmpint (abierto_store_get_dots_left (f->store, dot, f->ana, NULL), ==, 0);

  g_assert_true (abierto_store_delete_proposal (f->store, f->a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (abierto_store_list_proposals (f->store, f->session, NULL)), ==, 1);
  g_assert_null (abierto_store_get_proposal (f->store, f->a, NULL));
  g_assert_cmpfloat (score_of (f, dot, f->a), ==, -1);
  /* Ana gets her two dots back */
  g_assert_cmpint (abierto_store_get_dots_left (f->store, dot, f->ana, NULL), ==, 2);
  g_assert_false (abierto_store_add_vote (f->store, dot, f->beto, f->a, 1, NULL, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* deleting twice is refused */
  g_assert_false (abierto_store_delete_proposal (f->store, f->a, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (abierto_store_restore_proposal (f->store, f->a, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (f, dot, f->a), ==, 3);
  g_assert_cmpint (abierto_store_get_dots_left (f->store, dot, f->ana, NULL), ==, 0);

  g_assert_false (abierto_store_restore_proposal (f->store, f->a, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_participant (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 approval = round_new (f, ABIERTO_METHOD_APPROVAL);
  gint64 again;

  vote (f, approval, f->ana, f->a, 1);
  vote (f, approval, f->beto, f->a, 1);
  vote (f, approval, f->ana, f->b, 1);

  g_assert_true (abierto_store_delete_participant (f->store, f->ana, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (abierto_store_list_participants (f->store, f->session, NULL)), ==, 1);
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, 1);
  g_assert_cmpfloat (score_of (f, approval, f->b), ==, 0);
  results = abierto_store_compute_results (f->store, approval, NULL);
  g_assert_cmpuint (abierto_results_get_n_voters (results), ==, 1);

  /* the alias is free while she is deleted… */
  again = participant (f, f->session, "ana");
  /* …so she cannot come back under it */
  g_assert_false (abierto_store_restore_participant (f->store, f->ana, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (abierto_store_delete_participant (f->store, again, &error));

  g_assert_true (abierto_store_restore_participant (f->store, f->ana, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, 2);
  g_assert_cmpfloat (score_of (f, approval, f->b), ==, 1);
}

/* Ana voted for A; Ana is deleted, then A; restoring Ana leaves her vote
 * waiting for A, and restoring A brings it back. */
static void
test_delete_both (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 approval = round_new (f, ABIERTO_METHOD_APPROVAL);

  vote (f, approval, f->ana, f->a, 1);
  vote (f, approval, f->beto, f->a, 1);

  g_assert_true (abierto_store_delete_participant (f->store, f->ana, &error));
  g_assert_true (abierto_store_delete_proposal (f->store, f->a, &error));
  g_assert_true (abierto_store_restore_participant (f->store, f->ana, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, -1);
  g_assert_true (abierto_store_restore_proposal (f->store, f->a, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, 2);

  /* and the other way round */
  g_assert_true (abierto_store_delete_proposal (f->store, f->a, &error));
  g_assert_true (abierto_store_delete_participant (f->store, f->ana, &error));
  g_assert_true (abierto_store_restore_proposal (f->store, f->a, &error));
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, 1);
  g_assert_true (abierto_store_restore_participant (f->store, f->ana, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, 2);
}

static void
test_delete_session_and_round (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 dot = round_new (f, ABIERTO_METHOD_DOT);
  g_autoptr(AbiertoRound) round = NULL;

  g_assert_true (abierto_store_delete_round (f->store, dot, &error));
  g_assert_null (abierto_store_get_round (f->store, dot, NULL));
  g_assert_cmpuint (n_items (abierto_store_list_rounds (f->store, f->session, NULL)), ==, 0);
  g_assert_false (abierto_store_add_vote (f->store, dot, f->ana, f->a, 1, NULL, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (abierto_store_restore_round (f->store, dot, &error));
  round = abierto_store_get_round (f->store, dot, &error);
  g_assert_nonnull (round);

  g_assert_true (abierto_store_delete_session (f->store, f->session, &error));
  g_assert_cmpuint (n_items (abierto_store_list_sessions (f->store, NULL)), ==, 1);
  g_assert_true (abierto_store_restore_session (f->store, f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (abierto_store_list_sessions (f->store, NULL)), ==, 2);
  g_assert_false (abierto_store_restore_session (f->store, f->session, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
test_take_back_votes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ballot = NULL;
  gint64 dot = round_new (f, ABIERTO_METHOD_DOT);
  gint64 ranking = round_new (f, ABIERTO_METHOD_RANKING);
  gint64 tally = round_new (f, ABIERTO_METHOD_TALLY);
  gint64 order[] = { f->b, f->a };
  gint64 first, second;

  first = vote (f, dot, f->ana, f->a, 2);
  second = vote (f, dot, f->ana, f->b, 1);
  ballot = abierto_store_get_ballot (f->store, dot, f->ana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ballot->len, ==, 2);
  g_assert_cmpint (g_array_index (ballot, AbiertoBallotEntry, 0).vote_id, ==, first);
  g_assert_cmpint (g_array_index (ballot, AbiertoBallotEntry, 0).proposal_id, ==, f->a);
  g_assert_cmpint (g_array_index (ballot, AbiertoBallotEntry, 0).value, ==, 2);

  g_assert_true (abierto_store_delete_vote (f->store, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (abierto_store_get_dots_left (f->store, dot, f->ana, NULL), ==, 1);
  g_assert_false (abierto_store_delete_vote (f->store, second, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (abierto_store_add_ranking (f->store, ranking, f->ana, order, 2, &error));
  g_assert_true (abierto_store_delete_ranking (f->store, ranking, f->ana, &error));
  g_assert_no_error (error);
  /* taken back, so she can rank again */
  g_assert_true (abierto_store_add_ranking (f->store, ranking, f->ana, order, 1, &error));
  g_assert_false (abierto_store_delete_ranking (f->store, ranking, f->beto, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (abierto_store_get_tally (f->store, tally, f->a, NULL), ==, 0);
  g_assert_true (abierto_store_set_tally (f->store, tally, f->a, 14, &error));
  g_assert_cmpuint (abierto_store_get_tally (f->store, tally, f->a, &error), ==, 14);
  g_assert_no_error (error);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  gint64 approval = round_new (f, ABIERTO_METHOD_APPROVAL);
  gint64 secret = proposal (f, "Texto que nadie debe volver a leer", "");

  vote (f, approval, f->ana, secret, 1);
  vote (f, approval, f->beto, f->a, 1);
  g_assert_true (abierto_store_delete_proposal (f->store, secret, &error));
  g_assert_true (abierto_store_delete_participant (f->store, f->beto, &error));
  g_assert_true (abierto_store_purge_deleted (f->store, &error));
  g_assert_no_error (error);

  /* gone for good: no restore, no row, no bytes */
  g_assert_false (abierto_store_restore_proposal (f->store, secret, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, 0);
  g_assert_true (abierto_store_close (f->store, &error));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (f->path, "nadie debe volver"));
  g_assert_false (file_contains (f->path, "Beto"));
  g_assert_true (file_contains (f->path, "Ana"));
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AbiertoProposal) foreign = abierto_proposal_new (f->other, "Otra cosa");
  g_autoptr(GError) error = NULL;
  gint64 dot = round_new (f, ABIERTO_METHOD_DOT);
  gint64 approval = round_new (f, ABIERTO_METHOD_APPROVAL);
  gint64 c = proposal (f, "Bancas a la sombra", "");

  /* dots: Ana 2 on A and 1 on B, Beto 1 on B; approvals: Ana A and B,
   * Beto B */
  vote (f, dot, f->ana, f->a, 2);
  vote (f, dot, f->ana, f->b, 1);
  vote (f, dot, f->beto, f->b, 1);
  vote (f, approval, f->ana, f->a, 1);
  vote (f, approval, f->ana, f->b, 1);
  vote (f, approval, f->beto, f->b, 1);

  g_assert_true (abierto_store_merge_proposals (f->store, f->a, f->b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (abierto_store_list_proposals (f->store, f->session, NULL)), ==, 2);
  /* dots add up; Ana's approval of both counts once */
  g_assert_cmpfloat (score_of (f, dot, f->a), ==, 4);
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, 2);
  g_assert_cmpfloat (score_of (f, dot, f->b), ==, -1);
  g_assert_false (abierto_store_add_vote (f->store, dot, f->beto, f->b, 1, NULL, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* refusals */
  g_assert_false (abierto_store_merge_proposals (f->store, f->a, f->a, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (abierto_store_merge_proposals (f->store, c, f->b, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (abierto_store_merge_proposals (f->store, c, f->a, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (abierto_store_add_proposal (f->store, foreign, NULL));
  g_assert_false (abierto_store_merge_proposals (f->store, c, abierto_proposal_get_id (foreign),
                                                 &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* and back, exactly as it was */
  g_assert_true (abierto_store_unmerge_proposal (f->store, f->b, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (f, dot, f->a), ==, 2);
  g_assert_cmpfloat (score_of (f, dot, f->b), ==, 2);
  g_assert_cmpfloat (score_of (f, approval, f->a), ==, 1);
  g_assert_cmpfloat (score_of (f, approval, f->b), ==, 2);
  g_assert_false (abierto_store_unmerge_proposal (f->store, f->b, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

/* What lists and charts show: the title, else the text, always one short line */
static void
test_label (void)
{
  g_autoptr(AbiertoProposal) p = abierto_proposal_new (1, "Primera línea\nsegunda línea");
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *label = NULL;
  guint i;

  label = abierto_proposal_dup_label (p);
  g_assert_cmpstr (label, ==, "Primera línea");
  g_clear_pointer (&label, g_free);

  for (i = 0; i < 100; i++)
    g_string_append (long_title, "ñ");
  abierto_proposal_set_title (p, long_title->str);
  label = abierto_proposal_dup_label (p);
  g_assert_cmpint (g_utf8_strlen (label, -1), ==, 61);
  g_assert_true (g_str_has_suffix (label, "ñ…"));
  g_clear_pointer (&label, g_free);

  abierto_proposal_set_title (p, "  Bancas\ncon sombra ");
  label = abierto_proposal_dup_label (p);
  g_assert_cmpstr (label, ==, "Bancas");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/edit/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("update-participant", test_update_participant);
  ADD ("update-proposal", test_update_proposal);
  ADD ("delete-proposal", test_delete_proposal);
  ADD ("delete-participant", test_delete_participant);
  ADD ("delete-both", test_delete_both);
  ADD ("delete-session-and-round", test_delete_session_and_round);
  ADD ("take-back-votes", test_take_back_votes);
  ADD ("purge", test_purge);
  ADD ("merge", test_merge);
  g_test_add_func ("/core/edit/label", test_label);

  return g_test_run ();
}
