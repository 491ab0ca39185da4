/* abierto-chart-private.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-chart.h"
#include "abierto-palette.h"

G_BEGIN_DECLS

/* One piece of text as drawn: its colour and the colour under it. */
typedef struct
{
  AbiertoRgb text;
  AbiertoRgb background;
} AbiertoChartInk;

/* One pictogram of a people chart: @fraction of it is shown (the last
 * of a row can be a part of one when a figure stands for N people). */
typedef struct
{
  guint             row;
  cairo_rectangle_t box;
  double            fraction;
} AbiertoChartIcon;

/**
 * AbiertoChartProbe:
 *
 * What a chart drew, for tests: each array is filled when not NULL (the
 * caller owns them), in the chart's own units before any scaling down.
 */
typedef struct
{
  guint   n_faces;
  guint   n_patterns;     /* hatched parts of bars and legend swatches */
  guint   per_icon;       /* people: how many people one pictogram stands for */
  GArray *inks;           /* of AbiertoChartInk */
  GPtrArray *texts;       /* of char *, each text drawn: add a free func */
  GArray *faces;          /* of cairo_rectangle_t: the box of each face */
  GArray *icons;          /* of AbiertoChartIcon, the legend's with row G_MAXUINT */
} AbiertoChartProbe;

void     abierto_chart_draw_probed          (cairo_t                     *cr,
                                             AbiertoResults              *results,
                                             const AbiertoChartStyle     *style,
                                             double                       width,
                                             double                       height,
                                             AbiertoChartProbe           *probe);
void     abierto_chart_draw_people_probed   (cairo_t                     *cr,
                                             const AbiertoChartStyle     *style,
                                             const AbiertoChartPeopleRow *rows,
                                             guint                        n_rows,
                                             double                       width,
                                             double                       height,
                                             AbiertoChartProbe           *probe);

G_END_DECLS
