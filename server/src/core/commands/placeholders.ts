import type { PostMortem } from '../model';
import type { TextEdit } from '../diagnostic';

/** Fills every `{{name}}` with `value`: one answer for a name the template repeats (`{{DATE}}`, `{{SEQ}}`). */
export function fillEverywhere(model: PostMortem, name: string, value: string): TextEdit[] {
  return model.placeholders.filter((p) => p.name === name).map((p) => ({ range: p.range, newText: value }));
}
