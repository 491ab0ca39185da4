/* abierto-all-commitments-window.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-all-commitments-window.h"
#include "abierto-commitment-dialog.h"
#include "abierto-commitments-view.h"
#include "abierto-view-util.h"

/* Every commitment of the file, whatever its session, to follow up what
 * an institution promised across workshops. */
struct _AbiertoAllCommitmentsWindow
{
  AdwWindow         parent_instance;

  /* Owned */
  AbiertoStore     *store;
  AbiertoUndoStack *undo;
  GListStore       *commitments;    /* of AbiertoCommitment, on show */
  GHashTable       *sessions;       /* session id → its title */
  GtkStringList    *institutions;   /* “All institutions”, then every name */
  GtkStringList    *statuses;       /* “All statuses”, then every status */

  /* Template children, borrowed */
  AdwWindowTitle   *window_title;
  GtkDropDown      *institution_filter;
  GtkDropDown      *status_filter;
  GtkListBox       *list;
  GtkLabel         *placeholder;

  guint             reloading : 1;
};

G_DEFINE_FINAL_TYPE (AbiertoAllCommitmentsWindow, abierto_all_commitments_window,
                     ADW_TYPE_WINDOW)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AbiertoAllCommitmentsWindow *self = user_data;
  AbiertoCommitment *commitment = ABIERTO_COMMITMENT (item);
  gint64 session_id = abierto_commitment_get_session_id (commitment);
  const char *title = g_hash_table_lookup (self->sessions, &session_id);
  g_autofree char *context = NULL;

  /* Translators: the session a commitment came from, by its title */
  context = g_strdup_printf (_("Session: %s"), title != NULL ? title : "");

  return abierto_commitment_row_new (commitment, context);
}

static void
abierto_all_commitments_window_reload_sessions (AbiertoAllCommitmentsWindow *self)
{
  g_autoptr(GListModel) sessions = abierto_store_list_sessions (self->store, NULL);
  guint n = sessions != NULL ? g_list_model_get_n_items (sessions) : 0;

  g_hash_table_remove_all (self->sessions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoSession) session = g_list_model_get_item (sessions, i);
      gint64 *id = g_new (gint64, 1);

      *id = abierto_session_get_id (session);
      g_hash_table_insert (self->sessions, id, g_strdup (abierto_session_get_title (session)));
    }
}

/* The names to filter by, keeping the one chosen while it is there. */
static void
abierto_all_commitments_window_reload_institutions (AbiertoAllCommitmentsWindow *self)
{
  g_auto(GStrv) names = abierto_store_list_institutions (self->store, 0, NULL);
  guint selected = gtk_drop_down_get_selected (self->institution_filter);
  g_autofree char *chosen = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->institutions));
  guint n_names = names != NULL ? g_strv_length (names) : 0;
  gboolean same = n == n_names + 1;
  guint position = 0;

  /* Replacing the choices would move the selection, and the drop-down
   * would notify again: only when they changed. */
  for (guint i = 0; same && i < n_names; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->institutions, i + 1), names[i]) == 0;
  if (same)
    return;

  if (selected > 0 && selected < n)
    chosen = g_strdup (gtk_string_list_get_string (self->institutions, selected));

  gtk_string_list_splice (self->institutions, 1, n - 1, (const char * const *) names);
  for (guint i = 0; chosen != NULL && i < n_names; i++)
    if (g_strcmp0 (names[i], chosen) == 0)
      position = i + 1;
  gtk_drop_down_set_selected (self->institution_filter, position);
}

