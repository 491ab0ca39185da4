/* abierto-store-private.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "abierto-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* For the other files of core only: the connection, its prepared
 * statements and the transaction helpers. */
sqlite3      *_abierto_store_get_db        (AbiertoStore  *self);
sqlite3_stmt *_abierto_store_prepare       (AbiertoStore  *self,
                                            const char    *sql,
                                            GError       **error);
gboolean      _abierto_store_begin         (AbiertoStore  *self,
                                            GError       **error);
gboolean      _abierto_store_commit        (AbiertoStore  *self,
                                            GError       **error);
void          _abierto_store_rollback      (AbiertoStore  *self);
void          _abierto_store_emit_changed  (AbiertoStore  *self,
                                            const char    *table,
                                            gint64         session_id);
gboolean      _abierto_store_set_error     (AbiertoStore  *self,
                                            int            rc,
                                            GError       **error);
char         *_abierto_now_iso8601         (void);

G_END_DECLS
