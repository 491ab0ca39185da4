/* abierto-session-page.h
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

#define ABIERTO_TYPE_SESSION_PAGE (abierto_session_page_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoSessionPage, abierto_session_page, ABIERTO, SESSION_PAGE, AdwBin)

GtkWidget *abierto_session_page_new            (AbiertoStore       *store,
                                                AbiertoUndoStack   *undo,
                                                gint64              session_id);
gint64     abierto_session_page_get_session_id (AbiertoSessionPage *self);
/* "participants", "proposals", "voting", "results" or "commitments" */
void       abierto_session_page_show_view      (AbiertoSessionPage *self,
                                                const char         *name);

G_END_DECLS
