/* abierto-uuid.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *abierto_uuid_new      (void);
void      abierto_uuid_generate (char buf[37]);
gboolean  abierto_uuid_is_valid (const char *str);

G_END_DECLS
