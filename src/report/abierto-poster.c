/* abierto-poster.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "abierto-export-private.h"

/* One page that says what a session found, to print or to share.
 *
 * Everything is laid out first and drawn after, at the largest type that
 * lets the richest content fit. A poster always shows its title, its
 * question and the chart of at least the three leading proposals: when
 * they do not all fit, the figures and the ages give way, the chart loses
 * rows, the gaps narrow, and the title and the question get smaller type,
 * down to the audience's body size; only then do they lose lines (ending
 * in "…" after a word). Whatever happens, nothing is drawn outside the
 * margins, and no block runs into the next. */

/* a poster cannot hold an essay: a text is cut here before Pango even
 * lays it out, and ellipsized to a few lines after */
#define MAX_TEXT_CHARS     1200
#define MAX_LIST_ITEMS     3
#define MAX_CHART_ROWS     5
/* one figure per person up to here, then one per several */
#define MAX_FIGURES        40

/* A title and a question are shown whole when they can be: their type
 * gets smaller, down to the body size, to fit in their lines; at the
 * body size they may take up to their most lines, and only beyond them
 * are they cut after a word, with "…". */
typedef struct
{
  int      title_lines;
  int      title_max;
  int      question_lines;
  int      question_max;
  guint    list_items;
  int      list_lines;
  guint    chart_rows;     /* 0: no chart */
  gboolean figures;
  gboolean ages;
  gboolean compact;        /* short of room: narrower gaps, a slimmer panel
                            * and QR code, a heading run into the text */
} Detail;

/* richest first. The chart names the proposals it shows, so a list of
 * them only stands in when the chart does not fit; the figures and the
 * ages give way before the chart gets short of three rows, and the
 * title and the question get smaller type, then lose lines, before
 * that. Each is: the lines of the title before its type gets smaller
 * and its most lines, the same for the question, the items of the list
 * and their lines, the rows of the chart, figures, ages, compact. */
static const Detail details[] = {
  { 3, 5, 4, 8, 0, 0, 5, TRUE, TRUE, FALSE },
  { 3, 5, 3, 8, 0, 0, 5, TRUE, TRUE, FALSE },
  { 3, 5, 3, 8, 0, 0, 4, TRUE, TRUE, FALSE },
  { 3, 5, 2, 8, 0, 0, 3, TRUE, TRUE, FALSE },
  { 3, 5, 2, 8, 0, 0, 5, FALSE, TRUE, FALSE },
  { 3, 5, 2, 8, 0, 0, 3, FALSE, TRUE, FALSE },
  { 3, 5, 2, 8, 0, 0, 3, FALSE, FALSE, FALSE },
  { 2, 5, 2, 8, 0, 0, 3, FALSE, TRUE, TRUE },
  { 2, 5, 2, 8, 0, 0, 3, FALSE, FALSE, TRUE },
  { 2, 5, 1, 8, 0, 0, 3, FALSE, FALSE, TRUE },
  { 2, 5, 1, 6, 0, 0, 3, FALSE, FALSE, TRUE },
  { 2, 4, 1, 4, 0, 0, 3, FALSE, FALSE, TRUE },
  { 2, 3, 1, 3, 0, 0, 3, FALSE, FALSE, TRUE },
  { 2, 3, 1, 2, 0, 0, 3, FALSE, FALSE, TRUE },
  { 2, 3, 1, 2, 3, 1, 0, FALSE, FALSE, TRUE },
  { 2, 2, 1, 1, 2, 1, 0, FALSE, FALSE, TRUE },
};

typedef struct
{
  AbiertoRenderContext     *ctx;
  cairo_t                  *cr;
  const AbiertoReportData  *data;
  AbiertoReportStyle        style;     /* the audience's, scaled to the page */
  Detail                    detail;
  double                    pt;
  double                    u;         /* body text size, in surface units */
  double                    width;
  double                    height;
  double                    margin;
  gboolean                  landscape;
  gboolean                  show_place;

  AbiertoReportRound       *round;     /* borrowed: the latest round with votes */
  GHashTable               *by_uuid;   /* owned: uuid → AbiertoReportProposal */
  AbiertoResults           *top;       /* owned: the rows the chart shows */
  AbiertoChartStyle         chart;

  /* set by the fit */
  double                    gap;       /* between sections */
  double                    chart_h;
} Poster;

/* Text */

/* A poster's text flows: line breaks become spaces, and a text longer
 * than a poster can hold is cut with "…". */
static char *
dup_flowing (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *cut = NULL;

  g_strstrip (g_strdelimit (valid, "\r\n\t\v\f", ' '));
  if (g_utf8_strlen (valid, -1) > MAX_TEXT_CHARS)
    {
      cut = g_utf8_substring (valid, 0, MAX_TEXT_CHARS);
      g_strchomp (cut);
      g_free (valid);
      valid = g_strconcat (cut, "…", NULL);
    }

  return abierto_report_dup_joined_end (valid);
}

static PangoLayout *
text_layout (Poster          *p,
             AbiertoTextRole  role,
             const char      *text,
             double           width,
             int              max_lines)
{
  g_autofree char *flowing = dup_flowing (text);
  PangoLayout *layout;

  layout = abierto_report_layout (p->cr, &p->style, p->pt, role, flowing, MAX (width, 1.0));
  if (max_lines > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }

  return layout;
}

/* Sets @text on @layout, whole if it can be: at @size when it takes at
 * most @lines lines, else at the largest smaller size, down to the body
 * text's, at which it does. At the body size it may take up to
 * @max_lines, and beyond them it is cut after a word, with "…". */
