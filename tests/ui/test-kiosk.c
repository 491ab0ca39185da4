/* test-kiosk.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk, driven through its widgets as participants would: a ballot
 * of each method, the counts in the file, once per person, the idle
 * reset, the size of every target and the PIN.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "abierto-ballot.h"
#include "abierto-kiosk-window.h"
#include "abierto-voting-view.h"

typedef struct
{
  char         *dir;     /* owned */
  char         *path;    /* owned */
  AbiertoStore *store;   /* owned */
  gint64        session;
  gint64        ana, beto, caro;
  gint64        p[4];
  gint64        dot, approval, faces, points, ranking, tally;
} Fixture;

static const char * const proposal_texts[4] = {
  ("Un patio con juegos y sombra para el recreo, con bancas para las abuelitas que nos "
   "esperan a la salida"),
  "Árboles en la calle de la escuela",
  "Agua para beber en el recreo",
  "Una biblioteca abierta en las vacaciones",
};

static gint64
add_round (Fixture       *f,
           AbiertoMethod  method,
           guint          points)
{
  g_autoptr(AbiertoRound) round = abierto_round_new (f->session, method);
  g_autoptr(GError) error = NULL;

  if (method == ABIERTO_METHOD_SCALE)
    abierto_round_set_points (round, points);
  if (method == ABIERTO_METHOD_DOT)
    abierto_round_set_dots (round, 3);
  g_assert_true (abierto_store_add_round (f->store, round, &error));
  g_assert_no_error (error);

  return abierto_round_get_id (round);
}

static gint64
add_participant (Fixture    *f,
                 const char *alias)
{
  g_autoptr(AbiertoParticipant) participant = abierto_participant_new (f->session, alias);
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_participant (f->store, participant, &error));
  g_assert_no_error (error);

  return abierto_participant_get_id (participant);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AbiertoSession) session = abierto_session_new ("Escuela Benito Juárez",
                                                           ABIERTO_GROUP_CHILDREN);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("abierto-kiosk-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "taller.abierto", NULL);
  f->store = abierto_store_open (f->path, &error);
  g_assert_no_error (error);

  abierto_session_set_question (session, "¿Qué le falta a tu escuela?");
  g_assert_true (abierto_store_add_session (f->store, session, &error));
  g_assert_no_error (error);
  f->session = abierto_session_get_id (session);

  f->ana = add_participant (f, "Ana");
  f->beto = add_participant (f, "Beto");
  f->caro = add_participant (f, "Caro");
  for (guint i = 0; i < G_N_ELEMENTS (proposal_texts); i++)
    {
      g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (f->session, proposal_texts[i]);

      g_assert_true (abierto_store_add_proposal (f->store, proposal, &error));
      g_assert_no_error (error);
      f->p[i] = abierto_proposal_get_id (proposal);
    }

  f->dot = add_round (f, ABIERTO_METHOD_DOT, 0);
  f->approval = add_round (f, ABIERTO_METHOD_APPROVAL, 0);
  f->faces = add_round (f, ABIERTO_METHOD_SCALE, 3);
  f->points = add_round (f, ABIERTO_METHOD_SCALE, 5);
  f->ranking = add_round (f, ABIERTO_METHOD_RANKING, 0);
  f->tally = add_round (f, ABIERTO_METHOD_TALLY, 0);

  g_unsetenv ("ABIERTO_KIOSK_IDLE_SECONDS");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  abierto_store_close (f->store, NULL);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* Helpers */

static void
iterate_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Lets the window lay out and draw what changed. */
static void
settle (void)
{
  for (int i = 0; i < 5; i++)
    {
      g_usleep (5000);
      iterate_pending ();
    }
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
named (AbiertoKioskWindow *kiosk,
       const char         *format,
       ...) G_GNUC_PRINTF (2, 3);

/* The widget called @format, which must be there. */
static GtkWidget *
named (AbiertoKioskWindow *kiosk,
       const char         *format,
       ...)
{
  g_autofree char *name = NULL;
  GtkWidget *widget;
  va_list args;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);

  widget = find_named (GTK_WIDGET (kiosk), name);
  if (widget == NULL)
    g_error ("no widget named %s", name);

  return widget;
}

/* The label that reads @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A tap, as the user makes it: only on what can be tapped. */
static void
tap (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  settle ();
}

static void
tap_named (AbiertoKioskWindow *kiosk,
           const char         *name)
{
  tap (named (kiosk, "%s", name));
}

static void
type_pin (AbiertoKioskWindow *kiosk,
          const char         *prefix,
          const char         *pin)
{
  for (const char *c = pin; *c != '\0'; c++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%c", prefix, *c);

      tap_named (kiosk, name);
    }
  tap (named (kiosk, "%s-ok", prefix));
}

static AbiertoKioskWindow *
open_kiosk (Fixture *f,
            gint64   round_id,
            int      width,
            int      height)
{
  g_autoptr(GError) error = NULL;
  AbiertoKioskWindow *kiosk = abierto_kiosk_window_new (f->store, round_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kiosk);
  gtk_window_set_default_size (GTK_WINDOW (kiosk), width, height);
  gtk_window_present (GTK_WINDOW (kiosk));
  while (!gtk_widget_get_mapped (GTK_WIDGET (kiosk)))
    g_main_context_iteration (NULL, TRUE);
  settle ();

  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "set-pin");
  /* no speech on the test machine; never a button that does nothing */
  if (!abierto_kiosk_window_get_can_speak (kiosk))
    {
      g_autofree char *speak = g_strdup_printf ("speak-%" G_GINT64_FORMAT, f->p[0]);

      g_assert_null (find_named (GTK_WIDGET (kiosk), speak));
    }

  type_pin (kiosk, "set-pin", "2468");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "set-pin");
  type_pin (kiosk, "set-pin", "2468");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "welcome");

  return kiosk;
}

