/* abierto-participant-sheet.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sheet a person gets when they ask what a workshop file holds about
 * them: a letter-size PDF in large print and plain words, drawn from the
 * same record as the JSON of the right of access, so the two always
 * agree. Text flows from page to page a line at a time.
 */

#define G_LOG_DOMAIN "abierto-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "abierto-participant-sheet.h"
#include "abierto-report-style.h"

/* in points: US Letter, and the margins of the printed report */
#define PAGE_WIDTH     612.0
#define PAGE_HEIGHT    792.0
#define MARGIN_SIDE    54.0
#define MARGIN_TOP     54.0
#define MARGIN_BOTTOM  42.0
#define FOOTER_GAP     16.0
/* nothing on the sheet is smaller, footer included */
#define MIN_TEXT_SIZE  12.0

typedef struct
{
  cairo_t            *cr;          /* owned */
  AbiertoReportStyle  style;
  double              left;
  double              right;
  double              top;
  double              bottom;      /* of the text block, above the footer */
  double              y;           /* where the next thing goes */
  double              keep_h;      /* two lines of body text */
  guint               page;        /* 1-based */
  gboolean            page_dirty;  /* something was put on this page */
  char               *footer;      /* owned: "Made with Abierto on …" */
} Sheet;

static void
set_rgb (cairo_t          *cr,
         const AbiertoRgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->red, rgb->green, rgb->blue);
}

static PangoLayout *
sheet_layout (Sheet           *sheet,
              AbiertoTextRole  role,
              const char      *text,
              double           indent,
              gboolean         bold)
{
  PangoLayout *layout = abierto_report_layout (sheet->cr, &sheet->style, 1.0, role, text,
                                               sheet->right - sheet->left - indent);

  if (bold)
    {
      g_autoptr(PangoFontDescription) font = NULL;

      font = pango_font_description_copy (pango_layout_get_font_description (layout));
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (layout, font);
    }

  return layout;
}

/* The footer of the current page: the date on the left, the page number
 * on the right, under a rule. */
static void
sheet_draw_footer (Sheet *sheet)
{
  g_autoptr(PangoLayout) about = NULL;
  g_autoptr(PangoLayout) number = NULL;
  g_autofree char *page = NULL;
  double y;
  int w;

  /* Translators: the page number in the footer of a participant's sheet */
  page = g_strdup_printf (_("Page %u"), sheet->page);
  about = sheet_layout (sheet, ABIERTO_TEXT_SMALL, sheet->footer, 0, FALSE);
  number = abierto_report_layout (sheet->cr, &sheet->style, 1.0, ABIERTO_TEXT_SMALL, page, -1);
  pango_layout_get_size (number, &w, NULL);
  pango_layout_set_width (about, (int) ((sheet->right - sheet->left - (double) w / PANGO_SCALE
                                         - 12) * PANGO_SCALE));

  y = PAGE_HEIGHT - MARGIN_BOTTOM - abierto_report_layout_height (number);

  cairo_save (sheet->cr);
  set_rgb (sheet->cr, &sheet->style.muted);
  cairo_set_line_width (sheet->cr, 0.5);
  cairo_move_to (sheet->cr, sheet->left, y - 6);
  cairo_line_to (sheet->cr, sheet->right, y - 6);
  cairo_stroke (sheet->cr);
  cairo_restore (sheet->cr);

  abierto_report_show (sheet->cr, about, &sheet->style.muted, sheet->left, y);
  abierto_report_show (sheet->cr, number, &sheet->style.muted,
                       sheet->right - (double) w / PANGO_SCALE, y);
}

static void
sheet_end_page (Sheet *sheet)
{
  sheet_draw_footer (sheet);
  cairo_show_page (sheet->cr);
}

static void
sheet_new_page (Sheet *sheet)
{
  sheet_end_page (sheet);
  sheet->page++;
  sheet->y = sheet->top;
  sheet->page_dirty = FALSE;
}

/* Puts @layout at @indent, a line at a time, going on to new pages as
 * needed: a line is never cut, and never crosses into the footer. */
