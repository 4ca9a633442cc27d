type Unit = 'd' | 'h' | 'm' | 's';

const UNIT_MINUTES: Record<Unit, number> = { d: 1440, h: 60, m: 1, s: 1 / 60 };

interface Component {
  unit: Unit;
  /** The unit as written ("minutes", "min", "m"); empty for a bare number, read as minutes. */
  label: string;
  /** White space between the number and its label. */
  gap: string;
  decimals: number;
}

/** A duration as written in the document: "12 minutes", "1h 23min", "~1.5 hours", "0h 37m", "1:10". */
export interface StatedDuration {
  minutes: number;
  /** What the writing can express: 1 for "12 minutes", 60 for "2 hours", 6 for "1.5 hours". */
  resolution: number;
  /** Where the duration lies in the text it was read from: [start, end). */
  start: number;
  end: number;
  components: Component[];
  /** What joins the components ("1h 23min": " "); empty for one component. */
  joiner: string;
  /** Written in words ("nine hours"), not digits. */
  words?: boolean;
}

const COMPONENT = /(\d+(?:\.\d+)?)(\s*|-)(days?|d|hours?|hrs?|hr|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/iy;
const JOINER = /\s*(?:(?:,|and)\s*)?/iy;
const CLOCK_DURATION = /(\d{1,3}):(\d{2})(?![\d:])/y;
const BARE_NUMBER = /(\d+(?:\.\d+)?)(?![\d.:])/y;
const LEAD = /\s*(?:~|≈|about\s+|approx\.?\s+)?/iy;
/**
 * What follows a clock time rather than a duration: a range's second end (`21:45 to 23:28`,
 * `21:45-23:28`), AM/PM or a zone (`21:45 UTC`). A clock time is not a duration.
 */
const CLOCK_TIME_AFTER = /\s*(?:(?:to|until|till|through|and)\s+\d|[-–—]\s*\d|[ap]\.?m\.?(?![a-z])|(?:Z|UTC|GMT|[A-Z]{2,4}T)(?![a-z]))/iy;

const NUMBER_WORDS = new Map(
  ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
    .map((w, i): [string, number] => [w, i + 1])
    .concat(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, i): [string, number] => [w, 20 + 10 * i])),
);
/** "nine hours", "forty-five minutes", "an hour", "half an hour", "two-hour": a figure in words. */
const WORD_FIGURE = /(?:(half)\s+)?([a-z]+)(?:-([a-z]+))?(\s+|-)(days?|hours?|minutes?|seconds?)(?![a-z])/iy;

/**
 * Reads a duration figure at `from` in `text`, in digits (`66 minutes`, `1h 23min`, `40min`,
 * `47-minute`) or in words (`seven hours`, `an hour`, `half an hour`); a bare number or a clock
 * time is not a figure here. Offsets in the result are offsets in `text`.
 */
export function readFigure(text: string, from: number): StatedDuration | undefined {
  COMPONENT.lastIndex = from;
  if (COMPONENT.test(text)) {
    const stated = parseDuration(text, from);
    return stated && stated.components[0].label !== '' && stated.components[0].label !== ':' ? stated : undefined;
  }
  WORD_FIGURE.lastIndex = from;
  const m = WORD_FIGURE.exec(text);
  if (!m) return undefined;
  const [, half, first, second, gap, label] = m;
  const head = first.toLowerCase();
  const article = head === 'a' || head === 'an';
  const tens = NUMBER_WORDS.get(head) ?? 0;
  const ones = second ? NUMBER_WORDS.get(second.toLowerCase()) ?? 0 : 0;
  let value: number | undefined;
  if (half) value = article && !second ? 0.5 : undefined;
  else if (article) value = second ? undefined : 1;
  else if (second) value = tens >= 20 && tens % 10 === 0 && ones > 0 && ones < 10 ? tens + ones : undefined;
  else value = NUMBER_WORDS.get(head);
  if (value === undefined) return undefined;
  const unit = unitOf(label);
  return {
    minutes: value * UNIT_MINUTES[unit],
    resolution: UNIT_MINUTES[unit] * (half ? 0.5 : 1),
    start: from,
    end: from + m[0].length,
    components: [{ unit, label, gap, decimals: 0 }],
    joiner: '',
    words: true,
  };
}

