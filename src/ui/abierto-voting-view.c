/* abierto-voting-view.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "abierto-kiosk-window.h"
#include "abierto-store-undo.h"
#include "abierto-view-util.h"
#include "abierto-vote-row.h"
#include "abierto-voting-view.h"

/* Recording votes as fast as people call them out: each tap is one store
 * call, committed at once and pushed on the undo stack. Rows are built
 * when the round or the proposals change, and only updated when votes
 * come in, so the focus stays where the facilitator is tapping. */
struct _AbiertoVotingView
{
  AdwBin               parent_instance;

  /* Owned */
  AbiertoStore        *store;
  AbiertoUndoStack    *undo;
  GListModel          *rounds;        /* of AbiertoRound, a snapshot */
  AbiertoRound        *round;         /* on show, or NULL */
  GListModel          *proposals;     /* of AbiertoProposal, a snapshot */
  GListStore          *participants;  /* of AbiertoParticipant, on show */
  GtkCustomFilter     *search_filter;
  GArray              *draft;         /* of gint64: the ranking being built */
  GPtrArray           *rows;          /* of borrowed AbiertoVoteRow */

  gint64               session_id;
  AbiertoGroup         group;
  gint64               round_id;
  gint64               participant_id;  /* the person voting, or 0 */
  gboolean             creating;        /* the new round form is on show */
  gboolean             updating_rounds;

  /* Template children, borrowed */
  GtkStack            *stack;
  AdwEntryRow         *round_title_row;
  AdwComboRow         *method_row;
  GtkStringList       *methods;
  AdwActionRow        *dots_row;
  GtkSpinButton       *dots_spin;
  AdwComboRow         *points_row;
  GtkWidget           *cancel_round_button;
  GCancellable        *totals_cancellable;
  AdwLeaflet          *people_leaflet;  /* of the running totals being counted */
  GtkWidget           *start_round_button;
  GtkDropDown         *round_dropdown;
  GtkStringList       *round_labels;
  GtkLabel            *round_label;
  GtkLabel            *round_totals_label;
  GtkWidget           *new_round_button;
  GtkWidget           *delete_round_button;
  GtkStack            *capture_stack;
  GtkSearchEntry      *participant_search;
  GtkListBox          *participant_list;
  GtkStack            *ballot_stack;
  GtkLabel            *voter_label;
  GtkLabel            *dots_symbols_label;
  GtkLabel            *left_label;
  GtkLabel            *hint_label;
  GtkWidget           *ranking_group;
  GtkListBox          *ranking_list;
  GtkWidget           *ranking_buttons;
  GtkWidget           *redo_ballot_button;
  GtkWidget           *save_ballot_button;
  GtkListBox          *vote_list;
  GtkListBox          *tally_list;
};

G_DEFINE_FINAL_TYPE (AbiertoVotingView, abierto_voting_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ROUND_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void abierto_voting_view_update_state (AbiertoVotingView *self);

static AbiertoMethod
current_method (AbiertoVotingView *self)
{
  return self->round != NULL ? abierto_round_get_method (self->round) : ABIERTO_METHOD_DOT;
}

static void
show_error (AbiertoVotingView *self,
            const GError      *error)
{
  abierto_show_toast (GTK_WIDGET (self), error->message);
  /* What is on show may now differ from the file: show the file. */
  abierto_voting_view_update_state (self);
}

static void
push_undo (AbiertoVotingView *self,
           AbiertoStoreUndo  *undo,
           const char        *label)
{
  abierto_store_undo_push (undo, self->undo, label, NULL, NULL);
}

/* The newest entry of @ballot for @proposal_id, or NULL. */
static const AbiertoBallotEntry *
find_entry (GArray *ballot,
            gint64  proposal_id)
{
  const AbiertoBallotEntry *found = NULL;

  for (guint i = 0; ballot != NULL && i < ballot->len; i++)
    {
      const AbiertoBallotEntry *entry = &g_array_index (ballot, AbiertoBallotEntry, i);

      if (entry->proposal_id == proposal_id)
        found = entry;
    }

  return found;
}

static AbiertoProposal *
find_proposal (AbiertoVotingView *self,
               gint64             proposal_id,
               guint             *position)
{
  guint n = self->proposals != NULL ? g_list_model_get_n_items (self->proposals) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (self->proposals, i);

      if (abierto_proposal_get_id (proposal) == proposal_id)
        {
          if (position != NULL)
            *position = i;
          return proposal;  /* still held by the list */
        }
    }

  return NULL;
}

/* Votes */

static void
give_dot (AbiertoVotingView *self,
          gint64             proposal_id)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 vote_id = 0;

  if (!abierto_store_add_vote (self->store, self->round_id, self->participant_id, proposal_id,
                               1, &vote_id, &error))
    {
      show_error (self, error);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_delete_vote (undo, vote_id);
  push_undo (self, g_steal_pointer (&undo), _("Dot taken back"));
}

/* Deletes the vote of @entry, undone by voting it again. */
static void
take_back (AbiertoVotingView        *self,
           const AbiertoBallotEntry *entry,
           const char               *label)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;

  if (!abierto_store_delete_vote (self->store, entry->vote_id, &error))
    {
      show_error (self, error);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_add_vote (undo, self->round_id, self->participant_id, entry->proposal_id,
                               entry->value);
  push_undo (self, g_steal_pointer (&undo), label);
}

static void
approve (AbiertoVotingView *self,
         gint64             proposal_id)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 vote_id = 0;

  if (!abierto_store_add_vote (self->store, self->round_id, self->participant_id, proposal_id,
                               1, &vote_id, &error))
    {
      show_error (self, error);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_delete_vote (undo, vote_id);
  push_undo (self, g_steal_pointer (&undo), _("Approval taken back"));
}

