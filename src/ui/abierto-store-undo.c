/* abierto-store-undo.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "abierto-store-undo.h"
#include "abierto-view-util.h"

/* On the undo stack: the serial of the newest entry pushed here, to tell
 * whether a toast's Undo button still undoes what it says, and that
 * toast, to dismiss it when a newer action comes. */
#define TOP_SERIAL_KEY "abierto-store-undo-top-serial"
#define TOP_TOAST_KEY  "abierto-store-undo-top-toast"
/* On the undo stack: the entries pushed here and not freed yet, so that
 * an erasure can reach them. */
#define ENTRIES_KEY    "abierto-store-undo-entries"

typedef enum
{
  STEP_ADD_VOTE,
  STEP_DELETE_VOTE,
  STEP_ADD_RANKING,
  STEP_DELETE_RANKING,
  STEP_SET_TALLY,
  STEP_DELETE,
  STEP_RESTORE,
  STEP_UNMERGE_PROPOSAL,
  STEP_UPDATE_PARTICIPANT,
  STEP_UPDATE_PROPOSAL,
  STEP_UPDATE_COMMITMENT,
  STEP_DELETE_COMMITMENT_UPDATE,
  STEP_SET_OPPOSED,
  STEP_ERASED,                     /* it touched a participant since erased */
} StepKind;

typedef struct
{
  StepKind           kind;
  AbiertoUndoTarget  target;
  gint64             id;           /* vote, row, round or merged proposal */
  gint64             participant_id;
  gint64             proposal_id;
  gint               value;        /* vote value, hand count or opposition */
  GArray            *ranking;      /* owned, of gint64, or NULL */
  GObject           *old;          /* owned, or NULL */
} Step;

struct _AbiertoStoreUndo
{
  AbiertoStore     *store;        /* owned */
  GArray           *steps;        /* of Step */
  AbiertoUndoStack *stack;        /* weak, once pushed */
  guint64           serial;
};

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->ranking, g_array_unref);
  g_clear_object (&step->old);
}

AbiertoStoreUndo *
abierto_store_undo_new (AbiertoStore *store)
{
  AbiertoStoreUndo *self;

  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);

  self = g_new0 (AbiertoStoreUndo, 1);
  self->store = g_object_ref (store);
  self->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->steps, step_clear);

  return self;
}

void
abierto_store_undo_free (AbiertoStoreUndo *self)
{
  if (self == NULL)
    return;

  if (self->stack != NULL)
    {
      GPtrArray *entries = g_object_get_data (G_OBJECT (self->stack), ENTRIES_KEY);

      if (entries != NULL)
        g_ptr_array_remove_fast (entries, self);
    }

  g_clear_weak_pointer (&self->stack);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_object (&self->store);
  g_free (self);
}

static Step *
add_step (AbiertoStoreUndo *self,
          StepKind          kind)
{
  Step step = { .kind = kind };

  g_array_append_val (self->steps, step);

  return &g_array_index (self->steps, Step, self->steps->len - 1);
}

void
abierto_store_undo_add_vote (AbiertoStoreUndo *self,
                             gint64            round_id,
                             gint64            participant_id,
                             gint64            proposal_id,
                             gint              value)
{
  Step *step = add_step (self, STEP_ADD_VOTE);

  step->id = round_id;
  step->participant_id = participant_id;
  step->proposal_id = proposal_id;
  step->value = value;
}

void
abierto_store_undo_delete_vote (AbiertoStoreUndo *self,
                                gint64            vote_id)
{
  add_step (self, STEP_DELETE_VOTE)->id = vote_id;
}

void
abierto_store_undo_add_ranking (AbiertoStoreUndo *self,
                                gint64            round_id,
                                gint64            participant_id,
                                const gint64     *proposal_ids,
                                guint             n_proposals)
{
  Step *step = add_step (self, STEP_ADD_RANKING);

  step->id = round_id;
  step->participant_id = participant_id;
  step->ranking = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_proposals);
  g_array_append_vals (step->ranking, proposal_ids, n_proposals);
}

void
abierto_store_undo_delete_ranking (AbiertoStoreUndo *self,
                                   gint64            round_id,
                                   gint64            participant_id)
{
  Step *step = add_step (self, STEP_DELETE_RANKING);

  step->id = round_id;
  step->participant_id = participant_id;
}

void
abierto_store_undo_set_tally (AbiertoStoreUndo *self,
                              gint64            round_id,
                              gint64            proposal_id,
                              guint             count)
{
  Step *step = add_step (self, STEP_SET_TALLY);

  step->id = round_id;
  step->proposal_id = proposal_id;
  step->value = (gint) count;
}

