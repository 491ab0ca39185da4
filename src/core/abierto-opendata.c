/* abierto-opendata.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abierto-opendata.h"
#include "abierto-privacy.h"
#include "abierto-store-private.h"
#include "abierto-uuid.h"

G_DEFINE_QUARK (abierto-opendata-error-quark, abierto_opendata_error)

/* A file that changes while it is read is read again, this many times at
 * most, so that every table tells the same story. */
#define MAX_READS 5

#define LICENSE_NAME  "CC-BY-4.0"
#define LICENSE_PATH  "https://creativecommons.org/licenses/by/4.0/"
#define ALL_NAME      "abierto-talleres"
#define NAME_MAX_CHARS 60

/* The tables */

typedef enum
{
  VALUES_ANY,
  VALUES_GROUP,
  VALUES_METHOD,
  VALUES_SESSION_STATUS,
  VALUES_ROUND_STATUS,
  VALUES_COMMITMENT_STATUS,
  VALUES_DIMENSION,
} Values;

typedef struct
{
  const char *name;
  const char *type;         /* a Table Schema type */
  const char *format;       /* NULL for the default one */
  const char *description;  /* N_() */
  gboolean    required;
  Values      values;       /* the only values it may take */
  gboolean    non_negative;
} Field;

typedef struct
{
  const char *field;
  const char *resource;     /* "" for the table itself */
  const char *reference;
} ForeignKey;

typedef struct
{
  const char         *name;         /* of the resource; the file is NAME.csv */
  const char         *title;        /* N_() */
  const char         *description;  /* N_() */
  const Field        *fields;
  guint               n_fields;
  const char * const *primary_key;
  const ForeignKey   *foreign_keys;
  guint               n_foreign_keys;
} Table;

typedef enum
{
  TABLE_SESSIONS,
  TABLE_PROPOSALS,
  TABLE_ROUNDS,
  TABLE_RESULTS,
  TABLE_PARTICIPATION,
  TABLE_COMMITMENTS,
  TABLE_COMMITMENT_PROPOSALS,
  TABLE_COMMITMENT_UPDATES,
  N_TABLES
} TableId;

static const Field session_fields[] = {
  { "uuid", "string", "uuid", N_("Unique identifier of the session"), TRUE },
  { "title", "string", NULL, N_("Title of the session"), TRUE },
  { "question", "string", NULL, N_("The guiding question the group worked on") },
  { "group", "string", NULL,
    N_("Who took part: older-adults, women-reentry (women in prison or reentering society), "
       "children (primary school) or mixed"), TRUE, VALUES_GROUP },
  { "group_label", "string", NULL, N_("The group, in words") },
  { "date", "date", NULL, N_("Day of the session") },
  { "place", "string", NULL,
    N_("Borough or institution where it was held; left empty for sessions with women in "
       "reentry, to protect them") },
  { "facilitators", "string", NULL, N_("The institutions or teams that facilitated it") },
  { "language", "string", NULL, N_("Language of the session, as a tag such as es-MX") },
  { "license", "string", NULL, N_("Licence the session’s data were recorded under") },
  { "status", "string", NULL, N_("planned, open or closed"), TRUE, VALUES_SESSION_STATUS },
  { "participants", "integer", NULL,
    N_("People who took part, not counting those who opposed the use of their data; empty "
       "when too few to show"), FALSE, VALUES_ANY, TRUE },
  { "participants_note", "string", NULL,
    N_("Why the number of participants is empty, such as “fewer than 5”") },
};

static const char * const session_key[] = { "uuid", NULL };

static const Field proposal_fields[] = {
  { "uuid", "string", "uuid", N_("Unique identifier of the proposal"), TRUE },
  { "session_uuid", "string", "uuid", N_("The session it was made in"), TRUE },
  { "title", "string", NULL, N_("Short title; may be empty") },
  { "text", "string", NULL, N_("The proposal, as the group wrote it"), TRUE },
  { "category", "string", NULL, N_("Its theme; may be empty") },
  { "created", "date", NULL, N_("Day it was recorded") },
  { "merged_into", "string", "uuid",
    N_("When it said the same as another proposal: that proposal, which got its votes") },
};

static const char * const proposal_key[] = { "uuid", NULL };

static const ForeignKey proposal_references[] = {
  { "session_uuid", "sessions", "uuid" },
  { "merged_into", "", "uuid" },
};

static const Field round_fields[] = {
  { "uuid", "string", "uuid", N_("Unique identifier of the voting round"), TRUE },
  { "session_uuid", "string", "uuid", N_("The session it was held in"), TRUE },
  { "title", "string", NULL, N_("Title of the round; may be empty") },
  { "method", "string", NULL,
    N_("How votes were counted: dot (each person spreads dots), approval, scale (each "
       "person rates each proposal), ranking (Borda count) or tally (hands counted by the "
       "facilitator)"), TRUE, VALUES_METHOD },
  { "method_label", "string", NULL, N_("The method, in words") },
  { "dots", "integer", NULL, N_("Dot rounds: dots each person had"), FALSE, VALUES_ANY, TRUE },
  { "points", "integer", NULL, N_("Scale rounds: points of the scale, 3 (faces) or 5"),
    FALSE, VALUES_ANY, TRUE },
  { "status", "string", NULL, N_("open or closed"), TRUE, VALUES_ROUND_STATUS },
  { "voters", "integer", NULL,
    N_("People who voted (hands raised in a tally); empty when too few to show"),
    FALSE, VALUES_ANY, TRUE },
  { "voters_note", "string", NULL, N_("Why the number of voters is empty") },
  { "ties", "string", NULL, N_("How ties were settled, in words") },
};

static const char * const round_key[] = { "uuid", NULL };

static const ForeignKey round_references[] = {
  { "session_uuid", "sessions", "uuid" },
};

static const Field result_fields[] = {
  { "round_uuid", "string", "uuid", N_("The voting round"), TRUE },
  { "proposal_uuid", "string", "uuid", N_("The proposal"), TRUE },
  { "rank", "integer", NULL, N_("Place, 1 being the first; equal places are ties"),
    FALSE, VALUES_ANY, TRUE },
  { "score", "number", NULL,
    N_("What the method ranks by: dots, approvals, Borda points, hands, or the mean rating "
       "of a scale") },
  { "votes", "integer", NULL,
    N_("Votes cast for it: dot votes, approvals, ratings, places in rankings or hands"),
    FALSE, VALUES_ANY, TRUE },
  { "first_places", "integer", NULL, N_("Ranking rounds: ballots that put it first"),
    FALSE, VALUES_ANY, TRUE },
  { "median", "number", NULL, N_("Scale rounds: the middle rating") },
  { "suppressed", "boolean", NULL,
    N_("true when the round had too few voters to show: then the place and the numbers are "
       "left empty"), TRUE },
};

static const char * const result_key[] = { "round_uuid", "proposal_uuid", NULL };

static const ForeignKey result_references[] = {
  { "round_uuid", "rounds", "uuid" },
  { "proposal_uuid", "proposals", "uuid" },
};

static const Field participation_fields[] = {
  { "session_uuid", "string", "uuid", N_("The session"), TRUE },
  { "dimension", "string", NULL, N_("age_band or gender"), TRUE, VALUES_DIMENSION },
  { "value", "string", NULL,
    N_("The age band or the gender as recorded; “Other answers” gathers the genders given by "
       "too few people to show one by one, and “Not recorded” counts the people with none"),
    TRUE },
  { "count", "integer", NULL, N_("People; empty when suppressed"), FALSE, VALUES_ANY, TRUE },
  { "count_note", "string", NULL, N_("Why the count is empty") },
};

static const char * const participation_key[] = { "session_uuid", "dimension", "value", NULL };

static const ForeignKey participation_references[] = {
  { "session_uuid", "sessions", "uuid" },
};

