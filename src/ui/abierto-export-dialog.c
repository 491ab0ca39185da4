/* abierto-export-dialog.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "abierto-export-dialog.h"
#include "abierto-privacy.h"
#include "abierto-report-data.h"
#include "abierto-window.h"

/* Below this width the options go above the preview. */
#define NARROW_WIDTH       720
/* Option changes and resizes come in bursts: draw once they settle. */
#define PREVIEW_DELAY_MS   120
#define PREVIEW_MARGIN     12
#define PREVIEW_MAX_PIXELS 2400

/* What an export shows of the session, read once from the file and then
 * shared, read only, by the dialog and the workers drawing it; the last
 * of them frees it. */
typedef struct
{
  AbiertoReportData *data;  /* owned */
} SharedData;

static void
shared_data_clear (gpointer data)
{
  SharedData *shared = data;

  g_clear_pointer (&shared->data, abierto_report_data_free);
}

static SharedData *
shared_data_new (AbiertoReportData *data)
{
  SharedData *shared = g_atomic_rc_box_new0 (SharedData);

  shared->data = data;
  return shared;
}

static SharedData *
shared_data_ref (SharedData *shared)
{
  return g_atomic_rc_box_acquire (shared);
}

static void
shared_data_unref (SharedData *shared)
{
  g_atomic_rc_box_release_full (shared, shared_data_clear);
}

struct _AbiertoExportDialog
{
  AdwWindow             parent_instance;

  /* Owned */
  AbiertoStore         *store;
  GSettings            *settings;      /* for the smallest group shown */
  SharedData           *data;          /* the session as read, or NULL until then */
  GCancellable         *previewing;    /* of the preview being drawn, or NULL */
  GCancellable         *exporting;     /* of the file being written, or NULL */
  GFile                *export_file;   /* the file being written, or NULL */
  cairo_surface_t      *preview;       /* the latest preview drawn, or NULL */
  char                 *session_title;
  gint64                session_id;
  int                   preview_scale; /* device pixels per pixel of @preview */
  guint                 preview_timeout;
  guint                 layout_idle;
  guint                 export_serial;

  /* Template children, borrowed */
  AdwWindowTitle       *window_title;
  GtkWidget            *layout;
  AdwClamp             *options_clamp;
  GtkWidget            *options_box;
  GtkWidget            *options_group;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
  AdwComboRow          *kind_row;
  AdwComboRow          *format_row;
  AdwComboRow          *audience_row;
  AdwComboRow          *size_row;
  GtkWidget            *place_row;
  GtkLabel             *notes_label;
  GtkSwitch            *place_switch;
  GtkWidget            *progress_box;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *preview_area;
  GtkSpinner           *preview_spinner;
  GtkLabel             *preview_message;

  guint                 preview_stale : 1;  /* @preview shows other options */
  guint                 size_chosen : 1;    /* the user picked a size */
  guint                 syncing : 1;        /* the dialog is setting its rows */
  guint                 narrow : 1;
  guint                 closed : 1;
};

G_DEFINE_FINAL_TYPE (AbiertoExportDialog, abierto_export_dialog, ADW_TYPE_WINDOW)

static void abierto_export_dialog_stop (AbiertoExportDialog *self);

/* Work for a thread: a preview or an export. */
typedef struct
{
  AbiertoStore         *reader;    /* owned; NULL once the data is read */
  SharedData           *data;      /* owned ref; NULL until read */
  GMainContext         *context;   /* owned: where progress is shown */
  AbiertoExportDialog  *dialog;    /* borrowed: the task holds it */
  AbiertoExportOptions  options;
  gint64                session_id;
  int                   width;     /* of a preview, in device pixels */
  int                   height;
  int                   factor;    /* device pixels per pixel */
  char                 *path;      /* of an export */
  guint                 serial;    /* of an export */
  guint                 threshold; /* the smallest group shown */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->reader);
  g_clear_pointer (&job->data, shared_data_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->path);
  g_free (job);
}

/* In the worker: reads the session once, with the reader opened for it
 * on the main thread, and lets go of the file. */
