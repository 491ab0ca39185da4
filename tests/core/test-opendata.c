/* test-opendata.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open data from core: written by a reader in a worker thread, read again
 * when the file changes meanwhile, never half written, never over what
 * is not ours to replace. What the package holds is checked by
 * tests/cli/test_opendata.py.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abierto-opendata.h"
#include "abierto-store-private.h"

typedef struct
{
  char         *dir;
  char         *path;
  char         *out;
  AbiertoStore *store;
  AbiertoStore *reader;
  gint64        session;
  guint         n_calls;
  guint         n_changes;
  gboolean      keep_changing;
  const char   *meanwhile;  /* what to make while the file is read: "fifo" or "file" */
  char         *meanwhile_path;
} Fixture;

static void
add_proposal (Fixture    *f,
              const char *text)
{
  g_autoptr(AbiertoProposal) p = abierto_proposal_new (f->session, text);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_proposal (f->store, p, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AbiertoSession) session = abierto_session_new ("Parque Hundido 🌳 Ñandú",
                                                            ABIERTO_GROUP_OLDER_ADULTS);
  g_autoptr(GError) error = NULL;
  guint i;

  f->dir = g_dir_make_tmp ("abierto-opendata-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "taller.abierto", NULL);
  f->out = g_build_filename (f->dir, "paquete", NULL);
  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (abierto_store_add_session (f->store, session, &error));
  f->session = abierto_session_get_id (session);

  for (i = 0; i < 7; i++)
    {
      g_autofree char *alias = g_strdup_printf ("Persona-%u", i);
      g_autoptr(AbiertoParticipant) p = abierto_participant_new (f->session, alias);

      abierto_participant_set_age_band (p, i < 5 ? "60-69" : "70-79");
      g_assert_true (abierto_store_add_participant (f->store, p, &error));
      g_assert_no_error (error);
    }
  add_proposal (f, "Más luminarias en el parque");

  f->reader = abierto_store_open_reader (f->store, &error);
  g_assert_no_error (error);
}

/* The package's files, and anything else written in the folder */
static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_folder (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->reader);
  g_clear_object (&f->store);
  remove_folder (f->dir);
  g_free (f->meanwhile_path);
  g_free (f->out);
  g_free (f->path);
  g_free (f->dir);
}

static char *
read_output (const char *folder,
             const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Nothing but the workshop file and its journal beside it: no temporary
 * folder or file left behind. */
static void
assert_nothing_left (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "taller.abierto"));
}

static gpointer
write_worker (gpointer data)
{
  Fixture *f = data;
  AbiertoOpenDataOptions options;
  GError *error = NULL;

  abierto_opendata_options_init (&options);
  options.session_id = f->session;
  if (!abierto_opendata_write (f->reader, &options, f->out, NULL, &error))
    return error;

  return NULL;
}

static void
test_worker_thread (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *participation = NULL;

  g_assert_true (abierto_store_is_read_only (f->reader));

  /* as the window does: a reader of its own, in a worker */
  thread = g_thread_new ("opendata", write_worker, f);
  error = g_thread_join (g_steal_pointer (&thread));
  g_assert_no_error (error);

  sessions = read_output (f->out, "sessions.csv");
  g_assert_nonnull (strstr (sessions, ",7,\r\n"));
  participation = read_output (f->out, "participation.csv");
  g_assert_nonnull (strstr (participation, ",age_band,60-69,,fewer than 5\r\n"));
  g_assert_nonnull (strstr (participation, ",age_band,70-79,,fewer than 5\r\n"));
  g_assert_nonnull (strstr (participation, ",age_band,Not recorded,0,\r\n"));
  g_assert_null (strstr (participation, "Persona"));
}

/* An SQLite progress handler on the reader: the writer commits a new
 * proposal while the reader is in the middle of its queries. */
static int
change_meanwhile (void *data)
{
  Fixture *f = data;

  /* once, or now and then for as long as it takes */
  if (f->n_calls++ == 0 || (f->keep_changing && f->n_calls % 5 == 0))
    {
      g_autofree char *text = g_strdup_printf ("Propuesta escrita mientras tanto %u",
                                               f->n_changes);

      f->n_changes++;
      add_proposal (f, text);
    }

  return 0;
}

static void
test_read_again (Fixture       *f,
                 gconstpointer  data)
{
  AbiertoOpenDataOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *proposals = NULL;

  abierto_opendata_options_init (&options);
  sqlite3_progress_handler (_abierto_store_get_db (f->reader), 20, change_meanwhile, f);

  g_assert_true (abierto_opendata_write (f->reader, &options, f->out, NULL, &error));
  g_assert_no_error (error);
  sqlite3_progress_handler (_abierto_store_get_db (f->reader), 0, NULL, NULL);

  /* read again after the change, so it is there, whole */
  g_assert_cmpuint (f->n_changes, ==, 1);
  proposals = read_output (f->out, "proposals.csv");
  g_assert_nonnull (strstr (proposals, "Propuesta escrita mientras tanto 0"));
  g_assert_nonnull (strstr (proposals, "Más luminarias en el parque"));
}

