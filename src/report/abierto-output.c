/* abierto-output.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abierto-output-private.h"

/* Cairo hands a PDF over in thousands of pieces of a few bytes: a buffer
 * makes them a few large writes. */
#define BUFFER_SIZE   (64 * 1024)
/* of the name a temporary file borrows: with ".", "." and "XXXXXX" it
 * stays within NAME_MAX */
#define MAX_TMP_BASE  200
/* Infographics are flat colour and text: left unfiltered they compress
 * better than with libpng's per-row choice of filter, and about three
 * times faster (measured on a 1080×1350 poster: 105 KB against 120 KB). */
#define PNG_FILTER    PNG_FILTER_NONE
#define PNG_LEVEL     6

struct _AbiertoOutput
{
  char          *display;   /* the name asked for, to show */
  char          *target;    /* the file replaced: @display through its links */
  char          *tmp_path;
  int            fd;
  GOutputStream *file;      /* over @fd, which it does not close */
  GOutputStream *stream;    /* buffered, over @file */
  GError        *failure;   /* the first write that failed */
};

/* Why @display could not be saved: a full disk in words anyone can act
 * on, anything else with the system's reason. */
static gboolean
set_write_error (int          code,
                 const char  *reason,
                 const char  *display,
                 GError     **error)
{
  if (code == G_IO_ERROR_NO_SPACE)
    g_set_error (error, G_IO_ERROR, code,
                 _("“%s” could not be saved: the disk is full. Free some space or choose "
                   "another place, then try again."), display);
  else
    g_set_error (error, G_IO_ERROR, code, _("“%s” could not be written: %s."), display, reason);

  return FALSE;
}

static gboolean
set_errno_error (int          saved_errno,
                 const char  *display,
                 GError     **error)
{
  return set_write_error (g_io_error_from_errno (saved_errno), g_strerror (saved_errno),
                          display, error);
}

/* Where writing @path really goes: through a symbolic link, so that the
 * link stays a link and the file it points to is what gets replaced, as
 * when GNOME's own applications save (g_file_replace()). A link that
 * points nowhere is refused, as by the open data: following it could put
 * the file on the mount point of a disk that is not plugged in. Refuses a
 * folder, and whatever is not a file (a device, a pipe): renaming over
 * them would replace them. @mode is set to the permissions of a file
 * replaced, 0 for a new one. */
static char *
resolve_target (const char  *path,
                const char  *display,
                mode_t      *mode,
                GError     **error)
{
  g_autofree char *target = NULL;
  GStatBuf st;

  *mode = 0;
  if (g_lstat (path, &st) != 0)
    {
      if (errno != ENOENT)
        {
          set_errno_error (errno, display, error);
          return NULL;
        }
      return g_strdup (path);  /* a new file */
    }

  if (S_ISLNK (st.st_mode))
    {
      char *resolved = realpath (path, NULL);

      if (resolved == NULL && errno == ENOENT)
        {
          g_autofree char *link = g_file_read_link (path, NULL);
          g_autofree char *link_display = g_filename_display_name (link != NULL ? link : "");

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("“%s” is a link to “%s”, which does not exist. Connect the disk it is "
                         "on, or choose another name."), display, link_display);
          return NULL;
        }
      if (resolved == NULL || g_lstat (resolved, &st) != 0)
        {
          set_errno_error (errno, display, error);
          free (resolved);
          return NULL;
        }
      target = g_strdup (resolved);
      free (resolved);
    }
  else
    {
      target = g_strdup (path);
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder; choose a file name."), display);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a file that can be replaced (it may be a device or a "
                     "pipe); choose another name."), display);
      return NULL;
    }

  /* as g_file_replace(): a file that may not be written is not replaced
   * behind its owner's back */
  if (access (target, W_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” is read-only and cannot be replaced; choose another name."),
                   display);
      return NULL;
    }

  *mode = st.st_mode & 0777;
  return g_steal_pointer (&target);
}

/* Stops what is still buffered from being written when the streams go:
 * a file that failed is thrown away. */
static void
output_drop_streams (AbiertoOutput *self)
{
  if (self->file != NULL)
    g_output_stream_close (self->file, NULL, NULL);
  g_clear_object (&self->stream);
  g_clear_object (&self->file);
}

static void
output_free (AbiertoOutput *self)
{
  output_drop_streams (self);
  if (self->fd >= 0)
    close (self->fd);
  g_clear_error (&self->failure);
  g_free (self->tmp_path);
  g_free (self->target);
  g_free (self->display);
  g_free (self);
}

AbiertoOutput *
_abierto_output_open (const char  *path,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  AbiertoOutput *self;
  mode_t mode;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (AbiertoOutput, 1);
  self->fd = -1;
  self->display = g_filename_display_name (path);
  self->target = resolve_target (path, self->display, &mode, error);
  if (self->target == NULL)
    {
      output_free (self);
      return NULL;
    }

  /* beside the target, so the rename stays on one file system; a long
   * name is shortened so that the temporary one is not too long */
  dir = g_path_get_dirname (self->target);
  base = g_path_get_basename (self->target);
  if (strlen (base) > MAX_TMP_BASE)
    base[MAX_TMP_BASE] = '\0';
  self->tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  self->fd = g_mkstemp_full (self->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      set_errno_error (errno, self->display, error);
      g_clear_pointer (&self->tmp_path, g_free);
      output_free (self);
      return NULL;
    }
  /* a file replaced keeps who may read it: a private one stays private */
  if (mode != 0 && fchmod (self->fd, mode) != 0)
    g_debug ("Could not keep the permissions of %s: %s", self->display, g_strerror (errno));

  self->file = g_unix_output_stream_new (self->fd, FALSE);
  self->stream = g_buffered_output_stream_new_sized (self->file, BUFFER_SIZE);

  return self;
}