static gboolean
job_ensure_data (Job     *job,
                 GError **error)
{
  AbiertoReportData *data;

  if (job->data != NULL)
    return TRUE;

  data = abierto_report_data_new_from_store (job->reader, job->session_id, job->threshold,
                                             error);
  /* closed in the thread that used it */
  abierto_store_close (job->reader, NULL);
  g_clear_object (&job->reader);

  if (data == NULL)
    return FALSE;

  job->data = shared_data_new (data);
  return TRUE;
}

/* Options */

static guint
combo_selected (AdwComboRow *row,
                guint        n_values)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < n_values ? selected : 0;
}

/**
 * abierto_export_dialog_get_options:
 * @self: an export dialog
 * @options: (out caller-allocates): the options chosen
 */
void
abierto_export_dialog_get_options (AbiertoExportDialog  *self,
                                   AbiertoExportOptions *options)
{
  g_return_if_fail (ABIERTO_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  abierto_export_options_init (options);
  if (self->closed)
    return;

  options->kind = (AbiertoExportKind) combo_selected (self->kind_row,
                                                      ABIERTO_EXPORT_ACCOUNTABILITY + 1);
  options->format = (AbiertoExportFormat) combo_selected (self->format_row,
                                                          ABIERTO_EXPORT_FORMAT_SVG + 1);
  options->audience = (AbiertoAudience) combo_selected (self->audience_row,
                                                        ABIERTO_AUDIENCE_WOMEN_REENTRY + 1);
  options->size = (AbiertoPageSize) combo_selected (self->size_row, ABIERTO_PAGE_16X9 + 1);
  options->show_place = gtk_switch_get_active (self->place_switch);
}

/* The shape of the first page; only its proportions matter. */
static void
get_page_shape (const AbiertoExportOptions *options,
                double                     *width,
                double                     *height)
{
  static const double sizes[][2] = {
    [ABIERTO_PAGE_LETTER] = { 612, 792 },
    [ABIERTO_PAGE_A4] = { 595.276, 841.890 },
    [ABIERTO_PAGE_A3] = { 841.890, 1190.551 },
    [ABIERTO_PAGE_SQUARE] = { 1080, 1080 },
    [ABIERTO_PAGE_SOCIAL] = { 1080, 1350 },
    [ABIERTO_PAGE_STORY] = { 1080, 1920 },
    [ABIERTO_PAGE_16X9] = { 1920, 1080 },
  };
  double w = sizes[options->size][0];
  double h = sizes[options->size][1];

  /* a tríptico lies on its side */
  if (options->kind == ABIERTO_EXPORT_TRIPTYCH)
    {
      *width = MAX (w, h);
      *height = MIN (w, h);
    }
  else
    {
      *width = w;
      *height = h;
    }
}

static void
abierto_export_dialog_set_error (AbiertoExportDialog *self,
                                 const char          *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
abierto_export_dialog_update_actions (AbiertoExportDialog *self)
{
  AbiertoExportOptions options;
  gboolean busy = self->exporting != NULL;

  abierto_export_dialog_get_options (self, &options);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export-dialog.export",
                                 !busy && abierto_export_options_validate (&options, NULL));
  gtk_widget_set_sensitive (self->options_group, !busy);
  gtk_widget_set_visible (self->progress_box, busy);
}

/* Fits the rows to each other: a report and a tríptico are PDFs, a
 * tríptico is letter paper, the size follows the format until the user
 * picks one. A row with one possible value is greyed out, and notes
 * below the rows, from core, say why. */
static void
abierto_export_dialog_sync_rows (AbiertoExportDialog *self)
{
  AbiertoExportOptions options;
  g_autofree char *format_note = NULL;
  g_autofree char *size_note = NULL;
  g_autofree char *notes = NULL;
  guint n_formats = 0, n_sizes = 0;
  int first_format = -1;
  gboolean format_ok = FALSE, size_ok = FALSE;
  AbiertoPageSize default_size;

  self->syncing = TRUE;

  abierto_export_dialog_get_options (self, &options);
  for (guint f = ABIERTO_EXPORT_FORMAT_PDF; f <= ABIERTO_EXPORT_FORMAT_SVG; f++)
    {
      AbiertoExportOptions test = options;
      g_autoptr(GError) error = NULL;

      test.format = (AbiertoExportFormat) f;
      test.size = abierto_export_default_size (test.kind, test.format);
      if (abierto_export_options_validate (&test, &error))
        {
          n_formats++;
          if (first_format < 0)
            first_format = (int) f;
          if (f == options.format)
            format_ok = TRUE;
        }
      else if (format_note == NULL)
        {
          format_note = g_strdup (error->message);
        }
    }
  if (!format_ok && first_format >= 0)
    adw_combo_row_set_selected (self->format_row, (guint) first_format);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), n_formats > 1);

  abierto_export_dialog_get_options (self, &options);
  for (guint s = ABIERTO_PAGE_LETTER; s <= ABIERTO_PAGE_16X9; s++)
    {
      AbiertoExportOptions test = options;
      g_autoptr(GError) error = NULL;

      test.size = (AbiertoPageSize) s;
      if (abierto_export_options_validate (&test, &error))
        {
          n_sizes++;
          if (s == options.size)
            size_ok = TRUE;
        }
      else if (size_note == NULL)
        {
          size_note = g_strdup (error->message);
        }
    }
  default_size = abierto_export_default_size (options.kind, options.format);
  if (!size_ok || !self->size_chosen)
    adw_combo_row_set_selected (self->size_row, default_size);
  if (!size_ok)
    self->size_chosen = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->size_row), n_sizes > 1);

  notes = g_strjoin (" ", format_note != NULL ? format_note : "", size_note, NULL);
  g_strstrip (notes);
  gtk_label_set_label (self->notes_label, notes);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), *notes != '\0');

  /* only women in reentry have the place left out unless asked */
  gtk_widget_set_visible (self->place_row, options.audience == ABIERTO_AUDIENCE_WOMEN_REENTRY);

  self->syncing = FALSE;
}

