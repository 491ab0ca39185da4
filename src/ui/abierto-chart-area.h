/* abierto-chart-area.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "abierto-chart.h"
#include "abierto-results.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_CHART_AREA (abierto_chart_area_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoChartArea, abierto_chart_area, ABIERTO, CHART_AREA, GtkDrawingArea)

GtkWidget      *abierto_chart_area_new         (void);
AbiertoResults *abierto_chart_area_get_results (AbiertoChartArea        *self);
void            abierto_chart_area_set_results (AbiertoChartArea        *self,
                                                AbiertoResults          *results);
/* The style to draw with; with @follow_dark, its dark field follows the
 * style manager (the default). */
void            abierto_chart_area_set_style   (AbiertoChartArea        *self,
                                                const AbiertoChartStyle *style,
                                                gboolean                 follow_dark);
/* Whether it may get less than its preferred height, and draw smaller */
void            abierto_chart_area_set_can_shrink (AbiertoChartArea     *self,
                                                   gboolean              can_shrink);

G_END_DECLS
