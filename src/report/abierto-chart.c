/* abierto-chart.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-report"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "abierto-chart.h"
#include "abierto-chart-private.h"
#include "abierto-output-private.h"
#include "abierto-palette.h"

#define DEFAULT_FONT_SIZE 11.0
#define MIN_FONT_SIZE     4.0
#define MAX_FONT_SIZE     200.0
#define LARGE_FACTOR      1.3
#define FONT_FAMILY       "Cantarell"
/* more than two lines of any sane width can show; Pango need not lay
 * out the rest of a huge label only to ellipsize it */
#define LABEL_MAX_CHARS   1000
#define MAX_PNG_SIDE      32767
#define NEUTRAL_HEX       0xC0BFBC
#define MAX_LAYOUT_WIDTH  1000000.0
/* below this a chart is not readable anyway; the clip cuts the rest */
#define MIN_SCALE         0.02
/* a people chart row never needs more pictograms than this */
#define PEOPLE_MAX_ICONS  50
#define PEOPLE_GROUP      5

typedef struct
{
  AbiertoRgb background;
  AbiertoRgb foreground;
  AbiertoRgb dim;             /* secondary text */
  AbiertoRgb track;           /* the empty part of a bar, and rank badges */
  double     outline;         /* around every bar: high contrast only */
  double     winner_outline;  /* around the bars in first place */
  gboolean   draw_track;
} Theme;

typedef enum
{
  VALUE_INSIDE,
  VALUE_OUTSIDE,
  VALUE_BELOW,
} ValuePlace;

typedef struct
{
  const AbiertoResultRow *row;        /* borrowed from the results */
  PangoLayout            *label;      /* owned, and so are the others */
  PangoLayout            *rank;
  PangoLayout            *value;      /* bar methods: the number; scale: the summary */
  PangoLayout            *counts[5];  /* scale: the count written in each part */
  double                  y;
  double                  bar_y;
  double                  bar_len;    /* bar methods */
  ValuePlace              value_place;
  double                  bottom;
  gboolean                tied;
  gboolean                winner;
} RowPlan;

typedef struct
{
  PangoLayout *text;    /* owned */
  guint        point;   /* 1-based */
  double       x;
  double       y;
  double       text_x;
  double       text_y;
} LegendItem;

/* Everything measured before anything is drawn, so that the preferred
 * height and the drawing always agree. */
typedef struct
{
  AbiertoResults *results;      /* borrowed */
  AbiertoChartProbe *probe;     /* borrowed, usually NULL */
  AbiertoMethod   method;
  guint           points;
  gboolean        faces;        /* faces on a three-face scale */
  guint           threshold;    /* fewer voters are not counted */
  Theme           theme;
  PangoContext   *context;      /* owned */
  double          width;
  double          height;
  double          u;            /* the base font size in user units */
  double          pad;
  double          bar_h;
  double          badge_w;
  double          content_x;
  double          content_w;
  double          bar_w;        /* the longest bar, or the band of a scale */
  double          max_score;
  double          half_extent;  /* diverging scale: the share half the band stands for */
  gboolean        summary_right;
  gboolean        empty;

  PangoLayout    *caption;      /* owned */
  double          caption_y;
  GArray         *legend;       /* of LegendItem, owned */
  double          swatch;       /* height of a legend swatch */
  double          swatch_w;
  GArray         *rows;         /* of RowPlan, owned */

  PangoLayout    *empty_title;  /* owned */
  PangoLayout    *empty_hint;   /* owned */
} Plan;

static const char * const face_words[] = {
  /* Translators: the three faces of a scale for children, worst first */
  N_("I don't like it"),
  N_("So-so"),
  N_("I like it"),
};

static const char * const likert_words[] = {
  /* Translators: the five points of an agreement scale, 1 to 5 */
  N_("Strongly disagree"),
  N_("Disagree"),
  N_("Neither agree nor disagree"),
  N_("Agree"),
  N_("Strongly agree"),
};

void
abierto_chart_style_init_default (AbiertoChartStyle *style)
{
  g_return_if_fail (style != NULL);

  style->font_size = DEFAULT_FONT_SIZE;
  style->high_contrast = FALSE;
  style->dark = FALSE;
  style->large = FALSE;
  style->faces = TRUE;
  style->threshold = 0;
}

static void
theme_init (Theme                   *theme,
            const AbiertoChartStyle *style)
{
  if (style->high_contrast)
    {
      abierto_rgb_init_from_hex (&theme->background, style->dark ? 0x000000 : 0xFFFFFF);
      abierto_rgb_init_from_hex (&theme->foreground, style->dark ? 0xFFFFFF : 0x000000);
      theme->dim = theme->foreground;
      theme->track = theme->background;
      theme->outline = 2;
      theme->winner_outline = 4;
      theme->draw_track = FALSE;
    }
  else if (style->dark)
    {
      /* libadwaita's dark view */
      abierto_rgb_init_from_hex (&theme->background, 0x1E1E1E);
      abierto_rgb_init_from_hex (&theme->foreground, 0xFFFFFF);
      abierto_rgb_init_from_hex (&theme->dim, 0xC0BFBC);
      abierto_rgb_init_from_hex (&theme->track, 0x353535);
      theme->outline = 0;
      theme->winner_outline = 2;
      theme->draw_track = TRUE;
    }
  else
    {
      abierto_rgb_init_from_hex (&theme->background, 0xFFFFFF);
      abierto_rgb_init_from_hex (&theme->foreground, 0x1E1E1E);
      abierto_rgb_init_from_hex (&theme->dim, 0x5E5C64);
      abierto_rgb_init_from_hex (&theme->track, 0xEDEDED);
      theme->outline = 0;
      theme->winner_outline = 2;
      theme->draw_track = TRUE;
    }
}

static void
set_source (cairo_t          *cr,
            const AbiertoRgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
}

/* Colour of point @point (1-based) of a scale of @points. */
static void
scale_rgb (guint       points,
           guint       point,
           AbiertoRgb *rgb)
{
  static const AbiertoPaletteColor faces[] = {
    ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_YELLOW, ABIERTO_PALETTE_BLUISH_GREEN,
  };
  /* diverging: warm for disagreement, cool for agreement, grey between */
  static const int likert[] = {
    ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_ORANGE, -1,
    ABIERTO_PALETTE_SKY_BLUE, ABIERTO_PALETTE_BLUE,
  };
  static const AbiertoPaletteColor four[] = {
    ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_ORANGE,
    ABIERTO_PALETTE_SKY_BLUE, ABIERTO_PALETTE_BLUE,
  };

  g_assert (point >= 1 && point <= points);

  if (points == 3)
    abierto_palette_get_rgb (faces[point - 1], rgb);
  else if (points == 4)
    abierto_palette_get_rgb (four[point - 1], rgb);
  else if (likert[point - 1] < 0)
    abierto_rgb_init_from_hex (rgb, NEUTRAL_HEX);
  else
    abierto_palette_get_rgb (likert[point - 1], rgb);
}

/* How many ratings, and how many of them lie on each side of the middle
 * of the scale: the neutral point counts half on each. */
static void
scale_sides (guint        points,
             const guint *distribution,
             double      *n,
             double      *below,
             double      *above)
{
  guint half = points / 2;
  guint p;

  *n = *below = *above = 0;
  for (p = 0; p < points; p++)
    {
      *n += distribution[p];
      if (p < half)
        *below += distribution[p];
      else if (points % 2 == 1 && p == half)
        {
          *below += distribution[p] / 2.0;
          *above += distribution[p] / 2.0;
        }
      else
        *above += distribution[p];
    }
}

/* The hatching that tells the points of a scale apart without colour:
 * leaning back for disagreement, forward for agreement, closer lines at
 * the ends, none on the neutral middle. */
