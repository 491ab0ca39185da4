/* abierto-all-commitments-window.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-store.h"
#include "abierto-undo-stack.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW (abierto_all_commitments_window_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoAllCommitmentsWindow, abierto_all_commitments_window,
                      ABIERTO, ALL_COMMITMENTS_WINDOW, AdwWindow)

AbiertoAllCommitmentsWindow *abierto_all_commitments_window_new (GtkWindow        *parent,
                                                                 AbiertoStore     *store,
                                                                 AbiertoUndoStack *undo);

G_END_DECLS