static void
fit_lines (Poster      *p,
           PangoLayout *layout,
           const char  *text,
           double       size,
           int          lines,
           int          max_lines)
{
  g_autofree char *flowing = dup_flowing (text);
  PangoFontDescription *font;
  double floor_size = MIN (size, p->style.body_size);

  font = pango_font_description_copy (pango_layout_get_font_description (layout));
  pango_layout_set_text (layout, flowing, -1);
  while (pango_layout_get_line_count (layout) > lines && size > floor_size)
    {
      /* the steps of the poster's own sizes, so Pango reuses their fonts */
      size = size * 0.93 < floor_size * 1.001 ? floor_size : size * 0.93;
      pango_font_description_set_size (font, (gint) (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
    }
  pango_font_description_free (font);

  abierto_report_layout_set_text_lines (layout, flowing, MAX (lines, max_lines));
}

static void
set_weight (PangoLayout *layout,
            PangoWeight  weight)
{
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));

  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.x + logical.width;
}

static double
show (Poster           *p,
      gboolean          draw,
      PangoLayout      *layout,
      const AbiertoRgb *rgb,
      double            x,
      double            y)
{
  if (draw)
    return abierto_report_show (p->cr, layout, rgb, x, y);

  return abierto_report_layout_height (layout);
}

/* Pictures */

static void
set_rgb (cairo_t          *cr,
         const AbiertoRgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
}

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

/* A person, @w × @h: a head over rounded shoulders; with a smile for
 * children. */
static void
draw_figure (Poster *p,
             double  x,
             double  y,
             double  w,
             double  h)
{
  cairo_t *cr = p->cr;
  double r = w * 0.3;
  double body_y = y + 2 * r + h * 0.06;
  double corner = MIN (w * 0.45, (y + h - body_y) / 2);

  cairo_save (cr);
  set_rgb (cr, &p->style.accent);
  cairo_new_path (cr);
  cairo_arc (cr, x + w / 2, y + r, r, 0, 2 * G_PI);
  cairo_fill (cr);

  cairo_new_path (cr);
  cairo_move_to (cr, x, y + h);
  cairo_arc (cr, x + corner, body_y + corner, corner, G_PI, 3 * G_PI / 2);
  cairo_arc (cr, x + w - corner, body_y + corner, corner, 3 * G_PI / 2, 2 * G_PI);
  cairo_line_to (cr, x + w, y + h);
  cairo_close_path (cr);
  cairo_fill (cr);

  if (p->ctx->options->audience == ABIERTO_AUDIENCE_CHILDREN)
    {
      set_rgb (cr, &p->style.paper);
      cairo_set_line_width (cr, r * 0.14);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_new_path (cr);
      cairo_arc (cr, x + w / 2, y + r * 1.05, r * 0.5, G_PI * 0.2, G_PI * 0.8);
      cairo_stroke (cr);
      cairo_arc (cr, x + w / 2 - r * 0.38, y + r * 0.8, r * 0.11, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_arc (cr, x + w / 2 + r * 0.38, y + r * 0.8, r * 0.11, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
draw_badge (Poster      *p,
            PangoLayout *number,
            double       x,
            double       y,
            double       d)
{
  PangoRectangle ink;

  cairo_save (p->cr);
  set_rgb (p->cr, &p->style.accent);
  cairo_new_path (p->cr);
  cairo_arc (p->cr, x + d / 2, y + d / 2, d / 2, 0, 2 * G_PI);
  cairo_fill (p->cr);
  pango_layout_get_pixel_extents (number, NULL, &ink);
  abierto_report_show (p->cr, number, &p->style.paper,
                       x + (d - ink.width) / 2 - ink.x, y + (d - ink.height) / 2 - ink.y);
  cairo_restore (p->cr);
}

/* Sections. Each returns its height, and draws only when @draw. */

static double
header_block (Poster   *p,
              double    x,
              double    y,
              double    w,
              gboolean  draw)
{
  const AbiertoReportData *data = p->data;
  g_autoptr(PangoLayout) kicker = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) question = NULL;
  g_autofree char *kicker_text = NULL;
  double top = y;
  double rule = MAX (0.25 * p->u, 1.5 * p->pt);

  /* a discreet poster does not say who took part */
  if (p->ctx->options->audience == ABIERTO_AUDIENCE_WOMEN_REENTRY
      || data->group == ABIERTO_GROUP_WOMEN_REENTRY)
    kicker_text = g_strdup (_("Open government workshop"));
  else
    kicker_text = g_strdup_printf ("%s · %s", _("Open government workshop"),
                                   abierto_group_get_label (data->group));

  if (draw)
    {
      cairo_save (p->cr);
      set_rgb (p->cr, &p->style.accent);
      cairo_rectangle (p->cr, x, y, MIN (4 * p->u, w), rule);
      cairo_fill (p->cr);
      cairo_restore (p->cr);
    }
  y += rule + 0.6 * p->u;

  kicker = text_layout (p, ABIERTO_TEXT_BODY, kicker_text, w, 2);
  set_weight (kicker, PANGO_WEIGHT_BOLD);
  y += show (p, draw, kicker, &p->style.accent, x, y) + 0.35 * p->u;

  title = text_layout (p, ABIERTO_TEXT_TITLE, NULL, w, 0);
  pango_layout_set_line_spacing (title, 1.05f);
  fit_lines (p, title, data->title, p->style.title_size, p->detail.title_lines,
             p->detail.title_max);
  y += show (p, draw, title, &p->style.ink, x, y);

  /* never left out: at worst it is cut, with "…" */
  if (data->question != NULL && *data->question != '\0')
    {
      question = text_layout (p, ABIERTO_TEXT_HEADING, NULL, w, 0);
      set_weight (question, PANGO_WEIGHT_NORMAL);
      fit_lines (p, question, data->question, p->style.heading_size, p->detail.question_lines,
                 p->detail.question_max);
      y += 0.5 * p->u;
      y += show (p, draw, question, &p->style.accent, x, y);
    }

  return y - top;
}

static double
figures_block (Poster   *p,
               double    x,
               double    y,
               double    w,
               gboolean  draw)
{
  const AbiertoReportData *data = p->data;
  double fh = 1.9 * p->u;
  double fw = fh * 0.5;
  double step = fw * 1.45;
  guint per_row = MAX ((guint) floor ((w + step - fw) / step), 1);
  guint each = 1;
  guint n_figures, rows, i;
  double height;

  if (!p->style.pictograms || !p->detail.figures
      || data->participants_suppressed || data->n_participants == 0)
    return 0;

  n_figures = data->n_participants;
  if (n_figures > MIN (MAX_FIGURES, per_row * 3))
    {
      static const guint nice[] = { 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10000, 100000 };
      guint capacity = MIN (MAX_FIGURES, per_row * 3);

      for (i = 0; i < G_N_ELEMENTS (nice); i++)
        {
          each = nice[i];
          if ((n_figures + each - 1) / each <= capacity)
            break;
        }
      n_figures = (n_figures + each - 1) / each;
    }

  rows = (n_figures + per_row - 1) / per_row;
  height = rows * fh + (rows - 1) * 0.35 * p->u;

  if (draw)
    for (i = 0; i < n_figures; i++)
      draw_figure (p, x + (i % per_row) * step, y + (i / per_row) * (fh + 0.35 * p->u), fw, fh);

  if (each > 1)
    {
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) caption = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Each figure stands for %u person",
                                           "Each figure stands for %u people", each), each);
      caption = text_layout (p, ABIERTO_TEXT_SMALL, text, w, 2);
      height += 0.3 * p->u;
      height += show (p, draw, caption, &p->style.muted, x, y + height);
    }

  return height;
}

