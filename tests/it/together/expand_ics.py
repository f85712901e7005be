"""Reads an iCalendar file back with an independent parser (icalendar, recurring_ical_events)
and prints its events in a window as JSON, in UTC, for the calendar tests to compare.

usage: expand_ics.py FILE FROM TO MODE
  FROM, TO  the window, as ISO 8601 UTC instants
  MODE      "named": zones resolved by their IANA names, as most calendar apps do;
            "own":   every TZID renamed first, so only the file's own VTIMEZONEs can place
                     the times (the check that they are right).
"""

import datetime
import json
import re
import sys

import icalendar
import recurring_ical_events


def main():
    path, start, end, mode = sys.argv[1:5]
    text = open(path, "rb").read().decode("utf-8")
    problems = []
    if "\n" in text.replace("\r\n", ""):
        problems.append("a line ends without CR LF")
    for number, line in enumerate(text.split("\r\n"), 1):
        if len(line.encode("utf-8")) > 75:
            problems.append(f"line {number} is longer than 75 octets")
    unfolded = text.replace("\r\n ", "")
    if mode == "own":
        zones = set(re.findall(r"TZID[=:]([^;:\r\n]+)", unfolded))
        for zone in zones:
            own = "Own " + zone.replace("/", " ")
            unfolded = unfolded.replace(f"TZID={zone}:", f"TZID={own}:")
            unfolded = unfolded.replace(f"TZID={zone};", f"TZID={own};")
            unfolded = unfolded.replace(f"TZID:{zone}\r\n", f"TZID:{own}\r\n")
    calendar = icalendar.Calendar.from_ical(unfolded)

    defined = sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE"))
    used = set()
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "RECURRENCE-ID", "EXDATE"):
            values = event.get(name)
            if values is None:
                continue
            for value in values if isinstance(values, list) else [values]:
                tzid = value.params.get("TZID")
                if tzid:
                    used.add(str(tzid))
                    if mode == "own":
                        dts = getattr(value, "dts", None)
                        times = [d.dt for d in dts] if dts else [value.dt]
                        for t in times:
                            kind = type(t.tzinfo).__module__
                            if "zoneinfo" in kind or "dateutil.zoneinfo" in kind:
                                problems.append(f"{name} resolved {tzid} by name")

    window = (
        datetime.datetime.fromisoformat(start.replace("Z", "+00:00")),
        datetime.datetime.fromisoformat(end.replace("Z", "+00:00")),
    )
    events = []
    for event in recurring_ical_events.of(calendar).between(*window):
        begin = event["DTSTART"].dt
        finish = begin + event["DURATION"].dt if "DURATION" in event else event["DTEND"].dt
        events.append(
            {
                "uid": str(event["UID"]),
                "start": begin.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end": finish.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "status": str(event.get("STATUS", "")),
                "summary": str(event.get("SUMMARY", "")),
                "location": str(event.get("LOCATION", "")),
                "description": str(event.get("DESCRIPTION", "")),
                "sequence": int(event.get("SEQUENCE", 0)),
            }
        )
    events.sort(key=lambda e: (e["start"], e["uid"]))
    print(
        json.dumps(
            {
                "events": events,
                "tzids_defined": defined,
                "tzids_used": sorted(used),
                "calendar_name": str(calendar.get("X-WR-CALNAME", "")),
                "method": str(calendar.get("METHOD", "")),
                "problems": problems,
            }
        )
    )


main()
