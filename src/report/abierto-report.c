/* abierto-report.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printed report: a cover, the workshop in plain words, who took
 * part, a page per voting round, every proposal in full, the commitments
 * and the licence. Text flows from page to page a line at a time, so a
 * proposal of any length is printed whole and never leaves the margins.
 * The document is laid out once, each page drawn into a recording
 * surface; once the number of pages is known, the pages are played back
 * onto the document with what depends on it: "Página N de M" in the
 * footers, the page numbers of the contents, and the links.
 */

#define G_LOG_DOMAIN "abierto-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "abierto-document-private.h"

/* in points */
#define MARGIN_SIDE    54.0
#define MARGIN_TOP     54.0
#define MARGIN_BOTTOM  42.0
#define FOOTER_GAP     16.0
#define NUMBER_COLUMN  34.0
/* chart user units are pixels at 96 per inch */
#define CHART_UNIT     0.75
/* the fewest rows a cut chart shows; fewer and it waits for a new page */
#define MIN_CHART_ROWS 3
/* the most rows a chart shows: more would not fit a page at a readable
 * size, and the table lists them all */
#define MAX_CHART_ROWS 15

typedef enum
{
  SECTION_CONTEXT,
  SECTION_PARTICIPATION,
  SECTION_RESULTS,
  SECTION_PROPOSALS,
  SECTION_COMMITMENTS,
  SECTION_LICENSE,
  N_SECTIONS
} Section;

typedef struct
{
  char  *title;
  guint  page;
  double y;
  int    parent;  /* index of the parent entry, or -1 */
} OutlineEntry;

/* A link on a page, made when the pages are played back. */
typedef struct
{
  guint             page;
  cairo_rectangle_t area;
  char             *uri;
} Link;

typedef struct
{
  AbiertoRenderContext     *ctx;
  cairo_t                  *cr;         /* owned: draws the current page, NULL
                                         * when not drawing; text is measured
                                         * on ctx->cr */
  const AbiertoReportStyle *style;      /* borrowed */
  AbiertoChartStyle         chart;      /* with the privacy threshold */
  double                    pt;
  double                    left;       /* the text block, in surface units */
  double                    right;
  double                    top;
  double                    bottom;
  double                    y;          /* where the next thing goes */
  double                    keep_h;     /* three lines of body text */
  double                    contents_y; /* where the cover's contents go */
  guint                     page;       /* 1-based */
  gboolean                  page_dirty; /* something was put on this page */
  guint                     section_pages[N_SECTIONS];
  GArray                   *outline;    /* OutlineEntry */
  GPtrArray                *pages;      /* recording surfaces, one per page */
  GArray                   *links;      /* Link */
  const char               *link_uri;   /* borrowed: the text laid out now links there */
  GError                   *error;
} Flow;

/* Shared words */

char *
_abierto_document_people (const AbiertoReportData *data)
{
  if (data->participants_suppressed)
    return g_strdup_printf (_("Fewer than %u participants"), data->threshold);

  return g_strdup_printf (ngettext ("%u participant", "%u participants", data->n_participants),
                          data->n_participants);
}

char *
_abierto_document_method_text (const AbiertoReportStyle *style,
                               AbiertoResults           *results)
{
  guint dots = abierto_results_get_dots (results);
  guint points = abierto_results_get_points (results);
  gboolean simple = style != NULL && style->short_sentences;

  switch (abierto_results_get_method (results))
    {
    case ABIERTO_METHOD_DOT:
      if (simple)
        return g_strdup_printf (ngettext ("We each had %u sticker. We stuck it on the idea we "
                                          "liked best. The idea with the most stickers comes "
                                          "first.",
                                          "We each had %u stickers. We stuck them on the ideas we "
                                          "liked best. The idea with the most stickers comes "
                                          "first.", dots), dots);
      return g_strdup_printf (ngettext ("Dot voting: each person had %u dot to place on the "
                                        "proposal they liked most. The proposal with the most "
                                        "dots comes first.",
                                        "Dot voting: each person had %u dots to place on the "
                                        "proposals they liked most, and could put more than one "
                                        "on the same proposal. The proposal with the most dots "
                                        "comes first.", dots), dots);

    case ABIERTO_METHOD_APPROVAL:
      if (simple)
        return g_strdup (_("We said “yes” to every idea we liked. The idea with the most “yes” "
                           "comes first."));
      return g_strdup (_("Approval voting: each person said “yes” to every proposal they agreed "
                         "with, as many as they wanted. The proposal with the most “yes” comes "
                         "first."));

    case ABIERTO_METHOD_SCALE:
      if (points == 3)
        {
          if (simple)
            return g_strdup (_("We chose a face for each idea: sad, so-so or happy. The ideas "
                               "with the happiest faces come first."));
          return g_strdup (_("Faces: each person chose a sad, a so-so or a happy face for each "
                             "proposal. Proposals are ordered by their average, from 1 (sad) to "
                             "3 (happy)."));
        }
      if (simple)
        return g_strdup_printf (_("We said how much we liked each idea, from 1 to %u. The ideas "
                                  "we liked most come first."), points);
      return g_strdup_printf (_("Scale: each person said how much they agreed with each "
                                "proposal, from 1 (not at all) to %u (completely). Proposals are "
                                "ordered by their average rating."), points);

    case ABIERTO_METHOD_RANKING:
      if (simple)
        return g_strdup (_("We put the ideas in order, from the one we liked most to the one we "
                           "liked least. A first place earns the most points."));
      return g_strdup (_("Ranking: each person put the proposals in order, from the one they "
                         "liked most to the one they liked least. Each place earns points, a "
                         "first place the most, and the points are added up (a Borda count)."));

    case ABIERTO_METHOD_TALLY:
    default:
      if (simple)
        return g_strdup (_("We raised our hands for the ideas we liked. The idea with the most "
                           "hands comes first."));
      return g_strdup (_("Show of hands: the facilitators counted the raised hands for each "
                         "proposal. The proposal with the most hands comes first."));
    }
}

char *
_abierto_document_row_value (AbiertoResults         *results,
                             const AbiertoResultRow *row)
{
  guint score = (guint) MAX (round (row->score), 0);

  switch (abierto_results_get_method (results))
    {
    case ABIERTO_METHOD_DOT:
      return g_strdup_printf (ngettext ("%u dot", "%u dots", score), score);
    case ABIERTO_METHOD_APPROVAL:
      return g_strdup_printf (ngettext ("%u approval", "%u approvals", score), score);
    case ABIERTO_METHOD_SCALE:
      /* Translators: an average rating, as in "4.2 de 5" */
      return g_strdup_printf (C_("rating", "%.1f of %u"), row->mean,
                              abierto_results_get_points (results));
    case ABIERTO_METHOD_RANKING:
      return g_strdup_printf (ngettext ("%u point", "%u points", score), score);
    case ABIERTO_METHOD_TALLY:
    default:
      return g_strdup_printf (ngettext ("%u hand", "%u hands", score), score);
    }
}

const AbiertoReportRound *
_abierto_document_main_round (const AbiertoReportData *data)
{
  guint i;

  if (data->rounds == NULL || data->rounds->len == 0)
    return NULL;

  for (i = data->rounds->len; i > 0; i--)
    {
      const AbiertoReportRound *round = g_ptr_array_index (data->rounds, i - 1);

      if (round->results != NULL && abierto_results_get_n_voters (round->results) > 0)
        return round;
    }

  return g_ptr_array_index (data->rounds, data->rounds->len - 1);
}

gboolean
_abierto_document_show_place (const AbiertoRenderContext *ctx)
{
  if (ctx->data->place == NULL || *ctx->data->place == '\0')
    return FALSE;

  return ctx->options->audience != ABIERTO_AUDIENCE_WOMEN_REENTRY || ctx->options->show_place;
}

PangoLayout *
_abierto_document_layout_lines (const AbiertoRenderContext *ctx,
                                AbiertoTextRole             role,
                                const char                 *text,
                                double                      width,
                                int                         max_lines)
{
  PangoLayout *layout = abierto_report_layout (ctx->cr, ctx->style, ctx->pt, role, text, width);

  if (max_lines > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }

  return layout;
}

/* The attributes of a cairo link tag to @uri, over @area if not NULL. */
static char *
link_attributes (const char              *uri,
                 const cairo_rectangle_t *area)
{
  GString *attributes = g_string_new ("uri='");
  const char *p;

  /* a quoted cairo attribute: escape quotes and backslashes */
  for (p = uri; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (attributes, '\\');
      g_string_append_c (attributes, *p);
    }
  g_string_append_c (attributes, '\'');

  if (area != NULL)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (attributes, " rect=[%s %s %s %s]",
                              g_ascii_formatd (x, sizeof x, "%.2f", area->x),
                              g_ascii_formatd (y, sizeof y, "%.2f", area->y),
                              g_ascii_formatd (w, sizeof w, "%.2f", area->width),
                              g_ascii_formatd (h, sizeof h, "%.2f", area->height));
    }

  return g_string_free (attributes, FALSE);
}

void
_abierto_document_link_begin (const AbiertoRenderContext *ctx,
                              const char                 *uri)
{
  g_autofree char *attributes = NULL;

  if (ctx->surface_type != CAIRO_SURFACE_TYPE_PDF || uri == NULL)
    return;

  attributes = link_attributes (uri, NULL);
  cairo_tag_begin (ctx->cr, CAIRO_TAG_LINK, attributes);
}

void
_abierto_document_link_end (const AbiertoRenderContext *ctx)
{
  if (ctx->surface_type == CAIRO_SURFACE_TYPE_PDF)
    cairo_tag_end (ctx->cr, CAIRO_TAG_LINK);
}

