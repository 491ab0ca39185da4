/* abierto-document-private.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-export-private.h"

G_BEGIN_DECLS

/* What the printed report and the tríptico share: the same words for the
 * same things, so both documents tell one story. Implemented in
 * abierto-report.c. */

/* "42 personas participantes", or "Menos de 5 personas participantes" */
char        *_abierto_document_people          (const AbiertoReportData  *data);
/* how a round was voted, in plain words for the audience */
char        *_abierto_document_method_text     (const AbiertoReportStyle *style,
                                                AbiertoResults           *results);
/* what a result row got, short: "12 puntos", "4.2 de 5", "8 manos" */
char        *_abierto_document_row_value       (AbiertoResults           *results,
                                                const AbiertoResultRow   *row);
/* the round whose results sum the workshop up: the last one with votes */
const AbiertoReportRound *
             _abierto_document_main_round      (const AbiertoReportData  *data);
/* FALSE when the place must not be printed */
gboolean     _abierto_document_show_place      (const AbiertoRenderContext *ctx);
/* a layout cut to @max_lines lines with an ellipsis; 0 leaves it whole */
PangoLayout *_abierto_document_layout_lines    (const AbiertoRenderContext *ctx,
                                                AbiertoTextRole           role,
                                                const char               *text,
                                                double                    width,
                                                int                       max_lines);
/* starts and ends a link to @uri on a PDF; does nothing elsewhere */
void         _abierto_document_link_begin      (const AbiertoRenderContext *ctx,
                                                const char               *uri);
void         _abierto_document_link_end        (const AbiertoRenderContext *ctx);
/* a simple smiling face or a person, in @rgb, inside a @size square */
void         _abierto_document_draw_face       (cairo_t                  *cr,
                                                const AbiertoRgb         *rgb,
                                                double                    x,
                                                double                    y,
                                                double                    size);
void         _abierto_document_draw_person     (cairo_t                  *cr,
                                                const AbiertoRgb         *rgb,
                                                double                    x,
                                                double                    y,
                                                double                    size);
gboolean     _abierto_document_check_cancelled (const AbiertoRenderContext *ctx,
                                                GError                  **error);
void         _abierto_document_progress        (const AbiertoRenderContext *ctx,
                                                double                    fraction);

G_END_DECLS