const char *
_abierto_output_get_display_name (AbiertoOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display;
}

static gboolean
output_write (AbiertoOutput *self,
              const void    *data,
              gsize          length)
{
  return self->failure == NULL
         && g_output_stream_write_all (self->stream, data, length, NULL, NULL, &self->failure);
}

cairo_status_t
_abierto_output_write_cairo (void                *closure,
                             const unsigned char *data,
                             unsigned int         length)
{
  return output_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
_abierto_output_failed (AbiertoOutput *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->failure != NULL;
}

gboolean
_abierto_output_propagate_failure (AbiertoOutput  *self,
                                   GError        **error)
{
  g_return_val_if_fail (self != NULL && self->failure != NULL, FALSE);

  return set_write_error (self->failure->code, self->failure->message, self->display, error);
}

/* PNG, through libpng itself: Cairo's writer offers no choice of filter */

typedef struct
{
  AbiertoOutput *output;
  char           message[256];
} PngJob;

static void
png_write_cb (png_structp png,
              png_bytep   data,
              size_t      length)
{
  PngJob *job = png_get_io_ptr (png);

  if (!output_write (job->output, data, length))
    png_error (png, "write");
}

static void
png_flush_cb (png_structp png)
{
}

static void
png_error_cb (png_structp     png,
              png_const_charp message)
{
  PngJob *job = png_get_error_ptr (png);

  g_strlcpy (job->message, message, sizeof job->message);
  png_longjmp (png, 1);
}

static void
png_warning_cb (png_structp     png,
                png_const_charp message)
{
  g_debug ("libpng: %s", message);
}

gboolean
_abierto_output_write_png (AbiertoOutput    *self,
                           cairo_surface_t  *image,
                           double            dpi,
                           GError          **error)
{
  PngJob job = { self, "" };
  png_structp png;
  png_infop info;
  const unsigned char *data;
  int width, height, stride, y;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cairo_image_surface_get_format (image) == CAIRO_FORMAT_RGB24, FALSE);

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &job, png_error_cb, png_warning_cb);
  if (png == NULL)
    return set_errno_error (ENOMEM, self->display, error);
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      return set_errno_error (ENOMEM, self->display, error);
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      if (self->failure != NULL)
        return _abierto_output_propagate_failure (self, error);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” could not be drawn: %s."), self->display,
                   job.message[0] != '\0' ? job.message : g_strerror (ENOMEM));
      return FALSE;
    }

  png_set_write_fn (png, &job, png_write_cb, png_flush_cb);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8, PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (dpi > 0)
    {
      /* so that a printed page comes out at its size */
      png_uint_32 per_metre = (png_uint_32) lround (dpi / 0.0254);

      png_set_pHYs (png, info, per_metre, per_metre, PNG_RESOLUTION_METER);
    }
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER);
  png_set_compression_level (png, PNG_LEVEL);
  png_write_info (png, info);

  /* Cairo's RGB24 is a 32-bit word per pixel, xRGB in the machine's
   * byte order: libpng drops the x and puts the bytes in order */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  png_set_bgr (png);
  png_set_filler (png, 0, PNG_FILLER_AFTER);
#else
  png_set_filler (png, 0, PNG_FILLER_BEFORE);
#endif
  for (y = 0; y < height; y++)
    png_write_row (png, (png_const_bytep) (data + (gsize) y * (gsize) stride));
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  return TRUE;
}

/* So that the rename itself survives a power cut. Best effort: some
 * file systems cannot sync a folder. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

gboolean
_abierto_output_close (AbiertoOutput  *self,
                       GError        **error)
{
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failure == NULL)
    g_output_stream_flush (self->stream, NULL, &self->failure);
  if (self->failure != NULL)
    ok = _abierto_output_propagate_failure (self, error);
  output_drop_streams (self);

  fd = self->fd;
  self->fd = -1;
  if (ok && fsync (fd) != 0)
    ok = set_errno_error (errno, self->display, error);
  if (close (fd) != 0 && ok)
    ok = set_errno_error (errno, self->display, error);
  if (ok && g_rename (self->tmp_path, self->target) != 0)
    ok = set_errno_error (errno, self->display, error);

  if (ok)
    sync_folder (self->target);
  else
    g_unlink (self->tmp_path);

  output_free (self);
  return ok;
}

void
_abierto_output_discard (AbiertoOutput *self)
{
  g_return_if_fail (self != NULL);

  /* the temporary file goes, with whatever was written to it */
  output_drop_streams (self);
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  g_unlink (self->tmp_path);
  output_free (self);
}