void
_abierto_document_draw_face (cairo_t          *cr,
                             const AbiertoRgb *rgb,
                             double            x,
                             double            y,
                             double            size)
{
  double r = size / 2;
  double cx = x + r, cy = y + r;

  cairo_save (cr);
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
  cairo_set_line_width (cr, size * 0.07);
  cairo_arc (cr, cx, cy, r - size * 0.04, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_arc (cr, cx - r * 0.35, cy - r * 0.2, size * 0.06, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, cx + r * 0.35, cy - r * 0.2, size * 0.06, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_arc (cr, cx, cy + r * 0.05, r * 0.45, G_PI * 0.2, G_PI * 0.8);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
_abierto_document_draw_person (cairo_t          *cr,
                               const AbiertoRgb *rgb,
                               double            x,
                               double            y,
                               double            size)
{
  double w = size * 0.6;
  double cx = x + size / 2;

  cairo_save (cr);
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
  cairo_arc (cr, cx, y + size * 0.2, size * 0.18, 0, 2 * G_PI);
  cairo_fill (cr);
  /* shoulders: a rounded top on a body */
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, y + size * 0.68, w / 2, G_PI, 2 * G_PI);
  cairo_line_to (cr, cx + w / 2, y + size);
  cairo_line_to (cr, cx - w / 2, y + size);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
}

gboolean
_abierto_document_check_cancelled (const AbiertoRenderContext *ctx,
                                   GError                    **error)
{
  return g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

void
_abierto_document_progress (const AbiertoRenderContext *ctx,
                            double                      fraction)
{
  if (ctx->progress != NULL)
    ctx->progress (CLAMP (fraction, 0.0, 1.0), ctx->progress_data);
}

/* The flow of pages */

static void
outline_entry_clear (gpointer data)
{
  OutlineEntry *entry = data;

  g_free (entry->title);
}

static void
link_clear (gpointer data)
{
  Link *link = data;

  g_free (link->uri);
}

static gboolean
flow_drawing (Flow *f)
{
  return f->cr != NULL;
}

static double
P (Flow   *f,
   double  points)
{
  return points * f->pt;
}

static void
set_rgb (cairo_t          *cr,
         const AbiertoRgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
}

/* The footer of page @page of @n_pages, on @cr; @about is the line on
 * the left, the same on every page. */
static void
draw_footer (Flow        *f,
             cairo_t     *cr,
             PangoLayout *about,
             guint        page,
             guint        n_pages)
{
  const AbiertoReportStyle *style = f->style;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *text = NULL;
  double y, right_w;
  int w;

  /* Translators: the footer of each page of the report */
  text = g_strdup_printf (C_("report footer", "Page %u of %u"), page, n_pages);
  right = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_SMALL, text, -1);
  pango_layout_get_size (right, &w, NULL);
  right_w = (double) w / PANGO_SCALE;

  y = f->ctx->height - P (f, MARGIN_BOTTOM) - abierto_report_layout_height (right);

  cairo_save (cr);
  set_rgb (cr, &style->muted);
  cairo_set_line_width (cr, P (f, 0.5));
  cairo_move_to (cr, f->left, y - P (f, 6));
  cairo_line_to (cr, f->right, y - P (f, 6));
  cairo_stroke (cr);
  cairo_restore (cr);

  abierto_report_show (cr, about, &style->muted, f->left, y);
  abierto_report_show (cr, right, &style->muted, f->right - right_w, y);
}

/* Starts recording a page, unless a preview has its first page. */
static void
flow_begin_page (Flow *f)
{
  cairo_rectangle_t extents = { 0, 0, f->ctx->width, f->ctx->height };
  cairo_surface_t *page;

  /* a preview past page 1 only measures, for the contents */
  if (f->ctx->first_page_only && f->pages->len > 0)
    return;

  page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  g_ptr_array_add (f->pages, page);
  f->cr = cairo_create (page);
}

static void
flow_end_page (Flow *f)
{
  if (f->cr == NULL)
    return;

  if (cairo_status (f->cr) != CAIRO_STATUS_SUCCESS && f->error == NULL)
    g_set_error (&f->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not draw the report: %s"),
                 cairo_status_to_string (cairo_status (f->cr)));
  g_clear_pointer (&f->cr, cairo_destroy);
}

static void
flow_init (Flow                 *f,
           AbiertoRenderContext *ctx)
{
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(PangoLayout) body = NULL;

  memset (f, 0, sizeof *f);
  f->ctx = ctx;
  f->style = ctx->style;
  f->chart = ctx->style->chart;
  f->chart.threshold = ctx->data->threshold;
  f->pt = ctx->pt;
  f->left = P (f, MARGIN_SIDE);
  f->right = ctx->width - P (f, MARGIN_SIDE);
  f->top = P (f, MARGIN_TOP);

  /* the footer takes a line of small text and a rule above the margin */
  probe = abierto_report_layout (ctx->cr, f->style, f->pt, ABIERTO_TEXT_SMALL, "Ág", -1);
  f->bottom = ctx->height - P (f, MARGIN_BOTTOM) - abierto_report_layout_height (probe)
              - P (f, FOOTER_GAP + 6);
  /* what a heading keeps with it */
  body = abierto_report_layout (ctx->cr, f->style, f->pt, ABIERTO_TEXT_BODY, "Ág\nÁg\nÁg", -1);
  f->keep_h = abierto_report_layout_height (body);
  f->y = f->top;
  f->page = 1;
  f->outline = g_array_new (FALSE, TRUE, sizeof (OutlineEntry));
  g_array_set_clear_func (f->outline, outline_entry_clear);
  f->links = g_array_new (FALSE, TRUE, sizeof (Link));
  g_array_set_clear_func (f->links, link_clear);
  f->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  flow_begin_page (f);
}

static void
flow_clear (Flow *f)
{
  g_clear_pointer (&f->cr, cairo_destroy);
  g_clear_pointer (&f->pages, g_ptr_array_unref);
  g_clear_pointer (&f->links, g_array_unref);
  g_clear_pointer (&f->outline, g_array_unref);
  g_clear_error (&f->error);
}

static gboolean
flow_failed (Flow *f)
{
  return f->error != NULL;
}

static void
flow_new_page (Flow *f)
{
  flow_end_page (f);

  f->page++;
  f->y = f->top;
  f->page_dirty = FALSE;

  if (f->error == NULL)
    _abierto_document_check_cancelled (f->ctx, &f->error);
  if (f->error == NULL)
    flow_begin_page (f);
}

/* Starts a new page unless this one is still empty. */
static void
flow_fresh_page (Flow *f)
{
  if (f->page_dirty)
    flow_new_page (f);
}

/* Makes room for @height, on a new page if needed. */
static void
flow_need (Flow   *f,
           double  height)
{
  if (f->y + height > f->bottom && f->page_dirty)
    flow_new_page (f);
}

static void
flow_skip (Flow   *f,
           double  points)
{
  if (f->page_dirty)
    f->y = MIN (f->y + P (f, points), f->bottom);
}

static int
flow_outline (Flow       *f,
              int         parent,
              const char *title)
{
  OutlineEntry entry = { g_strdup (title), f->page, f->y, parent };

  g_array_append_val (f->outline, entry);
  return (int) f->outline->len - 1;
}

/* The height of the first @n lines of @layout. */
static double
first_lines_height (PangoLayout *layout,
                    int          n)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int y0, y1 = 0, i = 0;

  do
    {
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      i++;
    }
  while (i < n && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return (double) y1 / PANGO_SCALE;
}

/* Puts @layout at @x, a line at a time, going on to new pages as needed:
 * a line is never cut, and never crosses the bottom of the text block. */
static void
flow_layout (Flow             *f,
             PangoLayout      *layout,
             const AbiertoRgb *rgb,
             double            x)
{
  PangoLayoutIter *iter;
  double origin = f->y;  /* where layout y = @offset lands on this page */
  double offset = 0;
  int y0, y1;

  /* no orphan: the first two lines go together */
  flow_need (f, first_lines_height (layout, 2));
  origin = f->y;

  iter = pango_layout_get_iter (layout);
  do
    {
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;

      if (origin + bottom - offset > f->bottom && (f->page_dirty || top > offset))
        {
          flow_new_page (f);
          origin = f->y;
          offset = top;
        }

      if (flow_drawing (f))
        {
          PangoRectangle logical;
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_save (f->cr);
          set_rgb (f->cr, rgb);
          cairo_move_to (f->cr, x + (double) logical.x / PANGO_SCALE,
                         origin + baseline - offset);
          pango_cairo_show_layout_line (f->cr, pango_layout_iter_get_line_readonly (iter));
          cairo_restore (f->cr);

          if (f->link_uri != NULL && f->ctx->surface_type == CAIRO_SURFACE_TYPE_PDF)
            {
              Link link = {
                f->page,
                { x + (double) logical.x / PANGO_SCALE, origin + top - offset,
                  (double) logical.width / PANGO_SCALE, bottom - top },
                g_strdup (f->link_uri),
              };

              g_array_append_val (f->links, link);
            }
        }
      f->page_dirty = TRUE;
      f->y = origin + bottom - offset;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
flow_text (Flow             *f,
           AbiertoTextRole   role,
           const char       *text,
           const AbiertoRgb *rgb,
           double            indent)
{
  g_autoptr(PangoLayout) layout = NULL;

  layout = abierto_report_layout (f->ctx->cr, f->style, f->pt, role, text,
                                  f->right - f->left - indent);
  if (f->link_uri != NULL)
    abierto_report_layout_set_url (layout);
  flow_layout (f, layout, rgb, f->left + indent);
}

static void
flow_text_bold (Flow             *f,
                const char       *text,
                const AbiertoRgb *rgb,
                double            indent)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) bold = NULL;

  layout = abierto_report_layout (f->ctx->cr, f->style, f->pt, ABIERTO_TEXT_BODY, text,
                                  f->right - f->left - indent);
  bold = pango_font_description_copy (pango_layout_get_font_description (layout));
  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, bold);
  flow_layout (f, layout, rgb, f->left + indent);
}

/* @uri written out as a link to itself. */
static void
flow_link (Flow       *f,
           const char *uri)
{
  f->link_uri = uri;
  flow_text (f, ABIERTO_TEXT_BODY, uri, &f->style->accent, 0);
  f->link_uri = NULL;
}

/* A heading, kept with the start of what follows. */
static void
flow_heading (Flow            *f,
              AbiertoTextRole  role,
              const char      *text,
              double           space_before)
{
  g_autoptr(PangoLayout) layout = NULL;

  layout = abierto_report_layout (f->ctx->cr, f->style, f->pt, role, text, f->right - f->left);

  flow_need (f, P (f, space_before) + abierto_report_layout_height (layout) + f->keep_h);
  flow_skip (f, space_before);
  flow_layout (f, layout, role == ABIERTO_TEXT_TITLE ? &f->style->ink : &f->style->accent,
               f->left);
  f->y += P (f, role == ABIERTO_TEXT_TITLE ? 12 : 6);
}

/* The heading of a section: on a fresh page, with an accent rule. */
static void
flow_section (Flow       *f,
              Section     section,
              const char *title,
              gboolean    new_page)
{
  if (new_page)
    flow_fresh_page (f);
  else
    flow_need (f, P (f, 160));
  flow_skip (f, 18);

  f->section_pages[section] = f->page;
  flow_outline (f, -1, title);

  if (flow_drawing (f))
    {
      cairo_save (f->cr);
      set_rgb (f->cr, &f->style->accent);
      cairo_rectangle (f->cr, f->left, f->y, P (f, 48), P (f, 4));
      cairo_fill (f->cr);
      cairo_restore (f->cr);
    }
  f->y += P (f, 14);
  f->page_dirty = TRUE;
  flow_heading (f, ABIERTO_TEXT_TITLE, title, 0);
}

static const char *
section_title (const AbiertoReportStyle *style,
               Section                   section)
{
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;

  switch (section)
    {
    case SECTION_CONTEXT:
      return kids ? C_("report section", "What we did") : C_("report section", "About the workshop");
    case SECTION_PARTICIPATION:
      return kids ? C_("report section", "Who we are") : C_("report section", "Who took part");
    case SECTION_RESULTS:
      return kids ? C_("report section", "What we chose") : C_("report section", "Results");
    case SECTION_PROPOSALS:
      return kids ? C_("report section", "All our ideas") : C_("report section", "All the proposals");
    case SECTION_COMMITMENTS:
      return kids ? C_("report section", "What will happen now")
                  : C_("report section", "Commitments");
    case SECTION_LICENSE:
    case N_SECTIONS:
    default:
      return kids ? C_("report section", "About this document")
                  : C_("report section", "Licence and method");
    }
}

/* Cover */

static double
draw_label_value (Flow       *f,
                  const char *label,
                  const char *value,
                  double      x,
                  double      y,
                  double      width,
                  gboolean    draw)
{
  g_autoptr(PangoLayout) l = NULL;
  g_autoptr(PangoLayout) v = NULL;
  double h;

  l = abierto_report_layout (f->ctx->cr, f->style, f->pt, ABIERTO_TEXT_SMALL, label, width);
  v = abierto_report_layout (f->ctx->cr, f->style, f->pt, ABIERTO_TEXT_BODY, value, width);
  h = abierto_report_layout_height (l) + P (f, 1) + abierto_report_layout_height (v);
  if (draw)
    {
      double lh = abierto_report_show (f->cr, l, &f->style->muted, x, y);

      abierto_report_show (f->cr, v, &f->style->ink, x, y + lh + P (f, 1));
    }

  return h;
}

static void
draw_motif (Flow   *f,
            double  x,
            double  y,
            double  size)
{
  static const AbiertoPaletteColor colors[] = {
    ABIERTO_PALETTE_BLUE, ABIERTO_PALETTE_ORANGE, ABIERTO_PALETTE_BLUISH_GREEN,
    ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_SKY_BLUE,
  };
  static const double heights[] = { 0.55, 1.0, 0.75, 0.4, 0.65 };
  double bar = size / 7;
  guint i;

  if (f->style->faces)
    {
      /* three friendly faces for children and general audiences */
      for (i = 0; i < 3; i++)
        {
          AbiertoRgb rgb;

          abierto_palette_get_rgb (colors[i], &rgb);
          _abierto_document_draw_face (f->cr, &rgb, x + i * size / 3, y + size / 3, size / 3.4);
        }
      return;
    }

  /* bars of a chart: a neutral sign, no people */
  for (i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      AbiertoRgb rgb;
      double h = heights[i] * size;

      abierto_palette_get_rgb (colors[i], &rgb);
      set_rgb (f->cr, &rgb);
      cairo_rectangle (f->cr, x + i * bar * 1.4, y + size - h, bar, h);
      cairo_fill (f->cr);
    }
}

static void
draw_cover (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  gboolean draw = flow_drawing (f);
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;
  double width = f->right - f->left;
  double y = f->top;
  double motif = P (f, 64);
  g_autoptr(PangoLayout) kicker = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autofree char *date = abierto_report_format_date (data->date);
  guint n_rounds = data->rounds != NULL ? data->rounds->len : 0;

  f->page_dirty = TRUE;
  flow_outline (f, -1, data->title != NULL && *data->title != '\0' ? data->title
                                                                 : C_("report", "Cover"));

  if (draw)
    draw_motif (f, f->right - motif, y, motif);

  kicker = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_SMALL,
                                  kids ? _("Our workshop · What we decided")
                                       : _("Open-government workshop · Results report"),
                                  width - motif - P (f, 12));
  {
    g_autoptr(PangoFontDescription) bold =
      pango_font_description_copy (pango_layout_get_font_description (kicker));

    pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description (kicker, bold);
  }
  if (draw)
    abierto_report_show (f->cr, kicker, &style->accent, f->left, y + motif / 2);
  y += motif + P (f, 24);

  if (draw)
    {
      set_rgb (f->cr, &style->accent);
      cairo_rectangle (f->cr, f->left, y, P (f, 64), P (f, 6));
      cairo_fill (f->cr);
    }
  y += P (f, 22);

  title = _abierto_document_layout_lines (f->ctx, ABIERTO_TEXT_TITLE, data->title, width, 5);
  pango_layout_set_line_spacing (title, 1.1f);
  if (draw)
    abierto_report_show (f->cr, title, &style->ink, f->left, y);
  y += abierto_report_layout_height (title) + P (f, 16);

  if (data->question != NULL && *data->question != '\0')
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", data->question);
      g_autoptr(PangoLayout) question = NULL;
      g_autoptr(PangoFontDescription) font = NULL;

      question = _abierto_document_layout_lines (f->ctx, ABIERTO_TEXT_HEADING, quoted, width, 6);
      font = pango_font_description_copy (pango_layout_get_font_description (question));
      pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
      pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
      pango_layout_set_font_description (question, font);
      if (draw)
        abierto_report_show (f->cr, question, &style->accent, f->left, y);
      y += abierto_report_layout_height (question) + P (f, 28);
    }

  /* the facts, in a tinted box of two columns */
  {
    const char *labels[4];
    const char *values[4];
    guint n = 0, i;
    double pad = P (f, 16);
    double col_w = (width - 3 * pad) / 2;
    double heights[4] = { 0 };
    double box_h;

    if (date != NULL)
      {
        labels[n] = C_("report cover", "Date");
        values[n++] = date;
      }
    if (_abierto_document_show_place (f->ctx))
      {
        labels[n] = C_("report cover", "Place");
        values[n++] = data->place;
      }
    /* discreet for women in reentry: the group is not named */
    if (style->audience != ABIERTO_AUDIENCE_WOMEN_REENTRY)
      {
        labels[n] = C_("report cover", "Group");
        values[n++] = abierto_group_get_label (data->group);
      }
    if (data->facilitators != NULL && *data->facilitators != '\0')
      {
        labels[n] = C_("report cover", "Facilitated by");
        values[n++] = data->facilitators;
      }

    for (i = 0; i < n; i++)
      heights[i] = draw_label_value (f, labels[i], values[i], 0, 0, col_w, FALSE);
    box_h = pad;
    for (i = 0; i < n; i += 2)
      box_h += MAX (heights[i], i + 1 < n ? heights[i + 1] : 0) + pad;

    if (n > 0)
      {
        double row_y = y + pad;

        if (draw)
          {
            set_rgb (f->cr, &style->band);
            cairo_rectangle (f->cr, f->left, y, width, box_h);
            cairo_fill (f->cr);
          }
        for (i = 0; i < n; i += 2)
          {
            draw_label_value (f, labels[i], values[i], f->left + pad, row_y, col_w, draw);
            if (i + 1 < n)
              draw_label_value (f, labels[i + 1], values[i + 1], f->left + 2 * pad + col_w,
                                row_y, col_w, draw);
            row_y += MAX (heights[i], i + 1 < n ? heights[i + 1] : 0) + pad;
          }
        y += box_h + P (f, 28);
      }
  }

  /* three figures */
  {
    g_autofree char *people = NULL;
    g_autofree char *proposals = g_strdup_printf ("%u", data->n_proposals);
    g_autofree char *rounds = g_strdup_printf ("%u", n_rounds);
    const char *numbers[3];
    const char *captions[3];
    double col_w = (width - P (f, 24)) / 3;
    double row_h = 0;
    guint i;

    {
      AbiertoReportCount total = {
        NULL, data->n_participants, data->participants_suppressed,
      };

      g_autofree char *count = abierto_report_count_format (data, &total);
      g_auto(GStrv) words = g_strsplit (count, " ", -1);

      /* "menos de 5", as every suppressed count, on one line */
      people = g_strjoinv ("\u00a0", words);
    }

    numbers[0] = people;
    captions[0] = data->participants_suppressed
                  ? _("participants")
                  : ngettext ("participant", "participants", data->n_participants);
    numbers[1] = proposals;
    captions[1] = kids ? ngettext ("idea written down", "ideas written down", data->n_proposals)
                       : ngettext ("proposal written down", "proposals written down",
                                   data->n_proposals);
    numbers[2] = rounds;
    captions[2] = ngettext ("voting round", "voting rounds", n_rounds);

    for (i = 0; i < 3; i++)
      {
        g_autoptr(PangoLayout) number = NULL;
        g_autoptr(PangoLayout) caption = NULL;
        double x = f->left + i * (col_w + P (f, 12));
        double h;

        /* words take a smaller size than a figure to fit the column */
        number = abierto_report_layout (f->ctx->cr, style, f->pt,
                                        i == 0 && data->participants_suppressed
                                        ? ABIERTO_TEXT_HEADING : ABIERTO_TEXT_TITLE,
                                        numbers[i], col_w - P (f, 10));
        caption = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, captions[i],
                                         col_w - P (f, 10));
        h = abierto_report_layout_height (number) + abierto_report_layout_height (caption);
        if (draw)
          {
            set_rgb (f->cr, &style->accent);
            cairo_rectangle (f->cr, x, y, P (f, 3), h);
            cairo_fill (f->cr);
            abierto_report_show (f->cr, number, &style->accent, x + P (f, 10), y);
            abierto_report_show (f->cr, caption, &style->ink, x + P (f, 10),
                                 y + abierto_report_layout_height (number));
          }
        row_h = MAX (row_h, h);
      }
    y += row_h + P (f, 32);
  }

  /* the contents, drawn once their pages are known */
  f->contents_y = y;
  f->y = f->bottom;
}

