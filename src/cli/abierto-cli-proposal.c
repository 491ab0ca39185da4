/* abierto-cli-proposal.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-cli.h"

gboolean
abierto_cli_proposal_add (AbiertoCli  *cli,
                          GError     **error)
{
  g_autoptr(AbiertoProposal) proposal = NULL;
  g_autofree char *session_arg = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *category = NULL;
  g_autofree char *author_arg = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_FILENAME, &session_arg,
      N_("Number of the session (required)"), N_("SESSION") },
    { "text", 0, 0, G_OPTION_ARG_FILENAME, &text,
      N_("The proposal, in the words of the group (required)"), N_("TEXT") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title,
      N_("A short title for lists and charts"), N_("TITLE") },
    { "category", 0, 0, G_OPTION_ARG_FILENAME, &category,
      N_("The theme it belongs to"), N_("CATEGORY") },
    { "author", 0, 0, G_OPTION_ARG_FILENAME, &author_arg,
      N_("Number of the participant who made it"), N_("PARTICIPANT") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gint64 session_id;
  gint64 author_id = 0;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--session", session_arg, &session_id, error)
      || !abierto_cli_require ("--text", text, error)
      || (author_arg != NULL && !abierto_cli_parse_id ("--author", author_arg, &author_id, error))
      || !abierto_cli_parse_text ("--text", &text, error)
      || !abierto_cli_parse_text ("--title", &title, error)
      || !abierto_cli_parse_text ("--category", &category, error))
    return FALSE;

  proposal = abierto_proposal_new (session_id, text);
  abierto_proposal_set_title (proposal, title);
  abierto_proposal_set_category (proposal, category);
  abierto_proposal_set_author_id (proposal, author_id);

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !abierto_store_add_proposal (store, proposal, error))
    return FALSE;

  abierto_cli_print_id (abierto_proposal_get_id (proposal));
  return TRUE;
}

gboolean
abierto_cli_proposal_list (AbiertoCli  *cli,
                           GError     **error)
{
  g_autoptr(GListModel) proposals = NULL;
  g_autoptr(AbiertoSession) session = NULL;
  g_autofree char *session_arg = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_FILENAME, &session_arg,
      N_("Number of the session (required)"), N_("SESSION") },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("How to print the list: text (the default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoCliFormat format;
  AbiertoStore *store;
  gint64 session_id;
  guint n, i;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--session", session_arg, &session_id, error)
      || !abierto_cli_parse_format (format_name, FALSE, &format, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, FALSE, error))
      || !(session = abierto_store_get_session (store, session_id, error))
      || !(proposals = abierto_store_list_proposals (store, session_id, error)))
    return FALSE;

  n = g_list_model_get_n_items (proposals);

  if (format == ABIERTO_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (i = 0; i < n; i++)
        {
          g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (proposals, i);
          gint64 author_id = abierto_proposal_get_author_id (proposal);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, abierto_proposal_get_id (proposal));
          abierto_cli_add_string (builder, "uuid", abierto_proposal_get_uuid (proposal));
          abierto_cli_add_string (builder, "title", abierto_proposal_get_title (proposal));
          abierto_cli_add_string (builder, "text", abierto_proposal_get_text (proposal));
          abierto_cli_add_string (builder, "category", abierto_proposal_get_category (proposal));
          json_builder_set_member_name (builder, "author");
          if (author_id != 0)
            json_builder_add_int_value (builder, author_id);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      abierto_cli_print_json (root);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (i = 0; i < n; i++)
        {
          g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (proposals, i);
          char **cells = g_new0 (char *, 3);

          cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, abierto_proposal_get_id (proposal));
          cells[1] = abierto_proposal_dup_label (proposal);
          g_ptr_array_add (rows, cells);
        }

      abierto_cli_print_table (rows);
    }

  return TRUE;
}
