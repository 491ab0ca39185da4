/* abierto-export.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-report"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "abierto-export-private.h"
#include "abierto-output-private.h"

/* A PNG of a paper size is drawn at this resolution; one of a screen
 * size takes its pixels as CSS does, 96 to the inch. */
#define PAPER_PNG_DPI 150.0
#define SCREEN_DPI    96.0
/* metadata is for finding a file, not for holding a whole essay */
#define MAX_METADATA_CHARS 500

static const char * const kind_names[] = {
  [ABIERTO_EXPORT_POSTER] = "poster",
  [ABIERTO_EXPORT_REPORT] = "report",
  [ABIERTO_EXPORT_TRIPTYCH] = "triptych",
  [ABIERTO_EXPORT_ACCOUNTABILITY] = "accountability",
};

static const char * const format_names[] = {
  [ABIERTO_EXPORT_FORMAT_PDF] = "pdf",
  [ABIERTO_EXPORT_FORMAT_PNG] = "png",
  [ABIERTO_EXPORT_FORMAT_SVG] = "svg",
};

static const char * const audience_names[] = {
  [ABIERTO_AUDIENCE_GENERAL] = "general",
  [ABIERTO_AUDIENCE_OLDER_ADULTS] = "older-adults",
  [ABIERTO_AUDIENCE_CHILDREN] = "children",
  [ABIERTO_AUDIENCE_WOMEN_REENTRY] = "women-reentry",
};

static const char * const size_names[] = {
  [ABIERTO_PAGE_LETTER] = "letter",
  [ABIERTO_PAGE_A4] = "a4",
  [ABIERTO_PAGE_A3] = "a3",
  [ABIERTO_PAGE_SQUARE] = "square",
  [ABIERTO_PAGE_SOCIAL] = "social",
  [ABIERTO_PAGE_STORY] = "story",
  [ABIERTO_PAGE_16X9] = "16x9",
};

/* Width and height: points for paper, pixels for screens. */
static const struct
{
  double   width;
  double   height;
  gboolean pixels;
} page_sizes[] = {
  [ABIERTO_PAGE_LETTER] = { 612, 792, FALSE },
  [ABIERTO_PAGE_A4] = { 595.276, 841.890, FALSE },
  [ABIERTO_PAGE_A3] = { 841.890, 1190.551, FALSE },
  [ABIERTO_PAGE_SQUARE] = { 1080, 1080, TRUE },
  [ABIERTO_PAGE_SOCIAL] = { 1080, 1350, TRUE },
  [ABIERTO_PAGE_STORY] = { 1080, 1920, TRUE },
  [ABIERTO_PAGE_16X9] = { 1920, 1080, TRUE },
};

void
abierto_export_options_init (AbiertoExportOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (AbiertoExportOptions) {
    .kind = ABIERTO_EXPORT_POSTER,
    .format = ABIERTO_EXPORT_FORMAT_PDF,
    .audience = ABIERTO_AUDIENCE_GENERAL,
    .size = ABIERTO_PAGE_LETTER,
    .show_place = FALSE,
  };
}

static gboolean
name_lookup (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *value)
{
  guint i;

  if (str == NULL)
    return FALSE;

  for (i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (names[i], str) == 0)
      {
        *value = i;
        return TRUE;
      }

  return FALSE;
}

#define NAME_OF(names, value) \
  ((guint) (value) < G_N_ELEMENTS (names) ? names[(guint) (value)] : NULL)

#define DEFINE_STRING_CONVERSIONS(Type, prefix, names)                    \
  const char *                                                            \
  prefix##_to_string (Type value)                                         \
  {                                                                       \
    return NAME_OF (names, value);                                        \
  }                                                                       \
                                                                          \
  gboolean                                                                \
  prefix##_from_string (const char *str,                                  \
                        Type       *value)                                \
  {                                                                       \
    guint found;                                                          \
                                                                          \
    g_return_val_if_fail (value != NULL, FALSE);                          \
                                                                          \
    if (!name_lookup (names, G_N_ELEMENTS (names), str, &found))          \
      return FALSE;                                                       \
    *value = (Type) found;                                                \
    return TRUE;                                                          \
  }

DEFINE_STRING_CONVERSIONS (AbiertoExportKind, abierto_export_kind, kind_names)
DEFINE_STRING_CONVERSIONS (AbiertoExportFormat, abierto_export_format, format_names)
DEFINE_STRING_CONVERSIONS (AbiertoAudience, abierto_audience, audience_names)
DEFINE_STRING_CONVERSIONS (AbiertoPageSize, abierto_page_size, size_names)

AbiertoPageSize
abierto_export_default_size (AbiertoExportKind   kind,
                             AbiertoExportFormat format)
{
  /* a poster as an image is most often for a phone */
  if (kind == ABIERTO_EXPORT_POSTER && format == ABIERTO_EXPORT_FORMAT_PNG)
    return ABIERTO_PAGE_SOCIAL;

  return ABIERTO_PAGE_LETTER;
}

