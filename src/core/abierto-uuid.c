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
abierto_uuid_generate (guint8 uuid[16])
{
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint i, j;

  for (i = 0; i < 6; i++)
    uuid[i] = (guint8) (ms >> (8 * (5 - i)));
  for (i = 6; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      for (j = 0; j < 4 && i + j < 16; j++)
        uuid[i + j] = (guint8) (r >> (8 * j));
    }
  uuid[6] = (uuid[6] & 0x0f) | 0x70;
  uuid[8] = (uuid[8] & 0x3f) | 0x80;
}

void
abierto_uuid_format (const guint8 uuid[16],
                     char         out[ABIERTO_UUID_STRING_LEN])
{
  static const char hex[] = "0123456789abcdef";
  guint i, j;

  for (i = 0, j = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[uuid[i] >> 4];
      out[j++] = hex[uuid[i] & 0x0f];
    }
  out[j] = '\0';
}

gboolean
abierto_uuid_parse (const char *str,
                    guint8      uuid[16])
{
  guint i = 0;
  const char *p;

  if (str == NULL || !g_uuid_string_is_valid (str))
    return FALSE;

  for (p = str; *p != '\0' && i < 16; p++)
    {
      if (*p == '-')
        continue;
      uuid[i++] = (guint8) ((g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]));
      p++;
    }

  return i == 16;
}

/* A new UUID, as bytes in @uuid and as the string returned. */
char *
abierto_uuid_new (guint8 uuid[16])
{
  char buf[ABIERTO_UUID_STRING_LEN];

  abierto_uuid_generate (uuid);
  abierto_uuid_format (uuid, buf);
  return g_strdup (buf);
}
