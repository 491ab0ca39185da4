/* abierto-session.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-types.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_SESSION (abierto_session_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoSession, abierto_session, ABIERTO, SESSION, GObject)

AbiertoSession *abierto_session_new              (const char     *title,
                                                  AbiertoGroup    group);
gint64          abierto_session_get_id           (AbiertoSession *self);
void            abierto_session_set_id           (AbiertoSession *self,
                                                  gint64          id);
const char     *abierto_session_get_uuid         (AbiertoSession *self);
void            abierto_session_set_uuid         (AbiertoSession *self,
                                                  const char     *uuid);
const char     *abierto_session_get_title        (AbiertoSession *self);
void            abierto_session_set_title        (AbiertoSession *self,
                                                  const char     *title);
const char     *abierto_session_get_question     (AbiertoSession *self);
void            abierto_session_set_question     (AbiertoSession *self,
                                                  const char     *question);
AbiertoGroup    abierto_session_get_group        (AbiertoSession *self);
void            abierto_session_set_group        (AbiertoSession *self,
                                                  AbiertoGroup    group);
/* ISO 8601 date (YYYY-MM-DD), or NULL when not set */
const char     *abierto_session_get_date         (AbiertoSession *self);
void            abierto_session_set_date         (AbiertoSession *self,
                                                  const char     *date);
const char     *abierto_session_get_place        (AbiertoSession *self);
void            abierto_session_set_place        (AbiertoSession *self,
                                                  const char     *place);
const char     *abierto_session_get_facilitators (AbiertoSession *self);
void            abierto_session_set_facilitators (AbiertoSession *self,
                                                  const char     *facilitators);
const char     *abierto_session_get_language     (AbiertoSession *self);
void            abierto_session_set_language     (AbiertoSession *self,
                                                  const char     *language);
const char     *abierto_session_get_license      (AbiertoSession *self);
void            abierto_session_set_license      (AbiertoSession *self,
                                                  const char     *license);

const char     *abierto_session_get_publication_url (AbiertoSession *self);
void            abierto_session_set_publication_url (AbiertoSession *self,
                                                     const char     *url);

G_END_DECLS
