/* abierto-report-data.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "abierto-commitment.h"
#include "abierto-privacy.h"
#include "abierto-report-data.h"

/* Freeing */

static void
count_free (gpointer data)
{
  AbiertoReportCount *count = data;

  g_free (count->label);
  g_free (count);
}

static void
proposal_free (gpointer data)
{
  AbiertoReportProposal *proposal = data;

  g_free (proposal->uuid);
  g_free (proposal->title);
  g_free (proposal->text);
  g_free (proposal);
}

static void
category_free (gpointer data)
{
  AbiertoReportCategory *category = data;

  g_free (category->name);
  g_clear_pointer (&category->proposals, g_ptr_array_unref);
  g_free (category);
}

static void
round_free (gpointer data)
{
  AbiertoReportRound *round = data;

  g_free (round->title);
  g_clear_object (&round->results);
  g_free (round);
}

static void
commitment_free (gpointer data)
{
  AbiertoReportCommitment *commitment = data;

  g_free (commitment->action);
  g_free (commitment->institution);
  g_free (commitment->indicator);
  g_free (commitment->deadline);
  g_free (commitment->status);
  g_free (commitment->status_reason);
  g_free (commitment->area);
  g_free (commitment->unit);
  g_free (commitment->current_date);
  g_clear_pointer (&commitment->proposals, g_ptr_array_unref);
  g_free (commitment);
}

AbiertoReportData *
abierto_report_data_new (void)
{
  AbiertoReportData *data = g_new0 (AbiertoReportData, 1);

  data->title = g_strdup ("");
  data->question = g_strdup ("");
  data->group = ABIERTO_GROUP_MIXED;
  data->place = g_strdup ("");
  data->facilitators = g_strdup ("");
  data->license = g_strdup ("CC-BY-4.0");
  data->threshold = ABIERTO_REPORT_DEFAULT_THRESHOLD;
  data->age_bands = g_ptr_array_new_with_free_func (count_free);
  data->genders = g_ptr_array_new_with_free_func (count_free);
  data->categories = g_ptr_array_new_with_free_func (category_free);
  data->rounds = g_ptr_array_new_with_free_func (round_free);
  data->commitments = g_ptr_array_new_with_free_func (commitment_free);

  return data;
}

void
abierto_report_data_free (AbiertoReportData *data)
{
  if (data == NULL)
    return;

  g_free (data->title);
  g_free (data->question);
  g_free (data->date);
  g_free (data->place);
  g_free (data->facilitators);
  g_free (data->publication_url);
  g_free (data->license);
  g_clear_pointer (&data->age_bands, g_ptr_array_unref);
  g_clear_pointer (&data->genders, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->rounds, g_ptr_array_unref);
  g_clear_pointer (&data->commitments, g_ptr_array_unref);
  g_free (data);
}

char *
abierto_report_count_format (const AbiertoReportData  *data,
                             const AbiertoReportCount *count)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (count != NULL, NULL);

  if (count->suppressed)
    /* Translators: a count of people too small to print, as in "menos de 5" */
    return g_strdup_printf (_("fewer than %u"), data->threshold);

  return g_strdup_printf ("%u", count->count);
}

/* Breakdowns */

/* "60-69" → "60 a 69 años", "80+" → "80 años y más"; anything else as
 * it was written. */
static char *
dup_band_label (const char *band)
{
  g_auto(GStrv) parts = NULL;
  guint64 low, high;

  if (g_str_has_suffix (band, "+"))
    {
      g_autofree char *number = g_strndup (band, strlen (band) - 1);

      if (g_ascii_string_to_unsigned (number, 10, 0, 200, &low, NULL))
        /* Translators: an age band such as "80+" */
        return g_strdup_printf (_("%u years and over"), (guint) low);
    }

  parts = g_strsplit (band, "-", 2);
  if (g_strv_length (parts) == 2
      && g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 200, &low, NULL)
      && g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 0, 200, &high, NULL))
    /* Translators: an age band such as "60-69" */
    return g_strdup_printf (_("%u to %u years"), (guint) low, (guint) high);

  return g_strdup (band);
}

