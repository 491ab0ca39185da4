/* abierto-uuid.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* UUIDs are stored as 16 bytes and shown as 36 characters. */
#define ABIERTO_UUID_STRING_LEN 37

void      abierto_uuid_generate (guint8      uuid[16]);
void      abierto_uuid_format   (const guint8 uuid[16],
                                 char         out[ABIERTO_UUID_STRING_LEN]);
gboolean  abierto_uuid_parse    (const char  *str,
                                 guint8       uuid[16]);
char     *abierto_uuid_new      (guint8      uuid[16]);

G_END_DECLS
