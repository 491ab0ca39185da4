/* abierto-cli-vote.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-cli.h"

/* "12,7,9": proposal numbers, best first */
static gboolean
parse_ranking (const char  *value,
               GArray      *ids,
               GError     **error)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);
  guint i;

  for (i = 0; items[i] != NULL; i++)
    {
      gint64 id;

      if (!abierto_cli_parse_id ("--ranking", g_strstrip (items[i]), &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }

  if (ids->len == 0)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("--ranking needs the numbers of the proposals, best first, "
                             "separated by commas"));
      return FALSE;
    }

  return TRUE;
}

gboolean
abierto_cli_vote (AbiertoCli  *cli,
                  GError     **error)
{
  g_autoptr(GArray) ranking = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *round_arg = NULL;
  g_autofree char *participant_arg = NULL;
  g_autofree char *proposal_arg = NULL;
  g_autofree char *value_arg = NULL;
  g_autofree char *ranking_arg = NULL;
  const GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_FILENAME, &round_arg,
      N_("Number of the voting round (required)"), N_("ROUND") },
    { "participant", 0, 0, G_OPTION_ARG_FILENAME, &participant_arg,
      N_("Number of the participant who votes (required)"), N_("PARTICIPANT") },
    { "proposal", 0, 0, G_OPTION_ARG_FILENAME, &proposal_arg,
      N_("Number of the proposal voted for"), N_("PROPOSAL") },
    { "value", 0, 0, G_OPTION_ARG_FILENAME, &value_arg,
      N_("Dots given, or the rating on a scale (1 by default)"), N_("N") },
    { "ranking", 0, 0, G_OPTION_ARG_FILENAME, &ranking_arg,
      N_("A whole ranking ballot: proposal numbers, best first, separated by commas"),
      N_("P1,P2,…") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gint64 round_id;
  gint64 participant_id;
  gint64 proposal_id = 0;
  gint64 vote_id = 0;
  gint64 value = 1;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--round", round_arg, &round_id, error)
      || !abierto_cli_parse_id ("--participant", participant_arg, &participant_id, error))
    return FALSE;

  if (proposal_arg != NULL && ranking_arg != NULL)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("Give either --proposal or --ranking, not both"));
      return FALSE;
    }
  if (proposal_arg == NULL && ranking_arg == NULL)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("The option --proposal, or --ranking for a ranking round, is "
                             "required"));
      return FALSE;
    }
  if (ranking_arg != NULL && value_arg != NULL)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("--value does not apply to a ranking: the order is the vote"));
      return FALSE;
    }

  if (ranking_arg != NULL)
    {
      g_autoptr(GString) ballot = g_string_new (NULL);
      guint i;

      if (!parse_ranking (ranking_arg, ranking, error)
          || !(store = abierto_cli_open_store (cli, TRUE, error))
          || !abierto_store_add_ranking (store, round_id, participant_id,
                                         (const gint64 *) (void *) ranking->data, ranking->len,
                                         error))
        return FALSE;

      /* the ballot as it was saved */
      for (i = 0; i < ranking->len; i++)
        g_string_append_printf (ballot, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                g_array_index (ranking, gint64, i));
      g_string_append_c (ballot, '\n');
      abierto_cli_print_data (ballot->str);
      return TRUE;
    }

  if (!abierto_cli_parse_id ("--proposal", proposal_arg, &proposal_id, error)
      || !abierto_cli_parse_int ("--value", value_arg, G_MININT, G_MAXINT, &value, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !abierto_store_add_vote (store, round_id, participant_id, proposal_id, (gint) value,
                                  &vote_id, error))
    return FALSE;

  abierto_cli_print_id (vote_id);
  return TRUE;
}

gboolean
abierto_cli_tally (AbiertoCli  *cli,
                   GError     **error)
{
  g_autofree char *round_arg = NULL;
  g_autofree char *proposal_arg = NULL;
  g_autofree char *count_arg = NULL;
  const GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_FILENAME, &round_arg,
      N_("Number of the hand-count round (required)"), N_("ROUND") },
    { "proposal", 0, 0, G_OPTION_ARG_FILENAME, &proposal_arg,
      N_("Number of the proposal (required)"), N_("PROPOSAL") },
    { "count", 0, 0, G_OPTION_ARG_FILENAME, &count_arg,
      N_("How many hands were raised for it (required)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gint64 round_id;
  gint64 proposal_id;
  guint64 count = 0;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--round", round_arg, &round_id, error)
      || !abierto_cli_parse_id ("--proposal", proposal_arg, &proposal_id, error)
      || !abierto_cli_require ("--count", count_arg, error)
      || !abierto_cli_parse_uint ("--count", count_arg, G_MAXUINT, &count, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !abierto_store_set_tally (store, round_id, proposal_id, (guint) count, error))
    return FALSE;

  abierto_cli_print_id ((gint64) count);
  return TRUE;
}

gboolean
abierto_cli_results (AbiertoCli  *cli,
                     GError     **error)
{
  g_autoptr(AbiertoResults) results = NULL;
  g_autofree char *round_arg = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_FILENAME, &round_arg,
      N_("Number of the voting round (required)"), N_("ROUND") },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("How to print the results: text (the default), json or csv"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoCliFormat format;
  AbiertoStore *store;
  gint64 round_id;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--round", round_arg, &round_id, error)
      || !abierto_cli_parse_format (format_name, TRUE, &format, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, FALSE, error))
      || !(results = abierto_store_compute_results (store, round_id, error)))
    return FALSE;

  switch (format)
    {
    case ABIERTO_CLI_FORMAT_JSON:
      {
        g_autoptr(JsonNode) root = abierto_results_to_json (results);

        abierto_cli_print_json (root);
      }
      break;

    case ABIERTO_CLI_FORMAT_CSV:
      {
        g_autofree char *csv = abierto_results_to_csv (results);

        abierto_cli_print_data (csv);
      }
      break;

    case ABIERTO_CLI_FORMAT_TEXT:
    default:
      {
        g_autofree char *text = abierto_results_to_text (results);

        g_print ("%s", text);
      }
      break;
    }

  return TRUE;
}