/* The contents of the report on the cover, on @cr. */
static void
draw_contents (Flow    *f,
               cairo_t *cr)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  double width = f->right - f->left;
  double y = f->contents_y;
  guint n_rounds = data->rounds != NULL ? data->rounds->len : 0;
  g_autoptr(PangoLayout) heading = NULL;
  Section s;

  heading = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_HEADING,
                                   C_("report cover", "Contents"), width);
  if (y + abierto_report_layout_height (heading) < f->bottom)
    abierto_report_show (cr, heading, &style->accent, f->left, y);
  y += abierto_report_layout_height (heading) + P (f, 6);

  for (s = 0; s < N_SECTIONS; s++)
    {
      g_autoptr(PangoLayout) entry = NULL;
      g_autoptr(PangoLayout) number = NULL;
      g_autofree char *page = NULL;
      int w;
      double h;

      if (s == SECTION_COMMITMENTS && (data->commitments == NULL || data->commitments->len == 0))
        continue;
      if (s == SECTION_RESULTS && n_rounds == 0)
        continue;

      page = g_strdup_printf ("%u", f->section_pages[s]);
      number = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, page, -1);
      pango_layout_get_size (number, &w, NULL);
      entry = _abierto_document_layout_lines (f->ctx, ABIERTO_TEXT_BODY, section_title (style, s),
                                              width - P (f, 48), 1);
      h = abierto_report_layout_height (entry);
      if (y + h > f->bottom)
        break;
      abierto_report_show (cr, entry, &style->ink, f->left, y);
      abierto_report_show (cr, number, &style->ink, f->right - (double) w / PANGO_SCALE, y);
      cairo_save (cr);
      set_rgb (cr, &style->muted);
      cairo_set_line_width (cr, P (f, 0.5));
      cairo_move_to (cr, f->left, y + h + P (f, 2));
      cairo_line_to (cr, f->right, y + h + P (f, 2));
      cairo_stroke (cr);
      cairo_restore (cr);
      y += h + P (f, 6);
    }
}

/* Context and method */

