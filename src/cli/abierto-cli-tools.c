/* abierto-cli-tools.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-cli.h"
#include "abierto-demo.h"

/* g_dngettext() takes an unsigned long */
static gulong
plural_n (guint64 n)
{
  return (gulong) MIN (n, (guint64) G_MAXULONG);
}

gboolean
abierto_cli_demo (AbiertoCli  *cli,
                  GError     **error)
{
  g_autofree char *sessions_arg = NULL;
  g_autofree char *proposals_arg = NULL;
  g_autofree char *participants_arg = NULL;
  g_autofree char *votes_arg = NULL;
  g_autofree char *seed_arg = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *participants = NULL;
  g_autofree char *proposals = NULL;
  g_autofree char *votes = NULL;
  const GOptionEntry entries[] = {
    { "sessions", 0, 0, G_OPTION_ARG_FILENAME, &sessions_arg,
      N_("Sessions to write (4 by default)"), N_("N") },
    { "proposals", 0, 0, G_OPTION_ARG_FILENAME, &proposals_arg,
      N_("Proposals in each session (8 by default)"), N_("N") },
    { "participants", 0, 0, G_OPTION_ARG_FILENAME, &participants_arg,
      N_("Participants in each session (12 by default)"), N_("N") },
    { "votes", 0, 0, G_OPTION_ARG_FILENAME, &votes_arg,
      N_("Votes in each session (36 by default)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &seed_arg,
      N_("Seed of the random choices (1 by default)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoDemoOptions options = { 0 };
  AbiertoDemoStats stats = { 0 };
  AbiertoStore *store;
  guint64 n_sessions = 4;
  guint64 n_proposals = 8;
  guint64 n_participants = 12;
  guint64 n_votes = 36;
  guint64 seed = 1;
  gint64 start;
  double seconds;
  double rate;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_uint ("--sessions", sessions_arg, G_MAXUINT, &n_sessions, error)
      || !abierto_cli_parse_uint ("--proposals", proposals_arg, G_MAXUINT, &n_proposals, error)
      || !abierto_cli_parse_uint ("--participants", participants_arg, G_MAXUINT,
                                  &n_participants, error)
      || !abierto_cli_parse_uint ("--votes", votes_arg, G_MAXUINT64, &n_votes, error)
      || !abierto_cli_parse_uint ("--seed", seed_arg, G_MAXUINT32, &seed, error))
    return FALSE;

  options.sessions = (guint) n_sessions;
  options.proposals = (guint) n_proposals;
  options.participants = (guint) n_participants;
  options.votes = n_votes;
  options.seed = (guint32) seed;

  if (!(store = abierto_cli_open_store (cli, TRUE, error)))
    return FALSE;

  start = g_get_monotonic_time ();
  if (!abierto_demo_generate (store, &options, &stats, error))
    return FALSE;
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  rate = seconds > 0 ? (double) stats.votes / seconds : 0;

  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu session", "%llu sessions",
                                           plural_n (stats.sessions)),
                              (unsigned long long) stats.sessions);
  participants = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu participant",
                                               "%llu participants",
                                               plural_n (stats.participants)),
                                  (unsigned long long) stats.participants);
  proposals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu proposal", "%llu proposals",
                                            plural_n (stats.proposals)),
                               (unsigned long long) stats.proposals);
  votes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu vote", "%llu votes",
                                        plural_n (stats.votes)),
                           (unsigned long long) stats.votes);

  /* TRANSLATORS: "4 sessions, 48 participants, 32 proposals, 144 votes
   * written in 0.05 s (2880 votes/s)" */
  g_print (_("%s, %s, %s, %s written in %.2f s (%.0f votes/s)\n"),
           sessions, participants, proposals, votes, seconds, rate);
  return TRUE;
}

gboolean
abierto_cli_check (AbiertoCli  *cli,
                   GError     **error)
{
  g_autofree char *verdict = NULL;
  gboolean healthy = FALSE;
  const GOptionEntry entries[] = {
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;

  if (!abierto_cli_parse (cli, entries, error)
      || !(store = abierto_cli_open_store (cli, FALSE, error)))
    return FALSE;

  if (!abierto_store_check (store, &healthy, &verdict, error))
    return FALSE;
  if (!healthy)
    abierto_cli_set_exit_status (cli, ABIERTO_CLI_EXIT_FAILED);

  g_print ("%s\n", verdict);
  return TRUE;
}
