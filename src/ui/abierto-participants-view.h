/* abierto-participants-view.h
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

#define ABIERTO_TYPE_PARTICIPANTS_VIEW (abierto_participants_view_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoParticipantsView, abierto_participants_view,
                      ABIERTO, PARTICIPANTS_VIEW, AdwBin)

GtkWidget *abierto_participants_view_new         (AbiertoStore     *store,
                                                  AbiertoUndoStack *undo,
                                                  gint64            session_id);
/* Shows @session_id of @store; the page sets this once. */
void       abierto_participants_view_set_session (AbiertoParticipantsView *self,
                                                  AbiertoStore            *store,
                                                  AbiertoUndoStack        *undo,
                                                  gint64                   session_id);

G_END_DECLS
