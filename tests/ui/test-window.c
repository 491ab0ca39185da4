/* test-window.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "abierto-application.h"
#include "abierto-window.h"
#include "test-util.h"

/* The message dialog over @parent if one is up; any, for %NULL. */
static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && (parent == NULL || gtk_window_get_transient_for (window) == parent))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
test_window_sessions (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  AbiertoWindow *window;

  add_session (fixture->store, "Calles seguras", ABIERTO_GROUP_OLDER_ADULTS,
               "2026-03-14", "Alcaldía Coyoacán");
  add_session (fixture->store, "Huertos & jardines <escolares>", ABIERTO_GROUP_CHILDREN,
               "2026-02-20", "");

  window = abierto_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));

  g_assert_true (abierto_window_get_store (window) == fixture->store);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Abierto");
  g_assert_cmpstr (window_subtitle (window), ==, "test.abierto");
  g_assert_cmpstr (visible_page (window), ==, "none");

  /* Newest first; typed text is shown as it was typed, never as markup. */
  rows = list_rows (sessions_list (window));
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (row_title (rows, 0), ==, "Calles seguras");
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "14 March 2026 · Older adults");
  g_assert_cmpstr (row_title (rows, 1), ==, "Huertos & jardines <escolares>");
  g_assert_cmpstr (row_subtitle (rows, 1), ==, "20 February 2026 · Primary school children");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A session added through the store shows up at once. */
  add_session (fixture->store, "Trabajo y regreso a casa", ABIERTO_GROUP_WOMEN_REENTRY,
               "2026-04-02", "Santa Martha Acatitla");
  rows = list_rows (sessions_list (window));
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (row_title (rows, 0), ==, "Trabajo y regreso a casa");
  g_assert_cmpstr (row_title (rows, 1), ==, "Calles seguras");
  g_assert_cmpstr (row_title (rows, 2), ==, "Huertos & jardines <escolares>");
  g_assert_cmpstr (visible_page (window), ==, "none");
  g_clear_pointer (&rows, g_ptr_array_unref);

  destroy_window (window);

  /* The store outlives the window without calling back into it. */
  add_session (fixture->store, "Después", ABIERTO_GROUP_MIXED, NULL, NULL);
}

static void
test_window_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(AbiertoSession) first = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoWindow *window;

  window = abierto_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));

  g_assert_cmpstr (visible_page (window), ==, "empty");
  rows = list_rows (sessions_list (window));
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The first session replaces the empty page, and deleting it brings
   * the page back. */
  add_session (fixture->store, "Primera", ABIERTO_GROUP_MIXED, NULL, NULL);
  g_assert_cmpstr (visible_page (window), ==, "none");
  rows = list_rows (sessions_list (window));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "Mixed group");

  sessions = abierto_store_list_sessions (fixture->store, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (sessions, 0);
  abierto_store_delete_session (fixture->store, abierto_session_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (visible_page (window), ==, "empty");

  destroy_window (window);
}

static void
test_window_no_file (void)
{
  AbiertoWindow *window = abierto_window_new (NULL, NULL);
  const char *subtitle;

  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));

  g_assert_null (abierto_window_get_store (window));
  g_assert_cmpstr (visible_page (window), ==, "no-file");
  subtitle = window_subtitle (window);
  g_assert_true (subtitle == NULL || *subtitle == '\0');

  destroy_window (window);
}

static char *
write_foreign_file (const char *dir)
{
  char *path = g_build_filename (dir, "notes.abierto", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "Lista de compras: tortillas, frijoles, café.\n", -1, &error);
  g_assert_no_error (error);

  return path;
}

static void
assert_unchanged (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "Lista de compras: tortillas, frijoles, café.\n");
}

static void
assert_open_error_dialog (AbiertoWindow *window)
{
  AdwMessageDialog *dialog = find_message_dialog (GTK_WINDOW (window));

  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog),
                            "Could not open the workshop file"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "not an Abierto workshop file"));
  g_assert_true (adw_message_dialog_has_response (dialog, "ok"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "ok");
}

