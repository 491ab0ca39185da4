/* abierto-window.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "abierto-all-commitments-window.h"
#include "abierto-export-dialog.h"
#include "abierto-opendata-dialog.h"
#include "abierto-session-dialog.h"
#include "abierto-undo-stack.h"
#include "abierto-window.h"

/* Until the session page is in, a placeholder stands for it; the lead
 * removes the #else branch of create_session_page() once both are in. */
#include "abierto-session-page.h"

#define N_RECENT_FILES 5
#define WORKSHOP_MIME_TYPE "application/x-abierto"

struct _AbiertoWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  AbiertoStore         *store;       /* NULL when no file is open */
  GListStore           *sessions;    /* of AbiertoSession: every session of the file */
  GtkCustomFilter      *filter;      /* search text and group */
  GtkFilterListModel   *filtered;    /* the rows on show */
  GSettings            *settings;
  AbiertoUndoStack     *undo;
  GCancellable         *cancellable; /* of the window's async work */
  GCancellable         *opening;     /* of the file being opened, or NULL */
  guint                 opening_timeout;
  AbiertoSession       *shown;       /* the session in the content pane, or NULL */
  GtkStringList        *group_labels;
  GMenu                *recent_menu;
  char                 *search_key;  /* folded search text; NULL for none */

  /* Borrowed */
  GtkWidget            *row_menu;    /* a child of the sidebar */

  /* Template children, borrowed */
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *no_file_page;
  GtkWidget            *opening_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *group_filter;
  GtkListBox           *sessions_list;
  GtkLabel             *list_placeholder;
  GtkWidget            *content;
  AdwWindowTitle       *content_title;
  GtkWidget            *session_menu_button;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  AdwBin               *session_bin;
  GMenu                *file_section;
  GMenuModel           *session_menu;

  guint                 owns_store : 1;   /* opened here: close it when done */
  guint                 reloading : 1;
  guint                 recent_in_menu : 1;
};

G_DEFINE_FINAL_TYPE (AbiertoWindow, abierto_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void abierto_window_show_session     (AbiertoWindow  *self,
                                             AbiertoSession *session);
static void abierto_window_update_actions   (AbiertoWindow  *self);

/* A session's date for people, e.g. “14 March 2026”; the stored ISO date
 * when it is not one. */
static char *
format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date_time = NULL;
  char *formatted;
  int year, month, day;

  if (sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) == 3
      && g_date_valid_dmy (day, month, year))
    date_time = g_date_time_new_utc (year, month, day, 0, 0, 0);

  /* Translators: the date of a workshop session, as in “14 March 2026”.
   * See g_date_time_format(); Spanish would be “%-d de %B de %Y”. */
  if (date_time != NULL && (formatted = g_date_time_format (date_time, _("%-d %B %Y"))) != NULL)
    return formatted;

  return g_strdup (iso_date);
}

/* “14 March 2026 · Older adults”, leaving out a date not recorded. */
static char *
format_session_subtitle (AbiertoSession *session)
{
  const char *date = abierto_session_get_date (session);
  const char *group = abierto_group_get_label (abierto_session_get_group (session));
  g_autofree char *formatted = NULL;

  if (date == NULL || *date == '\0')
    return g_strdup (group);

  formatted = format_date (date);
  return g_strdup_printf ("%s · %s", formatted, group);
}

/* Text as compared by the search: case folded, compatibility decomposed,
 * without accents, so that “arboles” finds “Árboles”. */
static char *
fold_for_search (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *stripped;

  if (text == NULL)
    return g_strdup ("");

  /* Case folding first: it can itself leave combining marks behind. */
  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (stripped, c);
    }

  return g_string_free (stripped, FALSE);
}

/* What the search looks in, folded once per session object. */
static const char *
session_search_text (AbiertoSession *session)
{
  const char *text = g_object_get_data (G_OBJECT (session), "abierto-search-text");

  if (text == NULL)
    {
      g_autofree char *joined = g_strjoin ("\n",
                                           abierto_session_get_title (session),
                                           abierto_session_get_place (session) ?: "",
                                           abierto_session_get_question (session) ?: "",
                                           NULL);

      text = fold_for_search (joined);
      g_object_set_data_full (G_OBJECT (session), "abierto-search-text", (char *) text, g_free);
    }

  return text;
}

static gboolean
session_filter_func (gpointer item,
                     gpointer user_data)
{
  AbiertoWindow *self = user_data;
  AbiertoSession *session = item;
  guint group = gtk_drop_down_get_selected (self->group_filter);
  g_auto(GStrv) words = NULL;
  const char *text;

  /* The first entry is “All groups”. */
  if (group != GTK_INVALID_LIST_POSITION && group > 0
      && abierto_session_get_group (session) != (AbiertoGroup) (group - 1))
    return FALSE;

  if (self->search_key == NULL)
    return TRUE;

  /* Every word typed, in any of the fields. */
  text = session_search_text (session);
  words = g_strsplit_set (self->search_key, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (text, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static GtkWidget *
create_session_row (gpointer item,
                    gpointer user_data)
{
  AbiertoSession *session = ABIERTO_SESSION (item);
  g_autofree char *subtitle = format_session_subtitle (session);
  GtkWidget *row, *box, *title, *caption;

  /* Titles are typed by people: labels never parse them as markup. */
  title = gtk_label_new (abierto_session_get_title (session));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);

  caption = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), caption);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "abierto-session", g_object_ref (session),
                          g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  abierto_session_get_title (session),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  return row;
}