static const Field commitment_fields[] = {
  { "uuid", "string", "uuid", N_("Unique identifier of the commitment"), TRUE },
  { "session_uuid", "string", "uuid", N_("The session whose proposals it answers"), TRUE },
  { "action", "string", NULL, N_("What will be done"), TRUE },
  { "institution", "string", NULL, N_("The institution responsible") },
  { "area", "string", NULL, N_("The office or department in charge") },
  { "indicator", "string", NULL, N_("What is measured") },
  { "baseline", "number", NULL, N_("Value of the indicator at the start") },
  { "target", "number", NULL, N_("Value of the indicator to reach") },
  { "unit", "string", NULL, N_("Unit of the indicator") },
  { "deadline", "date", NULL, N_("Day it must be done by") },
  { "budget_allocated", "number", NULL, N_("Budget allocated to it") },
  { "budget_spent", "number", NULL, N_("Part of the budget spent so far") },
  { "status", "string", NULL, N_("planned, in-progress, done or dropped"), TRUE,
    VALUES_COMMITMENT_STATUS },
  { "status_reason", "string", NULL, N_("Why it was dropped") },
  { "current_value", "number", NULL, N_("Latest value of the indicator reported") },
  { "current_value_date", "date", NULL, N_("Day of that value") },
  { "progress_percent", "number", NULL,
    N_("Progress from the baseline (0) to the target (100), by the latest value") },
  { "overdue", "boolean", NULL,
    N_("true when the deadline has passed and it is neither done nor dropped"), TRUE },
};

static const char * const commitment_key[] = { "uuid", NULL };

static const ForeignKey commitment_references[] = {
  { "session_uuid", "sessions", "uuid" },
};

static const Field commitment_proposal_fields[] = {
  { "commitment_uuid", "string", "uuid", N_("The commitment"), TRUE },
  { "proposal_uuid", "string", "uuid", N_("A proposal it answers"), TRUE },
};

static const char * const commitment_proposal_key[] = { "commitment_uuid", "proposal_uuid", NULL };

static const ForeignKey commitment_proposal_references[] = {
  { "commitment_uuid", "commitments", "uuid" },
  { "proposal_uuid", "proposals", "uuid" },
};

static const Field commitment_update_fields[] = {
  { "uuid", "string", "uuid", N_("Unique identifier of the progress report"), TRUE },
  { "commitment_uuid", "string", "uuid", N_("The commitment"), TRUE },
  { "date", "date", NULL, N_("Day the value was measured"), TRUE },
  { "value", "number", NULL, N_("Value of the indicator that day"), TRUE },
  { "note", "string", NULL, N_("What the institution reported") },
  { "evidence_url", "string", NULL, N_("Web address of the evidence") },
};

static const char * const commitment_update_key[] = { "uuid", NULL };

static const ForeignKey commitment_update_references[] = {
  { "commitment_uuid", "commitments", "uuid" },
};

#define TABLE(id, name, title, description, fields, key, references) \
  [id] = { name, title, description, fields, G_N_ELEMENTS (fields), key, references, \
           G_N_ELEMENTS (references) }

static const Table tables[N_TABLES] = {
  [TABLE_SESSIONS] = { "sessions", N_("Sessions"), N_("The workshop sessions, one per row."),
                       session_fields, G_N_ELEMENTS (session_fields), session_key, NULL, 0 },
  TABLE (TABLE_PROPOSALS, "proposals", N_("Proposals"),
         N_("What the groups proposed, one proposal per row. A proposal is the group’s: it "
            "names no author."),
         proposal_fields, proposal_key, proposal_references),
  TABLE (TABLE_ROUNDS, "rounds", N_("Voting rounds"),
         N_("The voting rounds of each session."),
         round_fields, round_key, round_references),
  TABLE (TABLE_RESULTS, "results", N_("Results"),
         N_("The results of each voting round, one proposal per row, best first."),
         result_fields, result_key, result_references),
  TABLE (TABLE_PARTICIPATION, "participation", N_("Participation"),
         N_("How many people took part in each session, by age band and by gender."),
         participation_fields, participation_key, participation_references),
  TABLE (TABLE_COMMITMENTS, "commitments", N_("Commitments"),
         N_("What institutions committed to do about the proposals, and how far they have got. "
            "Drafts are left out: nothing was promised yet."),
         commitment_fields, commitment_key, commitment_references),
  TABLE (TABLE_COMMITMENT_PROPOSALS, "commitment_proposals", N_("Proposals of each commitment"),
         N_("Which proposals each commitment answers."),
         commitment_proposal_fields, commitment_proposal_key, commitment_proposal_references),
  TABLE (TABLE_COMMITMENT_UPDATES, "commitment_updates", N_("Progress of the commitments"),
         N_("The progress each institution reported, oldest first."),
         commitment_update_fields, commitment_update_key, commitment_update_references),
};

#undef TABLE

/* CSV, as RFC 4180 says: CRLF after every record, fields quoted when they
 * hold a comma, a quote or a line break, quotes doubled. */

typedef struct
{
  GString *out;
  guint    n_fields;
  guint    column;   /* cells of the current row so far */
  guint    n_rows;
} Csv;

static void
csv_end_row (Csv *csv)
{
  g_assert (csv->column == csv->n_fields);

  g_string_append (csv->out, "\r\n");
  csv->column = 0;
  csv->n_rows++;
}

/* NULL is an empty cell, a missing value */
static void
csv_cell (Csv        *csv,
          const char *value)
{
  g_autofree char *valid = NULL;
  gsize len;
  const char *p;

  g_assert (csv->column < csv->n_fields);

  if (csv->column++ > 0)
    g_string_append_c (csv->out, ',');
  if (value == NULL || *value == '\0')
    return;

  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  len = strlen (value);

  /* Spaces at either end are quoted too, since many readers trim the
   * unquoted ones. */
  if (strpbrk (value, ",\"\r\n") == NULL
      && !g_ascii_isspace (value[0]) && !g_ascii_isspace (value[len - 1]))
    {
      g_string_append_len (csv->out, value, len);
      return;
    }

  g_string_append_c (csv->out, '"');
  for (p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv->out, '"');
      g_string_append_c (csv->out, *p);
    }
  g_string_append_c (csv->out, '"');
}

static void
csv_int (Csv    *csv,
         gint64  value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  csv_cell (csv, text);
}

/* A plain decimal, whatever the locale: "12.5", "3", never "-0" */
static void
csv_number (Csv    *csv,
            double  value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (!isfinite (value))
    {
      csv_cell (csv, NULL);
      return;
    }

  if (fabs (value) >= 1e15)
    {
      g_ascii_formatd (text, sizeof text, "%.17g", value);
      csv_cell (csv, text);
      return;
    }

  g_ascii_formatd (text, sizeof text, "%.6f", value);
  end = text + strlen (text) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  csv_cell (csv, strcmp (text, "-0") == 0 ? "0" : text);
}

static void
csv_bool (Csv      *csv,
          gboolean  value)
{
  csv_cell (csv, value ? "true" : "false");
}

/* A count of people and the note beside it: the count when it may be
 * shown, else an empty cell and @too_few, such as “fewer than 5”. */
static void
csv_count (Csv        *csv,
           gboolean    shown,
           guint       count,
           const char *too_few)
{
  if (shown)
    {
      csv_int (csv, count);
      csv_cell (csv, NULL);
    }
  else
    {
      csv_cell (csv, NULL);
      csv_cell (csv, too_few);
    }
}

/* The first ten characters of @text when they are a real day as
 * YYYY-MM-DD, else nothing: a date column holds dates only. */
