/* abierto-cli.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "abierto-store.h"

G_BEGIN_DECLS

/* What the process returns. */
#define ABIERTO_CLI_EXIT_OK     0
#define ABIERTO_CLI_EXIT_FAILED 1  /* input refused, or the file could not be used */
#define ABIERTO_CLI_EXIT_USAGE  2  /* the command line itself is wrong */

#define ABIERTO_CLI_ERROR (abierto_cli_error_quark ())

typedef enum
{
  ABIERTO_CLI_ERROR_USAGE,    /* exits with ABIERTO_CLI_EXIT_USAGE */
  ABIERTO_CLI_ERROR_INVALID,  /* a well-formed value the model refuses */
  ABIERTO_CLI_ERROR_NO_FILE,  /* a file to read that is not there */
} AbiertoCliError;

typedef enum
{
  ABIERTO_CLI_FORMAT_TEXT,
  ABIERTO_CLI_FORMAT_JSON,
  ABIERTO_CLI_FORMAT_CSV,
} AbiertoCliFormat;

typedef struct _AbiertoCli AbiertoCli;

/* A command: parses its own options with abierto_cli_parse(), does its
 * work and prints its result. The caller reports @error and closes the
 * store. */
typedef gboolean (*AbiertoCliCommandFunc) (AbiertoCli  *cli,
                                           GError     **error);

GQuark        abierto_cli_error_quark     (void);

gboolean      abierto_cli_parse           (AbiertoCli          *cli,
                                           const GOptionEntry  *entries,
                                           GError             **error);
/* The store of --file, opened on first use and closed by main(). A command
 * that only reads refuses a file that does not exist instead of creating
 * it. Borrowed. */
AbiertoStore *abierto_cli_open_store      (AbiertoCli          *cli,
                                           gboolean             writes,
                                           GError             **error);
void          abierto_cli_set_exit_status (AbiertoCli          *cli,
                                           int                  status);

/* Values of options, checked strictly. Each fails with a usage error
 * naming @option. */
gboolean      abierto_cli_require         (const char          *option,
                                           const char          *value,
                                           GError             **error);
gboolean      abierto_cli_parse_id        (const char          *option,
                                           const char          *value,
                                           gint64              *id,
                                           GError             **error);
gboolean      abierto_cli_parse_int       (const char          *option,
                                           const char          *value,
                                           gint64               min,
                                           gint64               max,
                                           gint64              *number,
                                           GError             **error);
gboolean      abierto_cli_parse_uint      (const char          *option,
                                           const char          *value,
                                           guint64              max,
                                           guint64             *number,
                                           GError             **error);
/* Turns the raw bytes of a text option into UTF-8 in place. */
gboolean      abierto_cli_parse_text      (const char          *option,
                                           char               **value,
                                           GError             **error);
gboolean      abierto_cli_parse_format    (const char          *value,
                                           gboolean             allow_csv,
                                           AbiertoCliFormat    *format,
                                           GError             **error);
gboolean      abierto_cli_parse_group     (const char          *value,
                                           AbiertoGroup        *group,
                                           GError             **error);

/* Output. Data (ids, JSON, CSV) goes to stdout as UTF-8 whatever the
 * locale; text for people goes through g_print(). */
void          abierto_cli_print_id        (gint64               id);
void          abierto_cli_print_data      (const char          *data);
void          abierto_cli_print_json      (JsonNode            *node);
/* @rows: a GPtrArray of GStrv, all of the same length; every column but
 * the last is padded to its widest cell. */
void          abierto_cli_print_table     (GPtrArray           *rows);

/* Helpers for JSON builders. */
void          abierto_cli_add_string      (JsonBuilder         *builder,
                                           const char          *name,
                                           const char          *value);
void          abierto_cli_add_nullable    (JsonBuilder         *builder,
                                           const char          *name,
                                           const char          *value);

/* The commands, one file per group. */
gboolean abierto_cli_session_add      (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_session_list     (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_participant_add  (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_participant_list (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_participant_export (AbiertoCli  *cli,
                                         GError     **error);
gboolean abierto_cli_participant_erase (AbiertoCli  *cli,
                                        GError     **error);
gboolean abierto_cli_participant_oppose (AbiertoCli  *cli,
                                         GError     **error);
gboolean abierto_cli_notice_show      (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_notice_set       (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_proposal_add     (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_proposal_list    (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_commitment_add   (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_commitment_update (AbiertoCli  *cli,
                                        GError     **error);
gboolean abierto_cli_commitment_status (AbiertoCli  *cli,
                                        GError     **error);
gboolean abierto_cli_commitment_list  (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_round_add        (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_round_list       (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_vote             (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_tally            (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_results          (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_demo             (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_check            (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_export           (AbiertoCli  *cli,
                                       GError     **error);
gboolean abierto_cli_opendata         (AbiertoCli  *cli,
                                       GError     **error);

G_END_DECLS