static AbiertoSession *
row_get_session (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "abierto-session") : NULL;
}

static gboolean
abierto_window_is_writable (AbiertoWindow *self)
{
  return self->store != NULL && !abierto_store_is_read_only (self->store);
}

static void
abierto_window_update_actions (AbiertoWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = abierto_window_is_writable (self);

  gtk_widget_action_set_enabled (widget, "win.new-session", writable);
  gtk_widget_action_set_enabled (widget, "win.edit-session", writable && self->shown != NULL);
  gtk_widget_action_set_enabled (widget, "win.delete-session", writable && self->shown != NULL);
  /* exporting only reads: a read-only file exports too */
  gtk_widget_action_set_enabled (widget, "win.export", self->store != NULL && self->shown != NULL);
  gtk_widget_action_set_enabled (widget, "win.search", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "win.save-copy", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "win.commitments", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "win.publish-open-data", self->store != NULL);
  gtk_widget_action_set_enabled (widget, "win.undo", abierto_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (widget, "win.go-back", adw_leaflet_get_folded (self->leaflet));
}

static void
abierto_window_update_page (AbiertoWindow *self)
{
  guint n_sessions = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
  g_autofree char *subtitle = NULL;

  abierto_window_update_actions (self);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->opening != NULL ? "opening" : "no-file");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "sessions");

  gtk_label_set_label (self->list_placeholder,
                       n_sessions == 0 ? _("No sessions yet")
                                       : _("No sessions match the search"));

  gtk_widget_set_visible (self->session_menu_button, self->shown != NULL);
  if (self->shown != NULL)
    {
      subtitle = format_session_subtitle (self->shown);
      adw_window_title_set_title (self->content_title, abierto_session_get_title (self->shown));
      adw_window_title_set_subtitle (self->content_title, subtitle);
      gtk_stack_set_visible_child_name (self->content_stack, "session");
    }
  else
    {
      adw_window_title_set_title (self->content_title, NULL);
      adw_window_title_set_subtitle (self->content_title, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, n_sessions == 0 ? "empty" : "none");
    }
}

static void
abierto_window_show_toast_full (AbiertoWindow *self,
                                const char    *message,
                                guint          timeout)
{
  /* A toast's title is markup, and messages may quote what people typed. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Errors stay until dismissed: they may need reading twice. */
static void
abierto_window_show_error_toast (AbiertoWindow *self,
                                 const char    *message)
{
  abierto_window_show_toast_full (self, message, 0);
}

static AbiertoSession *
find_session (GListModel *model,
              gint64      session_id,
              guint      *position)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(AbiertoSession) session = g_list_model_get_item (model, i);

      if (abierto_session_get_id (session) == session_id)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&session);
        }
    }

  return NULL;
}

/* Highlights the row of the session on show, when it is listed. */
static void
abierto_window_sync_selection (AbiertoWindow *self)
{
  g_autoptr(AbiertoSession) session = NULL;
  GtkListBoxRow *row = NULL;
  guint position;

  if (self->shown != NULL)
    session = find_session (G_LIST_MODEL (self->filtered), abierto_session_get_id (self->shown),
                            &position);
  if (session != NULL)
    row = gtk_list_box_get_row_at_index (self->sessions_list, position);

  self->reloading = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->sessions_list, row);
  else
    gtk_list_box_unselect_all (self->sessions_list);
  self->reloading = FALSE;
}

/* Replaces the rows on show with the sessions in the file. The list box
 * stays bound to self->sessions, so views built on it keep working. */
static void
abierto_window_reload (AbiertoWindow *self)
{
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AbiertoSession) shown = NULL;
  guint n_items;

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->sessions);
      return;
    }

  sessions = abierto_store_list_sessions (self->store, &error);
  if (sessions == NULL)
    {
      /* Keep what is on show, which was read from the file, and say why
       * it may be out of date. */
      abierto_window_show_error_toast (self, error->message);
      return;
    }

  n_items = g_list_model_get_n_items (sessions);
  items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (sessions, i));

  /* Rows go and come back: that is not the user choosing a session. */
  self->reloading = TRUE;
  g_list_store_splice (self->sessions, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->sessions)),
                       items->pdata, items->len);
  self->reloading = FALSE;

  /* The session on show may have been renamed, or deleted. */
  if (self->shown != NULL)
    shown = find_session (sessions, abierto_session_get_id (self->shown), NULL);
  abierto_window_show_session (self, shown);
  abierto_window_sync_selection (self);
}

static void
store_changed_cb (AbiertoWindow *self,
                  const char    *table,
                  gint64         session_id,
                  AbiertoStore  *store)
{
  g_assert (ABIERTO_IS_WINDOW (self));
  g_assert (store == self->store);

  abierto_window_reload (self);
}

static GtkWidget *
create_session_page (AbiertoWindow  *self,
                     AbiertoSession *session)
{
  return abierto_session_page_new (self->store, self->undo, abierto_session_get_id (session));
}

/* Shows @session in the content pane, or with %NULL the page that asks
 * for one. The page is built again only for another session. */
