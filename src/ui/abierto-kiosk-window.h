/* abierto-kiosk-window.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-store.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_KIOSK_WINDOW (abierto_kiosk_window_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoKioskWindow, abierto_kiosk_window,
                      ABIERTO, KIOSK_WINDOW, AdwWindow)

/* A window where participants vote on their own, one ballot at a time,
 * in @round_id of @store. It first asks the facilitator for the PIN
 * that lets them out again. NULL with @error set when the round cannot
 * be voted in a kiosk (not there, or a hand count). */
AbiertoKioskWindow *abierto_kiosk_window_new       (AbiertoStore       *store,
                                                    gint64              round_id,
                                                    GError            **error);
AbiertoStore       *abierto_kiosk_window_get_store (AbiertoKioskWindow *self);
gint64              abierto_kiosk_window_get_round_id (AbiertoKioskWindow *self);
/* "set-pin", "welcome", "who", "ballot", "review", "thanks" or "unlock" */
const char         *abierto_kiosk_window_get_page  (AbiertoKioskWindow *self);
/* What the facilitator's gesture does (holding Ctrl+Alt+Q, or a long
 * press on the top right corner): the PIN pad to leave. */
void                abierto_kiosk_window_ask_pin   (AbiertoKioskWindow *self);
/* Whether "Read aloud" is offered: Speech Dispatcher is there. */
gboolean            abierto_kiosk_window_get_can_speak (AbiertoKioskWindow *self);

G_END_DECLS