static const char *
combo_label (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "";
}

static void
abierto_export_dialog_update_description (AbiertoExportDialog *self)
{
  g_autofree char *description = NULL;

  /* Translators: what the preview shows: kind, format, size and audience,
   * as in “Poster, PDF, Letter, General” */
  description = g_strdup_printf (_("%s, %s, %s, %s"),
                                 combo_label (self->kind_row),
                                 combo_label (self->format_row),
                                 combo_label (self->size_row),
                                 combo_label (self->audience_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Preview */

static void
preview_draw (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  AbiertoExportDialog *self = user_data;
  double page_w, page_h, scale, x, y;

  if (self->preview == NULL)
    return;

  page_w = (double) cairo_image_surface_get_width (self->preview) / self->preview_scale;
  page_h = (double) cairo_image_surface_get_height (self->preview) / self->preview_scale;

  /* the same size as drawn, unless the area changed since */
  scale = MIN ((width - 2.0 * PREVIEW_MARGIN) / page_w, (height - 2.0 * PREVIEW_MARGIN) / page_h);
  if (scale <= 0)
    return;
  if (fabs (scale - 1.0) < 0.02)
    scale = 1.0;
  x = floor ((width - page_w * scale) / 2);
  y = floor ((height - page_h * scale) / 2);

  /* a shadow, so that a white page stands out from a light window */
  cairo_save (cr);
  for (int i = 1; i <= 3; i++)
    {
      cairo_rectangle (cr, x - i + 1, y - i + 2,
                       page_w * scale + 2 * i - 2, page_h * scale + 2 * i - 2);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.08);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale / self->preview_scale, scale / self->preview_scale);
  cairo_set_source_surface (cr, self->preview, 0, 0);
  if (scale != 1.0)
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint_with_alpha (cr, self->preview_stale ? 0.5 : 1.0);
  cairo_restore (cr);
}

static void
abierto_export_dialog_set_preview_message (AbiertoExportDialog *self,
                                           const char          *message)
{
  gtk_label_set_label (self->preview_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_message), message != NULL);
}

static void
abierto_export_dialog_set_spinning (AbiertoExportDialog *self,
                                    gboolean             spinning)
{
  gtk_spinner_set_spinning (self->preview_spinner, spinning);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), spinning);
}

static void
abierto_export_dialog_clear_preview (AbiertoExportDialog *self)
{
  g_clear_pointer (&self->preview, cairo_surface_destroy);
  self->preview_stale = FALSE;
  gtk_widget_queue_draw (self->preview_area);
}

static void
abierto_export_dialog_keep_data (AbiertoExportDialog *self,
                                 Job                 *job)
{
  /* not when read before the threshold changed */
  if (!self->closed && self->data == NULL && job->data != NULL
      && (int) job->data->data->threshold == g_settings_get_int (self->settings,
                                                                 "privacy-threshold"))
    self->data = shared_data_ref (job->data);
}

