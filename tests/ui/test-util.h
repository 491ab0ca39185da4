/* test-util.h: what the UI tests share
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "abierto-window.h"

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
