"""Turn the benchmark measurements into bench/RESULTS.md, targets checked."""

from __future__ import annotations

from datetime import UTC, datetime
import json
import os
from pathlib import Path
import platform
import re
import sys
from typing import Any, Final

from homeassistant import const as ha_const

HERE = Path(__file__).parent

# The sections of RESULTS.md in order: the key of the run's JSON and the section's heading.
SECTIONS: Final = (
    ("fleet", "## Fleet polling"),
    ("webhook_ingest", "## Webhook ingest"),
    ("setup", "## Setup time"),
    ("startup", "## Home Assistant start with 200 units"),
    ("crash", "## Exactly once through SIGKILL"),
)
KEPT_NOTE: Final = "_Not measured by the last run (`scripts/bench -k ...`): kept from the run of"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def fleet_section(fleet: dict[str, Any]) -> list[str]:
    """The fleet polling table and its targets."""
    lines = [
        "## Fleet polling (100 ms added latency per unit)",
        "",
        "| units | full refresh (s) | capture-state refresh (s) | CPU per unit refresh (ms)"
        " | longest loop stall, full (ms) | longest loop stall, capture state (ms)"
        " | memory per unit (KB) | requests / unit / min |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = sorted(fleet.values(), key=lambda row: row["units"])
    lines.extend(
        f"| {row['units']} | {_fmt(row['full_refresh_s'], 3)}"
        f" | {_fmt(row['capture_state_refresh_s'], 3)}"
        f" | {_fmt(row['cpu_per_unit_refresh_ms'], 2)} | {_fmt(row['longest_stall_ms'])}"
        f" | {_fmt(row.get('longest_stall_capture_state_ms'))}"
        f" | {_fmt(row['memory_per_unit_kb'])} | {_fmt(row['requests_per_unit_per_minute'])} |"
        for row in rows
    )
    one = next((r for r in rows if r["units"] == 1), None)
    most = rows[-1] if rows else None
    lines += ["", "Targets:"]
    if one and most:
        ratio = most["full_refresh_s"] / one["full_refresh_s"]
        verdict = "met" if ratio <= 1.5 else f"MISSED by {ratio - 1.5:.2f}x"
        lines.append(
            f"- refreshing {most['units']} units takes {ratio:.2f}x the time of one"
            f" (target <= 1.5x): {verdict}"
        )
        fast_ratio = most["capture_state_refresh_s"] / one["capture_state_refresh_s"]
        fast_verdict = "met" if fast_ratio <= 1.5 else f"MISSED by {fast_ratio - 1.5:.2f}x"
        lines.append(
            f"- the capture-state poll of {most['units']} units takes {fast_ratio:.2f}x the time"
            f" of one (target <= 1.5x): {fast_verdict}"
        )
    for key, label in (
        ("longest_stall_ms", "all units' full refresh at once"),
        ("longest_stall_capture_state_ms", "all units' capture-state poll at once"),
    ):
        worst_stall = max((r.get(key) or 0.0 for r in rows), default=0.0)
        stall = "met" if worst_stall <= 50 else f"MISSED by {worst_stall - 50:.1f} ms"
        lines.append(
            f"- longest event-loop stall, {label}: {worst_stall:.1f} ms (target <= 50 ms): {stall}"
        )
    memories = [r["memory_per_unit_kb"] for r in rows if r["memory_per_unit_kb"] is not None]
    if memories:
        worst = max(memories)
        memory = "met" if worst <= 250 else f"MISSED by {worst - 250:.0f} KB"
        lines.append(f"- memory per unit at most {worst:.0f} KB (target <= 250 KB): {memory}")
    if one:
        lines.append(
            f"- requests per unit per minute: {one['requests_per_unit_per_minute']:.1f}"
            f" ({one['requests_per_fast_refresh']:.0f} per capture-state poll every 10 s,"
            f" {one['requests_per_full_refresh']:.0f} per full poll every 2 min)"
        )
    lines += [
        "",
        "Why a target can be missed here: the benchmark starts every unit's refresh in the same",
        "instant, the worst case. A unit sends its requests one after another over one kept-alive",
        "connection (issue 11: 200 units opening eight sockets each stalled the start), so one",
        "unit's full refresh is its nine round trips, about 0.8 s at 100 ms, and 200 of them",
        "overlap almost completely. What is left is CPU-bound work in the one event loop (about",
        "2 ms per unit refresh: the HTTP exchanges and the state writes of 14 entities) that 200",
        "simultaneous refreshes queue as one backlog; no single call blocks the loop (the stall is",
        "the backlog, measured by a 1 ms timer), and the capture-state poll's backlog is what",
        "stretches its time past 1.5x of one unit's. In a running Home Assistant the units do not",
        "line up like this: each coordinator gets a random sub-second offset, and each unit",
        "shifts its 2-minute full refresh by a stable offset of its own, so a 10-second",
        "capture-state cycle of 200 units carries about 17 full refreshes, not 200.",
    ]
    return lines


def _verdict(ok: bool, miss: str) -> str:
    return "met" if ok else f"MISSED by {miss}"


EXTRA_LOOP_TARGET_US: Final = 60.0


def ingest_section(ingest: dict[str, Any]) -> list[str]:
    """The webhook ingest table (medians of the runs, side by side), its targets and stages."""
    endpoints: dict[str, dict[str, Any]] = ingest["endpoints"]
    bare = endpoints["bare"]
    lines = [
        "## Webhook ingest (real HA HTTP stack, loopback sockets)",
        "",
        f"{ingest['requests_per_run']} deliveries per run, {ingest['concurrency']} in flight,"
        " from a separate load-generator process;"
        f" medians of {ingest['runs']} runs, the endpoints taking turns in a rotating order."
        " `bare` is an HA webhook whose handler only returns 200. Loop CPU is the CPU time of"
        " the event loop's thread per request (the durable journal's writes run on another"
        " thread); unlike requests/s it hardly depends on what else the machine runs.",
        "",
        "| endpoint | requests/s | p50 (ms) | p99 (ms) | throughput vs bare | p99 vs bare"
        " | loop CPU per request (µs) | extra loop CPU (µs) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in endpoints.items():
        lines.append(
            f"| {name} | {_fmt(row['requests_per_s'], 0)} | {_fmt(row['p50_ms'], 2)}"
            f" | {_fmt(row['p99_ms'], 2)} | {row['requests_per_s'] / bare['requests_per_s']:.2f}x"
            f" | {row['p99_ms'] / bare['p99_ms']:.2f}x | {_fmt(row['loop_cpu_us'], 0)}"
            f" | {_fmt(row['loop_cpu_us'] - bare['loop_cpu_us'], 0)} |"
        )
    lines += ["", "Every run (requests/s, p99 ms, loop CPU µs per request):", ""]
    for name, row in endpoints.items():
        runs = ", ".join(
            f"{r['requests_per_s']:.0f} / {r['p99_ms']:.2f} / {r['loop_cpu_us']:.0f}"
            for r in row["per_run"]
        )
        lines.append(f"- {name}: {runs}")
    events = ingest["events"]
    lines += ["", "Targets (for each endpoint of the integration, against `bare`):"]
    for name, row in endpoints.items():
        if name == "bare":
            continue
        ratio = row["requests_per_s"] / bare["requests_per_s"]
        p99 = row["p99_ms"] / bare["p99_ms"]
        extra = row["loop_cpu_us"] - bare["loop_cpu_us"]
        short = f"{0.9 - ratio:.2f}x, {(1 - ratio / 0.9) * 100:.0f}% under the target"
        lines.append(
            f"- {name} extra loop time {extra:.0f} µs per delivery (target <="
            f" {EXTRA_LOOP_TARGET_US:.0f} µs): "
            + _verdict(extra <= EXTRA_LOOP_TARGET_US, f"{extra - EXTRA_LOOP_TARGET_US:.0f} µs")
        )
        lines.append(
            f"- {name} throughput {ratio:.2f}x of bare (target >= 0.90x):"
            f" {_verdict(ratio >= 0.9, short)}"
        )
        lines.append(
            f"- {name} p99 {p99:.2f}x of bare (target <= 2.00x):"
            f" {_verdict(p99 <= 2, f'{p99 - 2:.2f}x')}"
        )
    lost_ok = events["lost"] == 0 and events["duplicated"] == 0 and events["unexpected"] == 0
    lines.append(
        f"- events: {events['fired']} fired for {events['expected']} distinct deliveries,"
        f" {events['lost']} lost, {events['duplicated']} duplicated, {events['unexpected']}"
        f" unexpected (target: none lost or duplicated): " + ("met" if lost_ok else "MISSED")
    )
    if stages := ingest.get("stages"):
        lines += _stage_lines(stages)
    lines += ["", *INGEST_PROSE]
    return lines


def _stage_lines(stages: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    """One extra run per endpoint with each stage of the path timed (loop-thread CPU)."""
    names = list(stages)
    order = list(dict.fromkeys(stage for timed in stages.values() for stage in timed))
    lines = [
        "",
        "Stages, from one more run per endpoint with each stage wrapped in a timer (µs of"
        " the measuring thread's CPU per delivery, and how often the stage ran per delivery;"
        " nested stages count in both, the wrappers add about 1 µs a call):",
        "",
        "| stage | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for stage in order:
        cells = []
        for name in names:
            timed = stages[name].get(stage)
            if not timed or not timed["calls"]:
                cells.append("-")
            elif timed["calls"] == 1:
                cells.append(f"{timed['us']:.1f}")
            else:
                cells.append(f"{timed['us']:.1f} ({timed['calls']:.2f}x)")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return lines


INGEST_PROSE: Final = (
    "What changed in issue 11, part 3, measured back to back with the code before it"
    " (5b2c718, same benchmark file) three times on this machine, which was shared with other"
    " work (2 cores, load average 4-8: requests/s swing up to 3x between runs, bare too; the"
    " loop CPU columns are steadier). Extra loop CPU per delivery, before -> after: api.video"
    " 193 -> 123, 191 -> 245, 192 -> 99 µs (medians 192 -> 123); ContentGroove 303 -> 156,"
    " 389 -> 247, 186 -> 153 µs (medians 303 -> 156). The journal alone (16 claimers, real"
    " fsyncs, no HTTP) went from 24-26 to 19-21 µs of loop CPU per claim. The table at the top"
    " is the last `scripts/bench` run: its loop CPU per request grows from run to run (bare"
    " too), so its medians land above those interleaved ones; compare the extra cost with bare"
    " within one run.",
    "",
    "(1) The api.video adapter reuses HA's decoded body (orjson) unless a number of 19 or"
    " more digits may be in it (a regular expression, about 1 µs): only such a body is parsed"
    " again by Python's exact parser, so integers beyond 64 bits stay exact; vendor parse"
    " 17-20 -> 9-10 µs. (2) The ContentGroove entry's own listener (the last processed media,"
    " for the clip actions) parsed each delivery again, about 30 µs; it now takes the"
    " adapter's parse, as the sensor already did (its entity stage went 87-104 -> 51-59 µs)."
    " (3) The dedupe journal: the loop decides which keys are new and encodes their lines when"
    " a request claims them (the snapshot is taken on the loop) and queues the bytes; one job"
    " in HA's executor drains that queue for as long as it is not empty, appending and"
    " fdatasyncing whatever queued meanwhile in one write and starting the next one without"
    " waiting for the loop, and wakes the loop once per write (one `call_soon_threadsafe`);"
    " in that one step every claim of the write fires and is answered. Before, each batch"
    " cost an executor job and writer-task steps on the loop. About 9 deliveries share a"
    " write and 17 a job here. (4) An api.video event that names a live stream without"
    " starting or ending its broadcast no longer writes the stream's sensor (the state cannot"
    " change).",
    "",
    "What remains, per api.video delivery (the stage table): HA's decode 4 µs, HMAC-SHA256 9,"
    " the vendor's checks 10 (with `emittedAt` parsed), the dedupe key's SHA-256 10, the"
    " claim about 19, the journal's wake-up about 5 (its share of the step, without the"
    " publish), and the publish about 65: the bus event about 20, the event entity's state"
    " write and, for half the deliveries, the live-stream or last-encoding sensor's (42"
    " together). ContentGroove: decoding its 1.3 KB body 17 µs, the vendor parse 35 (the"
    " media and three clips, in `clients/contentgroove`, not changed here), the claim about"
    " 22, the publish about 75 (two state writes). The handler also waits for the write, one"
    " more task step. An HA state write costs 15-25 µs on this stack and a bus event about"
    " 20, so decoding, verifying, keying and firing a delivery and writing its event entity"
    " alone take about 60 µs: the <= 60 µs target is MISSED, by about 40-60 µs for"
    " api.video and about 90 µs for ContentGroove (medians above), and would stay missed"
    " without the durable journal.",
    "",
    "Left out on purpose: coalescing the state writes of deliveries that land in the same"
    " loop iteration. An event entity's state is the time of its last event and each write"
    " is the `state_changed` event automations trigger on, so coalescing would drop events"
    " users rely on; for the last-delivery and broadcasting sensors it would drop"
    " intermediate states (a broadcast that starts and ends within one write would never"
    " show on). Coalescing the dispatcher fan-out alone would save about 1 µs per listener"
    " and delivery. HA's throughput-within-0.9x target leaves a delivery about 14 µs of"
    " extra loop time, about one state write, so it stays out of reach for a handler that"
    " fires an event and updates an entity; the p99 target (within 2x of bare) shows whether"
    " deliveries queue up behind each other, and swings around 2x between runs here: before"
    " 1.46-2.02x, after 1.20-2.31x.",
)


def setup_section(setup: dict[str, float]) -> list[str]:
    """The setup time table."""
    lines = ["## Setup time (entry setup to all entities available)", ""]
    lines += ["| provider | seconds | target <= 1 s |", "|---|---:|---|"]
    for provider, seconds in sorted(setup.items()):
        lines.append(f"| {provider} | {seconds:.3f} | {'met' if seconds <= 1 else 'MISSED'} |")
    return lines


def _median(rows: list[dict[str, Any]], key: str) -> float | None:
    values = sorted(row[key] for row in rows if row.get(key) is not None)
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _spread(rows: list[dict[str, Any]], key: str, digits: int = 0) -> str:
    """The median of the runs, with their range when they differ."""
    median = _median(rows, key)
    values = [row[key] for row in rows if row.get(key) is not None]
    if median is None:
        return "n/a"
    if len(values) < 2 or min(values) == max(values):
        return f"{median:,.{digits}f}"
    return f"{median:,.{digits}f} ({min(values):,.{digits}f}-{max(values):,.{digits}f})"


STARTS: Final = (
    ("bare", "bare HA"),
    ("fleet", "first start"),
    ("restart", "restart"),
)


def startup_section(startup: dict[str, Any]) -> list[str]:
    """The 200-unit start: a real HA process, with its bare start (no entries) beside it."""
    runs: dict[str, list[dict[str, Any]]] = startup["runs"]
    fleet = runs.get("fleet") or runs.get("restart") or runs["bare"]
    count = max(len(rows) for rows in runs.values())
    lines = [
        "## Home Assistant start with 200 units (a real HA process)",
        "",
        f"Home Assistant {fleet[0]['ha_version']} (`hass` from the develop environment) starts"
        f" with {startup['units']} CaptureCast units and {startup['accounts']} cloud accounts"
        " already configured, against loopback simulators in the benchmark's process. A probe"
        " component inside HA times a 1 ms timer (the longest stall) from its own setup until"
        " every entity is available (pause switches, unavailable by design while not capturing,"
        " excepted), then for 15 s more. `first start` has empty entity and device registries"
        " (the start right after the units were added); `restart` starts the same config dir"
        " again (every later start); `bare HA` is the same HA with no entries. Each start ran"
        f" {count} times: medians, with the range in brackets. On a machine shared with other"
        " work (2 cores here) wall-clock stalls also include time spent waiting for a core; the"
        " loop-CPU and GC-CPU columns are the process's own work and move far less.",
        "",
        "| start | entities | all available (s) | setup retries | longest stall to available (ms)"
        " | longest loop-CPU step (ms) | stalls > 100 ms | longest stall, 15 s after (ms)"
        " | longest GC pause (ms) | its CPU (ms) | objects tracked after start"
        " | peak RSS (MB) | state writes to available |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, name in STARTS:
        rows = runs.get(key)
        if not rows:
            continue
        lines.append(
            f"| {name} | {_spread(rows, 'entities')} | {_spread(rows, 'all_available_s', 1)}"
            f" | {max(row['setup_retries'] for row in rows)}"
            f" | {_spread(rows, 'longest_stall_start_ms')}"
            f" | {_spread(rows, 'longest_busy_start_ms')}"
            f" | {_spread(rows, 'stalls_over_100ms_start')}"
            f" | {_spread(rows, 'longest_stall_after_ms')}"
            f" | {_spread(rows, 'gc_longest_pause_ms')}"
            f" | {_spread(rows, 'gc_longest_pause_cpu_ms')}"
            f" | {_spread(rows, 'gc_tracked_objects')}"
            f" | {_spread(rows, 'peak_rss_mb')} | {_spread(rows, 'states_written_to_available')} |"
        )
    lines += ["", "Targets (medians):"]
    for key, name in STARTS[1:]:
        rows = runs.get(key)
        if not rows:
            continue
        retries = max(row["setup_retries"] for row in rows)
        not_ready = max(row["not_ready_log_lines"] for row in rows)
        available = _median(rows, "all_available_s")
        slowest = max(
            (row["all_available_s"] for row in rows), default=None, key=lambda v: v or 1e9
        )
        stall = _median(rows, "longest_stall_start_ms") or 0.0
        lines += [
            f"- {name}, setup retries: {retries} in any run (and {not_ready}"
            ' "not ready yet" log lines; target 0): '
            + _verdict(retries == 0, f"{retries} retries"),
            f"- {name}, every entity available after {_fmt(available)} s, slowest run"
            f" {_fmt(slowest)} s (target <= 30 s): "
            + _verdict(
                slowest is not None and slowest <= 30,
                "never" if slowest is None else f"{slowest - 30:.1f} s",
            ),
            f"- {name}, longest event-loop stall during the start {stall:.0f} ms"
            " (target <= 100 ms): " + _verdict(stall <= 100, f"{stall - 100:.0f} ms"),
        ]
    middle = sorted(fleet, key=lambda row: row["longest_stall_start_ms"])[len(fleet) // 2]
    pauses = ", ".join(
        f"{pause[0]} ms (gen {pause[1]}, {pause[3] if len(pause) > 3 else '?'} ms CPU)"
        for pause in middle["gc_long_pauses"]
    )
    lines += [
        "",
        "Garbage collections over 50 ms in the first start with the median stall: "
        f"{pauses or 'none'}. A full (generation 2) collection walks every object the collector"
        " tracks, Home Assistant's own included, and blocks the loop whichever thread runs it"
        " (it holds the GIL); its pause grows with the heap, which grows with every entity.",
    ]
    samples = middle.get("stall_samples") or []
    if samples:
        lines += [
            "",
            "Where the loop thread was while it was more than 100 ms late in that run (a watchdog"
            " thread in the probe samples its stack every 10 ms; a collection shows at the frame"
            " whose allocation started it), most frequent first:",
            "",
            *(f"- {count} samples: `{stack}`" for stack, count in samples[:6]),
        ]
    analysis = HERE / "startup_levers.md"
    if analysis.exists():
        lines += ["", *analysis.read_text().strip().splitlines()]
    return lines


def crash_section(crash: dict[str, Any]) -> list[str]:
    """The SIGKILL run: duplicates and losses, and the latency of a durable delivery."""
    statuses = ", ".join(f"{n} x {status}" for status, n in crash["statuses"].items())
    kills = ", ".join(f"{t:g}" for t in crash["kills_at_s"])
    lost = crash["lost_acked"]
    again = crash["fired_again"]
    return [
        "## Exactly once through SIGKILL (real HA process, durable dedupe journal)",
        "",
        f"{crash['deliveries']} distinct deliveries (half api.video, half ContentGroove) at"
        f" {crash['rate']:.0f}/s to a real Home Assistant, killed with SIGKILL"
        f" {len(crash['kills_at_s'])} times (at {kills} s"
        " into each life) and restarted; after each restart every delivery so far was sent"
        " again, as the vendors retry. Events are counted by a listener in the HA process that"
        " appends each one to a file in the loop step it fires.",
        "",
        "| answered 200 before a kill | fired again | answered 200, never fired"
        " | not answered, key written, never fired | p50 (ms) | p99 (ms) |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {crash['acked_before_kill']} | {again} | {lost} | {crash['lost_unacked']}"
        f" | {crash['p50_ms']:.2f} | {crash['p99_ms']:.2f} |",
        "",
        f"Answers over the whole run: {statuses} ({crash['requests']} answered requests).",
        f"Targets: 0 fired again: {_verdict(again == 0, str(again))};"
        f" 0 answered and lost: {_verdict(lost == 0, str(lost))}.",
        *_durability_cost(crash),
        "The last column is the window the README names: a key on disk whose event had not"
        " fired when the process died (for SIGKILL this includes the fsync, as the kernel keeps"
        " what was written); that delivery had not been answered, and its retry counts as a"
        " repeat.",
    ]


def _durability_cost(crash: dict[str, Any]) -> list[str]:
    """Ingest figures of the code before the durable journal, if this run measured them."""
    before = crash.get("ingest_without_durability")
    if not before:
        return []
    rows = ", ".join(
        f"{name} {row['requests_per_s']:.0f}/s, p99 {row['p99_ms']:.2f} ms"
        for name, row in before["endpoints"].items()
    )
    return [
        f"The cost of durability: the webhook ingest section above was measured with the durable"
        f" journal; the same benchmark on the code before it ({before['source']}), minutes apart"
        f" on the same machine: {rows}.",
    ]


def earlier_sections(text: str) -> dict[str, list[str]]:
    """The sections of an earlier RESULTS.md by heading, each saying which run measured it.

    A section that already carries such a note (kept once before) keeps its note.
    """
    measured = re.search(
        r"^Measured (.+? UTC) with .*?Home Assistant ([0-9][0-9.]*[0-9])", text, re.M
    )
    when = f"{measured[1]}, Home Assistant {measured[2]}" if measured else "an earlier date"
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = sections[line] = [line]
        elif current is not None:
            current.append(line)
    for heading, lines in sections.items():
        while lines and not lines[-1].strip():
            lines.pop()
        if not any(line.startswith(KEPT_NOTE) for line in lines):
            lines[1:1] = ["", f"{KEPT_NOTE} {when}._"]
        sections[heading] = lines
    return sections


def render(data: dict[str, Any], earlier: dict[str, list[str]]) -> list[str]:
    """RESULTS.md: each section from this run's data, else as the earlier file had it."""
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `scripts/bench` on"
        f" {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]},"
        f" Home Assistant {ha_const.__version__}. Medians of several runs; these machines are"
        " shared, so compare ratios within one run rather than absolute numbers across runs.",
        "",
    ]
    renderers = {
        "fleet": fleet_section,
        "webhook_ingest": ingest_section,
        "setup": setup_section,
        "startup": startup_section,
        "crash": crash_section,
    }
    known = [prefix for _, prefix in SECTIONS]
    for key, prefix in SECTIONS:
        if key in data:
            lines += [*renderers[key](data[key]), ""]
            continue
        kept = next((s for h, s in earlier.items() if h.startswith(prefix)), None)
        if kept is not None:
            lines += [*kept, ""]
    for heading, kept in earlier.items():  # sections this script no longer writes
        if not any(heading.startswith(prefix) for prefix in known):
            lines += [*kept, ""]
    return lines


def main() -> None:
    """Write RESULTS.md from the last run's JSON, keeping the sections that run did not measure."""
    source = Path(os.environ.get("VP_BENCH_RESULTS", HERE / ".last_run.json"))
    data = json.loads(source.read_text())
    target = HERE / "RESULTS.md"
    earlier = earlier_sections(target.read_text()) if target.exists() else {}
    target.write_text("\n".join(render(data, earlier)))


if __name__ == "__main__":
    main()
