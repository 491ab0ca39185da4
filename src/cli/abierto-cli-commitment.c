/* abierto-cli-commitment.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "abierto-cli.h"

/* A decimal number such as 12, -3.5 or 1e6: nothing else, and finite. */
static gboolean
parse_number (const char  *option,
              const char  *value,
              double      *number,
              GError     **error)
{
  char *end = NULL;

  if (value == NULL)
    return TRUE;

  if (*value != '\0' && strspn (value, "0123456789+-.eE") == strlen (value))
    {
      *number = g_ascii_strtod (value, &end);
      if (end != value && *end == '\0' && isfinite (*number))
        return TRUE;
    }

  g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
               _("%s takes a number such as 12 or 3.5, not “%s”"), option, value);
  return FALSE;
}

/* --proposal 3 --proposal 5, or --proposal 3,5 */
static gboolean
parse_proposals (char    **values,
                 GArray   *ids,
                 GError  **error)
{
  guint i, j;

  if (values == NULL || values[0] == NULL)
    return abierto_cli_require ("--proposal", NULL, error);

  for (i = 0; values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (j = 0; parts[j] != NULL; j++)
        {
          gint64 id;

          if (!abierto_cli_parse_id ("--proposal", g_strstrip (parts[j]), &id, error))
            return FALSE;
          g_array_append_val (ids, id);
        }
    }

  return TRUE;
}

static gboolean
parse_status (const char               *value,
              AbiertoCommitmentStatus  *status,
              GError                  **error)
{
  if (abierto_commitment_status_from_string (value, status))
    return TRUE;

  g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
               _("Unknown status “%s”; use draft, planned, in-progress, done or dropped"),
               value);
  return FALSE;
}

gboolean
abierto_cli_commitment_add (AbiertoCli  *cli,
                            GError     **error)
{
  g_autoptr(AbiertoCommitment) commitment = NULL;
  g_autoptr(GArray) proposal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *session_arg = NULL;
  g_auto(GStrv) proposal_args = NULL;
  g_autofree char *action = NULL;
  g_autofree char *institution = NULL;
  g_autofree char *area = NULL;
  g_autofree char *indicator = NULL;
  g_autofree char *baseline_arg = NULL;
  g_autofree char *target_arg = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *budget_arg = NULL;
  g_autofree char *spent_arg = NULL;
  gboolean draft = FALSE;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_FILENAME, &session_arg,
      N_("Number of the session (required)"), N_("SESSION") },
    { "proposal", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &proposal_args,
      N_("Number of a proposal it answers; repeat it, or separate numbers with commas "
         "(required)"), N_("PROPOSAL") },
    { "action", 0, 0, G_OPTION_ARG_FILENAME, &action,
      N_("What will be done (required)"), N_("TEXT") },
    { "institution", 0, 0, G_OPTION_ARG_FILENAME, &institution,
      N_("The institution responsible for it"), N_("NAME") },
    { "area", 0, 0, G_OPTION_ARG_FILENAME, &area,
      N_("The area of the institution that does it"), N_("NAME") },
    { "indicator", 0, 0, G_OPTION_ARG_FILENAME, &indicator,
      N_("What is measured to follow it"), N_("TEXT") },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline_arg,
      N_("Where the indicator stands today"), N_("NUMBER") },
    { "target", 0, 0, G_OPTION_ARG_FILENAME, &target_arg,
      N_("Where the indicator must get to"), N_("NUMBER") },
    { "unit", 0, 0, G_OPTION_ARG_FILENAME, &unit,
      N_("The unit of the indicator, such as “lamps” or “minutes”"), N_("UNIT") },
    { "deadline", 0, 0, G_OPTION_ARG_FILENAME, &deadline,
      N_("The day by which it must be done"), N_("YYYY-MM-DD") },
    { "budget", 0, 0, G_OPTION_ARG_FILENAME, &budget_arg,
      N_("The budget allocated to it"), N_("AMOUNT") },
    { "spent", 0, 0, G_OPTION_ARG_FILENAME, &spent_arg,
      N_("The part of the budget spent so far"), N_("AMOUNT") },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft,
      N_("Save it even if it is not yet specific, achievable and measurable"), NULL },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gint64 session_id;
  double baseline = 0, target = 0, budget = 0, spent = 0;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--session", session_arg, &session_id, error)
      || !parse_proposals (proposal_args, proposal_ids, error)
      || !abierto_cli_require ("--action", action, error)
      || !parse_number ("--baseline", baseline_arg, &baseline, error)
      || !parse_number ("--target", target_arg, &target, error)
      || !parse_number ("--budget", budget_arg, &budget, error)
      || !parse_number ("--spent", spent_arg, &spent, error)
      || !abierto_cli_parse_text ("--action", &action, error)
      || !abierto_cli_parse_text ("--institution", &institution, error)
      || !abierto_cli_parse_text ("--area", &area, error)
      || !abierto_cli_parse_text ("--indicator", &indicator, error)
      || !abierto_cli_parse_text ("--unit", &unit, error)
      || !abierto_cli_parse_text ("--deadline", &deadline, error))
    return FALSE;

  commitment = abierto_commitment_new (session_id, action);
  abierto_commitment_set_institution (commitment, institution);
  abierto_commitment_set_area (commitment, area);
  abierto_commitment_set_indicator (commitment, indicator);
  abierto_commitment_set_unit (commitment, unit);
  abierto_commitment_set_deadline (commitment, deadline);
  if (baseline_arg != NULL)
    abierto_commitment_set_baseline (commitment, baseline);
  if (target_arg != NULL)
    abierto_commitment_set_target (commitment, target);
  if (budget_arg != NULL)
    abierto_commitment_set_budget_allocated (commitment, budget);
  if (spent_arg != NULL)
    abierto_commitment_set_budget_spent (commitment, spent);

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !abierto_store_add_commitment (store, commitment, (const gint64 *) proposal_ids->data,
                                        proposal_ids->len, draft, error))
    return FALSE;

  abierto_cli_print_id (abierto_commitment_get_id (commitment));
  return TRUE;
}

