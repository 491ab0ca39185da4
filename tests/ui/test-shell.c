/* test-shell.c: the window shell — sidebar, search, dialogs, undo, files
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "abierto-session-dialog.h"
#include "abierto-window.h"
#include "abierto-session-page.h"
#include "test-util.h"

static guint
n_rows (AbiertoWindow *window)
{
  g_autoptr(GPtrArray) rows = list_rows (sessions_list (window));

  return rows->len;
}

static gboolean
has_row (AbiertoWindow *window,
         const char    *title)
{
  g_autoptr(GPtrArray) rows = list_rows (sessions_list (window));

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (row_title (rows, i), title) == 0)
      return TRUE;

  return FALSE;
}

static GtkListBoxRow *
find_row (AbiertoWindow *window,
          const char    *title)
{
  g_autoptr(GPtrArray) rows = list_rows (sessions_list (window));

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (row_title (rows, i), title) == 0)
      return g_ptr_array_index (rows, i);

  g_assert_not_reached ();
}

static const char *
content_title (AbiertoWindow *window)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkWidget *leaflet = GTK_WIDGET (window_leaflet (window));

  /* The title of the content pane's header bar, not one inside the page. */
  collect_descendants (leaflet, ADW_TYPE_WINDOW_TITLE, titles);
  for (guint i = 0; i < titles->len; i++)
    {
      GtkWidget *title = g_ptr_array_index (titles, i);

      if (!is_app_title (title)
          && gtk_widget_get_ancestor (title, ADW_TYPE_VIEW_SWITCHER_TITLE) == NULL
          && gtk_widget_get_ancestor (title, ADW_TYPE_HEADER_BAR) != NULL)
        return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
    }

  g_assert_not_reached ();
}

static AbiertoSession *
selected_session (AbiertoWindow *window)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (sessions_list (window));

  g_assert_nonnull (row);
  return row_session (row);
}

static gboolean
store_has_session (AbiertoStore *store,
                   const char   *title)
{
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;

  sessions = abierto_store_list_sessions (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(AbiertoSession) session = g_list_model_get_item (sessions, i);

      if (g_strcmp0 (abierto_session_get_title (session), title) == 0)
        return TRUE;
    }

  return FALSE;
}

static GtkSearchEntry *
search_entry (AbiertoWindow *window)
{
  GtkWidget *entry = find_descendant (window_sidebar (window), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  return GTK_SEARCH_ENTRY (entry);
}

static GtkDropDown *
group_filter (AbiertoWindow *window)
{
  GtkWidget *drop_down = find_descendant (window_sidebar (window), GTK_TYPE_DROP_DOWN, NULL);

  g_assert_nonnull (drop_down);
  return GTK_DROP_DOWN (drop_down);
}

/* Types into the search entry and waits for the filter, which the entry
 * applies after a short delay. */
static void
search (AbiertoWindow *window,
        const char    *text)
{
  GtkSearchEntry *entry = search_entry (window);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
  iterate_pending ();
}

static void
test_shell_search (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AbiertoSession) a = NULL, b = NULL, c = NULL;
  AbiertoWindow *window;

  a = add_session_full (fixture->store, "Árboles del barrio", ABIERTO_GROUP_CHILDREN,
                        "2026-03-01", "Parque Hundido, Benito Juárez", NULL);
  b = add_session_full (fixture->store, "Calles seguras", ABIERTO_GROUP_OLDER_ADULTS,
                        "2026-02-01", "Alcaldía Coyoacán", "¿Cómo cruzamos la AVENIDA?");
  c = add_session_full (fixture->store, "Trabajo digno", ABIERTO_GROUP_WOMEN_REENTRY,
                        "2026-01-01", "Santa Martha", NULL);

  window = present_window (fixture->store);
  g_assert_cmpuint (n_rows (window), ==, 3);

  /* Without accents or capitals, the title is found. */
  search (window, "arboles");
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_true (has_row (window, "Árboles del barrio"));
  search (window, "ÁRBOLES");
  g_assert_cmpuint (n_rows (window), ==, 1);

  /* The place, and the guiding question. */
  search (window, "coyoacan");
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_true (has_row (window, "Calles seguras"));
  search (window, "avenida");
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_true (has_row (window, "Calles seguras"));
  search (window, "parque hundido");
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_true (has_row (window, "Árboles del barrio"));

  /* Every word must match; nothing found says so. */
  search (window, "parque coyoacan");
  g_assert_cmpuint (n_rows (window), ==, 0);
  g_assert_cmpstr (visible_page (window), ==, "none");

  search (window, "");
  g_assert_cmpuint (n_rows (window), ==, 3);

  /* A filtered-out session on show stays on show. */
  g_signal_emit_by_name (sessions_list (window), "row-activated",
                         find_row (window, "Trabajo digno"));
  g_assert_cmpstr (content_title (window), ==, "Trabajo digno");
  search (window, "arbol");
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_cmpstr (content_title (window), ==, "Trabajo digno");
  search (window, "");
  g_assert_true (gtk_list_box_get_selected_row (sessions_list (window))
                 == find_row (window, "Trabajo digno"));

  destroy_window (window);
}

