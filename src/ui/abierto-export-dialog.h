/* abierto-export-dialog.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-export.h"
#include "abierto-store.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_EXPORT_DIALOG (abierto_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoExportDialog, abierto_export_dialog,
                      ABIERTO, EXPORT_DIALOG, AdwWindow)

AbiertoExportDialog *abierto_export_dialog_new          (GtkWindow            *parent,
                                                         AbiertoStore         *store,
                                                         gint64                session_id);
void                 abierto_export_dialog_get_options  (AbiertoExportDialog  *self,
                                                         AbiertoExportOptions *options);
/* Exports to @file as the Export… button does once a file is chosen. */
void                 abierto_export_dialog_export_to    (AbiertoExportDialog  *self,
                                                         GFile                *file);
/* TRUE while a file is being written */
gboolean             abierto_export_dialog_get_busy     (AbiertoExportDialog  *self);
/* TRUE while the preview is being drawn */
gboolean             abierto_export_dialog_get_previewing (AbiertoExportDialog *self);
/* The preview of the options on show, or NULL until it is drawn. */
cairo_surface_t     *abierto_export_dialog_get_preview  (AbiertoExportDialog  *self);
/* The message shown in the dialog, or NULL when there is none. */
const char          *abierto_export_dialog_get_error    (AbiertoExportDialog  *self);

G_END_DECLS