static AbiertoReportCount *
count_new (char     *label,
           guint     count,
           gboolean  suppressed)
{
  AbiertoReportCount *cell = g_new0 (AbiertoReportCount, 1);

  cell->label = label;
  cell->count = count;
  cell->suppressed = suppressed;
  return cell;
}

/* "mujer" → "Mujer" */
static char *
dup_titled (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  char buf[8] = { 0 };

  if (!g_unichar_islower (first))
    return g_strdup (text);

  g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  return g_strconcat (buf, g_utf8_next_char (text), NULL);
}

/* The cells of a breakdown, hidden by the small-numbers rule and
 * labelled for people, added to @counts. A row of nobody "not recorded"
 * is left out: a cell of 0 hides nothing and is never hidden, so the
 * rule hides the same with it or without it. The cells are merged as in
 * the open data (an answer typed as "Not recorded" joins the people with
 * none): with different cells, a count shown in one and hidden in the
 * other could be worked out by subtraction. */
static void
fill_breakdown (AbiertoReportData *data,
                GPtrArray         *counts,
                GPtrArray         *cells,
                gboolean           bands)
{
  guint i;

  abierto_privacy_cells_merge (cells);
  abierto_privacy_cells_suppress (cells, data->threshold, !data->participants_suppressed);

  for (i = 0; i < cells->len; i++)
    {
      AbiertoPrivacyCell *cell = g_ptr_array_index (cells, i);
      char *label;

      if (cell->kind == ABIERTO_PRIVACY_CELL_NOT_RECORDED && cell->count == 0
          && !cell->suppressed)
        continue;
      if (cell->kind != ABIERTO_PRIVACY_CELL_ANSWER)
        label = g_strdup (cell->value);
      else if (bands)
        label = dup_band_label (cell->value);
      else
        label = dup_titled (cell->value);
      g_ptr_array_add (counts, count_new (label, cell->count, cell->suppressed));
    }
}

/* Proposals */

/* @keys maps each category to its collation key */
static int
compare_categories (gconstpointer a,
                    gconstpointer b,
                    gpointer      keys)
{
  const char *ka = g_hash_table_lookup (keys, *(gpointer *) a);
  const char *kb = g_hash_table_lookup (keys, *(gpointer *) b);

  return strcmp (ka, kb);
}

static gboolean
fill_proposals (AbiertoReportData *data,
                AbiertoStore      *store,
                gint64             session_id,
                GError           **error)
{
  g_autoptr(GListModel) proposals = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GHashTable) keys = NULL;
  AbiertoReportCategory *uncategorised = NULL;
  guint n, i;

  if (!(proposals = abierto_store_list_proposals (store, session_id, error)))
    return FALSE;

  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  n = g_list_model_get_n_items (proposals);

  for (i = 0; i < n; i++)
    {
      g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (proposals, i);
      g_autofree char *name = g_strstrip (g_strdup (abierto_proposal_get_category (proposal)));
      AbiertoReportProposal *item;
      AbiertoReportCategory *category;

      /* no author, ever: a proposal is the group's */
      item = g_new0 (AbiertoReportProposal, 1);
      item->uuid = g_strdup (abierto_proposal_get_uuid (proposal));
      item->id = abierto_proposal_get_id (proposal);
      item->title = g_strdup (abierto_proposal_get_title (proposal));
      item->text = g_strdup (abierto_proposal_get_text (proposal));
      if (item->title == NULL)
        item->title = g_strdup ("");
      if (item->text == NULL)
        item->text = g_strdup ("");

      if (*name == '\0')
        {
          if (uncategorised == NULL)
            {
              uncategorised = g_new0 (AbiertoReportCategory, 1);
              uncategorised->name = g_strdup (_("No category"));
              uncategorised->proposals = g_ptr_array_new_with_free_func (proposal_free);
            }
          category = uncategorised;
        }
      else if (!(category = g_hash_table_lookup (by_name, name)))
        {
          g_autofree char *folded = g_utf8_casefold (name, -1);

          category = g_new0 (AbiertoReportCategory, 1);
          category->name = g_strdup (name);
          category->proposals = g_ptr_array_new_with_free_func (proposal_free);
          g_hash_table_insert (keys, category, g_utf8_collate_key (folded, -1));
          g_ptr_array_add (data->categories, category);
          g_hash_table_insert (by_name, category->name, category);
        }

      g_ptr_array_add (category->proposals, item);
      data->n_proposals++;
    }

  /* by the collation of the language, "No category" last */
  g_ptr_array_sort_with_data (data->categories, compare_categories, keys);
  if (uncategorised != NULL)
    g_ptr_array_add (data->categories, uncategorised);

  return TRUE;
}

