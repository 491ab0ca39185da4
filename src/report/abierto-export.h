/* abierto-export.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "abierto-report-data.h"

G_BEGIN_DECLS

typedef enum
{
  ABIERTO_EXPORT_POSTER,
  ABIERTO_EXPORT_REPORT,
  ABIERTO_EXPORT_TRIPTYCH,
  ABIERTO_EXPORT_ACCOUNTABILITY,  /* "¿Qué se hizo con tus propuestas?" */
} AbiertoExportKind;

typedef enum
{
  ABIERTO_EXPORT_FORMAT_PDF,
  ABIERTO_EXPORT_FORMAT_PNG,
  ABIERTO_EXPORT_FORMAT_SVG,
} AbiertoExportFormat;

typedef enum
{
  ABIERTO_AUDIENCE_GENERAL,
  ABIERTO_AUDIENCE_OLDER_ADULTS,   /* large print, high contrast */
  ABIERTO_AUDIENCE_CHILDREN,       /* pictograms, faces, short sentences */
  ABIERTO_AUDIENCE_WOMEN_REENTRY,  /* discreet: no faces, no place unless opted in */
} AbiertoAudience;

typedef enum
{
  ABIERTO_PAGE_LETTER,   /* 8.5 × 11 in */
  ABIERTO_PAGE_A4,
  ABIERTO_PAGE_A3,
  ABIERTO_PAGE_SQUARE,   /* 1080 × 1080 px */
  ABIERTO_PAGE_SOCIAL,   /* 1080 × 1350 px */
  ABIERTO_PAGE_STORY,    /* 1080 × 1920 px */
  ABIERTO_PAGE_16X9,     /* 1920 × 1080 px, the projector */
} AbiertoPageSize;

typedef struct
{
  AbiertoExportKind   kind;
  AbiertoExportFormat format;
  AbiertoAudience     audience;
  AbiertoPageSize     size;
  gboolean            show_place;  /* FALSE hides the place for women in reentry */
} AbiertoExportOptions;

/* called from the thread that writes, with 0..1 */
typedef void (*AbiertoExportProgressFunc) (double   fraction,
                                           gpointer user_data);

void         abierto_export_options_init      (AbiertoExportOptions       *options);

/* Machine names, as the CLI takes them. */
const char  *abierto_export_kind_to_string    (AbiertoExportKind           kind);
gboolean     abierto_export_kind_from_string  (const char                 *str,
                                               AbiertoExportKind          *kind);
const char  *abierto_export_format_to_string  (AbiertoExportFormat         format);
gboolean     abierto_export_format_from_string (const char                *str,
                                                AbiertoExportFormat       *format);
const char  *abierto_audience_to_string       (AbiertoAudience             audience);
gboolean     abierto_audience_from_string     (const char                 *str,
                                               AbiertoAudience            *audience);
const char  *abierto_page_size_to_string      (AbiertoPageSize             size);
gboolean     abierto_page_size_from_string    (const char                 *str,
                                               AbiertoPageSize            *size);
/* the size a kind takes when none is asked for */
AbiertoPageSize abierto_export_default_size   (AbiertoExportKind           kind,
                                               AbiertoExportFormat         format);

/* Checks that the combination can be made (a tríptico is always US
 * Letter landscape; a multi-page report is a PDF), with a plain reason. */
gboolean     abierto_export_options_validate  (const AbiertoExportOptions *options,
                                               GError                    **error);

/* Writes the document to a temporary file beside @path and renames it
 * over @path, so a failure or a cancellation never leaves half a file.
 * Runs in any thread. */
gboolean     abierto_export_write             (const AbiertoReportData    *data,
                                               const AbiertoExportOptions *options,
                                               const char                 *path,
                                               AbiertoExportProgressFunc   progress,
                                               gpointer                    progress_data,
                                               GCancellable               *cancellable,
                                               GError                    **error);

/* The first page, drawn to fit @width × @height pixels on white, for a
 * preview. Runs in any thread. */
cairo_surface_t *abierto_export_render_preview (const AbiertoReportData    *data,
                                                const AbiertoExportOptions *options,
                                                int                         width,
                                                int                         height,
                                                GCancellable               *cancellable,
                                                GError                    **error);

G_END_DECLS
