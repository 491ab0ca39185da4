/* abierto-cli-export.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "abierto-cli.h"
#include "abierto-export.h"

/* The format a file name asks for, by its extension. */
static gboolean
format_from_path (const char          *path,
                  AbiertoExportFormat *format)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;

  return abierto_export_format_from_string (dot + 1, format);
}

/* What suits the people of a session, when --audience is not given. */
static AbiertoAudience
audience_for_group (AbiertoGroup group)
{
  switch (group)
    {
    case ABIERTO_GROUP_OLDER_ADULTS:
      return ABIERTO_AUDIENCE_OLDER_ADULTS;
    case ABIERTO_GROUP_CHILDREN:
      return ABIERTO_AUDIENCE_CHILDREN;
    case ABIERTO_GROUP_WOMEN_REENTRY:
      return ABIERTO_AUDIENCE_WOMEN_REENTRY;
    case ABIERTO_GROUP_MIXED:
    default:
      return ABIERTO_AUDIENCE_GENERAL;
    }
}

static gboolean usage_error (GError     **error,
                             const char  *format,
                             ...) G_GNUC_PRINTF (2, 3);

static gboolean
usage_error (GError     **error,
             const char  *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                                                format, args));
  va_end (args);
  return FALSE;
}

gboolean
abierto_cli_export (AbiertoCli  *cli,
                    GError     **error)
{
  g_autoptr(AbiertoReportData) data = NULL;
  g_autofree char *session_arg = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *audience_name = NULL;
  g_autofree char *size_name = NULL;
  g_autofree char *threshold_arg = NULL;
  g_autofree char *output = NULL;
  gboolean show_place = FALSE;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_FILENAME, &session_arg,
      N_("Number of the session (required)"), N_("SESSION") },
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind_name,
      N_("What to make: poster (the default), report, triptych or accountability"), N_("KIND") },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("pdf, png or svg (by default, that of the output’s extension, else pdf)"),
      N_("FORMAT") },
    { "audience", 0, 0, G_OPTION_ARG_FILENAME, &audience_name,
      N_("Who it is for: general, older-adults, children or women-reentry (by default, the "
         "group of the session)"), N_("AUDIENCE") },
    { "size", 0, 0, G_OPTION_ARG_FILENAME, &size_name,
      N_("Paper or image size: letter, a4, a3, square, social, story or 16x9"), N_("SIZE") },
    { "show-place", 0, 0, G_OPTION_ARG_NONE, &show_place,
      N_("Print the place even for women in reentry, where it is hidden by default"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_FILENAME, &threshold_arg,
      N_("Counts of people below this are printed as “fewer than N” (5 by default)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (required)"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoExportOptions options;
  AbiertoStore *store;
  gint64 session_id;
  guint64 threshold = ABIERTO_REPORT_DEFAULT_THRESHOLD;

  abierto_export_options_init (&options);

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--session", session_arg, &session_id, error)
      || !abierto_cli_require ("--output", output, error)
      || !abierto_cli_parse_uint ("--threshold", threshold_arg, 100, &threshold, error))
    return FALSE;

  if (threshold < 2)
    {
      /* a threshold of 1 or 0 would print a single person's row */
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("--threshold takes a whole number from 2 to 100"));
      return FALSE;
    }

  if (kind_name != NULL && !abierto_export_kind_from_string (kind_name, &options.kind))
    return usage_error (error, _("Unknown kind “%s”; use poster, report, triptych or accountability"), kind_name);

  if (format_name != NULL)
    {
      if (!abierto_export_format_from_string (format_name, &options.format))
        return usage_error (error, _("Unknown format “%s”; use pdf, png or svg"), format_name);
    }
  else if (!format_from_path (output, &options.format))
    {
      options.format = ABIERTO_EXPORT_FORMAT_PDF;
    }

  if (audience_name != NULL
      && !abierto_audience_from_string (audience_name, &options.audience))
    return usage_error (error,
                        _("Unknown audience “%s”; use general, older-adults, children or "
                          "women-reentry"),
                        audience_name);

  if (size_name != NULL)
    {
      if (!abierto_page_size_from_string (size_name, &options.size))
        return usage_error (error,
                            _("Unknown size “%s”; use letter, a4, a3, square, social, story or "
                              "16x9"),
                            size_name);
    }
  else
    {
      options.size = abierto_export_default_size (options.kind, options.format);
    }

  options.show_place = show_place;

  if (!abierto_export_options_validate (&options, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, FALSE, error))
      || !(data = abierto_report_data_new_from_store (store, session_id, (guint) threshold,
                                                      error)))
    return FALSE;

  if (audience_name == NULL)
    options.audience = audience_for_group (data->group);

  return abierto_export_write (data, &options, output, NULL, NULL, NULL, error);
}
