"""Check a training batch against SPEC.md: `python validate.py FILE.jsonl`."""

from __future__ import annotations

import json
import sys

RELATIONS = {"supports", "opposes", "met_with", "seized"}
STYLES = {
    "wire", "state_media", "think_tank", "ngo_report", "press_release", "live_blog",
    "headline", "translated", "long_form", "local_press", "analysis_opinion", "communique",
}


def problems(path: str) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as err:
                out.append(f"line {n}: not JSON ({err})")
                continue
            where = f"line {n} ({doc.get('doc')})"
            for key in ("doc", "conflict", "style", "sentences"):
                if key not in doc:
                    out.append(f"{where}: missing {key!r}")
            if doc.get("doc") in seen:
                out.append(f"{where}: duplicate doc id")
            seen.add(doc.get("doc"))
            if doc.get("style") not in STYLES:
                out.append(f"{where}: unknown style {doc.get('style')!r}")
            for i, sent in enumerate(doc.get("sentences", [])):
                text = sent.get("text", "")
                if not isinstance(text, str) or not text.strip():
                    out.append(f"{where} sentence {i}: empty text")
                    continue
                for e in sent.get("edges", []):
                    if e.get("relation") not in RELATIONS:
                        out.append(f"{where} sentence {i}: bad relation {e.get('relation')!r}")
                    for side in ("subject", "object"):
                        val = e.get(side)
                        if not isinstance(val, str) or not val or val not in text:
                            out.append(f"{where} sentence {i}: {side} {val!r} is not in the text")
                        if not e.get(side + "_name"):
                            out.append(f"{where} sentence {i}: missing {side}_name")
                    if not isinstance(e.get("required"), bool):
                        out.append(f"{where} sentence {i}: 'required' must be true or false")
    return out


if __name__ == "__main__":
    found = problems(sys.argv[1])
    print("\n".join(found) if found else "OK")
    sys.exit(1 if found else 0)