/** Reads the duration at `from` in `text` (after an optional `~`), or returns undefined. */
export function parseDuration(text: string, from = 0): StatedDuration | undefined {
  LEAD.lastIndex = from;
  const lead = from + LEAD.exec(text)![0].length;
  const components: Component[] = [];
  let minutes = 0;
  let pos = lead;
  let joiner = '';
  for (;;) {
    COMPONENT.lastIndex = pos;
    const m = COMPONENT.exec(text);
    if (!m) break;
    const unit = unitOf(m[3]);
    if (components.some((c) => UNIT_MINUTES[c.unit] <= UNIT_MINUTES[unit])) break;
    components.push({ unit, label: m[3], gap: m[2], decimals: m[1].split('.')[1]?.length ?? 0 });
    minutes += Number(m[1]) * UNIT_MINUTES[unit];
    pos += m[0].length;
    JOINER.lastIndex = pos;
    const j = JOINER.exec(text)![0];
    COMPONENT.lastIndex = pos + j.length;
    if (!COMPONENT.test(text)) break;
    if (components.length === 1) joiner = j;
    pos += j.length;
  }
  if (components.length) {
    const last = components[components.length - 1];
    return { minutes, resolution: UNIT_MINUTES[last.unit] / 10 ** last.decimals, start: lead, end: pos, components, joiner };
  }
  CLOCK_DURATION.lastIndex = lead;
  const clock = CLOCK_DURATION.exec(text);
  CLOCK_TIME_AFTER.lastIndex = lead + (clock?.[0].length ?? 0);
  if (clock && CLOCK_TIME_AFTER.test(text)) return undefined;
  if (clock && Number(clock[2]) < 60) {
    return {
      minutes: Number(clock[1]) * 60 + Number(clock[2]),
      resolution: 1,
      start: lead,
      end: lead + clock[0].length,
      components: [{ unit: 'h', label: ':', gap: '', decimals: 0 }, { unit: 'm', label: '', gap: '', decimals: 0 }],
      joiner: '',
    };
  }
  BARE_NUMBER.lastIndex = lead;
  const bare = BARE_NUMBER.exec(text);
  if (!bare) return undefined;
  const decimals = bare[1].split('.')[1]?.length ?? 0;
  return {
    minutes: Number(bare[1]),
    resolution: 1 / 10 ** decimals,
    start: lead,
    end: lead + bare[0].length,
    components: [{ unit: 'm', label: '', gap: '', decimals }],
    joiner: '',
  };
}

/** True when the stated duration cannot be a rounding of the computed one. */
export function disagrees(stated: StatedDuration, computedMinutes: number): boolean {
  return Math.abs(stated.minutes - computedMinutes) >= stated.resolution - 1e-9;
}

/**
 * True when a figure, read with its approximation, cannot describe the measured minutes. An exact
 * figure is a rounding to its own unit (`disagrees`); "about" allows 10 % of the figure or 5
 * minutes, whichever is more, and never less than its unit ("about 45 minutes": 40–50; "about
 * nine hours": 8–10 h); "at least" is wrong only when the measure is below it, "within" only when
 * above it, each by a whole unit.
 */
export function disagreesApproximately(stated: StatedDuration, approximation: 'exact' | 'about' | 'atLeast' | 'atMost', measured: number): boolean {
  const eps = 1e-9;
  switch (approximation) {
    case 'exact':
      return disagrees(stated, measured);
    case 'about':
      return Math.abs(stated.minutes - measured) > Math.max(stated.resolution, stated.minutes / 10, 5) + eps;
    case 'atLeast':
      return measured <= stated.minutes - stated.resolution + eps;
    case 'atMost':
      return measured >= stated.minutes + stated.resolution - eps;
  }
}

/** Writes `minutes` in the units and style of `like` ("1h 23min" → "1h 10min"). */
export function formatLike(minutes: number, like: StatedDuration): string {
  const { components } = like;
  if (components[0].label === ':') {
    const total = Math.round(minutes);
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  }
  const parts: string[] = [];
  let rest = minutes;
  components.forEach((c, i) => {
    const size = UNIT_MINUTES[c.unit];
    const isLast = i === components.length - 1;
    let value: number;
    if (isLast) {
      value = Number((rest / size).toFixed(Math.max(c.decimals, 2)));
    } else {
      value = Math.floor(rest / size + 1e-9);
      rest -= value * size;
    }
    parts.push(`${value}${c.gap}${plural(c.label, value)}`);
  });
  return parts.join(like.joiner || ' ');
}

/** The minus sign of every negative duration the server writes for display (not ASCII `-`, which reads as a dash). */
const MINUS = '\u2212';

/** A short human form for display: "12m", "1h 10m", "2d 3h"; negative, "−5m". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? MINUS : '';
  let m = Math.round(Math.abs(minutes));
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  const parts = [d && `${d}d`, h && `${h}h`, (m || (!d && !h)) && `${m}m`].filter(Boolean);
  return sign + parts.join(' ');
}

/** A signed offset from the incident start, the one way hover, code lens and the timeline write it: "+12m", "−5m", "+0m". */
export function formatOffset(minutes: number): string {
  return `${minutes < 0 ? '' : '+'}${formatMinutes(minutes)}`;
}

function unitOf(label: string): Unit {
  const c = label[0].toLowerCase();
  return c === 'd' ? 'd' : c === 'h' ? 'h' : c === 'm' ? 'm' : 's';
}

/** "minutes" becomes "minute" for 1, and back; abbreviations stay as written. */
function plural(label: string, value: number): string {
  const word = /^(day|hour|minute|second)s?$/i.exec(label);
  if (!word) return label;
  return value === 1 ? word[1] : `${word[1]}s`;
}
