/* abierto-proposals-view.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-proposals-view.h"
#include "abierto-store-undo.h"
#include "abierto-view-util.h"

struct _AbiertoProposalsView
{
  AdwBin               parent_instance;

  /* Owned */
  AbiertoStore        *store;
  AbiertoUndoStack    *undo;
  GListStore          *proposals;  /* of AbiertoProposal, on show */
  AbiertoProposal     *editing;    /* the one the edit dialog is for */
  AbiertoProposal     *merging;    /* the one the merge dialog is for */
  GArray              *merge_ids;  /* of gint64, the ids merge_labels lists */
  gint64               session_id;

  /* Template children, borrowed */
  AdwEntryRow         *text_row;
  AdwEntryRow         *category_row;
  GtkPopover          *category_popover;
  GtkListBox          *category_list;
  AdwPreferencesGroup *list_group;
  GtkListBox          *list;
  GtkWidget           *edit_form;
  GtkTextView         *edit_text_view;
  AdwEntryRow         *edit_category_row;
  GtkWidget           *merge_form;
  GtkDropDown         *merge_dropdown;
  GtkStringList       *merge_labels;
};

G_DEFINE_FINAL_TYPE (AbiertoProposalsView, abierto_proposals_view, ADW_TYPE_BIN)

static gboolean
proposal_equal (gconstpointer a,
                gconstpointer b)
{
  AbiertoProposal *pa = (AbiertoProposal *) a;
  AbiertoProposal *pb = (AbiertoProposal *) b;

  return abierto_proposal_get_id (pa) == abierto_proposal_get_id (pb)
         && g_strcmp0 (abierto_proposal_get_text (pa), abierto_proposal_get_text (pb)) == 0
         && g_strcmp0 (abierto_proposal_get_title (pa), abierto_proposal_get_title (pb)) == 0
         && g_strcmp0 (abierto_proposal_get_category (pa),
                       abierto_proposal_get_category (pb)) == 0;
}

static void
delete_clicked_cb (GtkButton            *button,
                   AbiertoProposalsView *self)
{
  AbiertoProposal *proposal = g_object_get_data (G_OBJECT (button), "proposal");
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = abierto_proposal_get_id (proposal);

  if (!abierto_store_delete_proposal (self->store, id, &error))
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_restore (undo, ABIERTO_UNDO_TARGET_PROPOSAL, id);
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo, _("Proposal restored"),
                           GTK_WIDGET (self), _("Proposal deleted"));
}

static void
edit_response_cb (AdwMessageDialog     *dialog,
                  const char           *response,
                  AbiertoProposalsView *self)
{
  g_autoptr(AbiertoProposal) edited = NULL;
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AbiertoProposal *old = self->editing;
  const char *category;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->edit_text_view);
  GtkTextIter start, end;

  /* The form belongs to the view and is used again next time. */
  adw_message_dialog_set_extra_child (dialog, NULL);

  if (g_strcmp0 (response, "save") == 0 && old != NULL)
    {
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

      edited = abierto_proposal_new (self->session_id, g_strstrip (text));
      abierto_proposal_set_id (edited, abierto_proposal_get_id (old));
      abierto_proposal_set_uuid (edited, abierto_proposal_get_uuid (old));
      abierto_proposal_set_title (edited, abierto_proposal_get_title (old));
      abierto_proposal_set_author_id (edited, abierto_proposal_get_author_id (old));
      category = gtk_editable_get_text (GTK_EDITABLE (self->edit_category_row));
      abierto_proposal_set_category (edited, category);

      if (abierto_store_update_proposal (self->store, edited, &error))
        {
          undo = abierto_store_undo_new (self->store);
          abierto_store_undo_update_proposal (undo, old);
          abierto_store_undo_push (g_steal_pointer (&undo), self->undo,
                                   _("Proposal changes undone"), NULL, NULL);
        }
      else
        {
          abierto_show_toast (GTK_WIDGET (self), error->message);
        }
    }

  g_clear_object (&self->editing);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
edit_clicked_cb (GtkButton            *button,
                 AbiertoProposalsView *self)
{
  AbiertoProposal *proposal = g_object_get_data (G_OBJECT (button), "proposal");
  const char *category = abierto_proposal_get_category (proposal);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  g_set_object (&self->editing, proposal);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->edit_text_view),
                            abierto_proposal_get_text (proposal), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->edit_category_row),
                         category != NULL ? category : "");

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Edit Proposal"), NULL));
  adw_message_dialog_set_extra_child (dialog, self->edit_form);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_text_view));
}

