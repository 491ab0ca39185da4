/* abierto-output-private.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A file being written: a temporary file beside the one asked for,
 * renamed over it only once whole and on the disk, so that a failure, a
 * cancelled export or a power cut never leaves half a file under its
 * name. Symbolic links are followed (the link stays a link); a folder, a
 * device or a pipe is refused; a file replaced keeps its permissions. */
typedef struct _AbiertoOutput AbiertoOutput;

AbiertoOutput  *_abierto_output_open             (const char      *path,
                                                  GError         **error);
/* The name to show in messages. */
const char     *_abierto_output_get_display_name (AbiertoOutput   *self);
/* Writes through a buffer; the first failure is kept and said by
 * _abierto_output_close(). A cairo_write_func_t for @self. */
cairo_status_t  _abierto_output_write_cairo      (void                *closure,
                                                  const unsigned char *data,
                                                  unsigned int         length);
/* TRUE when a write failed. */
gboolean        _abierto_output_failed           (AbiertoOutput   *self);
/* Sets @error to why a write failed, in words (a full disk says so). */
gboolean        _abierto_output_propagate_failure (AbiertoOutput  *self,
                                                  GError         **error);
/* An RGB24 image as a PNG, with its resolution when @dpi > 0. */
gboolean        _abierto_output_write_png        (AbiertoOutput   *self,
                                                  cairo_surface_t *image,
                                                  double           dpi,
                                                  GError         **error);
/* Puts the file in place and frees @self. */
gboolean        _abierto_output_close            (AbiertoOutput   *self,
                                                  GError         **error);
/* Throws the file away and frees @self. */
void            _abierto_output_discard          (AbiertoOutput   *self);

G_END_DECLS
