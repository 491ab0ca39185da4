/* test-results.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every method against results computed by hand.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "abierto-store.h"

typedef struct
{
  char         *dir;
  char         *path;
  AbiertoStore *store;
  gint64        session;
  gint64        people[5];
  gint64        a, b, c, d;   /* proposals */
} Fixture;

static gint64
add_proposal (Fixture    *f,
              const char *title,
              const char *text)
{
  g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (f->session, text);
  g_autoptr(GError) error = NULL;

  abierto_proposal_set_title (proposal, title);
  g_assert_true (abierto_store_add_proposal (f->store, proposal, &error));
  g_assert_no_error (error);
  return abierto_proposal_get_id (proposal);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char * const aliases[] = { "Ana", "Beto", "Ceci", "Dani", "Eli" };
  g_autoptr(AbiertoSession) session = abierto_session_new ("Resultados", ABIERTO_GROUP_MIXED);
  g_autoptr(GError) error = NULL;
  guint i;

  f->dir = g_dir_make_tmp ("abierto-results-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "taller.abierto", NULL);
  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);

  g_assert_true (abierto_store_add_session (f->store, session, &error));
  f->session = abierto_session_get_id (session);

  for (i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      g_autoptr(AbiertoParticipant) p = abierto_participant_new (f->session, aliases[i]);

      g_assert_true (abierto_store_add_participant (f->store, p, &error));
      f->people[i] = abierto_participant_get_id (p);
    }

  f->a = add_proposal (f, "Bancas", "Más bancas con sombra");
  f->b = add_proposal (f, "Baños", "Baños accesibles");
  f->c = add_proposal (f, "Luz, \"mucha\" luz", "Iluminación en las noches");
  f->d = add_proposal (f, "Árboles", "Sembrar árboles");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
round_new (Fixture       *f,
           AbiertoMethod  method,
           guint          dots,
           guint          points)
{
  g_autoptr(AbiertoRound) round = abierto_round_new (f->session, method);
  g_autoptr(GError) error = NULL;

  abierto_round_set_dots (round, dots);
  abierto_round_set_points (round, points);
  g_assert_true (abierto_store_add_round (f->store, round, &error));
  g_assert_no_error (error);
  return abierto_round_get_id (round);
}

static void
vote (Fixture *f,
      gint64   round,
      guint    person,
      gint64   proposal,
      gint     value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_vote (f->store, round, f->people[person], proposal, value,
                                         NULL, &error));
  g_assert_no_error (error);
}

static void
rank (Fixture      *f,
      gint64        round,
      guint         person,
      const gint64 *order,
      guint         n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_ranking (f->store, round, f->people[person], order, n, &error));
  g_assert_no_error (error);
}

static AbiertoResults *
results_of (Fixture *f,
            gint64   round)
{
  g_autoptr(GError) error = NULL;
  AbiertoResults *results = abierto_store_compute_results (f->store, round, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_assert_cmpuint (abierto_results_get_n_rows (results), ==, 4);
  return results;
}

static void
assert_row (AbiertoResults *results,
            guint           index,
            gint64          proposal,
            guint           rank_,
            double          score,
            guint           votes)
{
  const AbiertoResultRow *row = abierto_results_get_row (results, index);

  g_assert_cmpint (row->proposal_id, ==, proposal);
  g_assert_cmpuint (row->rank, ==, rank_);
  g_assert_cmpfloat_with_epsilon (row->score, score, 1e-9);
  g_assert_cmpuint (row->votes, ==, votes);
}

static guint
n_ties (AbiertoResults *results)
{
  return g_strv_length ((GStrv) abierto_results_get_ties (results));
}

static void
test_dot (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_DOT, 3, 5);

  /* Ana stacks 2 on A and 1 on B; Beto 1 on A and 2 on C, in two goes;
   * Ceci all 3 on B. A = 3, B = 4, C = 2, D = 0. */
  vote (f, round, 0, f->a, 2);
  vote (f, round, 0, f->b, 1);
  vote (f, round, 1, f->a, 1);
  vote (f, round, 1, f->c, 1);
  vote (f, round, 1, f->c, 1);
  vote (f, round, 2, f->b, 3);

  results = results_of (f, round);
  g_assert_cmpint (abierto_results_get_method (results), ==, ABIERTO_METHOD_DOT);
  g_assert_cmpuint (abierto_results_get_n_voters (results), ==, 3);
  assert_row (results, 0, f->b, 1, 4, 2);
  assert_row (results, 1, f->a, 2, 3, 2);
  assert_row (results, 2, f->c, 3, 2, 2);
  assert_row (results, 3, f->d, 4, 0, 0);
  g_assert_cmpuint (n_ties (results), ==, 0);
}

