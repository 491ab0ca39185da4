/* abierto-cli-opendata.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-cli.h"
#include "abierto-opendata.h"
#include "abierto-privacy.h"

gboolean
abierto_cli_opendata (AbiertoCli  *cli,
                      GError     **error)
{
  g_autoptr(AbiertoStore) reader = NULL;
  g_autofree char *session_arg = NULL;
  g_autofree char *threshold_arg = NULL;
  g_autofree char *output = NULL;
  gboolean all = FALSE;
  gboolean zip = FALSE;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_FILENAME, &session_arg,
      N_("Number of the session to publish"), N_("SESSION") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Publish every session of the file"), NULL },
    { "zip", 0, 0, G_OPTION_ARG_NONE, &zip,
      N_("Write one zip file, ready for an open data portal, instead of a folder"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_FILENAME, &threshold_arg,
      N_("Counts of people below this are left empty (5 by default)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The folder to write, empty or new, or with --zip the zip file (required)"),
      N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoOpenDataOptions options;
  AbiertoStore *store;
  guint64 threshold = ABIERTO_PRIVACY_DEFAULT_THRESHOLD;

  abierto_opendata_options_init (&options);

  if (!abierto_cli_parse (cli, entries, error))
    return FALSE;

  if (all == (session_arg != NULL))
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("Give either --session or --all"));
      return FALSE;
    }

  if ((session_arg != NULL
       && !abierto_cli_parse_id ("--session", session_arg, &options.session_id, error))
      || !abierto_cli_require ("--output", output, error)
      || !abierto_cli_parse_uint ("--threshold", threshold_arg, ABIERTO_PRIVACY_MAX_THRESHOLD,
                                  &threshold, error))
    return FALSE;

  if (threshold < ABIERTO_PRIVACY_MIN_THRESHOLD)
    {
      /* a threshold of 1 or 0 would publish a single person's row */
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("--threshold takes a whole number from 2 to 100"));
      return FALSE;
    }

  options.threshold = (guint) threshold;
  options.zip = zip;

  /* read as the window does, through a read-only connection of its own */
  if (!(store = abierto_cli_open_store (cli, FALSE, error))
      || !(reader = abierto_store_open_reader (store, error)))
    return FALSE;

  return abierto_opendata_write (reader, &options, output, NULL, error);
}
