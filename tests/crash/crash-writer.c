/* crash-writer.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Casts dot votes as the app does, printing each vote id only after the
 * store has reported it saved. test_crash.py kills it at random moments.
 *
 *   crash-writer FILE setup   → prints the round id
 *   crash-writer FILE ROUND   → votes until killed
 *   crash-writer FILE merge ROUND [ID,…]
 *                             → unmerges the proposals ID,… left merged,
 *                               then merges two proposals and unmerges
 *                               them again, over and over, until killed:
 *                               "T m X Y" or "T u X" before each step,
 *                               "OK" once the store has saved it
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "abierto-store.h"

#define N_PEOPLE    400
#define N_PROPOSALS 12

static int
setup (AbiertoStore *store)
{
  g_autoptr(AbiertoSession) session = abierto_session_new ("Prueba de cortes",
                                                           ABIERTO_GROUP_OLDER_ADULTS);
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session_id;
  guint i;

  if (!abierto_store_add_session (store, session, &error))
    goto fail;
  session_id = abierto_session_get_id (session);

  for (i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *alias = g_strdup_printf ("Persona %u", i + 1);
      g_autoptr(AbiertoParticipant) p = abierto_participant_new (session_id, alias);

      if (!abierto_store_add_participant (store, p, &error))
        goto fail;
    }
  for (i = 0; i < N_PROPOSALS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Propuesta %u", i + 1);
      g_autoptr(AbiertoProposal) p = abierto_proposal_new (session_id, text);

      if (!abierto_store_add_proposal (store, p, &error))
        goto fail;
    }

  round = abierto_round_new (session_id, ABIERTO_METHOD_DOT);
  abierto_round_set_dots (round, 100);
  if (!abierto_store_add_round (store, round, &error))
    goto fail;

  printf ("%" G_GINT64_FORMAT "\n", abierto_round_get_id (round));
  return abierto_store_close (store, &error) ? 0 : 1;

fail:
  fprintf (stderr, "setup: %s\n", error->message);
  return 1;
}

static gboolean
step (AbiertoStore *store,
      gint64        merged_id,
      gint64        kept_id)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (kept_id > 0)
    printf ("T m %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", merged_id, kept_id);
  else
    printf ("T u %" G_GINT64_FORMAT "\n", merged_id);
  fflush (stdout);

  ok = kept_id > 0 ? abierto_store_merge_proposals (store, kept_id, merged_id, &error)
                   : abierto_store_unmerge_proposal (store, merged_id, &error);
  if (!ok)
    {
      fprintf (stderr, "merge: %s\n", error->message);
      return FALSE;
    }

  /* acknowledged only now, after COMMIT */
  printf ("OK\n");
  fflush (stdout);
  return TRUE;
}

static int
merge_loop (AbiertoStore *store,
            gint64        round_id,
            const char   *left_merged)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = g_strsplit (left_merged != NULL ? left_merged : "", ",", -1);
  guint i;

  round = abierto_store_get_round (store, round_id, &error);
  if (round == NULL)
    {
      fprintf (stderr, "round: %s\n", error->message);
      return 1;
    }

  for (i = 0; ids[i] != NULL; i++)
    if (*ids[i] != '\0' && !step (store, g_ascii_strtoll (ids[i], NULL, 10), 0))
      return 1;

  for (;;)
    {
      g_autoptr(GListModel) proposals = NULL;
      g_autoptr(AbiertoProposal) merged = NULL;
      g_autoptr(AbiertoProposal) kept = NULL;
      guint n, a, b;

      proposals = abierto_store_list_proposals (store, abierto_round_get_session_id (round),
                                                &error);
      n = proposals != NULL ? g_list_model_get_n_items (proposals) : 0;
      if (n < 2)
        {
          fprintf (stderr, "proposals: %s\n", error != NULL ? error->message : "too few");
          return 1;
        }
      a = g_random_int_range (0, (gint32) n);
      b = (a + 1 + g_random_int_range (0, (gint32) n - 1)) % n;
      merged = g_list_model_get_item (proposals, a);
      kept = g_list_model_get_item (proposals, b);

      if (!step (store, abierto_proposal_get_id (merged), abierto_proposal_get_id (kept))
          || !step (store, abierto_proposal_get_id (merged), 0))
        return 1;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GListModel) proposals = NULL;
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GError) error = NULL;
  gint64 round_id;
  guint64 n;

  if (argc < 3 || (argc > 3 && !g_str_equal (argv[2], "merge")) || argc > 5)
    {
      fprintf (stderr, "usage: crash-writer FILE setup|ROUND|merge ROUND [ID,…]\n");
      return 2;
    }

  store = abierto_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "open: %s\n", error->message);
      return 1;
    }

  if (g_str_equal (argv[2], "setup"))
    return setup (store);
  if (g_str_equal (argv[2], "merge"))
    {
      if (argc < 4)
        return 2;
      return merge_loop (store, g_ascii_strtoll (argv[3], NULL, 10), argc > 4 ? argv[4] : NULL);
    }

  round_id = g_ascii_strtoll (argv[2], NULL, 10);
  round = abierto_store_get_round (store, round_id, &error);
  if (round == NULL)
    {
      fprintf (stderr, "round: %s\n", error->message);
      return 1;
    }
  people = abierto_store_list_participants (store, abierto_round_get_session_id (round), &error);
  proposals = abierto_store_list_proposals (store, abierto_round_get_session_id (round), &error);

  for (n = g_random_int (); ; n++)
    {
      guint n_people = g_list_model_get_n_items (people);
      g_autoptr(AbiertoParticipant) who = g_list_model_get_item (people, n % n_people);
      g_autoptr(AbiertoProposal) what =
        g_list_model_get_item (proposals, (n / n_people) % g_list_model_get_n_items (proposals));
      gint64 vote_id = 0;

      if (!abierto_store_add_vote (store, round_id, abierto_participant_get_id (who),
                                   abierto_proposal_get_id (what), 1, &vote_id, &error))
        {
          /* a person out of dots is expected after many runs; skip them */
          if (g_error_matches (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID))
            {
              g_clear_error (&error);
              continue;
            }
          fprintf (stderr, "vote: %s\n", error->message);
          return 1;
        }

      /* acknowledged only now, after COMMIT */
      printf ("%" G_GINT64_FORMAT "\n", vote_id);
      fflush (stdout);
    }
}