gboolean
abierto_cli_commitment_update (AbiertoCli  *cli,
                               GError     **error)
{
  g_autoptr(AbiertoCommitmentUpdate) update = NULL;
  g_autofree char *commitment_arg = NULL;
  g_autofree char *value_arg = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  g_autofree char *evidence = NULL;
  const GOptionEntry entries[] = {
    { "commitment", 0, 0, G_OPTION_ARG_FILENAME, &commitment_arg,
      N_("Number of the commitment (required)"), N_("COMMITMENT") },
    { "value", 0, 0, G_OPTION_ARG_FILENAME, &value_arg,
      N_("Where the indicator stands now (required)"), N_("NUMBER") },
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &date,
      N_("The day it was measured (today by default)"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note,
      N_("What happened, in a few words"), N_("TEXT") },
    { "evidence", 0, 0, G_OPTION_ARG_FILENAME, &evidence,
      N_("A web page where anyone can check it"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoStore *store;
  gint64 commitment_id;
  double value = 0;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--commitment", commitment_arg, &commitment_id, error)
      || !abierto_cli_require ("--value", value_arg, error)
      || !parse_number ("--value", value_arg, &value, error)
      || !abierto_cli_parse_text ("--date", &date, error)
      || !abierto_cli_parse_text ("--note", &note, error)
      || !abierto_cli_parse_text ("--evidence", &evidence, error))
    return FALSE;

  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date = g_date_time_format (now, "%Y-%m-%d");
    }

  update = abierto_commitment_update_new (commitment_id, date, value);
  abierto_commitment_update_set_note (update, note);
  abierto_commitment_update_set_evidence_url (update, evidence);

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !abierto_store_add_commitment_update (store, update, error))
    return FALSE;

  abierto_cli_print_id (abierto_commitment_update_get_id (update));
  return TRUE;
}

