/** One field of a record that a change altered. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The fields a change altered, from the before and after values kept in the audit log. A created
 * record has no before, a deleted one no after: every field then counts. Lists and nested objects
 * are compared as wholes (an action plan is one field). Technical fields (`version`, timestamps)
 * are left out: they change every time and tell the reader nothing.
 */
export function fieldChanges(before: unknown, after: unknown, ignore: readonly string[] = ['version', 'updatedAt', 'createdAt']): FieldChange[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  if (!isPlainObject(before) && !isPlainObject(after)) {
    return same(before, after) ? [] : [{ field: '', before: before ?? null, after: after ?? null }];
  }
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !ignore.includes(f));
  return fields.filter((f) => !same(b[f], a[f])).map((f) => ({ field: f, before: b[f] ?? null, after: a[f] ?? null }));
}
