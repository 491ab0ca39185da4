/* abierto-palette.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AbiertoRgb:
 * @red: 0 to 1
 * @green: 0 to 1
 * @blue: 0 to 1
 *
 * An opaque sRGB colour, as Cairo takes it.
 */
typedef struct
{
  double red;
  double green;
  double blue;
} AbiertoRgb;

/**
 * AbiertoPaletteColor:
 *
 * The Okabe-Ito palette, which people with any common colour-vision
 * deficiency can tell apart, in its usual order.
 */
typedef enum
{
  ABIERTO_PALETTE_ORANGE,           /* #E69F00 */
  ABIERTO_PALETTE_SKY_BLUE,         /* #56B4E9 */
  ABIERTO_PALETTE_BLUISH_GREEN,     /* #009E73 */
  ABIERTO_PALETTE_YELLOW,           /* #F0E442 */
  ABIERTO_PALETTE_BLUE,             /* #0072B2 */
  ABIERTO_PALETTE_VERMILLION,       /* #D55E00 */
  ABIERTO_PALETTE_REDDISH_PURPLE,   /* #CC79A7 */
  ABIERTO_PALETTE_BLACK,            /* #000000 */
} AbiertoPaletteColor;

#define ABIERTO_PALETTE_N_COLORS 8

/* 0xRRGGBB */
guint32  abierto_palette_get_hex            (AbiertoPaletteColor  color);
void     abierto_palette_get_rgb            (AbiertoPaletteColor  color,
                                             AbiertoRgb          *rgb);
void     abierto_rgb_init_from_hex          (AbiertoRgb          *rgb,
                                             guint32              hex);

/* WCAG 2 relative luminance, 0 (black) to 1 (white) */
double   abierto_palette_relative_luminance (const AbiertoRgb    *rgb);
/* WCAG 2 contrast ratio, 1 to 21, the same either way round */
double   abierto_palette_contrast_ratio     (const AbiertoRgb    *a,
                                             const AbiertoRgb    *b);
/* black or white, whichever reads better on @background */
void     abierto_palette_get_text_rgb       (const AbiertoRgb    *background,
                                             AbiertoRgb          *text);

G_END_DECLS
