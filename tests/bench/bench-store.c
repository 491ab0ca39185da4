/* bench-store.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Figures for the workshop file, each next to its anchor from the same
 * run: a durable vote as the app casts it against a raw SQLite insert with
 * the same pragmas, the demo generator's write rate, and results for one
 * round of a million votes. Run on demand: meson test --benchmark.
 * Besides the text for people it prints each figure as a line
 * "BENCH name=value unit=… [anchor=name]" for build-aux/bench.sh
 * (grammar in tests/bench/bench-table.py).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "abierto-demo.h"
#include "abierto-store.h"
#include "abierto-uuid.h"

#define N_VOTES 2000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *samples,
            double  p)
{
  guint index;

  g_array_sort (samples, compare_doubles);
  index = (guint) (p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, index);
}

static void
die (GError *error)
{
  g_printerr ("bench: %s\n", error->message);
  exit (1);
}

/* A session ready for dot votes: returns the round, fills people and
 * proposals. */
static gint64
prepare_room (AbiertoStore *store,
              GArray       *people,
              GArray       *proposals)
{
  g_autoptr(AbiertoSession) session = abierto_session_new ("Banco de pruebas",
                                                           ABIERTO_GROUP_MIXED);
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  guint i;

  if (!abierto_store_add_session (store, session, &error))
    die (error);
  for (i = 0; i < 100; i++)
    {
      g_autofree char *alias = g_strdup_printf ("Persona %u", i);
      g_autoptr(AbiertoParticipant) p =
        abierto_participant_new (abierto_session_get_id (session), alias);

      if (!abierto_store_add_participant (store, p, &error))
        die (error);
      id = abierto_participant_get_id (p);
      g_array_append_val (people, id);
    }
  for (i = 0; i < 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("Propuesta %u", i);
      g_autoptr(AbiertoProposal) p = abierto_proposal_new (abierto_session_get_id (session), text);

      if (!abierto_store_add_proposal (store, p, &error))
        die (error);
      id = abierto_proposal_get_id (p);
      g_array_append_val (proposals, id);
    }

  round = abierto_round_new (abierto_session_get_id (session), ABIERTO_METHOD_DOT);
  abierto_round_set_dots (round, 100);
  if (!abierto_store_add_round (store, round, &error))
    die (error);

  return abierto_round_get_id (round);
}

static void
bench_vote (const char *dir)
{
  g_autofree char *app_path = g_build_filename (dir, "app.abierto", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "raw.abierto", NULL);
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) proposals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) app = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  double app_med, raw_med, app_p99, raw_p99;
  gint64 round;
  guint i;

  /* the same room in two files */
  store = abierto_store_open (app_path, &error);
  if (store == NULL)
    die (error);
  round = prepare_room (store, people, proposals);
  abierto_store_close (store, NULL);
  g_clear_object (&store);
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_file_get_contents (app_path, &contents, &len, NULL);
    g_file_set_contents (raw_path, contents, len, NULL);
  }

  /* interleave the two so that both see the same disk weather */
  store = abierto_store_open (app_path, &error);
  if (store == NULL)
    die (error);
  sqlite3_open (raw_path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                    "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO vote (uuid, round_id, proposal_id, participant_id, value, "
                          "created) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
                      -1, &stmt, NULL);

  for (i = 0; i < N_VOTES; i++)
    {
      gint64 who = g_array_index (people, gint64, i % people->len);
      gint64 what = g_array_index (proposals, gint64, (i / people->len) % proposals->len);
      guint8 uuid[16];
      gint64 t0, t1;

      t0 = g_get_monotonic_time ();
      if (!abierto_store_add_vote (store, round, who, what, 1, NULL, &error))
        die (error);
      t1 = g_get_monotonic_time ();
      g_array_append_vals (app, &(double) { (t1 - t0) / 1000.0 }, 1);

      t0 = g_get_monotonic_time ();
      abierto_uuid_generate (uuid);
      sqlite3_bind_blob (stmt, 1, uuid, 16, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_int64 (stmt, 2, round);
      sqlite3_bind_int64 (stmt, 3, what);
      sqlite3_bind_int64 (stmt, 4, who);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          g_printerr ("bench: raw insert: %s\n", sqlite3_errmsg (db));
          exit (1);
        }
      sqlite3_reset (stmt);
      t1 = g_get_monotonic_time ();
      g_array_append_vals (raw, &(double) { (t1 - t0) / 1000.0 }, 1);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  app_med = percentile (app, 0.5);
  app_p99 = percentile (app, 0.99);
  raw_med = percentile (raw, 0.5);
  raw_p99 = percentile (raw, 0.99);
  printf ("durable vote (WAL, synchronous=FULL), %d each\n", N_VOTES);
  printf ("  %-34s median %7.3f ms   p99 %7.3f ms\n", "Abierto add_vote (checked)", app_med,
          app_p99);
  printf ("  %-34s median %7.3f ms   p99 %7.3f ms\n", "raw SQLite INSERT (same pragmas)", raw_med,
          raw_p99);
  printf ("  ratio (target <= 1.3)             median %7.2fx    p99 %7.2fx\n",
          app_med / raw_med, app_p99 / raw_p99);
  printf ("BENCH vote_count=%d unit=votes\n", N_VOTES);
  printf ("BENCH vote_median_ms=%.4f unit=ms anchor=raw_insert_median_ms\n", app_med);
  printf ("BENCH vote_p99_ms=%.4f unit=ms anchor=raw_insert_p99_ms\n", app_p99);
  printf ("BENCH raw_insert_median_ms=%.4f unit=ms\n", raw_med);
  printf ("BENCH raw_insert_p99_ms=%.4f unit=ms\n", raw_p99);
}