static void
rate (AbiertoVotingView        *self,
      const AbiertoBallotEntry *old,
      gint64                    proposal_id,
      gint                      rating)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 vote_id = 0;

  if (old != NULL && old->value == rating)
    {
      /* Tapping the rating given takes it back. */
      take_back (self, old, _("Rating given back"));
      return;
    }

  undo = abierto_store_undo_new (self->store);
  if (old != NULL)
    {
      if (!abierto_store_delete_vote (self->store, old->vote_id, &error))
        {
          show_error (self, error);
          return;
        }
    }

  if (!abierto_store_add_vote (self->store, self->round_id, self->participant_id, proposal_id,
                               rating, &vote_id, &error))
    {
      /* Put the old rating back rather than lose it. */
      if (old != NULL)
        abierto_store_add_vote (self->store, self->round_id, self->participant_id, proposal_id,
                                old->value, NULL, NULL);
      show_error (self, error);
      return;
    }

  abierto_store_undo_delete_vote (undo, vote_id);
  if (old != NULL)
    abierto_store_undo_add_vote (undo, self->round_id, self->participant_id, proposal_id,
                                 old->value);
  push_undo (self, g_steal_pointer (&undo),
             old != NULL ? _("Rating changed back") : _("Rating taken back"));
}

static void
set_tally (AbiertoVotingView *self,
           gint64             proposal_id,
           guint              count)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  guint old;

  old = abierto_store_get_tally (self->store, self->round_id, proposal_id, &error);
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  if (old == count)
    return;

  if (!abierto_store_set_tally (self->store, self->round_id, proposal_id, count, &error))
    {
      show_error (self, error);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_set_tally (undo, self->round_id, proposal_id, old);
  push_undo (self, g_steal_pointer (&undo), _("Hand count put back"));
}

static void
vote_cb (AbiertoVoteRow    *row,
         guint              action,
         gint               value,
         AbiertoVotingView *self)
{
  gint64 proposal_id = abierto_vote_row_get_proposal_id (row);
  g_autoptr(GArray) ballot = NULL;
  g_autoptr(GError) error = NULL;
  const AbiertoBallotEntry *entry;

  if (self->round == NULL)
    return;

  if (action == ABIERTO_VOTE_ACTION_TALLY)
    {
      set_tally (self, proposal_id, (guint) MAX (value, 0));
      return;
    }

  if (self->participant_id == 0)
    return;

  if (action == ABIERTO_VOTE_ACTION_RANK)
    {
      for (guint i = 0; i < self->draft->len; i++)
        if (g_array_index (self->draft, gint64, i) == proposal_id)
          return;
      g_array_append_val (self->draft, proposal_id);
      abierto_voting_view_update_state (self);
      return;
    }

  ballot = abierto_store_get_ballot (self->store, self->round_id, self->participant_id, &error);
  if (ballot == NULL)
    {
      show_error (self, error);
      return;
    }
  entry = find_entry (ballot, proposal_id);

  switch (action)
    {
    case ABIERTO_VOTE_ACTION_GIVE_DOT:
      give_dot (self, proposal_id);
      break;

    case ABIERTO_VOTE_ACTION_TAKE_DOT:
      if (entry != NULL)
        take_back (self, entry, _("Dot given back"));
      break;

    case ABIERTO_VOTE_ACTION_APPROVE:
      if (value && entry == NULL)
        approve (self, proposal_id);
      else if (!value && entry != NULL)
        take_back (self, entry, _("Approval given back"));
      break;

    case ABIERTO_VOTE_ACTION_RATE:
      rate (self, entry, proposal_id, value);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Ranking */

static void
save_ballot_cb (AbiertoVotingView *self)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;

  if (self->round == NULL || self->participant_id == 0 || self->draft->len == 0)
    return;

  if (!abierto_store_add_ranking (self->store, self->round_id, self->participant_id,
                                  (const gint64 *) self->draft->data, self->draft->len, &error))
    {
      show_error (self, error);
      return;
    }

  g_array_set_size (self->draft, 0);
  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_delete_ranking (undo, self->round_id, self->participant_id);
  push_undo (self, g_steal_pointer (&undo), _("Ballot taken back"));
  abierto_voting_view_update_state (self);
}

static int
compare_place (gconstpointer a,
               gconstpointer b)
{
  const AbiertoBallotEntry *ea = a, *eb = b;

  return ea->value - eb->value;
}

static void
redo_ballot_cb (AbiertoVotingView *self)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GArray) ballot = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GError) error = NULL;

  if (self->round == NULL || self->participant_id == 0)
    return;

  ballot = abierto_store_get_ballot (self->store, self->round_id, self->participant_id, &error);
  if (ballot == NULL)
    {
      show_error (self, error);
      return;
    }
  g_array_sort (ballot, compare_place);
  order = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ballot->len);
  for (guint i = 0; i < ballot->len; i++)
    g_array_append_val (order, g_array_index (ballot, AbiertoBallotEntry, i).proposal_id);

  if (!abierto_store_delete_ranking (self->store, self->round_id, self->participant_id, &error))
    {
      show_error (self, error);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_add_ranking (undo, self->round_id, self->participant_id,
                                  (const gint64 *) order->data, order->len);
  push_undo (self, g_steal_pointer (&undo), _("Ballot given back"));

  /* Start again from the old order, to change just what was wrong. */
  g_array_set_size (self->draft, 0);
  g_array_append_vals (self->draft, order->data, order->len);
  abierto_voting_view_update_state (self);
}