void
abierto_store_undo_delete (AbiertoStoreUndo  *self,
                           AbiertoUndoTarget  target,
                           gint64             id)
{
  Step *step = add_step (self, STEP_DELETE);

  step->target = target;
  step->id = id;
}

void
abierto_store_undo_restore (AbiertoStoreUndo  *self,
                            AbiertoUndoTarget  target,
                            gint64             id)
{
  Step *step = add_step (self, STEP_RESTORE);

  step->target = target;
  step->id = id;
}

void
abierto_store_undo_unmerge_proposal (AbiertoStoreUndo *self,
                                     gint64            merged_id)
{
  add_step (self, STEP_UNMERGE_PROPOSAL)->id = merged_id;
}

void
abierto_store_undo_update_participant (AbiertoStoreUndo   *self,
                                       AbiertoParticipant *old)
{
  AbiertoParticipant *copy;

  g_return_if_fail (ABIERTO_IS_PARTICIPANT (old));

  copy = abierto_participant_new (abierto_participant_get_session_id (old),
                                  abierto_participant_get_alias (old));
  abierto_participant_set_id (copy, abierto_participant_get_id (old));
  abierto_participant_set_uuid (copy, abierto_participant_get_uuid (old));
  abierto_participant_set_age_band (copy, abierto_participant_get_age_band (old));
  abierto_participant_set_gender (copy, abierto_participant_get_gender (old));
  abierto_participant_set_consent (copy, abierto_participant_get_consent (old));
  abierto_participant_set_consent_date (copy, abierto_participant_get_consent_date (old));
  abierto_participant_set_notice_version (copy, abierto_participant_get_notice_version (old));
  abierto_participant_set_opposed (copy, abierto_participant_get_opposed (old));

  add_step (self, STEP_UPDATE_PARTICIPANT)->old = G_OBJECT (copy);
}

void
abierto_store_undo_update_proposal (AbiertoStoreUndo *self,
                                    AbiertoProposal  *old)
{
  AbiertoProposal *copy;

  g_return_if_fail (ABIERTO_IS_PROPOSAL (old));

  copy = abierto_proposal_new (abierto_proposal_get_session_id (old),
                               abierto_proposal_get_text (old));
  abierto_proposal_set_id (copy, abierto_proposal_get_id (old));
  abierto_proposal_set_uuid (copy, abierto_proposal_get_uuid (old));
  abierto_proposal_set_title (copy, abierto_proposal_get_title (old));
  abierto_proposal_set_category (copy, abierto_proposal_get_category (old));
  abierto_proposal_set_author_id (copy, abierto_proposal_get_author_id (old));

  add_step (self, STEP_UPDATE_PROPOSAL)->old = G_OBJECT (copy);
}

void
abierto_store_undo_update_commitment (AbiertoStoreUndo  *self,
                                      AbiertoCommitment *old)
{
  AbiertoCommitment *copy;
  const gint64 *ids;
  guint n_ids;
  double value;

  g_return_if_fail (ABIERTO_IS_COMMITMENT (old));

  copy = abierto_commitment_new (abierto_commitment_get_session_id (old),
                                 abierto_commitment_get_action (old));
  abierto_commitment_set_id (copy, abierto_commitment_get_id (old));
  abierto_commitment_set_uuid (copy, abierto_commitment_get_uuid (old));
  abierto_commitment_set_institution (copy, abierto_commitment_get_institution (old));
  abierto_commitment_set_area (copy, abierto_commitment_get_area (old));
  abierto_commitment_set_indicator (copy, abierto_commitment_get_indicator (old));
  abierto_commitment_set_unit (copy, abierto_commitment_get_unit (old));
  abierto_commitment_set_deadline (copy, abierto_commitment_get_deadline (old));
  abierto_commitment_set_status (copy, abierto_commitment_get_status (old));
  abierto_commitment_set_status_reason (copy, abierto_commitment_get_status_reason (old));
  if (abierto_commitment_get_baseline (old, &value))
    abierto_commitment_set_baseline (copy, value);
  if (abierto_commitment_get_target (old, &value))
    abierto_commitment_set_target (copy, value);
  if (abierto_commitment_get_budget_allocated (old, &value))
    abierto_commitment_set_budget_allocated (copy, value);
  if (abierto_commitment_get_budget_spent (old, &value))
    abierto_commitment_set_budget_spent (copy, value);
  ids = abierto_commitment_get_proposal_ids (old, &n_ids);
  abierto_commitment_set_proposal_ids (copy, ids, n_ids);

  add_step (self, STEP_UPDATE_COMMITMENT)->old = G_OBJECT (copy);
}

