/** Help texts of the `call-events` command line. */
export const MAIN_HELP = `Usage: call-events <command> [options] FILE...

Decode, verify and validate captured Dialpad call-event webhook payloads.

Commands:
  validate   report every problem in the captures (like a compiler: FILE:LINE:COL)
  graph      print the call graph (flows, legs, roles, transfers) as JSON
  summary    what happened to the customer, flow by flow (agents, transfers,
             wait, hold, talk, outcome) as text, JSON or CSV
  listen     run a local capture listener that records every webhook request
  report     write one self-contained HTML file: call graph, timeline, events
  simulate   send sample call flows to your handler as Dialpad would (its
             retries, timeouts and lost events) and say what to fix
  sample     write a sample flow as a capture file (sends nothing)
  redact     write a copy of a capture with every personal value replaced
  diff       compare the call-event fields, types and states of two captures

Options:
  -h, --help       show help (also: call-events <command> --help)
  -v, --version    show the version

The webhook secret may come from --secret or, to keep it out of shell history,
from the CALL_EVENTS_SECRET environment variable. A FILE of - reads standard
input (curl … | call-events validate -); other pipes and devices are refused.

Exit codes: 0 no errors, 1 errors found, 2 bad usage or an unreadable file.`;

export const VALIDATE_HELP = `Usage: call-events validate [--secret S] [--format text|json] FILE...

Reads each capture (a JSON object or array, JSON objects one after another,
JSON Lines, JWT lines, or a listener capture file), decodes and verifies JWTs,
validates every event and the call flows, and prints the problems. FILE - reads
standard input (up to 500 MiB). Control, bidi and zero-width characters of the
payloads are shown as escapes (\\x1b, \\u202e).

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

Builds one call graph from every event of the files (FILE - reads standard
input) and prints it as JSON:
  {"flows":[{"id","legs":[{"call_id","role","role_confirmed","monitor_kind",
    "master_call_id","entry_point_call_id","operator_call_id","states","lines",
    "files","transfer_index","direction","start","end"}],"transfers","start"}]}
Ids are exact decimal strings. Roles: entry_point, operator, monitor (with
monitor_kind: eavesdrop, monitor, barge or takeover), direct. role_confirmed is
false for an operator its entry point has not named (mid-call, or the entry
point not in the files). Events whose JWT fails verification are left out.

Options:
  --secret S     HS256 webhook secret (default: $CALL_EVENTS_SECRET)
  -h, --help     show this help

Exit codes: 0 the graph was printed, 2 bad usage or an unreadable file.`;

export const SUMMARY_HELP = `Usage: call-events summary [--secret S] [--format text|json|csv] FILE...

Builds one call graph from every event of the files and answers, for each flow,
what happened to the customer: who answered first and who spoke last, the
transfers, the wait, hold, talk and ring times, the outcome (answered,
voicemail, missed, abandoned, in_progress), CSAT, recordings and recaps.
ANSWERS.md defines each answer. Ids are exact decimal strings; times are unix
ms and durations ms; a value that cannot be known is null. "complete": false
(with "notes") marks answers that are not final, e.g. no hangup yet.

Options:
  --secret S              HS256 webhook secret (default: $CALL_EVENTS_SECRET);
                          events whose JWT fails verification are left out
  --format text|json|csv  text (default): one aligned line per flow,
                            ID  START  OUTCOME  one-line answer
                          json: {"flows":[{"id","direction","start","end",
                            "customer":{"number","name"},"entered_via":{"name",
                            "type"}|null,"outcome","transferred","transfers",
                            "first_agent":{"call_id","name"}|null,"last_agent",
                            "agents":[{"call_id","name","role","connected_at",
                            "talk_ms","hold_ms","dialpad_talk_ms",
                            "dialpad_hold_ms"}],"wait_ms","hold_ms","talk_ms",
                            "ring_ms","csat_score","pcsat_score","recordings",
                            "voicemail_link","transcription","recap_summary",
                            "recap_outcome","dispositions","complete","notes"}]}
                          csv: a header row, then one row per flow (RFC 4180,
                            CRLF); agents by name joined with "; "; text that
                            starts with = + - @ gets a leading ' so a
                            spreadsheet never runs it as a formula
  -h, --help              show this help

Exit codes: 0 the answers were printed, 2 bad usage or an unreadable file.`;

