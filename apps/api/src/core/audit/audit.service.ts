import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Who made a change: a signed-in user, or a command run on the server. */
export interface Actor {
  id: string | null;
  label: string;
  requestId?: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** The PVD dossier the change belongs to, if any (a change of a `pvd` entity belongs to that PVD). */
  pvdId?: string | null;
}

/** Writes to the append-only audit log, inside the caller's transaction so both land or neither. */
@Injectable()
export class AuditService {
  async record(em: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.recordMany(em, actor, [entry]);
  }

  async recordMany(em: EntityManager, actor: Actor, entries: AuditEntry[], chunkSize = 2000): Promise<void> {
    for (let start = 0; start < entries.length; start += chunkSize) {
      const chunk = entries.slice(start, start + chunkSize);
      await em.query(
        `INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_id, before, after, request_id, ip, pvd_id)
         SELECT $1, $2, a, t, i, b, f, $3, $9, p
           FROM unnest($4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $10::uuid[]) AS x(a, t, i, b, f, p)`,
        [
          actor.id,
          actor.label,
          actor.requestId ?? null,
          chunk.map((e) => e.action),
          chunk.map((e) => e.entityType),
          chunk.map((e) => e.entityId),
          chunk.map((e) => (e.before === undefined ? null : JSON.stringify(e.before))),
          chunk.map((e) => (e.after === undefined ? null : JSON.stringify(e.after))),
          actor.ip ?? null,
          chunk.map((e) => e.pvdId ?? (e.entityType === 'pvd' ? e.entityId : null)),
        ],
      );
    }
  }
}