static void
draw_context (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;
  guint n_rounds = data->rounds != NULL ? data->rounds->len : 0;
  g_autoptr(GString) numbers = g_string_new (NULL);
  guint i;

  flow_section (f, SECTION_CONTEXT, section_title (style, SECTION_CONTEXT), TRUE);

  if (kids)
    flow_text (f, ABIERTO_TEXT_BODY,
               _("We met to share our ideas and to choose the best ones together. Here is what we "
                 "said and what we chose."), &style->ink, 0);
  else
    flow_text (f, ABIERTO_TEXT_BODY,
               _("An open-government workshop is a meeting where people share their ideas and "
                 "priorities so that public institutions can act on them. This document tells "
                 "what was said and decided, in plain words."), &style->ink, 0);

  if (data->question != NULL && *data->question != '\0')
    {
      g_autoptr(PangoLayout) question = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", data->question);
      double pad = P (f, 12);
      double h;

      flow_heading (f, ABIERTO_TEXT_HEADING,
                    kids ? _("Our question") : _("The guiding question"), 14);
      question = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_HEADING, quoted,
                                        f->right - f->left - 2 * pad - P (f, 4));
      h = abierto_report_layout_height (question) + 2 * pad;
      if (h < f->bottom - f->top)
        {
          flow_need (f, h);
          if (flow_drawing (f))
            {
              set_rgb (f->cr, &style->band);
              cairo_rectangle (f->cr, f->left, f->y, f->right - f->left, h);
              cairo_fill (f->cr);
              set_rgb (f->cr, &style->accent);
              cairo_rectangle (f->cr, f->left, f->y, P (f, 4), h);
              cairo_fill (f->cr);
              abierto_report_show (f->cr, question, &style->ink, f->left + pad + P (f, 4),
                                   f->y + pad);
            }
          f->y += h;
          f->page_dirty = TRUE;
        }
      else
        flow_text (f, ABIERTO_TEXT_HEADING, quoted, &style->ink, 0);
    }

  if (style->audience != ABIERTO_AUDIENCE_WOMEN_REENTRY && !kids)
    {
      g_autofree char *who = g_strdup_printf (_("This workshop was held with: %s."),
                                              abierto_group_get_label (data->group));

      flow_skip (f, 10);
      flow_text (f, ABIERTO_TEXT_BODY, who, &style->ink, 0);
    }

  g_string_append_printf (numbers,
                          kids ? ngettext ("We wrote down %u idea.", "We wrote down %u ideas.",
                                           data->n_proposals)
                               : ngettext ("Together, the participants wrote down %u proposal.",
                                           "Together, the participants wrote down %u proposals.",
                                           data->n_proposals),
                          data->n_proposals);
  if (n_rounds > 0)
    {
      g_string_append_c (numbers, ' ');
      g_string_append_printf (numbers,
                              kids ? ngettext ("Then we voted once.", "Then we voted %u times.",
                                               n_rounds)
                                   : ngettext ("Then they voted once to see which ones had the "
                                               "most support.",
                                               "Then they voted %u times to see which ones had "
                                               "the most support.", n_rounds),
                              n_rounds);
    }
  flow_skip (f, 10);
  flow_text (f, ABIERTO_TEXT_BODY, numbers->str, &style->ink, 0);

  if (n_rounds > 0)
    {
      flow_heading (f, ABIERTO_TEXT_HEADING, kids ? _("How we voted") : _("How people voted"), 16);
      for (i = 0; i < n_rounds && !flow_failed (f); i++)
        {
          const AbiertoReportRound *round = g_ptr_array_index (data->rounds, i);
          g_autofree char *how = NULL;

          if (round->results == NULL)
            continue;
          how = _abierto_document_method_text (style, round->results);
          flow_need (f, P (f, 40));
          flow_text_bold (f, round->title, &style->accent, 0);
          flow_text (f, ABIERTO_TEXT_BODY, how, &style->ink, P (f, 12));
          flow_skip (f, 8);
        }
    }
}

/* Participation */

static void
draw_breakdown (Flow       *f,
                const char *title,
                GPtrArray  *counts)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  double width = f->right - f->left;
  double label_w = width * 0.38, value_w = width * 0.2;
  double bar_x = f->left + label_w + value_w + P (f, 12);
  double bar_w = f->right - bar_x;
  guint total = 0, i;

  if (counts == NULL || counts->len == 0)
    return;

  for (i = 0; i < counts->len; i++)
    {
      const AbiertoReportCount *c = g_ptr_array_index (counts, i);

      if (!c->suppressed)
        total = MAX (total, c->count);
    }

  flow_heading (f, ABIERTO_TEXT_HEADING, title, 16);

  for (i = 0; i < counts->len && !flow_failed (f); i++)
    {
      const AbiertoReportCount *c = g_ptr_array_index (counts, i);
      g_autofree char *value = abierto_report_count_format (data, c);
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) number = NULL;
      double h;

      label = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, c->label,
                                     label_w - P (f, 8));
      number = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, value,
                                      value_w);
      h = MAX (abierto_report_layout_height (label), abierto_report_layout_height (number))
          + P (f, 6);
      flow_need (f, h);
      if (flow_drawing (f))
        {
          double bar_h = MIN (h - P (f, 10), P (f, 14));
          double bar_y = f->y + (h - P (f, 6) - bar_h) / 2;

          if (i % 2 == 0)
            {
              set_rgb (f->cr, &style->band);
              cairo_rectangle (f->cr, f->left, f->y - P (f, 3), width, h);
              cairo_fill (f->cr);
            }
          abierto_report_show (f->cr, label, &style->ink, f->left + P (f, 6), f->y);
          abierto_report_show (f->cr, number, c->suppressed ? &style->muted : &style->ink,
                               f->left + label_w, f->y);
          if (!c->suppressed && total > 0 && c->count > 0)
            {
              set_rgb (f->cr, &style->accent);
              cairo_rectangle (f->cr, bar_x, bar_y,
                               MAX (bar_w * c->count / total, P (f, 2)), bar_h);
              cairo_fill (f->cr);
            }
        }
      f->y += h;
      f->page_dirty = TRUE;
    }
}

static void
draw_participation (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  g_autofree char *people = _abierto_document_people (data);
  g_autofree char *note = NULL;
  g_autoptr(PangoLayout) big = NULL;
  double h;

  flow_section (f, SECTION_PARTICIPATION, section_title (style, SECTION_PARTICIPATION), FALSE);

  big = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_TITLE, people,
                               f->right - f->left - P (f, 24));
  h = abierto_report_layout_height (big) + P (f, 20);
  flow_need (f, h);
  if (flow_drawing (f))
    {
      set_rgb (f->cr, &style->band);
      cairo_rectangle (f->cr, f->left, f->y, f->right - f->left, h);
      cairo_fill (f->cr);
      abierto_report_show (f->cr, big, &style->accent, f->left + P (f, 12), f->y + P (f, 10));
    }
  f->y += h + P (f, 8);
  f->page_dirty = TRUE;

  /* pictograms of people for children, one per person up to a row */
  if (style->pictograms && style->audience == ABIERTO_AUDIENCE_CHILDREN
      && !data->participants_suppressed && data->n_participants > 0)
    {
      double size = P (f, 18);
      guint per_row = (guint) ((f->right - f->left) / (size * 1.2));
      guint n = MIN (data->n_participants, per_row * 2), i;
      guint rows = (n + per_row - 1) / per_row;

      flow_need (f, rows * size * 1.3);
      if (flow_drawing (f))
        for (i = 0; i < n; i++)
          _abierto_document_draw_person (f->cr, &style->accent,
                                         f->left + (i % per_row) * size * 1.2,
                                         f->y + (i / per_row) * size * 1.3, size);
      f->y += rows * size * 1.3;
    }

  draw_breakdown (f, _("By age"), data->age_bands);
  draw_breakdown (f, _("By gender"), data->genders);

  flow_skip (f, 12);
  note = g_strdup_printf (_("To protect privacy, groups of fewer than %u people are shown as "
                            "“fewer than %u”."), data->threshold, data->threshold);
  flow_text (f, ABIERTO_TEXT_SMALL, note, &style->muted, 0);
}

/* Rounds */

typedef struct
{
  const char *header_a;  /* or NULL */
  const char *header_b;
} Columns;

static Columns
columns_for (AbiertoMethod method)
{
  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      return (Columns) { C_("report table", "Votes"), C_("report table", "Dots") };
    case ABIERTO_METHOD_APPROVAL:
      return (Columns) { NULL, C_("report table", "Approvals") };
    case ABIERTO_METHOD_SCALE:
      return (Columns) { C_("report table", "Ratings"), C_("report table", "Average") };
    case ABIERTO_METHOD_RANKING:
      return (Columns) { C_("report table", "First places"), C_("report table", "Points") };
    case ABIERTO_METHOD_TALLY:
    default:
      return (Columns) { NULL, C_("report table", "Hands") };
    }
}

static void
row_cells (AbiertoResults         *results,
           const AbiertoResultRow *row,
           char                  **a,
           char                  **b)
{
  switch (abierto_results_get_method (results))
    {
    case ABIERTO_METHOD_DOT:
      *a = g_strdup_printf ("%u", row->votes);
      *b = g_strdup_printf ("%.0f", row->score);
      break;
    case ABIERTO_METHOD_SCALE:
      *a = g_strdup_printf ("%u", row->votes);
      *b = g_strdup_printf ("%.1f", row->mean);
      break;
    case ABIERTO_METHOD_RANKING:
      *a = g_strdup_printf ("%u", row->first_prefs);
      *b = g_strdup_printf ("%.0f", row->score);
      break;
    case ABIERTO_METHOD_APPROVAL:
    case ABIERTO_METHOD_TALLY:
    default:
      *a = NULL;
      *b = g_strdup_printf ("%.0f", row->score);
      break;
    }
}

/* The four columns of a results table: place, proposal and two
 * figures. Each cell is laid out once: the proposal in one layout whose
 * text changes from row to row, and each figure in a layout of its own
 * kept for every row that shows the same figure. */
typedef struct
{
  PangoLayout *cells[4];  /* borrowed; NULL for a column without text */
  PangoLayout *label;     /* owned: the proposal of a row */
  PangoLayout *header[4]; /* owned: the header's cells */
  GHashTable  *figures;   /* owned: text → PangoLayout, one line each */
  double       xs[4];
  double       ws[4];
  double       pad;
  gboolean     is_header;
} TableRow;

static void
table_row_init (Flow           *f,
                TableRow       *row,
                const char     *header[4])
{
  double width = f->right - f->left;
  double num_w = P (f, 64);
  double rank_w = P (f, 44);
  guint i;

  memset (row, 0, sizeof *row);
  row->pad = P (f, 4);
  row->xs[0] = f->left;
  row->ws[0] = rank_w;
  row->xs[1] = f->left + rank_w;
  row->ws[1] = width - rank_w - 2 * num_w;
  row->xs[2] = f->right - 2 * num_w;
  row->ws[2] = num_w;
  row->xs[3] = f->right - num_w;
  row->ws[3] = num_w;

  if (header == NULL)
    {
      row->label = abierto_report_layout (f->ctx->cr, f->style, f->pt, ABIERTO_TEXT_BODY, "",
                                          row->ws[1] - 2 * row->pad);
      row->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      return;
    }

  /* the header wraps its words within each column */
  row->is_header = TRUE;
  for (i = 0; i < 4; i++)
    {
      g_autoptr(PangoFontDescription) bold = NULL;

      if (header[i] == NULL)
        continue;
      row->header[i] = abierto_report_layout (f->ctx->cr, f->style, f->pt, ABIERTO_TEXT_SMALL,
                                              header[i], row->ws[i] - 2 * row->pad);
      if (i != 1)
        pango_layout_set_alignment (row->header[i], PANGO_ALIGN_RIGHT);
      bold = pango_font_description_copy (pango_layout_get_font_description (row->header[i]));
      pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (row->header[i], bold);
      row->cells[i] = row->header[i];
    }
}

