/* abierto-triptych.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tríptico: a leaflet of one US Letter sheet, landscape, printed on
 * both sides and folded in three (a letter fold). Each side is three
 * equal panels:
 *
 *   page 1, the outside: [ inside flap | back | cover ]
 *   page 2, the inside:  [ question, voting, people | results | proposals ]
 *
 * Every panel is laid out on its own, from the top down, and whatever
 * does not fit is cut: a text loses lines and ends in "…", a list ends
 * with a line saying how many more are in the full report, and the chart
 * shows fewer rows. The cover's title alone is shown whole if it can be
 * at all: its type gets smaller, down to the body size, and the motif
 * and the lines of the question give it room, before it is cut after a
 * word. Type never gets smaller than the audience's body size for it,
 * and nothing is drawn outside its panel, so the folds never cut a word.
 */

#define G_LOG_DOMAIN "abierto-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "abierto-document-private.h"

/* in points; a panel is a third of 792 pt */
#define PANEL_SIDE        24.0   /* from the paper's edge and from a fold */
#define PANEL_TOP         30.0
#define PANEL_BOTTOM      30.0
/* drawing is clipped this far in from the edges and the folds */
#define PANEL_CLIP        18.0
/* the smallest type of a tríptico, and of one for older adults */
#define MIN_TEXT          10.0
#define MIN_TEXT_LARGE    14.0
/* the most lines of the cover's title before its type gets smaller,
 * and of its question */
#define COVER_TITLE_LINES    6
#define COVER_QUESTION_LINES 4
/* chart user units are pixels at 96 per inch */
#define CHART_UNIT        0.75
/* the smallest chart text, to its font size; and its large factor */
#define CHART_SMALLEST    0.85
#define CHART_LARGE       1.3
#define MAX_CHART_ROWS    5
/* a leaflet cannot hold an essay: texts are cut here before layout */
#define MAX_TEXT_CHARS    1200

typedef enum
{
  TEXT_PLAIN  = 0,
  TEXT_BOLD   = 1 << 0,
  TEXT_ITALIC = 1 << 1,
  TEXT_URL    = 1 << 2,  /* a web address: no hyphen added where it breaks */
} TextFlags;

typedef struct
{
  AbiertoRenderContext      ctx;       /* the caller's, with our style */
  AbiertoReportStyle        style;     /* the audience's, at the tríptico's sizes */
  cairo_t                  *cr;        /* borrowed */
  const AbiertoReportData  *data;      /* borrowed */
  double                    pt;
  const AbiertoReportRound *round;     /* borrowed: the main round with votes, or NULL */
  GHashTable               *by_uuid;   /* owned: uuid → AbiertoReportProposal (borrowed) */
} Triptych;

/* One panel, in surface units: where text goes and where it has got to. */
typedef struct
{
  Triptych *t;
  double    x;
  double    width;
  double    top;
  double    y;
  double    bottom;
  gboolean  full;  /* something did not fit: nothing else goes in */
} Panel;

static double
P (Triptych *t,
   double    points)
{
  return points * t->pt;
}

static void
set_rgb (cairo_t          *cr,
         const AbiertoRgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
}

/* Text */

/* One paragraph of valid text, short enough to lay out quickly. */
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

static void
set_flags (PangoLayout *layout,
           TextFlags    flags)
{
  g_autoptr(PangoFontDescription) font = NULL;

  if (flags & TEXT_URL)
    abierto_report_layout_set_url (layout);
  if ((flags & (TEXT_BOLD | TEXT_ITALIC)) == 0)
    return;

  font = pango_font_description_copy (pango_layout_get_font_description (layout));
  if (flags & TEXT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (flags & TEXT_ITALIC)
    {
      pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
      pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
    }
  pango_layout_set_font_description (layout, font);
}

/* @text as one paragraph, @width wide, cut to @max_lines (0: whole). */
static PangoLayout *
text_layout (Triptych        *t,
             AbiertoTextRole  role,
             const char      *text,
             TextFlags        flags,
             double           width,
             int              max_lines)
{
  g_autofree char *flowing = dup_flowing (text);
  PangoLayout *layout;

  layout = _abierto_document_layout_lines (&t->ctx, role, flowing, MAX (width, P (t, 1)),
                                           max_lines);
  set_flags (layout, flags);
  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) (logical.x + logical.width) / PANGO_SCALE;
}

/* Cuts @layout, one paragraph, to the lines that fit in @room, the last
 * one ending in an ellipsis. FALSE when not even its first line fits. */
static gboolean
fit_height (PangoLayout *layout,
            double       room)
{
  int lines;

  if (abierto_report_layout_height (layout) <= room)
    return TRUE;

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  for (lines = pango_layout_get_line_count (layout) - 1; lines > 0; lines--)
    {
      pango_layout_set_height (layout, -lines);
      if (abierto_report_layout_height (layout) <= room)
        return TRUE;
    }

  return FALSE;
}

/* Panels */

static void
panel_begin (Panel    *p,
             Triptych *t,
             guint     index)
{
  double panel_w = t->ctx.width / 3;
  double left = index * panel_w;

  memset (p, 0, sizeof *p);
  p->t = t;
  p->x = left + P (t, PANEL_SIDE);
  p->width = panel_w - 2 * P (t, PANEL_SIDE);
  p->top = P (t, PANEL_TOP);
  p->y = p->top;
  p->bottom = t->ctx.height - P (t, PANEL_BOTTOM);

  /* the text block stays inside; this only catches a glyph's overhang */
  cairo_save (t->cr);
  cairo_rectangle (t->cr, left + P (t, PANEL_CLIP), P (t, PANEL_CLIP),
                   panel_w - 2 * P (t, PANEL_CLIP), t->ctx.height - 2 * P (t, PANEL_CLIP));
  cairo_clip (t->cr);
}

static void
panel_end (Panel *p)
{
  cairo_restore (p->t->cr);
}

static double
panel_room (Panel  *p,
            double  reserve)
{
  return p->full ? 0 : p->bottom - reserve - p->y;
}

static void
panel_skip (Panel  *p,
            double  points)
{
  p->y = MIN (p->y + P (p->t, points), p->bottom);
}

/* Puts @text at @indent, cut to @max_lines and to the room left above
 * @reserve. With @whole, a text that does not fit whole is left out
 * (FALSE) and the panel goes on; without, the panel is full when not
 * even a line fits. */