gboolean
abierto_cli_commitment_status (AbiertoCli  *cli,
                               GError     **error)
{
  g_autoptr(AbiertoCommitment) commitment = NULL;
  g_autofree char *commitment_arg = NULL;
  g_autofree char *status_arg = NULL;
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "commitment", 0, 0, G_OPTION_ARG_FILENAME, &commitment_arg,
      N_("Number of the commitment (required)"), N_("COMMITMENT") },
    { "status", 0, 0, G_OPTION_ARG_FILENAME, &status_arg,
      N_("draft, planned, in-progress, done or dropped (required)"), N_("STATUS") },
    { "reason", 0, 0, G_OPTION_ARG_FILENAME, &reason,
      N_("Why, in words the people who proposed it understand (required to drop it)"),
      N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoCommitmentStatus status;
  AbiertoStore *store;
  gint64 commitment_id;

  if (!abierto_cli_parse (cli, entries, error)
      || !abierto_cli_parse_id ("--commitment", commitment_arg, &commitment_id, error)
      || !abierto_cli_require ("--status", status_arg, error)
      || !parse_status (status_arg, &status, error)
      || !abierto_cli_parse_text ("--reason", &reason, error))
    return FALSE;

  if (!(store = abierto_cli_open_store (cli, TRUE, error))
      || !(commitment = abierto_store_get_commitment (store, commitment_id, error)))
    return FALSE;

  abierto_commitment_set_status (commitment, status);
  if (reason != NULL)
    abierto_commitment_set_status_reason (commitment, reason);

  return abierto_store_update_commitment (store, commitment, error);
}

static void
add_number (JsonBuilder *builder,
            const char  *name,
            gboolean     set,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (set)
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static gboolean
build_commitment (JsonBuilder        *builder,
                  AbiertoStore       *store,
                  AbiertoCommitment  *commitment,
                  const GDate        *today,
                  GError            **error)
{
  g_autoptr(GListModel) updates = NULL;
  const gint64 *proposal_ids;
  double value = 0, percent = 0;
  gboolean set;
  guint n, i;

  if (!(updates = abierto_store_list_commitment_updates (store,
                                                         abierto_commitment_get_id (commitment),
                                                         error)))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, abierto_commitment_get_id (commitment));
  abierto_cli_add_string (builder, "uuid", abierto_commitment_get_uuid (commitment));
  json_builder_set_member_name (builder, "session");
  json_builder_add_int_value (builder, abierto_commitment_get_session_id (commitment));

  json_builder_set_member_name (builder, "proposals");
  json_builder_begin_array (builder);
  proposal_ids = abierto_commitment_get_proposal_ids (commitment, &n);
  for (i = 0; i < n; i++)
    json_builder_add_int_value (builder, proposal_ids[i]);
  json_builder_end_array (builder);

  abierto_cli_add_string (builder, "action", abierto_commitment_get_action (commitment));
  abierto_cli_add_string (builder, "institution",
                          abierto_commitment_get_institution (commitment));
  abierto_cli_add_string (builder, "area", abierto_commitment_get_area (commitment));
  abierto_cli_add_string (builder, "indicator", abierto_commitment_get_indicator (commitment));
  abierto_cli_add_string (builder, "unit", abierto_commitment_get_unit (commitment));
  set = abierto_commitment_get_baseline (commitment, &value);
  add_number (builder, "baseline", set, value);
  set = abierto_commitment_get_target (commitment, &value);
  add_number (builder, "target", set, value);
  abierto_cli_add_nullable (builder, "deadline", abierto_commitment_get_deadline (commitment));
  set = abierto_commitment_get_budget_allocated (commitment, &value);
  add_number (builder, "budget_allocated", set, value);
  set = abierto_commitment_get_budget_spent (commitment, &value);
  add_number (builder, "budget_spent", set, value);
  abierto_cli_add_string (builder, "status",
                          abierto_commitment_status_to_string (
                            abierto_commitment_get_status (commitment)));
  abierto_cli_add_string (builder, "status_reason",
                          abierto_commitment_get_status_reason (commitment));
  set = abierto_commitment_get_current_value (commitment, &value);
  add_number (builder, "current_value", set, value);
  abierto_cli_add_nullable (builder, "current_date",
                            abierto_commitment_get_current_date (commitment));
  /* in percent, to a tenth */
  set = abierto_commitment_get_progress (commitment, &percent);
  add_number (builder, "progress", set, round (percent * 10) / 10);
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_boolean_value (builder, abierto_commitment_is_overdue (commitment, today));

  json_builder_set_member_name (builder, "updates");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (updates);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AbiertoCommitmentUpdate) update = g_list_model_get_item (updates, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, abierto_commitment_update_get_id (update));
      abierto_cli_add_string (builder, "uuid", abierto_commitment_update_get_uuid (update));
      abierto_cli_add_string (builder, "date", abierto_commitment_update_get_date (update));
      json_builder_set_member_name (builder, "value");
      json_builder_add_double_value (builder, abierto_commitment_update_get_value (update));
      abierto_cli_add_string (builder, "note", abierto_commitment_update_get_note (update));
      abierto_cli_add_nullable (builder, "evidence",
                                abierto_commitment_update_get_evidence_url (update));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return TRUE;
}