static void
csv_date (Csv        *csv,
          const char *text)
{
  char day[11];
  guint i;

  if (text == NULL || strlen (text) < 10)
    {
      csv_cell (csv, NULL);
      return;
    }

  for (i = 0; i < 10; i++)
    {
      gboolean dash = i == 4 || i == 7;

      if (dash ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        {
          csv_cell (csv, NULL);
          return;
        }
    }

  memcpy (day, text, 10);
  day[10] = '\0';
  if (!g_date_valid_dmy ((GDateDay) atoi (day + 8), (GDateMonth) atoi (day + 5),
                         (GDateYear) atoi (day)))
    {
      csv_cell (csv, NULL);
      return;
    }

  csv_cell (csv, day);
}

/* The package being read */

typedef struct
{
  gint64               id;
  char                *uuid;
  char                *title;
  char                *question;
  AbiertoGroup         group;
  char                *date;
  char                *place;
  char                *facilitators;
  char                *language;
  char                *license;
  char                *status;
  guint                n_participants;
  AbiertoPrivacyTally *bands;
  AbiertoPrivacyTally *genders;
} SessionRow;

static void
session_row_free (gpointer data)
{
  SessionRow *row = data;

  g_free (row->uuid);
  g_free (row->title);
  g_free (row->question);
  g_free (row->date);
  g_free (row->place);
  g_free (row->facilitators);
  g_free (row->language);
  g_free (row->license);
  g_free (row->status);
  abierto_privacy_tally_free (row->bands);
  abierto_privacy_tally_free (row->genders);
  g_free (row);
}

typedef struct
{
  gint64         id;
  char          *uuid;
  char          *session_uuid;
  char          *title;
  AbiertoMethod  method;
  guint          dots;
  guint          points;
  char          *status;
} RoundRow;

static void
round_row_free (gpointer data)
{
  RoundRow *row = data;

  g_free (row->uuid);
  g_free (row->session_uuid);
  g_free (row->title);
  g_free (row->status);
  g_free (row);
}

typedef struct
{
  guint       threshold;
  Csv         csv[N_TABLES];
  GPtrArray  *sessions;     /* SessionRow, in the order written */
  GHashTable *session_ids;  /* id → SessionRow, borrowed */
  GHashTable *proposals;    /* id → UUID of each proposal written */
  GHashTable *proposal_uuids;    /* the UUIDs of proposals written: a set */
  GHashTable *commitment_uuids;  /* the same for commitments */
} Package;

static void
package_free (Package *package)
{
  guint i;

  for (i = 0; i < N_TABLES; i++)
    if (package->csv[i].out != NULL)
      g_string_free (package->csv[i].out, TRUE);
  g_clear_pointer (&package->session_ids, g_hash_table_unref);
  g_clear_pointer (&package->sessions, g_ptr_array_unref);
  g_clear_pointer (&package->proposals, g_hash_table_unref);
  g_clear_pointer (&package->proposal_uuids, g_hash_table_unref);
  g_clear_pointer (&package->commitment_uuids, g_hash_table_unref);
  g_free (package);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Package, package_free)

static Package *
package_new (guint threshold)
{
  Package *package = g_new0 (Package, 1);
  guint i, j;

  package->threshold = threshold;
  for (i = 0; i < N_TABLES; i++)
    {
      Csv *csv = &package->csv[i];

      csv->out = g_string_new (NULL);
      csv->n_fields = tables[i].n_fields;
      for (j = 0; j < tables[i].n_fields; j++)
        csv_cell (csv, tables[i].fields[j].name);
      csv_end_row (csv);
      csv->n_rows = 0;
    }

  package->sessions = g_ptr_array_new_with_free_func (session_row_free);
  package->session_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  package->proposals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  package->proposal_uuids = g_hash_table_new (g_str_hash, g_str_equal);
  package->commitment_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return package;
}

/* Reading */

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static char *
dup_column_uuid (sqlite3_stmt *stmt,
                 int           column)
{
  const guint8 *bytes = sqlite3_column_blob (stmt, column);
  char *out;

  if (bytes == NULL || sqlite3_column_bytes (stmt, column) != 16)
    return NULL;

  out = g_malloc (ABIERTO_UUID_STRING_LEN);
  abierto_uuid_format (bytes, out);
  return out;
}

static gboolean
read_data_version (AbiertoStore  *store,
                   gint64        *version,
                   GError       **error)
{
  static const char sql[] = "PRAGMA data_version";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return _abierto_store_set_error (store, rc, error);

  return TRUE;
}

static gboolean
read_sessions (AbiertoStore  *store,
               Package       *package,
               gint64         session_id,
               GError       **error)
{
  static const char sql[] =
    "SELECT id, uuid, title, question, grp, date, place, facilitators, language, license, "
    "status FROM session WHERE deleted = 0 AND (?1 = 0 OR id = ?1) "
    "ORDER BY date IS NULL, date, id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SessionRow *row = g_new0 (SessionRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->uuid = dup_column_uuid (stmt, 1);
      row->title = dup_column_text (stmt, 2);
      row->question = dup_column_text (stmt, 3);
      abierto_group_from_string ((const char *) sqlite3_column_text (stmt, 4), &row->group);
      row->date = dup_column_text (stmt, 5);
      row->place = dup_column_text (stmt, 6);
      row->facilitators = dup_column_text (stmt, 7);
      row->language = dup_column_text (stmt, 8);
      row->license = dup_column_text (stmt, 9);
      row->status = dup_column_text (stmt, 10);
      row->bands = abierto_privacy_tally_new ();
      row->genders = abierto_privacy_tally_new ();

      if (row->uuid == NULL)
        {
          session_row_free (row);
          continue;
        }
      g_ptr_array_add (package->sessions, row);
      g_hash_table_insert (package->session_ids, &row->id, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (store, rc, error);

  if (session_id != 0 && package->sessions->len == 0)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no session number %lld in this file."), (long long) session_id);
      return FALSE;
    }

  return TRUE;
}

/* Only the age band and the gender are read, never an alias; people who
 * opposed the use of their data are not counted at all. */
static gboolean
read_participants (AbiertoStore  *store,
                   Package       *package,
                   gint64         session_id,
                   GError       **error)
{
  static const char sql[] =
    "SELECT session_id, age_band, gender FROM participant "
    "WHERE deleted = 0 AND opposed = 0 AND (?1 = 0 OR session_id = ?1) ORDER BY id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      SessionRow *session = g_hash_table_lookup (package->session_ids, &id);

      if (session == NULL)
        continue;

      session->n_participants++;
      abierto_privacy_tally_add (session->bands, (const char *) sqlite3_column_text (stmt, 1));
      abierto_privacy_tally_add (session->genders, (const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (store, rc, error);

  return TRUE;
}

/* "fewer than 5", for a count that is left empty */
static char *
dup_too_few (const Package *package)
{
  return g_strdup_printf (_("fewer than %u"), package->threshold);
}

static void
write_sessions (Package *package)
{
  Csv *csv = &package->csv[TABLE_SESSIONS];
  g_autofree char *too_few = dup_too_few (package);
  guint i;

  for (i = 0; i < package->sessions->len; i++)
    {
      SessionRow *row = g_ptr_array_index (package->sessions, i);
      gboolean shown = abierto_privacy_total_is_shown (row->n_participants, package->threshold);

      csv_cell (csv, row->uuid);
      csv_cell (csv, row->title);
      csv_cell (csv, row->question);
      csv_cell (csv, abierto_group_to_string (row->group));
      csv_cell (csv, abierto_group_get_label (row->group));
      csv_date (csv, row->date);
      /* where women in reentry meet can point at them, as on the poster */
      csv_cell (csv, row->group == ABIERTO_GROUP_WOMEN_REENTRY ? NULL : row->place);
      csv_cell (csv, row->facilitators);
      csv_cell (csv, row->language);
      csv_cell (csv, row->license);
      csv_cell (csv, row->status);
      csv_count (csv, shown, row->n_participants, too_few);
      csv_end_row (csv);
    }
}

/* One breakdown of a session's participants, from the same cells as the
 * report's. Its total is printed in sessions.csv whenever it may be, so
 * a single hidden cell takes another with it; a value is part of the
 * key of its row, so one someone wrote as "Not recorded" joins the
 * people with none. */
static void
write_breakdown (Package    *package,
                 SessionRow *session,
                 const char *dimension,
                 GPtrArray  *cells)
{
  Csv *csv = &package->csv[TABLE_PARTICIPATION];
  g_autofree char *too_few = dup_too_few (package);
  guint i;

  abierto_privacy_cells_merge (cells);
  abierto_privacy_cells_suppress (cells, package->threshold,
                                  abierto_privacy_total_is_shown (session->n_participants,
                                                                  package->threshold));

  for (i = 0; i < cells->len; i++)
    {
      AbiertoPrivacyCell *cell = g_ptr_array_index (cells, i);

      csv_cell (csv, session->uuid);
      csv_cell (csv, dimension);
      csv_cell (csv, cell->value);
      csv_count (csv, !cell->suppressed, cell->count, too_few);
      csv_end_row (csv);
    }
}

/* The order of the genders is by name, never by count: it must not tell
 * which of two hidden counts is the larger. */
static void
write_participation (Package *package)
{
  guint i;

  for (i = 0; i < package->sessions->len; i++)
    {
      SessionRow *session = g_ptr_array_index (package->sessions, i);
      g_autoptr(GPtrArray) bands = abierto_privacy_tally_dup_age_bands (session->bands);
      g_autoptr(GPtrArray) genders = NULL;

      genders = abierto_privacy_tally_dup_genders (session->genders, package->threshold,
                                                   ABIERTO_PRIVACY_ORDER_NAME);
      write_breakdown (package, session, "age_band", bands);
      write_breakdown (package, session, "gender", genders);
    }
}

/* Proposals: a merged one is there, pointing at the one that got its
 * votes; a deleted one never, nor one merged into a deleted one. Never
 * the author. */
static gboolean
read_proposals (AbiertoStore  *store,
                Package       *package,
                gint64         session_id,
                GError       **error)
{
  static const char sql[] =
    "SELECT p.id, p.uuid, p.session_id, p.title, p.text, p.category, p.created, m.uuid "
    "FROM proposal p JOIN session s ON s.id = p.session_id "
    "LEFT JOIN proposal m ON m.id = p.merged_into "
    "WHERE p.deleted = 0 AND s.deleted = 0 AND (?1 = 0 OR s.id = ?1) "
    "AND (p.merged_into IS NULL OR (m.deleted = 0 AND m.merged_into IS NULL)) "
    "ORDER BY p.merged_into IS NOT NULL, p.id";
  Csv *csv = &package->csv[TABLE_PROPOSALS];
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 session = sqlite3_column_int64 (stmt, 2);
      g_autofree char *uuid = dup_column_uuid (stmt, 1);
      g_autofree char *merged_into = dup_column_uuid (stmt, 7);
      SessionRow *row = g_hash_table_lookup (package->session_ids, &session);

      if (uuid == NULL || row == NULL)
        continue;
      /* the one it was merged into comes first, being active */
      if (merged_into != NULL && !g_hash_table_contains (package->proposal_uuids, merged_into))
        continue;

      csv_cell (csv, uuid);
      csv_cell (csv, row->uuid);
      csv_cell (csv, (const char *) sqlite3_column_text (stmt, 3));
      csv_cell (csv, (const char *) sqlite3_column_text (stmt, 4));
      csv_cell (csv, (const char *) sqlite3_column_text (stmt, 5));
      csv_date (csv, (const char *) sqlite3_column_text (stmt, 6));
      csv_cell (csv, merged_into);
      csv_end_row (csv);

      g_hash_table_add (package->proposal_uuids, uuid);
      g_hash_table_insert (package->proposals, g_memdup2 (&id, sizeof id),
                           g_steal_pointer (&uuid));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (store, rc, error);

  return TRUE;
}

static gboolean
list_rounds (AbiertoStore  *store,
             Package       *package,
             gint64         session_id,
             GPtrArray     *rounds,
             GError       **error)
{
  static const char sql[] =
    "SELECT r.id, r.uuid, r.session_id, r.title, r.method, r.dots, r.points, r.status "
    "FROM voting_round r JOIN session s ON s.id = r.session_id "
    "WHERE r.deleted = 0 AND s.deleted = 0 AND (?1 = 0 OR s.id = ?1) ORDER BY r.id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 session = sqlite3_column_int64 (stmt, 2);
      SessionRow *row = g_hash_table_lookup (package->session_ids, &session);
      RoundRow *round;
      char *uuid;

      if (row == NULL || !(uuid = dup_column_uuid (stmt, 1)))
        continue;

      round = g_new0 (RoundRow, 1);
      round->id = sqlite3_column_int64 (stmt, 0);
      round->uuid = uuid;
      round->session_uuid = g_strdup (row->uuid);
      round->title = dup_column_text (stmt, 3);
      abierto_method_from_string ((const char *) sqlite3_column_text (stmt, 4), &round->method);
      round->dots = (guint) sqlite3_column_int (stmt, 5);
      round->points = (guint) sqlite3_column_int (stmt, 6);
      round->status = dup_column_text (stmt, 7);
      g_ptr_array_add (rounds, round);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (store, rc, error);

  return TRUE;
}

/* Each round with its results, counted by the same code as the window's
 * chart. A round with fewer voters than the threshold keeps its rows, with
 * no place and no number: with so few, they could tell who voted what. */
static gboolean
read_rounds (AbiertoStore  *store,
             Package       *package,
             gint64         session_id,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (round_row_free);
  g_autofree char *too_few = dup_too_few (package);
  Csv *csv = &package->csv[TABLE_ROUNDS];
  Csv *results_csv = &package->csv[TABLE_RESULTS];
  guint i, j, k;

  if (!list_rounds (store, package, session_id, rounds, error))
    return FALSE;

  for (i = 0; i < rounds->len; i++)
    {
      RoundRow *round = g_ptr_array_index (rounds, i);
      g_autoptr(AbiertoResults) results = NULL;
      g_autofree char *ties = NULL;
      gboolean shown;
      guint voters;

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !(results = abierto_store_compute_results (store, round->id, error)))
        return FALSE;

      voters = abierto_results_get_n_voters (results);
      shown = abierto_privacy_total_is_shown (voters, package->threshold);
      if (shown)
        ties = g_strjoinv (" ", (GStrv) abierto_results_get_ties (results));

      csv_cell (csv, round->uuid);
      csv_cell (csv, round->session_uuid);
      csv_cell (csv, round->title);
      csv_cell (csv, abierto_method_to_string (round->method));
      csv_cell (csv, abierto_method_get_label (round->method));
      if (round->method == ABIERTO_METHOD_DOT)
        csv_int (csv, round->dots);
      else
        csv_cell (csv, NULL);
      if (round->method == ABIERTO_METHOD_SCALE)
        csv_int (csv, round->points);
      else
        csv_cell (csv, NULL);
      csv_cell (csv, round->status);
      csv_count (csv, shown, voters, too_few);
      csv_cell (csv, ties);
      csv_end_row (csv);

      for (j = 0; j < abierto_results_get_n_rows (results); j++)
        {
          const AbiertoResultRow *row = abierto_results_get_row (results, j);

          if (row->proposal_uuid == NULL
              || !g_hash_table_contains (package->proposal_uuids, row->proposal_uuid))
            continue;

          csv_cell (results_csv, round->uuid);
          csv_cell (results_csv, row->proposal_uuid);
          if (shown)
            {
              csv_int (results_csv, row->rank);
              csv_number (results_csv, row->score);
              csv_int (results_csv, row->votes);
              if (round->method == ABIERTO_METHOD_RANKING)
                csv_int (results_csv, row->first_prefs);
              else
                csv_cell (results_csv, NULL);
              if (round->method == ABIERTO_METHOD_SCALE && row->votes > 0)
                csv_number (results_csv, row->median);
              else
                csv_cell (results_csv, NULL);
            }
          else
            {
              /* rank, score, votes, first places, median */
              for (k = 0; k < 5; k++)
                csv_cell (results_csv, NULL);
            }
          csv_bool (results_csv, !shown);
          csv_end_row (results_csv);
        }
    }

  return TRUE;
}

static void
csv_optional (Csv      *csv,
              gboolean  set,
              double    value)
{
  if (set)
    csv_number (csv, value);
  else
    csv_cell (csv, NULL);
}

/* What institutions promised, drafts left out, with their progress. */
static gboolean
read_commitments (AbiertoStore  *store,
                  Package       *package,
                  gint64         session_id,
                  GError       **error)
{
  g_autoptr(GListModel) list = NULL;
  Csv *csv = &package->csv[TABLE_COMMITMENTS];
  Csv *links = &package->csv[TABLE_COMMITMENT_PROPOSALS];
  guint statuses = 0;
  guint i, j, n;

  for (i = 0; i < ABIERTO_N_COMMITMENT_STATUSES; i++)
    if (i != ABIERTO_COMMITMENT_DRAFT)
      statuses |= ABIERTO_COMMITMENT_STATUS_MASK (i);

  if (!(list = abierto_store_find_commitments (store, session_id, NULL, statuses, error)))
    return FALSE;

  n = g_list_model_get_n_items (list);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AbiertoCommitment) commitment = g_list_model_get_item (list, i);
      AbiertoCommitmentStatus status = abierto_commitment_get_status (commitment);
      gint64 session = abierto_commitment_get_session_id (commitment);
      SessionRow *row = g_hash_table_lookup (package->session_ids, &session);
      const char *uuid = abierto_commitment_get_uuid (commitment);
      const gint64 *ids;
      gboolean set;
      double value;
      guint n_ids;

      if (row == NULL || uuid == NULL || status == ABIERTO_COMMITMENT_DRAFT)
        continue;

      csv_cell (csv, uuid);
      csv_cell (csv, row->uuid);
      csv_cell (csv, abierto_commitment_get_action (commitment));
      csv_cell (csv, abierto_commitment_get_institution (commitment));
      csv_cell (csv, abierto_commitment_get_area (commitment));
      csv_cell (csv, abierto_commitment_get_indicator (commitment));
      set = abierto_commitment_get_baseline (commitment, &value);
      csv_optional (csv, set, value);
      set = abierto_commitment_get_target (commitment, &value);
      csv_optional (csv, set, value);
      csv_cell (csv, abierto_commitment_get_unit (commitment));
      csv_date (csv, abierto_commitment_get_deadline (commitment));
      set = abierto_commitment_get_budget_allocated (commitment, &value);
      csv_optional (csv, set, value);
      set = abierto_commitment_get_budget_spent (commitment, &value);
      csv_optional (csv, set, value);
      csv_cell (csv, abierto_commitment_status_to_string (status));
      csv_cell (csv, abierto_commitment_get_status_reason (commitment));
      set = abierto_commitment_get_current_value (commitment, &value);
      csv_optional (csv, set, value);
      csv_date (csv, set ? abierto_commitment_get_current_date (commitment) : NULL);
      set = abierto_commitment_get_progress (commitment, &value);
      csv_optional (csv, set, round (CLAMP (value, 0.0, 100.0) * 10.0) / 10.0);
      csv_bool (csv, abierto_commitment_is_overdue (commitment, NULL));
      csv_end_row (csv);

      g_hash_table_add (package->commitment_uuids, g_strdup (uuid));

      ids = abierto_commitment_get_proposal_ids (commitment, &n_ids);
      for (j = 0; j < n_ids; j++)
        {
          const char *proposal = g_hash_table_lookup (package->proposals, &ids[j]);

          if (proposal == NULL)
            continue;
          csv_cell (links, uuid);
          csv_cell (links, proposal);
          csv_end_row (links);
        }
    }

  return TRUE;
}

