/* abierto-opendata-dialog.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-opendata-dialog.h"
#include "abierto-privacy.h"
#include "abierto-window.h"

/* Writing gives no progress of its own: the bar pulses meanwhile. */
#define PULSE_MS 120

enum
{
  SCOPE_SESSION,
  SCOPE_ALL,
};

enum
{
  FORMAT_FOLDER,
  FORMAT_ZIP,
};

struct _AbiertoOpenDataDialog
{
  AdwWindow       parent_instance;

  /* Owned */
  AbiertoStore   *store;
  GSettings      *settings;
  GCancellable   *publishing;   /* of the package being written, or NULL */
  GFile          *target;       /* where it is written, or NULL */
  char           *session_title;
  gint64          session_id;   /* the session on show, or 0 */
  guint           pulse;

  /* Template children, borrowed */
  GtkWidget      *error_box;
  GtkLabel       *error_label;
  GtkWidget      *options_group;
  AdwComboRow    *scope_row;
  AdwComboRow    *format_row;
  AdwActionRow   *small_row;
  GtkWidget      *progress_box;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;

  guint           closed : 1;
};

G_DEFINE_FINAL_TYPE (AbiertoOpenDataDialog, abierto_opendata_dialog, ADW_TYPE_WINDOW)

/* Work for the thread */
typedef struct
{
  AbiertoStore           *reader;   /* owned; closed by the worker */
  AbiertoOpenDataOptions  options;
  char                   *path;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->reader);
  g_free (job->path);
  g_free (job);
}

static guint
abierto_opendata_dialog_get_threshold (AbiertoOpenDataDialog *self)
{
  int threshold = g_settings_get_int (self->settings, "privacy-threshold");

  return (guint) CLAMP (threshold, ABIERTO_PRIVACY_MIN_THRESHOLD, ABIERTO_PRIVACY_MAX_THRESHOLD);
}

/**
 * abierto_opendata_dialog_get_options:
 * @self: an open data dialog
 * @options: (out caller-allocates): the options chosen
 */
void
abierto_opendata_dialog_get_options (AbiertoOpenDataDialog  *self,
                                     AbiertoOpenDataOptions *options)
{
  g_return_if_fail (ABIERTO_IS_OPENDATA_DIALOG (self));
  g_return_if_fail (options != NULL);

  abierto_opendata_options_init (options);
  options->threshold = abierto_opendata_dialog_get_threshold (self);
  if (self->closed)
    return;

  if (self->session_id != 0 && adw_combo_row_get_selected (self->scope_row) == SCOPE_SESSION)
    options->session_id = self->session_id;
  options->zip = adw_combo_row_get_selected (self->format_row) == FORMAT_ZIP;
}

static void
abierto_opendata_dialog_set_error (AbiertoOpenDataDialog *self,
                                   const char            *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
abierto_opendata_dialog_update (AbiertoOpenDataDialog *self)
{
  gboolean busy = self->publishing != NULL;
  g_autofree char *small = NULL;
  guint threshold = abierto_opendata_dialog_get_threshold (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opendata-dialog.publish", !busy);
  gtk_widget_set_sensitive (self->options_group, !busy);
  gtk_widget_set_visible (self->progress_box, busy);

  /* the session's title under “This session” */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scope_row),
                               self->session_id != 0
                               && adw_combo_row_get_selected (self->scope_row) == SCOPE_SESSION
                               ? self->session_title : NULL);

  small = g_strdup_printf (ngettext ("Counts of fewer than %u person are left out, so that "
                                     "nobody can be singled out",
                                     "Counts of fewer than %u people are left out, so that "
                                     "nobody can be singled out", threshold),
                           threshold);
  adw_action_row_set_subtitle (self->small_row, small);
}

static void
options_changed_cb (AbiertoOpenDataDialog *self)
{
  abierto_opendata_dialog_set_error (self, NULL);
  abierto_opendata_dialog_update (self);
}

static gboolean
pulse_cb (gpointer user_data)
{
  AbiertoOpenDataDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
publish_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = abierto_opendata_write (job->reader, &job->options, job->path, cancellable, &error);
  /* closed in the thread that used it */
  abierto_store_close (job->reader, NULL);
  g_clear_object (&job->reader);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Tells the window the package is ready, with a button to open the
 * folder that holds it. */
static void
abierto_opendata_dialog_announce (AbiertoOpenDataDialog *self,
                                  GFile                 *file,
                                  gboolean               zip)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (!ABIERTO_IS_WINDOW (parent))
    return;

  if (g_file_peek_path (file) != NULL)
    name = g_filename_display_basename (g_file_peek_path (file));
  else
    name = g_file_get_parse_name (file);
  /* Translators: a toast; %s is the name of the folder or zip file written */
  title = g_strdup_printf (_("Open data published in “%s”"), name);

  folder = zip ? g_file_get_parent (file) : g_object_ref (file);
  abierto_window_add_open_toast (ABIERTO_WINDOW (parent), title, _("Open _Folder"), folder,
                                 _("Could not open the folder"));
}