static void
abierto_all_commitments_window_reload (AbiertoAllCommitmentsWindow *self)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  const char *institution = NULL;
  guint selected, statuses = 0, n;

  if (self->store == NULL || self->reloading)
    return;

  /* Changing the choices of a drop-down notifies: one reload is enough. */
  self->reloading = TRUE;
  abierto_all_commitments_window_reload_sessions (self);
  abierto_all_commitments_window_reload_institutions (self);
  self->reloading = FALSE;

  selected = gtk_drop_down_get_selected (self->institution_filter);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    institution = gtk_string_list_get_string (self->institutions, selected);
  selected = gtk_drop_down_get_selected (self->status_filter);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    statuses = ABIERTO_COMMITMENT_STATUS_MASK (selected - 1);

  fresh = abierto_store_find_commitments (self->store, 0, institution, statuses, &error);
  if (fresh == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self->list), error->message);
      return;
    }

  /* Rows show session titles too: make them all again. */
  g_list_store_remove_all (self->commitments);
  abierto_list_store_sync (self->commitments, fresh, g_direct_equal);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->commitments));
  count = g_strdup_printf (ngettext ("%u commitment", "%u commitments", n), n);
  adw_window_title_set_subtitle (self->window_title, count);
  gtk_label_set_label (self->placeholder,
                       institution == NULL && statuses == 0
                       ? _("No commitments yet. Add them in the Commitments section of a session.")
                       : _("No commitments match these filters."));
}

static void
filter_changed_cb (AbiertoAllCommitmentsWindow *self)
{
  abierto_all_commitments_window_reload (self);
}

static void
store_changed_cb (AbiertoAllCommitmentsWindow *self)
{
  abierto_all_commitments_window_reload (self);
}

static void
row_activated_cb (AbiertoAllCommitmentsWindow *self,
                  GtkListBoxRow               *row,
                  GtkListBox                  *list)
{
  AbiertoCommitment *commitment = g_object_get_data (G_OBJECT (row), "abierto-commitment");
  AbiertoCommitmentDialog *dialog;

  if (commitment == NULL)
    return;

  dialog = abierto_commitment_dialog_new (GTK_WINDOW (self), self->store, self->undo,
                                          abierto_commitment_get_session_id (commitment),
                                          commitment);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
abierto_all_commitments_window_dispose (GObject *object)
{
  AbiertoAllCommitmentsWindow *self = (AbiertoAllCommitmentsWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW);

  g_clear_object (&self->commitments);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_object (&self->institutions);
  g_clear_object (&self->statuses);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_all_commitments_window_parent_class)->dispose (object);
}

static void
abierto_all_commitments_window_class_init (AbiertoAllCommitmentsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_all_commitments_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/gobierto/Abierto/ui/abierto-all-commitments-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoAllCommitmentsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoAllCommitmentsWindow,
                                        institution_filter);
  gtk_widget_class_bind_template_child (widget_class, AbiertoAllCommitmentsWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AbiertoAllCommitmentsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoAllCommitmentsWindow, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
abierto_all_commitments_window_init (AbiertoAllCommitmentsWindow *self)
{
  self->reloading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->commitments = g_list_store_new (ABIERTO_TYPE_COMMITMENT);
  self->sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->institutions = gtk_string_list_new (NULL);
  gtk_string_list_append (self->institutions, _("All institutions"));
  gtk_drop_down_set_model (self->institution_filter, G_LIST_MODEL (self->institutions));

  self->statuses = gtk_string_list_new (NULL);
  gtk_string_list_append (self->statuses, _("All statuses"));
  for (guint i = 0; i < ABIERTO_N_COMMITMENT_STATUSES; i++)
    gtk_string_list_append (self->statuses,
                            abierto_commitment_status_get_label ((AbiertoCommitmentStatus) i));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (self->statuses));

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->commitments), create_row, self, NULL);
  self->reloading = FALSE;
}

/**
 * abierto_all_commitments_window_new:
 * @parent: (nullable): the main window; when its file changes, this
 *   window closes
 * @store: the workshop file
 * @undo: the undo stack where changes made from here are pushed
 *
 * Returns: (transfer none): a new window, owned by GTK like every
 *   toplevel; present it
 */
AbiertoAllCommitmentsWindow *
abierto_all_commitments_window_new (GtkWindow        *parent,
                                    AbiertoStore     *store,
                                    AbiertoUndoStack *undo)
{
  AbiertoAllCommitmentsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);
  g_return_val_if_fail (ABIERTO_IS_UNDO_STACK (undo), NULL);

  self = g_object_new (ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);

  g_signal_connect_object (store, "changed::commitment",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::session",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  /* Another file in the main window: this list is of the old one. */
  if (parent != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (parent), "store"))
    g_signal_connect_object (parent, "notify::store",
                             G_CALLBACK (gtk_window_destroy), self, G_CONNECT_SWAPPED);

  abierto_all_commitments_window_reload (self);

  return self;
}