static gboolean
panel_text (Panel            *p,
            AbiertoTextRole   role,
            const char       *text,
            TextFlags         flags,
            const AbiertoRgb *rgb,
            double            indent,
            int               max_lines,
            gboolean          whole,
            double            reserve)
{
  g_autoptr(PangoLayout) layout = NULL;
  double room = panel_room (p, reserve);

  if (p->full || text == NULL || *text == '\0')
    return FALSE;

  layout = text_layout (p->t, role, text, flags, p->width - indent, max_lines);
  if (whole && abierto_report_layout_height (layout) > room)
    return FALSE;
  if (!fit_height (layout, room))
    {
      p->full = TRUE;
      return FALSE;
    }

  p->y += abierto_report_show (p->t->cr, layout, rgb, p->x + indent, p->y);
  return TRUE;
}

/* A heading with an accent rule above it, kept with two lines of what
 * follows; FALSE (and the panel full) when there is no room for that. */
static gboolean
panel_heading (Panel      *p,
               const char *text,
               double      reserve)
{
  Triptych *t = p->t;
  g_autoptr(PangoLayout) heading = NULL;
  g_autoptr(PangoLayout) body = NULL;
  double before = p->y > p->top ? P (t, 16) : 0;
  double rule = P (t, 4) + P (t, 8);
  double need;

  if (p->full)
    return FALSE;

  heading = text_layout (t, ABIERTO_TEXT_HEADING, text, TEXT_PLAIN, p->width, 2);
  body = abierto_report_layout (t->cr, &t->style, t->pt, ABIERTO_TEXT_BODY, "Ág\nÁg", -1);
  need = before + rule + abierto_report_layout_height (heading) + P (t, 6)
         + abierto_report_layout_height (body);
  if (need > panel_room (p, reserve))
    {
      p->full = TRUE;
      return FALSE;
    }

  p->y += before;
  set_rgb (t->cr, &t->style.accent);
  cairo_rectangle (t->cr, p->x, p->y, P (t, 36), P (t, 4));
  cairo_fill (t->cr);
  p->y += rule;
  p->y += abierto_report_show (t->cr, heading, &t->style.accent, p->x, p->y);
  p->y += P (t, 6);
  return TRUE;
}

/* The height of up to three lines of small text, and a gap before them,
 * to keep for the line "And 12 more …" */
static double
small_height (Panel      *p,
              const char *text,
              TextFlags   flags)
{
  g_autoptr(PangoLayout) layout = NULL;

  layout = text_layout (p->t, ABIERTO_TEXT_SMALL, text, flags, p->width, 3);
  return abierto_report_layout_height (layout) + P (p->t, 8);
}

static double
more_height (Panel      *p,
             const char *text)
{
  return small_height (p, text, TEXT_ITALIC);
}

static void
panel_more (Panel      *p,
            const char *text)
{
  gboolean was_full = p->full;

  /* its room was reserved: it goes in even after a list filled the panel */
  p->full = FALSE;
  panel_skip (p, 8);
  panel_text (p, ABIERTO_TEXT_SMALL, text, TEXT_ITALIC, &p->t->style.muted, 0, 3, FALSE, 0);
  p->full = was_full;
}

/* Pictures */

/* A disc of @size with @text centred on it, in paper on accent. */
static void
draw_badge (Triptych   *t,
            const char *text,
            double      x,
            double      y,
            double      size)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  layout = abierto_report_layout (t->cr, &t->style, t->pt, ABIERTO_TEXT_BODY, text, -1);
  set_flags (layout, TEXT_BOLD);
  pango_layout_set_line_spacing (layout, 0);
  w = layout_width (layout);
  h = abierto_report_layout_height (layout);

  set_rgb (t->cr, &t->style.accent);
  cairo_new_sub_path (t->cr);
  cairo_arc (t->cr, x + size / 2, y + size / 2, size / 2, 0, 2 * G_PI);
  cairo_fill (t->cr);
  abierto_report_show (t->cr, layout, &t->style.paper, x + (size - w) / 2, y + (size - h) / 2);
}

/* The width a badge for numbers up to @text takes. */
static double
badge_size (Triptych   *t,
            const char *text)
{
  g_autoptr(PangoLayout) layout = NULL;

  layout = abierto_report_layout (t->cr, &t->style, t->pt, ABIERTO_TEXT_BODY, text, -1);
  set_flags (layout, TEXT_BOLD);
  pango_layout_set_line_spacing (layout, 0);
  return MAX (layout_width (layout) + P (t, 8), abierto_report_layout_height (layout) + P (t, 4));
}

/* The height of the motif of @size. */
static double
motif_height (Triptych *t,
              double    size)
{
  return t->style.faces ? size / 3.4 : size * 0.6;
}

/* Friendly faces, or for the discreet style the bars of a chart, @size
 * wide from (@x, @y). Returns the height drawn. */
static double
draw_motif (Triptych *t,
            double    x,
            double    y,
            double    size)
{
  static const AbiertoPaletteColor colors[] = {
    ABIERTO_PALETTE_BLUE, ABIERTO_PALETTE_ORANGE, ABIERTO_PALETTE_BLUISH_GREEN,
    ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_SKY_BLUE,
  };
  static const double heights[] = { 0.55, 1.0, 0.75, 0.4, 0.65 };
  double bar = size / 7;
  double face = size / 3.4;
  guint i;

  if (t->style.faces)
    {
      for (i = 0; i < 3; i++)
        {
          AbiertoRgb rgb;

          abierto_palette_get_rgb (colors[i], &rgb);
          _abierto_document_draw_face (t->cr, &rgb, x + i * size / 3, y, face);
        }
      return face;
    }

  for (i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      AbiertoRgb rgb;
      double h = heights[i] * size * 0.6;

      abierto_palette_get_rgb (colors[i], &rgb);
      set_rgb (t->cr, &rgb);
      cairo_rectangle (t->cr, x + i * bar * 1.4, y + size * 0.6 - h, bar, h);
      cairo_fill (t->cr);
    }
  return size * 0.6;
}

/* Page 1, right: the cover */

/* The cover's title, whole if it can be in @room: at the title size in
 * up to COVER_TITLE_LINES lines, else in type smaller step by step down
 * to @smallest_size, where it may take as many lines as @room holds.
 * When not even that fits: NULL, or with @cut the title cut after a
 * word, with "…" (NULL all the same if not one line fits). Sets
 * @size_out to the size it is in. */
