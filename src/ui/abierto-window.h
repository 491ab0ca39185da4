/* abierto-window.h
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

#define ABIERTO_TYPE_WINDOW (abierto_window_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoWindow, abierto_window, ABIERTO, WINDOW, AdwApplicationWindow)

AbiertoWindow    *abierto_window_new              (GtkApplication       *application,
                                                   AbiertoStore         *store);
AbiertoStore     *abierto_window_get_store        (AbiertoWindow        *self);
void              abierto_window_set_store        (AbiertoWindow        *self,
                                                   AbiertoStore         *store);
void              abierto_window_open_file        (AbiertoWindow        *self,
                                                   GFile                *file);
void              abierto_window_open_file_async  (AbiertoWindow        *self,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          abierto_window_get_opening      (AbiertoWindow        *self);
gboolean          abierto_window_open_file_finish (AbiertoWindow        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void              abierto_window_show_error       (AbiertoWindow        *self,
                                                   const char           *heading,
                                                   const GError         *error);
AbiertoUndoStack *abierto_window_get_undo_stack   (AbiertoWindow        *self);
void              abierto_window_add_toast        (AbiertoWindow        *self,
                                                   AdwToast             *toast);
/* A toast saying @title (plain text), with a button @button_label that
 * opens @target (if not NULL) in the application the desktop chooses;
 * when that fails, @error_heading heads the error dialog. */
void              abierto_window_add_open_toast   (AbiertoWindow        *self,
                                                   const char           *title,
                                                   const char           *button_label,
                                                   GFile                *target,
                                                   const char           *error_heading);
gboolean          abierto_window_delete_session   (AbiertoWindow        *self);
void              abierto_window_save_copy_async  (AbiertoWindow        *self,
                                                   GFile                *dest,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          abierto_window_save_copy_finish (AbiertoWindow        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