gboolean
abierto_cli_commitment_list (AbiertoCli  *cli,
                             GError     **error)
{
  g_autoptr(GListModel) commitments = NULL;
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(GDate) today = g_date_new ();
  g_autofree char *session_arg = NULL;
  g_autofree char *institution = NULL;
  g_autofree char *status_arg = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_FILENAME, &session_arg,
      N_("Number of the session (all sessions by default)"), N_("SESSION") },
    { "institution", 0, 0, G_OPTION_ARG_FILENAME, &institution,
      N_("Only those of this institution"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_FILENAME, &status_arg,
      N_("Only those with these statuses, separated by commas"), N_("STATUS") },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_name,
      N_("How to print the list: text (the default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  AbiertoCliFormat format;
  AbiertoStore *store;
  gint64 session_id = 0;
  guint statuses = 0;
  guint n, i;

  if (!abierto_cli_parse (cli, entries, error)
      || (session_arg != NULL
          && !abierto_cli_parse_id ("--session", session_arg, &session_id, error))
      || !abierto_cli_parse_format (format_name, FALSE, &format, error)
      || !abierto_cli_parse_text ("--institution", &institution, error))
    return FALSE;

  if (status_arg != NULL)
    {
      g_auto(GStrv) names = g_strsplit (status_arg, ",", -1);

      for (i = 0; names[i] != NULL; i++)
        {
          AbiertoCommitmentStatus status;

          if (!parse_status (g_strstrip (names[i]), &status, error))
            return FALSE;
          statuses |= ABIERTO_COMMITMENT_STATUS_MASK (status);
        }
    }

  if (!(store = abierto_cli_open_store (cli, FALSE, error))
      || (session_id != 0 && !(session = abierto_store_get_session (store, session_id, error)))
      || !(commitments = abierto_store_find_commitments (store, session_id, institution,
                                                         statuses, error)))
    return FALSE;

  g_date_set_time_t (today, time (NULL));
  n = g_list_model_get_n_items (commitments);

  if (format == ABIERTO_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (i = 0; i < n; i++)
        {
          g_autoptr(AbiertoCommitment) commitment = g_list_model_get_item (commitments, i);

          if (!build_commitment (builder, store, commitment, today, error))
            return FALSE;
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
          g_autoptr(AbiertoCommitment) commitment = g_list_model_get_item (commitments, i);
          const char *deadline = abierto_commitment_get_deadline (commitment);
          const char *institution_name = abierto_commitment_get_institution (commitment);
          char **cells = g_new0 (char *, 8);
          double percent = 0;

          cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, abierto_commitment_get_id (commitment));
          cells[1] = g_strdup (abierto_commitment_status_to_string (
                                 abierto_commitment_get_status (commitment)));
          /* rounded down: 99.6 % is not done yet */
          if (abierto_commitment_get_progress (commitment, &percent))
            cells[2] = g_strdup_printf ("%d %%", (int) floor (percent));
          else
            cells[2] = g_strdup ("-");
          cells[3] = g_strdup (deadline != NULL ? deadline : "-");
          cells[4] = g_strdup (abierto_commitment_is_overdue (commitment, today)
                               ? _("overdue") : "-");
          cells[5] = g_strdup (*institution_name != '\0' ? institution_name : "-");
          /* the action last: it is the longest */
          cells[6] = g_strdup (abierto_commitment_get_action (commitment));
          g_ptr_array_add (rows, cells);
        }

      abierto_cli_print_table (rows);
    }

  return TRUE;
}