static void
close_kiosk (AbiertoKioskWindow *kiosk)
{
  gtk_window_destroy (GTK_WINDOW (kiosk));
  iterate_pending ();
}

/* The page of a kiosk, waiting for a page that comes after a time. */
static void
wait_page (AbiertoKioskWindow *kiosk,
           const char         *page)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_strcmp0 (abierto_kiosk_window_get_page (kiosk), page) != 0
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, page);
}

/* Straight from the file: the sum of the values for a proposal. */
static gint64
file_sum (Fixture    *f,
          gint64      round_id,
          gint64      proposal_id,
          const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(%s, 0) FROM vote "
                                          "WHERE round_id = ?1 AND (?2 = 0 OR proposal_id = ?2)",
                                          column);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, proposal_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static gint64
value_of (Fixture *f,
          gint64   round_id,
          gint64   proposal_id)
{
  return file_sum (f, round_id, proposal_id, "sum(value)");
}

static gint64
n_votes (Fixture *f,
         gint64   round_id)
{
  return file_sum (f, round_id, 0, "count(*)");
}

static void
start_as (AbiertoKioskWindow *kiosk,
          gint64              participant_id)
{
  tap_named (kiosk, "start");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "who");
  if (participant_id == 0)
    tap_named (kiosk, "anonymous");
  else
    tap (named (kiosk, "participant-%" G_GINT64_FORMAT, participant_id));
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "ballot");
}

static void
review_and_confirm (AbiertoKioskWindow *kiosk)
{
  tap_named (kiosk, "review");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "review");
  tap_named (kiosk, "confirm");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "thanks");
  wait_page (kiosk, "welcome");
}

/* Every button on show is at least 64×64. */
static void
check_targets (GtkWidget  *widget,
               const char *page)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_BUTTON (widget))
    {
      int width = gtk_widget_get_width (widget);
      int height = gtk_widget_get_height (widget);

      if (width < 64 || height < 64)
        g_error ("%s on page %s is %d×%d", gtk_widget_get_name (widget), page, width, height);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_targets (child, page);
}

/* …and nothing on the page makes the window wider than the screen. */
static void
check_page (AbiertoKioskWindow *kiosk,
            int                 width)
{
  settle ();
  check_targets (GTK_WIDGET (kiosk), abierto_kiosk_window_get_page (kiosk));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (kiosk)), <=, width);
}

/* Ballots */