static PangoLayout *
cover_title (Triptych   *t,
             const char *text,
             double      width,
             double      room,
             double      smallest_size,
             gboolean    cut,
             double     *size_out)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree char *flowing = NULL;
  double size = t->style.title_size;
  int lines;

  layout = text_layout (t, ABIERTO_TEXT_TITLE, text, TEXT_PLAIN, width, 0);
  pango_layout_set_line_spacing (layout, 1.1f);
  font = pango_font_description_copy (pango_layout_get_font_description (layout));
  smallest_size = MIN (smallest_size, size);
  *size_out = size;
  for (;;)
    {
      gboolean smallest = size <= smallest_size;

      if (abierto_report_layout_height (layout) <= room
          && (smallest || pango_layout_get_line_count (layout) <= COVER_TITLE_LINES))
        return g_steal_pointer (&layout);
      if (smallest)
        break;

      size = MAX (size * 0.9, smallest_size);
      pango_font_description_set_size (font, (gint) (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
      *size_out = size;
    }

  if (!cut)
    return NULL;

  flowing = g_strdup (pango_layout_get_text (layout));
  for (lines = pango_layout_get_line_count (layout) - 1; lines > 0; lines--)
    {
      abierto_report_layout_set_text_lines (layout, flowing, lines);
      if (abierto_report_layout_height (layout) <= room)
        return g_steal_pointer (&layout);
    }

  return NULL;
}

typedef struct
{
  const char *label;  /* or NULL */
  const char *value;
} Fact;

/* what the cover shows above and below its title, most first */
typedef struct
{
  gboolean motif;
  int      question_lines;
  gboolean small_type;  /* the title may get smaller than a heading */
} CoverPlan;

static const CoverPlan cover_plans[] = {
  { TRUE, 2, FALSE },
  { FALSE, 2, TRUE },
  { FALSE, 1, TRUE },
  { FALSE, 0, TRUE },
};

static void
layout_unref0 (gpointer layout)
{
  if (layout != NULL)
    g_object_unref (layout);
}

static void
draw_cover (Triptych *t,
            Panel    *p)
{
  const AbiertoReportData *data = t->data;
  const AbiertoReportStyle *style = &t->style;
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;
  g_autofree char *date = abierto_report_format_date (data->date);
  g_autofree char *people = _abierto_document_people (data);
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (layout_unref0);
  Fact facts[4];
  guint n_facts = 0, i;
  g_autoptr(PangoLayout) kicker = NULL;
  g_autoptr(PangoLayout) title = NULL;
  gboolean with_motif = FALSE;
  double title_size = style->title_size;
  double motif = P (t, 72);
  double pad = P (t, 12);
  double box_h = 0;
  double question_line = 0;

  /* the facts go in a tinted box at the foot of the cover */
  if (date != NULL)
    facts[n_facts++] = (Fact) { C_("report cover", "Date"), date };
  if (_abierto_document_show_place (&t->ctx))
    facts[n_facts++] = (Fact) { C_("report cover", "Place"), data->place };
  /* discreet for women in reentry: the group is not named */
  if (style->audience != ABIERTO_AUDIENCE_WOMEN_REENTRY)
    facts[n_facts++] = (Fact) { C_("report cover", "Group"),
                                abierto_group_get_label (data->group) };
  facts[n_facts++] = (Fact) { NULL, people };

  for (i = 0; i < n_facts; i++)
    {
      PangoLayout *label = NULL;
      PangoLayout *value;

      if (facts[i].label != NULL)
        label = text_layout (t, ABIERTO_TEXT_SMALL, facts[i].label, TEXT_BOLD,
                             p->width - 2 * pad, 1);
      value = text_layout (t, ABIERTO_TEXT_BODY, facts[i].value,
                           facts[i].label == NULL ? TEXT_BOLD : TEXT_PLAIN,
                           p->width - 2 * pad, 2);
      if (label != NULL)
        box_h += abierto_report_layout_height (label);
      box_h += abierto_report_layout_height (value) + (i > 0 ? P (t, 6) : 0);
      g_ptr_array_add (layouts, label);
      g_ptr_array_add (layouts, value);
    }
  box_h += 2 * pad;

  kicker = text_layout (t, ABIERTO_TEXT_SMALL,
                        kids ? _("Our workshop · What we decided")
                             : C_("triptych", "Open-government workshop · Results"),
                        TEXT_BOLD, p->width, 2);
  if (data->question != NULL && *data->question != '\0')
    {
      g_autoptr(PangoLayout) probe = NULL;

      probe = text_layout (t, ABIERTO_TEXT_HEADING, "Ág", TEXT_ITALIC, p->width, 0);
      question_line = abierto_report_layout_height (probe);
    }

  /* The title, whole: first with the motif above it and room below for
   * two lines of the question; failing that, without the motif, in type
   * as small as the body's (never below the audience's smallest), then
   * with one line of the question, then none (it opens the inside); and
   * only then cut. */
  for (i = 0; i < G_N_ELEMENTS (cover_plans) && title == NULL; i++)
    {
      const CoverPlan *plan = &cover_plans[i];
      double top = p->y + abierto_report_layout_height (kicker) + P (t, 10) + P (t, 5 + 14);
      double below = box_h + P (t, 12);

      if (plan->motif)
        top += motif_height (t, motif) + P (t, 16);
      if (question_line > 0 && plan->question_lines > 0)
        below += plan->question_lines * question_line + P (t, 14);
      title = cover_title (t, data->title, p->width, p->bottom - below - top,
                           plan->small_type ? style->body_size : style->heading_size,
                           i + 1 == G_N_ELEMENTS (cover_plans), &title_size);
      with_motif = plan->motif;
    }

  /* top: the motif and what this is */
  if (with_motif)
    p->y += draw_motif (t, p->x, p->y, motif) + P (t, 16);
  if (fit_height (kicker, panel_room (p, box_h)))
    p->y += abierto_report_show (t->cr, kicker, &style->accent, p->x, p->y);
  panel_skip (p, 10);
  if (panel_room (p, box_h) > P (t, 20))
    {
      set_rgb (t->cr, &style->accent);
      cairo_rectangle (t->cr, p->x, p->y, P (t, 48), P (t, 5));
      cairo_fill (t->cr);
      p->y += P (t, 5 + 14);
    }

  if (title != NULL && abierto_report_layout_height (title) <= panel_room (p, box_h + P (t, 12)))
    p->y += abierto_report_show (t->cr, title, &style->ink, p->x, p->y);

  /* the question, never in larger type than the title */
  if (data->question != NULL && *data->question != '\0')
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", data->question);
      g_autofree char *quoted_flowing = NULL;
      g_autoptr(PangoLayout) question = NULL;
      double room;
      int lines;

      panel_skip (p, 14);
      question = text_layout (t, ABIERTO_TEXT_HEADING, quoted, TEXT_ITALIC, p->width, 0);
      if (title_size < style->heading_size)
        {
          g_autoptr(PangoFontDescription) font = NULL;

          font = pango_font_description_copy (pango_layout_get_font_description (question));
          pango_font_description_set_size (font, (gint) (title_size * PANGO_SCALE));
          pango_layout_set_font_description (question, font);
        }
      /* cut after a word, as the title would be */
      quoted_flowing = g_strdup (pango_layout_get_text (question));
      room = panel_room (p, box_h + P (t, 12));
      for (lines = MIN (pango_layout_get_line_count (question), COVER_QUESTION_LINES); lines > 0;
           lines--)
        {
          abierto_report_layout_set_text_lines (question, quoted_flowing, lines);
          if (abierto_report_layout_height (question) <= room)
            {
              p->y += abierto_report_show (t->cr, question, &style->accent, p->x, p->y);
              break;
            }
        }
    }

  /* the facts, at the foot */
  {
    double y = p->bottom - box_h;
    double x = p->x + pad;

    set_rgb (t->cr, &style->band);
    cairo_rectangle (t->cr, p->x, y, p->width, box_h);
    cairo_fill (t->cr);
    set_rgb (t->cr, &style->accent);
    cairo_rectangle (t->cr, p->x, y, P (t, 4), box_h);
    cairo_fill (t->cr);

    y += pad;
    for (i = 0; i < n_facts; i++)
      {
        PangoLayout *label = g_ptr_array_index (layouts, 2 * i);
        PangoLayout *value = g_ptr_array_index (layouts, 2 * i + 1);

        if (i > 0)
          y += P (t, 6);
        if (label != NULL)
          y += abierto_report_show (t->cr, label, &style->muted, x, y);
        y += abierto_report_show (t->cr, value, &style->ink, x, y);
      }
    p->y = p->bottom;
  }
}

