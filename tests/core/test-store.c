/* test-store.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abierto-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("abierto-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "taller.abierto", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The bytes of a file, or NULL when it does not exist. */
static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

/* A snapshot of the database file and its WAL */
typedef struct
{
  GBytes *db;
  GBytes *wal;
} Snapshot;

static void
snapshot_take (Snapshot   *snap,
               const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  snap->db = read_bytes (path);
  snap->wal = read_bytes (wal);
}

static void
snapshot_assert_unchanged (Snapshot   *snap,
                           const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) db_now = read_bytes (path);
  g_autoptr(GBytes) wal_now = read_bytes (wal);

  g_assert_nonnull (db_now);
  g_assert_true (g_bytes_equal (snap->db, db_now));
  if (snap->wal == NULL)
    g_assert_null (wal_now);
  else
    g_assert_true (wal_now != NULL && g_bytes_equal (snap->wal, wal_now));

  g_clear_pointer (&snap->db, g_bytes_unref);
  g_clear_pointer (&snap->wal, g_bytes_unref);
}

static void
assert_no_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
add_session (AbiertoStore *store,
             const char   *title)
{
  g_autoptr(AbiertoSession) session = abierto_session_new (title, ABIERTO_GROUP_OLDER_ADULTS);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_session (store, session, &error));
  g_assert_no_error (error);
  return abierto_session_get_id (session);
}

static gint64
add_participant (AbiertoStore *store,
                 gint64        session_id,
                 const char   *alias)
{
  g_autoptr(AbiertoParticipant) participant = abierto_participant_new (session_id, alias);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_participant (store, participant, &error));
  g_assert_no_error (error);
  return abierto_participant_get_id (participant);
}

static gint64
add_proposal (AbiertoStore *store,
              gint64        session_id,
              const char   *text)
{
  g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (session_id, text);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_proposal (store, proposal, &error));
  g_assert_no_error (error);
  return abierto_proposal_get_id (proposal);
}

static gint64
add_round (AbiertoStore  *store,
           gint64         session_id,
           AbiertoMethod  method,
           guint          dots)
{
  g_autoptr(AbiertoRound) round = abierto_round_new (session_id, method);
  g_autoptr(GError) error = NULL;

  abierto_round_set_dots (round, dots);
  g_assert_true (abierto_store_add_round (store, round, &error));
  g_assert_no_error (error);
  return abierto_round_get_id (round);
}

/* A file with some data in it, closed. */
static void
make_workshop_file (const char *path)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session;

  store = abierto_store_open (path, &error);
  g_assert_no_error (error);
  session = add_session (store, "Parque Hundido");
  add_participant (store, session, "Girasol");
  add_proposal (store, session, "Más bancas con sombra");
  g_assert_true (abierto_store_close (store, &error));
  g_assert_no_error (error);
}

/* Creating */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  GStatBuf st;

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (abierto_store_is_read_only (store));
  g_assert_cmpstr (abierto_store_get_path (store), ==, f->path);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  add_session (store, "Primera sesión");
  g_assert_true (abierto_store_close (store, &error));
  g_assert_no_error (error);

  /* after close the file alone holds everything */
  assert_no_side_files (f->path);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, ABIERTO_APPLICATION_ID);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, ABIERTO_FORMAT_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM session"), ==, 1);
  mode = raw_text (f->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(AbiertoSession) first = NULL;
  g_autoptr(GError) error = NULL;

  make_workshop_file (f->path);

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  sessions = abierto_store_list_sessions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  first = g_list_model_get_item (sessions, 0);
  g_assert_cmpstr (abierto_session_get_title (first), ==, "Parque Hundido");
  g_assert_true (g_uuid_string_is_valid (abierto_session_get_uuid (first)));
}

static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "x.abierto", NULL);
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = abierto_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_IO);
}

/* A half-created file: SQLite header written, nothing else (a crash
 * during the very first start). It holds nothing, so it is set up. */
static void
test_empty_sqlite (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  raw_exec (f->path, "PRAGMA journal_mode = WAL");
  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  abierto_store_close (store, NULL);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, ABIERTO_APPLICATION_ID);
}

/* Refusals: each leaves the file byte for byte as it was. */

static void
assert_refused (const char       *path,
                AbiertoStoreError code)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gboolean had_shm = g_file_test (shm, G_FILE_TEST_EXISTS);
  gboolean had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  Snapshot snap;

  snapshot_take (&snap, path);
  store = abierto_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ABIERTO_STORE_ERROR, (int) code);
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_test_message ("refused: %s", error->message);
  snapshot_assert_unchanged (&snap, path);
  g_assert_cmpint (g_file_test (shm, G_FILE_TEST_EXISTS), ==, had_shm);
  g_assert_cmpint (g_file_test (wal, G_FILE_TEST_EXISTS), ==, had_wal);
}