static void
test_dot_tie (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_DOT, 2, 5);
  const char *tie;

  vote (f, round, 0, f->a, 2);
  vote (f, round, 1, f->b, 2);
  vote (f, round, 2, f->c, 1);

  results = results_of (f, round);
  assert_row (results, 0, f->a, 1, 2, 1);
  assert_row (results, 1, f->b, 1, 2, 1);
  assert_row (results, 2, f->c, 3, 1, 1);
  g_assert_cmpuint (n_ties (results), ==, 1);
  tie = abierto_results_get_ties (results)[0];
  g_assert_nonnull (strstr (tie, "place 1"));
  g_assert_nonnull (strstr (tie, "“Bancas” and “Baños”"));
  g_assert_nonnull (strstr (tie, "2 dots each"));
}

static void
test_approval (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_APPROVAL, 3, 5);
  const char *tie;

  /* A: Ana, Beto, Ceci; B: Ana; C: Ceci → A 3, B 1, C 1, D 0 */
  vote (f, round, 0, f->a, 1);
  vote (f, round, 0, f->b, 1);
  vote (f, round, 1, f->a, 1);
  vote (f, round, 2, f->a, 1);
  vote (f, round, 2, f->c, 1);

  results = results_of (f, round);
  g_assert_cmpuint (abierto_results_get_n_voters (results), ==, 3);
  assert_row (results, 0, f->a, 1, 3, 3);
  assert_row (results, 1, f->b, 2, 1, 1);
  assert_row (results, 2, f->c, 2, 1, 1);
  assert_row (results, 3, f->d, 4, 0, 0);
  g_assert_cmpuint (n_ties (results), ==, 1);
  tie = abierto_results_get_ties (results)[0];
  g_assert_nonnull (strstr (tie, "place 2"));
  g_assert_nonnull (strstr (tie, "1 approval each"));
}

static void
test_scale_likert (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_SCALE, 3, 5);
  const AbiertoResultRow *row;

  /* A: 5 4 4 2 → mean 3.75, median 4; B: 5 5 → 5, 5; C: 3 → 3, 3 */
  vote (f, round, 0, f->a, 5);
  vote (f, round, 1, f->a, 4);
  vote (f, round, 2, f->a, 4);
  vote (f, round, 3, f->a, 2);
  vote (f, round, 0, f->b, 5);
  vote (f, round, 1, f->b, 5);
  vote (f, round, 4, f->c, 3);

  results = results_of (f, round);
  g_assert_cmpuint (abierto_results_get_points (results), ==, 5);
  g_assert_cmpuint (abierto_results_get_n_voters (results), ==, 5);
  assert_row (results, 0, f->b, 1, 5, 2);
  assert_row (results, 1, f->a, 2, 3.75, 4);
  assert_row (results, 2, f->c, 3, 3, 1);
  assert_row (results, 3, f->d, 4, 0, 0);

  row = abierto_results_get_row (results, 1);
  g_assert_cmpfloat_with_epsilon (row->mean, 3.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->median, 4, 1e-9);
  g_assert_cmpuint (row->distribution[0], ==, 0);
  g_assert_cmpuint (row->distribution[1], ==, 1);
  g_assert_cmpuint (row->distribution[2], ==, 0);
  g_assert_cmpuint (row->distribution[3], ==, 2);
  g_assert_cmpuint (row->distribution[4], ==, 1);

  row = abierto_results_get_row (results, 3);
  g_assert_cmpfloat_with_epsilon (row->median, 0, 1e-9);
}

