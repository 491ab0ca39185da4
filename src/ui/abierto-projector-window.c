/* abierto-projector-window.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-chart-area.h"
#include "abierto-projector-window.h"

/* The results for a room: full screen, large type, black on white. */
struct _AbiertoProjectorWindow
{
  AdwWindow         parent_instance;

  /* Template children, borrowed */
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  AbiertoChartArea *chart_area;
};

G_DEFINE_FINAL_TYPE (AbiertoProjectorWindow, abierto_projector_window, ADW_TYPE_WINDOW)

#define PROJECTOR_CSS \
  "window.abierto-projector { background-color: #ffffff; color: #000000; }"

static void
ensure_css (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "abierto-projector-css"))
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, PROJECTOR_CSS, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data (G_OBJECT (display), "abierto-projector-css", GINT_TO_POINTER (TRUE));
}

static void
abierto_projector_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ABIERTO_TYPE_PROJECTOR_WINDOW);

  G_OBJECT_CLASS (abierto_projector_window_parent_class)->dispose (object);
}

static void
abierto_projector_window_class_init (AbiertoProjectorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_projector_window_dispose;

  g_type_ensure (ABIERTO_TYPE_CHART_AREA);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gobierto/Abierto/ui/"
                                               "abierto-projector-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoProjectorWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProjectorWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoProjectorWindow, chart_area);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
abierto_projector_window_init (AbiertoProjectorWindow *self)
{
  AbiertoChartStyle style;

  gtk_widget_init_template (GTK_WIDGET (self));

  ensure_css (gtk_widget_get_display (GTK_WIDGET (self)));
  gtk_widget_add_css_class (GTK_WIDGET (self), "abierto-projector");

  abierto_chart_style_init_default (&style);
  style.font_size = 22;
  style.high_contrast = TRUE;
  style.large = TRUE;
  style.dark = FALSE;
  abierto_chart_area_set_style (self->chart_area, &style, FALSE);
  abierto_chart_area_set_can_shrink (self->chart_area, TRUE);
}

GtkWidget *
abierto_projector_window_new (void)
{
  return g_object_new (ABIERTO_TYPE_PROJECTOR_WINDOW, NULL);
}

void
abierto_projector_window_set_results (AbiertoProjectorWindow *self,
                                      AbiertoResults         *results,
                                      const char             *title,
                                      const char             *subtitle)
{
  g_return_if_fail (ABIERTO_IS_PROJECTOR_WINDOW (self));

  abierto_chart_area_set_results (self->chart_area, results);
  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  gtk_label_set_label (self->subtitle_label, subtitle != NULL ? subtitle : "");
}
