/* abierto-demo.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "abierto-demo.h"
#include "abierto-store-private.h"
#include "abierto-uuid.h"

/* Demo data is what a facilitator in Mexico City would type, so it is in
 * Spanish on purpose and not translated. */

typedef struct
{
  const char *topic;
  const char *question;
  const char *proposals[8];
} Topic;

static const Topic topics[] = {
  { "Parques y espacios públicos",
    "¿Qué necesita tu parque para que todas las personas lo disfruten?",
    { "Poner más bancas con sombra cerca de los juegos.",
      "Instalar baños limpios y accesibles para personas con discapacidad.",
      "Arreglar las banquetas rotas que rodean el parque.",
      "Colocar bebederos de agua potable.",
      "Organizar actividades los fines de semana para niñas y niños.",
      "Mejorar la iluminación en las noches para caminar con seguridad.",
      "Sembrar árboles y cuidar las jardineras entre vecinas y vecinos.",
      "Poner señalización clara, con letras grandes y dibujos." } },
  { "Movilidad segura",
    "¿Cómo podemos llegar a la escuela, al trabajo o al centro de salud sin riesgos?",
    { "Hacer cruces peatonales con semáforo que dé tiempo suficiente.",
      "Poner rampas en todas las esquinas de la colonia.",
      "Capacitar a choferes del transporte público en trato digno.",
      "Reservar asientos para personas mayores y embarazadas.",
      "Iluminar los paraderos del camión.",
      "Crear rutas seguras hacia las escuelas primarias.",
      "Reducir la velocidad de los autos frente a mercados y escuelas.",
      "Dar información de rutas en lenguaje sencillo." } },
  { "Salud y cuidados",
    "¿Qué haría más fácil cuidar tu salud y la de tu familia?",
    { "Abrir el centro de salud también por la tarde.",
      "Dar citas por teléfono sin hacer fila desde la madrugada.",
      "Contar con medicamentos para enfermedades crónicas.",
      "Hacer jornadas de salud visual y auditiva en la colonia.",
      "Tener espacios de cuidado infantil para madres que trabajan.",
      "Ofrecer acompañamiento psicológico gratuito.",
      "Explicar los tratamientos con palabras claras.",
      "Llevar consultas a domicilio para quien no puede salir." } },
  { "Trabajo y reinserción",
    "¿Qué apoyos ayudan a empezar de nuevo después de la reclusión?",
    { "Eliminar la carta de antecedentes como requisito para trabajar.",
      "Dar cursos de oficios con certificado oficial.",
      "Apoyar con capital semilla para pequeños negocios.",
      "Ofrecer guarderías durante las capacitaciones.",
      "Acompañar los trámites de identificación oficial.",
      "Crear una bolsa de trabajo con empresas aliadas.",
      "Dar orientación legal gratuita.",
      "Formar grupos de apoyo entre mujeres liberadas." } },
  { "Escuela y juego",
    "¿Cómo te gustaría que fuera tu escuela y tu colonia?",
    { "Tener más tiempo de recreo y juegos nuevos.",
      "Que haya agua y jabón en todos los baños.",
      "Una biblioteca con cuentos y cómics.",
      "Talleres de música, pintura y deporte.",
      "Que los adultos nos escuchen en las decisiones de la escuela.",
      "Calles sin basura para ir caminando.",
      "Un huerto para sembrar y aprender.",
      "Que nadie moleste a otras niñas y niños." } },
};

static const char * const places[] = {
  "Iztapalapa", "Coyoacán", "Tlalpan", "Gustavo A. Madero", "Cuauhtémoc", "Xochimilco",
  "Álvaro Obregón", "Azcapotzalco", "Venustiano Carranza", "Tláhuac", "Milpa Alta",
  "Iztacalco", "Benito Juárez", "Miguel Hidalgo", "Magdalena Contreras", "Cuajimalpa",
};

static const char * const nicknames[] = {
  "Girasol", "Colibrí", "Ajolote", "Jacaranda", "Nopal", "Quetzal", "Ceiba", "Mariposa",
  "Tlacuache", "Cempasúchil", "Xoloitzcuintle", "Luciérnaga", "Maguey", "Gorrión", "Dalia",
  "Ahuehuete", "Tortuga", "Cenzontle", "Orquídea", "Jaguar",
};

