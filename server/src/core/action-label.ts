import type { ActionItem } from './model';
import { isPlaceholder, linkText, plainText } from './vocabulary';

/** How a message names an action item: `Action item 2 ("Add migration checks to CI")`, its links as their text. */
export function actionLabel(item: ActionItem): string {
  const text = plainText(linkText(item.action?.text ?? ''));
  const shown = text && !isPlaceholder(text) ? ` ("${text.length > 50 ? `${text.slice(0, 49)}…` : text}")` : '';
  return `${item.group === 'other' ? 'Action item' : `${capitalize(item.group)} action item`} ${item.number}${shown}`;
}

function capitalize(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
