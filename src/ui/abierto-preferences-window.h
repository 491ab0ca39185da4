/* abierto-preferences-window.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-store.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_PREFERENCES_WINDOW (abierto_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoPreferencesWindow, abierto_preferences_window,
                      ABIERTO, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @store is the file whose privacy notice is edited, or NULL when no
 * file is open; the other preferences are the application's. */
AbiertoPreferencesWindow *abierto_preferences_window_new       (GtkWindow                *parent,
                                                                AbiertoStore             *store);
AbiertoStore             *abierto_preferences_window_get_store (AbiertoPreferencesWindow *self);

G_END_DECLS