static void
test_dot (Fixture       *f,
          gconstpointer  data)
{
  AbiertoKioskWindow *kiosk = open_kiosk (f, f->dot, 1280, 800);
  AbiertoBallotEntry entry = { 0, f->p[0], 1 };
  g_autoptr(GError) error = NULL;

  start_as (kiosk, f->ana);
  tap (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[0]));
  tap (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[0]));
  tap (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[3]));
  /* three dots given: no more */
  g_assert_false (gtk_widget_is_sensitive (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[1])));
  tap (named (kiosk, "take-%" G_GINT64_FORMAT, f->p[0]));
  tap (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[2]));
  /* nothing in the file before it is confirmed */
  g_assert_cmpint (n_votes (f, f->dot), ==, 0);

  tap_named (kiosk, "review");
  tap_named (kiosk, "change");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "ballot");
  review_and_confirm (kiosk);

  g_assert_cmpint (value_of (f, f->dot, f->p[0]), ==, 1);
  g_assert_cmpint (value_of (f, f->dot, f->p[1]), ==, 0);
  g_assert_cmpint (value_of (f, f->dot, f->p[2]), ==, 1);
  g_assert_cmpint (value_of (f, f->dot, f->p[3]), ==, 1);
  g_assert_true (abierto_store_has_voted (f->store, f->dot, f->ana, NULL));

  /* Ana is not offered again; Beto is */
  tap_named (kiosk, "start");
  {
    g_autofree char *ana = g_strdup_printf ("participant-%" G_GINT64_FORMAT, f->ana);

    g_assert_null (find_named (GTK_WIDGET (kiosk), ana));
  }
  g_assert_nonnull (named (kiosk, "participant-%" G_GINT64_FORMAT, f->beto));
  tap_named (kiosk, "who-back");

  /* and the file refuses her a second ballot */
  g_assert_false (abierto_store_cast_ballot (f->store, f->dot, f->ana, &entry, 1, &error));
  g_assert_error (error, ABIERTO_BALLOT_ERROR, ABIERTO_BALLOT_ERROR_ALREADY_VOTED);
  g_clear_error (&error);

  /* Beto votes elsewhere while his ballot is on show: refused, and said */
  start_as (kiosk, f->beto);
  tap (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[1]));
  tap_named (kiosk, "review");
  g_assert_true (abierto_store_cast_ballot (f->store, f->dot, f->beto, &entry, 1, &error));
  g_assert_no_error (error);
  tap_named (kiosk, "confirm");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "review");
  g_assert_true (gtk_widget_get_visible (named (kiosk, "error")));
  g_assert_cmpint (value_of (f, f->dot, f->p[1]), ==, 0);
  g_assert_cmpint (n_votes (f, f->dot), ==, 4);

  close_kiosk (kiosk);
}

static void
test_approval (Fixture       *f,
               gconstpointer  data)
{
  AbiertoKioskWindow *kiosk = open_kiosk (f, f->approval, 1280, 800);

  for (guint i = 0; i < 2; i++)
    {
      /* without a name, again and again */
      start_as (kiosk, 0);
      g_assert_false (gtk_widget_is_sensitive (named (kiosk, "review")));
      tap (named (kiosk, "approve-%" G_GINT64_FORMAT, f->p[1]));
      tap (named (kiosk, "approve-%" G_GINT64_FORMAT, f->p[2]));
      tap (named (kiosk, "approve-%" G_GINT64_FORMAT, f->p[3]));
      tap (named (kiosk, "approve-%" G_GINT64_FORMAT, f->p[3]));  /* changed her mind */
      g_assert_true (gtk_toggle_button_get_active (
        GTK_TOGGLE_BUTTON (named (kiosk, "approve-%" G_GINT64_FORMAT, f->p[1]))));
      g_assert_false (gtk_toggle_button_get_active (
        GTK_TOGGLE_BUTTON (named (kiosk, "approve-%" G_GINT64_FORMAT, f->p[3]))));
      review_and_confirm (kiosk);
    }

  g_assert_cmpint (value_of (f, f->approval, f->p[0]), ==, 0);
  g_assert_cmpint (value_of (f, f->approval, f->p[1]), ==, 2);
  g_assert_cmpint (value_of (f, f->approval, f->p[2]), ==, 2);
  g_assert_cmpint (value_of (f, f->approval, f->p[3]), ==, 0);

  close_kiosk (kiosk);
}

