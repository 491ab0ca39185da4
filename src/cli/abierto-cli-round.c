/* abierto-cli-round.c
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
abierto_cli_round_add (AbiertoCli  *cli,
                       GError     **error)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autofree char *session_arg = NULL;
  g_autofree char *method_name = NULL;
  g_autofree char *dots_arg = NULL;
  g_autofree char *points_arg = NULL;
  g_autofree char *title = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_FILENAME, &session_arg,
      N_("Number of the session (required)"), N_("SESSION") },
    { "method", 0, 0, G_OPTION_ARG_FILENAME, &method_name,
      N_("How votes are counted: dot, approval, scale, ranking or tally (required)"),
      N_("METHOD") },
    { "dots", 0, 0, G_OPTION_ARG_FILENAME, &dots_arg,
      N_("Dots each person can give, from 1 to 100 (dot voting; 3 by default)"), N_("N") },
    { "points", 0, 0, G_OPTION_ARG_FILENAME, &points_arg,
      N_("Points of the scale, 3 or 5 (scale)"), N_("N") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title,
      N_("What the round asks"), N_("TITLE") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoMethod method;
  AbiertoStore *store;
  gint64 session_id;
  gint64 dots = 0;
  gint64 points = 0;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--session", session_arg, &session_id, error)
      || !abierto_cli_require ("--method", method_name, error))
    return FALSE;

  if (!abierto_method_from_string (method_name, &method))
    {
      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                   _("Unknown method “%s”; use dot, approval, scale, ranking or tally"),
                   method_name);
      return FALSE;
    }

  if (!abierto_cli_parse_int ("--dots", dots_arg, G_MININT64, G_MAXINT64, &dots, error)
      || !abierto_cli_parse_int ("--points", points_arg, G_MININT64, G_MAXINT64, &points, error))
    return FALSE;

  if (dots_arg != NULL && method != ABIERTO_METHOD_DOT)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("--dots is only for dot voting (--method dot)"));
      return FALSE;
    }
  if (points_arg != NULL && method != ABIERTO_METHOD_SCALE)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("--points is only for a scale (--method scale)"));
      return FALSE;
    }

  /* The setters take only valid values: say what is wrong before. */
  if (dots_arg != NULL && (dots < 1 || dots > 100))
    {
      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_INVALID,
                   _("Each person can have from 1 to 100 dots, not %lld."), (long long) dots);
      return FALSE;
    }
  if (points_arg != NULL && points != 3 && points != 5)
    {
      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_INVALID,
                   _("A scale has 3 points (faces) or 5 points, not %lld."), (long long) points);
      return FALSE;
    }

  if (!abierto_cli_parse_text ("--title", &title, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, TRUE, error)))
    return FALSE;

  /* Children rate with three faces, adults on five points. */
  if (method == ABIERTO_METHOD_SCALE && points_arg == NULL)
    {
      g_autoptr(AbiertoSession) session = abierto_store_get_session (store, session_id, error);

      if (session == NULL)
        return FALSE;
      points = abierto_session_get_group (session) == ABIERTO_GROUP_CHILDREN ? 3 : 5;
    }

  round = abierto_round_new (session_id, method);
  abierto_round_set_title (round, title);
  if (dots_arg != NULL)
    abierto_round_set_dots (round, (guint) dots);
  if (points != 0)
    abierto_round_set_points (round, (guint) points);

  if (!abierto_store_add_round (store, round, error))
    return FALSE;

  abierto_cli_print_id (abierto_round_get_id (round));
  return TRUE;
}

gboolean
abierto_cli_round_list (AbiertoCli  *cli,
                        GError     **error)
{
  g_autoptr(GListModel) rounds = NULL;
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
      || !(rounds = abierto_store_list_rounds (store, session_id, error)))
    return FALSE;

  n = g_list_model_get_n_items (rounds);

  if (format == ABIERTO_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (i = 0; i < n; i++)
        {
          g_autoptr(AbiertoRound) round = g_list_model_get_item (rounds, i);
          AbiertoMethod method = abierto_round_get_method (round);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, abierto_round_get_id (round));
          abierto_cli_add_string (builder, "uuid", abierto_round_get_uuid (round));
          abierto_cli_add_string (builder, "title", abierto_round_get_title (round));
          abierto_cli_add_string (builder, "method", abierto_method_to_string (method));
          if (method == ABIERTO_METHOD_DOT)
            {
              json_builder_set_member_name (builder, "dots");
              json_builder_add_int_value (builder, abierto_round_get_dots (round));
            }
          if (method == ABIERTO_METHOD_SCALE)
            {
              json_builder_set_member_name (builder, "points");
              json_builder_add_int_value (builder, abierto_round_get_points (round));
            }
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
          g_autoptr(AbiertoRound) round = g_list_model_get_item (rounds, i);
          AbiertoMethod method = abierto_round_get_method (round);
          char **cells = g_new0 (char *, 5);
          guint dots = abierto_round_get_dots (round);
          guint points = abierto_round_get_points (round);

          cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, abierto_round_get_id (round));
          cells[1] = g_strdup (abierto_method_to_string (method));
          if (method == ABIERTO_METHOD_DOT)
            cells[2] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dot", "%u dots", dots),
                                        dots);
          else if (method == ABIERTO_METHOD_SCALE)
            cells[2] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point", "%u points",
                                                     points), points);
          else
            cells[2] = g_strdup ("-");
          cells[3] = g_strdup (abierto_round_get_title (round));
          g_ptr_array_add (rows, cells);
        }

      abierto_cli_print_table (rows);
    }

  return TRUE;
}