static void
move_clicked_cb (GtkButton         *button,
                 AbiertoVotingView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  const char *kind = g_object_get_data (G_OBJECT (button), "kind");
  GtkListBoxRow *row;
  guint target;
  gint64 id;

  if (index >= self->draft->len)
    return;

  id = g_array_index (self->draft, gint64, index);
  if (delta == 0)
    {
      g_array_remove_index (self->draft, index);
      target = MIN (index, self->draft->len > 0 ? self->draft->len - 1 : 0);
    }
  else
    {
      target = index + delta;
      if (target >= self->draft->len)
        return;
      g_array_index (self->draft, gint64, index) = g_array_index (self->draft, gint64, target);
      g_array_index (self->draft, gint64, target) = id;
    }

  abierto_voting_view_update_state (self);

  /* The rows were built again: keep the focus on the same kind of button. */
  row = gtk_list_box_get_row_at_index (self->ranking_list, target);
  if (row != NULL)
    {
      GtkWidget *same = g_object_get_data (G_OBJECT (row), kind);

      if (same != NULL && gtk_widget_get_sensitive (same))
        gtk_widget_grab_focus (same);
      else
        gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
    }
}

static GtkWidget *
make_move_button (AbiertoVotingView *self,
                  const char        *icon_name,
                  const char        *tooltip,
                  const char        *accessible,
                  const char        *kind,
                  guint              index,
                  int                delta)
{
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", icon_name,
                                    "valign", GTK_ALIGN_CENTER,
                                    "tooltip-text", tooltip,
                                    NULL);

  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_object_set_data (G_OBJECT (button), "kind", (gpointer) kind);
  g_signal_connect_object (button, "clicked", G_CALLBACK (move_clicked_cb), self, 0);

  return button;
}

/* Shows @order (of gint64, best first); buttons to change it when it is
 * a draft. */
static void
abierto_voting_view_show_ranking (AbiertoVotingView *self,
                                  GArray            *order,
                                  gboolean           editable)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ranking_list))) != NULL
         && GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->ranking_list, child);

  for (guint i = 0; i < order->len; i++)
    {
      gint64 id = g_array_index (order, gint64, i);
      AbiertoProposal *proposal = find_proposal (self, id, NULL);
      g_autofree char *place = g_strdup_printf ("%u", i + 1);
      GtkWidget *row, *label;

      if (proposal == NULL)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     abierto_proposal_get_text (proposal));
      label = g_object_new (GTK_TYPE_LABEL, "label", place, "width-chars", 2, "xalign", 1.0f,
                            NULL);
      gtk_widget_add_css_class (label, "title-3");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);

      if (editable)
        {
          GtkWidget *up, *down, *remove;

          up = make_move_button (self, "go-up-symbolic", _("Move Up"), _("Move up"),
                                 "up", i, -1);
          down = make_move_button (self, "go-down-symbolic", _("Move Down"), _("Move down"),
                                   "down", i, +1);
          remove = make_move_button (self, "list-remove-symbolic", _("Remove From Ranking"),
                                     _("Remove from ranking"), "remove", i, 0);
          gtk_widget_set_sensitive (up, i > 0);
          gtk_widget_set_sensitive (down, i + 1 < order->len);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
          g_object_set_data (G_OBJECT (row), "up", up);
          g_object_set_data (G_OBJECT (row), "down", down);
          g_object_set_data (G_OBJECT (row), "remove", remove);
        }

      gtk_list_box_append (self->ranking_list, row);
    }
}

/* State */

static char *
format_total (AbiertoMethod           method,
              const AbiertoResultRow *row)
{
  if (row == NULL)
    return g_strdup ("");

  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      /* Translators: a proposal's running total in dot voting */
      return g_strdup_printf (ngettext ("%u dot", "%u dots", (gulong) row->score),
                              (guint) row->score);
    case ABIERTO_METHOD_APPROVAL:
      return g_strdup_printf (ngettext ("%u approval", "%u approvals", (gulong) row->score),
                              (guint) row->score);
    case ABIERTO_METHOD_SCALE:
      if (row->votes == 0)
        return g_strdup (_("Not rated"));
      /* Translators: the mean rating of a proposal, then how many rated it */
      return g_strdup_printf (ngettext ("Mean %.1f of %u rating", "Mean %.1f of %u ratings",
                                        row->votes),
                              row->mean, row->votes);
    case ABIERTO_METHOD_RANKING:
      /* Translators: Borda points of a proposal in a ranking */
      return g_strdup_printf (ngettext ("%u point", "%u points", (gulong) row->score),
                              (guint) row->score);
    case ABIERTO_METHOD_TALLY:
      return g_strdup_printf (ngettext ("%u hand", "%u hands", row->votes), row->votes);
    default:
      g_assert_not_reached ();
    }
}