/* Participants */

static gboolean
fill_participants (AbiertoReportData *data,
                   AbiertoStore      *store,
                   gint64             session_id,
                   GError           **error)
{
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(AbiertoPrivacyTally) bands = abierto_privacy_tally_new ();
  g_autoptr(AbiertoPrivacyTally) genders = abierto_privacy_tally_new ();
  g_autoptr(GPtrArray) band_cells = NULL;
  g_autoptr(GPtrArray) gender_cells = NULL;
  guint n, i;

  if (!(participants = abierto_store_list_participants (store, session_id, error)))
    return FALSE;

  n = g_list_model_get_n_items (participants);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AbiertoParticipant) participant = g_list_model_get_item (participants, i);

      /* a person who opposed the use of their data (ARCO "O") is in no
       * export, not even as a count */
      if (abierto_participant_get_opposed (participant))
        continue;

      /* only the band and the gender are read: never the alias */
      abierto_privacy_tally_add (bands, abierto_participant_get_age_band (participant));
      abierto_privacy_tally_add (genders, abierto_participant_get_gender (participant));
      data->n_participants++;
    }

  data->participants_suppressed = !abierto_privacy_total_is_shown (data->n_participants,
                                                                    data->threshold);

  /* genders as a chart reads best: more people first */
  band_cells = abierto_privacy_tally_dup_age_bands (bands);
  gender_cells = abierto_privacy_tally_dup_genders (genders, data->threshold,
                                                    ABIERTO_PRIVACY_ORDER_COUNT);
  fill_breakdown (data, data->age_bands, band_cells, TRUE);
  fill_breakdown (data, data->genders, gender_cells, FALSE);

  return TRUE;
}

static gboolean
fill_rounds (AbiertoReportData *data,
             AbiertoStore      *store,
             gint64             session_id,
             GError           **error)
{
  g_autoptr(GListModel) rounds = NULL;
  guint n, i;

  if (!(rounds = abierto_store_list_rounds (store, session_id, error)))
    return FALSE;

  /* the store lists them in the order they were added: oldest first */
  n = g_list_model_get_n_items (rounds);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AbiertoRound) round = g_list_model_get_item (rounds, i);
      g_autoptr(AbiertoResults) results = NULL;
      AbiertoReportRound *item;
      const char *title = abierto_round_get_title (round);
      AbiertoMethod method = abierto_round_get_method (round);

      if (!(results = abierto_store_compute_results (store, abierto_round_get_id (round), error)))
        return FALSE;

      item = g_new0 (AbiertoReportRound, 1);
      item->method = method;
      item->title = title != NULL && *title != '\0'
                    ? g_strdup (title) : g_strdup (abierto_method_get_label (method));
      item->results = g_steal_pointer (&results);
      g_ptr_array_add (data->rounds, item);
    }

  return TRUE;
}

