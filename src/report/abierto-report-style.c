/* abierto-report-style.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <qrencode.h>
#include <string.h>

#include "abierto-report-style.h"

/* Noto Sans covers Spanish and far more; emoji fall back to Noto Color
 * Emoji through fontconfig. Both come from Debian packages the setup
 * installs. Naming the emoji font here would make Pango draw digits
 * with it (they are emoji too, as keycap bases). */
#define FONT_FAMILY "Noto Sans, sans-serif"

void
abierto_report_style_init (AbiertoReportStyle *style,
                           AbiertoAudience     audience)
{
  g_return_if_fail (style != NULL);

  *style = (AbiertoReportStyle) {
    .audience = audience,
    .font_family = FONT_FAMILY,
    .body_size = 11,
    .small_size = 9,
    .heading_size = 16,
    .title_size = 28,
    .line_spacing = 1.25,
    .faces = TRUE,
    .pictograms = TRUE,
    .short_sentences = FALSE,
  };

  abierto_rgb_init_from_hex (&style->ink, 0x1f1f1f);
  abierto_rgb_init_from_hex (&style->paper, 0xffffff);
  abierto_rgb_init_from_hex (&style->accent, 0x0a5f8f);  /* darker Okabe-Ito blue */
  abierto_rgb_init_from_hex (&style->muted, 0x575757);
  abierto_rgb_init_from_hex (&style->band, 0xeef4f8);
  abierto_chart_style_init_default (&style->chart);

  switch (audience)
    {
    case ABIERTO_AUDIENCE_OLDER_ADULTS:
      /* large print, high contrast */
      style->body_size = 14;
      style->small_size = 12;
      style->heading_size = 20;
      style->title_size = 34;
      style->line_spacing = 1.35;
      abierto_rgb_init_from_hex (&style->ink, 0x000000);
      abierto_rgb_init_from_hex (&style->accent, 0x003d66);
      abierto_rgb_init_from_hex (&style->muted, 0x333333);
      abierto_rgb_init_from_hex (&style->band, 0xf2f2f2);
      style->chart.high_contrast = TRUE;
      style->chart.large = TRUE;
      break;

    case ABIERTO_AUDIENCE_CHILDREN:
      style->body_size = 13;
      style->small_size = 10;
      style->heading_size = 20;
      style->title_size = 32;
      style->line_spacing = 1.35;
      style->short_sentences = TRUE;
      abierto_rgb_init_from_hex (&style->accent, 0x8a3c00);  /* dark vermillion */
      abierto_rgb_init_from_hex (&style->band, 0xfff4e0);
      break;

    case ABIERTO_AUDIENCE_WOMEN_REENTRY:
      /* discreet: no faces, no pictograms of people */
      style->faces = FALSE;
      style->pictograms = FALSE;
      style->chart.faces = FALSE;
      abierto_rgb_init_from_hex (&style->accent, 0x5c3566);
      abierto_rgb_init_from_hex (&style->band, 0xf5eff7);
      break;

    case ABIERTO_AUDIENCE_GENERAL:
    default:
      break;
    }

  style->chart.font_size = style->body_size;
}

static double
role_size (const AbiertoReportStyle *style,
           AbiertoTextRole           role)
{
  switch (role)
    {
    case ABIERTO_TEXT_SMALL:
      return style->small_size;
    case ABIERTO_TEXT_HEADING:
      return style->heading_size;
    case ABIERTO_TEXT_TITLE:
      return style->title_size;
    case ABIERTO_TEXT_BODY:
    default:
      return style->body_size;
    }
}

PangoLayout *
abierto_report_layout (cairo_t                  *cr,
                       const AbiertoReportStyle *style,
                       double                    pt,
                       AbiertoTextRole           role,
                       const char               *text,
                       double                    width)
{
  g_autoptr(PangoFontDescription) font = NULL;
  PangoLayout *layout;

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  layout = pango_cairo_create_layout (cr);
  /* sizes in points whatever the surface: one Pango unit per surface
   * unit, with the resolution set so a point is @pt units */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0 * pt);
  pango_layout_context_changed (layout);

  font = pango_font_description_from_string (style->font_family);
  pango_font_description_set_size (font, (gint) (role_size (style, role) * PANGO_SCALE));
  pango_font_description_set_weight (font, role == ABIERTO_TEXT_BODY || role == ABIERTO_TEXT_SMALL
                                           ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_line_spacing (layout, (float) style->line_spacing);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

void
abierto_report_layout_set_url (PangoLayout *layout)
{
  PangoAttrList *attrs;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  attrs = pango_layout_get_attributes (layout);
  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_CHAR);
}