static void
test_keeps_changing (Fixture       *f,
                     gconstpointer  data)
{
  AbiertoOpenDataOptions options;
  g_autoptr(GError) error = NULL;

  abierto_opendata_options_init (&options);
  f->keep_changing = TRUE;
  sqlite3_progress_handler (_abierto_store_get_db (f->reader), 20, change_meanwhile, f);

  g_assert_false (abierto_opendata_write (f->reader, &options, f->out, NULL, &error));
  g_assert_error (error, ABIERTO_OPENDATA_ERROR, ABIERTO_OPENDATA_ERROR_CHANGING);
  sqlite3_progress_handler (_abierto_store_get_db (f->reader), 0, NULL, NULL);

  g_assert_cmpuint (f->n_changes, >, 1);
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
  assert_nothing_left (f);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *zip = g_build_filename (f->dir, "paquete.zip", NULL);
  AbiertoOpenDataOptions options;
  g_autoptr(GError) error = NULL;

  abierto_opendata_options_init (&options);
  g_cancellable_cancel (cancellable);

  g_assert_false (abierto_opendata_write (f->reader, &options, f->out, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  options.zip = TRUE;
  g_assert_false (abierto_opendata_write (f->reader, &options, zip, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (zip, G_FILE_TEST_EXISTS));
  assert_nothing_left (f);
}

static void
test_threshold_refused (Fixture       *f,
                        gconstpointer  data)
{
  AbiertoOpenDataOptions options;
  guint bad[] = { 0, 1, 101 };
  guint i;

  abierto_opendata_options_init (&options);
  g_assert_cmpuint (options.threshold, ==, 5);
  g_assert_cmpint (options.session_id, ==, 0);
  g_assert_false (options.zip);

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      options.threshold = bad[i];
      g_assert_false (abierto_opendata_write (f->reader, &options, f->out, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
}

static void
test_package_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AbiertoSession) emoji = abierto_session_new ("🌳🌳", ABIERTO_GROUP_CHILDREN);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *all = NULL;
  g_autofree char *other = NULL;
  char *missing;

  name = abierto_opendata_dup_package_name (f->store, f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "abierto-parque-hundido-nandu");

  all = abierto_opendata_dup_package_name (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (all, ==, "abierto-talleres");

  /* nothing to spell it with: the start of its UUID */
  g_assert_true (abierto_store_add_session (f->store, emoji, &error));
  other = abierto_opendata_dup_package_name (f->store, abierto_session_get_id (emoji), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (other, "abierto-"));
  g_assert_cmpuint (strlen (other), ==, strlen ("abierto-") + 8);
  g_assert_true (g_str_has_prefix (abierto_session_get_uuid (emoji), other + strlen ("abierto-")));

  missing = abierto_opendata_dup_package_name (f->store, 999, &error);
  g_assert_null (missing);
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

/* Destinations */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted, as "a b c" */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static gboolean
is_fifo (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISFIFO (st.st_mode);
}

static void
assert_link (const char *path,
             const char *target)
{
  g_autofree char *read = g_file_read_link (path, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpstr (read, ==, target);
}

static gboolean
write_package (Fixture     *f,
               const char  *path,
               gboolean     zip,
               GError     **error)
{
  AbiertoOpenDataOptions options;

  abierto_opendata_options_init (&options);
  options.zip = zip;
  return abierto_opendata_write (f->reader, &options, path, NULL, error);
}

/* A pipe as the folder or the zip file, or what a link points to: it
 * is refused before anything is written, and is still a pipe. */
static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "tubo", NULL);
  g_autofree char *link = g_build_filename (f->dir, "enlace", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean zip;

  g_assert_no_errno (mkfifo (fifo, 0600));
  g_assert_no_errno (symlink ("tubo", link));
  before = list_folder (f->dir);

  for (zip = FALSE; zip <= TRUE; zip++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) through_link = NULL;

      g_assert_false (write_package (f, fifo, zip, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_nonnull (strstr (error->message, "/tubo” is a special file"));

      g_assert_false (write_package (f, link, zip, &through_link));
      g_assert_error (through_link, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_nonnull (strstr (through_link->message, "/enlace” is a special file"));
    }

  g_assert_true (is_fifo (fifo));
  assert_link (link, "tubo");
  after = list_folder (f->dir);
  g_assert_cmpstr (after, ==, before);
}

/* A link to an empty folder, or to a zip file: the package goes where
 * it points, and the link stays a link. */
static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *real = g_build_filename (f->dir, "real", NULL);
  g_autofree char *link = g_build_filename (f->dir, "enlace", NULL);
  g_autofree char *real_zip = g_build_filename (f->dir, "real.zip", NULL);
  g_autofree char *link_zip = g_build_filename (f->dir, "enlace.zip", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *zip_bytes = NULL;
  g_autofree char *descriptor = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gsize length;

  g_assert_no_errno (g_mkdir (real, 0750));
  g_assert_no_errno (symlink ("real", link));
  g_assert_true (g_file_set_contents (real_zip, "old", -1, NULL));
  g_assert_no_errno (symlink ("real.zip", link_zip));
  before = list_folder (f->dir);

  g_assert_true (write_package (f, link, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (write_package (f, link_zip, TRUE, &error));
  g_assert_no_error (error);

  assert_link (link, "real");
  assert_link (link_zip, "real.zip");
  g_assert_no_errno (g_stat (real, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0750);
  descriptor = read_output (real, "datapackage.json");
  g_assert_nonnull (strstr (descriptor, "\"tabular-data-package\""));
  inside = list_folder (real);
  g_assert_cmpstr (inside, ==,
                   "README.md commitment_proposals.csv commitment_updates.csv commitments.csv "
                   "datapackage.json participation.csv proposals.csv results.csv rounds.csv "
                   "sessions.csv");
  g_assert_true (g_file_get_contents (real_zip, &zip_bytes, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (zip_bytes, "PK\3\4", 4) == 0);

  /* nothing new beside them: no temporary folder or file */
  after = list_folder (f->dir);
  g_assert_cmpstr (after, ==, before);
}

/* A link to nothing is refused, and nothing is made where it points. */
static void
test_dangling_symlink (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->dir, "roto", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "usb", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean zip;

  g_assert_no_errno (symlink ("usb/datos", link));
  before = list_folder (f->dir);

  for (zip = FALSE; zip <= TRUE; zip++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (write_package (f, link, zip, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message,
                                "/roto” is a link to “usb/datos”, which does not exist"));
    }

  assert_link (link, "usb/datos");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  after = list_folder (f->dir);
  g_assert_cmpstr (after, ==, before);
}

/* An SQLite progress handler: while the package is read, after the
 * destination was looked at, something else takes its place. */
static int
make_meanwhile (void *data)
{
  Fixture *f = data;

  if (f->n_calls++ > 0)
    return 0;

  if (g_strcmp0 (f->meanwhile, "fifo") == 0)
    g_assert_no_errno (mkfifo (f->meanwhile_path, 0600));
  else
    g_assert_true (g_file_set_contents (f->meanwhile_path, "mis notas", -1, NULL));

  return 0;
}

/* What appears at the destination while the file is read is not
 * replaced, and the temporary folder or zip file goes away. */
static void
test_changed_meanwhile (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *zip = g_build_filename (f->dir, "datos.zip", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "vacia", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *inside = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _abierto_store_get_db (f->reader);

  g_assert_no_errno (g_mkdir (empty, 0755));
  before = list_folder (f->dir);

  /* a pipe where the zip file goes */
  f->meanwhile = "fifo";
  f->meanwhile_path = g_strdup (zip);
  sqlite3_progress_handler (db, 20, make_meanwhile, f);
  g_assert_false (write_package (f, zip, TRUE, &error));
  sqlite3_progress_handler (db, 0, NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpuint (f->n_calls, >, 0);
  g_assert_true (is_fifo (zip));
  g_assert_no_errno (g_unlink (zip));
  g_clear_error (&error);

  /* a file in the empty folder */
  f->n_calls = 0;
  f->meanwhile = "file";
  g_free (f->meanwhile_path);
  f->meanwhile_path = g_build_filename (empty, "notas.txt", NULL);
  sqlite3_progress_handler (db, 20, make_meanwhile, f);
  g_assert_false (write_package (f, empty, FALSE, &error));
  sqlite3_progress_handler (db, 0, NULL, NULL);
  g_assert_error (error, ABIERTO_OPENDATA_ERROR, ABIERTO_OPENDATA_ERROR_NOT_EMPTY);
  inside = list_folder (empty);
  g_assert_cmpstr (inside, ==, "notas.txt");

  after = list_folder (f->dir);
  g_assert_cmpstr (after, ==, before);
}

/* A failure once the folders above the destination were made takes
 * them away again: here the temporary name is too long for the disk. */
static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *name = g_strnfill (250, 'x');
  g_autofree char *deep = g_build_filename (f->dir, "nueva", "carpeta", name, NULL);
  g_autofree char *top = g_build_filename (f->dir, "nueva", NULL);
  g_autofree char *before = list_folder (f->dir);
  gboolean zip;

  for (zip = FALSE; zip <= TRUE; zip++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (write_package (f, deep, zip, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG);
      g_assert_false (g_file_test (top, G_FILE_TEST_EXISTS));
      after = list_folder (f->dir);
      g_assert_cmpstr (after, ==, before);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/core/opendata/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("worker-thread", test_worker_thread);
  ADD ("read-again", test_read_again);
  ADD ("keeps-changing", test_keeps_changing);
  ADD ("cancelled", test_cancelled);
  ADD ("threshold-refused", test_threshold_refused);
  ADD ("package-name", test_package_name);
  ADD ("destination/fifo", test_fifo);
  ADD ("destination/symlink", test_symlink);
  ADD ("destination/dangling-symlink", test_dangling_symlink);
  ADD ("destination/changed-meanwhile", test_changed_meanwhile);
  ADD ("destination/failure-leaves-nothing", test_failure_leaves_nothing);

  return g_test_run ();
}
