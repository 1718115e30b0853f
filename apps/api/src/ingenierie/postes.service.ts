import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  POSTE_ALERTE_CODES,
  anahEligibilite,
  canOn,
  computeSubvention,
  demandeCofinancementConstats,
  fieldChanges,
  instructionErrors,
  namedPlaceCheck,
  plafondAnnuelDemande,
  posteAlertes,
  scopesFor,
  subventionInputErrors,
  type Cofinanceur,
  type HabitatOperationType,
  type ParametresHistorique,
  type PosteAlerte,
  type PosteAlerteCode,
  type SubventionInput,
  type Tranche,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { requirePlausible } from '../core/errors/plausibility';
import { versionConflict } from '../core/errors/version-conflict';
import { todayInFrance } from '../core/time/today';
import { pvdTerritory, requirePvdAccess } from '../dossiers/pvd-access';
import { placeTerritory } from '../organisations/territory';
import { storedCommunes } from '../territoire/coverage';
import { pvdScopeIdsCondition } from '../organisations/scope-sql';
import { loadParametres } from '../programme/programme-parametres.service';
import { ensurePosteAlertes, lockPosteAlertes, refreshPosteAlertes } from './poste-alertes.store';
import type {
  DemandeDto,
  DemandeInput,
  EmployeurDto,
  InstructionInput,
  PosteAlertesPageDto,
  PosteAlertesQuery,
  PosteDto,
  PosteInput,
  PostesDuDossierDto,
  PosteSubventionDto,
  PosteSummaryDto,
  UpdatePosteInput,
} from './dto/poste.dto';

const POSTE_NOT_FOUND = { code: 'POSTE_NOT_FOUND' as const, message: 'Poste introuvable.' };

/** A post as stored, with its holders, costs, co-financers and requests. */
export interface PosteRecord {
  id: string;
  pvdId: string;
  pvdNom: string;
  departementCode: string;
  intitule: string;
  employeurType: 'commune' | 'epci';
  employeurCode: string;
  employeurNom: string;
  /** The linked habitat operation record, whose type and dates prevail. */
  operationHabitatId: string | null;
  operationType: HabitatOperationType | null;
  operationLibelle: string | null;
  operationDebut: string | null;
  operationFin: string | null;
  createdAt: Date;
  updatedAt: Date;
  updatedByName: string | null;
  version: number;
  titulaires: { id: string; nom: string; email: string | null; telephone: string | null; debut: string; fin: string | null; quotite: number }[];
  coutsAnnuels: { annee: number; cout: number }[];
  cofinanceurs: { financeur: Cofinanceur; debut: string | null; fin: string | null; part: number | null }[];
  demandes: DemandeDto[];
}

/**
 * Loads posts (with every child) matching an SQL condition on `po` (post) and `p` (PVD). Five
 * queries whatever the number of posts.
 */