static void
update_participant_statuses (AbiertoVotingView *self)
{
  AbiertoMethod method = current_method (self);
  guint dots = self->round != NULL ? abierto_round_get_dots (self->round) : 0;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->participant_list, i)) != NULL; i++)
    {
      AbiertoParticipant *participant = g_object_get_data (G_OBJECT (row), "participant");
      GtkLabel *status = g_object_get_data (G_OBJECT (row), "status");
      gint64 id = abierto_participant_get_id (participant);
      g_autofree char *text = NULL;
      g_autofree char *description = NULL;

      if (self->round == NULL)
        continue;

      if (method == ABIERTO_METHOD_DOT)
        {
          gint left = abierto_store_get_dots_left (self->store, self->round_id, id, NULL);

          left = CLAMP (left, 0, (gint) dots);
          text = abierto_format_dot_symbols (MIN (dots, 10), MIN ((guint) left, 10));
          description = g_strdup_printf (ngettext ("%d dot left", "%d dots left", left), left);
        }
      else
        {
          g_autoptr(GArray) ballot = abierto_store_get_ballot (self->store, self->round_id, id,
                                                               NULL);
          gboolean voted = ballot != NULL && ballot->len > 0;

          text = g_strdup (voted ? "✓" : "");
          description = g_strdup (voted ? _("Has voted") : _("Has not voted yet"));
        }

      gtk_label_set_label (status, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
}

static void
totals_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AbiertoVotingView *self = user_data;
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GHashTable) by_proposal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *totals = NULL;
  AbiertoMethod method;

  results = abierto_store_compute_results_finish (ABIERTO_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->totals_cancellable);
  if (self->round == NULL || self->rows == NULL)
    {
      g_object_unref (self);
      return;
    }
  if (results == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      g_object_unref (self);
      return;
    }

  method = abierto_round_get_method (self->round);
  by_proposal = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < abierto_results_get_n_rows (results); i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (results, i);

      g_hash_table_insert (by_proposal, (gpointer) &row->proposal_id, (gpointer) row);
    }

  if (method == ABIERTO_METHOD_TALLY)
    {
      guint hands = 0;

      for (guint i = 0; i < abierto_results_get_n_rows (results); i++)
        hands += abierto_results_get_row (results, i)->votes;
      totals = g_strdup_printf (ngettext ("%u hand counted", "%u hands counted", hands), hands);
    }
  else
    {
      guint voters = abierto_results_get_n_voters (results);

      totals = g_strdup_printf (ngettext ("%u person has voted", "%u people have voted", voters),
                                voters);
    }
  gtk_label_set_label (self->round_totals_label, totals);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AbiertoVoteRow *row = g_ptr_array_index (self->rows, i);
      gint64 id = abierto_vote_row_get_proposal_id (row);
      const AbiertoResultRow *row_result = g_hash_table_lookup (by_proposal, &id);
      g_autofree char *total = format_total (method, row_result);

      abierto_vote_row_set_total (row, total);
    }

  g_object_unref (self);
}

/* Running totals: a round of many votes takes a while to count, so
 * core counts in a worker; the latest request wins. */
static void
abierto_voting_view_refresh_totals (AbiertoVotingView *self)
{
  g_cancellable_cancel (self->totals_cancellable);
  g_clear_object (&self->totals_cancellable);

  if (self->round == NULL || self->store == NULL)
    return;

  self->totals_cancellable = g_cancellable_new ();
  abierto_store_compute_results_async (self->store, self->round_id, self->totals_cancellable,
                                       totals_ready_cb, g_object_ref (self));
}

/**
 * abierto_voting_view_get_counting:
 * @self: a voting view
 *
 * Returns: whether the running totals are being counted
 */
gboolean
abierto_voting_view_get_counting (AbiertoVotingView *self)
{
  g_return_val_if_fail (ABIERTO_IS_VOTING_VIEW (self), FALSE);

  return self->totals_cancellable != NULL;
}

