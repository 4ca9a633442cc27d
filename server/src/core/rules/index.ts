import { actionDue } from './action-due';
import { actionTicket } from './action-ticket';
import { blameless } from './blameless';
import { leftoverGuidance } from './leftover-guidance';
import { metadata } from './metadata';
import { metricMismatch } from './metric-mismatch';
import { missingOwner } from './missing-owner';
import { missingSection } from './missing-section';
import { placeholder } from './placeholder';
import { rangeRule } from './range';
import type { Rule } from '../rule';
import { signoff } from './signoff';
import { tableCells } from './table-cells';
import { timelineOrder } from './timeline-order';
import { timelineTime } from './timeline-time';
import { traceabilityRule } from './traceability';
import { unresolvedChoice } from './unresolved-choice';
import { unfilled } from './unfilled';

/** Every rule, the one list: configuration, docs and the schema's rule names come from it. */
export const RULES: readonly Rule[] = [
  placeholder,
  unfilled,
  missingOwner,
  timelineOrder,
  timelineTime,
  metricMismatch,
  unresolvedChoice,
  missingSection,
  actionDue,
  actionTicket,
  metadata,
  signoff,
  rangeRule,
  leftoverGuidance,
  tableCells,
  blameless,
  traceabilityRule,
];