/* A job with the options on show; the session is read in the worker the
 * first time, through a reader that must be opened here. */
static Job *
abierto_export_dialog_new_job (AbiertoExportDialog  *self,
                               GError              **error)
{
  Job *job = g_new0 (Job, 1);

  abierto_export_dialog_get_options (self, &job->options);
  job->session_id = self->session_id;
  job->threshold = (guint) CLAMP (g_settings_get_int (self->settings, "privacy-threshold"),
                                  ABIERTO_PRIVACY_MIN_THRESHOLD, ABIERTO_PRIVACY_MAX_THRESHOLD);
  job->dialog = self;
  job->context = g_main_context_ref_thread_default ();
  if (self->data != NULL)
    job->data = shared_data_ref (self->data);
  else if ((job->reader = abierto_store_open_reader (self->store, error)) == NULL)
    g_clear_pointer (&job, job_free);

  return job;
}

static void
preview_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  if (!job_ensure_data (job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  surface = abierto_export_render_preview (job->data->data, &job->options,
                                           job->width, job->height, cancellable, &error);
  if (surface == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AbiertoExportDialog *self = ABIERTO_EXPORT_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  abierto_export_dialog_keep_data (self, job);
  surface = g_task_propagate_pointer (G_TASK (result), &error);

  /* the latest request wins */
  if (self->closed || g_task_get_cancellable (G_TASK (result)) != self->previewing)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }

  g_clear_object (&self->previewing);
  abierto_export_dialog_set_spinning (self, FALSE);

  if (surface == NULL)
    {
      abierto_export_dialog_clear_preview (self);
      abierto_export_dialog_set_preview_message (self, error->message);
      return;
    }

  g_clear_pointer (&self->preview, cairo_surface_destroy);
  self->preview = surface;
  self->preview_scale = job->factor;
  self->preview_stale = FALSE;
  abierto_export_dialog_set_preview_message (self, NULL);
  gtk_widget_queue_draw (self->preview_area);
}

/* Draws the first page to fit the preview area, in a worker. */
static void
abierto_export_dialog_start_preview (AbiertoExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoExportOptions options;
  double page_w, page_h, room_w, room_h, fit;
  int factor;
  Job *job;

  g_cancellable_cancel (self->previewing);
  g_clear_object (&self->previewing);

  abierto_export_dialog_get_options (self, &options);
  if (!abierto_export_options_validate (&options, &error))
    {
      abierto_export_dialog_set_spinning (self, FALSE);
      abierto_export_dialog_clear_preview (self);
      abierto_export_dialog_set_preview_message (self, error->message);
      return;
    }

  /* before the first allocation: the resize that follows draws it */
  room_w = gtk_widget_get_width (self->preview_area) - 2.0 * PREVIEW_MARGIN;
  room_h = gtk_widget_get_height (self->preview_area) - 2.0 * PREVIEW_MARGIN;
  if (room_w < 1 || room_h < 1)
    return;

  get_page_shape (&options, &page_w, &page_h);
  fit = MIN (room_w / page_w, room_h / page_h);
  factor = MAX (1, gtk_widget_get_scale_factor (self->preview_area));

  if ((job = abierto_export_dialog_new_job (self, &error)) == NULL)
    {
      abierto_export_dialog_set_spinning (self, FALSE);
      abierto_export_dialog_set_preview_message (self, error->message);
      return;
    }
  job->width = CLAMP ((int) floor (page_w * fit) * factor, 1, PREVIEW_MAX_PIXELS);
  job->height = CLAMP ((int) floor (page_h * fit) * factor, 1, PREVIEW_MAX_PIXELS);
  job->factor = factor;

  self->previewing = g_cancellable_new ();
  abierto_export_dialog_set_spinning (self, TRUE);

  task = g_task_new (self, self->previewing, preview_done_cb, NULL);
  g_task_set_source_tag (task, abierto_export_dialog_start_preview);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, preview_worker);
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  AbiertoExportDialog *self = user_data;

  self->preview_timeout = 0;
  abierto_export_dialog_start_preview (self);
  return G_SOURCE_REMOVE;
}

