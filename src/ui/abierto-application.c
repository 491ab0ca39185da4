/* abierto-application.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "abierto-application.h"
#include "abierto-kiosk-window.h"
#include "abierto-preferences-window.h"
#include "abierto-store.h"
#include "abierto-window.h"

struct _AbiertoApplication
{
  AdwApplication  parent_instance;

  /* --kiosk: the round to open in a kiosk instead of the window, or 0 */
  gint64          kiosk_round_id;

  /* For start-up benchmarks: quit once the first window has drawn. */
  guint           quit_after_first_frame : 1;
};

G_DEFINE_FINAL_TYPE (AbiertoApplication, abierto_application, ADW_TYPE_APPLICATION)

static void
first_frame_cb (GdkFrameClock      *frame_clock,
                AbiertoApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* the first frame that shows the file, or why it could not be opened */
  if (ABIERTO_IS_WINDOW (window) && abierto_window_get_opening (ABIERTO_WINDOW (window)))
    return;

  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_cb, self);

  g_print ("ABIERTO_FIRST_FRAME\n");
  fflush (stdout);

  g_application_quit (G_APPLICATION (self));
}

static void
window_realize_cb (GtkWidget          *window,
                   AbiertoApplication *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_cb), self, 0);
}

static AbiertoWindow *
abierto_application_new_window (AbiertoApplication *self)
{
  AbiertoWindow *window = abierto_window_new (GTK_APPLICATION (self), NULL);

  if (self->quit_after_first_frame)
    g_signal_connect_object (window, "realize", G_CALLBACK (window_realize_cb), self, 0);

  return window;
}

/* The window that shows @file, or with @file NULL one that shows no file. */
static AbiertoWindow *
abierto_application_find_window (AbiertoApplication *self,
                                 GFile              *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      g_autoptr(GFile) shown = NULL;
      AbiertoStore *store;

      if (!ABIERTO_IS_WINDOW (l->data))
        continue;

      store = abierto_window_get_store (l->data);
      if (store == NULL || file == NULL)
        {
          if (store == NULL && file == NULL)
            return l->data;
          continue;
        }

      shown = g_file_new_for_path (abierto_store_get_path (store));
      if (g_file_equal (shown, file))
        return l->data;
    }

  return NULL;
}

static void
abierto_application_open_file (AbiertoApplication *self,
                               GFile              *file)
{
  AbiertoWindow *window;

  /* A file is shown in one window only: two stores on one file would
   * not see each other's changes. */
  window = abierto_application_find_window (self, file);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* Another file replaces the one on show, in the window in use. It is
   * shown before opening, so that an error dialog comes up over it. */
  window = abierto_application_find_window (self, NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL && window == NULL;
       l = l->next)
    {
      /* The list starts with the window used last; dialogs have their
       * place in it too. */
      if (ABIERTO_IS_WINDOW (l->data))
        window = l->data;
    }
  if (window == NULL)
    window = abierto_application_new_window (self);
  gtk_window_present (GTK_WINDOW (window));
  abierto_window_open_file (window, file);
}

static void
kiosk_left_cb (AbiertoKioskWindow *kiosk,
               AbiertoApplication *self)
{
  GFile *file = g_object_get_data (G_OBJECT (kiosk), "abierto-file");

  /* The facilitator is back: the window, with the results. */
  abierto_application_open_file (self, file);
}

static void
kiosk_destroy_cb (GtkWidget    *kiosk,
                  AbiertoStore *store)
{
  abierto_store_close (store, NULL);
  g_application_release (g_application_get_default ());
}

/* abierto --kiosk=ROUND_ID FILE: a tablet where participants vote. */
static void
abierto_application_start_kiosk (AbiertoApplication *self,
                                 GFile              *file)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  AbiertoKioskWindow *kiosk = NULL;
  gint64 round_id = self->kiosk_round_id;

  self->kiosk_round_id = 0;

  if (path != NULL)
    store = abierto_store_open (path, &error);
  if (store != NULL)
    kiosk = abierto_kiosk_window_new (store, round_id, &error);
  if (kiosk == NULL)
    {
      if (error != NULL)
        g_printerr (_("The kiosk could not start: %s\n"), error->message);
      if (store != NULL)
        abierto_store_close (store, NULL);
      /* the window says what is wrong with the file, or shows its rounds */
      abierto_application_open_file (self, file);
      return;
    }

  /* The kiosk is no window of the application, so that none of its
   * shortcuts (Ctrl+Q) work there: it holds the application instead. */
  g_application_hold (G_APPLICATION (self));
  g_object_set_data_full (G_OBJECT (kiosk), "abierto-file", g_object_ref (file),
                          g_object_unref);
  g_signal_connect_object (kiosk, "left", G_CALLBACK (kiosk_left_cb), self, 0);
  g_signal_connect_data (kiosk, "destroy", G_CALLBACK (kiosk_destroy_cb),
                         g_object_ref (store), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  gtk_window_fullscreen (GTK_WINDOW (kiosk));
  gtk_window_present (GTK_WINDOW (kiosk));
}