/* Page 1, middle: the back */

/* The licence, kept at the foot of the back above @foot: it must always
 * be there. Returns the height it takes. */
static double
draw_license (Triptych *t,
              Panel    *p,
              double    foot,
              gboolean  draw)
{
  const AbiertoReportData *data = t->data;
  const AbiertoReportStyle *style = &t->style;
  const char *url = abierto_report_license_url (data->license);
  g_autoptr(PangoLayout) heading = NULL;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) link = NULL;
  double h, y;

  heading = text_layout (t, ABIERTO_TEXT_SMALL, C_("report", "Licence"), TEXT_BOLD, p->width, 1);
  text = text_layout (t, ABIERTO_TEXT_BODY, abierto_report_license_text (data->license),
                      TEXT_PLAIN, p->width, 8);
  link = text_layout (t, ABIERTO_TEXT_SMALL, url, TEXT_URL, p->width, 2);
  h = abierto_report_layout_height (heading) + abierto_report_layout_height (text)
      + abierto_report_layout_height (link);
  if (!draw)
    return h;

  y = p->bottom - foot - h;
  y += abierto_report_show (t->cr, heading, &style->accent, p->x, y);
  y += abierto_report_show (t->cr, text, &style->ink, p->x, y);
  _abierto_document_link_begin (&t->ctx, url);
  abierto_report_show (t->cr, link, &style->accent, p->x, y);
  _abierto_document_link_end (&t->ctx);

  return h;
}

static void
draw_back (Triptych *t,
           Panel    *p)
{
  const AbiertoReportData *data = t->data;
  const AbiertoReportStyle *style = &t->style;
  const char *made = C_("triptych", "Made with Abierto");
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;
  const char *url = data->publication_url;
  gboolean has_url = url != NULL && *url != '\0';
  g_autofree char *privacy = NULL;
  double foot = small_height (p, made, TEXT_BOLD) + P (t, 8);
  double license = draw_license (t, p, foot, FALSE);
  /* below what goes at the top: the licence and a gap above it */
  double reserve = foot + license + P (t, 16);
  double qr_min = P (t, 72);
  double link_h = 0, label_h;

  {
    g_autoptr(PangoLayout) label = text_layout (t, ABIERTO_TEXT_SMALL, "Ág", TEXT_BOLD,
                                                p->width, 1);

    label_h = abierto_report_layout_height (label);
  }
  if (has_url)
    {
      g_autoptr(PangoLayout) link = text_layout (t, ABIERTO_TEXT_BODY, url, TEXT_URL, p->width,
                                                 4);

      link_h = abierto_report_layout_height (link);
    }

  /* who to ask, kept short enough to leave room for the address below */
  if (data->facilitators != NULL && *data->facilitators != '\0')
    {
      double below = has_url ? P (t, 16) + label_h + link_h + qr_min + P (t, 12) : 0;

      panel_text (p, ABIERTO_TEXT_SMALL, C_("report cover", "Facilitated by"), TEXT_BOLD,
                  &style->accent, 0, 1, FALSE, reserve + below);
      panel_text (p, ABIERTO_TEXT_BODY, data->facilitators, TEXT_PLAIN, &style->ink, 0, 4,
                  FALSE, reserve + below);
      p->full = FALSE;
      panel_skip (p, 16);
    }

  panel_text (p, ABIERTO_TEXT_SMALL, C_("triptych", "The full report"), TEXT_BOLD,
              &style->accent, 0, 1, FALSE, reserve);
  if (has_url)
    {
      gboolean shown;
      double qr;

      /* the sentence only with room for the address and the code */
      panel_text (p, ABIERTO_TEXT_BODY,
                  kids ? _("Every idea and every vote, with the open data, are published at:")
                       : _("Every proposal and every vote, with the open data, are published at:"),
                  TEXT_PLAIN, &style->ink, 0, 4, TRUE, reserve + link_h + qr_min + P (t, 12));
      /* an address is no use cut: whole, or only the code when both
       * cannot fit */
      _abierto_document_link_begin (&t->ctx, url);
      shown = panel_text (p, ABIERTO_TEXT_BODY, url, TEXT_URL, &style->accent, 0, 4, TRUE,
                          reserve + qr_min + P (t, 8));
      _abierto_document_link_end (&t->ctx);

      /* as large as there is room for, and not so small a phone fails */
      qr = MIN (MIN (p->width * 0.6, P (t, 132)), panel_room (p, reserve) - P (t, 8));
      if (qr >= qr_min)
        {
          double x = p->x + (p->width - qr) / 2;

          _abierto_document_link_begin (&t->ctx, url);
          if (abierto_report_draw_qr (t->cr, style, url, x, p->y + P (t, 4), qr))
            p->y += qr + P (t, 8);
          _abierto_document_link_end (&t->ctx);
        }
      else if (!shown)
        {
          _abierto_document_link_begin (&t->ctx, url);
          panel_text (p, ABIERTO_TEXT_BODY, url, TEXT_URL, &style->accent, 0, 4, FALSE,
                      reserve);
          _abierto_document_link_end (&t->ctx);
        }
    }
  else
    panel_text (p, ABIERTO_TEXT_BODY,
                kids ? _("Ask the facilitators for the full report, with every idea and every "
                         "vote.")
                     : _("Ask the facilitators for the full report, with every proposal and "
                         "every vote."), TEXT_PLAIN, &style->ink, 0, 4, FALSE, reserve);

  /* the privacy note whole, or not at all */
  if (kids)
    privacy = g_strdup_printf (_("No names are published: this leaflet does not say who took "
                                 "part, nor who wrote each idea. Groups of fewer than %u people "
                                 "are shown as “fewer than %u”."),
                               data->threshold, data->threshold);
  else
    privacy = g_strdup_printf (_("No names are published: this document does not contain the "
                                 "names or aliases of the people who took part, nor who wrote "
                                 "each proposal. Counts below %u people are shown as “fewer than "
                                 "%u”."),
                               data->threshold, data->threshold);
  if (!p->full)
    {
      double y = p->y;

      panel_skip (p, 12);
      if (!panel_text (p, ABIERTO_TEXT_SMALL, privacy, TEXT_PLAIN, &style->muted, 0, 0, TRUE,
                       reserve))
        p->y = y;
    }

  draw_license (t, p, foot, TRUE);

  /* at the very foot */
  p->full = FALSE;
  p->y = p->bottom - foot + P (t, 8);
  panel_text (p, ABIERTO_TEXT_SMALL, made, TEXT_BOLD, &style->muted, 0, 3, FALSE, 0);
}