static void
test_refuse_text_file (Fixture       *f,
                       gconstpointer  data)
{
  g_assert_true (g_file_set_contents (f->path, "Lista de asistencia\nAna\nBeto\n", -1, NULL));
  assert_refused (f->path, ABIERTO_STORE_ERROR_NOT_SQLITE);
}

static void
test_refuse_short_file (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_true (g_file_set_contents (f->path, "SQLite format 3", 16, NULL));
  assert_refused (f->path, ABIERTO_STORE_ERROR_NOT_SQLITE);
}

static void
test_refuse_foreign (Fixture       *f,
                     gconstpointer  data)
{
  raw_exec (f->path, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                     "INSERT INTO contacts VALUES ('Ana', '555');");
  assert_refused (f->path, ABIERTO_STORE_ERROR_FOREIGN);
}

static void
test_refuse_other_application_id (Fixture       *f,
                                  gconstpointer  data)
{
  raw_exec (f->path, "PRAGMA application_id = 1234; CREATE TABLE session (id INTEGER);");
  assert_refused (f->path, ABIERTO_STORE_ERROR_FOREIGN);
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  make_workshop_file (f->path);
  raw_exec (f->path, "PRAGMA user_version = 99");
  assert_refused (f->path, ABIERTO_STORE_ERROR_NEWER);
}

static void
test_refuse_tampered (Fixture       *f,
                      gconstpointer  data)
{
  make_workshop_file (f->path);
  raw_exec (f->path, "CREATE TRIGGER spy AFTER INSERT ON vote BEGIN "
                     "  DELETE FROM proposal; END;");
  assert_refused (f->path, ABIERTO_STORE_ERROR_FOREIGN);
}

static void
test_refuse_wrong_types (Fixture       *f,
                         gconstpointer  data)
{
  make_workshop_file (f->path);
  /* same name, other columns: what a hostile or buggy program might do */
  raw_exec (f->path, "PRAGMA foreign_keys = OFF; DROP TABLE commitment_update;"
                     "CREATE TABLE commitment_update (id INTEGER PRIMARY KEY, payload BLOB);");
  assert_refused (f->path, ABIERTO_STORE_ERROR_FOREIGN);
}

static void
test_refuse_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gint64 session;
  gsize len;
  guint i;

  /* enough rows for several pages, then scribble over page 3 onwards */
  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  session = add_session (store, "Sesión larga");
  for (i = 0; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("Propuesta número %u con algo de texto", i);

      add_proposal (store, session, text);
    }
  abierto_store_close (store, NULL);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096 * 4);
  for (i = 4096 * 2 + 100; i < len - 100; i += 7)
    contents[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  assert_refused (f->path, ABIERTO_STORE_ERROR_CORRUPT);
}

static void
test_refuse_truncated (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gint64 session;
  gsize len;
  guint i;

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  session = add_session (store, "Sesión");
  for (i = 0; i < 300; i++)
    add_proposal (store, session, "Una propuesta que ocupa espacio en varias páginas del archivo");
  abierto_store_close (store, NULL);

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (f->path, contents, len / 2, NULL));
  assert_refused (f->path, ABIERTO_STORE_ERROR_CORRUPT);
}

/* A read-only connection, such as the one that looks at a file before
 * opening it, does not load CHECK constraints: quick_check alone passes
 * a round of -4 dots. Found by fuzzing (tests/fuzz). */
static void
test_refuse_check_constraint (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session;

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  session = add_session (store, "Sesión");
  add_round (store, session, ABIERTO_METHOD_DOT, 3);
  abierto_store_close (store, NULL);

  raw_exec (f->path, "PRAGMA ignore_check_constraints = ON; UPDATE voting_round SET dots = -4;");
  assert_refused (f->path, ABIERTO_STORE_ERROR_CORRUPT);
}

/* No field takes a text of two million characters; a file that holds one
 * is not ours. */
static void
test_refuse_huge_text (Fixture       *f,
                       gconstpointer  data)
{
  make_workshop_file (f->path);
  raw_exec (f->path, "UPDATE proposal SET text = printf('%.*c', 2000000, 'a');");
  g_assert_cmpint (raw_int (f->path, "SELECT max(length(text)) FROM proposal"), ==, 2000000);
  assert_refused (f->path, ABIERTO_STORE_ERROR_CORRUPT);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, one a line */
static char *
dup_listing (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **) names->pdata);
}

/* SQLite never gives a row a negative id, nor do we: a file with one, as
 * an id or as a reference, was made by hand or damaged. Each is refused,
 * while the file they were copied from opens. */
