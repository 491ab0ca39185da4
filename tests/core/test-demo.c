/* test-demo.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "abierto-demo.h"
#include "abierto-store.h"

static char *
results_of_file (const char               *path,
                 const AbiertoDemoOptions *options,
                 AbiertoDemoStats         *stats)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  gboolean healthy = FALSE;
  guint i;

  store = abierto_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_demo_generate (store, options, stats, &error));
  g_assert_no_error (error);

  g_assert_true (abierto_store_check (store, &healthy, &verdict, &error));
  g_assert_no_error (error);
  g_assert_true (healthy);

  sessions = abierto_store_list_sessions (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, options->sessions);

  for (i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(AbiertoSession) session = g_list_model_get_item (sessions, i);
      g_autoptr(GListModel) rounds = NULL;
      g_autoptr(GListModel) participants = NULL;
      g_autoptr(GListModel) proposals = NULL;
      g_autoptr(AbiertoRound) round = NULL;
      g_autoptr(AbiertoResults) results = NULL;
      g_autofree char *text = NULL;
      gint64 session_id = abierto_session_get_id (session);
      guint p;

      participants = abierto_store_list_participants (store, session_id, &error);
      proposals = abierto_store_list_proposals (store, session_id, &error);
      rounds = abierto_store_list_rounds (store, session_id, &error);
      g_assert_cmpuint (g_list_model_get_n_items (participants), ==, options->participants);
      g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, options->proposals);
      g_assert_cmpuint (g_list_model_get_n_items (rounds), ==, 1);
      g_assert_nonnull (strstr (abierto_session_get_title (session), "taller con"));

      round = g_list_model_get_item (rounds, 0);
      /* children vote with the three faces */
      if (abierto_session_get_group (session) == ABIERTO_GROUP_CHILDREN)
        {
          g_assert_cmpint (abierto_round_get_method (round), ==, ABIERTO_METHOD_SCALE);
          g_assert_cmpuint (abierto_round_get_points (round), ==, 3);
        }

      /* the generator respects the rules the store enforces */
      if (abierto_round_get_method (round) == ABIERTO_METHOD_DOT)
        for (p = 0; p < g_list_model_get_n_items (participants); p++)
          {
            g_autoptr(AbiertoParticipant) who = g_list_model_get_item (participants, p);

            g_assert_cmpint (abierto_store_get_dots_left (store, abierto_round_get_id (round),
                                                          abierto_participant_get_id (who),
                                                          &error), >=, 0);
            g_assert_no_error (error);
          }

      results = abierto_store_compute_results (store, abierto_round_get_id (round), &error);
      g_assert_no_error (error);
      text = abierto_results_to_text (results);
      /* ids differ between files; titles, scores and places do not */
      g_string_append_printf (all, "%s\n%s\n", abierto_session_get_title (session),
                              strchr (text, '\n'));
    }

  return g_string_free (g_steal_pointer (&all), FALSE);
}

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("abierto-demo-XXXXXX", &error);
  g_autofree char *one = g_build_filename (dir, "uno.abierto", NULL);
  g_autofree char *two = g_build_filename (dir, "dos.abierto", NULL);
  g_autofree char *three = g_build_filename (dir, "tres.abierto", NULL);
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;
  AbiertoDemoOptions options = { 4, 8, 12, 30, 7 };
  AbiertoDemoStats stats = { 0 };

  r1 = results_of_file (one, &options, &stats);
  g_assert_cmpuint (stats.sessions, ==, 4);
  g_assert_cmpuint (stats.participants, ==, 48);
  g_assert_cmpuint (stats.proposals, ==, 32);
  g_assert_cmpuint (stats.votes, ==, 120);

  /* the same seed, the same workshop */
  r2 = results_of_file (two, &options, &stats);
  g_assert_cmpstr (r1, ==, r2);

  options.seed = 8;
  r3 = results_of_file (three, &options, &stats);
  g_assert_cmpstr (r1, !=, r3);

  g_unlink (one);
  g_unlink (two);
  g_unlink (three);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/demo/generate", test_demo);

  return g_test_run ();
}