static const char * const age_bands[ABIERTO_N_GROUPS][3] = {
  [ABIERTO_GROUP_OLDER_ADULTS] = { "60-69", "70-79", "80+" },
  [ABIERTO_GROUP_WOMEN_REENTRY] = { "18-29", "30-44", "45-59" },
  [ABIERTO_GROUP_CHILDREN] = { "6-8", "9-10", "11-12" },
  [ABIERTO_GROUP_MIXED] = { "18-29", "30-59", "60+" },
};

static const char * const group_phrases[ABIERTO_N_GROUPS] = {
  [ABIERTO_GROUP_OLDER_ADULTS] = "personas adultas mayores",
  [ABIERTO_GROUP_WOMEN_REENTRY] = "mujeres en reinserción",
  [ABIERTO_GROUP_CHILDREN] = "niñas y niños de primaria",
  [ABIERTO_GROUP_MIXED] = "vecinas y vecinos",
};

typedef struct
{
  AbiertoStore *store;
  GRand        *rand;
  char         *now;
  const AbiertoDemoOptions *options;
  AbiertoDemoStats *stats;
  gint64       *participants;  /* ids of the current session's participants */
  gint64       *proposals;     /* ids of its proposals, most popular first */
  guint        *order;         /* scratch permutation of proposal indexes */
} Demo;

static gboolean
step (Demo          *demo,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _abierto_store_set_error (demo->store, rc, error);

  return TRUE;
}

static gint64
last_id (Demo *demo)
{
  return sqlite3_last_insert_rowid (_abierto_store_get_db (demo->store));
}

/* A draw skewed towards 0, so some proposals are clearly more popular
 * than others, as in a real room. */
static guint
skewed (Demo  *demo,
        guint  n)
{
  double u = g_rand_double (demo->rand);

  return MIN ((guint) (u * u * n), n - 1);
}

static gboolean
write_session (Demo          *demo,
               guint          index,
               gint64        *session_id,
               AbiertoGroup  *group_out,
               GError       **error)
{
  static const char sql[] =
    "INSERT INTO session (uuid, title, question, grp, date, place, facilitators, created, "
    "                     modified) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)";
  AbiertoGroup group = (AbiertoGroup) (index % ABIERTO_N_GROUPS);
  const Topic *topic;
  const char *place = places[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (places))];
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *where = NULL;
  guint8 uuid[16];
  sqlite3_stmt *stmt;

  /* each group gets the topics that concern it most */
  if (group == ABIERTO_GROUP_WOMEN_REENTRY)
    topic = &topics[3];
  else if (group == ABIERTO_GROUP_CHILDREN)
    topic = &topics[4];
  else
    topic = &topics[(index / ABIERTO_N_GROUPS) % 3];

  title = g_strdup_printf ("%s: taller con %s", topic->topic, group_phrases[group]);
  date = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (demo->rand, 1, 12),
                          g_rand_int_range (demo->rand, 1, 29));
  /* never the place of detention: an organisation in the borough */
  where = group == ABIERTO_GROUP_WOMEN_REENTRY
          ? g_strdup_printf ("Organización civil en %s", place)
          : g_strdup_printf ("Casa de cultura de %s", place);

  if (!(stmt = _abierto_store_prepare (demo->store, sql, error)))
    return FALSE;
  abierto_uuid_generate (uuid);
  sqlite3_bind_blob (stmt, 1, uuid, 16, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topic->question, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, abierto_group_to_string (group), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, where, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, "Equipo de participación ciudadana", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, demo->now, -1, SQLITE_STATIC);
  if (!step (demo, stmt, error))
    return FALSE;

  *session_id = last_id (demo);
  *group_out = group;
  demo->stats->sessions++;
  return TRUE;
}

