/* test-export-dialog.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "abierto-demo.h"
#include "abierto-export-dialog.h"
#include "abierto-session-dialog.h"

#include "test-util.h"

/* Helpers */

static AbiertoExportDialog *
find_export_dialog (void)
{
  return find_toplevel (ABIERTO_TYPE_EXPORT_DIALOG);
}

/* The row of a dialog with @title, as a user reads it. */
static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_descendants (widget, type, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];

  g_error ("no row “%s”", title);
  return NULL;
}

/* Whether some pixel is not white. */
static gboolean
has_ink (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *pixels;

  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if (row[x] != 0xffffffff)
          return TRUE;
    }

  return FALSE;
}

/* The window on the fixture's file, with its only session on show and
 * the export dialog open over it, its first preview drawn. */
static AbiertoExportDialog *
open_export_dialog (Fixture        *fixture,
                    AbiertoWindow **window_out)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GPtrArray) rows = NULL;
  AbiertoExportDialog *dialog;
  AbiertoWindow *window;

  add_demo (fixture->store);

  window = present_window (NULL);
  g_assert_true (open_file_and_wait (window, file));
  rows = list_rows (sessions_list (window));
  g_assert_cmpuint (rows->len, ==, 1);
  gtk_list_box_select_row (sessions_list (window), rows->pdata[0]);
  iterate_pending ();
  g_assert_cmpstr (visible_page (window), ==, "session");

  g_assert_null (find_export_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  wait_mapped (GTK_WIDGET (dialog));

  wait_until (has_preview, dialog, "the first preview");
  g_assert_true (has_ink (abierto_export_dialog_get_preview (dialog)));

  *window_out = window;
  return dialog;
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

/* Only @names are in @dir: no temporary file was left behind. */
static void
assert_dir_holds (const char         *dir,
                  const char * const *names)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_strv_contains (names, name))
      g_error ("unexpected file %s in %s", name, dir);
}

/* Tests */

static void
test_export_dialog_export (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "informe.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AbiertoExportDialog) dialog = NULL;
  AbiertoExportOptions options;
  AbiertoWindow *window;
  AdwComboRow *kind_row, *format_row, *size_row;
  gsize length;

  dialog = g_object_ref (open_export_dialog (fixture, &window));

  /* a poster first, as a PDF on letter paper */
  abierto_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.kind, ==, ABIERTO_EXPORT_POSTER);
  g_assert_cmpint (options.format, ==, ABIERTO_EXPORT_FORMAT_PDF);
  g_assert_cmpint (options.size, ==, abierto_export_default_size (ABIERTO_EXPORT_POSTER,
                                                                  ABIERTO_EXPORT_FORMAT_PDF));

  /* a poster as an image goes to a phone's size */
  format_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Format"));
  adw_combo_row_set_selected (format_row, ABIERTO_EXPORT_FORMAT_PNG);
  g_assert_null (abierto_export_dialog_get_preview (dialog));
  abierto_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.size, ==, abierto_export_default_size (ABIERTO_EXPORT_POSTER,
                                                                  ABIERTO_EXPORT_FORMAT_PNG));
  wait_until (has_preview, dialog, "the preview of a PNG poster");

  /* a report can only be a PDF: the format is set and greyed out */
  kind_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_What"));
  size_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Size"));
  adw_combo_row_set_selected (kind_row, ABIERTO_EXPORT_REPORT);
  g_assert_null (abierto_export_dialog_get_preview (dialog));
  abierto_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.kind, ==, ABIERTO_EXPORT_REPORT);
  g_assert_cmpint (options.format, ==, ABIERTO_EXPORT_FORMAT_PDF);
  g_assert_cmpint (options.size, ==, ABIERTO_PAGE_LETTER);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (format_row)));
  g_assert_true (has_label_prefix (GTK_WIDGET (dialog), "A report has several pages"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (size_row)));
  wait_until (has_preview, dialog, "the preview of a report");
  g_assert_true (has_ink (abierto_export_dialog_get_preview (dialog)));

  abierto_export_dialog_export_to (dialog, file);
  g_assert_true (abierto_export_dialog_get_busy (dialog));
  wait_until (export_idle, dialog, "the export");

  g_assert_null (abierto_export_dialog_get_error (dialog));
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);
  assert_dir_holds (fixture->dir, (const char * const[]) { "test.abierto", "test.abierto-wal",
                                                           "test.abierto-shm", "informe.pdf",
                                                           NULL });

  /* the dialog closed, and the window says where the file went */
  iterate_pending ();
  g_assert_null (find_export_dialog ());
  g_assert_true (has_label_prefix (GTK_WIDGET (window), "Exported “informe.pdf”"));

  destroy_window (window);
}