static void
merge_response_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   AbiertoProposalsView *self)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  guint position = gtk_drop_down_get_selected (self->merge_dropdown);
  gint64 merged_id, kept_id;

  /* The form belongs to the view and is used again next time. */
  adw_message_dialog_set_extra_child (dialog, NULL);

  if (g_strcmp0 (response, "merge") == 0 && self->merging != NULL
      && position < self->merge_ids->len)
    {
      merged_id = abierto_proposal_get_id (self->merging);
      kept_id = g_array_index (self->merge_ids, gint64, position);

      if (abierto_store_merge_proposals (self->store, kept_id, merged_id, &error))
        {
          undo = abierto_store_undo_new (self->store);
          abierto_store_undo_unmerge_proposal (undo, merged_id);
          abierto_store_undo_push (g_steal_pointer (&undo), self->undo,
                                   _("Proposals unmerged"), GTK_WIDGET (self),
                                   _("Proposal merged"));
        }
      else
        {
          abierto_show_toast (GTK_WIDGET (self), error->message);
        }
    }

  g_clear_object (&self->merging);
  g_array_set_size (self->merge_ids, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
merge_clicked_cb (GtkButton            *button,
                  AbiertoProposalsView *self)
{
  AbiertoProposal *proposal = g_object_get_data (G_OBJECT (button), "proposal");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = abierto_proposal_dup_label (proposal);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->proposals));

  g_set_object (&self->merging, proposal);

  /* The others, numbered as the list numbers them */
  g_array_set_size (self->merge_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoProposal) other = g_list_model_get_item (G_LIST_MODEL (self->proposals), i);
      g_autofree char *other_label = NULL;
      gint64 id = abierto_proposal_get_id (other);

      if (id == abierto_proposal_get_id (proposal))
        continue;

      other_label = abierto_proposal_dup_label (other);
      /* Translators: a proposal to merge into: its number in the list, then its label */
      g_ptr_array_add (labels, g_strdup_printf (_("%u. %s"), i + 1, other_label));
      g_array_append_val (self->merge_ids, id);
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->merge_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->merge_labels)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->merge_dropdown, 0);

  /* Translators: %s is the proposal being merged away */
  body = g_strdup_printf (_("“%s” will be merged into the proposal you choose, which keeps its "
                            "text. Votes follow: dots and raised hands are added up; a person "
                            "who voted for both keeps one vote, for the proposal that stays. "
                            "You can undo this."),
                          label);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Merge Proposals"), body));
  adw_message_dialog_set_extra_child (dialog, self->merge_form);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "merge", self->merge_ids->len > 0);
  adw_message_dialog_set_default_response (dialog, "merge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->merge_dropdown));
}

static GtkWidget *
make_icon_button (const char *icon_name,
                  const char *tooltip,
                  const char *accessible_label)
{
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", icon_name,
                                    "valign", GTK_ALIGN_CENTER,
                                    "tooltip-text", tooltip,
                                    NULL);

  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AbiertoProposalsView *self = user_data;
  AbiertoProposal *proposal = ABIERTO_PROPOSAL (item);
  const char *category = abierto_proposal_get_category (proposal);
  GtkWidget *row, *number, *edit, *merge, *delete;

  /* Proposals are typed by people: never markup. A long proposal wraps
   * over as many lines as it needs: the row's title is never cut. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), abierto_proposal_get_text (proposal));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (category != NULL && *category != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), category);

  /* The number people call it by; abierto_proposals_view_renumber() sets it */
  number = g_object_new (GTK_TYPE_LABEL,
                         "width-chars", 2,
                         "xalign", 1.0f,
                         "valign", GTK_ALIGN_CENTER,
                         NULL);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "title-4");
  gtk_widget_add_css_class (number, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);
  g_object_set_data (G_OBJECT (row), "number-label", number);

  edit = make_icon_button ("document-edit-symbolic", _("Edit Proposal"), _("Edit Proposal"));
  g_object_set_data_full (G_OBJECT (edit), "proposal", g_object_ref (proposal), g_object_unref);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  /* abierto_proposals_view_renumber() makes it sensitive when there is
   * another proposal to merge into */
  merge = make_icon_button ("insert-link-symbolic", _("Merge Into Another Proposal"),
                            _("Merge Into Another Proposal"));
  g_object_set_data_full (G_OBJECT (merge), "proposal", g_object_ref (proposal), g_object_unref);
  g_signal_connect_object (merge, "clicked", G_CALLBACK (merge_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), merge);
  g_object_set_data (G_OBJECT (row), "merge-button", merge);

  delete = make_icon_button ("user-trash-symbolic", _("Delete Proposal"), _("Delete Proposal"));
  g_object_set_data_full (G_OBJECT (delete), "proposal", g_object_ref (proposal), g_object_unref);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  return row;
}

/* Rows kept by a sync keep their widgets, so numbers are set afterwards,
 * and so is whether there is another proposal to merge into. */
static void
abierto_proposals_view_renumber (AbiertoProposalsView *self)
{
  gboolean can_merge = g_list_model_get_n_items (G_LIST_MODEL (self->proposals)) > 1;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      GtkLabel *number = g_object_get_data (G_OBJECT (row), "number-label");
      GtkWidget *merge = g_object_get_data (G_OBJECT (row), "merge-button");
      g_autofree char *text = g_strdup_printf ("%d", i + 1);
      /* Translators: the accessible label of a proposal's number */
      g_autofree char *accessible = g_strdup_printf (_("Proposal %d"), i + 1);

      if (number == NULL)
        continue;
      gtk_widget_set_sensitive (merge, can_merge);
      gtk_label_set_label (number, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (number),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                      -1);
    }
}