static gboolean
read_commitment_updates (AbiertoStore  *store,
                         Package       *package,
                         gint64         session_id,
                         GError       **error)
{
  static const char sql[] =
    "SELECT u.uuid, c.uuid, u.date, u.value, u.note, u.evidence_url "
    "FROM commitment_update u JOIN commitment c ON c.id = u.commitment_id "
    "JOIN session s ON s.id = c.session_id "
    "WHERE c.deleted = 0 AND s.deleted = 0 AND c.status != 'draft' "
    "AND (?1 = 0 OR s.id = ?1) ORDER BY c.id, u.date, u.id";
  Csv *csv = &package->csv[TABLE_COMMITMENT_UPDATES];
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *uuid = dup_column_uuid (stmt, 0);
      g_autofree char *commitment = dup_column_uuid (stmt, 1);

      if (uuid == NULL || commitment == NULL
          || !g_hash_table_contains (package->commitment_uuids, commitment))
        continue;

      csv_cell (csv, uuid);
      csv_cell (csv, commitment);
      csv_date (csv, (const char *) sqlite3_column_text (stmt, 2));
      csv_number (csv, sqlite3_column_double (stmt, 3));
      /* the institution's own words on its progress, not about a person */
      csv_cell (csv, (const char *) sqlite3_column_text (stmt, 4));
      csv_cell (csv, (const char *) sqlite3_column_text (stmt, 5));
      csv_end_row (csv);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (store, rc, error);

  return TRUE;
}