static void
abierto_application_activate (GApplication *app)
{
  AbiertoApplication *self = ABIERTO_APPLICATION (app);
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL && self->kiosk_round_id == 0)
    {
      gtk_window_present (window);
      return;
    }

  /* The default file holds personal data: its folder is private. A
   * failure here shows up as the file not opening, with its reason. */
  path = abierto_store_dup_default_path ();
  dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0700);

  file = g_file_new_for_path (path);
  if (self->kiosk_round_id != 0)
    abierto_application_start_kiosk (self, file);
  else
    abierto_application_open_file (self, file);
}

static void
abierto_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  g_assert (n_files > 0);

  /* One file per window; the first one given is the one opened. */
  if (ABIERTO_APPLICATION (app)->kiosk_round_id != 0)
    abierto_application_start_kiosk (ABIERTO_APPLICATION (app), files[0]);
  else
    abierto_application_open_file (ABIERTO_APPLICATION (app), files[0]);
}

static int
abierto_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  AbiertoApplication *self = ABIERTO_APPLICATION (app);
  gint64 round_id;

  if (g_variant_dict_lookup (options, "kiosk", "x", &round_id))
    {
      if (round_id <= 0)
        {
          g_printerr (_("--kiosk needs the number of a voting round, such as --kiosk=2.\n"));
          return 1;
        }
      /* A tablet of its own: not handed to a window already running. */
      self->kiosk_round_id = round_id;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
open_response_cb (GtkNativeDialog    *chooser,
                  int                 response,
                  AbiertoApplication *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    abierto_application_open_file (self, file);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
abierto_application_open_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  AbiertoApplication *self = user_data;
  g_autoptr(GtkFileFilter) workshops = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_file_filter_set_name (workshops, _("Workshop files"));
  gtk_file_filter_add_pattern (workshops, "*.abierto");
  gtk_file_filter_add_mime_type (workshops, "application/x-abierto");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Open a Workshop File"), window,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), workshops);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), workshops);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
abierto_application_about_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  static const char *developers[] = { "The Abierto developers", NULL };
  AbiertoApplication *self = user_data;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  window = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                         "transient-for", window,
                         "modal", TRUE,
                         "application-icon", APP_ID,
                         "application-name", _("Abierto"),
                         "developer-name", "Gobierto",
                         "version", PACKAGE_VERSION,
                         "comments", _("Record the proposals and votes of open-government "
                                       "workshops, and turn the results into infographics "
                                       "and open data that everyone can understand."),
                         "copyright", "© 2026 The Abierto developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);

  gtk_window_present (window);
}

/* A window showing another file has nothing to do with this one. */
static void
preferences_store_changed_cb (GtkWindow *preferences)
{
  gtk_window_destroy (preferences);
}

static void
abierto_application_preferences_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  AbiertoApplication *self = user_data;
  AbiertoPreferencesWindow *preferences;
  AbiertoStore *store = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (ABIERTO_IS_PREFERENCES_WINDOW (window))
    {
      gtk_window_present (window);
      return;
    }
  /* from a dialog: the window it is for */
  if (GTK_IS_WINDOW (window) && !ABIERTO_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (ABIERTO_IS_WINDOW (window))
    store = abierto_window_get_store (ABIERTO_WINDOW (window));

  preferences = abierto_preferences_window_new (window, store);
  if (ABIERTO_IS_WINDOW (window))
    g_signal_connect_object (window, "notify::store",
                             G_CALLBACK (preferences_store_changed_cb), preferences,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
abierto_application_help_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  GtkApplication *app = user_data;

  /* the Mallard pages in help/, shown by Yelp in the user's language */
  gtk_show_uri (gtk_application_get_active_window (app), "help:abierto", GDK_CURRENT_TIME);
}

static void
abierto_application_quit_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  AbiertoApplication *self = user_data;
  GList *windows;

  /* Close rather than destroy, so that each window saves its state; the
   * application ends with its last window. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "open", abierto_application_open_action },
  { "preferences", abierto_application_preferences_action },
  { "about", abierto_application_about_action },
  { "help", abierto_application_help_action },
  { "quit", abierto_application_quit_action },
};

static void
abierto_application_startup (GApplication *app)
{
  AbiertoApplication *self = ABIERTO_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (abierto_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  gtk_window_set_default_icon_name (APP_ID);

  self->quit_after_first_frame = g_getenv ("ABIERTO_QUIT_AFTER_FIRST_FRAME") != NULL;
}

static void
abierto_application_class_init (AbiertoApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = abierto_application_startup;
  app_class->activate = abierto_application_activate;
  app_class->open = abierto_application_open;
  app_class->handle_local_options = abierto_application_handle_local_options;
}

static const GOptionEntry options[] = {
  { "kiosk", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Let participants vote on their own, full screen, in voting round ROUND_ID of FILE"),
    N_("ROUND_ID") },
  { NULL }
};

static void
abierto_application_init (AbiertoApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

AbiertoApplication *
abierto_application_new (void)
{
  return g_object_new (ABIERTO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/gobierto/Abierto",
                       NULL);
}
