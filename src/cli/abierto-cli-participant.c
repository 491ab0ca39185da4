/* abierto-cli-participant.c
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
abierto_cli_participant_add (AbiertoCli  *cli,
                             GError     **error)
{
  g_autoptr(AbiertoParticipant) participant = NULL;
  g_autoptr(AbiertoSession) session = NULL;
  g_autofree char *session_arg = NULL;
  g_autofree char *alias = NULL;
  g_autofree char *age_band = NULL;
  g_autofree char *gender = NULL;
  g_autofree char *consent_name = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_FILENAME, &session_arg,
      N_("Number of the session (required)"), N_("SESSION") },
    { "alias", 0, 0, G_OPTION_ARG_FILENAME, &alias,
      N_("A nickname, never a full name (required)"), N_("ALIAS") },
    { "age-band", 0, 0, G_OPTION_ARG_FILENAME, &age_band,
      N_("Age band, such as 60-69"), N_("BAND") },
    { "gender", 0, 0, G_OPTION_ARG_FILENAME, &gender,
      N_("Gender, as the person describes it"), N_("GENDER") },
    { "consent", 0, 0, G_OPTION_ARG_FILENAME, &consent_name,
      N_("Who gave consent: self or guardian"), N_("CONSENT") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoConsent consent = ABIERTO_CONSENT_SELF;
  AbiertoStore *store;
  gint64 session_id;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--session", session_arg, &session_id, error)
      || !abierto_cli_require ("--alias", alias, error))
    return FALSE;

  if (consent_name != NULL && !abierto_consent_from_string (consent_name, &consent))
    {
      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                   _("Unknown consent “%s”; use self or guardian"), consent_name);
      return FALSE;
    }

  if (!abierto_cli_parse_text ("--alias", &alias, error)
      || !abierto_cli_parse_text ("--age-band", &age_band, error)
      || !abierto_cli_parse_text ("--gender", &gender, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !(session = abierto_store_get_session (store, session_id, error)))
    return FALSE;

  /* A child's consent is given by a guardian. */
  if (consent_name == NULL && abierto_session_get_group (session) == ABIERTO_GROUP_CHILDREN)
    consent = ABIERTO_CONSENT_GUARDIAN;

  participant = abierto_participant_new (session_id, alias);
  abierto_participant_set_age_band (participant, age_band);
  abierto_participant_set_gender (participant, gender);
  abierto_participant_set_consent (participant, consent);

  if (!abierto_store_add_participant (store, participant, error))
    return FALSE;

  abierto_cli_print_id (abierto_participant_get_id (participant));
  return TRUE;
}

gboolean
abierto_cli_participant_list (AbiertoCli  *cli,
                              GError     **error)
{
  g_autoptr(GListModel) participants = NULL;
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
      || !(participants = abierto_store_list_participants (store, session_id, error)))
    return FALSE;

  n = g_list_model_get_n_items (participants);

  if (format == ABIERTO_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (i = 0; i < n; i++)
        {
          g_autoptr(AbiertoParticipant) participant = g_list_model_get_item (participants, i);
          AbiertoConsent consent = abierto_participant_get_consent (participant);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, abierto_participant_get_id (participant));
          abierto_cli_add_string (builder, "uuid", abierto_participant_get_uuid (participant));
          abierto_cli_add_string (builder, "alias", abierto_participant_get_alias (participant));
          abierto_cli_add_nullable (builder, "age_band",
                                    abierto_participant_get_age_band (participant));
          abierto_cli_add_nullable (builder, "gender",
                                    abierto_participant_get_gender (participant));
          abierto_cli_add_string (builder, "consent", abierto_consent_to_string (consent));
          abierto_cli_add_nullable (builder, "consent_date",
                                    abierto_participant_get_consent_date (participant));
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
          g_autoptr(AbiertoParticipant) participant = g_list_model_get_item (participants, i);
          const char *age_band = abierto_participant_get_age_band (participant);
          AbiertoConsent consent = abierto_participant_get_consent (participant);
          char **cells = g_new0 (char *, 5);

          cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT,
                                      abierto_participant_get_id (participant));
          cells[1] = g_strdup (abierto_consent_to_string (consent));
          cells[2] = g_strdup (age_band != NULL && *age_band != '\0' ? age_band : "-");
          cells[3] = g_strdup (abierto_participant_get_alias (participant));
          g_ptr_array_add (rows, cells);
        }

      abierto_cli_print_table (rows);
    }

  return TRUE;
}