static void
sheet_put (Sheet            *sheet,
           PangoLayout      *layout,
           const AbiertoRgb *rgb,
           double            indent)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double x = sheet->left + indent;
  double origin = sheet->y;  /* where layout y = @offset lands on this page */
  double offset = 0;

  do
    {
      PangoRectangle logical;
      double top, bottom, baseline;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;

      if (origin + bottom - offset > sheet->bottom && (sheet->page_dirty || top > offset))
        {
          sheet_new_page (sheet);
          origin = sheet->y;
          offset = top;
        }

      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cairo_save (sheet->cr);
      set_rgb (sheet->cr, rgb);
      cairo_move_to (sheet->cr, x + (double) logical.x / PANGO_SCALE,
                     origin + baseline - offset);
      pango_cairo_show_layout_line (sheet->cr, pango_layout_iter_get_line_readonly (iter));
      cairo_restore (sheet->cr);

      sheet->page_dirty = TRUE;
      sheet->y = origin + bottom - offset;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
sheet_space (Sheet  *sheet,
             double  points)
{
  if (sheet->page_dirty)
    sheet->y = MIN (sheet->y + points, sheet->bottom);
}

static void
sheet_paragraph (Sheet      *sheet,
                 const char *text,
                 double      indent,
                 gboolean    bold)
{
  g_autoptr(PangoLayout) layout = sheet_layout (sheet, ABIERTO_TEXT_BODY, text, indent, bold);

  sheet_put (sheet, layout, &sheet->style.ink, indent);
  sheet->y += 6;
}

/* A heading, kept on the page with the first lines of what follows. */
static void
sheet_heading (Sheet      *sheet,
               const char *text)
{
  g_autoptr(PangoLayout) layout = sheet_layout (sheet, ABIERTO_TEXT_HEADING, text, 0, FALSE);
  double height = abierto_report_layout_height (layout);

  if (sheet->y + 18 + height + sheet->keep_h > sheet->bottom && sheet->page_dirty)
    sheet_new_page (sheet);
  sheet_space (sheet, 18);
  sheet_put (sheet, layout, &sheet->style.accent, 0);
  sheet->y += 8;
}

/* A line of what is stored: "Label: value". */
static void
sheet_field (Sheet      *sheet,
             const char *label,
             const char *value)
{
  g_autofree char *text = NULL;

  /* Translators: a field of a participant's sheet, as in "Alias: Girasol" */
  text = g_strdup_printf (_("%s: %s"), label, value);
  sheet_paragraph (sheet, text, 0, FALSE);
}

/* Record fields */

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  return json_node_get_int (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static char *
dup_date (const char *iso_date)
{
  char *date = abierto_report_format_date (iso_date);

  return date != NULL ? date : g_strdup (_("not recorded"));
}

/* What a vote gave, in words: "3 dots", "approved", "rated 4", … */
static char *
dup_vote_value (const char *method_name,
                gint64      value)
{
  AbiertoMethod method = ABIERTO_METHOD_DOT;
  long long n = value;

  if (!abierto_method_from_string (method_name, &method))
    return g_strdup_printf ("%lld", n);

  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld dot", "%lld dots",
                                           (gulong) CLAMP (value, 0, G_MAXLONG)), n);
    case ABIERTO_METHOD_APPROVAL:
      return g_strdup (_("approved"));
    case ABIERTO_METHOD_SCALE:
      return g_strdup_printf (_("rated %lld"), n);
    case ABIERTO_METHOD_RANKING:
      return g_strdup_printf (_("in place %lld"), n);
    case ABIERTO_METHOD_TALLY:
    default:
      return g_strdup_printf ("%lld", n);
    }
}

static const char *
method_label (const char *method_name)
{
  AbiertoMethod method;

  if (!abierto_method_from_string (method_name, &method))
    return method_name;

  return abierto_method_get_label (method);
}

/* The proposal as people know it: its title, else its text. */
static const char *
proposal_label (JsonObject *object,
                const char *title_member,
                const char *text_member)
{
  const char *title = member_text (object, title_member);

  return title != NULL ? title : member_text (object, text_member);
}

/* The sections */