static void
scale_hatch (guint     points,
             guint     point,
             int      *slant,
             gboolean *dense)
{
  guint half = points / 2;

  *dense = point == 1 || point == points;
  if (points % 2 == 1 && point == half + 1)
    *slant = 0;
  else
    *slant = point <= half ? -1 : 1;
}

static double
font_units (const AbiertoChartStyle *style)
{
  double size = style->font_size;

  if (!isfinite (size) || size <= 0)
    size = DEFAULT_FONT_SIZE;
  size = CLAMP (size, MIN_FONT_SIZE, MAX_FONT_SIZE);

  return size * 96.0 / 72.0 * (style->large ? LARGE_FACTOR : 1.0);
}

/* A context of our own, with metrics that do not depend on the surface,
 * so that measuring without a cairo_t gives the same sizes as drawing. */
static PangoContext *
create_context (void)
{
  PangoContext *context;
  cairo_font_options_t *options;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);

  return context;
}

static PangoLayout *
new_layout (PangoContext *context,
            double        u,
            const char   *text,
            double        scale,
            PangoWeight   weight)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, FONT_FAMILY);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_absolute_size (font, u * scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);

  return layout;
}

static PangoLayout *
create_layout (Plan        *plan,
               const char  *text,
               double       scale,
               PangoWeight  weight)
{
  return new_layout (plan->context, plan->u, text, scale, weight);
}

static void
wrap_layout (PangoLayout *layout,
             double       width,
             int          max_lines)
{
  /* Pango takes an int of 1/1024 units */
  pango_layout_set_width (layout, (int) (CLAMP (width, 1.0, MAX_LAYOUT_WIDTH) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  double width;

  layout_size (layout, &width, NULL);
  return width;
}

static double
layout_height (PangoLayout *layout)
{
  double height;

  layout_size (layout, NULL, &height);
  return height;
}

/* One line of valid text, not absurdly long. */
static char *
sanitize_label (const char *label)
{
  g_autofree char *valid = g_utf8_make_valid (label != NULL ? label : "", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  guint n = 0;

  for (p = valid; *p != '\0' && n < LABEL_MAX_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    g_string_append (out, "…");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
results_are_empty (AbiertoResults *results)
{
  guint n = abierto_results_get_n_rows (results);
  guint i;

  for (i = 0; i < n; i++)
    if (abierto_results_get_row (results, i)->votes > 0)
      return FALSE;

  return TRUE;
}

static void
clear_row_plan (gpointer data)
{
  RowPlan *rp = data;
  guint i;

  g_clear_object (&rp->label);
  g_clear_object (&rp->rank);
  g_clear_object (&rp->value);
  for (i = 0; i < G_N_ELEMENTS (rp->counts); i++)
    g_clear_object (&rp->counts[i]);
}

static void
clear_legend_item (gpointer data)
{
  LegendItem *item = data;

  g_clear_object (&item->text);
}

static void
plan_free (Plan *plan)
{
  g_clear_pointer (&plan->rows, g_array_unref);
  g_clear_pointer (&plan->legend, g_array_unref);
  g_clear_object (&plan->caption);
  g_clear_object (&plan->empty_title);
  g_clear_object (&plan->empty_hint);
  g_clear_object (&plan->context);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

/* What the bars count, and how many took part: on one line when it fits,
 * else on two, so that a number is not cut from its noun. */
static void
set_caption (PangoLayout    *layout,
             AbiertoResults *results,
             guint           threshold,
             double          width)
{
  guint voters = abierto_results_get_n_voters (results);
  const char *what;
  g_autofree char *who = NULL;
  g_autofree char *text = NULL;

  switch (abierto_results_get_method (results))
    {
    case ABIERTO_METHOD_APPROVAL:
      what = _("People who approved each proposal");
      break;

    case ABIERTO_METHOD_TALLY:
      what = _("Raised hands for each proposal");
      break;

    case ABIERTO_METHOD_RANKING:
      what = _("Points from everyone’s ranking: a first place is worth the most");
      break;

    case ABIERTO_METHOD_SCALE:
      if (abierto_results_get_points (results) == 3)
        what = _("How much people like each proposal");
      else
        what = _("How much people agree with each proposal");
      break;

    case ABIERTO_METHOD_DOT:
    default:
      what = _("Dots each proposal received");
      break;
    }

  if (abierto_results_get_method (results) == ABIERTO_METHOD_TALLY)
    who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hand in total",
                                        "%u hands in total", voters), voters);
  else if (voters > 0 && voters < threshold)
    /* privacy: a small group is not counted */
    who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "fewer than %u person voted",
                                        "fewer than %u people voted", threshold), threshold);
  else
    who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person voted",
                                        "%u people voted", voters), voters);

  text = g_strconcat (what, " · ", who, NULL);
  pango_layout_set_text (layout, text, -1);
  if (layout_width (layout) > width)
    {
      g_free (text);
      text = g_strconcat (what, "\n", who, NULL);
      pango_layout_set_text (layout, text, -1);
    }
  wrap_layout (layout, width, 4);
}

static char *
dup_value_text (AbiertoMethod           method,
                const AbiertoResultRow *row)
{
  guint64 score = (guint64) MAX (round (row->score), 0);

  if (method == ABIERTO_METHOD_RANKING)
    {
      g_autofree char *points = NULL;
      g_autofree char *first = NULL;

      /* Translators: Borda points of a proposal, as in "42 points · 7 first places" */
      points = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point", "%u points",
                                             (gulong) score), (guint) score);
      if (row->first_prefs == 0)
        /* Translators: nobody put this proposal first, as in "2 points · no first places" */
        first = g_strdup (_("no first places"));
      else
        /* Translators: ballots that put a proposal first, as in "42 points · 7 first places" */
        first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u first place",
                                              "%u first places", row->first_prefs),
                                 row->first_prefs);
      return g_strconcat (points, " · ", first, NULL);
    }

  return g_strdup_printf ("%" G_GUINT64_FORMAT, score);
}

static char *
dup_scale_summary (const AbiertoResultRow *row)
{
  g_autofree char *mean = NULL;
  g_autofree char *n = NULL;

  if (row->votes == 0)
    return g_strdup (_("No ratings yet"));

  /* Translators: the mean rating of a proposal, as in "Average 4.2" */
  mean = g_strdup_printf (_("Average %.1f"), row->mean);
  n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rating", "%u ratings", row->votes),
                       row->votes);

  return g_strconcat (mean, " · ", n, NULL);
}

static void
plan_empty (Plan *plan)
{
  double avail = plan->width - 2 * plan->pad;

  plan->empty_title = create_layout (plan, _("No votes yet"), 1.35, PANGO_WEIGHT_BOLD);
  wrap_layout (plan->empty_title, avail, 2);
  pango_layout_set_alignment (plan->empty_title, PANGO_ALIGN_CENTER);

  plan->empty_hint = create_layout (plan, _("The chart appears here as soon as the first "
                                            "vote is counted."), 1.0, PANGO_WEIGHT_NORMAL);
  wrap_layout (plan->empty_hint, avail, 3);
  pango_layout_set_alignment (plan->empty_hint, PANGO_ALIGN_CENTER);

  plan->height = 2 * plan->pad + 3 * plan->u + 0.8 * plan->u
                 + layout_height (plan->empty_title) + 0.4 * plan->u
                 + layout_height (plan->empty_hint);
}

