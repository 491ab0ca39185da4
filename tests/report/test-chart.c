/* test-chart.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Results charts, checked on real pixels: results come from a workshop
 * file through core, the chart is drawn on an image surface inside a
 * margin painted with a colour the chart never uses, and the test looks
 * at what landed where.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "abierto-chart.h"
#include "abierto-chart-private.h"
#include "abierto-palette.h"
#include "abierto-store.h"

#define MARGIN   40
#define SENTINEL 0xFF00FF    /* magenta: in no style of the chart */
#define WIDTH    600
#define N_PEOPLE 8

typedef struct
{
  char         *dir;
  AbiertoStore *store;
  gint64        session;
  gint64        people[N_PEOPLE];
  gint64        a, b, c, d;   /* proposals */
} Fixture;

static gint64
add_proposal (Fixture    *f,
              const char *title,
              const char *text)
{
  g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (f->session, text);
  g_autoptr(GError) error = NULL;

  abierto_proposal_set_title (proposal, title);
  g_assert_true (abierto_store_add_proposal (f->store, proposal, &error));
  g_assert_no_error (error);
  return abierto_proposal_get_id (proposal);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AbiertoSession) session = abierto_session_new ("Parque de Los Venados",
                                                           ABIERTO_GROUP_MIXED);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint i;

  f->dir = g_dir_make_tmp ("abierto-chart-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "taller.abierto", NULL);
  f->store = abierto_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (abierto_store_add_session (f->store, session, &error));
  g_assert_no_error (error);
  f->session = abierto_session_get_id (session);

  for (i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *alias = g_strdup_printf ("Persona %u", i + 1);
      g_autoptr(AbiertoParticipant) p = abierto_participant_new (f->session, alias);

      g_assert_true (abierto_store_add_participant (f->store, p, &error));
      g_assert_no_error (error);
      f->people[i] = abierto_participant_get_id (p);
    }

  f->a = add_proposal (f, "Más bancas con sombra 🌳", "Bancas bajo los árboles");
  f->b = add_proposal (f, "Baños accesibles para personas en silla de ruedas",
                       "Baños accesibles");
  f->c = add_proposal (f, NULL, "Iluminación en las noches, sobre todo en la salida del metro");
  f->d = add_proposal (f, "Árboles", "Sembrar árboles");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_close (f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
round_new (Fixture       *f,
           AbiertoMethod  method,
           guint          dots,
           guint          points)
{
  g_autoptr(AbiertoRound) round = abierto_round_new (f->session, method);
  g_autoptr(GError) error = NULL;

  abierto_round_set_dots (round, dots);
  abierto_round_set_points (round, points);
  g_assert_true (abierto_store_add_round (f->store, round, &error));
  g_assert_no_error (error);
  return abierto_round_get_id (round);
}

static void
vote (Fixture *f,
      gint64   round,
      guint    person,
      gint64   proposal,
      gint     value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (abierto_store_add_vote (f->store, round, f->people[person], proposal, value,
                                         NULL, &error));
  g_assert_no_error (error);
}

static AbiertoResults *
results_of (Fixture *f,
            gint64   round)
{
  g_autoptr(GError) error = NULL;
  AbiertoResults *results = abierto_store_compute_results (f->store, round, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

/* A = 7, B = 3, C = 1, D = 0 dots */
static AbiertoResults *
dot_results (Fixture *f)
{
  gint64 round = round_new (f, ABIERTO_METHOD_DOT, 10, 5);

  vote (f, round, 0, f->a, 5);
  vote (f, round, 1, f->a, 2);
  vote (f, round, 2, f->b, 3);
  vote (f, round, 3, f->c, 1);
  return results_of (f, round);
}

/* A = 5, B = C = 3 (a tie), D = 1 */
static AbiertoResults *
approval_results (Fixture *f)
{
  gint64 round = round_new (f, ABIERTO_METHOD_APPROVAL, 3, 5);
  guint i;

  for (i = 0; i < 5; i++)
    vote (f, round, i, f->a, 1);
  for (i = 0; i < 3; i++)
    {
      vote (f, round, i + 2, f->b, 1);
      vote (f, round, i + 4, f->c, 1);
    }
  vote (f, round, 7, f->d, 1);
  return results_of (f, round);
}

static AbiertoResults *
tally_results (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_TALLY, 3, 5);

  g_assert_true (abierto_store_set_tally (f->store, round, f->a, 23, &error));
  g_assert_true (abierto_store_set_tally (f->store, round, f->b, 17, &error));
  g_assert_true (abierto_store_set_tally (f->store, round, f->c, 4, &error));
  g_assert_true (abierto_store_set_tally (f->store, round, f->d, 9, &error));
  g_assert_no_error (error);
  return results_of (f, round);
}

static AbiertoResults *
ranking_results (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 round = round_new (f, ABIERTO_METHOD_RANKING, 3, 5);
  const gint64 orders[][4] = {
    { f->b, f->a, f->c, f->d },
    { f->b, f->c, f->a, f->d },
    { f->a, f->b, f->d, f->c },
    { f->c, f->b, f->a, f->d },
    { f->b, f->a, f->d, f->c },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_assert_true (abierto_store_add_ranking (f->store, round, f->people[i], orders[i], 4,
                                                &error));
      g_assert_no_error (error);
    }
  return results_of (f, round);
}

static AbiertoResults *
scale_results (Fixture *f,
               guint    points)
{
  /* ratings of each person for A, B, C, D; 0 is no rating */
  static const gint three[N_PEOPLE][4] = {
    { 3, 2, 1, 3 }, { 3, 3, 1, 0 }, { 3, 2, 2, 1 }, { 2, 1, 1, 3 },
    { 3, 3, 2, 2 }, { 3, 2, 1, 0 }, { 1, 3, 3, 3 }, { 3, 2, 1, 2 },
  };
  static const gint five[N_PEOPLE][4] = {
    { 5, 4, 1, 3 }, { 4, 5, 2, 0 }, { 5, 3, 1, 4 }, { 5, 2, 2, 5 },
    { 3, 4, 1, 3 }, { 4, 4, 3, 0 }, { 5, 1, 2, 2 }, { 4, 3, 1, 4 },
  };
  gint64 round = round_new (f, ABIERTO_METHOD_SCALE, 3, points);
  gint64 proposals[4] = { f->a, f->b, f->c, f->d };
  guint i, j;

  for (i = 0; i < N_PEOPLE; i++)
    for (j = 0; j < 4; j++)
      {
        gint value = points == 3 ? three[i][j] : five[i][j];

        if (value > 0)
          vote (f, round, i, proposals[j], value);
      }
  return results_of (f, round);
}

static AbiertoResults *
results_for_method (Fixture       *f,
                    AbiertoMethod  method,
                    guint          points)
{
  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      return dot_results (f);
    case ABIERTO_METHOD_APPROVAL:
      return approval_results (f);
    case ABIERTO_METHOD_TALLY:
      return tally_results (f);
    case ABIERTO_METHOD_RANKING:
      return ranking_results (f);
    case ABIERTO_METHOD_SCALE:
    default:
      return scale_results (f, points);
    }
}

/* Pixels */

static int
preferred_height (AbiertoResults          *results,
                  const AbiertoChartStyle *style,
                  double                   width)
{
  double height = abierto_chart_get_preferred_height (results, style, width);

  g_assert_cmpfloat (height, >, 0);
  g_assert_true (isfinite (height));
  return (int) ceil (height);
}

/* The chart at (MARGIN, MARGIN) of a surface painted with SENTINEL. */
static cairo_surface_t *
render (AbiertoResults          *results,
        const AbiertoChartStyle *style,
        int                      width,
        int                      height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 2 * MARGIN,
                                        height + 2 * MARGIN);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  /* translated, not clipped: keeping inside is the chart's own job */
  cairo_translate (cr, MARGIN, MARGIN);
  abierto_chart_draw (cr, results, style, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* 0xRRGGBB of a chart pixel (x, y), the chart's own coordinates */
static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;

  x += MARGIN;
  y += MARGIN;
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  memcpy (&argb, data + (gsize) y * stride + (gsize) x * 4, sizeof argb);
  g_assert_cmphex (argb >> 24, ==, 0xff);
  return argb & 0xffffff;
}

static gboolean
color_near (guint32 a,
            guint32 b,
            int     tolerance)
{
  int shift;

  for (shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;

  return TRUE;
}

static void
assert_margins_untouched (cairo_surface_t *surface,
                          int              width,
                          int              height)
{
  int x, y;

  for (y = -MARGIN; y < height + MARGIN; y++)
    for (x = -MARGIN; x < width + MARGIN; x++)
      {
        if (x >= 0 && x < width && y >= 0 && y < height)
          continue;
        if (pixel (surface, x, y) != SENTINEL)
          g_error ("the chart drew at (%d, %d), outside its %d x %d area", x, y, width, height);
      }
}

/* pixels in a chart rectangle that are not @background */
static guint
count_ink (cairo_surface_t *surface,
           guint32          background,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  guint n = 0;
  int x, y;

  for (y = y0; y < y1; y++)
    for (x = x0; x < x1; x++)
      if (!color_near (pixel (surface, x, y), background, 8))
        n++;

  return n;
}

static guint
count_color (cairo_surface_t *surface,
             guint32          color,
             int              x0,
             int              y0,
             int              x1,
             int              y1)
{
  guint n = 0;
  int x, y;

  for (y = y0; y < y1; y++)
    for (x = x0; x < x1; x++)
      if (color_near (pixel (surface, x, y), color, 3))
        n++;

  return n;
}

/* from the first to the last pixel of @color along row @y */
static int
color_run (cairo_surface_t *surface,
           guint32          color,
           int              y,
           int              width)
{
  int first = -1, last = -1;
  int x;

  for (x = 0; x < width; x++)
    if (color_near (pixel (surface, x, y), color, 3))
      {
        if (first < 0)
          first = x;
        last = x;
      }

  return first < 0 ? 0 : last - first + 1;
}

static guint32
background_of (const AbiertoChartStyle *style)
{
  if (style->high_contrast)
    return style->dark ? 0x000000 : 0xFFFFFF;
  return style->dark ? 0x1E1E1E : 0xFFFFFF;
}

/* Tests */

static void
test_chart_bars (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = dot_results (f);
  AbiertoChartStyle style;
  cairo_rectangle_t first, second, third, fourth;
  cairo_surface_t *surface;
  int height;
  int run_a, run_b, run_c;

  abierto_chart_style_init_default (&style);
  height = preferred_height (results, &style, WIDTH);
  surface = render (results, &style, WIDTH, height);
  assert_margins_untouched (surface, WIDTH, height);

  g_assert_true (abierto_chart_get_bar_extents (results, &style, WIDTH, 0, &first));
  g_assert_true (abierto_chart_get_bar_extents (results, &style, WIDTH, 1, &second));
  g_assert_true (abierto_chart_get_bar_extents (results, &style, WIDTH, 2, &third));
  g_assert_true (abierto_chart_get_bar_extents (results, &style, WIDTH, 3, &fourth));
  g_assert_false (abierto_chart_get_bar_extents (results, &style, WIDTH, 4, &fourth));

  /* bars top to bottom, inside the area, as long as their scores */
  g_assert_cmpfloat (first.y, <, second.y);
  g_assert_cmpfloat (second.y, <, third.y);
  g_assert_cmpfloat (third.y + third.height, <=, height);
  g_assert_cmpfloat (first.x + first.width, <=, WIDTH);
  g_assert_cmpfloat_with_epsilon (second.width, first.width * 3 / 7, 1.0);
  g_assert_cmpfloat_with_epsilon (third.width, first.width * 1 / 7, 1.0);
  g_assert_cmpfloat (fourth.width, ==, 0);

  /* first place: the first colour of the palette where its bar is */
  g_assert_cmphex (pixel (surface, first.x + first.width * 0.3, first.y + first.height / 2), ==,
                   abierto_palette_get_hex (ABIERTO_PALETTE_ORANGE));
  /* ... and an outline in the text colour, not colour alone */
  g_assert_true (color_near (pixel (surface, first.x + first.width * 0.3, first.y), 0x1E1E1E, 8));

  /* more dots, a longer run of bar colour */
  run_a = color_run (surface, abierto_palette_get_hex (ABIERTO_PALETTE_ORANGE),
                     first.y + first.height / 2, WIDTH);
  run_b = color_run (surface, abierto_palette_get_hex (ABIERTO_PALETTE_BLUE),
                     second.y + second.height / 2, WIDTH);
  run_c = color_run (surface, abierto_palette_get_hex (ABIERTO_PALETTE_BLUE),
                     third.y + third.height / 2, WIDTH);
  g_test_message ("runs: %d, %d, %d", run_a, run_b, run_c);
  g_assert_cmpint (run_a, >, run_b);
  g_assert_cmpint (run_b, >, run_c);
  g_assert_cmpint (run_c, >, 0);
  g_assert_cmpint (ABS (run_b - (int) round (second.width)), <=, 2);
  g_assert_cmpint (ABS (run_c - (int) round (third.width)), <=, 2);
  /* no bar at all for no dots */
  g_assert_cmpint (color_run (surface, abierto_palette_get_hex (ABIERTO_PALETTE_BLUE),
                              fourth.y + fourth.height / 2, WIDTH), ==, 0);

  /* the background where nothing is drawn */
  g_assert_cmphex (pixel (surface, 0, 0), ==, 0xFFFFFF);
  g_assert_cmphex (pixel (surface, WIDTH - 1, height - 1), ==, 0xFFFFFF);

  cairo_surface_destroy (surface);
}

static void
test_chart_scale_colors (Fixture       *f,
                         gconstpointer  data)
{
  guint points;

  for (points = 3; points <= 5; points += 2)
    {
      g_autoptr(AbiertoResults) results = scale_results (f, points);
      AbiertoChartStyle style;
      cairo_rectangle_t band, part;
      cairo_surface_t *surface;
      guint first, i;
      int height, y;
      guint32 dislike = abierto_palette_get_hex (ABIERTO_PALETTE_VERMILLION);

      abierto_chart_style_init_default (&style);
      height = preferred_height (results, &style, WIDTH);
      surface = render (results, &style, WIDTH, height);
      assert_margins_untouched (surface, WIDTH, height);

      /* C, rated lowest, is last; most of its bar is "dislike", hatched
       * but mostly in its colour */
      g_assert_cmpint (abierto_results_get_row (results, 3)->proposal_id, ==, f->c);
      g_assert_true (abierto_chart_get_bar_extents (results, &style, WIDTH, 3, &band));
      g_assert_true (abierto_chart_get_segment_extents (results, &style, WIDTH, 3, 1, &part));
      y = band.y + 3;
      g_assert_cmpuint (count_color (surface, dislike, band.x, y, band.x + band.width, y + 1),
                        >, part.width * 0.35);
      g_assert_cmpfloat (part.width, >, band.width * (points == 3 ? 0.25 : 0.2));

      /* and the best one, A, has little of it */
      g_assert_true (abierto_chart_get_bar_extents (results, &style, WIDTH, 0, &band));
      y = band.y + 3;
      first = count_color (surface, dislike, band.x, y, band.x + band.width, y + 1);
      g_assert_cmpuint (first, <, band.width * 0.2);

      /* every point of the scale shows somewhere */
      for (i = 1; i <= points; i++)
        {
          AbiertoPaletteColor colors5[] = { ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_ORANGE, 0,
                                            ABIERTO_PALETTE_SKY_BLUE, ABIERTO_PALETTE_BLUE };
          AbiertoPaletteColor colors3[] = { ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_YELLOW,
                                            ABIERTO_PALETTE_BLUISH_GREEN };
          guint32 hex;

          if (points == 5 && i == 3)
            continue;   /* the neutral grey is not a palette colour */
          hex = abierto_palette_get_hex (points == 3 ? colors3[i - 1] : colors5[i - 1]);
          g_assert_cmpuint (count_color (surface, hex, 0, 0, WIDTH, height), >, 50);
        }

      cairo_surface_destroy (surface);
    }
}

static void
test_chart_methods (Fixture       *f,
                    gconstpointer  data)
{
  static const struct
  {
    AbiertoMethod method;
    guint         points;
  } cases[] = {
    { ABIERTO_METHOD_DOT, 5 },
    { ABIERTO_METHOD_APPROVAL, 5 },
    { ABIERTO_METHOD_TALLY, 5 },
    { ABIERTO_METHOD_RANKING, 5 },
    { ABIERTO_METHOD_SCALE, 3 },
    { ABIERTO_METHOD_SCALE, 5 },
  };
  AbiertoChartStyle styles[6];
  guint i, j;

  for (j = 0; j < G_N_ELEMENTS (styles); j++)
    abierto_chart_style_init_default (&styles[j]);
  styles[1].dark = TRUE;
  styles[2].high_contrast = TRUE;
  styles[3].high_contrast = styles[3].dark = TRUE;
  styles[4].large = TRUE;
  styles[5].font_size = 20;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AbiertoResults) results = results_for_method (f, cases[i].method, cases[i].points);

      g_assert_cmpint (abierto_results_get_method (results), ==, cases[i].method);
      for (j = 0; j < G_N_ELEMENTS (styles); j++)
        {
          guint32 background = background_of (&styles[j]);
          int widths[] = { WIDTH, 280 };
          guint k;

          for (k = 0; k < G_N_ELEMENTS (widths); k++)
            {
              int height = preferred_height (results, &styles[j], widths[k]);
              cairo_surface_t *surface = render (results, &styles[j], widths[k], height);

              assert_margins_untouched (surface, widths[k], height);
              g_assert_cmphex (pixel (surface, 0, 0), ==, background);
              g_assert_cmphex (pixel (surface, widths[k] - 1, height - 1), ==, background);
              g_assert_cmpuint (count_ink (surface, background, 0, 0, widths[k], height), >,
                                (guint) (widths[k] * height / 50));
              cairo_surface_destroy (surface);
            }
        }
    }
}

static void
test_chart_preferred_height (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AbiertoResults) four = dot_results (f);
  g_autoptr(AbiertoResults) seven = NULL;
  AbiertoChartStyle style, large, projector;
  double h_four, h_seven;
  guint i;

  abierto_chart_style_init_default (&style);
  large = projector = style;
  large.large = TRUE;
  projector.font_size = 18;

  for (i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Propuesta %u", i + 5);

      add_proposal (f, title, "Texto");
    }
  seven = results_of (f, abierto_results_get_round_id (four));
  g_assert_cmpuint (abierto_results_get_n_rows (seven), ==, 7);

  h_four = abierto_chart_get_preferred_height (four, &style, WIDTH);
  h_seven = abierto_chart_get_preferred_height (seven, &style, WIDTH);
  g_test_message ("4 rows: %.1f, 7 rows: %.1f", h_four, h_seven);
  g_assert_cmpfloat (h_seven, >, h_four);
  /* each row takes about as much as the others */
  g_assert_cmpfloat (h_seven - h_four, >, 3 * 30);

  g_assert_cmpfloat (abierto_chart_get_preferred_height (four, &large, WIDTH), >, h_four);
  g_assert_cmpfloat (abierto_chart_get_preferred_height (four, &projector, WIDTH), >, h_four);
  /* narrower: labels wrap, never fewer lines */
  g_assert_cmpfloat (abierto_chart_get_preferred_height (four, &style, 220), >, h_four);
  /* NULL is the default style */
  g_assert_cmpfloat (abierto_chart_get_preferred_height (four, NULL, WIDTH), ==, h_four);
  /* silly sizes give nothing, not a crash */
  g_assert_cmpfloat (abierto_chart_get_preferred_height (four, &style, 0), ==, 0);
  g_assert_cmpfloat (abierto_chart_get_preferred_height (four, &style, NAN), ==, 0);
}

