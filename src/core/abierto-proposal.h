/* abierto-proposal.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-types.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_PROPOSAL (abierto_proposal_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoProposal, abierto_proposal, ABIERTO, PROPOSAL, GObject)

AbiertoProposal *abierto_proposal_new           (gint64           session_id,
                                                 const char      *text);
gint64           abierto_proposal_get_id        (AbiertoProposal *self);
void             abierto_proposal_set_id        (AbiertoProposal *self,
                                                 gint64           id);
const char      *abierto_proposal_get_uuid      (AbiertoProposal *self);
void             abierto_proposal_set_uuid      (AbiertoProposal *self,
                                                 const char      *uuid);
gint64           abierto_proposal_get_session_id (AbiertoProposal *self);
void             abierto_proposal_set_session_id (AbiertoProposal *self,
                                                  gint64           session_id);
const char      *abierto_proposal_get_text      (AbiertoProposal *self);
void             abierto_proposal_set_text      (AbiertoProposal *self,
                                                 const char      *text);
/* optional short title; "" when none */
const char      *abierto_proposal_get_title     (AbiertoProposal *self);
void             abierto_proposal_set_title     (AbiertoProposal *self,
                                                 const char      *title);
const char      *abierto_proposal_get_category  (AbiertoProposal *self);
void             abierto_proposal_set_category  (AbiertoProposal *self,
                                                 const char      *category);
/* participant id of the author, 0 when none */
gint64           abierto_proposal_get_author_id (AbiertoProposal *self);
void             abierto_proposal_set_author_id (AbiertoProposal *self,
                                                 gint64           author_id);
/* the title when set, else the start of the text: what a list or chart shows */
char            *abierto_proposal_dup_label     (AbiertoProposal *self);

G_END_DECLS