static void
test_shell_group_filter (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AbiertoWindow *window;
  GtkDropDown *filter;

  add_session (fixture->store, "Árboles", ABIERTO_GROUP_CHILDREN, "2026-03-01", NULL);
  add_session (fixture->store, "Recreo", ABIERTO_GROUP_CHILDREN, "2026-02-01", NULL);
  add_session (fixture->store, "Calles", ABIERTO_GROUP_OLDER_ADULTS, "2026-01-01", NULL);

  window = present_window (fixture->store);
  filter = group_filter (window);

  /* “All groups”, then the four groups. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (filter)), ==,
                    1 + ABIERTO_N_GROUPS);
  g_assert_cmpuint (gtk_drop_down_get_selected (filter), ==, 0);

  gtk_drop_down_set_selected (filter, 1 + ABIERTO_GROUP_CHILDREN);
  g_assert_cmpuint (n_rows (window), ==, 2);
  g_assert_false (has_row (window, "Calles"));

  gtk_drop_down_set_selected (filter, 1 + ABIERTO_GROUP_OLDER_ADULTS);
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_true (has_row (window, "Calles"));

  gtk_drop_down_set_selected (filter, 1 + ABIERTO_GROUP_MIXED);
  g_assert_cmpuint (n_rows (window), ==, 0);

  /* Group and search together. */
  gtk_drop_down_set_selected (filter, 1 + ABIERTO_GROUP_CHILDREN);
  search (window, "arboles");
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_true (has_row (window, "Árboles"));

  gtk_drop_down_set_selected (filter, 0);
  search (window, "");
  g_assert_cmpuint (n_rows (window), ==, 3);

  destroy_window (window);
}

static AbiertoSessionDialog *
find_session_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ABIERTO_IS_SESSION_DIALOG (window))
        return ABIERTO_SESSION_DIALOG (window);
    }

  return NULL;
}

typedef struct
{
  AbiertoSessionDialog *dialog;
  GtkWidget            *save;
  GtkEditable          *title;
  GtkEditable          *question;
  AdwComboRow          *group;
  GtkEditable          *date;
  GtkEditable          *place;
  GtkEditable          *facilitators;
} DialogParts;

static gboolean
is_suggested (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "suggested-action");
}

static DialogParts
dialog_parts (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  DialogParts parts = { find_session_dialog () };

  g_assert_nonnull (parts.dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (parts.dialog)));
  parts.save = find_descendant (GTK_WIDGET (parts.dialog), GTK_TYPE_BUTTON, is_suggested);
  g_assert_nonnull (parts.save);

  collect_descendants (GTK_WIDGET (parts.dialog), ADW_TYPE_ENTRY_ROW, entries);
  /* the sixth is the publication address, tested in test-export-dialog.c */
  g_assert_cmpuint (entries->len, ==, 6);
  parts.title = g_ptr_array_index (entries, 0);
  parts.question = g_ptr_array_index (entries, 1);
  parts.date = g_ptr_array_index (entries, 2);
  parts.place = g_ptr_array_index (entries, 3);
  parts.facilitators = g_ptr_array_index (entries, 4);
  parts.group = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (parts.dialog), ADW_TYPE_COMBO_ROW,
                                                NULL));
  g_assert_nonnull (parts.group);

  return parts;
}