static void
abierto_voting_view_update_state (AbiertoVotingView *self)
{
  g_autoptr(GArray) ballot = NULL;
  g_autoptr(GArray) saved = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoParticipant *voter = NULL;
  AbiertoMethod method;
  guint n_rated = 0;
  gint left = 0;

  if (self->round == NULL || self->store == NULL)
    return;

  method = abierto_round_get_method (self->round);

  abierto_voting_view_refresh_totals (self);

  /* A hand count shows in its stepper at once: it is what the facilitator
   * adds to next. */
  if (method == ABIERTO_METHOD_TALLY)
    for (guint i = 0; i < self->rows->len; i++)
      {
        AbiertoVoteRow *row = g_ptr_array_index (self->rows, i);

        abierto_vote_row_set_tally (row, abierto_store_get_tally (self->store, self->round_id,
                                                                  abierto_vote_row_get_proposal_id (row),
                                                                  NULL));
      }

  if (method == ABIERTO_METHOD_TALLY)
    return;

  update_participant_statuses (self);

  /* The ballot of the person voting */
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->participant_list, i);
      AbiertoParticipant *participant;

      if (row == NULL)
        break;
      participant = g_object_get_data (G_OBJECT (row), "participant");
      if (abierto_participant_get_id (participant) == self->participant_id)
        voter = participant;
    }

  if (voter == NULL)
    {
      self->participant_id = 0;
      gtk_stack_set_visible_child_name (self->ballot_stack, "choose");
      return;
    }

  gtk_stack_set_visible_child_name (self->ballot_stack, "ballot");
  gtk_label_set_label (self->voter_label, abierto_participant_get_alias (voter));

  ballot = abierto_store_get_ballot (self->store, self->round_id, self->participant_id, &error);
  if (ballot == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  if (method == ABIERTO_METHOD_DOT)
    left = abierto_store_get_dots_left (self->store, self->round_id, self->participant_id, NULL);
  left = MAX (left, 0);

  if (method == ABIERTO_METHOD_RANKING && ballot->len > 0)
    {
      g_array_sort (ballot, compare_place);
      saved = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ballot->len);
      for (guint i = 0; i < ballot->len; i++)
        g_array_append_val (saved, g_array_index (ballot, AbiertoBallotEntry, i).proposal_id);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      AbiertoVoteRow *row = g_ptr_array_index (self->rows, i);
      gint64 id = abierto_vote_row_get_proposal_id (row);
      const AbiertoBallotEntry *entry = find_entry (ballot, id);

      switch (method)
        {
        case ABIERTO_METHOD_DOT:
          {
            guint mine = 0;

            for (guint j = 0; j < ballot->len; j++)
              if (g_array_index (ballot, AbiertoBallotEntry, j).proposal_id == id)
                mine += MAX (g_array_index (ballot, AbiertoBallotEntry, j).value, 0);
            abierto_vote_row_set_dots (row, mine, left > 0);
          }
          break;

        case ABIERTO_METHOD_APPROVAL:
          abierto_vote_row_set_approved (row, entry != NULL);
          n_rated += entry != NULL;
          break;

        case ABIERTO_METHOD_SCALE:
          abierto_vote_row_set_rating (row, entry != NULL ? (guint) entry->value : 0);
          n_rated += entry != NULL;
          break;

        case ABIERTO_METHOD_RANKING:
          {
            GArray *order = saved != NULL ? saved : self->draft;
            guint place = 0;

            for (guint j = 0; j < order->len; j++)
              if (g_array_index (order, gint64, j) == id)
                place = j + 1;
            abierto_vote_row_set_place (row, place, saved == NULL);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* The header: what this person has left to give, as a number and as
   * symbols (the symbols are hidden from screen readers). */
  gtk_widget_set_visible (GTK_WIDGET (self->dots_symbols_label), method == ABIERTO_METHOD_DOT);
  gtk_widget_set_visible (self->ranking_group, method == ABIERTO_METHOD_RANKING);
  gtk_widget_set_visible (self->ranking_buttons, method == ABIERTO_METHOD_RANKING);

  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      {
        guint dots = abierto_round_get_dots (self->round);
        g_autofree char *symbols = abierto_format_dot_symbols (dots, (guint) left);
        /* Translators: dots a person still has to give; shown beside ●●○ */
        g_autofree char *text = g_strdup_printf (ngettext ("%d left", "%d left", left), left);

        gtk_label_set_label (self->dots_symbols_label, symbols);
        gtk_label_set_label (self->left_label, text);
        gtk_label_set_label (self->hint_label,
                             left > 0 ? _("Tap Dot on a proposal for each dot this person gives. "
                                          "Several dots can go to the same proposal.")
                                      : _("All dots given. Choose the next person."));
      }
      break;

    case ABIERTO_METHOD_APPROVAL:
      {
        g_autofree char *text = g_strdup_printf (ngettext ("%u approved", "%u approved", n_rated),
                                                 n_rated);

        gtk_label_set_label (self->left_label, text);
        gtk_label_set_label (self->hint_label,
                             _("Tick every proposal this person approves of. Untick to take "
                               "an approval back."));
      }
      break;

    case ABIERTO_METHOD_SCALE:
      {
        guint n = self->rows->len;
        /* Translators: proposals rated by a person, of all the proposals */
        g_autofree char *text = g_strdup_printf (ngettext ("%u of %u rated", "%u of %u rated", n),
                                                 n_rated, n);

        gtk_label_set_label (self->left_label, text);
        gtk_label_set_label (self->hint_label,
                             abierto_round_get_points (self->round) == 3
                             ? _("Tap the face this person chooses for each proposal. Tap it "
                                 "again to take it back.")
                             : _("Tap the points this person gives each proposal, from 1, not at "
                                 "all, to 5, completely. Tap them again to take them back."));
      }
      break;

    case ABIERTO_METHOD_RANKING:
      {
        GArray *order = saved != NULL ? saved : self->draft;
        guint n = self->rows->len;
        g_autofree char *text = NULL;

        if (saved != NULL)
          text = g_strdup (_("Ballot saved"));
        else
          /* Translators: proposals placed in a ranking, of all the proposals */
          text = g_strdup_printf (ngettext ("%u of %u placed", "%u of %u placed", n),
                                  order->len, n);
        gtk_label_set_label (self->left_label, text);
        gtk_label_set_label (self->hint_label,
                             saved != NULL
                             ? _("This person's ranking is saved. Redo it to change it.")
                             : _("Tap Rank on the proposals in the order this person says "
                                 "them, the favourite first, then save the ballot."));
        abierto_voting_view_show_ranking (self, order, saved == NULL);
        gtk_widget_set_visible (self->redo_ballot_button, saved != NULL);
        gtk_widget_set_visible (self->save_ballot_button, saved == NULL);
        gtk_widget_set_sensitive (self->save_ballot_button, order->len > 0);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Participants */

static gboolean
participant_equal (gconstpointer a,
                   gconstpointer b)
{
  return abierto_participant_get_id ((AbiertoParticipant *) a)
         == abierto_participant_get_id ((AbiertoParticipant *) b)
         && g_strcmp0 (abierto_participant_get_alias ((AbiertoParticipant *) a),
                       abierto_participant_get_alias ((AbiertoParticipant *) b)) == 0;
}

static GtkWidget *
create_participant_row (gpointer item,
                        gpointer user_data)
{
  AbiertoParticipant *participant = ABIERTO_PARTICIPANT (item);
  GtkWidget *row, *box, *alias, *status;

  box = g_object_new (GTK_TYPE_BOX, "spacing", 12, NULL);
  alias = g_object_new (GTK_TYPE_LABEL,
                        "label", abierto_participant_get_alias (participant),
                        "xalign", 0.0f,
                        "hexpand", TRUE,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        NULL);
  status = g_object_new (GTK_TYPE_LABEL, "xalign", 1.0f, NULL);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_box_append (GTK_BOX (box), alias);
  gtk_box_append (GTK_BOX (box), status);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, abierto_participant_get_alias (participant));
  /* The row's name for screen readers; its description says how far they voted. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  abierto_participant_get_alias (participant),
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "participant", g_object_ref (participant),
                          g_object_unref);
  g_object_set_data (G_OBJECT (row), "status", status);

  return row;
}

static gboolean
participant_filter (gpointer item,
                    gpointer user_data)
{
  AbiertoVotingView *self = user_data;
  AbiertoParticipant *participant = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->participant_search));
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;

  needle = g_utf8_casefold (search, -1);
  haystack = g_utf8_casefold (abierto_participant_get_alias (participant), -1);

  return strstr (haystack, needle) != NULL;
}

static void
search_changed_cb (AbiertoVotingView *self)
{
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_activate_cb (AbiertoVotingView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->participant_list, 0);

  /* Enter chooses the first person found and goes on to their ballot. */
  if (row == NULL)
    return;

  gtk_list_box_select_row (self->participant_list, row);
  gtk_widget_child_focus (GTK_WIDGET (self->vote_list), GTK_DIR_TAB_FORWARD);
}

static void
participant_selected_cb (AbiertoVotingView *self,
                         GtkListBoxRow     *row,
                         GtkListBox        *list)
{
  AbiertoParticipant *participant = row != NULL ? g_object_get_data (G_OBJECT (row),
                                                                     "participant")
                                                : NULL;
  gint64 id = participant != NULL ? abierto_participant_get_id (participant) : 0;

  if (id == self->participant_id || self->store == NULL)
    return;

  self->participant_id = id;
  g_array_set_size (self->draft, 0);
  abierto_voting_view_update_state (self);
  if (id == 0)
    gtk_stack_set_visible_child_name (self->ballot_stack, "choose");
  else
    /* on a narrow window, from the list to the ballot */
    adw_leaflet_set_visible_child_name (self->people_leaflet, "ballot");
}

static void
ballot_back_cb (AbiertoVotingView *self)
{
  adw_leaflet_navigate (self->people_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->participant_list));
}

static void
abierto_voting_view_reload_participants (AbiertoVotingView *self)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = abierto_store_list_participants (self->store, self->session_id, &error);
  if (fresh == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  abierto_list_store_sync (self->participants, fresh, participant_equal);
}

/* Rounds and proposals */

static void
abierto_voting_view_update_page (AbiertoVotingView *self)
{
  guint n_proposals = self->proposals != NULL ? g_list_model_get_n_items (self->proposals) : 0;
  guint n_rounds = self->rounds != NULL ? g_list_model_get_n_items (self->rounds) : 0;

  gtk_widget_set_visible (self->cancel_round_button, n_rounds > 0);

  if (n_proposals == 0 && n_rounds == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_rounds == 0 || self->creating)
    gtk_stack_set_visible_child_name (self->stack, "new-round");
  else
    gtk_stack_set_visible_child_name (self->stack, "capture");
}

static void
abierto_voting_view_build_rows (AbiertoVotingView *self)
{
  AbiertoMethod method;
  GtkWidget *child;
  GtkListBox *list;
  guint n;

  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->vote_list))) != NULL)
    gtk_list_box_remove (self->vote_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tally_list))) != NULL)
    gtk_list_box_remove (self->tally_list, child);

  if (self->round == NULL || self->proposals == NULL)
    return;

  method = abierto_round_get_method (self->round);
  list = method == ABIERTO_METHOD_TALLY ? self->tally_list : self->vote_list;
  n = g_list_model_get_n_items (self->proposals);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (self->proposals, i);
      GtkWidget *row = abierto_vote_row_new (proposal, i + 1, method,
                                             abierto_round_get_points (self->round));

      g_signal_connect_object (row, "vote", G_CALLBACK (vote_cb), self, 0);
      gtk_list_box_append (list, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_stack_set_visible_child_name (self->capture_stack,
                                    method == ABIERTO_METHOD_TALLY ? "tally" : "people");
}