static void
table_row_clear (TableRow *row)
{
  guint i;

  for (i = 0; i < 4; i++)
    g_clear_object (&row->header[i]);
  g_clear_object (&row->label);
  g_clear_pointer (&row->figures, g_hash_table_unref);
}

/* A figure of a body row, on one line. */
static PangoLayout *
table_row_figure (Flow       *f,
                  TableRow   *row,
                  const char *text)
{
  PangoLayout *layout = g_hash_table_lookup (row->figures, text);

  if (layout == NULL)
    {
      layout = abierto_report_layout (f->ctx->cr, f->style, f->pt, ABIERTO_TEXT_BODY, text, -1);
      g_hash_table_insert (row->figures, g_strdup (text), layout);
    }

  return layout;
}

/* Puts @cells in a body row. */
static void
table_row_set (Flow       *f,
               TableRow   *row,
               const char *cells[4])
{
  guint i;

  for (i = 0; i < 4; i++)
    {
      if (cells[i] == NULL)
        row->cells[i] = NULL;
      else if (i == 1)
        {
          pango_layout_set_text (row->label, cells[i], -1);
          row->cells[i] = row->label;
        }
      else
        row->cells[i] = table_row_figure (f, row, cells[i]);
    }
}

static double
table_row_height (TableRow *row)
{
  double h = 0;
  guint i;

  for (i = 0; i < 4; i++)
    if (row->cells[i] != NULL)
      h = MAX (h, abierto_report_layout_height (row->cells[i]));

  return h + 2 * row->pad;
}

/* Draws the row at the flow's place, @h high. */
static void
table_row_draw (Flow     *f,
                TableRow *row,
                double    h,
                gboolean  shade)
{
  const AbiertoReportStyle *style = f->style;
  guint i;

  if (!flow_drawing (f))
    return;

  if (shade)
    {
      set_rgb (f->cr, &style->band);
      cairo_rectangle (f->cr, f->left, f->y, f->right - f->left, h);
      cairo_fill (f->cr);
    }
  for (i = 0; i < 4; i++)
    {
      double x = row->xs[i] + row->pad;

      if (row->cells[i] == NULL)
        continue;
      /* a figure of a body row is set flush right by hand */
      if (!row->is_header && i != 1)
        {
          int w;

          pango_layout_get_size (row->cells[i], &w, NULL);
          x = row->xs[i] + row->ws[i] - row->pad - (double) w / PANGO_SCALE;
        }
      abierto_report_show (f->cr, row->cells[i], row->is_header ? &style->accent : &style->ink,
                           x, f->y + row->pad);
    }
  if (row->is_header)
    {
      cairo_save (f->cr);
      set_rgb (f->cr, &style->accent);
      cairo_set_line_width (f->cr, P (f, 1));
      cairo_move_to (f->cr, f->left, f->y + h - P (f, 0.5));
      cairo_line_to (f->cr, f->right, f->y + h - P (f, 0.5));
      cairo_stroke (f->cr);
      cairo_restore (f->cr);
    }
}

static void
draw_results_table (Flow           *f,
                    AbiertoResults *results)
{
  Columns columns = columns_for (abierto_results_get_method (results));
  const char *header[4] = {
    C_("report table", "Place"), C_("report table", "Proposal"),
    columns.header_a, columns.header_b,
  };
  guint n_rows = abierto_results_get_n_rows (results);
  TableRow head, body;
  double header_h;
  gboolean need_header = TRUE;
  guint i;

  table_row_init (f, &head, header);
  table_row_init (f, &body, NULL);
  header_h = table_row_height (&head);

  for (i = 0; i < n_rows && !flow_failed (f); i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (results, i);
      g_autofree char *rank = g_strdup_printf ("%u", row->rank);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      const char *cells[4];
      double h;

      row_cells (results, row, &a, &b);
      cells[0] = rank;
      cells[1] = row->label;
      cells[2] = a;
      cells[3] = b;
      table_row_set (f, &body, cells);
      h = table_row_height (&body);

      if (f->y + (need_header ? header_h : 0) + h > f->bottom && f->page_dirty)
        {
          flow_new_page (f);
          need_header = TRUE;
        }
      if (need_header)
        {
          table_row_draw (f, &head, header_h, FALSE);
          f->y += header_h;
          need_header = FALSE;
        }
      table_row_draw (f, &body, h, i % 2 == 1);
      f->y += h;
      f->page_dirty = TRUE;
    }

  table_row_clear (&head);
  table_row_clear (&body);
}

/* The chart of a round where there is room: whole, or its leading rows
 * when the round has more than MAX_CHART_ROWS or than the room left on
 * the page shows (the table lists all). Only the rows shown are ever
 * measured: a chart of 200 rows is never planned to draw 15. */
static void
draw_chart (Flow           *f,
            AbiertoResults *results)
{
  const AbiertoChartStyle *cs = &f->chart;
  double scale = CHART_UNIT * f->pt;
  double cw = (f->right - f->left) / scale;
  guint n_rows = abierto_results_get_n_rows (results);
  guint shown = MIN (n_rows, MAX_CHART_ROWS);
  g_autoptr(AbiertoResults) top = NULL;
  double avail = (f->bottom - f->y) / scale;
  double ch;

  if (shown < n_rows)
    top = abierto_results_dup_top (results, shown);
  ch = abierto_chart_get_preferred_height (top != NULL ? top : results, cs, cw);
  if (!(ch > 0))
    return;

  if (ch > avail && n_rows < 2)
    {
      /* nothing to leave out: a page of its own, scaled down if need be */
      if (f->page_dirty)
        flow_new_page (f);
      ch = MIN (ch, (f->bottom - f->y) / scale);
    }
  else if (ch > avail)
    {
      /* the most leading rows that fit, by halves: fewer rows never
       * make a taller chart; @fits fits, @fails does not */
      guint fits = 0, fails = shown;
      double fits_h = 0;

      while (fails - fits > 1)
        {
          guint mid = fits + (fails - fits) / 2;
          g_autoptr(AbiertoResults) part = abierto_results_dup_top (results, mid);
          double h = abierto_chart_get_preferred_height (part, cs, cw);

          if (h <= avail)
            {
              fits = mid;
              fits_h = h;
            }
          else
            fails = mid;
        }

      if (fits < MIN (MIN_CHART_ROWS, n_rows) && f->page_dirty)
        {
          flow_new_page (f);
          draw_chart (f, results);
          return;
        }
      if (fits == 0)
        return;

      shown = fits;
      ch = fits_h;
      g_clear_object (&top);
      top = abierto_results_dup_top (results, shown);
    }

  if (flow_drawing (f))
    {
      cairo_save (f->cr);
      cairo_translate (f->cr, f->left, f->y);
      cairo_scale (f->cr, scale, scale);
      abierto_chart_draw (f->cr, top != NULL ? top : results, cs, cw, ch);
      cairo_restore (f->cr);
    }
  f->y += ch * scale;
  f->page_dirty = TRUE;

  if (shown < n_rows)
    {
      g_autofree char *note = NULL;

      note = g_strdup_printf (ngettext ("The chart shows the first %u proposal. The table below "
                                        "lists all of them.",
                                        "The chart shows the first %u proposals. The table "
                                        "below lists all of them.", shown), shown);
      flow_skip (f, 4);
      flow_text (f, ABIERTO_TEXT_SMALL, note, &f->style->muted, 0);
    }
}

static void
draw_round (Flow                     *f,
            guint                     index,
            const AbiertoReportRound *round,
            int                       parent)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  AbiertoResults *results = round->results;
  g_autofree char *kicker = NULL;
  g_autofree char *how = NULL;
  g_autofree char *method = NULL;
  const char * const *ties;

  flow_fresh_page (f);
  flow_outline (f, parent, round->title);

  kicker = g_strdup_printf (_("Round %u of %u"), index + 1, data->rounds->len);
  flow_text (f, ABIERTO_TEXT_SMALL, kicker, &style->accent, 0);
  flow_heading (f, ABIERTO_TEXT_TITLE, round->title, 4);

  if (results == NULL)
    return;

  switch (abierto_results_get_method (results))
    {
    case ABIERTO_METHOD_DOT:
      method = g_strdup_printf (ngettext ("%s · %u dot per person", "%s · %u dots per person",
                                          abierto_results_get_dots (results)),
                                abierto_method_get_label (ABIERTO_METHOD_DOT),
                                abierto_results_get_dots (results));
      break;
    case ABIERTO_METHOD_SCALE:
      method = g_strdup_printf (_("%s · from 1 to %u"),
                                abierto_method_get_label (ABIERTO_METHOD_SCALE),
                                abierto_results_get_points (results));
      break;
    default:
      method = g_strdup (abierto_method_get_label (abierto_results_get_method (results)));
      break;
    }
  flow_text (f, ABIERTO_TEXT_BODY, method, &style->muted, 0);
  flow_skip (f, 6);
  how = _abierto_document_method_text (style, results);
  flow_text (f, ABIERTO_TEXT_BODY, how, &style->ink, 0);
  flow_skip (f, 14);

  draw_chart (f, results);
  if (flow_failed (f))
    return;

  flow_heading (f, ABIERTO_TEXT_HEADING,
                style->short_sentences ? _("All the results") : _("Results in full"), 16);
  draw_results_table (f, results);

  ties = abierto_results_get_ties (results);
  if (ties != NULL && ties[0] != NULL)
    {
      guint i;

      flow_heading (f, ABIERTO_TEXT_HEADING, C_("report", "Ties"), 16);
      for (i = 0; ties[i] != NULL && !flow_failed (f); i++)
        {
          g_autofree char *item = g_strdup_printf ("• %s", ties[i]);

          flow_text (f, ABIERTO_TEXT_BODY, item, &style->ink, 0);
          flow_skip (f, 4);
        }
    }
}

static void
draw_results (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  int parent = -1;
  guint i;

  if (data->rounds == NULL || data->rounds->len == 0)
    return;

  for (i = 0; i < data->rounds->len && !flow_failed (f); i++)
    {
      if (i == 0)
        {
          /* a parent entry in the outline for the rounds */
          flow_fresh_page (f);
          f->section_pages[SECTION_RESULTS] = f->page;
          parent = flow_outline (f, -1, section_title (f->style, SECTION_RESULTS));
        }
      draw_round (f, i, g_ptr_array_index (data->rounds, i), parent);
      _abierto_document_progress (f->ctx, 0.1 + 0.1 * (i + 1) / data->rounds->len);
    }
}

/* Proposals */

