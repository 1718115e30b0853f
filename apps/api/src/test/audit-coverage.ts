import { unnamedAuditFields } from '@suivi-pvd/domain';
import type { DataSource } from 'typeorm';

/**
 * Every field the audit writers stored in this test database that the history would show under
 * its raw key, no description naming it (empty when the descriptions cover the writers).
 */
export async function unnamedAuditedFields(dataSource: DataSource): Promise<string[]> {
  const rows: { entity_type: string; before: unknown; after: unknown }[] = await dataSource.query('SELECT entity_type, before, after FROM audit_log');
  if (rows.length === 0) throw new Error('No audit entry to check: the test wrote nothing.');
  const unnamed = new Set<string>();
  for (const r of rows) for (const side of [r.before, r.after]) for (const field of unnamedAuditFields(r.entity_type, side)) unnamed.add(`${r.entity_type}.${field}`);
  return [...unnamed].sort();
}
