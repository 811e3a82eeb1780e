/**
 * Boilerplate detector for pasted or scraped article text (issue 16 item 5): proposes whole
 * lines to remove (ads, weather widgets, "similar news" rails, share buttons, navigation, a
 * byline or paragraph printed twice) and the text without them. Pure and line-based: a removal
 * always starts at a line start and ends after a line break (or at the end of the text), so it
 * never cuts inside a sentence, and every line not proposed stays exactly as it was.
 * Offsets are UTF-16 code units of `body` as given (CRLF is kept; "\r" counts as line end).
 */

export interface Removal {
  start: number;
  end: number;
  reason: string;
  /** body.slice(start, end), the lines as they are in the text. */
  text: string;
}

export interface Cleanup {
  removals: Removal[];
  cleaned: string;
}

interface Line {
  start: number;
  /** Just after the line break (or the end of the text). */
  end: number;
  text: string;
}

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < body.length) {
    const nl = body.indexOf('\n', start);
    const end = nl === -1 ? body.length : nl + 1;
    lines.push({ start, end, text: body.slice(start, nl === -1 ? end : nl).replace(/\r$/, '') });
    start = end;
  }
  return lines;
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

const AD = /^(ad|ads|advertisement|advertising|sponsored|sponsored content|реклама|anzeige|werbung|publicité|publicidad|реклама\s*\d*)$/i;
const TEMPERATURE = /^[+\-−]?\d{1,2}\s?°\s?[CF]?$/;
const WEATHER_WORDS = /(пасмурно|облачно|ясно|дождь|снег|туман|ветер|м\/с|\b(overcast|cloudy|sunny|rain|snow|humidity|wind\s+\d|km\/h|mph)\b)/i;
const RELATED_HEADING = /^(similar|related|more|other|recommended|popular|latest|top)\s+(news|stories|articles|posts|reads)\s*:?$|^(read|see)\s+(also|more)\s*:?$|^you (may|might) also like\s*:?$|^(похожие|другие|последние)\s+новости\s*:?$|^читайте\s+также\s*:?$|^схожі\s+новини\s*:?$|^читайте\s+також\s*:?$/i;
const RELATED_INLINE = /^(read also|see also|read more|читайте также|читайте також)\s*[:—–-]\s*\S.{0,200}$/i;
const SHARE_WORD = '(share|share this( article| story)?|tweet|facebook|twitter|x|telegram|whatsapp|viber|linkedin|e-?mail|copy link|print|reddit|pinterest|vk|поделиться|поширити|messenger)';
const SHARE = new RegExp(`^${SHARE_WORD}([\\s,|•·/]+${SHARE_WORD})*$`, 'i');
const READING_TIME = /^\d{1,3}\s*(min|mins|minute|minutes|мин|хв)\.?\s*(read|чтения|читання)?$/i;
const VIEW_COUNT = /^\d{1,7}$|^(views?|просмотр\w*)\s*:?\s*\d+$|^\d+\s*(views?|просмотр\w*)$/i;
const COOKIE = /(we use cookies|this (site|website) uses cookies|accept (all )?cookies|cookie (policy|settings))/i;
const NEWSLETTER = /^(subscribe( to our newsletter)?|sign up for our newsletter|подпишитесь.*)$/i;
const NAV_ITEM = /^[-•*]\s+\S.{0,30}$/;
const BYLINE = /^(by|von|par|автор|author|text|текст)\s*:?\s+\p{Lu}[\p{L}.'’\- ]{1,60}$/iu;
/** A repeated line counts as a printed-twice paragraph only when it is this long: short lines ("Details") repeat legitimately. */
const REPEAT_MIN_CHARS = 30;

/** The reason a single line (trimmed) is boilerplate, if any. */
function lineReason(text: string): string | null {
  if (AD.test(text)) return 'advertisement';
  if (TEMPERATURE.test(text) || (text.length < 80 && /\d/.test(text) && WEATHER_WORDS.test(text) && !/[.!?]["”»]?$/.test(text))) return 'weather widget';
  if (RELATED_INLINE.test(text)) return 'related news list';
  if (SHARE.test(text)) return 'share buttons';
  if (READING_TIME.test(text)) return 'reading time';
  if (VIEW_COUNT.test(text)) return 'view count';
  if (text.length < 200 && COOKIE.test(text)) return 'cookie notice';
  if (NEWSLETTER.test(text)) return 'newsletter prompt';
  return null;
}

/** Reasons per line index; null keeps the line. */
function classify(body: string, lines: Line[]): Array<string | null> {
  const reasons: Array<string | null> = lines.map(() => null);
  const seen = new Set<string>();
  const bylines = new Set<string>();
  const firstLong = lines.findIndex((l) => l.text.trim().length > 80);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text.trim();
    if (!text) continue;
    // A "Similar news" heading after the first third takes everything after it: that is the rail.
    if (RELATED_HEADING.test(text) && lines[i].start > body.length / 3) {
      for (let j = i; j < lines.length; j++) if (lines[j].text.trim()) reasons[j] = 'related news list';
      break;
    }
    const key = norm(text);
    let reason = lineReason(text);
    if (!reason && (firstLong === -1 || i < firstLong) && NAV_ITEM.test(text)) reason = 'navigation';
    if (!reason && BYLINE.test(text)) {
      if (bylines.has(key)) reason = 'repeated byline';
      bylines.add(key);
    }
    if (!reason && text.length >= REPEAT_MIN_CHARS) {
      if (seen.has(key)) reason = 'repeated paragraph';
      seen.add(key);
    }
    reasons[i] = reason;
  }
  return reasons;
}

/** Proposes boilerplate lines to remove and returns the text without them. */
export function proposeCleanup(body: string): Cleanup {
  const lines = splitLines(body);
  const reasons = classify(body, lines);
  const blank = (i: number) => i >= 0 && i < lines.length && !lines[i].text.trim();
  const removals: Removal[] = [];
  let i = 0;
  while (i < lines.length) {
    const reason = reasons[i];
    if (!reason) { i++; continue; }
    let j = i;
    // One removal per run of lines with the same reason (blank lines inside the run join it).
    while (j + 1 < lines.length && (reasons[j + 1] === reason || (blank(j + 1) && nextReason(reasons, lines, j + 1) === reason))) j++;
    let start = lines[i].start;
    let end = lines[j].end;
    // A removed paragraph takes the blank separator after it, so no gap of empty lines is left.
    // A removed paragraph takes the blank separator after it, so no gap of empty lines is left;
    // at the end of the text it takes the blank lines before it instead.
    const startsParagraph = i === 0 || blank(i - 1);
    let k = j + 1;
    while (blank(k)) k++;
    if (k >= lines.length) {
      let b = i - 1;
      while (blank(b)) b--;
      start = Math.max(b >= 0 ? lines[b].end : 0, removals.at(-1)?.end ?? 0);
      end = body.length;
    } else if (startsParagraph) end = lines[k].start;
    removals.push({ start, end, reason, text: body.slice(start, end) });
    i = Math.max(j + 1, indexAt(lines, end));
  }
  let cleaned = '';
  let at = 0;
  for (const r of removals) {
    cleaned += body.slice(at, r.start);
    at = r.end;
  }
  cleaned += body.slice(at);
  return { removals, cleaned };
}

function nextReason(reasons: Array<string | null>, lines: Line[], from: number): string | null {
  for (let k = from; k < lines.length; k++) if (lines[k].text.trim()) return reasons[k];
  return null;
}

function indexAt(lines: Line[], offset: number): number {
  const k = lines.findIndex((l) => l.start >= offset);
  return k === -1 ? lines.length : k;
}
