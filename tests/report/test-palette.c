/* test-palette.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The colour-blind-safe palette and the WCAG contrast arithmetic.
 */

#include "config.h"

#include "abierto-palette.h"

static const AbiertoRgb black = { 0, 0, 0 };
static const AbiertoRgb white = { 1, 1, 1 };

static void
test_palette_hex (void)
{
  static const guint32 okabe_ito[] = {
    0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000,
  };
  AbiertoRgb rgb;
  guint i;

  g_assert_cmpuint (G_N_ELEMENTS (okabe_ito), ==, ABIERTO_PALETTE_N_COLORS);
  for (i = 0; i < ABIERTO_PALETTE_N_COLORS; i++)
    g_assert_cmphex (abierto_palette_get_hex (i), ==, okabe_ito[i]);

  abierto_palette_get_rgb (ABIERTO_PALETTE_ORANGE, &rgb);
  g_assert_cmpfloat_with_epsilon (rgb.red, 0xE6 / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (rgb.green, 0x9F / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (rgb.blue, 0.0, 1e-12);
}

static void
test_palette_luminance (void)
{
  AbiertoRgb grey;

  g_assert_cmpfloat_with_epsilon (abierto_palette_relative_luminance (&black), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (abierto_palette_relative_luminance (&white), 1.0, 1e-12);

  /* sRGB mid grey #777777 is about 0.184 */
  abierto_rgb_init_from_hex (&grey, 0x777777);
  g_assert_cmpfloat_with_epsilon (abierto_palette_relative_luminance (&grey), 0.1845, 1e-3);
}

static void
test_palette_contrast (void)
{
  AbiertoRgb a, b;

  g_assert_cmpfloat_with_epsilon (abierto_palette_contrast_ratio (&black, &white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (abierto_palette_contrast_ratio (&white, &black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (abierto_palette_contrast_ratio (&white, &white), 1.0, 1e-9);

  /* the well-known edge of WCAG AA: #767676 passes on white, #777777 fails */
  abierto_rgb_init_from_hex (&a, 0x767676);
  abierto_rgb_init_from_hex (&b, 0x777777);
  g_assert_cmpfloat (abierto_palette_contrast_ratio (&a, &white), >=, 4.5);
  g_assert_cmpfloat (abierto_palette_contrast_ratio (&b, &white), <, 4.5);
}

static void
test_palette_text_on_colors (void)
{
  guint i;

  for (i = 0; i < ABIERTO_PALETTE_N_COLORS; i++)
    {
      AbiertoRgb fill, text;
      double ratio;

      abierto_palette_get_rgb (i, &fill);
      abierto_palette_get_text_rgb (&fill, &text);
      ratio = abierto_palette_contrast_ratio (&fill, &text);
      g_test_message ("#%06X: %s text, %.2f:1", abierto_palette_get_hex (i),
                      text.red > 0.5 ? "white" : "black", ratio);
      g_assert_cmpfloat (ratio, >=, 4.5);
    }

  /* the only dark ones take white */
  for (i = 0; i < ABIERTO_PALETTE_N_COLORS; i++)
    {
      AbiertoRgb fill, text;

      abierto_palette_get_rgb (i, &fill);
      abierto_palette_get_text_rgb (&fill, &text);
      g_assert_cmpint (text.red > 0.5, ==,
                       i == ABIERTO_PALETTE_BLUE || i == ABIERTO_PALETTE_BLACK);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/palette/hex", test_palette_hex);
  g_test_add_func ("/report/palette/luminance", test_palette_luminance);
  g_test_add_func ("/report/palette/contrast", test_palette_contrast);
  g_test_add_func ("/report/palette/text-on-colors", test_palette_text_on_colors);

  return g_test_run ();
}