/* Legend items flow left to right and wrap like words. */
static double
plan_legend (Plan   *plan,
             double  y)
{
  double left = plan->pad;
  double right = plan->width - plan->pad;
  double gap = round (0.45 * plan->u);
  double spacing = round (1.3 * plan->u);
  double x = left;
  double line_h = 0;
  guint i;

  plan->swatch = round (1.4 * plan->u);
  /* a piece of a bar, wide enough to show its pattern around a face */
  plan->swatch_w = round (2.4 * plan->u);
  plan->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (plan->legend, clear_legend_item);

  for (i = 1; i <= plan->points; i++)
    {
      LegendItem item = { 0 };
      g_autofree char *number = NULL;
      const char *text;
      double text_w, text_h, item_w, item_h;

      if (plan->points == 3)
        text = _(face_words[i - 1]);
      else if (plan->points == 5)
        text = _(likert_words[i - 1]);
      else
        text = number = g_strdup_printf ("%u", i);

      item.point = i;
      item.text = create_layout (plan, text, 0.95, PANGO_WEIGHT_NORMAL);
      layout_size (item.text, &text_w, &text_h);
      if (plan->swatch_w + gap + text_w > right - left)
        {
          wrap_layout (item.text, right - left - plan->swatch_w - gap, 0);
          layout_size (item.text, &text_w, &text_h);
        }
      item_w = plan->swatch_w + gap + text_w;
      item_h = MAX (plan->swatch, text_h);

      if (x > left && x + item_w > right)
        {
          x = left;
          y += line_h + round (0.5 * plan->u);
          line_h = 0;
        }

      item.x = x;
      item.y = y + (item_h - plan->swatch) / 2;
      item.text_x = x + plan->swatch_w + gap;
      item.text_y = y + (item_h - text_h) / 2;
      g_array_append_val (plan->legend, item);

      x += item_w + spacing;
      line_h = MAX (line_h, item_h);
    }

  return y + line_h;
}

static Plan *
plan_new (AbiertoResults          *results,
          const AbiertoChartStyle *style,
          double                   width)
{
  g_autoptr(Plan) plan = g_new0 (Plan, 1);
  guint n_rows = abierto_results_get_n_rows (results);
  double row_gap, label_gap, inner, max_rank_w = 0, max_summary_w = 0;
  double y;
  guint i;

  plan->results = results;
  plan->faces = style->faces;
  plan->threshold = style->threshold;
  plan->method = abierto_results_get_method (results);
  plan->points = CLAMP (abierto_results_get_points (results), 3, 5);
  plan->width = width;
  plan->u = font_units (style);
  plan->pad = round (1.2 * plan->u);
  plan->bar_h = round (1.7 * plan->u);
  plan->context = create_context ();
  theme_init (&plan->theme, style);

  plan->empty = results_are_empty (results);
  if (plan->empty)
    {
      plan_empty (plan);
      return g_steal_pointer (&plan);
    }

  row_gap = round (1.0 * plan->u);
  label_gap = round (0.35 * plan->u);
  inner = round (0.5 * plan->u);

  y = plan->pad;
  plan->caption = create_layout (plan, "", 0.9, PANGO_WEIGHT_NORMAL);
  set_caption (plan->caption, results, plan->threshold, width - 2 * plan->pad);
  plan->caption_y = y;
  y += layout_height (plan->caption) + round (0.9 * plan->u);

  if (plan->method == ABIERTO_METHOD_SCALE)
    y = plan_legend (plan, y) + round (1.2 * plan->u);

  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (RowPlan), n_rows);
  g_array_set_clear_func (plan->rows, clear_row_plan);

  /* what does not depend on the width of the bars first */
  for (i = 0; i < n_rows; i++)
    {
      RowPlan rp = { 0 };
      const AbiertoResultRow *prev = i > 0 ? abierto_results_get_row (results, i - 1) : NULL;
      const AbiertoResultRow *next =
        i + 1 < n_rows ? abierto_results_get_row (results, i + 1) : NULL;
      g_autofree char *rank = NULL;
      g_autofree char *value = NULL;

      rp.row = abierto_results_get_row (results, i);
      rp.tied = (prev != NULL && prev->rank == rp.row->rank)
                || (next != NULL && next->rank == rp.row->rank);
      rp.winner = rp.row->rank == 1 && rp.row->votes > 0
                  && (rp.row->score > 0 || plan->method == ABIERTO_METHOD_SCALE);
      plan->max_score = MAX (plan->max_score, rp.row->score);

      /* a small "=" before the place of a tie */
      rank = g_strdup_printf ("%s%u", rp.tied ? "<span size=\"80%\">=</span>" : "",
                              rp.row->rank);
      rp.rank = create_layout (plan, "", 0.9, PANGO_WEIGHT_BOLD);
      pango_layout_set_markup (rp.rank, rank, -1);
      max_rank_w = MAX (max_rank_w, layout_width (rp.rank));

      if (plan->method == ABIERTO_METHOD_SCALE)
        {
          guint p;

          value = dup_scale_summary (rp.row);
          rp.value = create_layout (plan, value, 0.9, PANGO_WEIGHT_NORMAL);
          max_summary_w = MAX (max_summary_w, layout_width (rp.value));

          for (p = 0; p < plan->points; p++)
            if (rp.row->distribution[p] > 0)
              {
                g_autofree char *count = g_strdup_printf ("%u", rp.row->distribution[p]);

                rp.counts[p] = create_layout (plan, count, 0.85, PANGO_WEIGHT_BOLD);
              }
        }
      else
        {
          value = dup_value_text (plan->method, rp.row);
          rp.value = create_layout (plan, value, 1.0, PANGO_WEIGHT_BOLD);
        }

      g_array_append_val (plan->rows, rp);
    }

  plan->badge_w = MAX (plan->bar_h, ceil (max_rank_w + 0.9 * plan->u));
  plan->content_x = plan->pad + plan->badge_w + round (0.75 * plan->u);
  plan->content_w = MAX (width - plan->pad - plan->content_x, 1.0);
  plan->bar_w = plan->content_w;

  if (plan->method == ABIERTO_METHOD_SCALE)
    {
      double right_w = plan->content_w - max_summary_w - inner;

      /* the summary beside the bar, unless that squeezes the bar */
      plan->summary_right = right_w >= 0.55 * plan->content_w;
      if (plan->summary_right)
        plan->bar_w = right_w;

      /* the band is as wide as the longest side of any row needs */
      plan->half_extent = 0.5;
      for (i = 0; i < n_rows; i++)
        {
          const AbiertoResultRow *row = abierto_results_get_row (results, i);
          double n, below, above;

          scale_sides (plan->points, row->distribution, &n, &below, &above);
          if (n > 0)
            plan->half_extent = MAX (plan->half_extent, MAX (below, above) / n);
        }
    }

  for (i = 0; i < n_rows; i++)
    {
      RowPlan *rp = &g_array_index (plan->rows, RowPlan, i);
      g_autofree char *label = sanitize_label (rp->row->label);
      double value_w, value_h;

      rp->y = y;
      rp->label = create_layout (plan, label, 1.0, PANGO_WEIGHT_NORMAL);
      wrap_layout (rp->label, plan->content_w, 2);
      rp->bar_y = round (y + layout_height (rp->label) + label_gap);
      rp->bottom = rp->bar_y + plan->bar_h;
      layout_size (rp->value, &value_w, &value_h);

      if (plan->method == ABIERTO_METHOD_SCALE)
        {
          if (!plan->summary_right)
            {
              wrap_layout (rp->value, plan->content_w, 2);
              rp->value_place = VALUE_BELOW;
              rp->bottom += round (0.25 * plan->u) + layout_height (rp->value);
            }
          else
            rp->value_place = VALUE_OUTSIDE;
        }
      else
        {
          if (plan->max_score > 0 && rp->row->score > 0)
            rp->bar_len = MAX (rp->row->score / plan->max_score * plan->bar_w,
                               MIN (0.5 * plan->u, plan->bar_w));

          if (value_w + 2 * inner <= rp->bar_len)
            rp->value_place = VALUE_INSIDE;
          else if (rp->bar_len + inner + value_w <= plan->content_w)
            rp->value_place = VALUE_OUTSIDE;
          else
            {
              wrap_layout (rp->value, plan->content_w, 2);
              rp->value_place = VALUE_BELOW;
              rp->bottom += round (0.25 * plan->u) + layout_height (rp->value);
            }
        }

      y = rp->bottom + row_gap;
    }

  plan->height = ceil (y - row_gap + plan->pad);

  return g_steal_pointer (&plan);
}

