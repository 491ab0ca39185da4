/* abierto-cli.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "abierto-cli.h"

#define PROGRAM_NAME "abierto-cli"

typedef struct
{
  const char            *group;        /* first word of a two-word command, or NULL */
  const char            *name;
  const char            *summary;      /* N_() */
  const char            *description;  /* N_(), or NULL */
  AbiertoCliCommandFunc  func;
} Command;

static const Command commands[] = {
  { "session", "add", N_("Add a workshop session and print its number."),
    N_("Example: abierto-cli session add --title \"Parque Hundido\" --group older-adults "
       "--date 2026-05-10"),
    abierto_cli_session_add },
  { "session", "list", N_("List the sessions of the file, newest first."), NULL,
    abierto_cli_session_list },
  { "participant", "add", N_("Add a participant, by alias only, and print their number."),
    N_("Never write a full name as the alias. The consent is given by a guardian by default in "
       "a session with children, and by the person themselves otherwise."),
    abierto_cli_participant_add },
  { "participant", "list", N_("List the participants of a session."), NULL,
    abierto_cli_participant_list },
  { "participant", "export",
    N_("Write everything the file holds about a participant, as JSON or as a PDF to give them."),
    N_("The right of access. The output’s extension chooses the format: .json or .pdf. Only "
       "its owner can read the file written, and it is replaced only once complete."),
    abierto_cli_participant_export },
  { "participant", "erase",
    N_("Erase a participant for good; their votes still count, as anonymous votes."),
    N_("The right of cancellation. It cannot be undone, so --yes is required. The alias, age "
       "range, gender and consent record are removed and overwritten in the file; the proposals "
       "they wrote stay, without an author."),
    abierto_cli_participant_erase },
  { "participant", "oppose",
    N_("Leave a participant out of every export and of open data."),
    N_("The right of opposition: the participant stays in the file. With --undo they are "
       "counted again."),
    abierto_cli_participant_oppose },
  { "notice", "show", N_("Show the privacy notice: the latest version, or another one."), NULL,
    abierto_cli_notice_show },
  { "notice", "set", N_("Save a new version of the privacy notice and print its number."),
    N_("Every version is kept, and each participant’s consent names the one they were shown. "
       "Example: abierto-cli notice set --from aviso.txt (--from - reads standard input)."),
    abierto_cli_notice_set },
  { "proposal", "add", N_("Add a proposal to a session and print its number."), NULL,
    abierto_cli_proposal_add },
  { "proposal", "list", N_("List the proposals of a session."), NULL,
    abierto_cli_proposal_list },
  { "round", "add", N_("Add a voting round to a session and print its number."),
    N_("Methods: dot (each person spreads --dots dots, which may stack), approval (each "
       "person approves any number of proposals once), scale (each person rates proposals "
       "from 1 to --points: 3 faces by default for children, 5 points otherwise), ranking "
       "(each person orders the proposals, counted with Borda points) and tally (hands "
       "counted by the facilitator)."),
    abierto_cli_round_add },
  { "round", "list", N_("List the voting rounds of a session."), NULL,
    abierto_cli_round_list },
  { "commitment", "add",
    N_("Add what an institution commits to do about proposals, and print its number."),
    N_("A commitment must be specific, achievable and measurable: without --indicator, "
       "--target, --deadline and --institution it is refused, unless it is saved with "
       "--draft. Example: abierto-cli commitment add --session 1 --proposal 3 --action "
       "\"Reparar las luminarias del parque\" --institution \"Alcaldía Coyoacán\" --indicator "
       "\"Luminarias funcionando\" --baseline 40 --target 100 --unit luminarias --deadline "
       "2026-12-31"),
    abierto_cli_commitment_add },
  { "commitment", "update", N_("Record the progress of a commitment and print its number."),
    N_("A first progress update puts a planned commitment in progress."),
    abierto_cli_commitment_update },
  { "commitment", "status", N_("Mark a commitment as planned, in progress, done or dropped."),
    N_("A dropped commitment needs a --reason."),
    abierto_cli_commitment_status },
  { "commitment", "list", N_("List the commitments, with their progress."),
    N_("Progress goes from the baseline (0 %) to the target (100 %), by the latest value "
       "recorded. A commitment is overdue when its deadline has passed and it is neither "
       "done nor dropped."),
    abierto_cli_commitment_list },
  { NULL, "vote", N_("Record a vote and print its number, or record a ranking ballot."),
    N_("With --proposal, --value is the number of dots of a dot vote or the rating of a "
       "scale; an approval ignores it. With --ranking, give the proposals best first, "
       "separated by commas; the ballot is printed back as it was saved."),
    abierto_cli_vote },
  { NULL, "tally", N_("Set the hand count of a proposal in a hand-count round."), NULL,
    abierto_cli_tally },
  { NULL, "results", N_("Show the results of a voting round."), NULL,
    abierto_cli_results },
  { NULL, "export", N_("Draw a session as a poster, a report, a tríptico or what was done with its proposals."),
    N_("Example: abierto-cli export --session 1 --size social -o cartel.png. Nothing in it "
       "names a person: counts of fewer people than --threshold are not printed. The file is "
       "replaced only once it is complete."),
    abierto_cli_export },
  { NULL, "opendata", N_("Publish sessions as open data: a Frictionless Data Package."),
    N_("Example: abierto-cli opendata --session 1 -o datos-abiertos. Writes datapackage.json, "
       "a README.md and one CSV file per table (sessions, proposals, voting rounds, results, "
       "participation, commitments and their progress) under the CC BY 4.0 licence, or one "
       "zip file with --zip. Nothing in it names a person: no alias, no note, no author; "
       "counts of fewer people than --threshold are left empty. The folder must be empty or "
       "new, and appears only once it is complete."),
    abierto_cli_opendata },
  { NULL, "demo", N_("Write realistic demo workshops into the file."),
    N_("The counts of proposals, participants and votes are per session. The same seed "
       "always gives the same data."),
    abierto_cli_demo },
  { NULL, "check", N_("Check that the workshop file is in good order."),
    N_("Exits with status 0 when the file is in good order and 1 when it is not."),
    abierto_cli_check },
};

