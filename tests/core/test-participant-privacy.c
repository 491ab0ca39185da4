/* test-participant-privacy.c: the privacy notice, consent and ARCO rights
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "abierto-privacy.h"
#include "abierto-report-data.h"
#include "abierto-store.h"

/* Distinctive on purpose: any of these found in the file's bytes after an
 * erasure is a copy that survived it. */
#define ALIAS    "ZorroAzul-7731"
#define GENDER   "Persona no binaria 4417"
#define AGE_BAND "70-79 Zorro"

typedef struct
{
  char         *dir;
  char         *path;
  AbiertoStore *store;
  gint64        session;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("abierto-privacy-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "taller.abierto", NULL);
  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);

  session = abierto_session_new ("Parque Hundido", ABIERTO_GROUP_OLDER_ADULTS);
  abierto_session_set_place (session, "Casa de Cultura");
  abierto_session_set_date (session, "2026-05-10");
  g_assert_true (abierto_store_add_session (f->store, session, &error));
  g_assert_no_error (error);
  f->session = abierto_session_get_id (session);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (f->store != NULL)
    abierto_store_close (f->store, NULL);
  g_clear_object (&f->store);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
raw_int (Fixture    *f,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static gint64
add_participant_full (Fixture    *f,
                      const char *alias,
                      const char *age_band,
                      const char *gender,
                      guint       notice_version)
{
  g_autoptr(AbiertoParticipant) participant = abierto_participant_new (f->session, alias);
  g_autoptr(GError) error = NULL;

  abierto_participant_set_age_band (participant, age_band);
  abierto_participant_set_gender (participant, gender);
  abierto_participant_set_notice_version (participant, notice_version);
  g_assert_true (abierto_store_add_participant (f->store, participant, &error));
  g_assert_no_error (error);
  return abierto_participant_get_id (participant);
}

static gint64
add_participant (Fixture    *f,
                 const char *alias)
{
  return add_participant_full (f, alias, NULL, NULL, 0);
}

static gint64
add_proposal (Fixture    *f,
              const char *text,
              gint64      author)
{
  g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (f->session, text);
  g_autoptr(GError) error = NULL;

  abierto_proposal_set_author_id (proposal, author);
  g_assert_true (abierto_store_add_proposal (f->store, proposal, &error));
  g_assert_no_error (error);
  return abierto_proposal_get_id (proposal);
}

static gint64
add_round (Fixture       *f,
           AbiertoMethod  method)
{
  g_autoptr(AbiertoRound) round = abierto_round_new (f->session, method);
  g_autoptr(GError) error = NULL;

  abierto_round_set_dots (round, 3);
  g_assert_true (abierto_store_add_round (f->store, round, &error));
  g_assert_no_error (error);
  return abierto_round_get_id (round);
}

static void
vote (Fixture *f,
      gint64   round,
      gint64   participant,
      gint64   proposal,
      gint     value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_vote (f->store, round, participant, proposal, value, NULL,
                                         &error));
  g_assert_no_error (error);
}

/* The results of a round as "proposal:votes:score;…", to compare. */
static char *
dup_results (Fixture *f,
             gint64   round)
{
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  guint i;

  results = abierto_store_compute_results (f->store, round, &error);
  g_assert_no_error (error);
  for (i = 0; i < abierto_results_get_n_rows (results); i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (results, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ":%u:%g;", row->proposal_id,
                              row->votes, row->score);
    }

  return g_string_free (out, FALSE);
}

/* Whether @needle occurs anywhere in the bytes of @path; FALSE when the
 * file does not exist. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* In the database file or in its WAL. */
static gboolean
bytes_contain (Fixture    *f,
               const char *needle)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  return file_contains (f->path, needle) || file_contains (wal, needle);
}

static void
assert_erased_bytes (Fixture *f)
{
  g_assert_false (bytes_contain (f, ALIAS));
  g_assert_false (bytes_contain (f, GENDER));
  g_assert_false (bytes_contain (f, AGE_BAND));
}

static void
count_changed (AbiertoStore *store,
               const char   *table,
               gint64        session_id,
               guint        *n)
{
  (*n)++;
}

