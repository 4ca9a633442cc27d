import type { Config } from './config';
import { STATUSES } from './extract/metadata';
import type { Status } from './model';

/** The action items' priorities, highest first, as the template writes them. */
export const PRIORITIES = ['Critical', 'High', 'Medium', 'Low'];

/** The words a document may use under `config`: what the editor offers in its pickers and completion. */
export function vocabulary(config: Pick<Config, 'severities'>): { statuses: Status[]; severities: string[]; priorities: string[] } {
  return { statuses: [...STATUSES], severities: [...config.severities], priorities: [...PRIORITIES] };
}