/* Page 1, left: the inside flap */

static void
draw_steps (Triptych *t,
            Panel    *p)
{
  const AbiertoReportStyle *style = &t->style;
  const char *steps[3];
  double badge = badge_size (t, "3");
  double indent = badge + P (t, 10);
  guint i;

  if (style->short_sentences)
    {
      steps[0] = _("We give our ideas to the grown-ups in charge.");
      steps[1] = _("They tell us what they will do.");
      steps[2] = _("We check that they keep their promise.");
    }
  else
    {
      steps[0] = _("The results are delivered to the institutions that took part in the "
                   "workshop.");
      steps[1] = _("The institutions answer the leading proposals and say what they commit to "
                   "do, by when.");
      steps[2] = _("Anyone can follow the commitments and ask how they are going.");
    }

  for (i = 0; i < G_N_ELEMENTS (steps) && !p->full; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      double y;

      if (i > 0)
        panel_skip (p, 10);
      y = p->y;
      if (panel_text (p, ABIERTO_TEXT_BODY, steps[i], TEXT_PLAIN, &style->ink, indent, 7, FALSE,
                      0))
        draw_badge (t, number, p->x, y, badge);
    }
}

static void
draw_flap (Triptych *t,
           Panel    *p)
{
  const AbiertoReportData *data = t->data;
  const AbiertoReportStyle *style = &t->style;
  gboolean kids = style->short_sentences;
  guint n = data->commitments != NULL ? data->commitments->len : 0;
  guint i;

  panel_heading (p, C_("triptych", "What happens next"), 0);
  draw_steps (t, p);

  if (n == 0)
    {
      panel_skip (p, 14);
      panel_text (p, ABIERTO_TEXT_BODY,
                  kids ? _("Keep this leaflet and ask how our ideas are going.")
                       : _("Keep this leaflet: it tells what was proposed and chosen, so that "
                           "anyone can ask how it is going."),
                  TEXT_PLAIN, &style->ink, 0, 5, FALSE, 0);
      return;
    }

  panel_heading (p, kids ? _("How the promises are going") : _("How the commitments are going"),
                 0);
  for (i = 0; i < n && !p->full; i++)
    {
      const AbiertoReportCommitment *c = g_ptr_array_index (data->commitments, i);
      g_autofree char *more = NULL;
      double reserve = 0;
      double bar_h = P (t, 8);

      if (i + 1 < n)
        {
          more = g_strdup_printf (ngettext ("And %u more commitment: it is in the full report.",
                                            "And %u more commitments: they are in the full "
                                            "report.", n - i - 1), n - i - 1);
          reserve = more_height (p, more);
        }

      if (i > 0)
        panel_skip (p, 10);
      if (!panel_text (p, ABIERTO_TEXT_BODY, c->action, TEXT_BOLD, &style->ink, 0, 2, FALSE,
                       reserve))
        {
          g_autofree char *rest = NULL;

          /* this one did not fit: count it among the rest */
          rest = g_strdup_printf (ngettext ("And %u more commitment: it is in the full report.",
                                            "And %u more commitments: they are in the full "
                                            "report.", n - i), n - i);
          panel_more (p, rest);
          return;
        }

      if (c->status != NULL && *c->status != '\0')
        {
          g_autofree char *line = g_strdup_printf (_("Status: %s"), c->status);

          panel_text (p, ABIERTO_TEXT_BODY, line, TEXT_PLAIN, &style->ink, 0, 1, FALSE, reserve);
        }
      if (c->deadline != NULL && *c->deadline != '\0')
        {
          g_autofree char *date = abierto_report_format_date (c->deadline);
          g_autofree char *line = g_strdup_printf (_("Deadline: %s"), date);

          panel_text (p, ABIERTO_TEXT_BODY, line, TEXT_PLAIN, &style->ink, 0, 2, FALSE, reserve);
        }
      if (c->progress >= 0 && panel_room (p, reserve) > bar_h + P (t, 6))
        {
          double bar_w = p->width * 0.7;

          set_rgb (t->cr, &style->band);
          cairo_rectangle (t->cr, p->x, p->y + P (t, 3), bar_w, bar_h);
          cairo_fill (t->cr);
          set_rgb (t->cr, &style->accent);
          cairo_rectangle (t->cr, p->x, p->y + P (t, 3), bar_w * CLAMP (c->progress, 0, 1), bar_h);
          cairo_fill (t->cr);
          p->y += bar_h + P (t, 6);
        }

      if (more != NULL && (p->full || panel_room (p, reserve) < P (t, 40)))
        {
          panel_more (p, more);
          return;
        }
    }
}

/* Page 2, left: the question, how people voted, who took part */

static void
draw_counts (Triptych   *t,
             Panel      *p,
             const char *title,
             GPtrArray  *counts)
{
  const AbiertoReportStyle *style = &t->style;
  double pad = P (t, 4);
  guint i;

  if (counts == NULL || counts->len == 0 || p->full)
    return;

  panel_skip (p, 8);
  {
    g_autoptr(PangoLayout) probe = text_layout (t, ABIERTO_TEXT_BODY, "Ág", TEXT_BOLD, p->width,
                                                1);

    /* the title goes with a first row, or neither goes */
    if (!panel_text (p, ABIERTO_TEXT_BODY, title, TEXT_BOLD, &style->accent, 0, 1, TRUE,
                     abierto_report_layout_height (probe) + 2 * pad))
      {
        p->full = TRUE;
        return;
      }
  }

  for (i = 0; i < counts->len; i++)
    {
      const AbiertoReportCount *c = g_ptr_array_index (counts, i);
      g_autofree char *value = abierto_report_count_format (t->data, c);
      g_autoptr(PangoLayout) number = NULL;
      g_autoptr(PangoLayout) label = NULL;
      double number_w, h;

      number = text_layout (t, ABIERTO_TEXT_BODY, value, TEXT_BOLD, p->width / 2, 1);
      number_w = layout_width (number);
      label = text_layout (t, ABIERTO_TEXT_BODY, c->label, TEXT_PLAIN,
                           p->width - number_w - 4 * pad, 2);
      h = MAX (abierto_report_layout_height (label), abierto_report_layout_height (number))
          + 2 * pad;
      if (h > panel_room (p, 0))
        {
          p->full = TRUE;
          return;
        }

      if (i % 2 == 0)
        {
          set_rgb (t->cr, &style->band);
          cairo_rectangle (t->cr, p->x, p->y, p->width, h);
          cairo_fill (t->cr);
        }
      abierto_report_show (t->cr, label, &style->ink, p->x + pad, p->y + pad);
      abierto_report_show (t->cr, number, c->suppressed ? &style->muted : &style->ink,
                           p->x + p->width - pad - number_w, p->y + pad);
      p->y += h;
    }
}