static void
assert_empty_message (AbiertoResults *results)
{
  AbiertoChartStyle style;
  cairo_rectangle_t extents;
  cairo_surface_t *surface;
  int height;

  abierto_chart_style_init_default (&style);
  height = preferred_height (results, &style, WIDTH);
  g_assert_false (abierto_chart_get_bar_extents (results, &style, WIDTH, 0, &extents));

  /* drawn taller than it needs: the message stays in the middle */
  surface = render (results, &style, WIDTH, 3 * height);
  assert_margins_untouched (surface, WIDTH, 3 * height);
  g_assert_cmpuint (count_ink (surface, 0xFFFFFF, WIDTH / 4, height, 3 * WIDTH / 4, 2 * height),
                    >, 100);
  g_assert_cmpuint (count_ink (surface, 0xFFFFFF, 0, 0, WIDTH, height / 2), ==, 0);
  g_assert_cmpuint (count_ink (surface, 0xFFFFFF, 0, 5 * height / 2, WIDTH, 3 * height), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_chart_empty (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AbiertoResults) no_votes = NULL;
  g_autoptr(AbiertoResults) zeros = NULL;
  g_autoptr(AbiertoResults) no_rows = NULL;
  g_autoptr(AbiertoSession) other = abierto_session_new ("Sin propuestas", ABIERTO_GROUP_CHILDREN);
  gint64 round;

  no_votes = results_of (f, round_new (f, ABIERTO_METHOD_APPROVAL, 3, 5));
  g_assert_cmpuint (abierto_results_get_n_rows (no_votes), ==, 4);
  assert_empty_message (no_votes);

  round = round_new (f, ABIERTO_METHOD_TALLY, 3, 5);
  g_assert_true (abierto_store_set_tally (f->store, round, f->a, 0, &error));
  g_assert_no_error (error);
  zeros = results_of (f, round);
  assert_empty_message (zeros);

  g_assert_true (abierto_store_add_session (f->store, other, &error));
  g_assert_no_error (error);
  f->session = abierto_session_get_id (other);
  no_rows = results_of (f, round_new (f, ABIERTO_METHOD_SCALE, 3, 3));
  g_assert_cmpuint (abierto_results_get_n_rows (no_rows), ==, 0);
  assert_empty_message (no_rows);
}

/* The dot results of @before with a fifth proposal, titled with 10,000
 * characters of accents, emoji, a line break and a long word. */
static AbiertoResults *
long_label_results (Fixture        *f,
                    AbiertoResults *before)
{
  g_autoptr(GString) title = g_string_new (NULL);
  gint64 round = abierto_results_get_round_id (before);
  gint64 huge;

  while (g_utf8_strlen (title->str, -1) < 9980)
    g_string_append (title, "Ñandú acción 🌳👩🏽‍🦽 ¿qué? ");
  g_string_append (title, "\nfin");
  g_string_append (title, "aaaaaaaaaaaaaaa");
  g_assert_cmpint (g_utf8_strlen (title->str, -1), >=, 10000);
  huge = add_proposal (f, title->str, "Texto");

  vote (f, round, 4, huge, 2);
  return results_of (f, round);
}

static void
test_chart_long_label (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AbiertoResults) before = dot_results (f);
  g_autoptr(AbiertoResults) after = long_label_results (f, before);
  AbiertoChartStyle style;
  cairo_surface_t *surface;
  double h_before, h_after;
  int height;

  abierto_chart_style_init_default (&style);
  h_before = abierto_chart_get_preferred_height (before, &style, WIDTH);
  h_after = abierto_chart_get_preferred_height (after, &style, WIDTH);
  g_test_message ("without: %.1f, with: %.1f", h_before, h_after);
  /* one more row, its label cut at two lines */
  g_assert_cmpfloat (h_after - h_before, <, 4 * 11 * 96.0 / 72.0 + 2 * 25);

  height = (int) ceil (h_after);
  surface = render (after, &style, WIDTH, height);
  assert_margins_untouched (surface, WIDTH, height);
  cairo_surface_destroy (surface);

  /* and in a very narrow chart */
  height = preferred_height (after, &style, 40);
  surface = render (after, &style, 40, height);
  assert_margins_untouched (surface, 40, height);
  cairo_surface_destroy (surface);
}