static void
bench_demo_and_results (const char *dir,
                        guint64     n_votes)
{
  g_autofree char *path = g_build_filename (dir, "demo.abierto", NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(GListModel) rounds = NULL;
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoDemoOptions options = { 1, 50, (guint) (n_votes / 100), n_votes, 1 };
  AbiertoDemoStats stats;
  gint64 t0, t1;
  double cold;
  guint i;

  store = abierto_store_open (path, &error);
  if (store == NULL)
    die (error);

  t0 = g_get_monotonic_time ();
  if (!abierto_demo_generate (store, &options, &stats, &error))
    die (error);
  t1 = g_get_monotonic_time ();
  printf ("demo generator: %" G_GUINT64_FORMAT " votes (+%" G_GUINT64_FORMAT " participants) in "
          "%.3f s\n", stats.votes, stats.participants, (t1 - t0) / 1e6);
  printf ("  %-34s %10.0f votes/s (target >= 300000)\n", "write rate",
          stats.votes / ((t1 - t0) / 1e6));
  printf ("BENCH demo_votes=%" G_GUINT64_FORMAT " unit=votes\n", stats.votes);
  printf ("BENCH demo_s=%.3f unit=s\n", (t1 - t0) / 1e6);
  printf ("BENCH demo_write_rate=%.0f unit=votes/s anchor=raw_insert_select_rate\n",
          stats.votes / ((t1 - t0) / 1e6));

  sessions = abierto_store_list_sessions (store, &error);
  session = g_list_model_get_item (sessions, 0);
  rounds = abierto_store_list_rounds (store, abierto_session_get_id (session), &error);
  round = g_list_model_get_item (rounds, 0);

  /* reopen, so the first run reads from the file as the app would */
  abierto_store_close (store, NULL);
  g_clear_object (&store);
  store = abierto_store_open (path, &error);
  if (store == NULL)
    die (error);

  for (i = 0; i < 11; i++)
    {
      g_autoptr(AbiertoResults) results = NULL;

      t0 = g_get_monotonic_time ();
      results = abierto_store_compute_results (store, abierto_round_get_id (round), &error);
      t1 = g_get_monotonic_time ();
      if (results == NULL)
        die (error);
      if (i == 0)
        cold = (t1 - t0) / 1000.0;
      else
        g_array_append_vals (times, &(double) { (t1 - t0) / 1000.0 }, 1);
    }
  printf ("results of one round of %" G_GUINT64_FORMAT " votes\n", stats.votes);
  printf ("  %-34s first %7.1f ms   median of 10 %7.1f ms (target < 100)\n", "compute_results",
          cold, percentile (times, 0.5));
  printf ("BENCH results_votes=%" G_GUINT64_FORMAT " unit=votes\n", stats.votes);
  printf ("BENCH results_first_ms=%.2f unit=ms anchor=raw_results_first_ms\n", cold);
  printf ("BENCH results_median_ms=%.2f unit=ms anchor=raw_results_median_ms\n",
          percentile (times, 0.5));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  struct rusage usage;
  guint64 n_votes = 1000000;
  const char *tmp = g_getenv ("ABIERTO_BENCH_DIR");

  if (argc > 1)
    n_votes = g_ascii_strtoull (argv[1], NULL, 10);

  dir = g_dir_make_tmp ("abierto-bench-XXXXXX", &error);
  if (tmp != NULL)
    {
      g_free (dir);
      dir = g_strdup (tmp);
    }
  if (dir == NULL)
    die (error);

  printf ("Abierto %s, SQLite %s\n", PACKAGE_VERSION, sqlite3_libversion ());
  printf ("BENCH-INFO abierto_version=%s\n", PACKAGE_VERSION);
  printf ("BENCH-INFO sqlite_version=%s\n", sqlite3_libversion ());
  bench_vote (dir);
  bench_demo_and_results (dir, n_votes);

  getrusage (RUSAGE_SELF, &usage);
  printf ("peak RSS of this benchmark process: %.1f MiB\n", usage.ru_maxrss / 1024.0);
  printf ("BENCH store_peak_rss_mib=%.1f unit=MiB\n", usage.ru_maxrss / 1024.0);

  if (tmp == NULL)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (dir, name, NULL);
          g_unlink (child);
        }
      g_rmdir (dir);
    }

  return 0;
}