static char *
round_details (AbiertoRound *round)
{
  switch (abierto_round_get_method (round))
    {
    case ABIERTO_METHOD_DOT:
      return g_strdup_printf (ngettext ("%u dot per person", "%u dots per person",
                                        abierto_round_get_dots (round)),
                              abierto_round_get_dots (round));
    case ABIERTO_METHOD_SCALE:
      return g_strdup (abierto_round_get_points (round) == 3 ? _("3 faces")
                                                             : _("5 points"));
    case ABIERTO_METHOD_APPROVAL:
      return g_strdup (_("Each person approves as many as they like"));
    case ABIERTO_METHOD_RANKING:
      return g_strdup (_("Each person puts the proposals in order"));
    case ABIERTO_METHOD_TALLY:
      return g_strdup (_("Hands counted by the facilitator"));
    default:
      g_assert_not_reached ();
    }
}

static void
abierto_voting_view_show_round (AbiertoVotingView *self,
                                AbiertoRound      *round,
                                guint              position)
{
  g_autofree char *details = NULL;
  gint64 id = round != NULL ? abierto_round_get_id (round) : 0;
  gboolean changed = round != self->round;

  if (changed)
    {
      g_set_object (&self->round, round);
      g_array_set_size (self->draft, 0);
      abierto_voting_view_build_rows (self);
    }

  if (round != NULL)
    {
      details = round_details (round);
      if (g_list_model_get_n_items (self->rounds) > 1)
        {
          gtk_label_set_label (self->round_label, details);
        }
      else
        {
          g_autofree char *name = abierto_round_dup_label (round, position);
          g_autofree char *text = g_strdup_printf ("%s · %s", name, details);

          gtk_label_set_label (self->round_label, text);
        }
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "voting.kiosk",
                                 round != NULL && self->store != NULL
                                 && abierto_round_get_method (round) != ABIERTO_METHOD_TALLY
                                 && !abierto_store_is_read_only (self->store));

  if (self->round_id != id)
    {
      self->round_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND_ID]);
    }

  if (changed)
    abierto_voting_view_update_state (self);
}

