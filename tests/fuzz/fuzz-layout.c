/* fuzz-layout.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any text laid out by report/: a session of one proposal whose texts
 * come from the input, drawn as a preview and, for some inputs, exported
 * to a file. Nothing may crash, hang or leak.
 *
 * The input: three bytes of options, then the texts separated by 0x1f
 * (title, question, place, facilitators, proposal title, proposal text,
 * category, round title, a gender, a commitment's action, institution
 * and indicator, and the end of a web address). Bytes that are not UTF-8
 * are replaced, as no text in a workshop file can hold them.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "abierto-export.h"
#include "abierto-results-private.h"
#include "fuzz.h"

enum
{
  FIELD_TITLE,
  FIELD_QUESTION,
  FIELD_PLACE,
  FIELD_FACILITATORS,
  FIELD_PROPOSAL_TITLE,
  FIELD_PROPOSAL_TEXT,
  FIELD_CATEGORY,
  FIELD_ROUND_TITLE,
  FIELD_GENDER,
  FIELD_ACTION,
  FIELD_INSTITUTION,
  FIELD_INDICATOR,
  FIELD_URL,
  N_FIELDS
};

#define PROPOSAL_ID 1

static const char *
get_output_path (void)
{
  static char *path = NULL;

  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("abierto-fuzz-layout-XXXXXX", &error);

      g_assert_no_error (error);
      path = g_build_filename (dir, "salida", NULL);
    }

  return path;
}

static void
proposal_free (gpointer data)
{
  AbiertoReportProposal *proposal = data;

  g_free (proposal->uuid);
  g_free (proposal->title);
  g_free (proposal->text);
  g_free (proposal);
}

/* the store never holds an empty proposal text or session title */
static char *
dup_field (char       **fields,
           guint        index,
           const char  *fallback)
{
  if (fields[index] == NULL || (fallback != NULL && fields[index][0] == '\0'))
    return g_strdup (fallback != NULL ? fallback : "");

  return g_strdup (fields[index]);
}

/* @flags: the method in bits 0-2, a 3-point scale in bit 3, the group
 * in bits 4-5, a commitment in bit 6 */