static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  AbiertoKioskWindow *kiosk = open_kiosk (f, f->faces, 1280, 800);

  start_as (kiosk, f->caro);
  /* three faces for children */
  g_assert_null (find_named (GTK_WIDGET (kiosk), "face4-1"));
  tap (named (kiosk, "face3-%" G_GINT64_FORMAT, f->p[0]));
  tap (named (kiosk, "face1-%" G_GINT64_FORMAT, f->p[1]));
  tap (named (kiosk, "face3-%" G_GINT64_FORMAT, f->p[0]));  /* taken back */
  g_assert_false (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (named (kiosk, "face3-%" G_GINT64_FORMAT, f->p[0]))));
  tap (named (kiosk, "face2-%" G_GINT64_FORMAT, f->p[0]));
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (named (kiosk, "face2-%" G_GINT64_FORMAT, f->p[0]))));
  review_and_confirm (kiosk);
  close_kiosk (kiosk);

  g_assert_cmpint (value_of (f, f->faces, f->p[0]), ==, 2);
  g_assert_cmpint (value_of (f, f->faces, f->p[1]), ==, 1);
  g_assert_cmpint (n_votes (f, f->faces), ==, 2);

  /* five points for adults */
  kiosk = open_kiosk (f, f->points, 800, 1280);
  start_as (kiosk, 0);
  tap (named (kiosk, "face5-%" G_GINT64_FORMAT, f->p[2]));
  tap (named (kiosk, "face4-%" G_GINT64_FORMAT, f->p[3]));
  review_and_confirm (kiosk);
  close_kiosk (kiosk);

  g_assert_cmpint (value_of (f, f->points, f->p[2]), ==, 5);
  g_assert_cmpint (value_of (f, f->points, f->p[3]), ==, 4);
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  AbiertoKioskWindow *kiosk = open_kiosk (f, f->ranking, 1280, 800);

  start_as (kiosk, f->beto);
  tap (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[2]));
  tap (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[0]));
  tap (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[1]));
  tap (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[3]));
  /* the first cannot go up, the last cannot go down */
  g_assert_false (gtk_widget_is_sensitive (named (kiosk, "up-%" G_GINT64_FORMAT, f->p[2])));
  g_assert_false (gtk_widget_is_sensitive (named (kiosk, "down-%" G_GINT64_FORMAT, f->p[3])));
  tap (named (kiosk, "up-%" G_GINT64_FORMAT, f->p[1]));    /* 2, 1, 0, 3 */
  tap (named (kiosk, "down-%" G_GINT64_FORMAT, f->p[2]));  /* 1, 2, 0, 3 */
  tap (named (kiosk, "unrank-%" G_GINT64_FORMAT, f->p[3]));  /* 1, 2, 0 */
  g_assert_true (gtk_widget_get_visible (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[3])));
  review_and_confirm (kiosk);
  close_kiosk (kiosk);

  g_assert_cmpint (value_of (f, f->ranking, f->p[1]), ==, 1);
  g_assert_cmpint (value_of (f, f->ranking, f->p[2]), ==, 2);
  g_assert_cmpint (value_of (f, f->ranking, f->p[0]), ==, 3);
  g_assert_cmpint (n_votes (f, f->ranking), ==, 3);
}

static void
test_tally_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (abierto_kiosk_window_new (f->store, f->tally, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (abierto_kiosk_window_new (f->store, 999, &error));
  g_assert_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND);
}

static void
test_idle (Fixture       *f,
           gconstpointer  data)
{
  AbiertoKioskWindow *kiosk;

  g_setenv ("ABIERTO_KIOSK_IDLE_SECONDS", "1", TRUE);
  kiosk = open_kiosk (f, f->dot, 1280, 800);

  start_as (kiosk, f->ana);
  tap (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[0]));
  tap_named (kiosk, "review");
  /* she walks away */
  wait_page (kiosk, "welcome");
  g_assert_cmpint (n_votes (f, f->dot), ==, 0);
  g_assert_false (abierto_store_has_voted (f->store, f->dot, f->ana, NULL));

  /* the next person starts from nothing, and Ana can still vote */
  start_as (kiosk, f->ana);
  g_assert_false (gtk_widget_is_sensitive (named (kiosk, "review")));
  g_assert_false (gtk_widget_is_sensitive (named (kiosk, "take-%" G_GINT64_FORMAT, f->p[0])));

  close_kiosk (kiosk);
}

