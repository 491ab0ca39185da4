/* abierto-store.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "abierto-privacy.h"
#include "abierto-results-private.h"
#include "abierto-store-private.h"
#include "abierto-uuid.h"

/* The longest text we accept in one field: far beyond any proposal said
 * aloud, small enough that a file stays a document. */
#define MAX_TEXT_CHARS 100000
/* A text far longer than any field takes is in no file Abierto wrote:
 * such a file is refused when it is opened. */
#define MAX_FILE_TEXT_CHARS (10 * MAX_TEXT_CHARS)

/* How long a statement waits for another connection to let go. */
#define BUSY_TIMEOUT_MS 5000
/* How long an erasure waits for readers before the WAL can be truncated:
 * a reader's query takes milliseconds, and the person asking to be erased
 * is waiting. */
#define ERASE_CHECKPOINT_WAIT_MS 500

struct _AbiertoStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;          /* owned; NULL once closed */
  GHashTable *statements;  /* static SQL string → owned sqlite3_stmt */
  GThread    *owner;       /* borrowed: the thread using the connection;
                            * NULL for a reader until its first use */
  guint       read_only : 1;
  guint       in_transaction : 1;
};

G_DEFINE_FINAL_TYPE (AbiertoStore, abierto_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (abierto-store-error-quark, abierto_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each entry moves a file from version i to i + 1; a new format appends
 * one, never edits an old one. */
static const char * const migrations[] = {
  "CREATE TABLE session ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid BLOB NOT NULL UNIQUE CHECK (length(uuid) = 16),"
  "  title TEXT NOT NULL CHECK (length(title) > 0),"
  "  question TEXT NOT NULL DEFAULT '',"
  "  grp TEXT NOT NULL CHECK (grp IN ('older-adults', 'women-reentry', 'children', 'mixed')),"
  "  date TEXT,"
  "  place TEXT NOT NULL DEFAULT '',"
  "  facilitators TEXT NOT NULL DEFAULT '',"
  "  language TEXT NOT NULL DEFAULT 'es-MX',"
  "  license TEXT NOT NULL DEFAULT 'CC-BY-4.0',"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('planned', 'open', 'closed')),"
  "  publication_url TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE participant ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid BLOB NOT NULL UNIQUE CHECK (length(uuid) = 16),"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  alias TEXT NOT NULL CHECK (length(alias) > 0),"
  "  age_band TEXT,"
  "  gender TEXT,"
  "  consent TEXT NOT NULL CHECK (consent IN ('self', 'guardian')),"
  "  consent_date TEXT NOT NULL,"
  "  notice_version INTEGER,"
  "  opposed INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  created TEXT NOT NULL"
  ") STRICT;"
  "CREATE UNIQUE INDEX participant_alias ON participant (session_id, alias COLLATE NOCASE) "
  "  WHERE deleted = 0;"
  "CREATE INDEX participant_session ON participant (session_id);"
  "CREATE TABLE proposal ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid BLOB NOT NULL UNIQUE CHECK (length(uuid) = 16),"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL CHECK (length(text) > 0),"
  "  category TEXT NOT NULL DEFAULT '',"
  "  author_id INTEGER REFERENCES participant (id) ON DELETE SET NULL,"
  "  merged_into INTEGER REFERENCES proposal (id) ON DELETE SET NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX proposal_session ON proposal (session_id);"
  "CREATE INDEX proposal_author ON proposal (author_id);"
  "CREATE INDEX proposal_merged ON proposal (merged_into);"
  "CREATE TABLE voting_round ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid BLOB NOT NULL UNIQUE CHECK (length(uuid) = 16),"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  method TEXT NOT NULL CHECK (method IN ('dot', 'approval', 'scale', 'ranking', 'tally')),"
  "  dots INTEGER NOT NULL DEFAULT 3 CHECK (dots BETWEEN 1 AND 100),"
  "  points INTEGER NOT NULL DEFAULT 5 CHECK (points IN (3, 5)),"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  created TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX voting_round_session ON voting_round (session_id);"
  "CREATE TABLE vote ("
  /* never reused: a vote restored from the trash keeps its id */
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  /* time-ordered and random (UUID v7), so unique by construction; no
   * unique index, which would cost every vote a third b-tree insert */
  "  uuid BLOB NOT NULL CHECK (length(uuid) = 16),"
  "  round_id INTEGER NOT NULL REFERENCES voting_round (id) ON DELETE CASCADE,"
  "  proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,"
  "  participant_id INTEGER REFERENCES participant (id) ON DELETE SET NULL,"
  "  value INTEGER NOT NULL,"
  "  created INTEGER NOT NULL,"
  /* the proposal it was cast for, while that one is merged into this */
  "  merged_from INTEGER"
  ") STRICT;"
  "CREATE INDEX vote_results ON vote (round_id, proposal_id, value);"
  "CREATE INDEX vote_voter ON vote (participant_id, round_id, proposal_id);"
  /* votes of a deleted participant or proposal wait here until it is
   * restored or purged, so that they stop counting at once */
  "CREATE TABLE vote_trash ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid BLOB NOT NULL UNIQUE CHECK (length(uuid) = 16),"
  "  round_id INTEGER NOT NULL REFERENCES voting_round (id) ON DELETE CASCADE,"
  "  proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,"
  "  participant_id INTEGER REFERENCES participant (id) ON DELETE CASCADE,"
  "  value INTEGER NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  merged_from INTEGER,"
  "  cause TEXT NOT NULL CHECK (cause IN ('participant', 'proposal', 'merge')),"
  "  cause_id INTEGER NOT NULL"
  ") STRICT;"
  "CREATE INDEX vote_trash_cause ON vote_trash (cause, cause_id);"
  "CREATE INDEX vote_trash_round ON vote_trash (round_id);"
  "CREATE INDEX vote_trash_proposal ON vote_trash (proposal_id);"
  "CREATE INDEX vote_trash_participant ON vote_trash (participant_id);"
  "CREATE TABLE commitment ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid BLOB NOT NULL UNIQUE CHECK (length(uuid) = 16),"
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  action TEXT NOT NULL,"
  "  institution TEXT NOT NULL DEFAULT '',"
  "  area TEXT NOT NULL DEFAULT '',"
  "  indicator TEXT NOT NULL DEFAULT '',"
  "  baseline REAL,"
  "  target REAL,"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  deadline TEXT,"
  "  budget_allocated REAL,"
  "  budget_spent REAL,"
  "  status TEXT NOT NULL DEFAULT 'planned'"
  "    CHECK (status IN ('draft', 'planned', 'in-progress', 'done', 'dropped')),"
  "  status_reason TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX commitment_session ON commitment (session_id);"
  "CREATE TABLE commitment_proposal ("
  "  commitment_id INTEGER NOT NULL REFERENCES commitment (id) ON DELETE CASCADE,"
  "  proposal_id INTEGER NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (commitment_id, proposal_id)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX commitment_proposal_proposal ON commitment_proposal (proposal_id);"
  "CREATE TABLE commitment_update ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid BLOB NOT NULL UNIQUE CHECK (length(uuid) = 16),"
  "  commitment_id INTEGER NOT NULL REFERENCES commitment (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  value REAL NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  evidence_url TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX commitment_update_commitment ON commitment_update (commitment_id);",

  /* Format 2: a commitment is deleted with undo, as the other rows are. */
  "ALTER TABLE commitment ADD COLUMN "
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));",

  /* Format 3: the simplified privacy notice, every version kept, so that
   * participant.notice_version names the text a person was shown.
   * Participants of older files keep a NULL version: not recorded. */
  "CREATE TABLE privacy_notice ("
  "  version INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL CHECK (length(text) > 0),"
  "  created TEXT NOT NULL"
  ") STRICT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ABIERTO_FORMAT_VERSION);

static void
abierto_store_finalize (GObject *object)
{
  AbiertoStore *self = (AbiertoStore *)object;

  abierto_store_close (self, NULL);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (abierto_store_parent_class)->finalize (object);
}

static void
abierto_store_class_init (AbiertoStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = abierto_store_finalize;

  /**
   * AbiertoStore::changed:
   * @self: the store
   * @table: the table that changed ("session", "proposal", …)
   * @session_id: the session it belongs to, or 0
   *
   * Emitted after a change has been committed to the file, never before.
   * The detail is the table name.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
abierto_store_init (AbiertoStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

/* Errors */

static gboolean
set_error_from_rc (int          rc,
                   const char  *detail,
                   GError     **error)
{
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_FULL,
                   _("The disk is full. Nothing was saved in this step and nothing before it "
                     "was lost: free some space and try again."));
      break;

    case SQLITE_READONLY:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_READ_ONLY,
                   _("This workshop file can only be read, so it cannot be changed. "
                     "Save a copy to keep working."));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_CORRUPT,
                   _("This workshop file is damaged (%s). It was left as it is."),
                   detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_BUSY,
                   _("Another program is using this workshop file. Close it there and try again."));
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_IO,
                   _("The workshop file could not be read or written (%s)."),
                   detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   _("The change was refused because it would break the file’s rules (%s)."),
                   detail);
      break;

    default:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_FAILED,
                   _("The workshop file reported an error (%s)."), detail);
      break;
    }

  return FALSE;
}

gboolean
_abierto_store_set_error (AbiertoStore  *self,
                          int            rc,
                          GError       **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  return set_error_from_rc (rc, detail, error);
}

static gboolean
set_invalid (GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_invalid (GError     **error,
             const char  *format,
             ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  *error = g_error_new_valist (ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}

typedef enum
{
  ENTITY_SESSION,
  ENTITY_PARTICIPANT,
  ENTITY_PROPOSAL,
  ENTITY_ROUND,
  ENTITY_VOTE,
  ENTITY_COMMITMENT,
  ENTITY_COMMITMENT_UPDATE,
} Entity;

static gboolean
set_not_found (GError **error,
               Entity   entity,
               gint64   id)
{
  long long n = id;

  /* whole sentences, so that each language can agree in gender */
  switch (entity)
    {
    case ENTITY_SESSION:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no session number %lld in this file."), n);
      break;
    case ENTITY_PARTICIPANT:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no participant number %lld in this file."), n);
      break;
    case ENTITY_PROPOSAL:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no proposal number %lld in this file."), n);
      break;
    case ENTITY_ROUND:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no voting round number %lld in this file."), n);
      break;
    case ENTITY_COMMITMENT:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no commitment number %lld in this file."), n);
      break;
    case ENTITY_COMMITMENT_UPDATE:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no progress update number %lld in this file."), n);
      break;
    case ENTITY_VOTE:
    default:
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("There is no vote number %lld in this file."), n);
      break;
    }

  return FALSE;
}

/* Statements and transactions */

sqlite3 *
_abierto_store_get_db (AbiertoStore *self)
{
  return self->db;
}

static gboolean
ensure_open (AbiertoStore  *self,
             GError       **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_FAILED,
               _("The workshop file is closed."));
  return FALSE;
}

static gboolean
ensure_writable (AbiertoStore  *self,
                 GError       **error)
{
  if (!ensure_open (self, error))
    return FALSE;
  if (!self->read_only)
    return TRUE;

  return set_error_from_rc (SQLITE_READONLY, NULL, error);
}

/* Statements are cached by the address of their static SQL string, and
 * handed out reset and with clear bindings. */
sqlite3_stmt *
_abierto_store_prepare (AbiertoStore  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* One thread at a time per connection: a reader binds to the thread
   * that first uses it, a store opened in a worker to the thread that
   * finished opening it. */
  if (self->owner == NULL)
    self->owner = g_thread_self ();
  g_assert (self->owner == g_thread_self ());

  if (!ensure_open (self, error))
    return NULL;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _abierto_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (AbiertoStore  *self,
      const char    *sql,
      GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _abierto_store_set_error (self, rc, error);

  return TRUE;
}

gboolean
_abierto_store_begin (AbiertoStore  *self,
                      GError       **error)
{
  if (!ensure_writable (self, error))
    return FALSE;

  g_assert (!self->in_transaction);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
_abierto_store_commit (AbiertoStore  *self,
                       GError       **error)
{
  g_assert (self->in_transaction);

  if (!exec (self, "COMMIT", error))
    {
      _abierto_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  return TRUE;
}

void
_abierto_store_rollback (AbiertoStore *self)
{
  if (!self->in_transaction)
    return;

  /* A failed COMMIT may already have rolled back (SQLITE_FULL does). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  self->in_transaction = FALSE;
}

void
_abierto_store_emit_changed (AbiertoStore *self,
                             const char   *table,
                             gint64        session_id)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (table),
                 table, session_id);
}

static gboolean
step_done (AbiertoStore  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (self, rc, error);

  return TRUE;
}

char *
_abierto_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* The text form of a 16-byte UUID column, in @out; NULL if malformed. */
static const char *
column_uuid (sqlite3_stmt *stmt,
             int           column,
             char          out[ABIERTO_UUID_STRING_LEN])
{
  const guint8 *bytes = sqlite3_column_blob (stmt, column);

  if (bytes == NULL || sqlite3_column_bytes (stmt, column) != 16)
    return NULL;

  abierto_uuid_format (bytes, out);
  return out;
}

/* Opening */

/* Reads the start of the file ourselves, so that a file which is not a
 * database at all is refused before SQLite opens it. Sets @empty for a
 * file of zero bytes. */
static gboolean
check_magic (const char  *path,
             gboolean    *empty,
             GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 buf[100];
  ssize_t n = 0;
  int fd;

  *empty = FALSE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_IO,
                   _("The workshop file could not be opened: %s."), g_strerror (saved_errno));
      return FALSE;
    }

  while (n < (ssize_t) sizeof buf)
    {
      ssize_t r = read (fd, buf + n, sizeof buf - n);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_IO,
                       _("The workshop file could not be read: %s."), g_strerror (saved_errno));
          return FALSE;
        }
      if (r == 0)
        break;
      n += r;
    }
  close (fd);

  if (n == 0)
    {
      *empty = TRUE;
      return TRUE;
    }

  if (n < (ssize_t) sizeof buf || memcmp (buf, magic, sizeof magic) != 0)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_SQLITE,
                   _("This is not an Abierto workshop file. It was left as it is."));
      return FALSE;
    }

  return TRUE;
}

static void
configure_connection (sqlite3 *db)
{
  /* A file can come from anyone: no schema-defined functions or views
   * with side effects, no writes to the schema by hand. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
}

static gboolean
collect_schema (sqlite3     *db,
                GString     *out,
                int         *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                           "ORDER BY type, name", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      *rc_out = rc;
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i;

      for (i = 0; i < 4; i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append (out, text != NULL ? text : "(null)");
          g_string_append_c (out, '\x1f');
        }
      g_string_append_c (out, '\n');
    }

  *rc_out = rc;
  return rc == SQLITE_DONE;
}

/* The schema a file of @version must have exactly: what running our own
 * migrations on an empty database gives. */
static char *
dup_expected_schema (guint version)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  guint i;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert (rc == SQLITE_OK);
  for (i = 0; i < version; i++)
    {
      rc = sqlite3_exec (db, migrations[i], NULL, NULL, NULL);
      g_assert (rc == SQLITE_OK);
    }
  collect_schema (db, out, &rc);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Appends each CHECK constraint of one of our CREATE TABLE statements to
 * @where as " OR NOT (…)". */
static void
append_checks (GString    *where,
               const char *sql)
{
  const char *p = sql;

  while ((p = strstr (p, "CHECK (")) != NULL)
    {
      const char *start = p + strlen ("CHECK ");
      const char *end;
      char quote = '\0';
      int depth = 0;

      for (end = start; *end != '\0'; end++)
        {
          if (quote != '\0')
            {
              if (*end == quote)
                quote = '\0';
            }
          else if (*end == '\'' || *end == '"')
            quote = *end;
          else if (*end == '(')
            depth++;
          else if (*end == ')' && --depth == 0)
            break;
        }
      g_assert (*end == ')');

      g_string_append_printf (where, " OR NOT %.*s", (int) (end - start + 1), start);
      p = end + 1;
    }
}

/* A read-only connection, as the one that looks at a file before opening
 * it, does not load CHECK constraints (SQLite needs them only to write),
 * so quick_check passes rows that break them, and a file can hold a text
 * of any length, or a negative id SQLite never gives (nor do we). One
 * query per table of the schema of @version finds such rows, built from
 * our own migrations, never from the file. */
static GPtrArray *
dup_row_checks (guint version)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *tables = NULL;
  sqlite3_stmt *columns = NULL;
  sqlite3 *db = NULL;
  guint i;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert (rc == SQLITE_OK);
  for (i = 0; i < version; i++)
    {
      rc = sqlite3_exec (db, migrations[i], NULL, NULL, NULL);
      g_assert (rc == SQLITE_OK);
    }

  rc = sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema "
                               "WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
                           -1, &tables, NULL);
  g_assert (rc == SQLITE_OK);
  rc = sqlite3_prepare_v2 (db, "SELECT name, type = 'TEXT' FROM pragma_table_info (?1) "
                               "WHERE type = 'TEXT' OR (type = 'INTEGER' "
                               "AND (name IN ('id', 'merged_into', 'merged_from') "
                               "OR name LIKE '%\\_id' ESCAPE '\\'))",
                           -1, &columns, NULL);
  g_assert (rc == SQLITE_OK);

  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autoptr(GString) where = g_string_new (NULL);

      append_checks (where, (const char *) sqlite3_column_text (tables, 1));

      sqlite3_bind_text (columns, 1, table, -1, SQLITE_TRANSIENT);
      /* The names are our own schema's, never the file's; identifiers
       * cannot be bound, so they are quoted with SQLite's own %w. The
       * bounds are bound when the query runs, in validate_existing(). */
      while (sqlite3_step (columns) == SQLITE_ROW)
        {
          char *column = sqlite3_mprintf ("\"%w\"", sqlite3_column_text (columns, 0));

          if (sqlite3_column_int (columns, 1))
            g_string_append_printf (where, " OR length(%s) > :max_chars", column);
          else
            g_string_append_printf (where, " OR %s < :min_id", column);
          sqlite3_free (column);
        }
      sqlite3_reset (columns);

      if (where->len > 0)
        {
          char *quoted = sqlite3_mprintf ("\"%w\"", table);

          g_ptr_array_add (queries, g_strconcat ("SELECT 1 FROM ", quoted, " WHERE ",
                                                 where->str + strlen (" OR "), " LIMIT 1",
                                                 NULL));
          sqlite3_free (quoted);
        }
    }

  sqlite3_finalize (columns);
  sqlite3_finalize (tables);
  sqlite3_close (db);

  return queries;
}

