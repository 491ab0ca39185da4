/* abierto-cli-notice.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "abierto-cli.h"

/* Far more than any notice: the store refuses a text that long anyway,
 * and this keeps a wrong file from being read whole. */
#define MAX_NOTICE_BYTES (1024 * 1024)

gboolean
abierto_cli_notice_show (AbiertoCli  *cli,
                         GError     **error)
{
  g_autofree char *number_arg = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *created = NULL;
  const GOptionEntry entries[] = {
    /* not --version, which shows the version of abierto-cli */
    { "number", 0, 0, G_OPTION_ARG_FILENAME, &number_arg,
      N_("The number of the version to show (the latest by default)"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("How to print it: text (the default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoCliFormat format;
  AbiertoStore *store;
  guint64 wanted = 0;
  guint version = 0;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_uint ("--number", number_arg, G_MAXINT, &wanted, error)
      || !abierto_cli_parse_format (format_name, FALSE, &format, error))
    return FALSE;

  if (number_arg != NULL && wanted == 0)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("--number takes the number of a version, 1 or more"));
      return FALSE;
    }

  if (!(store = abierto_cli_open_store (cli, FALSE, error)))
    return FALSE;

  if (number_arg != NULL)
    {
      version = (guint) wanted;
      if (!abierto_store_get_notice_version (store, version, &text, &created, error))
        return FALSE;
    }
  else if (!abierto_store_get_notice (store, &version, &text, &created, error))
    {
      return FALSE;
    }

  if (format == ABIERTO_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, version);
      abierto_cli_add_nullable (builder, "created", created);
      abierto_cli_add_string (builder, "text", text);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      abierto_cli_print_json (root);
      return TRUE;
    }

  if (created != NULL)
    g_print (_("Privacy notice, version %u, saved on %s\n"), version, created);
  else
    g_print (_("Privacy notice, version %u (the default, not saved in the file yet)\n"),
             version);
  g_print ("\n");
  abierto_cli_print_data (text);
  abierto_cli_print_data ("\n");
  return TRUE;
}

/* The whole of standard input. */
static char *
read_stdin (gsize   *length,
            GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buf[8192];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    {
      g_string_append_len (text, buf, (gssize) n);
      if (text->len > MAX_NOTICE_BYTES)
        break;
    }

  if (ferror (stdin))
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The standard input could not be read: %s."), g_strerror (saved_errno));
      return NULL;
    }

  *length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
abierto_cli_notice_set (AbiertoCli  *cli,
                        GError     **error)
{
  g_autofree char *from = NULL;
  g_autofree char *text = NULL;
  const GOptionEntry entries[] = {
    /* not --file, which names the workshop file */
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("A UTF-8 text file with the notice, or - for standard input (required)"),
      N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gsize length = 0;
  guint version = 0;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_require ("--from", from, error))
    return FALSE;

  if (g_strcmp0 (from, "-") == 0)
    {
      if (!(text = read_stdin (&length, error)))
        return FALSE;
    }
  else if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (from);

      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_NO_FILE,
                   _("There is no text file at “%s”."), display);
      return FALSE;
    }
  else if (!g_file_get_contents (from, &text, &length, error))
    {
      return FALSE;
    }

  if (length > MAX_NOTICE_BYTES || memchr (text, '\0', length) != NULL)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_INVALID,
                           _("The privacy notice must be plain text of at most 100,000 "
                             "characters."));
      return FALSE;
    }

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !abierto_store_set_notice (store, text, &version, error))
    return FALSE;

  abierto_cli_print_id (version);
  return TRUE;
}