static void
test_shell_new_session (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(AbiertoSession) created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  AbiertoWindow *window;
  DialogParts parts;

  window = present_window (fixture->store);
  g_assert_cmpstr (visible_page (window), ==, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL));
  parts = dialog_parts ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (parts.dialog)) == GTK_WINDOW (window));

  /* Today is offered; a blank title cannot be created. */
  g_assert_cmpstr (gtk_editable_get_text (parts.date), ==, today);
  g_assert_false (gtk_widget_get_sensitive (parts.save));
  gtk_editable_set_text (parts.title, "   ");
  g_assert_false (gtk_widget_get_sensitive (parts.save));
  g_assert_false (abierto_session_dialog_save (parts.dialog));
  g_assert_true (find_session_dialog () == parts.dialog);

  gtk_editable_set_text (parts.title, "Ñandú <en> el parque");
  g_assert_true (gtk_widget_get_sensitive (parts.save));
  gtk_editable_set_text (parts.question, "¿Qué cambiarías del parque?");
  adw_combo_row_set_selected (parts.group, ABIERTO_GROUP_CHILDREN);
  gtk_editable_set_text (parts.date, "2026-05-20");
  gtk_editable_set_text (parts.place, "Parque Hundido");
  gtk_editable_set_text (parts.facilitators, "Ana, Luis");
  g_signal_emit_by_name (parts.save, "clicked");
  iterate_pending ();
  g_assert_null (find_session_dialog ());

  /* It is in the file, and on show. */
  sessions = abierto_store_list_sessions (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  created = g_list_model_get_item (sessions, 0);
  g_assert_cmpstr (abierto_session_get_title (created), ==, "Ñandú <en> el parque");
  g_assert_cmpstr (abierto_session_get_question (created), ==, "¿Qué cambiarías del parque?");
  g_assert_cmpint (abierto_session_get_group (created), ==, ABIERTO_GROUP_CHILDREN);
  g_assert_cmpstr (abierto_session_get_date (created), ==, "2026-05-20");
  g_assert_cmpstr (abierto_session_get_place (created), ==, "Parque Hundido");
  g_assert_cmpstr (abierto_session_get_facilitators (created), ==, "Ana, Luis");

  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_cmpstr (content_title (window), ==, "Ñandú <en> el parque");
  g_assert_cmpstr (abierto_session_get_title (selected_session (window)), ==,
                   "Ñandú <en> el parque");

  /* Escape, through the window's close action, cancels. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL));
  parts = dialog_parts ();
  gtk_editable_set_text (parts.title, "No se guarda");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (parts.dialog), "window.close", NULL));
  iterate_pending ();
  g_assert_null (find_session_dialog ());
  g_assert_false (store_has_session (fixture->store, "No se guarda"));

  destroy_window (window);
}

/* The shortcut on @widget whose trigger names @key, or NULL */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = NULL;
          g_auto(GStrv) keys = NULL;

          trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          keys = g_strsplit (trigger, "|", -1);
          if (g_strv_contains ((const char * const *) keys, key))
            return shortcut;
        }
    }

  return NULL;
}

/* GTK 4 cannot make a key event in a test, so this runs what the group
 * row's Enter shortcut runs, and what Enter in a text row runs. */