export const LISTEN_HELP = `Usage: call-events listen [--host H] [--port P] [--path /webhook] [--secret S]
                          [--forward-to URL] --out FILE

Runs a local HTTP listener for Dialpad webhooks and appends every POSTed body,
good or bad, to FILE as one capture record per line (validate and graph read it).
A 2xx is answered only once the record is on disk; a bad body gets a 4xx and is
kept; a capture that cannot be written gets 503.

The first line on stdout is "listening on http://H:P/", then one line per request:
  TIME PATH SIZE VERDICT STATUS [REASON]
Verdicts: accepted (200), invalid (400), unsigned or forged (401, with a secret),
too-large (413, over 1 MiB, body not kept), timed-out (408), aborted.

Options:
  --host H            address to bind (default: 127.0.0.1; anything else is
                      reachable from other machines, and a warning says so)
  --port P            port (default: 7433; 0 picks a free one)
  --path /webhook     take only this path (default: any path)
  --secret S          HS256 webhook secret (default: $CALL_EVENTS_SECRET); with
                      it, anything but a token signed with it gets 401
  --forward-to URL    also send each body to your own handler (off the request
                      path); its answer is recorded next to the request
  --out FILE          the capture file (created, or appended to)
  -h, --help          show this help

SIGINT or SIGTERM stops it cleanly (requests in flight finish); a second one
quits at once. Exit codes: 0 stopped cleanly, 2 bad usage or cannot start
(port in use, capture file not writable).`;

export const REPORT_HELP = `Usage: call-events report [--secret S] [--title T] FILE... --out report.html

Writes one self-contained HTML file to attach to a ticket or send to someone
without VS Code: the call graph and timeline of every flow (the same drawing
as the editor's view), and every event of each file with its diagnostics.
The file loads nothing from the network (its own Content-Security-Policy, the
script and styles inlined); open it in any current browser.

Options:
  --out FILE, -o FILE   the HTML file to write (- for standard output); an
                        input FILE of - reads standard input
  --title T             the report's title (default: the file names)
  --redact              replace every personal value first, as
                        call-events redact does (the flows read the same)
  --secret S            HS256 webhook secret (default: $CALL_EVENTS_SECRET);
                        events whose JWT fails verification are listed but
                        kept out of the graph
  -h, --help            show this help

Exit codes: 0 the report was written, 2 bad usage, an unreadable file or
an unwritable output.`;

export const SIMULATE_HELP = `Usage: call-events simulate --to URL [--scenario NAME]... [--secret S] [--seed N]
                            [--time-scale F] [--shuffle] [--duplicate P] [--big-ids]
                            [--out FILE] [--format text|json]
       call-events simulate --list

Sends sample call flows (every scenario, or those named) to your handler at the
pace of the calls, following Dialpad's delivery policy: only a 2xx counts; no
answer within 5 s is a timeout; a 5xx is retried after about 2, 4 and 8 s; a
4xx (429 included) is never retried and the event is lost; a timeout or a
failed connection gets up to two more attempts at once. Every retry sends the
same bytes. Prints one line per attempt (scenario, event, state, call id,
attempt, status and latency or the failure, verdict), a verdict per event
(delivered, delivered after N retries, timed out, lost) and what to fix.

Options:
  --to URL          your handler (http:// or https://)
  --scenario NAME   a flow to send (repeatable; default: all; --list names them)
  --secret S        send each event as an HS256 JWT signed with S (default:
                    $CALL_EVENTS_SECRET); without one, as JSON
  --seed N          the same seed gives the same flows and run (default: 1)
  --time-scale F    multiply every wait, gap and the timeout by F (0.1 runs a
                    5-minute call in 30 s)
  --shuffle         hold some events back as Dialpad's retries can, so they
                    arrive after later events of their call
  --duplicate P     redeliver a delivered event with probability P (0 to 1)
  --big-ids         ids above 2^53 (catches handlers that read ids as floats)
  --out FILE        record the run as a capture (each event as sent, the
                    handler's answer to every attempt) to open in the editor
  --format text|json  json: {"events":[{"scenario","call_id","state",
                    "event_timestamp","verdict","retries","verdict_text",
                    "duplicates","attempts":[{"attempt","at_ms","duplicate",
                    "status","latency_ms","error","response_start"}]}],"summary"}
  --list            list the scenarios
  -h, --help        show this help

Exit codes: 0 every event was delivered, 1 an event was lost, 2 bad usage.`;

