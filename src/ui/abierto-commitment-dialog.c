/* abierto-commitment-dialog.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "abierto-commitment-dialog.h"
#include "abierto-commitments-view.h"
#include "abierto-store-undo.h"
#include "abierto-view-util.h"

/* The editor of a commitment: what it answers, what will be done, by
 * whom, how it is measured, by when, and the progress recorded since. */
struct _AbiertoCommitmentDialog
{
  AdwWindow          parent_instance;

  /* Owned */
  AbiertoStore      *store;
  AbiertoUndoStack  *undo;
  AbiertoCommitment *commitment;    /* as the store has it; NULL for a new one */
  GPtrArray         *checks;        /* of GtkCheckButton, one per proposal, with its id */
  gint64             session_id;

  /* Template children, borrowed */
  AdwWindowTitle    *window_title;
  GtkScrolledWindow *scrolled;
  GtkWidget         *error_box;
  GtkLabel          *error_label;
  GtkWidget         *draft_button;
  GtkListBox        *proposals_list;
  AdwEntryRow       *action_row;
  AdwEntryRow       *institution_row;
  AdwEntryRow       *area_row;
  AdwEntryRow       *indicator_row;
  AdwEntryRow       *baseline_row;
  AdwEntryRow       *target_row;
  AdwEntryRow       *unit_row;
  AdwEntryRow       *deadline_row;
  GtkPopover        *deadline_popover;
  GtkCalendar       *calendar;
  AdwEntryRow       *allocated_row;
  AdwEntryRow       *spent_row;
  AdwComboRow       *status_row;
  AdwEntryRow       *reason_row;
  AdwPreferencesGroup *progress_group;
  GtkWidget         *progress_box;
  GtkProgressBar    *progress_bar;
  GtkLabel          *percent_label;
  GtkLabel          *progress_summary;
  GtkListBox        *updates_list;
  AdwPreferencesGroup *new_update_group;
  AdwEntryRow       *update_date_row;
  AdwEntryRow       *update_value_row;
  AdwEntryRow       *update_note_row;
  AdwEntryRow       *update_url_row;
  GtkLabel          *progress_error_label;
  GtkWidget         *add_progress_button;

  guint              syncing_calendar : 1;
};

G_DEFINE_FINAL_TYPE (AbiertoCommitmentDialog, abierto_commitment_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  NUMBER_EMPTY,
  NUMBER_OK,
  NUMBER_BAD,
} NumberParse;

/* A number as people type it: “40”, “3.5”, “3,5”, “150,000” or
 * “$150,000.50”. */
static NumberParse
parse_number (const char *text,
              double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autoptr(GRegex) thousands = NULL;
  char *end = NULL;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '$')
        g_string_append_unichar (clean, c);
    }
  if (clean->len == 0)
    return NUMBER_EMPTY;

  /* Commas between groups of three digits separate thousands, as in
   * Mexico; any other comma is a decimal one. */
  thousands = g_regex_new ("^-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?$", 0, 0, NULL);
  if (g_regex_match (thousands, clean->str, 0, NULL))
    g_string_replace (clean, ",", "", 0);
  else
    g_string_replace (clean, ",", ".", 0);

  *value = g_ascii_strtod (clean->str, &end);
  if (end == clean->str || *end != '\0' || !isfinite (*value))
    return NUMBER_BAD;

  return NUMBER_OK;
}

/* The date typed, if it is one. */
static GDateTime *
parse_date (const char *text)
{
  int year, month, day;
  char extra;

  if (text == NULL
      || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3
      || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
abierto_commitment_dialog_set_error (AbiertoCommitmentDialog *self,
                                     const char              *message,
                                     gboolean                 offer_draft)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
  gtk_widget_set_visible (self->draft_button, message != NULL && offer_draft);

  /* The message is at the top: bring it into view. */
  if (message != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
}

static void
abierto_commitment_dialog_set_progress_error (AbiertoCommitmentDialog *self,
                                              const char              *message)
{
  gtk_label_set_label (self->progress_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_error_label), message != NULL);
}

static AbiertoCommitmentStatus
abierto_commitment_dialog_get_status (AbiertoCommitmentDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (selected >= ABIERTO_N_COMMITMENT_STATUSES)
    return ABIERTO_COMMITMENT_PLANNED;

  return (AbiertoCommitmentStatus) selected;
}

static void
status_changed_cb (AbiertoCommitmentDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->reason_row),
                          abierto_commitment_dialog_get_status (self)
                          == ABIERTO_COMMITMENT_DROPPED);
}