static void
test_scale_median_even (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_SCALE, 3, 3);
  const AbiertoResultRow *row;

  /* the children's three faces; A: 1 2 3 3 → mean 2.25, median 2.5 */
  vote (f, round, 0, f->a, 1);
  vote (f, round, 1, f->a, 2);
  vote (f, round, 2, f->a, 3);
  vote (f, round, 3, f->a, 3);

  results = results_of (f, round);
  g_assert_cmpuint (abierto_results_get_points (results), ==, 3);
  row = abierto_results_get_row (results, 0);
  g_assert_cmpint (row->proposal_id, ==, f->a);
  g_assert_cmpfloat_with_epsilon (row->mean, 2.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->median, 2.5, 1e-9);
  g_assert_cmpuint (row->distribution[0], ==, 1);
  g_assert_cmpuint (row->distribution[1], ==, 1);
  g_assert_cmpuint (row->distribution[2], ==, 2);
}

static void
test_scale_tie_median (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_SCALE, 3, 5);
  const char *tie;

  /* A: 2 2 5 → mean 3, median 2; B: 1 4 4 → mean 3, median 4.
   * Same mean: the median puts B first. C: 3 3 3 → mean 3, median 3. */
  vote (f, round, 0, f->a, 2);
  vote (f, round, 1, f->a, 2);
  vote (f, round, 2, f->a, 5);
  vote (f, round, 0, f->b, 1);
  vote (f, round, 1, f->b, 4);
  vote (f, round, 2, f->b, 4);
  vote (f, round, 0, f->c, 3);
  vote (f, round, 1, f->c, 3);
  vote (f, round, 2, f->c, 3);

  results = results_of (f, round);
  assert_row (results, 0, f->b, 1, 3, 3);
  assert_row (results, 1, f->c, 2, 3, 3);
  assert_row (results, 2, f->a, 3, 3, 3);
  g_assert_cmpuint (n_ties (results), ==, 1);
  tie = abierto_results_get_ties (results)[0];
  g_assert_nonnull (strstr (tie, "median"));
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_RANKING, 3, 5);
  gint64 ballot0[] = { f->a, f->b, f->c };
  gint64 ballot1[] = { f->b, f->a };
  gint64 ballot2[] = { f->c, f->a, f->b, f->d };
  const AbiertoResultRow *row;

  /* 4 proposals: places are worth 3, 2, 1, 0.
   * A: 3 + 2 + 2 = 7; B: 2 + 3 + 1 = 6; C: 1 + 3 = 4; D: 0.
   * First preferences: A 1, B 1, C 1. */
  rank (f, round, 0, ballot0, 3);
  rank (f, round, 1, ballot1, 2);
  rank (f, round, 2, ballot2, 4);

  results = results_of (f, round);
  g_assert_cmpuint (abierto_results_get_n_voters (results), ==, 3);
  assert_row (results, 0, f->a, 1, 7, 3);
  assert_row (results, 1, f->b, 2, 6, 3);
  assert_row (results, 2, f->c, 3, 4, 2);
  assert_row (results, 3, f->d, 4, 0, 1);
  row = abierto_results_get_row (results, 0);
  g_assert_cmpuint (row->first_prefs, ==, 1);
  row = abierto_results_get_row (results, 2);
  g_assert_cmpuint (row->first_prefs, ==, 1);
  row = abierto_results_get_row (results, 3);
  g_assert_cmpuint (row->first_prefs, ==, 0);
  g_assert_cmpuint (n_ties (results), ==, 0);
}

static void
test_ranking_tie (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_RANKING, 3, 5);
  gint64 ballot0[] = { f->a, f->b, f->c };
  gint64 ballot1[] = { f->c, f->b, f->a };
  const char * const *ties;

  /* A: 3 + 1 = 4 (first once); B: 2 + 2 = 4 (never first);
   * C: 1 + 3 = 4 (first once). First preferences put A and C ahead of B,
   * and A and C stay level. */
  rank (f, round, 0, ballot0, 3);
  rank (f, round, 1, ballot1, 3);

  results = results_of (f, round);
  assert_row (results, 0, f->a, 1, 4, 2);
  assert_row (results, 1, f->c, 1, 4, 2);
  assert_row (results, 2, f->b, 3, 4, 2);
  assert_row (results, 3, f->d, 4, 0, 0);

  ties = abierto_results_get_ties (results);
  g_assert_cmpuint (g_strv_length ((GStrv) ties), ==, 2);
  g_assert_nonnull (strstr (ties[0], "4 Borda points each"));
  g_assert_nonnull (strstr (ties[0], "first"));
  g_assert_nonnull (strstr (ties[1], "share place 1"));
}