static Package *
read_package_once (AbiertoStore                 *store,
                   const AbiertoOpenDataOptions *options,
                   GCancellable                 *cancellable,
                   GError                      **error)
{
  g_autoptr(Package) package = package_new (options->threshold);
  gint64 id = options->session_id;

  if (!read_sessions (store, package, id, error)
      || !read_participants (store, package, id, error)
      || !read_proposals (store, package, id, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !read_rounds (store, package, id, cancellable, error)
      || !read_commitments (store, package, id, error)
      || !read_commitment_updates (store, package, id, error))
    return NULL;

  write_sessions (package);
  write_participation (package);

  return g_steal_pointer (&package);
}

/* The store runs each query in a transaction of its own; should another
 * connection commit between two of them, everything is read again. */
static Package *
read_package (AbiertoStore                 *store,
              const AbiertoOpenDataOptions *options,
              GCancellable                 *cancellable,
              GError                      **error)
{
  guint attempt;

  for (attempt = 0; attempt < MAX_READS; attempt++)
    {
      g_autoptr(Package) package = NULL;
      gint64 before, after;

      if (!read_data_version (store, &before, error)
          || !(package = read_package_once (store, options, cancellable, error))
          || !read_data_version (store, &after, error))
        return NULL;

      if (before == after)
        return g_steal_pointer (&package);
    }

  g_set_error_literal (error, ABIERTO_OPENDATA_ERROR, ABIERTO_OPENDATA_ERROR_CHANGING,
                       _("The workshop file kept changing while the open data were being "
                         "written. Try again in a moment."));
  return NULL;
}

/* The descriptor */

static char *
slugify (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);
  gboolean dash = FALSE;
  const char *p;

  for (p = ascii; *p != '\0' && out->len < NAME_MAX_CHARS; p++)
    {
      if (!g_ascii_isalnum (*p))
        {
          dash = TRUE;
          continue;
        }
      if (dash && out->len > 0)
        g_string_append_c (out, '-');
      dash = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }

  return g_string_free (out, FALSE);
}

static char *
dup_name_for (const char *title,
              const char *uuid)
{
  g_autofree char *slug = slugify (title);

  if (*slug == '\0')
    {
      g_free (slug);
      slug = g_strndup (uuid != NULL ? uuid : "taller", 8);
    }

  return g_strconcat ("abierto-", slug, NULL);
}