static void
deadline_popover_show_cb (AbiertoCommitmentDialog *self)
{
  g_autoptr(GDateTime) date = NULL;

  date = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->deadline_row)));
  if (date == NULL)
    date = g_date_time_new_now_local ();

  /* Selecting a day from here is not a choice of the user's. */
  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->syncing_calendar = FALSE;
}

static void
calendar_day_selected_cb (AbiertoCommitmentDialog *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), text);
  gtk_popover_popdown (self->deadline_popover);
}

/* Reads one optional number; FALSE with @error set, naming the field in
 * @message, when what is typed is not a number. */
static gboolean
read_number (AdwEntryRow  *row,
             gboolean     *has_value,
             double       *value,
             const char   *message,
             GError      **error)
{
  switch (parse_number (gtk_editable_get_text (GTK_EDITABLE (row)), value))
    {
    case NUMBER_EMPTY:
      *has_value = FALSE;
      return TRUE;
    case NUMBER_OK:
      *has_value = TRUE;
      return TRUE;
    case NUMBER_BAD:
    default:
      gtk_widget_grab_focus (GTK_WIDGET (row));
      g_set_error_literal (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID, message);
      return FALSE;
    }
}

/* The commitment as typed; NULL with @error set when a number or the
 * deadline cannot be read. */
static AbiertoCommitment *
abierto_commitment_dialog_build (AbiertoCommitmentDialog  *self,
                                 GError                  **error)
{
  g_autoptr(AbiertoCommitment) commitment = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *action = dup_trimmed (self->action_row);
  g_autofree char *deadline = dup_trimmed (self->deadline_row);
  g_autofree char *reason = dup_trimmed (self->reason_row);
  AbiertoCommitmentStatus status = abierto_commitment_dialog_get_status (self);
  gboolean has_baseline, has_target, has_allocated, has_spent;
  double baseline = 0, target = 0, allocated = 0, spent = 0;

  if (!read_number (self->baseline_row, &has_baseline, &baseline,
                    _("Write the baseline as a number, such as 40 or 3.5."), error)
      || !read_number (self->target_row, &has_target, &target,
                       _("Write the target as a number, such as 100 or 3.5."), error)
      || !read_number (self->allocated_row, &has_allocated, &allocated,
                       _("Write the budget allocated as an amount, such as 150000."), error)
      || !read_number (self->spent_row, &has_spent, &spent,
                       _("Write the budget spent as an amount, such as 20000."), error))
    return NULL;

  if (*deadline != '\0')
    {
      g_autoptr(GDateTime) date = parse_date (deadline);

      if (date == NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->deadline_row));
          g_set_error_literal (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                               _("Write the deadline as year-month-day, such as 2026-12-31, "
                                 "or choose it in the calendar."));
          return NULL;
        }
    }

  commitment = abierto_commitment_new (self->session_id, action);
  if (self->commitment != NULL)
    {
      abierto_commitment_set_id (commitment, abierto_commitment_get_id (self->commitment));
      abierto_commitment_set_uuid (commitment, abierto_commitment_get_uuid (self->commitment));
    }
  abierto_commitment_set_institution (commitment,
                                      gtk_editable_get_text (GTK_EDITABLE (self->institution_row)));
  abierto_commitment_set_area (commitment, gtk_editable_get_text (GTK_EDITABLE (self->area_row)));
  abierto_commitment_set_indicator (commitment,
                                    gtk_editable_get_text (GTK_EDITABLE (self->indicator_row)));
  abierto_commitment_set_unit (commitment, gtk_editable_get_text (GTK_EDITABLE (self->unit_row)));
  abierto_commitment_set_deadline (commitment, *deadline != '\0' ? deadline : NULL);
  if (has_baseline)
    abierto_commitment_set_baseline (commitment, baseline);
  if (has_target)
    abierto_commitment_set_target (commitment, target);
  if (has_allocated)
    abierto_commitment_set_budget_allocated (commitment, allocated);
  if (has_spent)
    abierto_commitment_set_budget_spent (commitment, spent);
  abierto_commitment_set_status (commitment, status);
  /* only a dropped commitment keeps a reason */
  abierto_commitment_set_status_reason (commitment,
                                        status == ABIERTO_COMMITMENT_DROPPED ? reason : "");

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      gint64 *id = g_object_get_data (G_OBJECT (check), "abierto-proposal-id");

      if (gtk_check_button_get_active (check))
        g_array_append_val (ids, *id);
    }
  abierto_commitment_set_proposal_ids (commitment, (const gint64 *) ids->data, ids->len);

  return g_steal_pointer (&commitment);
}