static void
draw_about (Triptych *t,
            Panel    *p)
{
  const AbiertoReportData *data = t->data;
  const AbiertoReportStyle *style = &t->style;
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;
  guint n_rounds = data->rounds != NULL ? data->rounds->len : 0;
  g_autofree char *people = _abierto_document_people (data);

  if (data->question != NULL && *data->question != '\0')
    {
      g_autoptr(PangoLayout) question = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", data->question);
      double pad = P (t, 10);
      double h;

      panel_heading (p, kids ? _("Our question") : _("The guiding question"), 0);
      question = text_layout (t, ABIERTO_TEXT_BODY, quoted, TEXT_BOLD,
                              p->width - 2 * pad - P (t, 4), style->short_sentences ? 5 : 6);
      if (!p->full && fit_height (question, panel_room (p, 0) - 2 * pad))
        {
          h = abierto_report_layout_height (question) + 2 * pad;
          set_rgb (t->cr, &style->band);
          cairo_rectangle (t->cr, p->x, p->y, p->width, h);
          cairo_fill (t->cr);
          set_rgb (t->cr, &style->accent);
          cairo_rectangle (t->cr, p->x, p->y, P (t, 4), h);
          cairo_fill (t->cr);
          abierto_report_show (t->cr, question, &style->ink, p->x + pad + P (t, 4), p->y + pad);
          p->y += h;
        }
    }

  panel_heading (p, kids ? _("How we voted") : _("How people voted"), 0);
  if (t->round != NULL && t->round->results != NULL)
    {
      g_autofree char *how = _abierto_document_method_text (style, t->round->results);

      panel_text (p, ABIERTO_TEXT_BODY, how, TEXT_PLAIN, &style->ink, 0, 8, FALSE, 0);
      if (n_rounds > 1)
        {
          g_autofree char *rounds = NULL;

          if (kids)
            rounds = g_strdup_printf (ngettext ("We voted %u time. This leaflet shows the last "
                                                "vote.",
                                                "We voted %u times. This leaflet shows the last "
                                                "vote.", n_rounds), n_rounds);
          else
            rounds = g_strdup_printf (ngettext ("There was %u voting round. This leaflet shows "
                                                "its results.",
                                                "There were %u voting rounds. This leaflet shows "
                                                "the results of the last one.", n_rounds),
                                      n_rounds);
          panel_skip (p, 6);
          panel_text (p, ABIERTO_TEXT_BODY, rounds, TEXT_PLAIN, &style->muted, 0, 3, FALSE, 0);
        }
    }
  else
    panel_text (p, ABIERTO_TEXT_BODY,
                kids ? _("We did not vote this time.")
                     : _("No votes were recorded in this workshop."),
                TEXT_PLAIN, &style->ink, 0, 3, FALSE, 0);

  panel_heading (p, kids ? C_("report section", "Who we are")
                         : C_("report section", "Who took part"), 0);
  panel_text (p, ABIERTO_TEXT_HEADING, people, TEXT_PLAIN, &style->accent, 0, 2, FALSE, 0);

  /* pictograms of people for children, one per person up to two rows */
  if (style->pictograms && style->audience == ABIERTO_AUDIENCE_CHILDREN
      && !data->participants_suppressed && data->n_participants > 0)
    {
      double size = P (t, 16);
      guint per_row = MAX ((guint) (p->width / (size * 1.2)), 1);
      guint n = MIN (data->n_participants, per_row * 2), i;
      guint rows = (n + per_row - 1) / per_row;

      if (rows * size * 1.3 + P (t, 6) <= panel_room (p, 0))
        {
          p->y += P (t, 6);
          for (i = 0; i < n; i++)
            _abierto_document_draw_person (t->cr, &style->accent,
                                           p->x + (i % per_row) * size * 1.2,
                                           p->y + (i / per_row) * size * 1.3, size);
          p->y += rows * size * 1.3;
        }
    }

  draw_counts (t, p, _("By age"), data->age_bands);
  draw_counts (t, p, _("By gender"), data->genders);
}

/* Page 2, middle: the results */

/* The chart of the leading rows of @results that fit at full size in the
 * room above @reserve; the rows shown, 0 when not even one fits. */
static guint
draw_chart (Triptych       *t,
            Panel          *p,
            AbiertoResults *results,
            double          reserve)
{
  const AbiertoChartStyle *cs = &t->style.chart;
  double scale = CHART_UNIT * t->pt;
  double cw = p->width / scale;
  double avail = panel_room (p, reserve) / scale;
  guint shown = MIN (abierto_results_get_n_rows (results), MAX_CHART_ROWS);

  for (; shown > 0; shown--)
    {
      g_autoptr(AbiertoResults) top = abierto_results_dup_top (results, shown);
      double ch = abierto_chart_get_preferred_height (top, cs, cw);

      if (ch > 0 && ch <= avail)
        {
          cairo_save (t->cr);
          cairo_translate (t->cr, p->x, p->y);
          cairo_scale (t->cr, scale, scale);
          abierto_chart_draw (t->cr, top, cs, cw, ch);
          cairo_restore (t->cr);
          p->y += ch * scale;
          return shown;
        }
    }

  return 0;
}

/* "The chart shows the 5 proposals with the most support, out of 12" */
static char *
dup_chart_note (gboolean kids,
                guint    shown,
                guint    n_rows)
{
  if (kids)
    return g_strdup_printf (ngettext ("The chart shows %u idea we liked most, out of %u.",
                                      "The chart shows the %u ideas we liked most, out of %u.",
                                      shown), shown, n_rows);

  return g_strdup_printf (ngettext ("The chart shows %u proposal with the most support, out of "
                                    "%u.",
                                    "The chart shows the %u proposals with the most support, "
                                    "out of %u.", shown), shown, n_rows);
}