char *
abierto_opendata_dup_package_name (AbiertoStore  *store,
                                   gint64         session_id,
                                   GError       **error)
{
  static const char sql[] = "SELECT title, uuid FROM session WHERE id = ?1 AND deleted = 0";
  g_autofree char *title = NULL;
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);

  if (session_id == 0)
    return g_strdup (ALL_NAME);

  if (!(stmt = _abierto_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      title = dup_column_text (stmt, 0);
      uuid = dup_column_uuid (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no session number %lld in this file."), (long long) session_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _abierto_store_set_error (store, rc, error);
      return NULL;
    }

  return dup_name_for (title, uuid);
}

/* The facilitators of every session, one by one: teams and institutions,
 * never participants. */
static GPtrArray *
list_contributors (Package *package)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint i, j;

  for (i = 0; i < package->sessions->len; i++)
    {
      SessionRow *session = g_ptr_array_index (package->sessions, i);
      g_auto(GStrv) parts = g_strsplit_set (session->facilitators, ",;\n", -1);

      for (j = 0; parts[j] != NULL; j++)
        {
          char *name = g_strstrip (parts[j]);
          char *key;

          if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
            continue;
          key = g_utf8_casefold (name, -1);
          if (!g_hash_table_add (seen, key))
            continue;
          g_ptr_array_add (names, g_strdup (name));
        }
    }

  return names;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_values (JsonBuilder *builder,
            Values       values)
{
  static const char * const session_statuses[] = { "planned", "open", "closed", NULL };
  static const char * const round_statuses[] = { "open", "closed", NULL };
  static const char * const dimensions[] = { "age_band", "gender", NULL };
  guint i;

  json_builder_set_member_name (builder, "enum");
  json_builder_begin_array (builder);
  switch (values)
    {
    case VALUES_GROUP:
      for (i = 0; i < ABIERTO_N_GROUPS; i++)
        json_builder_add_string_value (builder, abierto_group_to_string (i));
      break;
    case VALUES_METHOD:
      for (i = 0; i < ABIERTO_N_METHODS; i++)
        json_builder_add_string_value (builder, abierto_method_to_string (i));
      break;
    case VALUES_COMMITMENT_STATUS:
      for (i = 0; i < ABIERTO_N_COMMITMENT_STATUSES; i++)
        if (i != ABIERTO_COMMITMENT_DRAFT)
          json_builder_add_string_value (builder, abierto_commitment_status_to_string (i));
      break;
    case VALUES_SESSION_STATUS:
      for (i = 0; session_statuses[i] != NULL; i++)
        json_builder_add_string_value (builder, session_statuses[i]);
      break;
    case VALUES_ROUND_STATUS:
      for (i = 0; round_statuses[i] != NULL; i++)
        json_builder_add_string_value (builder, round_statuses[i]);
      break;
    case VALUES_DIMENSION:
      for (i = 0; dimensions[i] != NULL; i++)
        json_builder_add_string_value (builder, dimensions[i]);
      break;
    case VALUES_ANY:
    default:
      g_assert_not_reached ();
    }
  json_builder_end_array (builder);
}

static void
add_schema (JsonBuilder *builder,
            const Table *table)
{
  guint i;

  json_builder_set_member_name (builder, "schema");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (i = 0; i < table->n_fields; i++)
    {
      const Field *field = &table->fields[i];

      json_builder_begin_object (builder);
      add_string_member (builder, "name", field->name);
      add_string_member (builder, "type", field->type);
      add_string_member (builder, "format", field->format != NULL ? field->format : "default");
      add_string_member (builder, "description", _(field->description));
      if (field->required || field->values != VALUES_ANY || field->non_negative)
        {
          json_builder_set_member_name (builder, "constraints");
          json_builder_begin_object (builder);
          if (field->required)
            {
              json_builder_set_member_name (builder, "required");
              json_builder_add_boolean_value (builder, TRUE);
            }
          if (field->values != VALUES_ANY)
            add_values (builder, field->values);
          if (field->non_negative)
            {
              json_builder_set_member_name (builder, "minimum");
              json_builder_add_int_value (builder, 0);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "missingValues");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "");
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "primaryKey");
  json_builder_begin_array (builder);
  for (i = 0; table->primary_key[i] != NULL; i++)
    json_builder_add_string_value (builder, table->primary_key[i]);
  json_builder_end_array (builder);

  if (table->n_foreign_keys > 0)
    {
      json_builder_set_member_name (builder, "foreignKeys");
      json_builder_begin_array (builder);
      for (i = 0; i < table->n_foreign_keys; i++)
        {
          const ForeignKey *key = &table->foreign_keys[i];

          json_builder_begin_object (builder);
          add_string_member (builder, "fields", key->field);
          json_builder_set_member_name (builder, "reference");
          json_builder_begin_object (builder);
          add_string_member (builder, "resource", key->resource);
          add_string_member (builder, "fields", key->reference);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

static void
add_resource (JsonBuilder *builder,
              const Table *table,
              GString     *csv)
{
  g_autofree char *path = g_strconcat (table->name, ".csv", NULL);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, csv->str,
                                                           csv->len);
  g_autofree char *hash = g_strconcat ("sha256:", sha256, NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "profile", "tabular-data-resource");
  add_string_member (builder, "name", table->name);
  add_string_member (builder, "path", path);
  add_string_member (builder, "title", _(table->title));
  add_string_member (builder, "description", _(table->description));
  add_string_member (builder, "format", "csv");
  add_string_member (builder, "mediatype", "text/csv");
  add_string_member (builder, "encoding", "utf-8");
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, (gint64) csv->len);
  add_string_member (builder, "hash", hash);

  json_builder_set_member_name (builder, "dialect");
  json_builder_begin_object (builder);
  add_string_member (builder, "delimiter", ",");
  add_string_member (builder, "lineTerminator", "\r\n");
  add_string_member (builder, "quoteChar", "\"");
  json_builder_set_member_name (builder, "doubleQuote");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "header");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  add_schema (builder, table);
  json_builder_end_object (builder);
}

typedef struct
{
  char *name;
  char *title;
  char *description;
  char *created;     /* RFC 3339, UTC */
  char *year;
  GPtrArray *contributors;
} Metadata;

static void
metadata_clear (Metadata *meta)
{
  g_free (meta->name);
  g_free (meta->title);
  g_free (meta->description);
  g_free (meta->created);
  g_free (meta->year);
  g_clear_pointer (&meta->contributors, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Metadata, metadata_clear)

static void
fill_metadata (Metadata                     *meta,
               Package                      *package,
               const AbiertoOpenDataOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n = package->sessions->len;

  meta->created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  meta->year = g_date_time_format (now, "%Y");
  meta->contributors = list_contributors (package);

  if (options->session_id != 0 && n == 1)
    {
      SessionRow *session = g_ptr_array_index (package->sessions, 0);

      meta->name = dup_name_for (session->title, session->uuid);
      meta->title = g_strdup (session->title);
      if (*g_strstrip (session->question) != '\0')
        /* Translators: %s is the title of a workshop, the second its question */
        meta->description =
          g_strdup_printf (_("What the people of the open-government workshop “%s” proposed "
                             "and chose, and what institutions committed to do about it. The "
                             "guiding question was: %s"), session->title, session->question);
      else
        meta->description =
          g_strdup_printf (_("What the people of the open-government workshop “%s” proposed "
                             "and chose, and what institutions committed to do about it."),
                           session->title);
    }
  else
    {
      meta->name = g_strdup (ALL_NAME);
      meta->title = g_strdup (_("Open-government workshops"));
      meta->description =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "What the people of %u open-government workshop proposed "
                                      "and chose, and what institutions committed to do about "
                                      "it.",
                                      "What the people of %u open-government workshops "
                                      "proposed and chose, and what institutions committed to "
                                      "do about it.", n), n);
    }
}

static char *
dup_descriptor (Package        *package,
                const Metadata *meta)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new (NULL, NULL);
  guint i;

  json_builder_begin_object (builder);
  add_string_member (builder, "profile", "tabular-data-package");
  add_string_member (builder, "name", meta->name);
  add_string_member (builder, "title", meta->title);
  add_string_member (builder, "description", meta->description);

  json_builder_set_member_name (builder, "licenses");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string_member (builder, "name", LICENSE_NAME);
  add_string_member (builder, "path", LICENSE_PATH);
  add_string_member (builder, "title", _("Creative Commons Attribution 4.0 International"));
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  if (meta->contributors->len > 0)
    {
      json_builder_set_member_name (builder, "contributors");
      json_builder_begin_array (builder);
      for (i = 0; i < meta->contributors->len; i++)
        {
          json_builder_begin_object (builder);
          add_string_member (builder, "title", g_ptr_array_index (meta->contributors, i));
          add_string_member (builder, "role", "author");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "keywords");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, _("open government"));
  json_builder_add_string_value (builder, _("Mexico City"));
  json_builder_add_string_value (builder, _("citizen participation"));
  for (i = 0; i < package->sessions->len; i++)
    {
      SessionRow *session = g_ptr_array_index (package->sessions, i);

      if (g_hash_table_add (groups, GINT_TO_POINTER (session->group + 1)))
        json_builder_add_string_value (builder, abierto_group_get_label (session->group));
    }
  json_builder_end_array (builder);

  add_string_member (builder, "created", meta->created);

  json_builder_set_member_name (builder, "resources");
  json_builder_begin_array (builder);
  for (i = 0; i < N_TABLES; i++)
    add_resource (builder, &tables[i], package->csv[i].out);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}