static double
ages_block (Poster   *p,
            double    x,
            double    y,
            double    w,
            gboolean  draw)
{
  const AbiertoReportData *data = p->data;
  g_autoptr(PangoLayout) heading = NULL;
  double top = y;
  guint i;

  /* a breakdown of nothing but "not recorded" says nothing */
  if (!p->detail.ages || data->age_bands->len == 0
      || (data->age_bands->len == 1 && data->n_participants > 0
          && g_strcmp0 (((AbiertoReportCount *) g_ptr_array_index (data->age_bands, 0))->label,
                        _("Not recorded")) == 0))
    return 0;

  heading = text_layout (p, ABIERTO_TEXT_BODY, _("By age"), w, 1);
  set_weight (heading, PANGO_WEIGHT_BOLD);
  y += show (p, draw, heading, &p->style.ink, x, y) + 0.2 * p->u;

  for (i = 0; i < data->age_bands->len; i++)
    {
      const AbiertoReportCount *band = g_ptr_array_index (data->age_bands, i);
      g_autofree char *count = abierto_report_count_format (data, band);
      g_autoptr(PangoLayout) value = text_layout (p, ABIERTO_TEXT_BODY, count, w * 0.45, 2);
      g_autoptr(PangoLayout) label = NULL;
      double vw, lh, vh;

      set_weight (value, PANGO_WEIGHT_BOLD);
      pango_layout_set_alignment (value, PANGO_ALIGN_RIGHT);
      vw = layout_width (value);
      label = text_layout (p, ABIERTO_TEXT_BODY, band->label, MAX (w - vw - 0.8 * p->u, w * 0.4), 2);
      lh = abierto_report_layout_height (label);
      vh = abierto_report_layout_height (value);

      if (draw)
        {
          abierto_report_show (p->cr, label, &p->style.ink, x, y);
          abierto_report_show (p->cr, value, &p->style.ink, x + w - w * 0.45, y);
          if (i + 1 < data->age_bands->len)
            {
              cairo_save (p->cr);
              set_rgb (p->cr, &p->style.muted);
              cairo_set_line_width (p->cr, MAX (0.5 * p->pt, 0.04 * p->u));
              cairo_move_to (p->cr, x, y + MAX (lh, vh) + 0.15 * p->u);
              cairo_line_to (p->cr, x + w, y + MAX (lh, vh) + 0.15 * p->u);
              cairo_set_source_rgba (p->cr, p->style.muted.red, p->style.muted.green,
                                     p->style.muted.blue, 0.35);
              cairo_stroke (p->cr);
              cairo_restore (p->cr);
            }
        }
      y += MAX (lh, vh) + 0.3 * p->u;
    }

  return y - top - 0.3 * p->u;
}

