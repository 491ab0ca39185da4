/* abierto-store.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "abierto-commitment.h"
#include "abierto-commitment-update.h"
#include "abierto-participant.h"
#include "abierto-proposal.h"
#include "abierto-results.h"
#include "abierto-round.h"
#include "abierto-session.h"
#include "abierto-types.h"

G_BEGIN_DECLS

/* "ABRT" */
#define ABIERTO_APPLICATION_ID 0x41425254
#define ABIERTO_FORMAT_VERSION 3

#define ABIERTO_STORE_ERROR (abierto_store_error_quark ())

typedef enum
{
  ABIERTO_STORE_ERROR_FAILED,
  ABIERTO_STORE_ERROR_NOT_SQLITE,   /* not a database at all */
  ABIERTO_STORE_ERROR_FOREIGN,      /* an SQLite file of another application */
  ABIERTO_STORE_ERROR_NEWER,        /* written by a newer Abierto */
  ABIERTO_STORE_ERROR_CORRUPT,
  ABIERTO_STORE_ERROR_READ_ONLY,
  ABIERTO_STORE_ERROR_FULL,
  ABIERTO_STORE_ERROR_IO,
  ABIERTO_STORE_ERROR_BUSY,
  ABIERTO_STORE_ERROR_NOT_FOUND,
  ABIERTO_STORE_ERROR_INVALID,      /* the user's input was refused */
  ABIERTO_STORE_ERROR_EXISTS,       /* e.g. an alias already taken */
  ABIERTO_STORE_ERROR_INCOMPLETE,   /* a commitment that is not measurable yet;
                                     * it can be saved as a draft */
} AbiertoStoreError;

GQuark abierto_store_error_quark (void);

#define ABIERTO_TYPE_STORE (abierto_store_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoStore, abierto_store, ABIERTO, STORE, GObject)