/* Drawing */

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* An outline drawn inside the shape, so it never spills over. */
static void
stroke_inside (cairo_t          *cr,
               const AbiertoRgb *rgb,
               double            line_width,
               double            x,
               double            y,
               double            w,
               double            h,
               double            r)
{
  double half = line_width / 2;

  if (line_width <= 0 || w <= line_width || h <= line_width)
    return;

  rounded_rectangle (cr, x + half, y + half, w - line_width, h - line_width, MAX (r - half, 0));
  set_source (cr, rgb);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
}

/* Every piece of text goes through here, with the colour under it, so
 * that a test can check the contrast of each pair the chart really uses. */
static void
show_text (cairo_t           *cr,
           AbiertoChartProbe *probe,
           PangoLayout       *layout,
           const AbiertoRgb  *rgb,
           const AbiertoRgb  *under,
           double             x,
           double             y)
{
  if (probe != NULL && probe->inks != NULL)
    {
      AbiertoChartInk ink = { *rgb, *under };

      g_array_append_val (probe->inks, ink);
    }
  if (probe != NULL && probe->texts != NULL)
    g_ptr_array_add (probe->texts, g_strdup (pango_layout_get_text (layout)));

  set_source (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
mix_rgb (const AbiertoRgb *a,
         const AbiertoRgb *b,
         double            t,
         AbiertoRgb       *out)
{
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
}

/* A simple face: -1 frowns, 0 is level, 1 smiles. */
static void
draw_face (cairo_t           *cr,
           AbiertoChartProbe *probe,
           double             cx,
           double             cy,
           double             r,
           int                mood,
           const AbiertoRgb  *ink)
{
  double line = MAX (r * 0.14, 1.0);

  if (probe != NULL)
    {
      probe->n_faces++;
      if (probe->faces != NULL)
        {
          cairo_rectangle_t box = { cx - r, cy - r, 2 * r, 2 * r };

          g_array_append_val (probe->faces, box);
        }
    }

  cairo_save (cr);
  set_source (cr, ink);
  cairo_set_line_width (cr, line);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r - line / 2, 0, 2 * G_PI);
  cairo_stroke (cr);

  cairo_arc (cr, cx - 0.33 * r, cy - 0.22 * r, 0.12 * r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, cx + 0.33 * r, cy - 0.22 * r, 0.12 * r, 0, 2 * G_PI);
  cairo_fill (cr);

  if (mood > 0)
    cairo_arc (cr, cx, cy + 0.02 * r, 0.45 * r, 0.2 * G_PI, 0.8 * G_PI);
  else if (mood < 0)
    cairo_arc_negative (cr, cx, cy + 0.72 * r, 0.45 * r, -0.2 * G_PI, -0.8 * G_PI);
  else
    {
      cairo_move_to (cr, cx - 0.36 * r, cy + 0.38 * r);
      cairo_line_to (cr, cx + 0.36 * r, cy + 0.38 * r);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The fill of point @point of the scale with its hatching, inside the
 * current clip: a part of a bar or a legend swatch. */
static void
fill_scale_part (cairo_t *cr,
                 Plan    *plan,
                 guint    point,
                 double   x,
                 double   y,
                 double   w,
                 double   h)
{
  AbiertoRgb fill, ink, hatch;
  double spacing, line, t;
  gboolean dense;
  int slant;

  scale_rgb (plan->points, point, &fill);
  cairo_rectangle (cr, x, y, w, h);
  set_source (cr, &fill);
  cairo_fill (cr);

  scale_hatch (plan->points, point, &slant, &dense);
  if (slant == 0)
    return;

  if (plan->probe != NULL)
    plan->probe->n_patterns++;

  /* lines in a shade between the fill and its text: seen in grey, yet
   * quiet enough not to fight the numbers */
  abierto_palette_get_text_rgb (&fill, &ink);
  mix_rgb (&fill, &ink, 0.32, &hatch);
  spacing = MAX ((dense ? 0.42 : 0.84) * plan->u, 4.0);
  line = MAX (0.09 * plan->u, 1.0);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  set_source (cr, &hatch);
  cairo_set_line_width (cr, line);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  /* anchored at 0, so the lines run on across the parts of a bar */
  for (t = floor ((x - h) / spacing) * spacing; t <= x + w + h; t += spacing)
    {
      if (slant > 0)
        {
          cairo_move_to (cr, t, y + h);
          cairo_line_to (cr, t + h, y);
        }
      else
        {
          cairo_move_to (cr, t, y);
          cairo_line_to (cr, t + h, y + h);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_empty (cairo_t *cr,
            Plan    *plan,
            double   height)
{
  const Theme *theme = &plan->theme;
  double icon = 3 * plan->u;
  double title_h = layout_height (plan->empty_title);
  double hint_h = layout_height (plan->empty_hint);
  double block = icon + 0.8 * plan->u + title_h + 0.4 * plan->u + hint_h;
  double y = MAX ((height - block) / 2, 0);
  double icon_w = 5 * plan->u;
  double x = round ((plan->width - icon_w) / 2);
  double bar = round (icon / 3.6);
  double step = round ((icon - bar) / 2);
  double line = MAX (1.5, round (plan->u / 8));
  guint i;

  /* three empty bars, longest first: a chart waiting for its votes */
  cairo_save (cr);
  cairo_set_line_width (cr, line);
  cairo_set_dash (cr, (double[]) { plan->u / 3, plan->u / 5 }, 2, 0);
  for (i = 0; i < 3; i++)
    {
      double w = icon_w * (1.0 - 0.28 * i);

      rounded_rectangle (cr, x + line / 2, round (y) + i * step + line / 2,
                         w - line, bar - line, bar / 4);
      set_source (cr, &theme->track);
      cairo_fill_preserve (cr);
      set_source (cr, &theme->dim);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  y += icon + 0.8 * plan->u;

  show_text (cr, plan->probe, plan->empty_title, &theme->foreground, &theme->background,
             plan->pad, y);
  y += title_h + 0.4 * plan->u;
  show_text (cr, plan->probe, plan->empty_hint, &theme->dim, &theme->background, plan->pad, y);
}

static void
draw_badge (cairo_t       *cr,
            Plan          *plan,
            const RowPlan *rp)
{
  const Theme *theme = &plan->theme;
  AbiertoRgb fill, ink;
  double h = plan->bar_h;
  double w, x, text_w, text_h;
  double y = rp->bar_y;

  layout_size (rp->rank, &text_w, &text_h);
  w = MAX (h, ceil (text_w + 0.9 * plan->u));
  x = plan->pad + round ((plan->badge_w - w) / 2);

  if (rp->winner)
    abierto_palette_get_rgb (ABIERTO_PALETTE_ORANGE, &fill);
  else
    fill = theme->track;

  rounded_rectangle (cr, x, y, w, h, h / 2);
  set_source (cr, &fill);
  cairo_fill (cr);

  if (rp->winner)
    stroke_inside (cr, &theme->foreground, theme->winner_outline, x, y, w, h, h / 2);
  else
    stroke_inside (cr, &theme->foreground, theme->outline / 2, x, y, w, h, h / 2);

  if (rp->winner || !theme->draw_track)
    abierto_palette_get_text_rgb (&fill, &ink);
  else
    ink = theme->foreground;
  show_text (cr, plan->probe, rp->rank, &ink, &fill, x + (w - text_w) / 2, y + (h - text_h) / 2);
}

static void
draw_track (cairo_t *cr,
            Plan    *plan,
            double   y)
{
  if (!plan->theme.draw_track)
    return;

  rounded_rectangle (cr, plan->content_x, y, plan->bar_w, plan->bar_h, plan->bar_h / 4);
  set_source (cr, &plan->theme.track);
  cairo_fill (cr);
}

static void
draw_bar_row (cairo_t *cr,
              Plan    *plan,
              RowPlan *rp)
{
  const Theme *theme = &plan->theme;
  const AbiertoRgb *under = theme->draw_track ? &theme->track : &theme->background;
  double x = plan->content_x;
  double r = plan->bar_h / 4;
  double inner = round (0.5 * plan->u);
  double value_w, value_h;
  AbiertoRgb bar, ink;

  abierto_palette_get_rgb (rp->winner ? ABIERTO_PALETTE_ORANGE : ABIERTO_PALETTE_BLUE, &bar);
  draw_track (cr, plan, rp->bar_y);

  if (rp->bar_len > 0)
    {
      rounded_rectangle (cr, x, rp->bar_y, rp->bar_len, plan->bar_h, r);
      set_source (cr, &bar);
      cairo_fill (cr);
      stroke_inside (cr, &theme->foreground,
                     rp->winner ? theme->winner_outline : theme->outline,
                     x, rp->bar_y, rp->bar_len, plan->bar_h, r);
    }

  layout_size (rp->value, &value_w, &value_h);
  switch (rp->value_place)
    {
    case VALUE_INSIDE:
      abierto_palette_get_text_rgb (&bar, &ink);
      show_text (cr, plan->probe, rp->value, &ink, &bar, x + rp->bar_len - inner - value_w,
                 rp->bar_y + (plan->bar_h - value_h) / 2);
      break;

    case VALUE_OUTSIDE:
      /* on the empty part of the bar */
      show_text (cr, plan->probe, rp->value, &theme->foreground, under,
                 x + rp->bar_len + inner, rp->bar_y + (plan->bar_h - value_h) / 2);
      break;

    case VALUE_BELOW:
    default:
      show_text (cr, plan->probe, rp->value, &theme->foreground, &theme->background, x,
                 rp->bar_y + plan->bar_h + round (0.25 * plan->u));
      break;
    }
}

/* The left edge of each part of a scale bar and, at [points], its right
 * end: parts diverge from the middle of the band, disagreement to the
 * left, agreement to the right, the neutral point across the middle.
 * FALSE with no ratings. */
static gboolean
scale_edges (const Plan    *plan,
             const RowPlan *rp,
             double         edges[6])
{
  const guint *d = rp->row->distribution;
  double n, below, above, cx, full;
  guint p;

  scale_sides (plan->points, d, &n, &below, &above);
  if (n <= 0)
    return FALSE;

  cx = plan->content_x + plan->bar_w / 2;
  full = (plan->bar_w / 2) / plan->half_extent;
  edges[0] = cx - below / n * full;
  for (p = 0; p < plan->points; p++)
    edges[p + 1] = edges[p] + d[p] / n * full;

  return TRUE;
}

/* What fits in one part of a stacked bar: a face and the count, the
 * count alone, or nothing (the pattern, the legend and the summary still
 * say it). Text sits on a patch of plain colour, clear of the hatching. */
static void
draw_segment_content (cairo_t          *cr,
                      Plan             *plan,
                      const RowPlan    *rp,
                      guint             point,
                      double            x,
                      double            w,
                      const AbiertoRgb *fill)
{
  PangoLayout *count = rp->counts[point - 1];
  double face = plan->faces && plan->points == 3 ? round (0.72 * plan->bar_h) : 0;
  double gap = face > 0 ? round (0.25 * plan->u) : 0;
  double margin = round (0.3 * plan->u);
  double count_w, count_h, total, patch_h;
  double cy = rp->bar_y + plan->bar_h / 2;
  AbiertoRgb ink;

  if (count == NULL)
    return;

  abierto_palette_get_text_rgb (fill, &ink);
  layout_size (count, &count_w, &count_h);

  total = face + gap + count_w;
  if (face > 0 && total + 2 * margin > w)
    {
      face = gap = 0;
      total = count_w;
    }
  if (total + 2 * margin > w)
    return;

  x += (w - total) / 2;
  patch_h = MIN (MAX (face, count_h) + 0.2 * plan->u, plan->bar_h - 2);
  rounded_rectangle (cr, x - margin / 2, cy - patch_h / 2, total + margin, patch_h, patch_h / 3);
  set_source (cr, fill);
  cairo_fill (cr);

  if (face > 0)
    draw_face (cr, plan->probe, x + face / 2, cy, face / 2, (int) point - 2, &ink);
  show_text (cr, plan->probe, count, &ink, fill, x + face + gap, cy - count_h / 2);
}

static void
draw_scale_row (cairo_t *cr,
                Plan    *plan,
                RowPlan *rp)
{
  const Theme *theme = &plan->theme;
  double edges[6];
  double cx = plan->content_x + plan->bar_w / 2;
  double tick = round (0.3 * plan->u);
  double r = plan->bar_h / 4;
  double value_w, value_h;
  double inner = round (0.5 * plan->u);
  guint p;

  draw_track (cr, plan, rp->bar_y);

  if (scale_edges (plan, rp, edges))
    {
      double start = edges[0], end = edges[plan->points];

      cairo_save (cr);
      rounded_rectangle (cr, start, rp->bar_y, end - start, plan->bar_h, r);
      cairo_clip (cr);

      for (p = 1; p <= plan->points; p++)
        if (edges[p] > edges[p - 1])
          fill_scale_part (cr, plan, p, edges[p - 1], rp->bar_y, edges[p] - edges[p - 1],
                           plan->bar_h);

      /* a gap between the parts, so no border rests on colour alone */
      for (p = 1; p < plan->points; p++)
        {
          if (edges[p] <= edges[p - 1] || edges[p] >= end - 0.5)
            continue;
          cairo_rectangle (cr, edges[p] - 1, rp->bar_y, 2, plan->bar_h);
          set_source (cr, &theme->background);
          cairo_fill (cr);
        }

      for (p = 1; p <= plan->points; p++)
        if (edges[p] > edges[p - 1])
          {
            AbiertoRgb fill;

            scale_rgb (plan->points, p, &fill);
            draw_segment_content (cr, plan, rp, p, edges[p - 1], edges[p] - edges[p - 1], &fill);
          }
      cairo_restore (cr);

      stroke_inside (cr, &theme->foreground, rp->winner ? theme->winner_outline : theme->outline,
                     start, rp->bar_y, end - start, plan->bar_h, r);
    }

  /* the middle of the scale, standing out above and below the bar */
  set_source (cr, theme->draw_track ? &theme->dim : &theme->foreground);
  cairo_rectangle (cr, round (cx) - 1, rp->bar_y - tick, 2, tick);
  cairo_rectangle (cr, round (cx) - 1, rp->bar_y + plan->bar_h, 2, tick);
  cairo_fill (cr);

  layout_size (rp->value, &value_w, &value_h);
  if (rp->value_place == VALUE_OUTSIDE)
    show_text (cr, plan->probe, rp->value, &theme->foreground, &theme->background,
               plan->content_x + plan->bar_w + inner, rp->bar_y + (plan->bar_h - value_h) / 2);
  else
    show_text (cr, plan->probe, rp->value, &theme->foreground, &theme->background,
               plan->content_x, rp->bar_y + plan->bar_h + round (0.25 * plan->u));
}

static void
draw_legend (cairo_t *cr,
             Plan    *plan)
{
  guint i;

  for (i = 0; i < plan->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (plan->legend, LegendItem, i);
      double w = plan->swatch_w, h = plan->swatch;
      AbiertoRgb fill, ink;

      scale_rgb (plan->points, item->point, &fill);
      abierto_palette_get_text_rgb (&fill, &ink);

      /* a piece of the bar, hatched the same way */
      cairo_save (cr);
      rounded_rectangle (cr, item->x, item->y, w, h, h / 4);
      cairo_clip (cr);
      fill_scale_part (cr, plan, item->point, item->x, item->y, w, h);
      if (plan->faces && plan->points == 3)
        {
          double cx = item->x + w / 2, cy = item->y + h / 2;

          cairo_arc (cr, cx, cy, h / 2, 0, 2 * G_PI);
          set_source (cr, &fill);
          cairo_fill (cr);
          draw_face (cr, plan->probe, cx, cy, 0.42 * h, (int) item->point - 2, &ink);
        }
      cairo_restore (cr);
      stroke_inside (cr, &plan->theme.foreground, plan->theme.outline / 2,
                     item->x, item->y, w, h, h / 4);

      show_text (cr, plan->probe, item->text, &plan->theme.foreground, &plan->theme.background,
                 item->text_x, item->text_y);
    }
}

static void
draw_plan (cairo_t *cr,
           Plan    *plan,
           double   height)
{
  double clip_x1, clip_y1, clip_x2, clip_y2;
  guint i;

  if (plan->empty)
    {
      draw_empty (cr, plan, height);
      return;
    }

  cairo_clip_extents (cr, &clip_x1, &clip_y1, &clip_x2, &clip_y2);
  show_text (cr, plan->probe, plan->caption, &plan->theme.dim, &plan->theme.background,
             plan->pad, plan->caption_y);
  if (plan->legend != NULL)
    draw_legend (cr, plan);

  for (i = 0; i < plan->rows->len; i++)
    {
      RowPlan *rp = &g_array_index (plan->rows, RowPlan, i);

      /* rows out of sight, as in a scrolled window, are not drawn at all */
      if (rp->y > clip_y2 || rp->bottom < clip_y1)
        continue;

      show_text (cr, plan->probe, rp->label, &plan->theme.foreground, &plan->theme.background,
                 plan->content_x, rp->y);
      draw_badge (cr, plan, rp);
      if (plan->method == ABIERTO_METHOD_SCALE)
        draw_scale_row (cr, plan, rp);
      else
        draw_bar_row (cr, plan, rp);
    }
}

static AbiertoChartStyle
style_or_default (const AbiertoChartStyle *style)
{
  AbiertoChartStyle copy;

  if (style != NULL)
    return *style;

  abierto_chart_style_init_default (&copy);
  return copy;
}

void
abierto_chart_draw (cairo_t                 *cr,
                    AbiertoResults          *results,
                    const AbiertoChartStyle *style,
                    double                   width,
                    double                   height)
{
  abierto_chart_draw_probed (cr, results, style, width, height, NULL);
}

void
abierto_chart_draw_probed (cairo_t                 *cr,
                           AbiertoResults          *results,
                           const AbiertoChartStyle *style,
                           double                   width,
                           double                   height,
                           AbiertoChartProbe       *probe)
{
  AbiertoChartStyle s;
  g_autoptr(Plan) plan = NULL;
  double scale = 1.0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (ABIERTO_IS_RESULTS (results));

  if (!(width > 0) || !(height > 0) || !isfinite (width) || !isfinite (height))
    return;

  s = style_or_default (style);
  plan = plan_new (results, &s, width);

  /* Too short: lay out for a wider area and scale that down, so text is
   * smaller but every row is still there. A wider layout is never taller,
   * so the first guess fits and the search only makes it bigger. */
  if (!plan->empty && plan->height > height)
    {
      double lo = MAX (height / plan->height, MIN_SCALE);
      double hi = 1.0;
      guint i;

      g_clear_pointer (&plan, plan_free);
      plan = plan_new (results, &s, width / lo);
      for (i = 0; i < 8; i++)
        {
          double mid = (lo + hi) / 2;
          g_autoptr(Plan) attempt = plan_new (results, &s, width / mid);

          if (attempt->height * mid <= height)
            {
              lo = mid;
              g_clear_pointer (&plan, plan_free);
              plan = g_steal_pointer (&attempt);
            }
          else
            hi = mid;
        }
      scale = lo;
    }

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_source (cr, &plan->theme.background);
  cairo_paint (cr);

  cairo_scale (cr, scale, scale);
  plan->probe = probe;
  draw_plan (cr, plan, height / scale);
  cairo_restore (cr);
}

double
abierto_chart_get_preferred_height (AbiertoResults          *results,
                                    const AbiertoChartStyle *style,
                                    double                   width)
{
  AbiertoChartStyle s;
  g_autoptr(Plan) plan = NULL;

  g_return_val_if_fail (ABIERTO_IS_RESULTS (results), 0.0);

  if (!(width > 0) || !isfinite (width))
    return 0.0;

  s = style_or_default (style);
  plan = plan_new (results, &s, width);

  return plan->height;
}

gboolean
abierto_chart_get_bar_extents (AbiertoResults          *results,
                               const AbiertoChartStyle *style,
                               double                   width,
                               guint                    index,
                               cairo_rectangle_t       *extents)
{
  AbiertoChartStyle s;
  g_autoptr(Plan) plan = NULL;
  const RowPlan *rp;

  g_return_val_if_fail (ABIERTO_IS_RESULTS (results), FALSE);
  g_return_val_if_fail (extents != NULL, FALSE);

  if (!(width > 0) || !isfinite (width))
    return FALSE;

  s = style_or_default (style);
  plan = plan_new (results, &s, width);
  if (plan->empty || index >= plan->rows->len)
    return FALSE;

  rp = &g_array_index (plan->rows, RowPlan, index);
  extents->x = plan->content_x;
  extents->y = rp->bar_y;
  extents->width = plan->method == ABIERTO_METHOD_SCALE ? plan->bar_w : rp->bar_len;
  extents->height = plan->bar_h;

  return TRUE;
}

gboolean
abierto_chart_get_segment_extents (AbiertoResults          *results,
                                   const AbiertoChartStyle *style,
                                   double                   width,
                                   guint                    index,
                                   guint                    point,
                                   cairo_rectangle_t       *extents)
{
  AbiertoChartStyle s;
  g_autoptr(Plan) plan = NULL;
  const RowPlan *rp;
  double edges[6];

  g_return_val_if_fail (ABIERTO_IS_RESULTS (results), FALSE);
  g_return_val_if_fail (extents != NULL, FALSE);

  if (!(width > 0) || !isfinite (width))
    return FALSE;

  s = style_or_default (style);
  plan = plan_new (results, &s, width);
  if (plan->empty || plan->method != ABIERTO_METHOD_SCALE || index >= plan->rows->len
      || point < 1 || point > plan->points)
    return FALSE;

  rp = &g_array_index (plan->rows, RowPlan, index);
  if (!scale_edges (plan, rp, edges) || !(edges[point] > edges[point - 1]))
    return FALSE;

  extents->x = edges[point - 1];
  extents->y = rp->bar_y;
  extents->width = edges[point] - edges[point - 1];
  extents->height = plan->bar_h;

  return TRUE;
}

/* People */

typedef struct
{
  PangoLayout *label;       /* owned */
  PangoLayout *count;       /* owned: the count, or the text of a suppressed row */
  gboolean     suppressed;
  double       y;
  double       count_x;
  double       count_y;
  double       icons_y;
  double       units;       /* pictograms to draw, the part of one included */
  double       bottom;
} PeopleRowPlan;

typedef struct
{
  PangoContext *context;    /* owned */
  AbiertoChartProbe *probe; /* borrowed, usually NULL */
  Theme         theme;
  AbiertoRgb    icon_rgb;
  gboolean      figures;    /* person figures, or plain squares */
  double        width;
  double        height;
  double        u;
  double        pad;
  double        icon_w;
  double        icon_h;
  double        gap;
  double        group_gap;
  double        line_gap;
  guint         per_line;
  guint         per_icon;

  PangoLayout  *legend;     /* owned; NULL when no pictogram is drawn */
  double        legend_y;
  double        legend_text_x;
  double        legend_text_y;
  GArray       *rows;       /* of PeopleRowPlan, owned */
} PeoplePlan;

static void
clear_people_row_plan (gpointer data)
{
  PeopleRowPlan *rp = data;

  g_clear_object (&rp->label);
  g_clear_object (&rp->count);
}

static void
people_plan_free (PeoplePlan *plan)
{
  g_clear_pointer (&plan->rows, g_array_unref);
  g_clear_object (&plan->legend);
  g_clear_object (&plan->context);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PeoplePlan, people_plan_free)

/* 1, 2, 5, 10, 20, 50…: the fewest people per pictogram that keeps the
 * longest row within PEOPLE_MAX_ICONS, the same for every row so that
 * rows compare. Suppressed rows have no say in it. */
static guint
people_per_icon (const AbiertoChartPeopleRow *rows,
                 guint                        n_rows)
{
  static const guint steps[] = { 1, 2, 5 };
  guint64 max = 0, decade = 1;
  guint i;

  for (i = 0; i < n_rows; i++)
    if (!rows[i].suppressed)
      max = MAX (max, rows[i].count);

  for (;; decade *= 10)
    for (i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        guint64 per = steps[i] * decade;

        if ((max + per - 1) / per <= PEOPLE_MAX_ICONS)
          return (guint) per;
      }
}

/* the x of pictogram @col of a line: a wider gap after each group of
 * five, so they can be counted at a glance */
static double
people_icon_x (PeoplePlan *plan,
               guint       col)
{
  return plan->pad + col * (plan->icon_w + plan->gap)
         + (col / PEOPLE_GROUP) * plan->group_gap;
}

static PeoplePlan *
people_plan_new (const AbiertoChartStyle     *style,
                 const AbiertoChartPeopleRow *rows,
                 guint                        n_rows,
                 double                       width)
{
  g_autoptr(PeoplePlan) plan = g_new0 (PeoplePlan, 1);
  double content_w, y, row_gap, text_gap;
  double total_units = 0;
  guint i;

  plan->context = create_context ();
  theme_init (&plan->theme, style);
  plan->figures = style->faces;
  plan->width = width;
  plan->u = font_units (style);
  plan->pad = round (1.2 * plan->u);
  plan->icon_w = round (MAX ((plan->figures ? 1.0 : 1.15) * plan->u, 2.0));
  plan->icon_h = plan->figures ? round (2.1 * plan->icon_w) : plan->icon_w;
  plan->gap = round (MAX (0.3 * plan->u, 2.0));
  plan->group_gap = round (0.6 * plan->u);
  plan->line_gap = round (MAX (0.45 * plan->u, 2.0));
  plan->per_icon = people_per_icon (rows, n_rows);
  content_w = MAX (width - 2 * plan->pad, 1.0);
  row_gap = round (1.1 * plan->u);
  text_gap = round (0.4 * plan->u);

  if (style->high_contrast)
    plan->icon_rgb = plan->theme.foreground;
  else
    abierto_palette_get_rgb (style->dark ? ABIERTO_PALETTE_SKY_BLUE : ABIERTO_PALETTE_BLUE,
                             &plan->icon_rgb);

  /* as many as fit, in whole groups of five */
  for (plan->per_line = 1; plan->per_line < PEOPLE_MAX_ICONS; plan->per_line++)
    if (people_icon_x (plan, plan->per_line) + plan->icon_w - plan->pad > content_w)
      break;
  if (plan->per_line >= PEOPLE_GROUP)
    plan->per_line -= plan->per_line % PEOPLE_GROUP;

  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (PeopleRowPlan), n_rows);
  g_array_set_clear_func (plan->rows, clear_people_row_plan);
  for (i = 0; i < n_rows; i++)
    {
      PeopleRowPlan rp = { 0 };

      rp.suppressed = rows[i].suppressed;
      if (!rp.suppressed)
        rp.units = (double) rows[i].count / plan->per_icon;
      total_units += rp.units;
      g_array_append_val (plan->rows, rp);
    }

  y = plan->pad;
  if (total_units > 0)
    {
      g_autofree char *text = NULL;
      double text_h;

      if (plan->figures)
        /* Translators: the key of a pictogram chart, as in "1 figure = 10 people" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "1 figure = %u person",
                                             "1 figure = %u people", plan->per_icon),
                                plan->per_icon);
      else
        /* Translators: the key of a chart of squares, as in "1 square = 10 people" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "1 square = %u person",
                                             "1 square = %u people", plan->per_icon),
                                plan->per_icon);
      plan->legend = new_layout (plan->context, plan->u, text, 0.95, PANGO_WEIGHT_NORMAL);
      wrap_layout (plan->legend, content_w - plan->icon_w - plan->gap * 2, 2);
      text_h = layout_height (plan->legend);
      plan->legend_y = y + MAX (text_h - plan->icon_h, 0) / 2;
      plan->legend_text_x = plan->pad + plan->icon_w + 2 * plan->gap;
      plan->legend_text_y = y + MAX (plan->icon_h - text_h, 0) / 2;
      y += MAX (plan->icon_h, text_h) + round (1.2 * plan->u);
    }

  for (i = 0; i < n_rows; i++)
    {
      PeopleRowPlan *rp = &g_array_index (plan->rows, PeopleRowPlan, i);
      g_autofree char *label = sanitize_label (rows[i].label);
      g_autofree char *count = NULL;
      double label_w, count_w, count_h, text_bottom;

      if (rp->suppressed)
        count = rows[i].suppressed_text != NULL
                ? sanitize_label (rows[i].suppressed_text)
                /* Translators: a count of people too small to show safely */
                : g_strdup (_("Too few to show"));
      else
        count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people",
                                              rows[i].count), rows[i].count);

      rp->y = y;
      rp->label = new_layout (plan->context, plan->u, label, 1.0, PANGO_WEIGHT_NORMAL);
      rp->count = new_layout (plan->context, plan->u, count, 1.0,
                              rp->suppressed ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD);
      wrap_layout (rp->count, content_w, 2);
      layout_size (rp->label, &label_w, NULL);
      layout_size (rp->count, &count_w, &count_h);

      /* the count on the right of the label's first line, or under it */
      if (count_w + plan->u <= 0.45 * content_w)
        {
          wrap_layout (rp->label, content_w - count_w - plan->u, 2);
          rp->count_x = plan->pad + content_w - count_w;
          rp->count_y = y;
          text_bottom = y + MAX (layout_height (rp->label), count_h);
        }
      else
        {
          wrap_layout (rp->label, content_w, 2);
          rp->count_x = plan->pad;
          rp->count_y = y + layout_height (rp->label);
          text_bottom = rp->count_y + count_h;
        }

      rp->icons_y = round (text_bottom + text_gap);
      rp->bottom = text_bottom;
      if (rp->units > 0)
        {
          guint n_icons = (guint) ceil (rp->units - 1e-9);
          guint lines = (n_icons + plan->per_line - 1) / plan->per_line;

          rp->bottom = rp->icons_y + lines * plan->icon_h + (lines - 1) * plan->line_gap;
        }
      y = rp->bottom + row_gap;
    }

  plan->height = ceil ((n_rows > 0 ? y - row_gap : y) + plan->pad);

  return g_steal_pointer (&plan);
}

/* A person: a round head over shoulders and a body with a parting for
 * the legs, as path only, in the box (x, y, w, h). */
static void
person_path (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h)
{
  double head_r = 0.3 * w;
  double neck = MAX (0.09 * h, 1.5);
  double top = y + 2 * head_r + neck;
  double bottom = y + h;
  double shoulder = MIN (0.42 * w, (bottom - top) / 2);
  double cx = x + w / 2;
  double slit = MAX (0.07 * w, 0.5);
  double slit_top = bottom - 0.38 * (bottom - top);

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, y + head_r, head_r, 0, 2 * G_PI);
  cairo_close_path (cr);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + shoulder, top + shoulder, shoulder, G_PI, 3 * G_PI / 2);
  cairo_arc (cr, x + w - shoulder, top + shoulder, shoulder, 3 * G_PI / 2, 2 * G_PI);
  cairo_line_to (cr, x + w, bottom);
  cairo_line_to (cr, cx + slit, bottom);
  cairo_arc_negative (cr, cx, slit_top, slit, 0, -G_PI);
  cairo_line_to (cr, cx - slit, bottom);
  cairo_line_to (cr, x, bottom);
  cairo_close_path (cr);
}

/* One pictogram, of which @fraction shows: a person, or a plain square
 * in the discreet style. */
static void
draw_people_icon (cairo_t    *cr,
                  PeoplePlan *plan,
                  guint       row,
                  double      x,
                  double      y,
                  double      fraction)
{
  if (plan->probe != NULL && plan->probe->icons != NULL)
    {
      AbiertoChartIcon icon = { row, { x, y, plan->icon_w, plan->icon_h }, fraction };

      g_array_append_val (plan->probe->icons, icon);
    }

  cairo_save (cr);
  if (fraction < 1)
    {
      cairo_rectangle (cr, x, y, plan->icon_w * fraction, plan->icon_h);
      cairo_clip (cr);
    }
  if (plan->figures)
    person_path (cr, x, y, plan->icon_w, plan->icon_h);
  else
    rounded_rectangle (cr, x, y, plan->icon_w, plan->icon_h, 0.2 * plan->icon_w);
  set_source (cr, &plan->icon_rgb);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_people_plan (cairo_t    *cr,
                  PeoplePlan *plan)
{
  const Theme *theme = &plan->theme;
  guint i;

  if (plan->probe != NULL)
    plan->probe->per_icon = plan->per_icon;

  if (plan->legend != NULL)
    {
      draw_people_icon (cr, plan, G_MAXUINT, plan->pad, plan->legend_y, 1.0);
      show_text (cr, plan->probe, plan->legend, &theme->foreground, &theme->background,
                 plan->legend_text_x, plan->legend_text_y);
    }

  for (i = 0; i < plan->rows->len; i++)
    {
      PeopleRowPlan *rp = &g_array_index (plan->rows, PeopleRowPlan, i);
      guint k;

      show_text (cr, plan->probe, rp->label, &theme->foreground, &theme->background,
                 plan->pad, rp->y);
      show_text (cr, plan->probe, rp->count, rp->suppressed ? &theme->dim : &theme->foreground,
                 &theme->background, rp->count_x, rp->count_y);

      for (k = 0; k < rp->units; k++)
        {
          double x = people_icon_x (plan, k % plan->per_line);
          double y = rp->icons_y + (k / plan->per_line) * (plan->icon_h + plan->line_gap);

          draw_people_icon (cr, plan, i, x, y, MIN (rp->units - k, 1.0));
        }
    }
}

static void
people_draw_internal (cairo_t                     *cr,
                      const AbiertoChartStyle     *style,
                      const AbiertoChartPeopleRow *rows,
                      guint                        n_rows,
                      double                       width,
                      double                       height,
                      AbiertoChartProbe           *probe)
{
  AbiertoChartStyle s;
  g_autoptr(PeoplePlan) plan = NULL;
  double scale = 1.0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rows != NULL || n_rows == 0);

  if (!(width > 0) || !(height > 0) || !isfinite (width) || !isfinite (height))
    return;

  s = style_or_default (style);
  plan = people_plan_new (&s, rows, n_rows, width);

  /* too short: lay out wider and scale down, as abierto_chart_draw() */
  if (plan->height > height)
    {
      double lo = MAX (height / plan->height, MIN_SCALE);
      double hi = 1.0;
      guint i;

      g_clear_pointer (&plan, people_plan_free);
      plan = people_plan_new (&s, rows, n_rows, width / lo);
      for (i = 0; i < 8; i++)
        {
          double mid = (lo + hi) / 2;
          g_autoptr(PeoplePlan) attempt = people_plan_new (&s, rows, n_rows, width / mid);

          if (attempt->height * mid <= height)
            {
              lo = mid;
              g_clear_pointer (&plan, people_plan_free);
              plan = g_steal_pointer (&attempt);
            }
          else
            hi = mid;
        }
      scale = lo;
    }

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_source (cr, &plan->theme.background);
  cairo_paint (cr);

  cairo_scale (cr, scale, scale);
  plan->probe = probe;
  draw_people_plan (cr, plan);
  cairo_restore (cr);
}

void
abierto_chart_draw_people (cairo_t                     *cr,
                           const AbiertoChartStyle     *style,
                           const AbiertoChartPeopleRow *rows,
                           guint                        n_rows,
                           double                       width,
                           double                       height)
{
  people_draw_internal (cr, style, rows, n_rows, width, height, NULL);
}

void
abierto_chart_draw_people_probed (cairo_t                     *cr,
                                  const AbiertoChartStyle     *style,
                                  const AbiertoChartPeopleRow *rows,
                                  guint                        n_rows,
                                  double                       width,
                                  double                       height,
                                  AbiertoChartProbe           *probe)
{
  people_draw_internal (cr, style, rows, n_rows, width, height, probe);
}

double
abierto_chart_people_preferred_height (const AbiertoChartStyle     *style,
                                       const AbiertoChartPeopleRow *rows,
                                       guint                        n_rows,
                                       double                       width)
{
  AbiertoChartStyle s;
  g_autoptr(PeoplePlan) plan = NULL;

  g_return_val_if_fail (rows != NULL || n_rows == 0, 0.0);

  if (!(width > 0) || !isfinite (width))
    return 0.0;

  s = style_or_default (style);
  plan = people_plan_new (&s, rows, n_rows, width);

  return plan->height;
}

/* PNG */

gboolean
abierto_chart_write_png (AbiertoResults          *results,
                         const AbiertoChartStyle *style,
                         int                      width,
                         const char              *path,
                         GError                 **error)
{
  AbiertoOutput *out;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok;
  double preferred;
  int height;

  g_return_val_if_fail (ABIERTO_IS_RESULTS (results), FALSE);
  g_return_val_if_fail (width > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  preferred = abierto_chart_get_preferred_height (results, style, width);
  if (width > MAX_PNG_SIDE || preferred > MAX_PNG_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The chart would be %d × %d pixels, larger than an image can be. "
                     "Choose a smaller size."), width, (int) MIN (ceil (preferred), G_MAXINT));
      return FALSE;
    }
  height = MAX ((int) ceil (preferred), 1);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  abierto_chart_draw (cr, results, style, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the chart: %s"), cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return FALSE;
    }

  out = _abierto_output_open (path, error);
  if (out == NULL)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  ok = _abierto_output_write_png (out, surface, 0, error);
  cairo_surface_destroy (surface);
  if (!ok)
    {
      _abierto_output_discard (out);
      return FALSE;
    }

  return _abierto_output_close (out, error);
}