static void
test_shell_group_enter (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char * const keys[] = { "Return", "KP_Enter", "ISO_Enter" };
  AbiertoWindow *window;
  DialogParts parts;
  GtkShortcut *shortcut = NULL;
  GtkWidget *popover, *text;

  window = present_window (fixture->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL));
  parts = dialog_parts ();
  while (!gtk_widget_get_mapped (GTK_WIDGET (parts.dialog)))
    g_main_context_iteration (NULL, TRUE);
  gtk_editable_set_text (parts.title, "Con Enter");

  /* Each Enter key has the row handle it, so it never reaches the
   * window's default widget */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *found = find_shortcut (GTK_WIDGET (parts.group), keys[i]);

      g_assert_nonnull (found);
      g_assert_true (shortcut == NULL || found == shortcut);
      shortcut = found;
    }

  /* Enter on the group opens its list and creates nothing */
  gtk_widget_grab_focus (GTK_WIDGET (parts.group));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (parts.group), NULL));
  iterate_pending ();
  popover = find_descendant (GTK_WIDGET (parts.group), GTK_TYPE_POPOVER, NULL);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (find_session_dialog () == parts.dialog);
  g_assert_false (store_has_session (fixture->store, "Con Enter"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  iterate_pending ();

  /* Enter in a text row still creates the session */
  text = find_descendant (GTK_WIDGET (parts.title), GTK_TYPE_TEXT, NULL);
  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
  /* the button shows itself pressed for a moment before it clicks */
  for (int i = 0; i < 500 && find_session_dialog () != NULL; i++)
    {
      g_usleep (10000);
      iterate_pending ();
    }
  g_assert_null (find_session_dialog ());
  g_assert_true (store_has_session (fixture->store, "Con Enter"));

  destroy_window (window);
}

static void
test_shell_refused (Fixture       *fixture,
                    gconstpointer  user_data)
{
  AbiertoWindow *window;
  DialogParts parts;
  const char *message;

  window = present_window (fixture->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL));
  parts = dialog_parts ();
  g_assert_null (abierto_session_dialog_get_error (parts.dialog));

  /* Core refuses a day that does not exist; nothing typed is lost. */
  gtk_editable_set_text (parts.title, "Calles seguras");
  gtk_editable_set_text (parts.place, "Coyoacán");
  gtk_editable_set_text (parts.date, "2026-02-30");
  g_signal_emit_by_name (parts.save, "clicked");
  iterate_pending ();

  g_assert_true (find_session_dialog () == parts.dialog);
  message = abierto_session_dialog_get_error (parts.dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "2026-02-30"));
  g_assert_cmpstr (gtk_editable_get_text (parts.title), ==, "Calles seguras");
  g_assert_cmpstr (gtk_editable_get_text (parts.place), ==, "Coyoacán");
  g_assert_cmpstr (gtk_editable_get_text (parts.date), ==, "2026-02-30");
  g_assert_false (store_has_session (fixture->store, "Calles seguras"));

  /* Put right, it goes through. */
  gtk_editable_set_text (parts.date, "2026-02-28");
  g_assert_true (abierto_session_dialog_save (parts.dialog));
  iterate_pending ();
  g_assert_null (find_session_dialog ());
  g_assert_true (store_has_session (fixture->store, "Calles seguras"));

  destroy_window (window);
}

static void
test_shell_edit (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(AbiertoSession) edited = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoWindow *window;
  DialogParts parts;

  session = add_session_full (fixture->store, "Calles", ABIERTO_GROUP_OLDER_ADULTS,
                              "2026-03-14", "Coyoacán", "¿Por dónde caminas?");
  add_session (fixture->store, "Otra", ABIERTO_GROUP_MIXED, "2026-01-01", NULL);

  window = present_window (fixture->store);
  g_signal_emit_by_name (sessions_list (window), "row-activated", find_row (window, "Calles"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-session", NULL));
  parts = dialog_parts ();
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (parts.save)), ==, "_Save");
  g_assert_cmpstr (gtk_editable_get_text (parts.title), ==, "Calles");
  g_assert_cmpstr (gtk_editable_get_text (parts.question), ==, "¿Por dónde caminas?");
  g_assert_cmpstr (gtk_editable_get_text (parts.date), ==, "2026-03-14");
  g_assert_cmpstr (gtk_editable_get_text (parts.place), ==, "Coyoacán");
  g_assert_cmpuint (adw_combo_row_get_selected (parts.group), ==, ABIERTO_GROUP_OLDER_ADULTS);

  gtk_editable_set_text (parts.title, "Calles seguras");
  gtk_editable_set_text (parts.date, "");
  adw_combo_row_set_selected (parts.group, ABIERTO_GROUP_MIXED);
  g_assert_true (abierto_session_dialog_save (parts.dialog));
  iterate_pending ();

  edited = abierto_store_get_session (fixture->store, abierto_session_get_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_session_get_title (edited), ==, "Calles seguras");
  g_assert_cmpstr (abierto_session_get_uuid (edited), ==, abierto_session_get_uuid (session));
  g_assert_null (abierto_session_get_date (edited));
  g_assert_cmpint (abierto_session_get_group (edited), ==, ABIERTO_GROUP_MIXED);
  g_assert_cmpstr (abierto_session_get_place (edited), ==, "Coyoacán");

  g_assert_cmpstr (content_title (window), ==, "Calles seguras");
  g_assert_true (has_row (window, "Calles seguras"));
  g_assert_cmpint (abierto_session_get_id (selected_session (window)), ==,
                   abierto_session_get_id (session));

  destroy_window (window);
}