static void
check_all_pages (Fixture *f,
                 gint64   round_id,
                 int      width,
                 int      height)
{
  AbiertoKioskWindow *kiosk;

  g_unsetenv ("ABIERTO_KIOSK_IDLE_SECONDS");
  kiosk = abierto_kiosk_window_new (f->store, round_id, NULL);
  gtk_window_set_default_size (GTK_WINDOW (kiosk), width, height);
  gtk_window_present (GTK_WINDOW (kiosk));
  while (!gtk_widget_get_mapped (GTK_WIDGET (kiosk)))
    g_main_context_iteration (NULL, TRUE);
  check_page (kiosk, width);
  type_pin (kiosk, "set-pin", "1357");
  type_pin (kiosk, "set-pin", "1357");
  check_page (kiosk, width);
  tap_named (kiosk, "start");
  check_page (kiosk, width);
  tap_named (kiosk, "anonymous");
  check_page (kiosk, width);
  if (round_id == f->ranking)
    {
      tap (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[0]));
      tap (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[1]));
      check_page (kiosk, width);
    }
  abierto_kiosk_window_ask_pin (kiosk);
  check_page (kiosk, width);
  tap_named (kiosk, "unlock-cancel");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "ballot");
  close_kiosk (kiosk);
}

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  const gint64 rounds[] = { f->dot, f->approval, f->faces, f->points, f->ranking };

  for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
    {
      check_all_pages (f, rounds[i], 1280, 800);
      check_all_pages (f, rounds[i], 800, 1280);
    }
}

static void
left_cb (AbiertoKioskWindow *kiosk,
         gboolean           *left)
{
  *left = TRUE;
}

static void
test_pin (Fixture       *f,
          gconstpointer  data)
{
  AbiertoKioskWindow *kiosk = open_kiosk (f, f->approval, 1280, 800);
  gboolean left = FALSE;

  g_object_add_weak_pointer (G_OBJECT (kiosk), (gpointer *) &kiosk);
  g_signal_connect (kiosk, "left", G_CALLBACK (left_cb), &left);

  /* neither closing nor a wrong PIN leaves */
  gtk_window_close (GTK_WINDOW (kiosk));
  iterate_pending ();
  g_assert_nonnull (kiosk);

  start_as (kiosk, 0);
  abierto_kiosk_window_ask_pin (kiosk);
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "unlock");
  type_pin (kiosk, "unlock", "1111");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "unlock");
  g_assert_false (left);
  /* too few digits are nothing */
  type_pin (kiosk, "unlock", "246");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "unlock");
  tap_named (kiosk, "unlock-erase");
  tap_named (kiosk, "unlock-erase");
  tap_named (kiosk, "unlock-erase");
  g_assert_false (left);
  g_assert_nonnull (kiosk);

  type_pin (kiosk, "unlock", "2468");
  g_assert_true (left);
  g_assert_null (kiosk);
}

/* Guessing: three wrong PINs rest the pad, which says for how long; the
 * right PIN does nothing then; each further wrong one rests it longer. */
