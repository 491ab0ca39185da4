/* abierto-opendata-dialog.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-opendata.h"
#include "abierto-store.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_OPENDATA_DIALOG (abierto_opendata_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoOpenDataDialog, abierto_opendata_dialog,
                      ABIERTO, OPENDATA_DIALOG, AdwWindow)

/* @session_id is the session on show (0 for none); with @all_sessions,
 * or without a session, every session of the file is chosen at first. */
AbiertoOpenDataDialog *abierto_opendata_dialog_new         (GtkWindow              *parent,
                                                            AbiertoStore           *store,
                                                            gint64                  session_id,
                                                            gboolean                all_sessions);
void                   abierto_opendata_dialog_get_options (AbiertoOpenDataDialog  *self,
                                                            AbiertoOpenDataOptions *options);
/* Publishes to @file as the Publish… button does once a place is chosen:
 * a folder, or with the .zip option a zip file. */
void                   abierto_opendata_dialog_publish_to  (AbiertoOpenDataDialog  *self,
                                                            GFile                  *file);
/* TRUE while the package is being written */
gboolean               abierto_opendata_dialog_get_busy    (AbiertoOpenDataDialog  *self);
/* The message shown in the dialog, or NULL when there is none. */
const char            *abierto_opendata_dialog_get_error   (AbiertoOpenDataDialog  *self);

G_END_DECLS