static gboolean
write_participants (Demo          *demo,
                    gint64         session_id,
                    AbiertoGroup   group,
                    GError       **error)
{
  static const char sql[] =
    "INSERT INTO participant (uuid, session_id, alias, age_band, consent, consent_date, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  const char *consent = group == ABIERTO_GROUP_CHILDREN ? "guardian" : "self";
  sqlite3_stmt *stmt;
  guint i;

  if (!(stmt = _abierto_store_prepare (demo->store, sql, error)))
    return FALSE;

  for (i = 0; i < demo->options->participants; i++)
    {
      g_autofree char *alias = NULL;
      guint8 uuid[16];

      alias = g_strdup_printf ("%s %u", nicknames[i % G_N_ELEMENTS (nicknames)],
                               i / (guint) G_N_ELEMENTS (nicknames) + 1);
      abierto_uuid_generate (uuid);
      sqlite3_bind_blob (stmt, 1, uuid, 16, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, session_id);
      sqlite3_bind_text (stmt, 3, alias, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, age_bands[group][g_rand_int_range (demo->rand, 0, 3)], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, consent, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, demo->now, 10, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, demo->now, -1, SQLITE_STATIC);
      if (!step (demo, stmt, error))
        return FALSE;
      demo->participants[i] = last_id (demo);
    }

  demo->stats->participants += demo->options->participants;
  return TRUE;
}

static gboolean
write_proposals (Demo          *demo,
                 gint64         session_id,
                 guint          session_index,
                 AbiertoGroup   group,
                 GError       **error)
{
  static const char sql[] =
    "INSERT INTO proposal (uuid, session_id, text, category, author_id, created, modified) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
  const Topic *topic;
  sqlite3_stmt *stmt;
  guint i;

  if (group == ABIERTO_GROUP_WOMEN_REENTRY)
    topic = &topics[3];
  else if (group == ABIERTO_GROUP_CHILDREN)
    topic = &topics[4];
  else
    topic = &topics[(session_index / ABIERTO_N_GROUPS) % 3];

  if (!(stmt = _abierto_store_prepare (demo->store, sql, error)))
    return FALSE;

  for (i = 0; i < demo->options->proposals; i++)
    {
      g_autofree char *text = NULL;
      const char *base = topic->proposals[i % G_N_ELEMENTS (topic->proposals)];
      guint8 uuid[16];

      if (i < G_N_ELEMENTS (topic->proposals))
        text = g_strdup (base);
      else
        text = g_strdup_printf ("%s (Propuesta de la mesa %u)", base,
                                i / (guint) G_N_ELEMENTS (topic->proposals) + 1);

      abierto_uuid_generate (uuid);
      sqlite3_bind_blob (stmt, 1, uuid, 16, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, session_id);
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, topic->topic, -1, SQLITE_STATIC);
      /* about a third of the proposals keep their author */
      if (demo->options->participants > 0 && g_rand_int_range (demo->rand, 0, 3) == 0)
        sqlite3_bind_int64 (stmt, 5,
                            demo->participants[g_rand_int_range (demo->rand, 0,
                                                                 demo->options->participants)]);
      else
        sqlite3_bind_null (stmt, 5);
      sqlite3_bind_text (stmt, 6, demo->now, -1, SQLITE_STATIC);
      if (!step (demo, stmt, error))
        return FALSE;
      demo->proposals[i] = last_id (demo);
    }

  demo->stats->proposals += demo->options->proposals;
  return TRUE;
}

/* Votes go in batches: one multi-row INSERT opens the table and its
 * indexes once for many rows, which doubles the write rate. */
#ifndef BATCH_ROWS
#define BATCH_ROWS 64
#endif

typedef struct
{
  guint8 uuid[BATCH_ROWS][16];
  gint64 proposal[BATCH_ROWS];
  gint64 participant[BATCH_ROWS];
  gint64 value[BATCH_ROWS];
  guint  n;
  gint64 round_id;
  gint64 created;
} VoteBatch;

static const char *
batch_sql (void)
{
  static char *sql = NULL;
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GString *out = g_string_new ("INSERT INTO vote (uuid, round_id, proposal_id, participant_id, "
                                   "value, created) VALUES ");
      guint i;

      for (i = 0; i < BATCH_ROWS; i++)
        g_string_append (out, i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
      sql = g_string_free (out, FALSE);
      g_once_init_leave (&once, 1);
    }

  return sql;
}