static void
abierto_window_show_session (AbiertoWindow  *self,
                             AbiertoSession *session)
{
  gboolean same;

  same = session != NULL && self->shown != NULL
         && abierto_session_get_id (session) == abierto_session_get_id (self->shown);

  g_set_object (&self->shown, session);

  if (!same)
    {
      adw_bin_set_child (self->session_bin,
                         session != NULL ? create_session_page (self, session) : NULL);
      if (session != NULL)
        g_settings_set_string (self->settings, "last-session", abierto_session_get_uuid (session));
    }

  abierto_window_update_page (self);
}

/* Shows a session by id, selecting its row when it is listed. */
static void
abierto_window_select_session (AbiertoWindow *self,
                               gint64         session_id)
{
  g_autoptr(AbiertoSession) session = NULL;

  session = find_session (G_LIST_MODEL (self->sessions), session_id, NULL);
  if (session == NULL)
    return;

  abierto_window_show_session (self, session);
  abierto_window_sync_selection (self);
}

static void
abierto_window_restore_last_session (AbiertoWindow *self)
{
  g_autofree char *uuid = g_settings_get_string (self->settings, "last-session");
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));

  if (*uuid == '\0')
    return;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(AbiertoSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (g_strcmp0 (abierto_session_get_uuid (session), uuid) == 0)
        {
          abierto_window_select_session (self, abierto_session_get_id (session));
          adw_leaflet_set_visible_child (self->leaflet, self->content);
          return;
        }
    }
}

static void
row_selected_cb (AbiertoWindow *self,
                 GtkListBoxRow *row)
{
  /* Rows leave the selection when the list is reloaded or filtered; the
   * session stays on show until another one is chosen. */
  if (self->reloading || row == NULL)
    return;

  abierto_window_show_session (self, row_get_session (row));
}

static void
row_activated_cb (AbiertoWindow *self,
                  GtkListBoxRow *row)
{
  if (!gtk_list_box_row_is_selected (row))
    gtk_list_box_select_row (self->sessions_list, row);
  abierto_window_show_session (self, row_get_session (row));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
filter_changed_cb (AbiertoWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *key = fold_for_search (text);

  g_clear_pointer (&self->search_key, g_free);
  if (g_strstrip (key)[0] != '\0')
    self->search_key = g_steal_pointer (&key);

  self->reloading = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->reloading = FALSE;
  abierto_window_sync_selection (self);
}

static void
search_stop_cb (AbiertoWindow *self)
{
  /* Escape clears the search, then goes back to the list. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_child_focus (GTK_WIDGET (self->sessions_list), GTK_DIR_TAB_FORWARD);
}

static void
leaflet_folded_cb (AbiertoWindow *self)
{
  abierto_window_update_actions (self);
}

static void
abierto_window_update_title (AbiertoWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  if (self->store != NULL)
    {
      name = g_filename_display_basename (abierto_store_get_path (self->store));
      if (abierto_store_is_read_only (self->store))
        /* Translators: the subtitle of the window, for a file that cannot be changed */
        subtitle = g_strdup_printf (_("%s (read only)"), name);
      else
        subtitle = g_steal_pointer (&name);
    }

  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Recent files */

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static void
abierto_window_update_recent (AbiertoWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) infos = NULL;
  g_autofree char *current = NULL;
  GList *items;
  guint n_shown = 0;

  if (self->store != NULL)
    current = g_filename_to_uri (abierto_store_get_path (self->store), NULL, NULL);

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  items = gtk_recent_manager_get_items (manager);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);

      if (g_str_has_suffix (uri, ".abierto")
          && g_strcmp0 (uri, current) != 0
          && gtk_recent_info_is_local (info)
          && gtk_recent_info_exists (info))
        g_ptr_array_add (infos, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (infos, compare_recent);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < infos->len && n_shown < N_RECENT_FILES; i++, n_shown++)
    {
      GtkRecentInfo *info = g_ptr_array_index (infos, i);
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
    }

  /* The submenu is there only when it has something to offer. */
  if (n_shown > 0 && !self->recent_in_menu)
    g_menu_insert_submenu (self->file_section, 1, _("Open _Recent"),
                           G_MENU_MODEL (self->recent_menu));
  else if (n_shown == 0 && self->recent_in_menu)
    g_menu_remove (self->file_section, 1);
  self->recent_in_menu = n_shown > 0;
}

static void
add_to_recent (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkRecentData data = {
    .mime_type = (char *) WORKSHOP_MIME_TYPE,
    .app_name = (char *) "Abierto",
    .app_exec = (char *) "abierto %u",
  };

  if (uri != NULL)
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Lets go of the file on show: the undo history and the page refer to
 * it. A file opened here is closed, with what was deleted purged. */
static void
abierto_window_release_store (AbiertoWindow *self)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  abierto_undo_stack_clear (self->undo);
  g_clear_object (&self->shown);
  if (self->session_bin != NULL)
    adw_bin_set_child (self->session_bin, NULL);

  store = g_steal_pointer (&self->store);
  if (self->owns_store)
    {
      /* What was deleted goes for good once it can no longer be undone;
       * a failure keeps it hidden, and it is purged next time. */
      if ((!abierto_store_purge_deleted (store, &error) || !abierto_store_close (store, &error))
          && self->toast_overlay != NULL)
        abierto_window_show_error_toast (self, error->message);
    }
  self->owns_store = FALSE;
}