static gboolean
is_paper (AbiertoPageSize size)
{
  return (guint) size < G_N_ELEMENTS (page_sizes) && !page_sizes[size].pixels;
}

gboolean
abierto_export_options_validate (const AbiertoExportOptions *options,
                                 GError                    **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (NAME_OF (kind_names, options->kind) == NULL
      || NAME_OF (format_names, options->format) == NULL
      || NAME_OF (audience_names, options->audience) == NULL
      || NAME_OF (size_names, options->size) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("These export options are not known."));
      return FALSE;
    }

  switch (options->kind)
    {
    case ABIERTO_EXPORT_TRIPTYCH:
      if (options->format != ABIERTO_EXPORT_FORMAT_PDF)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A tríptico has two sides to print, so it can only be a PDF."));
          return FALSE;
        }
      if (options->size != ABIERTO_PAGE_LETTER)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A tríptico is always printed on letter paper, landscape."));
          return FALSE;
        }
      break;

    case ABIERTO_EXPORT_REPORT:
      if (options->format != ABIERTO_EXPORT_FORMAT_PDF)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A report has several pages, so it can only be a PDF."));
          return FALSE;
        }
      if (!is_paper (options->size))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A report is printed: choose letter, A4 or A3 paper."));
          return FALSE;
        }
      break;

    case ABIERTO_EXPORT_ACCOUNTABILITY:
      if (options->format == ABIERTO_EXPORT_FORMAT_SVG)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("What was done with the proposals is made as a PDF to print "
                                 "or as a PNG image to share."));
          return FALSE;
        }
      break;

    case ABIERTO_EXPORT_POSTER:
    default:
      break;
    }

  return TRUE;
}