/* "Who took part": how many, as figures, and by age. */
static double
panel_block (Poster   *p,
             double    x,
             double    y,
             double    w,
             gboolean  draw)
{
  const AbiertoReportData *data = p->data;
  g_autoptr(PangoLayout) heading = NULL;
  g_autoptr(PangoLayout) total = NULL;
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  AbiertoReportCount all = { NULL, data->n_participants, data->participants_suppressed };
  PangoAttribute *attr;
  double pad = 0.9 * p->u;
  double inner = w - 2 * pad;
  gboolean columns = inner > 26 * p->u;
  double col_w = columns ? (inner - 1.5 * p->u) / 2 : inner;
  double heading_h, total_h, figures_h, left_h, right_h, box_h, top = y;
  double ix = x + pad, iy = y + pad;
  gboolean slim;

  figures_h = figures_block (p, 0, 0, col_w, FALSE);
  right_h = ages_block (p, 0, 0, col_w, FALSE);
  slim = p->detail.compact && columns && figures_h == 0 && right_h == 0;

  heading = text_layout (p, ABIERTO_TEXT_HEADING, _("Who took part"), col_w, 2);

  count = abierto_report_count_format (data, &all);
  /* Translators: follows the number of people who took part, in large
   * type: "23 personas", "menos de 5 personas" */
  text = g_strdup_printf ("%s %s", count,
                          g_dngettext (GETTEXT_PACKAGE, "person", "people",
                                       data->participants_suppressed ? 2 : data->n_participants));
  total = text_layout (p, ABIERTO_TEXT_HEADING, text, col_w, 3);
  set_weight (total, PANGO_WEIGHT_NORMAL);
  attrs = pango_attr_list_new ();
  attr = pango_attr_scale_new (slim ? 1.5 : 2.0);
  attr->start_index = 0;
  attr->end_index = strlen (count);
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = 0;
  attr->end_index = strlen (count);
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (total, attrs);

  /* measured first, so the box is drawn under the text */
  heading_h = abierto_report_layout_height (heading);
  total_h = abierto_report_layout_height (total);

  /* short of room, and only the count: beside the heading, in a slimmer
   * box */
  if (slim)
    {
      pad = 0.6 * p->u;
      box_h = MAX (heading_h, total_h) + 2 * pad;
      if (draw)
        {
          cairo_save (p->cr);
          set_rgb (p->cr, &p->style.band);
          rounded_rectangle (p->cr, x, y, w, box_h, 0.6 * p->u);
          cairo_fill (p->cr);
          cairo_restore (p->cr);

          abierto_report_show (p->cr, heading, &p->style.accent, x + 0.9 * p->u,
                               y + (box_h - heading_h) / 2);
          abierto_report_show (p->cr, total, &p->style.ink, ix + col_w + 1.5 * p->u,
                               y + (box_h - total_h) / 2);
        }
      return box_h + (y - top);
    }

  left_h = heading_h + 0.3 * p->u + total_h;
  if (figures_h > 0)
    left_h += 0.6 * p->u + figures_h;
  box_h = (columns ? MAX (left_h, right_h)
                   : left_h + (right_h > 0 ? right_h + 0.9 * p->u : 0)) + 2 * pad;

  if (draw)
    {
      cairo_save (p->cr);
      set_rgb (p->cr, &p->style.band);
      rounded_rectangle (p->cr, x, y, w, box_h, 0.6 * p->u);
      cairo_fill (p->cr);
      cairo_restore (p->cr);

      iy += abierto_report_show (p->cr, heading, &p->style.accent, ix, iy) + 0.3 * p->u;
      iy += abierto_report_show (p->cr, total, &p->style.ink, ix, iy);
      if (figures_h > 0)
        figures_block (p, ix, iy + 0.6 * p->u, col_w, TRUE);

      if (columns)
        ages_block (p, ix + col_w + 1.5 * p->u, y + pad, col_w, TRUE);
      else
        ages_block (p, ix, y + pad + left_h + 0.9 * p->u, col_w, TRUE);
    }

  return box_h + (y - top);
}

/* The full text of a proposal a result row stands for. */
static const AbiertoReportProposal *
lookup_proposal (Poster                 *p,
                 const AbiertoResultRow *row)
{
  if (row->proposal_uuid == NULL)
    return NULL;
  return g_hash_table_lookup (p->by_uuid, row->proposal_uuid);
}

/* Title in bold, then the text: what was proposed, in a few lines. */
static PangoLayout *
proposal_layout (Poster                      *p,
                 const AbiertoReportProposal *proposal,
                 const char                  *fallback,
                 double                       width)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  PangoLayout *layout;

  if (proposal == NULL)
    return text_layout (p, ABIERTO_TEXT_BODY, fallback, width, p->detail.list_lines);

  title = dup_flowing (proposal->title);
  body = dup_flowing (proposal->text);
  if (*title == '\0' || g_strcmp0 (title, body) == 0)
    return text_layout (p, ABIERTO_TEXT_BODY, body, width, p->detail.list_lines);

  /* the title alone when there is room for one line */
  if (p->detail.list_lines == 1)
    text = g_strdup (title);
  else
    text = g_strconcat (title, ". ", body, NULL);
  layout = text_layout (p, ABIERTO_TEXT_BODY, text, width, p->detail.list_lines);

  attrs = pango_attr_list_new ();
  {
    PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

    attr->start_index = 0;
    attr->end_index = strlen (title);
    pango_attr_list_insert (attrs, attr);
  }
  pango_layout_set_attributes (layout, attrs);

  return layout;
}

static double
list_block (Poster   *p,
            double    x,
            double    y,
            double    w,
            gboolean  draw)
{
  AbiertoResults *results = p->round->results;
  double d = 1.7 * p->u;
  double text_x = x + d + 0.6 * p->u;
  double top = y;
  guint n = MIN (p->detail.list_items, abierto_results_get_n_rows (results));
  guint i;

  for (i = 0; i < n; i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (results, i);
      g_autofree char *rank = g_strdup_printf ("%u", row->rank);
      g_autoptr(PangoLayout) number = NULL;
      g_autoptr(PangoLayout) text = NULL;
      double h;

      /* nobody voted for it: not one of the leading ones */
      if (row->votes == 0 && row->score <= 0)
        break;

      number = text_layout (p, ABIERTO_TEXT_BODY, rank, d, 1);
      set_weight (number, PANGO_WEIGHT_BOLD);
      text = proposal_layout (p, lookup_proposal (p, row), row->label, x + w - text_x);
      h = MAX (d, abierto_report_layout_height (text));

      if (draw)
        {
          PangoRectangle logical;
          double first_line;

          /* the badge centred on the first line */
          pango_layout_get_pixel_extents (text, NULL, &logical);
          first_line = MIN (abierto_report_layout_height (text),
                            p->u * p->style.line_spacing * 1.35);
          draw_badge (p, number, x, y + MAX (0, (first_line - d) / 2), d);
          abierto_report_show (p->cr, text, &p->style.ink, text_x, y);
        }
      y += h + 0.6 * p->u;
    }

  return y > top ? y - top - 0.6 * p->u : 0;
}

