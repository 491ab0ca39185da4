/* abierto-cli-participant.c
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
#include "abierto-participant-sheet.h"

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
          /* null when the notice shown was not recorded (older files) */
          json_builder_set_member_name (builder, "notice_version");
          if (abierto_participant_get_notice_version (participant) > 0)
            json_builder_add_int_value (builder,
                                        abierto_participant_get_notice_version (participant));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "opposed");
          json_builder_add_boolean_value (builder, abierto_participant_get_opposed (participant));
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
          guint notice = abierto_participant_get_notice_version (participant);
          char **cells = g_new0 (char *, 7);

          cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT,
                                      abierto_participant_get_id (participant));
          cells[1] = g_strdup (abierto_consent_to_string (consent));
          /* the notice version shown at consent, "-" when not recorded */
          cells[2] = notice > 0 ? g_strdup_printf ("v%u", notice) : g_strdup ("-");
          /* TRANSLATORS: marks a participant who opposed the use of their
           * data in a one-word column of "participant list" */
          cells[3] = g_strdup (abierto_participant_get_opposed (participant)
                               ? C_("participant list", "opposed") : "-");
          cells[4] = g_strdup (age_band != NULL && *age_band != '\0' ? age_band : "-");
          cells[5] = g_strdup (abierto_participant_get_alias (participant));
          g_ptr_array_add (rows, cells);
        }

      abierto_cli_print_table (rows);
    }

  return TRUE;
}

/* ARCO rights */

gboolean
abierto_cli_participant_export (AbiertoCli  *cli,
                                GError     **error)
{
  g_autofree char *participant_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lower = NULL;
  const GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_FILENAME, &participant_arg,
      N_("Number of the participant (required)"), N_("PARTICIPANT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write, ending in .json or .pdf (required)"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gint64 participant_id;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--participant", participant_arg, &participant_id, error)
      || !abierto_cli_require ("--output", output, error))
    return FALSE;

  lower = g_ascii_strdown (output, -1);
  if (!g_str_has_suffix (lower, ".json") && !g_str_has_suffix (lower, ".pdf"))
    {
      g_autofree char *display = g_filename_display_name (output);

      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                   _("The output must end in .json or .pdf, not “%s”"), display);
      return FALSE;
    }

  if (!(store = abierto_cli_open_store (cli, FALSE, error)))
    return FALSE;

  if (g_str_has_suffix (lower, ".json"))
    {
      g_autoptr(JsonNode) record = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *data = NULL;
      gsize length = 0;

      if (!(record = abierto_store_dup_participant_record (store, participant_id, error)))
        return FALSE;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, record);
      data = json_generator_to_data (generator, &length);

      /* a temporary file, synced and renamed: never half a file; only
       * its owner may read it, since it holds personal data */
      return g_file_set_contents_full (output, data, (gssize) length,
                                       G_FILE_SET_CONTENTS_CONSISTENT
                                       | G_FILE_SET_CONTENTS_DURABLE,
                                       0600, error);
    }

  return abierto_participant_sheet_write_pdf (store, participant_id, output, error);
}

static guint
n_elements (JsonObject *record,
            const char *member)
{
  JsonNode *node = json_object_get_member (record, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node)
         ? json_array_get_length (json_node_get_array (node)) : 0;
}

gboolean
abierto_cli_participant_erase (AbiertoCli  *cli,
                               GError     **error)
{
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(AbiertoParticipant) active = NULL;
  g_autofree char *participant_arg = NULL;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_FILENAME, &participant_arg,
      N_("Number of the participant (required)"), N_("PARTICIPANT") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Erase for good: it cannot be undone (required)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gint64 participant_id;
  guint n_proposals, n_votes;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--participant", participant_arg, &participant_id, error))
    return FALSE;

  if (!yes)
    {
      g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                           _("Erasing a participant cannot be undone: add --yes to erase them"));
      return FALSE;
    }

  /* what there is to tell afterwards; a participant in the trash is not
   * active, and their votes were not counting */
  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !(record = abierto_store_dup_participant_record (store, participant_id, error)))
    return FALSE;
  active = abierto_store_get_participant (store, participant_id, NULL);
  n_proposals = n_elements (json_node_get_object (record), "proposals");
  n_votes = n_elements (json_node_get_object (record), "votes");

  if (!abierto_store_erase_participant (store, participant_id, error))
    return FALSE;

  /* never the alias: what is printed may end up in a log */
  g_print (_("Participant %lld was erased: their alias, age range, gender and consent record "
             "are no longer in the file.\n"), (long long) participant_id);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%u proposal they wrote stays, without an author.\n",
                        "%u proposals they wrote stay, without an author.\n", n_proposals),
           n_proposals);
  if (active != NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u vote still counts, as an anonymous vote.\n",
                          "%u votes still count, as anonymous votes.\n", n_votes),
             n_votes);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u vote, which no longer counted, was removed.\n",
                          "%u votes, which no longer counted, were removed.\n", n_votes),
             n_votes);
  return TRUE;
}

gboolean
abierto_cli_participant_oppose (AbiertoCli  *cli,
                                GError     **error)
{
  g_autofree char *participant_arg = NULL;
  gboolean undo = FALSE;
  const GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_FILENAME, &participant_arg,
      N_("Number of the participant (required)"), N_("PARTICIPANT") },
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo,
      N_("Withdraw the opposition: count the participant in exports again"), NULL },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gint64 participant_id;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--participant", participant_arg, &participant_id, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !abierto_store_set_participant_opposed (store, participant_id, !undo, error))
    return FALSE;

  if (undo)
    g_print (_("Participant %lld is counted in exports and open data again.\n"),
             (long long) participant_id);
  else
    g_print (_("Participant %lld is left out of every export and of open data.\n"),
             (long long) participant_id);
  return TRUE;
}
