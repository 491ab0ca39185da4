/* abierto-window.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-store.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_WINDOW (abierto_window_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoWindow, abierto_window, ABIERTO, WINDOW, AdwApplicationWindow)

AbiertoWindow *abierto_window_new        (GtkApplication *application,
                                          AbiertoStore   *store);
AbiertoStore  *abierto_window_get_store  (AbiertoWindow  *self);
void           abierto_window_set_store  (AbiertoWindow  *self,
                                          AbiertoStore   *store);
gboolean       abierto_window_open_file  (AbiertoWindow  *self,
                                          GFile          *file);
void           abierto_window_show_error (AbiertoWindow  *self,
                                          const char     *heading,
                                          const GError   *error);

G_END_DECLS