static void
draw_chart (Poster *p,
            double  x,
            double  y,
            double  w,
            double  h)
{
  /* the chart counts 96 units to the inch */
  double k = 0.75 * p->pt;

  cairo_save (p->cr);
  cairo_translate (p->cr, x, y);
  cairo_rectangle (p->cr, 0, 0, w, h);
  cairo_clip (p->cr);
  cairo_scale (p->cr, k, k);
  abierto_chart_draw (p->cr, p->top, &p->chart, w / k, h / k);
  cairo_restore (p->cr);
}

static double
chart_preferred_height (Poster *p,
                        double  w)
{
  double k = 0.75 * p->pt;

  if (p->top == NULL)
    return 0;
  return abierto_chart_get_preferred_height (p->top, &p->chart, w / k) * k;
}

/* "The proposals with the most support": the heading, the list and,
 * when @chart_h > 0, the chart under them. */
static double
leading_block (Poster   *p,
               double    x,
               double    y,
               double    w,
               double    chart_h,
               gboolean  draw)
{
  const AbiertoReportData *data = p->data;
  g_autoptr(PangoLayout) heading = NULL;
  double top = y;

  if (p->round == NULL)
    {
      g_autoptr(PangoLayout) text = NULL;
      g_autofree char *summary = NULL;

      heading = text_layout (p, ABIERTO_TEXT_HEADING, _("The proposals"), w, 2);
      y += show (p, draw, heading, &p->style.accent, x, y) + 0.4 * p->u;
      if (data->n_proposals == 0)
        summary = g_strdup (_("No proposals have been written down yet."));
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u proposal was written down; "
                                                "no votes have been counted yet.",
                                                "%u proposals were written down; "
                                                "no votes have been counted yet.",
                                                data->n_proposals),
                                   data->n_proposals);
      text = text_layout (p, ABIERTO_TEXT_BODY, summary, w, 3);
      y += show (p, draw, text, &p->style.ink, x, y);
      return y - top;
    }

  heading = text_layout (p, ABIERTO_TEXT_HEADING, _("The proposals with the most support"), w, 2);
  y += show (p, draw, heading, &p->style.accent, x, y) + 0.6 * p->u;

  if (p->detail.list_items > 0)
    {
      double h = list_block (p, x, y, w, draw);

      if (h > 0)
        y += h + (chart_h > 0 ? 0.9 * p->u : 0);
    }

  if (chart_h > 0)
    {
      if (draw)
        draw_chart (p, x, y, w, chart_h);
      y += chart_h;
    }

  return y - top;
}

static double
next_block (Poster   *p,
            double    x,
            double    y,
            double    w,
            gboolean  draw)
{
  const AbiertoReportData *data = p->data;
  g_autoptr(PangoLayout) heading = NULL;
  const char *title = _("What comes next?");
  const char *promise = _("The institutions will answer these proposals with commitments: "
                          "concrete, measurable and with a date.");
  double top = y;
  guint i;

  /* short of room, the heading is as large as the text, and runs into
   * the promise when there are no commitments yet */
  if (p->detail.compact)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      g_autofree char *text = NULL;
      PangoAttribute *attr;
      guint end;

      if (data->commitments->len == 0)
        text = g_strdup_printf ("%s %s", title, promise);
      else
        text = g_strdup (title);
      end = strlen (title);
      heading = text_layout (p, ABIERTO_TEXT_BODY, text, w, data->commitments->len == 0 ? 4 : 2);
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = 0;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_new (p->style.accent.red * 65535, p->style.accent.green * 65535,
                                        p->style.accent.blue * 65535);
      attr->start_index = 0;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      pango_layout_set_attributes (heading, attrs);
      y += show (p, draw, heading, &p->style.ink, x, y);
      if (data->commitments->len == 0)
        return y - top;
      y += 0.2 * p->u;
    }
  else
    {
      heading = text_layout (p, ABIERTO_TEXT_HEADING, title, w, 2);
      y += show (p, draw, heading, &p->style.accent, x, y) + 0.4 * p->u;

      if (data->commitments->len == 0)
        {
          g_autoptr(PangoLayout) text = NULL;

          text = text_layout (p, ABIERTO_TEXT_BODY, promise, w, 4);
          y += show (p, draw, text, &p->style.ink, x, y);
          return y - top;
        }
    }

  for (i = 0; i < MIN (data->commitments->len, 3); i++)
    {
      const AbiertoReportCommitment *commitment = g_ptr_array_index (data->commitments, i);
      g_autoptr(PangoLayout) text = NULL;
      g_autofree char *line = NULL;

      if (commitment->institution != NULL && *commitment->institution != '\0')
        line = g_strdup_printf ("• %s — %s", commitment->action, commitment->institution);
      else
        line = g_strdup_printf ("• %s", commitment->action);
      text = text_layout (p, ABIERTO_TEXT_BODY, line, w, 2);
      y += show (p, draw, text, &p->style.ink, x, y) + 0.3 * p->u;
    }

  return y - top - 0.3 * p->u;
}