static void
test_refuse_negative_id (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const changes[] = {
    "UPDATE proposal SET author_id = -1",
    "UPDATE proposal SET id = -7",
    "UPDATE participant SET session_id = -1",
    "UPDATE proposal SET merged_into = -2",
  };
  g_autofree char *copy = g_build_filename (f->dir, "copia.abierto", NULL);
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  make_workshop_file (f->path);
  raw_exec (f->path, "UPDATE proposal SET author_id = (SELECT id FROM participant)");

  for (i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (copy, contents, len, NULL));
      raw_exec (copy, changes[i]);
      assert_refused (copy, ABIERTO_STORE_ERROR_CORRUPT);
      g_assert_cmpint (g_unlink (copy), ==, 0);
    }

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  abierto_store_close (store, NULL);
}

/* Puts beside f->path a WAL of another workshop file, made in a folder
 * of its own, holding a change as a crash leaves it, and with @with_shm
 * its -shm too. Returns the size of the WAL. */
static gsize
put_other_wal (Fixture  *f,
               gboolean  with_shm)
{
  g_autofree char *dir = g_build_filename (f->dir, "otra-carpeta", NULL);
  g_autofree char *other = g_build_filename (dir, "otro.abierto", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gsize len;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  make_workshop_file (other);
  store = abierto_store_open (other, &error);
  g_assert_no_error (error);
  add_session (store, "Otra sesión");
  abierto_store_close (store, NULL);

  /* a change left in the other file's WAL, as a crash leaves it */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0; "
                                     "UPDATE session SET title = 'Cambiada';", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (other_wal, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 0);
  g_assert_true (g_file_set_contents (wal, contents, len, NULL));
  if (with_shm)
    {
      g_autofree char *other_shm = g_strconcat (other, "-shm", NULL);
      g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
      g_autofree char *shm_contents = NULL;
      gsize shm_len;

      g_assert_true (g_file_get_contents (other_shm, &shm_contents, &shm_len, NULL));
      g_assert_true (g_file_set_contents (shm, shm_contents, shm_len, NULL));
    }
  sqlite3_close (db);

  return len;
}

/* The WAL of another workshop file beside this one: opening would mix
 * the pages of both and write the mix into the file. */
static void
test_refuse_other_wal (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  make_workshop_file (f->path);
  len = put_other_wal (f, FALSE);

  before = read_bytes (f->path);
  store = abierto_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "taller.abierto-wal"));
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);
  after = read_bytes (wal);
  g_assert_cmpuint (g_bytes_get_size (after), ==, len);

  /* the file alone is whole: once the WAL is moved away, it opens */
  g_assert_cmpint (g_unlink (wal), ==, 0);
  g_clear_error (&error);
  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  abierto_store_close (store, NULL);
}

/* Refusing a file for the WAL beside it leaves the folder as it was:
 * the file and its -wal byte for byte, and no -shm left behind by our
 * look at them. A -shm that was there before stays: another program may
 * have the file open. */
static void
check_other_wal_folder (Fixture  *f,
                        gboolean  with_shm)
{
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot snap;

  make_workshop_file (f->path);
  put_other_wal (f, with_shm);
  g_assert_cmpint (g_file_test (shm, G_FILE_TEST_EXISTS), ==, with_shm);

  listing_before = dup_listing (f->dir);
  snapshot_take (&snap, f->path);
  g_assert_nonnull (snap.wal);

  store = abierto_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_CORRUPT);

  listing_after = dup_listing (f->dir);
  g_assert_cmpstr (listing_after, ==, listing_before);
  snapshot_assert_unchanged (&snap, f->path);

  /* and a second try finds it the same */
  g_clear_error (&error);
  snapshot_take (&snap, f->path);
  store = abierto_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_CORRUPT);
  g_clear_pointer (&listing_after, g_free);
  listing_after = dup_listing (f->dir);
  g_assert_cmpstr (listing_after, ==, listing_before);
  snapshot_assert_unchanged (&snap, f->path);
}

static void
test_refuse_other_wal_folder (Fixture       *f,
                              gconstpointer  data)
{
  check_other_wal_folder (f, FALSE);
}

static void
test_refuse_other_wal_folder_shm (Fixture       *f,
                                  gconstpointer  data)
{
  check_other_wal_folder (f, TRUE);
}

/* Read-only files: opened, never changed. Root ignores permissions, so
 * the check runs as an unprivileged user then. */