/* $XDG_DATA_HOME/abierto/talleres.abierto */
void             abierto_store_open_async        (const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AbiertoStore    *abierto_store_open_finish       (GAsyncResult        *result,
                                                  GError             **error);
AbiertoStore    *abierto_store_open_reader       (AbiertoStore        *self,
                                                  GError             **error);
char            *abierto_store_dup_default_path  (void);

AbiertoStore    *abierto_store_open              (const char      *path,
                                                  GError         **error);
/* Checkpoints the WAL into the file and closes it; safe to call twice. */
gboolean         abierto_store_close             (AbiertoStore    *self,
                                                  GError         **error);
const char      *abierto_store_get_path          (AbiertoStore    *self);
/* Writes a consistent copy of the workshop file at @path (open or not, by
 * this process or another) to @destination, mode 0600, through SQLite's
 * backup API: a temporary file renamed into place, so a failure never
 * leaves half a file. Opens its own connections, so a worker thread may
 * call it. */
gboolean         abierto_store_save_copy         (const char      *path,
                                                  const char      *destination,
                                                  GError         **error);
gboolean         abierto_store_is_read_only      (AbiertoStore    *self);

/* Checks integrity, references and schema. Returns FALSE only when the
 * check could not run; @healthy says whether the file is in good order and
 * @verdict says so in plain words. */
gboolean         abierto_store_check             (AbiertoStore    *self,
                                                  gboolean        *healthy,
                                                  char           **verdict,
                                                  GError         **error);

/* Deleting: sessions, participants, proposals and rounds are deleted
 * with a committed change that restore_* undoes until the file is closed:
 * deleted rows are hidden from every list and every result, and votes of
 * a deleted participant or proposal no longer count (a person gets their
 * dots back). abierto_store_purge_deleted() removes them for good; the app
 * calls it when it closes the file. */

/* Sessions. add_* fills in the id and UUID of the object it is given. */
gboolean         abierto_store_add_session       (AbiertoStore    *self,
                                                  AbiertoSession  *session,
                                                  GError         **error);
gboolean         abierto_store_update_session    (AbiertoStore    *self,
                                                  AbiertoSession  *session,
                                                  GError         **error);
gboolean         abierto_store_delete_session    (AbiertoStore    *self,
                                                  gint64           session_id,
                                                  GError         **error);
gboolean         abierto_store_restore_session   (AbiertoStore    *self,
                                                  gint64           session_id,
                                                  GError         **error);
AbiertoSession  *abierto_store_get_session       (AbiertoStore    *self,
                                                  gint64           session_id,
                                                  GError         **error);
/* a GListModel of AbiertoSession, newest date first */
GListModel      *abierto_store_list_sessions     (AbiertoStore    *self,
                                                  GError         **error);

/* Participants. Nobody is stored without consent (self, or a parent or
 * guardian for a child); votes of someone who did not consent can still
 * be cast as anonymous votes. add_participant records the version of the
 * privacy notice the person was shown: that of the participant's
 * notice-version when it is not 0 (a version the file does not hold is
 * refused with ABIERTO_STORE_ERROR_INVALID), else the latest one, creating
 * version 1 from abierto_privacy_dup_default_notice() when the file has
 * none yet; the version is set back on @participant, as are its id and
 * UUID. */
gboolean         abierto_store_add_participant   (AbiertoStore       *self,
                                                  AbiertoParticipant *participant,
                                                  GError            **error);
/* Rectification (ARCO "R"): saves the alias, age band, gender and consent
 * of @participant, and its notice version unless that is 0. Opposition is
 * left as it is: an object built afresh from a form must not withdraw it
 * by accident; abierto_store_set_participant_opposed() changes it. */
gboolean         abierto_store_update_participant (AbiertoStore       *self,
                                                   AbiertoParticipant *participant,
                                                   GError            **error);
gboolean         abierto_store_delete_participant (AbiertoStore       *self,
                                                   gint64              participant_id,
                                                   GError            **error);
gboolean         abierto_store_restore_participant (AbiertoStore       *self,
                                                    gint64              participant_id,
                                                    GError            **error);
AbiertoParticipant *abierto_store_get_participant (AbiertoStore       *self,
                                                   gint64              participant_id,
                                                   GError            **error);
/* sorted by alias */
GListModel      *abierto_store_list_participants (AbiertoStore       *self,
                                                  gint64              session_id,
                                                  GError            **error);

/* Opposition (ARCO "O"): the participant stays in the file, and is left
 * out of every export and of open data. */
gboolean         abierto_store_set_participant_opposed (AbiertoStore  *self,
                                                        gint64         participant_id,
                                                        gboolean       opposed,
                                                        GError       **error);
/* Cancellation (ARCO "C"), which cannot be undone: deletes the participant
 * (alias, age band, gender, consent), even one in the trash; the proposals
 * they wrote stay, without an author; their votes stay as anonymous votes,
 * so results do not change, and their votes waiting in the trash go. The
 * deleted bytes are overwritten (secure_delete) and the WAL is
 * checkpointed and truncated, so that no copy is left in the file or
 * beside it. When another connection is reading, the checkpoint cannot
 * finish: then the data is erased from the database all the same, and
 * ABIERTO_STORE_ERROR_BUSY says that a copy remains in the WAL until the
 * file is closed. */
gboolean         abierto_store_erase_participant (AbiertoStore       *self,
                                                  gint64              participant_id,
                                                  GError            **error);
/* Access (ARCO "A"): everything the file holds about one person, as a
 * JSON object: "id", "uuid", "alias", "age_band", "gender" (null when not
 * given), "consent" ("self" or "guardian"), "consent_date",
 * "notice_version" and "notice_text" (null when not recorded), "opposed",
 * "session" {"id", "title", "date", "place"}, "proposals" they wrote
 * [{"id", "title", "text", "category"}] and their "votes" [{"round_id",
 * "round_title", "method", "proposal_id", "proposal_title",
 * "proposal_text", "value"}]. Works on a participant in the trash too.
 * Free with json_node_unref(). */
JsonNode        *abierto_store_dup_participant_record (AbiertoStore  *self,
                                                       gint64         participant_id,
                                                       GError       **error);

/* The simplified privacy notice, versioned in the workshop file: each
 * text the institution saves is kept, so that a consent always names
 * what the person was shown. A file that has none yet gets version 1
 * from abierto_privacy_dup_default_notice() the first time one is needed
 * (read with get_notice, or a participant added); a read-only file then
 * gives that text as version 1 without storing it.
 *
 * get_notice gives the latest version, its text and when it was stored
 * (ISO 8601, UTC; NULL when not stored); each out argument may be NULL. */
gboolean         abierto_store_get_notice        (AbiertoStore    *self,
                                                  guint           *version,
                                                  char           **text,
                                                  char           **created,
                                                  GError         **error);
/* one version; ABIERTO_STORE_ERROR_NOT_FOUND when the file has no such
 * version */
gboolean         abierto_store_get_notice_version (AbiertoStore    *self,
                                                   guint            version,
                                                   char           **text,
                                                   char           **created,
                                                   GError         **error);
char            *abierto_store_dup_notice_text   (AbiertoStore    *self,
                                                  guint            version,
                                                  GError         **error);
/* Stores @text, trimmed, as a new version when it differs from the
 * latest; an empty text is refused with ABIERTO_STORE_ERROR_INVALID.
 * @version (may be NULL) gets the latest version number either way.
 * ::changed is emitted with the detail "privacy_notice" whenever a
 * version is stored, here or by get_notice and add_participant. */
gboolean         abierto_store_set_notice        (AbiertoStore    *self,
                                                  const char      *text,
                                                  guint           *version,
                                                  GError         **error);

/* Proposals */
gboolean         abierto_store_add_proposal      (AbiertoStore    *self,
                                                  AbiertoProposal *proposal,
                                                  GError         **error);
gboolean         abierto_store_update_proposal   (AbiertoStore    *self,
                                                  AbiertoProposal *proposal,
                                                  GError         **error);
gboolean         abierto_store_delete_proposal   (AbiertoStore    *self,
                                                  gint64           proposal_id,
                                                  GError         **error);
gboolean         abierto_store_restore_proposal  (AbiertoStore    *self,
                                                  gint64           proposal_id,
                                                  GError         **error);
AbiertoProposal *abierto_store_get_proposal      (AbiertoStore    *self,
                                                  gint64           proposal_id,
                                                  GError         **error);
/* in the order they were added; merged proposals are not listed */
GListModel      *abierto_store_list_proposals    (AbiertoStore    *self,
                                                  gint64           session_id,
                                                  GError         **error);
/* Merges @merged_id into @kept_id when two proposals say the same thing.
 * Votes follow: dots and hands are added up; a person who approved, rated
 * or ranked both keeps their vote for the proposal that stays. The merged
 * proposal leaves the lists; unmerge_proposal() undoes it all. */
gboolean         abierto_store_merge_proposals   (AbiertoStore    *self,
                                                  gint64           kept_id,
                                                  gint64           merged_id,
                                                  GError         **error);
gboolean         abierto_store_unmerge_proposal  (AbiertoStore    *self,
                                                  gint64           merged_id,
                                                  GError         **error);
/* the categories used in a session, sorted, without duplicates */
GStrv            abierto_store_list_categories   (AbiertoStore    *self,
                                                  gint64           session_id,
                                                  GError         **error);

/* Voting rounds */
gboolean         abierto_store_add_round         (AbiertoStore    *self,
                                                  AbiertoRound    *round,
                                                  GError         **error);
gboolean         abierto_store_delete_round      (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  GError         **error);
gboolean         abierto_store_restore_round     (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  GError         **error);
AbiertoRound    *abierto_store_get_round         (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  GError         **error);
GListModel      *abierto_store_list_rounds       (AbiertoStore    *self,
                                                  gint64           session_id,
                                                  GError         **error);

/* Votes. Each call is one durable transaction; the id of the vote is
 * returned in @vote_id. @value is the number of dots (dot), ignored
 * (approval) or the rating 1..points (scale). @participant_id 0 is an
 * anonymous vote. */
gboolean         abierto_store_add_vote          (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  gint64           participant_id,
                                                  gint64           proposal_id,
                                                  gint             value,
                                                  gint64          *vote_id,
                                                  GError         **error);
/* takes back one vote (the undo of add_vote) */
gboolean         abierto_store_delete_vote       (AbiertoStore    *self,
                                                  gint64           vote_id,
                                                  GError         **error);
/* one ranking ballot: @proposal_ids best first */
gboolean         abierto_store_add_ranking       (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  gint64           participant_id,
                                                  const gint64    *proposal_ids,
                                                  guint            n_proposals,
                                                  GError         **error);
/* takes back a participant's ranking ballot */
gboolean         abierto_store_delete_ranking    (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  gint64           participant_id,
                                                  GError         **error);
/* sets the hand count of a proposal in a tally round */
gboolean         abierto_store_set_tally         (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  gint64           proposal_id,
                                                  guint            count,
                                                  GError         **error);
guint            abierto_store_get_tally         (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  gint64           proposal_id,
                                                  GError         **error);
/* dots a participant still has in a dot round */
gint             abierto_store_get_dots_left     (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  gint64           participant_id,
                                                  GError         **error);

/**
 * AbiertoBallotEntry:
 * @vote_id: the vote
 * @proposal_id: what it is for
 * @value: dots, 1 for an approval, the rating, or the place in a ranking
 */
typedef struct
{
  gint64 vote_id;
  gint64 proposal_id;
  gint   value;
} AbiertoBallotEntry;

/* A participant's votes in a round, oldest first, as an array of
 * AbiertoBallotEntry: what the capture screen shows for that person. */
GArray          *abierto_store_get_ballot        (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  gint64           participant_id,
                                                  GError         **error);

/* Commitments: what an institution promises to do about one or more
 * proposals of a session. Unless it is saved as a draft, a commitment
 * must be "puntual, realizable y medible": one without an indicator, a
 * numeric target, a deadline or a responsible institution is refused with
 * ABIERTO_STORE_ERROR_INCOMPLETE and a sentence saying what it lacks (see
 * abierto_commitment_list_missing()). A dropped commitment needs a
 * reason, and nothing else (a draft can be dropped as it is). Every
 * proposal must be an active proposal of the commitment's session. */
gboolean         abierto_store_add_commitment    (AbiertoStore      *self,
                                                  AbiertoCommitment *commitment,
                                                  const gint64      *proposal_ids,
                                                  guint              n_proposals,
                                                  gboolean           draft,
                                                  GError           **error);
/* Saves every field of @commitment, its status and its proposals (those
 * of abierto_commitment_get_proposal_ids()); the check runs unless the
 * status is ABIERTO_COMMITMENT_DRAFT or ABIERTO_COMMITMENT_DROPPED. The
 * session cannot change. */
gboolean         abierto_store_update_commitment (AbiertoStore      *self,
                                                  AbiertoCommitment *commitment,
                                                  GError           **error);
gboolean         abierto_store_delete_commitment (AbiertoStore      *self,
                                                  gint64             commitment_id,
                                                  GError           **error);
gboolean         abierto_store_restore_commitment (AbiertoStore      *self,
                                                   gint64             commitment_id,
                                                   GError           **error);
AbiertoCommitment *abierto_store_get_commitment  (AbiertoStore      *self,
                                                  gint64             commitment_id,
                                                  GError           **error);
/* a GListModel of AbiertoCommitment, in the order they were added, with
 * their current value and proposals filled in */
GListModel      *abierto_store_list_commitments  (AbiertoStore      *self,
                                                  gint64             session_id,
                                                  GError           **error);

#define ABIERTO_COMMITMENT_STATUS_MASK(status) (1u << (status))

/* As list_commitments, across all sessions when @session_id is 0, only
 * those of @institution (the same name, whatever the case of its letters)
 * when not NULL, and only those whose status is in @statuses (a
 * mask of ABIERTO_COMMITMENT_STATUS_MASK() bits) when not 0. */
GListModel      *abierto_store_find_commitments  (AbiertoStore      *self,
                                                  gint64             session_id,
                                                  const char        *institution,
                                                  guint              statuses,
                                                  GError           **error);
/* the responsible institutions named in a session (all sessions when 0),
 * sorted, without duplicates */
GStrv            abierto_store_list_institutions (AbiertoStore      *self,
                                                  gint64             session_id,
                                                  GError           **error);

/* Progress of a commitment. add fills in the id and UUID of @update; the
 * date must be a real day, not in the future, and the evidence a web
 * address. Progress on a planned commitment puts it in progress. A draft
 * takes no progress until it is complete. */
gboolean         abierto_store_add_commitment_update    (AbiertoStore            *self,
                                                         AbiertoCommitmentUpdate *update,
                                                         GError                 **error);
/* takes back an update (the undo of add) */
gboolean         abierto_store_delete_commitment_update (AbiertoStore            *self,
                                                         gint64                   update_id,
                                                         GError                 **error);
/* a GListModel of AbiertoCommitmentUpdate, oldest date first */
GListModel      *abierto_store_list_commitment_updates  (AbiertoStore            *self,
                                                         gint64                   commitment_id,
                                                         GError                 **error);

gboolean         abierto_store_purge_deleted     (AbiertoStore    *self,
                                                  GError         **error);

AbiertoResults  *abierto_store_compute_results   (AbiertoStore    *self,
                                                  gint64           round_id,
                                                  GError         **error);
void             abierto_store_compute_results_async  (AbiertoStore        *self,
                                                       gint64               round_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
AbiertoResults  *abierto_store_compute_results_finish (AbiertoStore        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