static void
abierto_opendata_dialog_stop (AbiertoOpenDataDialog *self)
{
  g_cancellable_cancel (self->publishing);
  g_clear_handle_id (&self->pulse, g_source_remove);
}

static void
publish_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AbiertoOpenDataDialog *self = ABIERTO_OPENDATA_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->publishing);
  g_clear_handle_id (&self->pulse, g_source_remove);
  file = g_steal_pointer (&self->target);

  if (self->closed)
    {
      if (ok)
        abierto_opendata_dialog_announce (self, file, job->options.zip);
      return;
    }

  abierto_opendata_dialog_update (self);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = g_strdup_printf ("%s\n%s", _("Nothing was published."), error->message);
      abierto_opendata_dialog_set_error (self, message);
      return;
    }

  abierto_opendata_dialog_announce (self, file, job->options.zip);
  abierto_opendata_dialog_stop (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * abierto_opendata_dialog_publish_to:
 * @self: an open data dialog
 * @file: the folder to write, which must be empty or not exist, or the
 *   zip file, replaced once the new one is whole
 *
 * Writes the package with the options on show in a worker, with the
 * progress on show. On success the dialog closes and the window says so;
 * otherwise the dialog says why.
 */
void
abierto_opendata_dialog_publish_to (AbiertoOpenDataDialog *self,
                                    GFile                 *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  Job *job;

  g_return_if_fail (ABIERTO_IS_OPENDATA_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->publishing != NULL || self->closed)
    return;

  if ((path = g_file_get_path (file)) == NULL)
    {
      abierto_opendata_dialog_set_error (self, _("Open data can only be saved in a local "
                                                 "folder."));
      return;
    }

  job = g_new0 (Job, 1);
  abierto_opendata_dialog_get_options (self, &job->options);
  job->path = g_steal_pointer (&path);
  /* a connection of its own, opened here, for the worker */
  if ((job->reader = abierto_store_open_reader (self->store, &error)) == NULL)
    {
      job_free (job);
      abierto_opendata_dialog_set_error (self, error->message);
      return;
    }

  self->publishing = g_cancellable_new ();
  g_set_object (&self->target, file);

  name = g_filename_display_basename (job->path);
  /* Translators: %s is the name of the folder or zip file being written */
  label = g_strdup_printf (_("Writing “%s”…"), name);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  self->pulse = g_timeout_add (PULSE_MS, pulse_cb, self);
  abierto_opendata_dialog_set_error (self, NULL);
  abierto_opendata_dialog_update (self);

  task = g_task_new (self, self->publishing, publish_done_cb, NULL);
  g_task_set_source_tag (task, abierto_opendata_dialog_publish_to);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, publish_worker);
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     AbiertoOpenDataDialog *self)
{
  g_autoptr(GFile) file = NULL;
  AbiertoOpenDataOptions options;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && !self->closed)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *folded = name != NULL ? g_ascii_strdown (name, -1) : NULL;

      /* a zip file is named so */
      abierto_opendata_dialog_get_options (self, &options);
      if (options.zip && folded != NULL && !g_str_has_suffix (folded, ".zip"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_ext = g_strconcat (name, ".zip", NULL);

          if (parent != NULL)
            g_set_object (&file, g_file_get_child (parent, with_ext));
        }

      abierto_opendata_dialog_publish_to (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AbiertoOpenDataDialog *self = ABIERTO_OPENDATA_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *package = NULL;
  g_autofree char *name = NULL;
  AbiertoOpenDataOptions options;
  GtkFileChooserNative *chooser;
  const char *documents;

  if (self->publishing != NULL || self->closed)
    return;

  abierto_opendata_dialog_get_options (self, &options);
  package = abierto_opendata_dup_package_name (self->store, options.session_id, &error);
  if (package == NULL)
    {
      abierto_opendata_dialog_set_error (self, error->message);
      return;
    }
  name = options.zip ? g_strconcat (package, ".zip", NULL) : g_strdup (package);

  /* A save dialog for both: a folder is named as a file is, and made. */
  chooser = gtk_file_chooser_native_new (_("Publish Open Data"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Publish"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (options.zip)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Zip files"));
      gtk_file_filter_add_mime_type (filter, "application/zip");
      gtk_file_filter_add_suffix (filter, "zip");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents == NULL || !g_file_test (documents, G_FILE_TEST_IS_DIR))
    documents = g_get_home_dir ();
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Cancel stops the writing under way; otherwise it closes the dialog. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AbiertoOpenDataDialog *self = ABIERTO_OPENDATA_DIALOG (widget);

  if (self->publishing != NULL)
    g_cancellable_cancel (self->publishing);
  else
    gtk_window_close (GTK_WINDOW (self));
}

