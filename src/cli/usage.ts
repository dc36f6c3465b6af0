/** Help texts of the `call-events` command line. */
export const MAIN_HELP = `Usage: call-events <command> [options] FILE...

Decode, verify and validate captured Dialpad call-event webhook payloads.

Commands:
  validate   report every problem in the captures (like a compiler: FILE:LINE:COL)
  graph      print the call graph (flows, legs, roles, transfers) as JSON
  listen     (not available yet) run a local capture listener
  report     (not available yet) write a self-contained HTML report

Options:
  -h, --help       show help (also: call-events <command> --help)
  -v, --version    show the version

The webhook secret may come from --secret or, to keep it out of shell history,
from the CALL_EVENTS_SECRET environment variable.

Exit codes: 0 no errors, 1 errors found, 2 bad usage or an unreadable file.`;

export const VALIDATE_HELP = `Usage: call-events validate [--secret S] [--format text|json] FILE...

Reads each capture (a JSON object or array, JSON objects one after another,
JSON Lines, JWT lines, or a listener capture file), decodes and verifies JWTs,
validates every event and the call flows, and prints the problems.

Options:
  --secret S             HS256 webhook secret (default: $CALL_EVENTS_SECRET);
                         without one, JWTs are decoded but not verified
  --format text|json     text (default): one line per problem,
                           FILE:LINE:COL: severity code message
                         json: {"files":[{"file","events","diagnostics":[{"line",
                           "column","endLine","endColumn","severity","code","message"}]}]}
                           (1-based lines and columns, columns in UTF-16 units)
  -h, --help             show this help

Exit codes: 0 no errors, 1 errors found, 2 bad usage or an unreadable file.`;

export const GRAPH_HELP = `Usage: call-events graph [--secret S] FILE...

Builds one call graph from every event of the files and prints it as JSON:
  {"flows":[{"id","legs":[{"call_id","role","monitor_kind","master_call_id",
    "entry_point_call_id","operator_call_id","states","lines","files",
    "transfer_index","direction","start","end"}],"transfers","start"}]}
Ids are exact decimal strings. Roles: entry_point, operator, monitor (with
monitor_kind: eavesdrop, monitor, barge or takeover), direct. Events whose JWT
fails verification are left out.

Options:
  --secret S     HS256 webhook secret (default: $CALL_EVENTS_SECRET)
  -h, --help     show this help

Exit codes: 0 the graph was printed, 2 bad usage or an unreadable file.`;