static void
draw_proposal (Flow                        *f,
               guint                        number,
               const AbiertoReportProposal *proposal)
{
  const AbiertoReportStyle *style = f->style;
  g_autoptr(PangoLayout) num = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) text = NULL;
  g_autofree char *n = g_strdup_printf ("%u", number);
  double indent = P (f, NUMBER_COLUMN);
  double width = f->right - f->left - indent;
  double first;

  num = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, n, indent - P (f, 8));
  {
    g_autoptr(PangoFontDescription) bold =
      pango_font_description_copy (pango_layout_get_font_description (num));

    pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description (num, bold);
  }
  text = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, proposal->text, width);
  first = first_lines_height (text, 2);

  if (proposal->title != NULL && *proposal->title != '\0')
    {
      g_autoptr(PangoFontDescription) bold = NULL;

      title = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, proposal->title,
                                     width);
      bold = pango_font_description_copy (pango_layout_get_font_description (title));
      pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (title, bold);
      first += abierto_report_layout_height (title);
    }

  /* the number, the title and two lines of text stay together */
  flow_need (f, first);
  if (flow_drawing (f))
    abierto_report_show (f->cr, num, &style->accent, f->left, f->y);
  if (title != NULL)
    flow_layout (f, title, &style->ink, f->left + indent);
  flow_layout (f, text, &style->ink, f->left + indent);
  flow_skip (f, 10);
}

static void
draw_proposals (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  gboolean kids = style->audience == ABIERTO_AUDIENCE_CHILDREN;
  g_autofree char *intro = NULL;
  guint number = 0, done = 0;
  int parent;
  guint i, j;

  flow_section (f, SECTION_PROPOSALS, section_title (style, SECTION_PROPOSALS), TRUE);
  parent = (int) f->outline->len - 1;

  if (data->n_proposals == 0)
    {
      flow_text (f, ABIERTO_TEXT_BODY, _("No proposals were written down."), &style->ink, 0);
      return;
    }

  intro = g_strdup_printf (kids ? ngettext ("Here is our idea, just as we wrote it.",
                                            "Here are our %u ideas, just as we wrote them, "
                                            "grouped by theme.", data->n_proposals)
                                : ngettext ("Here is the proposal, exactly as it was written "
                                            "down.",
                                            "Here are all %u proposals, exactly as they were "
                                            "written down, grouped by theme.", data->n_proposals),
                           data->n_proposals);
  flow_text (f, ABIERTO_TEXT_BODY, intro, &style->ink, 0);

  for (i = 0; data->categories != NULL && i < data->categories->len && !flow_failed (f); i++)
    {
      const AbiertoReportCategory *category = g_ptr_array_index (data->categories, i);
      g_autofree char *heading = NULL;

      if (category->proposals == NULL || category->proposals->len == 0)
        continue;

      heading = g_strdup_printf ("%s (%u)", category->name, category->proposals->len);
      flow_heading (f, ABIERTO_TEXT_HEADING, heading, 18);
      /* the entry points at the heading just drawn */
      flow_outline (f, parent, category->name);
      {
        OutlineEntry *entry = &g_array_index (f->outline, OutlineEntry, f->outline->len - 1);
        g_autoptr(PangoLayout) probe =
          abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_HEADING, heading,
                                 f->right - f->left);

        entry->y = MAX (f->y - abierto_report_layout_height (probe) - P (f, 6), f->top);
      }

      for (j = 0; j < category->proposals->len && !flow_failed (f); j++)
        {
          draw_proposal (f, ++number, g_ptr_array_index (category->proposals, j));
          done++;
          if (done % 16 == 0)
            {
              _abierto_document_progress (f->ctx, 0.2 + 0.6 * done / MAX (data->n_proposals, 1));
              if (f->error == NULL)
                _abierto_document_check_cancelled (f->ctx, &f->error);
            }
        }
    }
}

/* Commitments */

static void
draw_commitments (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  guint i;

  if (data->commitments == NULL || data->commitments->len == 0)
    return;

  flow_section (f, SECTION_COMMITMENTS, section_title (style, SECTION_COMMITMENTS), TRUE);
  flow_text (f, ABIERTO_TEXT_BODY,
             style->short_sentences
               ? _("The grown-ups in charge promised to do these things. Here is how we will "
                   "know if they did.")
               : _("These are the commitments the institutions made about the proposals, with "
                   "how they will be measured and by when."),
             &style->ink, 0);

  for (i = 0; i < data->commitments->len && !flow_failed (f); i++)
    {
      const AbiertoReportCommitment *c = g_ptr_array_index (data->commitments, i);
      g_autoptr(PangoLayout) action = NULL;
      g_autoptr(PangoFontDescription) bold = NULL;
      double indent = P (f, 14);

      action = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, c->action,
                                      f->right - f->left - indent);
      bold = pango_font_description_copy (pango_layout_get_font_description (action));
      pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (action, bold);

      flow_skip (f, 14);
      flow_need (f, first_lines_height (action, 2) + P (f, 40));
      if (flow_drawing (f))
        {
          set_rgb (f->cr, &style->accent);
          cairo_rectangle (f->cr, f->left, f->y, P (f, 4), first_lines_height (action, 1));
          cairo_fill (f->cr);
        }
      flow_layout (f, action, &style->ink, f->left + indent);

      if (c->institution != NULL && *c->institution != '\0')
        {
          g_autofree char *line = g_strdup_printf (_("Responsible: %s"), c->institution);
          flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, indent);
        }
      if (c->indicator != NULL && *c->indicator != '\0')
        {
          g_autofree char *line = g_strdup_printf (_("Indicator: %s"), c->indicator);
          flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, indent);
        }
      if (c->deadline != NULL && *c->deadline != '\0')
        {
          g_autofree char *date = abierto_report_format_date (c->deadline);
          g_autofree char *line = g_strdup_printf (_("Deadline: %s"), date);
          flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, indent);
        }
      if (c->status != NULL && *c->status != '\0')
        {
          g_autofree char *line = g_strdup_printf (_("Status: %s"), c->status);
          flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, indent);
        }
      if (c->progress >= 0)
        {
          g_autofree char *line = g_strdup_printf (_("Progress: %.0f %%"),
                                                   CLAMP (c->progress, 0, 1) * 100);
          double bar_w = P (f, 160), bar_h = P (f, 8);

          flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, indent);
          flow_need (f, bar_h + P (f, 4));
          if (flow_drawing (f))
            {
              set_rgb (f->cr, &style->band);
              cairo_rectangle (f->cr, f->left + indent, f->y + P (f, 2), bar_w, bar_h);
              cairo_fill (f->cr);
              set_rgb (f->cr, &style->accent);
              cairo_rectangle (f->cr, f->left + indent, f->y + P (f, 2),
                               bar_w * CLAMP (c->progress, 0, 1), bar_h);
              cairo_fill (f->cr);
            }
          f->y += bar_h + P (f, 4);
        }
    }
}

/* Licence and method */

static void
draw_license (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  const char *url = abierto_report_license_url (data->license);
  g_autofree char *privacy = NULL;
  gboolean seen[ABIERTO_N_METHODS] = { FALSE };
  guint i;

  flow_section (f, SECTION_LICENSE, section_title (style, SECTION_LICENSE), TRUE);

  flow_heading (f, ABIERTO_TEXT_HEADING, C_("report", "Licence"), 0);
  flow_text (f, ABIERTO_TEXT_BODY, abierto_report_license_text (data->license), &style->ink, 0);
  flow_link (f, url);

  if (data->publication_url != NULL && *data->publication_url != '\0')
    {
      flow_skip (f, 8);
      flow_text (f, ABIERTO_TEXT_BODY, _("This document and its open data are published at:"),
                 &style->ink, 0);
      flow_link (f, data->publication_url);
    }

  flow_heading (f, ABIERTO_TEXT_HEADING, _("How the results were computed"), 20);
  flow_text (f, ABIERTO_TEXT_BODY,
             _("Abierto worked out the results of each round from what was recorded during "
               "the workshop, the same way every time: the same votes always give the same "
               "results."), &style->ink, 0);
  for (i = 0; data->rounds != NULL && i < data->rounds->len && !flow_failed (f); i++)
    {
      const AbiertoReportRound *round = g_ptr_array_index (data->rounds, i);
      AbiertoMethod method;
      AbiertoReportStyle plain = *style;
      g_autofree char *how = NULL;

      if (round->results == NULL)
        continue;
      method = abierto_results_get_method (round->results);
      if ((guint) method < ABIERTO_N_METHODS && seen[method])
        continue;
      if ((guint) method < ABIERTO_N_METHODS)
        seen[method] = TRUE;
      /* the adult wording here: this page is for whoever checks the method */
      plain.short_sentences = FALSE;
      how = _abierto_document_method_text (&plain, round->results);
      flow_skip (f, 6);
      flow_text (f, ABIERTO_TEXT_BODY, how, &style->ink, P (f, 12));
    }
  flow_skip (f, 6);
  flow_text (f, ABIERTO_TEXT_BODY,
             _("When two or more proposals have the same result they share a place, and the "
               "results pages explain each tie."), &style->ink, 0);

  flow_heading (f, ABIERTO_TEXT_HEADING, C_("report", "Privacy"), 20);
  privacy = g_strdup_printf (_("No names are published: this document does not contain the names "
                               "or aliases of the people who took part, nor who wrote each "
                               "proposal. Counts below %u people are shown as “fewer than %u”."),
                             data->threshold, data->threshold);
  flow_text (f, ABIERTO_TEXT_BODY, privacy, &style->ink, 0);

  flow_skip (f, 24);
  flow_text (f, ABIERTO_TEXT_SMALL,
             _("Made with Abierto, free software for open-government workshops."),
             &style->muted, 0);
}

static void
run (Flow *f)
{
  draw_cover (f);
  if (!flow_failed (f))
    draw_context (f);
  if (!flow_failed (f))
    draw_participation (f);
  _abierto_document_progress (f->ctx, 0.1);
  if (!flow_failed (f))
    draw_results (f);
  if (!flow_failed (f))
    draw_proposals (f);
  if (!flow_failed (f))
    draw_commitments (f);
  if (!flow_failed (f))
    draw_license (f);

  /* the last page */
  flow_end_page (f);
}

/* What was done with the proposals: the accountability document, for
 * the same people who made the proposals. It uses the report's flow, so
 * a proposal of any length is printed whole. */

/* a number as people write it: "12", "12.5" */
static char *
format_number (double value)
{
  if (fabs (value - round (value)) < 0.005)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f", value);
}

/* a shape that says the status without colour: a full disc for done, a
 * half one in progress, a ring planned, a cross dropped */