static gboolean
dir_is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) == 0;
}

static gboolean
is_writable (const char *path)
{
  /* WAL needs to create its side files beside the database. */
  return g_access (path, W_OK) == 0 && dir_is_writable (path);
}

/* Opens a connection. A read-only file in a folder we cannot write to (a
 * locked USB stick, a read-only share) would need a -shm file SQLite cannot
 * create there, so it is opened as immutable, which is right since nothing
 * can change it. So is a file we only look at before deciding to open it
 * (@inspect): a plain read-only connection would leave -wal and -shm files
 * beside a file we may refuse. A -wal already beside the file holds saved
 * changes (another connection has it open, or a crash left it), so then it
 * is opened normally. */
static int
open_connection (const char  *path,
                 gboolean     read_only,
                 gboolean     inspect,
                 sqlite3    **db)
{
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  if (read_only
      && (inspect || !dir_is_writable (path))
      && !g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
      g_autofree char *immutable = NULL;

      if (uri != NULL)
        {
          immutable = g_strconcat (uri, "?immutable=1", NULL);
          return sqlite3_open_v2 (immutable, db, flags | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                                  NULL);
        }
    }

  flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  return sqlite3_open_v2 (path, db, flags, NULL);
}

/* Whether the -shm file of @path exists, even as a dangling link. */
static gboolean
shm_exists (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GStatBuf st;

  return g_lstat (shm, &st) == 0;
}

/* Reading a file that has a -wal beside it makes SQLite create a -shm
 * file, which a read-only connection leaves behind when it closes. This
 * removes the one our own look at @path created, once that connection is
 * closed, unless another program has the file open: every connection
 * holds a read lock on byte 128 of the -shm (its "DMS" lock) for as long
 * as it has the file open. The write lock taken here keeps a program from
 * starting to use the -shm between that check and the removal (it would
 * get a moment's "busy" instead), as SQLite itself only removes a -shm
 * under a lock. Locks of our own process are not seen by fcntl(): the
 * caller calls this only for a -shm that did not exist before its look,
 * which no other connection of ours can be using. */
static void
remove_inspection_shm (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct flock lock = { 0 };
  int fd;

  fd = g_open (shm, O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    return;

  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = 128;
  lock.l_len = 1;
  if (fcntl (fd, F_SETLK, &lock) == 0)
    g_unlink (shm);
  close (fd);  /* and with it the lock */
}

/* Opens the file alone, as it is on disk: read-only, without locks, and
 * without reading a WAL beside it or creating one. */
static int
open_immutable (const char  *path,
                sqlite3    **db)
{
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *immutable = NULL;

  if (uri == NULL)
    return SQLITE_CANTOPEN;

  immutable = g_strconcat (uri, "?immutable=1", NULL);
  return sqlite3_open_v2 (immutable, db, flags, NULL);
}

static gboolean
set_corrupt_or_error (sqlite3  *db,
                      int       rc,
                      GError  **error)
{
  int primary = rc & 0xff;

  if (rc == SQLITE_ROW || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_CORRUPT,
                 _("This workshop file is damaged, so it was not opened. It was left as it "
                   "is: a copy made before the damage, or a colleague’s copy, may still be "
                   "whole."));
  else
    set_error_from_rc (rc, sqlite3_errmsg (db), error);

  return FALSE;
}

static gboolean
pragma_int (sqlite3  *db,
            const char *sql,
            gint64   *value,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_corrupt_or_error (db, rc, error);

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Looks at an existing file through a read-only connection, so that
 * nothing is written to a file we end up refusing. The identity comes
 * from SQLite, not from the raw header: with another connection open, the
 * newest header may still be in the WAL; with @alone, the file is looked
 * at without its WAL. On success @version is the format of the file, 0
 * for an empty database. */
static gboolean
validate_existing (const char  *path,
                   gboolean     alone,
                   guint       *version,
                   GError     **error)
{
  g_autoptr(GString) schema = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 application_id = 0, user_version = 0;
  sqlite3 *db = NULL;
  gboolean ret = FALSE;
  gboolean ours;
  gboolean with_wal;
  gboolean had_shm;
  const char *verdict = NULL;
  GStatBuf st;
  guint alone_version;
  guint i;
  int rc;

  with_wal = !alone && g_stat (wal, &st) == 0 && st.st_size > 0;
  had_shm = shm_exists (path);

  rc = alone ? open_immutable (path, &db) : open_connection (path, TRUE, TRUE, &db);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (rc, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), error);
      goto out;
    }
  configure_connection (db);

  if (!pragma_int (db, "PRAGMA application_id", &application_id, error)
      || !pragma_int (db, "PRAGMA user_version", &user_version, error))
    goto out;

  ours = application_id == ABIERTO_APPLICATION_ID;
  if ((!ours && !(application_id == 0 && user_version == 0)) || user_version < 0)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_FOREIGN,
                   _("This is a database of another program, not an Abierto workshop file. "
                     "It was left as it is."));
      goto out;
    }

  if (ours && user_version > ABIERTO_FORMAT_VERSION)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NEWER,
                   _("This workshop file was saved by a newer version of Abierto (format %d; "
                     "this version reads up to %d). Update Abierto to open it; the file was "
                     "left as it is."),
                   (int) CLAMP (user_version, G_MININT, G_MAXINT), ABIERTO_FORMAT_VERSION);
      goto out;
    }

  /* Opening applies the changes a WAL holds to the file; a WAL of another
   * file (a copy put where a crashed one was) would mix both, page by
   * page. The full check also compares every index with its table. */
  rc = sqlite3_prepare_v2 (db, with_wal ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    verdict = (const char *) sqlite3_column_text (stmt, 0);
  if (rc != SQLITE_ROW || g_strcmp0 (verdict, "ok") != 0)
    {
      set_corrupt_or_error (db, rc, error);
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!collect_schema (db, schema, &rc))
    {
      set_corrupt_or_error (db, rc, error);
      goto out;
    }

  *version = ours ? (guint) user_version : 0;
  expected = dup_expected_schema (*version);
  if (g_strcmp0 (schema->str, expected) != 0)
    {
      if (ours)
        g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_FOREIGN,
                     _("This workshop file has been changed by another program: it holds tables "
                       "Abierto does not know. It was not opened, and was left as it is."));
      else
        g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_FOREIGN,
                     _("This is a database of another program, not an Abierto workshop file. "
                       "It was left as it is."));
      goto out;
    }

  /* rows that break a CHECK constraint, or hold a text no Abierto wrote:
   * damaged as much as a page that does not add up */
  checks = dup_row_checks (*version);
  for (i = 0; i < checks->len; i++)
    {
      rc = sqlite3_prepare_v2 (db, g_ptr_array_index (checks, i), -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          /* a parameter a query does not use has index 0: nothing bound */
          sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":max_chars"),
                            MAX_FILE_TEXT_CHARS);
          sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":min_id"), 0);
          rc = sqlite3_step (stmt);
        }
      if (rc != SQLITE_DONE)
        {
          set_corrupt_or_error (db, rc, error);
          goto out;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  ret = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  /* a look leaves the folder as it was, refused or not: the -wal is never
   * touched, and a -shm that was there already may be another program's */
  if (!alone && !had_shm)
    remove_inspection_shm (path);

  /* refused with its WAL, whole without it: the WAL is not this file's */
  if (!ret && with_wal && error != NULL
      && (g_error_matches (*error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_CORRUPT)
          || g_error_matches (*error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_FOREIGN))
      && validate_existing (path, TRUE, &alone_version, NULL))
    {
      g_autofree char *name = g_filename_display_basename (wal);

      g_clear_error (error);
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_CORRUPT,
                   _("The file “%s” beside this workshop file holds changes of another file, "
                     "so it was not opened. Move “%s” to another folder and open the workshop "
                     "file again; both were left as they are."), name, name);
    }

  return ret;
}

static gboolean
migrate (AbiertoStore  *self,
         guint          from,
         GError       **error)
{
  g_autofree char *pragmas = NULL;
  guint i;

  if (!_abierto_store_begin (self, error))
    return FALSE;

  for (i = from; i < ABIERTO_FORMAT_VERSION; i++)
    if (!exec (self, migrations[i], error))
      goto fail;

  /* Pragmas take no bound parameters; both values are our own integers. */
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             ABIERTO_APPLICATION_ID, ABIERTO_FORMAT_VERSION);
  if (!exec (self, pragmas, error))
    goto fail;

  return _abierto_store_commit (self, error);

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

static gboolean
create_file (const char  *path,
             GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_IO,
                   _("The workshop file could not be created: %s."), g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

/**
 * abierto_store_open:
 * @path: the workshop file; it is created when it does not exist
 * @error: return location for an error
 *
 * Opens a workshop file, creating it with mode 0600 if needed and migrating
 * an older format forward in one transaction. A file that is not SQLite,
 * that belongs to another program, comes from a newer Abierto or is
 * damaged is refused and left byte for byte as it was. A file that cannot
 * be written is opened read-only.
 */
AbiertoStore *
abierto_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(AbiertoStore) self = NULL;
  gboolean created = FALSE;
  gboolean empty = FALSE;
  guint version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!create_file (path, error))
        return NULL;
      created = TRUE;
      empty = TRUE;
    }
  else if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_SQLITE,
                   _("This is not an Abierto workshop file. It was left as it is."));
      return NULL;
    }
  else if (!check_magic (path, &empty, error))
    {
      return NULL;
    }

  if (!empty && !validate_existing (path, FALSE, &version, error))
    return NULL;

  self = g_object_new (ABIERTO_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->owner = g_thread_self ();
  self->read_only = !is_writable (path);

  if (self->read_only && version < ABIERTO_FORMAT_VERSION)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_READ_ONLY,
                   _("This workshop file can only be read, and it is empty or older than this "
                     "version of Abierto, so it cannot be opened."));
      return NULL;
    }

  rc = open_connection (path, self->read_only, FALSE, &self->db);
  if (rc != SQLITE_OK)
    {
      _abierto_store_set_error (self, rc, error);
      sqlite3_close (self->db);
      self->db = NULL;
      goto fail;
    }
  configure_connection (self->db);

  /* Up to 64 MiB of pages: the indexes of a round of a million votes stay
   * in memory, so results refresh in tens of milliseconds as votes come. */
  /* secure_delete: what a person asks to delete is overwritten in the
   * file, not just unlinked from it */
  /* temp_store: statement journals and sorts stay in memory; a multi-row
   * statement would otherwise write every page it touches to a file in
   * /var/tmp first (seen as 1.5 million pwrite calls for a million demo
   * votes) */
  if (!exec (self, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
                   "PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;", error))
    goto fail;

  if (!self->read_only)
    {
      /* Every vote shown as saved must survive a power cut: WAL with a
       * sync on every commit. */
      if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", error))
        goto fail;

      if (version < ABIERTO_FORMAT_VERSION && !migrate (self, version, error))
        goto fail;
    }

  return g_steal_pointer (&self);

fail:
  if (self != NULL && self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  if (created)
    g_unlink (path);
  return NULL;
}

/**
 * abierto_store_open_reader:
 * @self: an open store
 * @error: return location for a #GError
 *
 * Opens a second, read-only connection to the file of @self, for reading
 * in another thread (results, exports) while @self goes on writing. The
 * file was already checked when @self opened it, so this is quick. A
 * reader sees what was committed when each of its reads begins, and
 * belongs to the first thread that uses it.
 *
 * Returns: (transfer full): a read-only store, or %NULL
 */
AbiertoStore *
abierto_store_open_reader (AbiertoStore  *self,
                           GError       **error)
{
  g_autoptr(AbiertoStore) reader = NULL;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!ensure_open (self, error))
    return NULL;

  reader = g_object_new (ABIERTO_TYPE_STORE, NULL);
  reader->path = g_strdup (self->path);
  reader->read_only = TRUE;
  reader->owner = NULL;

  rc = open_connection (reader->path, TRUE, FALSE, &reader->db);
  if (rc != SQLITE_OK)
    {
      _abierto_store_set_error (reader, rc, error);
      sqlite3_close (reader->db);
      reader->db = NULL;
      return NULL;
    }
  configure_connection (reader->db);
  if (!exec (reader, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;", error))
    return NULL;

  return g_steal_pointer (&reader);
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  AbiertoStore *store;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = abierto_store_open (task_data, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* handed over to the thread that finishes */
  store->owner = NULL;
  g_task_return_pointer (task, store, g_object_unref);
}

/**
 * abierto_store_open_async:
 * @path: the workshop file, created when it does not exist
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Opens @path as abierto_store_open() does, in a worker thread: checking
 * a large file reads all of it. The store belongs to the thread that calls
 * abierto_store_open_finish().
 */
void
abierto_store_open_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, abierto_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_worker);
}

AbiertoStore *
abierto_store_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  AbiertoStore *store;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == abierto_store_open_async, NULL);

  store = g_task_propagate_pointer (G_TASK (result), error);
  if (store != NULL)
    store->owner = g_thread_self ();
  return store;
}

char *
abierto_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "abierto", "talleres.abierto", NULL);
}

gboolean
abierto_store_close (AbiertoStore  *self,
                     GError       **error)
{
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (self->db == NULL)
    return TRUE;

  _abierto_store_rollback (self);
  g_hash_table_remove_all (self->statements);

  /* Fold the WAL into the file, so that the .abierto file alone holds
   * everything once closed (SQLite removes the -wal and -shm files when
   * the last connection closes). The file stays in WAL mode, so opening it
   * again writes nothing to it. */
  if (!self->read_only)
    {
      /* never wait on another connection for this */
      sqlite3_busy_timeout (self->db, 0);
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }

  rc = sqlite3_close (self->db);
  self->db = NULL;
  if (rc != SQLITE_OK)
    return set_error_from_rc (rc, sqlite3_errstr (rc), error);

  return TRUE;
}

gboolean
abierto_store_save_copy (const char  *path,
                         const char  *destination,
                         GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *canonical_src = NULL;
  g_autofree char *canonical_dest = NULL;
  sqlite3 *src = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int fd;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  canonical_src = g_canonicalize_filename (path, NULL);
  canonical_dest = g_canonicalize_filename (destination, NULL);
  if (g_str_equal (canonical_src, canonical_dest))
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   _("A copy cannot replace the workshop file it is a copy of; choose another "
                     "name."));
      return FALSE;
    }

  dir = g_path_get_dirname (destination);
  tmp = g_build_filename (dir, ".abierto-copy-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_IO,
                   _("The copy could not be created in that folder: %s."),
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (rc, sqlite3_errstr (rc), error);
      goto out;
    }
  configure_connection (src);

  /* all pages in one step: a consistent snapshot, whatever writes later */
  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      rc = sqlite3_errcode (dest);
      set_error_from_rc (rc, sqlite3_errmsg (dest), error);
      goto out;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      set_error_from_rc (rc, sqlite3_errstr (rc), error);
      goto out;
    }

  /* a copy stands alone: no WAL beside it */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (rc, sqlite3_errstr (rc), error);
      goto out;
    }

  if (g_rename (tmp, destination) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_IO,
                   _("The copy could not be saved as “%s”: %s."), destination,
                   g_strerror (saved_errno));
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_close (dest);
  sqlite3_close (src);
  if (!ok)
    g_unlink (tmp);
  return ok;
}

