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
}

const COMPONENT = /(\d+(?:\.\d+)?)(\s*)(days?|d|hours?|hrs?|hr|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/iy;
const JOINER = /\s*(?:(?:,|and)\s*)?/iy;
const CLOCK_DURATION = /(\d{1,3}):(\d{2})(?![\d:])/y;
const BARE_NUMBER = /(\d+(?:\.\d+)?)(?![\d.:])/y;

/** Reads the duration at the start of `text` (after an optional `~`), or returns undefined. */
export function parseDuration(text: string): StatedDuration | undefined {
  const lead = /^\s*(?:~|≈|about\s+|approx\.?\s+)?/i.exec(text)![0].length;
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
