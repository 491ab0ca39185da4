/* abierto-session-dialog.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-store.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_SESSION_DIALOG (abierto_session_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoSessionDialog, abierto_session_dialog,
                      ABIERTO, SESSION_DIALOG, AdwWindow)

AbiertoSessionDialog *abierto_session_dialog_new           (GtkWindow            *parent,
                                                            AbiertoStore         *store,
                                                            AbiertoSession       *session);
AbiertoSession       *abierto_session_dialog_get_session   (AbiertoSessionDialog *self);
/* Creates or saves the session, as the Create/Save button does; FALSE
 * when the store refused it and the dialog stays open saying why. */
gboolean              abierto_session_dialog_save          (AbiertoSessionDialog *self);
/* The message shown in the dialog, or NULL when there is none. */
const char           *abierto_session_dialog_get_error     (AbiertoSessionDialog *self);

G_END_DECLS