static gboolean
flush_votes (Demo       *demo,
             VoteBatch  *batch,
             GError    **error)
{
  static const char single_sql[] =
    "INSERT INTO vote (uuid, round_id, proposal_id, participant_id, value, created) "
    "VALUES (?, ?, ?, ?, ?, ?)";
  gboolean full = batch->n == BATCH_ROWS;
  sqlite3_stmt *stmt = NULL;
  guint i;

  for (i = 0; i < batch->n; i++)
    {
      int base = full ? (int) i * 6 : 0;

      if (stmt == NULL || !full)
        if (!(stmt = _abierto_store_prepare (demo->store, full ? batch_sql () : single_sql, error)))
          return FALSE;

      sqlite3_bind_blob (stmt, base + 1, batch->uuid[i], 16, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, base + 2, batch->round_id);
      sqlite3_bind_int64 (stmt, base + 3, batch->proposal[i]);
      sqlite3_bind_int64 (stmt, base + 4, batch->participant[i]);
      sqlite3_bind_int64 (stmt, base + 5, batch->value[i]);
      sqlite3_bind_int64 (stmt, base + 6, batch->created);

      if (!full && !step (demo, stmt, error))
        return FALSE;
    }

  batch->n = 0;
  return full ? step (demo, stmt, error) : TRUE;
}

static gboolean
write_votes (Demo          *demo,
             gint64         session_id,
             AbiertoGroup   group,
             GError       **error)
{
  static const char round_sql[] =
    "INSERT INTO voting_round (uuid, session_id, title, method, dots, points, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  guint n_participants = demo->options->participants;
  guint n_proposals = demo->options->proposals;
  guint64 wanted = demo->options->votes;
  guint64 per_person;
  guint64 written = 0;
  AbiertoMethod method;
  sqlite3_stmt *stmt;
  const char *title;
  g_autofree VoteBatch *batch = g_new0 (VoteBatch, 1);
  guint dots = 3, points = 5;
  gint64 round_id;
  guint8 uuid[16];
  guint p;

  if (n_participants == 0 || n_proposals == 0 || wanted == 0)
    return TRUE;

  per_person = (wanted + n_participants - 1) / n_participants;

  switch (group)
    {
    case ABIERTO_GROUP_OLDER_ADULTS:
      method = ABIERTO_METHOD_DOT;
      title = "Priorización con puntos";
      dots = (guint) CLAMP (per_person, 3, 100);
      break;
    case ABIERTO_GROUP_WOMEN_REENTRY:
      method = ABIERTO_METHOD_APPROVAL;
      title = "¿Con cuáles estás de acuerdo?";
      break;
    case ABIERTO_GROUP_CHILDREN:
      method = ABIERTO_METHOD_SCALE;
      title = "¿Qué tanto te gusta?";
      points = 3;
      break;
    case ABIERTO_GROUP_MIXED:
    default:
      method = ABIERTO_METHOD_RANKING;
      title = "Ordena las propuestas";
      break;
    }

  /* dot voting caps each person at 100 dots: more votes need more people */
  if (method == ABIERTO_METHOD_DOT)
    wanted = MIN (wanted, (guint64) dots * n_participants);
  else
    per_person = MIN (per_person, n_proposals);

  if (!(stmt = _abierto_store_prepare (demo->store, round_sql, error)))
    return FALSE;
  abierto_uuid_generate (uuid);
  sqlite3_bind_blob (stmt, 1, uuid, 16, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, abierto_method_to_string (method), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (int) dots);
  sqlite3_bind_int (stmt, 6, (int) points);
  sqlite3_bind_text (stmt, 7, demo->now, -1, SQLITE_STATIC);
  if (!step (demo, stmt, error))
    return FALSE;
  round_id = last_id (demo);
  batch->round_id = round_id;
  batch->created = g_get_real_time () / G_USEC_PER_SEC;

  for (p = 0; p < n_participants && written < wanted; p++)
    {
      guint64 k;

      for (k = 0; k < n_proposals; k++)
        demo->order[k] = (guint) k;

      for (k = 0; k < per_person && written < wanted; k++, written++)
        {
          guint proposal;
          gint64 value = 1;

          if (method == ABIERTO_METHOD_DOT)
            {
              /* dots may stack on one proposal */
              proposal = skewed (demo, n_proposals);
            }
          else
            {
              /* distinct proposals: a partial shuffle, skewed */
              guint pick = (guint) k + skewed (demo, n_proposals - (guint) k);
              guint tmp = demo->order[k];

              demo->order[k] = demo->order[pick];
              demo->order[pick] = tmp;
              proposal = demo->order[k];
            }

          if (method == ABIERTO_METHOD_SCALE)
            {
              /* popular proposals are liked more */
              double mood = points - (double) proposal / n_proposals * (points - 1)
                            + (g_rand_double (demo->rand) - 0.5) * 2.0;
              value = CLAMP ((gint64) lround (mood), 1, (gint64) points);
            }
          else if (method == ABIERTO_METHOD_RANKING)
            {
              value = (gint64) k + 1;
            }

          abierto_uuid_generate (batch->uuid[batch->n]);
          batch->proposal[batch->n] = demo->proposals[proposal];
          batch->participant[batch->n] = demo->participants[p];
          batch->value[batch->n] = value;
          if (++batch->n == BATCH_ROWS && !flush_votes (demo, batch, error))
            return FALSE;
        }
    }

  if (!flush_votes (demo, batch, error))
    return FALSE;

  demo->stats->votes += written;
  return TRUE;
}