static void
draw_status_mark (Flow                    *f,
                  AbiertoCommitmentStatus  state,
                  double                   x,
                  double                   y,
                  double                   size)
{
  cairo_t *cr = f->cr;
  double r = size / 2, cx = x + r, cy = y + r;

  cairo_save (cr);
  cairo_new_path (cr);
  set_rgb (cr, &f->style->accent);
  cairo_set_line_width (cr, P (f, 1.5));
  switch (state)
    {
    case ABIERTO_COMMITMENT_DONE:
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case ABIERTO_COMMITMENT_IN_PROGRESS:
      cairo_arc (cr, cx, cy, r - P (f, 0.75), 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy, r, G_PI / 2, 3 * G_PI / 2);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case ABIERTO_COMMITMENT_DROPPED:
      cairo_move_to (cr, x + P (f, 1), y + P (f, 1));
      cairo_line_to (cr, x + size - P (f, 1), y + size - P (f, 1));
      cairo_move_to (cr, x + size - P (f, 1), y + P (f, 1));
      cairo_line_to (cr, x + P (f, 1), y + size - P (f, 1));
      cairo_stroke (cr);
      break;
    case ABIERTO_COMMITMENT_PLANNED:
    case ABIERTO_COMMITMENT_DRAFT:
    default:
      cairo_arc (cr, cx, cy, r - P (f, 0.75), 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

/* the words of a commitment's status, with "overdue" when it is */
static char *
dup_status_words (const AbiertoReportStyle      *style,
                  const AbiertoReportCommitment *c)
{
  if (c->overdue)
    /* Translators: a commitment's status, then that its deadline passed */
    return g_strdup_printf (style->short_sentences ? _("%s · It is late") : _("%s · Overdue"),
                            c->status);
  return g_strdup (c->status);
}

static char *
dup_measure_text (const AbiertoReportCommitment *c)
{
  g_autofree char *baseline = c->has_baseline ? format_number (c->baseline) : NULL;
  g_autofree char *target = c->has_target ? format_number (c->target) : NULL;
  const char *unit = c->unit != NULL ? c->unit : "";

  if (baseline != NULL && target != NULL)
    /* Translators: an indicator, then where it starts and where it must get:
     * "Escuelas con rampa: de 2 a 10 escuelas" */
    return g_strdup_printf (_("%s: from %s to %s %s"), c->indicator, baseline, target, unit);
  if (target != NULL)
    /* Translators: an indicator, then its target: "Escuelas con rampa: 10 escuelas" */
    return g_strdup_printf (_("%s: reach %s %s"), c->indicator, target, unit);
  return g_strdup (c->indicator);
}

static void
draw_progress_bar (Flow                          *f,
                   const AbiertoReportCommitment *c,
                   double                         indent)
{
  const AbiertoReportStyle *style = f->style;
  g_autofree char *label = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double width = MIN (P (f, 260), f->right - f->left - indent - P (f, 70));
  double bar_h = P (f, style->audience == ABIERTO_AUDIENCE_OLDER_ADULTS ? 16 : 12);
  double progress = CLAMP (c->progress, 0, 1);
  double x = f->left + indent, text_h;
  int i;

  label = g_strdup_printf (_("%.0f %% done"), progress * 100);
  layout = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_BODY, label, -1);
  text_h = abierto_report_layout_height (layout);

  flow_need (f, MAX (bar_h, text_h) + P (f, 6));
  if (flow_drawing (f))
    {
      double y = f->y + (MAX (bar_h, text_h) - bar_h) / 2;

      cairo_save (f->cr);
      set_rgb (f->cr, &style->band);
      cairo_rectangle (f->cr, x, y, width, bar_h);
      cairo_fill (f->cr);
      set_rgb (f->cr, &style->accent);
      cairo_rectangle (f->cr, x, y, width * progress, bar_h);
      cairo_fill (f->cr);
      /* quarter ticks and an outline: the length reads without colour */
      set_rgb (f->cr, &style->ink);
      cairo_set_line_width (f->cr, P (f, 0.75));
      cairo_rectangle (f->cr, x, y, width, bar_h);
      for (i = 1; i < 4; i++)
        {
          cairo_move_to (f->cr, x + width * i / 4, y + bar_h * 0.6);
          cairo_line_to (f->cr, x + width * i / 4, y + bar_h);
        }
      cairo_stroke (f->cr);
      cairo_restore (f->cr);

      abierto_report_show (f->cr, layout, &style->ink, x + width + P (f, 10),
                           f->y + (MAX (bar_h, text_h) - text_h) / 2);
    }
  f->page_dirty = TRUE;
  f->y += MAX (bar_h, text_h) + P (f, 6);
}

static void
draw_accountability_item (Flow                          *f,
                          const AbiertoReportCommitment *c,
                          int                            outline_parent)
{
  const AbiertoReportStyle *style = f->style;
  gboolean kids = style->short_sentences;
  double indent = P (f, 24), mark = P (f, 12);
  g_autoptr(PangoLayout) action = NULL;
  g_autofree char *status = dup_status_words (style, c);
  guint i;

  action = abierto_report_layout (f->ctx->cr, style, f->pt, ABIERTO_TEXT_HEADING, c->action,
                                  f->right - f->left - indent);

  flow_skip (f, 18);
  /* the action, its status and the start of what follows stay together */
  flow_need (f, first_lines_height (action, 2) + f->keep_h * 2);
  flow_outline (f, outline_parent, c->action);

  if (flow_drawing (f))
    draw_status_mark (f, c->state, f->left, f->y + (first_lines_height (action, 1) - mark) / 2,
                      mark);
  flow_layout (f, action, &style->ink, f->left + indent);
  flow_text_bold (f, status, &style->accent, indent);
  if (c->state == ABIERTO_COMMITMENT_DROPPED && c->status_reason != NULL
      && *c->status_reason != '\0')
    {
      g_autofree char *why = g_strdup_printf (_("Why: %s"), c->status_reason);

      flow_text (f, ABIERTO_TEXT_BODY, why, &style->ink, indent);
    }

  if (c->proposals != NULL && c->proposals->len > 0)
    {
      flow_skip (f, 6);
      flow_text (f, ABIERTO_TEXT_SMALL,
                 kids ? ngettext ("Our idea:", "Our ideas:", c->proposals->len)
                      : ngettext ("The proposal it answers:", "The proposals it answers:",
                                  c->proposals->len),
                 &style->muted, indent);
      for (i = 0; i < c->proposals->len && !flow_failed (f); i++)
        {
          const AbiertoReportProposal *p = g_ptr_array_index (c->proposals, i);
          const char *words = p->title != NULL && *p->title != '\0' ? p->title : p->text;
          g_autofree char *quoted = g_strdup_printf ("“%s”", words);

          flow_text (f, ABIERTO_TEXT_BODY, quoted, &style->ink, indent + P (f, 10));
        }
    }

  flow_skip (f, 6);
  if (c->institution != NULL && *c->institution != '\0')
    {
      g_autofree char *who = NULL;

      if (c->area != NULL && *c->area != '\0')
        /* Translators: an institution, then its area */
        who = g_strdup_printf (kids ? _("Who does it: %s, %s") : _("Responsible: %s, %s"),
                               c->institution, c->area);
      else
        who = g_strdup_printf (kids ? _("Who does it: %s") : _("Responsible: %s"),
                               c->institution);
      flow_text (f, ABIERTO_TEXT_BODY, who, &style->ink, indent);
    }
  if (c->indicator != NULL && *c->indicator != '\0')
    {
      g_autofree char *measure = dup_measure_text (c);
      g_autofree char *line = g_strdup_printf (kids ? _("How we will know: %s")
                                                    : _("How it is measured: %s"), measure);

      flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, indent);
    }
  if (c->deadline != NULL && *c->deadline != '\0')
    {
      g_autofree char *date = abierto_report_format_date (c->deadline);
      g_autofree char *line = g_strdup_printf (kids ? _("Ready by: %s") : _("Deadline: %s"),
                                               date);

      flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, indent);
    }

  /* done, but never measured: a bar at its baseline would say "nothing
   * was done", and a full one a measure nobody took */
  if (c->state == ABIERTO_COMMITMENT_DONE && !c->has_current)
    {
      flow_text (f, ABIERTO_TEXT_BODY,
                 kids ? _("They say it is done, but did not tell us how much.")
                      : _("Marked as done; no measurement of the indicator was reported."),
                 &style->ink, indent);
      return;
    }
  if (c->progress >= 0 && c->state != ABIERTO_COMMITMENT_DROPPED)
    {
      flow_skip (f, 4);
      draw_progress_bar (f, c, indent);
    }
  if (c->has_current && c->current_date != NULL)
    {
      g_autofree char *date = abierto_report_format_date (c->current_date);
      g_autofree char *value = format_number (c->current);
      /* Translators: the latest progress of a commitment: its date, the
       * value reached and the unit: "Último avance, 3 de noviembre de 2026: 4 escuelas" */
      g_autofree char *line = g_strdup_printf (_("Latest progress, %s: %s %s"), date, value,
                                               c->unit != NULL ? c->unit : "");

      flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, indent);
    }
  else if (c->state != ABIERTO_COMMITMENT_DROPPED)
    {
      flow_text (f, ABIERTO_TEXT_BODY,
                 kids ? _("There is no news yet.") : _("No progress has been reported yet."),
                 &style->muted, indent);
    }
}