export const SAMPLE_HELP = `Usage: call-events sample --scenario NAME [--secret S] [--seed N] [--big-ids] --out FILE

Writes the events of a sample flow (repeat --scenario for several) to FILE as a
listener capture (created, or appended to): a handler's test fixture, or a file
to open in the editor. Sends nothing. call-events simulate --list names the
scenarios.

Options:
  --scenario NAME   the flow to write (repeatable)
  --secret S        write each body as an HS256 JWT signed with S (default:
                    $CALL_EVENTS_SECRET)
  --seed N          the same seed gives the same flow (default: 1)
  --big-ids         ids above 2^53, written exactly
  --out FILE        the capture file
  -h, --help        show this help

Exit codes: 0 written, 2 bad usage or an unwritable file.`;
export const REDACT_HELP = `Usage: call-events redact [--secret S] [--ids] FILE --out FILE

Writes a copy of a capture to share: every personal value is replaced by a
pseudonym, the same value by the same pseudonym throughout, so the call graph,
the roles, the answers and the timeline stay as they were. Replaced: names
(by what they name: "User 3", "Call center 2", "Contact 1"), phone numbers
(fictional numbers of the same country: +1 AAA 555-01xx, UK +44 20 7946 0xxx
and Ofcom's other drama ranges, elsewhere the country code and length kept),
emails, contact ids holding an email or a URL, transcriptions, recaps,
custom_data, CSAT transcriptions, every recording, voicemail, share and router
link (https://redacted.invalid/KIND/N), and each of these values wherever else
it occurs in an event. Times and ids stay.

The copy has the input's shape: JSON Lines stay JSON Lines, an array stays an
array, a listener capture stays a capture file (bodies redacted in their
records, credential headers masked, handler answers replaced); indentation is
normalised (two spaces, or one line per event). JWT lines become JSON lines,
or, with a secret, JWTs signed again with it (a token that failed verification
is signed with a throwaway key, so it still fails). Items that cannot be read
as events are left out (and counted on standard error).

Options:
  --out FILE, -o FILE   the file to write (- for standard output); never the
                        input itself
  --ids                 also replace call ids, by ids with as many digits, in
                        the same order (exact above 2^53)
  --secret S            HS256 webhook secret (default: $CALL_EVENTS_SECRET)
  -h, --help            show this help

Exit codes: 0 the copy was written, 2 bad usage, an unreadable file or an
unwritable output.`;

export const DIFF_HELP = `Usage: call-events diff [--secret S] [--format text|json] OLD NEW

Compares what the call events of two captures look like (each a file, or a
folder of capture files): the set of fields (nested ones as dotted paths such
as target.office_id, array items as []: recording_details[].url), the JSON
types each field takes, and the states seen. Events of other families (SMS,
agent status, contact, change log) are left out and counted apart.

Options:
  --format text|json     text (default): one line per difference,
                           + field F | - field F | ~ field F: OLD -> NEW
                           + state S | - state S, then the event counts
                         json: {"fields":{"added":[path],"removed":[path],
                           "changed":[{"field","old":[type],"new":[type]}]},
                           "states":{"added","removed"},"events":{"old","new"},
                           "others":{"old":{family:count},"new":{…}}}
  --secret S             HS256 webhook secret (default: $CALL_EVENTS_SECRET);
                         events whose JWT fails verification are left out
  -h, --help             show this help

Exit codes: 0 no differences, 1 differences found, 2 bad usage or an
unreadable file.`;