/**
 * abierto_window_set_store:
 * @self: a window
 * @store: (nullable): the workshop file to show, or %NULL for none
 *
 * Shows the sessions of @store. The window keeps a reference to it and
 * leaves it open when it lets go of it.
 */
void
abierto_window_set_store (AbiertoWindow *self,
                          AbiertoStore  *store)
{
  g_return_if_fail (ABIERTO_IS_WINDOW (self));
  g_return_if_fail (store == NULL || ABIERTO_IS_STORE (store));

  if (self->store == store)
    return;

  abierto_window_release_store (self);
  self->store = store != NULL ? g_object_ref (store) : NULL;

  /* Only sessions are listed here; the detail keeps votes, which come in
   * fast during a workshop, from reloading the list. */
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed::session",
                             G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  /* Rows of the previous file must not stay if this one cannot be read. */
  self->reloading = TRUE;
  g_list_store_remove_all (self->sessions);
  self->reloading = FALSE;
  abierto_window_update_title (self);
  abierto_window_reload (self);
  abierto_window_restore_last_session (self);
  abierto_window_update_page (self);
  abierto_window_update_recent (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * abierto_window_get_store:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the workshop file on show
 */
AbiertoStore *
abierto_window_get_store (AbiertoWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * abierto_window_get_undo_stack:
 * @self: a window
 *
 * The undo history of the window, for the pages it shows: Ctrl+Z undoes
 * the newest entry. It is emptied when another file is opened.
 *
 * Returns: (transfer none): the undo stack
 */
AbiertoUndoStack *
abierto_window_get_undo_stack (AbiertoWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_WINDOW (self), NULL);

  return self->undo;
}

/**
 * abierto_window_add_toast:
 * @self: a window
 * @toast: (transfer full): a toast
 *
 * Shows @toast at the bottom of the window.
 */
void
abierto_window_add_toast (AbiertoWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (ABIERTO_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Opening what a toast announces */

typedef struct
{
  AbiertoWindow *window;
  char          *error_heading;
} OpenLaunch;

static void
open_launched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpenLaunch *launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    abierto_window_show_error (launch->window, launch->error_heading, error);

  g_object_unref (launch->window);
  g_free (launch->error_heading);
  g_free (launch);
}

static void
open_toast_clicked_cb (AdwToast      *toast,
                       AbiertoWindow *self)
{
  OpenLaunch *launch = g_new0 (OpenLaunch, 1);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  launch->window = g_object_ref (self);
  launch->error_heading = g_strdup (g_object_get_data (G_OBJECT (toast), "abierto-error-heading"));
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (g_object_get_data (G_OBJECT (toast), "abierto-uri"),
                                           G_APP_LAUNCH_CONTEXT (context), NULL,
                                           open_launched_cb, launch);
}

void
abierto_window_add_open_toast (AbiertoWindow *self,
                               const char    *title,
                               const char    *button_label,
                               GFile         *target,
                               const char    *error_heading)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (ABIERTO_IS_WINDOW (self));
  g_return_if_fail (title != NULL && button_label != NULL && error_heading != NULL);
  g_return_if_fail (target == NULL || G_IS_FILE (target));

  /* a toast's title is markup, and a name may hold anything */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  if (target != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      g_object_set_data_full (G_OBJECT (toast), "abierto-uri", g_file_get_uri (target), g_free);
      g_object_set_data_full (G_OBJECT (toast), "abierto-error-heading",
                              g_strdup (error_heading), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_toast_clicked_cb),
                               self, 0);
    }
  abierto_window_add_toast (self, toast);
}

static void
error_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/**
 * abierto_window_show_error:
 * @self: a window
 * @heading: what failed, in a few words
 * @error: why, in a message for people
 *
 * Tells the facilitator in a dialog over @self that something failed.
 */
void
abierto_window_show_error (AbiertoWindow *self,
                           const char    *heading,
                           const GError  *error)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (ABIERTO_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_set_body (dialog, error->message);
  adw_message_dialog_add_response (dialog, "ok", _("_OK"));
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "ok");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (error_dialog_response_cb), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening a file checks all of it, which takes a while for a large one:
 * core does it in a worker. The window keeps showing what it showed; when
 * nothing is on show and the check takes long, it says it is opening. */

static gboolean
opening_timeout_cb (gpointer user_data)
{
  AbiertoWindow *self = user_data;

  self->opening_timeout = 0;
  gtk_widget_set_visible (self->opening_page, TRUE);
  return G_SOURCE_REMOVE;
}

/* While a file opens with none on show, the window shows an empty page,
 * which says what it is doing once the wait is long enough to notice. */
static void
abierto_window_set_opening (AbiertoWindow *self,
                            gboolean       opening)
{
  g_clear_handle_id (&self->opening_timeout, g_source_remove);
  if (opening && self->store == NULL)
    {
      gtk_widget_set_visible (self->opening_page, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "opening");
      self->opening_timeout = g_timeout_add (300, opening_timeout_cb, self);
    }
  else if (!opening)
    {
      abierto_window_update_page (self);
    }
}

static void
open_file_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AbiertoWindow *self = g_task_get_source_object (task);
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = g_task_get_task_data (task);

  GCancellable *opening = g_object_get_data (G_OBJECT (task), "opening");

  store = abierto_store_open_finish (result, &error);

  /* Another file was asked for meanwhile, or the window went away. */
  if (g_cancellable_is_cancelled (opening))
    {
      if (store != NULL)
        abierto_store_close (store, NULL);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Opening was cancelled");
      return;
    }

  g_clear_object (&self->opening);

  if (store == NULL)
    {
      abierto_window_set_opening (self, FALSE);
      abierto_window_show_error (self, _("Could not open the workshop file"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Search and filter were for the other file. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->group_filter, 0);

  abierto_window_set_store (self, store);
  self->owns_store = TRUE;
  abierto_window_set_opening (self, FALSE);
  add_to_recent (path);

  g_task_return_boolean (task, TRUE);
}

/**
 * abierto_window_open_file_async:
 * @self: a window
 * @file: a workshop file, created when it does not exist
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called once the file is on show or refused
 * @user_data: data for @callback
 *
 * Opens @file in a worker thread and shows its sessions in place of the
 * file on show, which is closed. When it cannot be opened, a dialog says
 * why and the window keeps showing what it showed before; core leaves
 * such a file untouched. Asking for another file cancels this one.
 */
void
abierto_window_open_file_async (AbiertoWindow       *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ABIERTO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, abierto_window_open_file_async);

  /* the latest request wins */
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;

      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only workshop files on this computer can be opened. "
                             "Copy the file to this computer first."));
      abierto_window_show_error (self, _("Could not open the workshop file"), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->store != NULL && g_strcmp0 (path, abierto_store_get_path (self->store)) == 0)
    {
      abierto_window_set_opening (self, FALSE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->opening = g_cancellable_new ();
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel),
                           g_object_ref (self->opening), g_object_unref);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "opening", g_object_ref (self->opening),
                          g_object_unref);

  abierto_window_set_opening (self, TRUE);
  abierto_store_open_async (path, self->opening, open_file_cb, g_steal_pointer (&task));
}