static void
test_pin_lockout (Fixture       *f,
                  gconstpointer  data)
{
  AbiertoKioskWindow *kiosk;
  gboolean left = FALSE;
  GtkWidget *digit, *hint;
  gint64 end;

  g_setenv ("ABIERTO_KIOSK_PIN_WAIT_SECONDS", "1", TRUE);
  kiosk = open_kiosk (f, f->approval, 1280, 800);
  g_unsetenv ("ABIERTO_KIOSK_PIN_WAIT_SECONDS");
  g_object_add_weak_pointer (G_OBJECT (kiosk), (gpointer *) &kiosk);
  g_signal_connect (kiosk, "left", G_CALLBACK (left_cb), &left);

  start_as (kiosk, 0);
  abierto_kiosk_window_ask_pin (kiosk);
  digit = named (kiosk, "unlock-2");
  type_pin (kiosk, "unlock", "1111");
  type_pin (kiosk, "unlock", "1112");
  g_assert_true (gtk_widget_is_sensitive (digit));
  type_pin (kiosk, "unlock", "1113");
  g_assert_false (gtk_widget_is_sensitive (digit));

  /* the hint says why and for how long, in words */
  hint = find_label (GTK_WIDGET (kiosk), "Too many wrong PINs. Wait 1 second before trying again.");
  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_get_mapped (hint));

  /* the right PIN, reaching the pad some other way (the keyboard goes
   * the same way as these clicks) while it rests, is refused */
  for (const char *c = "2468"; *c != '\0'; c++)
    g_signal_emit_by_name (named (kiosk, "unlock-%c", *c), "clicked");
  g_signal_emit_by_name (named (kiosk, "unlock-ok"), "clicked");
  settle ();
  g_assert_false (left);
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "unlock");

  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!gtk_widget_is_sensitive (digit) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_is_sensitive (digit));

  /* one more wrong PIN: twice the rest */
  type_pin (kiosk, "unlock", "9999");
  g_assert_false (gtk_widget_is_sensitive (digit));
  g_assert_nonnull (find_label (GTK_WIDGET (kiosk),
                                "Too many wrong PINs. Wait 2 seconds before trying again."));

  end = g_get_monotonic_time () + 6 * G_USEC_PER_SEC;
  while (!gtk_widget_is_sensitive (digit) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  type_pin (kiosk, "unlock", "2468");
  g_assert_true (left);
  g_assert_null (kiosk);
}

static void
test_pin_mismatch (Fixture       *f,
                   gconstpointer  data)
{
  AbiertoKioskWindow *kiosk = abierto_kiosk_window_new (f->store, f->dot, NULL);
  gboolean left = FALSE;

  gtk_window_present (GTK_WINDOW (kiosk));
  type_pin (kiosk, "set-pin", "1234");
  type_pin (kiosk, "set-pin", "4321");
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "set-pin");
  /* no gesture leads out before there is a PIN */
  abierto_kiosk_window_ask_pin (kiosk);
  g_assert_cmpstr (abierto_kiosk_window_get_page (kiosk), ==, "set-pin");

  /* the facilitator changes their mind before handing it over */
  g_object_add_weak_pointer (G_OBJECT (kiosk), (gpointer *) &kiosk);
  g_signal_connect (kiosk, "left", G_CALLBACK (left_cb), &left);
  tap_named (kiosk, "set-pin-cancel");
  g_assert_true (left);
  g_assert_null (kiosk);
}

/* From the window: the voting view's button opens the kiosk on its round. */
static void
test_from_voting_view (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AbiertoUndoStack) undo = abierto_undo_stack_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = abierto_voting_view_new (f->store, undo, f->session);
  AbiertoKioskWindow *kiosk = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  abierto_voting_view_set_round_id (ABIERTO_VOTING_VIEW (view), f->approval);
  iterate_pending ();

  g_assert_true (gtk_widget_activate_action (view, "voting.kiosk", NULL));
  iterate_pending ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ABIERTO_IS_KIOSK_WINDOW (toplevel))
        kiosk = ABIERTO_KIOSK_WINDOW (toplevel);
    }
  g_assert_nonnull (kiosk);
  g_assert_cmpint (abierto_kiosk_window_get_round_id (kiosk), ==, f->approval);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (kiosk)));
  tap_named (kiosk, "set-pin-cancel");

  /* a hand count is not voted in a kiosk */
  abierto_voting_view_set_round_id (ABIERTO_VOTING_VIEW (view), f->tally);
  iterate_pending ();
  gtk_widget_activate_action (view, "voting.kiosk", NULL);
  iterate_pending ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      g_assert_false (ABIERTO_IS_KIOSK_WINDOW (toplevel));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_pending ();
}

/* Screenshots, when ABIERTO_SCREENSHOT_DIR says where */

static void
save_screenshot (GtkWidget  *widget,
                 const char *dir,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      iterate_pending ();
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%dx%d)", path, width, height);
}