/* Draws the preview again once changes settle; with @stale, the one on
 * show is of other options, and shows faded meanwhile. */
static void
abierto_export_dialog_queue_preview (AbiertoExportDialog *self,
                                     gboolean             stale)
{
  if (self->closed)
    return;

  if (stale && self->preview != NULL)
    {
      self->preview_stale = TRUE;
      gtk_widget_queue_draw (self->preview_area);
    }

  g_cancellable_cancel (self->previewing);
  g_clear_object (&self->previewing);
  abierto_export_dialog_set_spinning (self, TRUE);

  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  self->preview_timeout = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

static void
preview_resize_cb (AbiertoExportDialog *self,
                   int                  width,
                   int                  height,
                   GtkDrawingArea      *area)
{
  abierto_export_dialog_queue_preview (self, FALSE);
}

static void
abierto_export_dialog_options_changed (AbiertoExportDialog *self)
{
  abierto_export_dialog_set_error (self, NULL);
  abierto_export_dialog_update_actions (self);
  abierto_export_dialog_update_description (self);
  abierto_export_dialog_queue_preview (self, TRUE);
}

static void
kind_changed_cb (AbiertoExportDialog *self)
{
  if (self->syncing)
    return;

  abierto_export_dialog_sync_rows (self);
  abierto_export_dialog_options_changed (self);
}

static void
format_changed_cb (AbiertoExportDialog *self)
{
  if (self->syncing)
    return;

  abierto_export_dialog_sync_rows (self);
  abierto_export_dialog_options_changed (self);
}

static void
audience_changed_cb (AbiertoExportDialog *self)
{
  if (self->syncing)
    return;

  abierto_export_dialog_sync_rows (self);
  abierto_export_dialog_options_changed (self);
}

static void
size_changed_by_user_cb (AbiertoExportDialog *self)
{
  if (self->syncing)
    return;

  self->size_chosen = TRUE;
  abierto_export_dialog_options_changed (self);
}

static void
place_changed_cb (AbiertoExportDialog *self)
{
  if (self->syncing)
    return;

  abierto_export_dialog_options_changed (self);
}

/* Export */

typedef struct
{
  AbiertoExportDialog *self;      /* owned */
  guint                serial;
  double               fraction;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

static gboolean
progress_main_cb (gpointer data)
{
  Progress *progress = data;
  AbiertoExportDialog *self = progress->self;

  /* a report of an export still running */
  if (!self->closed && self->exporting != NULL && progress->serial == self->export_serial)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (progress->fraction, 0.0, 1.0));

  return G_SOURCE_REMOVE;
}

/* In the worker: hands the fraction over to the main thread. */
static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  Job *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  /* the task holds the dialog while the worker runs */
  progress->self = g_object_ref (job->dialog);
  progress->serial = job->serial;
  progress->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_main_cb,
                              progress, progress_free);
}

