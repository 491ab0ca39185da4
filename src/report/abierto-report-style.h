/* abierto-report-style.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "abierto-chart.h"
#include "abierto-export.h"
#include "abierto-palette.h"

G_BEGIN_DECLS

/* How an audience's documents look. Sizes are in points. */
typedef struct
{
  AbiertoAudience   audience;
  const char       *font_family;   /* "Noto Sans, Noto Color Emoji" */
  double            body_size;     /* at least 10 pt, 14 pt for older adults */
  double            small_size;    /* footers, captions; never below 9 pt */
  double            heading_size;
  double            title_size;
  double            line_spacing;  /* Pango line height factor */
  AbiertoRgb        ink;           /* body text, ≥ 7:1 on paper */
  AbiertoRgb        paper;
  AbiertoRgb        accent;        /* headings and rules, ≥ 4.5:1 on paper */
  AbiertoRgb        muted;         /* secondary text, ≥ 4.5:1 on paper */
  AbiertoRgb        band;          /* tinted boxes; ink stays ≥ 4.5:1 on it */
  gboolean          faces;         /* face pictograms on scales */
  gboolean          pictograms;    /* people as pictograms */
  gboolean          short_sentences;
  AbiertoChartStyle chart;
} AbiertoReportStyle;

void         abierto_report_style_init (AbiertoReportStyle       *style,
                                        AbiertoAudience           audience);

/* Text, laid out with Pango in points on a context whose unit is @pt
 * surface units per point (see AbiertoRenderContext). */
typedef enum
{
  ABIERTO_TEXT_BODY,
  ABIERTO_TEXT_SMALL,
  ABIERTO_TEXT_HEADING,
  ABIERTO_TEXT_TITLE,
} AbiertoTextRole;

/* A layout of @text (plain text, not markup) wrapped to @width surface
 * units, in the role's size, weight and colour-less; NULL @text is "". */
PangoLayout *abierto_report_layout     (cairo_t                  *cr,
                                        const AbiertoReportStyle *style,
                                        double                    pt,
                                        AbiertoTextRole           role,
                                        const char               *text,
                                        double                    width);
/* its height in surface units */
/* for a web address: breaks anywhere, never adds a hyphen that would
 * change it */
void         abierto_report_layout_set_url (PangoLayout *layout);
double       abierto_report_layout_height (PangoLayout           *layout);
/* @text with the emoji or symbols that end it joined to the word before
 * them by a no-break space, so they never make a line of their own:
 * Pango draws such a line over the one before it when the line spacing
 * is a factor, as ours is. */
char        *abierto_report_dup_joined_end (const char            *text);
/* Sets @text on @layout, whole when it takes at most @max_lines lines,
 * else cut after the last word that fits and ended with "…"; a first
 * word too long for the lines is cut where it must. FALSE when cut. */
gboolean     abierto_report_layout_set_text_lines (PangoLayout   *layout,
                                                   const char    *text,
                                                   int            max_lines);
/* Draws @layout with its top left at (@x, @y) in @rgb and returns its
 * height. */
double       abierto_report_show       (cairo_t                  *cr,
                                        PangoLayout              *layout,
                                        const AbiertoRgb         *rgb,
                                        double                    x,
                                        double                    y);

/* "Esta obra está bajo una licencia CC BY 4.0…" and the URL of the licence */
const char  *abierto_report_license_text (const char             *spdx_id);
const char  *abierto_report_license_url  (const char             *spdx_id);

/* A QR code of @text, a square of @size surface units with its quiet
 * zone, in ink on paper. FALSE (and nothing drawn) if it cannot be made. */
gboolean     abierto_report_draw_qr    (cairo_t                  *cr,
                                        const AbiertoReportStyle *style,
                                        const char               *text,
                                        double                    x,
                                        double                    y,
                                        double                    size);

/* "10 de mayo de 2026", in the current language */
char        *abierto_report_format_date (const char              *iso_date);

G_END_DECLS
