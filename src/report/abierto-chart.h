/* abierto-chart.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "abierto-results.h"

G_BEGIN_DECLS

/**
 * AbiertoChartStyle:
 * @font_size: base text size in points (1/72 inch at 96 user units per
 *   inch, as on screen); 11 by default, larger for a projector
 * @high_contrast: pure black and white, and every bar outlined
 * @dark: light text on a dark background
 * @large: bigger text and bars, for older adults
 * @faces: faces on the legend and bars of a three-face scale, and person
 *   figures in a pictogram chart; FALSE (the discreet style) draws words,
 *   patterns and plain squares instead, and no face anywhere
 * @threshold: the privacy threshold: fewer voters than this are written
 *   "fewer than N people voted", never counted; 0 (the default) writes
 *   every count, as the facilitator's own window does
 *
 * How a chart looks. Sizes are in user units of the cairo_t, taken as
 * pixels at 96 per inch: scale a PDF context by 0.75 to print at size.
 */
typedef struct
{
  double   font_size;
  gboolean high_contrast;
  gboolean dark;
  gboolean large;
  gboolean faces;
  guint    threshold;
} AbiertoChartStyle;

void     abierto_chart_style_init_default   (AbiertoChartStyle       *style);

/* Draws the chart of a round, background included, inside (0, 0, @width,
 * @height) and nowhere else. With less than the preferred height the
 * chart is scaled down to fit whole. @style may be NULL for the default. */
void     abierto_chart_draw                 (cairo_t                 *cr,
                                             AbiertoResults          *results,
                                             const AbiertoChartStyle *style,
                                             double                   width,
                                             double                   height);
/* the height that shows every row at full size */
double   abierto_chart_get_preferred_height (AbiertoResults          *results,
                                             const AbiertoChartStyle *style,
                                             double                   width);
/* Where the bar of row @index is drawn at the preferred height: the bar
 * itself for counts and points (0 wide when it has nothing), or the band
 * of the stacked bar for a scale. FALSE when there is no such bar, as in
 * a chart without votes. Useful for tooltips and for tests. */
gboolean abierto_chart_get_bar_extents      (AbiertoResults          *results,
                                             const AbiertoChartStyle *style,
                                             double                   width,
                                             guint                    index,
                                             cairo_rectangle_t       *extents);

/* Where part @point (1 to the points of the scale) of the stacked bar of
 * row @index is drawn at the preferred height. On a scale the parts
 * diverge from the middle of the band: disagreement to the left of it,
 * agreement to the right, the neutral point across it. FALSE when the
 * part is empty or the chart is not of a scale. */
gboolean abierto_chart_get_segment_extents  (AbiertoResults          *results,
                                             const AbiertoChartStyle *style,
                                             double                   width,
                                             guint                    index,
                                             guint                    point,
                                             cairo_rectangle_t       *extents);

/* Renders @width × preferred height on white and replaces @path with it
 * atomically: a reader sees the old file or the whole new one. */
gboolean abierto_chart_write_png            (AbiertoResults          *results,
                                             const AbiertoChartStyle *style,
                                             int                      width,
                                             const char              *path,
                                             GError                 **error);

/**
 * AbiertoChartPeopleRow:
 * @label: what the row counts, as "Personas adultas mayores"
 * @count: how many people; ignored when @suppressed
 * @suppressed: the count is below the privacy threshold: the row shows
 *   @suppressed_text and no figures, so nothing reveals the number
 * @suppressed_text: as "menos de 5"; NULL for a general sentence
 *
 * One row of a participation pictogram chart.
 */
typedef struct
{
  const char *label;
  guint       count;
  gboolean    suppressed;
  const char *suppressed_text;
} AbiertoChartPeopleRow;

/* Participation as rows of pictograms, one figure per person (or per N
 * people when a row would need more than fifty, said in a legend), with
 * each label and count written out. Rows are drawn in the order given.
 * Like abierto_chart_draw(): background included, inside (0, 0, @width,
 * @height), scaled down to fit when short of the preferred height. */
void     abierto_chart_draw_people          (cairo_t                     *cr,
                                             const AbiertoChartStyle     *style,
                                             const AbiertoChartPeopleRow *rows,
                                             guint                        n_rows,
                                             double                       width,
                                             double                       height);
double   abierto_chart_people_preferred_height (const AbiertoChartStyle     *style,
                                                const AbiertoChartPeopleRow *rows,
                                                guint                        n_rows,
                                                double                       width);

G_END_DECLS
