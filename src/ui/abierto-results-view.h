/* abierto-results-view.h
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

#define ABIERTO_TYPE_RESULTS_VIEW (abierto_results_view_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoResultsView, abierto_results_view,
                      ABIERTO, RESULTS_VIEW, AdwBin)

GtkWidget *abierto_results_view_new          (AbiertoStore     *store,
                                              AbiertoUndoStack *undo,
                                              gint64            session_id);
/* Shows @session_id of @store; the page sets this once. */
void       abierto_results_view_set_session  (AbiertoResultsView *self,
                                              AbiertoStore       *store,
                                              AbiertoUndoStack   *undo,
                                              gint64              session_id);
/* the voting round on show, 0 for none */
gint64     abierto_results_view_get_round_id (AbiertoResultsView *self);
void       abierto_results_view_set_round_id (AbiertoResultsView *self,
                                              gint64              round_id);

gboolean            abierto_results_view_get_computing (AbiertoResultsView *self);

G_END_DECLS