/* The notice */

static void
test_default_notice (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *created = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected = abierto_privacy_dup_default_notice ();
  guint version = 0;
  guint n_changed = 0;

  /* it says who is responsible, what is recorded, what for, and ARCO */
  g_assert_nonnull (strstr (expected, "responsible"));
  g_assert_nonnull (strstr (expected, "record"));
  g_assert_nonnull (strstr (expected, "What for"));
  g_assert_nonnull (strstr (expected, "ARCO"));

  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 0);
  g_signal_connect (f->store, "changed::privacy_notice", G_CALLBACK (count_changed), &n_changed);

  /* version 1 is stored the first time it is needed */
  g_assert_true (abierto_store_get_notice (f->store, &version, &text, &created, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 1);
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (created);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 1);

  /* and only once */
  g_assert_true (abierto_store_get_notice (f->store, &version, NULL, NULL, &error));
  g_assert_cmpuint (version, ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  again = abierto_store_dup_notice_text (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, expected);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 1);
}

static void
test_notice_versions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = abierto_privacy_dup_default_notice ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *latest = NULL;
  const char *refused[] = { "", "   \n\t " };
  guint version = 0;
  guint n_changed = 0;
  guint i;

  g_signal_connect (f->store, "changed::privacy_notice", G_CALLBACK (count_changed), &n_changed);

  /* the same text as the latest is no new version */
  g_assert_true (abierto_store_set_notice (f->store, expected, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 1);
  g_assert_true (abierto_store_set_notice (f->store, expected, &version, &error));
  g_assert_cmpuint (version, ==, 1);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);

  /* a new text is a new version, trimmed; the old one is kept */
  g_assert_true (abierto_store_set_notice (f->store, "  Aviso de la Alcaldía Coyoacán\n\n",
                                           &version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_true (abierto_store_set_notice (f->store, "Aviso de la Alcaldía Coyoacán", &version,
                                           &error));
  g_assert_cmpuint (version, ==, 2);
  g_assert_true (abierto_store_set_notice (f->store, "Aviso 3", NULL, &error));
  g_assert_no_error (error);

  for (i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (abierto_store_set_notice (f->store, refused[i], &version, &error));
      g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 3);

  /* every version is still there after the file is closed */
  g_assert_true (abierto_store_close (f->store, &error));
  g_clear_object (&f->store);
  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);

  first = abierto_store_dup_notice_text (f->store, 1, &error);
  g_assert_cmpstr (first, ==, expected);
  second = abierto_store_dup_notice_text (f->store, 2, &error);
  g_assert_cmpstr (second, ==, "Aviso de la Alcaldía Coyoacán");
  g_assert_true (abierto_store_get_notice (f->store, &version, &latest, NULL, &error));
  g_assert_cmpuint (version, ==, 3);
  g_assert_cmpstr (latest, ==, "Aviso 3");

  g_assert_null (abierto_store_dup_notice_text (f->store, 4, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (abierto_store_dup_notice_text (f->store, 0, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

/* Consent */

static void
test_consent_records_version (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(AbiertoParticipant) refused = abierto_participant_new (0, "Colibrí");
  g_autoptr(AbiertoParticipant) read = NULL;
  g_autoptr(AbiertoParticipant) edited = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second, older;
  guint i;

  /* the latest notice, created as version 1 on the way */
  first = add_participant (f, "Girasol");
  g_assert_cmpint (raw_int (f, "SELECT notice_version FROM participant WHERE id = 1"), ==, 1);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 1);

  g_assert_true (abierto_store_set_notice (f->store, "Segunda versión", NULL, &error));
  second = add_participant (f, "Nopal");
  older = add_participant_full (f, "Ajolote", NULL, NULL, 1);

  read = abierto_store_get_participant (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (abierto_participant_get_notice_version (read), ==, 1);
  g_assert_false (abierto_participant_get_opposed (read));
  g_clear_object (&read);
  read = abierto_store_get_participant (f->store, second, &error);
  g_assert_cmpuint (abierto_participant_get_notice_version (read), ==, 2);
  g_clear_object (&read);
  read = abierto_store_get_participant (f->store, older, &error);
  g_assert_cmpuint (abierto_participant_get_notice_version (read), ==, 1);

  list = abierto_store_list_participants (f->store, f->session, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  for (i = 0; i < 3; i++)
    {
      g_autoptr(AbiertoParticipant) p = g_list_model_get_item (list, i);

      g_assert_cmpuint (abierto_participant_get_notice_version (p), ==,
                        abierto_participant_get_id (p) == second ? 2 : 1);
    }

  /* a version the file does not hold is refused, and nobody is stored */
  abierto_participant_set_session_id (refused, f->session);
  abierto_participant_set_notice_version (refused, 7);
  g_assert_false (abierto_store_add_participant (f->store, refused, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (abierto_participant_get_id (refused), ==, 0);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM participant"), ==, 3);

  /* a consent given again under the new notice; 0 keeps the version */
  edited = abierto_participant_new (f->session, "Ajolote");
  abierto_participant_set_id (edited, older);
  g_assert_true (abierto_store_update_participant (f->store, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f, "SELECT notice_version FROM participant WHERE id = 3"), ==, 1);
  abierto_participant_set_notice_version (edited, 2);
  g_assert_true (abierto_store_update_participant (f->store, edited, &error));
  g_assert_cmpint (raw_int (f, "SELECT notice_version FROM participant WHERE id = 3"), ==, 2);
  abierto_participant_set_notice_version (edited, 9);
  g_assert_false (abierto_store_update_participant (f->store, edited, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_assert_cmpint (raw_int (f, "SELECT notice_version FROM participant WHERE id = 3"), ==, 2);
}

/* Opposition */

/* the shown counts of a breakdown, in its order */
static void
append_counts (GPtrArray *counts,
               GString   *out)
{
  guint i;

  for (i = 0; i < counts->len; i++)
    {
      const AbiertoReportCount *count = g_ptr_array_index (counts, i);

      if (!count->suppressed)
        g_string_append_printf (out, "%u,", count->count);
    }
}

static char *
dup_report_people (Fixture *f)
{
  g_autoptr(AbiertoReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  guint i;
  guint total = 0;

  data = abierto_report_data_new_from_store (f->store, f->session, 2, &error);
  g_assert_no_error (error);
  for (i = 0; i < data->age_bands->len; i++)
    total += ((AbiertoReportCount *) g_ptr_array_index (data->age_bands, i))->count;
  g_string_append_printf (out, "%u people, %u in bands: ", data->n_participants, total);
  append_counts (data->age_bands, out);

  return g_string_free (out, FALSE);
}

/* An answer typed as the label of the people with none joins them, in
 * the report as in the open data: were the cells different, a count
 * hidden in one could be worked out from the other by subtraction. */
static void
test_breakdown_merges_labels (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(AbiertoReportData) report = NULL;
  g_autoptr(GError) error = NULL;
  guint i, shown = 0, hidden = 0, not_recorded = 0;

  for (i = 0; i < 6; i++)
    {
      g_autofree char *typed = g_strdup_printf ("Escribe %u", i);
      g_autofree char *woman = g_strdup_printf ("Mujer %u", i);

      add_participant_full (f, typed, NULL, "Not recorded", 0);
      add_participant_full (f, woman, NULL, "Mujer", 0);
    }
  add_participant_full (f, "Sin respuesta", NULL, NULL, 0);

  report = abierto_report_data_new_from_store (f->store, f->session, 5, &error);
  g_assert_no_error (error);
  for (i = 0; i < report->genders->len; i++)
    {
      const AbiertoReportCount *count = g_ptr_array_index (report->genders, i);

      if (count->suppressed)
        hidden++;
      else
        shown += count->count;
      if (g_strcmp0 (count->label, "Not recorded") == 0)
        not_recorded = count->count;
    }
  g_assert_cmpuint (hidden, ==, 0);
  g_assert_cmpuint (shown, ==, 13);
  g_assert_cmpuint (not_recorded, ==, 7);
}

static void
test_opposed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AbiertoParticipant) read = NULL;
  g_autoptr(AbiertoParticipant) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  gint64 zorro = 0;
  guint n_changed = 0;
  guint i;

  for (i = 0; i < 6; i++)
    {
      g_autofree char *alias = g_strdup_printf ("Persona %u", i);

      add_participant_full (f, alias, "60-69", NULL, 0);
    }
  for (i = 0; i < 3; i++)
    {
      g_autofree char *alias = g_strdup_printf ("Zorro %u", i);

      zorro = add_participant_full (f, alias, "70-79", NULL, 0);
    }

  before = dup_report_people (f);
  g_assert_cmpstr (before, ==, "9 people, 9 in bands: 6,3,");

  g_signal_connect (f->store, "changed::participant", G_CALLBACK (count_changed), &n_changed);
  g_assert_true (abierto_store_set_participant_opposed (f->store, zorro, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (raw_int (f, "SELECT opposed FROM participant WHERE id = 9"), ==, 1);
  read = abierto_store_get_participant (f->store, zorro, &error);
  g_assert_true (abierto_participant_get_opposed (read));

  /* left out of the report's counts, while still in the file */
  after = dup_report_people (f);
  g_assert_cmpstr (after, ==, "8 people, 8 in bands: 6,2,");

  /* a rectification from a form built afresh does not withdraw it */
  edited = abierto_participant_new (f->session, "Zorro cambiado");
  abierto_participant_set_id (edited, zorro);
  abierto_participant_set_age_band (edited, "70-79");
  g_assert_true (abierto_store_update_participant (f->store, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f, "SELECT opposed FROM participant WHERE id = 9"), ==, 1);

  g_assert_true (abierto_store_set_participant_opposed (f->store, zorro, FALSE, &error));
  undone = dup_report_people (f);
  g_assert_cmpstr (undone, ==, before);

  g_assert_false (abierto_store_set_participant_opposed (f->store, 999, TRUE, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

/* Access */

static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  JsonObject *object, *session, *element;
  JsonArray *proposals, *votes;
  gint64 zorro, other, mine, theirs, dots, approval;

  zorro = add_participant_full (f, ALIAS, AGE_BAND, GENDER, 0);
  other = add_participant (f, "Girasol");
  mine = add_proposal (f, "Más bancas con sombra", zorro);
  theirs = add_proposal (f, "Un mercado los domingos", other);
  dots = add_round (f, ABIERTO_METHOD_DOT);
  approval = add_round (f, ABIERTO_METHOD_APPROVAL);
  vote (f, dots, zorro, theirs, 2);
  vote (f, dots, other, mine, 3);
  vote (f, approval, zorro, mine, 1);
  g_assert_true (abierto_store_set_participant_opposed (f->store, zorro, TRUE, &error));

  record = abierto_store_dup_participant_record (f->store, zorro, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (record));
  object = json_node_get_object (record);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, zorro);
  g_assert_cmpstr (json_object_get_string_member (object, "alias"), ==, ALIAS);
  g_assert_cmpstr (json_object_get_string_member (object, "age_band"), ==, AGE_BAND);
  g_assert_cmpstr (json_object_get_string_member (object, "gender"), ==, GENDER);
  g_assert_cmpstr (json_object_get_string_member (object, "consent"), ==, "self");
  g_assert_nonnull (json_object_get_string_member (object, "consent_date"));
  g_assert_cmpint (json_object_get_int_member (object, "notice_version"), ==, 1);
  notice = abierto_privacy_dup_default_notice ();
  g_assert_cmpstr (json_object_get_string_member (object, "notice_text"), ==, notice);
  g_assert_true (json_object_get_boolean_member (object, "opposed"));

  session = json_object_get_object_member (object, "session");
  g_assert_cmpstr (json_object_get_string_member (session, "title"), ==, "Parque Hundido");
  g_assert_cmpstr (json_object_get_string_member (session, "date"), ==, "2026-05-10");
  g_assert_cmpstr (json_object_get_string_member (session, "place"), ==, "Casa de Cultura");

  proposals = json_object_get_array_member (object, "proposals");
  g_assert_cmpuint (json_array_get_length (proposals), ==, 1);
  element = json_array_get_object_element (proposals, 0);
  g_assert_cmpint (json_object_get_int_member (element, "id"), ==, mine);
  g_assert_cmpstr (json_object_get_string_member (element, "text"), ==, "Más bancas con sombra");

  /* their own votes only, with what they were for */
  votes = json_object_get_array_member (object, "votes");
  g_assert_cmpuint (json_array_get_length (votes), ==, 2);
  element = json_array_get_object_element (votes, 0);
  g_assert_cmpstr (json_object_get_string_member (element, "method"), ==, "dot");
  g_assert_cmpstr (json_object_get_string_member (element, "proposal_text"), ==,
                   "Un mercado los domingos");
  g_assert_cmpint (json_object_get_int_member (element, "value"), ==, 2);
  element = json_array_get_object_element (votes, 1);
  g_assert_cmpstr (json_object_get_string_member (element, "method"), ==, "approval");
  g_assert_cmpint (json_object_get_int_member (element, "round_id"), ==, approval);

  g_assert_null (abierto_store_dup_participant_record (f->store, 999, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

/* Rectification and cancellation */

/* A room in which Zorro is one of many (so that the tables span several
 * pages), wrote a proposal and voted in two rounds. */
typedef struct
{
  gint64 zorro;
  gint64 proposals[3];
  gint64 dots;
  gint64 approval;
} Room;

static void
make_room (Fixture *f,
           Room    *room)
{
  guint i;

  for (i = 0; i < 300; i++)
    {
      g_autofree char *alias = g_strdup_printf ("Persona número %u del taller", i);
      gint64 id = add_participant_full (f, alias, "60-69", "mujer", 0);

      if (i == 0)
        {
          room->proposals[0] = add_proposal (f, "Más bancas con sombra", id);
          room->proposals[1] = add_proposal (f, "Un mercado los domingos", id);
          room->dots = add_round (f, ABIERTO_METHOD_DOT);
          room->approval = add_round (f, ABIERTO_METHOD_APPROVAL);
        }
      if (i % 3 == 0)
        vote (f, room->dots, id, room->proposals[i % 2], 1);
    }

  room->zorro = add_participant_full (f, ALIAS, AGE_BAND, GENDER, 0);
  room->proposals[2] = add_proposal (f, "Talleres de lectura en voz alta", room->zorro);
  vote (f, room->dots, room->zorro, room->proposals[2], 2);
  vote (f, room->dots, room->zorro, room->proposals[0], 1);
  vote (f, room->approval, room->zorro, room->proposals[1], 1);
}

static void
test_rectification_overwrites (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(AbiertoParticipant) edited = NULL;
  g_autoptr(GError) error = NULL;
  Room room;

  make_room (f, &room);
  g_assert_true (bytes_contain (f, ALIAS));

  edited = abierto_store_get_participant (f->store, room.zorro, &error);
  /* a much shorter row: the new one cannot cover where the old one was */
  abierto_participant_set_alias (edited, "Z");
  abierto_participant_set_age_band (edited, NULL);
  abierto_participant_set_gender (edited, NULL);
  g_assert_true (abierto_store_update_participant (f->store, edited, &error));
  g_assert_no_error (error);

  /* the old values were overwritten, not left in free space */
  g_assert_true (abierto_store_close (f->store, &error));
  g_assert_no_error (error);
  assert_erased_bytes (f);
}

static void
test_erase (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AbiertoProposal) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dots_before = NULL;
  g_autofree char *approval_before = NULL;
  g_autofree char *dots_after = NULL;
  g_autofree char *approval_after = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  guint n_participant = 0, n_vote = 0, n_proposal = 0;
  gint64 anonymous_before;
  Room room;

  make_room (f, &room);
  dots_before = dup_results (f, room.dots);
  approval_before = dup_results (f, room.approval);
  anonymous_before = raw_int (f, "SELECT count(*) FROM vote WHERE participant_id IS NULL");
  g_assert_true (bytes_contain (f, ALIAS));
  g_assert_true (bytes_contain (f, GENDER));

  g_signal_connect (f->store, "changed::participant", G_CALLBACK (count_changed),
                    &n_participant);
  g_signal_connect (f->store, "changed::vote", G_CALLBACK (count_changed), &n_vote);
  g_signal_connect (f->store, "changed::proposal", G_CALLBACK (count_changed), &n_proposal);

  g_assert_true (abierto_store_erase_participant (f->store, room.zorro, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_participant, ==, 1);
  g_assert_cmpuint (n_vote, ==, 1);
  g_assert_cmpuint (n_proposal, ==, 1);

  /* gone from the file's bytes at once, WAL included, before any close */
  g_assert_true (!g_file_test (wal, G_FILE_TEST_EXISTS) || !file_contains (wal, "Zorro"));
  assert_erased_bytes (f);

  /* the person is gone; the proposal stays without an author */
  g_assert_null (abierto_store_get_participant (f->store, room.zorro, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (abierto_store_dup_participant_record (f->store, room.zorro, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  kept = abierto_store_get_proposal (f->store, room.proposals[2], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_proposal_get_text (kept), ==, "Talleres de lectura en voz alta");
  g_assert_cmpint (abierto_proposal_get_author_id (kept), ==, 0);

  /* the votes still count, as anonymous votes */
  dots_after = dup_results (f, room.dots);
  approval_after = dup_results (f, room.approval);
  g_assert_cmpstr (dots_after, ==, dots_before);
  g_assert_cmpstr (approval_after, ==, approval_before);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM vote WHERE participant_id IS NULL"), ==,
                   anonymous_before + 3);

  /* cannot be done twice, and the file is in good order */
  g_assert_false (abierto_store_erase_participant (f->store, room.zorro, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (abierto_store_close (f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  assert_erased_bytes (f);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM participant"), ==, 300);
  g_assert_cmpint (raw_int (f, "PRAGMA foreign_key_check"), ==, -1);
}

/* A participant in the trash can be erased too: their trashed votes, which
 * no longer counted, go with them. */
static void
test_erase_deleted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *erased = NULL;
  Room room;

  make_room (f, &room);
  g_assert_true (abierto_store_delete_participant (f->store, room.zorro, &error));
  g_assert_no_error (error);
  deleted = dup_results (f, room.dots);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM vote_trash"), ==, 3);

  g_assert_true (abierto_store_erase_participant (f->store, room.zorro, &error));
  g_assert_no_error (error);
  erased = dup_results (f, room.dots);
  g_assert_cmpstr (erased, ==, deleted);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM vote_trash"), ==, 0);
  g_assert_false (abierto_store_restore_participant (f->store, room.zorro, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);

  g_assert_true (abierto_store_close (f->store, NULL));
  assert_erased_bytes (f);
}

/* A vote waiting for its proposal to be restored comes back anonymous. */
static void
test_erase_keeps_trashed_proposal_votes (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Room room;

  make_room (f, &room);
  before = dup_results (f, room.approval);
  g_assert_true (abierto_store_delete_proposal (f->store, room.proposals[1], &error));
  g_assert_true (abierto_store_erase_participant (f->store, room.zorro, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM vote_trash WHERE participant_id IS NOT "
                               "NULL AND participant_id NOT IN (SELECT id FROM participant)"),
                   ==, 0);
  g_assert_true (abierto_store_restore_proposal (f->store, room.proposals[1], &error));
  g_assert_no_error (error);
  after = dup_results (f, room.approval);
  g_assert_cmpstr (after, ==, before);
}

/* The window reads in a worker while the main thread writes. */
static void
test_erase_with_reader (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AbiertoStore) reader = NULL;
  g_autoptr(GListModel) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3 *busy = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 second;
  gint64 start;
  Room room;

  make_room (f, &room);

  /* a reader that is open, between two reads, does not stop anything */
  reader = abierto_store_open_reader (f->store, &error);
  g_assert_no_error (error);
  seen = abierto_store_list_participants (reader, f->session, &error);
  g_assert_cmpuint (g_list_model_get_n_items (seen), ==, 301);
  g_assert_true (abierto_store_erase_participant (f->store, room.zorro, &error));
  g_assert_no_error (error);
  assert_erased_bytes (f);
  g_clear_object (&seen);
  seen = abierto_store_list_participants (reader, f->session, &error);
  g_assert_cmpuint (g_list_model_get_n_items (seen), ==, 300);

  /* one in the middle of a read holds the WAL: the erasure is done all the
   * same, and says that a copy waits in the WAL until the file closes */
  second = add_participant_full (f, "ZorroRojo-5521", NULL, NULL, 0);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &busy, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (busy, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (busy, "SELECT alias FROM participant", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  start = g_get_monotonic_time ();
  g_assert_false (abierto_store_erase_participant (f->store, second, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_BUSY);
  g_test_message ("busy: %s", error->message);
  g_assert_nonnull (strstr (error->message, "erased"));
  g_clear_error (&error);
  /* it waited a little, not the usual five seconds */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_true (file_contains (wal, "ZorroRojo-5521"));

  /* erased from the database: not there for the store nor for a new read */
  g_assert_null (abierto_store_get_participant (f->store, second, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  sqlite3_finalize (stmt);
  sqlite3_exec (busy, "COMMIT", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_close (busy), ==, SQLITE_OK);
  g_clear_object (&seen);
  g_clear_object (&reader);

  /* closing finishes it */
  g_assert_true (abierto_store_close (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (bytes_contain (f, "ZorroRojo-5521"));
  assert_erased_bytes (f);
}

/* Formats */

/* A file of format 2, from before notices were kept, opens and is
 * brought forward; its participants keep "not recorded". */
static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AbiertoStore) reader = NULL;
  g_autoptr(AbiertoParticipant) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *text = NULL;
  g_autofree char *created = NULL;
  g_autofree char *expected = abierto_privacy_dup_default_notice ();
  gboolean healthy = FALSE;
  sqlite3 *db = NULL;
  guint version = 0;
  gint64 girasol, nopal;

  girasol = add_participant_full (f, "Girasol", "60-69", NULL, 0);
  g_assert_true (abierto_store_close (f->store, &error));
  g_clear_object (&f->store);

  /* the format 2 schema is format 3's without the notices */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE privacy_notice; "
                                     "UPDATE participant SET notice_version = NULL; "
                                     "PRAGMA user_version = 2;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpint (raw_int (f, "PRAGMA user_version"), ==, 2);

  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f, "PRAGMA user_version"), ==, ABIERTO_FORMAT_VERSION);
  g_assert_cmpint (ABIERTO_FORMAT_VERSION, ==, 3);
  g_assert_true (abierto_store_check (f->store, &healthy, &verdict, &error));
  g_assert_no_error (error);
  g_assert_true (healthy);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 0);

  old = abierto_store_get_participant (f->store, girasol, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_participant_get_alias (old), ==, "Girasol");
  g_assert_cmpuint (abierto_participant_get_notice_version (old), ==, 0);
  g_assert_false (abierto_participant_get_opposed (old));

  /* a reader cannot store version 1, and gives it all the same */
  reader = abierto_store_open_reader (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_get_notice (reader, &version, &text, &created, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 1);
  g_assert_cmpstr (text, ==, expected);
  g_assert_null (created);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 0);
  g_clear_object (&reader);

  /* the first participant added since records version 1 */
  nopal = add_participant (f, "Nopal");
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM privacy_notice"), ==, 1);
  g_assert_cmpint (raw_int (f, "SELECT notice_version FROM participant WHERE id = 2"), ==, 1);
  g_assert_cmpint (nopal, ==, 2);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM participant WHERE notice_version IS NULL"),
                   ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/participant-privacy/" name, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)

  ADD ("default-notice", test_default_notice);
  ADD ("notice-versions", test_notice_versions);
  ADD ("consent-records-version", test_consent_records_version);
  ADD ("breakdown-merges-labels", test_breakdown_merges_labels);
  ADD ("opposed", test_opposed);
  ADD ("record", test_record);
  ADD ("rectification-overwrites", test_rectification_overwrites);
  ADD ("erase", test_erase);
  ADD ("erase-deleted", test_erase_deleted);
  ADD ("erase-keeps-trashed-proposal-votes", test_erase_keeps_trashed_proposal_votes);
  ADD ("erase-with-reader", test_erase_with_reader);
  ADD ("migrate", test_migrate);

  return g_test_run ();
}
