import type { Severity } from '../core/diagnostic';

/** Problem icons drawn like VS Code's codicons (a font the webview does not have), in currentColor. */
export const SEVERITY_ICONS: Record<Severity, string> = {
  error: '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.3"/><path d="M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8" stroke="currentColor" stroke-width="1.3"/></svg>',
  warning: '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1.8l6.6 12.2H1.4z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/><path d="M8 6v4M8 11.4v1.3" stroke="currentColor" stroke-width="1.4"/></svg>',
  information: '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.3"/><path d="M8 7v4.6M8 4.4v1.3" stroke="currentColor" stroke-width="1.4"/></svg>',
  hint: '<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="2.5" fill="currentColor"/></svg>',
};