static char *
dup_or_empty (const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

/* What the institutions promised. A draft is left out: nothing was
 * promised yet, and a citizen must not read it as a commitment. */
static gboolean
fill_commitments (AbiertoReportData *data,
                  AbiertoStore      *store,
                  gint64             session_id,
                  GError           **error)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint i, j, n;

  list = abierto_store_list_commitments (store, session_id, error);
  if (list == NULL)
    return FALSE;

  for (i = 0; i < data->categories->len; i++)
    {
      AbiertoReportCategory *category = g_ptr_array_index (data->categories, i);

      for (j = 0; j < category->proposals->len; j++)
        {
          AbiertoReportProposal *proposal = g_ptr_array_index (category->proposals, j);

          g_hash_table_insert (by_id, &proposal->id, proposal);
        }
    }

  n = g_list_model_get_n_items (list);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AbiertoCommitment) commitment = g_list_model_get_item (list, i);
      AbiertoCommitmentStatus status = abierto_commitment_get_status (commitment);
      AbiertoReportCommitment *item;
      const gint64 *ids;
      guint n_ids;
      double percent;

      if (status == ABIERTO_COMMITMENT_DRAFT)
        continue;

      item = g_new0 (AbiertoReportCommitment, 1);
      item->action = g_strdup (abierto_commitment_get_action (commitment));
      item->institution = g_strdup (abierto_commitment_get_institution (commitment));
      item->indicator = g_strdup (abierto_commitment_get_indicator (commitment));
      item->deadline = g_strdup (abierto_commitment_get_deadline (commitment));
      item->progress = abierto_commitment_get_progress (commitment, &percent)
                       ? CLAMP (percent / 100.0, 0.0, 1.0) : -1.0;
      item->status = g_strdup (abierto_commitment_status_get_label (status));
      item->state = status;
      item->status_reason = dup_or_empty (abierto_commitment_get_status_reason (commitment));
      item->area = dup_or_empty (abierto_commitment_get_area (commitment));
      item->unit = dup_or_empty (abierto_commitment_get_unit (commitment));
      item->has_baseline = abierto_commitment_get_baseline (commitment, &item->baseline);
      item->has_target = abierto_commitment_get_target (commitment, &item->target);
      item->has_current = abierto_commitment_get_current_value (commitment, &item->current);
      item->current_date = g_strdup (abierto_commitment_get_current_date (commitment));
      item->overdue = abierto_commitment_is_overdue (commitment, NULL);
      item->proposals = g_ptr_array_new ();

      ids = abierto_commitment_get_proposal_ids (commitment, &n_ids);
      for (j = 0; j < n_ids; j++)
        {
          AbiertoReportProposal *proposal = g_hash_table_lookup (by_id, &ids[j]);

          if (proposal != NULL)
            {
              g_ptr_array_add (item->proposals, proposal);
              proposal->n_commitments++;
            }
        }

      g_ptr_array_add (data->commitments, item);
    }

  return TRUE;
}

AbiertoReportData *
abierto_report_data_new_from_store (AbiertoStore  *store,
                                    gint64         session_id,
                                    guint          threshold,
                                    GError       **error)
{
  g_autoptr(AbiertoReportData) data = NULL;
  g_autoptr(AbiertoSession) session = NULL;
  const char *value;

  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(session = abierto_store_get_session (store, session_id, error)))
    return NULL;

  data = abierto_report_data_new ();
  data->threshold = threshold > 0 ? threshold : ABIERTO_REPORT_DEFAULT_THRESHOLD;

  g_free (data->title);
  data->title = dup_or_empty (abierto_session_get_title (session));
  g_free (data->question);
  data->question = dup_or_empty (abierto_session_get_question (session));
  data->group = abierto_session_get_group (session);
  data->date = g_strdup (abierto_session_get_date (session));
  g_free (data->place);
  data->place = dup_or_empty (abierto_session_get_place (session));
  g_free (data->facilitators);
  data->facilitators = dup_or_empty (abierto_session_get_facilitators (session));
  value = abierto_session_get_publication_url (session);
  data->publication_url = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  value = abierto_session_get_license (session);
  if (value != NULL && *value != '\0')
    {
      g_free (data->license);
      data->license = g_strdup (value);
    }

  if (!fill_participants (data, store, session_id, error)
      || !fill_proposals (data, store, session_id, error)
      || !fill_rounds (data, store, session_id, error)
      || !fill_commitments (data, store, session_id, error))
    return NULL;

  return g_steal_pointer (&data);
}
