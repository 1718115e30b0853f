import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUDIT_REF_KINDS,
  auditActionLabel,
  auditChanges,
  auditObjet,
  auditRefsOf,
  conventionTitle,
  formatLongDate,
  refLabel,
  type AuditChange,
  type AuditLabelOf,
  type AuditRef,
  type AuditRefKind,
  type ConventionType,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { GENERIC_PLAN } from '../core/database/preparing-client';
import { JobsService } from '../core/jobs/jobs.service';

/** An audit_log row as the history and the journal select it. */
export interface AuditLogRow {
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  pvd_id: string | null;
}

/** An audit entry in words. */
export interface AuditEntryWords {
  /** « Camille Durand (Commune d’Ahun) », or the label kept when the account is gone (an e-mail, « import CLI »). */
  auteur: string;
  actionLibelle: string;
  objet: string;
  /** The dossier the entry belongs to, by name. */
  dossier: string | null;
  changes: AuditChange[];
}

type Db = DataSource | EntityManager;

/** The ids of each kind, as SQL parameters: UUID kinds are valid UUIDs (`auditRef`), the others codes. */
const PARAMETERS: Record<Exclude<AuditRefKind, 'tache'>, number> = {
  commune: 1,
  epci: 2,
  departement: 3,
  region: 4,
  pvd: 5,
  convention: 6,
  compte: 7,
  compte_email: 8,
  organisation: 9,
  dispositif: 10,
  financeur: 11,
  demarche: 12,
  mission: 13,
  operation_habitat: 14,
  import: 15,
  rapport: 16,
};

const PVD_NAME = (pvd: string) =>
  `COALESCE((SELECT string_agg(pc_c.nom, ' – ' ORDER BY pc_c.population DESC NULLS LAST, pc_c.insee)
               FROM pvd_commune pc JOIN commune pc_c ON pc_c.insee = pc.commune_insee WHERE pc.pvd_id = ${pvd}),
             (SELECT 'PVD ' || p2.id_pvd FROM pvd p2 WHERE p2.id = ${pvd}))`;

/**
 * Every label of a page of entries in one query: communes, EPCIs, départements, régions, PVDs,
 * conventions, accounts (name and organisations), organisations, dispositifs (with their funder
 * unless their name says it), funders, schemes,
 * missions, habitat operations, imports and reports. Extra columns carry what the domain words
 * itself (a convention's title, a report's day).
 */
const LABELS_SQL = `${GENERIC_PLAN}
  SELECT 'commune' AS kind, c.insee AS id, c.nom || ' (' || c.departement_code || ')' AS label, NULL AS type, NULL::int AS numero, NULL AS jour
    FROM commune c WHERE c.insee = ANY($1::varchar[])
  UNION ALL SELECT 'epci', e.siren, e.nom, NULL, NULL, NULL FROM epci e WHERE e.siren = ANY($2::varchar[])
  UNION ALL SELECT 'departement', d.code, d.nom || ' (' || d.code || ')', NULL, NULL, NULL FROM departement d WHERE d.code = ANY($3::varchar[])
  UNION ALL SELECT 'region', r.code, r.nom, NULL, NULL, NULL FROM region r WHERE r.code = ANY($4::varchar[])
  UNION ALL SELECT 'pvd', p.id::text, ${PVD_NAME('p.id')}, NULL, NULL, NULL FROM pvd p WHERE p.id = ANY($5::uuid[])
  UNION ALL SELECT 'convention', k.id::text, ${PVD_NAME('k.pvd_id')}, k.type, k.numero, NULL FROM convention k WHERE k.id = ANY($6::uuid[])
  UNION ALL SELECT 'compte', u.id::text, u.display_name || ' (' || COALESCE(uo.noms, u.email) || ')', NULL, NULL, NULL
    FROM app_user u
    LEFT JOIN LATERAL (SELECT string_agg(DISTINCT o.nom, ', ' ORDER BY o.nom) AS noms FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = u.id) uo ON TRUE
   WHERE u.id = ANY($7::uuid[])
  UNION ALL SELECT 'compte_email', lower(u.email), u.display_name || ' (' || COALESCE(uo.noms, u.email) || ')', NULL, NULL, NULL
    FROM app_user u
    LEFT JOIN LATERAL (SELECT string_agg(DISTINCT o.nom, ', ' ORDER BY o.nom) AS noms FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = u.id) uo ON TRUE
   WHERE lower(u.email) = ANY($8::text[])
  UNION ALL SELECT 'organisation', o.id::text, o.nom, NULL, NULL, NULL FROM organisation o WHERE o.id = ANY($9::uuid[])
  UNION ALL SELECT 'dispositif', d.id::text, CASE WHEN strpos(lower(d.nom), lower(f.nom)) > 0 THEN d.nom ELSE d.nom || ' – ' || f.nom END, NULL, NULL, NULL
    FROM dispositif d JOIN financeur f ON f.id = d.financeur_id WHERE d.id = ANY($10::uuid[])
  UNION ALL SELECT 'financeur', f.id::text, f.nom, NULL, NULL, NULL FROM financeur f WHERE f.id = ANY($11::uuid[])
  UNION ALL SELECT 'demarche', d.id::text, d.nom, NULL, NULL, NULL FROM demarche d WHERE d.id = ANY($12::uuid[])
  UNION ALL SELECT 'mission', m.id::text, m.intitule, NULL, NULL, NULL FROM mission m WHERE m.id = ANY($13::uuid[])
  UNION ALL SELECT 'operation_habitat', o.id::text, o.libelle, NULL, NULL, NULL FROM operation_habitat o WHERE o.id = ANY($14::uuid[])
  UNION ALL SELECT 'import', i.id::text, 'Import national « ' || i.nom_fichier || ' »', NULL, NULL, NULL FROM import_national i WHERE i.id = ANY($15::uuid[])
  UNION ALL SELECT 'import', i.id::text, 'Import de ' || o.nom || ' « ' || i.nom_fichier || ' »', NULL, NULL, NULL
    FROM import_partenaire i JOIN organisation o ON o.id = i.organisation_id WHERE i.id = ANY($15::uuid[])
  UNION ALL SELECT 'rapport', r.id::text, r.portee_libelle, NULL, NULL, r.date_donnees::text FROM rapport r WHERE r.id = ANY($16::uuid[])`;