struct _AbiertoCli
{
  char          **argv;         /* owned: the command line as it was given */
  const Command  *command;      /* borrowed: NULL until known */
  char           *file;         /* owned: --file, or NULL for the default */
  gboolean        version;
  AbiertoStore   *store;        /* owned: NULL until a command opens it */
  int             exit_status;
};

G_DEFINE_QUARK (abierto-cli-error-quark, abierto_cli_error)

static void
add_global_entries (GOptionContext *context,
                    AbiertoCli     *cli)
{
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &cli->file,
      N_("The workshop file (by default talleres.abierto in your data folder)"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &cli->version,
      N_("Show the version and quit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* "abierto-cli session add", for usage lines and help */
static char *
dup_command_line (const Command *command,
                  const char    *group)
{
  if (command == NULL && group == NULL)
    return g_strdup (PROGRAM_NAME);
  if (command == NULL)
    return g_strdup_printf ("%s %s", PROGRAM_NAME, group);
  if (command->group == NULL)
    return g_strdup_printf ("%s %s", PROGRAM_NAME, command->name);

  return g_strdup_printf ("%s %s %s", PROGRAM_NAME, command->group, command->name);
}

/* The commands, or those of one group, as lines of help text. */
static char *
dup_command_list (const char *group)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *prefix = dup_command_line (NULL, group);
  guint width = 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *words = dup_command_line (&commands[i], NULL);

      if (group == NULL || g_strcmp0 (commands[i].group, group) == 0)
        width = MAX (width, (guint) strlen (words) - strlen (PROGRAM_NAME " "));
    }

  g_string_append_printf (out, "%s\n", _("Commands:"));
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *words = dup_command_line (&commands[i], NULL);

      if (group != NULL && g_strcmp0 (commands[i].group, group) != 0)
        continue;
      g_string_append_printf (out, "  %-*s  %s\n", (int) width,
                              words + strlen (PROGRAM_NAME " "), _(commands[i].summary));
    }

  g_string_append_c (out, '\n');
  /* TRANSLATORS: COMMAND stands for one of the commands listed above */
  g_string_append_printf (out, _("Run “%s COMMAND --help” to see the options of a command."),
                          prefix);
  if (group == NULL)
    {
      g_string_append (out, "\n\n");
      g_string_append (out, _("Exit status: 0 when the command did its work, 1 when the file "
                              "or the data were refused, 2 when the command line is wrong."));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
abierto_cli_parse (AbiertoCli          *cli,
                   const GOptionEntry  *entries,
                   GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *words = NULL;
  g_auto(GStrv) args = NULL;
  guint n_words;
  guint i;

  g_assert (cli->command != NULL);

  words = dup_command_line (cli->command, NULL);
  context = g_option_context_new (words + strlen (PROGRAM_NAME " "));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, cli->command->summary);
  if (cli->command->description != NULL)
    g_option_context_set_description (context, cli->command->description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* The first pass already read --file; a parse does not free what a
   * string option held before. */
  g_clear_pointer (&cli->file, g_free);
  add_global_entries (context, cli);

  args = g_strdupv (cli->argv);
  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;

  /* What is left is the command words, and nothing else. */
  n_words = cli->command->group != NULL ? 2 : 1;
  for (i = 1; args[i] != NULL; i++)
    {
      const char *expected = NULL;

      if (i == 1)
        expected = cli->command->group != NULL ? cli->command->group : cli->command->name;
      else if (i == 2 && n_words == 2)
        expected = cli->command->name;

      if (g_strcmp0 (args[i], expected) != 0)
        {
          g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                       _("Unexpected argument “%s”"), args[i]);
          return FALSE;
        }
    }

  return TRUE;
}

AbiertoStore *
abierto_cli_open_store (AbiertoCli  *cli,
                        gboolean     writes,
                        GError     **error)
{
  g_autofree char *default_path = NULL;
  const char *path = cli->file;

  if (cli->store != NULL)
    return cli->store;

  if (path == NULL)
    {
      g_autofree char *dir = NULL;

      /* As the app does on its first start: the default file is created
       * in a folder only its owner can read. */
      default_path = abierto_store_dup_default_path ();
      dir = g_path_get_dirname (default_path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (dir);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("The folder “%s” for the workshop file could not be created: %s."),
                       display, g_strerror (saved_errno));
          return NULL;
        }
      path = default_path;
    }
  else if (!writes && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      /* Reading a file that is not there would create an empty one. */
      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_NO_FILE,
                   _("There is no workshop file at “%s”."), display);
      return NULL;
    }

  cli->store = abierto_store_open (path, error);
  return cli->store;
}