/* The first page in points, landscape for a tríptico. */
static void
get_page_points (const AbiertoExportOptions *options,
                 double                     *width,
                 double                     *height)
{
  double w = page_sizes[options->size].width;
  double h = page_sizes[options->size].height;

  if (page_sizes[options->size].pixels)
    {
      w *= 72.0 / SCREEN_DPI;
      h *= 72.0 / SCREEN_DPI;
    }

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

static char *
dup_metadata (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  copy = g_utf8_make_valid (text, -1);
  g_strdelimit (copy, "\r\n\t", ' ');
  if (g_utf8_strlen (copy, -1) > MAX_METADATA_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (copy, 0, MAX_METADATA_CHARS - 1);

      return g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&copy);
}

/* The creation time, or SOURCE_DATE_EPOCH for a reproducible file. */
static char *
dup_create_date (void)
{
  g_autoptr(GDateTime) now = NULL;
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    now = g_date_time_new_from_unix_utc ((gint64) seconds);
  else
    now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
set_pdf_metadata (cairo_surface_t            *surface,
                  const AbiertoReportData    *data,
                  const AbiertoExportOptions *options)
{
  g_autofree char *title = NULL;
  g_autofree char *author = dup_metadata (data->facilitators);
  g_autofree char *subject = dup_metadata (data->question);
  g_autofree char *keywords = NULL;
  g_autofree char *created = dup_create_date ();

  /* Translators: keywords of an exported PDF, separated by commas; the
   * group of the session is added at the end */
  keywords = g_strdup_printf ("%s, %s", _("open government, workshop, participation"),
                              abierto_group_get_label (data->group));

  if (options->kind == ABIERTO_EXPORT_ACCOUNTABILITY)
    {
      /* Translators: the title of a PDF; %s is the title of the workshop */
      g_autofree char *full = g_strdup_printf (_("What was done with your proposals: %s"),
                                               data->title);

      title = dup_metadata (full);
    }
  else
    {
      title = dup_metadata (data->title);
    }

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  PACKAGE_NAME " " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

static gboolean
render_kind (AbiertoRenderContext *ctx,
             GError              **error)
{
  switch (ctx->options->kind)
    {
    case ABIERTO_EXPORT_REPORT:
      return _abierto_report_render (ctx, error);
    case ABIERTO_EXPORT_TRIPTYCH:
      return _abierto_triptych_render (ctx, error);
    case ABIERTO_EXPORT_ACCOUNTABILITY:
      return _abierto_accountability_render (ctx, error);
    case ABIERTO_EXPORT_POSTER:
    default:
      return _abierto_poster_render (ctx, error);
    }
}

static void
paint_paper (cairo_t                  *cr,
             const AbiertoReportStyle *style,
             double                    width,
             double                    height)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, style->paper.red, style->paper.green, style->paper.blue);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

static gboolean
set_cairo_error (cairo_status_t   status,
                 AbiertoOutput   *out,
                 GError         **error)
{
  if (_abierto_output_failed (out))
    return _abierto_output_propagate_failure (out, error);
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("“%s” could not be drawn: %s."), _abierto_output_get_display_name (out),
               cairo_status_to_string (status));
  return FALSE;
}

/* Draws the whole document into @out. */
static gboolean
render_to_output (const AbiertoReportData    *data,
                const AbiertoExportOptions *options,
                AbiertoOutput              *out,
                AbiertoExportProgressFunc   progress,
                gpointer                    progress_data,
                GCancellable               *cancellable,
                GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  AbiertoReportStyle style;
  AbiertoRenderContext ctx = { 0 };
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  double width, height;
  gboolean ok;

  abierto_report_style_init (&style, options->audience);
  get_page_points (options, &width, &height);
  ctx.pt = 1.0;

  switch (options->format)
    {
    case ABIERTO_EXPORT_FORMAT_PNG:
      if (page_sizes[options->size].pixels)
        ctx.pt = SCREEN_DPI / 72.0;
      else
        ctx.pt = PAPER_PNG_DPI / 72.0;
      width = round (width * ctx.pt);
      height = round (height * ctx.pt);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      break;

    case ABIERTO_EXPORT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (_abierto_output_write_cairo, out, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      break;

    case ABIERTO_EXPORT_FORMAT_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (_abierto_output_write_cairo, out, width, height);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        set_pdf_metadata (surface, data, options);
      break;
    }

  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return set_cairo_error (status, out, error);
    }

  ctx.cr = cairo_create (surface);
  ctx.surface = surface;
  ctx.surface_type = cairo_surface_get_type (surface);
  ctx.width = width;
  ctx.height = height;
  ctx.first_page_only = FALSE;
  ctx.data = data;
  ctx.options = options;
  ctx.style = &style;
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.cancellable = cancellable;

  if (options->format == ABIERTO_EXPORT_FORMAT_PNG)
    paint_paper (ctx.cr, &style, width, height);

  ok = render_kind (&ctx, &local_error);
  if (ok)
    status = cairo_status (ctx.cr);
  cairo_destroy (ctx.cr);

  if (ok && status == CAIRO_STATUS_SUCCESS
      && options->format == ABIERTO_EXPORT_FORMAT_PNG
      && !_abierto_output_write_png (out, surface, ctx.pt * 72.0, &local_error))
    ok = FALSE;

  /* a PDF or SVG is written out here, so a failing disk shows now */
  cairo_surface_finish (surface);
  if (ok && status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* a page that could not be written fails the drawing too: the
   * reason is the disk's, not the drawing's */
  if (!ok && !_abierto_output_failed (out))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return set_cairo_error (status, out, error);
}

gboolean
abierto_export_write (const AbiertoReportData    *data,
                      const AbiertoExportOptions *options,
                      const char                 *path,
                      AbiertoExportProgressFunc   progress,
                      gpointer                    progress_data,
                      GCancellable               *cancellable,
                      GError                    **error)
{
  AbiertoOutput *out;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!abierto_export_options_validate (options, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  out = _abierto_output_open (path, error);
  if (out == NULL)
    return FALSE;

  if (progress != NULL)
    progress (0.0, progress_data);

  if (!render_to_output (data, options, out, progress, progress_data, cancellable, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _abierto_output_discard (out);
      return FALSE;
    }

  if (!_abierto_output_close (out, error))
    return FALSE;

  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}

cairo_surface_t *
abierto_export_render_preview (const AbiertoReportData    *data,
                               const AbiertoExportOptions *options,
                               int                         width,
                               int                         height,
                               GCancellable               *cancellable,
                               GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  AbiertoReportStyle style;
  AbiertoRenderContext ctx = { 0 };
  cairo_surface_t *surface;
  double page_w, page_h, scale;
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (!abierto_export_options_validate (options, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  abierto_report_style_init (&style, options->audience);
  get_page_points (options, &page_w, &page_h);
  scale = MIN (width / page_w, height / page_h);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  ctx.cr = cairo_create (surface);
  cairo_set_source_rgb (ctx.cr, 1, 1, 1);
  cairo_paint (ctx.cr);

  /* the page centred, drawn in pixels so that text is hinted for them */
  ctx.pt = scale;
  ctx.width = page_w * scale;
  ctx.height = page_h * scale;
  cairo_translate (ctx.cr, floor ((width - ctx.width) / 2), floor ((height - ctx.height) / 2));
  cairo_rectangle (ctx.cr, 0, 0, ctx.width, ctx.height);
  cairo_clip (ctx.cr);
  paint_paper (ctx.cr, &style, ctx.width, ctx.height);

  ctx.surface = surface;
  ctx.surface_type = CAIRO_SURFACE_TYPE_IMAGE;
  ctx.first_page_only = TRUE;
  ctx.data = data;
  ctx.options = options;
  ctx.style = &style;
  ctx.cancellable = cancellable;

  ok = render_kind (&ctx, &local_error);
  cairo_destroy (ctx.cr);

  if (!ok)
    {
      cairo_surface_destroy (surface);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  cairo_surface_flush (surface);
  return surface;
}