/* Cancel stops the export and leaves what was there. */
static void
test_export_dialog_cancel (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cartel.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AbiertoExportDialog) dialog = NULL;
  AbiertoWindow *window;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  dialog = g_object_ref (open_export_dialog (fixture, &window));

  abierto_export_dialog_export_to (dialog, file);
  g_assert_true (abierto_export_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export-dialog.cancel", NULL));
  wait_until (export_idle, dialog, "the export to stop");

  assert_file_contents (path, "old");
  assert_dir_holds (fixture->dir, (const char * const[]) { "test.abierto", "test.abierto-wal",
                                                           "test.abierto-shm", "cartel.pdf",
                                                           NULL });
  g_assert_null (abierto_export_dialog_get_error (dialog));
  g_assert_true (find_export_dialog () == dialog);

  /* with nothing under way, Cancel closes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export-dialog.cancel", NULL));
  iterate_pending ();
  g_assert_null (find_export_dialog ());

  destroy_window (window);
}

/* An export that cannot be written says so in the dialog, and leaves the
 * file already there as it was. */
static void
test_export_dialog_error (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *not_a_folder = g_build_filename (fixture->dir, "notas.txt", NULL);
  g_autofree char *inside_file = g_build_filename (not_a_folder, "cartel.pdf", NULL);
  g_autofree char *locked = g_build_filename (fixture->dir, "cerrada", NULL);
  g_autofree char *locked_file = g_build_filename (locked, "cartel.pdf", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AbiertoExportDialog) dialog = NULL;
  AbiertoWindow *window;

  g_file_set_contents (not_a_folder, "old", -1, &error);
  g_assert_no_error (error);

  dialog = g_object_ref (open_export_dialog (fixture, &window));

  /* a “folder” that is a file: refused even for root */
  file = g_file_new_for_path (inside_file);
  abierto_export_dialog_export_to (dialog, file);
  wait_until (export_idle, dialog, "the export to fail");
  g_assert_nonnull (abierto_export_dialog_get_error (dialog));
  g_assert_nonnull (strstr (abierto_export_dialog_get_error (dialog), "cartel.pdf"));
  g_assert_true (find_export_dialog () == dialog);
  assert_file_contents (not_a_folder, "old");

  /* a folder that cannot be written to; root writes anywhere */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
      g_file_set_contents (locked_file, "old", -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (locked, 0500), ==, 0);

      g_clear_object (&file);
      file = g_file_new_for_path (locked_file);
      abierto_export_dialog_export_to (dialog, file);
      wait_until (export_idle, dialog, "the export to fail");
      g_assert_nonnull (abierto_export_dialog_get_error (dialog));
      assert_file_contents (locked_file, "old");
      assert_dir_holds (locked, (const char * const[]) { "cartel.pdf", NULL });
      g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
    }
  else
    {
      g_test_message ("running as root: a read-only folder does not stop root, "
                      "so only the folder that is a file was tried");
    }

  /* the next change of options takes the message away */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                       "_Audience")),
                              ABIERTO_AUDIENCE_CHILDREN);
  g_assert_null (abierto_export_dialog_get_error (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* The place can be shown only for women in reentry, who have it hidden
 * unless they ask. */
static void
test_export_dialog_place (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(AbiertoExportDialog) dialog = NULL;
  AbiertoExportOptions options;
  AbiertoWindow *window;
  AdwComboRow *audience_row;
  GtkWidget *place_row;

  dialog = g_object_ref (open_export_dialog (fixture, &window));
  audience_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Audience"));
  place_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Show the _place");

  adw_combo_row_set_selected (audience_row, ABIERTO_AUDIENCE_GENERAL);
  g_assert_false (gtk_widget_get_visible (place_row));
  adw_combo_row_set_selected (audience_row, ABIERTO_AUDIENCE_WOMEN_REENTRY);
  g_assert_true (gtk_widget_get_visible (place_row));
  abierto_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.audience, ==, ABIERTO_AUDIENCE_WOMEN_REENTRY);
  g_assert_false (options.show_place);
  wait_until (has_preview, dialog, "the preview for women in reentry");

  /* Escape closes */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export-dialog.cancel", NULL);
  iterate_pending ();
  g_assert_null (find_export_dialog ());

  destroy_window (window);
}

/* The publication address goes to the store when it is a web address,
 * and is refused with core's reason otherwise. */
static void
test_session_dialog_publication (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(AbiertoSession) stored = NULL;
  g_autoptr(AbiertoSessionDialog) dialog = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *url_row;
  GtkWidget *place_row;

  session = add_session_full (fixture->store, "Calles seguras", ABIERTO_GROUP_OLDER_ADULTS,
                              "2026-03-14", "Coyoacán", NULL);

  dialog = g_object_ref (abierto_session_dialog_new (NULL, fixture->store, session));
  url_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Publication address");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (url_row), "ftp://x");
  g_assert_false (abierto_session_dialog_save (dialog));
  g_assert_nonnull (abierto_session_dialog_get_error (dialog));
  g_assert_nonnull (strstr (abierto_session_dialog_get_error (dialog), "ftp://x"));
  stored = abierto_store_get_session (fixture->store, abierto_session_get_id (session), &error);
  g_assert_no_error (error);
  g_assert_null (abierto_session_get_publication_url (stored));
  g_clear_object (&stored);

  gtk_editable_set_text (GTK_EDITABLE (url_row), " https://gobierto.example/calles ");
  g_assert_true (abierto_session_dialog_save (dialog));
  stored = abierto_store_get_session (fixture->store, abierto_session_get_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_session_get_publication_url (stored), ==,
                   "https://gobierto.example/calles");
  g_clear_object (&dialog);

  /* shown again when editing, and kept when another field changes */
  dialog = g_object_ref (abierto_session_dialog_new (NULL, fixture->store, stored));
  url_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Publication address");
  place_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Place");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==,
                   "https://gobierto.example/calles");
  gtk_editable_set_text (GTK_EDITABLE (place_row), "Tlalpan");
  g_assert_true (abierto_session_dialog_save (dialog));
  g_clear_object (&stored);
  stored = abierto_store_get_session (fixture->store, abierto_session_get_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_session_get_place (stored), ==, "Tlalpan");
  g_assert_cmpstr (abierto_session_get_publication_url (stored), ==,
                   "https://gobierto.example/calles");
  g_clear_object (&dialog);

  /* emptied, it is taken away */
  dialog = g_object_ref (abierto_session_dialog_new (NULL, fixture->store, stored));
  url_row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Publication address");
  gtk_editable_set_text (GTK_EDITABLE (url_row), "");
  g_assert_true (abierto_session_dialog_save (dialog));
  g_clear_object (&stored);
  stored = abierto_store_get_session (fixture->store, abierto_session_get_id (session), &error);
  g_assert_no_error (error);
  g_assert_null (abierto_session_get_publication_url (stored));

  iterate_pending ();
}