void
abierto_cli_set_exit_status (AbiertoCli *cli,
                             int         status)
{
  cli->exit_status = status;
}

/* Parses the whole command line once with only the global options, to
 * find --file, --version and the command words wherever they are. */
static gboolean
find_command_words (AbiertoCli  *cli,
                    GPtrArray   *words,
                    GError     **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) args = g_strdupv (cli->argv);
  guint i;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  add_global_entries (context, cli);

  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;

  /* Options of the command are still there, with their values: those
   * values can only come after the command words. */
  for (i = 1; args[i] != NULL; i++)
    if (args[i][0] != '-' || args[i][1] == '\0')
      g_ptr_array_add (words, g_strdup (args[i]));

  return TRUE;
}

/* The help of the whole tool or of a group of commands, for --help; then
 * the usage error of a command line that names no command. */
static gboolean
show_help_or_fail (AbiertoCli  *cli,
                   const char  *group,
                   const char  *message,
                   GError     **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *list = dup_command_list (group);
  g_autofree char *parameters = NULL;
  g_auto(GStrv) args = g_strdupv (cli->argv);

  /* TRANSLATORS: stands for a command in "abierto-cli [OPTION…] COMMAND" */
  parameters = group != NULL ? g_strdup_printf ("%s %s", group, _("COMMAND"))
                             : g_strdup (_("COMMAND"));
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* "session --title x" misses a command more than it has a wrong option */
  g_option_context_set_ignore_unknown_options (context, group != NULL);
  if (group == NULL)
    g_option_context_set_summary (context,
                                  N_("Record workshop sessions, proposals and votes in an "
                                     "Abierto workshop file, and show the results."));
  g_option_context_set_description (context, list);
  g_clear_pointer (&cli->file, g_free);
  add_global_entries (context, cli);

  /* exits after printing the help when asked for it */
  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;

  g_set_error_literal (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE, message);
  return FALSE;
}

