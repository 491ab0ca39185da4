/* abierto-palette.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-report"

#include "config.h"

#include <math.h>

#include "abierto-palette.h"

static const guint32 okabe_ito[ABIERTO_PALETTE_N_COLORS] = {
  0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000,
};

guint32
abierto_palette_get_hex (AbiertoPaletteColor color)
{
  g_return_val_if_fail ((guint) color < ABIERTO_PALETTE_N_COLORS, 0);

  return okabe_ito[color];
}

void
abierto_rgb_init_from_hex (AbiertoRgb *rgb,
                           guint32     hex)
{
  g_return_if_fail (rgb != NULL);

  rgb->red = ((hex >> 16) & 0xff) / 255.0;
  rgb->green = ((hex >> 8) & 0xff) / 255.0;
  rgb->blue = (hex & 0xff) / 255.0;
}

void
abierto_palette_get_rgb (AbiertoPaletteColor  color,
                         AbiertoRgb          *rgb)
{
  g_return_if_fail ((guint) color < ABIERTO_PALETTE_N_COLORS);
  g_return_if_fail (rgb != NULL);

  abierto_rgb_init_from_hex (rgb, okabe_ito[color]);
}

/* sRGB to linear light, as WCAG 2 defines it */
static double
linearize (double channel)
{
  channel = CLAMP (channel, 0.0, 1.0);

  if (channel <= 0.04045)
    return channel / 12.92;

  return pow ((channel + 0.055) / 1.055, 2.4);
}

double
abierto_palette_relative_luminance (const AbiertoRgb *rgb)
{
  g_return_val_if_fail (rgb != NULL, 0.0);

  return 0.2126 * linearize (rgb->red)
         + 0.7152 * linearize (rgb->green)
         + 0.0722 * linearize (rgb->blue);
}

double
abierto_palette_contrast_ratio (const AbiertoRgb *a,
                                const AbiertoRgb *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL, 1.0);
  g_return_val_if_fail (b != NULL, 1.0);

  la = abierto_palette_relative_luminance (a);
  lb = abierto_palette_relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

void
abierto_palette_get_text_rgb (const AbiertoRgb *background,
                              AbiertoRgb       *text)
{
  static const AbiertoRgb black = { 0, 0, 0 };
  static const AbiertoRgb white = { 1, 1, 1 };

  g_return_if_fail (background != NULL);
  g_return_if_fail (text != NULL);

  /* One of the two always reaches 4.5:1: they meet at about 4.58:1. */
  if (abierto_palette_contrast_ratio (background, &black)
      >= abierto_palette_contrast_ratio (background, &white))
    *text = black;
  else
    *text = white;
}
