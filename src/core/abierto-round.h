/* abierto-round.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-types.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_ROUND (abierto_round_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoRound, abierto_round, ABIERTO, ROUND, GObject)

AbiertoRound  *abierto_round_new            (gint64         session_id,
                                             AbiertoMethod  method);
gint64         abierto_round_get_id         (AbiertoRound  *self);
void           abierto_round_set_id         (AbiertoRound  *self,
                                             gint64         id);
const char    *abierto_round_get_uuid       (AbiertoRound  *self);
void           abierto_round_set_uuid       (AbiertoRound  *self,
                                             const char    *uuid);
gint64         abierto_round_get_session_id (AbiertoRound  *self);
void           abierto_round_set_session_id (AbiertoRound  *self,
                                             gint64         session_id);
const char    *abierto_round_get_title      (AbiertoRound  *self);
void           abierto_round_set_title      (AbiertoRound  *self,
                                             const char    *title);
AbiertoMethod  abierto_round_get_method     (AbiertoRound  *self);
void           abierto_round_set_method     (AbiertoRound  *self,
                                             AbiertoMethod  method);
/* dots per person, for ABIERTO_METHOD_DOT (default 3) */
guint          abierto_round_get_dots       (AbiertoRound  *self);
void           abierto_round_set_dots       (AbiertoRound  *self,
                                             guint          dots);
/* points of the scale, 3 (faces) or 5 (Likert), for ABIERTO_METHOD_SCALE */
guint          abierto_round_get_points     (AbiertoRound  *self);
void           abierto_round_set_points     (AbiertoRound  *self,
                                             guint          points);

G_END_DECLS