/* Screenshots, when ABIERTO_SCREENSHOT_DIR says where */

static void
test_export_dialog_screenshots (Fixture       *fixture,
                                gconstpointer  user_data)
{
  const char *dir = g_getenv ("ABIERTO_SCREENSHOT_DIR");
  g_autofree char *inside_file = g_build_filename (fixture->path, "cartel.pdf", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(AbiertoExportDialog) dialog = NULL;
  AbiertoWindow *window;

  if (dir == NULL)
    {
      g_test_skip ("set ABIERTO_SCREENSHOT_DIR to take screenshots");
      return;
    }
  g_mkdir_with_parents (dir, 0755);

  dialog = g_object_ref (open_export_dialog (fixture, &window));
  save_screenshot (GTK_WIDGET (dialog), dir, "export-poster.png");

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                       "_What")),
                              ABIERTO_EXPORT_TRIPTYCH);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                       "_Audience")),
                              ABIERTO_AUDIENCE_WOMEN_REENTRY);
  wait_until (has_preview, dialog, "the preview of a tríptico");
  save_screenshot (GTK_WIDGET (dialog), dir, "export-triptych.png");

  file = g_file_new_for_path (inside_file);
  abierto_export_dialog_export_to (dialog, file);
  wait_until (export_idle, dialog, "the export to fail");
  save_screenshot (GTK_WIDGET (dialog), dir, "export-error.png");

  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                       "_What")),
                              ABIERTO_EXPORT_POSTER);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                       "_Format")),
                              ABIERTO_EXPORT_FORMAT_PNG);
  iterate_pending ();
  wait_until (has_preview, dialog, "the preview in a narrow dialog");
  save_screenshot (GTK_WIDGET (dialog), dir, "export-narrow.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  int status;

  /* Keep the default workshop file of the user out of reach. */
  home = g_dir_make_tmp ("abierto-ui-home-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/export-dialog/export", Fixture, NULL,
              fixture_set_up, test_export_dialog_export, fixture_tear_down);
  g_test_add ("/ui/export-dialog/cancel", Fixture, NULL,
              fixture_set_up, test_export_dialog_cancel, fixture_tear_down);
  g_test_add ("/ui/export-dialog/error", Fixture, NULL,
              fixture_set_up, test_export_dialog_error, fixture_tear_down);
  g_test_add ("/ui/export-dialog/place", Fixture, NULL,
              fixture_set_up, test_export_dialog_place, fixture_tear_down);
  g_test_add ("/ui/export-dialog/screenshots", Fixture, NULL,
              fixture_set_up, test_export_dialog_screenshots, fixture_tear_down);
  g_test_add ("/ui/session-dialog/publication", Fixture, NULL,
              fixture_set_up, test_session_dialog_publication, fixture_tear_down);

  status = g_test_run ();

  remove_tree (home);

  return status;
}