/**
 * abierto_demo_generate:
 *
 * Writes realistic workshops for the three groups (and mixed ones) in one
 * transaction: a session per group in turn, its participants, proposals
 * and one voting round whose method suits the group. The same seed gives
 * the same data.
 */
gboolean
abierto_demo_generate (AbiertoStore              *store,
                       const AbiertoDemoOptions  *options,
                       AbiertoDemoStats          *stats,
                       GError                   **error)
{
  g_autofree gint64 *participants = NULL;
  g_autofree gint64 *proposals = NULL;
  g_autofree guint *order = NULL;
  AbiertoDemoStats local_stats = { 0 };
  Demo demo = { 0 };
  gboolean ok = FALSE;
  guint s;

  g_return_val_if_fail (ABIERTO_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->sessions > 10000 || options->proposals > 100000
      || options->participants > 10000000 || options->votes > 100000000)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   _("Those numbers are too large for demo data."));
      return FALSE;
    }

  participants = g_new0 (gint64, MAX (options->participants, 1));
  proposals = g_new0 (gint64, MAX (options->proposals, 1));
  order = g_new0 (guint, MAX (options->proposals, 1));

  demo.store = store;
  demo.rand = g_rand_new_with_seed (options->seed);
  demo.now = _abierto_now_iso8601 ();
  demo.options = options;
  demo.stats = stats != NULL ? stats : &local_stats;
  demo.participants = participants;
  demo.proposals = proposals;
  demo.order = order;
  memset (demo.stats, 0, sizeof *demo.stats);

  /* Room for every page the transaction touches: a page spilled to the
   * WAL mid-transaction is written again each time it changes after.
   * Every row points to rows this function has just written, so foreign
   * keys are not looked up again for each vote (three lookups a vote);
   * abierto_store_check() verifies them, and the demo test runs it. */
  sqlite3_exec (_abierto_store_get_db (store),
                "PRAGMA cache_size = -1048576; PRAGMA foreign_keys = OFF;", NULL, NULL, NULL);

  if (!_abierto_store_begin (store, error))
    goto out;

  for (s = 0; s < options->sessions; s++)
    {
      AbiertoGroup group;
      gint64 session_id;

      if (!write_session (&demo, s, &session_id, &group, error)
          || !write_participants (&demo, session_id, group, error)
          || !write_proposals (&demo, session_id, s, group, error)
          || !write_votes (&demo, session_id, group, error))
        {
          _abierto_store_rollback (store);
          goto out;
        }
    }

  if (!_abierto_store_commit (store, error))
    goto out;

  _abierto_store_emit_changed (store, "session", 0);
  ok = TRUE;

out:
  sqlite3_exec (_abierto_store_get_db (store), "PRAGMA cache_size = -65536; PRAGMA foreign_keys = ON;",
                NULL, NULL, NULL);
  g_rand_free (demo.rand);
  g_free (demo.now);
  return ok;
}
