/* abierto-projector-window.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-results.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_PROJECTOR_WINDOW (abierto_projector_window_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoProjectorWindow, abierto_projector_window,
                      ABIERTO, PROJECTOR_WINDOW, AdwWindow)

GtkWidget *abierto_projector_window_new         (void);
void       abierto_projector_window_set_results (AbiertoProjectorWindow *self,
                                                 AbiertoResults         *results,
                                                 const char             *title,
                                                 const char             *subtitle);

G_END_DECLS
