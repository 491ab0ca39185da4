/* test-util.h: what the UI tests share
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "abierto-demo.h"
#include "abierto-export-dialog.h"
#include "abierto-window.h"

/* how long wait_until() waits before it fails */
#define TEST_WAIT_SECONDS 60

typedef struct
{
  char         *dir;    /* owned, a temporary directory */
  char         *path;   /* owned, a workshop file in it */
  AbiertoStore *store;  /* owned */
} Fixture;

static inline void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("abierto-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.abierto", NULL);
  fixture->store = abierto_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  abierto_store_close (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static inline AbiertoSession *
add_session_full (AbiertoStore *store,
                  const char   *title,
                  AbiertoGroup  group,
                  const char   *date,
                  const char   *place,
                  const char   *question)
{
  g_autoptr(AbiertoSession) session = abierto_session_new (title, group);
  g_autoptr(GError) error = NULL;

  abierto_session_set_date (session, date);
  abierto_session_set_place (session, place);
  abierto_session_set_question (session, question);
  abierto_store_add_session (store, session, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&session);
}

static inline void
add_session (AbiertoStore *store,
             const char   *title,
             AbiertoGroup  group,
             const char   *date,
             const char   *place)
{
  g_object_unref (add_session_full (store, title, group, date, place, NULL));
}

static inline void
wait_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

static inline void
iterate_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static inline void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Opens @file as a user would and waits until it is on show or refused,
 * with the error dialog, if any, up. */
static inline gboolean
open_file_and_wait (AbiertoWindow *window,
                    GFile         *file)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean opened;

  abierto_window_open_file_async (window, file, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  opened = abierto_window_open_file_finish (window, result, &error);
  g_assert_true (opened == (error == NULL));
  iterate_pending ();

  return opened;
}

/* after a drop, a recent file or the application's open */
static inline void
wait_opened (AbiertoWindow *window)
{
  while (abierto_window_get_opening (window))
    g_main_context_iteration (NULL, TRUE);
  iterate_pending ();
}

static inline void
destroy_window (AbiertoWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_pending ();
}

static inline AbiertoWindow *
present_window (AbiertoStore *store)
{
  AbiertoWindow *window = abierto_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));

  return window;
}

typedef gboolean (*WidgetFilter) (GtkWidget *widget);

/* Template children are private; tests find them by type, and @filter
 * tells them from the insides of other widgets (the menu has a stack). */
static inline GtkWidget *
find_descendant (GtkWidget    *widget,
                 GType         type,
                 WidgetFilter  filter)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (filter == NULL || filter (widget)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, filter);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every descendant of @type, in the order of the widget tree. */
static inline void
collect_descendants (GtkWidget *widget,
                     GType      type,
                     GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_descendants (child, type, found);
}

static inline gboolean
is_page_stack (GtkWidget *widget)
{
  return gtk_stack_get_child_by_name (GTK_STACK (widget), "no-file") != NULL;
}

static inline gboolean
is_content_stack (GtkWidget *widget)
{
  return gtk_stack_get_child_by_name (GTK_STACK (widget), "none") != NULL;
}

static inline gboolean
is_sessions_list (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* "no-file"; or what the content pane shows: "empty", "none", "session" */
static inline const char *
visible_page (AbiertoWindow *window)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK, is_page_stack);
  const char *name;

  g_assert_nonnull (stack);
  name = gtk_stack_get_visible_child_name (GTK_STACK (stack));
  if (g_strcmp0 (name, "no-file") == 0)
    return name;

  stack = find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK, is_content_stack);
  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static inline AdwLeaflet *
window_leaflet (AbiertoWindow *window)
{
  GtkWidget *leaflet = find_descendant (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);

  g_assert_nonnull (leaflet);
  return ADW_LEAFLET (leaflet);
}

/* The pane with the list of sessions; pages beside it have lists and
 * entries of their own. */
static inline GtkWidget *
window_sidebar (AbiertoWindow *window)
{
  GtkWidget *sidebar = adw_leaflet_get_child_by_name (window_leaflet (window), "sidebar");

  g_assert_nonnull (sidebar);
  return sidebar;
}

static inline GtkListBox *
sessions_list (AbiertoWindow *window)
{
  GtkWidget *list = find_descendant (window_sidebar (window), GTK_TYPE_LIST_BOX, is_sessions_list);

  g_assert_nonnull (list);
  return GTK_LIST_BOX (list);
}

/* The rows of sessions in a list box, in order. */
static inline GPtrArray *
list_rows (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && g_object_get_data (G_OBJECT (child), "abierto-session"))
        g_ptr_array_add (rows, child);
    }

  return rows;
}

static inline const char *
row_label (GPtrArray *rows,
           guint      i,
           guint      nth)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_descendants (g_ptr_array_index (rows, i), GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >, nth);
  return gtk_label_get_label (g_ptr_array_index (labels, nth));
}

static inline const char *
row_title (GPtrArray *rows,
           guint      i)
{
  return row_label (rows, i, 0);
}

static inline const char *
row_subtitle (GPtrArray *rows,
              guint      i)
{
  return row_label (rows, i, 1);
}

static inline AbiertoSession *
row_session (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "abierto-session");
}

static inline gboolean
is_app_title (GtkWidget *widget)
{
  return g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), "Abierto") == 0;
}

/* The title of the sidebar: “Abierto”, with the file name below. */
static inline AdwWindowTitle *
sidebar_title (AbiertoWindow *window)
{
  GtkWidget *title = find_descendant (GTK_WIDGET (window_leaflet (window)),
                                      ADW_TYPE_WINDOW_TITLE, is_app_title);

  g_assert_nonnull (title);
  return ADW_WINDOW_TITLE (title);
}

static inline const char *
window_subtitle (AbiertoWindow *window)
{
  return adw_window_title_get_subtitle (sidebar_title (window));
}

static inline gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so, failing after a minute: work
 * such as a preview or an export runs in workers, and a button's click
 * comes 250 ms after activation. */
static inline void
wait_until (gboolean  (*done) (gpointer data),
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
}

/* The first toplevel of @type, or NULL */
static inline gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

/* The template child @name of @widget, an instance of @type */
static inline GtkWidget *
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* Whether a label inside @widget starts with @prefix */
static inline gboolean
has_label_prefix (GtkWidget  *widget,
                  const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_descendants (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), prefix))
      return TRUE;

  return FALSE;
}

/* One demo session with participants, proposals and votes */
static inline void
add_demo (AbiertoStore *store)
{
  AbiertoDemoOptions options = {
    .sessions = 1,
    .proposals = 8,
    .participants = 14,
    .votes = 120,
    .seed = 7,
  };
  g_autoptr(GError) error = NULL;

  abierto_demo_generate (store, &options, NULL, &error);
  g_assert_no_error (error);
}

/* For wait_until(), with an AbiertoExportDialog */
static inline gboolean
has_preview (gpointer data)
{
  return abierto_export_dialog_get_preview (data) != NULL;
}

static inline gboolean
export_idle (gpointer data)
{
  return !abierto_export_dialog_get_busy (data);
}

/* @widget as it is drawn, once it had time to lay out and draw */
static inline GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      iterate_pending ();
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Saves @widget as the PNG @name in @dir */
static inline void
save_screenshot (GtkWidget  *widget,
                 const char *dir,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = render_widget (widget);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%dx%d)", path, gdk_texture_get_width (texture),
                  gdk_texture_get_height (texture));
}