static void
test_tally (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_TALLY, 3, 5);

  g_assert_true (abierto_store_set_tally (f->store, round, f->a, 12, &error));
  g_assert_true (abierto_store_set_tally (f->store, round, f->b, 7, &error));
  g_assert_true (abierto_store_set_tally (f->store, round, f->c, 3, &error));
  /* a recount replaces the number, it does not add to it */
  g_assert_true (abierto_store_set_tally (f->store, round, f->a, 10, &error));
  g_assert_true (abierto_store_set_tally (f->store, round, f->c, 0, &error));
  g_assert_no_error (error);

  results = results_of (f, round);
  g_assert_cmpuint (abierto_results_get_n_voters (results), ==, 17);
  assert_row (results, 0, f->a, 1, 10, 10);
  assert_row (results, 1, f->b, 2, 7, 7);
  assert_row (results, 2, f->c, 3, 0, 0);
  assert_row (results, 3, f->d, 3, 0, 0);
  /* nobody voted for C or D: nothing to explain */
  g_assert_cmpuint (n_ties (results), ==, 0);
}

static void
test_anonymous (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_APPROVAL, 3, 5);

  /* anonymous approvals are counted; only named voters are distinct */
  g_assert_true (abierto_store_add_vote (f->store, round, 0, f->b, 1, NULL, &error));
  g_assert_true (abierto_store_add_vote (f->store, round, 0, f->b, 1, NULL, &error));
  g_assert_no_error (error);
  vote (f, round, 0, f->b, 1);

  results = results_of (f, round);
  assert_row (results, 0, f->b, 1, 3, 3);
  g_assert_cmpuint (abierto_results_get_n_voters (results), ==, 1);
}

static void
test_outputs (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *rows;
  JsonObject *first;
  gint64 round = round_new (f, ABIERTO_METHOD_SCALE, 3, 3);

  vote (f, round, 0, f->c, 3);
  vote (f, round, 1, f->c, 2);
  vote (f, round, 0, f->a, 1);

  results = results_of (f, round);

  node = abierto_results_to_json (results);
  json_generator_set_root (generator, node);
  json = json_generator_to_data (generator, NULL);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, "scale");
  g_assert_cmpint (json_object_get_int_member (root, "points"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "voters"), ==, 2);
  rows = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  first = json_array_get_object_element (rows, 0);
  g_assert_cmpint (json_object_get_int_member (first, "proposal"), ==, f->c);
  g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "Luz, \"mucha\" luz");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "mean"), 2.5, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "distribution")),
                    ==, 3);

  /* RFC 4180: CRLF, a header, quotes doubled inside quoted fields */
  csv = abierto_results_to_csv (results);
  g_assert_true (g_str_has_prefix (csv, "rank,proposal_id,proposal_uuid,label,score,votes,"
                                        "mean,median,rated_1,rated_2,rated_3\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_nonnull (strstr (lines[1], ",\"Luz, \"\"mucha\"\" luz\",2.5,2,2.5,2.5,0,1,1"));
  g_assert_cmpstr (lines[5], ==, "");

  text = abierto_results_to_text (results);
  g_assert_nonnull (strstr (text, "Luz, \"mucha\" luz"));
  g_assert_nonnull (strstr (text, "2 people voted"));
}

static void
test_merged_and_missing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = abierto_store_compute_results (f->store, 4242, &error);
  g_assert_null (results);
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/results/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("dot", test_dot);
  ADD ("dot-tie", test_dot_tie);
  ADD ("approval", test_approval);
  ADD ("scale-likert", test_scale_likert);
  ADD ("scale-median-even", test_scale_median_even);
  ADD ("scale-tie-median", test_scale_tie_median);
  ADD ("ranking", test_ranking);
  ADD ("ranking-tie", test_ranking_tie);
  ADD ("tally", test_tally);
  ADD ("anonymous", test_anonymous);
  ADD ("outputs", test_outputs);
  ADD ("missing-round", test_merged_and_missing);

  return g_test_run ();
}
