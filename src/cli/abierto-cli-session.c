/* abierto-cli-session.c
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
abierto_cli_session_add (AbiertoCli  *cli,
                         GError     **error)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autofree char *title = NULL;
  g_autofree char *group_name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *place = NULL;
  g_autofree char *question = NULL;
  g_autofree char *facilitators = NULL;
  g_autofree char *publication_url = NULL;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title,
      N_("Title of the session (required)"), N_("TITLE") },
    { "group", 0, 0, G_OPTION_ARG_FILENAME, &group_name,
      N_("Who took part: older-adults, women-reentry, children or mixed (required)"),
      N_("GROUP") },
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &date,
      N_("Day of the session, as YYYY-MM-DD"), N_("DATE") },
    { "place", 0, 0, G_OPTION_ARG_FILENAME, &place,
      N_("Borough or institution where it was held"), N_("PLACE") },
    { "question", 0, 0, G_OPTION_ARG_FILENAME, &question,
      N_("The guiding question of the session"), N_("QUESTION") },
    { "facilitators", 0, 0, G_OPTION_ARG_FILENAME, &facilitators,
      N_("Who facilitated it"), N_("NAMES") },
    { "publication-url", 0, 0, G_OPTION_ARG_FILENAME, &publication_url,
      N_("Web address where the results are published, for a QR code"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  AbiertoGroup group;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_require ("--title", title, error)
      || !abierto_cli_require ("--group", group_name, error)
      || !abierto_cli_parse_group (group_name, &group, error)
      || !abierto_cli_parse_text ("--title", &title, error)
      || !abierto_cli_parse_text ("--date", &date, error)
      || !abierto_cli_parse_text ("--place", &place, error)
      || !abierto_cli_parse_text ("--question", &question, error)
      || !abierto_cli_parse_text ("--facilitators", &facilitators, error)
      || !abierto_cli_parse_text ("--publication-url", &publication_url, error))
    return FALSE;

  session = abierto_session_new (title, group);
  abierto_session_set_date (session, date);
  abierto_session_set_place (session, place);
  abierto_session_set_question (session, question);
  abierto_session_set_facilitators (session, facilitators);
  abierto_session_set_publication_url (session, publication_url);

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !abierto_store_add_session (store, session, error))
    return FALSE;

  abierto_cli_print_id (abierto_session_get_id (session));
  return TRUE;
}

gboolean
abierto_cli_session_list (AbiertoCli  *cli,
                          GError     **error)
{
  g_autoptr(GListModel) sessions = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("How to print the list: text (the default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoCliFormat format;
  AbiertoStore *store;
  guint n, i;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_format (format_name, FALSE, &format, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, FALSE, error))
      || !(sessions = abierto_store_list_sessions (store, error)))
    return FALSE;

  n = g_list_model_get_n_items (sessions);

  if (format == ABIERTO_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (i = 0; i < n; i++)
        {
          g_autoptr(AbiertoSession) session = g_list_model_get_item (sessions, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, abierto_session_get_id (session));
          abierto_cli_add_string (builder, "uuid", abierto_session_get_uuid (session));
          abierto_cli_add_string (builder, "title", abierto_session_get_title (session));
          abierto_cli_add_string (builder, "question", abierto_session_get_question (session));
          abierto_cli_add_string (builder, "group",
                                  abierto_group_to_string (abierto_session_get_group (session)));
          abierto_cli_add_nullable (builder, "date", abierto_session_get_date (session));
          abierto_cli_add_string (builder, "place", abierto_session_get_place (session));
          abierto_cli_add_string (builder, "facilitators",
                                  abierto_session_get_facilitators (session));
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
          g_autoptr(AbiertoSession) session = g_list_model_get_item (sessions, i);
          const char *date = abierto_session_get_date (session);
          char **cells = g_new0 (char *, 5);

          cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, abierto_session_get_id (session));
          cells[1] = g_strdup (date != NULL ? date : "-");
          cells[2] = g_strdup (abierto_group_to_string (abierto_session_get_group (session)));
          cells[3] = g_strdup (abierto_session_get_title (session));
          g_ptr_array_add (rows, cells);
        }

      abierto_cli_print_table (rows);
    }

  return TRUE;
}
