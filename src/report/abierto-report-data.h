/* abierto-report-data.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-commitment.h"
#include "abierto-results.h"
#include "abierto-store.h"

G_BEGIN_DECLS

/* What an export may show of one session, gathered from a store once,
 * so that drawing never touches the file and can run in any thread.
 *
 * Privacy: nothing here names a person. There is no alias, no note, no
 * participant id and no authorship; opposed participants are left out of
 * every count; a count of people below the threshold is suppressed, and
 * so is a second cell whenever one suppressed cell could be worked out
 * from the total and the others. */

#define ABIERTO_REPORT_DEFAULT_THRESHOLD 5

typedef struct
{
  char     *label;       /* translated: "60 a 69 años", "Mujer", "Sin dato" */
  guint     count;       /* 0 when suppressed: never read it then */
  gboolean  suppressed;  /* printed as "menos de <threshold>" */
} AbiertoReportCount;

typedef struct
{
  char *uuid;            /* stable, for open data */
  char *title;           /* may be empty */
  char *text;            /* the full text, never cut */
  gint64 id;             /* the store's row, to link commitments; never exported */
  guint n_commitments;   /* commitments (not drafts) that answer it */
} AbiertoReportProposal;

typedef struct
{
  char      *name;       /* translated "Sin categoría" when the proposals have none */
  GPtrArray *proposals;  /* AbiertoReportProposal, in the order they were written down */
} AbiertoReportCategory;

typedef struct
{
  char           *title;    /* the round's title, or the method's name */
  AbiertoMethod   method;
  AbiertoResults *results;  /* owned */
} AbiertoReportRound;

typedef struct
{
  char    *action;
  char    *institution;
  char    *indicator;
  char    *deadline;     /* YYYY-MM-DD or NULL */
  double   progress;     /* 0..1, or < 0 when unknown */
  char    *status;       /* translated */
  AbiertoCommitmentStatus state;
  char    *status_reason;  /* why it was dropped; "" when none */
  char    *area;           /* may be empty */
  char    *unit;           /* may be empty */
  gboolean has_baseline;
  double   baseline;
  gboolean has_target;
  double   target;
  gboolean has_current;    /* a progress update was recorded */
  double   current;
  char    *current_date;   /* YYYY-MM-DD of that update, or NULL */
  gboolean overdue;        /* deadline passed, not done nor dropped */
  GPtrArray *proposals;    /* AbiertoReportProposal, borrowed from the categories */
} AbiertoReportCommitment;

typedef struct
{
  char         *title;
  char         *question;         /* may be empty */
  AbiertoGroup  group;
  char         *date;             /* YYYY-MM-DD, or NULL */
  char         *place;            /* may be empty */
  char         *facilitators;     /* institutions or teams, never a participant */
  char         *publication_url;  /* or NULL: then no QR code */
  char         *license;          /* SPDX id, "CC-BY-4.0" */
  guint         threshold;

  guint         n_participants;   /* total people counted, never suppressed alone */
  gboolean      participants_suppressed;  /* the total itself is below the threshold */
  GPtrArray    *age_bands;        /* AbiertoReportCount */
  GPtrArray    *genders;          /* AbiertoReportCount */

  guint         n_proposals;
  GPtrArray    *categories;       /* AbiertoReportCategory, sorted by name, "Sin categoría" last */
  GPtrArray    *rounds;           /* AbiertoReportRound, oldest first */
  GPtrArray    *commitments;      /* AbiertoReportCommitment; empty until commitments exist */
} AbiertoReportData;

/* an empty data set, for tests and for callers filling it by hand */
AbiertoReportData *abierto_report_data_new            (void);
/* Reads one session with @store, which may be a reader from
 * abierto_store_open_reader() used in a worker thread. */
AbiertoReportData *abierto_report_data_new_from_store (AbiertoStore      *store,
                                                       gint64             session_id,
                                                       guint              threshold,
                                                       GError           **error);
void               abierto_report_data_free           (AbiertoReportData *data);
/* "12" or "menos de 5" */
char              *abierto_report_count_format        (const AbiertoReportData  *data,
                                                       const AbiertoReportCount *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AbiertoReportData, abierto_report_data_free)

G_END_DECLS