static void
draw_results (Triptych *t,
              Panel    *p)
{
  const AbiertoReportStyle *style = &t->style;
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;
  AbiertoResults *results = t->round != NULL ? t->round->results : NULL;
  g_autofree char *note = NULL;
  guint n_rows, shown;
  double reserve;

  panel_heading (p, kids ? C_("report section", "What we chose")
                         : C_("report section", "Results"), 0);

  if (results == NULL || abierto_results_get_n_voters (results) == 0)
    {
      panel_text (p, ABIERTO_TEXT_BODY,
                  kids ? _("We did not vote this time.")
                       : _("No votes were recorded in this workshop."),
                  TEXT_PLAIN, &style->ink, 0, 3, FALSE, 0);
      return;
    }

  panel_text (p, ABIERTO_TEXT_BODY, t->round->title, TEXT_BOLD, &style->ink, 0, 2, FALSE, 0);
  panel_skip (p, 8);

  n_rows = abierto_results_get_n_rows (results);
  note = dup_chart_note (kids, MIN (n_rows, MAX_CHART_ROWS), n_rows);
  reserve = more_height (p, note);
  shown = draw_chart (t, p, results, reserve);

  if (shown == 0)
    panel_text (p, ABIERTO_TEXT_BODY, _("The chart is in the full report."), TEXT_PLAIN,
                &style->ink, 0, 2, FALSE, 0);
  else if (shown < n_rows)
    {
      g_free (note);
      note = dup_chart_note (kids, shown, n_rows);
      panel_more (p, note);
    }
}

/* Page 2, right: the leading proposals and the commitments */

/* One proposal with its number and what it got, its text cut to as few
 * as one line to fit above @reserve. FALSE when even that does not fit. */
static gboolean
draw_proposal (Triptych                    *t,
               Panel                       *p,
               const char                  *number,
               const char                  *title,
               const char                  *text,
               const char                  *value,
               int                          max_lines,
               double                       reserve)
{
  const AbiertoReportStyle *style = &t->style;
  double badge = badge_size (t, "00");
  double indent = badge + P (t, 8);
  double width = p->width - indent;
  g_autoptr(PangoLayout) title_l = NULL;
  g_autoptr(PangoLayout) text_l = NULL;
  g_autoptr(PangoLayout) value_l = NULL;
  double room = panel_room (p, reserve);
  double fixed = 0, y = p->y;
  int lines;

  if (title != NULL && *title != '\0')
    {
      title_l = text_layout (t, ABIERTO_TEXT_BODY, title, TEXT_BOLD, width, 2);
      fixed += abierto_report_layout_height (title_l);
    }
  if (value != NULL)
    {
      value_l = text_layout (t, ABIERTO_TEXT_SMALL, value, TEXT_PLAIN, width, 1);
      fixed += abierto_report_layout_height (value_l);
    }

  for (lines = max_lines; lines > 0; lines--)
    {
      g_clear_object (&text_l);
      text_l = text_layout (t, ABIERTO_TEXT_BODY, text, TEXT_PLAIN, width, lines);
      if (fixed + abierto_report_layout_height (text_l) <= room)
        break;
    }
  if (lines == 0)
    {
      p->full = TRUE;
      return FALSE;
    }

  draw_badge (t, number, p->x, y, badge);
  if (title_l != NULL)
    y += abierto_report_show (t->cr, title_l, &style->ink, p->x + indent, y);
  y += abierto_report_show (t->cr, text_l, &style->ink, p->x + indent, y);
  if (value_l != NULL)
    y += abierto_report_show (t->cr, value_l, &style->accent, p->x + indent, y);
  p->y = y;
  return TRUE;
}

static char *
dup_more_proposals (gboolean kids,
                    guint    n)
{
  if (kids)
    return g_strdup_printf (ngettext ("And %u more idea: it is in the full report.",
                                      "And %u more ideas: they are in the full report.", n), n);

  return g_strdup_printf (ngettext ("And %u more proposal: it is in the full report.",
                                    "And %u more proposals: they are in the full report.", n), n);
}

static void
draw_commitments (Triptych *t,
                  Panel    *p)
{
  const AbiertoReportData *data = t->data;
  const AbiertoReportStyle *style = &t->style;
  guint n = data->commitments->len, i;

  panel_heading (p, style->short_sentences ? _("What the grown-ups promised")
                                           : C_("report section", "Commitments"), 0);

  for (i = 0; i < n && !p->full; i++)
    {
      const AbiertoReportCommitment *c = g_ptr_array_index (data->commitments, i);
      g_autofree char *more = NULL;
      double reserve = 0;

      if (i + 1 < n)
        {
          more = g_strdup_printf (ngettext ("And %u more commitment: it is in the full report.",
                                            "And %u more commitments: they are in the full "
                                            "report.", n - i - 1), n - i - 1);
          reserve = more_height (p, more);
        }

      if (i > 0)
        panel_skip (p, 8);
      if (!panel_text (p, ABIERTO_TEXT_BODY, c->action, TEXT_BOLD, &style->ink, 0, 3, FALSE,
                       reserve))
        {
          g_autofree char *rest = NULL;

          rest = g_strdup_printf (ngettext ("And %u more commitment: it is in the full report.",
                                            "And %u more commitments: they are in the full "
                                            "report.", n - i), n - i);
          panel_more (p, rest);
          return;
        }
      if (c->institution != NULL && *c->institution != '\0')
        {
          g_autofree char *line = g_strdup_printf (_("Responsible: %s"), c->institution);

          panel_text (p, ABIERTO_TEXT_BODY, line, TEXT_PLAIN, &style->ink, 0, 2, FALSE, reserve);
        }
      if (more != NULL && (p->full || panel_room (p, reserve) < P (t, 36)))
        {
          panel_more (p, more);
          return;
        }
    }
}

