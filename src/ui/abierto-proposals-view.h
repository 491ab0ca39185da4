/* abierto-proposals-view.h
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

#define ABIERTO_TYPE_PROPOSALS_VIEW (abierto_proposals_view_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoProposalsView, abierto_proposals_view,
                      ABIERTO, PROPOSALS_VIEW, AdwBin)

GtkWidget *abierto_proposals_view_new         (AbiertoStore     *store,
                                               AbiertoUndoStack *undo,
                                               gint64            session_id);
/* Shows @session_id of @store; the page sets this once. */
void       abierto_proposals_view_set_session (AbiertoProposalsView *self,
                                               AbiertoStore         *store,
                                               AbiertoUndoStack     *undo,
                                               gint64                session_id);

G_END_DECLS
