import { matchesAt, range } from '../text';
import type { Finding } from '../diagnostic';
import type { Rule } from '../rule';

// Tried only where a run of digits starts: a start inside one finds nothing its first digit did
// not, and retrying from each digit of a long run is quadratic.
const NUMBER = /-?\d+/g;
const PERCENT = /(-?\d+(?:[.,]\d+)?)\s*%/y;

/** A confidence score outside 0–10, or a percentage outside 0–100 in the impact summary. */
export const rangeRule: Rule = {
  id: 'range',
  description: 'A confidence outside 0–10 or a percentage outside 0–100.',
  details:
    'A confidence in prevention outside 0–10, or a percentage outside 0–100 in the Impact Summary.',
  severity: 'error',
  check({ model }) {
    const findings: Finding[] = [];
    const confidence = model.confidence?.value;
    const score = confidence && /^(-?\d+(?:\.\d+)?)(?:\s*\/\s*10\b)?/.exec(confidence.text);
    if (confidence && score && (Number(score[1]) < 0 || Number(score[1]) > 10)) {
      const at = confidence.range.start.character;
      findings.push({
        range: range(confidence.range.start.line, at, at + score[0].length),
        message: `Confidence in prevention is ${score[1]}, outside the scale: give a score from 0 to 10.`,
      });
    }
    const impact = new Set(model.sections.flatMap((s, i) => (s.kind === 'impact' ? [i] : [])));
    for (const field of model.fields) {
      if (field.section === undefined || !impact.has(field.section)) continue;
      const text = field.value.text;
      for (const m of matchesAt(text, NUMBER, PERCENT)) {
        // `14-19%`, `5–7 %`: the dash of a range, not a minus sign.
        if (m[1].startsWith('-') && /[\p{L}\p{N}]/u.test(text[m.index - 1] ?? '')) continue;
        const value = Number(m[1].replace(',', '.'));
        if (value >= 0 && value <= 100) continue;
        const at = field.value.range.start.character + m.index;
        findings.push({
          range: range(field.line, at, at + m[0].length),
          message: `${field.label} gives ${m[0].replace(/\s+/g, '')}, which cannot be a share: use a percentage from 0 to 100.`,
        });
      }
    }
    return findings;
  },
};