static void
draw_stored (Sheet      *sheet,
             JsonObject *record)
{
  JsonObject *session = json_object_get_object_member (record, "session");
  JsonArray *proposals = member_array (record, "proposals");
  JsonArray *votes = member_array (record, "votes");
  g_autofree char *consent_date = dup_date (member_text (record, "consent_date"));
  g_autofree char *consent = NULL;
  g_autofree char *notice = NULL;
  const char *age_band = member_text (record, "age_band");
  const char *gender = member_text (record, "gender");
  JsonNode *version = json_object_get_member (record, "notice_version");
  guint i, n;

  sheet_heading (sheet, _("What is stored"));

  sheet_field (sheet, _("Alias"), member_text (record, "alias"));
  sheet_field (sheet, _("Age range"), age_band != NULL ? age_band : _("not given"));
  sheet_field (sheet, _("Gender"), gender != NULL ? gender : _("not given"));

  if (g_strcmp0 (member_text (record, "consent"), "guardian") == 0)
    consent = g_strdup_printf (_("given by your mother, father or guardian on %s"),
                               consent_date);
  else
    consent = g_strdup_printf (_("given by you on %s"), consent_date);
  sheet_field (sheet, _("Consent"), consent);

  if (version != NULL && JSON_NODE_HOLDS_VALUE (version))
    notice = g_strdup_printf (_("version %lld"), (long long) json_node_get_int (version));
  else
    notice = g_strdup (_("not recorded"));
  sheet_field (sheet, _("Privacy notice shown"), notice);

  if (json_object_get_boolean_member_with_default (record, "opposed", FALSE))
    sheet_field (sheet, _("Publication"),
                 _("you asked that your data be left out of everything that is published, "
                   "and it is"));

  if (session != NULL)
    {
      const char *place = member_text (session, "place");
      g_autofree char *date = dup_date (member_text (session, "date"));

      sheet_field (sheet, _("Workshop"), member_text (session, "title"));
      sheet_field (sheet, _("Date of the workshop"), date);
      if (place != NULL)
        sheet_field (sheet, _("Place"), place);
    }

  sheet_space (sheet, 6);
  sheet_paragraph (sheet, _("Your proposals"), 0, TRUE);
  n = proposals != NULL ? json_array_get_length (proposals) : 0;
  if (n == 0)
    sheet_paragraph (sheet, _("No proposal is recorded as yours."), 18, FALSE);
  for (i = 0; i < n; i++)
    {
      JsonObject *proposal = json_array_get_object_element (proposals, i);
      const char *title = member_text (proposal, "title");

      if (title != NULL)
        sheet_paragraph (sheet, title, 18, TRUE);
      sheet_paragraph (sheet, member_text (proposal, "text"), 18, FALSE);
    }

  sheet_space (sheet, 6);
  sheet_paragraph (sheet, _("Your votes"), 0, TRUE);
  n = votes != NULL ? json_array_get_length (votes) : 0;
  if (n == 0)
    sheet_paragraph (sheet, _("No vote is recorded as yours."), 18, FALSE);
  for (i = 0; i < n; i++)
    {
      JsonObject *vote = json_array_get_object_element (votes, i);
      const char *method = member_text (vote, "method");
      const char *round = member_text (vote, "round_title");
      g_autofree char *value = dup_vote_value (method, member_int (vote, "value"));
      g_autofree char *line = NULL;

      if (round != NULL)
        /* Translators: a vote on a participant's sheet: the round, how it
         * was voted, the proposal and what the vote gave, as in
         * "Prioridades (Votación con puntos): Más bancas — 2 puntos" */
        line = g_strdup_printf (_("%s (%s): %s — %s"), round, method_label (method),
                                proposal_label (vote, "proposal_title", "proposal_text"), value);
      else
        /* Translators: a vote on a participant's sheet, in a round without
         * a title: how it was voted, the proposal and what the vote gave */
        line = g_strdup_printf (_("%s: %s — %s"), method_label (method),
                                proposal_label (vote, "proposal_title", "proposal_text"), value);
      sheet_paragraph (sheet, line, 18, FALSE);
    }
}

static void
draw_use (Sheet      *sheet,
          JsonObject *record)
{
  sheet_heading (sheet, _("What it is used for"));
  sheet_paragraph (sheet,
                   _("Your alias lets the people who facilitate the workshop write down your "
                     "proposals and your votes. The results are published to answer your "
                     "proposals, without your alias or anything else that identifies you, and "
                     "groups of fewer than five people are not shown."), 0, FALSE);
  if (json_object_get_boolean_member_with_default (record, "opposed", FALSE))
    sheet_paragraph (sheet,
                     _("You asked that your data be left out of everything that is published: "
                       "it stays here, and it is not counted in any publication."), 0, FALSE);
}

static void
draw_rights (Sheet *sheet)
{
  sheet_heading (sheet, _("How to ask for changes"));
  sheet_paragraph (sheet,
                   _("Ask the people who facilitate the workshop, at any time. You can ask:"),
                   0, FALSE);
  sheet_paragraph (sheet,
                   _("• To see your data (access): this sheet is that. You can ask for it "
                     "again whenever you want."), 18, FALSE);
  sheet_paragraph (sheet,
                   _("• To correct something (rectification): tell them what is wrong, and "
                     "they change it."), 18, FALSE);
  sheet_paragraph (sheet,
                   _("• To erase your data (cancellation): your alias and your details are "
                     "removed for good. Your proposals stay, without your name, and your votes "
                     "still count, without your name."), 18, FALSE);
  sheet_paragraph (sheet,
                   _("• To keep your data out of everything that is published (opposition): it "
                     "stays here, but it is not counted in any publication."), 18, FALSE);
}