static void
test_chart_squeezed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AbiertoResults) results = tally_results (f);
  AbiertoChartStyle style;
  cairo_surface_t *surface;
  guint32 blue = abierto_palette_get_hex (ABIERTO_PALETTE_BLUE);
  int height;

  abierto_chart_style_init_default (&style);
  height = preferred_height (results, &style, WIDTH) / 2;
  surface = render (results, &style, WIDTH, height);
  assert_margins_untouched (surface, WIDTH, height);

  /* smaller, but every row is there: bars in the lowest quarter too */
  g_assert_cmpuint (count_color (surface, blue, 0, 3 * height / 4, WIDTH, height), >, 20);
  cairo_surface_destroy (surface);

  /* a sliver still stays inside */
  surface = render (results, &style, WIDTH, 3);
  assert_margins_untouched (surface, WIDTH, 3);
  cairo_surface_destroy (surface);
}

static void
write_and_check_png (AbiertoResults          *results,
                     const AbiertoChartStyle *style,
                     int                      width,
                     const char              *path)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png;
  int height = preferred_height (results, style, width);

  g_assert_true (abierto_chart_write_png (results, style, width, path, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);
  cairo_surface_destroy (png);
}

static void
test_chart_png (Fixture       *f,
                gconstpointer  data)
{
  static const struct
  {
    AbiertoMethod method;
    guint         points;
    const char   *name;
  } cases[] = {
    { ABIERTO_METHOD_DOT, 5, "dot" },
    { ABIERTO_METHOD_APPROVAL, 5, "approval" },
    { ABIERTO_METHOD_TALLY, 5, "tally" },
    { ABIERTO_METHOD_RANKING, 5, "ranking" },
    { ABIERTO_METHOD_SCALE, 3, "faces" },
    { ABIERTO_METHOD_SCALE, 5, "likert" },
  };
  /* ABIERTO_CHART_PNG_DIR keeps the pictures, to look at them */
  const char *keep = g_getenv ("ABIERTO_CHART_PNG_DIR");
  const char *dir = keep != NULL ? keep : f->dir;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *missing = NULL;
  const char *name;
  guint i, n_png = 0;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AbiertoResults) results = results_for_method (f, cases[i].method,
                                                              cases[i].points);
      AbiertoChartStyle style;
      g_autofree char *plain = g_strdup_printf ("%s/chart-%s.png", dir, cases[i].name);
      g_autofree char *dark = g_strdup_printf ("%s/chart-%s-dark.png", dir, cases[i].name);
      g_autofree char *contrast = g_strdup_printf ("%s/chart-%s-hc.png", dir, cases[i].name);
      g_autofree char *large = g_strdup_printf ("%s/chart-%s-large-narrow.png", dir,
                                                cases[i].name);

      abierto_chart_style_init_default (&style);
      write_and_check_png (results, &style, WIDTH, plain);
      /* again: the file is replaced */
      write_and_check_png (results, &style, WIDTH, plain);
      style.dark = TRUE;
      write_and_check_png (results, &style, WIDTH, dark);
      style.high_contrast = TRUE;
      style.dark = FALSE;
      write_and_check_png (results, &style, WIDTH, contrast);
      abierto_chart_style_init_default (&style);
      style.large = TRUE;
      write_and_check_png (results, &style, 360, large);
      n_png += 4;
    }

  {
    g_autoptr(AbiertoResults) before = dot_results (f);
    g_autoptr(AbiertoResults) huge = long_label_results (f, before);
    g_autoptr(AbiertoResults) empty = results_of (f, round_new (f, ABIERTO_METHOD_DOT, 3, 5));
    g_autofree char *long_path = g_strdup_printf ("%s/chart-long-label.png", dir);
    g_autofree char *empty_path = g_strdup_printf ("%s/chart-empty.png", dir);

    write_and_check_png (huge, NULL, WIDTH, long_path);
    write_and_check_png (empty, NULL, WIDTH, empty_path);
    n_png += 2;
  }

  /* nothing left behind but the pictures and the workshop file */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_false (name[0] == '.');
      if (g_str_has_suffix (name, ".png"))
        n_png--;
    }
  if (keep == NULL)
    g_assert_cmpuint (n_png, ==, 0);

  /* a folder that does not exist is an error, not a crash */
  missing = g_build_filename (f->dir, "no-such-folder", "chart.png", NULL);
  {
    g_autoptr(AbiertoResults) results = dot_results (f);

    g_assert_false (abierto_chart_write_png (results, NULL, WIDTH, missing, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

/* Probes: what the chart says it drew */

static void
probe_init (AbiertoChartProbe *probe)
{
  memset (probe, 0, sizeof *probe);
  probe->inks = g_array_new (FALSE, TRUE, sizeof (AbiertoChartInk));
  probe->texts = g_ptr_array_new_with_free_func (g_free);
  probe->faces = g_array_new (FALSE, TRUE, sizeof (cairo_rectangle_t));
  probe->icons = g_array_new (FALSE, TRUE, sizeof (AbiertoChartIcon));
}

static void
probe_clear (AbiertoChartProbe *probe)
{
  g_clear_pointer (&probe->inks, g_array_unref);
  g_clear_pointer (&probe->texts, g_ptr_array_unref);
  g_clear_pointer (&probe->faces, g_array_unref);
  g_clear_pointer (&probe->icons, g_array_unref);
}

/* The chart drawn through the probe at its preferred height, inside
 * sentinel margins that must stay untouched. Returns the height. */
static int
probe_chart (AbiertoResults          *results,
             const AbiertoChartStyle *style,
             int                      width,
             AbiertoChartProbe       *probe)
{
  int height = preferred_height (results, style, width);
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 2 * MARGIN,
                                        height + 2 * MARGIN);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  abierto_chart_draw_probed (cr, results, style, width, height, probe);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  assert_margins_untouched (surface, width, height);
  cairo_surface_destroy (surface);

  /* every text goes with the colours it was drawn in */
  g_assert_cmpuint (probe->inks->len, ==, probe->texts->len);
  g_assert_cmpuint (probe->texts->len, >, 0);

  return height;
}

/* The people chart at (MARGIN, MARGIN) of a surface painted with SENTINEL. */
static cairo_surface_t *
render_people (const AbiertoChartStyle     *style,
               const AbiertoChartPeopleRow *rows,
               guint                        n_rows,
               int                          width,
               int                          height,
               AbiertoChartProbe           *probe)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 2 * MARGIN,
                                        height + 2 * MARGIN);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  if (probe != NULL)
    abierto_chart_draw_people_probed (cr, style, rows, n_rows, width, height, probe);
  else
    abierto_chart_draw_people (cr, style, rows, n_rows, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static int
people_height (const AbiertoChartStyle     *style,
               const AbiertoChartPeopleRow *rows,
               guint                        n_rows,
               double                       width)
{
  double height = abierto_chart_people_preferred_height (style, rows, n_rows, width);

  g_assert_cmpfloat (height, >, 0);
  g_assert_true (isfinite (height));
  return (int) ceil (height);
}

/* index of the first probed text equal to @text, or -1 */
static int
find_text (AbiertoChartProbe *probe,
           const char        *text)
{
  guint i;

  for (i = 0; i < probe->texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (probe->texts, i), text) == 0)
      return (int) i;

  return -1;
}

/* index of the first probed text containing @part, or -1 */
static int
find_text_containing (AbiertoChartProbe *probe,
                      const char        *part)
{
  guint i;

  for (i = 0; i < probe->texts->len; i++)
    if (strstr (g_ptr_array_index (probe->texts, i), part) != NULL)
      return (int) i;

  return -1;
}

static void
assert_text (AbiertoChartProbe *probe,
             const char        *text)
{
  if (find_text (probe, text) < 0)
    g_error ("the chart did not write “%s”", text);
}

static void
assert_box_inside (const cairo_rectangle_t *box,
                   double                   width,
                   double                   height)
{
  if (box->x < 0 || box->y < 0 || box->width <= 0 || box->height <= 0
      || box->x + box->width > width + 0.01 || box->y + box->height > height + 0.01)
    g_error ("a box at (%.1f, %.1f) %.1f x %.1f is outside the chart's %.0f x %.0f",
             box->x, box->y, box->width, box->height, width, height);
}

static gboolean
box_contains (const cairo_rectangle_t *outer,
              const cairo_rectangle_t *inner)
{
  return inner->x >= outer->x - 0.01 && inner->y >= outer->y - 0.01
         && inner->x + inner->width <= outer->x + outer->width + 0.01
         && inner->y + inner->height <= outer->y + outer->height + 0.01;
}

/* WCAG 2, worked out here rather than trusted to the palette */
static double
linear_channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const AbiertoRgb *rgb)
{
  g_assert_cmpfloat (rgb->red, >=, 0);
  g_assert_cmpfloat (rgb->red, <=, 1);
  g_assert_cmpfloat (rgb->green, >=, 0);
  g_assert_cmpfloat (rgb->green, <=, 1);
  g_assert_cmpfloat (rgb->blue, >=, 0);
  g_assert_cmpfloat (rgb->blue, <=, 1);

  return 0.2126 * linear_channel (rgb->red) + 0.7152 * linear_channel (rgb->green)
         + 0.0722 * linear_channel (rgb->blue);
}