static void
abierto_voting_view_reload_rounds (AbiertoVotingView *self)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(AbiertoRound) chosen = NULL;
  guint n, position = 0;

  fresh = abierto_store_list_rounds (self->store, self->session_id, &error);
  if (fresh == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_set_object (&self->rounds, fresh);
  n = g_list_model_get_n_items (fresh);

  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoRound) round = g_list_model_get_item (fresh, i);

      g_ptr_array_add (labels, abierto_round_dup_label (round, i));
      if (abierto_round_get_id (round) == self->round_id)
        {
          g_set_object (&chosen, round);
          position = i;
        }
    }
  g_ptr_array_add (labels, NULL);

  /* The newest round when the one on show is gone */
  if (chosen == NULL && n > 0)
    {
      chosen = g_list_model_get_item (fresh, n - 1);
      position = n - 1;
    }

  self->updating_rounds = TRUE;
  gtk_string_list_splice (self->round_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->round_labels)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->round_dropdown, position);
  self->updating_rounds = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->round_dropdown), n > 1);

  /* A round reloaded from the file is a new object; keep rows if it is
   * the same round. */
  if (chosen != NULL && self->round != NULL
      && abierto_round_get_id (chosen) == abierto_round_get_id (self->round))
    g_set_object (&chosen, self->round);

  abierto_voting_view_show_round (self, chosen, position);
  abierto_voting_view_update_page (self);
}

static void
abierto_voting_view_reload_proposals (AbiertoVotingView *self)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = abierto_store_list_proposals (self->store, self->session_id, &error);
  if (fresh == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_set_object (&self->proposals, fresh);
  abierto_voting_view_build_rows (self);
  abierto_voting_view_update_state (self);
  abierto_voting_view_update_page (self);
}

static void
round_selected_cb (AbiertoVotingView *self)
{
  guint position = gtk_drop_down_get_selected (self->round_dropdown);
  g_autoptr(AbiertoRound) round = NULL;

  if (self->updating_rounds || self->rounds == NULL
      || position >= g_list_model_get_n_items (self->rounds))
    return;

  round = g_list_model_get_item (self->rounds, position);
  abierto_voting_view_show_round (self, round, position);
}

static void
store_changed_cb (AbiertoVotingView *self,
                  const char        *table,
                  gint64             session_id,
                  AbiertoStore      *store)
{
  if (session_id != self->session_id)
    return;

  if (g_strcmp0 (table, "voting_round") == 0)
    {
      abierto_voting_view_reload_rounds (self);
    }
  else if (g_strcmp0 (table, "proposal") == 0)
    {
      abierto_voting_view_reload_proposals (self);
    }
  else if (g_strcmp0 (table, "participant") == 0)
    {
      abierto_voting_view_reload_participants (self);
      abierto_voting_view_update_state (self);
    }
  else if (g_strcmp0 (table, "vote") == 0)
    {
      abierto_voting_view_update_state (self);
    }
}

/* The new round form */

static void
method_changed_cb (AbiertoVotingView *self)
{
  AbiertoMethod method = adw_combo_row_get_selected (self->method_row);

  gtk_widget_set_visible (GTK_WIDGET (self->dots_row), method == ABIERTO_METHOD_DOT);
  gtk_widget_set_visible (GTK_WIDGET (self->points_row), method == ABIERTO_METHOD_SCALE);
}

static void
new_round_cb (AbiertoVotingView *self)
{
  self->creating = TRUE;
  abierto_voting_view_update_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->method_row));
}

static void
cancel_round_cb (AbiertoVotingView *self)
{
  self->creating = FALSE;
  abierto_voting_view_update_page (self);
}

static void
start_round_cb (AbiertoVotingView *self)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoMethod method = adw_combo_row_get_selected (self->method_row);

  if (self->store == NULL || method >= ABIERTO_N_METHODS)
    return;

  round = abierto_round_new (self->session_id, method);
  abierto_round_set_title (round, gtk_editable_get_text (GTK_EDITABLE (self->round_title_row)));
  abierto_round_set_dots (round, (guint) gtk_spin_button_get_value_as_int (self->dots_spin));
  abierto_round_set_points (round, adw_combo_row_get_selected (self->points_row) == 0 ? 3 : 5);

  /* Show the new round once the store says it is there. */
  self->creating = FALSE;
  if (!abierto_store_add_round (self->store, round, &error))
    {
      self->creating = TRUE;
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  abierto_voting_view_set_round_id (self, abierto_round_get_id (round));
  gtk_editable_set_text (GTK_EDITABLE (self->round_title_row), "");

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_delete (undo, ABIERTO_UNDO_TARGET_ROUND, abierto_round_get_id (round));
  push_undo (self, g_steal_pointer (&undo), _("Round removed"));

  if (method == ABIERTO_METHOD_TALLY)
    gtk_widget_child_focus (GTK_WIDGET (self->tally_list), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->participant_search));
}

static void
delete_round_cb (AbiertoVotingView *self)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = self->round_id;

  if (id == 0)
    return;

  if (!abierto_store_delete_round (self->store, id, &error))
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_restore (undo, ABIERTO_UNDO_TARGET_ROUND, id);
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo, _("Round restored"),
                           GTK_WIDGET (self), _("Round deleted"));
}

/* Kiosk mode */

static void
kiosk_left_cb (AbiertoVotingView *self)
{
  /* the results the kiosk never shows */
  gtk_widget_activate_action (GTK_WIDGET (self), "session.show-view", "s", "results");
}

static void
kiosk_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AbiertoVotingView *self = ABIERTO_VOTING_VIEW (widget);
  g_autoptr(GError) error = NULL;
  AbiertoKioskWindow *kiosk;
  GtkRoot *root;

  if (self->round == NULL || self->store == NULL)
    return;

  kiosk = abierto_kiosk_window_new (self->store, self->round_id, &error);
  if (kiosk == NULL)
    {
      show_error (self, error);
      return;
    }

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (kiosk), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (kiosk), TRUE);
    }
  g_signal_connect_object (kiosk, "left", G_CALLBACK (kiosk_left_cb), self, G_CONNECT_SWAPPED);
  gtk_window_fullscreen (GTK_WINDOW (kiosk));
  gtk_window_present (GTK_WINDOW (kiosk));
}