void
abierto_store_undo_set_opposed (AbiertoStoreUndo *self,
                                gint64            participant_id,
                                gboolean          opposed)
{
  Step *step = add_step (self, STEP_SET_OPPOSED);

  step->participant_id = participant_id;
  step->value = opposed ? 1 : 0;
}

void
abierto_store_undo_delete_commitment_update (AbiertoStoreUndo *self,
                                             gint64            update_id)
{
  add_step (self, STEP_DELETE_COMMITMENT_UPDATE)->id = update_id;
}

static gboolean
run_step (AbiertoStore  *store,
          const Step    *step,
          GError       **error)
{
  switch (step->kind)
    {
    case STEP_ADD_VOTE:
      return abierto_store_add_vote (store, step->id, step->participant_id, step->proposal_id,
                                     step->value, NULL, error);
    case STEP_DELETE_VOTE:
      return abierto_store_delete_vote (store, step->id, error);
    case STEP_ADD_RANKING:
      return abierto_store_add_ranking (store, step->id, step->participant_id,
                                        (const gint64 *) step->ranking->data, step->ranking->len,
                                        error);
    case STEP_DELETE_RANKING:
      return abierto_store_delete_ranking (store, step->id, step->participant_id, error);
    case STEP_SET_TALLY:
      return abierto_store_set_tally (store, step->id, step->proposal_id, (guint) step->value,
                                      error);
    case STEP_DELETE:
      switch (step->target)
        {
        case ABIERTO_UNDO_TARGET_PARTICIPANT:
          return abierto_store_delete_participant (store, step->id, error);
        case ABIERTO_UNDO_TARGET_PROPOSAL:
          return abierto_store_delete_proposal (store, step->id, error);
        case ABIERTO_UNDO_TARGET_ROUND:
          return abierto_store_delete_round (store, step->id, error);
        case ABIERTO_UNDO_TARGET_COMMITMENT:
          return abierto_store_delete_commitment (store, step->id, error);
        default:
          g_assert_not_reached ();
        }
    case STEP_RESTORE:
      switch (step->target)
        {
        case ABIERTO_UNDO_TARGET_PARTICIPANT:
          return abierto_store_restore_participant (store, step->id, error);
        case ABIERTO_UNDO_TARGET_PROPOSAL:
          return abierto_store_restore_proposal (store, step->id, error);
        case ABIERTO_UNDO_TARGET_ROUND:
          return abierto_store_restore_round (store, step->id, error);
        case ABIERTO_UNDO_TARGET_COMMITMENT:
          return abierto_store_restore_commitment (store, step->id, error);
        default:
          g_assert_not_reached ();
        }
    case STEP_UNMERGE_PROPOSAL:
      return abierto_store_unmerge_proposal (store, step->id, error);
    case STEP_UPDATE_PARTICIPANT:
      return abierto_store_update_participant (store, ABIERTO_PARTICIPANT (step->old), error);
    case STEP_UPDATE_PROPOSAL:
      return abierto_store_update_proposal (store, ABIERTO_PROPOSAL (step->old), error);
    case STEP_UPDATE_COMMITMENT:
      return abierto_store_update_commitment (store, ABIERTO_COMMITMENT (step->old), error);
    case STEP_DELETE_COMMITMENT_UPDATE:
      return abierto_store_delete_commitment_update (store, step->id, error);
    case STEP_SET_OPPOSED:
      return abierto_store_set_participant_opposed (store, step->participant_id, step->value != 0,
                                                    error);
    case STEP_ERASED:
      g_set_error_literal (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                           _("This can no longer be undone: the participant’s data was erased."));
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

/* An AbiertoUndoFunc */
static gboolean
abierto_store_undo_run (gpointer   user_data,
                        GError   **error)
{
  AbiertoStoreUndo *self = user_data;

  /* Whatever happens, a toast for this entry no longer applies. */
  if (self->stack != NULL
      && GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self->stack), TOP_SERIAL_KEY))
         == self->serial)
    {
      g_object_set_data (G_OBJECT (self->stack), TOP_SERIAL_KEY, NULL);
      g_object_set_data (G_OBJECT (self->stack), TOP_TOAST_KEY, NULL);
    }

  /* all or nothing: an erased person stops the whole action */
  for (guint i = 0; i < self->steps->len; i++)
    if (g_array_index (self->steps, Step, i).kind == STEP_ERASED)
      return run_step (self->store, &g_array_index (self->steps, Step, i), error);

  for (guint i = 0; i < self->steps->len; i++)
    if (!run_step (self->store, &g_array_index (self->steps, Step, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
step_touches_participant (const Step *step,
                          gint64      participant_id)
{
  switch (step->kind)
    {
    case STEP_ADD_VOTE:
    case STEP_ADD_RANKING:
    case STEP_DELETE_RANKING:
    case STEP_SET_OPPOSED:
      return step->participant_id == participant_id;
    case STEP_DELETE:
    case STEP_RESTORE:
      return step->target == ABIERTO_UNDO_TARGET_PARTICIPANT && step->id == participant_id;
    case STEP_UPDATE_PARTICIPANT:
      return abierto_participant_get_id (ABIERTO_PARTICIPANT (step->old)) == participant_id;
    case STEP_DELETE_VOTE:
    case STEP_SET_TALLY:
    case STEP_UNMERGE_PROPOSAL:
    case STEP_UPDATE_PROPOSAL:
    case STEP_UPDATE_COMMITMENT:
    case STEP_DELETE_COMMITMENT_UPDATE:
    case STEP_ERASED:
    default:
      return FALSE;
    }
}

void
abierto_store_undo_forget_participant (AbiertoUndoStack *stack,
                                       gint64            participant_id)
{
  GPtrArray *entries;

  g_return_if_fail (ABIERTO_IS_UNDO_STACK (stack));

  entries = g_object_get_data (G_OBJECT (stack), ENTRIES_KEY);
  if (entries == NULL)
    return;

  for (guint i = 0; i < entries->len; i++)
    {
      AbiertoStoreUndo *self = g_ptr_array_index (entries, i);

      for (guint j = 0; j < self->steps->len; j++)
        {
          Step *step = &g_array_index (self->steps, Step, j);

          if (!step_touches_participant (step, participant_id))
            continue;

          /* the copy held the alias: it goes now, not when the entry does */
          step_clear (step);
          *step = (Step) { .kind = STEP_ERASED };
        }
    }
}

typedef struct
{
  AbiertoUndoStack *stack;    /* owned */
  GtkWidget        *widget;   /* weak */
  guint64           serial;
} ToastData;

static void
toast_data_free (gpointer data)
{
  ToastData *toast_data = data;

  g_clear_object (&toast_data->stack);
  g_clear_weak_pointer (&toast_data->widget);
  g_free (toast_data);
}

static void
toast_button_clicked_cb (AdwToast  *toast,
                         ToastData *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  /* Only while this action is still the newest: never undo another one. */
  if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (data->stack), TOP_SERIAL_KEY))
      != data->serial)
    return;

  if (!abierto_undo_stack_undo (data->stack, &label, &error))
    {
      if (data->widget != NULL)
        abierto_show_toast (data->widget, error->message);
      return;
    }

  if (data->widget != NULL && label != NULL)
    abierto_show_toast (data->widget, label);
}