gboolean
abierto_commitment_dialog_save (AbiertoCommitmentDialog *self,
                                gboolean                 draft)
{
  g_autoptr(AbiertoCommitment) commitment = NULL;
  g_autoptr(AbiertoCommitment) old = NULL;
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 *ids;
  guint n_ids;
  gboolean ok;

  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_DIALOG (self), FALSE);

  commitment = abierto_commitment_dialog_build (self, &error);
  if (commitment == NULL)
    {
      abierto_commitment_dialog_set_error (self, error->message, FALSE);
      return FALSE;
    }

  if (draft)
    abierto_commitment_set_status (commitment, ABIERTO_COMMITMENT_DRAFT);

  undo = abierto_store_undo_new (self->store);
  if (self->commitment == NULL)
    {
      ids = abierto_commitment_get_proposal_ids (commitment, &n_ids);
      ok = abierto_store_add_commitment (self->store, commitment, ids, n_ids,
                                         abierto_commitment_get_status (commitment)
                                         == ABIERTO_COMMITMENT_DRAFT,
                                         &error);
      if (ok)
        abierto_store_undo_delete (undo, ABIERTO_UNDO_TARGET_COMMITMENT,
                                   abierto_commitment_get_id (commitment));
    }
  else
    {
      /* the store's signal replaces self->commitment with what was saved */
      old = g_object_ref (self->commitment);
      ok = abierto_store_update_commitment (self->store, commitment, &error);
      if (ok)
        abierto_store_undo_update_commitment (undo, old);
    }

  if (!ok)
    {
      abierto_commitment_dialog_set_error (self, error->message,
                                           g_error_matches (error, ABIERTO_STORE_ERROR,
                                                            ABIERTO_STORE_ERROR_INCOMPLETE));
      return FALSE;
    }

  abierto_store_undo_push (g_steal_pointer (&undo), self->undo,
                           old == NULL ? _("Commitment removed")
                                       : _("Commitment changes undone"),
                           NULL, NULL);
  abierto_commitment_dialog_set_error (self, NULL, FALSE);

  /* Keep the dialog alive until the signal has run. */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, commitment);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  abierto_commitment_dialog_save (ABIERTO_COMMITMENT_DIALOG (widget), FALSE);
}

static void
save_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  abierto_commitment_dialog_save (ABIERTO_COMMITMENT_DIALOG (widget), TRUE);
}

const char *
abierto_commitment_dialog_get_error (AbiertoCommitmentDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_DIALOG (self), NULL);

  if (gtk_widget_get_visible (self->error_box))
    return gtk_label_get_label (self->error_label);
  if (gtk_widget_get_visible (GTK_WIDGET (self->progress_error_label)))
    return gtk_label_get_label (self->progress_error_label);

  return NULL;
}

AbiertoCommitment *
abierto_commitment_dialog_get_commitment (AbiertoCommitmentDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_DIALOG (self), NULL);

  return self->commitment;
}

/* Progress */

/* “52 lamps” */
static char *
format_amount (double      value,
               const char *unit)
{
  g_autofree char *number = abierto_format_number (value);

  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);

  /* Translators: a measure and its unit, as in “52 lamps” */
  return g_strdup_printf (_("%s %s"), number, unit);
}

static GtkWidget *
create_update_row (gpointer item,
                   gpointer user_data)
{
  AbiertoCommitmentDialog *self = user_data;
  AbiertoCommitmentUpdate *update = ABIERTO_COMMITMENT_UPDATE (item);
  const char *unit = abierto_commitment_get_unit (self->commitment);
  const char *note = abierto_commitment_update_get_note (update);
  const char *url = abierto_commitment_update_get_evidence_url (update);
  const char *date = abierto_commitment_update_get_date (update);
  g_autofree char *day = abierto_format_deadline (date != NULL ? date : "");
  g_autofree char *amount = format_amount (abierto_commitment_update_get_value (update), unit);
  g_autofree char *title = NULL;
  GtkWidget *row;

  /* Translators: a progress update: its date, then the value measured */
  title = g_strdup_printf (_("%s: %s"), day, amount);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (*note != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }

  if (*url != '\0')
    {
      GtkWidget *link = gtk_link_button_new_with_label (url, _("Evidence"));

      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, url);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
    }

  return row;
}

