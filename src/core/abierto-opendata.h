/* abierto-opendata.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "abierto-store.h"

G_BEGIN_DECLS

#define ABIERTO_OPENDATA_ERROR (abierto_opendata_error_quark ())

typedef enum
{
  ABIERTO_OPENDATA_ERROR_FAILED,
  ABIERTO_OPENDATA_ERROR_NOT_EMPTY,  /* the folder already holds files, or is a file */
  ABIERTO_OPENDATA_ERROR_CHANGING,   /* the workshop file kept changing while read */
  ABIERTO_OPENDATA_ERROR_ARCHIVE,    /* the zip file could not be made */
} AbiertoOpenDataError;

GQuark abierto_opendata_error_quark (void);

/**
 * AbiertoOpenDataOptions:
 * @session_id: the session to publish, or 0 for every session of the file
 * @threshold: counts of people below this are left out (the small-numbers
 *   rule), from %ABIERTO_PRIVACY_MIN_THRESHOLD to
 *   %ABIERTO_PRIVACY_MAX_THRESHOLD
 * @zip: write one zip file (for a CKAN portal) instead of a folder
 */
typedef struct _AbiertoOpenDataOptions
{
  gint64   session_id;
  guint    threshold;
  gboolean zip;
} AbiertoOpenDataOptions;

/* every session, the default threshold, a folder */
void      abierto_opendata_options_init      (AbiertoOpenDataOptions       *options);

/* The package's name, such as "abierto-parque-hundido" for one session or
 * "abierto-talleres" for all of them: a good default file name. */
char     *abierto_opendata_dup_package_name  (AbiertoStore                 *store,
                                              gint64                        session_id,
                                              GError                      **error);

/* Writes a Frictionless Tabular Data Package of the sessions of @store:
 * datapackage.json, a README.md and one CSV file (RFC 4180, UTF-8) per
 * table. It names no person: no alias, no participant, no note about a
 * person, no author of a proposal; participants who opposed the use of
 * their data are not counted, and counts of people are held back by the
 * small-numbers rule.
 *
 * Without @options->zip, @path is a folder that must be empty or not
 * exist (ABIERTO_OPENDATA_ERROR_NOT_EMPTY otherwise); with it, @path is
 * the zip file, replaced if it exists. A device, a pipe or a socket is
 * never replaced (G_IO_ERROR_NOT_REGULAR_FILE). A link is followed: the
 * package goes where it points and the link stays; a link to nothing is
 * refused (G_IO_ERROR_NOT_FOUND). Either way the package is written
 * under a temporary name, synced and renamed into place: @path never
 * holds half a package, and on failure nothing is left behind.
 *
 * Only reads @store, so a worker thread may call it with a reader of
 * abierto_store_open_reader(). What it writes is consistent: when the
 * file changes while it reads, it reads again. */
gboolean  abierto_opendata_write             (AbiertoStore                 *store,
                                              const AbiertoOpenDataOptions *options,
                                              const char                   *path,
                                              GCancellable                 *cancellable,
                                              GError                      **error);

G_END_DECLS