double
abierto_report_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* what may end a text after an emoji, the emoji included */
static gboolean
is_symbol (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_OTHER_SYMBOL:      /* emoji */
    case G_UNICODE_MODIFIER_SYMBOL:   /* skin tones */
    case G_UNICODE_NON_SPACING_MARK:  /* variation selectors */
    case G_UNICODE_ENCLOSING_MARK:    /* keycaps */
    case G_UNICODE_FORMAT:            /* zero-width joiners */
    case G_UNICODE_FINAL_PUNCTUATION: /* a closing quote after them */
    case G_UNICODE_CLOSE_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
abierto_report_dup_joined_end (const char *text)
{
  const char *start;

  if (text == NULL)
    return g_strdup ("");

  start = text + strlen (text);
  while (start > text && is_symbol (g_utf8_get_char (g_utf8_prev_char (start))))
    start = g_utf8_prev_char (start);

  if (*start == '\0' || start == text || start[-1] != ' ')
    return g_strdup (text);

  /* U+00A0 NO-BREAK SPACE */
  return g_strdup_printf ("%.*s\xc2\xa0%s", (int) (start - 1 - text), text, start);
}

/* @text cut after its first @n_bytes, its trailing spaces and
 * punctuation dropped, with "…" */
static char *
dup_cut (const char *text,
         gsize       n_bytes)
{
  g_autofree char *head = g_strndup (text, n_bytes);
  char *end = head + strlen (head);

  for (;;)
    {
      if (end > head && strchr (" ,;:.-", end[-1]) != NULL)
        end--;
      /* an em or en dash, three bytes in UTF-8 */
      else if (end - head >= 3 && (memcmp (end - 3, "—", 3) == 0 || memcmp (end - 3, "–", 3) == 0))
        end -= 3;
      else
        break;
    }
  *end = '\0';
  return g_strconcat (head, "…", NULL);
}

gboolean
abierto_report_layout_set_text_lines (PangoLayout *layout,
                                      const char  *text,
                                      int          max_lines)
{
  g_autoptr(GArray) ends = NULL;
  const char *s;
  guint lo, hi;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), FALSE);
  g_return_val_if_fail (max_lines > 0, FALSE);

  if (text == NULL)
    text = "";

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, -1);
  pango_layout_set_text (layout, text, -1);
  if (pango_layout_get_line_count (layout) <= max_lines)
    return TRUE;

  /* where each word ends: the places it may be cut */
  ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (s = text; *s != '\0'; s = g_utf8_next_char (s))
    if (*s == ' ' && s > text && s[-1] != ' ')
      {
        gsize end = s - text;

        g_array_append_val (ends, end);
      }

  /* the most words that fit, by halving: more words never take fewer
   * lines */
  lo = 0;
  hi = ends->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;
      g_autofree char *cut = dup_cut (text, g_array_index (ends, gsize, mid - 1));

      pango_layout_set_text (layout, cut, -1);
      if (pango_layout_get_line_count (layout) <= max_lines)
        lo = mid;
      else
        hi = mid - 1;
    }

  if (lo > 0)
    {
      g_autofree char *cut = dup_cut (text, g_array_index (ends, gsize, lo - 1));

      pango_layout_set_text (layout, cut, -1);
    }
  else
    {
      pango_layout_set_text (layout, text, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }

  return FALSE;
}

double
abierto_report_show (cairo_t          *cr,
                     PangoLayout      *layout,
                     const AbiertoRgb *rgb,
                     double            x,
                     double            y)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  return abierto_report_layout_height (layout);
}

const char *
abierto_report_license_text (const char *spdx_id)
{
  if (g_strcmp0 (spdx_id, "CC0-1.0") == 0)
    return _("This work is dedicated to the public domain (CC0 1.0): anyone may copy, share and "
             "adapt it, for any purpose.");

  return _("This work is under a Creative Commons Attribution 4.0 licence (CC BY 4.0): anyone "
           "may copy, share and adapt it, for any purpose, naming who made it.");
}

const char *
abierto_report_license_url (const char *spdx_id)
{
  if (g_strcmp0 (spdx_id, "CC0-1.0") == 0)
    return "https://creativecommons.org/publicdomain/zero/1.0/";

  return "https://creativecommons.org/licenses/by/4.0/";
}

gboolean
abierto_report_draw_qr (cairo_t                  *cr,
                        const AbiertoReportStyle *style,
                        const char               *text,
                        double                    x,
                        double                    y,
                        double                    size)
{
  QRcode *qr;
  double module;
  int quiet = 4;  /* modules, as ISO/IEC 18004 asks */

  g_return_val_if_fail (cr != NULL, FALSE);

  if (text == NULL || *text == '\0')
    return FALSE;

  qr = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (qr == NULL)
    return FALSE;

  module = size / (qr->width + 2 * quiet);

  cairo_save (cr);
  cairo_set_source_rgb (cr, style->paper.red, style->paper.green, style->paper.blue);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);  /* scanners want black on white */
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      if (qr->data[row * qr->width + col] & 1)
        cairo_rectangle (cr,
                         x + (col + quiet) * module,
                         y + (row + quiet) * module,
                         module, module);
  /* one fill, so the modules join without hairline seams */
  cairo_fill (cr);
  cairo_restore (cr);

  QRcode_free (qr);
  return TRUE;
}

char *
abierto_report_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *with_time = NULL;

  if (iso_date == NULL || *iso_date == '\0')
    return NULL;

  with_time = g_strdup_printf ("%sT12:00:00Z", iso_date);
  when = g_date_time_new_from_iso8601 (with_time, NULL);
  if (when == NULL)
    return g_strdup (iso_date);

  /* Translators: a date in a printed document, as in "10 de mayo de 2026";
   * see the strftime() conversions of g_date_time_format() */
  return g_date_time_format (when, _("%B %-d, %Y"));
}