static void
abierto_proposals_view_reload_categories (AbiertoProposalsView *self)
{
  g_auto(GStrv) categories = NULL;
  GtkWidget *child;

  categories = abierto_store_list_categories (self->store, self->session_id, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_list))) != NULL
         && GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->category_list, child);

  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                       "label", categories[i],
                                       "xalign", 0.0f,
                                       "wrap", TRUE,
                                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                       "max-width-chars", 30,
                                       NULL);

      gtk_list_box_append (self->category_list, label);
    }
}

static void
abierto_proposals_view_reload (AbiertoProposalsView *self)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  guint n;

  fresh = abierto_store_list_proposals (self->store, self->session_id, &error);
  if (fresh == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  abierto_list_store_sync (self->proposals, fresh, proposal_equal);
  abierto_proposals_view_renumber (self);
  abierto_proposals_view_reload_categories (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->proposals));
  count = g_strdup_printf (ngettext ("%u proposal", "%u proposals", n), n);
  adw_preferences_group_set_description (self->list_group, n > 0 ? count : NULL);
}

static void
store_changed_cb (AbiertoProposalsView *self,
                  const char           *table,
                  gint64                session_id,
                  AbiertoStore         *store)
{
  if (session_id == self->session_id)
    abierto_proposals_view_reload (self);
}

static void
add_cb (AbiertoProposalsView *self)
{
  g_autoptr(AbiertoProposal) proposal = NULL;
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *category = NULL;

  if (self->store == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_row))));
  category = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->category_row))));
  if (*text == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->text_row));
      return;
    }

  proposal = abierto_proposal_new (self->session_id, text);
  if (*category != '\0')
    abierto_proposal_set_category (proposal, category);

  if (!abierto_store_add_proposal (self->store, proposal, &error))
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_row));
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_delete (undo, ABIERTO_UNDO_TARGET_PROPOSAL,
                             abierto_proposal_get_id (proposal));
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo, _("Proposal removed"),
                           NULL, NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->text_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->text_row));
}

static void
category_activated_cb (AbiertoProposalsView *self)
{
  /* Enter in the category goes on to the text, which adds on Enter. */
  gtk_widget_grab_focus (GTK_WIDGET (self->text_row));
}

static void
category_row_activated_cb (AbiertoProposalsView *self,
                           GtkListBoxRow        *row,
                           GtkListBox           *list)
{
  GtkLabel *label = GTK_LABEL (gtk_list_box_row_get_child (row));

  gtk_editable_set_text (GTK_EDITABLE (self->category_row), gtk_label_get_label (label));
  gtk_popover_popdown (self->category_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_row));
}

/* Focusing the view is getting ready to type the next proposal. */
static gboolean
abierto_proposals_view_grab_focus (GtkWidget *widget)
{
  AbiertoProposalsView *self = ABIERTO_PROPOSALS_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_row));
}

static void
abierto_proposals_view_dispose (GObject *object)
{
  AbiertoProposalsView *self = (AbiertoProposalsView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_PROPOSALS_VIEW);

  g_clear_object (&self->editing);
  g_clear_object (&self->merging);
  g_clear_pointer (&self->merge_ids, g_array_unref);
  g_clear_object (&self->proposals);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_proposals_view_parent_class)->dispose (object);
}

static void
abierto_proposals_view_class_init (AbiertoProposalsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_proposals_view_dispose;
  widget_class->grab_focus = abierto_proposals_view_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gobierto/Abierto/ui/"
                                               "abierto-proposals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, text_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, category_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, category_popover);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, category_list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, list_group);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, edit_form);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, edit_text_view);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, edit_category_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, merge_form);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, merge_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProposalsView, merge_labels);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_row_activated_cb);
}

static void
abierto_proposals_view_init (AbiertoProposalsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->proposals = g_list_store_new (ABIERTO_TYPE_PROPOSAL);
  self->merge_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->proposals),
                           create_row, self, NULL);
}

GtkWidget *
abierto_proposals_view_new (AbiertoStore     *store,
                            AbiertoUndoStack *undo,
                            gint64            session_id)
{
  AbiertoProposalsView *self = g_object_new (ABIERTO_TYPE_PROPOSALS_VIEW, NULL);

  abierto_proposals_view_set_session (self, store, undo, session_id);

  return GTK_WIDGET (self);
}

void
abierto_proposals_view_set_session (AbiertoProposalsView *self,
                                    AbiertoStore         *store,
                                    AbiertoUndoStack     *undo,
                                    gint64                session_id)
{
  g_return_if_fail (ABIERTO_IS_PROPOSALS_VIEW (self));
  g_return_if_fail (ABIERTO_IS_STORE (store));
  g_return_if_fail (ABIERTO_IS_UNDO_STACK (undo));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  self->session_id = session_id;

  g_signal_connect_object (store, "changed::proposal",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  abierto_proposals_view_reload (self);
}