/* Shows how far the commitment has got, from what the store has now. */
static void
abierto_commitment_dialog_update_progress (AbiertoCommitmentDialog *self)
{
  g_autoptr(GListModel) updates = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *percent = NULL;
  g_autofree char *summary = NULL;
  const char *unit;
  gboolean can_record;
  double value = 0, progress = 0;

  if (self->commitment == NULL)
    {
      gtk_widget_set_visible (self->progress_box, FALSE);
      gtk_label_set_label (self->progress_summary,
                           _("Save the commitment to record its progress."));
      gtk_list_box_bind_model (self->updates_list, NULL, NULL, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->updates_list), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->new_update_group), FALSE);
      return;
    }

  unit = abierto_commitment_get_unit (self->commitment);
  percent = abierto_commitment_dup_percent_text (self->commitment);
  abierto_commitment_get_progress (self->commitment, &progress);
  gtk_widget_set_visible (self->progress_box, percent != NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (progress / 100.0, 0.0, 1.0));
  gtk_label_set_label (self->percent_label, percent != NULL ? percent : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->percent_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Progress"),
                                  -1);
  if (percent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, percent,
                                    -1);

  if (abierto_commitment_get_baseline (self->commitment, &value))
    {
      g_autofree char *amount = format_amount (value, unit);

      /* Translators: where a commitment's indicator stood at the start */
      g_ptr_array_add (parts, g_strdup_printf (_("Baseline %s"), amount));
    }
  if (abierto_commitment_get_target (self->commitment, &value))
    {
      g_autofree char *amount = format_amount (value, unit);

      /* Translators: where a commitment's indicator must get to */
      g_ptr_array_add (parts, g_strdup_printf (_("Target %s"), amount));
    }
  if (abierto_commitment_get_current_value (self->commitment, &value))
    {
      const char *date = abierto_commitment_get_current_date (self->commitment);
      g_autofree char *amount = format_amount (value, unit);
      g_autofree char *day = abierto_format_deadline (date != NULL ? date : "");

      /* Translators: the latest value measured, and when, as in
       * “Latest 52 lamps, on 1 March 2026” */
      g_ptr_array_add (parts, g_strdup_printf (_("Latest %s, on %s"), amount, day));
    }
  if (percent == NULL)
    g_ptr_array_add (parts,
                     g_strdup (_("Progress cannot be measured yet: it needs a baseline and a "
                                 "target")));
  g_ptr_array_add (parts, NULL);
  summary = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->progress_summary, summary);

  updates = abierto_store_list_commitment_updates (self->store,
                                                   abierto_commitment_get_id (self->commitment),
                                                   NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->updates_list), TRUE);
  gtk_list_box_bind_model (self->updates_list, updates, create_update_row, self, NULL);

  /* a draft takes no progress until it is complete */
  can_record = abierto_commitment_get_status (self->commitment) != ABIERTO_COMMITMENT_DRAFT;
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_update_group), can_record);
  adw_preferences_group_set_description (self->new_update_group,
                                         can_record ? NULL
                                                    : _("Complete this draft and save it before "
                                                        "recording its progress."));
}

/* After the store changed it (progress puts a planned commitment in
 * progress, Undo takes an update back), shows the commitment as it is. */
