// The mahak command's help texts, kept apart from the commands so `--help` loads nothing else.
export const help = {
  mahak: `Usage: mahak <command> [options]

A sandbox of the Jibit inquiry API, the Freepay payment gateway and ICE credit-report consent.

Commands:
  serve                             serve the sandbox (what npm start does)
  scenario validate <file…>         check scenario files or folders, every problem of each
  scenario list                     list scenarios with their files and descriptions
  scenario run <name or file>       run a scenario's steps and report each
  tenant create                     create a tenant on a running sandbox

Options:
  -h, --help      show this help (mahak <command> --help for a command's options)
  -v, --version   print Mahak's version`,
  scenario: `Usage: mahak scenario <validate | list | run> [options]

Commands:
  validate <file…>         check scenario files (or folders) against the schema and the provider's catalog
  list                     list scenarios: a folder's (default: the ones that come with Mahak) or a running sandbox's
  run <name or file>       run a scenario's steps against a running sandbox or an in-process one

Run mahak scenario <command> --help for its options.`,
  tenant: `Usage: mahak tenant create [options]

Commands:
  create   create a tenant on a running sandbox

Run mahak tenant create --help for its options.`,
  serve: `Usage: mahak serve [options]

Options:
  --port <n>           port to listen on (env PORT, default 8787; 0 picks a free one)
  --host <address>     address to listen on (env HOST, default 127.0.0.1); beyond loopback the control API needs an admin token
  --admin-token <t>    lock the control API with this token (env MAHAK_ADMIN_TOKEN); made and printed when listening beyond loopback without one
  --db <path>          SQLite file, or :memory: (env MAHAK_DB, default ./data/mahak.db)
  --scenarios <dir>    scenarios folder to load (env MAHAK_SCENARIOS, default: the ones that come with Mahak)
  --seed <text>        synthetic world seed (env MAHAK_WORLD_SEED, default mahak)
  -h, --help           show this help

A scenario file that is not valid stops start-up with its path and the reason.`,
  validate: `Usage: mahak scenario validate <file or folder…>

Checks each scenario file (YAML or JSON; every file of a folder, each in its provider's folder) against the scenario schema and the provider's
catalog: endpoint ids, documented error codes, fixture records, the file's name and folder.
Prints every problem of each file at once, with the nearest valid code or endpoint for a
misspelt one. Exits 1 when any file is not valid.`,
  list: `Usage: mahak scenario list [--url <url> [--token <t>] | --dir <dir>]

Prints each scenario's name, provider and file, then its whole description.

Options:
  --url <url>   list the scenarios a running sandbox holds (e.g. http://localhost:8787 or localhost:8787)
  --token <t>   its admin token, when its control API is locked (env MAHAK_ADMIN_TOKEN)
  --dir <dir>   list the scenario files of a folder (env MAHAK_SCENARIOS, default: the ones that come with Mahak)
  -h, --help    show this help`,
  run: `Usage: mahak scenario run <name or file> [--url <url> [--token <t>]] [--dir <dir>] [--keep]

Runs the scenario's steps against a running sandbox (--url), or against a fresh in-process one
when no URL is given. A name (flaky-provider) is looked up in the running sandbox, then in the
scenarios folder; a path is read as a file. The scenario is uploaded if the sandbox does not
hold this text of it, a tenant of its own is created and the scenario switched on for it.

Options:
  --url <url>   the sandbox's root URL (e.g. http://localhost:8787 or localhost:8787)
  --token <t>   its admin token, when its control API is locked (env MAHAK_ADMIN_TOKEN)
  --dir <dir>   where names are looked up (env MAHAK_SCENARIOS, default: the ones that come with Mahak)
  --keep        keep the tenant afterwards (its id is printed), to look at its journal
  -h, --help    show this help

Prints each step's result; exits 1 when a step fails.`,
  create: `Usage: mahak tenant create [--url <url>] [--token <t>] [--name <name>]

Creates a tenant on a running sandbox and prints its id, credentials and control token as JSON.

Options:
  --url <url>     the sandbox's root URL (env MAHAK_URL, default http://localhost:8787)
  --token <t>     its admin token, when its control API is locked (env MAHAK_ADMIN_TOKEN)
  --name <name>   the tenant's name
  -h, --help      show this help`,
};