static gboolean
hides_place (Poster *p)
{
  if (p->show_place)
    return FALSE;
  return p->ctx->options->audience == ABIERTO_AUDIENCE_WOMEN_REENTRY
         || p->data->group == ABIERTO_GROUP_WOMEN_REENTRY;
}

static double
qr_size (Poster *p,
         double  w)
{
  if (p->data->publication_url == NULL)
    return 0;
  return CLAMP (w * 0.16, 64 * p->pt, 112 * p->pt);
}

/* smaller when room is short, but still large enough to scan */
static double
qr_drawn_size (Poster *p,
               double  w)
{
  if (p->detail.compact)
    return MIN (qr_size (p, w), CLAMP (w * 0.12, 64 * p->pt, 112 * p->pt));
  return qr_size (p, w);
}

/* Date, place, who facilitated, the licence; the QR code on the right. */
static double
footer_block (Poster   *p,
              double    x,
              double    y,
              double    w,
              gboolean  draw)
{
  const AbiertoReportData *data = p->data;
  g_autofree char *date = abierto_report_format_date (data->date);
  g_autoptr(GString) when = g_string_new (NULL);
  g_autoptr(PangoLayout) when_layout = NULL;
  g_autoptr(PangoLayout) who = NULL;
  g_autoptr(PangoLayout) license = NULL;
  g_autoptr(PangoLayout) url = NULL;
  double q = qr_drawn_size (p, w);
  double url_w = qr_size (p, w) * 1.6;
  double text_w = q > 0 ? w - url_w - 1.2 * p->u : w;
  double rule = MAX (0.6 * p->pt, 0.06 * p->u);
  double text_h, qr_h = 0;
  double ty;

  if (date != NULL)
    g_string_append (when, date);
  if (!hides_place (p) && data->place != NULL && *data->place != '\0')
    {
      g_autofree char *place = dup_flowing (data->place);

      if (when->len > 0)
        g_string_append (when, " · ");
      g_string_append (when, place);
    }

  ty = y + rule + 0.7 * p->u;
  if (when->len > 0)
    {
      when_layout = text_layout (p, ABIERTO_TEXT_SMALL, when->str, text_w, 2);
      set_weight (when_layout, PANGO_WEIGHT_BOLD);
      ty += show (p, draw, when_layout, &p->style.ink, x, ty) + 0.2 * p->u;
    }
  if (data->facilitators != NULL && *data->facilitators != '\0')
    {
      g_autofree char *facilitators = dup_flowing (data->facilitators);
      g_autofree char *text = g_strdup_printf (_("Facilitated by %s"), facilitators);

      who = text_layout (p, ABIERTO_TEXT_SMALL, text, text_w, 2);
      ty += show (p, draw, who, &p->style.ink, x, ty) + 0.2 * p->u;
    }
  /* the licence is what lets anyone reuse the poster: never cut */
  license = text_layout (p, ABIERTO_TEXT_SMALL, abierto_report_license_text (data->license),
                         text_w, 0);
  ty += show (p, draw, license, &p->style.muted, x, ty);
  text_h = ty - y;

  if (q > 0)
    {
      url = text_layout (p, ABIERTO_TEXT_SMALL, data->publication_url, url_w, 3);
      abierto_report_layout_set_url (url);
      pango_layout_set_alignment (url, PANGO_ALIGN_CENTER);
      qr_h = rule + 0.7 * p->u + q + 0.2 * p->u + abierto_report_layout_height (url);
    }

  if (draw)
    {
      cairo_save (p->cr);
      set_rgb (p->cr, &p->style.accent);
      cairo_rectangle (p->cr, x, y, w, rule);
      cairo_fill (p->cr);
      cairo_restore (p->cr);

      if (q > 0)
        {
          double qy = y + rule + 0.7 * p->u;
          double url_x = x + w - url_w;

          abierto_report_draw_qr (p->cr, &p->style, data->publication_url,
                                  url_x + (url_w - q) / 2, qy, q);
          abierto_report_show (p->cr, url, &p->style.ink, url_x, qy + q + 0.2 * p->u);
        }
    }

  return MAX (text_h, qr_h);
}

/* Fitting */

typedef struct
{
  double needed;      /* everything but the chart's share */
  double chart_min;
  double chart_pref;
  guint  n_gaps;
} Column;

static double
chart_min_height (Poster *p,
                  double  pref)
{
  /* the chart scales itself down to fit; not much, or it is unreadable */
  return pref * 0.8;
}

/* Measures a column: the header, panel and next steps it holds, and the
 * leading proposals when @leading. */
static void
measure_column (Poster   *p,
                double    w,
                gboolean  header,
                gboolean  panel,
                gboolean  leading,
                gboolean  next,
                Column   *col)
{
  *col = (Column) { 0 };

  if (header)
    {
      col->needed += header_block (p, 0, 0, w, FALSE);
      col->n_gaps++;
    }
  if (panel)
    {
      col->needed += panel_block (p, 0, 0, w, FALSE);
      col->n_gaps++;
    }
  if (leading)
    {
      col->needed += leading_block (p, 0, 0, w, 0, FALSE);
      if (p->top != NULL)
        {
          col->chart_pref = chart_preferred_height (p, w);
          col->chart_min = chart_min_height (p, col->chart_pref);
          if (p->detail.list_items > 0 && list_block (p, 0, 0, w, FALSE) > 0)
            col->needed += 0.9 * p->u;
        }
      col->n_gaps++;
    }
  if (next)
    {
      col->needed += next_block (p, 0, 0, w, FALSE);
      col->n_gaps++;
    }

  col->n_gaps = col->n_gaps > 0 ? col->n_gaps - 1 : 0;
}