static void
test_shell_delete_undo (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AbiertoSession) session = NULL;
  AbiertoUndoStack *undo;
  AbiertoWindow *window;

  session = add_session_full (fixture->store, "Se va y vuelve", ABIERTO_GROUP_MIXED,
                              "2026-03-14", NULL, NULL);
  add_session (fixture->store, "Se queda", ABIERTO_GROUP_MIXED, "2026-01-01", NULL);

  window = present_window (fixture->store);
  undo = abierto_window_get_undo_stack (window);
  g_assert_false (abierto_undo_stack_can_undo (undo));

  /* Nothing selected, nothing to delete. */
  g_assert_false (abierto_window_delete_session (window));

  g_signal_emit_by_name (sessions_list (window), "row-activated",
                         find_row (window, "Se va y vuelve"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-session", NULL));

  g_assert_false (store_has_session (fixture->store, "Se va y vuelve"));
  g_assert_false (has_row (window, "Se va y vuelve"));
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_cmpstr (visible_page (window), ==, "none");
  g_assert_true (abierto_undo_stack_can_undo (undo));

  /* Ctrl+Z brings it back, and shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (store_has_session (fixture->store, "Se va y vuelve"));
  g_assert_true (has_row (window, "Se va y vuelve"));
  g_assert_cmpuint (n_rows (window), ==, 2);
  g_assert_false (abierto_undo_stack_can_undo (undo));
  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_cmpstr (content_title (window), ==, "Se va y vuelve");

  /* Twice in a row: both come back, newest first. */
  g_assert_true (abierto_window_delete_session (window));
  g_signal_emit_by_name (sessions_list (window), "row-activated", find_row (window, "Se queda"));
  g_assert_true (abierto_window_delete_session (window));
  g_assert_cmpuint (n_rows (window), ==, 0);
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (has_row (window, "Se queda"));
  g_assert_false (has_row (window, "Se va y vuelve"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (has_row (window, "Se va y vuelve"));
  g_assert_false (abierto_undo_stack_can_undo (undo));

  destroy_window (window);
}

static void
wait_allocated (GtkWidget *widget,
                int        width)
{
  for (guint i = 0; i < 500 && gtk_widget_get_width (widget) != width; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  iterate_pending ();
}

static void
test_shell_fold (Fixture       *fixture,
                 gconstpointer  user_data)
{
  AbiertoWindow *window;
  AdwLeaflet *leaflet;
  GtkWidget *back;

  add_session (fixture->store, "Calles seguras para caminar de noche", ABIERTO_GROUP_OLDER_ADULTS,
               "2026-03-14", NULL);
  add_session (fixture->store, "Recreo", ABIERTO_GROUP_CHILDREN, "2026-01-01", NULL);

  /* A phone. */
  window = abierto_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  wait_allocated (GTK_WIDGET (window), 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);

  leaflet = window_leaflet (window);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Choosing a session goes to it; Back comes back. */
  g_signal_emit_by_name (sessions_list (window), "row-activated", find_row (window, "Recreo"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_cmpstr (content_title (window), ==, "Recreo");
  back = find_descendant (GTK_WIDGET (leaflet), GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (back)), ==, "win.go-back");
  g_assert_true (gtk_widget_get_visible (back));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Ctrl+F from the content goes back to the list to search. */
  g_signal_emit_by_name (sessions_list (window), "row-activated", find_row (window, "Recreo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Wide, both panes are there and Back is not. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  wait_allocated (GTK_WIDGET (window), 1000);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (back));

  destroy_window (window);
}

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
save_copy (AbiertoWindow  *window,
           GFile          *dest,
           GError        **error)
{
  AsyncWait wait = { NULL };
  gboolean ok;

  abierto_window_save_copy_async (window, dest, NULL, async_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  ok = abierto_window_save_copy_finish (window, wait.result, error);
  g_object_unref (wait.result);

  return ok;
}

static void
test_shell_save_copy (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copia.abierto", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_path);
  g_autoptr(GFile) self_file = g_file_new_for_path (fixture->path);
  g_autoptr(AbiertoStore) copy = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(AbiertoSession) first = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoWindow *window;
  GStatBuf buf;

  add_session (fixture->store, "Uno", ABIERTO_GROUP_MIXED, "2026-01-01", NULL);
  add_session (fixture->store, "Dos", ABIERTO_GROUP_CHILDREN, "2026-02-01", "Tlalpan");

  window = present_window (fixture->store);

  /* Changes just made are in the copy: they may be only in the journal. */
  g_assert_true (save_copy (window, copy_file, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (copy_path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  copy = abierto_store_open (copy_path, &error);
  g_assert_no_error (error);
  sessions = abierto_store_list_sessions (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
  first = g_list_model_get_item (sessions, 0);
  g_assert_cmpstr (abierto_session_get_title (first), ==, "Dos");
  g_assert_cmpstr (abierto_session_get_place (first), ==, "Tlalpan");
  abierto_store_close (copy, &error);
  g_assert_no_error (error);

  /* Again, over the copy: it is replaced. */
  add_session (fixture->store, "Tres", ABIERTO_GROUP_MIXED, "2026-03-01", NULL);
  g_assert_true (save_copy (window, copy_file, &error));
  g_assert_no_error (error);
  g_clear_object (&copy);
  g_clear_object (&sessions);
  copy = abierto_store_open (copy_path, &error);
  g_assert_no_error (error);
  sessions = abierto_store_list_sessions (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 3);
  abierto_store_close (copy, &error);
  g_assert_no_error (error);

  /* Never over the open file itself. */
  g_assert_false (save_copy (window, self_file, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (store_has_session (fixture->store, "Tres"));

  destroy_window (window);
}

static void
test_shell_save_copy_link (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *link_path = g_build_filename (fixture->dir, "enlace.abierto", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autoptr(GError) error = NULL;
  AbiertoWindow *window;

  add_session (fixture->store, "Uno", ABIERTO_GROUP_MIXED, "2026-01-01", NULL);
  g_assert_cmpint (link (fixture->path, link_path), ==, 0);

  /* Another name for the open file is still the open file. */
  window = present_window (fixture->store);
  g_assert_false (save_copy (window, link_file, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_assert_true (store_has_session (fixture->store, "Uno"));

  destroy_window (window);
}

static void
test_shell_last_session (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(AbiertoSession) second = NULL;
  g_autoptr(AbiertoSession) first = NULL;
  g_autofree char *saved = NULL;
  AbiertoWindow *window;

  first = add_session_full (fixture->store, "Primera", ABIERTO_GROUP_MIXED, "2026-03-01",
                            NULL, NULL);
  second = add_session_full (fixture->store, "Segunda", ABIERTO_GROUP_MIXED, "2026-01-01",
                             NULL, NULL);

  g_settings_set_string (settings, "last-session", abierto_session_get_uuid (second));
  window = present_window (fixture->store);
  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_cmpstr (content_title (window), ==, "Segunda");
  g_assert_true (gtk_list_box_get_selected_row (sessions_list (window))
                 == find_row (window, "Segunda"));

  /* Choosing another one remembers it. */
  g_signal_emit_by_name (sessions_list (window), "row-activated", find_row (window, "Primera"));
  saved = g_settings_get_string (settings, "last-session");
  g_assert_cmpstr (saved, ==, abierto_session_get_uuid (first));
  destroy_window (window);

  window = present_window (fixture->store);
  g_assert_cmpstr (content_title (window), ==, "Primera");
  destroy_window (window);

  /* A session of another file is not there: nothing is chosen. */
  g_settings_set_string (settings, "last-session", "00000000-0000-4000-8000-000000000000");
  window = present_window (fixture->store);
  g_assert_cmpstr (visible_page (window), ==, "none");
  destroy_window (window);
}

/* The first section of the primary menu: the one that opens files. */
static GMenuModel *
file_section (AbiertoWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkMenuButton *primary = NULL;

  collect_descendants (GTK_WIDGET (window_leaflet (window)), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_primary (g_ptr_array_index (buttons, i)))
      primary = g_ptr_array_index (buttons, i);
  g_assert_nonnull (primary);

  return g_menu_model_get_item_link (gtk_menu_button_get_menu_model (primary), 0,
                                     G_MENU_LINK_SECTION);
}

static void
test_shell_open_replaces (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *path_a = g_build_filename (fixture->dir, "a.abierto", NULL);
  g_autofree char *path_b = g_build_filename (fixture->dir, "b.abierto", NULL);
  g_autofree char *wal_a = g_strconcat (path_a, "-wal", NULL);
  g_autoptr(GFile) file_a = g_file_new_for_path (path_a);
  g_autoptr(GFile) file_b = g_file_new_for_path (path_b);
  g_autofree char *uri_a = g_file_get_uri (file_a);
  g_autoptr(GMenuModel) section = NULL;
  g_autoptr(GMenuModel) recent = NULL;
  g_autoptr(GVariant) target = NULL;
  AbiertoStore *store_a;
  AbiertoWindow *window;

  window = present_window (NULL);
  g_assert_true (open_file_and_wait (window, file_a));
  store_a = abierto_window_get_store (window);
  add_session (store_a, "De A", ABIERTO_GROUP_MIXED, "2026-01-01", NULL);
  g_assert_true (g_file_test (wal_a, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri_a));

  /* B takes the place of A, which is closed: its journal is folded in. */
  g_signal_emit_by_name (sessions_list (window), "row-activated", find_row (window, "De A"));
  g_assert_true (abierto_window_delete_session (window));
  g_assert_true (abierto_undo_stack_can_undo (abierto_window_get_undo_stack (window)));
  g_assert_true (open_file_and_wait (window, file_b));
  g_assert_cmpstr (abierto_store_get_path (abierto_window_get_store (window)), ==, path_b);
  g_assert_cmpstr (window_subtitle (window), ==, "b.abierto");
  g_assert_false (g_file_test (wal_a, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_false (abierto_undo_stack_can_undo (abierto_window_get_undo_stack (window)));

  /* A is now a recent file, in the menu. */
  section = file_section (window);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 3);
  recent = g_menu_model_get_item_link (section, 1, G_MENU_LINK_SUBMENU);
  g_assert_nonnull (recent);
  g_assert_cmpint (g_menu_model_get_n_items (recent), >=, 1);
  target = g_menu_model_get_item_attribute_value (recent, 0, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri_a);

  /* and opens from there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri_a));
  g_assert_true (abierto_window_get_opening (window));
  wait_opened (window);
  g_assert_cmpstr (abierto_store_get_path (abierto_window_get_store (window)), ==, path_a);
  g_assert_cmpstr (visible_page (window), ==, "empty");

  destroy_window (window);
}

static void
test_shell_drop (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path_b = g_build_filename (fixture->dir, "soltado.abierto", NULL);
  g_autoptr(GFile) file_b = g_file_new_for_path (path_b);
  g_autoptr(GListModel) controllers = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  AbiertoWindow *window;
  GSList *files;
  gboolean accepted = FALSE;

  add_session (fixture->store, "Uno", ABIERTO_GROUP_MIXED, "2026-01-01", NULL);
  window = present_window (fixture->store);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (gtk_drop_target_get_gtypes (target, NULL)[0] == GDK_TYPE_FILE_LIST);

  files = g_slist_prepend (NULL, file_b);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  wait_opened (window);
  g_assert_cmpstr (abierto_store_get_path (abierto_window_get_store (window)), ==, path_b);

  destroy_window (window);
}

static gboolean
failing_undo (gpointer   user_data,
              GError   **error)
{
  g_set_error_literal (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND, "Ya no está");
  return FALSE;
}

static void
test_shell_undo_error (Fixture       *fixture,
                       gconstpointer  user_data)
{
  AbiertoWindow *window = present_window (fixture->store);
  AbiertoUndoStack *undo = abierto_window_get_undo_stack (window);

  abierto_undo_stack_push (undo, "Nada", failing_undo, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (abierto_undo_stack_can_undo (undo));

  /* Toasts from the pages go over the window. */
  abierto_window_add_toast (window, adw_toast_new ("Hola"));
  iterate_pending ();

  destroy_window (window);
}

static void
test_shell_no_file_actions (void)
{
  AbiertoWindow *window = present_window (NULL);

  /* Nothing to act on: the actions do nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-session", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-session", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  iterate_pending ();
  g_assert_null (find_session_dialog ());
  g_assert_cmpstr (visible_page (window), ==, "no-file");

  destroy_window (window);
}

static void
test_shell_dialog_template (Fixture       *fixture,
                            gconstpointer  user_data)
{
  AbiertoSessionDialog *dialog = abierto_session_dialog_new (NULL, fixture->store, NULL);

  g_assert_null (abierto_session_dialog_get_session (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Large text (1.5x, as the Accessibility settings set it): every view
 * of a session still fits a laptop screen and a phone, scrolling where it
 * must, rather than growing the window past the screen. */
static void
test_shell_large_text (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char * const views[] = { "participants", "proposals", "voting", "results" };
  static const int sizes[][2] = { { 1280, 800 }, { 360, 720 } };
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi;

  add_session (fixture->store, "Calles seguras para caminar de noche, con luz y sin miedo",
               ABIERTO_GROUP_OLDER_ADULTS, "2026-03-14", "Parque Hundido, Benito Juárez");

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      AbiertoWindow *window = abierto_window_new (NULL, fixture->store);
      GtkWidget *page;

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s][0], sizes[s][1]);
      gtk_window_present (GTK_WINDOW (window));
      wait_mapped (GTK_WIDGET (window));
      g_signal_emit_by_name (sessions_list (window), "row-activated",
                             find_row (window, "Calles seguras para caminar de noche, con luz y "
                                               "sin miedo"));
      iterate_pending ();
      page = find_descendant (GTK_WIDGET (window), ABIERTO_TYPE_SESSION_PAGE, NULL);
      g_assert_nonnull (page);

      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          int min_width, min_height;

          abierto_session_page_show_view (ABIERTO_SESSION_PAGE (page), views[v]);
          iterate_pending ();
          /* the content: the window adds its shadow around it */
          GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

          gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1,
                              &min_width, NULL, NULL, NULL);
          gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, sizes[s][0],
                              &min_height, NULL, NULL, NULL);
          g_test_message ("%dx%d %s at 1.5x: needs at least %dx%d", sizes[s][0], sizes[s][1],
                          views[v], min_width, min_height);
          g_assert_cmpint (min_width, <=, sizes[s][0]);
          g_assert_cmpint (min_height, <=, sizes[s][1]);
        }

      destroy_window (window);
    }

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  int status;

  home = g_dir_make_tmp ("abierto-shell-home-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/ui/shell/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("dialog-template", test_shell_dialog_template);
  ADD ("search", test_shell_search);
  ADD ("group-filter", test_shell_group_filter);
  ADD ("new-session", test_shell_new_session);
  ADD ("group-enter", test_shell_group_enter);
  ADD ("refused", test_shell_refused);
  ADD ("edit", test_shell_edit);
  ADD ("delete-undo", test_shell_delete_undo);
  ADD ("fold", test_shell_fold);
  ADD ("save-copy", test_shell_save_copy);
  ADD ("save-copy-link", test_shell_save_copy_link);
  ADD ("last-session", test_shell_last_session);
  ADD ("open-replaces", test_shell_open_replaces);
  ADD ("drop", test_shell_drop);
  ADD ("undo-error", test_shell_undo_error);
  ADD ("large-text", test_shell_large_text);
#undef ADD
  g_test_add_func ("/ui/shell/no-file-actions", test_shell_no_file_actions);

  status = g_test_run ();

  remove_tree (home);

  return status;
}