static gboolean
run (AbiertoCli  *cli,
     char       **usage_command,
     GError     **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  const char *first;
  gboolean is_group = FALSE;
  guint i;

  *usage_command = g_strdup (PROGRAM_NAME);

  if (!find_command_words (cli, words, error))
    return FALSE;

  if (cli->version)
    {
      g_print ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
      return TRUE;
    }

  if (words->len == 0)
    return show_help_or_fail (cli, NULL, _("No command given"), error);

  first = g_ptr_array_index (words, 0);
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const Command *command = &commands[i];

      if (command->group == NULL && strcmp (command->name, first) == 0)
        {
          cli->command = command;
          break;
        }
      if (command->group != NULL && strcmp (command->group, first) == 0)
        {
          is_group = TRUE;
          if (words->len > 1 && strcmp (command->name, g_ptr_array_index (words, 1)) == 0)
            {
              cli->command = command;
              break;
            }
        }
    }

  if (cli->command == NULL && is_group)
    {
      g_autofree char *message = NULL;

      g_free (*usage_command);
      *usage_command = dup_command_line (NULL, first);
      if (words->len > 1)
        message = g_strdup_printf (_("Unknown command “%s %s”"), first,
                                   (const char *) g_ptr_array_index (words, 1));
      else
        {
          const char *examples[2] = { NULL, NULL };
          guint n = 0;

          /* the group's first two commands: "add" and "list", "show" and "set" */
          for (i = 0; i < G_N_ELEMENTS (commands) && n < 2; i++)
            if (g_strcmp0 (commands[i].group, first) == 0)
              examples[n++] = commands[i].name;
          /* TRANSLATORS: the first %s is a group of commands such as
           * "participant", the others two of its commands */
          message = g_strdup_printf (_("“%s” needs a command such as “%s” or “%s”"), first,
                                     examples[0], n > 1 ? examples[1] : examples[0]);
        }

      return show_help_or_fail (cli, first, message, error);
    }

  if (cli->command == NULL)
    {
      g_set_error (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE,
                   _("Unknown command “%s”"), first);
      return FALSE;
    }

  g_free (*usage_command);
  *usage_command = dup_command_line (cli->command, NULL);

  return cli->command->func (cli, error);
}

static gboolean
is_usage_error (const GError *error)
{
  return error->domain == G_OPTION_ERROR
         || g_error_matches (error, ABIERTO_CLI_ERROR, ABIERTO_CLI_ERROR_USAGE);
}

/* One line on stderr, whatever the message holds. */
static void
report_error (const GError *error,
              const char   *usage_command)
{
  g_autofree char *message = g_strdup (error->message);

  g_strstrip (g_strdelimit (message, "\r\n", ' '));

  if (is_usage_error (error))
    {
      g_autofree char *line = NULL;

      /* TRANSLATORS: the first %s is what was wrong, the second a command
       * such as "abierto-cli session add" */
      line = g_strdup_printf (_("%s (see “%s --help”)"), message, usage_command);
      g_printerr ("%s: %s\n", PROGRAM_NAME, line);
    }
  else
    {
      g_printerr ("%s: %s\n", PROGRAM_NAME, message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *usage_command = NULL;
  const char *localedir;
  AbiertoCli cli = { 0 };
  int status;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("ABIERTO_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname (PROGRAM_NAME);

  cli.argv = g_strdupv (argv);
  cli.exit_status = ABIERTO_CLI_EXIT_OK;

  run (&cli, &usage_command, &error);

  /* Everything is committed by now; closing folds the journal into the
   * file, so that the file alone holds it all. */
  if (cli.store != NULL)
    abierto_store_close (cli.store, error == NULL ? &error : NULL);

  if (error == NULL && (fflush (stdout) != 0 || ferror (stdout)))
    {
      int saved_errno = errno;

      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The output could not be written: %s."), g_strerror (saved_errno));
    }

  if (error != NULL)
    {
      report_error (error, usage_command);
      status = is_usage_error (error) ? ABIERTO_CLI_EXIT_USAGE : ABIERTO_CLI_EXIT_FAILED;
    }
  else
    {
      status = cli.exit_status;
    }

  g_clear_object (&cli.store);
  g_clear_pointer (&cli.file, g_free);
  g_strfreev (cli.argv);

  return status;
}