interface LabelRow {
  kind: AuditRefKind;
  id: string;
  label: string | null;
  type: string | null;
  numero: number | null;
  jour: string | null;
}

/**
 * Reads audit entries in words: resolves every id a page of entries holds (one query for the
 * page, whatever its size) and words each change through the domain's descriptions.
 */
@Injectable()
export class AuditReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly jobs?: JobsService,
  ) {}

  async read(rows: readonly AuditLogRow[], db: Db = this.dataSource): Promise<AuditEntryWords[]> {
    const entries = rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after }));
    const refs: AuditRef[] = entries.flatMap(auditRefsOf);
    for (const r of rows) {
      if (r.actor_id) refs.push({ kind: 'compte', id: r.actor_id });
      if (r.pvd_id) refs.push({ kind: 'pvd', id: r.pvd_id });
    }
    const label = await this.labels(db, refs);
    return rows.map((r, i) => ({
      auteur: (r.actor_id && label('compte', r.actor_id)) || r.actor_label,
      actionLibelle: auditActionLabel(r.action),
      objet: auditObjet(entries[i], label),
      dossier: r.pvd_id ? refLabel('pvd', r.pvd_id, label) : null,
      changes: auditChanges(entries[i], label),
    }));
  }

  /** The labels of these ids, in one query. */
  async labels(db: Db, refs: readonly AuditRef[]): Promise<AuditLabelOf> {
    const ids = new Map<AuditRefKind, Set<string>>(AUDIT_REF_KINDS.map((kind) => [kind, new Set<string>()]));
    for (const r of refs) ids.get(r.kind)?.add(r.id);
    const found = new Map<string, string>();
    const params = Object.entries(PARAMETERS)
      .sort(([, a], [, b]) => a - b)
      .map(([kind]) => [...(ids.get(kind as AuditRefKind) ?? [])]);
    if (params.some((p) => p.length > 0)) {
      const rows: LabelRow[] = await db.query(LABELS_SQL, params);
      for (const row of rows) {
        if (!row.label) continue;
        found.set(`${row.kind}:${row.id}`, this.wordsOf(row));
      }
    }
    for (const name of ids.get('tache') ?? []) {
      const job = this.jobs?.registered().find((j) => j.name === name);
      if (job) found.set(`tache:${name}`, job.label);
    }
    return (kind, id) => found.get(`${kind}:${id}`);
  }

  private wordsOf(row: LabelRow): string {
    if (row.kind === 'convention') return `${conventionTitle((row.type ?? 'cadre') as ConventionType, row.numero)} – ${row.label}`;
    if (row.kind === 'rapport' && row.jour) return `${row.label}, données au ${formatLongDate(row.jour)}`;
    return row.label ?? '';
  }
}