static double
contrast_ratio (const AbiertoRgb *a,
                const AbiertoRgb *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
assert_inks_readable (AbiertoChartProbe *probe,
                      const char        *what)
{
  guint i;

  g_assert_cmpuint (probe->inks->len, >, 0);
  for (i = 0; i < probe->inks->len; i++)
    {
      const AbiertoChartInk *ink = &g_array_index (probe->inks, AbiertoChartInk, i);
      double ratio = contrast_ratio (&ink->text, &ink->background);

      if (ratio < 4.5)
        g_error ("%s: “%s” in #%02X%02X%02X on #%02X%02X%02X has a contrast of %.2f:1, "
                 "less than 4.5:1", what, (char *) g_ptr_array_index (probe->texts, i),
                 (guint) round (ink->text.red * 255), (guint) round (ink->text.green * 255),
                 (guint) round (ink->text.blue * 255),
                 (guint) round (ink->background.red * 255),
                 (guint) round (ink->background.green * 255),
                 (guint) round (ink->background.blue * 255), ratio);
    }
}

static gboolean
rgb_is_hex (const AbiertoRgb *rgb,
            guint32           hex)
{
  AbiertoRgb want;

  abierto_rgb_init_from_hex (&want, hex);
  return fabs (rgb->red - want.red) < 0.002 && fabs (rgb->green - want.green) < 0.002
         && fabs (rgb->blue - want.blue) < 0.002;
}

/* The colours of the parts of a scale, as the chart documents them */
static guint32
scale_hex (guint points,
           guint point)
{
  static const AbiertoPaletteColor three[] = {
    ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_YELLOW, ABIERTO_PALETTE_BLUISH_GREEN,
  };
  static const AbiertoPaletteColor five[] = {
    ABIERTO_PALETTE_VERMILLION, ABIERTO_PALETTE_ORANGE, 0,
    ABIERTO_PALETTE_SKY_BLUE, ABIERTO_PALETTE_BLUE,
  };

  if (points == 3)
    return abierto_palette_get_hex (three[point - 1]);
  if (point == 3)
    return 0xC0BFBC;   /* the neutral grey */
  return abierto_palette_get_hex (five[point - 1]);
}

/* A five-point round where everyone gives A a 5 and B is mixed */
static AbiertoResults *
all_five_results (Fixture *f)
{
  gint64 round = round_new (f, ABIERTO_METHOD_SCALE, 3, 5);
  guint i;

  for (i = 0; i < N_PEOPLE; i++)
    {
      vote (f, round, i, f->a, 5);
      vote (f, round, i, f->b, 1 + i % 5);
    }
  return results_of (f, round);
}

/* Checks the parts of every row of a scale chart around the middle of
 * the band: disagreement left of it, agreement right, the neutral point
 * centred across it, each part as wide as its share. */
static void
assert_diverging (AbiertoResults          *results,
                  const AbiertoChartStyle *style,
                  int                      width)
{
  guint points = abierto_results_get_points (results);
  guint half = points / 2;
  guint n = abierto_results_get_n_rows (results);
  guint i, p;

  for (i = 0; i < n; i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (results, i);
      cairo_rectangle_t band, part;
      double middle, per_rating = -1, left = G_MAXDOUBLE, right = -G_MAXDOUBLE;
      guint votes = 0;

      g_assert_true (abierto_chart_get_bar_extents (results, style, width, i, &band));
      middle = band.x + band.width / 2;

      for (p = 1; p <= points; p++)
        {
          gboolean has = abierto_chart_get_segment_extents (results, style, width, i, p, &part);

          votes += row->distribution[p - 1];
          g_assert_cmpint (has, ==, row->distribution[p - 1] > 0);
          if (!has)
            continue;

          g_test_message ("row %u point %u: %.1f to %.1f, middle %.1f", i, p, part.x,
                          part.x + part.width, middle);
          /* on the bar, inside the band */
          g_assert_cmpfloat (part.y, ==, band.y);
          g_assert_cmpfloat (part.height, ==, band.height);
          g_assert_cmpfloat (part.x, >=, band.x - 0.01);
          g_assert_cmpfloat (part.x + part.width, <=, band.x + band.width + 0.01);

          if (p <= half)
            g_assert_cmpfloat (part.x + part.width, <=, middle + 0.01);
          else if (points % 2 == 1 && p == half + 1)
            {
              g_assert_cmpfloat (part.x, <, middle);
              g_assert_cmpfloat (part.x + part.width, >, middle);
              g_assert_cmpfloat_with_epsilon (part.x + part.width / 2, middle, 0.01);
            }
          else
            g_assert_cmpfloat (part.x, >=, middle - 0.01);

          /* parts in order, touching, as wide as their count */
          if (right > -G_MAXDOUBLE)
            g_assert_cmpfloat_with_epsilon (part.x, right, 0.01);
          left = MIN (left, part.x);
          right = part.x + part.width;
          if (per_rating < 0)
            per_rating = part.width / row->distribution[p - 1];
          else
            g_assert_cmpfloat_with_epsilon (part.width / row->distribution[p - 1], per_rating,
                                            0.01);
        }
      g_assert_cmpuint (votes, ==, row->votes);
      /* no part 0 nor past the scale */
      g_assert_false (abierto_chart_get_segment_extents (results, style, width, i, 0, &part));
      g_assert_false (abierto_chart_get_segment_extents (results, style, width, i, points + 1,
                                                         &part));
      if (votes > 0)
        {
          g_assert_cmpfloat (left, <=, middle + 0.01);
          g_assert_cmpfloat (right, >=, middle - 0.01);
        }
    }
}

static void
test_chart_diverging (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AbiertoResults) five = scale_results (f, 5);
  g_autoptr(AbiertoResults) three = scale_results (f, 3);
  g_autoptr(AbiertoResults) all_five = all_five_results (f);
  AbiertoChartStyle style, large;
  cairo_rectangle_t band, part;
  cairo_surface_t *surface;
  guint i, p, n_neutral = 0;
  int height, x, y;

  abierto_chart_style_init_default (&style);
  large = style;
  large.large = TRUE;

  assert_diverging (five, &style, WIDTH);
  assert_diverging (three, &style, WIDTH);
  assert_diverging (five, &large, 360);
  assert_diverging (three, &large, 360);
  assert_diverging (all_five, &style, WIDTH);

  /* the fixture does have neutral ratings, so the middle was tested */
  for (i = 0; i < abierto_results_get_n_rows (five); i++)
    n_neutral += abierto_results_get_row (five, i)->distribution[2];
  for (i = 0; i < abierto_results_get_n_rows (three); i++)
    n_neutral += abierto_results_get_row (three, i)->distribution[1];
  g_assert_cmpuint (n_neutral, >, 2);

  /* rated 5 by all: one part, starting at the middle */
  g_assert_cmpint (abierto_results_get_row (all_five, 0)->proposal_id, ==, f->a);
  g_assert_cmpuint (abierto_results_get_row (all_five, 0)->distribution[4], ==, N_PEOPLE);
  g_assert_true (abierto_chart_get_bar_extents (all_five, &style, WIDTH, 0, &band));
  for (p = 1; p < 5; p++)
    g_assert_false (abierto_chart_get_segment_extents (all_five, &style, WIDTH, 0, p, &part));
  g_assert_true (abierto_chart_get_segment_extents (all_five, &style, WIDTH, 0, 5, &part));
  g_assert_cmpfloat_with_epsilon (part.x, band.x + band.width / 2, 0.01);
  /* the longest side of any row takes half the band */
  g_assert_cmpfloat_with_epsilon (part.width, band.width / 2, 0.01);

  /* and in pixels: no colour of the scale left of the middle on its bar */
  height = preferred_height (all_five, &style, WIDTH);
  surface = render (all_five, &style, WIDTH, height);
  assert_margins_untouched (surface, WIDTH, height);
  for (y = band.y + 2; y < band.y + band.height - 2; y++)
    {
      for (x = band.x; x < band.x + band.width / 2 - 2; x++)
        for (p = 1; p <= 5; p++)
          if (color_near (pixel (surface, x, y), scale_hex (5, p), 12))
            g_error ("colour of point %u at (%d, %d), left of the middle at %.1f", p, x, y,
                     band.x + band.width / 2);
    }
  /* while the right half is mostly the colour of "strongly agree",
   * hatched */
  g_assert_cmpuint (count_color (surface, scale_hex (5, 5), band.x + band.width / 2,
                                 band.y + band.height / 2, band.x + band.width,
                                 band.y + band.height / 2 + 1), >, part.width * 0.3);
  cairo_surface_destroy (surface);
}