static void
draw_proposals (Triptych *t,
                Panel    *p)
{
  const AbiertoReportData *data = t->data;
  const AbiertoReportStyle *style = &t->style;
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;
  gboolean large = style->audience == ABIERTO_AUDIENCE_OLDER_ADULTS;
  gboolean commitments = data->commitments != NULL && data->commitments->len > 0;
  AbiertoResults *results = t->round != NULL ? t->round->results : NULL;
  gboolean voted = results != NULL && abierto_results_get_n_voters (results) > 0;
  guint max_items = commitments ? 3 : (large ? 4 : 5);
  int max_lines = large ? 3 : 4;
  /* room kept for the commitments: their heading and one of them */
  double keep = commitments ? P (t, large ? 150 : 120) : 0;
  g_autofree char *worst = dup_more_proposals (kids, MAX (data->n_proposals, 2));
  double reserve = more_height (p, worst) + keep;
  guint shown = 0, i, j;

  if (voted)
    panel_heading (p, kids ? _("Our favourite ideas") : _("The leading proposals"), reserve);
  else
    panel_heading (p, kids ? _("Our ideas") : C_("triptych", "The proposals"), reserve);

  if (data->n_proposals == 0)
    panel_text (p, ABIERTO_TEXT_BODY,
                kids ? _("We did not write down any ideas.") : _("No proposals were written down."),
                TEXT_PLAIN, &style->ink, 0, 2, FALSE, keep);
  else if (voted)
    {
      guint n_rows = abierto_results_get_n_rows (results);

      for (i = 0; i < n_rows && shown < max_items && !p->full; i++)
        {
          const AbiertoResultRow *row = abierto_results_get_row (results, i);
          const AbiertoReportProposal *proposal = NULL;
          g_autofree char *number = g_strdup_printf ("%u", row->rank);
          g_autofree char *value = _abierto_document_row_value (results, row);

          if (row->proposal_uuid != NULL)
            proposal = g_hash_table_lookup (t->by_uuid, row->proposal_uuid);
          if (i > 0)
            panel_skip (p, 10);
          if (draw_proposal (t, p, number,
                             proposal != NULL ? proposal->title : NULL,
                             proposal != NULL ? proposal->text : row->label,
                             value, max_lines, reserve))
            shown++;
        }
    }
  else
    {
      for (i = 0; data->categories != NULL && i < data->categories->len; i++)
        {
          const AbiertoReportCategory *category = g_ptr_array_index (data->categories, i);

          for (j = 0; category->proposals != NULL && j < category->proposals->len; j++)
            {
              const AbiertoReportProposal *proposal = g_ptr_array_index (category->proposals, j);
              g_autofree char *number = g_strdup_printf ("%u", shown + 1);

              if (shown >= max_items || p->full)
                break;
              if (shown > 0)
                panel_skip (p, 10);
              if (draw_proposal (t, p, number, proposal->title, proposal->text, NULL, max_lines,
                                 reserve))
                shown++;
            }
        }
    }

  if (shown < data->n_proposals)
    {
      g_autofree char *more = dup_more_proposals (kids, data->n_proposals - shown);

      panel_more (p, more);
    }

  if (commitments)
    {
      p->full = FALSE;
      draw_commitments (t, p);
    }
}

/* Rendering */

static gboolean
finish_panel (Triptych  *t,
              Panel     *p,
              guint      done,
              GError   **error)
{
  panel_end (p);
  _abierto_document_progress (&t->ctx, done / 6.0);
  return !_abierto_document_check_cancelled (&t->ctx, error);
}

static void
triptych_init (Triptych             *t,
               AbiertoRenderContext *ctx)
{
  double min = ctx->style->audience == ABIERTO_AUDIENCE_OLDER_ADULTS ? MIN_TEXT_LARGE : MIN_TEXT;
  double chart_min;
  guint i, j;

  memset (t, 0, sizeof *t);
  t->ctx = *ctx;
  t->style = *ctx->style;
  /* the chart's caption does not count a small group */
  t->style.chart.threshold = ctx->data->threshold;
  t->ctx.style = &t->style;
  t->cr = ctx->cr;
  t->data = ctx->data;
  t->pt = ctx->pt;

  /* a leaflet is read in the hand: no text below the body minimum, not
   * even a caption or the smallest label of the chart */
  t->style.body_size = MAX (t->style.body_size, min);
  t->style.small_size = MAX (t->style.small_size, min);
  chart_min = ceil (min / (CHART_SMALLEST * (t->style.chart.large ? CHART_LARGE : 1.0)));
  /* large print scales a chart's text up already: its panel is narrow */
  if (t->style.chart.large)
    t->style.chart.font_size = chart_min;
  else
    t->style.chart.font_size = MAX (t->style.chart.font_size, chart_min);
  /* a title for a panel a third of the page wide */
  t->style.title_size = MAX (t->style.heading_size + 6, t->style.title_size * 0.85);

  t->round = _abierto_document_main_round (t->data);
  t->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; t->data->categories != NULL && i < t->data->categories->len; i++)
    {
      const AbiertoReportCategory *category = g_ptr_array_index (t->data->categories, i);

      for (j = 0; category->proposals != NULL && j < category->proposals->len; j++)
        {
          AbiertoReportProposal *proposal = g_ptr_array_index (category->proposals, j);

          if (proposal->uuid != NULL)
            g_hash_table_insert (t->by_uuid, proposal->uuid, proposal);
        }
    }
}

static void
triptych_clear (Triptych *t)
{
  g_clear_pointer (&t->by_uuid, g_hash_table_unref);
}

static gboolean
render (Triptych  *t,
        GError   **error)
{
  Panel p;

  /* page 1, the outside: the flap, the back, the cover */
  panel_begin (&p, t, 0);
  draw_flap (t, &p);
  if (!finish_panel (t, &p, 1, error))
    return FALSE;

  panel_begin (&p, t, 1);
  draw_back (t, &p);
  if (!finish_panel (t, &p, 2, error))
    return FALSE;

  panel_begin (&p, t, 2);
  draw_cover (t, &p);
  if (!finish_panel (t, &p, 3, error))
    return FALSE;

  cairo_show_page (t->cr);
  if (t->ctx.first_page_only)
    return TRUE;

  /* page 2, the inside, read from left to right */
  panel_begin (&p, t, 0);
  draw_about (t, &p);
  if (!finish_panel (t, &p, 4, error))
    return FALSE;

  panel_begin (&p, t, 1);
  draw_results (t, &p);
  if (!finish_panel (t, &p, 5, error))
    return FALSE;

  panel_begin (&p, t, 2);
  draw_proposals (t, &p);
  if (!finish_panel (t, &p, 6, error))
    return FALSE;

  cairo_show_page (t->cr);
  return TRUE;
}

gboolean
_abierto_triptych_render (AbiertoRenderContext *ctx,
                          GError              **error)
{
  Triptych t;
  gboolean ok;

  g_return_val_if_fail (ctx != NULL && ctx->cr != NULL && ctx->data != NULL, FALSE);
  g_return_val_if_fail (ctx->style != NULL && ctx->options != NULL, FALSE);

  if (_abierto_document_check_cancelled (ctx, error))
    return FALSE;
  _abierto_document_progress (ctx, 0);

  triptych_init (&t, ctx);
  ok = render (&t, error);
  triptych_clear (&t);
  if (!ok)
    return FALSE;

  if (cairo_status (ctx->cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the tríptico: %s"),
                   cairo_status_to_string (cairo_status (ctx->cr)));
      return FALSE;
    }

  _abierto_document_progress (ctx, 1.0);
  return TRUE;
}
