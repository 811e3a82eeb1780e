/**
 * The permission table: which project role may do what. Pure, so it is tested exhaustively;
 * lib/data calls it after re-reading the actor's membership.
 */
import type { Role } from '../domain';

export const ACTIONS = [
  'project.read',
  'annotation.create',
  'link.create',
  'review.create',
  'comment.create',
  'verdict.propose',
  'verdict.finalize',
  'review.settle',
  'article.import',
  'article.edit',
  'member.manage',
  'project.export',
] as const;
export type Action = (typeof ACTIONS)[number];

const WRITE: Action[] = ['annotation.create', 'link.create', 'review.create', 'comment.create', 'verdict.propose'];
const LEAD_ONLY: Action[] = [
  'verdict.finalize',
  'review.settle',
  'article.import',
  'article.edit',
  'member.manage',
  'project.export',
];

const GRANTS: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set<Action>(['project.read']),
  reviewer: new Set<Action>(['project.read', ...WRITE]),
  lead: new Set<Action>(['project.read', ...WRITE, ...LEAD_ONLY]),
};

/** Whether a member with `role` (null: not a member) may perform `action`. */
export function can(role: Role | null | undefined, action: Action): boolean {
  return role ? GRANTS[role].has(action) : false;
}