/* The README, for people who open the folder before any program */
static char *
dup_readme (Package                      *package,
            const Metadata               *meta,
            const AbiertoOpenDataOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) authors = g_string_new (NULL);
  g_autofree char *day = g_strndup (meta->created, 10);
  guint i, j;

  g_string_append_printf (out, "# %s\n\n%s\n\n", meta->title, meta->description);

  g_string_append_printf (out, "## %s\n\n", _("What this is"));
  g_string_append (out, _("These are open data from workshops of open government in Mexico City, "
                           "recorded with Abierto. They follow the Frictionless Data Package "
                           "standard: datapackage.json describes every file and column, and "
                           "each table is a CSV file (values separated by commas, in UTF-8) "
                           "that any spreadsheet can open."));
  g_string_append (out, "\n\n");
  g_string_append (out, _("Dates are written as year-month-day (2026-05-10). An empty cell "
                          "means there is no value. The identifiers (uuid) link the tables: "
                          "a proposal’s session_uuid is the uuid of its session."));
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "## %s\n\n", _("Files"));
  for (i = 0; i < N_TABLES; i++)
    {
      const Table *table = &tables[i];

      g_string_append_printf (out, "### %s.csv — %s\n\n%s\n\n", table->name, _(table->title),
                              _(table->description));
      for (j = 0; j < table->n_fields; j++)
        g_string_append_printf (out, "- `%s`: %s\n", table->fields[j].name,
                                _(table->fields[j].description));
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "## %s\n\n", _("People’s privacy"));
  g_string_append (out, _("Nobody is named in these files: there are no names or aliases, no "
                          "notes about people and no authors of proposals. People who opposed "
                          "the use of their data are not counted. The place of a session with "
                          "women in reentry is left out."));
  g_string_append (out, "\n\n");
  g_string_append_printf (out,
                          _("Small numbers: a count of fewer than %u people is left empty and "
                            "marked “fewer than %u”, so that nobody can be singled out. When "
                            "the total is shown, one more count is left empty, so that the "
                            "hidden one cannot be worked out by subtraction. A voting round "
                            "with fewer than %u voters has its results left empty."),
                          options->threshold, options->threshold, options->threshold);
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "## %s\n\n", _("Licence"));
  g_string_append_printf (out,
                          _("These data are published under the Creative Commons Attribution "
                            "4.0 International licence (CC BY 4.0, %s): anyone may share and "
                            "adapt them, for any purpose, as long as they credit the source."),
                          LICENSE_PATH);
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "## %s\n\n", _("How to cite"));
  for (i = 0; i < meta->contributors->len; i++)
    g_string_append_printf (authors, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (meta->contributors, i));
  /* Translators: a citation: authors (year). Title [open data]. Licence. */
  g_string_append_printf (out, _("%s (%s). %s [open data]. CC BY 4.0."),
                          authors->len > 0 ? authors->str : "Abierto", meta->year, meta->title);
  g_string_append (out, "\n\n");

  g_string_append (out, "---\n\n");
  /* Translators: %s is a version number, then a date as 2026-05-10 */
  g_string_append_printf (out, _("Made with Abierto %s on %s."), PACKAGE_VERSION, day);
  g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Writing files */

typedef struct
{
  char  *name;
  char  *data;  /* owned */
  gsize  len;
} OutFile;

static void
out_file_clear (gpointer data)
{
  OutFile *file = data;

  g_free (file->name);
  g_free (file->data);
}

static void
add_out_file (GArray     *files,
              const char *name,
              char       *data,
              gsize       len)
{
  OutFile file = { g_strdup (name), data, len };

  g_array_append_val (files, file);
}

static gboolean
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("“%s” could not be written: %s."), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
sync_folder (const char  *path,
             GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return set_io_error (error, errno, path);

  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      return set_io_error (error, saved_errno, path);
    }

  close (fd);
  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len,
           const char  *path,
           GError     **error)
{
  while (len > 0)
    {
      ssize_t written = write (fd, data, len);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return set_io_error (error, errno, path);
      data += written;
      len -= (gsize) written;
    }

  return TRUE;
}

static gboolean
write_new_file (const char  *folder,
                OutFile     *file,
                GError     **error)
{
  g_autofree char *path = g_build_filename (folder, file->name, NULL);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

  if (fd < 0)
    return set_io_error (error, errno, path);

  if (!write_all (fd, file->data, file->len, path, error))
    {
      close (fd);
      return FALSE;
    }

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_io_error (error, saved_errno, path);
    }

  if (close (fd) != 0)
    return set_io_error (error, errno, path);

  return TRUE;
}

/* Removes the temporary folder and what this code put in it. */
static void
remove_temporary_folder (const char *folder,
                         GArray     *files)
{
  guint i;

  for (i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_array_index (files, OutFile, i).name,
                                                NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

/* Where the package goes */

typedef struct
{
  char     *shown;   /* the path as it was given, for messages */
  char     *path;    /* where the package goes: the same, or where its link points */
  gboolean  exists;  /* an empty folder is there, or with a zip file a file */
  mode_t    mode;    /* of that folder, which the package's keeps */
} Destination;

static void
destination_clear (Destination *dest)
{
  g_free (dest->shown);
  g_free (dest->path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Destination, destination_clear)

/* Whether what lstat() found at @dest->path, in @st, may be replaced by
 * the package: an empty folder, or with @zip a file. Anything else is
 * refused and left as it is: a folder of someone's files, a file when a
 * folder is asked for, and a device, a pipe or a socket, which renaming
 * over would take away (as root, even /dev/null). */
static gboolean
check_existing (Destination     *dest,
                const GStatBuf  *st,
                gboolean         zip,
                GError         **error)
{
  g_autofree char *display = g_filename_display_name (dest->shown);

  if (S_ISDIR (st->st_mode) && zip)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder. Give the name of the zip file to write."), display);
      return FALSE;
    }

  if (S_ISDIR (st->st_mode))
    {
      g_autoptr(GDir) dir = NULL;

      if (!(dir = g_dir_open (dest->path, 0, error)))
        return FALSE;
      if (g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, ABIERTO_OPENDATA_ERROR, ABIERTO_OPENDATA_ERROR_NOT_EMPTY,
                       _("The folder “%s” is not empty. Open data go in an empty folder, so "
                         "that nothing else is published with them."), display);
          return FALSE;
        }
    }
  else if (S_ISREG (st->st_mode) && !zip)
    {
      g_set_error (error, ABIERTO_OPENDATA_ERROR, ABIERTO_OPENDATA_ERROR_NOT_EMPTY,
                   _("“%s” is a file, not a folder. Choose an empty folder, or a name for a new "
                     "one."), display);
      return FALSE;
    }
  else if (S_ISLNK (st->st_mode))
    {
      /* where a link was followed to, a link now: it changed meanwhile */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” changed while the open data were being written. Try again."),
                   display);
      return FALSE;
    }
  else if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is a special file (a device, a pipe or a socket), and open data "
                     "cannot be written there. Choose another name."), display);
      return FALSE;
    }

  dest->exists = TRUE;
  dest->mode = st->st_mode & 07777;
  return TRUE;
}

/* Finds where the package goes, and refuses what it may not replace.
 *
 * A link is followed: the package goes where it points, and the link
 * stays a link. That is what a GNOME user expects, since the file
 * chooser shows a link as what it points to, and saving over one in
 * GNOME's own applications (g_file_replace()) writes the file it points
 * to: a link in Documents to a folder on a USB stick still leads to the
 * data. A link that points nowhere is refused instead: following it
 * would make what it names, perhaps on the mount point of a disk that
 * is not plugged in, where nobody would look for the data. */
static gboolean
find_destination (const char   *path,
                  gboolean      zip,
                  Destination  *dest,
                  GError      **error)
{
  GStatBuf st;

  dest->shown = g_strdup (path);
  if (g_lstat (path, &st) != 0)
    {
      if (errno != ENOENT)
        return set_io_error (error, errno, path);
      dest->path = g_strdup (path);
      return TRUE;
    }

  if (S_ISLNK (st.st_mode))
    {
      char *resolved = realpath (path, NULL);

      if (resolved == NULL && errno == ENOENT)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_autofree char *target = g_file_read_link (path, NULL);
          g_autofree char *target_display = g_filename_display_name (target != NULL ? target
                                                                     : "");

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("“%s” is a link to “%s”, which does not exist. Connect the disk it is "
                         "on, or choose another name."), display, target_display);
          return FALSE;
        }
      if (resolved == NULL)
        return set_io_error (error, errno, path);

      dest->path = g_strdup (resolved);
      free (resolved);
      if (g_lstat (dest->path, &st) != 0)
        return set_io_error (error, errno, path);
    }
  else
    {
      dest->path = g_strdup (path);
    }

  return check_existing (dest, &st, zip, error);
}

/* Makes @folder and the folders above it that are missing. @made is set
 * to the outermost one made, for remove_made_folders(), or to NULL. */
static gboolean
make_folders (const char  *folder,
              char       **made,
              GError     **error)
{
  g_autofree char *missing = NULL;
  g_autofree char *dir = g_strdup (folder);

  *made = NULL;
  while (!g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      g_free (missing);
      missing = g_steal_pointer (&dir);
      dir = g_path_get_dirname (missing);
      if (strcmp (dir, missing) == 0)
        break;
    }
  if (missing == NULL)
    return TRUE;

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved_errno = errno;

      *made = g_steal_pointer (&missing);
      return set_io_error (error, saved_errno, folder);
    }

  *made = g_steal_pointer (&missing);
  return TRUE;
}