/**
 * abierto_window_get_opening:
 * @self: a window
 *
 * Returns: whether a file is being opened
 */
gboolean
abierto_window_get_opening (AbiertoWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_WINDOW (self), FALSE);

  return self->opening != NULL;
}

gboolean
abierto_window_open_file_finish (AbiertoWindow  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == abierto_window_open_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * abierto_window_open_file:
 * @self: a window
 * @file: a workshop file, created when it does not exist
 *
 * Opens @file as abierto_window_open_file_async() does, for callers that
 * only need the window to show the outcome.
 */
void
abierto_window_open_file (AbiertoWindow *self,
                          GFile         *file)
{
  abierto_window_open_file_async (self, file, NULL, NULL, NULL);
}

static gboolean
drop_cb (AbiertoWindow *self,
         const GValue  *value,
         double         x,
         double         y)
{
  g_autoptr(GSList) files = gdk_file_list_get_files (g_value_get_boxed (value));
  GFile *chosen = NULL;

  if (files == NULL)
    return FALSE;

  /* A workshop file among those dropped, else the first: core says what
   * is wrong with it. */
  for (GSList *l = files; l != NULL && chosen == NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, ".abierto"))
        chosen = l->data;
    }
  if (chosen == NULL)
    chosen = files->data;

  abierto_window_open_file (self, chosen);
  return TRUE;
}

/* Save a copy */

typedef struct
{
  char  *source;  /* the open file */
  GFile *dest;
} SaveCopy;

static void
save_copy_free (gpointer data)
{
  SaveCopy *save = data;

  g_free (save->source);
  g_clear_object (&save->dest);
  g_free (save);
}

static gboolean
same_file (GFile        *a,
           GFile        *b,
           GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info_a = NULL;
  g_autoptr(GFileInfo) info_b = NULL;

  if (g_file_equal (a, b))
    return TRUE;

  /* Through a link, or another name of a hard link. */
  info_a = g_file_query_info (a, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE,
                              cancellable, NULL);
  info_b = g_file_query_info (b, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE,
                              cancellable, NULL);

  return info_a != NULL && info_b != NULL
         && g_strcmp0 (g_file_info_get_attribute_string (info_a, G_FILE_ATTRIBUTE_ID_FILE),
                       g_file_info_get_attribute_string (info_b, G_FILE_ATTRIBUTE_ID_FILE)) == 0;
}

