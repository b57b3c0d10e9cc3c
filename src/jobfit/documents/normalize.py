"""Text clean-up shared by every extractor: ligatures, odd glyphs and bullets, letter-spaced headings,
(cid:NN) junk, exotic spaces and hyphens; whitespace is collapsed inside lines but line structure is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

BULLET = "•"

_LIGATURES = {
    "ﬀ": "ff",
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
    "ﬅ": "st",
    "ﬆ": "st",
    "Ꜳ": "AA",
    "ꜳ": "aa",
    "Æ": "AE",
    "æ": "ae",
    "Œ": "OE",
    "œ": "oe",
}
# Glyphs used as list bullets (at line start) in resumes; \uf0b7 is Symbol-font "", \uf0a7 Wingdings "".
BULLET_CHARS = "•·▪▫●◦○■□►▸▹▶➢➤➣➔→✓✔✗❖◆◇♦★☆⦿⦾∙⋅◾◽⚫⚪\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e"
# One bullet: a glyph above, or a bullet mis-decoded on its way (Symbol-font or UTF-8 bullets read as
# Windows-1252: "ï‚·", "â€¢"; or replaced by a converter that did not know them: "\ufffd?\ufffd").
BULLET_GLYPH = rf"(?:[{re.escape(BULLET_CHARS)}]|\ufffd\?\ufffd|ï‚[·§]|â€¢|â–ª)"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"
_ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_HYPHENS = "\u2010\u2011\u2012\u2043\u2212"

_TRANSLATE = str.maketrans(
    {
        **{c: " " for c in _SPACES},
        **{c: None for c in _ZERO_WIDTH},
        **{c: "-" for c in _HYPHENS},
        **_LIGATURES,
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
    }
)

# dropped from every line: unmapped PDF glyphs ("(cid:12)") and control characters
_DROPPED = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0e-\x1f\x7f]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U000ffffd]")
_LEADING_BULLET = re.compile(rf"^\s*{BULLET_GLYPH}+\s*")
_MULTI_SPACE = re.compile(r" {2,}")
_DOUBLE_HYPHEN_IN_NUMBER = re.compile(r"(?<=\d)-{2,}(?=\d)")
_LETTER_SPACED_WORD = re.compile(r"^(?:[A-Za-zÀ-ÿ&] ){2,}[A-Za-zÀ-ÿ&]$")


def _unspace_letters(line: str) -> str:
    """'E X P E R I E N C E' -> 'EXPERIENCE'; 'W O R K  H I S T O R Y' -> 'WORK HISTORY'."""
    stripped = line.strip()
    if len(stripped) < 5 or not _LETTER_SPACED_WORD.match(_MULTI_SPACE.sub(" ", stripped)):
        return line
    words = re.split(r" {2,}", stripped)
    if len(words) > 1 and all(_LETTER_SPACED_WORD.match(w) or len(w) == 1 for w in words):
        return " ".join(w.replace(" ", "") for w in words)
    return stripped.replace(" ", "")


@lru_cache(maxsize=65536)  # pure, and called on every line of every edited variant (impact)
def normalize_line(line: str) -> str:
    """Clean one line (no newlines inside)."""
    line = _DROPPED.sub("", line)
    bullet = ""
    if _LEADING_BULLET.match(line):
        line, bullet = _LEADING_BULLET.sub("", line), BULLET
    elif re.match(r"^\s*[\ue000-\uf8ff]\s*\S+(?:\s+\S+){3,}", line):
        bullet = BULLET  # an icon-font glyph in front of a sentence acts as a bullet
    # Icon fonts (FontAwesome etc.) map to the private-use area: drop them, keep a separator.
    line = _PRIVATE_USE.sub("  ", line)
    line = _unspace_letters(line)
    if bullet:
        line = f"{BULLET} {line.strip()}" if line.strip() else BULLET
    line = _DOUBLE_HYPHEN_IN_NUMBER.sub("-", line)
    return _MULTI_SPACE.sub(" ", line).strip()


def normalize_text(text: str) -> str:
    """Normalise a whole document: one clean line per input line, at most one blank line in a row."""
    text = text.translate(_TRANSLATE)
    out: list[str] = []
    blank = True
    pending_bullet = False
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if line == BULLET:  # a bullet glyph alone on its line belongs to the next line's text
            pending_bullet = True
            continue
        if line and pending_bullet:
            line = line if line.startswith(BULLET) else f"{BULLET} {line}"
            pending_bullet = False
        if not line:
            if not blank:
                out.append("")
            blank = True
            continue
        out.append(line)
        blank = False
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


__all__ = ["BULLET", "BULLET_CHARS", "BULLET_GLYPH", "normalize_line", "normalize_text", "word_count"]