static void
draw_notice (Sheet        *sheet,
             AbiertoStore *store,
             JsonObject   *record,
             GError      **error)
{
  const char *text = member_text (record, "notice_text");
  JsonNode *version = json_object_get_member (record, "notice_version");
  g_autofree char *intro = NULL;
  g_autofree char *current = NULL;
  guint latest = 0;

  sheet_heading (sheet, _("The privacy notice"));

  if (text != NULL && version != NULL && JSON_NODE_HOLDS_VALUE (version))
    {
      intro = g_strdup_printf (_("This is the privacy notice (version %lld) you were shown when "
                                 "you gave your consent:"),
                               (long long) json_node_get_int (version));
    }
  else
    {
      /* a participant of a file from before notices were kept */
      if (!abierto_store_get_notice (store, &latest, &current, NULL, error))
        return;
      intro = g_strdup_printf (_("No version of the privacy notice was recorded with your "
                                 "consent. This is the current one (version %u):"), latest);
      text = current;
    }

  sheet_paragraph (sheet, intro, 0, FALSE);
  sheet_space (sheet, 6);
  sheet_paragraph (sheet, text, 18, FALSE);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
abierto_participant_sheet_write_pdf (AbiertoStore  *store,
                                     gint64         participant_id,
                                     const char    *path,
                                     GError       **error)
{
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autofree char *today = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *intro = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  JsonObject *object;
  Sheet sheet = { 0 };

  g_return_val_if_fail (ABIERTO_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  record = abierto_store_dup_participant_record (store, participant_id, error);
  if (record == NULL)
    return FALSE;
  object = json_node_get_object (record);

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  today_text = abierto_report_format_date (today);

  bytes = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  /* not the alias: a file name or its properties may be seen by others */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _("Your data in this workshop"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  PACKAGE_NAME " " PACKAGE_VERSION);

  /* large print and high contrast, whoever the person is */
  abierto_report_style_init (&sheet.style, ABIERTO_AUDIENCE_OLDER_ADULTS);
  sheet.style.body_size = MAX (sheet.style.body_size, MIN_TEXT_SIZE);
  sheet.style.small_size = MAX (sheet.style.small_size, MIN_TEXT_SIZE);
  sheet.cr = cairo_create (surface);
  sheet.left = MARGIN_SIDE;
  sheet.right = PAGE_WIDTH - MARGIN_SIDE;
  sheet.top = MARGIN_TOP;
  /* Translators: the footer of a participant's sheet; %s is a date */
  sheet.footer = g_strdup_printf (_("Made with Abierto on %s"), today_text);
  probe = abierto_report_layout (sheet.cr, &sheet.style, 1.0, ABIERTO_TEXT_SMALL, "Ág", -1);
  sheet.bottom = PAGE_HEIGHT - MARGIN_BOTTOM - abierto_report_layout_height (probe)
                 - FOOTER_GAP - 6;
  g_clear_object (&probe);
  probe = abierto_report_layout (sheet.cr, &sheet.style, 1.0, ABIERTO_TEXT_BODY, "Ág\nÁg", -1);
  sheet.keep_h = abierto_report_layout_height (probe);
  sheet.y = sheet.top;
  sheet.page = 1;

  title = sheet_layout (&sheet, ABIERTO_TEXT_TITLE, _("Your data in this workshop"), 0, FALSE);
  sheet_put (&sheet, title, &sheet.style.ink, 0);
  sheet.y += 12;
  intro = g_strdup_printf (_("This sheet shows everything this workshop file holds about you, "
                             "as it was on %s."), today_text);
  sheet_paragraph (&sheet, intro, 0, FALSE);

  draw_stored (&sheet, object);
  draw_use (&sheet, object);
  draw_rights (&sheet);
  draw_notice (&sheet, store, object, &local_error);

  sheet_end_page (&sheet);
  status = cairo_status (sheet.cr);
  cairo_destroy (sheet.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (sheet.footer);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be drawn: %s."),
                   display, cairo_status_to_string (status));
      return FALSE;
    }

  /* a temporary file beside @path, synced and renamed over it: never half
   * a file; 0600, since it holds personal data */
  return g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                   | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
