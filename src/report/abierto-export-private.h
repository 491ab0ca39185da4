/* abierto-export-private.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-export.h"
#include "abierto-report-style.h"

G_BEGIN_DECLS

/* What a kind's renderer gets. The surface is a PDF, SVG or image surface
 * of @width × @height units (points for PDF and SVG, pixels for PNG); a
 * renderer draws page after page on @cr, calling cairo_show_page() after
 * each one (and cairo_pdf_surface_set_size() first if a page differs).
 * For PDF, it may add an outline with cairo_pdf_surface_add_outline()
 * when @surface_type is CAIRO_SURFACE_TYPE_PDF. */
typedef struct
{
  cairo_t                    *cr;
  cairo_surface_t            *surface;
  cairo_surface_type_t        surface_type;
  double                      width;
  double                      height;
  /* one point (1/72 in) in surface units: 1 for PDF and SVG; pixels
   * per point for PNG, so that type sizes in points stay right */
  double                      pt;
  gboolean                    first_page_only;  /* a preview: stop after page 1 */
  const AbiertoReportData    *data;
  const AbiertoExportOptions *options;
  const AbiertoReportStyle   *style;
  AbiertoExportProgressFunc   progress;
  gpointer                    progress_data;
  GCancellable               *cancellable;
} AbiertoRenderContext;

gboolean _abierto_poster_render   (AbiertoRenderContext *ctx,
                                   GError              **error);
gboolean _abierto_report_render   (AbiertoRenderContext *ctx,
                                   GError              **error);
gboolean _abierto_triptych_render (AbiertoRenderContext *ctx,
                                   GError              **error);
gboolean _abierto_accountability_render (AbiertoRenderContext *ctx,
                                         GError              **error);

G_END_DECLS
