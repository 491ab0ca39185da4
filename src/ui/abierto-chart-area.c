/* abierto-chart-area.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "abierto-chart-area.h"

/* The chart of a round's results, drawn by report/ as in the exports,
 * as tall as it needs to be for the width it gets. */
struct _AbiertoChartArea
{
  GtkDrawingArea     parent_instance;

  AbiertoResults    *results;  /* owned, or NULL */
  AbiertoChartStyle  style;
  gboolean           follow_dark;  /* take dark from the style manager */
  gboolean           can_shrink;   /* below the preferred height */
};

G_DEFINE_FINAL_TYPE (AbiertoChartArea, abierto_chart_area, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
abierto_chart_area_get_style (AbiertoChartArea  *self,
                              AbiertoChartStyle *style)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  double size = 11;

  /* Text as large as the rest of the window: 1.5 times with large text.
   * GTK gives the size in pixels, points at 96 per inch times 4/3. */
  if (font != NULL && pango_font_description_get_size (font) > 0)
    {
      size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
      if (pango_font_description_get_size_is_absolute (font))
        size *= 72.0 / 96.0;
      else if (resolution > 0)
        size *= resolution / 96.0;
    }

  *style = self->style;
  style->font_size = self->style.font_size * size / 11.0;
  if (self->follow_dark)
    style->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  AbiertoChartArea *self = ABIERTO_CHART_AREA (area);
  AbiertoChartStyle style;

  if (self->results == NULL)
    return;

  abierto_chart_area_get_style (self, &style);
  abierto_chart_draw (cr, self->results, &style, width, height);
}

static GtkSizeRequestMode
abierto_chart_area_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
abierto_chart_area_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  AbiertoChartArea *self = ABIERTO_CHART_AREA (widget);
  AbiertoChartStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
      return;
    }

  *minimum = *natural = 0;
  if (self->results == NULL)
    return;

  abierto_chart_area_get_style (self, &style);
  *natural = (int) ceil (abierto_chart_get_preferred_height (self->results, &style,
                                                              for_size > 0 ? for_size : 640));
  /* Less than that scales the chart down: fine on a projector that must
   * show it whole, while a scrolled page can show it at full size. */
  *minimum = self->can_shrink ? MIN (*natural, 160) : *natural;
}

static void
dark_changed_cb (AbiertoChartArea *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
font_changed_cb (AbiertoChartArea *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
abierto_chart_area_dispose (GObject *object)
{
  AbiertoChartArea *self = (AbiertoChartArea *)object;

  g_clear_object (&self->results);

  G_OBJECT_CLASS (abierto_chart_area_parent_class)->dispose (object);
}

static void
abierto_chart_area_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AbiertoChartArea *self = ABIERTO_CHART_AREA (object);

  switch (prop_id)
    {
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_chart_area_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AbiertoChartArea *self = ABIERTO_CHART_AREA (object);

  switch (prop_id)
    {
    case PROP_RESULTS:
      abierto_chart_area_set_results (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_chart_area_class_init (AbiertoChartAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_chart_area_dispose;
  object_class->get_property = abierto_chart_area_get_property;
  object_class->set_property = abierto_chart_area_set_property;

  widget_class->get_request_mode = abierto_chart_area_get_request_mode;
  widget_class->measure = abierto_chart_area_measure;

  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL,
                         ABIERTO_TYPE_RESULTS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
abierto_chart_area_init (AbiertoChartArea *self)
{
  abierto_chart_style_init_default (&self->style);
  self->follow_dark = TRUE;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-font-name",
                           G_CALLBACK (font_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                           G_CALLBACK (font_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
abierto_chart_area_new (void)
{
  return g_object_new (ABIERTO_TYPE_CHART_AREA, NULL);
}

AbiertoResults *
abierto_chart_area_get_results (AbiertoChartArea *self)
{
  g_return_val_if_fail (ABIERTO_IS_CHART_AREA (self), NULL);

  return self->results;
}

void
abierto_chart_area_set_results (AbiertoChartArea *self,
                                AbiertoResults   *results)
{
  g_return_if_fail (ABIERTO_IS_CHART_AREA (self));
  g_return_if_fail (results == NULL || ABIERTO_IS_RESULTS (results));

  if (!g_set_object (&self->results, results))
    return;

  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS]);
}

void
abierto_chart_area_set_can_shrink (AbiertoChartArea *self,
                                   gboolean          can_shrink)
{
  g_return_if_fail (ABIERTO_IS_CHART_AREA (self));

  self->can_shrink = !!can_shrink;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
abierto_chart_area_set_style (AbiertoChartArea        *self,
                              const AbiertoChartStyle *style,
                              gboolean                 follow_dark)
{
  g_return_if_fail (ABIERTO_IS_CHART_AREA (self));
  g_return_if_fail (style != NULL);

  self->style = *style;
  self->follow_dark = follow_dark;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
