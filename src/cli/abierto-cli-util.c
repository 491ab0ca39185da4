/* abierto-cli-util.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "abierto-cli.h"

/* Values of options */

gboolean
abierto_cli_require (const char  *option,
                     const char  *value,
                     GError     **error)
{
  if (value != NULL)
    return TRUE;

  g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
               _("The option %s is required"), option);
  return FALSE;
}

gboolean
abierto_cli_parse_int (const char  *option,
                       const char  *value,
                       gint64       min,
                       gint64       max,
                       gint64      *number,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (value == NULL)
    return TRUE;

  if (g_ascii_string_to_signed (value, 10, min, max, number, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
    g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                 _("%s takes a whole number from %lld to %lld, not “%s”"),
                 option, (long long) min, (long long) max, value);
  else
    g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                 _("%s takes a whole number, not “%s”"), option, value);
  return FALSE;
}

gboolean
abierto_cli_parse_uint (const char  *option,
                        const char  *value,
                        guint64      max,
                        guint64     *number,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (value == NULL)
    return TRUE;

  if (g_ascii_string_to_unsigned (value, 10, 0, max, number, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
    g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                 _("%s takes a whole number from 0 to %llu, not “%s”"),
                 option, (unsigned long long) max, value);
  else
    g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                 _("%s takes a whole number, not “%s”"), option, value);
  return FALSE;
}

/* Rows are numbered from 1; 0 would mean "nobody" to some calls of
 * core, so it is refused here. */
gboolean
abierto_cli_parse_id (const char  *option,
                      const char  *value,
                      gint64      *id,
                      GError     **error)
{
  if (!abierto_cli_require (option, value, error))
    return FALSE;

  if (g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, id, NULL))
    return TRUE;

  g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
               _("%s takes the number of a row (1 or more), not “%s”"), option, value);
  return FALSE;
}

/* Text options are read as raw bytes (G_OPTION_ARG_FILENAME): GOption
 * would refuse UTF-8 in the C locale, which is what a script or a
 * service often runs in. UTF-8 is taken as it is, anything else is
 * converted from the locale's encoding. */
gboolean
abierto_cli_parse_text (const char  *option,
                        char       **value,
                        GError     **error)
{
  g_autofree char *converted = NULL;

  if (*value == NULL || g_utf8_validate (*value, -1, NULL))
    return TRUE;

  converted = g_locale_to_utf8 (*value, -1, NULL, NULL, NULL);
  if (converted == NULL)
    {
      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_INVALID,
                   _("The text given to %s is not valid UTF-8, nor text in the encoding of "
                     "this system."), option);
      return FALSE;
    }

  g_free (*value);
  *value = g_steal_pointer (&converted);
  return TRUE;
}

gboolean
abierto_cli_parse_format (const char        *value,
                          gboolean           allow_csv,
                          AbiertoCliFormat  *format,
                          GError           **error)
{
  if (value == NULL || g_strcmp0 (value, "text") == 0)
    {
      *format = ABIERTO_CLI_FORMAT_TEXT;
      return TRUE;
    }
  if (g_strcmp0 (value, "json") == 0)
    {
      *format = ABIERTO_CLI_FORMAT_JSON;
      return TRUE;
    }
  if (allow_csv && g_strcmp0 (value, "csv") == 0)
    {
      *format = ABIERTO_CLI_FORMAT_CSV;
      return TRUE;
    }

  if (allow_csv)
    g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                 _("Unknown format “%s”; use text, json or csv"), value);
  else
    g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                 _("Unknown format “%s”; use text or json"), value);
  return FALSE;
}

gboolean
abierto_cli_parse_group (const char    *value,
                         AbiertoGroup  *group,
                         GError       **error)
{
  if (abierto_group_from_string (value, group))
    return TRUE;

  g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
               _("Unknown group “%s”; use older-adults, women-reentry, children or mixed"),
               value);
  return FALSE;
}

/* Output */

void
abierto_cli_print_data (const char *data)
{
  fputs (data, stdout);
}

void
abierto_cli_print_id (gint64 id)
{
  fprintf (stdout, "%" G_GINT64_FORMAT "\n", id);
}

void
abierto_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, NULL);

  fputs (data, stdout);
  fputc ('\n', stdout);
}

/* Columns a terminal gives to @text: wide (CJK, most emoji) characters
 * take two, combining marks none. */
static guint
display_width (const char *text)
{
  const char *p;
  guint width = 0;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

void
abierto_cli_print_table (GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint *widths = NULL;
  guint n_columns;
  guint i, j;

  if (rows->len == 0)
    return;

  n_columns = g_strv_length (g_ptr_array_index (rows, 0));
  widths = g_new0 (guint, n_columns);

  /* One line per row, whatever a title holds. */
  for (i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);

      g_assert (g_strv_length (cells) == n_columns);
      for (j = 0; j < n_columns; j++)
        {
          g_strdelimit (cells[j], "\t\n\r\v\f", ' ');
          widths[j] = MAX (widths[j], display_width (cells[j]));
        }
    }

  for (i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);

      for (j = 0; j < n_columns; j++)
        {
          g_string_append (out, cells[j]);
          if (j + 1 < n_columns)
            {
              guint pad = widths[j] - display_width (cells[j]) + 2;

              while (pad-- > 0)
                g_string_append_c (out, ' ');
            }
        }

      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  g_print ("%s", out->str);
}

void
abierto_cli_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

void
abierto_cli_add_nullable (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