static void
test_chart_faces (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AbiertoResults) three = scale_results (f, 3);
  g_autoptr(AbiertoResults) five = scale_results (f, 5);
  static const char * const words3[] = { "I don't like it", "So-so", "I like it" };
  static const char * const words5[] = {
    "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
  };
  AbiertoChartStyle children, discreet;
  cairo_rectangle_t first_bar;
  guint i, n_legend = 0, n_on_bars = 0;
  int height;

  abierto_chart_style_init_default (&children);
  g_assert_true (children.faces);   /* faces unless asked not to */
  discreet = children;
  discreet.faces = FALSE;

  /* a scale of three faces, for children */
  {
    AbiertoChartProbe probe;

    probe_init (&probe);
    height = probe_chart (three, &children, WIDTH, &probe);
    g_test_message ("faces: %u", probe.n_faces);
    g_assert_cmpuint (probe.n_faces, >, 0);
    g_assert_cmpuint (probe.faces->len, ==, probe.n_faces);
    g_assert_true (abierto_chart_get_bar_extents (three, &children, WIDTH, 0, &first_bar));

    for (i = 0; i < probe.faces->len; i++)
      {
        const cairo_rectangle_t *face = &g_array_index (probe.faces, cairo_rectangle_t, i);
        guint row, p;
        gboolean on_a_part = FALSE;

        assert_box_inside (face, WIDTH, height);
        g_assert_cmpfloat (face->width, >=, 6);
        g_assert_cmpfloat_with_epsilon (face->width, face->height, 0.01);
        if (face->y + face->height <= first_bar.y)
          {
            n_legend++;
            continue;
          }

        /* a face on a bar sits inside one of its parts */
        for (row = 0; row < abierto_results_get_n_rows (three) && !on_a_part; row++)
          for (p = 1; p <= 3 && !on_a_part; p++)
            {
              cairo_rectangle_t part;

              if (abierto_chart_get_segment_extents (three, &children, WIDTH, row, p, &part))
                on_a_part = box_contains (&part, face);
            }
        if (!on_a_part)
          g_error ("a face at (%.1f, %.1f) is on no part of a bar", face->x, face->y);
        n_on_bars++;
      }
    /* one per point in the legend, and some on the bars */
    g_assert_cmpuint (n_legend, ==, 3);
    g_assert_cmpuint (n_on_bars, >, 0);
    /* the words are there too, for who cannot read a face */
    for (i = 0; i < G_N_ELEMENTS (words3); i++)
      assert_text (&probe, words3[i]);
    probe_clear (&probe);
  }

  /* the discreet style: no face anywhere, words and patterns instead */
  {
    AbiertoChartProbe probe;

    probe_init (&probe);
    probe_chart (three, &discreet, WIDTH, &probe);
    g_assert_cmpuint (probe.n_faces, ==, 0);
    g_assert_cmpuint (probe.faces->len, ==, 0);
    g_assert_cmpuint (probe.n_patterns, >, 0);
    for (i = 0; i < G_N_ELEMENTS (words3); i++)
      assert_text (&probe, words3[i]);
    probe_clear (&probe);
  }

  /* an agreement scale has words, not faces, in either style */
  {
    AbiertoChartProbe probe;

    probe_init (&probe);
    probe_chart (five, &children, WIDTH, &probe);
    g_assert_cmpuint (probe.n_faces, ==, 0);
    for (i = 0; i < G_N_ELEMENTS (words5); i++)
      assert_text (&probe, words5[i]);
    probe_clear (&probe);
  }

  /* nor in any other style, when discreet */
  {
    AbiertoChartStyle styles[3];

    for (i = 0; i < G_N_ELEMENTS (styles); i++)
      styles[i] = discreet;
    styles[0].dark = TRUE;
    styles[1].high_contrast = TRUE;
    styles[2].large = TRUE;

    for (i = 0; i < G_N_ELEMENTS (styles); i++)
      {
        AbiertoChartProbe probe;

        probe_init (&probe);
        probe_chart (three, &styles[i], 360, &probe);
        g_assert_cmpuint (probe.n_faces, ==, 0);
        probe_clear (&probe);
      }
  }
}