const char *
abierto_store_get_path (AbiertoStore *self)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  return self->path;
}

gboolean
abierto_store_is_read_only (AbiertoStore *self)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return self->read_only;
}

gboolean
abierto_store_check (AbiertoStore  *self,
                     gboolean      *healthy,
                     char         **verdict,
                     GError       **error)
{
  static const char integrity_sql[] = "PRAGMA integrity_check(20)";
  static const char fk_sql[] = "PRAGMA foreign_key_check";
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GString) schema = g_string_new (NULL);
  g_autofree char *expected = NULL;
  sqlite3_stmt *stmt;
  guint n_fk = 0;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (healthy != NULL, FALSE);
  g_return_val_if_fail (verdict != NULL, FALSE);

  if (!(stmt = _abierto_store_prepare (self, integrity_sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s\n", line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (self, rc, error);

  if (!(stmt = _abierto_store_prepare (self, fk_sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n_fk++;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (self, rc, error);
  if (n_fk > 0)
    g_string_append_printf (problems,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u row points to a row that does not exist.\n",
                                         "%u rows point to rows that do not exist.\n", n_fk),
                            n_fk);

  if (!collect_schema (self->db, schema, &rc))
    return _abierto_store_set_error (self, rc, error);
  expected = dup_expected_schema (ABIERTO_FORMAT_VERSION);
  if (g_strcmp0 (schema->str, expected) != 0)
    g_string_append (problems, _("The tables are not the ones this version of Abierto expects.\n"));

  *healthy = problems->len == 0;
  if (*healthy)
    {
      *verdict = g_strdup_printf (_("The workshop file is in good order (format %d)."),
                                  ABIERTO_FORMAT_VERSION);
    }
  else
    {
      g_strchomp (problems->str);
      *verdict = g_strdup_printf (_("The workshop file has problems:\n%s"), problems->str);
    }

  return TRUE;
}

/* Validation of what people type */

static gboolean
check_text (const char  *text,
            gboolean     required,
            const char  *field,
            GError     **error)
{
  const char *end;

  if (text == NULL || *text == '\0')
    {
      if (!required)
        return TRUE;
      return set_invalid (error, _("The %s cannot be empty."), field);
    }

  if (!g_utf8_validate (text, -1, &end))
    return set_invalid (error, _("The %s is not valid UTF-8 text."), field);

  if (required)
    {
      const char *p;
      gboolean blank = TRUE;

      for (p = text; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          {
            blank = FALSE;
            break;
          }
      if (blank)
        return set_invalid (error, _("The %s cannot be empty."), field);
    }

  if (g_utf8_strlen (text, -1) > MAX_TEXT_CHARS)
    return set_invalid (error, _("The %s is longer than %d characters; split it in two."),
                        field, MAX_TEXT_CHARS);

  return TRUE;
}

static gboolean
check_date (const char  *date,
            GError     **error)
{
  guint y, m, d;
  char extra;

  if (date == NULL || *date == '\0')
    return TRUE;

  if (strlen (date) != 10
      || sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3
      || !g_date_valid_dmy (d, m, y))
    return set_invalid (error, _("The date “%s” is not a valid date; write it as YYYY-MM-DD."),
                        date);

  return TRUE;
}

/* A publication address is printed as a QR code, and the evidence of a
 * commitment's progress is a link people follow: a web address only, so
 * that a phone opens a page and nothing else. @field names it. */
static gboolean
check_url (const char  *url,
           const char  *field,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    return TRUE;

  if (!check_text (url, FALSE, field, error))
    return FALSE;

  if (strlen (url) > 2000
      || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL))
      || !(scheme = g_uri_get_scheme (uri))
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return set_invalid (error, _("“%s” is not a web address; write it as https://…"), url);

  return TRUE;
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Sessions */

static gboolean
check_session (AbiertoSession  *session,
               GError         **error)
{
  return check_text (abierto_session_get_title (session), TRUE, _("title"), error)
         && check_text (abierto_session_get_question (session), FALSE, _("guiding question"), error)
         && check_text (abierto_session_get_place (session), FALSE, _("place"), error)
         && check_text (abierto_session_get_facilitators (session), FALSE, _("facilitators"), error)
         && check_date (abierto_session_get_date (session), error)
         && check_url (abierto_session_get_publication_url (session), _("publication address"),
                       error);
}

static void
bind_session (sqlite3_stmt   *stmt,
              AbiertoSession *session)
{
  g_autofree char *title = g_strstrip (g_strdup (abierto_session_get_title (session)));

  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, abierto_session_get_question (session), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, abierto_group_to_string (abierto_session_get_group (session)), -1,
                     SQLITE_STATIC);
  bind_text_or_null (stmt, 4, abierto_session_get_date (session));
  sqlite3_bind_text (stmt, 5, abierto_session_get_place (session), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, abierto_session_get_facilitators (session), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, abierto_session_get_language (session), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, abierto_session_get_license (session), -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 11, abierto_session_get_publication_url (session));
}

gboolean
abierto_store_add_session (AbiertoStore    *self,
                           AbiertoSession  *session,
                           GError         **error)
{
  static const char sql[] =
    "INSERT INTO session (title, question, grp, date, place, facilitators, language, license, "
    "                     uuid, created, modified, publication_url) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)";
  g_autofree char *uuid = NULL;
  guint8 uuid_bytes[16];
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_SESSION (session), FALSE);

  if (!check_session (session, error) || !ensure_writable (self, error))
    return FALSE;

  uuid = abierto_uuid_new (uuid_bytes);
  now = _abierto_now_iso8601 ();

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  bind_session (stmt, session);
  sqlite3_bind_blob (stmt, 9, uuid_bytes, 16, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!_abierto_store_commit (self, error))
    return FALSE;

  abierto_session_set_id (session, id);
  abierto_session_set_uuid (session, uuid);
  _abierto_store_emit_changed (self, "session", id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

gboolean
abierto_store_update_session (AbiertoStore    *self,
                              AbiertoSession  *session,
                              GError         **error)
{
  static const char sql[] =
    "UPDATE session SET title = ?1, question = ?2, grp = ?3, date = ?4, place = ?5, "
    "                   facilitators = ?6, language = ?7, license = ?8, modified = ?10, "
    "                   publication_url = ?11 "
    "WHERE id = ?9 AND deleted = 0";
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_SESSION (session), FALSE);

  id = abierto_session_get_id (session);
  if (!check_session (session, error) || !_abierto_store_begin (self, error))
    return FALSE;

  now = _abierto_now_iso8601 ();
  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  bind_session (stmt, session);
  sqlite3_bind_int64 (stmt, 9, id);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, ENTITY_SESSION, id);
      goto fail;
    }
  if (!_abierto_store_commit (self, error))
    return FALSE;

  _abierto_store_emit_changed (self, "session", id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

#define SESSION_COLUMNS \
  "id, uuid, title, question, grp, date, place, facilitators, language, license, publication_url"

static AbiertoSession *
session_from_row (sqlite3_stmt *stmt)
{
  char uuid[ABIERTO_UUID_STRING_LEN];
  AbiertoSession *session;
  AbiertoGroup group = ABIERTO_GROUP_MIXED;

  abierto_group_from_string ((const char *) sqlite3_column_text (stmt, 4), &group);
  session = abierto_session_new ((const char *) sqlite3_column_text (stmt, 2), group);
  abierto_session_set_id (session, sqlite3_column_int64 (stmt, 0));
  abierto_session_set_uuid (session, column_uuid (stmt, 1, uuid));
  abierto_session_set_question (session, (const char *) sqlite3_column_text (stmt, 3));
  abierto_session_set_date (session, (const char *) sqlite3_column_text (stmt, 5));
  abierto_session_set_place (session, (const char *) sqlite3_column_text (stmt, 6));
  abierto_session_set_facilitators (session, (const char *) sqlite3_column_text (stmt, 7));
  abierto_session_set_language (session, (const char *) sqlite3_column_text (stmt, 8));
  abierto_session_set_license (session, (const char *) sqlite3_column_text (stmt, 9));
  abierto_session_set_publication_url (session, (const char *) sqlite3_column_text (stmt, 10));

  return session;
}

AbiertoSession *
abierto_store_get_session (AbiertoStore  *self,
                           gint64         session_id,
                           GError       **error)
{
  static const char sql[] = "SELECT " SESSION_COLUMNS " FROM session WHERE id = ?1 AND deleted = 0";
  AbiertoSession *session = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    session = session_from_row (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, ENTITY_SESSION, session_id);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return session;
}

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

static GListModel *
list_rows (AbiertoStore  *self,
           const char    *sql,
           gint64         key,
           GType          type,
           RowFunc        func,
           GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (type);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  if (key != 0)
    sqlite3_bind_int64 (stmt, 1, key);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, func (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _abierto_store_set_error (self, rc, error);
      return NULL;
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
abierto_store_list_sessions (AbiertoStore  *self,
                             GError       **error)
{
  static const char sql[] =
    "SELECT " SESSION_COLUMNS " FROM session WHERE deleted = 0 "
    "ORDER BY coalesce(date, substr(created, 1, 10)) DESC, id DESC";

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  return list_rows (self, sql, 0, ABIERTO_TYPE_SESSION, (RowFunc) session_from_row, error);
}

/* The privacy notice */

/* The latest version of the notice in the file, or 0 when it has none;
 * @text and @created may be NULL. */
static gboolean
latest_notice (AbiertoStore  *self,
               guint         *version,
               char         **text,
               char         **created,
               GError       **error)
{
  static const char sql[] =
    "SELECT version, text, created FROM privacy_notice ORDER BY version DESC LIMIT 1";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  *version = 0;
  if (rc == SQLITE_ROW)
    {
      *version = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
      if (text != NULL)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (created != NULL)
        *created = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _abierto_store_set_error (self, rc, error);

  return TRUE;
}

/* Whether the file holds @version of the notice. */
static gboolean
notice_exists (AbiertoStore  *self,
               guint          version,
               gboolean      *exists,
               GError       **error)
{
  static const char sql[] = "SELECT 1 FROM privacy_notice WHERE version = ?1";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _abierto_store_set_error (self, rc, error);

  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
insert_notice (AbiertoStore  *self,
               guint          version,
               const char    *text,
               GError       **error)
{
  static const char sql[] =
    "INSERT INTO privacy_notice (version, text, created) VALUES (?1, ?2, ?3)";
  g_autofree char *now = _abierto_now_iso8601 ();
  sqlite3_stmt *stmt;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

/* Inside a transaction: the latest version in @version, storing the
 * default notice as version 1 first when the file has none (@added then
 * says so). */
static gboolean
ensure_notice (AbiertoStore  *self,
               guint         *version,
               gboolean      *added,
               GError       **error)
{
  g_autofree char *text = NULL;

  *added = FALSE;
  if (!latest_notice (self, version, NULL, NULL, error))
    return FALSE;
  if (*version > 0)
    return TRUE;

  text = abierto_privacy_dup_default_notice ();
  if (!insert_notice (self, 1, text, error))
    return FALSE;

  *version = 1;
  *added = TRUE;
  return TRUE;
}

static gboolean
set_no_notice (GError **error,
               guint    version)
{
  g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
               _("There is no version %u of the privacy notice in this file."), version);
  return FALSE;
}

gboolean
abierto_store_get_notice (AbiertoStore  *self,
                          guint         *version,
                          char         **text,
                          char         **created,
                          GError       **error)
{
  g_autofree char *latest_text = NULL;
  g_autofree char *latest_created = NULL;
  guint latest = 0;
  gboolean added = FALSE;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!ensure_open (self, error)
      || !latest_notice (self, &latest, &latest_text, &latest_created, error))
    return FALSE;

  if (latest == 0 && self->read_only)
    {
      /* nothing can be stored: what the file will get once it can be */
      latest = 1;
      latest_text = abierto_privacy_dup_default_notice ();
    }
  else if (latest == 0)
    {
      if (!_abierto_store_begin (self, error))
        return FALSE;
      if (!ensure_notice (self, &latest, &added, error)
          || !_abierto_store_commit (self, error))
        {
          _abierto_store_rollback (self);
          return FALSE;
        }
      if (!latest_notice (self, &latest, &latest_text, &latest_created, error))
        return FALSE;
      if (added)
        _abierto_store_emit_changed (self, "privacy_notice", 0);
    }

  if (version != NULL)
    *version = latest;
  if (text != NULL)
    *text = g_steal_pointer (&latest_text);
  if (created != NULL)
    *created = g_steal_pointer (&latest_created);
  return TRUE;
}

gboolean
abierto_store_get_notice_version (AbiertoStore  *self,
                                  guint          version,
                                  char         **text,
                                  char         **created,
                                  GError       **error)
{
  static const char sql[] = "SELECT text, created FROM privacy_notice WHERE version = ?1";
  sqlite3_stmt *stmt;
  guint latest = 0;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!ensure_open (self, error)
      || !(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (text != NULL)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (created != NULL)
        *created = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (self, rc, error);

  /* a file without any notice has version 1 by default, as get_notice
   * says; it is stored the first time it is needed */
  if (version == 1 && latest_notice (self, &latest, NULL, NULL, NULL) && latest == 0)
    {
      if (text != NULL)
        *text = abierto_privacy_dup_default_notice ();
      if (created != NULL)
        *created = NULL;
      return TRUE;
    }

  return set_no_notice (error, version);
}

char *
abierto_store_dup_notice_text (AbiertoStore  *self,
                               guint          version,
                               GError       **error)
{
  char *text = NULL;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!abierto_store_get_notice_version (self, version, &text, NULL, error))
    return NULL;

  return text;
}

gboolean
abierto_store_set_notice (AbiertoStore  *self,
                          const char    *text,
                          guint         *version,
                          GError       **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *latest_text = NULL;
  guint latest = 0;
  gboolean added = FALSE;
  gboolean stored = FALSE;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!check_text (text, TRUE, _("privacy notice"), error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!ensure_notice (self, &latest, &added, error)
      || !latest_notice (self, &latest, &latest_text, NULL, error))
    goto fail;

  if (g_strcmp0 (latest_text, trimmed) != 0)
    {
      if (latest >= G_MAXINT)
        {
          set_invalid (error, _("The privacy notice cannot have more versions."));
          goto fail;
        }
      if (!insert_notice (self, latest + 1, trimmed, error))
        goto fail;
      latest++;
      stored = TRUE;
    }

  if (!_abierto_store_commit (self, error))
    return FALSE;

  if (added || stored)
    _abierto_store_emit_changed (self, "privacy_notice", 0);
  if (version != NULL)
    *version = latest;
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

/* Participants */

static gboolean
session_exists (AbiertoStore  *self,
                gint64         session_id,
                GError       **error)
{
  static const char sql[] = "SELECT 1 FROM session WHERE id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    return set_not_found (error, ENTITY_SESSION, session_id);
  return _abierto_store_set_error (self, rc, error);
}

gboolean
abierto_store_add_participant (AbiertoStore        *self,
                               AbiertoParticipant  *participant,
                               GError             **error)
{
  static const char exists_sql[] =
    "SELECT 1 FROM participant "
    "WHERE session_id = ?1 AND alias = ?2 COLLATE NOCASE AND deleted = 0 AND id != ?3";
  static const char sql[] =
    "INSERT INTO participant (uuid, session_id, alias, age_band, gender, consent, consent_date, "
    "                         notice_version, opposed, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  g_autofree char *alias = NULL;
  g_autofree char *uuid = NULL;
  guint8 uuid_bytes[16];
  g_autofree char *now = NULL;
  g_autofree char *today = NULL;
  const char *consent_date;
  sqlite3_stmt *stmt;
  gint64 session_id;
  gint64 id;
  guint notice_version;
  gboolean notice_added = FALSE;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (participant), FALSE);

  session_id = abierto_participant_get_session_id (participant);
  consent_date = abierto_participant_get_consent_date (participant);
  if (!check_text (abierto_participant_get_alias (participant), TRUE, _("alias"), error)
      || !check_text (abierto_participant_get_age_band (participant), FALSE, _("age band"), error)
      || !check_text (abierto_participant_get_gender (participant), FALSE, _("gender"), error)
      || !check_date (consent_date, error))
    return FALSE;

  alias = g_strstrip (g_strdup (abierto_participant_get_alias (participant)));
  if (g_utf8_strlen (alias, -1) > 80)
    return set_invalid (error, _("An alias is a short nickname: at most 80 characters. "
                                 "Never write a full name."));

  if (consent_date == NULL)
    consent_date = today = dup_today ();
  uuid = abierto_uuid_new (uuid_bytes);
  now = _abierto_now_iso8601 ();

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!session_exists (self, session_id, error))
    goto fail;

  /* the notice the person was shown: the one asked for, or the latest */
  notice_version = abierto_participant_get_notice_version (participant);
  if (notice_version == 0)
    {
      if (!ensure_notice (self, &notice_version, &notice_added, error))
        goto fail;
    }
  else
    {
      gboolean exists = FALSE;

      if (!notice_exists (self, notice_version, &exists, error))
        goto fail;
      if (!exists)
        {
          set_invalid (error, _("There is no version %u of the privacy notice in this file, so "
                                "the consent cannot refer to it."), notice_version);
          goto fail;
        }
    }

  if (!(stmt = _abierto_store_prepare (self, exists_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, 0);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_EXISTS,
                   _("The alias “%s” is already used in this session; choose another one."),
                   alias);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      _abierto_store_set_error (self, rc, error);
      goto fail;
    }

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_blob (stmt, 1, uuid_bytes, 16, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_text (stmt, 3, alias, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, abierto_participant_get_age_band (participant));
  bind_text_or_null (stmt, 5, abierto_participant_get_gender (participant));
  sqlite3_bind_text (stmt, 6, abierto_consent_to_string (abierto_participant_get_consent (participant)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, consent_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, notice_version);
  sqlite3_bind_int (stmt, 9, abierto_participant_get_opposed (participant) ? 1 : 0);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!_abierto_store_commit (self, error))
    return FALSE;

  abierto_participant_set_id (participant, id);
  abierto_participant_set_uuid (participant, uuid);
  abierto_participant_set_alias (participant, alias);
  abierto_participant_set_consent_date (participant, consent_date);
  abierto_participant_set_notice_version (participant, notice_version);
  if (notice_added)
    _abierto_store_emit_changed (self, "privacy_notice", 0);
  _abierto_store_emit_changed (self, "participant", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

/* What participant_from_row() reads; a NULL notice version (not
 * recorded) is read as 0. */
#define PARTICIPANT_COLUMNS \
  "id, uuid, session_id, alias, age_band, gender, consent, consent_date, " \
  "coalesce(notice_version, 0), opposed"

static AbiertoParticipant *
participant_from_row (sqlite3_stmt *stmt)
{
  char uuid[ABIERTO_UUID_STRING_LEN];
  AbiertoParticipant *participant;
  AbiertoConsent consent = ABIERTO_CONSENT_SELF;

  participant = abierto_participant_new (sqlite3_column_int64 (stmt, 2),
                                         (const char *) sqlite3_column_text (stmt, 3));
  abierto_participant_set_id (participant, sqlite3_column_int64 (stmt, 0));
  abierto_participant_set_uuid (participant, column_uuid (stmt, 1, uuid));
  abierto_participant_set_age_band (participant, (const char *) sqlite3_column_text (stmt, 4));
  abierto_participant_set_gender (participant, (const char *) sqlite3_column_text (stmt, 5));
  abierto_consent_from_string ((const char *) sqlite3_column_text (stmt, 6), &consent);
  abierto_participant_set_consent (participant, consent);
  abierto_participant_set_consent_date (participant, (const char *) sqlite3_column_text (stmt, 7));
  abierto_participant_set_notice_version (participant,
                                          (guint) CLAMP (sqlite3_column_int64 (stmt, 8),
                                                         0, G_MAXUINT));
  abierto_participant_set_opposed (participant, sqlite3_column_int (stmt, 9) != 0);

  return participant;
}

GListModel *
abierto_store_list_participants (AbiertoStore  *self,
                                 gint64         session_id,
                                 GError       **error)
{
  static const char sql[] =
    "SELECT " PARTICIPANT_COLUMNS " "
    "FROM participant WHERE session_id = ?1 AND deleted = 0 ORDER BY alias COLLATE NOCASE, id";

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  return list_rows (self, sql, session_id, ABIERTO_TYPE_PARTICIPANT,
                    (RowFunc) participant_from_row, error);
}

/* Proposals */

/* The session of a participant, or 0 with @error set. */
static gint64
participant_session (AbiertoStore  *self,
                     gint64         participant_id,
                     GError       **error)
{
  static const char sql[] =
    "SELECT session_id FROM participant WHERE id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  gint64 session_id = 0;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    session_id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    set_not_found (error, ENTITY_PARTICIPANT, participant_id);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return session_id;
}

gboolean
abierto_store_add_proposal (AbiertoStore     *self,
                            AbiertoProposal  *proposal,
                            GError          **error)
{
  static const char sql[] =
    "INSERT INTO proposal (uuid, session_id, title, text, category, author_id, created, modified) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
  g_autofree char *uuid = NULL;
  guint8 uuid_bytes[16];
  g_autofree char *now = NULL;
  g_autofree char *title = NULL;
  g_autofree char *category = NULL;
  sqlite3_stmt *stmt;
  gint64 session_id;
  gint64 author_id;
  gint64 id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (proposal), FALSE);

  session_id = abierto_proposal_get_session_id (proposal);
  author_id = abierto_proposal_get_author_id (proposal);
  if (!check_text (abierto_proposal_get_text (proposal), TRUE, _("proposal text"), error)
      || !check_text (abierto_proposal_get_title (proposal), FALSE, _("proposal title"), error)
      || !check_text (abierto_proposal_get_category (proposal), FALSE, _("category"), error))
    return FALSE;

  title = g_strstrip (g_strdup (abierto_proposal_get_title (proposal)));
  category = g_strstrip (g_strdup (abierto_proposal_get_category (proposal)));
  uuid = abierto_uuid_new (uuid_bytes);
  now = _abierto_now_iso8601 ();

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!session_exists (self, session_id, error))
    goto fail;
  if (author_id != 0)
    {
      gint64 author_session = participant_session (self, author_id, error);

      if (author_session == 0)
        goto fail;
      if (author_session != session_id)
        {
          set_invalid (error, _("The author of a proposal must take part in the same session."));
          goto fail;
        }
    }

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_blob (stmt, 1, uuid_bytes, 16, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, abierto_proposal_get_text (proposal), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, category, -1, SQLITE_STATIC);
  if (author_id != 0)
    sqlite3_bind_int64 (stmt, 6, author_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!_abierto_store_commit (self, error))
    return FALSE;

  abierto_proposal_set_id (proposal, id);
  abierto_proposal_set_uuid (proposal, uuid);
  abierto_proposal_set_title (proposal, title);
  abierto_proposal_set_category (proposal, category);
  _abierto_store_emit_changed (self, "proposal", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

static AbiertoProposal *
proposal_from_row (sqlite3_stmt *stmt)
{
  char uuid[ABIERTO_UUID_STRING_LEN];
  AbiertoProposal *proposal;

  proposal = abierto_proposal_new (sqlite3_column_int64 (stmt, 2),
                                   (const char *) sqlite3_column_text (stmt, 4));
  abierto_proposal_set_id (proposal, sqlite3_column_int64 (stmt, 0));
  abierto_proposal_set_uuid (proposal, column_uuid (stmt, 1, uuid));
  abierto_proposal_set_title (proposal, (const char *) sqlite3_column_text (stmt, 3));
  abierto_proposal_set_category (proposal, (const char *) sqlite3_column_text (stmt, 5));
  abierto_proposal_set_author_id (proposal, sqlite3_column_int64 (stmt, 6));

  return proposal;
}

GListModel *
abierto_store_list_proposals (AbiertoStore  *self,
                              gint64         session_id,
                              GError       **error)
{
  static const char sql[] =
    "SELECT id, uuid, session_id, title, text, category, coalesce(author_id, 0) "
    "FROM proposal WHERE session_id = ?1 AND merged_into IS NULL AND deleted = 0 ORDER BY id";

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  return list_rows (self, sql, session_id, ABIERTO_TYPE_PROPOSAL,
                    (RowFunc) proposal_from_row, error);
}

/* Rounds */

gboolean
abierto_store_add_round (AbiertoStore  *self,
                         AbiertoRound  *round,
                         GError       **error)
{
  static const char sql[] =
    "INSERT INTO voting_round (uuid, session_id, title, method, dots, points, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autofree char *uuid = NULL;
  guint8 uuid_bytes[16];
  g_autofree char *now = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  AbiertoMethod method;
  gint64 session_id;
  guint dots, points;
  gint64 id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_ROUND (round), FALSE);

  session_id = abierto_round_get_session_id (round);
  method = abierto_round_get_method (round);
  dots = abierto_round_get_dots (round);
  points = abierto_round_get_points (round);

  if (!check_text (abierto_round_get_title (round), FALSE, _("round title"), error))
    return FALSE;
  if (dots < 1 || dots > 100)
    return set_invalid (error, _("Each person can have from 1 to 100 dots, not %u."), dots);
  if (points != 3 && points != 5)
    return set_invalid (error, _("A scale has 3 points (faces) or 5 points, not %u."), points);

  title = g_strstrip (g_strdup (abierto_round_get_title (round)));
  uuid = abierto_uuid_new (uuid_bytes);
  now = _abierto_now_iso8601 ();

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!session_exists (self, session_id, error))
    goto fail;
  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_blob (stmt, 1, uuid_bytes, 16, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, abierto_method_to_string (method), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (int) dots);
  sqlite3_bind_int (stmt, 6, (int) points);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!_abierto_store_commit (self, error))
    return FALSE;

  abierto_round_set_id (round, id);
  abierto_round_set_uuid (round, uuid);
  abierto_round_set_title (round, title);
  _abierto_store_emit_changed (self, "voting_round", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

#define ROUND_COLUMNS "id, uuid, session_id, title, method, dots, points"

static AbiertoRound *
round_from_row (sqlite3_stmt *stmt)
{
  char uuid[ABIERTO_UUID_STRING_LEN];
  AbiertoRound *round;
  AbiertoMethod method = ABIERTO_METHOD_TALLY;

  abierto_method_from_string ((const char *) sqlite3_column_text (stmt, 4), &method);
  round = abierto_round_new (sqlite3_column_int64 (stmt, 2), method);
  abierto_round_set_id (round, sqlite3_column_int64 (stmt, 0));
  abierto_round_set_uuid (round, column_uuid (stmt, 1, uuid));
  abierto_round_set_title (round, (const char *) sqlite3_column_text (stmt, 3));
  abierto_round_set_dots (round, (guint) sqlite3_column_int (stmt, 5));
  abierto_round_set_points (round, (guint) sqlite3_column_int (stmt, 6));

  return round;
}

AbiertoRound *
abierto_store_get_round (AbiertoStore  *self,
                         gint64         round_id,
                         GError       **error)
{
  static const char sql[] =
    "SELECT " ROUND_COLUMNS " FROM voting_round WHERE id = ?1 AND deleted = 0";
  AbiertoRound *round = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, round_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    round = round_from_row (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, ENTITY_ROUND, round_id);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return round;
}

GListModel *
abierto_store_list_rounds (AbiertoStore  *self,
                           gint64         session_id,
                           GError       **error)
{
  static const char sql[] =
    "SELECT " ROUND_COLUMNS " FROM voting_round WHERE session_id = ?1 AND deleted = 0 "
    "ORDER BY id";

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  return list_rows (self, sql, session_id, ABIERTO_TYPE_ROUND, (RowFunc) round_from_row, error);
}

/* Votes */

typedef struct
{
  gint64        session_id;
  AbiertoMethod method;
  guint         dots;
  guint         points;
} RoundInfo;

static gboolean
lookup_round (AbiertoStore  *self,
              gint64         round_id,
              RoundInfo     *info,
              GError       **error)
{
  static const char sql[] =
    "SELECT session_id, method, dots, points FROM voting_round WHERE id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->session_id = sqlite3_column_int64 (stmt, 0);
      info->method = ABIERTO_METHOD_TALLY;
      abierto_method_from_string ((const char *) sqlite3_column_text (stmt, 1), &info->method);
      info->dots = (guint) sqlite3_column_int (stmt, 2);
      info->points = (guint) sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    return set_not_found (error, ENTITY_ROUND, round_id);
  return _abierto_store_set_error (self, rc, error);
}

/* A proposal that can receive votes in a round of @session_id. */
static gboolean
check_votable_proposal (AbiertoStore  *self,
                        gint64         session_id,
                        gint64         proposal_id,
                        GError       **error)
{
  static const char sql[] =
    "SELECT session_id, merged_into FROM proposal WHERE id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  gint64 proposal_session = 0;
  gboolean merged = FALSE;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, proposal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      proposal_session = sqlite3_column_int64 (stmt, 0);
      merged = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    return set_not_found (error, ENTITY_PROPOSAL, proposal_id);
  if (rc != SQLITE_ROW)
    return _abierto_store_set_error (self, rc, error);
  if (proposal_session != session_id)
    return set_invalid (error, _("Proposal %lld belongs to another session, so it cannot be "
                                 "voted in this round."), (long long) proposal_id);
  if (merged)
    return set_invalid (error, _("Proposal %lld was merged into another one; vote for that "
                                 "one instead."), (long long) proposal_id);

  return TRUE;
}

static gboolean
check_voter (AbiertoStore  *self,
             gint64         session_id,
             gint64         participant_id,
             GError       **error)
{
  gint64 voter_session;

  if (participant_id == 0)
    return TRUE;

  voter_session = participant_session (self, participant_id, error);
  if (voter_session == 0)
    return FALSE;
  if (voter_session != session_id)
    return set_invalid (error, _("Participant %lld takes part in another session, so they "
                                 "cannot vote in this round."), (long long) participant_id);

  return TRUE;
}

/* Sum of the values of a participant's votes in a round, optionally only
 * for one proposal, and how many rows there are. */
static gboolean
sum_votes (AbiertoStore  *self,
           gint64         round_id,
           gint64         participant_id,
           gint64         proposal_id,
           gint64        *n_rows,
           gint64        *sum,
           GError       **error)
{
  static const char sql[] =
    "SELECT count(*), coalesce(sum(value), 0) FROM vote "
    "WHERE round_id = ?1 AND participant_id = ?2 AND (?3 = 0 OR proposal_id = ?3)";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  sqlite3_bind_int64 (stmt, 3, proposal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *n_rows = sqlite3_column_int64 (stmt, 0);
      *sum = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return _abierto_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
insert_vote (AbiertoStore  *self,
             gint64         round_id,
             gint64         participant_id,
             gint64         proposal_id,
             gint64         value,
             gint64         now,
             GError       **error)
{
  static const char sql[] =
    "INSERT INTO vote (uuid, round_id, proposal_id, participant_id, value, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  guint8 uuid[16];
  sqlite3_stmt *stmt;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;

  abierto_uuid_generate (uuid);
  sqlite3_bind_blob (stmt, 1, uuid, 16, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, round_id);
  sqlite3_bind_int64 (stmt, 3, proposal_id);
  if (participant_id != 0)
    sqlite3_bind_int64 (stmt, 4, participant_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, value);
  sqlite3_bind_int64 (stmt, 6, now);

  return step_done (self, stmt, error);
}

static gboolean
check_vote (AbiertoStore     *self,
            gint64            round_id,
            const RoundInfo  *info,
            gint64            participant_id,
            gint64            proposal_id,
            gint              value,
            GError          **error)
{
  gint64 n_rows = 0, sum = 0;

  switch (info->method)
    {
    case ABIERTO_METHOD_TALLY:
      return set_invalid (error, _("This round is a hand count: enter how many hands each "
                                   "proposal got instead of single votes."));

    case ABIERTO_METHOD_RANKING:
      return set_invalid (error, _("This round is a ranking: each person gives their whole "
                                   "order of proposals at once."));

    case ABIERTO_METHOD_DOT:
      if (value < 1)
        return set_invalid (error, _("A dot vote gives at least one dot, not %d."), value);
      if (participant_id == 0)
        return TRUE;
      if (!sum_votes (self, round_id, participant_id, 0, &n_rows, &sum, error))
        return FALSE;
      if (sum + value > info->dots)
        {
          gint64 left = MAX ((gint64) info->dots - sum, 0);

          return set_invalid (error,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Each person has %u dot in this round and this person "
                                           "has %lld left, so %d more cannot be "
                                           "given.",
                                           "Each person has %u dots in this round and this person "
                                           "has %lld left, so %d more cannot be "
                                           "given.", info->dots),
                              info->dots, (long long) left, value);
        }
      return TRUE;

    case ABIERTO_METHOD_APPROVAL:
      if (participant_id == 0)
        return TRUE;
      if (!sum_votes (self, round_id, participant_id, proposal_id, &n_rows, &sum, error))
        return FALSE;
      if (n_rows > 0)
        return set_invalid (error, _("This person already approved this proposal; an approval "
                                     "counts once."));
      return TRUE;

    case ABIERTO_METHOD_SCALE:
      if (value < 1 || value > (gint) info->points)
        return set_invalid (error, _("On this scale a rating goes from 1 to %u, not %d."),
                            info->points, value);
      if (participant_id == 0)
        return TRUE;
      if (!sum_votes (self, round_id, participant_id, proposal_id, &n_rows, &sum, error))
        return FALSE;
      if (n_rows > 0)
        return set_invalid (error, _("This person already rated this proposal in this round."));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

gboolean
abierto_store_add_vote (AbiertoStore  *self,
                        gint64         round_id,
                        gint64         participant_id,
                        gint64         proposal_id,
                        gint           value,
                        gint64        *vote_id,
                        GError       **error)
{
  gint64 now;
  RoundInfo info;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (participant_id >= 0, FALSE);

  now = g_get_real_time () / G_USEC_PER_SEC;

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!lookup_round (self, round_id, &info, error)
      || !check_votable_proposal (self, info.session_id, proposal_id, error)
      || !check_voter (self, info.session_id, participant_id, error))
    goto fail;

  if (info.method == ABIERTO_METHOD_APPROVAL)
    value = 1;
  if (!check_vote (self, round_id, &info, participant_id, proposal_id, value, error))
    goto fail;
  if (!insert_vote (self, round_id, participant_id, proposal_id, value, now, error))
    goto fail;
  if (vote_id != NULL)
    *vote_id = sqlite3_last_insert_rowid (self->db);
  if (!_abierto_store_commit (self, error))
    return FALSE;

  _abierto_store_emit_changed (self, "vote", info.session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

gboolean
abierto_store_add_ranking (AbiertoStore  *self,
                           gint64         round_id,
                           gint64         participant_id,
                           const gint64  *proposal_ids,
                           guint          n_proposals,
                           GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 now;
  gint64 n_rows = 0, sum = 0;
  RoundInfo info;
  guint i;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (participant_id >= 0, FALSE);
  g_return_val_if_fail (proposal_ids != NULL || n_proposals == 0, FALSE);

  if (n_proposals == 0)
    return set_invalid (error, _("A ranking needs at least one proposal."));

  for (i = 0; i < n_proposals; i++)
    {
      if (g_hash_table_contains (seen, &proposal_ids[i]))
        return set_invalid (error, _("Proposal %lld appears twice in this ranking; each "
                                     "proposal takes one place."), (long long) proposal_ids[i]);
      g_hash_table_add (seen, (gpointer) &proposal_ids[i]);
    }

  now = g_get_real_time () / G_USEC_PER_SEC;

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!lookup_round (self, round_id, &info, error)
      || !check_voter (self, info.session_id, participant_id, error))
    goto fail;
  if (info.method != ABIERTO_METHOD_RANKING)
    {
      set_invalid (error, _("This round is not a ranking."));
      goto fail;
    }
  if (participant_id != 0)
    {
      if (!sum_votes (self, round_id, participant_id, 0, &n_rows, &sum, error))
        goto fail;
      if (n_rows > 0)
        {
          set_invalid (error, _("This person already gave their ranking in this round."));
          goto fail;
        }
    }

  for (i = 0; i < n_proposals; i++)
    if (!check_votable_proposal (self, info.session_id, proposal_ids[i], error)
        || !insert_vote (self, round_id, participant_id, proposal_ids[i], i + 1, now, error))
      goto fail;

  if (!_abierto_store_commit (self, error))
    return FALSE;

  _abierto_store_emit_changed (self, "vote", info.session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

gboolean
abierto_store_set_tally (AbiertoStore  *self,
                         gint64         round_id,
                         gint64         proposal_id,
                         guint          count,
                         GError       **error)
{
  static const char delete_sql[] =
    "DELETE FROM vote WHERE round_id = ?1 AND proposal_id = ?2";
  gint64 now;
  sqlite3_stmt *stmt;
  RoundInfo info;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (count > 1000000)
    return set_invalid (error, _("A hand count of %u is more than a room can hold; check the "
                                 "number."), count);

  now = g_get_real_time () / G_USEC_PER_SEC;

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!lookup_round (self, round_id, &info, error))
    goto fail;
  if (info.method != ABIERTO_METHOD_TALLY)
    {
      set_invalid (error, _("Hands are counted only in a hand-count round."));
      goto fail;
    }
  if (!check_votable_proposal (self, info.session_id, proposal_id, error))
    goto fail;

  if (!(stmt = _abierto_store_prepare (self, delete_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, proposal_id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (count > 0 && !insert_vote (self, round_id, 0, proposal_id, count, now, error))
    goto fail;
  if (!_abierto_store_commit (self, error))
    return FALSE;

  _abierto_store_emit_changed (self, "vote", info.session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

gint
abierto_store_get_dots_left (AbiertoStore  *self,
                             gint64         round_id,
                             gint64         participant_id,
                             GError       **error)
{
  gint64 n_rows = 0, sum = 0;
  RoundInfo info;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), -1);

  if (!lookup_round (self, round_id, &info, error))
    return -1;
  if (info.method != ABIERTO_METHOD_DOT)
    {
      set_invalid (error, _("This round is not a dot vote."));
      return -1;
    }
  if (!sum_votes (self, round_id, participant_id, 0, &n_rows, &sum, error))
    return -1;

  return (gint) MAX ((gint64) info.dots - sum, 0);
}

/* Editing */

AbiertoParticipant *
abierto_store_get_participant (AbiertoStore  *self,
                               gint64         participant_id,
                               GError       **error)
{
  static const char sql[] =
    "SELECT " PARTICIPANT_COLUMNS " FROM participant WHERE id = ?1 AND deleted = 0";
  AbiertoParticipant *participant = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    participant = participant_from_row (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, ENTITY_PARTICIPANT, participant_id);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return participant;
}

/* Refuses an alias another active participant of the session uses. */
static gboolean
check_alias_free (AbiertoStore  *self,
                  gint64         session_id,
                  const char    *alias,
                  gint64         except_id,
                  GError       **error)
{
  static const char sql[] =
    "SELECT 1 FROM participant "
    "WHERE session_id = ?1 AND alias = ?2 COLLATE NOCASE AND deleted = 0 AND id != ?3";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, except_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return _abierto_store_set_error (self, rc, error);

  g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_EXISTS,
               _("The alias “%s” is already used in this session; choose another one."), alias);
  return FALSE;
}

gboolean
abierto_store_update_participant (AbiertoStore        *self,
                                  AbiertoParticipant  *participant,
                                  GError             **error)
{
  static const char sql[] =
    "UPDATE participant SET alias = ?2, age_band = ?3, gender = ?4, consent = ?5, "
    "                       consent_date = coalesce(?6, consent_date), "
    "                       notice_version = coalesce(?7, notice_version) "
    "WHERE id = ?1 AND deleted = 0";
  g_autofree char *alias = NULL;
  sqlite3_stmt *stmt;
  gint64 id, session_id;
  guint notice_version;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (participant), FALSE);

  id = abierto_participant_get_id (participant);
  if (!check_text (abierto_participant_get_alias (participant), TRUE, _("alias"), error)
      || !check_text (abierto_participant_get_age_band (participant), FALSE, _("age band"), error)
      || !check_text (abierto_participant_get_gender (participant), FALSE, _("gender"), error)
      || !check_date (abierto_participant_get_consent_date (participant), error))
    return FALSE;

  alias = g_strstrip (g_strdup (abierto_participant_get_alias (participant)));
  if (g_utf8_strlen (alias, -1) > 80)
    return set_invalid (error, _("An alias is a short nickname: at most 80 characters. "
                                 "Never write a full name."));

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if ((session_id = participant_session (self, id, error)) == 0
      || !check_alias_free (self, session_id, alias, id, error))
    goto fail;

  /* a consent given again, after a new notice was shown */
  notice_version = abierto_participant_get_notice_version (participant);
  if (notice_version != 0)
    {
      gboolean exists = FALSE;

      if (!notice_exists (self, notice_version, &exists, error))
        goto fail;
      if (!exists)
        {
          set_invalid (error, _("There is no version %u of the privacy notice in this file, so "
                                "the consent cannot refer to it."), notice_version);
          goto fail;
        }
    }

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, abierto_participant_get_age_band (participant));
  bind_text_or_null (stmt, 4, abierto_participant_get_gender (participant));
  sqlite3_bind_text (stmt, 5, abierto_consent_to_string (abierto_participant_get_consent (participant)),
                     -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 6, abierto_participant_get_consent_date (participant));
  if (notice_version != 0)
    sqlite3_bind_int64 (stmt, 7, notice_version);
  if (!step_done (self, stmt, error) || !_abierto_store_commit (self, error))
    goto fail;

  abierto_participant_set_alias (participant, alias);
  _abierto_store_emit_changed (self, "participant", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

AbiertoProposal *
abierto_store_get_proposal (AbiertoStore  *self,
                            gint64         proposal_id,
                            GError       **error)
{
  static const char sql[] =
    "SELECT id, uuid, session_id, title, text, category, coalesce(author_id, 0) "
    "FROM proposal WHERE id = ?1 AND deleted = 0";
  AbiertoProposal *proposal = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, proposal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    proposal = proposal_from_row (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, ENTITY_PROPOSAL, proposal_id);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return proposal;
}

/* The session of an active proposal, or 0 with @error set. */
static gint64
proposal_session (AbiertoStore  *self,
                  gint64         proposal_id,
                  GError       **error)
{
  static const char sql[] = "SELECT session_id FROM proposal WHERE id = ?1 AND deleted = 0";
  sqlite3_stmt *stmt;
  gint64 session_id = 0;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, proposal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    session_id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    set_not_found (error, ENTITY_PROPOSAL, proposal_id);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return session_id;
}

gboolean
abierto_store_update_proposal (AbiertoStore     *self,
                               AbiertoProposal  *proposal,
                               GError          **error)
{
  static const char sql[] =
    "UPDATE proposal SET title = ?2, text = ?3, category = ?4, author_id = ?5, modified = ?6 "
    "WHERE id = ?1 AND deleted = 0";
  g_autofree char *title = NULL;
  g_autofree char *category = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 id, session_id, author_id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (proposal), FALSE);

  id = abierto_proposal_get_id (proposal);
  author_id = abierto_proposal_get_author_id (proposal);
  if (!check_text (abierto_proposal_get_text (proposal), TRUE, _("proposal text"), error)
      || !check_text (abierto_proposal_get_title (proposal), FALSE, _("proposal title"), error)
      || !check_text (abierto_proposal_get_category (proposal), FALSE, _("category"), error))
    return FALSE;

  title = g_strstrip (g_strdup (abierto_proposal_get_title (proposal)));
  category = g_strstrip (g_strdup (abierto_proposal_get_category (proposal)));
  now = _abierto_now_iso8601 ();

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if ((session_id = proposal_session (self, id, error)) == 0)
    goto fail;
  if (author_id != 0)
    {
      gint64 author_session = participant_session (self, author_id, error);

      if (author_session == 0)
        goto fail;
      if (author_session != session_id)
        {
          set_invalid (error, _("The author of a proposal must take part in the same session."));
          goto fail;
        }
    }

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, abierto_proposal_get_text (proposal), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, category, -1, SQLITE_STATIC);
  if (author_id != 0)
    sqlite3_bind_int64 (stmt, 5, author_id);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error) || !_abierto_store_commit (self, error))
    goto fail;

  abierto_proposal_set_title (proposal, title);
  abierto_proposal_set_category (proposal, category);
  _abierto_store_emit_changed (self, "proposal", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

GStrv
abierto_store_list_categories (AbiertoStore  *self,
                               gint64         session_id,
                               GError       **error)
{
  static const char sql[] =
    "SELECT DISTINCT category FROM proposal "
    "WHERE session_id = ?1 AND deleted = 0 AND category != '' "
    "ORDER BY category COLLATE NOCASE";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _abierto_store_set_error (self, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* Deleting and restoring */

/* Runs one statement with @id bound to ?1 (and @cause to ?2 when not NULL),
 * inside the caller's transaction. */
static gboolean
run_with_id (AbiertoStore  *self,
             const char    *sql,
             gint64         id,
             const char    *cause,
             GError       **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (cause != NULL)
    sqlite3_bind_text (stmt, 2, cause, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

/* The votes of a participant or a proposal stop counting: they wait in
 * vote_trash, labelled with what was deleted. */
static gboolean
trash_votes (AbiertoStore  *self,
             const char    *cause,
             gint64         id,
             GError       **error)
{
  static const char by_participant[] =
    "INSERT INTO vote_trash (id, uuid, round_id, proposal_id, participant_id, value, created, "
    "                        merged_from, cause, cause_id) "
    "SELECT id, uuid, round_id, proposal_id, participant_id, value, created, merged_from, ?2, ?1 "
    "FROM vote WHERE participant_id = ?1";
  static const char by_proposal[] =
    "INSERT INTO vote_trash (id, uuid, round_id, proposal_id, participant_id, value, created, "
    "                        merged_from, cause, cause_id) "
    "SELECT id, uuid, round_id, proposal_id, participant_id, value, created, merged_from, ?2, ?1 "
    "FROM vote WHERE proposal_id = ?1";
  static const char delete_by_participant[] = "DELETE FROM vote WHERE participant_id = ?1";
  static const char delete_by_proposal[] = "DELETE FROM vote WHERE proposal_id = ?1";
  gboolean participant = g_str_equal (cause, "participant");

  return run_with_id (self, participant ? by_participant : by_proposal, id, cause, error)
         && run_with_id (self, participant ? delete_by_participant : delete_by_proposal, id,
                         NULL, error);
}

/* Brings back the votes waiting for @cause @id, except those whose other
 * side (proposal or participant) is still deleted: those now wait for it. */
static gboolean
untrash_votes (AbiertoStore  *self,
               const char    *cause,
               gint64         id,
               GError       **error)
{
  static const char pass_to_proposal[] =
    "UPDATE vote_trash SET cause = 'proposal', cause_id = proposal_id "
    "WHERE cause = ?2 AND cause_id = ?1 "
    "AND proposal_id IN (SELECT id FROM proposal WHERE deleted = 1)";
  static const char pass_to_participant[] =
    "UPDATE vote_trash SET cause = 'participant', cause_id = participant_id "
    "WHERE cause = ?2 AND cause_id = ?1 "
    "AND participant_id IN (SELECT id FROM participant WHERE deleted = 1)";
  static const char restore[] =
    "INSERT INTO vote (id, uuid, round_id, proposal_id, participant_id, value, created, "
    "                  merged_from) "
    "SELECT id, uuid, round_id, proposal_id, participant_id, value, created, merged_from "
    "FROM vote_trash WHERE cause = ?2 AND cause_id = ?1";
  static const char forget[] = "DELETE FROM vote_trash WHERE cause = ?2 AND cause_id = ?1";
  gboolean participant = g_str_equal (cause, "participant");

  return run_with_id (self, participant ? pass_to_proposal : pass_to_participant, id, cause,
                      error)
         && run_with_id (self, restore, id, cause, error)
         && run_with_id (self, forget, id, cause, error);
}

/* The session @sql (with @id as ?1) returns, or 0 with @error set. */
static gint64
session_of_flagged (AbiertoStore  *self,
                    const char    *sql,
                    gint64         id,
                    Entity         entity,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 session_id = 0;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    session_id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    set_not_found (error, entity, id);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return session_id;
}

/* What deleting and restoring one kind of row takes; both directions
 * share it, with the deleted flag bound as ?2. */
typedef struct
{
  const char *find;       /* SELECT session_id … WHERE id = ?1 AND deleted = ?2 */
  const char *flag;       /* UPDATE … SET deleted = ?2 WHERE id = ?1 */
  const char *table;      /* for the changed signal */
  const char *cause;      /* vote_trash cause, or NULL */
  Entity      entity;
} Deletion;

static const Deletion session_deletion = {
  "SELECT id FROM session WHERE id = ?1 AND deleted = ?2",
  "UPDATE session SET deleted = ?2 WHERE id = ?1",
  "session", NULL, ENTITY_SESSION
};

static const Deletion participant_deletion = {
  "SELECT session_id FROM participant WHERE id = ?1 AND deleted = ?2",
  "UPDATE participant SET deleted = ?2 WHERE id = ?1",
  "participant", "participant", ENTITY_PARTICIPANT
};

static const Deletion proposal_deletion = {
  "SELECT session_id FROM proposal WHERE id = ?1 AND deleted = ?2",
  "UPDATE proposal SET deleted = ?2 WHERE id = ?1",
  "proposal", "proposal", ENTITY_PROPOSAL
};

static const Deletion round_deletion = {
  "SELECT session_id FROM voting_round WHERE id = ?1 AND deleted = ?2",
  "UPDATE voting_round SET deleted = ?2 WHERE id = ?1",
  "voting_round", NULL, ENTITY_ROUND
};

/* Runs @sql with @id as ?1 and @flag as ?2; for a SELECT, puts the
 * session it returns in @session_id (0 with @error set when no row). */
static gboolean
run_flagged (AbiertoStore  *self,
             const char    *sql,
             gint64         id,
             gboolean       flag,
             Entity         entity,
             gint64        *session_id,
             GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, flag ? 1 : 0);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && session_id != NULL)
    *session_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE && session_id != NULL)
    return set_not_found (error, entity, id);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _abierto_store_set_error (self, rc, error);

  return TRUE;
}

static gboolean
set_deleted (AbiertoStore    *self,
             const Deletion  *what,
             gint64           id,
             gboolean         deleting,
             GError         **error)
{
  gint64 session_id = 0;

  if (!_abierto_store_begin (self, error))
    return FALSE;

  /* the row must be in the state we take it from */
  if (!run_flagged (self, what->find, id, !deleting, what->entity, &session_id, error))
    goto fail;

  if (!deleting && what->entity == ENTITY_PARTICIPANT)
    {
      static const char alias_sql[] = "SELECT alias FROM participant WHERE id = ?1";
      sqlite3_stmt *stmt;
      g_autofree char *alias = NULL;

      if (!(stmt = _abierto_store_prepare (self, alias_sql, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        alias = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (alias != NULL && !check_alias_free (self, session_id, alias, id, error))
        goto fail;
    }

  if (!run_flagged (self, what->flag, id, deleting, what->entity, NULL, error))
    goto fail;

  if (what->cause != NULL
      && !(deleting ? trash_votes (self, what->cause, id, error)
                    : untrash_votes (self, what->cause, id, error)))
    goto fail;

  if (!_abierto_store_commit (self, error))
    return FALSE;

  _abierto_store_emit_changed (self, what->table, session_id);
  if (what->cause != NULL)
    _abierto_store_emit_changed (self, "vote", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

gboolean
abierto_store_delete_session (AbiertoStore  *self,
                              gint64         session_id,
                              GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &session_deletion, session_id, TRUE, error);
}

gboolean
abierto_store_restore_session (AbiertoStore  *self,
                               gint64         session_id,
                               GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &session_deletion, session_id, FALSE, error);
}

gboolean
abierto_store_delete_participant (AbiertoStore  *self,
                                  gint64         participant_id,
                                  GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &participant_deletion, participant_id, TRUE, error);
}

gboolean
abierto_store_restore_participant (AbiertoStore  *self,
                                   gint64         participant_id,
                                   GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &participant_deletion, participant_id, FALSE, error);
}

gboolean
abierto_store_delete_proposal (AbiertoStore  *self,
                               gint64         proposal_id,
                               GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &proposal_deletion, proposal_id, TRUE, error);
}

gboolean
abierto_store_restore_proposal (AbiertoStore  *self,
                                gint64         proposal_id,
                                GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &proposal_deletion, proposal_id, FALSE, error);
}

gboolean
abierto_store_delete_round (AbiertoStore  *self,
                            gint64         round_id,
                            GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &round_deletion, round_id, TRUE, error);
}

gboolean
abierto_store_restore_round (AbiertoStore  *self,
                             gint64         round_id,
                             GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &round_deletion, round_id, FALSE, error);
}

gboolean
abierto_store_purge_deleted (AbiertoStore  *self,
                             GError       **error)
{
  /* commitments, rounds and proposals first, then what they hang from;
   * cascades take their votes, trashed votes, updates and links along */
  static const char sql[] =
    "DELETE FROM commitment WHERE deleted = 1;"
    "DELETE FROM voting_round WHERE deleted = 1;"
    "DELETE FROM proposal WHERE deleted = 1;"
    "DELETE FROM participant WHERE deleted = 1;"
    "DELETE FROM session WHERE deleted = 1;";

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!exec (self, sql, error))
    {
      _abierto_store_rollback (self);
      return FALSE;
    }

  return _abierto_store_commit (self, error);
}


/* The rights of access, opposition and cancellation (ARCO) */

gboolean
abierto_store_set_participant_opposed (AbiertoStore  *self,
                                       gint64         participant_id,
                                       gboolean       opposed,
                                       GError       **error)
{
  static const char sql[] = "UPDATE participant SET opposed = ?2 WHERE id = ?1";
  gint64 session_id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if ((session_id = participant_session (self, participant_id, error)) == 0
      || !run_flagged (self, sql, participant_id, opposed, ENTITY_PARTICIPANT, NULL, error)
      || !_abierto_store_commit (self, error))
    goto fail;

  _abierto_store_emit_changed (self, "participant", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

/* Folds the WAL into the file and truncates it, waiting a little for
 * readers, so that what was just erased has no copy left in the -wal. */
static gboolean
truncate_wal (AbiertoStore  *self,
              GError       **error)
{
  int rc;

  sqlite3_busy_timeout (self->db, ERASE_CHECKPOINT_WAIT_MS);
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (rc == SQLITE_OK)
    return TRUE;

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_BUSY,
                   _("The participant’s data was erased, but the workshop file is being read "
                     "elsewhere right now, so an old copy stays in its journal (the “-wal” file "
                     "beside it) until the file is closed. Close the file to finish the "
                     "erasure."));
      return FALSE;
    }

  return _abierto_store_set_error (self, rc, error);
}

gboolean
abierto_store_erase_participant (AbiertoStore  *self,
                                 gint64         participant_id,
                                 GError       **error)
{
  static const char find_sql[] = "SELECT session_id, deleted FROM participant WHERE id = ?1";
  /* votes waiting in the trash for this person (who is in the trash, or
   * whose votes would come back with them) did not count: they go. Those
   * waiting for a proposal or a merge to come back stay, anonymous. */
  static const char drop_trashed_sql[] =
    "DELETE FROM vote_trash WHERE participant_id = ?1 AND (cause = 'participant' OR ?2 = 1)";
  static const char anonymise_trashed_sql[] =
    "UPDATE vote_trash SET participant_id = NULL WHERE participant_id = ?1";
  static const char anonymise_votes_sql[] =
    "UPDATE vote SET participant_id = NULL WHERE participant_id = ?1";
  static const char authorship_sql[] =
    "UPDATE proposal SET author_id = NULL WHERE author_id = ?1";
  static const char delete_sql[] = "DELETE FROM participant WHERE id = ?1";
  g_autoptr(GError) checkpoint_error = NULL;
  sqlite3_stmt *stmt;
  gint64 session_id = 0;
  gboolean deleted = FALSE;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!_abierto_store_begin (self, error))
    return FALSE;

  if (!(stmt = _abierto_store_prepare (self, find_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      session_id = sqlite3_column_int64 (stmt, 0);
      deleted = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, ENTITY_PARTICIPANT, participant_id);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      _abierto_store_set_error (self, rc, error);
      goto fail;
    }

  /* the foreign keys would do most of this; it is spelt out so that
   * nothing depends on them being on, and the trash is handled */
  if (!run_flagged (self, drop_trashed_sql, participant_id, deleted, ENTITY_PARTICIPANT, NULL,
                    error)
      || !run_with_id (self, anonymise_trashed_sql, participant_id, NULL, error)
      || !run_with_id (self, anonymise_votes_sql, participant_id, NULL, error)
      || !run_with_id (self, authorship_sql, participant_id, NULL, error)
      || !run_with_id (self, delete_sql, participant_id, NULL, error)
      || !_abierto_store_commit (self, error))
    goto fail;

  /* secure_delete has zeroed the freed bytes in the pages written to the
   * WAL; the checkpoint puts those pages in the file, and truncating the
   * WAL removes the older copies of them. */
  truncate_wal (self, &checkpoint_error);

  _abierto_store_emit_changed (self, "participant", session_id);
  _abierto_store_emit_changed (self, "proposal", session_id);
  _abierto_store_emit_changed (self, "vote", session_id);

  if (checkpoint_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&checkpoint_error));
      return FALSE;
    }
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

static void
add_member_nullable (JsonBuilder  *builder,
                     const char   *name,
                     sqlite3_stmt *stmt,
                     int           column)
{
  const char *value = (const char *) sqlite3_column_text (stmt, column);

  json_builder_set_member_name (builder, name);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_member_string (JsonBuilder  *builder,
                   const char   *name,
                   sqlite3_stmt *stmt,
                   int           column)
{
  const char *value = (const char *) sqlite3_column_text (stmt, column);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_member_int (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

JsonNode *
abierto_store_dup_participant_record (AbiertoStore  *self,
                                      gint64         participant_id,
                                      GError       **error)
{
  static const char participant_sql[] =
    "SELECT p.uuid, p.alias, p.age_band, p.gender, p.consent, p.consent_date, "
    "       p.notice_version, n.text, p.opposed, s.id, s.title, s.date, s.place "
    "FROM participant p JOIN session s ON s.id = p.session_id "
    "LEFT JOIN privacy_notice n ON n.version = p.notice_version "
    "WHERE p.id = ?1";
  static const char proposals_sql[] =
    "SELECT id, title, text, category FROM proposal WHERE author_id = ?1 ORDER BY id";
  /* with those waiting in the trash: they are in the file too */
  static const char votes_sql[] =
    "SELECT r.id, r.title, r.method, p.id, p.title, p.text, v.value "
    "FROM (SELECT id, round_id, proposal_id, value FROM vote WHERE participant_id = ?1 "
    "      UNION ALL "
    "      SELECT id, round_id, proposal_id, value FROM vote_trash WHERE participant_id = ?1) v "
    "JOIN voting_round r ON r.id = v.round_id "
    "JOIN proposal p ON p.id = v.proposal_id "
    "ORDER BY r.id, v.id";
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char uuid[ABIERTO_UUID_STRING_LEN];
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  /* One read transaction, so the three queries see the same file. */
  if (!ensure_open (self, error) || !exec (self, "BEGIN", error))
    return NULL;

  if (!(stmt = _abierto_store_prepare (self, participant_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      set_not_found (error, ENTITY_PARTICIPANT, participant_id);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      goto sql_fail;
    }

  json_builder_begin_object (builder);
  add_member_int (builder, "id", participant_id);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, column_uuid (stmt, 0, uuid));
  add_member_string (builder, "alias", stmt, 1);
  add_member_nullable (builder, "age_band", stmt, 2);
  add_member_nullable (builder, "gender", stmt, 3);
  add_member_string (builder, "consent", stmt, 4);
  add_member_nullable (builder, "consent_date", stmt, 5);
  json_builder_set_member_name (builder, "notice_version");
  if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 6));
  add_member_nullable (builder, "notice_text", stmt, 7);
  json_builder_set_member_name (builder, "opposed");
  json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 8) != 0);

  json_builder_set_member_name (builder, "session");
  json_builder_begin_object (builder);
  add_member_int (builder, "id", sqlite3_column_int64 (stmt, 9));
  add_member_string (builder, "title", stmt, 10);
  add_member_nullable (builder, "date", stmt, 11);
  add_member_nullable (builder, "place", stmt, 12);
  json_builder_end_object (builder);
  sqlite3_reset (stmt);

  json_builder_set_member_name (builder, "proposals");
  json_builder_begin_array (builder);
  if (!(stmt = _abierto_store_prepare (self, proposals_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_member_int (builder, "id", sqlite3_column_int64 (stmt, 0));
      add_member_nullable (builder, "title", stmt, 1);
      add_member_string (builder, "text", stmt, 2);
      add_member_nullable (builder, "category", stmt, 3);
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "votes");
  json_builder_begin_array (builder);
  if (!(stmt = _abierto_store_prepare (self, votes_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_member_int (builder, "round_id", sqlite3_column_int64 (stmt, 0));
      add_member_nullable (builder, "round_title", stmt, 1);
      add_member_string (builder, "method", stmt, 2);
      add_member_int (builder, "proposal_id", sqlite3_column_int64 (stmt, 3));
      add_member_nullable (builder, "proposal_title", stmt, 4);
      add_member_string (builder, "proposal_text", stmt, 5);
      add_member_int (builder, "value", sqlite3_column_int64 (stmt, 6));
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  exec (self, "COMMIT", NULL);
  return json_builder_get_root (builder);

sql_fail:
  _abierto_store_set_error (self, rc, error);
fail:
  exec (self, "ROLLBACK", NULL);
  return NULL;
}

/* The session of the round a vote is in, or 0 with @error set. */
static gint64
vote_session (AbiertoStore  *self,
              gint64         vote_id,
              GError       **error)
{
  static const char sql[] =
    "SELECT r.session_id FROM vote v JOIN voting_round r ON r.id = v.round_id WHERE v.id = ?1";

  return session_of_flagged (self, sql, vote_id, ENTITY_VOTE, error);
}

gboolean
abierto_store_delete_vote (AbiertoStore  *self,
                           gint64         vote_id,
                           GError       **error)
{
  static const char sql[] = "DELETE FROM vote WHERE id = ?1";
  gint64 session_id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if ((session_id = vote_session (self, vote_id, error)) == 0
      || !run_with_id (self, sql, vote_id, NULL, error)
      || !_abierto_store_commit (self, error))
    {
      _abierto_store_rollback (self);
      return FALSE;
    }

  _abierto_store_emit_changed (self, "vote", session_id);
  return TRUE;
}

gboolean
abierto_store_delete_ranking (AbiertoStore  *self,
                              gint64         round_id,
                              gint64         participant_id,
                              GError       **error)
{
  static const char sql[] = "DELETE FROM vote WHERE round_id = ?1 AND participant_id = ?2";
  sqlite3_stmt *stmt;
  RoundInfo info;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!lookup_round (self, round_id, &info, error))
    goto fail;
  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND,
                   _("This person has no ranking in this round."));
      goto fail;
    }
  if (!_abierto_store_commit (self, error))
    return FALSE;

  _abierto_store_emit_changed (self, "vote", info.session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

guint
abierto_store_get_tally (AbiertoStore  *self,
                         gint64         round_id,
                         gint64         proposal_id,
                         GError       **error)
{
  static const char sql[] =
    "SELECT coalesce(sum(value), 0) FROM vote WHERE round_id = ?1 AND proposal_id = ?2";
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), 0);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, proposal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return count;
}

GArray *
abierto_store_get_ballot (AbiertoStore  *self,
                          gint64         round_id,
                          gint64         participant_id,
                          GError       **error)
{
  static const char sql[] =
    "SELECT id, proposal_id, value FROM vote "
    "WHERE participant_id = ?2 AND round_id = ?1 ORDER BY id";
  g_autoptr(GArray) ballot = g_array_new (FALSE, FALSE, sizeof (AbiertoBallotEntry));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AbiertoBallotEntry entry;

      entry.vote_id = sqlite3_column_int64 (stmt, 0);
      entry.proposal_id = sqlite3_column_int64 (stmt, 1);
      entry.value = (int) CLAMP (sqlite3_column_int64 (stmt, 2), G_MININT, G_MAXINT);
      g_array_append_val (ballot, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _abierto_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ballot);
}

/* Merging */

gboolean
abierto_store_merge_proposals (AbiertoStore  *self,
                               gint64         kept_id,
                               gint64         merged_id,
                               GError       **error)
{
  static const char state_sql[] =
    "SELECT merged_into IS NOT NULL, "
    "       EXISTS (SELECT 1 FROM proposal c WHERE c.merged_into = p.id) "
    "FROM proposal p WHERE p.id = ?1";
  /* one vote per person and proposal: someone who voted for both keeps
   * the vote for the proposal that stays */
  static const char set_aside_sql[] =
    "INSERT INTO vote_trash (id, uuid, round_id, proposal_id, participant_id, value, created, "
    "                        merged_from, cause, cause_id) "
    "SELECT v.id, v.uuid, v.round_id, v.proposal_id, v.participant_id, v.value, v.created, "
    "       v.merged_from, 'merge', ?2 "
    "FROM vote v JOIN voting_round r ON r.id = v.round_id "
    "WHERE v.proposal_id = ?2 AND v.participant_id IS NOT NULL "
    "  AND r.method IN ('approval', 'scale', 'ranking') "
    "  AND EXISTS (SELECT 1 FROM vote k WHERE k.round_id = v.round_id "
    "              AND k.participant_id = v.participant_id AND k.proposal_id = ?1)";
  static const char drop_set_aside_sql[] =
    "DELETE FROM vote WHERE id IN "
    "(SELECT id FROM vote_trash WHERE cause = 'merge' AND cause_id = ?2)";
  static const char move_sql[] =
    "UPDATE vote SET proposal_id = ?1, merged_from = ?2 WHERE proposal_id = ?2";
  static const char mark_sql[] = "UPDATE proposal SET merged_into = ?1 WHERE id = ?2";
  const char * const steps[] = { set_aside_sql, drop_set_aside_sql, move_sql, mark_sql };
  gint64 ids[2] = { kept_id, merged_id };
  gint64 session_id = 0;
  sqlite3_stmt *stmt;
  guint i;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (kept_id == merged_id)
    return set_invalid (error, _("A proposal cannot be merged into itself."));

  if (!_abierto_store_begin (self, error))
    return FALSE;

  for (i = 0; i < 2; i++)
    {
      gint64 id_session = proposal_session (self, ids[i], error);
      gboolean merged = FALSE, has_children = FALSE;

      if (id_session == 0)
        goto fail;
      if (session_id != 0 && id_session != session_id)
        {
          set_invalid (error, _("Only proposals of the same session can be merged."));
          goto fail;
        }
      session_id = id_session;

      if (!(stmt = _abierto_store_prepare (self, state_sql, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          merged = sqlite3_column_int (stmt, 0);
          has_children = sqlite3_column_int (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          _abierto_store_set_error (self, rc, error);
          goto fail;
        }
      if (merged)
        {
          set_invalid (error, _("Proposal %lld was already merged into another one."),
                       (long long) ids[i]);
          goto fail;
        }
      if (i == 1 && has_children)
        {
          set_invalid (error, _("Other proposals were merged into proposal %lld; merge them "
                                "into the one that stays instead."), (long long) ids[i]);
          goto fail;
        }
    }

  for (i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (!(stmt = _abierto_store_prepare (self, steps[i], error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, kept_id);
      sqlite3_bind_int64 (stmt, 2, merged_id);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  if (!_abierto_store_commit (self, error))
    return FALSE;

  _abierto_store_emit_changed (self, "proposal", session_id);
  _abierto_store_emit_changed (self, "vote", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

gboolean
abierto_store_unmerge_proposal (AbiertoStore  *self,
                                gint64         merged_id,
                                GError       **error)
{
  static const char find_sql[] =
    "SELECT session_id FROM proposal "
    "WHERE id = ?1 AND deleted = 0 AND merged_into IS NOT NULL";
  static const char move_back_sql[] =
    "UPDATE vote SET proposal_id = merged_from, merged_from = NULL WHERE merged_from = ?1";
  static const char unmark_sql[] = "UPDATE proposal SET merged_into = NULL WHERE id = ?1";
  gint64 session_id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!_abierto_store_begin (self, error))
    return FALSE;

  if ((session_id = session_of_flagged (self, find_sql, merged_id, ENTITY_PROPOSAL, error)) == 0
      || !run_with_id (self, move_back_sql, merged_id, NULL, error)
      || !untrash_votes (self, "merge", merged_id, error)
      || !run_with_id (self, unmark_sql, merged_id, NULL, error)
      || !_abierto_store_commit (self, error))
    {
      _abierto_store_rollback (self);
      return FALSE;
    }

  _abierto_store_emit_changed (self, "proposal", session_id);
  _abierto_store_emit_changed (self, "vote", session_id);
  return TRUE;
}

/* Results */

AbiertoResults *
abierto_store_compute_results (AbiertoStore  *self,
                               gint64         round_id,
                               GError       **error)
{
  static const char proposals_sql[] =
    "SELECT id, uuid, title, text FROM proposal "
    "WHERE session_id = ?1 AND merged_into IS NULL AND deleted = 0 ORDER BY id";
  static const char counts_sql[] =
    "SELECT proposal_id, value, count(*) FROM vote WHERE round_id = ?1 "
    "GROUP BY proposal_id, value";
  /* one index probe per participant of the session, instead of a scan
   * of every vote of the round */
  static const char voters_sql[] =
    "SELECT count(*) FROM participant p WHERE p.session_id = ?2 AND p.deleted = 0 "
    "AND EXISTS (SELECT 1 FROM vote v WHERE v.round_id = ?1 AND v.participant_id = p.id)";
  g_autoptr(AbiertoResults) results = NULL;
  sqlite3_stmt *stmt;
  RoundInfo info;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  /* One read transaction, so the three queries see the same votes. */
  if (!ensure_open (self, error) || !exec (self, "BEGIN", error))
    return NULL;

  if (!lookup_round (self, round_id, &info, error))
    goto out;

  results = _abierto_results_new (round_id, info.method, info.dots, info.points);

  if (!(stmt = _abierto_store_prepare (self, proposals_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, info.session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 2);
      char uuid[ABIERTO_UUID_STRING_LEN];
      g_autoptr(AbiertoProposal) proposal =
        abierto_proposal_new (info.session_id, (const char *) sqlite3_column_text (stmt, 3));
      g_autofree char *label = NULL;

      abierto_proposal_set_title (proposal, title);
      label = abierto_proposal_dup_label (proposal);
      _abierto_results_add_proposal (results, sqlite3_column_int64 (stmt, 0),
                                     column_uuid (stmt, 1, uuid), label);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  if (!(stmt = _abierto_store_prepare (self, counts_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, round_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _abierto_results_add_count (results, sqlite3_column_int64 (stmt, 0),
                                sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  if (info.method != ABIERTO_METHOD_TALLY)
    {
      if (!(stmt = _abierto_store_prepare (self, voters_sql, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, round_id);
      sqlite3_bind_int64 (stmt, 2, info.session_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        _abierto_results_set_n_voters (results, (guint) sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        goto sql_fail;
    }

  exec (self, "COMMIT", NULL);
  _abierto_results_finish (results);
  return g_steal_pointer (&results);

sql_fail:
  _abierto_store_set_error (self, rc, error);
fail:
  g_clear_object (&results);
out:
  exec (self, "ROLLBACK", NULL);
  return NULL;
}

typedef struct
{
  AbiertoStore *reader;
  gint64        round_id;
} ComputeResults;

static void
compute_results_free (gpointer data)
{
  ComputeResults *compute = data;

  g_clear_object (&compute->reader);
  g_free (compute);
}

static void
compute_results_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ComputeResults *compute = task_data;
  GError *error = NULL;
  AbiertoResults *results;

  if (g_task_return_error_if_cancelled (task))
    return;

  results = abierto_store_compute_results (compute->reader, compute->round_id, &error);
  /* closed here, by the thread that used it */
  abierto_store_close (compute->reader, NULL);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, g_object_unref);
}

/**
 * abierto_store_compute_results_async:
 * @self: a store
 * @round_id: a voting round
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the results are ready
 * @user_data: data for @callback
 *
 * Computes the results of a round as abierto_store_compute_results()
 * does, in a worker thread with its own read-only connection, so a round
 * of a million votes never blocks the caller. The results are those of
 * the votes committed when the computation begins.
 */
void
abierto_store_compute_results_async (AbiertoStore        *self,
                                     gint64               round_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ComputeResults *compute;
  AbiertoStore *reader;

  g_return_if_fail (ABIERTO_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, abierto_store_compute_results_async);

  if (!(reader = abierto_store_open_reader (self, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  compute = g_new0 (ComputeResults, 1);
  compute->reader = reader;
  compute->round_id = round_id;
  g_task_set_task_data (task, compute, compute_results_free);
  g_task_run_in_thread (task, compute_results_worker);
}

AbiertoResults *
abierto_store_compute_results_finish (AbiertoStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == abierto_store_compute_results_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Commitments */

/* Limits of the fields of a commitment: enough for what an institution
 * writes in a minute of a workshop, short enough to fit a poster. */
#define COMMITMENT_ACTION_MAX    2000
#define COMMITMENT_NAME_MAX      300
#define COMMITMENT_INDICATOR_MAX 1000
#define COMMITMENT_UNIT_MAX      60
#define COMMITMENT_NOTE_MAX      2000

/* check_text(), and at most @max characters: a longer text is refused,
 * never cut. */
static gboolean
check_short_text (const char  *text,
                  gboolean     required,
                  const char  *field,
                  int          max,
                  GError     **error)
{
  glong length;

  if (!check_text (text, required, field, error))
    return FALSE;

  if (text != NULL && (length = g_utf8_strlen (text, -1)) > max)
    return set_invalid (error, _("The %s has %ld characters, more than the %d it can have; "
                                 "shorten it."), field, length, max);

  return TRUE;
}

static gboolean
check_commitment (AbiertoCommitment        *commitment,
                  AbiertoCommitmentStatus   status,
                  GError                  **error)
{
  g_autofree char *missing = NULL;
  double allocated = 0, spent = 0;

  if (!check_short_text (abierto_commitment_get_action (commitment), TRUE, _("action"),
                         COMMITMENT_ACTION_MAX, error)
      || !check_short_text (abierto_commitment_get_institution (commitment), FALSE,
                            _("responsible institution"), COMMITMENT_NAME_MAX, error)
      || !check_short_text (abierto_commitment_get_area (commitment), FALSE, _("area"),
                            COMMITMENT_NAME_MAX, error)
      || !check_short_text (abierto_commitment_get_indicator (commitment), FALSE,
                            _("indicator"), COMMITMENT_INDICATOR_MAX, error)
      || !check_short_text (abierto_commitment_get_unit (commitment), FALSE, _("unit"),
                            COMMITMENT_UNIT_MAX, error)
      || !check_short_text (abierto_commitment_get_status_reason (commitment), FALSE,
                            _("reason"), COMMITMENT_NOTE_MAX, error)
      || !check_date (abierto_commitment_get_deadline (commitment), error))
    return FALSE;

  if ((abierto_commitment_get_budget_allocated (commitment, &allocated) && allocated < 0)
      || (abierto_commitment_get_budget_spent (commitment, &spent) && spent < 0))
    return set_invalid (error, _("A budget cannot be less than zero."));

  /* a draft is not promised yet, and a dropped commitment no longer is */
  if (status != ABIERTO_COMMITMENT_DRAFT && status != ABIERTO_COMMITMENT_DROPPED
      && (missing = abierto_commitment_dup_missing_message (commitment)) != NULL)
    {
      g_set_error_literal (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INCOMPLETE, missing);
      return FALSE;
    }

  if (status == ABIERTO_COMMITMENT_DROPPED
      && !check_text (abierto_commitment_get_status_reason (commitment), TRUE, _("reason"), NULL))
    return set_invalid (error, _("Say why the commitment was dropped: the people who proposed "
                                 "it have a right to know."));

  return TRUE;
}

/* Every proposal must be an active proposal of @session_id, not merged
 * into another one; there must be at least one. */
static gboolean
check_commitment_proposals (AbiertoStore  *self,
                            gint64         session_id,
                            const gint64  *proposal_ids,
                            guint          n_proposals,
                            GError       **error)
{
  static const char sql[] =
    "SELECT session_id, coalesce(merged_into, 0) FROM proposal WHERE id = ?1 AND deleted = 0";
  guint i;

  if (n_proposals == 0)
    return set_invalid (error, _("A commitment answers at least one proposal: say which."));

  for (i = 0; i < n_proposals; i++)
    {
      sqlite3_stmt *stmt;
      gint64 proposal_session = 0, merged_into = 0;
      int rc;

      if (!(stmt = _abierto_store_prepare (self, sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, proposal_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          proposal_session = sqlite3_column_int64 (stmt, 0);
          merged_into = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);

      if (rc == SQLITE_DONE)
        return set_not_found (error, ENTITY_PROPOSAL, proposal_ids[i]);
      if (rc != SQLITE_ROW)
        return _abierto_store_set_error (self, rc, error);
      if (proposal_session != session_id)
        return set_invalid (error, _("Proposal %lld belongs to another session; a commitment "
                                     "answers proposals of its own session."),
                            (long long) proposal_ids[i]);
      if (merged_into != 0)
        return set_invalid (error, _("Proposal %lld was merged into proposal %lld; link the "
                                     "commitment to that one."),
                            (long long) proposal_ids[i], (long long) merged_into);
    }

  return TRUE;
}

static void
bind_optional_number (sqlite3_stmt *stmt,
                      int           index,
                      gboolean      set,
                      double        value)
{
  if (set)
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* ?2 … ?13 of the INSERT and the UPDATE; ?1 is left to the caller. */
static void
bind_commitment (sqlite3_stmt            *stmt,
                 AbiertoCommitment       *commitment,
                 AbiertoCommitmentStatus  status,
                 char                    *stripped[5])
{
  double value = 0;
  gboolean set;

  stripped[0] = g_strstrip (g_strdup (abierto_commitment_get_action (commitment)));
  stripped[1] = g_strstrip (g_strdup (abierto_commitment_get_institution (commitment)));
  stripped[2] = g_strstrip (g_strdup (abierto_commitment_get_area (commitment)));
  stripped[3] = g_strstrip (g_strdup (abierto_commitment_get_indicator (commitment)));
  stripped[4] = g_strstrip (g_strdup (abierto_commitment_get_unit (commitment)));

  sqlite3_bind_text (stmt, 2, stripped[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stripped[1], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, stripped[2], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, stripped[3], -1, SQLITE_STATIC);
  set = abierto_commitment_get_baseline (commitment, &value);
  bind_optional_number (stmt, 6, set, value);
  set = abierto_commitment_get_target (commitment, &value);
  bind_optional_number (stmt, 7, set, value);
  sqlite3_bind_text (stmt, 8, stripped[4], -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 9, abierto_commitment_get_deadline (commitment));
  set = abierto_commitment_get_budget_allocated (commitment, &value);
  bind_optional_number (stmt, 10, set, value);
  set = abierto_commitment_get_budget_spent (commitment, &value);
  bind_optional_number (stmt, 11, set, value);
  sqlite3_bind_text (stmt, 12, abierto_commitment_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, abierto_commitment_get_status_reason (commitment), -1,
                     SQLITE_TRANSIENT);
}

/* Links @commitment_id to @proposal_ids, and unlinks it from the active
 * proposals not among them. A link to a deleted proposal stays, for when
 * it is restored, and so does one to a proposal merged into one of
 * @proposal_ids, for when it is unmerged. */
static gboolean
link_proposals (AbiertoStore  *self,
                gint64         commitment_id,
                const gint64  *proposal_ids,
                guint          n_proposals,
                GError       **error)
{
  static const char links_sql[] =
    "SELECT cp.proposal_id, coalesce(p.merged_into, p.id), p.deleted "
    "FROM commitment_proposal cp JOIN proposal p ON p.id = cp.proposal_id "
    "WHERE cp.commitment_id = ?1";
  static const char unlink_sql[] =
    "DELETE FROM commitment_proposal WHERE commitment_id = ?1 AND proposal_id = ?2";
  static const char link_sql[] =
    "INSERT OR IGNORE INTO commitment_proposal (commitment_id, proposal_id) VALUES (?1, ?2)";
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint i, j;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, links_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, commitment_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 linked = sqlite3_column_int64 (stmt, 0);
      gint64 shown = sqlite3_column_int64 (stmt, 1);
      gboolean kept = sqlite3_column_int (stmt, 2) != 0;

      for (j = 0; !kept && j < n_proposals; j++)
        kept = proposal_ids[j] == shown;
      if (!kept)
        g_array_append_val (stale, linked);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (self, rc, error);

  for (i = 0; i < stale->len; i++)
    {
      if (!(stmt = _abierto_store_prepare (self, unlink_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, commitment_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (stale, gint64, i));
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  for (i = 0; i < n_proposals; i++)
    {
      if (!(stmt = _abierto_store_prepare (self, link_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, commitment_id);
      sqlite3_bind_int64 (stmt, 2, proposal_ids[i]);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
abierto_store_add_commitment (AbiertoStore       *self,
                              AbiertoCommitment  *commitment,
                              const gint64       *proposal_ids,
                              guint               n_proposals,
                              gboolean            draft,
                              GError            **error)
{
  static const char sql[] =
    "INSERT INTO commitment (session_id, action, institution, area, indicator, baseline, "
    "                        target, unit, deadline, budget_allocated, budget_spent, status, "
    "                        status_reason, uuid, created, modified) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)";
  g_autofree char *uuid = NULL;
  guint8 uuid_bytes[16];
  g_autofree char *now = NULL;
  char *stripped[5] = { NULL, };
  AbiertoCommitmentStatus status;
  sqlite3_stmt *stmt;
  gint64 session_id;
  gint64 id;
  guint i;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (commitment), FALSE);
  g_return_val_if_fail (proposal_ids != NULL || n_proposals == 0, FALSE);

  /* saving it complete is what turns a draft into a promise */
  status = abierto_commitment_get_status (commitment);
  if (draft)
    status = ABIERTO_COMMITMENT_DRAFT;
  else if (status == ABIERTO_COMMITMENT_DRAFT)
    status = ABIERTO_COMMITMENT_PLANNED;

  session_id = abierto_commitment_get_session_id (commitment);
  if (!check_commitment (commitment, status, error) || !ensure_writable (self, error))
    return FALSE;

  uuid = abierto_uuid_new (uuid_bytes);
  now = _abierto_now_iso8601 ();

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!session_exists (self, session_id, error)
      || !check_commitment_proposals (self, session_id, proposal_ids, n_proposals, error))
    goto fail;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, session_id);
  bind_commitment (stmt, commitment, status, stripped);
  sqlite3_bind_blob (stmt, 14, uuid_bytes, 16, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!link_proposals (self, id, proposal_ids, n_proposals, error)
      || !_abierto_store_commit (self, error))
    goto fail;

  abierto_commitment_set_id (commitment, id);
  abierto_commitment_set_uuid (commitment, uuid);
  abierto_commitment_set_status (commitment, status);
  abierto_commitment_set_action (commitment, stripped[0]);
  abierto_commitment_set_institution (commitment, stripped[1]);
  abierto_commitment_set_area (commitment, stripped[2]);
  abierto_commitment_set_indicator (commitment, stripped[3]);
  abierto_commitment_set_unit (commitment, stripped[4]);
  abierto_commitment_set_proposal_ids (commitment, proposal_ids, n_proposals);
  for (i = 0; i < G_N_ELEMENTS (stripped); i++)
    g_free (stripped[i]);
  _abierto_store_emit_changed (self, "commitment", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  for (i = 0; i < G_N_ELEMENTS (stripped); i++)
    g_free (stripped[i]);
  return FALSE;
}

/* The session and status of an active commitment; FALSE with @error set
 * when there is none. */
static gboolean
lookup_commitment (AbiertoStore             *self,
                   gint64                    commitment_id,
                   gint64                   *session_id,
                   AbiertoCommitmentStatus  *status,
                   GError                  **error)
{
  static const char sql[] =
    "SELECT c.session_id, c.status FROM commitment c JOIN session s ON s.id = c.session_id "
    "WHERE c.id = ?1 AND c.deleted = 0 AND s.deleted = 0";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, commitment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *session_id = sqlite3_column_int64 (stmt, 0);
      *status = ABIERTO_COMMITMENT_PLANNED;
      abierto_commitment_status_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                             status);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    return set_not_found (error, ENTITY_COMMITMENT, commitment_id);
  return _abierto_store_set_error (self, rc, error);
}

gboolean
abierto_store_update_commitment (AbiertoStore       *self,
                                 AbiertoCommitment  *commitment,
                                 GError            **error)
{
  static const char sql[] =
    "UPDATE commitment SET action = ?2, institution = ?3, area = ?4, indicator = ?5, "
    "                      baseline = ?6, target = ?7, unit = ?8, deadline = ?9, "
    "                      budget_allocated = ?10, budget_spent = ?11, status = ?12, "
    "                      status_reason = ?13, modified = ?14 "
    "WHERE id = ?1 AND deleted = 0";
  g_autofree char *now = NULL;
  char *stripped[5] = { NULL, };
  AbiertoCommitmentStatus status, old_status;
  const gint64 *proposal_ids;
  guint n_proposals;
  sqlite3_stmt *stmt;
  gint64 id, session_id = 0;
  guint i;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (commitment), FALSE);

  id = abierto_commitment_get_id (commitment);
  status = abierto_commitment_get_status (commitment);
  proposal_ids = abierto_commitment_get_proposal_ids (commitment, &n_proposals);
  if (!check_commitment (commitment, status, error) || !_abierto_store_begin (self, error))
    return FALSE;

  now = _abierto_now_iso8601 ();
  if (!lookup_commitment (self, id, &session_id, &old_status, error)
      || !check_commitment_proposals (self, session_id, proposal_ids, n_proposals, error))
    goto fail;

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_commitment (stmt, commitment, status, stripped);
  sqlite3_bind_text (stmt, 14, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error)
      || !link_proposals (self, id, proposal_ids, n_proposals, error)
      || !_abierto_store_commit (self, error))
    goto fail;

  abierto_commitment_set_session_id (commitment, session_id);
  abierto_commitment_set_action (commitment, stripped[0]);
  abierto_commitment_set_institution (commitment, stripped[1]);
  abierto_commitment_set_area (commitment, stripped[2]);
  abierto_commitment_set_indicator (commitment, stripped[3]);
  abierto_commitment_set_unit (commitment, stripped[4]);
  for (i = 0; i < G_N_ELEMENTS (stripped); i++)
    g_free (stripped[i]);
  _abierto_store_emit_changed (self, "commitment", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  for (i = 0; i < G_N_ELEMENTS (stripped); i++)
    g_free (stripped[i]);
  return FALSE;
}

static const Deletion commitment_deletion = {
  "SELECT session_id FROM commitment WHERE id = ?1 AND deleted = ?2",
  "UPDATE commitment SET deleted = ?2 WHERE id = ?1",
  "commitment", NULL, ENTITY_COMMITMENT
};

gboolean
abierto_store_delete_commitment (AbiertoStore  *self,
                                 gint64         commitment_id,
                                 GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &commitment_deletion, commitment_id, TRUE, error);
}

gboolean
abierto_store_restore_commitment (AbiertoStore  *self,
                                  gint64         commitment_id,
                                  GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  return set_deleted (self, &commitment_deletion, commitment_id, FALSE, error);
}

/* The current value is that of the latest update by date (the latest
 * entered among those of one day); a proposal merged into another shows
 * as the one it was merged into. */
#define COMMITMENT_SELECT \
  "SELECT c.id, c.uuid, c.session_id, c.action, c.institution, c.area, c.indicator, " \
  "       c.baseline, c.target, c.unit, c.deadline, c.budget_allocated, c.budget_spent, " \
  "       c.status, c.status_reason, " \
  "       (SELECT u.value FROM commitment_update u WHERE u.commitment_id = c.id " \
  "        ORDER BY u.date DESC, u.id DESC LIMIT 1), " \
  "       (SELECT u.date FROM commitment_update u WHERE u.commitment_id = c.id " \
  "        ORDER BY u.date DESC, u.id DESC LIMIT 1), " \
  "       (SELECT group_concat(DISTINCT coalesce(p.merged_into, p.id)) " \
  "        FROM commitment_proposal cp JOIN proposal p ON p.id = cp.proposal_id " \
  "        WHERE cp.commitment_id = c.id AND p.deleted = 0) " \
  "FROM commitment c JOIN session s ON s.id = c.session_id " \
  "WHERE c.deleted = 0 AND s.deleted = 0 "

static AbiertoCommitment *
commitment_from_row (sqlite3_stmt *stmt)
{
  char uuid[ABIERTO_UUID_STRING_LEN];
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *id_list = (const char *) sqlite3_column_text (stmt, 17);
  AbiertoCommitmentStatus status = ABIERTO_COMMITMENT_PLANNED;
  AbiertoCommitment *commitment;

  commitment = abierto_commitment_new (sqlite3_column_int64 (stmt, 2),
                                       (const char *) sqlite3_column_text (stmt, 3));
  abierto_commitment_set_id (commitment, sqlite3_column_int64 (stmt, 0));
  abierto_commitment_set_uuid (commitment, column_uuid (stmt, 1, uuid));
  abierto_commitment_set_institution (commitment, (const char *) sqlite3_column_text (stmt, 4));
  abierto_commitment_set_area (commitment, (const char *) sqlite3_column_text (stmt, 5));
  abierto_commitment_set_indicator (commitment, (const char *) sqlite3_column_text (stmt, 6));
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    abierto_commitment_set_baseline (commitment, sqlite3_column_double (stmt, 7));
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    abierto_commitment_set_target (commitment, sqlite3_column_double (stmt, 8));
  abierto_commitment_set_unit (commitment, (const char *) sqlite3_column_text (stmt, 9));
  abierto_commitment_set_deadline (commitment, (const char *) sqlite3_column_text (stmt, 10));
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    abierto_commitment_set_budget_allocated (commitment, sqlite3_column_double (stmt, 11));
  if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    abierto_commitment_set_budget_spent (commitment, sqlite3_column_double (stmt, 12));
  abierto_commitment_status_from_string ((const char *) sqlite3_column_text (stmt, 13), &status);
  abierto_commitment_set_status (commitment, status);
  abierto_commitment_set_status_reason (commitment, (const char *) sqlite3_column_text (stmt, 14));
  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL)
    abierto_commitment_set_current_value (commitment, sqlite3_column_double (stmt, 15));
  abierto_commitment_set_current_date (commitment, (const char *) sqlite3_column_text (stmt, 16));

  /* "3,7,12" */
  while (id_list != NULL && *id_list != '\0')
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (id_list, &end, 10);

      if (end == id_list)
        break;
      g_array_append_val (ids, id);
      id_list = *end == ',' ? end + 1 : end;
    }
  abierto_commitment_set_proposal_ids (commitment, (const gint64 *) ids->data, ids->len);

  return commitment;
}

AbiertoCommitment *
abierto_store_get_commitment (AbiertoStore  *self,
                              gint64         commitment_id,
                              GError       **error)
{
  static const char sql[] = COMMITMENT_SELECT "AND c.id = ?1";
  AbiertoCommitment *commitment = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, commitment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    commitment = commitment_from_row (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, ENTITY_COMMITMENT, commitment_id);
  else
    _abierto_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return commitment;
}

/* "ALCALDÍA  Coyoacán " and "Alcaldía Coyoacán" name the same body. */
static char *
institution_key (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_autofree char *folded = NULL;

  if (normal == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (normal, -1);
  return g_strstrip (g_steal_pointer (&folded));
}

GListModel *
abierto_store_find_commitments (AbiertoStore  *self,
                                gint64         session_id,
                                const char    *institution,
                                guint          statuses,
                                GError       **error)
{
  static const char sql[] =
    COMMITMENT_SELECT
    "AND (?1 = 0 OR c.session_id = ?1) "
    "ORDER BY c.id";
  g_autoptr(GListStore) store = g_list_store_new (ABIERTO_TYPE_COMMITMENT);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (institution != NULL)
    key = institution_key (institution);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AbiertoCommitment) commitment = commitment_from_row (stmt);
      guint bit = ABIERTO_COMMITMENT_STATUS_MASK (abierto_commitment_get_status (commitment));

      if (statuses != 0 && (statuses & bit) == 0)
        continue;
      if (key != NULL)
        {
          const char *name = abierto_commitment_get_institution (commitment);
          g_autofree char *other = institution_key (name);

          if (g_strcmp0 (key, other) != 0)
            continue;
        }
      g_ptr_array_add (items, g_steal_pointer (&commitment));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _abierto_store_set_error (self, rc, error);
      return NULL;
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
abierto_store_list_commitments (AbiertoStore  *self,
                                gint64         session_id,
                                GError       **error)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  /* a session's list, not every session's, even for a mistaken 0 */
  if (session_id == 0)
    {
      set_not_found (error, ENTITY_SESSION, session_id);
      return NULL;
    }

  return abierto_store_find_commitments (self, session_id, NULL, 0, error);
}

GStrv
abierto_store_list_institutions (AbiertoStore  *self,
                                 gint64         session_id,
                                 GError       **error)
{
  static const char sql[] =
    "SELECT c.institution, count(*) FROM commitment c JOIN session s ON s.id = c.session_id "
    "WHERE c.deleted = 0 AND s.deleted = 0 AND c.institution != '' "
    "AND (?1 = 0 OR c.session_id = ?1) "
    "GROUP BY c.institution ORDER BY c.institution COLLATE NOCASE, count(*) DESC";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  /* one name per body, as find_commitments matches them */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (g_hash_table_add (seen, institution_key (name)))
        g_strv_builder_add (builder, name);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _abierto_store_set_error (self, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* Progress updates */

gboolean
abierto_store_add_commitment_update (AbiertoStore             *self,
                                     AbiertoCommitmentUpdate  *update,
                                     GError                  **error)
{
  static const char sql[] =
    "INSERT INTO commitment_update (uuid, commitment_id, date, value, note, evidence_url, "
    "                               created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  static const char start_sql[] =
    "UPDATE commitment SET status = 'in-progress', modified = ?2 "
    "WHERE id = ?1 AND status = 'planned'";
  g_autofree char *uuid = NULL;
  guint8 uuid_bytes[16];
  g_autofree char *now = NULL;
  g_autofree char *today = NULL;
  g_autofree char *note = NULL;
  g_autofree char *url = NULL;
  AbiertoCommitmentStatus status;
  const char *date;
  sqlite3_stmt *stmt;
  gint64 commitment_id, session_id = 0;
  gint64 id;
  double value;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (update), FALSE);

  commitment_id = abierto_commitment_update_get_commitment_id (update);
  date = abierto_commitment_update_get_date (update);
  value = abierto_commitment_update_get_value (update);
  note = g_strstrip (g_strdup (abierto_commitment_update_get_note (update)));
  url = g_strstrip (g_strdup (abierto_commitment_update_get_evidence_url (update)));
  today = dup_today ();

  if (date == NULL)
    return set_invalid (error, _("Say on which day the progress was measured."));
  if (!check_date (date, error)
      || !check_short_text (note, FALSE, _("note"), COMMITMENT_NOTE_MAX, error)
      || !check_url (url, _("evidence address"), error))
    return FALSE;
  if (strcmp (date, today) > 0)
    return set_invalid (error, _("The date %s is still to come: a progress update records "
                                 "what was already measured."), date);
  if (!isfinite (value))
    return set_invalid (error, _("The value of a progress update must be a number."));

  uuid = abierto_uuid_new (uuid_bytes);
  now = _abierto_now_iso8601 ();

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if (!lookup_commitment (self, commitment_id, &session_id, &status, error))
    goto fail;
  if (status == ABIERTO_COMMITMENT_DRAFT)
    {
      set_invalid (error, _("This commitment is still a draft: complete it before recording "
                            "its progress."));
      goto fail;
    }

  if (!(stmt = _abierto_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_blob (stmt, 1, uuid_bytes, 16, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, commitment_id);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 4, value);
  sqlite3_bind_text (stmt, 5, note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);

  /* work has visibly started */
  if (!(stmt = _abierto_store_prepare (self, start_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, commitment_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error) || !_abierto_store_commit (self, error))
    goto fail;

  abierto_commitment_update_set_id (update, id);
  abierto_commitment_update_set_uuid (update, uuid);
  abierto_commitment_update_set_note (update, note);
  abierto_commitment_update_set_evidence_url (update, url);
  _abierto_store_emit_changed (self, "commitment_update", session_id);
  _abierto_store_emit_changed (self, "commitment", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

gboolean
abierto_store_delete_commitment_update (AbiertoStore  *self,
                                        gint64         update_id,
                                        GError       **error)
{
  static const char find_sql[] =
    "SELECT c.session_id FROM commitment_update u JOIN commitment c ON c.id = u.commitment_id "
    "WHERE u.id = ?1";
  static const char sql[] = "DELETE FROM commitment_update WHERE id = ?1";
  gint64 session_id;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), FALSE);

  if (!_abierto_store_begin (self, error))
    return FALSE;
  if ((session_id = session_of_flagged (self, find_sql, update_id, ENTITY_COMMITMENT_UPDATE,
                                        error)) == 0
      || !run_with_id (self, sql, update_id, NULL, error)
      || !_abierto_store_commit (self, error))
    goto fail;

  _abierto_store_emit_changed (self, "commitment_update", session_id);
  _abierto_store_emit_changed (self, "commitment", session_id);
  return TRUE;

fail:
  _abierto_store_rollback (self);
  return FALSE;
}

static AbiertoCommitmentUpdate *
commitment_update_from_row (sqlite3_stmt *stmt)
{
  char uuid[ABIERTO_UUID_STRING_LEN];
  AbiertoCommitmentUpdate *update;

  update = abierto_commitment_update_new (sqlite3_column_int64 (stmt, 2),
                                          (const char *) sqlite3_column_text (stmt, 3),
                                          sqlite3_column_double (stmt, 4));
  abierto_commitment_update_set_id (update, sqlite3_column_int64 (stmt, 0));
  abierto_commitment_update_set_uuid (update, column_uuid (stmt, 1, uuid));
  abierto_commitment_update_set_note (update, (const char *) sqlite3_column_text (stmt, 5));
  abierto_commitment_update_set_evidence_url (update,
                                              (const char *) sqlite3_column_text (stmt, 6));

  return update;
}

GListModel *
abierto_store_list_commitment_updates (AbiertoStore  *self,
                                       gint64         commitment_id,
                                       GError       **error)
{
  static const char sql[] =
    "SELECT id, uuid, commitment_id, date, value, note, evidence_url "
    "FROM commitment_update WHERE commitment_id = ?1 ORDER BY date, id";
  gint64 session_id = 0;
  AbiertoCommitmentStatus status;

  g_return_val_if_fail (ABIERTO_IS_STORE (self), NULL);

  /* those of a deleted commitment are hidden with it */
  if (!lookup_commitment (self, commitment_id, &session_id, &status, error))
    return NULL;

  return list_rows (self, sql, commitment_id, ABIERTO_TYPE_COMMITMENT_UPDATE,
                    (RowFunc) commitment_update_from_row, error);
}