static void
dismiss_toast (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  g_object_unref (data);
}

void
abierto_store_undo_push (AbiertoStoreUndo *self,
                         AbiertoUndoStack *stack,
                         const char       *label,
                         GtkWidget        *toast_widget,
                         const char       *toast_title)
{
  static guint64 last_serial;
  GtkWidget *overlay = NULL;
  GPtrArray *entries;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ABIERTO_IS_UNDO_STACK (stack));
  g_return_if_fail (label != NULL);

  self->serial = ++last_serial;
  g_set_weak_pointer (&self->stack, stack);

  entries = g_object_get_data (G_OBJECT (stack), ENTRIES_KEY);
  if (entries == NULL)
    {
      entries = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (stack), ENTRIES_KEY, entries,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_add (entries, self);

  /* Dismisses the toast of the previous action, whose Undo is now stale. */
  g_object_set_data (G_OBJECT (stack), TOP_TOAST_KEY, NULL);
  g_object_set_data (G_OBJECT (stack), TOP_SERIAL_KEY, GSIZE_TO_POINTER (self->serial));

  if (toast_widget != NULL && toast_title != NULL)
    overlay = gtk_widget_get_ancestor (toast_widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (toast_title, -1);
      AdwToast *toast = adw_toast_new (escaped);
      ToastData *data = g_new0 (ToastData, 1);

      data->stack = g_object_ref (stack);
      g_set_weak_pointer (&data->widget, toast_widget);
      data->serial = self->serial;

      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_button_clicked_cb),
                             data, (GClosureNotify) (void (*) (void)) toast_data_free, 0);
      g_object_set_data_full (G_OBJECT (stack), TOP_TOAST_KEY, g_object_ref (toast),
                              dismiss_toast);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }

  abierto_undo_stack_push (stack, label, abierto_store_undo_run, self,
                           (GDestroyNotify) abierto_store_undo_free);
}