static void
test_window_open_foreign (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *foreign = write_foreign_file (fixture->dir);
  g_autoptr(GFile) file = g_file_new_for_path (foreign);
  g_autoptr(GFile) good = g_file_new_for_path (fixture->path);
  AbiertoWindow *window;

  window = abierto_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));

  g_assert_false (open_file_and_wait (window, file));
  assert_open_error_dialog (window);
  g_assert_null (abierto_window_get_store (window));
  g_assert_cmpstr (visible_page (window), ==, "no-file");
  assert_unchanged (foreign);

  /* OK closes the dialog. */
  adw_message_dialog_response (find_message_dialog (GTK_WINDOW (window)), "ok");
  iterate_pending ();
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));

  /* A good file opens, though the fixture has it open too; a bad one
   * afterwards leaves it on show. */
  add_session (fixture->store, "Calles seguras", ABIERTO_GROUP_OLDER_ADULTS, NULL, NULL);
  g_assert_true (open_file_and_wait (window, good));
  g_assert_cmpstr (visible_page (window), ==, "none");
  g_assert_cmpstr (window_subtitle (window), ==, "test.abierto");

  g_assert_false (open_file_and_wait (window, file));
  assert_open_error_dialog (window);
  g_assert_nonnull (abierto_window_get_store (window));
  g_assert_cmpstr (abierto_store_get_path (abierto_window_get_store (window)), ==, fixture->path);
  g_assert_cmpstr (visible_page (window), ==, "none");

  /* The dialog goes with its window. */
  destroy_window (window);
  g_assert_null (find_message_dialog (NULL));
}

static void
test_window_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AbiertoWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 820);
  g_settings_set_int (settings, "window-height", 610);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = abierto_window_new (NULL, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 820);
  g_assert_cmpint (height, ==, 610);

  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);

  /* Closing saves the size, as Ctrl+W and app.quit do. */
  gtk_window_close (GTK_WINDOW (window));
  iterate_pending ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* Runs the application as `abierto ARGS…` until @check returns TRUE. */
typedef gboolean (*AppCheck) (GtkApplication *app);

typedef struct
{
  AppCheck  check;
  gboolean  passed;
  guint     tries;
} AppRun;

static gboolean
app_poll_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  AppRun *run = g_object_get_data (G_OBJECT (app), "test-run");
  GList *windows;

  run->passed = run->check (app);
  if (!run->passed && ++run->tries < 200)
    return G_SOURCE_CONTINUE;

  /* The application ends with its last window. */
  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);

  return G_SOURCE_REMOVE;
}