static void
abierto_commitment_dialog_reload (AbiertoCommitmentDialog *self)
{
  g_autoptr(AbiertoCommitment) fresh = NULL;
  AbiertoCommitmentStatus old_status;

  if (self->commitment == NULL)
    return;

  fresh = abierto_store_get_commitment (self->store,
                                        abierto_commitment_get_id (self->commitment), NULL);
  if (fresh == NULL)
    {
      /* deleted meanwhile: nothing left to edit */
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* A status the store moved on follows, unless one was chosen here. */
  old_status = abierto_commitment_get_status (self->commitment);
  if (abierto_commitment_dialog_get_status (self) == old_status)
    adw_combo_row_set_selected (self->status_row, abierto_commitment_get_status (fresh));

  g_set_object (&self->commitment, fresh);
  abierto_commitment_dialog_update_progress (self);
}

static void
store_changed_cb (AbiertoCommitmentDialog *self,
                  const char              *table,
                  gint64                   session_id,
                  AbiertoStore            *store)
{
  if (session_id == self->session_id)
    abierto_commitment_dialog_reload (self);
}

gboolean
abierto_commitment_dialog_add_progress (AbiertoCommitmentDialog *self)
{
  g_autoptr(AbiertoCommitmentUpdate) update = NULL;
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *date_text = dup_trimmed (self->update_date_row);
  g_autofree char *note = dup_trimmed (self->update_note_row);
  g_autofree char *url = dup_trimmed (self->update_url_row);
  double value = 0;

  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_DIALOG (self), FALSE);

  if (self->commitment == NULL)
    return FALSE;

  date = parse_date (date_text);
  if (date == NULL)
    {
      abierto_commitment_dialog_set_progress_error (
        self, _("Write the date of the measure as year-month-day, such as 2026-03-01."));
      gtk_widget_grab_focus (GTK_WIDGET (self->update_date_row));
      return FALSE;
    }
  if (parse_number (gtk_editable_get_text (GTK_EDITABLE (self->update_value_row)), &value)
      != NUMBER_OK)
    {
      abierto_commitment_dialog_set_progress_error (
        self, _("Write the value measured as a number, such as 52."));
      gtk_widget_grab_focus (GTK_WIDGET (self->update_value_row));
      return FALSE;
    }

  update = abierto_commitment_update_new (abierto_commitment_get_id (self->commitment),
                                          date_text, value);
  abierto_commitment_update_set_note (update, note);
  abierto_commitment_update_set_evidence_url (update, url);
  if (!abierto_store_add_commitment_update (self->store, update, &error))
    {
      abierto_commitment_dialog_set_progress_error (self, error->message);
      return FALSE;
    }
  abierto_commitment_dialog_set_progress_error (self, NULL);

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_delete_commitment_update (undo, abierto_commitment_update_get_id (update));
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo, _("Progress update taken back"),
                           GTK_WIDGET (self->progress_group), _("Progress recorded"));

  /* Ready for the next measure; the store's signal showed this one. */
  gtk_editable_set_text (GTK_EDITABLE (self->update_value_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->update_note_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->update_url_row), "");

  return TRUE;
}

static void
add_progress_cb (AbiertoCommitmentDialog *self)
{
  abierto_commitment_dialog_add_progress (self);
}

/* Filling in */

static void
abierto_commitment_dialog_fill_proposals (AbiertoCommitmentDialog *self)
{
  g_autoptr(GListModel) proposals = NULL;
  const gint64 *linked = NULL;
  guint n_linked = 0, n;

  proposals = abierto_store_list_proposals (self->store, self->session_id, NULL);
  n = proposals != NULL ? g_list_model_get_n_items (proposals) : 0;
  if (self->commitment != NULL)
    linked = abierto_commitment_get_proposal_ids (self->commitment, &n_linked);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (proposals, i);
      g_autofree char *title = NULL;
      gint64 *id = g_new (gint64, 1);
      GtkWidget *row, *check;
      gboolean active = FALSE;

      *id = abierto_proposal_get_id (proposal);
      for (guint j = 0; j < n_linked; j++)
        active |= linked[j] == *id;
      /* one proposal only: it is the one answered */
      active |= n == 1 && self->commitment == NULL;

      /* Translators: a proposal, by its number in the list and its label */
      title = g_strdup_printf (_("%u. %s"), i + 1, abierto_proposal_get_text (proposal));

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      g_object_set_data_full (G_OBJECT (check), "abierto-proposal-id", id, g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      g_ptr_array_add (self->checks, check);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->proposals_list, row);
    }
}

static void
set_number (AdwEntryRow *row,
            gboolean     has_value,
            double       value)
{
  g_autofree char *text = has_value ? abierto_format_number (value) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
abierto_commitment_dialog_fill (AbiertoCommitmentDialog *self)
{
  AbiertoCommitment *commitment = self->commitment;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *deadline;
  double value = 0;
  gboolean has;

  gtk_editable_set_text (GTK_EDITABLE (self->update_date_row), today);
  abierto_commitment_dialog_fill_proposals (self);

  if (commitment == NULL)
    {
      adw_combo_row_set_selected (self->status_row, ABIERTO_COMMITMENT_PLANNED);
      abierto_commitment_dialog_update_progress (self);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Commitment"));
  adw_window_title_set_title (self->window_title, _("Edit Commitment"));

  gtk_editable_set_text (GTK_EDITABLE (self->action_row),
                         abierto_commitment_get_action (commitment));
  gtk_editable_set_text (GTK_EDITABLE (self->institution_row),
                         abierto_commitment_get_institution (commitment));
  gtk_editable_set_text (GTK_EDITABLE (self->area_row), abierto_commitment_get_area (commitment));
  gtk_editable_set_text (GTK_EDITABLE (self->indicator_row),
                         abierto_commitment_get_indicator (commitment));
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), abierto_commitment_get_unit (commitment));
  deadline = abierto_commitment_get_deadline (commitment);
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), deadline != NULL ? deadline : "");
  has = abierto_commitment_get_baseline (commitment, &value);
  set_number (self->baseline_row, has, value);
  has = abierto_commitment_get_target (commitment, &value);
  set_number (self->target_row, has, value);
  has = abierto_commitment_get_budget_allocated (commitment, &value);
  set_number (self->allocated_row, has, value);
  has = abierto_commitment_get_budget_spent (commitment, &value);
  set_number (self->spent_row, has, value);
  adw_combo_row_set_selected (self->status_row, abierto_commitment_get_status (commitment));
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row),
                         abierto_commitment_get_status_reason (commitment));

  abierto_commitment_dialog_update_progress (self);
}

