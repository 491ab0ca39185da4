/* abierto-participant-sheet.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "abierto-store.h"

G_BEGIN_DECLS

/* The right of access (ARCO "A") on paper: everything @store holds about
 * one participant, in plain words and large print (US Letter, Noto Sans,
 * nothing under 12 pt): what is stored, what it is used for, how to ask
 * for changes, and the privacy notice they were shown, in full, with the
 * date in the footer. It is the same record as
 * abierto_store_dup_participant_record(). The PDF is written to a
 * temporary file, mode 0600, renamed over @path once complete. Runs in
 * the thread that owns @store. */
gboolean abierto_participant_sheet_write_pdf (AbiertoStore  *store,
                                              gint64         participant_id,
                                              const char    *path,
                                              GError       **error);

G_END_DECLS