static void
check_read_only (const char *path)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AbiertoSession) session = abierto_session_new ("Nueva", ABIERTO_GROUP_CHILDREN);

  store = abierto_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_is_read_only (store));
  sessions = abierto_store_list_sessions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  g_assert_false (abierto_store_add_session (store, session, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_READ_ONLY);
  abierto_store_close (store, NULL);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  Snapshot snap;

  make_workshop_file (f->path);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  snapshot_take (&snap, f->path);

  if (geteuid () == 0)
    {
      pid_t pid = fork ();
      int status = 0;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          if (setgid (65534) != 0 || setuid (65534) != 0)
            _exit (3);
          check_read_only (f->path);
          _exit (0);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  else
    {
      check_read_only (f->path);
    }

  g_chmod (f->dir, 0700);
  snapshot_assert_unchanged (&snap, f->path);
}

/* Sessions */

static void
test_sessions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(AbiertoSession) again = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);

  session = abierto_session_new ("  Movilidad segura  ", ABIERTO_GROUP_CHILDREN);
  abierto_session_set_question (session, "¿Cómo llegas a la escuela?");
  abierto_session_set_date (session, "2026-03-14");
  abierto_session_set_place (session, "Escuela primaria en Tlalpan");
  abierto_session_set_facilitators (session, "Equipo de participación");
  g_assert_true (abierto_store_add_session (store, session, &error));
  g_assert_no_error (error);
  id = abierto_session_get_id (session);
  g_assert_cmpint (id, >, 0);

  again = abierto_store_get_session (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_session_get_title (again), ==, "Movilidad segura");
  g_assert_cmpstr (abierto_session_get_question (again), ==, "¿Cómo llegas a la escuela?");
  g_assert_cmpint (abierto_session_get_group (again), ==, ABIERTO_GROUP_CHILDREN);
  g_assert_cmpstr (abierto_session_get_date (again), ==, "2026-03-14");
  g_assert_cmpstr (abierto_session_get_place (again), ==, "Escuela primaria en Tlalpan");
  g_assert_cmpstr (abierto_session_get_uuid (again), ==, abierto_session_get_uuid (session));

  abierto_session_set_title (again, "Movilidad segura a la escuela");
  g_assert_true (abierto_store_update_session (store, again, &error));
  g_assert_no_error (error);
  g_clear_object (&session);
  session = abierto_store_get_session (store, id, &error);
  g_assert_cmpstr (abierto_session_get_title (session), ==, "Movilidad segura a la escuela");

  add_session (store, "Otra");
  list = abierto_store_list_sessions (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  g_assert_true (abierto_store_delete_session (store, id, &error));
  g_assert_no_error (error);
  g_clear_object (&session);
  session = abierto_store_get_session (store, id, &error);
  g_assert_null (session);
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
assert_refused_change (AbiertoStore *store,
                       gboolean      ok,
                       GError       *error,
                       Snapshot     *snap,
                       int           code)
{
  g_assert_false (ok);
  g_assert_error (error, ABIERTO_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  snapshot_assert_unchanged (snap, abierto_store_get_path (store));
}

static void
test_session_refusals (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const bad_titles[] = { "", "   ", "\t\n", "\xc3\x28" };
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot snap;
  guint i;

  store = abierto_store_open (f->path, &error);
  add_session (store, "Existente");

  for (i = 0; i < G_N_ELEMENTS (bad_titles); i++)
    {
      g_autoptr(AbiertoSession) session = abierto_session_new (bad_titles[i],
                                                               ABIERTO_GROUP_MIXED);
      gboolean ok;

      snapshot_take (&snap, f->path);
      ok = abierto_store_add_session (store, session, &error);
      assert_refused_change (store, ok, error, &snap, ABIERTO_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpint (abierto_session_get_id (session), ==, 0);
    }

  {
    g_autoptr(AbiertoSession) session = abierto_session_new ("Fecha mala", ABIERTO_GROUP_MIXED);
    gboolean ok;

    abierto_session_set_date (session, "2026-02-30");
    snapshot_take (&snap, f->path);
    ok = abierto_store_add_session (store, session, &error);
    assert_refused_change (store, ok, error, &snap, ABIERTO_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* Text: long, emoji, accents */

static void
test_long_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GListModel) proposals = NULL;
  g_autoptr(AbiertoProposal) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gint64 session, id;

  store = abierto_store_open (f->path, &error);
  session = add_session (store, "Sesión 🌻");

  /* exactly 10,000 characters, of 1 to 4 bytes each */
  while (g_utf8_strlen (text->str, -1) < 10000 - 6)
    g_string_append (text, "¿Niñas y niños? ¡Sí! 🌳👧🏽 ");
  while (g_utf8_strlen (text->str, -1) < 10000)
    g_string_append (text, "ñ");
  g_assert_cmpint (g_utf8_strlen (text->str, -1), ==, 10000);

  id = add_proposal (store, session, text->str);
  proposals = abierto_store_list_proposals (store, session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 1);
  back = g_list_model_get_item (proposals, 0);
  g_assert_cmpint (abierto_proposal_get_id (back), ==, id);
  g_assert_cmpstr (abierto_proposal_get_text (back), ==, text->str);
  abierto_store_close (store, NULL);

  stored = raw_text (f->path, "SELECT text FROM proposal");
  g_assert_cmpstr (stored, ==, text->str);
}

static void
test_text_refusals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = NULL;
  gint64 session;
  Snapshot snap;
  guint i;
  const char *bad[3];

  store = abierto_store_open (f->path, &error);
  session = add_session (store, "Sesión");

  huge = g_malloc (100002);
  memset (huge, 'a', 100001);
  huge[100001] = '\0';
  bad[0] = "";
  bad[1] = " \n ";
  bad[2] = huge;

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (session, bad[i]);
      gboolean ok;

      snapshot_take (&snap, f->path);
      ok = abierto_store_add_proposal (store, proposal, &error);
      assert_refused_change (store, ok, error, &snap, ABIERTO_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  {
    g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (9999, "Sin sesión");
    gboolean ok;

    snapshot_take (&snap, f->path);
    ok = abierto_store_add_proposal (store, proposal, &error);
    assert_refused_change (store, ok, error, &snap, ABIERTO_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_participants (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(AbiertoParticipant) twin = NULL;
  g_autoptr(AbiertoParticipant) child = NULL;
  g_autoptr(AbiertoParticipant) back = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session, other;
  Snapshot snap;
  gboolean ok;

  store = abierto_store_open (f->path, &error);
  session = add_session (store, "Sesión");
  other = add_session (store, "Otra sesión");
  add_participant (store, session, "Colibrí");

  /* the same alias in another session is fine, not in the same one */
  add_participant (store, other, "colibrí");
  twin = abierto_participant_new (session, " Colibrí ");
  snapshot_take (&snap, f->path);
  ok = abierto_store_add_participant (store, twin, &error);
  assert_refused_change (store, ok, error, &snap, ABIERTO_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  child = abierto_participant_new (session, "Ajolote");
  abierto_participant_set_consent (child, ABIERTO_CONSENT_GUARDIAN);
  abierto_participant_set_age_band (child, "9-10");
  g_assert_true (abierto_store_add_participant (store, child, &error));
  g_assert_no_error (error);
  g_assert_nonnull (abierto_participant_get_consent_date (child));

  list = abierto_store_list_participants (store, session, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  back = g_list_model_get_item (list, 0);
  g_assert_cmpstr (abierto_participant_get_alias (back), ==, "Ajolote");
  g_assert_cmpint (abierto_participant_get_consent (back), ==, ABIERTO_CONSENT_GUARDIAN);
  g_assert_cmpstr (abierto_participant_get_age_band (back), ==, "9-10");
}

/* Votes */

typedef struct
{
  AbiertoStore *store;
  gint64 session, other_session;
  gint64 ana, beto, stranger;
  gint64 a, b, c, foreign_proposal;
} Room;

static void
room_init (Room       *room,
           const char *path)
{
  g_autoptr(GError) error = NULL;

  room->store = abierto_store_open (path, &error);
  g_assert_no_error (error);
  room->session = add_session (room->store, "Sesión");
  room->other_session = add_session (room->store, "Otra");
  room->ana = add_participant (room->store, room->session, "Ana");
  room->beto = add_participant (room->store, room->session, "Beto");
  room->stranger = add_participant (room->store, room->other_session, "Ceci");
  room->a = add_proposal (room->store, room->session, "A");
  room->b = add_proposal (room->store, room->session, "B");
  room->c = add_proposal (room->store, room->session, "C");
  room->foreign_proposal = add_proposal (room->store, room->other_session, "X");
}

static void
room_clear (Room *room)
{
  g_clear_object (&room->store);
}

static void
assert_vote_refused (Room   *room,
                     gint64  round,
                     gint64  participant,
                     gint64  proposal,
                     gint    value,
                     int     code)
{
  g_autoptr(GError) error = NULL;
  Snapshot snap;
  gboolean ok;

  snapshot_take (&snap, abierto_store_get_path (room->store));
  ok = abierto_store_add_vote (room->store, round, participant, proposal, value, NULL, &error);
  assert_refused_change (room->store, ok, error, &snap, code);
}

static void
vote_ok (Room   *room,
         gint64  round,
         gint64  participant,
         gint64  proposal,
         gint    value)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (abierto_store_add_vote (room->store, round, participant, proposal, value,
                                         &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static void
test_vote_refusals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 dot, approval, scale, ranking, tally;
  gint64 twice[] = { 0, 0, 0 };
  Snapshot snap;
  Room room;
  gboolean ok;

  room_init (&room, f->path);
  dot = add_round (room.store, room.session, ABIERTO_METHOD_DOT, 3);
  approval = add_round (room.store, room.session, ABIERTO_METHOD_APPROVAL, 3);
  scale = add_round (room.store, room.session, ABIERTO_METHOD_SCALE, 3);
  ranking = add_round (room.store, room.session, ABIERTO_METHOD_RANKING, 3);
  tally = add_round (room.store, room.session, ABIERTO_METHOD_TALLY, 3);

  /* more dots than allowed, stacked or not */
  vote_ok (&room, dot, room.ana, room.a, 2);
  g_assert_cmpint (abierto_store_get_dots_left (room.store, dot, room.ana, NULL), ==, 1);
  assert_vote_refused (&room, dot, room.ana, room.b, 2, ABIERTO_STORE_ERROR_INVALID);
  vote_ok (&room, dot, room.ana, room.a, 1);
  assert_vote_refused (&room, dot, room.ana, room.c, 1, ABIERTO_STORE_ERROR_INVALID);
  g_assert_cmpint (abierto_store_get_dots_left (room.store, dot, room.ana, NULL), ==, 0);
  g_assert_cmpint (abierto_store_get_dots_left (room.store, dot, room.beto, NULL), ==, 3);
  assert_vote_refused (&room, dot, room.beto, room.a, 0, ABIERTO_STORE_ERROR_INVALID);
  assert_vote_refused (&room, dot, room.beto, room.a, 4, ABIERTO_STORE_ERROR_INVALID);

  /* a second approval of the same proposal */
  vote_ok (&room, approval, room.ana, room.a, 1);
  assert_vote_refused (&room, approval, room.ana, room.a, 1, ABIERTO_STORE_ERROR_INVALID);

  /* ratings outside the scale, or twice */
  vote_ok (&room, scale, room.ana, room.a, 5);
  assert_vote_refused (&room, scale, room.ana, room.a, 4, ABIERTO_STORE_ERROR_INVALID);
  assert_vote_refused (&room, scale, room.beto, room.a, 6, ABIERTO_STORE_ERROR_INVALID);
  assert_vote_refused (&room, scale, room.beto, room.a, 0, ABIERTO_STORE_ERROR_INVALID);

  /* a proposal or a participant from another session */
  assert_vote_refused (&room, dot, room.beto, room.foreign_proposal, 1,
                       ABIERTO_STORE_ERROR_INVALID);
  assert_vote_refused (&room, dot, room.stranger, room.a, 1, ABIERTO_STORE_ERROR_INVALID);
  assert_vote_refused (&room, approval, room.stranger, room.a, 1, ABIERTO_STORE_ERROR_INVALID);

  /* things that do not exist */
  assert_vote_refused (&room, 999, room.beto, room.a, 1, ABIERTO_STORE_ERROR_NOT_FOUND);
  assert_vote_refused (&room, dot, 999, room.a, 1, ABIERTO_STORE_ERROR_NOT_FOUND);
  assert_vote_refused (&room, dot, room.beto, 999, 1, ABIERTO_STORE_ERROR_NOT_FOUND);

  /* single votes in rounds that take ballots or counts */
  assert_vote_refused (&room, ranking, room.beto, room.a, 1, ABIERTO_STORE_ERROR_INVALID);
  assert_vote_refused (&room, tally, room.beto, room.a, 1, ABIERTO_STORE_ERROR_INVALID);

  /* a proposal ranked twice */
  twice[0] = room.a;
  twice[1] = room.b;
  twice[2] = room.a;
  snapshot_take (&snap, f->path);
  ok = abierto_store_add_ranking (room.store, ranking, room.ana, twice, 3, &error);
  assert_refused_change (room.store, ok, error, &snap, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* a ranking with a foreign proposal leaves nothing half-written */
  twice[2] = room.foreign_proposal;
  snapshot_take (&snap, f->path);
  ok = abierto_store_add_ranking (room.store, ranking, room.ana, twice, 3, &error);
  assert_refused_change (room.store, ok, error, &snap, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* a second ballot from the same person */
  twice[2] = room.c;
  g_assert_true (abierto_store_add_ranking (room.store, ranking, room.ana, twice, 3, &error));
  g_assert_no_error (error);
  snapshot_take (&snap, f->path);
  ok = abierto_store_add_ranking (room.store, ranking, room.ana, twice, 2, &error);
  assert_refused_change (room.store, ok, error, &snap, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* hand counts only in tally rounds, and sane */
  snapshot_take (&snap, f->path);
  ok = abierto_store_set_tally (room.store, dot, room.a, 3, &error);
  assert_refused_change (room.store, ok, error, &snap, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  snapshot_take (&snap, f->path);
  ok = abierto_store_set_tally (room.store, tally, room.a, 5000000, &error);
  assert_refused_change (room.store, ok, error, &snap, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  room_clear (&room);
}

/* "changed" comes after COMMIT: another connection already sees the row. */
static void
on_changed (AbiertoStore *store,
            const char   *table,
            gint64        session_id,
            gpointer      user_data)
{
  guint *n_seen = user_data;
  gint64 n_sessions = raw_int (abierto_store_get_path (store), "SELECT count(*) FROM session");

  g_assert_cmpstr (table, ==, "session");
  g_assert_cmpint (n_sessions, ==, 1);
  (*n_seen)++;
}

static void
test_changed_after_commit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_seen = 0;

  store = abierto_store_open (f->path, &error);
  g_signal_connect (store, "changed::session", G_CALLBACK (on_changed), &n_seen);
  add_session (store, "Sesión");
  g_assert_cmpuint (n_seen, ==, 1);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  gboolean healthy = FALSE;

  make_workshop_file (f->path);
  store = abierto_store_open (f->path, &error);
  g_assert_true (abierto_store_check (store, &healthy, &verdict, &error));
  g_assert_no_error (error);
  g_assert_true (healthy);
  g_assert_nonnull (strstr (verdict, "good order"));
  abierto_store_close (store, NULL);
  g_clear_object (&store);
  g_clear_pointer (&verdict, g_free);

  /* a dangling reference written behind our back */
  raw_exec (f->path, "PRAGMA foreign_keys = OFF;"
                     "UPDATE proposal SET session_id = 4242;");
  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_check (store, &healthy, &verdict, &error));
  g_assert_no_error (error);
  g_assert_false (healthy);
  g_assert_nonnull (strstr (verdict, "problems"));
}

/* The window and abierto-cli may have the same file open at once. */
static void
test_two_connections (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AbiertoStore) window = NULL;
  g_autoptr(AbiertoStore) cli = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;

  window = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  cli = abierto_store_open (f->path, &error);
  g_assert_no_error (error);

  add_session (cli, "Desde la terminal");
  g_assert_true (abierto_store_close (cli, &error));
  g_assert_no_error (error);

  /* the other one keeps working, in WAL mode, and sees the change */
  sessions = abierto_store_list_sessions (window, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  add_session (window, "Desde la ventana");
  g_assert_true (abierto_store_close (window, &error));
  g_assert_no_error (error);

  assert_no_side_files (f->path);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM session"), ==, 2);
}

static void
test_save_copy (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copia.abierto", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "copia.abierto", NULL);
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(AbiertoStore) reopened = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;
  guint n_files = 0;

  /* the store stays open: its last change is still only in the WAL */
  store = abierto_store_open (f->path, &error);
  add_session (store, "Antes de copiar");
  add_session (store, "Sólo en el WAL");

  g_assert_true (abierto_store_save_copy (f->path, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_no_side_files (copy);

  reopened = abierto_store_open (copy, &error);
  g_assert_no_error (error);
  sessions = abierto_store_list_sessions (reopened, &error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);

  /* never over itself, never half a file */
  g_assert_false (abierto_store_save_copy (f->path, f->path, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (abierto_store_save_copy (f->path, nowhere, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_IO);

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".abierto-copy"));
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 2);
}

static void
test_default_path (void)
{
  g_autofree char *path = abierto_store_dup_default_path ();

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/abierto/talleres.abierto"));
}

/* Threads */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_open_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *foreign = g_build_filename (f->dir, "contactos.db", NULL);
  g_autoptr(GListModel) sessions = NULL;
  Snapshot snap;

  make_workshop_file (f->path);

  abierto_store_open_async (f->path, NULL, store_result, &result);
  store = abierto_store_open_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  /* the store now belongs to this thread, which may use it */
  add_session (store, "Abierta en un hilo");
  sessions = abierto_store_list_sessions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);

  /* a refusal comes back as it does when opening in this thread */
  raw_exec (foreign, "CREATE TABLE contacts (name TEXT);");
  snapshot_take (&snap, foreign);
  abierto_store_open_async (foreign, NULL, store_result, &refused);
  g_assert_null (abierto_store_open_finish (wait_result (&refused), &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_FOREIGN);
  snapshot_assert_unchanged (&snap, foreign);
}

static void
test_reader (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(AbiertoStore) reader = NULL;
  g_autoptr(AbiertoSession) seen = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  first = add_session (store, "Antes");

  reader = abierto_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_is_read_only (reader));

  /* it sees what was committed, also after it was opened */
  second = add_session (store, "Después");
  sessions = abierto_store_list_sessions (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
  seen = abierto_store_get_session (reader, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (abierto_session_get_title (seen), ==, "Después");

  /* and never writes */
  g_assert_false (abierto_store_delete_session (reader, first, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_true (abierto_store_close (reader, &error));
  g_assert_no_error (error);
  g_assert_true (abierto_store_close (store, &error));
  g_assert_no_error (error);
  assert_no_side_files (f->path);
}

static void
test_results_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(AbiertoResults) sync = NULL;
  g_autoptr(AbiertoResults) async = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sync_json = NULL;
  g_autofree char *async_json = NULL;
  gint64 session, round, a, b;

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  session = add_session (store, "Resultados");
  a = add_proposal (store, session, "Rampas");
  b = add_proposal (store, session, "Bancas");
  round = add_round (store, session, ABIERTO_METHOD_DOT, 3);
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *alias = g_strdup_printf ("Persona %d", i);
      gint64 who = add_participant (store, session, alias);

      g_assert_true (abierto_store_add_vote (store, round, who, i % 3 ? a : b, 2, NULL, &error));
      g_assert_no_error (error);
    }

  sync = abierto_store_compute_results (store, round, &error);
  g_assert_no_error (error);
  abierto_store_compute_results_async (store, round, NULL, store_result, &result);
  async = abierto_store_compute_results_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (async);
  sync_json = abierto_results_to_csv (sync);
  async_json = abierto_results_to_csv (async);
  g_assert_cmpstr (async_json, ==, sync_json);
  g_assert_cmpuint (abierto_results_get_row (async, 0)->score, ==, 8);

  /* cancelled before it ran */
  g_cancellable_cancel (cancellable);
  abierto_store_compute_results_async (store, round, cancellable, store_result, &cancelled);
  g_assert_null (abierto_store_compute_results_finish (store, wait_result (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* while the store goes on writing */
  g_clear_object (&result);
  abierto_store_compute_results_async (store, 424242, NULL, store_result, &result);
  g_assert_null (abierto_store_compute_results_finish (store, wait_result (&result), &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
test_publication_url (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const refused[] = {
    "javascript:alert(1)", "ftp://datos.cdmx.gob.mx/taller", "datos.cdmx.gob.mx", "https://",
    "file:///etc/passwd",
  };
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(AbiertoSession) session = abierto_session_new ("Con enlace", ABIERTO_GROUP_CHILDREN);
  g_autoptr(AbiertoSession) read = NULL;
  g_autoptr(GError) error = NULL;

  store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);

  abierto_session_set_publication_url (session, "https://datos.cdmx.gob.mx/taller/ñandú?x=1");
  g_assert_true (abierto_store_add_session (store, session, &error));
  g_assert_no_error (error);
  read = abierto_store_get_session (store, abierto_session_get_id (session), &error);
  g_assert_cmpstr (abierto_session_get_publication_url (read), ==,
                   "https://datos.cdmx.gob.mx/taller/ñandú?x=1");

  /* empty means none */
  abierto_session_set_publication_url (session, "");
  g_assert_null (abierto_session_get_publication_url (session));
  g_assert_true (abierto_store_update_session (store, session, &error));
  g_clear_object (&read);
  read = abierto_store_get_session (store, abierto_session_get_id (session), &error);
  g_assert_null (abierto_session_get_publication_url (read));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      abierto_session_set_publication_url (session, refused[i]);
      g_assert_false (abierto_store_update_session (store, session, &error));
      g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_clear_object (&read);
  read = abierto_store_get_session (store, abierto_session_get_id (session), &error);
  g_assert_null (abierto_session_get_publication_url (read));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("create", test_create);
  ADD ("reopen", test_reopen);
  ADD ("missing-folder", test_missing_folder);
  ADD ("empty-sqlite", test_empty_sqlite);
  ADD ("refuse/text-file", test_refuse_text_file);
  ADD ("refuse/short-file", test_refuse_short_file);
  ADD ("refuse/foreign", test_refuse_foreign);
  ADD ("refuse/other-application-id", test_refuse_other_application_id);
  ADD ("refuse/newer", test_refuse_newer);
  ADD ("refuse/tampered", test_refuse_tampered);
  ADD ("refuse/wrong-types", test_refuse_wrong_types);
  ADD ("refuse/corrupt", test_refuse_corrupt);
  ADD ("refuse/truncated", test_refuse_truncated);
  ADD ("refuse/check-constraint", test_refuse_check_constraint);
  ADD ("refuse/huge-text", test_refuse_huge_text);
  ADD ("refuse/negative-id", test_refuse_negative_id);
  ADD ("refuse/other-wal", test_refuse_other_wal);
  ADD ("refuse/other-wal-folder", test_refuse_other_wal_folder);
  ADD ("refuse/other-wal-folder-shm", test_refuse_other_wal_folder_shm);
  ADD ("read-only", test_read_only);
  ADD ("sessions", test_sessions);
  ADD ("session-refusals", test_session_refusals);
  ADD ("long-text", test_long_text);
  ADD ("text-refusals", test_text_refusals);
  ADD ("participants", test_participants);
  ADD ("vote-refusals", test_vote_refusals);
  ADD ("changed-after-commit", test_changed_after_commit);
  ADD ("check", test_check);
  ADD ("two-connections", test_two_connections);
  ADD ("save-copy", test_save_copy);
  ADD ("open-async", test_open_async);
  ADD ("reader", test_reader);
  ADD ("results-async", test_results_async);
  ADD ("publication-url", test_publication_url);
  g_test_add_func ("/core/store/default-path", test_default_path);

  return g_test_run ();
}