/* Focusing the view is getting ready for the next vote. */
static gboolean
abierto_voting_view_grab_focus (GtkWidget *widget)
{
  AbiertoVotingView *self = ABIERTO_VOTING_VIEW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "new-round") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->method_row));
  if (g_strcmp0 (page, "capture") != 0)
    return FALSE;
  if (current_method (self) == ABIERTO_METHOD_TALLY)
    return gtk_widget_child_focus (GTK_WIDGET (self->tally_list), GTK_DIR_TAB_FORWARD);
  return gtk_widget_grab_focus (GTK_WIDGET (self->participant_search));
}

/* GObject */

static void
abierto_voting_view_dispose (GObject *object)
{
  AbiertoVotingView *self = (AbiertoVotingView *)object;

  g_cancellable_cancel (self->totals_cancellable);
  g_clear_object (&self->totals_cancellable);

  /* Rows removed from here on are no change of voter to show. */
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  /* The stack is the bin's child and a template child: unparent it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_VOTING_VIEW);

  g_clear_object (&self->rounds);
  g_clear_object (&self->round);
  g_clear_object (&self->proposals);
  g_clear_object (&self->participants);
  g_clear_object (&self->search_filter);
  g_clear_pointer (&self->draft, g_array_unref);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_voting_view_parent_class)->dispose (object);
}

static void
abierto_voting_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AbiertoVotingView *self = ABIERTO_VOTING_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROUND_ID:
      g_value_set_int64 (value, self->round_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_voting_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AbiertoVotingView *self = ABIERTO_VOTING_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROUND_ID:
      abierto_voting_view_set_round_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_voting_view_class_init (AbiertoVotingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_voting_view_dispose;
  object_class->get_property = abierto_voting_view_get_property;
  object_class->set_property = abierto_voting_view_set_property;
  widget_class->grab_focus = abierto_voting_view_grab_focus;

  /**
   * AbiertoVotingView:round-id:
   *
   * The voting round on show, 0 for none.
   */
  properties[PROP_ROUND_ID] =
    g_param_spec_int64 ("round-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ABIERTO_TYPE_VOTE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gobierto/Abierto/ui/abierto-voting-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, people_leaflet);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, round_title_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, method_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, methods);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, dots_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, dots_spin);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, points_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, cancel_round_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, start_round_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, round_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, round_labels);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, round_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, round_totals_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, new_round_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, delete_round_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, capture_stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, participant_search);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, participant_list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, ballot_stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, voter_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, dots_symbols_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, left_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, ranking_group);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, ranking_list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, ranking_buttons);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, redo_ballot_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, save_ballot_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, vote_list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVotingView, tally_list);
  gtk_widget_class_bind_template_callback (widget_class, method_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_round_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_round_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_round_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_round_cb);
  gtk_widget_class_bind_template_callback (widget_class, round_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, participant_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, ballot_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_ballot_cb);
  gtk_widget_class_bind_template_callback (widget_class, redo_ballot_cb);

  gtk_widget_class_install_action (widget_class, "voting.kiosk", NULL, kiosk_action);
}

static void
abierto_voting_view_init (AbiertoVotingView *self)
{
  GtkFilterListModel *filtered;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->draft = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->participants = g_list_store_new (ABIERTO_TYPE_PARTICIPANT);

  for (guint i = 0; i < ABIERTO_N_METHODS; i++)
    gtk_string_list_append (self->methods, abierto_method_get_label (i));
  method_changed_cb (self);

  /* The filter model holds the filter and the list store. */
  self->search_filter = gtk_custom_filter_new (participant_filter, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->participants)),
                                        GTK_FILTER (g_object_ref (self->search_filter)));
  gtk_list_box_bind_model (self->participant_list, G_LIST_MODEL (filtered),
                           create_participant_row, self, NULL);
  g_object_unref (filtered);
}

GtkWidget *
abierto_voting_view_new (AbiertoStore     *store,
                         AbiertoUndoStack *undo,
                         gint64            session_id)
{
  AbiertoVotingView *self = g_object_new (ABIERTO_TYPE_VOTING_VIEW, NULL);

  abierto_voting_view_set_session (self, store, undo, session_id);

  return GTK_WIDGET (self);
}

void
abierto_voting_view_set_session (AbiertoVotingView *self,
                                 AbiertoStore      *store,
                                 AbiertoUndoStack  *undo,
                                 gint64             session_id)
{
  g_autoptr(AbiertoSession) session = NULL;

  g_return_if_fail (ABIERTO_IS_VOTING_VIEW (self));
  g_return_if_fail (ABIERTO_IS_STORE (store));
  g_return_if_fail (ABIERTO_IS_UNDO_STACK (undo));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  self->session_id = session_id;

  session = abierto_store_get_session (store, session_id, NULL);
  self->group = session != NULL ? abierto_session_get_group (session) : ABIERTO_GROUP_MIXED;

  /* Three faces for children, five points for adults */
  adw_combo_row_set_selected (self->points_row, self->group == ABIERTO_GROUP_CHILDREN ? 0 : 1);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  abierto_voting_view_reload_participants (self);
  self->proposals = abierto_store_list_proposals (store, session_id, NULL);
  abierto_voting_view_reload_rounds (self);
  abierto_voting_view_update_page (self);
}

gint64
abierto_voting_view_get_round_id (AbiertoVotingView *self)
{
  g_return_val_if_fail (ABIERTO_IS_VOTING_VIEW (self), 0);

  return self->round_id;
}

void
abierto_voting_view_set_round_id (AbiertoVotingView *self,
                                  gint64             round_id)
{
  g_return_if_fail (ABIERTO_IS_VOTING_VIEW (self));

  if (self->round_id == round_id)
    return;

  self->round_id = round_id;
  if (self->store != NULL)
    abierto_voting_view_reload_rounds (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND_ID]);
}