export async function loadPostes(db: DataSource | EntityManager, where: string, params: unknown[]): Promise<PosteRecord[]> {
  const rows: Omit<PosteRecord, 'titulaires' | 'coutsAnnuels' | 'cofinanceurs' | 'demandes'>[] = await db.query(
    `SELECT po.id, po.pvd_id AS "pvdId",
            COALESCE((SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee) FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = p.id), p.id_pvd) AS "pvdNom",
            COALESCE((SELECT c.departement_code FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = p.id ORDER BY c.population DESC NULLS LAST LIMIT 1), '') AS "departementCode",
            po.intitule, po.employeur_type AS "employeurType", po.employeur_code AS "employeurCode",
            COALESCE(CASE WHEN po.employeur_type = 'commune' THEN (SELECT nom FROM commune WHERE insee = po.employeur_code)
                          ELSE (SELECT nom FROM epci WHERE siren = po.employeur_code) END, po.employeur_code) AS "employeurNom",
            po.operation_habitat_id AS "operationHabitatId",
            COALESCE(oh.type, po.operation_type) AS "operationType", COALESCE(oh.libelle, po.operation_libelle) AS "operationLibelle",
            CASE WHEN oh.id IS NOT NULL THEN oh.date_debut::text ELSE po.operation_debut::text END AS "operationDebut",
            CASE WHEN oh.id IS NOT NULL THEN oh.date_fin::text ELSE po.operation_fin::text END AS "operationFin",
            po.created_at AS "createdAt", po.updated_at AS "updatedAt", u.display_name AS "updatedByName", po.version
       FROM poste po JOIN pvd p ON p.id = po.pvd_id LEFT JOIN app_user u ON u.id = po.updated_by
       LEFT JOIN operation_habitat oh ON oh.id = po.operation_habitat_id
      WHERE ${where} ORDER BY po.created_at, po.id`,
    params,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [titulaires, couts, cofinanceurs, demandes] = await inParallel(db, [
    () => db.query(
      `SELECT id, poste_id, nom, email, telephone, date_debut::text AS debut, date_fin::text AS fin, quotite
         FROM poste_titulaire WHERE poste_id = ANY($1::uuid[]) ORDER BY date_debut`,
      [ids],
    ),
    () => db.query('SELECT poste_id, annee, cout::float8 AS cout FROM poste_cout_annuel WHERE poste_id = ANY($1::uuid[]) ORDER BY annee', [ids]),
    () => db.query(
      `SELECT poste_id, financeur, date_debut::text AS debut, date_fin::text AS fin, part FROM poste_cofinanceur WHERE poste_id = ANY($1::uuid[])
        ORDER BY array_position(ARRAY['etat', 'bdt', 'anah']::varchar[], financeur)`,
      [ids],
    ),
    () => db.query(
      `SELECT id, poste_id, annee, montant_demande::float8 AS "montantDemande", date_demande::text AS "dateDemande", commentaire,
              motif_depassement AS "motifDepassement", montant_accorde::float8 AS "montantAccorde", date_decision::text AS "dateDecision", versements, version
         FROM demande_cofinancement WHERE poste_id = ANY($1::uuid[]) ORDER BY annee DESC`,
      [ids],
    ),
  ]);
  // Children grouped by post once (not filtered per post: thousands of posts at national scale).
  const byPoste = <T extends { poste_id: string }>(list: T[]) => {
    const groups = new Map<string, Omit<T, 'poste_id'>[]>();
    for (const { poste_id, ...rest } of list) {
      const group = groups.get(poste_id);
      if (group) group.push(rest);
      else groups.set(poste_id, [rest]);
    }
    return (id: string) => groups.get(id) ?? [];
  };
  const [titulairesOf, coutsOf, cofinanceursOf, demandesOf] = [byPoste(titulaires), byPoste(couts), byPoste(cofinanceurs), byPoste<{ poste_id: string } & Omit<DemandeDto, 'montantVerse'>>(demandes)];
  return rows.map((r) => ({
    ...r,
    titulaires: titulairesOf(r.id),
    coutsAnnuels: coutsOf(r.id),
    cofinanceurs: cofinanceursOf(r.id),
    demandes: demandesOf(r.id).map((d) => ({
      ...d,
      montantVerse: (d.versements as { montant: number }[]).reduce((s, v) => s + v.montant, 0),
    })),
  })) as PosteRecord[];
}

/** Runs queries side by side on the pool; one after the other on a transaction's single connection. */
async function inParallel<T extends unknown[]>(db: DataSource | EntityManager, queries: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (db instanceof DataSource) return Promise.all(queries.map((q) => q())) as Promise<T>;
  const results: unknown[] = [];
  for (const q of queries) results.push(await q());
  return results as T;
}

/** What the domain's computation reads of a stored post. */
export function subventionInput(p: Pick<PosteRecord, 'titulaires' | 'coutsAnnuels' | 'cofinanceurs' | 'operationType' | 'operationDebut' | 'operationFin'>, parametres: ParametresHistorique): SubventionInput {
  return {
    titulaires: p.titulaires.map((t) => ({ debut: t.debut, fin: t.fin, quotite: t.quotite })),
    coutsAnnuels: p.coutsAnnuels,
    cofinanceurs: p.cofinanceurs,
    operationHabitat: p.operationType ? { type: p.operationType, debut: p.operationDebut, fin: p.operationFin } : null,
    parametres,
  };
}

/** The domain's alerts of a stored post on `today`. */
export function alertesOf(p: PosteRecord, parametres: ParametresHistorique, today: string): PosteAlerte[] {
  return posteAlertes({
    ...subventionInput(p, parametres),
    anneesDemandees: p.demandes.map((d) => d.annee),
    creeLe: todayInFrance(new Date(p.createdAt)),
    today,
  });
}

/** The snapshot of a post kept in the audit log. */
export function posteSnapshot(
  p: Pick<PosteRecord, 'intitule' | 'employeurType' | 'employeurCode' | 'operationHabitatId' | 'operationType' | 'operationLibelle' | 'operationDebut' | 'operationFin' | 'titulaires' | 'coutsAnnuels' | 'cofinanceurs'>,
) {
  return {
    intitule: p.intitule,
    employeur: `${p.employeurType} ${p.employeurCode}`,
    operationHabitat: p.operationType ? { id: p.operationHabitatId, type: p.operationType, libelle: p.operationLibelle, debut: p.operationDebut, fin: p.operationFin } : null,
    titulaires: p.titulaires.map((t) => ({ nom: t.nom, email: t.email, telephone: t.telephone, debut: t.debut, fin: t.fin, quotite: t.quotite })),
    coutsAnnuels: p.coutsAnnuels.map((c) => ({ annee: c.annee, cout: c.cout })),
    cofinanceurs: p.cofinanceurs.map((c) => ({ financeur: c.financeur, debut: c.debut, fin: c.fin, part: c.part })),
  };
}

/** The post as the input describes it, normalised (trimmed, sorted, nulls for blanks). */
function normalise(input: PosteInput) {
  return {
    intitule: input.intitule.trim(),
    employeurType: input.employeurType,
    employeurCode: input.employeurCode,
    operationHabitatId: input.operationHabitat?.id ?? null,
    operationType: input.operationHabitat?.type ?? null,
    operationLibelle: input.operationHabitat?.libelle?.trim() || null,
    operationDebut: input.operationHabitat?.debut ?? null,
    operationFin: input.operationHabitat?.fin ?? null,
    titulaires: [...input.titulaires]
      .sort((a, b) => a.debut.localeCompare(b.debut))
      .map((t) => ({ id: '', nom: t.nom.trim(), email: t.email?.trim().toLowerCase() || null, telephone: t.telephone?.trim() || null, debut: t.debut, fin: t.fin ?? null, quotite: t.quotite })),
    coutsAnnuels: [...input.coutsAnnuels].sort((a, b) => a.annee - b.annee).map((c) => ({ annee: c.annee, cout: c.cout })),
    cofinanceurs: input.cofinanceurs.map((c) => ({ financeur: c.financeur, debut: c.debut ?? null, fin: c.fin ?? null, part: c.part ?? null })),
  };
}

/** A post's holders, yearly costs and co-financers (normalised: trimmed, nulls for blanks), as stored. */
export type PosteChildren = Pick<ReturnType<typeof normalise>, 'titulaires' | 'coutsAnnuels' | 'cofinanceurs'>;

/** Writes a new post's holders, yearly costs and co-financers (the form's and the national import's). */
export async function writePosteChildren(em: EntityManager, posteId: string, next: PosteChildren): Promise<void> {
  if (next.titulaires.length > 0) {
    await em.query(
      `INSERT INTO poste_titulaire (poste_id, nom, email, telephone, date_debut, date_fin, quotite)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::int[])`,
      [posteId, ...['nom', 'email', 'telephone', 'debut', 'fin', 'quotite'].map((k) => next.titulaires.map((t) => t[k as keyof (typeof next.titulaires)[number]]))],
    );
  }
  if (next.coutsAnnuels.length > 0) {
    await em.query('INSERT INTO poste_cout_annuel (poste_id, annee, cout) SELECT $1, * FROM unnest($2::int[], $3::bigint[])', [
      posteId,
      next.coutsAnnuels.map((c) => c.annee),
      next.coutsAnnuels.map((c) => c.cout),
    ]);
  }
  if (next.cofinanceurs.length > 0) {
    await em.query('INSERT INTO poste_cofinanceur (poste_id, financeur, date_debut, date_fin, part) SELECT $1, * FROM unnest($2::text[], $3::date[], $4::date[], $5::int[])', [
      posteId,
      next.cofinanceurs.map((c) => c.financeur),
      next.cofinanceurs.map((c) => c.debut),
      next.cofinanceurs.map((c) => c.fin),
      next.cofinanceurs.map((c) => c.part),
    ]);
  }
}

/** Stores a new post and its children; its id. `origin`: the reference, source and date a national import gives it. */
export async function insertPoste(
  em: EntityManager,
  pvdId: string,
  next: PosteChildren & Pick<ReturnType<typeof normalise>, 'intitule' | 'employeurType' | 'employeurCode' | 'operationType' | 'operationLibelle' | 'operationDebut' | 'operationFin' | 'operationHabitatId'>,
  userId: string | null,
  origin: { referenceExterne: string | null; source: string | null; dateSource: string | null } = { referenceExterne: null, source: null, dateSource: null },
): Promise<string> {
  const [row] = await em.query(
    `INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code, operation_type, operation_libelle, operation_debut, operation_fin, updated_by, operation_habitat_id, reference_externe, source, date_source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [pvdId, next.intitule, next.employeurType, next.employeurCode, next.operationType, next.operationLibelle, next.operationDebut, next.operationFin, userId, next.operationHabitatId, origin.referenceExterne, origin.source, origin.dateSource],
  );
  await writePosteChildren(em, row.id, next);
  return row.id as string;
}

/** Replaces a post's holders, yearly costs and co-financers. */
export async function replacePosteChildren(em: EntityManager, posteId: string, next: PosteChildren): Promise<void> {
  await em.query('DELETE FROM poste_titulaire WHERE poste_id = $1', [posteId]);
  await em.query('DELETE FROM poste_cout_annuel WHERE poste_id = $1', [posteId]);
  await em.query('DELETE FROM poste_cofinanceur WHERE poste_id = $1', [posteId]);
  await writePosteChildren(em, posteId, next);
}

/**
 * Every stored yearly request with the co-financing computed for its year (cents; null when none
 * is computed), to check stored data against the rules a user's entry goes through (the demo's).
 */
export async function demandesAvecCalcul(db: DataSource | EntityManager): Promise<{ posteId: string; demande: DemandeDto; calcule: number | null; parametres: ParametresHistorique }[]> {
  const [postes, parametres] = await inParallel(db, [() => loadPostes(db, 'true', []), () => loadParametres(db)]);
  return postes.flatMap((p) => {
    const subvention = computeSubvention(subventionInput(p, parametres));
    return p.demandes.map((demande) => ({ posteId: p.id, demande, calcule: subvention.ok ? (subvention.annees.find((a) => a.annee === demande.annee)?.total ?? null) : null, parametres }));
  });
}

/** The alerts of every post of a PVD, for the dossier. */
export async function alertesDesPostes(db: DataSource | EntityManager, pvdId: string): Promise<{ posteId: string; alerte: PosteAlerte }[]> {
  const [postes, parametres] = await inParallel(db, [() => loadPostes(db, 'po.pvd_id = $1', [pvdId]), () => loadParametres(db)]);
  const today = todayInFrance();
  return postes.flatMap((p) => alertesOf(p, parametres, today).map((alerte) => ({ posteId: p.id, alerte })));
}

/** The alerts of the given posts on `today` (the daily reminders confirm their SQL candidates with them). */
export async function alertesDesPostesAu(db: DataSource | EntityManager, posteIds: readonly string[], today: string): Promise<{ posteId: string; pvdId: string; intitule: string; alerte: PosteAlerte }[]> {
  if (posteIds.length === 0) return [];
  const [postes, parametres] = await inParallel(db, [() => loadPostes(db, 'po.id = ANY($1::uuid[])', [posteIds]), () => loadParametres(db)]);
  return postes.flatMap((p) => alertesOf(p, parametres, today).map((alerte) => ({ posteId: p.id, pvdId: p.pvdId, intitule: p.intitule, alerte })));
}

/**
 * The co-financed chef de projet posts: holders over time, yearly costs, co-financers, the
 * subsidy computed by the domain with the parameters in force on each day, the yearly requests
 * and the alerts.
 */
@Injectable()
export class PostesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async listForPvd(user: CurrentUser, pvdId: string): Promise<PostesDuDossierDto> {
    const access = await requirePvdAccess(this.dataSource, user, pvdId, 'pvd:lire');
    const [postes, parametres, employeursPossibles] = await Promise.all([
      loadPostes(this.dataSource, 'po.pvd_id = $1', [pvdId]),
      loadParametres(this.dataSource),
      this.employeurs(this.dataSource, pvdId),
    ]);
    const today = todayInFrance();
    const year = Number(today.slice(0, 4));
    return {
      postes: postes.map((p): PosteSummaryDto => {
        const subvention = computeSubvention(subventionInput(p, parametres));
        const current = p.titulaires.find((t) => t.debut <= today && (t.fin === null || today <= t.fin));
        return {
          id: p.id,
          intitule: p.intitule,
          employeurNom: p.employeurNom,
          titulaireActuel: current?.nom ?? null,
          subventionAnneeCourante: subvention.ok ? (subvention.annees.find((a) => a.annee === year)?.total ?? 0) : 0,
          alertes: alertesOf(p, parametres, today),
        };
      }),
      employeursPossibles,
      peutCreer: canOn(user.memberships, 'pvd:modifier', access.territory),
    };
  }

  async get(user: CurrentUser, posteId: string, db: DataSource | EntityManager = this.dataSource): Promise<PosteDto> {
    const [p] = await loadPostes(db, 'po.id = $1', [posteId]);
    if (!p) throw new AppError(POSTE_NOT_FOUND.code, POSTE_NOT_FOUND.message);
    const access = await requirePvdAccess(db, user, p.pvdId, 'pvd:lire', POSTE_NOT_FOUND);
    const [parametres, employeursPossibles] = await inParallel(db, [() => loadParametres(db), () => this.employeurs(db, p.pvdId)]);
    const today = todayInFrance();
    const input = subventionInput(p, parametres);
    const subvention = computeSubvention(input);
    const avertissements: string[] = [];
    if (p.cofinanceurs.some((c) => c.financeur === 'anah')) {
      const why = anahEligibilite(parametres, input.operationHabitat, today);
      if (why) avertissements.push(why);
    }
    return {
      id: p.id,
      pvdId: p.pvdId,
      pvdNom: p.pvdNom,
      intitule: p.intitule,
      employeurType: p.employeurType,
      employeurCode: p.employeurCode,
      employeurNom: p.employeurNom,
      titulaires: p.titulaires,
      coutsAnnuels: p.coutsAnnuels,
      cofinanceurs: p.cofinanceurs,
      operationHabitat: p.operationType ? { id: p.operationHabitatId, type: p.operationType, libelle: p.operationLibelle, debut: p.operationDebut, fin: p.operationFin } : null,
      // Stored posts passed the same checks on the way in: the computation succeeds.
      subvention: subvention.ok ? { annees: subvention.annees, total: subvention.total, parFinanceur: subvention.parFinanceur } : { annees: [], total: 0, parFinanceur: { etat: 0, bdt: 0, anah: 0 } },
      demandes: p.demandes,
      alertes: alertesOf(p, parametres, today),
      avertissements,
      employeursPossibles,
      droits: {
        modifier: canOn(user.memberships, 'pvd:modifier', access.territory),
        instruire: canOn(user.memberships, 'subvention:instruire', access.territory),
      },
      version: p.version,
      modifieLe: new Date(p.updatedAt).toISOString(),
      modifiePar: p.updatedByName,
    };
  }

  /**
   * The post's co-financing as known at the end of `auDate` (by default today): computed with the
   * parameter values decided on or before that day only — a decision taken later, even one that
   * reaches back before it, is left out.
   */
  async subvention(user: CurrentUser, posteId: string, auDate: string | undefined): Promise<PosteSubventionDto> {
    const today = todayInFrance();
    const connuLe = auDate ?? today;
    if (connuLe > today) {
      throw new AppError('VALIDATION_FAILED', 'La date ne peut pas être dans le futur.', { auDate: ['Indiquez aujourd’hui ou un jour passé : les décisions à venir ne sont pas connues.'] });
    }
    const [p] = await loadPostes(this.dataSource, 'po.id = $1', [posteId]);
    if (!p) throw new AppError(POSTE_NOT_FOUND.code, POSTE_NOT_FOUND.message);
    await requirePvdAccess(this.dataSource, user, p.pvdId, 'pvd:lire', POSTE_NOT_FOUND);
    const subvention = computeSubvention({ ...subventionInput(p, await loadParametres(this.dataSource)), connuLe });
    // Stored posts passed the same checks on the way in, and the day is checked: the computation succeeds.
    if (!subvention.ok) throw new AppError('VALIDATION_FAILED', 'Le cofinancement ne peut pas être calculé.', subvention.erreurs);
    return { auDate: connuLe, annees: subvention.annees, total: subvention.total, parFinanceur: subvention.parFinanceur };
  }

  async create(user: CurrentUser, actor: Actor, pvdId: string, input: PosteInput): Promise<PosteDto> {
    const id = await this.dataSource.transaction(async (em) => {
      await lockPosteAlertes(em);
      await requirePvdAccess(em, user, pvdId, 'pvd:modifier');
      const next = await this.check(em, user, pvdId, input, null);
      const id = await insertPoste(em, pvdId, next, user.id);
      await refreshPosteAlertes(em, [id]);
      await this.audit.record(em, actor, { action: 'poste.cree', entityType: 'poste', entityId: id, pvdId, before: null, after: posteSnapshot(next) });
      return id;
    });
    return this.get(user, id);
  }

  async update(user: CurrentUser, actor: Actor, posteId: string, input: UpdatePosteInput): Promise<PosteDto> {
    await this.dataSource.transaction(async (em) => {
      const current = await this.lockForWrite(em, user, posteId, 'pvd:modifier');
      if (current.version !== input.version) throw versionConflict({ text: 'Ce poste', feminine: false }, current.updatedByName, current.updatedAt);
      const next = await this.check(em, user, current.pvdId, input, { kind: current.employeurType, code: current.employeurCode });
      const before = posteSnapshot(current);
      const after = posteSnapshot(next);
      if (fieldChanges(before, after).length === 0) return;
      await em.query(
        `UPDATE poste SET intitule = $2, employeur_type = $3, employeur_code = $4, operation_type = $5, operation_libelle = $6, operation_debut = $7,
                operation_fin = $8, updated_by = $9, operation_habitat_id = $10, updated_at = now(), version = version + 1 WHERE id = $1`,
        [posteId, next.intitule, next.employeurType, next.employeurCode, next.operationType, next.operationLibelle, next.operationDebut, next.operationFin, user.id, next.operationHabitatId],
      );
      await replacePosteChildren(em, posteId, next);
      await refreshPosteAlertes(em, [posteId]);
      await this.audit.record(em, actor, { action: 'poste.modifie', entityType: 'poste', entityId: posteId, pvdId: current.pvdId, before, after });
    });
    return this.get(user, posteId);
  }

  /** Files or corrects the yearly request (chef de projet). Version 0 files it. */
  async saveDemande(user: CurrentUser, actor: Actor, posteId: string, annee: number, input: DemandeInput): Promise<PosteDto> {
    await this.dataSource.transaction(async (em) => {
      const poste = await this.lockForWrite(em, user, posteId, 'pvd:modifier');
      const current = poste.demandes.find((d) => d.annee === annee);
      if ((current?.version ?? 0) !== input.version) throw await this.demandeConflict(em, posteId, annee);
      // Plausible against the co-financing computed for the year (the parameters in force) and the decision already taken.
      const parametres = await loadParametres(em);
      const subvention = computeSubvention(subventionInput(poste, parametres));
      const calcule = subvention.ok ? (subvention.annees.find((a) => a.annee === annee)?.total ?? null) : null;
      const motifDepassement = requirePlausible(
        demandeCofinancementConstats({
          annee,
          montantDemande: input.montantDemande,
          dateDemande: input.dateDemande,
          montantAccorde: current?.montantAccorde ?? null,
          dateDecision: current?.dateDecision ?? null,
          saisie: 'demande',
          calcule,
          plafond: plafondAnnuelDemande(parametres, annee),
        }),
        input.motifDepassement,
      );
      const next = { annee, montantDemande: input.montantDemande, dateDemande: input.dateDemande, commentaire: input.commentaire?.trim() || null, motifDepassement };
      const before = current
        ? { annee, montantDemande: current.montantDemande, dateDemande: current.dateDemande, commentaire: current.commentaire, motifDepassement: current.motifDepassement }
        : null;
      if (before && fieldChanges(before, next).length === 0) return;
      const [row] = await em.query(
        `INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande, commentaire, motif_depassement, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (poste_id, annee) DO UPDATE SET montant_demande = $3, date_demande = $4, commentaire = $5, motif_depassement = $6, updated_by = $7, updated_at = now(),
                version = demande_cofinancement.version + 1
         RETURNING id`,
        [posteId, annee, next.montantDemande, next.dateDemande, next.commentaire, next.motifDepassement, user.id],
      );
      if (!current) await refreshPosteAlertes(em, [posteId]);
      await this.audit.record(em, actor, {
        action: current ? 'demande_cofinancement.modifiee' : 'demande_cofinancement.deposee',
        entityType: 'demande_cofinancement',
        entityId: row.id,
        pvdId: poste.pvdId,
        before,
        after: next,
      });
    });
    return this.get(user, posteId);
  }

  /** Records the decision and the payments of a yearly request (préfecture). */
  async instruct(user: CurrentUser, actor: Actor, posteId: string, annee: number, input: InstructionInput): Promise<PosteDto> {
    await this.dataSource.transaction(async (em) => {
      const poste = await this.lockForWrite(em, user, posteId, 'subvention:instruire');
      const current = poste.demandes.find((d) => d.annee === annee);
      if (!current) throw new AppError('DEMANDE_NOT_FOUND', `Aucune demande de cofinancement n’a été déposée pour ${annee}.`);
      if (current.version !== input.version) throw await this.demandeConflict(em, posteId, annee);
      const versements = [...input.versements].sort((a, b) => a.date.localeCompare(b.date)).map((v) => ({ date: v.date, montant: v.montant, tranche: v.tranche as Tranche }));
      const next = { montantAccorde: input.montantAccorde ?? null, dateDecision: input.dateDecision ?? null, versements };
      const errors = instructionErrors({ annee, ...next });
      if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'La décision ne peut pas être enregistrée.', errors);
      requirePlausible(
        demandeCofinancementConstats({ annee, montantDemande: current.montantDemande, dateDemande: current.dateDemande, montantAccorde: next.montantAccorde, dateDecision: next.dateDecision, saisie: 'instruction' }),
        null,
      );
      const before = { montantAccorde: current.montantAccorde, dateDecision: current.dateDecision, versements: current.versements };
      if (fieldChanges(before, next).length === 0) return;
      await em.query(
        `UPDATE demande_cofinancement SET montant_accorde = $2, date_decision = $3, versements = $4, updated_by = $5, updated_at = now(), version = version + 1 WHERE id = $1`,
        [current.id, next.montantAccorde, next.dateDecision, JSON.stringify(next.versements), user.id],
      );
      await this.audit.record(em, actor, {
        action: 'demande_cofinancement.instruite',
        entityType: 'demande_cofinancement',
        entityId: current.id,
        pvdId: poste.pvdId,
        before: { annee, ...before },
        after: { annee, ...next },
      });
    });
    return this.get(user, posteId);
  }

  /**
   * The préfecture's list of posts needing attention, within the caller's scope: today's stored
   * alerts (`poste-alertes.store.ts`, brought up to date first), filtered, counted and paged by
   * PostgreSQL. Order: the motive, the day it is about, the PVD's name (by its search key, accents
   * and case aside, as the PVD list sorts), then the post and its alerts as the rule lists them.
   */
  async alertes(user: CurrentUser, query: PosteAlertesQuery): Promise<PosteAlertesPageDto> {
    const today = todayInFrance();
    await ensurePosteAlertes(this.dataSource, today);
    const scope = pvdScopeIdsCondition(scopesFor(user.memberships, 'pvd:lire'), 2);
    const params: unknown[] = [today, ...scope.params];
    let where = `a.jour = $1 AND ${scope.sql}`;
    if (query.departement) {
      params.push(query.departement);
      where += ` AND p.id IN (SELECT fpc.pvd_id FROM pvd_commune fpc JOIN commune fc ON fc.insee = fpc.commune_insee WHERE fc.departement_code = $${params.length})`;
    }
    const from = `poste_alerte a JOIN poste po ON po.id = a.poste_id JOIN pvd p ON p.id = po.pvd_id`;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const pageParams = [...params, POSTE_ALERTE_CODES];
    const codes = `$${pageParams.length}::varchar[]`;
    let pageWhere = where;
    if (query.code) {
      pageParams.push(query.code);
      pageWhere += ` AND a.code = $${pageParams.length}`;
    }
    const order = (cle: string, nom: string) => `array_position(${codes}, s.code), s.date, ${cle}, ${nom}, s.created_at, s.poste_id, s.rang`;
    const [counts, items] = await Promise.all([
      this.dataSource.query(`SELECT a.code, count(*)::int AS n FROM ${from} WHERE ${where} GROUP BY a.code`, params) as Promise<{ code: PosteAlerteCode; n: number }[]>,
      this.dataSource.query(
        `WITH scoped AS (
           SELECT a.poste_id, a.rang, a.code, a.date, po.pvd_id, po.created_at FROM ${from} WHERE ${pageWhere}
         ),
         noms AS (
           SELECT v.pvd_id, n.nom, n.cle, n.departement_code
             FROM (SELECT DISTINCT pvd_id FROM scoped) v
             CROSS JOIN LATERAL (
               SELECT COALESCE(string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee), (SELECT id_pvd FROM pvd WHERE id = v.pvd_id)) AS nom,
                      string_agg(c.nom_recherche, ' ' ORDER BY c.population DESC NULLS LAST, c.insee) AS cle,
                      COALESCE((array_agg(c.departement_code ORDER BY c.population DESC NULLS LAST, c.insee))[1], '') AS departement_code
                 FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = v.pvd_id
             ) n
         ),
         shown AS (
           SELECT s.*, n.nom AS pvd_nom, n.cle AS pvd_cle, n.departement_code FROM scoped s JOIN noms n ON n.pvd_id = s.pvd_id
            ORDER BY ${order('n.cle', 'n.nom')} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
         )
         SELECT s.poste_id AS "posteId", po.intitule, s.pvd_id AS "pvdId", s.pvd_nom AS "pvdNom", s.departement_code AS "departementCode",
                a.code, a.niveau, a.message, a.date::text AS date
           FROM shown s JOIN poste_alerte a ON a.jour = $1 AND a.poste_id = s.poste_id AND a.rang = s.rang JOIN poste po ON po.id = s.poste_id
          ORDER BY ${order('s.pvd_cle', 's.pvd_nom')}`,
        pageParams,
      ) as Promise<{ posteId: string; intitule: string; pvdId: string; pvdNom: string; departementCode: string; code: PosteAlerteCode; niveau: PosteAlerte['niveau']; message: string; date: string }[]>,
    ]);
    const parMotif = Object.fromEntries(POSTE_ALERTE_CODES.map((code) => [code, counts.find((c) => c.code === code)?.n ?? 0])) as unknown as PosteAlertesPageDto['parMotif'];
    return {
      items: items.map(({ code, niveau, message, date, ...item }) => ({ ...item, alerte: { code, niveau, message, date } })),
      total: query.code ? parMotif[query.code] : POSTE_ALERTE_CODES.reduce((sum, code) => sum + parMotif[code], 0),
      page,
      pageSize,
      parMotif,
    };
  }

  /** The communes of the PVD and their EPCI: who may employ its chef de projet. */
  private async employeurs(db: DataSource | EntityManager, pvdId: string): Promise<EmployeurDto[]> {
    return db.query(
      `SELECT 'commune' AS type, c.insee AS code, c.nom FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = $1
       UNION
       SELECT 'epci', e.siren, e.nom FROM pvd p JOIN epci e ON e.siren = p.epci_siren WHERE p.id = $1
       UNION
       SELECT 'epci', e.siren, e.nom FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee JOIN epci e ON e.siren = c.epci_siren WHERE pc.pvd_id = $1
       ORDER BY type, nom`,
      [pvdId],
    );
  }

  /**
   * Checks the employer (one of the PVD's communes or its EPCI, named by a caller who may modify
   * the PVD: see `namedPlaceCheck`) and the consistency rules of the domain; returns the normalised post.
   */
  private async check(em: EntityManager, user: CurrentUser, pvdId: string, input: PosteInput, previous: { kind: 'commune' | 'epci'; code: string } | null) {
    const next = normalise(input);
    const fields: Record<string, string[]> = {};
    const employeurs = await this.employeurs(em, pvdId);
    const territory = await pvdTerritory(em, pvdId);
    const place = await placeTerritory(em, next.employeurType, next.employeurCode);
    const choices = ` (${employeurs.map((e) => e.nom).join(', ')}).`;
    if (!place || !territory) {
      fields.employeurCode = [`L’employeur doit être l’une des communes de la PVD ou son EPCI${choices}`];
    } else {
      const communes = [...(await storedCommunes(em, territory.communes)).values()];
      const record = { communes, epciSirens: territory.epciSirens, pvdTerritory: territory };
      const check = namedPlaceCheck(user.memberships, 'pvd:modifier', 'employeur', record, { kind: next.employeurType, code: next.employeurCode, ...place }, previous);
      if (check.incoherent) fields.employeurCode = [check.incoherent.replace(/\.$/, choices)];
      else if (check.horsTerritoire) throw new AppError('COMMUNE_HORS_TERRITOIRE', 'Cet employeur est hors de votre territoire.', { employeurCode: [check.horsTerritoire] });
    }
    // Same checks as the form's live simulation, on the request's own order (field paths match the body).
    Object.assign(
      fields,
      subventionInputErrors({
        titulaires: input.titulaires.map((t) => ({ debut: t.debut, fin: t.fin ?? null, quotite: t.quotite })),
        coutsAnnuels: input.coutsAnnuels,
        cofinanceurs: input.cofinanceurs.map((c) => ({ financeur: c.financeur, debut: c.debut ?? null, fin: c.fin ?? null, part: c.part ?? null })),
        operationHabitat: input.operationHabitat ? { type: input.operationHabitat.type, debut: input.operationHabitat.debut ?? null, fin: input.operationHabitat.fin ?? null } : null,
        parametres: {},
      }),
    );
    if (next.operationHabitatId) {
      // A linked operation must cover one of the PVD's communes; its own type and dates prevail.
      const [op] = await em.query(
        `SELECT oh.type, oh.libelle, oh.date_debut::text AS debut, oh.date_fin::text AS fin FROM operation_habitat oh
          WHERE oh.id = $1 AND EXISTS (SELECT 1 FROM operation_habitat_commune ohc JOIN pvd_commune pc ON pc.commune_insee = ohc.commune_insee
                                        WHERE ohc.operation_id = oh.id AND pc.pvd_id = $2)`,
        [next.operationHabitatId, pvdId],
      );
      if (!op) fields['operationHabitat.id'] = ['Choisissez une opération d’habitat qui couvre une commune de la petite ville de demain.'];
      else Object.assign(next, { operationType: op.type, operationLibelle: op.libelle, operationDebut: op.debut, operationFin: op.fin });
    }
    if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', 'Le poste ne peut pas être enregistré : vérifiez les champs signalés.', fields);
    return next;
  }

  /** Locks the post for a write after checking the caller's right on its PVD. */
  private async lockForWrite(em: EntityManager, user: CurrentUser, posteId: string, permission: 'pvd:modifier' | 'subvention:instruire'): Promise<PosteRecord> {
    const [row] = await em.query('SELECT pvd_id FROM poste WHERE id = $1', [posteId]);
    if (!row) throw new AppError(POSTE_NOT_FOUND.code, POSTE_NOT_FOUND.message);
    await requirePvdAccess(em, user, row.pvd_id, permission, POSTE_NOT_FOUND);
    await lockPosteAlertes(em); // before the post's row lock: see lockPosteAlertes
    await em.query('SELECT id FROM poste WHERE id = $1 FOR UPDATE', [posteId]);
    const [poste] = await loadPostes(em, 'po.id = $1', [posteId]);
    return poste;
  }

  private async demandeConflict(em: EntityManager, posteId: string, annee: number): Promise<AppError> {
    const [row] = await em.query(
      `SELECT d.updated_at, u.display_name FROM demande_cofinancement d LEFT JOIN app_user u ON u.id = d.updated_by WHERE d.poste_id = $1 AND d.annee = $2`,
      [posteId, annee],
    );
    return versionConflict({ text: `La demande de cofinancement ${annee}`, feminine: true }, row?.display_name ?? null, row?.updated_at ?? null);
  }
}