static AbiertoReportData *
make_data (char    **fields,
           guint8    flags,
           guint8    counts)
{
  AbiertoReportData *data = abierto_report_data_new ();
  AbiertoReportCategory *category = g_new0 (AbiertoReportCategory, 1);
  AbiertoReportProposal *proposal = g_new0 (AbiertoReportProposal, 1);
  AbiertoReportRound *round = g_new0 (AbiertoReportRound, 1);
  AbiertoReportCount *gender = g_new0 (AbiertoReportCount, 1);
  AbiertoMethod method = (AbiertoMethod) ((flags & 0x7) % ABIERTO_N_METHODS);
  guint points = flags & 0x8 ? 3 : 5;
  g_autofree char *url = NULL;

  g_free (data->title);
  data->title = dup_field (fields, FIELD_TITLE, "Taller");
  g_free (data->question);
  data->question = dup_field (fields, FIELD_QUESTION, NULL);
  g_free (data->place);
  data->place = dup_field (fields, FIELD_PLACE, NULL);
  g_free (data->facilitators);
  data->facilitators = dup_field (fields, FIELD_FACILITATORS, NULL);
  data->group = (AbiertoGroup) ((flags >> 4) & 0x3);
  data->date = g_strdup ("2026-05-10");
  /* the store takes addresses of up to 2000 bytes */
  url = dup_field (fields, FIELD_URL, NULL);
  if (g_utf8_strlen (url, -1) > 450)
    *g_utf8_offset_to_pointer (url, 450) = '\0';
  if (*url != '\0')
    data->publication_url = g_strconcat ("https://datos.cdmx.gob.mx/", url, NULL);

  data->n_participants = counts;
  data->participants_suppressed = counts < data->threshold;
  gender->label = dup_field (fields, FIELD_GENDER, "Sin dato");
  gender->count = counts;
  gender->suppressed = counts < data->threshold;
  g_ptr_array_add (data->genders, gender);

  proposal->uuid = g_strdup ("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
  proposal->title = dup_field (fields, FIELD_PROPOSAL_TITLE, NULL);
  proposal->text = dup_field (fields, FIELD_PROPOSAL_TEXT, "Propuesta");
  proposal->id = PROPOSAL_ID;
  category->name = dup_field (fields, FIELD_CATEGORY, "Sin categoría");
  category->proposals = g_ptr_array_new_with_free_func (proposal_free);
  g_ptr_array_add (category->proposals, proposal);
  g_ptr_array_add (data->categories, category);
  data->n_proposals = 1;

  round->title = dup_field (fields, FIELD_ROUND_TITLE, "Votación");
  round->method = method;
  round->results = _abierto_results_new (1, method, 3, points);
  _abierto_results_add_proposal (round->results, PROPOSAL_ID, proposal->uuid,
                                 *proposal->title != '\0' ? proposal->title : proposal->text);
  if (counts > 0)
    _abierto_results_add_count (round->results, PROPOSAL_ID, 1 + counts % points, counts);
  _abierto_results_set_n_voters (round->results, counts);
  _abierto_results_finish (round->results);
  g_ptr_array_add (data->rounds, round);

  if (flags & 0x40)
    {
      AbiertoReportCommitment *commitment = g_new0 (AbiertoReportCommitment, 1);
      AbiertoCommitmentStatus state;

      state = (AbiertoCommitmentStatus) (counts % ABIERTO_N_COMMITMENT_STATUSES);

      commitment->action = dup_field (fields, FIELD_ACTION, "Poner lámparas");
      commitment->institution = dup_field (fields, FIELD_INSTITUTION, NULL);
      commitment->indicator = dup_field (fields, FIELD_INDICATOR, NULL);
      commitment->deadline = g_strdup ("2026-12-31");
      commitment->progress = (counts % 11) / 10.0;
      commitment->state = state;
      commitment->status = g_strdup (abierto_commitment_status_get_label (state));
      commitment->status_reason = dup_field (fields, FIELD_INDICATOR, NULL);
      commitment->area = dup_field (fields, FIELD_CATEGORY, NULL);
      commitment->unit = dup_field (fields, FIELD_GENDER, NULL);
      commitment->has_baseline = TRUE;
      commitment->baseline = 0;
      commitment->has_target = TRUE;
      commitment->target = counts;
      commitment->has_current = TRUE;
      commitment->current = counts / 2.0;
      commitment->current_date = g_strdup ("2026-06-01");
      commitment->proposals = g_ptr_array_new ();
      g_ptr_array_add (commitment->proposals, proposal);
      proposal->n_commitments = 1;
      g_ptr_array_add (data->commitments, commitment);
    }

  return data;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AbiertoReportData) report = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  AbiertoExportOptions options;
  cairo_surface_t *surface;
  guint n;

  /* byte 0: the kind in bits 0-1, the format in 2-3, the size in 4-6,
   * writing the whole document in 7; byte 1: what make_data() takes;
   * byte 2: the audience in bits 0-1, the number of people in 2-7 */
  if (size < 3)
    return 0;

  text = g_utf8_make_valid ((const char *) data + 3, (gssize) size - 3);
  /* a text in the file never holds a NUL: it would end there */
  fields = g_strsplit (text, "\x1f", N_FIELDS);
  n = g_strv_length (fields);
  if (n < N_FIELDS)
    {
      fields = g_renew (char *, fields, N_FIELDS + 1);
      while (n <= N_FIELDS)
        fields[n++] = NULL;
    }

  report = make_data (fields, data[1], data[2] >> 2);

  abierto_export_options_init (&options);
  options.kind = (AbiertoExportKind) (data[0] & 0x3);
  options.format = (AbiertoExportFormat) (((data[0] >> 2) & 0x3) % 3);
  options.size = (AbiertoPageSize) (((data[0] >> 4) & 0x7) % 7);
  options.audience = (AbiertoAudience) (data[2] & 0x3);
  options.show_place = (data[1] & 0x80) != 0;
  /* what cannot be made is refused before any drawing: make something */
  if (!abierto_export_options_validate (&options, NULL))
    {
      options.format = ABIERTO_EXPORT_FORMAT_PDF;
      if (!abierto_export_options_validate (&options, NULL))
        options.size = ABIERTO_PAGE_LETTER;
    }
  g_assert (abierto_export_options_validate (&options, NULL));

  surface = abierto_export_render_preview (report, &options, 170, 220, NULL, NULL);
  g_clear_pointer (&surface, cairo_surface_destroy);

  /* the whole document takes much longer than a preview */
  if (data[0] & 0x80)
    {
      const char *path = get_output_path ();

      abierto_export_write (report, &options, path, NULL, NULL, NULL, NULL);
      g_unlink (path);
    }

  return 0;
}