static void
scale_style (Poster                   *p,
             const AbiertoReportStyle *base,
             double                    s)
{
  p->style = *base;
  p->style.body_size *= s;
  p->style.small_size *= s;
  p->style.heading_size *= s;
  p->style.title_size *= s;
  p->u = p->style.body_size * p->pt;
  p->chart = base->chart;
  p->chart.threshold = p->data->threshold;
  /* the audience's body size is already large print where it must be */
  p->chart.large = FALSE;
  p->chart.font_size = p->style.body_size * 0.9;
}

static void
set_detail (Poster       *p,
            const Detail *detail)
{
  p->detail = *detail;
  g_clear_object (&p->top);
  if (p->round != NULL && detail->chart_rows > 0)
    p->top = abierto_results_dup_top (p->round->results, detail->chart_rows);
}

/* The widths of the columns, and their left edges. */
static void
get_columns (Poster *p,
             double *left_x,
             double *left_w,
             double *right_x,
             double *right_w)
{
  double inner = p->width - 2 * p->margin;
  double gutter = 2.5 * p->u;

  *left_x = p->margin;
  if (p->landscape)
    {
      *left_w = (inner - gutter) * 0.45;
      *right_x = *left_x + *left_w + gutter;
      *right_w = inner - *left_w - gutter;
    }
  else
    {
      *left_w = inner;
      *right_x = *left_x;
      *right_w = inner;
    }
}

/* Whether the poster fits at the current size and detail; sets the gap
 * and the chart height when it does. */
static gboolean
try_fit (Poster *p)
{
  double left_x, left_w, right_x, right_w;
  double footer_h, avail, base_gap = (p->detail.compact ? 0.7 : 1.2) * p->u;
  Column a, b;

  get_columns (p, &left_x, &left_w, &right_x, &right_w);
  footer_h = footer_block (p, 0, 0, p->width - 2 * p->margin, FALSE);
  avail = p->height - 2 * p->margin - footer_h - base_gap;

  if (p->landscape)
    {
      double slack_a, slack_b;

      measure_column (p, left_w, TRUE, TRUE, FALSE, TRUE, &a);
      measure_column (p, right_w, FALSE, FALSE, TRUE, FALSE, &b);
      slack_a = avail - a.needed - a.n_gaps * base_gap;
      slack_b = avail - b.needed - b.chart_min;
      if (slack_a < 0 || slack_b < 0)
        return FALSE;
      p->chart_h = MIN (b.chart_pref, b.chart_min + slack_b);
      p->gap = base_gap + MIN (slack_a / MAX (a.n_gaps, 1), 2 * p->u);
      return TRUE;
    }

  measure_column (p, left_w, TRUE, TRUE, TRUE, TRUE, &a);
  {
    double slack = avail - a.needed - a.n_gaps * base_gap - a.chart_min;

    if (slack < 0)
      return FALSE;
    p->chart_h = MIN (a.chart_pref, a.chart_min + slack);
    slack -= p->chart_h - a.chart_min;
    p->gap = base_gap + MIN (slack / MAX (a.n_gaps, 1), 2.5 * p->u);
  }

  return TRUE;
}

static void
draw_poster (Poster *p)
{
  double left_x, left_w, right_x, right_w;
  double footer_h, y;

  get_columns (p, &left_x, &left_w, &right_x, &right_w);
  footer_h = footer_block (p, 0, 0, p->width - 2 * p->margin, FALSE);

  /* nothing outside the margins, whatever happens */
  cairo_save (p->cr);
  cairo_rectangle (p->cr, p->margin, p->margin,
                   p->width - 2 * p->margin, p->height - 2 * p->margin);
  cairo_clip (p->cr);

  footer_block (p, p->margin, p->height - p->margin - footer_h,
                p->width - 2 * p->margin, TRUE);

  /* and nothing over the footer */
  cairo_rectangle (p->cr, p->margin, p->margin, p->width - 2 * p->margin,
                   p->height - 2 * p->margin - footer_h - 0.5 * p->u);
  cairo_clip (p->cr);

  y = p->margin;
  y += header_block (p, left_x, y, left_w, TRUE) + p->gap;
  y += panel_block (p, left_x, y, left_w, TRUE) + p->gap;
  if (p->landscape)
    {
      next_block (p, left_x, y, left_w, TRUE);
      leading_block (p, right_x, p->margin, right_w, p->chart_h, TRUE);
    }
  else
    {
      y += leading_block (p, left_x, y, left_w, p->chart_h, TRUE) + p->gap;
      next_block (p, left_x, y, left_w, TRUE);
    }

  cairo_restore (p->cr);
}

/* What a detail gives up: 0 nothing, 1 lines of the title or the
 * question, 2 the chart, for a list. */
static guint
detail_stage (const Detail *detail)
{
  if (detail->chart_rows == 0)
    return 2;
  if (detail->title_max < details[0].title_max || detail->question_max < details[0].question_max)
    return 1;
  return 0;
}

static const struct
{
  guint    stage;
  gboolean smallest;  /* down to the audience's sizes, not the page's */
} passes[] = {
  { 0, FALSE },
  { 0, TRUE },
  { 1, TRUE },
  { 2, TRUE },
};

/* Tries @detail at @sizes, largest first, down to the @n_sizes-th. Smaller
 * type never fits less, so a detail that does not fit at the smallest
 * size is passed over after one try (FALSE), and one that does gets the
 * largest size that fits by halving the range: a few tries in all
 * instead of every size, each new size costing Pango a new set of fonts. */
