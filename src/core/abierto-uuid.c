/* abierto-uuid.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include "abierto-uuid.h"

/* Time-ordered UUIDs (RFC 9562, version 7). GLib only makes random
 * version 4 UUIDs; rows get v7 ones so that the unique index on uuid grows
 * at its end instead of at random pages, which keeps bulk writes (the demo
 * generator, merges) fast and the file compact. They stay globally unique:
 * 74 of the 128 bits are random. */
void
abierto_uuid_generate (char buf[37])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint i, j;

  for (i = 0; i < 6; i++)
    bytes[i] = (guint8) (ms >> (8 * (5 - i)));
  for (i = 6; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      for (j = 0; j < 4 && i + j < 16; j++)
        bytes[i + j] = (guint8) (r >> (8 * j));
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  for (i = 0, j = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        buf[j++] = '-';
      buf[j++] = hex[bytes[i] >> 4];
      buf[j++] = hex[bytes[i] & 0x0f];
    }
  buf[j] = '\0';
}

char *
abierto_uuid_new (void)
{
  char buf[37];

  abierto_uuid_generate (buf);
  return g_strdup (buf);
}

gboolean
abierto_uuid_is_valid (const char *str)
{
  return str != NULL && g_uuid_string_is_valid (str);
}
