import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, fieldChanges, partnerOrganisationIds, searchKey } from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import type { FinanceurDto, FinanceurInput, FinanceursDto, UpdateFinanceurInput } from './dto/mission.dto';

interface FinanceurRow {
  id: string;
  code: string;
  nom: string;
  actif: boolean;
  organisation_id: string | null;
  organisation_nom: string | null;
  version: number;
}

/** The funders' list the ANCT manages, each linked to the partner organisation that enters its missions. */
@Injectable()
export class FinanceursService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(user: CurrentUser): Promise<FinanceursDto> {
    const rows: FinanceurRow[] = await this.dataSource.query(
      `SELECT f.id, f.code, f.nom, f.actif, f.organisation_id, o.nom AS organisation_nom, f.version
         FROM financeur f LEFT JOIN organisation o ON o.id = f.organisation_id ORDER BY f.actif DESC, f.nom`,
    );
    const partnerOrgs = partnerOrganisationIds(user.memberships);
    // A chef de projet records missions of any funder for their PVD; a partner, those of its own funders.
    const entersAny = user.memberships.some((m) => m.organisationType !== 'partenaire' && can([m], 'mission:saisir'));
    const admin = can(user.memberships, 'programme:parametrer');
    return {
      financeurs: rows.map(
        (r): FinanceurDto => ({
          id: r.id,
          code: r.code,
          nom: r.nom,
          actif: r.actif,
          organisationId: r.organisation_id,
          organisationNom: r.organisation_nom,
          saisissable: r.actif && (entersAny || (r.organisation_id !== null && partnerOrgs.includes(r.organisation_id))),
          version: r.version,
        }),
      ),
      organisationsPartenaires: admin ? await this.dataSource.query(`SELECT id, nom FROM organisation WHERE type = 'partenaire' ORDER BY nom`) : [],
    };
  }

  async create(user: CurrentUser, actor: Actor, input: FinanceurInput): Promise<FinanceursDto> {
    await this.dataSource.transaction(async (em) => {
      await this.checkOrganisation(em, input.organisationId ?? null);
      await this.checkName(em, input.nom, null);
      const base = searchKey(input.nom).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 30) || 'financeur';
      const taken: { code: string }[] = await em.query('SELECT code FROM financeur WHERE code LIKE $1', [`${base}%`]);
      let code = base;
      for (let i = 2; taken.some((t) => t.code === code); i++) code = `${base}_${i}`;
      const after = { code, nom: input.nom.trim(), actif: input.actif, organisationId: input.organisationId ?? null };
      const [row] = await em.query('INSERT INTO financeur (code, nom, actif, organisation_id) VALUES ($1, $2, $3, $4) RETURNING id', [after.code, after.nom, after.actif, after.organisationId]);
      await this.audit.record(em, actor, { action: 'financeur.cree', entityType: 'financeur', entityId: row.id, before: null, after });
    });
    return this.list(user);
  }

  async update(user: CurrentUser, actor: Actor, id: string, input: UpdateFinanceurInput): Promise<FinanceursDto> {
    await this.dataSource.transaction(async (em) => {
      const [current] = await em.query('SELECT nom, actif, organisation_id AS "organisationId", version FROM financeur WHERE id = $1 FOR UPDATE', [id]);
      if (!current) throw new AppError('FINANCEUR_NOT_FOUND', 'Financeur introuvable.');
      if (current.version !== input.version) throw versionConflict({ text: 'Ce financeur', feminine: false }, null, null);
      await this.checkOrganisation(em, input.organisationId ?? null);
      await this.checkName(em, input.nom, id);
      const { version: _v, ...before } = current;
      const after = { nom: input.nom.trim(), actif: input.actif, organisationId: input.organisationId ?? null };
      if (fieldChanges(before, after).length === 0) return;
      await em.query('UPDATE financeur SET nom = $2, actif = $3, organisation_id = $4, version = version + 1 WHERE id = $1', [id, after.nom, after.actif, after.organisationId]);
      await this.audit.record(em, actor, { action: 'financeur.modifie', entityType: 'financeur', entityId: id, before, after });
    });
    return this.list(user);
  }

  private async checkName(em: EntityManager, nom: string, self: string | null): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['financeur-nom']);
    const [same] = await em.query('SELECT id FROM financeur WHERE lower(nom) = lower($1) AND id IS DISTINCT FROM $2', [nom.trim(), self]);
    if (same) throw new AppError('CONFLICT', 'Un financeur porte déjà ce nom.', { nom: ['Un financeur porte déjà ce nom.'] });
  }

  private async checkOrganisation(em: EntityManager, organisationId: string | null): Promise<void> {
    if (!organisationId) return;
    const [org] = await em.query(`SELECT id FROM organisation WHERE id = $1 AND type = 'partenaire'`, [organisationId]);
    if (!org) throw new AppError('VALIDATION_FAILED', 'Organisation partenaire introuvable.', { organisationId: ['Choisissez une organisation partenaire.'] });
  }
}