static void
save_copy_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveCopy *save = task_data;
  g_autoptr(GFile) source = g_file_new_for_path (save->source);
  g_autoptr(AbiertoStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dest_path = g_file_get_path (save->dest);
  g_autofree char *dest_wal = NULL;

  if (same_file (source, save->dest, cancellable))
    {
      g_task_return_new_error (task, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                               _("A copy cannot replace the workshop file that is open. "
                                 "Choose another name or folder."));
      return;
    }

  /* A journal left beside the chosen file would be applied to the copy
   * when it is opened, and damage it. */
  dest_wal = dest_path != NULL ? g_strconcat (dest_path, "-wal", NULL) : NULL;
  if (dest_wal != NULL && g_file_test (dest_wal, G_FILE_TEST_EXISTS))
    {
      g_task_return_new_error (task, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_BUSY,
                               _("The file chosen is open in a program, or was not closed "
                                 "properly. Choose another name or folder."));
      return;
    }

  if (dest_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A copy can only be saved in a local folder."));
      return;
    }

  /* a snapshot with every change, including those still in the WAL,
   * written to a 0600 temporary file renamed into place */
  if (!abierto_store_save_copy (save->source, dest_path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Make sure the copy opens. */
  copy = abierto_store_open (dest_path, &error);
  if (copy == NULL || !abierto_store_close (copy, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * abierto_window_save_copy_async:
 * @self: a window
 * @dest: where to write the copy; it is replaced if it exists
 * @cancellable: (nullable): a cancellable
 * @callback: called when done, on the thread default main context
 * @user_data: for @callback
 *
 * Writes a copy of the open workshop file to @dest in a worker thread,
 * with every change made so far. The open file itself is never
 * overwritten.
 */
void
abierto_window_save_copy_async (AbiertoWindow       *self,
                                GFile               *dest,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) source = NULL;
  SaveCopy *save;

  g_return_if_fail (ABIERTO_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (dest));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, abierto_window_save_copy_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No workshop file is open."));
      return;
    }

  source = g_file_new_for_path (abierto_store_get_path (self->store));
  if (g_file_equal (source, dest))
    {
      g_task_return_new_error (task, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                               _("A copy cannot replace the workshop file that is open. "
                                 "Choose another name or folder."));
      return;
    }

  save = g_new0 (SaveCopy, 1);
  save->source = g_strdup (abierto_store_get_path (self->store));
  save->dest = g_object_ref (dest);
  g_task_set_task_data (task, save, save_copy_free);
  g_task_run_in_thread (task, save_copy_worker);
}

gboolean
abierto_window_save_copy_finish (AbiertoWindow  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (ABIERTO_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == abierto_window_save_copy_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_copy_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AbiertoWindow *self = ABIERTO_WINDOW (object);
  g_autoptr(GFile) dest = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!abierto_window_save_copy_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        abierto_window_show_error (self, _("Could not save a copy"), error);
      return;
    }

  name = g_file_get_parse_name (dest);
  /* Translators: %s is where the copy was saved */
  message = g_strdup_printf (_("Copy saved as %s"), name);
  abierto_window_show_toast_full (self, message, 5);
}

static void
save_copy_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       AbiertoWindow   *self)
{
  g_autoptr(GFile) dest = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    dest = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (dest != NULL)
    {
      /* Give the copy the extension of a workshop file. */
      name = g_file_get_basename (dest);
      if (name != NULL && !g_str_has_suffix (name, ".abierto"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (dest);
          g_autofree char *with_ext = g_strconcat (name, ".abierto", NULL);

          if (parent != NULL)
            g_set_object (&dest, g_file_get_child (parent, with_ext));
        }

      abierto_window_save_copy_async (self, dest, self->cancellable, save_copy_done_cb,
                                      g_object_ref (dest));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
workshop_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Workshop files"));
  gtk_file_filter_add_pattern (filter, "*.abierto");
  gtk_file_filter_add_mime_type (filter, WORKSHOP_MIME_TYPE);

  return filter;
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = workshop_file_filter ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  base = g_filename_display_basename (abierto_store_get_path (self->store));
  if (g_str_has_suffix (base, ".abierto"))
    base[strlen (base) - strlen (".abierto")] = '\0';
  /* Translators: the name offered for a copy of a workshop file */
  name = g_strdup_printf (_("%s (copy).abierto"), base);

  chooser = gtk_file_chooser_native_new (_("Save a Copy"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_copy_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Sessions */

static void
session_saved_cb (AbiertoWindow        *self,
                  AbiertoSession       *session,
                  AbiertoSessionDialog *dialog)
{
  if (self->store == NULL)
    return;

  abierto_window_select_session (self, abierto_session_get_id (session));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
abierto_window_present_session_dialog (AbiertoWindow  *self,
                                       AbiertoSession *session)
{
  AbiertoSessionDialog *dialog;

  dialog = abierto_session_dialog_new (GTK_WINDOW (self), self->store, session);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (session_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);

  if (abierto_window_is_writable (self))
    abierto_window_present_session_dialog (self, NULL);
}

static void
edit_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);

  if (abierto_window_is_writable (self) && self->shown != NULL)
    abierto_window_present_session_dialog (self, self->shown);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);
  AbiertoExportDialog *dialog;

  if (self->store == NULL || self->shown == NULL)
    return;

  dialog = abierto_export_dialog_new (GTK_WINDOW (self), self->store,
                                      abierto_session_get_id (self->shown));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Open data of the session on show ("session"), or of all ("all") */
static void
publish_open_data_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);
  AbiertoOpenDataDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = abierto_opendata_dialog_new (GTK_WINDOW (self), self->store,
                                        self->shown != NULL ? abierto_session_get_id (self->shown)
                                                            : 0,
                                        g_strcmp0 (g_variant_get_string (parameter, NULL),
                                                   "all") == 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Every commitment of the file, across sessions */
static void
commitments_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);
  AbiertoAllCommitmentsWindow *window;

  if (self->store == NULL)
    return;

  window = abierto_all_commitments_window_new (GTK_WINDOW (self), self->store, self->undo);
  gtk_window_present (GTK_WINDOW (window));
}

/* What undoes a deletion, shared by the toast's button and the stack. */
typedef struct
{
  AbiertoStore *store;
  GWeakRef      window;
  gint64        session_id;
  gboolean      restored;
} DeleteUndo;

static void
delete_undo_clear (gpointer data)
{
  DeleteUndo *undo = data;

  g_clear_object (&undo->store);
  g_weak_ref_clear (&undo->window);
}

static void
delete_undo_release (gpointer data)
{
  g_rc_box_release_full (data, delete_undo_clear);
}

static void
delete_undo_closure_notify (gpointer  data,
                            GClosure *closure)
{
  delete_undo_release (data);
}

static gboolean
delete_undo_run (gpointer   data,
                 GError   **error)
{
  DeleteUndo *undo = data;
  g_autoptr(AbiertoWindow) window = NULL;

  /* Already undone from the toast: nothing is left to do. */
  if (undo->restored)
    return TRUE;

  if (!abierto_store_restore_session (undo->store, undo->session_id, error))
    return FALSE;
  undo->restored = TRUE;

  window = g_weak_ref_get (&undo->window);
  if (window != NULL && window->store == undo->store)
    abierto_window_select_session (window, undo->session_id);

  return TRUE;
}

static void
delete_toast_undo_cb (AdwToast   *toast,
                      DeleteUndo *undo)
{
  g_autoptr(AbiertoWindow) window = g_weak_ref_get (&undo->window);
  g_autoptr(GError) error = NULL;

  if (window == NULL || window->store != undo->store)
    return;

  if (!delete_undo_run (undo, &error))
    abierto_window_show_error_toast (window, error->message);
}

/**
 * abierto_window_delete_session:
 * @self: a window
 *
 * Deletes the session on show, with a toast and an entry in the undo
 * stack that bring it back.
 *
 * Returns: %TRUE if it was deleted
 */
gboolean
abierto_window_delete_session (AbiertoWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *neighbour;
  DeleteUndo *undo;
  AdwToast *toast;
  gint64 session_id;
  guint position = 0;
  g_autoptr(AbiertoSession) listed = NULL;

  g_return_val_if_fail (ABIERTO_IS_WINDOW (self), FALSE);

  if (!abierto_window_is_writable (self) || self->shown == NULL)
    return FALSE;

  session_id = abierto_session_get_id (self->shown);
  listed = find_session (G_LIST_MODEL (self->filtered), session_id, &position);

  if (!abierto_store_delete_session (self->store, session_id, &error))
    {
      abierto_window_show_error_toast (self, error->message);
      return FALSE;
    }

  /* The store's signal has taken the session off the list; make sure,
   * should it not have come. */
  if (self->shown != NULL && abierto_session_get_id (self->shown) == session_id)
    abierto_window_show_session (self, NULL);
  g_settings_set_string (self->settings, "last-session", "");

  undo = g_rc_box_new0 (DeleteUndo);
  undo->store = g_object_ref (self->store);
  g_weak_ref_init (&undo->window, self);
  undo->session_id = session_id;

  abierto_undo_stack_push (self->undo, _("Session restored"), delete_undo_run,
                           g_rc_box_acquire (undo), delete_undo_release);

  toast = adw_toast_new (_("Session deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (delete_toast_undo_cb),
                         undo, delete_undo_closure_notify, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  /* Keyboard users stay in the list, on the row that took its place. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  if (listed != NULL)
    {
      neighbour = gtk_list_box_get_row_at_index (self->sessions_list, position);
      if (neighbour == NULL && position > 0)
        neighbour = gtk_list_box_get_row_at_index (self->sessions_list, position - 1);
      if (neighbour != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (neighbour));
    }

  return TRUE;
}

static void
delete_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  abierto_window_delete_session (ABIERTO_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (!abierto_undo_stack_can_undo (self->undo))
    return;

  if (abierto_undo_stack_undo (self->undo, &label, &error))
    {
      if (label != NULL)
        abierto_window_show_toast_full (self, label, 5);
    }
  else
    {
      abierto_window_show_error_toast (self, error->message);
    }
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);

  if (self->store == NULL)
    return;

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AbiertoWindow *self = ABIERTO_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  abierto_window_open_file (self, file);
}

/* The context menu of a row */

static void
abierto_window_popup_row_menu (AbiertoWindow *self,
                               GtkListBoxRow *row,
                               double         x,
                               double         y)
{
  GdkRectangle rect = { 0, 0, 1, 1 };
  graphene_rect_t bounds;
  double sx, sy;

  if (row == NULL)
    return;

  if (!gtk_list_box_row_is_selected (row))
    gtk_list_box_select_row (self->sessions_list, row);
  abierto_window_show_session (self, row_get_session (row));

  if (x >= 0 && y >= 0
      && gtk_widget_translate_coordinates (GTK_WIDGET (self->sessions_list), self->sidebar,
                                           x, y, &sx, &sy))
    {
      rect.x = (int) sx;
      rect.y = (int) sy;
    }
  else if (gtk_widget_compute_bounds (GTK_WIDGET (row), self->sidebar, &bounds))
    {
      /* From the keyboard: below the start of the row. */
      rect.x = (int) bounds.origin.x + 12;
      rect.y = (int) bounds.origin.y;
      rect.height = (int) bounds.size.height;
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
row_menu_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     AbiertoWindow   *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->sessions_list, (int) y);

  if (row == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  abierto_window_popup_row_menu (self, row, x, y);
}

static void
row_menu_long_pressed_cb (GtkGestureLongPress *gesture,
                          double               x,
                          double               y,
                          AbiertoWindow       *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->sessions_list, (int) y);

  if (row == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  abierto_window_popup_row_menu (self, row, x, y);
}

static gboolean
row_menu_key_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  AbiertoWindow *self = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = NULL;

  if (focus != NULL)
    row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL)
    row = GTK_WIDGET (gtk_list_box_get_selected_row (self->sessions_list));
  if (row == NULL)
    return FALSE;

  abierto_window_popup_row_menu (self, GTK_LIST_BOX_ROW (row), -1, -1);
  return TRUE;
}

static void
abierto_window_setup_row_menu (AbiertoWindow *self)
{
  GtkEventController *shortcuts;
  GtkGesture *gesture;

  self->row_menu = gtk_popover_menu_new_from_model (self->session_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
  gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_menu, self->sidebar);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (row_menu_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->sessions_list), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (row_menu_long_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->sessions_list), GTK_EVENT_CONTROLLER (gesture));

  /* Keys that act on the session of the row: Delete, and the menu keys. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                      gtk_named_action_new ("win.delete-session")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                           GDK_SHIFT_MASK)),
                      gtk_callback_action_new (row_menu_key_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->sessions_list), shortcuts);
}

/* State */

static void
abierto_window_restore_state (AbiertoWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
abierto_window_save_state (AbiertoWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  /* Write the three keys at once. A maximized window keeps the size it
   * had before, to return to when unmaximized. */
  g_settings_delay (self->settings);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
abierto_window_close_request (GtkWindow *window)
{
  abierto_window_save_state (ABIERTO_WINDOW (window));

  return GTK_WINDOW_CLASS (abierto_window_parent_class)->close_request (window);
}

static void
abierto_window_dispose (GObject *object)
{
  AbiertoWindow *self = (AbiertoWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_handle_id (&self->opening_timeout, g_source_remove);
  g_signal_handlers_disconnect_by_func (gtk_recent_manager_get_default (),
                                        abierto_window_update_recent, self);
  abierto_window_release_store (self);

  if (self->row_menu != NULL)
    {
      gtk_widget_unparent (self->row_menu);
      self->row_menu = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_WINDOW);

  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->sessions);
  g_clear_object (&self->settings);
  g_clear_object (&self->undo);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->group_labels);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (abierto_window_parent_class)->dispose (object);
}

static void
abierto_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AbiertoWindow *self = ABIERTO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AbiertoWindow *self = ABIERTO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      abierto_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_window_class_init (AbiertoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = abierto_window_dispose;
  object_class->get_property = abierto_window_get_property;
  object_class->set_property = abierto_window_set_property;

  window_class->close_request = abierto_window_close_request;

  /**
   * AbiertoWindow:store: (nullable)
   *
   * The workshop file on show, or %NULL when none is open.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ABIERTO_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gobierto/Abierto/ui/abierto-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, no_file_page);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, group_filter);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, list_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, content);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, session_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, session_bin);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, file_section);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, session_menu);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "win.new-session", NULL, new_session_action);
  gtk_widget_class_install_action (widget_class, "win.edit-session", NULL, edit_session_action);
  gtk_widget_class_install_action (widget_class, "win.delete-session", NULL,
                                   delete_session_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.commitments", NULL, commitments_action);
  gtk_widget_class_install_action (widget_class, "win.publish-open-data", "s",
                                   publish_open_data_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-session", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0,
                                       "win.edit-session", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-copy", NULL);
}

static void
abierto_window_init (AbiertoWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  abierto_window_restore_state (self);

  self->undo = abierto_undo_stack_new ();
  g_signal_connect_object (self->undo, "notify::can-undo",
                           G_CALLBACK (abierto_window_update_actions), self, G_CONNECT_SWAPPED);

  self->sessions = g_list_store_new (ABIERTO_TYPE_SESSION);
  self->filter = gtk_custom_filter_new (session_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sessions)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->sessions_list, G_LIST_MODEL (self->filtered),
                           create_session_row, NULL, NULL);

  self->group_labels = gtk_string_list_new (NULL);
  gtk_string_list_append (self->group_labels, _("All groups"));
  for (guint i = 0; i < ABIERTO_N_GROUPS; i++)
    gtk_string_list_append (self->group_labels, abierto_group_get_label ((AbiertoGroup) i));
  gtk_drop_down_set_model (self->group_filter, G_LIST_MODEL (self->group_labels));

  self->recent_menu = g_menu_new ();
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (abierto_window_update_recent), self, G_CONNECT_SWAPPED);
  abierto_window_update_recent (self);

  abierto_window_setup_row_menu (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  abierto_window_update_page (self);
}

/**
 * abierto_window_new:
 * @application: (nullable): the application
 * @store: (nullable): the workshop file to show
 *
 * Returns: (transfer none): a new window, owned by GTK like every toplevel
 */
AbiertoWindow *
abierto_window_new (GtkApplication *application,
                    AbiertoStore   *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || ABIERTO_IS_STORE (store), NULL);

  return g_object_new (ABIERTO_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}
