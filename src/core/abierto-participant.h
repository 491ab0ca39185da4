/* abierto-participant.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-types.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_PARTICIPANT (abierto_participant_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoParticipant, abierto_participant, ABIERTO, PARTICIPANT, GObject)

AbiertoParticipant *abierto_participant_new              (gint64              session_id,
                                                          const char         *alias);
gint64              abierto_participant_get_id           (AbiertoParticipant *self);
void                abierto_participant_set_id           (AbiertoParticipant *self,
                                                          gint64              id);
const char         *abierto_participant_get_uuid         (AbiertoParticipant *self);
void                abierto_participant_set_uuid         (AbiertoParticipant *self,
                                                          const char         *uuid);
gint64              abierto_participant_get_session_id   (AbiertoParticipant *self);
void                abierto_participant_set_session_id   (AbiertoParticipant *self,
                                                          gint64              session_id);
const char         *abierto_participant_get_alias        (AbiertoParticipant *self);
void                abierto_participant_set_alias        (AbiertoParticipant *self,
                                                          const char         *alias);
/* free text such as "60-69", or NULL */
const char         *abierto_participant_get_age_band     (AbiertoParticipant *self);
void                abierto_participant_set_age_band     (AbiertoParticipant *self,
                                                          const char         *age_band);
const char         *abierto_participant_get_gender       (AbiertoParticipant *self);
void                abierto_participant_set_gender       (AbiertoParticipant *self,
                                                          const char         *gender);
AbiertoConsent      abierto_participant_get_consent      (AbiertoParticipant *self);
void                abierto_participant_set_consent      (AbiertoParticipant *self,
                                                          AbiertoConsent      consent);
/* ISO 8601 date the consent was given, or NULL for "today" when added */
const char         *abierto_participant_get_consent_date (AbiertoParticipant *self);
void                abierto_participant_set_consent_date (AbiertoParticipant *self,
                                                          const char         *date);
/* the privacy notice version shown at consent; 0 = not yet recorded */
guint               abierto_participant_get_notice_version (AbiertoParticipant *self);
void                abierto_participant_set_notice_version (AbiertoParticipant *self,
                                                            guint               version);
/* opposition (ARCO "O"): left out of every export and of open data */
gboolean            abierto_participant_get_opposed      (AbiertoParticipant *self);
void                abierto_participant_set_opposed      (AbiertoParticipant *self,
                                                          gboolean            opposed);

G_END_DECLS
