/* abierto-undo-stack.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Undoes one action; returns FALSE with @error set when it could not. */
typedef gboolean (*AbiertoUndoFunc) (gpointer   user_data,
                                     GError   **error);

#define ABIERTO_TYPE_UNDO_STACK (abierto_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoUndoStack, abierto_undo_stack, ABIERTO, UNDO_STACK, GObject)

AbiertoUndoStack *abierto_undo_stack_new       (void);
/* @label says what undoing does, for the toast: "Vote taken back" */
void              abierto_undo_stack_push      (AbiertoUndoStack *self,
                                                const char       *label,
                                                AbiertoUndoFunc   func,
                                                gpointer          user_data,
                                                GDestroyNotify    destroy);
gboolean          abierto_undo_stack_can_undo  (AbiertoUndoStack *self);
/* Undoes the newest action and drops it. On success @label (if not NULL)
 * gets a copy of its label. */
gboolean          abierto_undo_stack_undo      (AbiertoUndoStack *self,
                                                char            **label,
                                                GError          **error);
void              abierto_undo_stack_clear     (AbiertoUndoStack *self);

G_END_DECLS