static void
export_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!job_ensure_data (job, &error)
      || !abierto_export_write (job->data->data, &job->options, job->path,
                                export_progress_cb, job, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Tells the window the file is ready, with a button to open it. */
static void
abierto_export_dialog_announce (AbiertoExportDialog *self,
                                GFile               *file)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (!ABIERTO_IS_WINDOW (parent))
    return;

  name = g_file_get_parse_name (file);
  if (g_file_peek_path (file) != NULL)
    {
      g_free (name);
      name = g_filename_display_basename (g_file_peek_path (file));
    }
  /* Translators: %s is the name of the file exported */
  title = g_strdup_printf (_("Exported “%s”"), name);
  abierto_window_add_open_toast (ABIERTO_WINDOW (parent), title, _("_Open"), file,
                                 _("Could not open the file"));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AbiertoExportDialog *self = ABIERTO_EXPORT_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  abierto_export_dialog_keep_data (self, job);
  ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->exporting);
  file = g_steal_pointer (&self->export_file);

  if (self->closed)
    {
      if (ok)
        abierto_export_dialog_announce (self, file);
      return;
    }

  abierto_export_dialog_update_actions (self);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = g_strdup_printf ("%s\n%s",
                                 _("Nothing was exported, and any file already there "
                                   "was left as it was."),
                                 error->message);
      abierto_export_dialog_set_error (self, message);
      return;
    }

  abierto_export_dialog_announce (self, file);
  abierto_export_dialog_stop (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * abierto_export_dialog_export_to:
 * @self: an export dialog
 * @file: where to write; a file there is replaced only once the new one
 *   is whole
 *
 * Exports the session with the options on show to @file in a worker,
 * with the progress on show. On success the dialog closes and the window
 * says so; otherwise the dialog says why.
 */
void
abierto_export_dialog_export_to (AbiertoExportDialog *self,
                                 GFile               *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  AbiertoExportOptions options;
  Job *job;

  g_return_if_fail (ABIERTO_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->exporting != NULL || self->closed)
    return;

  abierto_export_dialog_get_options (self, &options);
  if ((path = g_file_get_path (file)) == NULL)
    {
      abierto_export_dialog_set_error (self, _("Exports can only be saved in a local folder."));
      return;
    }
  if (!abierto_export_options_validate (&options, &error)
      || (job = abierto_export_dialog_new_job (self, &error)) == NULL)
    {
      abierto_export_dialog_set_error (self, error->message);
      return;
    }

  job->path = g_steal_pointer (&path);
  job->serial = ++self->export_serial;
  self->exporting = g_cancellable_new ();
  g_set_object (&self->export_file, file);

  name = g_filename_display_basename (job->path);
  /* Translators: %s is the name of the file being written */
  label = g_strdup_printf (_("Exporting “%s”…"), name);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  abierto_export_dialog_set_error (self, NULL);
  abierto_export_dialog_update_actions (self);

  task = g_task_new (self, self->exporting, export_done_cb, NULL);
  g_task_set_source_tag (task, abierto_export_dialog_export_to);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_worker);
}

/* A file name from a session title: no folder separators nor characters
 * other systems refuse; “Agua: taller” gives “Agua - taller”. */
static char *
dup_file_name_part (const char *title)
{
  GString *name = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && strchr (":/\\|", (int) c) != NULL)
        {
          g_string_append (name, " -");
          space = TRUE;
        }
      else if (g_unichar_isspace (c) || g_unichar_iscntrl (c)
               || (c < 0x80 && strchr ("*?\"<>", (int) c) != NULL))
        {
          space = TRUE;
        }
      else
        {
          if (space && name->len > 0)
            g_string_append_c (name, ' ');
          g_string_append_unichar (name, c);
          space = FALSE;
        }
    }

  /* nothing left, or a name that would hide the file */
  while (name->len > 0 && (name->str[name->len - 1] == '-' || name->str[name->len - 1] == ' '))
    g_string_truncate (name, name->len - 1);
  if (name->len == 0 || name->str[0] == '.' || name->str[0] == '-')
    {
      g_string_free (name, TRUE);
      return g_strdup (_("Session"));
    }

  return g_string_free (name, FALSE);
}

/* “Calles seguras - poster.pdf” */
static char *
abierto_export_dialog_dup_suggested_name (AbiertoExportDialog        *self,
                                          const AbiertoExportOptions *options)
{
  static const char * const kinds[] = {
    [ABIERTO_EXPORT_POSTER] = NC_("file name", "poster"),
    [ABIERTO_EXPORT_REPORT] = NC_("file name", "report"),
    [ABIERTO_EXPORT_TRIPTYCH] = NC_("file name", "tríptico"),
    [ABIERTO_EXPORT_ACCOUNTABILITY] = NC_("file name", "what was done"),
  };
  g_autofree char *title = dup_file_name_part (self->session_title);

  return g_strdup_printf ("%s - %s.%s", title,
                          g_dpgettext2 (NULL, "file name", kinds[options->kind]),
                          abierto_export_format_to_string (options->format));
}