gboolean
abierto_opendata_dialog_get_busy (AbiertoOpenDataDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_OPENDATA_DIALOG (self), FALSE);

  return self->publishing != NULL;
}

const char *
abierto_opendata_dialog_get_error (AbiertoOpenDataDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_OPENDATA_DIALOG (self), NULL);

  if (self->closed || !gtk_widget_get_visible (self->error_box))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

static gboolean
abierto_opendata_dialog_close_request (GtkWindow *window)
{
  abierto_opendata_dialog_stop (ABIERTO_OPENDATA_DIALOG (window));

  return GTK_WINDOW_CLASS (abierto_opendata_dialog_parent_class)->close_request (window);
}

static void
abierto_opendata_dialog_dispose (GObject *object)
{
  AbiertoOpenDataDialog *self = (AbiertoOpenDataDialog *)object;

  self->closed = TRUE;
  abierto_opendata_dialog_stop (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_OPENDATA_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (abierto_opendata_dialog_parent_class)->dispose (object);
}

static void
abierto_opendata_dialog_finalize (GObject *object)
{
  AbiertoOpenDataDialog *self = (AbiertoOpenDataDialog *)object;

  g_clear_object (&self->publishing);
  g_clear_object (&self->target);
  g_free (self->session_title);

  G_OBJECT_CLASS (abierto_opendata_dialog_parent_class)->finalize (object);
}

static void
abierto_opendata_dialog_class_init (AbiertoOpenDataDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = abierto_opendata_dialog_dispose;
  object_class->finalize = abierto_opendata_dialog_finalize;
  window_class->close_request = abierto_opendata_dialog_close_request;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/gobierto/Abierto/ui/abierto-opendata-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, small_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoOpenDataDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);

  gtk_widget_class_install_action (widget_class, "opendata-dialog.publish", NULL,
                                   publish_action);
  gtk_widget_class_install_action (widget_class, "opendata-dialog.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "opendata-dialog.cancel", NULL);
}

static void
abierto_opendata_dialog_init (AbiertoOpenDataDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::privacy-threshold",
                           G_CALLBACK (abierto_opendata_dialog_update), self, G_CONNECT_SWAPPED);
}

/* A worker may hold the dialog past its parent: let go of the parent
 * while it is still there. */
static void
parent_destroy_cb (AbiertoOpenDataDialog *self)
{
  abierto_opendata_dialog_stop (self);
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * abierto_opendata_dialog_new:
 * @parent: (nullable): the window it is for, which shows a toast once
 *   the package is written
 * @store: the workshop file
 * @session_id: the session on show, or 0
 * @all_sessions: whether every session is chosen at first
 *
 * Returns: (transfer none): a new modal dialog, owned by GTK like every
 *   toplevel; present it
 */
AbiertoOpenDataDialog *
abierto_opendata_dialog_new (GtkWindow    *parent,
                             AbiertoStore *store,
                             gint64        session_id,
                             gboolean      all_sessions)
{
  g_autoptr(AbiertoSession) session = NULL;
  AbiertoOpenDataDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);

  self = g_object_new (ABIERTO_TYPE_OPENDATA_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  if (parent != NULL)
    g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroy_cb), self,
                             G_CONNECT_SWAPPED);

  if (session_id != 0)
    session = abierto_store_get_session (store, session_id, NULL);
  if (session != NULL)
    {
      self->session_id = session_id;
      self->session_title = g_strdup (abierto_session_get_title (session));
    }

  /* without a session on show, all of them is the only choice */
  adw_combo_row_set_selected (self->scope_row,
                              all_sessions || self->session_id == 0 ? SCOPE_ALL : SCOPE_SESSION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scope_row), self->session_id != 0);
  abierto_opendata_dialog_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->scope_row));

  return self;
}