static void
run_application_full (const char *arg,
                      AppCheck    check,
                      const char *data_key,
                      gpointer    data)
{
  g_autoptr(AbiertoApplication) app = abierto_application_new ();
  const char *argv[] = { "abierto", arg, NULL };
  AppRun run = { check, FALSE, 0 };
  int status;

  /* Tests run side by side on one bus. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "test-run", &run);
  if (data_key != NULL)
    g_object_set_data (G_OBJECT (app), data_key, data);
  g_timeout_add (50, app_poll_cb, app);

  status = g_application_run (G_APPLICATION (app), arg != NULL ? 2 : 1, (char **) argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.passed);
}

static void
run_application (const char *arg,
                 AppCheck    check)
{
  run_application_full (arg, check, NULL, NULL);
}

static AbiertoWindow *
the_window (GtkApplication *app)
{
  GList *windows = gtk_application_get_windows (app);
  AbiertoWindow *window;

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_assert_true (ABIERTO_IS_WINDOW (window));

  return window;
}

static gboolean
check_foreign (GtkApplication *app)
{
  AbiertoWindow *window = the_window (app);

  if (!gtk_widget_get_mapped (GTK_WIDGET (window)) || abierto_window_get_opening (window)
      || find_message_dialog (GTK_WINDOW (window)) == NULL)
    return FALSE;

  assert_open_error_dialog (window);
  g_assert_null (abierto_window_get_store (window));
  g_assert_cmpstr (visible_page (window), ==, "no-file");

  return TRUE;
}

static void
test_application_open_foreign (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *foreign = write_foreign_file (fixture->dir);

  run_application (foreign, check_foreign);
  assert_unchanged (foreign);
  g_assert_null (find_message_dialog (NULL));
}

/* After a failure, the next file opens in the window left without one. */
static gboolean
check_open_after_failure (GtkApplication *app)
{
  AbiertoWindow *window = the_window (app);
  const char *good = g_object_get_data (G_OBJECT (app), "test-good-path");
  g_autoptr(GFile) file = g_file_new_for_path (good);
  AdwMessageDialog *dialog;

  if (!gtk_widget_get_mapped (GTK_WIDGET (window)) || abierto_window_get_opening (window)
      || (dialog = find_message_dialog (GTK_WINDOW (window))) == NULL)
    return FALSE;

  adw_message_dialog_response (dialog, "ok");
  g_application_open (G_APPLICATION (app), &file, 1, "");
  wait_opened (window);

  g_assert_true (the_window (app) == window);
  g_assert_null (find_message_dialog (NULL));
  g_assert_cmpstr (abierto_store_get_path (abierto_window_get_store (window)), ==, good);
  g_assert_cmpstr (visible_page (window), ==, "none");

  /* Opening it again shows the same window. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  wait_opened (window);
  g_assert_true (the_window (app) == window);

  return TRUE;
}

static void
test_application_open_after_failure (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autofree char *foreign = write_foreign_file (fixture->dir);

  add_session (fixture->store, "Uno", ABIERTO_GROUP_MIXED, "2026-01-01", NULL);

  run_application_full (foreign, check_open_after_failure, "test-good-path", fixture->path);
}

static gboolean
check_open (GtkApplication *app)
{
  AbiertoWindow *window = the_window (app);
  g_autoptr(GPtrArray) rows = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (window)) || abierto_window_get_opening (window))
    return FALSE;

  g_assert_null (find_message_dialog (GTK_WINDOW (window)));
  g_assert_cmpstr (visible_page (window), ==, "none");
  rows = list_rows (sessions_list (window));
  g_assert_cmpuint (rows->len, ==, 2);

  return TRUE;
}

static void
test_application_open (Fixture       *fixture,
                       gconstpointer  user_data)
{
  add_session (fixture->store, "Uno", ABIERTO_GROUP_MIXED, "2026-01-01", NULL);
  add_session (fixture->store, "Dos", ABIERTO_GROUP_MIXED, "2026-01-02", NULL);

  run_application (fixture->path, check_open);
}

static gboolean
check_default_file (GtkApplication *app)
{
  AbiertoWindow *window = the_window (app);
  g_autofree char *expected = NULL;
  g_autofree char *dir = NULL;
  AbiertoStore *store;
  GStatBuf buf;

  if (!gtk_widget_get_mapped (GTK_WIDGET (window)) || abierto_window_get_opening (window))
    return FALSE;

  /* main() points XDG_DATA_HOME at a temporary directory. */
  expected = g_build_filename (g_get_user_data_dir (), "abierto", "talleres.abierto", NULL);
  store = abierto_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_cmpstr (abierto_store_get_path (store), ==, expected);
  g_assert_cmpstr (window_subtitle (window), ==, "talleres.abierto");
  g_assert_cmpstr (visible_page (window), ==, "empty");

  /* Personal data: only the user may read the file or list its folder. */
  g_assert_cmpint (g_stat (expected, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  dir = g_path_get_dirname (expected);
  g_assert_cmpint (g_stat (dir, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0700);

  return TRUE;
}

static void
test_application_default_file (void)
{
  run_application (NULL, check_default_file);
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/gobierto/Abierto/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Asking for a file while another opens: the latest wins, the first
 * is closed again without ever showing. */
static void
test_window_open_latest (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "otro.abierto", NULL);
  g_autoptr(GFile) first = g_file_new_for_path (other);
  g_autoptr(GFile) second = g_file_new_for_path (fixture->path);
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoWindow *window;

  window = abierto_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));

  abierto_window_open_file_async (window, first, NULL, store_result_cb, &first_result);
  g_assert_true (abierto_window_get_opening (window));
  abierto_window_open_file_async (window, second, NULL, store_result_cb, &second_result);
  while (first_result == NULL || second_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (abierto_window_open_file_finish (window, first_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (abierto_window_open_file_finish (window, second_result, NULL));
  g_assert_false (abierto_window_get_opening (window));
  g_assert_cmpstr (abierto_store_get_path (abierto_window_get_store (window)), ==, fixture->path);
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  int status;

  /* Keep the default workshop file of the user out of reach: set before
   * anything reads these directories. */
  home = g_dir_make_tmp ("abierto-ui-home-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/window/sessions", Fixture, NULL,
              fixture_set_up, test_window_sessions, fixture_tear_down);
  g_test_add ("/ui/window/empty", Fixture, NULL,
              fixture_set_up, test_window_empty, fixture_tear_down);
  g_test_add_func ("/ui/window/no-file", test_window_no_file);
  g_test_add ("/ui/window/open-foreign", Fixture, NULL,
              fixture_set_up, test_window_open_foreign, fixture_tear_down);
  g_test_add ("/ui/window/open-latest", Fixture, NULL,
              fixture_set_up, test_window_open_latest, fixture_tear_down);
  g_test_add_func ("/ui/window/settings", test_window_settings);
  g_test_add_func ("/ui/help-overlay", test_help_overlay);
  g_test_add ("/ui/application/open", Fixture, NULL,
              fixture_set_up, test_application_open, fixture_tear_down);
  g_test_add ("/ui/application/open-foreign", Fixture, NULL,
              fixture_set_up, test_application_open_foreign, fixture_tear_down);
  g_test_add ("/ui/application/open-after-failure", Fixture, NULL,
              fixture_set_up, test_application_open_after_failure, fixture_tear_down);
  g_test_add_func ("/ui/application/default-file", test_application_default_file);

  status = g_test_run ();

  remove_tree (home);

  return status;
}
