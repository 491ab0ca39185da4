/* fuzz-open.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes as a workshop file: opening may refuse them, and whatever
 * opens is checked and read the way the window reads it. Nothing may
 * crash, hang or leak.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "abierto-store.h"
#include "fuzz.h"

/* one folder per process, made on the first input */
static const char *
get_path (void)
{
  static char *path = NULL;

  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("abierto-fuzz-open-XXXXXX", &error);

      g_assert_no_error (error);
      path = g_build_filename (dir, "taller.abierto", NULL);
    }

  return path;
}

static void
remove_files (const char *path)
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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = get_path ();
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autofree char *verdict = NULL;
  gboolean healthy = FALSE;
  guint i;

  remove_files (path);
  if (!g_file_set_contents_full (path, (const char *) data, size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    g_error ("could not write %s", path);

  store = abierto_store_open (path, NULL);
  if (store != NULL)
    {
      abierto_store_check (store, &healthy, &verdict, NULL);

      sessions = abierto_store_list_sessions (store, NULL);
      for (i = 0; sessions != NULL && i < g_list_model_get_n_items (sessions); i++)
        {
          g_autoptr(AbiertoSession) session = g_list_model_get_item (sessions, i);

          read_session (store, abierto_session_get_id (session));
        }

      abierto_store_close (store, NULL);
    }

  remove_files (path);
  return 0;
}