/* Checks that each part of each stacked bar is told by more than its
 * colour: a hatching unless it is the plain neutral middle, its count
 * written on it in a colour that reads on it, and words for each point. */
static void
assert_scale_not_colour_alone (AbiertoResults          *results,
                               const AbiertoChartStyle *style)
{
  guint points = abierto_results_get_points (results);
  guint n = abierto_results_get_n_rows (results);
  guint hatched = 0, winners = 0;
  AbiertoChartProbe probe;
  guint i, p;

  probe_init (&probe);
  probe_chart (results, style, WIDTH, &probe);

  /* the legend swatches and every non-empty part, but the neutral one */
  for (p = 1; p <= points; p++)
    if (points % 2 == 0 || p != points / 2 + 1)
      hatched++;
  for (i = 0; i < n; i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (results, i);
      g_autofree char *mean = g_strdup_printf ("%.1f", row->mean);

      for (p = 1; p <= points; p++)
        if (row->distribution[p - 1] > 0 && (points % 2 == 0 || p != points / 2 + 1))
          hatched++;
      if (row->rank == 1)
        winners++;

      /* the label and the mean of each row */
      assert_text (&probe, row->label);
      g_assert_cmpint (find_text_containing (&probe, mean), >=, 0);
    }
  g_test_message ("%u-point scale: %u patterns", points, probe.n_patterns);
  g_assert_cmpuint (probe.n_patterns, ==, hatched);

  /* the count of every part is written on the part itself */
  for (p = 1; p <= points; p++)
    {
      guint32 hex = scale_hex (points, p);
      guint want = 0, got = 0, k;

      for (i = 0; i < n; i++)
        if (abierto_results_get_row (results, i)->distribution[p - 1] > 0)
          want++;
      /* the place badge of the winners is orange too */
      if (hex == abierto_palette_get_hex (ABIERTO_PALETTE_ORANGE))
        want += winners;

      for (k = 0; k < probe.inks->len; k++)
        {
          const AbiertoChartInk *ink = &g_array_index (probe.inks, AbiertoChartInk, k);
          const char *text = g_ptr_array_index (probe.texts, k);
          gboolean is_count = TRUE;
          const char *c;

          if (!rgb_is_hex (&ink->background, hex))
            continue;
          got++;
          for (c = text; *c != '\0'; c++)
            is_count = is_count && g_ascii_isdigit (*c);
          g_assert_true (is_count);
          g_assert_cmpfloat (contrast_ratio (&ink->text, &ink->background), >=, 4.5);
        }
      g_test_message ("point %u: %u texts on it, %u expected", p, got, want);
      g_assert_cmpuint (got, ==, want);
    }

  /* and the counts add up, row by row, in the order of the parts */
  for (i = 0; i < n; i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (results, i);
      int at = find_text (&probe, row->label);

      g_assert_cmpint (at, >=, 0);
      at += 2;   /* past the label and the place */
      for (p = 1; p <= points; p++)
        if (row->distribution[p - 1] > 0)
          {
            g_autofree char *count = g_strdup_printf ("%u", row->distribution[p - 1]);

            g_assert_cmpint (at, <, (int) probe.texts->len);
            g_assert_cmpstr (g_ptr_array_index (probe.texts, at), ==, count);
            at++;
          }
    }

  probe_clear (&probe);
}

static void
test_chart_not_colour_alone (Fixture       *f,
                             gconstpointer  data)
{
  AbiertoChartStyle styles[4];
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (styles); i++)
    abierto_chart_style_init_default (&styles[i]);
  styles[1].faces = FALSE;
  styles[2].high_contrast = TRUE;
  styles[3].dark = TRUE;

  for (j = 0; j < G_N_ELEMENTS (styles); j++)
    {
      g_autoptr(AbiertoResults) three = scale_results (f, 3);
      g_autoptr(AbiertoResults) five = scale_results (f, 5);

      assert_scale_not_colour_alone (three, &styles[j]);
      assert_scale_not_colour_alone (five, &styles[j]);
    }

  /* bars: each written with its number; the leader's on the bar itself */
  for (j = 0; j < G_N_ELEMENTS (styles); j++)
    {
      g_autoptr(AbiertoResults) tally = tally_results (f);
      AbiertoChartProbe probe;
      static const guint hands[] = { 23, 17, 9, 4 };
      guint32 bar = abierto_palette_get_hex (ABIERTO_PALETTE_ORANGE);
      int at;

      probe_init (&probe);
      probe_chart (tally, &styles[j], WIDTH, &probe);
      for (i = 0; i < G_N_ELEMENTS (hands); i++)
        {
          g_autofree char *value = g_strdup_printf ("%u", hands[i]);

          g_assert_cmpfloat (abierto_results_get_row (tally, i)->score, ==, hands[i]);
          assert_text (&probe, value);
        }
      at = find_text (&probe, "23");
      g_assert_true (rgb_is_hex (&g_array_index (probe.inks, AbiertoChartInk, at).background,
                                 bar));
      /* bars have one colour each: no hatching needed */
      g_assert_cmpuint (probe.n_patterns, ==, 0);
      probe_clear (&probe);
    }
}

static void
test_chart_contrast (Fixture       *f,
                     gconstpointer  data)
{
  static const struct
  {
    AbiertoMethod method;
    guint         points;
  } cases[] = {
    { ABIERTO_METHOD_DOT, 5 },
    { ABIERTO_METHOD_APPROVAL, 5 },
    { ABIERTO_METHOD_TALLY, 5 },
    { ABIERTO_METHOD_RANKING, 5 },
    { ABIERTO_METHOD_SCALE, 3 },
    { ABIERTO_METHOD_SCALE, 5 },
  };
  const AbiertoChartPeopleRow people[] = {
    { "Personas adultas mayores", 12, FALSE, NULL },
    { "Mujeres", 0, TRUE, "menos de 5" },
    { "Niñas y niños", 61, FALSE, NULL },
  };
  AbiertoChartStyle styles[7];
  guint i, j;

  for (j = 0; j < G_N_ELEMENTS (styles); j++)
    abierto_chart_style_init_default (&styles[j]);
  styles[1].high_contrast = TRUE;
  styles[2].dark = TRUE;
  styles[3].large = TRUE;
  styles[4].high_contrast = styles[4].dark = TRUE;
  styles[5].large = styles[5].high_contrast = TRUE;   /* older adults */
  styles[6].faces = FALSE;                            /* discreet */

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AbiertoResults) results = results_for_method (f, cases[i].method, cases[i].points);

      for (j = 0; j < G_N_ELEMENTS (styles); j++)
        {
          g_autofree char *what = g_strdup_printf ("method %d, %u points, style %u",
                                                   cases[i].method, cases[i].points, j);
          int widths[] = { WIDTH, 280 };
          guint k;

          for (k = 0; k < G_N_ELEMENTS (widths); k++)
            {
              AbiertoChartProbe probe;

              probe_init (&probe);
              probe_chart (results, &styles[j], widths[k], &probe);
              assert_inks_readable (&probe, what);
              probe_clear (&probe);
            }
        }
    }

  /* the message of a chart without votes, and the people chart */
  for (j = 0; j < G_N_ELEMENTS (styles); j++)
    {
      g_autoptr(AbiertoResults) empty = results_of (f, round_new (f, ABIERTO_METHOD_DOT, 3, 5));
      AbiertoChartProbe probe;
      cairo_surface_t *surface;
      int height;

      probe_init (&probe);
      probe_chart (empty, &styles[j], WIDTH, &probe);
      assert_inks_readable (&probe, "no votes");
      probe_clear (&probe);

      probe_init (&probe);
      height = people_height (&styles[j], people, G_N_ELEMENTS (people), WIDTH);
      surface = render_people (&styles[j], people, G_N_ELEMENTS (people), WIDTH, height, &probe);
      assert_margins_untouched (surface, WIDTH, height);
      g_assert_cmpuint (probe.inks->len, ==, probe.texts->len);
      assert_inks_readable (&probe, "people");
      cairo_surface_destroy (surface);
      probe_clear (&probe);
    }
}

