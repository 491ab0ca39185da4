/* fuzz-store.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-store.h"

const char *
fuzz_store_get_path (const char *target)
{
  static char *path = NULL;

  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *template = g_strdup_printf ("abierto-%s-XXXXXX", target);
      g_autofree char *dir = g_dir_make_tmp (template, &error);

      g_assert_no_error (error);
      path = g_build_filename (dir, "taller.abierto", NULL);
    }

  return path;
}

void
fuzz_store_remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static void
read_session (AbiertoStore *store,
              gint64        session_id)
{
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GListModel) proposals = NULL;
  g_autoptr(GListModel) rounds = NULL;
  g_autoptr(GListModel) commitments = NULL;
  guint i;

  participants = abierto_store_list_participants (store, session_id, NULL);
  proposals = abierto_store_list_proposals (store, session_id, NULL);
  commitments = abierto_store_list_commitments (store, session_id, NULL);
  rounds = abierto_store_list_rounds (store, session_id, NULL);
  if (rounds == NULL)
    return;

  for (i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(AbiertoRound) round = g_list_model_get_item (rounds, i);
      g_autoptr(AbiertoResults) results = NULL;
      g_autofree char *text = NULL;

      results = abierto_store_compute_results (store, abierto_round_get_id (round), NULL);
      if (results != NULL)
        text = abierto_results_to_text (results);
    }
}

void
fuzz_store_read_all (AbiertoStore *store)
{
  g_autoptr(GListModel) sessions = abierto_store_list_sessions (store, NULL);
  guint i;

  for (i = 0; sessions != NULL && i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(AbiertoSession) session = g_list_model_get_item (sessions, i);

      read_session (store, abierto_session_get_id (session));
    }
}