static gboolean
fit_detail (Poster                   *p,
            const AbiertoReportStyle *base,
            const Detail             *detail,
            const double             *sizes,
            guint                     n_sizes)
{
  guint fits = n_sizes - 1;
  int fails = -1;
  gboolean last_fitted = TRUE;  /* the last try was at @fits */

  set_detail (p, detail);
  scale_style (p, base, sizes[fits]);
  if (!try_fit (p))
    return FALSE;

  while ((int) fits - fails > 1)
    {
      guint mid = (guint) (fails + ((int) fits - fails) / 2);

      scale_style (p, base, sizes[mid]);
      last_fitted = try_fit (p);
      if (last_fitted)
        fits = mid;
      else
        fails = (int) mid;
    }

  /* a fit sets the gaps and the chart: redo the one that fitted */
  if (!last_fitted)
    {
      scale_style (p, base, sizes[fits]);
      try_fit (p);
    }

  return TRUE;
}

/* The latest round with any vote in it. */
static AbiertoReportRound *
find_round (const AbiertoReportData *data)
{
  guint i;

  for (i = data->rounds->len; i > 0; i--)
    {
      AbiertoReportRound *round = g_ptr_array_index (data->rounds, i - 1);
      AbiertoResults *results = round->results;
      guint j;

      if (results == NULL)
        continue;
      for (j = 0; j < abierto_results_get_n_rows (results); j++)
        {
          const AbiertoResultRow *row = abierto_results_get_row (results, j);

          if (row->votes > 0 || row->score > 0)
            return round;
        }
    }

  return NULL;
}

gboolean
_abierto_poster_render (AbiertoRenderContext *ctx,
                        GError              **error)
{
  Poster p = { 0 };
  double short_side, base, s_hi, s_lo, s_floor;
  double sizes[32];
  gboolean fitted = FALSE;
  guint level, pass, n_sizes = 0, n_lo = 1, i, j;

  g_return_val_if_fail (ctx != NULL && ctx->cr != NULL && ctx->data != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;

  p.ctx = ctx;
  p.cr = ctx->cr;
  p.data = ctx->data;
  p.pt = ctx->pt;
  p.width = ctx->width;
  p.height = ctx->height;
  p.landscape = ctx->width > ctx->height * 1.2;
  p.show_place = ctx->options->show_place;
  p.round = find_round (ctx->data);
  p.by_uuid = g_hash_table_new (g_str_hash, g_str_equal);

  for (i = 0; i < p.data->categories->len; i++)
    {
      AbiertoReportCategory *category = g_ptr_array_index (p.data->categories, i);

      for (j = 0; j < category->proposals->len; j++)
        {
          AbiertoReportProposal *proposal = g_ptr_array_index (category->proposals, j);

          if (proposal->uuid != NULL)
            g_hash_table_insert (p.by_uuid, proposal->uuid, proposal);
        }
    }

  /* Type in proportion to the page: a screen image is seen whole on a
   * phone or from across a room, so it gets larger type than paper. */
  short_side = MIN (p.width, p.height) / p.pt;
  p.margin = round (short_side * 0.06 * p.pt);
  base = short_side / 612.0 * (ctx->surface_type == CAIRO_SURFACE_TYPE_IMAGE
                               && MIN (p.width, p.height) >= 1000 && p.pt < 1.5
                               ? 1.75 : 1.25);
  s_hi = base * 1.3;
  /* paper keeps its type in proportion to the page, and never goes
   * below the audience's own sizes (14 pt body for older adults) even
   * to keep the chart; a screen image is seen larger than its points
   * say */
  if (ctx->surface_type == CAIRO_SURFACE_TYPE_IMAGE)
    s_lo = s_floor = base * 0.45;
  else
    {
      s_lo = MAX (base * 0.7, 1.0);
      s_floor = MIN (1.0, s_hi);
    }

  /* The sizes tried are s_hi × 0.93^k, and at last s_floor itself. */
  while (n_sizes < G_N_ELEMENTS (sizes) - 1 && s_hi * pow (0.93, n_sizes) >= s_floor * 1.001)
    {
      sizes[n_sizes] = s_hi * pow (0.93, n_sizes);
      if (sizes[n_sizes] >= s_lo * 0.999)
        n_lo = n_sizes + 1;
      n_sizes++;
    }
  sizes[n_sizes++] = s_floor;
  if (s_lo <= s_floor * 1.001)
    n_lo = n_sizes;

  /* First whatever cuts nothing, down to the page's smallest type and
   * then to the audience's; then the title and the question lose
   * lines; and the list of the leading proposals stands in for the
   * chart only when not even its three first rows fit. */
  for (pass = 0; pass < G_N_ELEMENTS (passes) && !fitted; pass++)
    {
      if (passes[pass].smallest && passes[pass].stage == 0 && n_lo == n_sizes)
        continue;

      for (level = 0; level < G_N_ELEMENTS (details) && !fitted; level++)
        if (detail_stage (&details[level]) == passes[pass].stage)
          fitted = fit_detail (&p, ctx->style, &details[level], sizes,
                               passes[pass].smallest ? n_sizes : n_lo);
    }

  if (!fitted)
    {
      /* the leanest, at the smallest size; the clip keeps it in */
      set_detail (&p, &details[G_N_ELEMENTS (details) - 1]);
      scale_style (&p, ctx->style, s_floor);
      try_fit (&p);
      p.chart_h = 0;
      p.gap = 1.5 * p.u;
    }

  if (ctx->progress != NULL)
    ctx->progress (0.5, ctx->progress_data);

  draw_poster (&p);
  cairo_show_page (p.cr);

  g_clear_object (&p.top);
  g_clear_pointer (&p.by_uuid, g_hash_table_unref);

  if (cairo_status (ctx->cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The poster could not be drawn: %s."),
                   cairo_status_to_string (cairo_status (ctx->cr)));
      return FALSE;
    }

  return TRUE;
}
