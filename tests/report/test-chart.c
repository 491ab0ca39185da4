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

#undef ADD

  return g_test_run ();
}