static GtkFileFilter *
format_filter (AbiertoExportFormat format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  switch (format)
    {
    case ABIERTO_EXPORT_FORMAT_PNG:
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_filter_add_suffix (filter, "png");
      break;

    case ABIERTO_EXPORT_FORMAT_SVG:
      gtk_file_filter_set_name (filter, _("SVG drawings"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      gtk_file_filter_add_suffix (filter, "svg");
      break;

    case ABIERTO_EXPORT_FORMAT_PDF:
    default:
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_suffix (filter, "pdf");
      break;
    }

  return filter;
}

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     AbiertoExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  AbiertoExportOptions options;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && !self->closed)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *folded = name != NULL ? g_ascii_strdown (name, -1) : NULL;
      g_autofree char *suffix = NULL;

      /* give the file the extension of its format */
      abierto_export_dialog_get_options (self, &options);
      suffix = g_strconcat (".", abierto_export_format_to_string (options.format), NULL);
      if (folded != NULL && !g_str_has_suffix (folded, suffix))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_ext = g_strconcat (name, suffix, NULL);

          if (parent != NULL)
            g_set_object (&file, g_file_get_child (parent, with_ext));
        }

      abierto_export_dialog_export_to (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AbiertoExportDialog *self = ABIERTO_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  AbiertoExportOptions options;
  GtkFileChooserNative *chooser;
  const char *documents;

  abierto_export_dialog_get_options (self, &options);
  if (self->exporting != NULL || !abierto_export_options_validate (&options, NULL))
    return;

  filter = format_filter (options.format);
  name = abierto_export_dialog_dup_suggested_name (self, &options);

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
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

/* Cancel stops an export under way; otherwise it closes the dialog. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AbiertoExportDialog *self = ABIERTO_EXPORT_DIALOG (widget);

  if (self->exporting != NULL)
    g_cancellable_cancel (self->exporting);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Getters */

gboolean
abierto_export_dialog_get_busy (AbiertoExportDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_EXPORT_DIALOG (self), FALSE);

  return self->exporting != NULL;
}

gboolean
abierto_export_dialog_get_previewing (AbiertoExportDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_EXPORT_DIALOG (self), FALSE);

  return self->previewing != NULL || self->preview_timeout != 0;
}

/**
 * abierto_export_dialog_get_preview:
 * @self: an export dialog
 *
 * Returns: (transfer none) (nullable): the preview of the options on
 *   show, in device pixels, or %NULL while it is being drawn
 */
cairo_surface_t *
abierto_export_dialog_get_preview (AbiertoExportDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_EXPORT_DIALOG (self), NULL);

  return self->preview_stale ? NULL : self->preview;
}

const char *
abierto_export_dialog_get_error (AbiertoExportDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_EXPORT_DIALOG (self), NULL);

  if (self->closed || !gtk_widget_get_visible (self->error_box))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

/* Layout: options beside the preview, or above it in a narrow window */

static gboolean
layout_idle_cb (gpointer user_data)
{
  AbiertoExportDialog *self = user_data;

  self->layout_idle = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->layout),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL
                                               : GTK_ORIENTATION_HORIZONTAL);
  /* stacked, the preview has the height of a phone's page */
  gtk_widget_set_size_request (self->preview_area, 200, self->narrow ? 360 : 260);
  gtk_widget_set_size_request (self->options_box, self->narrow ? -1 : 340, -1);
  adw_clamp_set_maximum_size (self->options_clamp, self->narrow ? 560 : 380);

  return G_SOURCE_REMOVE;
}

static void
abierto_export_dialog_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  AbiertoExportDialog *self = ABIERTO_EXPORT_DIALOG (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (abierto_export_dialog_parent_class)->size_allocate (widget, width, height,
                                                                         baseline);

  /* not while allocating: the change asks for a new one */
  if (narrow != self->narrow && !self->closed)
    {
      self->narrow = narrow;
      if (self->layout_idle == 0)
        self->layout_idle = g_idle_add (layout_idle_cb, self);
    }
}

/* Stops the work under way: export_write leaves no file behind. */
static void
abierto_export_dialog_stop (AbiertoExportDialog *self)
{
  g_cancellable_cancel (self->exporting);
  g_cancellable_cancel (self->previewing);
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  g_clear_handle_id (&self->layout_idle, g_source_remove);
}

static gboolean
abierto_export_dialog_close_request (GtkWindow *window)
{
  abierto_export_dialog_stop (ABIERTO_EXPORT_DIALOG (window));

  return GTK_WINDOW_CLASS (abierto_export_dialog_parent_class)->close_request (window);
}

/* The session is read again with the new threshold. */
static void
threshold_changed_cb (AbiertoExportDialog *self)
{
  g_clear_pointer (&self->data, shared_data_unref);
  abierto_export_dialog_queue_preview (self, TRUE);
}