/* After a failure, removes what make_folders() made: from @folder up to
 * @made, each folder while it is empty. */
static void
remove_made_folders (const char *folder,
                     const char *made)
{
  g_autofree char *dir = NULL;

  if (made == NULL)
    return;

  dir = g_strdup (folder);
  while (g_rmdir (dir) == 0 && strcmp (dir, made) != 0)
    {
      char *up = g_path_get_dirname (dir);

      g_free (dir);
      dir = up;
    }
}

/* Every file goes into a new temporary folder beside where the package
 * goes, is synced, and the folder is renamed there in one step (over
 * it, when it is an empty folder; a folder can replace nothing else):
 * the package is there whole, or not at all, and on any failure the
 * temporary folder goes away. */
static gboolean
write_folder (const Destination  *dest,
              GArray             *files,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autofree char *parent = g_path_get_dirname (dest->path);
  g_autofree char *base = g_path_get_basename (dest->path);
  g_autofree char *template = NULL;
  g_autofree char *made = NULL;
  guint i;

  if (!make_folders (parent, &made, error))
    {
      remove_made_folders (parent, made);
      return FALSE;
    }

  template = g_strdup_printf ("%s%c.%s-XXXXXX", parent, G_DIR_SEPARATOR, base);
  if (g_mkdtemp_full (template, 0755) == NULL)
    {
      set_io_error (error, errno, dest->shown);
      remove_made_folders (parent, made);
      return FALSE;
    }

  for (i = 0; i < files->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !write_new_file (template, &g_array_index (files, OutFile, i), error))
        goto fail;
    }

  if (dest->exists && g_chmod (template, dest->mode) != 0)
    {
      set_io_error (error, errno, dest->shown);
      goto fail;
    }

  if (!sync_folder (template, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  if (g_rename (template, dest->path) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOTEMPTY || saved_errno == EEXIST)
        {
          g_autofree char *display = g_filename_display_name (dest->shown);

          g_set_error (error, ABIERTO_OPENDATA_ERROR, ABIERTO_OPENDATA_ERROR_NOT_EMPTY,
                       _("The folder “%s” is not empty. Open data go in an empty folder, so "
                         "that nothing else is published with them."), display);
        }
      else
        {
          set_io_error (error, saved_errno, dest->shown);
        }
      goto fail;
    }

  return sync_folder (parent, error);

fail:
  remove_temporary_folder (template, files);
  remove_made_folders (parent, made);
  return FALSE;
}

static gboolean
set_archive_error (GError         **error,
                   struct archive  *archive,
                   const char      *path)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *detail = archive_error_string (archive);

  g_set_error (error, ABIERTO_OPENDATA_ERROR, ABIERTO_OPENDATA_ERROR_ARCHIVE,
               _("The zip file “%s” could not be made: %s."), display,
               detail != NULL ? detail : g_strerror (archive_errno (archive)));
  return FALSE;
}

static gboolean
write_archive (int            fd,
               const char    *path,
               GArray        *files,
               GCancellable  *cancellable,
               GError       **error)
{
  struct archive *archive = archive_write_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok = FALSE;
  guint i;

  if (archive_write_set_format_zip (archive) != ARCHIVE_OK
      || archive_write_open_fd (archive, fd) != ARCHIVE_OK)
    {
      set_archive_error (error, archive, path);
      goto out;
    }

  for (i = 0; i < files->len; i++)
    {
      OutFile *file = &g_array_index (files, OutFile, i);
      struct archive_entry *entry;
      la_ssize_t written;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      entry = archive_entry_new ();
      archive_entry_set_pathname_utf8 (entry, file->name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) file->len);
      archive_entry_set_mtime (entry, (time_t) now, 0);

      if (archive_write_header (archive, entry) != ARCHIVE_OK)
        {
          archive_entry_free (entry);
          set_archive_error (error, archive, path);
          goto out;
        }
      archive_entry_free (entry);

      written = file->len > 0 ? archive_write_data (archive, file->data, file->len) : 0;
      if (written < 0 || (gsize) written != file->len)
        {
          set_archive_error (error, archive, path);
          goto out;
        }
    }

  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      set_archive_error (error, archive, path);
      goto out;
    }

  ok = TRUE;

out:
  archive_write_free (archive);
  return ok;
}

/* The zip file is written under a temporary name beside where it goes,
 * synced, and renamed there, over the file there if any. On any failure
 * the temporary file goes away. */
static gboolean
write_zip (Destination   *dest,
           GArray        *files,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *parent = g_path_get_dirname (dest->path);
  g_autofree char *base = g_path_get_basename (dest->path);
  g_autofree char *template = NULL;
  g_autofree char *made = NULL;
  GStatBuf st;
  int fd;

  if (!make_folders (parent, &made, error))
    {
      remove_made_folders (parent, made);
      return FALSE;
    }

  template = g_strdup_printf ("%s%c.%s-XXXXXX", parent, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_io_error (error, errno, dest->shown);
      remove_made_folders (parent, made);
      return FALSE;
    }

  if (!write_archive (fd, dest->shown, files, cancellable, error))
    goto fail;

  if (fsync (fd) != 0)
    {
      set_io_error (error, errno, dest->shown);
      goto fail;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      set_io_error (error, errno, dest->shown);
      goto fail;
    }
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  /* A file renamed over anything but a folder takes its place: what is
   * there is looked at again, as it may have changed while the package
   * was read, so that a pipe or a device made meanwhile is not replaced
   * either (but for the moment between this and the rename). */
  if (g_lstat (dest->path, &st) == 0)
    {
      if (!check_existing (dest, &st, TRUE, error))
        goto fail;
    }
  else if (errno != ENOENT)
    {
      set_io_error (error, errno, dest->shown);
      goto fail;
    }

  if (g_rename (template, dest->path) != 0)
    {
      set_io_error (error, errno, dest->shown);
      goto fail;
    }

  return sync_folder (parent, error);

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (template);
  remove_made_folders (parent, made);
  return FALSE;
}

void
abierto_opendata_options_init (AbiertoOpenDataOptions *options)
{
  g_return_if_fail (options != NULL);

  options->session_id = 0;
  options->threshold = ABIERTO_PRIVACY_DEFAULT_THRESHOLD;
  options->zip = FALSE;
}

gboolean
abierto_opendata_write (AbiertoStore                 *store,
                        const AbiertoOpenDataOptions *options,
                        const char                   *path,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  g_autoptr(Package) package = NULL;
  g_autoptr(GArray) files = NULL;
  g_auto(Metadata) meta = { 0 };
  g_auto(Destination) dest = { 0 };
  g_autofree char *target = NULL;
  char *descriptor;
  char *readme;
  guint i;

  g_return_val_if_fail (ABIERTO_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->threshold < ABIERTO_PRIVACY_MIN_THRESHOLD
      || options->threshold > ABIERTO_PRIVACY_MAX_THRESHOLD)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The threshold for small numbers must be from %u to %u."),
                   ABIERTO_PRIVACY_MIN_THRESHOLD, ABIERTO_PRIVACY_MAX_THRESHOLD);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* "out/" and "out" are one folder */
  target = g_strdup (path);
  while (strlen (target) > 1 && G_IS_DIR_SEPARATOR (target[strlen (target) - 1]))
    target[strlen (target) - 1] = '\0';

  /* Refused before anything is read: what is there is not ours to replace. */
  if (!find_destination (target, options->zip, &dest, error))
    return FALSE;

  if (!(package = read_package (store, options, cancellable, error)))
    return FALSE;

  fill_metadata (&meta, package, options);
  descriptor = dup_descriptor (package, &meta);
  readme = dup_readme (package, &meta, options);

  files = g_array_new (FALSE, FALSE, sizeof (OutFile));
  g_array_set_clear_func (files, out_file_clear);
  add_out_file (files, "datapackage.json", descriptor, strlen (descriptor));
  add_out_file (files, "README.md", readme, strlen (readme));
  for (i = 0; i < N_TABLES; i++)
    {
      g_autofree char *name = g_strconcat (tables[i].name, ".csv", NULL);
      gsize len = package->csv[i].out->len;

      add_out_file (files, name, g_string_free (g_steal_pointer (&package->csv[i].out), FALSE),
                    len);
    }

  if (options->zip)
    return write_zip (&dest, files, cancellable, error);

  return write_folder (&dest, files, cancellable, error);
}