static void
test_chart_ranking (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AbiertoResults) ranking = ranking_results (f);
  g_autoptr(AbiertoResults) tally = tally_results (f);
  /* Borda with four proposals: 3, 2, 1 and 0 points a place */
  static const struct
  {
    guint       points;
    guint       first;
    const char *text;
  } want[] = {
    { 13, 3, "13 points · 3 first places" },
    { 9, 1, "9 points · 1 first place" },
    { 6, 1, "6 points · 1 first place" },
    { 2, 0, "2 points · no first places" },
  };
  const gint64 order[] = { f->b, f->a, f->c, f->d };
  AbiertoChartStyle style;
  AbiertoChartProbe probe;
  guint i;

  abierto_chart_style_init_default (&style);
  probe_init (&probe);
  probe_chart (ranking, &style, WIDTH, &probe);

  g_assert_cmpuint (abierto_results_get_n_rows (ranking), ==, G_N_ELEMENTS (want));
  for (i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (ranking, i);

      g_assert_cmpint (row->proposal_id, ==, order[i]);
      g_assert_cmpfloat (row->score, ==, want[i].points);
      g_assert_cmpuint (row->first_prefs, ==, want[i].first);
      /* the points and the first places, after the label of their row */
      assert_text (&probe, want[i].text);
      g_assert_cmpint (find_text (&probe, want[i].text), >, find_text (&probe, row->label));
      if (i > 0)
        g_assert_cmpint (find_text (&probe, want[i].text), >, find_text (&probe, want[i - 1].text));
    }
  /* the caption says what the points are */
  g_assert_cmpint (find_text_containing (&probe, "first place"), >=, 0);
  probe_clear (&probe);

  /* bars longest first, as long as their points: also for a tally typed
   * in another order (23, 17, 4, 9) */
  for (i = 0; i < 2; i++)
    {
      AbiertoResults *results = i == 0 ? ranking : tally;
      guint n = abierto_results_get_n_rows (results);
      cairo_rectangle_t top, prev, bar;
      guint k;

      g_assert_true (abierto_chart_get_bar_extents (results, &style, WIDTH, 0, &top));
      prev = top;
      for (k = 1; k < n; k++)
        {
          const AbiertoResultRow *row = abierto_results_get_row (results, k);

          g_assert_true (abierto_chart_get_bar_extents (results, &style, WIDTH, k, &bar));
          g_assert_cmpfloat (row->score, <=, abierto_results_get_row (results, k - 1)->score);
          g_assert_cmpfloat (bar.y, >, prev.y);
          g_assert_cmpfloat (bar.width, <=, prev.width);
          g_assert_cmpfloat_with_epsilon (bar.width,
                                          top.width * row->score
                                          / abierto_results_get_row (results, 0)->score, 1.0);
          prev = bar;
        }
    }
  g_assert_cmpint (abierto_results_get_row (tally, 2)->proposal_id, ==, f->d);
  g_assert_cmpint (abierto_results_get_row (tally, 3)->proposal_id, ==, f->c);
}

/* icons of row @row in the probe */
static guint
icons_of_row (AbiertoChartProbe *probe,
              guint              row)
{
  guint i, n = 0;

  for (i = 0; i < probe->icons->len; i++)
    if (g_array_index (probe->icons, AbiertoChartIcon, i).row == row)
      n++;

  return n;
}

static void
assert_icons_inside (AbiertoChartProbe *probe,
                     int                width,
                     int                height)
{
  guint i;

  for (i = 0; i < probe->icons->len; i++)
    {
      const AbiertoChartIcon *icon = &g_array_index (probe->icons, AbiertoChartIcon, i);

      assert_box_inside (&icon->box, width, height);
      g_assert_cmpfloat (icon->fraction, >, 0);
      g_assert_cmpfloat (icon->fraction, <=, 1);
    }
}

static void
test_chart_people (Fixture       *f,
                   gconstpointer  data)
{
  const AbiertoChartPeopleRow rows[] = {
    { "Personas adultas mayores", 12, FALSE, NULL },
    { "Mujeres", 4, TRUE, "menos de 5" },
    { "Niñas y niños", 7, FALSE, NULL },
    { "Personas jóvenes", 1, FALSE, NULL },
  };
  const AbiertoChartPeopleRow many[] = {
    { "Vecinas y vecinos", 123, FALSE, NULL },
    { "Personas adultas mayores", 30, FALSE, NULL },
    { "Personas con discapacidad", 4, TRUE, "menos de 5" },
  };
  const AbiertoChartPeopleRow hidden[] = {
    { "Mujeres", 3, TRUE, "menos de 5" },
    { "Hombres", 2, TRUE, NULL },
  };
  AbiertoChartStyle style, discreet;
  cairo_surface_t *surface;
  double previous = 0;
  guint i, k;
  int height;

  abierto_chart_style_init_default (&style);
  discreet = style;
  discreet.faces = FALSE;

  for (k = 0; k < 2; k++)
    {
      const AbiertoChartStyle *s = k == 0 ? &style : &discreet;
      AbiertoChartProbe probe;
      double bottom = -1;
      guint row = G_MAXUINT;

      probe_init (&probe);
      height = people_height (s, rows, G_N_ELEMENTS (rows), WIDTH);
      surface = render_people (s, rows, G_N_ELEMENTS (rows), WIDTH, height, &probe);
      assert_margins_untouched (surface, WIDTH, height);
      g_assert_cmpuint (count_ink (surface, background_of (s), 0, 0, WIDTH, height), >, 200);
      cairo_surface_destroy (surface);
      assert_icons_inside (&probe, WIDTH, height);

      /* one figure a person, said in the legend */
      g_assert_cmpuint (probe.per_icon, ==, 1);
      g_assert_cmpuint (icons_of_row (&probe, G_MAXUINT), ==, 1);
      assert_text (&probe, k == 0 ? "1 figure = 1 person" : "1 square = 1 person");
      for (i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          assert_text (&probe, rows[i].label);
          if (rows[i].suppressed)
            g_assert_cmpuint (icons_of_row (&probe, i), ==, 0);
          else
            g_assert_cmpuint (icons_of_row (&probe, i), ==, rows[i].count);
        }
      assert_text (&probe, "12 people");
      assert_text (&probe, "1 person");

      /* the suppressed row: its words, and its number nowhere */
      assert_text (&probe, "menos de 5");
      g_assert_cmpint (find_text (&probe, "menos de 5"), >, find_text (&probe, "Mujeres"));
      g_assert_cmpint (find_text (&probe, "menos de 5"), <, find_text (&probe, "Niñas y niños"));
      g_assert_cmpint (find_text_containing (&probe, "4"), <, 0);

      /* rows in the order given, top to bottom, labels before figures */
      g_assert_cmpint (find_text (&probe, rows[0].label), <, find_text (&probe, rows[1].label));
      g_assert_cmpint (find_text (&probe, rows[1].label), <, find_text (&probe, rows[2].label));
      g_assert_cmpint (find_text (&probe, rows[2].label), <, find_text (&probe, rows[3].label));
      for (i = 0; i < probe.icons->len; i++)
        {
          const AbiertoChartIcon *icon = &g_array_index (probe.icons, AbiertoChartIcon, i);

          if (icon->row == G_MAXUINT)
            continue;
          /* figures: taller than wide; discreet: plain squares */
          if (k == 0)
            g_assert_cmpfloat (icon->box.height, >, 1.5 * icon->box.width);
          else
            g_assert_cmpfloat_with_epsilon (icon->box.height, icon->box.width, 0.01);
          g_assert_cmpfloat (icon->fraction, ==, 1);
          if (icon->row != row)
            {
              /* a new row: later in the list and below the last one */
              g_assert_true (row == G_MAXUINT || icon->row > row);
              g_assert_cmpfloat (icon->box.y, >, bottom);
              row = icon->row;
            }
          bottom = MAX (bottom, icon->box.y + icon->box.height);
        }
      g_assert_cmpuint (probe.n_faces, ==, 0);
      probe_clear (&probe);
    }

  /* more than fifty: one figure for five people, the last one partly */
  {
    AbiertoChartProbe probe;
    const AbiertoChartIcon *last = NULL;

    probe_init (&probe);
    height = people_height (&style, many, G_N_ELEMENTS (many), WIDTH);
    surface = render_people (&style, many, G_N_ELEMENTS (many), WIDTH, height, &probe);
    assert_margins_untouched (surface, WIDTH, height);
    cairo_surface_destroy (surface);
    assert_icons_inside (&probe, WIDTH, height);

    g_assert_cmpuint (probe.per_icon, ==, 5);
    assert_text (&probe, "1 figure = 5 people");
    assert_text (&probe, "123 people");
    assert_text (&probe, "30 people");
    g_assert_cmpuint (icons_of_row (&probe, 0), ==, 25);
    g_assert_cmpuint (icons_of_row (&probe, 1), ==, 6);
    g_assert_cmpuint (icons_of_row (&probe, 2), ==, 0);
    for (i = 0; i < probe.icons->len; i++)
      if (g_array_index (probe.icons, AbiertoChartIcon, i).row == 0)
        last = &g_array_index (probe.icons, AbiertoChartIcon, i);
    g_assert_nonnull (last);
    g_assert_cmpfloat_with_epsilon (last->fraction, 3.0 / 5.0, 1e-6);
    g_assert_cmpint (find_text_containing (&probe, "4"), <, 0);
    probe_clear (&probe);
  }

  /* everyone below the threshold: words only, no figure, no legend */
  {
    AbiertoChartProbe probe;

    probe_init (&probe);
    height = people_height (&style, hidden, G_N_ELEMENTS (hidden), WIDTH);
    surface = render_people (&style, hidden, G_N_ELEMENTS (hidden), WIDTH, height, &probe);
    assert_margins_untouched (surface, WIDTH, height);
    cairo_surface_destroy (surface);
    g_assert_cmpuint (probe.icons->len, ==, 0);
    assert_text (&probe, "menos de 5");
    g_assert_cmpint (find_text_containing (&probe, "3"), <, 0);
    g_assert_cmpint (find_text_containing (&probe, "2"), <, 0);
    g_assert_cmpint (find_text_containing (&probe, "="), <, 0);
    /* with no text given, a general one */
    g_assert_cmpuint (probe.texts->len, ==, 4);
    g_assert_cmpint (find_text (&probe, "Hombres"), >=, 0);
    g_assert_cmpstr (g_ptr_array_index (probe.texts, find_text (&probe, "Hombres") + 1), !=,
                     "menos de 5");
    probe_clear (&probe);
  }

  /* more rows, taller; more people, taller */
  for (i = 1; i <= G_N_ELEMENTS (rows); i++)
    {
      double h = abierto_chart_people_preferred_height (&style, rows, i, WIDTH);

      g_test_message ("%u rows: %.1f", i, h);
      g_assert_cmpfloat (h, >, previous);
      previous = h;
    }
  g_assert_cmpfloat (abierto_chart_people_preferred_height (&style, many, 1, 200), >,
                     abierto_chart_people_preferred_height (&style, many, 1, WIDTH));
  g_assert_cmpfloat (abierto_chart_people_preferred_height (&style, rows, 0, WIDTH), >=, 0);
  g_assert_cmpfloat (abierto_chart_people_preferred_height (&style, rows, 1, 0), ==, 0);
  g_assert_cmpfloat (abierto_chart_people_preferred_height (&style, rows, 1, NAN), ==, 0);
  {
    AbiertoChartStyle large = style;

    large.large = TRUE;
    g_assert_cmpfloat (abierto_chart_people_preferred_height (&large, rows, 4, WIDTH), >,
                       abierto_chart_people_preferred_height (&style, rows, 4, WIDTH));
  }
  /* NULL is the default style */
  g_assert_cmpfloat (abierto_chart_people_preferred_height (NULL, rows, 4, WIDTH), ==,
                     abierto_chart_people_preferred_height (&style, rows, 4, WIDTH));

  /* odd counts: none, no rows, and more people than there are */
  {
    const AbiertoChartPeopleRow odd[] = {
      { "Nadie", 0, FALSE, NULL },
      { "Todo el mundo", G_MAXUINT, FALSE, NULL },
    };
    AbiertoChartProbe probe;

    probe_init (&probe);
    height = people_height (&style, odd, G_N_ELEMENTS (odd), WIDTH);
    surface = render_people (&style, odd, G_N_ELEMENTS (odd), WIDTH, height, &probe);
    assert_margins_untouched (surface, WIDTH, height);
    cairo_surface_destroy (surface);
    assert_icons_inside (&probe, WIDTH, height);
    g_assert_cmpuint (icons_of_row (&probe, 0), ==, 0);
    g_assert_cmpuint (icons_of_row (&probe, 1), ==, 43);
    g_assert_cmpuint (probe.per_icon, ==, 100000000);
    assert_text (&probe, "0 people");
    probe_clear (&probe);

    height = people_height (&style, odd, 0, WIDTH);
    surface = render_people (&style, odd, 0, WIDTH, height, NULL);
    assert_margins_untouched (surface, WIDTH, height);
    cairo_surface_destroy (surface);
  }

  /* short of its height, every row is still there, inside the area */
  height = people_height (&style, many, G_N_ELEMENTS (many), WIDTH) / 2;
  surface = render_people (&style, many, G_N_ELEMENTS (many), WIDTH, height, NULL);
  assert_margins_untouched (surface, WIDTH, height);
  g_assert_cmpuint (count_color (surface, abierto_palette_get_hex (ABIERTO_PALETTE_BLUE),
                                 0, 3 * height / 4, WIDTH, height), >, 0);
  cairo_surface_destroy (surface);
  surface = render_people (&style, many, G_N_ELEMENTS (many), WIDTH, 3, NULL);
  assert_margins_untouched (surface, WIDTH, 3);
  cairo_surface_destroy (surface);
}