static void
abierto_export_dialog_dispose (GObject *object)
{
  AbiertoExportDialog *self = (AbiertoExportDialog *)object;

  self->closed = TRUE;
  abierto_export_dialog_stop (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_EXPORT_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data, shared_data_unref);
  g_clear_pointer (&self->preview, cairo_surface_destroy);
  self->preview_stale = FALSE;

  G_OBJECT_CLASS (abierto_export_dialog_parent_class)->dispose (object);
}

static void
abierto_export_dialog_finalize (GObject *object)
{
  AbiertoExportDialog *self = (AbiertoExportDialog *)object;

  g_clear_object (&self->exporting);
  g_clear_object (&self->previewing);
  g_clear_object (&self->export_file);
  g_clear_pointer (&self->data, shared_data_unref);
  g_clear_pointer (&self->preview, cairo_surface_destroy);
  g_free (self->session_title);

  G_OBJECT_CLASS (abierto_export_dialog_parent_class)->finalize (object);
}

static void
abierto_export_dialog_class_init (AbiertoExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = abierto_export_dialog_dispose;
  object_class->finalize = abierto_export_dialog_finalize;
  widget_class->size_allocate = abierto_export_dialog_size_allocate;
  window_class->close_request = abierto_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/gobierto/Abierto/ui/abierto-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, layout);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, options_clamp);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, options_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, audience_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, notes_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, place_switch);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, preview_area);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, AbiertoExportDialog, preview_message);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, audience_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_changed_by_user_cb);
  gtk_widget_class_bind_template_callback (widget_class, place_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_resize_cb);

  gtk_widget_class_install_action (widget_class, "export-dialog.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export-dialog.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "export-dialog.cancel", NULL);
}

static void
abierto_export_dialog_init (AbiertoExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->preview_scale = 1;
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::privacy-threshold",
                           G_CALLBACK (threshold_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->preview_area), preview_draw, self, NULL);
}

/* A worker may hold the dialog past its parent: let go of the parent
 * while it is still there. */
static void
parent_destroy_cb (AbiertoExportDialog *self)
{
  abierto_export_dialog_stop (self);
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static AbiertoAudience
audience_for_group (AbiertoGroup group)
{
  switch (group)
    {
    case ABIERTO_GROUP_OLDER_ADULTS:
      return ABIERTO_AUDIENCE_OLDER_ADULTS;
    case ABIERTO_GROUP_CHILDREN:
      return ABIERTO_AUDIENCE_CHILDREN;
    case ABIERTO_GROUP_WOMEN_REENTRY:
      return ABIERTO_AUDIENCE_WOMEN_REENTRY;
    case ABIERTO_GROUP_MIXED:
    default:
      return ABIERTO_AUDIENCE_GENERAL;
    }
}

/**
 * abierto_export_dialog_new:
 * @parent: (nullable): the window it is for, which shows a toast once
 *   the file is written
 * @store: the workshop file
 * @session_id: the session to export
 *
 * Returns: (transfer none): a new modal dialog, owned by GTK like every
 *   toplevel; present it
 */
AbiertoExportDialog *
abierto_export_dialog_new (GtkWindow    *parent,
                           AbiertoStore *store,
                           gint64        session_id)
{
  g_autoptr(AbiertoSession) session = NULL;
  AbiertoExportDialog *self;
  AbiertoGroup group = ABIERTO_GROUP_MIXED;
  int width, height;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);

  self = g_object_new (ABIERTO_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->session_id = session_id;
  if (parent != NULL)
    g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroy_cb), self,
                             G_CONNECT_SWAPPED);

  /* A missing session shows in the preview, as core words it. */
  session = abierto_store_get_session (store, session_id, NULL);
  if (session != NULL)
    {
      self->session_title = g_strdup (abierto_session_get_title (session));
      group = abierto_session_get_group (session);
      adw_window_title_set_subtitle (self->window_title, self->session_title);
    }

  /* no wider than the window it is for, as on a phone */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   MIN (width, gtk_widget_get_width (GTK_WIDGET (parent))),
                                   MIN (height, gtk_widget_get_height (GTK_WIDGET (parent))));
    }
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && width < NARROW_WIDTH)
    {
      self->narrow = TRUE;
      layout_idle_cb (self);
    }

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->audience_row, audience_for_group (group));
  self->syncing = FALSE;
  abierto_export_dialog_sync_rows (self);
  abierto_export_dialog_options_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));

  return self;
}