static void
shoot_round (Fixture    *f,
             const char *dir,
             gint64      round_id,
             const char *kind,
             int         width,
             int         height,
             gboolean    all_pages)
{
  AbiertoKioskWindow *kiosk = open_kiosk (f, round_id, width, height);
  g_autofree char *ballot = g_strdup_printf ("kiosk-%s-%dx%d.png", kind, width, height);
  g_autofree char *review = g_strdup_printf ("kiosk-%s-review-%dx%d.png", kind, width, height);

  if (all_pages)
    {
      g_autofree char *welcome = g_strdup_printf ("kiosk-welcome-%dx%d.png", width, height);
      g_autofree char *who = g_strdup_printf ("kiosk-who-%dx%d.png", width, height);
      g_autofree char *unlock = g_strdup_printf ("kiosk-unlock-%dx%d.png", width, height);

      save_screenshot (GTK_WIDGET (kiosk), dir, welcome);
      tap_named (kiosk, "start");
      save_screenshot (GTK_WIDGET (kiosk), dir, who);
      abierto_kiosk_window_ask_pin (kiosk);
      type_pin (kiosk, "unlock", "1");
      save_screenshot (GTK_WIDGET (kiosk), dir, unlock);
      tap_named (kiosk, "unlock-cancel");
      tap_named (kiosk, "anonymous");
    }
  else
    {
      start_as (kiosk, 0);
    }

  if (round_id == f->dot)
    {
      tap (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[0]));
      tap (named (kiosk, "give-%" G_GINT64_FORMAT, f->p[0]));
    }
  else if (round_id == f->approval)
    {
      tap (named (kiosk, "approve-%" G_GINT64_FORMAT, f->p[1]));
    }
  else if (round_id == f->faces || round_id == f->points)
    {
      tap (named (kiosk, "face3-%" G_GINT64_FORMAT, f->p[0]));
      tap (named (kiosk, "face1-%" G_GINT64_FORMAT, f->p[1]));
    }
  else if (round_id == f->ranking)
    {
      tap (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[2]));
      tap (named (kiosk, "rank-%" G_GINT64_FORMAT, f->p[0]));
    }
  save_screenshot (GTK_WIDGET (kiosk), dir, ballot);
  tap_named (kiosk, "review");
  save_screenshot (GTK_WIDGET (kiosk), dir, review);
  close_kiosk (kiosk);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("ABIERTO_SCREENSHOT_DIR");
  const int sizes[][2] = { { 1280, 800 }, { 800, 1280 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (dir == NULL)
    {
      g_test_skip ("set ABIERTO_SCREENSHOT_DIR to take screenshots");
      return;
    }
  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int w = sizes[i][0], h = sizes[i][1];

      shoot_round (f, dir, f->dot, "dot", w, h, TRUE);
      shoot_round (f, dir, f->approval, "approval", w, h, FALSE);
      shoot_round (f, dir, f->faces, "faces", w, h, FALSE);
      shoot_round (f, dir, f->points, "points", w, h, FALSE);
      shoot_round (f, dir, f->ranking, "ranking", w, h, FALSE);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  shoot_round (f, dir, f->dot, "dot-dark", 1280, 800, FALSE);
  shoot_round (f, dir, f->faces, "faces-dark", 800, 1280, FALSE);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* the thanks page stays 4 s for people; 1 s is enough here */
  g_setenv ("ABIERTO_KIOSK_THANKS_SECONDS", "1", TRUE);
  g_setenv ("ABIERTO_KIOSK_NO_SPEECH", "1", TRUE);

#define ADD(path, func) \
  g_test_add ("/kiosk/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("dot", test_dot);
  ADD ("approval", test_approval);
  ADD ("scale", test_scale);
  ADD ("ranking", test_ranking);
  ADD ("tally-refused", test_tally_refused);
  ADD ("idle", test_idle);
  ADD ("targets", test_targets);
  ADD ("pin", test_pin);
  ADD ("pin-mismatch", test_pin_mismatch);
  ADD ("pin-lockout", test_pin_lockout);
  ADD ("from-voting-view", test_from_voting_view);
  ADD ("screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