static void
run_accountability (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  const AbiertoReportStyle *style = f->style;
  gboolean kids = style->short_sentences;
  guint n = data->commitments != NULL ? data->commitments->len : 0;
  guint counts[ABIERTO_COMMITMENT_DROPPED + 1] = { 0 };
  guint overdue = 0, waiting = 0, i, j;
  g_autofree char *intro = NULL;
  g_autofree char *people = _abierto_document_people (data);
  g_autofree char *when = NULL;
  g_autofree char *today = NULL;
  g_autofree char *as_of = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int parent;

  /* the header */
  flow_text (f, ABIERTO_TEXT_SMALL, kids ? _("What happened next") : _("Accountability"),
             &style->muted, 0);
  flow_heading (f, ABIERTO_TEXT_TITLE,
                kids ? _("What happened with our ideas?")
                     : _("What was done with your proposals?"), 4);
  flow_text_bold (f, data->title, &style->ink, 0);
  if (data->date != NULL)
    when = abierto_report_format_date (data->date);
  if (when != NULL && _abierto_document_show_place (f->ctx) && data->place != NULL
      && *data->place != '\0')
    {
      /* Translators: the date and the place of a workshop */
      g_autofree char *line = g_strdup_printf (_("%s, %s"), when, data->place);

      flow_text (f, ABIERTO_TEXT_BODY, line, &style->ink, 0);
    }
  else if (when != NULL)
    {
      flow_text (f, ABIERTO_TEXT_BODY, when, &style->ink, 0);
    }

  /* what this is, in one breath */
  flow_skip (f, 12);
  intro = g_strdup_printf (kids ? ngettext ("In the workshop we shared %u idea. Here is what "
                                            "the grown-ups in charge promised to do, and how it "
                                            "is going.",
                                            "In the workshop we shared %u ideas. Here is what "
                                            "the grown-ups in charge promised to do, and how it "
                                            "is going.", data->n_proposals)
                                : ngettext ("In this workshop, people made %u proposal. This "
                                            "is what the institutions committed to do about it, "
                                            "and how far they have got.",
                                            "In this workshop, people made %u proposals. This "
                                            "is what the institutions committed to do about "
                                            "them, and how far they have got.",
                                            data->n_proposals),
                           data->n_proposals);
  flow_text (f, ABIERTO_TEXT_BODY, intro, &style->ink, 0);
  /* a hand count records nobody: then there is nobody to count */
  if (data->n_participants > 0)
    flow_text (f, ABIERTO_TEXT_BODY, people, &style->ink, 0);

  for (i = 0; i < n; i++)
    {
      const AbiertoReportCommitment *c = g_ptr_array_index (data->commitments, i);

      if ((guint) c->state < G_N_ELEMENTS (counts))
        counts[c->state]++;
      if (c->overdue)
        overdue++;
    }

  flow_skip (f, 8);
  if (n == 0)
    {
      flow_text_bold (f, kids ? _("Nobody has promised anything yet. We will tell you when they "
                                  "do.")
                              : _("No commitments have been made yet about these proposals."),
                      &style->ink, 0);
    }
  else
    {
      g_autoptr(GString) summary = g_string_new (NULL);
      g_autofree char *late = NULL;
      const AbiertoCommitmentStatus order[] = {
        ABIERTO_COMMITMENT_DONE, ABIERTO_COMMITMENT_IN_PROGRESS,
        ABIERTO_COMMITMENT_PLANNED, ABIERTO_COMMITMENT_DROPPED,
      };
      gboolean first = TRUE;

      /* "3 compromisos: 1 cumplido, 2 en curso.", only what there is */
      g_string_printf (summary, ngettext ("%u commitment", "%u commitments", n), n);
      for (i = 0; i < G_N_ELEMENTS (order); i++)
        {
          guint count = counts[order[i]];
          g_autofree char *part = NULL;

          if (count == 0)
            continue;
          switch (order[i])
            {
            case ABIERTO_COMMITMENT_DONE:
              part = g_strdup_printf (ngettext ("%u done", "%u done", count), count);
              break;
            case ABIERTO_COMMITMENT_IN_PROGRESS:
              part = g_strdup_printf (ngettext ("%u in progress", "%u in progress", count), count);
              break;
            case ABIERTO_COMMITMENT_PLANNED:
              part = g_strdup_printf (ngettext ("%u not started", "%u not started", count), count);
              break;
            case ABIERTO_COMMITMENT_DROPPED:
            case ABIERTO_COMMITMENT_DRAFT:
            default:
              part = g_strdup_printf (ngettext ("%u dropped", "%u dropped", count), count);
              break;
            }
          /* Translators: what comes between the number of commitments and
           * the first status (": "), and between two statuses (", ") */
          g_string_append (summary, first ? _(": ") : _(", "));
          g_string_append (summary, part);
          first = FALSE;
        }
      g_string_append_c (summary, '.');
      flow_text_bold (f, summary->str, &style->ink, 0);
      if (overdue > 0)
        {
          late = g_strdup_printf (ngettext ("%u of them is past its deadline.",
                                            "%u of them are past their deadline.", overdue),
                                  overdue);
          flow_text (f, ABIERTO_TEXT_BODY, late, &style->ink, 0);
        }
    }

  today = g_date_time_format (now, "%Y-%m-%d");
  g_free (when);
  when = abierto_report_format_date (today);
  as_of = g_strdup_printf (_("Information as of %s."), when);
  flow_text (f, ABIERTO_TEXT_SMALL, as_of, &style->muted, 0);

  /* each commitment */
  if (n > 0)
    {
      flow_skip (f, 10);
      parent = flow_outline (f, -1, kids ? _("The promises") : _("The commitments"));
      for (i = 0; i < n && !flow_failed (f); i++)
        {
          draw_accountability_item (f, g_ptr_array_index (data->commitments, i), parent);
          _abierto_document_progress (f->ctx, 0.1 + 0.6 * (i + 1) / n);
        }
    }

  /* the proposals nobody answered yet: said, not hidden */
  for (i = 0; i < data->categories->len; i++)
    {
      const AbiertoReportCategory *category = g_ptr_array_index (data->categories, i);

      for (j = 0; j < category->proposals->len; j++)
        if (((AbiertoReportProposal *) g_ptr_array_index (category->proposals, j))
              ->n_commitments == 0)
          waiting++;
    }
  if (waiting > 0 && !flow_failed (f))
    {
      const char *title = kids ? _("Ideas still waiting for an answer")
                               : _("Proposals without a commitment yet");

      flow_heading (f, ABIERTO_TEXT_HEADING, title, 24);
      flow_outline (f, -1, title);
      flow_text (f, ABIERTO_TEXT_BODY,
                 kids ? _("Nobody has promised anything about these ideas yet.")
                      : _("No institution has committed to anything about these proposals "
                          "yet. You can ask about them."), &style->ink, 0);
      for (i = 0; i < data->categories->len && !flow_failed (f); i++)
        {
          const AbiertoReportCategory *category = g_ptr_array_index (data->categories, i);

          for (j = 0; j < category->proposals->len && !flow_failed (f); j++)
            {
              const AbiertoReportProposal *p = g_ptr_array_index (category->proposals, j);
              const char *words = p->title != NULL && *p->title != '\0' ? p->title : p->text;
              g_autofree char *item = NULL;

              if (p->n_commitments > 0)
                continue;
              item = g_strdup_printf ("• %s", words);
              flow_skip (f, 3);
              flow_text (f, ABIERTO_TEXT_BODY, item, &style->ink, P (f, 10));
            }
        }
    }

  /* where to follow it, and the licence */
  if (!flow_failed (f))
    {
      flow_heading (f, ABIERTO_TEXT_HEADING, kids ? _("Want to know more?") : _("Follow it"), 24);
      if (data->publication_url != NULL && *data->publication_url != '\0')
        {
          flow_text (f, ABIERTO_TEXT_BODY,
                     _("The full results, this document and the open data are published at:"),
                     &style->ink, 0);
          flow_link (f, data->publication_url);
        }
      if (data->facilitators != NULL && *data->facilitators != '\0')
        {
          g_autofree char *ask = g_strdup_printf (_("To ask about a commitment, contact %s."),
                                                  data->facilitators);

          flow_text (f, ABIERTO_TEXT_BODY, ask, &style->ink, 0);
        }
      flow_skip (f, 8);
      flow_text (f, ABIERTO_TEXT_SMALL, abierto_report_license_text (data->license),
                 &style->muted, 0);
      flow_link (f, abierto_report_license_url (data->license));
      flow_text (f, ABIERTO_TEXT_SMALL,
                 _("No names are published: this document does not say who took part or who "
                   "made each proposal."), &style->muted, 0);
    }

  flow_end_page (f);
}

/* Plays the recorded pages back onto the document, with what needed
 * the number of pages: the footers, the contents and the links. */
static void
play_back (Flow *f)
{
  const AbiertoReportData *data = f->ctx->data;
  cairo_t *cr = f->ctx->cr;
  g_autoptr(PangoLayout) widest = NULL;
  g_autoptr(PangoLayout) about = NULL;
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;
  guint n_pages = f->page;
  guint i, l = 0;
  int w;

  /* the line on the left of every footer leaves room for the widest
   * page number on the right */
  last = g_strdup_printf (C_("report footer", "Page %u of %u"), n_pages, n_pages);
  widest = abierto_report_layout (cr, f->style, f->pt, ABIERTO_TEXT_SMALL, last, -1);
  pango_layout_get_size (widest, &w, NULL);
  if (f->ctx->surface_type == CAIRO_SURFACE_TYPE_IMAGE && n_pages > 1)
    /* an image holds one page: it says where the rest is */
    text = g_strdup (_("The rest is in the PDF version of this document."));
  else
    text = g_strdup_printf ("%s · %s", data->title != NULL ? data->title : "",
                            g_strcmp0 (data->license, "CC0-1.0") == 0 ? "CC0 1.0" : "CC BY 4.0");
  about = _abierto_document_layout_lines (f->ctx, ABIERTO_TEXT_SMALL, text,
                                          MAX (f->right - f->left - (double) w / PANGO_SCALE
                                               - P (f, 24), P (f, 36)), 1);

  for (i = 0; i < f->pages->len && f->error == NULL; i++)
    {
      cairo_save (cr);
      cairo_set_source_surface (cr, g_ptr_array_index (f->pages, i), 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      /* done with: a page's recording is freed as soon as it is played */
      g_clear_pointer (&g_ptr_array_index (f->pages, i), cairo_surface_destroy);

      if (i == 0 && f->ctx->options->kind == ABIERTO_EXPORT_REPORT)
        draw_contents (f, cr);
      for (; l < f->links->len && g_array_index (f->links, Link, l).page == i + 1; l++)
        {
          const Link *link = &g_array_index (f->links, Link, l);
          g_autofree char *attributes = link_attributes (link->uri, &link->area);

          cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
          cairo_tag_end (cr, CAIRO_TAG_LINK);
        }
      draw_footer (f, cr, about, i + 1, n_pages);
      cairo_show_page (cr);

      _abierto_document_check_cancelled (f->ctx, &f->error);
      _abierto_document_progress (f->ctx, 0.8 + 0.2 * (i + 1) / f->pages->len);
    }
}

static void
add_outline (Flow *f)
{
  g_autofree int *ids = NULL;
  guint i;

  if (f->ctx->surface_type != CAIRO_SURFACE_TYPE_PDF || f->ctx->first_page_only)
    return;

  ids = g_new0 (int, f->outline->len);
  for (i = 0; i < f->outline->len; i++)
    {
      const OutlineEntry *entry = &g_array_index (f->outline, OutlineEntry, i);
      g_autofree char *link = NULL;
      char y[G_ASCII_DTOSTR_BUF_SIZE];
      int parent = entry->parent >= 0 ? ids[entry->parent] : CAIRO_PDF_OUTLINE_ROOT;
      gboolean has_children = i + 1 < f->outline->len
                              && g_array_index (f->outline, OutlineEntry, i + 1).parent == (int) i;

      g_ascii_formatd (y, sizeof y, "%.1f", entry->y / f->pt);
      link = g_strdup_printf ("page=%u pos=[0 %s]", entry->page, y);
      ids[i] = cairo_pdf_surface_add_outline (f->ctx->surface, parent, entry->title, link,
                                              has_children ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    }
}

/* Lays out and records the pages with @layout, then plays them back. */
static gboolean
render_flow (AbiertoRenderContext  *ctx,
             void                 (*layout) (Flow *f),
             GError               **error)
{
  Flow f;

  if (_abierto_document_check_cancelled (ctx, error))
    return FALSE;
  _abierto_document_progress (ctx, 0);

  flow_init (&f, ctx);
  layout (&f);
  if (f.error == NULL)
    play_back (&f);
  if (f.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&f.error));
      flow_clear (&f);
      return FALSE;
    }

  add_outline (&f);
  flow_clear (&f);

  if (cairo_status (ctx->cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the report: %s"), cairo_status_to_string (cairo_status (ctx->cr)));
      return FALSE;
    }

  _abierto_document_progress (ctx, 1.0);
  return TRUE;
}

gboolean
_abierto_report_render (AbiertoRenderContext *ctx,
                        GError              **error)
{
  g_return_val_if_fail (ctx != NULL && ctx->cr != NULL && ctx->data != NULL, FALSE);
  g_return_val_if_fail (ctx->style != NULL && ctx->options != NULL, FALSE);

  return render_flow (ctx, run, error);
}

gboolean
_abierto_accountability_render (AbiertoRenderContext *ctx,
                                GError              **error)
{
  g_return_val_if_fail (ctx != NULL && ctx->cr != NULL && ctx->data != NULL, FALSE);
  g_return_val_if_fail (ctx->style != NULL && ctx->options != NULL, FALSE);

  /* an image is one page, the first; its footer says the rest is in the PDF */
  if (ctx->surface_type == CAIRO_SURFACE_TYPE_IMAGE)
    ctx->first_page_only = TRUE;

  return render_flow (ctx, run_accountability, error);
}