static void
abierto_commitment_dialog_dispose (GObject *object)
{
  AbiertoCommitmentDialog *self = (AbiertoCommitmentDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_COMMITMENT_DIALOG);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->commitment);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_commitment_dialog_parent_class)->dispose (object);
}

static void
abierto_commitment_dialog_class_init (AbiertoCommitmentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_commitment_dialog_dispose;

  /**
   * AbiertoCommitmentDialog::saved:
   * @self: the dialog
   * @commitment: the commitment as it now is in the store
   *
   * Emitted after the store has committed the commitment, just before the
   * dialog closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ABIERTO_TYPE_COMMITMENT);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/gobierto/Abierto/ui/abierto-commitment-dialog.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, AbiertoCommitmentDialog, name)
  BIND (window_title);
  BIND (scrolled);
  BIND (error_box);
  BIND (error_label);
  BIND (draft_button);
  BIND (proposals_list);
  BIND (action_row);
  BIND (institution_row);
  BIND (area_row);
  BIND (indicator_row);
  BIND (baseline_row);
  BIND (target_row);
  BIND (unit_row);
  BIND (deadline_row);
  BIND (deadline_popover);
  BIND (calendar);
  BIND (allocated_row);
  BIND (spent_row);
  BIND (status_row);
  BIND (reason_row);
  BIND (progress_group);
  BIND (progress_box);
  BIND (progress_bar);
  BIND (percent_label);
  BIND (progress_summary);
  BIND (updates_list);
  BIND (new_update_group);
  BIND (update_date_row);
  BIND (update_value_row);
  BIND (update_note_row);
  BIND (update_url_row);
  BIND (progress_error_label);
  BIND (add_progress_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, deadline_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_progress_cb);

  gtk_widget_class_install_action (widget_class, "commitment-dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "commitment-dialog.save-draft", NULL,
                                   save_draft_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
abierto_commitment_dialog_init (AbiertoCommitmentDialog *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->checks = g_ptr_array_new ();

  for (guint i = 0; i < ABIERTO_N_COMMITMENT_STATUSES; i++)
    gtk_string_list_append (statuses,
                            abierto_commitment_status_get_label ((AbiertoCommitmentStatus) i));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
}

/**
 * abierto_commitment_dialog_new:
 * @parent: (nullable): the window it is for
 * @store: the workshop file
 * @undo: the undo stack where changes are pushed
 * @session_id: the session of the commitment
 * @commitment: (nullable): the commitment to edit, or %NULL to add one
 *
 * Returns: (transfer none): a new modal dialog, owned by GTK like every
 *   toplevel; present it
 */
AbiertoCommitmentDialog *
abierto_commitment_dialog_new (GtkWindow         *parent,
                               AbiertoStore      *store,
                               AbiertoUndoStack  *undo,
                               gint64             session_id,
                               AbiertoCommitment *commitment)
{
  AbiertoCommitmentDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);
  g_return_val_if_fail (ABIERTO_IS_UNDO_STACK (undo), NULL);
  g_return_val_if_fail (commitment == NULL || ABIERTO_IS_COMMITMENT (commitment), NULL);

  self = g_object_new (ABIERTO_TYPE_COMMITMENT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  self->session_id = commitment != NULL ? abierto_commitment_get_session_id (commitment)
                                        : session_id;
  /* a fresh copy: the list's may be older than the store */
  if (commitment != NULL)
    self->commitment = abierto_store_get_commitment (store, abierto_commitment_get_id (commitment),
                                                     NULL);
  if (self->commitment == NULL && commitment != NULL)
    self->commitment = g_object_ref (commitment);

  abierto_commitment_dialog_fill (self);
  g_signal_connect_object (store, "changed::commitment",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (GTK_WIDGET (self->action_row));

  return self;
}