static void
test_chart_people_long_label (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GString) label = g_string_new (NULL);
  AbiertoChartPeopleRow rows[] = {
    { NULL, 9, FALSE, NULL },
    { "Niñas y niños 🧒🏽👧🏻 de la escuela «Benito Juárez»", 48, FALSE, NULL },
    { "Mujeres", 0, TRUE, NULL },
  };
  AbiertoChartStyle styles[3];
  double plain;
  guint i;

  while (g_utf8_strlen (label->str, -1) < 9980)
    g_string_append (label, "Ñandú acción 🌳👩🏽‍🦽 ¿qué? ");
  g_string_append (label, "\nfin\t");
  g_string_append (label, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  rows[2].suppressed_text = label->str;

  for (i = 0; i < G_N_ELEMENTS (styles); i++)
    abierto_chart_style_init_default (&styles[i]);
  styles[1].faces = FALSE;
  styles[2].large = styles[2].high_contrast = TRUE;

  rows[0].label = "Personas adultas mayores";
  plain = abierto_chart_people_preferred_height (&styles[0], rows, 2, WIDTH);
  rows[0].label = label->str;

  for (i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      int widths[] = { WIDTH, 200, 40 };
      guint k;

      for (k = 0; k < G_N_ELEMENTS (widths); k++)
        {
          AbiertoChartProbe probe;
          cairo_surface_t *surface;
          int height = people_height (&styles[i], rows, G_N_ELEMENTS (rows), widths[k]);

          probe_init (&probe);
          surface = render_people (&styles[i], rows, G_N_ELEMENTS (rows), widths[k], height,
                                   &probe);
          assert_margins_untouched (surface, widths[k], height);
          cairo_surface_destroy (surface);
          if (widths[k] >= 200)
            assert_icons_inside (&probe, widths[k], height);
          g_assert_cmpuint (icons_of_row (&probe, 0), ==, 9);
          g_assert_cmpuint (icons_of_row (&probe, 1), ==, 48);
          g_assert_cmpuint (icons_of_row (&probe, 2), ==, 0);
          /* the label is cut, not laid out whole */
          g_assert_cmpuint (strlen (g_ptr_array_index (probe.texts, 1)), <, label->len);
          g_assert_true (g_utf8_validate (g_ptr_array_index (probe.texts, 1), -1, NULL));
          probe_clear (&probe);
        }
    }

  /* a long label takes two lines, not a page */
  g_assert_cmpfloat (abierto_chart_people_preferred_height (&styles[0], rows, 2, WIDTH), <,
                     plain + 3 * 11 * 96.0 / 72.0);

  /* a label that is not UTF-8 either */
  rows[0].label = "Se\xF1oras \xFF\xFE mayores";
  {
    int height = people_height (&styles[0], rows, 1, WIDTH);
    cairo_surface_t *surface = render_people (&styles[0], rows, 1, WIDTH, height, NULL);

    assert_margins_untouched (surface, WIDTH, height);
    cairo_surface_destroy (surface);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/report/chart/bars", test_chart_bars);
  ADD ("/report/chart/scale-colors", test_chart_scale_colors);
  ADD ("/report/chart/methods", test_chart_methods);
  ADD ("/report/chart/preferred-height", test_chart_preferred_height);
  ADD ("/report/chart/empty", test_chart_empty);
  ADD ("/report/chart/long-label", test_chart_long_label);
  ADD ("/report/chart/squeezed", test_chart_squeezed);
  ADD ("/report/chart/png", test_chart_png);
  ADD ("/report/chart/diverging", test_chart_diverging);
  ADD ("/report/chart/faces", test_chart_faces);
  ADD ("/report/chart/not-colour-alone", test_chart_not_colour_alone);
  ADD ("/report/chart/contrast", test_chart_contrast);
  ADD ("/report/chart/ranking", test_chart_ranking);
  ADD ("/report/chart/people", test_chart_people);
  ADD ("/report/chart/people-long-label", test_chart_people_long_label);

#undef ADD

  return g_test_run ();
}
